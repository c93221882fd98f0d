"""Severity by configuration: registry.yml raises, lowers or turns off a rule, with its reason; a code that
does not exist or cannot be adjusted is a finding; `--strict` still raises what is left a warning."""

from __future__ import annotations

from conftest import ITEM_TEXT, edit, line_of, run_cli

from generator.checks import check_registry
from generator.findings import Severity

NO_KEYWORDS = edit(ITEM_TEXT, "keywords: [测试, 办测试]", "keywords: []")
SAME_PHONES = edit(ITEM_TEXT, '  complaint: "12345"', '  complaint: "0000-8000 0001"')


def levels(registry, settings: str, strict: bool = False):
    path = registry.root.parent / "registry.yml"
    path.write_text(settings, encoding="utf-8")
    _, report = check_registry(registry.root, workers=1, settings_file=path)
    report = report.strict() if strict else report
    return [(f.code, f.severity) for f in report.findings], report, path


def test_a_warning_raised_to_an_error(registry):
    registry.item(NO_KEYWORDS)
    found, report, _ = levels(
        registry, "rules:\n  item.no-keywords:\n    severity: error\n    reason: 本市要求每个事项都有检索词\n"
    )
    assert found == [("item.no-keywords", Severity.ERROR)] and not report.ok


def test_a_rule_turned_off(registry):
    registry.item(NO_KEYWORDS)
    found, report, _ = levels(
        registry, "rules:\n  item.no-keywords:\n    severity: off\n    reason: 检索词由搜索组统一维护\n"
    )
    assert found == [] and report.ok


def test_an_error_lowered_to_a_warning_still_fails_strict(registry):
    registry.item(SAME_PHONES)
    settings = "rules:\n  contact.same-phone:\n    severity: warning\n    reason: 部分乡镇暂只有一部电话\n"
    found, report, _ = levels(registry, settings)
    assert found == [("contact.same-phone", Severity.WARNING)] and report.ok
    found, report, _ = levels(registry, settings, strict=True)
    assert found == [("contact.same-phone", Severity.ERROR)] and not report.ok


def test_an_unknown_code_names_the_nearest(registry):
    registry.item()
    settings = "rules:\n  item.no-keyword:\n    severity: off\n    reason: 拼错了\n"
    found, report, path = levels(registry, settings)
    assert found == [("settings.unknown-rule", Severity.ERROR)]
    finding = report.findings[0]
    assert (finding.path, finding.line) == (str(path), line_of(settings, "item.no-keyword:"))
    assert "是不是 item.no-keywords" in finding.message


def test_a_rule_that_cannot_be_adjusted(registry):
    registry.item(edit(ITEM_TEXT, "summary: 用于测试的事项。\n", ""))
    found, _, _ = levels(registry, "rules:\n  field.missing:\n    severity: off\n    reason: 想先发布\n")
    assert sorted(found) == [("field.missing", Severity.ERROR), ("settings.rule-fixed", Severity.ERROR)]


def test_a_level_without_its_reason_is_refused(registry):
    registry.item(NO_KEYWORDS)
    found, _, _ = levels(registry, "rules:\n  item.no-keywords:\n    severity: off\n")
    assert ("field.missing", Severity.ERROR) in found


def test_the_command_line_reads_the_settings(registry):
    registry.item(NO_KEYWORDS)
    settings = registry.root.parent / "registry.yml"
    settings.write_text(
        "rules:\n  item.no-keywords:\n    severity: off\n    reason: 检索词由搜索组统一维护\n", encoding="utf-8"
    )
    assert run_cli("check", "--items", str(registry.root), "--settings", str(settings), "--strict").returncode == 0
    assert (
        run_cli(
            "check", "--items", str(registry.root), "--settings", str(settings.with_name("none.yml")), "--strict"
        ).returncode
        == 1
    )
