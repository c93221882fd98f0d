"""The catalogue of every finding code, for people (text), machines (JSON) and the repository's rules page
(Markdown, docs/rules.md): `python -m generator rules [--format text|json|markdown]`."""

from __future__ import annotations

import json

from generator.checks.base import RULES, Rule
from generator.checks.sources import SOURCES
from generator.findings.reporters import RULES_PAGE

# The order and Chinese headings of the groups; a group not listed here comes last under its own name.
GROUPS = {
    "file": "文件",
    "yaml": "YAML 格式",
    "field": "字段",
    "link": "链接",
    "text": "文字内容",
    "id": "编号",
    "settings": "项目设置（registry.yml）",
    "code": "编码",
    "ref": "引用",
    "bundle": "一件事",
    "item": "事项",
    "conditions": "受理条件",
    "material": "申请材料",
    "form": "表单",
    "handling": "办件类型",
    "time-limit": "办理时限",
    "workflow": "业务经办流程",
    "steps": "办事流程",
    "visits": "到现场次数",
    "online": "网上办理",
    "delivery": "结果送达",
    "fee": "收费",
    "result": "办理结果",
    "window": "办理地点和时间",
    "phone": "电话",
    "contact": "咨询与投诉",
    "topics": "主题",
    "faq": "常见问题",
    "unified": "八统一",
    "import": "导入",
    "portal": "省级门户：跨地区的导出和八统一",
}
LEVELS = {"error": "错误", "warning": "警告"}


def catalogue() -> list[Rule]:
    """Every registered rule, grouped as on the rules page."""
    # Importing registers: the rules, the findings of import, and the portal's over the partitions.
    import generator.checks.runner
    import generator.importer.catalogue
    import generator.portal.catalogue  # noqa: F401

    order = {group: index for index, group in enumerate(GROUPS)}
    return sorted(RULES.values(), key=lambda r: (order.get(r.group, len(order)), r.group, r.code))


def _level(rule: Rule) -> str:
    return LEVELS[str(rule.severity)] + ("" if rule.adjustable else "（不可调整）")


def render_text(rules: list[Rule]) -> str:
    lines: list[str] = []
    group: str | None = None
    for rule in rules:
        if rule.group != group:
            group = rule.group
            lines.append(f"{'' if not lines else chr(10)}{GROUPS.get(group, group)}")
        lines.append(f"  {rule.code:<40} {_level(rule):<10} {rule.summary}")
    lines.append(f"\n共 {len(rules)} 个代码；说明见 {RULES_PAGE}，级别可在 registry.yml 的 rules 中调整。")
    return "\n".join(lines) + "\n"


def render_json(rules: list[Rule]) -> str:
    entries = [
        {
            "code": rule.code,
            "severity": str(rule.severity),
            "adjustable": rule.adjustable,
            "title": rule.summary,
            "protects": rule.protects,
            "fix": rule.fix,
            "sources": [{"id": key, "title": SOURCES[key].title, "where": SOURCES[key].where} for key in rule.sources],
        }
        for rule in rules
    ]
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(rules: list[Rule]) -> str:
    out = [
        "# 规则目录",
        "",
        "<!-- 由 python -m generator rules --format markdown > docs/rules.md 生成，请勿手工修改。 -->",
        "",
        "`python -m generator check` 能报告的每一个代码：级别、它保护什么、怎么改、依据哪些公开来源。"
        "错误阻止发布；警告列出来，`--strict`（网站构建使用）时也算错误。项目可以在 `registry.yml` 中调整可调整规则的级别或关闭它，"
        "并写明理由：",
        "",
        "```yaml",
        "rules:",
        "  window.hours-no-days:",
        "    severity: error      # error、warning 或 off",
        "    reason: 本市要求办理时间写明工作日，省平台按错误退回",
        "```",
        "",
        "领域规则见 [docs/domain.md](domain.md)。",
        "",
        "| 代码 | 级别 | 规则 |",
        "|---|---|---|",
    ]
    out += [f"| [`{r.code}`](#{r.code}) | {_level(r)} | {_cell(r.summary)} |" for r in rules]
    group = None
    for rule in rules:
        if rule.group != group:
            group = rule.group
            out += ["", f"## {GROUPS.get(group, group)}"]
        out += [
            "",
            f'<a id="{rule.code}"></a>',
            "",
            f"### `{rule.code}` {_cell(rule.summary)}",
            "",
            f"- 级别：{_level(rule)}",
            f"- 保护什么：{_cell(rule.protects)}",
            f"- 怎么改：{_cell(rule.fix)}",
        ]
        if rule.sources:
            out.append("- 依据：" + "；".join(f"[{_cell(SOURCES[key].title)}](#source-{key})" for key in rule.sources))
    out += ["", "## 来源", ""]
    for key, source in SOURCES.items():
        where = f"<{source.where}>" if source.where.startswith("http") else _cell(source.where)
        note = f"。{_cell(source.note)}" if source.note else ""
        out.append(f'- <a id="source-{key}"></a>**{_cell(source.title)}**：{where}{note}')
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
