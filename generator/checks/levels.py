"""The levels a project sets for its rules in registry.yml (`rules: {code: {severity, reason}}`): each
finding at its rule's level, a rule set to `off` silent — and a setting naming a code that does not
exist, or a rule that cannot be adjusted, a finding of its own rather than a setting that does nothing."""

from __future__ import annotations

import difflib
from dataclasses import replace

from generator.checks.base import RULES, rule
from generator.findings import Finding, Severity
from generator.models import RuleLevel, RuleSetting, Settings
from generator.registry.loader import Source

UNKNOWN = rule(
    "settings.unknown-rule",
    Severity.ERROR,
    "registry.yml 中的规则代码存在",
    protects="拼错的规则代码不会生效，以为关掉或调高的规则其实照旧",
    fix="按提示改正代码；全部代码见 python -m generator rules",
    sources=("project",),
    adjustable=False,
)
FIXED = rule(
    "settings.rule-fixed",
    Severity.ERROR,
    "registry.yml 不调整不可调整的规则",
    protects="这些问题意味着事项读不出来或网站会出错，降低级别只会让事项悄悄缺失",
    fix="删去这条设置，改正登记册中的问题",
    sources=("project",),
    adjustable=False,
)


def setting_findings(settings: Settings, source: Source | None) -> list[Finding]:
    if source is None:
        return []
    findings = []
    for code in settings.rules:
        known = RULES.get(code)
        if known is None:
            close = difflib.get_close_matches(code, list(RULES), n=1, cutoff=0.6)
            hint = f"是不是 {close[0]}？" if close else "全部代码见 python -m generator rules。"
            findings.append(
                source.at(
                    ("rules", code),
                    UNKNOWN.code,
                    UNKNOWN.severity,
                    f"规则级别 (rules) 中的“{code}”不是规则代码：{hint}请改正，否则这条设置不会生效",
                )
            )
        elif not known.adjustable:
            findings.append(
                source.at(
                    ("rules", code),
                    FIXED.code,
                    FIXED.severity,
                    f"规则 {code}（{known.summary}）不能调整级别：这类问题意味着事项读不出来或网站会出错，"
                    "请删去这条设置，改正登记册中的问题",
                )
            )
    return findings


def with_levels(findings: list[Finding], levels: dict[str, RuleSetting]) -> list[Finding]:
    """Each finding at the level the project set for its rule; rules set to `off` report nothing."""
    leveled = []
    for finding in findings:
        setting = levels.get(finding.code)
        known = RULES.get(finding.code)
        if setting is None or known is None or not known.adjustable:
            leveled.append(finding)
        elif setting.severity is not RuleLevel.OFF:
            leveled.append(replace(finding, severity=Severity(setting.severity.value)))
    return leveled
