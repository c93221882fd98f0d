"""The command line as a department editor and CI run it."""

import json

import yaml
from conftest import ITEM_TEXT, ROOT, edit, line_of, run_cli


def test_check_on_the_sample_registry_prints_one_line():
    result = run_cli("check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("\n") == 1
    assert "没有发现问题" in result.stdout


def test_check_text_format_and_exit_code(registry):
    text = edit(ITEM_TEXT, "  promised: 5", "  promised: 30")
    registry.item(edit(text, "    time_limit: 3", "    time_limit: 30"))
    result = run_cli("check", "--items", str(registry.root), cwd=registry.root.parent)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"items/alpha/sample.yml:{line_of(text, '  promised: 30')}:")
    assert "error [time-limit.promised-exceeds-statutory]" in first
    assert "承诺时限 (time_limit.promised) 为 30 个工作日" in first


def test_check_json_format(registry):
    registry.item(edit(ITEM_TEXT, "keywords: [测试, 办测试]", "keywords: []"))
    result = run_cli("check", "--items", str(registry.root), "--format", "json", cwd=registry.root.parent)
    assert result.returncode == 0  # a warning is not an error unless --strict
    findings = json.loads(result.stdout)
    assert findings == [
        {
            "code": "item.no-keywords",
            "severity": "warning",
            "path": "items/alpha/sample.yml",
            "line": 1,
            "column": 7,
            "field": "name",
            "message": findings[0]["message"],
        }
    ]
    strict = run_cli("check", "--items", str(registry.root), "--format", "json", "--strict", cwd=registry.root.parent)
    assert strict.returncode == 1
    assert json.loads(strict.stdout)[0]["severity"] == "error"


def test_check_github_format(registry):
    registry.item(edit(ITEM_TEXT, "visits: 1", "visits: 一次"))
    result = run_cli("check", "--items", str(registry.root), "--format", "github", cwd=registry.root.parent)
    assert result.returncode == 1
    line = line_of(ITEM_TEXT, "visits: 1")
    assert result.stdout.startswith(f"::error file=items/alpha/sample.yml,line={line},col=9,title=field.type::")


def test_usage_errors_exit_2():
    assert run_cli("check", "--format", "xml").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli().returncode == 2


def test_missing_items_directory_is_a_finding_not_a_traceback(tmp_path):
    result = run_cli("check", "--items", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "找不到事项目录" in result.stdout


def test_stats_refuses_a_registry_with_errors(registry):
    registry.item(edit(ITEM_TEXT, "visits: 1", "visits: 一次"))
    result = run_cli("stats", "--items", str(registry.root), "--json", cwd=registry.root.parent)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "field.type" in result.stderr


def test_stats_table_is_readable():
    result = run_cli("stats")
    assert result.returncode == 0, result.stderr
    assert "时限压减比例" in result.stdout and "%" in result.stdout


def test_schema_is_generated_with_chinese_titles(tmp_path):
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    item = json.loads((tmp_path / "item.schema.json").read_text(encoding="utf-8"))
    assert item["properties"]["time_limit"]["title"] == "办理时限"
    assert item["additionalProperties"] is False
    assert "承诺时限" in json.dumps(item, ensure_ascii=False)
    assert {p.name for p in tmp_path.iterdir()} == {
        "item.schema.json",
        "departments.schema.json",
        "bundles.schema.json",
        "paths.schema.json",
        "settings.schema.json",
        "import-mapping.schema.json",
    }


def test_committed_schemas_are_up_to_date(tmp_path):
    run_cli("schema", "--out", str(tmp_path))
    for path in tmp_path.iterdir():
        committed = ROOT / "schemas" / path.name
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"schemas/{path.name} is stale: run python -m generator schema"
        )


def test_new_writes_every_field_and_refuses_to_overwrite(registry):
    cwd = registry.root.parent
    result = run_cli("new", "--items", "items", "alpha", "food-stall", cwd=cwd)
    assert result.returncode == 0, result.stderr
    path = registry.root / "alpha" / "food-stall.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(text)
    from generator.models import Item

    assert set(Item.model_fields) <= set(data)
    assert "# 承诺时限：" in text and "# 容缺" not in text.splitlines()[0]
    again = run_cli("new", "--items", "items", "alpha", "food-stall", cwd=cwd)
    assert again.returncode == 1 and "不会覆盖" in again.stderr
    assert path.read_text(encoding="utf-8") == text
    unknown = run_cli("new", "--items", "items", "nosuch", "x", cwd=cwd)
    assert unknown.returncode == 1 and "没有在" in unknown.stderr


def test_new_item_fails_check_until_filled_in(registry):
    run_cli("new", "--items", "items", "alpha", "food-stall", cwd=registry.root.parent)
    codes = {code for _, _, code in registry.flat()}
    assert "field.blank" in codes


def test_synth_writes_a_valid_varied_registry(tmp_path):
    out = tmp_path / "synth"
    result = run_cli("synth", "--items", "300", "--out", str(out))
    assert result.returncode == 0, result.stderr
    check = run_cli("check", "--items", str(out), "--strict")
    assert check.returncode == 0, check.stdout[-2000:]
    stats = json.loads(run_cli("stats", "--items", str(out), "--json").stdout)["figures"]
    assert 250 < stats["items"] <= 300
    assert 0 < stats["immediate_items"] < stats["items"]
    assert 0 < stats["zero_visit_items"] < stats["at_most_one_visit_items"] < stats["items"]
    assert stats["tolerance_materials"] > 0
    assert run_cli("synth", "--items", "10", "--out", str(out)).returncode == 1
