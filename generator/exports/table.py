"""The implementation list (实施清单) as one flat table: one row per published item, Chinese headers.

Two files from the same rows: CSV for machines (UTF-8 with a BOM, so Excel on Windows reads the
Chinese right) and xlsx for people (codes kept as text, numbers as numbers, dates as dates).
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import cast

import xlsxwriter

from generator.registry.loader import Registry
from generator.text import csv_cell
from generator.views import ItemView
from generator.wording import fee_text

Value = str | int | datetime.date | None
SHEET_TITLE = "实施清单"
MAX_WIDTH = 60
# Digits-only codes Excel would otherwise turn into numbers (110203001000 → 1.10203E+11).
TEXT_COLUMNS = ("基本编码", "实施编码", "统一社会信用代码", "咨询电话", "投诉电话")


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
        ("收费", lambda v: fee_text(v.item.fees)),
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
        writer.writerows([csv_cell(as_text(value)) for value in row] for row in rows(registry, site_url))


# East Asian wide and fullwidth characters (Unicode's W and F classes, Basic Multilingual Plane).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters the xlsx format cannot hold


def display_width(value: Value) -> int:
    """Width in Latin characters: a Chinese character takes two."""
    text = as_text(value)
    return len(text) + len(_WIDE.findall(text))


def write_xlsx(registry: Registry, out: Path, site_url: str | None = None) -> None:
    names = headers()
    table = [names, *rows(registry, site_url)]
    released = datetime.datetime.combine(
        max((r.item.updated for r in registry.published), default=datetime.date(2000, 1, 1)), datetime.time()
    )
    # Text stays text: nothing typed in the registry becomes a formula, a link or a number.
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    workbook = xlsxwriter.Workbook(str(out), options)
    workbook.set_properties({"title": "政务服务事项实施清单", "created": released})  # the same registry, the same bytes
    sheet = workbook.add_worksheet(SHEET_TITLE)
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    text = workbook.add_format({"num_format": "@"})
    text_columns = {names.index(name) for name in TEXT_COLUMNS}
    for column, values in enumerate(zip(*table, strict=True)):
        width = max(display_width(value) for value in values)
        sheet.set_column(column, column, min(max(width + 2, 8), MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table) - 1, len(names) - 1)
    for column, name in enumerate(names):
        sheet.write_string(0, column, name, bold)
    for row_number, row in enumerate(table[1:], start=1):
        for column, value in enumerate(cast(list[Value], row)):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(
                    row_number, column, _ILLEGAL.sub("", value), text if column in text_columns else None
                )
            elif isinstance(value, datetime.date):
                sheet.write_datetime(row_number, column, datetime.datetime.combine(value, datetime.time()), date)
            else:
                sheet.write_number(row_number, column, value)
    try:
        workbook.close()
    except xlsxwriter.exceptions.FileCreateError as error:
        raise error.args[0] if error.args and isinstance(error.args[0], OSError) else OSError(str(error)) from None
