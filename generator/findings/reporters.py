"""Rendering a report for people (text), for machines (JSON) and for GitHub annotations."""

from __future__ import annotations

import json
import os
import re

from generator.findings import Finding, Report
from generator.text import terminal

RULES_PAGE = "docs/rules.md"  # written by `python -m generator rules --format markdown`


def _summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return "检查通过：没有发现问题。"
    return f"发现 {errors} 个错误，{warnings} 个警告。" + (
        "" if errors else "（警告不影响发布，使用 --strict 时视为错误）"
    )


def finding_line(f: Finding) -> str:
    """`path:line:column: severity [code] message`, with any control character in it shown as an escape."""
    return terminal(f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.code}] {f.message}")


def render_text(report: Report, scope: str = "") -> str:
    lines = [finding_line(f) for f in report.findings]
    lines.append(scope + _summary(report))
    return "\n".join(lines) + "\n"


def render_json(report: Report, scope: str = "") -> str:
    return json.dumps([f.as_dict() for f in report.findings], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def rules_page() -> str:
    """Where the rules page is: on GitHub at the commit being checked, or the repository path elsewhere."""
    server, repository, sha = (
        os.environ.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if (
        server.startswith("https://")
        and re.fullmatch(r"[\w.-]+/[\w.-]+", repository)
        and re.fullmatch(r"[0-9a-f]{40}", sha)
    ):
        return f"{server}/{repository}/blob/{sha}/{RULES_PAGE}"
    return RULES_PAGE


def render_github(report: Report, scope: str = "") -> str:
    page = rules_page()
    lines = [
        f"::{f.severity} file={_escape_property(f.path)},line={f.line},col={f.column},"
        f"title={_escape_property(f.code)}::{_escape_data(f.message)}（规则说明：{page}#{f.code}）"
        for f in report.findings
    ]
    lines.append(scope + _summary(report))
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
