"""Rendering a change report: Markdown for a pull-request comment, plain text, JSON, a bulletin draft."""

from __future__ import annotations

import datetime
import json

from generator.changes.compare import Report
from generator.text import markdown_text, terminal

KIND_TITLES = {
    "added": "新增事项",
    "withdrawn": "取消事项",
    "suspended": "暂停办理",
    "restored": "恢复办理",
    "changed": "变更事项",
}


def render_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _summary(report: Report) -> str:
    if report.empty:
        return "本次修改没有改变群众办事时看到的内容。"
    parts = [f"{KIND_TITLES[kind]} {report.count(kind)} 项" for kind in KIND_TITLES if report.count(kind)]
    if report.bundles:
        parts.append(f"一件事变化 {len(report.bundles)} 件")
    return "，".join(parts) + "。"


def render_markdown(report: Report, *, link=None) -> str:
    """`link(ref)` may turn an item reference into a Markdown link target; plain text without it."""
    lines = ["## 对群众办事的影响", "", _summary(report), ""]
    for kind, title in KIND_TITLES.items():
        changes = [change for change in report.items if change.kind == kind]
        if not changes:
            continue
        lines += [f"### {title}", ""]
        for change in changes:
            title = markdown_text(change.title)
            name = f"[{title}]({link(change.ref)})" if link and kind != "withdrawn" else title
            moved = f"（文件由 `{change.old_ref}` 移到 `{change.ref}`）" if change.moved else ""
            lines.append(f"- {name} `{change.ref}`{moved}")
            lines += [f"    - {markdown_text(item.text)}" for item in change.changes]
        lines.append("")
    if report.bundles:
        lines += ["### 一件事", ""]
        for bundle in report.bundles:
            what = {"added": "新增", "removed": "取消", "changed": "调整"}[bundle.kind]
            notes = "；".join(markdown_text(note) for note in bundle.changes)
            lines.append(f"- {what}：{markdown_text(bundle.name)} `{bundle.id}`" + (f"：{notes}" if notes else ""))
        lines.append("")
    return "\n".join(lines)


def render_text(report: Report) -> str:
    lines = [_summary(report)]
    for change in report.items:
        where = f"{change.old_ref} → {change.ref}" if change.moved else change.ref
        lines.append(f"{KIND_TITLES[change.kind]}：{change.title}（{where}）")
        lines += [f"  - {item.text}" for item in change.changes]
    for bundle in report.bundles:
        lines.append(f"一件事 {bundle.name}（{bundle.id}）：{bundle.kind} " + "；".join(bundle.changes))
    return terminal("\n".join(lines)) + "\n"


def bulletin_draft(report: Report, today: datetime.date, slug: str) -> str:
    """A bulletin for the reform office to edit: live figures stay placeholders, items are linked by reference."""
    rows = ["| 事项 | 变化 |", "|---|---|"]
    for change in report.items:
        published = change.kind in ("added", "changed", "restored")
        name = f"{{{{ item {change.ref} }}}}" if published else markdown_text(change.title)
        what = "；".join(markdown_text(item.text) for item in change.changes) or KIND_TITLES[change.kind]
        rows.append(f"| {name} | {KIND_TITLES[change.kind]}：{what} |")
    for bundle in report.bundles:
        notes = "；".join(markdown_text(note) for note in bundle.changes) or bundle.kind
        rows.append(f"| {markdown_text(bundle.name)} | 一件事{notes} |")
    title = f"{today.year}年{today.month}月政务服务事项调整情况"
    return "\n".join(
        [
            "---",
            f"title: {title}",
            f"slug: {slug}",
            f"date: {today.isoformat()}",
            f"description: {_summary(report)}",
            "categories:",
            "  - 改革动态",
            "authors:",
            "  - reform-office",
            "---",
            "",
            f"# {title}",
            "",
            f"（草稿：请市审改办核对、补充后发布。）{_summary(report)}",
            "",
            "<!-- more -->",
            "",
            *rows,
            "",
            "调整后，全市在用事项 {{ stats.items }} 项，承诺时限比法定时限压减 {{ stats.time_compression }}，"
            "“最多跑一次”事项占 {{ stats.at_most_one_visit_rate }}，全程网办事项占 {{ stats.fully_online_rate }}。",
            "",
        ]
    )
