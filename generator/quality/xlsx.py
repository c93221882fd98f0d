"""The quality report as a workbook to send out: a summary sheet, then one sheet per department listing
each of its findings (file, line, item, rule, message), as provinces send each department its errors."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import xlsxwriter

from generator.checks.base import RULES
from generator.exports.table import MAX_WIDTH, display_width
from generator.files import replacing
from generator.quality.model import QualityReport, fixed_and_new
from generator.quality.render import LEVELS

SUMMARY_SHEET = "总览"
FINDING_HEADERS = ["文件", "行", "事项", "规则代码", "规则", "级别", "问题和改法"]
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters the xlsx format cannot hold


def sheet_names(names: list[str]) -> list[str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\ or ', unique (case-insensitively),
    never the summary sheet's."""
    taken = {SUMMARY_SHEET.casefold()}
    result = []
    for name in names:
        base = _SHEET_FORBIDDEN.sub("_", _ILLEGAL.sub("", name)).strip() or "部门"
        candidate, number = base[:31], 2
        while candidate.casefold() in taken:
            suffix = f"（{number}）"
            candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def write_xlsx(report: QualityReport, out: Path) -> None:
    """Written to a temporary file beside `out`, then renamed: never a half-written workbook."""
    with replacing(out) as partial:
        _write(report, partial)


def _write(report: QualityReport, path: Path) -> None:
    # Text stays text: nothing typed in the registry becomes a formula, a link or a number.
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    workbook.set_properties(
        {"title": "事项质量报告", "created": datetime.datetime(2000, 1, 1)}
    )  # same report, same bytes
    bold = workbook.add_format({"bold": True})
    percent = workbook.add_format({"num_format": "0.0%"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    departments = report.now.departments
    names = sheet_names([d.name for d in departments])

    summary = workbook.add_worksheet(SUMMARY_SHEET)
    headers = ["部门", "部门编号", "事项", "没有问题的事项", "没有问题的事项占比", "错误", "警告", "工作表"]
    if report.before is not None:
        headers += [f"错误（{report.since}）", f"警告（{report.since}）", "解决", "新出现"]
    rows: list[list[object]] = []
    for department, name in zip(departments, names, strict=True):
        row: list[object] = [
            department.name,
            department.id,
            department.items,
            department.clean,
            department.clean_share,
            department.errors,
            department.warnings,
            name,
        ]
        if report.before is not None:
            before = report.previous(department.id)
            fixed, new = fixed_and_new(department, before)
            row += [before.errors if before else None, before.warnings if before else None, fixed, new]
        rows.append(row)
    _table(summary, headers, rows, bold, {4: percent})

    for department, name in zip(departments, names, strict=True):
        sheet = workbook.add_worksheet(name)
        findings = [
            [
                f.path,
                f.line,
                report.now.item_names.get(f.path, ""),
                f.code,
                RULES[f.code].summary if f.code in RULES else "",
                LEVELS.get(f.severity, str(f.severity)),
                f.message,
            ]
            for f in department.findings
        ]
        if not findings:
            sheet.write_string(0, 0, f"{department.name}：没有发现问题。", bold)
            continue
        _table(sheet, FINDING_HEADERS, findings, bold, {6: wrap})
    workbook.close()


def _table(sheet, headers: list[str], rows: list[list[object]], bold, formats: dict) -> None:
    for column, header in enumerate(headers):
        width = max(
            [display_width(header)] + [display_width(str(row[column])) for row in rows if row[column] is not None]
        )
        sheet.set_column(column, column, min(max(width + 2, 6), MAX_WIDTH), formats.get(column))
        sheet.write_string(0, column, header, bold)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(row_number, column, _ILLEGAL.sub("", value), formats.get(column))
            else:
                sheet.write_number(row_number, column, value, formats.get(column))
