"""Bad and hostile input: each is a finding with a file and a line, never an exception."""

import time

import yaml
from conftest import ITEM_TEXT, edit, line_of

from generator.models import Item
from generator.registry.loader import load_item_file
from generator.registry.validation import validate
from generator.registry.yamldoc import YamlDocument


def test_valid_fixture_has_no_findings(registry):
    registry.item()
    assert registry.flat(strict=True) == []


def test_malformed_yaml(registry):
    text = edit(ITEM_TEXT, "summary: 用于测试的事项。", "summary: 用于: 测试: 的事项")
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "summary:"), "yaml.syntax")]


def test_wrong_types(registry):
    text = edit(ITEM_TEXT, "visits: 1", "visits: 一次")
    text = edit(text, "audience: [企业法人]", "audience: 企业法人")
    registry.item(text)
    assert registry.flat() == [
        ("alpha/sample.yml", line_of(text, "audience:"), "field.type"),
        ("alpha/sample.yml", line_of(text, "visits:"), "field.type"),
    ]


def test_unknown_key_suggests_the_nearest(registry):
    text = edit(ITEM_TEXT, "  promised: 5", "  promise: 5")
    registry.item(text)
    report = registry.check()
    assert [(f.line, f.code) for f in report.findings] == [
        (line_of(text, "statutory:") - 1, "field.missing"),
        (line_of(text, "promise:"), "field.unknown-key"),
    ]
    unknown = report.findings[1]
    assert "promised" in unknown.message and "承诺时限" in unknown.message


def test_duplicate_keys_are_refused(registry):
    text = edit(ITEM_TEXT, "visits: 1\n", "visits: 1\nvisits: 0\n")
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "visits: 0"), "yaml.duplicate-key")]


def test_gbk_file_is_reported_as_not_utf8(registry):
    registry.item(ITEM_TEXT.encode("gbk"))
    report = registry.check()
    assert [(f.line, f.code) for f in report.findings] == [(1, "file.encoding")]
    assert "UTF-8" in report.findings[0].message


def test_empty_and_comment_only_files(registry):
    registry.item("")
    registry.item("# 只有注释\n\n", ref="alpha/other")
    assert registry.flat() == [("alpha/other.yml", 1, "file.empty"), ("alpha/sample.yml", 1, "file.empty")]


def test_list_where_a_mapping_belongs(registry):
    registry.item("- name: 测试\n- name: 另一个\n")
    text = edit(
        ITEM_TEXT,
        "result:\n  name: 许可证\n  type: 证照\n  sample: https://example.gov.example/sample.pdf",
        "result:\n  - 许可证",
    )
    registry.item(text, ref="alpha/other")
    assert registry.flat() == [
        ("alpha/other.yml", line_of(text, "result:"), "field.type"),
        ("alpha/sample.yml", 1, "yaml.not-mapping"),
    ]


def test_one_broken_file_does_not_hide_the_others(registry):
    registry.item(b"\xff\xfe broken")
    registry.item(edit(ITEM_TEXT, "visits: 1", "visits: -1"), ref="alpha/other")
    codes = {(path, code) for path, _, code in registry.flat()}
    assert codes == {("alpha/sample.yml", "file.encoding"), ("alpha/other.yml", "field.range")}


def test_alias_bomb_is_refused_fast(registry):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    registry.item(bomb)
    start = time.perf_counter()
    assert registry.flat() == [("alpha/sample.yml", 1, "yaml.alias")]
    assert time.perf_counter() - start < 2


def test_deep_nesting_is_refused(registry):
    registry.item("name: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert registry.flat() == [("alpha/sample.yml", 1, "yaml.too-deep")]


def test_huge_file_is_refused_before_reading(registry):
    registry.item("name: 测试\nsummary: " + "很长" * 400_000 + "\n")
    assert registry.flat() == [("alpha/sample.yml", 1, "yaml.too-large")]


def test_tabs_are_reported_per_line(registry):
    text = edit(ITEM_TEXT, "summary: 用于测试的事项。", "summary: 用于测试的\t事项。")
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "summary:"), "yaml.tab")]


def test_links_must_be_http(registry):
    text = edit(ITEM_TEXT, "url: https://example.gov.example/apply", "url: javascript:alert(1)")
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "javascript:"), "link.scheme")]


def test_markup_in_text_is_a_finding(registry):
    text = edit(ITEM_TEXT, "summary: 用于测试的事项。", "summary: 用于测试<script>alert(1)</script>")
    text = edit(text, "conditions: 符合条件的企业。", "conditions: 面积 < 100 平方米且 > 20 平方米的企业。")
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "summary:"), "text.markup")]


