"""Each finding of `import`, from the smallest bad source a migrating city really has: its code and
severity, its place (file, sheet and row; the column), what the message tells the person to do, and
what was and was not written."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import ITEM_TEXT, edit

from generator.findings import Finding, Severity
from generator.importer import sources
from generator.importer.run import ImportResult, run_import

E, W = Severity.ERROR, Severity.WARNING
ALPHA = "11990100MB9990010D"
CODE = ALPHA + "3110203001000"
OTHER = ALPHA + "3110203002000"
SAMPLE_CODE = ITEM_TEXT.split("\ncode: ", 1)[1].split("\n", 1)[0]  # the code of alpha/sample.yml
TODAY = datetime.date(2026, 3, 2)
ROW = {
    "事项名称": "食品经营许可",
    "实施编码": CODE,
    "实施主体": "测试市甲局",
    "办件类型": "承诺件",
    "承诺办结时限": "5个工作日",
}


def workbook(path: Path, rows: list[dict], title: str = "实施清单", extra=None) -> Path:
    """One sheet whose header row is the keys of the rows (in order of first appearance)."""
    headers = list(dict.fromkeys(key for values in rows for key in values))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header) for header in headers])
    if extra:
        extra(book)
    book.save(path)
    return path


def csv_file(path: Path, rows: list[dict]) -> Path:
    headers = list(dict.fromkeys(key for values in rows for key in values))
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(headers)
        writer.writerows([[values.get(header, "") for header in headers] for values in rows])
    return path


def row(**changes) -> dict:
    return {**ROW, **changes}


def national_basic(folder: Path, code: str = CODE) -> Path:
    folder.mkdir(exist_ok=True)
    return csv_file(
        folder / "up_task_general_basic.csv",
        [
            {
                "task_code": code,
                "task_name": "食品经营许可",
                "task_type": "01",
                "dept_name": "测试市甲局",
                "project_type": "2",
                "promise_day": "5",
                "promise_type": "工作日",
            }
        ],
    )


def at(source: Path, number: int, sheet: str | None = "实施清单") -> str:
    return f"{source.as_posix()}!{sheet}!{number}" if sheet else f"{source.as_posix()}:{number}"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(given: list[Path] | Path, root: Path, **options) -> ImportResult:
    return run_import(given if isinstance(given, list) else [given], root, today=TODAY, **options)


def the_finding(result: ImportResult, code: str) -> Finding:
    found = [f for f in result.source_findings if f.code == code]
    assert len(found) == 1, [(f.code, f.path, f.message) for f in result.source_findings]
    return found[0]


def assert_finding(finding: Finding, severity: Severity, path: str, field: str, fix: str, column: int = 0) -> None:
    assert (finding.severity, finding.path, finding.field) == (severity, path, field), finding
    assert fix in finding.message, finding.message
    if column:
        assert finding.column == column, finding


def created(result: ImportResult, root: Path) -> dict[str, str]:
    """The files the import created: path relative to the registry → text."""
    return {
        plan.path.relative_to(root).as_posix(): plan.path.read_text(encoding="utf-8")
        for plan in result.plans
        if plan.action == "created"
    }


# The source as a whole: nothing is read, nothing is written ------------------------------------


def _missing(tmp: Path) -> tuple[Path, str]:
    source = tmp / "实施清单.xlsx"
    return source, source.as_posix()


def _old_excel(tmp: Path) -> tuple[Path, str]:
    source = tmp / "实施清单.xls"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # an Excel 97-2003 workbook
    return source, source.as_posix()


def _renamed_old_excel(tmp: Path) -> tuple[Path, str]:
    source = tmp / "实施清单.xlsx"  # an .xls renamed to .xlsx instead of saved as one
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return source, source.as_posix()


def _too_large(tmp: Path) -> tuple[Path, str]:
    source = tmp / "全市实施清单.csv"
    with source.open("wb") as file:
        file.truncate(sources.MAX_SOURCE_BYTES + 1)  # sparse: nothing but the size is real
    return source, source.as_posix()


def _empty_file(tmp: Path) -> tuple[Path, str]:
    source = tmp / "实施清单.csv"  # an export that failed half-way: 0 bytes
    source.write_bytes(b"")
    return source, source.as_posix()


def _blank_template(tmp: Path) -> tuple[Path, str]:
    source = tmp / "实施清单.xlsx"  # the template sent out to departments, returned without a line
    openpyxl.Workbook().save(source)
    return source, source.as_posix()


def _folder_without_tables(tmp: Path) -> tuple[Path, str]:
    folder = tmp / "实施清单"
    folder.mkdir()
    (folder / "填报说明.docx").write_bytes(b"PK\x03\x04")
    return folder, folder.as_posix()


def _pasted_together(bom: bytes) -> Callable[[Path], tuple[Path, str]]:
    """Two departments' lists pasted into one file: one saved as UTF-8 (with or without BOM), one as GBK.
    Read as GBK, the UTF-8 lines would turn into mojibake without a word."""

    def build(tmp: Path) -> tuple[Path, str]:
        source = tmp / "实施清单.csv"
        first = "\r\n".join([",".join(ROW), ",".join(ROW.values())]) + "\r\n"
        second = ",".join(row(事项名称="食品生产许可", 实施编码=OTHER).values()) + "\r\n"
        source.write_bytes(bom + first.encode("utf-8") + second.encode("gbk"))
        return source, f"{source.as_posix()}:3"

    return build


SOURCES = {
    "missing": (_missing, "import.source-missing", "请检查路径"),
    "old-excel": (_old_excel, "import.source-format", "请在 Excel 中“另存为”.xlsx 工作簿"),
    "renamed-old-excel": (_renamed_old_excel, "import.source-unreadable", "请用 Excel 打开后另存为 .xlsx"),
    "too-large": (_too_large, "import.source-too-large", "请按部门拆分后分别导入"),
    "empty-file": (_empty_file, "import.source-empty", "请检查是不是选错了文件"),
    "blank-template": (_blank_template, "import.source-empty", "请检查是不是选错了文件"),
    "folder-without-tables": (_folder_without_tables, "import.source-empty", "请指定实施清单所在的文件或文件夹"),
    "utf8-bom-then-gbk": (_pasted_together(b"\xef\xbb\xbf"), "import.encoding", "另存为“CSV UTF-8"),
    "utf8-then-gbk": (_pasted_together(b""), "import.encoding", "另存为“CSV UTF-8"),
}


@pytest.mark.parametrize(("build", "code", "fix"), SOURCES.values(), ids=SOURCES.keys())
def test_a_source_that_cannot_be_read_stops_the_import_before_anything_is_written(
    registry, tmp_path, build: Callable, code: str, fix: str
):
    source, place = build(tmp_path)
    before = snapshot(registry.root)
    result = run(source, registry.root)
    assert [f.code for f in result.source_findings] == [code]
    assert_finding(result.source_findings[0], E, place, "", fix)
    assert result.fatal and result.exit_code == 2 and result.plans == []
    assert snapshot(registry.root) == before


def test_a_gbk_file_under_an_ascii_header_row_is_read_as_gbk(registry, tmp_path):
    basic = national_basic(tmp_path / "national")
    basic.write_bytes(basic.read_text(encoding="utf-8").encode("gbk"))  # task_code,task_name,… then GBK rows
    result = run(basic, registry.root)
    assert "import.encoding" not in [f.code for f in result.source_findings]
    assert any("GBK" in note for note in result.notes)
    assert "name: 食品经营许可\n" in created(result, registry.root)["alpha/shipinjingyingxuke.yml"]


def test_a_csv_that_cannot_be_opened_is_unreadable_not_an_encoding_problem(registry, tmp_path, monkeypatch):
    source = csv_file(tmp_path / "实施清单.csv", [ROW])
    real = Path.read_bytes

    def locked(path: Path) -> bytes:  # another program holds the file (tests run as root: chmod cannot)
        if path == source:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", locked)
    result = run(source, registry.root)
    assert [f.code for f in result.source_findings] == ["import.source-unreadable"]
    assert_finding(result.source_findings[0], E, source.as_posix(), "", "Permission denied")
    assert result.exit_code == 2 and result.plans == []


def test_one_empty_table_among_others_is_not_fatal(registry, tmp_path):
    folder = tmp_path / "national"
    national_basic(folder)
    (folder / "up_task_general_questions.csv").write_bytes(b"")  # no questions: the exporter wrote 0 bytes
    result = run(folder, registry.root)
    assert "import.source-empty" not in [f.code for f in result.source_findings]
    assert list(created(result, registry.root)) == ["alpha/shipinjingyingxuke.yml"]


# Tables and columns ------------------------------------------------------------------------------


def test_headers_no_mapping_recognises_stop_the_import(registry, tmp_path):
    rows = [{"序号": 1, "名称": "食品经营许可", "编号": CODE, "承办科室": "行政审批科"}]
    source = workbook(tmp_path / "事项目录.xlsx", rows, title="Sheet1")
    before = snapshot(registry.root)
    result = run(source, registry.root)
    assert_finding(
        the_finding(result, "import.no-mapping"), E, at(source, 1, "Sheet1"), "", "用 --mapping 指定映射文件"
    )
    assert result.exit_code == 2 and result.plans == [] and snapshot(registry.root) == before


NOTES = ["1. 实施编码为 31 位，请按事项管理系统填写", "2. 承诺办结时限写明工作日或自然日", "3. 每个事项一行"]


def _notes_sheet(tmp: Path) -> tuple[list[Path], str, int, str]:
    def notes(book):
        sheet = book.create_sheet("填表说明")
        for line in NOTES:
            sheet.append([line])

    source = workbook(tmp / "实施清单.xlsx", [ROW], extra=notes)
    return [source], at(source, 1, "填表说明"), len(NOTES), "这张表要导入的话请检查表头"


def _national_directory(tmp: Path) -> tuple[list[Path], str, int, str]:
    folder = tmp / "national"
    national_basic(folder)
    entries = [{"catalog_code": "110203001000", "task_name": "食品经营许可", "task_type": "01"}, {"task_name": "其他"}]
    directory = csv_file(folder / "up_task_directory.csv", entries)  # the basic catalogue, exported alongside
    lines = 1 + len(entries)  # no header the mapping knows: every line counts
    return [folder], at(directory, 1, None), lines, "请在映射的 tables 中写明它"


@pytest.mark.parametrize("build", [_notes_sheet, _national_directory], ids=["notes-sheet", "national-directory"])
def test_a_table_the_mapping_has_no_place_for_is_left_out_with_a_warning(registry, tmp_path, build):
    source, place, lines, fix = build(tmp_path)
    result = run(source, registry.root)
    finding = the_finding(result, "import.unmapped-table")
    assert_finding(finding, W, place, "", fix)
    assert f"这张表的 {lines} 行都没有导入" in finding.message and "不需要导入的话可以忽略" in finding.message
    assert result.rows_skipped == lines and result.exit_code == 1
    assert list(created(result, registry.root)) == ["alpha/shipinjingyingxuke.yml"]


def test_each_column_the_mapping_does_not_know_is_a_warning_at_its_header(registry, tmp_path):
    source = workbook(tmp_path / "实施清单.xlsx", [row(备注="请携带原件", 审核状态="已审核")])
    result = run(source, registry.root)
    unknown = [f for f in result.source_findings if f.code == "import.unmapped-column"]
    assert [(f.field, f.column) for f in unknown] == [("备注", 6), ("审核状态", 7)]
    for finding in unknown:
        assert_finding(finding, W, at(source, 1), finding.field, "需要时请在映射的 columns 中加上它")
    text = created(result, registry.root)["alpha/shipinjingyingxuke.yml"]
    assert "请携带原件" not in text and "已审核" not in text


# Cells: the row is imported, the cell's field is not ---------------------------------------------

CELLS = {
    # what the city typed in which column → code, severity, the fix the message gives, what the new file holds
    "bad-number-visits": (("到办事现场次数", "不超过1次"), "import.bad-number", E, "请填写整数，如 1", 'visits: ""\n'),
    "bad-number-days": (("承诺办结时限", 2.5), "import.bad-number", E, "请填写整数天数", '  promised: ""\n'),
    "bad-days": (("承诺办结时限", "3个月"), "import.bad-days", E, "请写成“5个工作日”“20个自然日”", '  promised: ""\n'),
    "unclear-unit": (("承诺办结时限", "20天"), "import.unclear-unit", W, "请补上", '  promised: 20\n  unit: ""\n'),
    "bad-date": (("更新日期", "2026年10月"), "import.bad-date", E, "请写成 2026-10-15 的形式", "updated: 2026-03-02\n"),
    "bad-value": (("告知承诺制", "部分适用"), "import.bad-value", E, "请改为“是”或“否”", "name: 食品经营许可\n"),
    "unknown-value": (("事项类型", "行政备案"), "import.unknown-value", E, "请改为 ", 'type: ""\n'),
    "several-values": (("行使层级", "市级、县级"), "import.several-values", E, "只写一个", 'level: ""\n'),
    "code-as-number": (
        ("统一社会信用代码", 1.21100004000004e17),  # 18 digits typed into a number cell: Excel keeps 15
        "import.code-as-number",
        E,
        "请把这一列设为“文本”格式",
        "department: alpha\n",  # found by 实施主体 instead
    ),
}


@pytest.mark.parametrize(("cell", "code", "severity", "fix", "holds"), CELLS.values(), ids=CELLS.keys())
def test_a_cell_that_cannot_be_read_leaves_its_field_out(registry, tmp_path, cell, code, severity, fix, holds):
    header, typed = cell
    values = row(**{header: typed})
    source = workbook(tmp_path / "实施清单.xlsx", [values])
    result = run(source, registry.root)
    assert_finding(the_finding(result, code), severity, at(source, 2), header, fix, list(values).index(header) + 1)
    text = created(result, registry.root)["alpha/shipinjingyingxuke.yml"]
    assert holds in text
    assert str(typed) not in text
    assert result.exit_code == 1


def test_a_clean_row_with_every_one_of_those_columns_gives_no_finding(registry, tmp_path):
    values = row(
        到办事现场次数="1次",
        更新日期="2026年10月15日",
        告知承诺制="是",
        事项类型="行政许可",
        行使层级="市级",
        统一社会信用代码=ALPHA,
        法定办结时限="20个工作日",
    )
    source = workbook(tmp_path / "实施清单.xlsx", [values])
    result = run(source, registry.root)
    assert result.source_findings == []
    text = created(result, registry.root)["alpha/shipinjingyingxuke.yml"]
    assert "statutory: 20\n  promised: 5\n  unit: 工作日\n" in text and "updated: 2026-10-15\n" in text


# Rows: the row is not imported --------------------------------------------------------------------


def test_an_implementation_code_excel_turned_into_a_number_skips_the_row(registry, tmp_path):
    rows = [ROW, row(事项名称="食品生产许可", 实施编码=1.21100004000004e30)]
    source = workbook(tmp_path / "实施清单.xlsx", rows)
    result = run(source, registry.root)
    finding = the_finding(result, "import.code-as-number")
    assert_finding(finding, E, at(source, 3), "实施编码", "请把这一列设为“文本”格式", 2)
    assert "超过 15 位的部分已经丢失" in finding.message
    assert [plan.code for plan in result.plans] == [CODE] and result.rows_skipped == 1


def test_a_row_without_an_implementation_code_is_skipped(registry, tmp_path):
    source = workbook(tmp_path / "实施清单.xlsx", [ROW, row(事项名称="食品经营许可（变更）", 实施编码=None)])
    result = run(source, registry.root)
    assert_finding(the_finding(result, "import.missing-code"), E, at(source, 3), "实施编码", "请填写实施编码", 2)
    assert list(created(result, registry.root)) == ["alpha/shipinjingyingxuke.yml"]
    assert result.rows_skipped == 1 and result.exit_code == 1


def _material_of_a_mistyped_code(tmp: Path) -> tuple[list[Path], str, str]:
    def materials(book):
        sheet = book.create_sheet("申请材料")
        sheet.append(["实施编码", "材料名称"])
        sheet.append([CODE, "申请书"])
        sheet.append([CODE[:-1] + "1", "营业执照"])  # one digit off

    source = workbook(tmp / "实施清单.xlsx", [ROW], extra=materials)
    return [source], at(source, 3, "申请材料"), "实施编码"


def _national_extend_without_basic(tmp: Path) -> tuple[list[Path], str, str]:
    folder = tmp / "national"
    national_basic(folder)
    extend = csv_file(
        folder / "up_task_general_extend.csv",
        [
            {"task_code": CODE, "result_name": "食品经营许可证"},
            {"task_code": OTHER, "result_name": "营业执照"},  # its basic row was not exported
        ],
    )
    return [folder], at(extend, 3, None), "task_code"


@pytest.mark.parametrize(
    "build", [_material_of_a_mistyped_code, _national_extend_without_basic], ids=["material", "national-extend"]
)
def test_a_row_whose_code_is_not_in_the_item_table_is_skipped(registry, tmp_path, build):
    source, place, field = build(tmp_path)
    result = run(source, registry.root)
    assert_finding(the_finding(result, "import.orphan-row"), E, place, field, "请核对实施编码", 1)
    text = created(result, registry.root)["alpha/shipinjingyingxuke.yml"]
    assert "营业执照" not in text
    assert result.rows_skipped == 1 and result.exit_code == 1


@pytest.mark.parametrize(
    ("is_fee", "standard", "fix"),
    [("否", "工本费：每证10元", "删去收费项目"), ("是", "不收费", "填写收费项目和标准")],
    ids=["no-but-a-fee", "yes-but-free"],
)
def test_fees_that_contradict_is_fee_are_left_for_the_department_to_decide(registry, tmp_path, is_fee, standard, fix):
    values = row(是否收费=is_fee, 收费标准=standard)
    source = workbook(tmp_path / "实施清单.xlsx", [values])
    result = run(source, registry.root)
    column = list(values).index("是否收费") + 1
    assert_finding(the_finding(result, "import.fee-conflict"), E, at(source, 2), "是否收费", fix, column)
    text = created(result, registry.root)["alpha/shipinjingyingxuke.yml"]
    assert "\nfees:" not in text  # not `fees: []`, which the site would show as 不收费
    missing = [(f.field, f.code) for f in result.check_findings if f.path.endswith("shipinjingyingxuke.yml")]
    assert ("fees", "field.missing") in missing


def test_is_fee_no_without_fees_is_free_and_quiet(registry, tmp_path):
    source = workbook(tmp_path / "实施清单.xlsx", [row(是否收费="否")])
    result = run(source, registry.root)
    assert result.source_findings == []
    assert "\nfees: []\n" in created(result, registry.root)["alpha/shipinjingyingxuke.yml"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"法定办结时限": "20个自然日", "承诺办结时限": "10个工作日"}, "承诺办结时限"),
        ({"承诺办结时限": "20个自然日", "时限单位": "工作日"}, "时限单位"),
    ],
    ids=["statutory-and-promised", "promised-and-unit-column"],
)
def test_time_limits_in_different_units_are_not_imported_in_the_wrong_one(registry, tmp_path, changes, field):
    values = row(**changes)
    source = workbook(tmp_path / "实施清单.xlsx", [values])
    result = run(source, registry.root)
    finding = the_finding(result, "import.mixed-units")
    assert_finding(finding, E, at(source, 2), field, "请把两个时限换算成同一种单位", list(values).index(field) + 1)
    text = created(result, registry.root)["alpha/shipinjingyingxuke.yml"]
    assert 'time_limit:\n  promised: ""\n  unit: ""\n' in text  # neither day count, in neither unit
    assert "自然日" not in text and "工作日" not in text


def test_time_limits_in_different_units_leave_an_existing_item_as_it_was(registry, tmp_path):
    path = registry.item()
    changes = {
        "事项名称": "测试许可（新）",
        "实施编码": SAMPLE_CODE,
        "法定办结时限": "20个自然日",
        "承诺办结时限": "10个工作日",
    }
    source = workbook(tmp_path / "实施清单.xlsx", [row(**changes)])
    result = run(source, registry.root)
    assert the_finding(result, "import.mixed-units").field == "承诺办结时限"
    assert [plan.action for plan in result.plans] == ["updated"]
    text = path.read_text(encoding="utf-8")
    assert "name: 测试许可（新）\n" in text
    assert "time_limit:\n  statutory: 20\n  promised: 5\n  unit: 工作日\n" in text  # as the department keeps it


# Departments and file names -----------------------------------------------------------------------


def _bad_department_column(tmp: Path) -> tuple[dict, str | None, str, str]:
    return row(实施主体="测试市丙局", 部门编号="市场监管局"), None, "部门编号", "请改为小写字母、数字和连字符"


def _bad_department_in_mapping(tmp: Path) -> tuple[dict, str | None, str, str]:
    from importlib import resources

    text = resources.files("generator.importer").joinpath("mappings/common-headers.yml").read_text(encoding="utf-8")
    mapping = tmp / "mapping.yml"
    mapping.write_text(
        edit(
            text,
            "detect: [事项名称, 实施编码]\n",
            "detect: [事项名称, 实施编码]\ndepartments: {ids: {测试市丙局: ../丙局}}\n",
        ),
        encoding="utf-8",
    )
    return row(实施主体="测试市丙局"), str(mapping), "实施主体", "请在映射中改为小写字母、数字和连字符"


@pytest.mark.parametrize(
    "build", [_bad_department_column, _bad_department_in_mapping], ids=["department-column", "mapping-ids"]
)
def test_a_department_id_that_cannot_be_a_folder_name_skips_the_row(registry, tmp_path, build):
    values, mapping, field, fix = build(tmp_path)
    source = workbook(tmp_path / "实施清单.xlsx", [values])
    before = snapshot(registry.root)
    outside = snapshot(tmp_path)
    result = run(source, registry.root, mapping_spec=mapping)
    finding = the_finding(result, "import.bad-department")
    assert_finding(finding, E, at(source, 2), field, fix, list(values).index(field) + 1)
    assert [plan.action for plan in result.plans] == ["skipped"] and result.rows_skipped == 1
    assert snapshot(registry.root) == before and snapshot(tmp_path) == outside


def test_an_item_whose_department_changed_is_updated_where_it_is(registry, tmp_path):
    path = registry.item()
    source = workbook(
        tmp_path / "实施清单.xlsx", [row(事项名称="测试许可（新）", 实施编码=SAMPLE_CODE, 实施主体="测试市乙局")]
    )
    result = run(source, registry.root)
    finding = the_finding(result, "import.department-moved")
    assert_finding(finding, W, at(source, 2), "实施主体", "手工把文件移到 beta/", 3)
    assert [(plan.action, plan.path) for plan in result.plans] == [("updated", path)]
    text = path.read_text(encoding="utf-8")
    assert "name: 测试许可（新）\n" in text and "department: alpha\n" in text
    assert not (registry.root / "beta").exists()


OWN_EXPORT = {"事项编号": "", "事项名称": "食品经营许可", "实施编码": CODE, "实施主体": "测试市甲局", "申请材料数": 0}


@pytest.mark.parametrize(
    ("ref", "code", "fix"),
    [
        ("alpha/食品经营许可", "import.bad-slug", "只能用小写字母、数字和连字符"),
        ("食品经营许可", "import.bad-slug", "应写成“部门编号/文件名”"),
        ("alpha/sample", "import.slug-taken", "已被 alpha/ 中的另一个事项使用"),
    ],
    ids=["chinese-file-name", "no-department", "taken"],
)
def test_a_file_name_that_cannot_be_used_is_made_from_the_name(registry, tmp_path, ref, code, fix):
    existing = registry.item()
    before = existing.read_bytes()
    source = csv_file(tmp_path / "items.csv", [dict(OWN_EXPORT, 事项编号=ref)])
    result = run(source, registry.root)
    assert_finding(the_finding(result, code), W, at(source, 2, None), "事项编号", fix, 1)
    assert list(created(result, registry.root)) == ["alpha/shipinjingyingxuke.yml"]
    assert existing.read_bytes() == before


def test_a_usable_file_name_is_kept_and_quiet(registry, tmp_path):
    source = csv_file(tmp_path / "items.csv", [dict(OWN_EXPORT, 事项编号="alpha/food-licence")])
    result = run(source, registry.root)
    assert not [f for f in result.source_findings if f.code in ("import.bad-slug", "import.slug-taken")]
    assert list(created(result, registry.root)) == ["alpha/food-licence.yml"]


# Existing files the import cannot read: left exactly as they are -----------------------------------


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (
            lambda text: edit(text, "summary: 用于测试的事项。", 'summary: "用于测试的事项。').encode("utf-8"),
            "读不出",
        ),
        (lambda text: text.encode("gbk"), "不是 UTF-8 编码"),
    ],
    ids=["unclosed-quote", "saved-as-gbk"],
)
def test_an_existing_item_file_that_cannot_be_read_is_not_overwritten(registry, tmp_path, damage, says):
    path = registry.write("alpha/sample.yml", damage(ITEM_TEXT))
    before = path.read_bytes()
    source = workbook(tmp_path / "实施清单.xlsx", [row(事项名称="测试许可（新）", 实施编码=SAMPLE_CODE)])
    result = run(source, registry.root)
    finding = the_finding(result, "import.unreadable-item")
    assert_finding(finding, E, at(source, 2), "", "请先改正它")
    assert says in finding.message
    assert [(plan.action, plan.path) for plan in result.plans] == [("skipped", path)]
    assert path.read_bytes() == before and result.exit_code == 1


def test_a_departments_file_that_cannot_be_read_stops_the_import(registry, tmp_path):
    departments = registry.root / "departments.yml"
    departments.write_text(
        departments.read_text(encoding="utf-8").replace("    short_name: 甲局\n", "    short_name: [甲局\n"),
        encoding="utf-8",
    )
    before = snapshot(registry.root)
    source = workbook(tmp_path / "实施清单.xlsx", [row(实施主体="测试市丙局")])  # a new department to register
    result = run(source, registry.root)
    finding = the_finding(result, "import.unreadable-item")
    assert_finding(finding, E, departments.as_posix(), "", "请先改正它")
    assert finding.line > 1
    assert result.fatal and result.plans == [] and snapshot(registry.root) == before
