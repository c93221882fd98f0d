"""Import from spreadsheets: every source problem is a finding at its sheet and row, nothing is written half."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli

from generator.importer.run import run_import

HEADERS = [
    "事项名称",
    "子项名称",
    "实施编码",
    "基本编码",
    "事项类型",
    "实施主体",
    "办件类型",
    "承诺办结时限",
    "到办事现场次数",
    "咨询电话",
]
ALPHA = "11990100MB9990010D"


def row(
    name="食品经营许可",
    sub="新办",
    code=ALPHA + "3110203001000",
    catalog="110203001000",
    kind="行政许可",
    department="测试市甲局",
    handling="2",
    promised="5个工作日",
    visits="1",
    phone="0000-80000001",
):
    return [name, sub, code, catalog, kind, department, handling, promised, visits, phone]


def workbook(path: Path, rows: list[list], headers=HEADERS, title="实施清单", extra=None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    if extra:
        extra(book, sheet)
    book.save(path)
    return path


def codes(result) -> list[tuple[str, str, str]]:
    return [(f.path, f.code, f.field) for f in result.source_findings]


def written(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_plain_row_becomes_an_item_in_its_department(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row()])
    result = run_import([source], registry.root)
    assert [(p.action, p.path.relative_to(registry.root).as_posix()) for p in result.plans] == [
        ("created", "alpha/shipinjingyingxuke.yml")
    ]
    text = (registry.root / "alpha/shipinjingyingxuke.yml").read_text(encoding="utf-8")
    assert "department: alpha\n" in text and "handling: 承诺件\n" in text and "promised: 5\n" in text
    assert "unit: 工作日\n" in text and "visits: 1\n" in text


def test_missing_required_column_is_one_finding_and_nothing_is_written(registry, tmp_path):
    headers = [h if h != "实施编码" else "编码" for h in HEADERS]
    source = workbook(tmp_path / "list.xlsx", [row()], headers=headers)
    before = written(registry.root)
    result = run_import([source], registry.root, mapping_spec="common-headers")
    assert result.exit_code == 2
    missing = [f for f in result.source_findings if f.code == "import.missing-column"]
    assert [(f.path, f.field) for f in missing] == [(f"{source.as_posix()}!实施清单!1", "实施编码")]
    assert written(registry.root) == before


def test_merged_cells_give_their_value_to_every_row_and_say_so(registry, tmp_path):
    def merge(book, sheet):
        sheet.merge_cells("F2:F3")

    rows = [row(), row(sub="变更", code=ALPHA + "3110203002000", catalog="110203002000", department=None)]
    source = workbook(tmp_path / "list.xlsx", rows, extra=merge)
    result = run_import([source], registry.root)
    assert (f"{source.as_posix()}!实施清单!2", "import.merged-cells", "") in codes(result)
    assert {p.path.parent.name for p in result.plans} == {"alpha"}


def test_a_formula_without_a_saved_result_is_not_imported(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row(name='=CONCATENATE("食品","许可")')])
    result = run_import([source], registry.root)
    assert (f"{source.as_posix()}!实施清单!2", "import.formula", "事项名称") in codes(result)
    assert result.exit_code == 1


def test_numbers_as_text_and_text_as_numbers(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row(promised="5", visits="1次", phone=12345)])
    result = run_import([source], registry.root)
    text = result.plans[0].path.read_text(encoding="utf-8")
    assert "promised: 5\n" in text and "visits: 1\n" in text and 'consult: "12345"\n' in text


def test_a_date_kept_as_an_excel_serial_is_read_and_reported(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row() + [46310]], headers=HEADERS + ["更新日期"])
    result = run_import([source], registry.root)
    assert (f"{source.as_posix()}!实施清单!2", "import.date-serial", "更新日期") in codes(result)
    assert "updated: 2026-10-15\n" in result.plans[0].path.read_text(encoding="utf-8")


def test_a_code_that_lost_its_leading_zero_is_reported_with_the_fix(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row(catalog=11020300100)])
    result = run_import([source], registry.root)
    finding = next(f for f in result.source_findings if f.code == "import.leading-zeros")
    assert (finding.path, finding.field) == (f"{source.as_posix()}!实施清单!2", "基本编码")
    assert "011020300100" in finding.message
    assert 'catalog_code: "011020300100"' in result.plans[0].path.read_text(encoding="utf-8")


def test_a_gbk_csv_is_read_and_its_encoding_said(registry, tmp_path):
    source = tmp_path / "list.csv"
    lines = [",".join(HEADERS), ",".join(str(v) for v in row())]
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    result = run_import([source], registry.root)
    assert result.exit_code in (0, 1) and result.plans[0].action == "created"
    assert any("GBK" in note for note in result.notes)
    assert "name: 食品经营许可" in result.plans[0].path.read_text(encoding="utf-8")


def test_a_csv_with_a_broken_quote_is_a_finding_at_its_row_and_nothing_is_written(registry, tmp_path):
    source = tmp_path / "list.csv"
    good = ",".join(str(v) for v in row())
    source.write_text(f'{",".join(HEADERS)}\n{good}\n"食品经营许可,新办,{ALPHA}3110203002000\n', encoding="utf-8")
    before = written(registry.root)
    result = run_import([source], registry.root)
    assert result.exit_code == 2
    assert codes(result) == [(f"{source.as_posix()}:3", "import.csv-quote", "")]
    assert written(registry.root) == before


def test_an_empty_sheet_and_ten_thousand_blank_trailing_rows(registry, tmp_path):
    def extend(book, sheet):
        book.create_sheet("说明")
        for number in range(3, 10_003):
            sheet.cell(row=number, column=1, value="")

    source = workbook(tmp_path / "list.xlsx", [row()], extra=extend)
    result = run_import([source], registry.root)
    assert (f"{source.as_posix()}!说明!1", "import.empty-sheet", "") in codes(result)
    assert result.rows_read == 1 and len(result.plans) == 1


def test_a_row_whose_department_is_unknown_is_skipped_with_a_finding(registry, tmp_path):
    headers = HEADERS + ["部门编号"]
    rows = [row(department=None) + ["nowhere"], row(code=ALPHA + "3110203002000", catalog="110203002000") + [None]]
    source = workbook(tmp_path / "list.xlsx", rows, headers=headers)
    result = run_import([source], registry.root)
    assert (f"{source.as_posix()}!实施清单!2", "import.unknown-department", "") in codes(result)
    assert [p.action for p in result.plans] == ["skipped", "created"]
    assert result.exit_code == 1


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://evil.example","点这里")', "<script>alert(1)</script>"])
def test_a_hostile_cell_is_not_imported(registry, tmp_path, hostile):
    source = workbook(tmp_path / "list.xlsx", [row(sub=hostile)])
    result = run_import([source], registry.root)
    found = [f for f in result.source_findings if f.field == "子项名称"]
    assert [f.code for f in found] in (["import.formula"], ["import.markup"])  # openpyxl saves "=…" as a formula
    assert "sub_name" not in result.plans[0].path.read_text(encoding="utf-8")


def test_formula_text_in_a_csv_is_not_imported_and_the_exports_guard_is_taken_off_once(registry, tmp_path):
    source = tmp_path / "list.csv"
    values = row(sub='=HYPERLINK("http://evil.example","点这里")')
    values[0] = "'-食品经营许可"  # a name the project's own export would have guarded
    source.write_text(",".join(HEADERS) + "\n" + ",".join(_csv(v) for v in values) + "\n", encoding="utf-8")
    result = run_import([source], registry.root)
    assert [f.code for f in result.source_findings if f.field == "子项名称"] == ["import.formula-text"]
    text = result.plans[0].path.read_text(encoding="utf-8")
    assert 'name: "\'-食品经营许可"' in text  # a common-headers list keeps the quote: only the exports add one
    result = run_import([source], registry.root, mapping_spec=str(_own_quote_mapping(tmp_path)))
    assert 'name: "-食品经营许可"' in result.plans[0].path.read_text(encoding="utf-8")


def _csv(value) -> str:
    text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _own_quote_mapping(tmp_path: Path) -> Path:
    from importlib import resources

    text = (
        resources.files("generator.importer")
        .joinpath("mappings")
        .joinpath("common-headers.yml")
        .read_text(encoding="utf-8")
    )
    path = tmp_path / "mapping.yml"
    path.write_text(
        text.replace("detect: [事项名称, 实施编码]", "detect: [事项名称, 实施编码]\nquote_prefix: true"),
        encoding="utf-8",
    )
    return path


def test_two_rows_with_the_same_code_are_a_finding_on_both(registry, tmp_path):
    source = workbook(
        tmp_path / "list.xlsx", [row(), row(sub="变更"), row(name="另一个", code=ALPHA + "3110203002000")]
    )
    result = run_import([source], registry.root)
    duplicates = [f.path for f in result.source_findings if f.code == "import.duplicate-code"]
    assert duplicates == [f"{source.as_posix()}!实施清单!2", f"{source.as_posix()}!实施清单!3"]
    assert len(result.plans) == 1 and result.rows_skipped == 2


def test_an_identical_repeated_row_is_merged_and_said(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row(), row()])
    result = run_import([source], registry.root)
    assert (f"{source.as_posix()}!实施清单!3", "import.repeated-row", "实施编码") in codes(result)
    assert result.rows_merged == 1 and len(result.plans) == 1


def test_an_unconfirmed_national_code_is_a_finding_with_its_column(registry, tmp_path):
    headers = HEADERS + ["审批结果类型"]
    source = workbook(tmp_path / "list.xlsx", [row() + ["10"]], headers=headers)
    result = run_import([source], registry.root)
    finding = next(f for f in result.source_findings if f.code == "import.unconfirmed-code")
    assert finding.field == "审批结果类型" and "GDSV" in finding.message
    assert 'type: ""' in result.plans[0].path.read_text(encoding="utf-8").split("result:")[1]


def test_dry_run_writes_nothing_and_tells_each_item(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row(), row(name="另一个", code=ALPHA + "3110203002000")])
    before = written(registry.root)
    cli = run_cli("import", str(source), "--items", str(registry.root), "--dry-run", cwd=tmp_path)
    assert written(registry.root) == before
    assert cli.stdout.count("将新建 ") == 2 and "试运行" in cli.stdout


def test_json_findings_name_sheet_row_and_column(registry, tmp_path):
    source = workbook(tmp_path / "list.xlsx", [row(catalog=11020300100)])
    cli = run_cli("import", "list.xlsx", "--items", str(registry.root), "--format", "json", cwd=tmp_path)
    findings = json.loads(cli.stdout)
    assert set(findings[0]) == {"code", "severity", "path", "line", "column", "field", "message"}
    leading = next(f for f in findings if f["code"] == "import.leading-zeros")
    assert (leading["path"], leading["line"], leading["column"], leading["field"]) == (
        "list.xlsx!实施清单!2",
        2,
        4,
        "基本编码",
    )
    assert source.exists()


def test_an_unreadable_source_is_a_usage_error(registry, tmp_path):
    bad = tmp_path / "list.xlsx"
    bad.write_bytes(b"not a workbook")
    cli = run_cli("import", str(bad), "--items", str(registry.root), cwd=tmp_path)
    assert cli.returncode == 2 and "import.source-unreadable" in cli.stdout
    old = tmp_path / "list.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert run_cli("import", str(old), "--items", str(registry.root), cwd=tmp_path).returncode == 2


def test_no_temporary_file_is_left_behind(registry, tmp_path):
    run_import([workbook(tmp_path / "list.xlsx", [row()])], registry.root)
    assert not [p for p in registry.root.rglob("*") if p.name.endswith(".tmp")]