def test_python_tags_and_extra_documents_are_refused(registry):
    registry.item("name: !!python/object/apply:os.system ['echo hi']\n")
    registry.item(ITEM_TEXT + "---\nname: 第二个\n", ref="alpha/other")
    assert registry.flat() == [
        ("alpha/other.yml", line_of(ITEM_TEXT + "---", "---"), "yaml.multiple-documents"),
        ("alpha/sample.yml", 1, "yaml.tag"),
    ]


def test_blank_required_field(registry):
    text = edit(ITEM_TEXT, "conditions: 符合条件的企业。", 'conditions: "  "')
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "conditions:"), "field.blank")]


def test_missing_required_field_names_label_and_key(registry):
    text = edit(ITEM_TEXT, "conditions: 符合条件的企业。\n", "")
    registry.item(text)
    report = registry.check()
    assert [(f.code, f.field) for f in report.findings] == [("field.missing", "conditions")]
    assert "受理条件 (conditions)" in report.findings[0].message


def test_codes_keep_their_leading_zeros(registry):
    # Unquoted, 012345678901 would be an octal number in YAML 1.1: it must stay the text typed.
    text = edit(ITEM_TEXT, 'catalog_code: "100000000001"', "catalog_code: 012345678901")
    text = edit(text, "code: 11990100MB9990010D3100000000001", "code: 11990100MB9990010D3012345678901")
    registry.item(text)
    assert registry.flat() == []


def test_files_outside_department_folders_and_bad_names(registry):
    registry.write("stray.yml", ITEM_TEXT)
    registry.write("alpha/Bad_Name.yml", ITEM_TEXT)
    registry.write("alpha/other.yaml", ITEM_TEXT)
    assert registry.flat() == [
        ("alpha/Bad_Name.yml", 1, "file.name"),
        ("alpha/other.yaml", 1, "file.name"),
        ("stray.yml", 1, "file.location"),
    ]


def test_random_garbage_never_raises(registry):
    import random

    rng = random.Random(7)
    for index in range(60):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        registry.item(blob, ref=f"alpha/junk-{index}")
        mutated = list(ITEM_TEXT)
        for _ in range(5):
            mutated[rng.randrange(len(mutated))] = rng.choice(":-[]{}&*!|>'\"#\n ")
        registry.item("".join(mutated), ref=f"alpha/mutated-{index}")
    report = registry.check()
    assert report.findings
    assert all(f.path and f.line >= 1 and f.code for f in report.findings)


def test_lists_too_short_or_too_long(registry):
    text = edit(ITEM_TEXT, "audience: [企业法人]", "audience: []")
    text = edit(text, "topics: [开办企业]", "topics: [" + ", ".join(f"主题{n}" for n in range(11)) + "]")
    registry.item(text)
    assert registry.flat() == [
        ("alpha/sample.yml", line_of(text, "audience:"), "field.too-few"),
        ("alpha/sample.yml", line_of(text, "topics:"), "field.too-many"),
    ]


def test_an_error_without_a_message_of_its_own_still_names_the_field():
    """YAML keeps `.nan` as the text typed, but whatever pydantic reports without a message of ours
    (here: a number that is not finite) is still a finding at the field."""
    data = yaml.safe_load(ITEM_TEXT)
    data["visits"] = float("nan")
    _, findings = validate(Item, YamlDocument(data), "alpha/sample.yml")
    assert [(f.code, f.field) for f in findings] == [("field.invalid", "visits")]
    assert "到现场次数 (visits)" in findings[0].message


def test_a_registry_without_departments_and_a_repeated_id(registry, tmp_path):
    departments = (registry.root / "departments.yml").read_text(encoding="utf-8")
    repeated = departments + departments.split("departments:\n", 1)[1].split("  - id: beta", 1)[0]
    registry.write("departments.yml", repeated)
    assert ("departments.yml", line_of(repeated, "  - id: alpha", 2), "id.duplicate") in registry.flat()
    (registry.root / "departments.yml").unlink()
    assert registry.flat() == [("departments.yml", 1, "file.missing")]


def test_keys_that_are_not_text_and_files_that_vanish(registry):
    registry.item("? [name, sub_name]\n: 食品经营许可\n")
    assert registry.flat() == [("alpha/sample.yml", 1, "yaml.bad-key")]
    record, findings = load_item_file(registry.root / "alpha" / "gone.yml", "alpha/gone.yml")
    assert record is None and [f.code for f in findings] == ["file.unreadable"]
