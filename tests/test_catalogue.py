"""One catalogue of every finding code: every code the source can emit is registered, with its severity,
title, what it protects, how to fix it and known sources; `rules` prints it and docs/rules.md is current."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import ITEM_TEXT, ROOT, edit, run_cli

from generator.checks.base import RULES
from generator.checks.catalogue import INPUT_CODES
from generator.checks.describe import catalogue, render_markdown
from generator.checks.sources import SOURCES

CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Where a call carries its finding code: Finding(path, line, column, code, …), Problem(code, …),
# source.at(loc, code, …), at(doc, path, loc, code, …); and any call's `code=` keyword.
_POSITION = {("Finding", False): 3, ("Problem", False): 0, ("at", True): 1, ("at", False): 3}
_REGISTRATIONS = {"rule", "_input"}


def scan(root: Path) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str]]:
    """(emitted codes, registered codes, code positions that are not literals), each code with its places."""
    emitted: dict[str, list[str]] = {}
    registered: dict[str, list[str]] = {}
    dynamic: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        place = lambda node, path=path: f"{path.relative_to(root.parent).as_posix()}:{node.lineno}"  # noqa: E731
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                position = _POSITION.get((name, isinstance(node.func, ast.Attribute)))
                args = [node.args[position]] if position is not None and len(node.args) > position else []
                args += [k.value for k in node.keywords if k.arg == "code"]
                for arg in args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        emitted.setdefault(arg.value, []).append(place(node))
                    elif isinstance(arg, ast.JoinedStr):
                        dynamic.append(place(node))
                if name in _REGISTRATIONS and node.args and isinstance(node.args[0], ast.Constant):
                    registered.setdefault(node.args[0].value, []).append(place(node))
            elif isinstance(node, (ast.Return, ast.Yield)) and isinstance(node.value, ast.Tuple) and node.value.elts:
                first = node.value.elts[0]  # `return "field.missing", message`
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and CODE.match(first.value):
                    emitted.setdefault(first.value, []).append(place(node))
    return emitted, registered, dynamic


@pytest.fixture(scope="module")
def source_codes():
    return scan(ROOT / "generator")


def test_every_code_the_source_can_emit_is_in_the_catalogue(source_codes):
    emitted, registered, dynamic = source_codes
    catalogue()  # every rule module registered
    missing = {code: places for code, places in {**emitted, **registered}.items() if code not in RULES}
    assert missing == {}, (
        "codes without a catalogue entry (register them in generator/checks/catalogue.py or with rule())"
    )
    assert dynamic == [], "finding codes must be literals so the catalogue can be checked"


def test_the_scan_sees_each_way_a_code_is_emitted(source_codes):
    emitted, registered, _ = source_codes
    # One code of each kind of place: a Problem, a Finding, source.at, a returned pair, a registered rule.
    assert {"yaml.tab", "file.missing", "text.markup", "field.missing"} <= set(emitted)
    assert {"visits.reason-missing", "file.encoding"} <= set(registered)


def test_no_catalogue_entry_outlives_its_code(source_codes):
    emitted, _, _ = source_codes
    assert INPUT_CODES - set(emitted) == set()


def test_a_new_code_without_an_entry_fails_the_check(tmp_path):
    package = tmp_path / "generator"
    package.mkdir()
    (package / "newcheck.py").write_text(
        "def check(source, path):\n"
        "    yield Finding(path, 1, 1, 'text.ruby', Severity.ERROR, '', '注音')\n"
        "    yield source.at(('name',), 'file.shortcut', Severity.ERROR, '快捷方式')\n"
        "    yield Problem(code='bundle.empty', line=1, column=1, message='空')\n"
        "\n"
        "def message(kind):\n"
        "    return 'import.bad-header', '表头不对'\n",
        encoding="utf-8",
    )
    emitted, _, _ = scan(package)
    assert {code for code in emitted if code not in RULES} == {
        "text.ruby",
        "file.shortcut",
        "bundle.empty",
        "import.bad-header",
    }


def test_every_entry_documents_itself():
    for rule in catalogue():
        assert CODE.match(rule.code), rule.code
        assert rule.summary and rule.protects and rule.fix, rule.code
        assert not rule.protects.isascii() and not rule.fix.isascii(), rule.code
        assert rule.sources and set(rule.sources) <= set(SOURCES), rule.code


def test_rules_command_lists_every_code_in_three_formats():
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert [entry["code"] for entry in listed] == [rule.code for rule in catalogue()]
    assert set(RULES) == {entry["code"] for entry in listed}
    sample = next(entry for entry in listed if entry["code"] == "result.type-mismatch")
    assert sample["severity"] == "error" and sample["adjustable"] and sample["sources"][0]["id"] == "zj-quality-check"
    text = run_cli("rules").stdout
    assert all(code in text for code in RULES)
    markdown = run_cli("rules", "--format", "markdown").stdout
    assert all(f'<a id="{code}"></a>' in markdown for code in RULES)


def test_the_committed_rules_page_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_markdown(catalogue()), (
        "docs/rules.md is stale: python -m generator rules --format markdown > docs/rules.md"
    )


def test_github_annotations_link_their_rule(registry, monkeypatch):
    from generator.findings.reporters import render_github

    registry.item(edit(ITEM_TEXT, "keywords: [测试, 办测试]", "keywords: []"))
    report = registry.check()
    monkeypatch.delenv("GITHUB_SHA", raising=False)
    assert "规则说明：docs/rules.md#item.no-keywords）" in render_github(report)
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "shifan-gov/guides")
    monkeypatch.setenv("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567")
    line = render_github(report).splitlines()[0]
    assert line.startswith("::warning file=") and ",title=item.no-keywords::" in line
    assert line.endswith(
        "规则说明：https://github.com/shifan-gov/guides/blob/0123456789abcdef0123456789abcdef01234567/docs/rules.md#item.no-keywords）"
    )
