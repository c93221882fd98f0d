"""The implementation list (实施清单) as tables with Chinese headers: the flat list, and the whole of each item.

    write_csv(registry, Path("items.csv"))          # the flat list: one row per published item
    write_xlsx(registry, Path("items.xlsx"))        # the flat list first, then every other sheet
    write_csv_set(registry, Path("实施清单/"))      # items.csv and one CSV file per other sheet

The sheets and their columns are in `sheets.py`. CSV is for machines (UTF-8 with a BOM, so Excel on
Windows reads the Chinese right), xlsx for people (codes kept as text, numbers as numbers, dates as
dates). A cell is text, never a formula: a CSV cell that starts with = + - @ a tab or a carriage
return gets a leading ' (`generator.text.csv_cell`), the xlsx is written with strings_to_formulas off,
and text that itself starts with ' followed by one of them gets one more ' in both, so that the
import, which takes one ' off such a cell, gives back the text as it was.
"""

from __future__ import annotations

import csv
import datetime
import re
from contextlib import ExitStack
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from generator.exports.table.sheets import Sheet, Value, items_sheet, sheet_rows, sheets, workbook_rows
from generator.files import replacing
from generator.registry.loader import Registry
from generator.text import csv_cell, plain

SHEET_TITLE = "实施清单"
MAX_WIDTH = 60
_QUOTED_FORMULA = re.compile(r"^'+[=+\-@\t\r]")  # what the import takes one ' off


def headers() -> list[str]:
    return items_sheet(None).headers


def rows(registry: Registry, site_url: str | None = None) -> list[list[Value]]:
    """One row per published item, in registry order, values typed (numbers, dates, None for blank)."""
    return list(sheet_rows(items_sheet(site_url), registry))


def as_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a workflow step of 3.0 days is written 3, as in the item file
    return str(value)


def csv_text(value: Value) -> str:
    text = as_text(value)
    if _QUOTED_FORMULA.match(plain(text)):
        return "'" + plain(text)
    return str(csv_cell(text))


def _write_csv_sheet(sheet: Sheet, registry: Registry, out: Path) -> None:
    # utf-8-sig writes the BOM that tells Excel the file is UTF-8; without it Excel reads GBK and garbles.
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(sheet.headers)
        writer.writerows([csv_text(value) for value in row] for row in sheet_rows(sheet, registry))


def write_csv(registry: Registry, out: Path, site_url: str | None = None) -> None:
    """items.csv: the flat list alone, what the site publishes."""
    _write_csv_sheet(items_sheet(site_url), registry, out)


def write_csv_set(registry: Registry, folder: Path, site_url: str | None = None) -> list[Path]:
    """items.csv and beside it one file per other sheet (items-materials.csv …, departments.csv)."""
    all_sheets = sheets(site_url)
    targets = [folder / sheet.file_name for sheet in all_sheets]
    with ExitStack() as stack:  # the streams close before their files are moved into place
        partials = [stack.enter_context(replacing(target)) for target in targets]
        # utf-8-sig writes the BOM that tells Excel the file is UTF-8; without it Excel reads GBK and garbles.
        streams = [stack.enter_context(partial.open("w", encoding="utf-8-sig", newline="")) for partial in partials]
        writers = [csv.writer(stream) for stream in streams]
        for writer, sheet in zip(writers, all_sheets, strict=True):
            writer.writerow(sheet.headers)
        for index, row in workbook_rows(all_sheets, registry):
            writers[index].writerow([csv_text(value) for value in row])
    return targets


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


class _SheetWriter:
    """One worksheet written row by row, its columns as wide as their widest cell (within bounds)."""

    def __init__(self, target: Worksheet, sheet: Sheet, formats: dict):
        self.target, self.formats, self.rows = target, formats, 0
        self.widest = [display_width(header) for header in sheet.headers]
        self.text_format = [formats["text"] if column.text else None for column in sheet.columns]
        for column, name in enumerate(sheet.headers):
            target.write_string(0, column, name, formats["bold"])

    def write(self, row: list[Value]) -> None:
        self.rows += 1
        target, widest = self.target, self.widest
        for column, value in enumerate(row):
            if value is None:
                continue
            # Beyond MAX_WIDTH a column is cut anyway: long texts (answers, step descriptions) are not measured,
            # nor text too short to widen the column even were it all Chinese.
            if widest[column] < MAX_WIDTH and (not isinstance(value, str) or 2 * len(value) > widest[column]):
                widest[column] = max(widest[column], display_width(value))
            if isinstance(value, str):
                target.write_string(self.rows, column, xlsx_text(value), self.text_format[column])
            elif isinstance(value, datetime.date):
                moment = datetime.datetime.combine(value, datetime.time())
                target.write_datetime(self.rows, column, moment, self.formats["date"])
            else:
                target.write_number(self.rows, column, value)

    def finish(self) -> None:
        # Column widths and the filter are kept apart from the rows and written when the workbook closes.
        for column, width in enumerate(self.widest):
            self.target.set_column(column, column, min(max(width + 2, 8), MAX_WIDTH))
        self.target.freeze_panes(1, 0)
        self.target.autofilter(0, 0, self.rows, len(self.widest) - 1)


def xlsx_text(value: str) -> str:
    text = _ILLEGAL.sub("", value)
    return "'" + text if _QUOTED_FORMULA.match(text) else text


def write_xlsx(registry: Registry, out: Path, site_url: str | None = None) -> None:
    released = datetime.datetime.combine(
        max((r.brief.updated for r in registry.published), default=datetime.date(2000, 1, 1)), datetime.time()
    )
    # Text stays text: nothing typed in the registry becomes a formula, a link or a number. constant_memory
    # writes each row to disk as the next begins (a temporary file per sheet), so each sheet is written
    # top to bottom, once, and all of them in the one pass over the items.
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    workbook = xlsxwriter.Workbook(str(out), options)
    workbook.set_properties({"title": "政务服务事项实施清单", "created": released})  # the same registry, the same bytes
    formats = {
        "bold": workbook.add_format({"bold": True}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "text": workbook.add_format({"num_format": "@"}),
    }
    all_sheets = sheets(site_url)
    writers = [_SheetWriter(workbook.add_worksheet(sheet.title), sheet, formats) for sheet in all_sheets]
    for index, row in workbook_rows(all_sheets, registry):
        writers[index].write(row)
    for writer in writers:
        writer.finish()
    try:
        workbook.close()
    except xlsxwriter.exceptions.FileCreateError as error:
        raise error.args[0] if error.args and isinstance(error.args[0], OSError) else OSError(str(error)) from None


__all__ = [
    "MAX_WIDTH",
    "SHEET_TITLE",
    "Sheet",
    "as_text",
    "csv_text",
    "display_width",
    "headers",
    "rows",
    "sheets",
    "write_csv",
    "write_csv_set",
    "write_xlsx",
]
