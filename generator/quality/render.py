"""The quality report as Markdown (a pull request's job summary, a page to read) and JSON (for machines)."""

from __future__ import annotations

import json
import re

from generator.checks.base import RULES
from generator.findings import Severity
from generator.findings.reporters import rules_page
from generator.quality.model import DepartmentQuality, QualityReport, fixed_and_new
from generator.wording import number, percent

LEVELS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
TOP_RULES = 3


def _numbers(department: DepartmentQuality | None) -> dict[str, object] | None:
    if department is None:
        return None
    return {
        "items": department.items,
        "clean": department.clean,
        "clean_share": department.clean_share,
        "errors": department.errors,
        "warnings": department.warnings,
        "errors_by_rule": dict(sorted(department.by_rule(Severity.ERROR).items())),
        "warnings_by_rule": dict(sorted(department.by_rule(Severity.WARNING).items())),
    }


def render_json(report: QualityReport) -> str:
    departments = []
    for department in report.now.departments:
        entry: dict[str, object] = {"id": department.id, "name": department.name, **(_numbers(department) or {})}
        if report.before is not None:
            before = report.previous(department.id)
            fixed, new = fixed_and_new(department, before)
            entry["before"] = _numbers(before)
            entry["fixed"], entry["new"] = fixed, new
        entry["findings"] = [
            {
                **f.as_dict(),
                "item": report.now.item_names.get(f.path),
                "title": RULES[f.code].summary if f.code in RULES else "",
            }
            for f in department.findings
        ]
        departments.append(entry)
    data = {
        "registry": report.registry,
        "since": report.since,
        "total": _numbers(report.now.total),
        "before": _numbers(report.before.total) if report.before else None,
        "departments": departments,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md(text: str) -> str:
    """Registry text inside Markdown: every character Markdown or HTML would read as markup escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))


def _delta(now: int, before: int | None) -> str:
    if before is None:
        return "新增"
    change = now - before
    return "—" if change == 0 else f"{change:+d}"


def _share_delta(now: float | None, before: float | None) -> str:
    if now is None or before is None or abs(now - before) < 1e-12:
        return "—"
    points = (now - before) * 100
    return f"{points:+.1f} 个百分点"


def _top_rules(department: DepartmentQuality) -> str:
    counts = department.by_rule(Severity.ERROR) + department.by_rule(Severity.WARNING)
    top = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_RULES]
    return "、".join(f"`{code}` {n}" for code, n in top) or "—"


def render_markdown(report: QualityReport) -> str:
    page = rules_page()
    total = report.now.total
    lines = ["## 事项质量报告", ""]
    summary = (
        f"登记册 `{md(report.registry)}`：{number(total.items)} 个事项，错误 {number(total.errors)} 个、警告 "
        f"{number(total.warnings)} 个，没有问题的事项占 {percent(total.clean_share)}。"
    )
    if report.before is not None:
        earlier = report.before.total
        summary += (
            f"与 `{md(report.since or '')}` 相比：错误 {_delta(total.errors, earlier.errors)}，警告 {_delta(total.warnings, earlier.warnings)}，"
            f"没有问题的事项占比 {_share_delta(total.clean_share, earlier.clean_share)}。"
        )
    lines += [summary, ""]
    header = "| 部门 | 事项 | 没有问题的事项 | 错误 | 警告 | 主要问题 |"
    rule = "|---|---:|---:|---:|---:|---|"
    if report.before is not None:
        header += " 错误变化 | 警告变化 | 解决 | 新出现 |"
        rule += "---:|---:|---:|---:|"
    lines += [header, rule]
    for department in report.now.departments:
        row = (
            f"| {md(department.name)} | {department.items} | {percent(department.clean_share)} | {department.errors} | "
            f"{department.warnings} | {_top_rules(department)} |"
        )
        if report.before is not None:
            previous = report.previous(department.id)
            fixed, new = fixed_and_new(department, previous)
            row += (
                f" {_delta(department.errors, previous.errors if previous else None)} |"
                f" {_delta(department.warnings, previous.warnings if previous else None)} | {fixed} | {new} |"
            )
        lines.append(row)
    for department in report.now.departments:
        before = report.previous(department.id)
        codes = sorted({f.code for f in department.findings} | ({f.code for f in before.findings} if before else set()))
        if not codes:
            continue
        lines += ["", f"### {md(department.name)}", ""]
        lines += [
            "| 规则 | 级别 | 数量 |" + (" 变化 |" if report.before is not None else ""),
            "|---|---|---:|" + ("---:|" if report.before is not None else ""),
        ]
        for code in codes:
            count = sum(1 for f in department.findings if f.code == code)
            known = RULES.get(code)
            title = f" {md(known.summary)}" if known else ""
            level = LEVELS[known.severity] if known else ""
            levels = {f.severity for f in department.findings if f.code == code}
            if len(levels) == 1:
                level = LEVELS[levels.pop()]  # the level the project set for it
            row = f"| [`{code}`]({page}#{code}){title} | {level} | {count} |"
            if report.before is not None:
                was = sum(1 for f in before.findings if f.code == code) if before else None
                row += f" {_delta(count, was)} |"
            lines.append(row)
    lines += [
        "",
        f"每个问题的文件、行号和改法：`python -m generator report --format xlsx`（每个部门一个工作表）；规则说明见 {page}。",
        "",
    ]
    return "\n".join(lines)
