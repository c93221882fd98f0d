"""Writing without losing a hand edit; file names that stay; local 实施编码 formats."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
from conftest import ITEM_TEXT, ROOT, edit

from generator.importer.emit import emit
from generator.importer.run import SICHUAN_PATTERN, run_import
from generator.importer.writer import dump, load_round_trip, new_item, updated_item
from generator.registry.yamldoc import compose, load

HEADERS = ["事项名称", "子项名称", "实施编码", "基本编码", "事项类型", "实施主体", "承诺办结时限", "受理条件"]
ALPHA = "11990100MB9990010D"
CODE = ALPHA + "3110203001000"


def workbook(path: Path, rows: list[list], headers=HEADERS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path


def test_new_files_are_written_as_the_round_trip_writer_would_keep_them():
    for path in sorted((ROOT / "items").glob("*/*.yml")):
        data = load(path)[0].data
        text = emit(data)
        assert dump(load_round_trip(text)) == text, path
        assert compose(text)[0].data == data, path


def test_reimport_changes_nothing_and_a_newer_source_changes_only_its_fields(registry, tmp_path):
    first = workbook(
        tmp_path / "v1.xlsx",
        [["食品经营许可", "新办", CODE, "110203001000", "行政许可", "测试市甲局", "5个工作日", "有营业执照"]],
    )
    result = run_import([first], registry.root)
    path = result.plans[0].path
    edited = path.read_text(encoding="utf-8").replace(
        'summary: ""', "summary: 开饭店要办的许可证  # 部门补写\n# 以下由部门维护\nkeywords: [开饭店]"
    )
    path.write_text(edited, encoding="utf-8")
    again = run_import([first], registry.root)
    assert [plan.action for plan in again.plans] == ["unchanged"]
    assert path.read_text(encoding="utf-8") == edited
    newer = workbook(
        tmp_path / "v2.xlsx",
        [["食品经营许可证核发", "新办", CODE, "110203001000", "行政许可", "测试市甲局", "3个工作日", "有营业执照"]],
    )
    updated = run_import([newer], registry.root)
    assert [(plan.action, plan.path) for plan in updated.plans] == [("updated", path)]  # the file name stays
    text = path.read_text(encoding="utf-8")
    assert text == edited.replace("name: 食品经营许可\n", "name: 食品经营许可证核发\n").replace(
        "promised: 5\n", "promised: 3\n"
    )


def test_materials_merge_by_name_and_keep_fields_the_source_does_not_hold(registry, tmp_path):
    book = openpyxl.Workbook()
    main = book.active
    main.title = "实施清单"
    main.append(HEADERS)
    main.append(["食品经营许可", "新办", CODE, "110203001000", "行政许可", "测试市甲局", "5个工作日", "有营业执照"])
    materials = book.create_sheet("申请材料")
    materials.append(["实施编码", "材料名称", "材料必要性", "份数"])
    materials.append([CODE, "申请书", "1", 1])
    materials.append([CODE, "营业执照", "必要", 1])
    source = tmp_path / "list.xlsx"
    book.save(source)
    path = run_import([source], registry.root).plans[0].path
    edited = path.read_text(encoding="utf-8").replace("  - name: 营业执照\n", "  - name: 营业执照\n    shared: true\n")
    path.write_text(edited, encoding="utf-8")
    materials["D3"] = 2
    book.save(source)
    run_import([source], registry.root)
    text = path.read_text(encoding="utf-8")
    assert "  - name: 营业执照\n    shared: true\n" in text and text.count("copies: 2") == 1


def test_sichuan_codes_are_one_finding_under_the_national_rule_and_clean_under_their_pattern(registry, tmp_path):
    credit = ALPHA
    rows = [
        [
            f"事项{n}",
            None,
            f"511A01380000{n:02d}-511602000000-000-{credit}-1-00",
            f"1102030010{n:02d}",
            "行政许可",
            "测试市甲局",
            "5个工作日",
            "有营业执照",
        ]
        for n in range(3)
    ]
    source = workbook(tmp_path / "list.xlsx", rows)
    result = run_import([source], registry.root)
    composition = [f for f in result.findings if f.code in ("code.composition", "import.code-format")]
    assert [f.code for f in composition] == ["import.code-format"]
    assert SICHUAN_PATTERN in composition[0].message
    settings = tmp_path / "registry.yml"
    settings.write_text(
        "codes:\n  format: pattern\n  pattern: '" + SICHUAN_PATTERN + "'\n  reason: 四川省事项管理系统的地方实施编码\n",
        encoding="utf-8",
    )
    again = run_import([source], registry.root, settings_file=settings)
    assert not [f for f in again.findings if f.code.startswith(("code.", "import.code"))]


def _sichuan_settings(tmp_path: Path) -> Path:
    settings = tmp_path / "registry.yml"
    settings.write_text(
        "codes:\n  format: pattern\n  pattern: '"
        + SICHUAN_PATTERN
        + "'\n  credit_group: 3\n  reason: 四川省地方实施编码\n",
        encoding="utf-8",
    )
    return settings


def test_the_code_rule_takes_its_format_from_the_settings(registry, tmp_path):
    from conftest import ITEM_TEXT, edit

    from generator.checks import check_registry

    code = ITEM_TEXT.split("\ncode: ", 1)[1].split("\n", 1)[0]
    local = f"511A0138000000-511602000000-000-{ALPHA}-1-00"
    registry.item(edit(ITEM_TEXT, f"code: {code}", f"code: {local}"))
    national = check_registry(registry.root, workers=1)[1]
    assert [f.code for f in national.findings] == ["code.composition"]
    settings = _sichuan_settings(tmp_path)
    assert check_registry(registry.root, workers=1, settings_file=settings)[1].findings == []
    other = local.replace(ALPHA, "11990100MB9990020E")
    registry.item(edit(ITEM_TEXT, f"code: {code}", f"code: {other}"))
    mismatch = check_registry(registry.root, workers=1, settings_file=settings)[1]
    assert [f.code for f in mismatch.findings] == ["code.pattern"]
    registry.item(edit(ITEM_TEXT, f"code: {code}", "code: 511A0138000000"))
    assert [f.code for f in check_registry(registry.root, workers=1, settings_file=settings)[1].findings] == [
        "code.pattern"
    ]


def test_blank_cells_of_an_optional_record_write_nothing_and_empty_it_away():
    """网上服务 (links) in the source, all blank: a file without links stays as it is, a file whose links are
    all cleared loses the key, a new file gets none; one link given is written alone."""
    blanks = {"links": {"booking": None, "progress": None, "rating": None}}
    assert updated_item(ITEM_TEXT, blanks, frozenset()) is None
    with_links = edit(ITEM_TEXT, "cross_region:", "links:\n  booking: https://zwfw.example/booking\ncross_region:")
    cleared = updated_item(with_links, blanks, frozenset())
    assert cleared is not None and "links" not in load_round_trip(cleared)
    assert "links" not in load_round_trip(new_item({"name": "测试", **blanks}, datetime.date(2026, 1, 1)))
    one = {"links": {**blanks["links"], "progress": "https://zwfw.example/progress"}}
    assert dict(load_round_trip(updated_item(ITEM_TEXT, one, frozenset()))["links"]) == {
        "progress": "https://zwfw.example/progress"
    }
