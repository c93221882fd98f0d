"""Export → import → export on the sample registry, for csv, xlsx and the national exchange tables."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from generator.checks import check_registry
from generator.exports import export, national
from generator.importer.run import run_import
from generator.registry.yamldoc import load

FORMATS = ("csv", "xlsx", "national-exchange")


def _export(registry, fmt: str, folder: Path) -> Path:
    if fmt == "national-exchange":
        target = folder / "national"
        national.write(registry, target)
        return target
    target = folder / f"items.{fmt}"
    export(registry, fmt, target, "https://zwfw.shifan.gov.example/")
    return target


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _exported_bytes(path: Path) -> dict[str, bytes]:
    return _snapshot(path) if path.is_dir() else {path.name: path.read_bytes()}


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "items"
    shutil.copytree(ROOT / "items", target)
    return target


@pytest.mark.parametrize("fmt", FORMATS)
def test_reimporting_an_export_into_the_sample_changes_no_byte(sample_registry, sample_copy, tmp_path, fmt):
    source = _export(sample_registry, fmt, tmp_path)
    before = _snapshot(sample_copy)
    result = run_import([source], sample_copy)
    assert result.exit_code == 0, [f.message for f in result.findings]
    exported = {plan.code for plan in result.plans}
    expected = {r.code for r in (sample_registry.items if fmt == "national-exchange" else sample_registry.published)}
    assert exported == expected
    assert {plan.action for plan in result.plans} == {"unchanged"}
    assert _snapshot(sample_copy) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_import_export_is_stable(sample_registry, sample_copy, tmp_path, fmt):
    first = _export(sample_registry, fmt, tmp_path / "first")
    run_import([first], sample_copy)
    registry, report = check_registry(sample_copy, workers=1)
    assert report.ok
    second = _export(registry, fmt, tmp_path / "second")
    assert _exported_bytes(second) == _exported_bytes(first)
    by_code = {record.code: record.item for record in registry.items}
    assert all(by_code[record.code] == record.item for record in sample_registry.items)  # the validated data


# What each format holds: into an empty registry, these fields come back equal item by item.
HELD = {
    "csv": (
        "name",
        "sub_name",
        "catalog_code",
        "code",
        "type",
        "department",
        "level",
        "audience",
        "visits",
        "cross_region",
        "commitment",
        "updated",
        "status",
        ("time_limit", "statutory"),
        ("time_limit", "promised"),
        ("time_limit", "unit"),
        "handling",
        ("online", "depth"),
        ("online", "url"),
        ("result", "name"),
        ("contact", "consult"),
        ("contact", "complaint"),
    ),
    "national-exchange": (
        "name",
        "catalog_code",
        "code",
        "type",
        "level",
        "audience",
        "visits",
        "conditions",
        "handling",
        ("time_limit", "statutory"),
        ("time_limit", "promised"),
        ("time_limit", "note"),
        ("online", "url"),
        ("result", "name"),
        ("contact", "consult"),
        ("contact", "complaint"),
        "visit_reason",
        "faq",
    ),
}
HELD["xlsx"] = HELD["csv"]


def _field(data: dict, path) -> object:
    for part in (path,) if isinstance(path, str) else path:
        data = (data or {}).get(part)
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_imported_into_an_empty_registry_gives_back_what_it_holds(sample_registry, tmp_path, fmt):
    source = _export(sample_registry, fmt, tmp_path)
    target = tmp_path / "empty"
    result = run_import([source], target)
    assert result.exit_code == 1  # the fields the format does not hold are findings now
    created = {plan.code: plan.path for plan in result.plans if plan.action == "created"}
    records = sample_registry.items if fmt == "national-exchange" else sample_registry.published
    assert set(created) == {record.code for record in records}
    for record in records:
        path = created[record.code]
        assert path.relative_to(target).as_posix() == f"{record.ref}.yml" or fmt == "national-exchange"
        imported = load(path)[0].data
        original = record.item.model_dump(exclude_none=True)
        for held in HELD[fmt]:
            assert _field(imported, held) == _field(original, held), (record.ref, held)
        if fmt == "national-exchange":
            assert [m["name"] for m in imported["materials"]] == [m["name"] for m in original["materials"]]
            assert [(f["name"], f["standard"], f["basis"]) for f in imported["fees"]] == [
                (f["name"], f["standard"], f["basis"]) for f in original["fees"]
            ]
            assert imported["legal_basis"] == original["legal_basis"]


def test_a_common_headers_workbook_imports_and_check_lists_what_is_missing(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "实施清单"
    sheet.append(["某区政务服务事项实施清单"])  # a title row above the headers
    sheet.append(["事项名称", "实施编码", "基本编码", "事项类型", "实施主体", "办件类型", "承诺办结时限"])
    sheet.append(
        ["食品经营许可", "11990100MB9990010D3110203001000", "110203001000", "行政许可", "测试市甲局", "1", "即办"]
    )
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    items = tmp_path / "items"
    cli = run_cli("import", str(path), "--items", str(items), cwd=tmp_path)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    written = next(items.glob("*/*.yml"))
    assert written.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/item.schema.json\n"
    )
    check = run_cli("check", "--items", "items", cwd=tmp_path)
    lines = [
        line for line in check.stdout.splitlines() if line.startswith(f"items/{written.parent.name}/{written.name}:")
    ]
    text = written.read_text(encoding="utf-8").splitlines()
    keys = {line: re.search(r"\(([a-z_][a-z_0-9.\[\]]*)\)", line).group(1) for line in lines}
    for key in ("summary", "conditions", "steps", "workflow", "delivery", "status", "legal_basis", "level"):
        assert key in keys.values(), (key, lines)
    for line, key in keys.items():  # each at the line of the blank it names
        number = int(line.split(":")[1])
        assert text[number - 1].lstrip(" -").startswith(f"{key.split('.')[-1]}:"), (line, text[number - 1])
