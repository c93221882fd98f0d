"""The implementation list (实施清单) as one flat table: one row per published item, Chinese headers.

Two files from the same rows: CSV for machines (UTF-8 with a BOM, so Excel on Windows reads the
Chinese right) and xlsx for people (codes kept as text, numbers as numbers, dates as dates).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from generator.registry import Registry
from generator.site.model import ItemView

Value = str | int | datetime.date | None
SHEET_TITLE = "实施清单"
MAX_WIDTH = 60
# Digits-only codes Excel would otherwise turn into numbers (110203001000 → 1.10203E+11).
TEXT_COLUMNS = ("基本编码", "实施编码", "统一社会信用代码", "咨询电话", "投诉电话")


def _fees(view: ItemView) -> str:
    fees = view.item.fees
    return "；".join(f"{fee.name}：{fee.standard}" for fee in fees) if fees else "不收费"


def _laws(view: ItemView) -> str:
    return "；".join(dict.fromkeys(basis.law for basis in view.item.legal_basis))


def columns(site_url: str | None) -> list[tuple[str, Callable[[ItemView], Value]]]:
    """Each column: its Chinese header and how to read it off an item."""
    base = site_url.rstrip("/") + "/" if site_url else None
    return [
        ("事项名称", lambda v: v.item.name),
        ("子项名称", lambda v: v.item.sub_name),
        ("基本编码", lambda v: v.item.catalog_code),
        ("实施编码", lambda v: v.item.code),
        ("事项类型", lambda v: v.item.type.value),
        ("实施主体", lambda v: v.department.name),
        ("统一社会信用代码", lambda v: v.department.credit_code),
        ("行使层级", lambda v: v.item.level.value),
        ("服务对象", lambda v: "、".join(audience.value for audience in v.item.audience)),
        ("法定时限", lambda v: v.item.time_limit.statutory),
        ("承诺时限", lambda v: v.item.time_limit.promised),
        ("时限单位", lambda v: v.item.time_limit.unit.value),
        ("办件类型", lambda v: v.item.handling.value),
        ("到现场次数", lambda v: v.item.visits),
        ("网办深度", lambda v: v.item.online.depth.value),
        ("网办地址", lambda v: v.item.online.url),
        ("通办范围", lambda v: v.item.cross_region.value),
        ("告知承诺制", lambda v: "是" if v.item.commitment else "否"),
        ("收费", _fees),
        ("申请材料数", lambda v: len(v.item.materials)),
        ("免提交材料数", lambda v: sum(1 for material in v.item.materials if material.shared)),
        ("办理结果", lambda v: v.item.result.name),
        ("设定依据", _laws),
        ("咨询电话", lambda v: v.item.contact.consult),
        ("投诉电话", lambda v: v.item.contact.complaint),
        ("更新日期", lambda v: v.item.updated),
        ("事项编号", lambda v: v.ref),
        ("办事指南", lambda v: f"{base}{v.url}" if base else None),
    ]


def headers() -> list[str]:
    return [header for header, _ in columns(None)]


def rows(registry: Registry, site_url: str | None = None) -> list[list[Value]]:
    """One row per published item, in registry order, values typed (numbers, dates, None for blank)."""
    readers = [read for _, read in columns(site_url)]
    views = (ItemView(record, registry.departments[record.item.department]) for record in registry.published)
    return [[read(view) for read in readers] for view in views]


def as_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(registry: Registry, out: Path, site_url: str | None = None) -> None:
    # utf-8-sig writes the BOM that tells Excel the file is UTF-8; without it Excel reads GBK and garbles.
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers())
        writer.writerows([as_text(value) for value in row] for row in rows(registry, site_url))


def display_width(value: Value) -> int:
    """Width in Latin characters: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in as_text(value))


def write_xlsx(registry: Registry, out: Path, site_url: str | None = None) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    workbook.properties.title = "政务服务事项实施清单"
    names = headers()
    table = [names, *rows(registry, site_url)]
    text_columns = {names.index(name) + 1 for name in TEXT_COLUMNS}
    for row_number, row in enumerate(table, start=1):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text starting with "=" stays text, never a formula
            if isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            elif column in text_columns:
                cell.number_format = "@"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, values in enumerate(zip(*table, strict=True), start=1):
        width = max(display_width(value) for value in values)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), MAX_WIDTH)
    released = datetime.datetime.combine(max((r.item.updated for r in registry.published), default=datetime.date(2000, 1, 1)), datetime.time())
    workbook.properties.created = workbook.properties.modified = released
    buffer = io.BytesIO()
    workbook.save(buffer)
    out.write_bytes(_without_timestamps(buffer.getvalue(), released))


def _without_timestamps(xlsx: bytes, released: datetime.datetime) -> bytes:
    """The same workbook with every zip entry dated 1980-01-01 and the save time replaced by the release
    date (openpyxl stamps the current time), so the same registry gives the same bytes."""
    stamp = f"{released.isoformat()}Z".encode()
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            target.writestr(fixed, content)
    return result.getvalue()
