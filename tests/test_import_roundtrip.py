"""Export → import → export on the sample registry, for csv (items.csv alone and the set of files), xlsx and
the national exchange tables; the whole of every item back from the xlsx and the CSV set; hostile cells."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import re
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, run_cli

from generator.checks import check_registry
from generator.exports import export, national, table
from generator.exports.table.sheets import leaf_fields
from generator.importer import run as import_run
from generator.importer.run import run_import
from generator.models import Department, Item, SituationOption, Submission
from generator.registry.loader import ItemRecord, Registry
from generator.registry.yamldoc import load

SITE = "https://zwfw.shifan.gov.example/"
FORMATS = ("csv", "csv-set", "xlsx", "national-exchange")
WHOLE = ("csv-set", "xlsx")  # the formats that carry every field of every published item


def _export(registry, fmt: str, folder: Path) -> Path:
    if fmt == "national-exchange":
        target = folder / "national"
        national.write(registry, target)
        return target
    if fmt == "csv-set":
        target = folder / "items"
        table.write_csv_set(registry, target, SITE)
        return target
    target = folder / f"items.{fmt}"
    export(registry, fmt, target, SITE)
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


def _field(data: dict, path) -> object:
    for part in (path,) if isinstance(path, str) else path:
        data = (data or {}).get(part)
    return data


@pytest.mark.parametrize("fmt", HELD)
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


# The whole of every item: the xlsx workbook and the CSV set ----------------------------------------


def _with_items(registry: Registry, changes: dict[str, dict]) -> Registry:
    """The registry with the items of these refs changed (field → new value)."""
    records = [
        ItemRecord(r.department_id, r.slug, r.item.model_copy(update=changes[r.ref]), r.source)
        if r.ref in changes
        else r
        for r in registry.items
    ]
    return dataclasses.replace(registry, items=records)


def _holds(data: object, path: str) -> bool:
    """Whether some value at the dotted path (through lists) is given: not None, not an empty list."""
    head, _, rest = path.partition(".")
    value = data.get(head) if isinstance(data, dict) else None
    if not rest:
        return value is not None and value != []
    return any(_holds(entry, rest) for entry in (value if isinstance(value, list) else [value]))


@pytest.fixture
def every_field(sample_registry) -> Registry:
    """The sample, with what it never fills in (a form that is a file of the registry, 材料提交方式) given to
    one item each; every field of the models then holds a value in some published item or department."""
    shared = {
        r.catalog_code
        for r in sample_registry.items
        if sum(o.catalog_code == r.catalog_code for o in sample_registry.items) > 1
    }
    record = next(r for r in sample_registry.published if r.item.forms and r.catalog_code not in shared)
    form = record.item.forms[0].model_copy(update={"file": "forms/申请表.docx"})
    online = next(
        r
        for r in sample_registry.published
        if r.item.online.depth.accepts_online and r.item.online.url and r.catalog_code not in shared
    )
    changes: dict[str, dict] = {record.ref: {"forms": [form, *record.item.forms[1:]]}}
    changes.setdefault(online.ref, {})["submission"] = [Submission.ONLINE, Submission.POST]
    registry = _with_items(sample_registry, changes)
    items = [r.item.model_dump() for r in registry.published]
    departments = [d.model_dump() for d in registry.departments.values()]
    for model, records in ((Item, items), (Department, departments)):
        empty = [path for path in leaf_fields(model) if not any(_holds(data, path) for data in records)]
        assert not empty, f"give these fields a value in the test's registry, so their round trip is tested: {empty}"
    return registry


def _validated(root: Path) -> tuple[Registry, list]:
    registry, report = check_registry(root, workers=1)
    return registry, report.findings


@pytest.mark.parametrize("fmt", WHOLE)
def test_a_whole_export_into_an_empty_folder_gives_back_every_item_and_department(every_field, tmp_path, fmt):
    source = _export(every_field, fmt, tmp_path / "first")
    target = tmp_path / "empty"
    for record in every_field.published:  # the files of the registry are named in the tables, not carried
        for form in record.item.forms:
            if form.file:
                (target / record.department_id / form.file).parent.mkdir(parents=True, exist_ok=True)
                (target / record.department_id / form.file).write_bytes(b"PK\x03\x04")
    result = run_import([source], target)
    assert result.exit_code == 0, [(f.code, f.path, f.message) for f in result.findings]
    new = [f for f in result.findings if f.code == "import.new-department"]
    assert len(new) == len(every_field.departments) == len(result.findings)  # each registered, nothing else said
    registry, findings = _validated(target)
    assert findings == []  # the check, strict: not a warning
    assert [r.ref for r in registry.items] == [r.ref for r in every_field.published]
    for imported, original in zip(registry.items, every_field.published, strict=True):
        assert imported.item == original.item, original.ref  # the validated data, item by item
    assert list(registry.departments.values()) == list(every_field.departments.values())
    second = _export(registry, fmt, tmp_path / "second")
    assert _exported_bytes(second) == _exported_bytes(source)


def test_the_workbook_and_the_csv_set_hold_the_same_cells(sample_registry, tmp_path):
    workbook = _export(sample_registry, "xlsx", tmp_path)
    folder = _export(sample_registry, "csv-set", tmp_path)
    book = openpyxl.load_workbook(workbook, read_only=True)
    assert book.sheetnames == [sheet.title for sheet in table.sheets(SITE)]
    for sheet in table.sheets(SITE):
        with (folder / sheet.file_name).open(encoding="utf-8-sig", newline="") as stream:
            from_csv = list(csv.reader(stream))
        cells = [[_cell(value) for value in row] for row in book[sheet.title].iter_rows(values_only=True)]
        assert cells == [[_unguarded(cell) for cell in row] for row in from_csv], sheet.title
    book.close()


def _unguarded(text: str) -> str:
    """A CSV cell without the guard the xlsx does not need (= + - @ are text in a string cell)."""
    return text[1:] if re.match(r"^'[=+\-@\t\r]", text) else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _unguarded(str(value))


def test_a_material_with_its_situation_and_notes_keeps_them_both_ways(sample_registry, tmp_path):
    record = next(r for r in sample_registry.published if any(m.situation and m.notes for m in r.item.materials))
    material = next(m for m in record.item.materials if m.situation and m.notes)
    source = _export(sample_registry, "xlsx", tmp_path)
    rows = list(openpyxl.load_workbook(source, read_only=True)["申请材料"].iter_rows(values_only=True))
    header = rows[0]
    row = next(r for r in rows if r[0] == record.item.code and r[header.index("材料名称")] == material.name)
    assert (row[header.index("适用情形")], row[header.index("备注")]) == (material.situation, material.notes)
    run_import([source], tmp_path / "new")
    data = load(tmp_path / "new" / f"{record.ref}.yml")[0].data
    back = next(m for m in data["materials"] if m["name"] == material.name)
    assert (back["situation"], back["notes"]) == (material.situation, material.notes)


# Into a registry that already has the items: lists and departments follow the source -------------


def test_a_list_the_source_empties_is_emptied_and_the_rest_of_the_file_kept(sample_registry, sample_copy, tmp_path):
    record = next(
        r
        for r in sample_registry.published
        if r.item.faq and r.item.special_procedures and r.item.type.value != "行政许可"  # a 行政许可 must answer
    )
    changed = _with_items(sample_registry, {record.ref: {"faq": [], "special_procedures": []}})
    path = sample_copy / f"{record.ref}.yml"
    before = path.read_text(encoding="utf-8")
    result = run_import([_export(changed, "xlsx", tmp_path)], sample_copy)
    assert result.exit_code == 0, [f.message for f in result.findings]
    assert [p.path for p in result.plans if p.action == "updated"] == [path]
    registry, findings = _validated(sample_copy)
    assert findings == []
    item = next(r.item for r in registry.items if r.ref == record.ref)
    assert item == record.item.model_copy(update={"faq": [], "special_procedures": []})
    after = path.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]  # the file's own first line (its comment) is kept
    assert "faq:" not in after or "faq: []" in after


def test_a_department_the_source_changed_is_updated_in_place_and_said(sample_registry, sample_copy, tmp_path):
    department = next(iter(sample_registry.departments.values()))
    moved = department.model_copy(update={"address": "示范市市民中心五楼 E 区", "website": None})
    changed = dataclasses.replace(sample_registry, departments={**sample_registry.departments, department.id: moved})
    departments_file = sample_copy / "departments.yml"
    before = departments_file.read_text(encoding="utf-8")
    result = run_import([_export(changed, "csv-set", tmp_path)], sample_copy)
    found = [f for f in result.findings if f.code == "import.department-updated"]
    assert len(found) == 1 and "办公地址、网站" in found[0].message, [f.message for f in result.findings]
    assert found[0].path.endswith("departments.csv:2") and found[0].field == "部门编号"
    registry, findings = _validated(sample_copy)
    assert findings == []
    assert registry.departments == changed.departments
    after = departments_file.read_text(encoding="utf-8")
    assert before.splitlines()[:2] == after.splitlines()[:2]  # the schema line and the comment stay
    assert len(after.splitlines()) == len(before.splitlines()) - 1  # one line changed, the website's gone
    again = run_import([_export(changed, "csv-set", tmp_path / "again")], sample_copy)
    assert [f.code for f in again.findings] == [] and departments_file.read_text(encoding="utf-8") == after


# Hostile cells ---------------------------------------------------------------------------------------

FORMULA_LIKE = '=HYPERLINK("http://evil.example","点这里")'
GUARDED = ("=1+2 份", "+86 电话预约", "-5 天内补交", "@窗口", "'=原样的引号", "'-引号和减号")


def _hostile(sample_registry: Registry) -> tuple[Registry, ItemRecord]:
    record = next(r for r in sample_registry.published if len(r.item.materials) >= 2 and r.item.faq)
    item = record.item
    own = next(i for i, m in enumerate(item.materials) if m.source.value == "申请人自备")
    materials = list(item.materials)
    materials[own] = materials[own].model_copy(update={"notes": FORMULA_LIKE})
    other = next(i for i in range(len(materials)) if i != own)
    materials[other] = materials[other].model_copy(update={"situation": GUARDED[0], "notes": GUARDED[4]})
    faq = [item.faq[0].model_copy(update={"a": GUARDED[1]}), *item.faq[1:]]
    steps = [item.steps[0].model_copy(update={"description": GUARDED[2]}), *item.steps[1:]]
    changes = {
        "materials": materials,
        "faq": faq,
        "steps": steps,
        "keywords": [GUARDED[3], *item.keywords],
        "conditions": GUARDED[5],
    }
    registry = _with_items(sample_registry, {record.ref: changes})
    return registry, next(r for r in registry.items if r.ref == record.ref)


def test_hostile_cells_are_text_in_the_files_and_come_back_as_they_were(sample_registry, tmp_path):
    registry, record = _hostile(sample_registry)
    folder = _export(registry, "csv-set", tmp_path)
    cells = set()
    for path in folder.iterdir():
        with path.open(encoding="utf-8-sig", newline="") as stream:
            cells |= {cell for row in csv.reader(stream) for cell in row}
    for text in (*GUARDED, FORMULA_LIKE):
        assert any(cell.startswith("'" + text) for cell in cells), text  # one more ' in front
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    workbook = _export(registry, "xlsx", tmp_path)
    book = openpyxl.load_workbook(workbook)
    strings = {c.value for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "s"}
    assert not any(c.data_type == "f" for s in book.worksheets for row in s.iter_rows() for c in row)
    for text in (*GUARDED[:4], FORMULA_LIKE, "''=原样的引号", "''-引号和减号"):  # only a quote gets a quote
        assert any(string.startswith(text) for string in strings), text
    for source in (folder, workbook):
        target = tmp_path / f"new-{source.name}"
        result = run_import([source], target)
        refused = [f for f in result.findings if f.code == "import.formula-text"]
        assert len(refused) == 1 and refused[0].field == "备注", [(f.code, f.message) for f in result.findings]
        imported, _ = _validated(target)
        item = next(r.item for r in imported.items if r.ref == record.ref)
        expected = [
            m.model_copy(update={"notes": None}) if m.notes == FORMULA_LIKE else m for m in record.item.materials
        ]
        assert item == record.item.model_copy(update={"materials": expected})


def test_the_departments_sheet_registers_each_department_once_and_reports_the_rows_it_cannot(sample_registry, tmp_path):
    source = _export(sample_registry, "xlsx", tmp_path)
    book = openpyxl.load_workbook(source)
    sheet = book["部门"]
    first = [cell.value for cell in sheet[2]]
    sheet.append([first[0], "另一个名称", *first[2:]])  # row 16: the same id, different content
    sheet.append(first)  # row 17: the same row again
    sheet.append([None, "无编号的部门", *first[2:]])  # row 18
    sheet.append(["Bad Id", "编号不能用作文件夹名的部门", *first[2:]])  # row 19
    book.save(source)
    rows = len(sample_registry.departments) + 1
    result = run_import([source], tmp_path / "new")
    found = {(f.code, f.line, f.severity.value, f.field) for f in result.findings if f.code != "import.new-department"}
    assert found == {
        ("import.duplicate-department", rows + 1, "error", "部门编号"),
        ("import.repeated-row", rows + 2, "warning", "部门编号"),
        ("import.missing-code", rows + 3, "error", "部门编号"),
        ("import.bad-department", rows + 4, "error", "部门编号"),
    }
    duplicate = next(f for f in result.findings if f.code == "import.duplicate-department")
    assert "部门按第一次出现的那一行登记" in duplicate.message and duplicate.path.endswith(f"!部门!{rows + 1}")
    registry, findings = _validated(tmp_path / "new")
    assert findings == []
    assert list(registry.departments.values()) == list(sample_registry.departments.values())


def test_a_workflow_time_limit_is_a_number_with_its_fraction(sample_registry, tmp_path):
    source = _export(sample_registry, "xlsx", tmp_path)
    book = openpyxl.load_workbook(source)
    sheet = book["业务经办流程"]
    column = [cell.value for cell in sheet[1]].index("环节时限") + 1
    code = sheet.cell(2, 1).value
    sheet.cell(2, column).value = "半天"
    sheet.cell(3, column).value = "1.5"  # typed as text
    book.save(source)
    result = run_import([source], tmp_path / "new")
    bad = [f for f in result.findings if f.code == "import.bad-number"]
    assert [(f.line, f.column, f.field) for f in bad] == [(2, column, "环节时限")] and "如 0.5" in bad[0].message
    record = next(r for r in sample_registry.published if r.item.code == code)
    data = load(tmp_path / "new" / f"{record.ref}.yml")[0].data
    assert "time_limit" not in data["workflow"][0]  # not imported: check asks for it
    assert data["workflow"][1]["time_limit"] == 1.5
    assert [step.get("time_limit") for step in data["workflow"][2:]] == [s.time_limit for s in record.item.workflow[2:]]


def test_many_files_are_written_and_compared_by_forked_workers_with_the_same_result(
    sample_registry, tmp_path, monkeypatch
):
    source = _export(sample_registry, "xlsx", tmp_path)
    alone = tmp_path / "alone"
    run_import([source], alone)
    monkeypatch.setattr(import_run, "FILES_PER_TASK", 10)  # the sample's 68 items become several tasks
    monkeypatch.setattr(import_run, "COMPARED_PER_TASK", 10)
    monkeypatch.setattr(import_run, "worker_count", lambda setting: 2)
    forked = tmp_path / "forked"
    result = run_import([source], forked)
    assert result.exit_code == 0 and result.counts()["created"] == len(sample_registry.published)
    assert _snapshot(forked) == _snapshot(alone)
    changed = next(r for r in sample_registry.published)
    path = forked / f"{changed.ref}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(changed.item.summary, "改过的说明"), encoding="utf-8")
    again = run_import([source], forked)
    assert [(p.action, p.path) for p in again.plans if p.action != "unchanged"] == [("updated", path)]
    assert _snapshot(forked) == _snapshot(alone)


# 办理情形: the questions, their options and what each material, step and fee applies to -------------

CONDITIONED = ("materials", "steps", "fees")


@pytest.mark.parametrize("fmt", WHOLE)
def test_situations_and_conditions_come_back_as_the_item_files_write_them(sample_registry, tmp_path, fmt):
    source = _export(sample_registry, fmt, tmp_path)
    target = tmp_path / "empty"
    run_import([source], target)
    asked = [r for r in sample_registry.published if r.item.situations]
    conditioned = [r for r in asked if any(e.when for name in CONDITIONED for e in getattr(r.item, name))]
    assert asked and conditioned  # the sample asks questions and shows some materials only to some
    for record in sample_registry.published:
        original = load(ROOT / "items" / f"{record.ref}.yml")[0].data
        imported = load(target / f"{record.ref}.yml")[0].data
        # A new file writes every flag of a record (multiple: false, as shared: false), as the import always has.
        expected = [
            {**question, "multiple": question.get("multiple", False)} for question in original.get("situations", [])
        ]
        assert imported.get("situations", []) == expected, record.ref
        for name in CONDITIONED:
            whens = [entry.get("when") for entry in imported.get(name, [])]
            assert whens == [entry.get("when") for entry in original.get(name, [])], (record.ref, name)


def _renamed(item: Item, names: dict[str, str], hint: str, question: str) -> Item:
    """The item with its questions and options renamed through `names`, the first option's hint `hint` and the
    first question `question`: every condition follows the names."""

    def option(o, first: bool):
        return o.model_copy(update={"name": names.get(o.name, o.name), "hint": hint if first else o.hint})

    situations = [
        s.model_copy(
            update={
                "name": names[s.name],
                "question": question if index == 0 else s.question,
                "options": [option(o, index == 0 and n == 0) for n, o in enumerate(s.choices)],
            }
        )
        for index, s in enumerate(item.situations)
    ]

    def conditioned(entries: list) -> list:
        return [
            e.model_copy(update={"when": {names[k]: [names.get(o, o) for o in v] for k, v in e.when.items()}})
            for e in entries
        ]

    return item.model_copy(update={"situations": situations, **{n: conditioned(getattr(item, n)) for n in CONDITIONED}})


# Names the model allows that a spreadsheet or YAML would read as something else, and 、 which is no separator.
HOSTILE_NAMES = ("@类型", "-委托", "+1", "[甲]", "*乙", "!丙", "no", "'-引号", "餐饮、食品")
HOSTILE_HINT = "第一行：有冒号，有逗号；有分号\n\n  缩进的第三行"


def test_hostile_situation_names_hints_and_questions_come_back_as_they_were(sample_registry, tmp_path):
    record = next(r for r in sample_registry.published if len(r.item.situations) >= 2 and r.item.fees)
    item = record.item
    words = list(
        dict.fromkeys([s.name for s in item.situations] + [o.name for s in item.situations for o in s.choices])
    )
    names = dict(zip(words, HOSTILE_NAMES, strict=False)) | {w: w for w in words[len(HOSTILE_NAMES) :]}
    changed = _renamed(item, names, HOSTILE_HINT, "=1+1 是不是？")
    first = changed.situations[0]
    more = [SituationOption(name=name) for name in HOSTILE_NAMES[len(words) :]]  # the names left over
    first = first.model_copy(update={"options": [*first.choices, *more]})
    fee = changed.fees[0].model_copy(update={"when": {first.name: [first.choices[0].name, *(o.name for o in more)]}})
    changed = changed.model_copy(
        update={"situations": [first, *changed.situations[1:]], "fees": [fee, *changed.fees[1:]]}
    )
    assert Item.model_validate(changed.model_dump()) == changed  # names the model takes
    registry = _with_items(sample_registry, {record.ref: dict(changed)})
    folder = _export(registry, "csv-set", tmp_path)
    for name in ("items-situations.csv", "items-materials.csv", "items-fees.csv"):
        with (folder / name).open(encoding="utf-8-sig", newline="") as stream:
            cells = [cell for row in csv.reader(stream) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), name  # each one guarded with '
    for source in (folder, _export(registry, "xlsx", tmp_path)):
        target = tmp_path / f"new-{source.name}"
        result = run_import([source], target)
        assert result.exit_code == 0, [(f.code, f.message) for f in result.findings]
        imported, findings = _validated(target)
        assert findings == []
        assert next(r.item for r in imported.items if r.ref == record.ref) == changed, source.name


def _row_of(sheet, code: str, number: int) -> int:
    return next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code and sheet.cell(r, 2).value == number
    )


def test_a_condition_or_options_cell_it_cannot_read_is_a_finding_at_its_cell_and_is_not_imported(
    sample_registry, tmp_path
):
    record = next(r for r in sample_registry.published if len(r.item.situations) >= 2 and r.item.fees)
    item, code = record.item, record.item.code
    (first, second), (one, two) = item.situations[:2], (item.situations[0].choices[0], item.situations[1].choices[0])
    source = _export(sample_registry, "xlsx", tmp_path)
    book = openpyxl.load_workbook(source)
    cells = {  # (sheet, 序号, header) → what a person typed
        ("申请材料", 1, "适用于"): f"={first.name}：{one.name}",  # typed as text: = is in no name
        ("办事流程", 1, "适用于"): f"{first.name} {one.name}",  # no colon
        ("收费", 1, "适用于"): f"{first.name}：{one.name}；{first.name}：{one.name}",  # the same question twice
        ("办理情形", 1, "选项"): "，".join(first.option_names),  # several options on one line
        ("办理情形", 2, "选项"): f"{second.option_names[0]}\n  说明在没有说明的选项下",
        ("申请材料", 2, "适用于"): f"{first.name}：{one.name}\n{second.name}：{two.name}",  # one a line: read
    }
    places = {}
    for (title, number, header), text in cells.items():
        sheet = book[title]
        row, column = _row_of(sheet, code, number), [c.value for c in sheet[1]].index(header) + 1
        sheet.cell(row, column).value = text
        sheet.cell(row, column).data_type = "s"
        places[(title, number, header)] = (row, column)
    book.save(source)
    result = run_import([source], tmp_path / "new")
    assert result.exit_code == 1
    found = {
        (f.code, f.path.split("!")[1], f.line, f.column, f.field)
        for f in result.source_findings
        if f.code.startswith("import.bad-")
    }
    expected = {
        ("import.bad-condition", "申请材料", *places[("申请材料", 1, "适用于")], "适用于"),
        ("import.bad-condition", "办事流程", *places[("办事流程", 1, "适用于")], "适用于"),
        ("import.bad-condition", "收费", *places[("收费", 1, "适用于")], "适用于"),
        ("import.bad-options", "办理情形", *places[("办理情形", 1, "选项")], "选项"),
        ("import.bad-options", "办理情形", *places[("办理情形", 2, "选项")], "选项"),
    }
    assert found == expected
    fixes = {
        "import.bad-condition": "请写成“情形名称：选项，选项；情形名称：选项”",
        "import.bad-options": "请一行写一个选项",
    }
    for finding in (f for f in result.source_findings if f.code in fixes):
        assert fixes[finding.code] in finding.message and "这一格没有导入" in finding.message, finding.message
        assert "\n" not in finding.message  # one line: the cell's line breaks are shown as ↵
    data = load(tmp_path / "new" / f"{record.ref}.yml")[0].data
    assert "when" not in data["materials"][0] and "when" not in data["steps"][0] and "when" not in data["fees"][0]
    assert "options" not in data["situations"][0] and "options" not in data["situations"][1]
    assert data["materials"][1]["when"] == {first.name: [one.name], second.name: [two.name]}


def _asked(item: Item) -> Counter:
    """How many materials name each question in their when."""
    return Counter(name for material in item.materials for name in material.when)


def test_conditions_and_options_the_source_changes_replace_those_in_the_file(sample_registry, sample_copy, tmp_path):
    def hinted(s) -> bool:
        return any(o.hint for o in s.choices)

    codes = Counter(r.catalog_code for r in sample_registry.items)  # one implementer: no 八统一 to keep
    record = next(
        r
        for r in sample_registry.published
        if codes[r.catalog_code] == 1
        and any(map(hinted, r.item.situations))
        and not all(map(hinted, r.item.situations))
        and len(_asked(r.item)) >= 2
        and max(_asked(r.item).values()) >= 3
    )
    item = record.item
    (busy, _), (other, _) = _asked(item).most_common(2)
    situations = [  # a hint taken away, a hint written for an option that had none
        s.model_copy(
            update={
                "options": [
                    o.model_copy(update={"hint": None if hinted(s) else "新写的说明"}) if n == 0 else o
                    for n, o in enumerate(s.choices)
                ]
            }
        )
        for s in item.situations
    ]
    cleared, replaced = [i for i, m in enumerate(item.materials) if busy in m.when][:2]
    materials = list(item.materials)
    materials[cleared] = materials[cleared].model_copy(update={"when": {}})  # now for everyone
    last = next(s for s in item.situations if s.name == other).option_names[-1]
    materials[replaced] = materials[replaced].model_copy(update={"when": {other: [last]}})  # not as well: instead
    changed = item.model_copy(update={"situations": situations, "materials": materials})
    path = sample_copy / f"{record.ref}.yml"
    before = path.read_text(encoding="utf-8")
    source = _export(_with_items(sample_registry, {record.ref: dict(changed)}), "xlsx", tmp_path)
    result = run_import([source], sample_copy)
    assert [(p.action, p.path) for p in result.plans if p.action != "unchanged"] == [("updated", path)]
    registry, findings = _validated(sample_copy)
    assert findings == []
    assert next(r.item for r in registry.items if r.ref == record.ref) == changed
    after = path.read_text(encoding="utf-8")
    assert after.split("\nsteps:")[1] == before.split("\nsteps:")[1]  # the rest of the file as it was
    assert after.splitlines()[0] == before.splitlines()[0]
