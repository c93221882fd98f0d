"""Open-data exports of the sample registry, each checked against its public standard.

HSDS services against the HSDS 3.0 JSON schema, CPSV-AP against the 3.2.0 SHACL shapes (pyshacl);
each gate is also shown to reject a broken record, so a pass means something.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import json
import time
import uuid
from pathlib import Path

import openpyxl
import pyshacl
import pytest
from conftest import run_cli
from jsonschema import Draft202012Validator, FormatChecker
from rdflib import RDF, Graph, Namespace

from generator.checks import check_registry
from generator.exports import FORMATS, export, export_all, hsds, table
from generator.exports.table.sheets import leaf_fields
from generator.importer.mappings import built_in
from generator.importer.sources import Table, normalise_header
from generator.models import Bundle, Department, Fee, Item, Material, Step
from generator.registry.loader import ItemRecord, Registry

# rdflib's own JSON-LD parser still builds a ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

ROOT = Path(__file__).parent.parent
STANDARDS = Path(__file__).parent / "standards"  # copied unchanged from the public repositories, see its README
SITE_URL = "https://guides.example.gov/"
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
CHINESE_HEADERS = [
    "事项名称",
    "子项名称",
    "基本编码",
    "实施编码",
    "事项类型",
    "实施主体",
    "行使层级",
    "服务对象",
    "法定时限",
    "承诺时限",
    "时限单位",
    "办件类型",
    "到现场次数",
    "网办深度",
    "通办范围",
    "收费",
    "申请材料数",
    "更新日期",
]


@pytest.fixture(scope="module")
def sample() -> Registry:
    registry, report = check_registry(ROOT / "items", workers=1)
    assert report.ok
    return registry


@pytest.fixture(scope="module")
def exported(sample: Registry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return export_all(sample, tmp_path_factory.mktemp("exports"), SITE_URL)


@pytest.fixture(scope="module")
def hsds_validator() -> Draft202012Validator:
    schema = json.loads((STANDARDS / "hsds-3.0/service.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(STANDARDS / "cpsv-ap-3.2.0/cpsv-ap-SHACL.ttl", format="turtle")


@pytest.fixture(scope="module")
def cpsv_graph(exported: dict[str, Path]) -> Graph:
    return Graph().parse(data=exported["cpsv-ap"].read_text(encoding="utf-8"), format="json-ld")


def shacl(data: Graph, shapes: Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=False)
    return conforms, text


@pytest.fixture(scope="module")
def cpsv_result(cpsv_graph: Graph, shapes: Graph) -> tuple[bool, str]:
    return shacl(cpsv_graph, shapes)


@pytest.fixture(scope="module")
def csv_rows(exported: dict[str, Path]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(exported["csv"].read_text(encoding="utf-8-sig"), newline="")))


def schema_errors(validator: Draft202012Validator, service: dict) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(service)]


# HSDS 3.0


def test_every_hsds_service_validates(sample, exported, hsds_validator):
    page = json.loads(exported["hsds"].read_text(encoding="utf-8"))
    services = page["contents"]
    assert page["total_items"] == len(services) == len(sample.published) > 0
    assert page["empty"] is False
    for service in services:
        assert schema_errors(hsds_validator, service) == [], service["name"]


def test_hsds_ids_are_stable_and_unique(sample):
    first, second = hsds.services(sample, SITE_URL), hsds.services(sample, SITE_URL)
    assert first == second
    ids = [service["id"] for service in first]
    assert len(set(ids)) == len(ids)
    code = sample.published[0].item.code
    assert ids[0] == str(uuid.uuid5(hsds.NAMESPACE, f"service/{code}"))


def test_hsds_service_carries_the_guide(sample):
    by_id = {service["id"]: service for service in hsds.services(sample, SITE_URL)}
    record = next(r for r in sample.published if r.ref == "scjgj/food-business-license")
    service = by_id[hsds.stable_uuid("service", record.item.code)]
    assert service["name"] == "食品经营许可（新办）"
    assert service["organization"]["name"] == "示范市市场监督管理局"
    assert service["url"] == SITE_URL + "items/scjgj/food-business-license/"
    documents = [document["document"] for document in service["required_documents"]]
    assert not any(document.startswith("营业执照") for document in documents)  # shared: nothing to bring
    assert len(documents) == sum(1 for m in record.item.materials if not m.shared)
    schedules = service["service_at_locations"][0]["schedules"]
    assert {(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules} >= {
        ("MO,TU,WE,TH,FR", "09:00+08:00", "12:00+08:00"),
        ("SA", "09:00+08:00", "12:00+08:00"),
    }


def test_hsds_fees_become_cost_options(sample):
    services = {s["name"]: s for s in hsds.services(sample)}
    fees = [s for s in services.values() if s["cost_options"]]
    assert fees and all(o["currency"] == "CNY" for s in fees for o in s["cost_options"])
    assert any(o.get("amount") == 20.0 for s in fees for o in s["cost_options"])
    assert "url" not in next(iter(services.values()))  # no site address given, no link


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param(lambda s: s.pop("name"), id="service without name"),
        pytest.param(lambda s: s.update(id="not-a-uuid"), id="id not a uuid"),
        pytest.param(lambda s: s.update(status="在用"), id="status outside the enum"),
        pytest.param(lambda s: s["phones"][0].pop("number"), id="phone without number"),
        pytest.param(lambda s: s["organization"].pop("description"), id="organization without description"),
    ],
)
def test_broken_hsds_service_does_not_validate(sample, hsds_validator, breakage):
    service = copy.deepcopy(hsds.services(sample)[0])
    breakage(service)
    assert schema_errors(hsds_validator, service) != []


# CPSV-AP 3.2.0


def test_cpsv_ap_conforms_to_the_shapes(sample, cpsv_graph, cpsv_result):
    conforms, text = cpsv_result
    assert conforms, text
    # Conformance is only worth something when the shapes had services to check.
    assert len(set(cpsv_graph.subjects(RDF.type, CPSV.PublicService))) == len(sample.published)
    assert len(set(cpsv_graph.subjects(RDF.type, CV.PublicOrganisation))) == len(
        {r.item.department for r in sample.published}
    )
    assert set(cpsv_graph.subjects(RDF.type, CV.Evidence))
    assert set(cpsv_graph.subjects(RDF.type, CV.Event))


def without(graph: Graph, triples) -> Graph:
    copy_ = Graph()
    for triple in graph:
        copy_.add(triple)
    for triple in list(triples):
        copy_.remove(triple)
    return copy_


def test_public_service_without_competent_authority_does_not_conform(cpsv_graph, shapes):
    service = next(iter(cpsv_graph.subjects(RDF.type, CPSV.PublicService)))
    broken = without(cpsv_graph, cpsv_graph.triples((service, CV.hasCompetentAuthority, None)))
    conforms, text = shacl(broken, shapes)
    assert not conforms
    assert "hasCompetentAuthority" in text


def test_untyped_code_list_values_do_not_conform(cpsv_graph, shapes):
    conforms, _ = shacl(without(cpsv_graph, cpsv_graph.triples((None, RDF.type, SKOS.Concept))), shapes)
    assert not conforms


def test_processing_time_is_an_iso_duration(sample, cpsv_graph):
    record = sample.published[0]
    times = {str(time) for time in cpsv_graph.objects(None, CV.processingTime)}
    assert f"P{record.item.time_limit.promised}D" in times
    assert all(time.startswith("P") and time.endswith("D") for time in times)


# CSV and xlsx


def test_csv_has_one_row_per_published_item(sample, exported, csv_rows):
    assert exported["csv"].read_bytes().startswith(b"\xef\xbb\xbf")
    header, *rows = csv_rows
    assert [name for name in header if name in CHINESE_HEADERS] == CHINESE_HEADERS
    assert len(rows) == len(sample.published)
    codes = [row[header.index("实施编码")] for row in rows]
    assert codes == [record.item.code for record in sample.published]
    first = dict(zip(header, rows[0], strict=True))
    item = sample.published[0].item
    assert first["承诺时限"] == str(item.time_limit.promised)
    assert first["更新日期"] == item.updated.isoformat()
    assert first["办事指南"] == f"{SITE_URL}items/{sample.published[0].ref}/"


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value)


def test_xlsx_reads_back_with_the_csv_rows(exported, csv_rows):
    workbook = openpyxl.load_workbook(exported["xlsx"])
    sheet = workbook.active
    read = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    assert read == csv_rows
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    # Excel stores a width with the cell's padding added, under one character's worth.
    assert all(8 <= width < 61 for width in widths)
    workbook.close()


def test_xlsx_keeps_text_that_looks_like_a_formula(sample, tmp_path):
    original = sample.published[0]
    item = original.item.model_copy(update={"name": '=HYPERLINK("http://evil.example")'})
    record = ItemRecord(original.department_id, original.slug, item, original.source)
    registry = Registry(sample.root, departments=sample.departments, items=[record])
    export(registry, "xlsx", tmp_path / "items.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "items.xlsx").active
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == record.item.name


# JSON


def test_json_round_trips_into_the_models(sample, exported):
    data = json.loads(exported["json"].read_text(encoding="utf-8"))
    assert [entry["ref"] for entry in data["items"]] == [record.ref for record in sample.published]
    for entry, record in zip(data["items"], sample.published, strict=True):
        assert Item.model_validate(entry["item"]) == record.item
    assert [Department.model_validate(d) for d in data["departments"]] == list(sample.departments.values())
    assert [Bundle.model_validate(b) for b in data["bundles"]] == sample.bundles
    assert data["published_items"] == len(sample.published)
    assert sum(data["unpublished_items"].values()) == len(sample.items) - len(sample.published) == 2


# The package


def test_export_all_writes_every_format_under_its_fixed_name(exported):
    assert {name: path.name for name, path in exported.items()} == {
        "json": "registry.json",
        "csv": "items.csv",
        "xlsx": "items.xlsx",
        "hsds": "hsds.json",
        "cpsv-ap": "cpsv-ap.jsonld",
    }
    assert set(exported) == set(FORMATS)
    assert all(path.stat().st_size > 0 for path in exported.values())


def test_unknown_format_is_refused(sample, tmp_path):
    with pytest.raises(ValueError, match="未知的导出格式"):
        export(sample, "pdf", tmp_path / "x.pdf")


def test_xlsx_is_the_same_bytes_for_the_same_registry(sample, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export(sample, "xlsx", first)
    time.sleep(2.1)  # zip entries and the workbook's save time would differ from here on
    export(sample, "xlsx", second)
    assert first.read_bytes() == second.read_bytes()


# The whole of every item: the workbook's sheets and the CSV set


def test_the_sheets_carry_every_field_of_the_models():
    """Derived from the models: a field added to an item, a material, a fee … or a department without a
    column in the export fails here, instead of vanishing from every export → import."""
    all_sheets = table.sheets(SITE_URL)
    for model in (Item, Department):
        carried = [field for sheet in all_sheets if sheet.model is model for field in sorted(sheet.carried())]
        missing = sorted(set(leaf_fields(model)) - set(carried))
        assert not missing, (
            f"{model.__name__}: fields no sheet carries (add a column in exports/table/sheets.py): {missing}"
        )
        assert len(carried) == len(set(carried)), "a field in two columns"
    for sheet in all_sheets:
        assert len(sheet.headers) == len(set(sheet.headers)), sheet.title


def _spec(mapping, sheet, name: str, csv_file: bool):
    headers = [normalise_header(header) for header in sheet.headers]
    found = Table(f"out/{name}", None if csv_file else name, headers=headers)
    return mapping.spec_for(found)


def test_the_own_export_mapping_reads_back_every_column_that_carries_a_field():
    mapping = built_in("own-export")
    exported: dict[int, set[str]] = {}  # table of the mapping → the headers the export writes for it
    for sheet in table.sheets(SITE_URL):
        for name, csv_file in ((sheet.title, False), (sheet.file_name, True)):
            spec = _spec(mapping, sheet, name, csv_file)
            assert spec is not None, name
            assert spec.list == sheet.list_field and (spec.role == "departments") == (sheet.model is Department), name
            exported.setdefault(mapping.tables.index(spec), set()).update(map(normalise_header, sheet.headers))
            by_header = {header: column for column in spec.columns for header in column.headers}
            for column in sheet.columns:
                if column.field is None:
                    continue
                mapped = by_header[normalise_header(column.header)]
                # 事项编号 is 部门编号/文件名: the department, and the file name the item keeps
                assert mapped.field == ("ref" if column.field == "department" else column.field), column.header
                assert mapped.type.value != "ignore", column.header
    assert set(exported) == set(range(len(mapping.tables)))
    for index, spec in enumerate(mapping.tables):  # and the mapping reads no column the export does not write
        assert {column.headers[0] for column in spec.columns} <= exported[index], spec.sheets


def test_the_workbook_has_the_flat_list_first_and_a_sheet_per_list(sample, exported):
    book = openpyxl.load_workbook(exported["xlsx"], read_only=False)
    sheets = table.sheets(SITE_URL)
    assert book.sheetnames == [sheet.title for sheet in sheets] and book.sheetnames[0] == "实施清单"
    assert [cell.value for cell in book["实施清单"][1]] == table.headers()
    published = [record.item for record in sample.published]
    for sheet in sheets:
        rows = list(book[sheet.title].iter_rows(values_only=True))
        assert list(rows[0]) == sheet.headers
        assert book[sheet.title].freeze_panes == "A2"
        if sheet.list_field:
            entries = [entry for item in published for entry in getattr(item, sheet.list_field)]
            assert len(rows) - 1 == len(entries) > 0, sheet.title
            assert [row[1] for row in rows[1:]] == [
                n for item in published for n in range(1, len(getattr(item, sheet.list_field)) + 1)
            ]
        elif sheet.model is Department:
            assert [row[0] for row in rows[1:]] == list(sample.departments)
        else:
            assert [row[sheet.headers.index("实施编码")] for row in rows[1:]] == [item.code for item in published]
    book.close()


def test_the_csv_set_is_the_flat_list_and_a_file_per_sheet(sample, tmp_path):
    folder = tmp_path / "实施清单"
    cli = run_cli("export", "--format", "csv", "--out", str(folder), cwd=ROOT)
    assert cli.returncode == 0, cli.stderr
    files = [sheet.file_name for sheet in table.sheets(SITE_URL)]
    assert sorted(path.name for path in folder.iterdir()) == sorted(files)
    assert cli.stdout.splitlines() == [(folder / name).as_posix() for name in files]
    single = tmp_path / "one.csv"
    assert run_cli("export", "--format", "csv", "--out", str(single), cwd=ROOT).returncode == 0
    assert (folder / "items.csv").read_bytes() == single.read_bytes()  # the same flat list either way
    for sheet in table.sheets(SITE_URL):
        raw = (folder / sheet.file_name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert header == sheet.headers
    materials = list(csv.DictReader(io.StringIO((folder / "items-materials.csv").read_text(encoding="utf-8-sig"))))
    expected = [m for record in sample.published for m in record.item.materials]
    assert [(row["材料名称"], row["适用情形"], row["备注"]) for row in materials] == [
        (m.name, m.situation or "", m.notes or "") for m in expected
    ]


def test_the_questions_come_before_the_materials_and_conditions_read_as_people_write_them(sample, tmp_path):
    titles = [sheet.title for sheet in table.sheets(SITE_URL)]
    assert titles[0] == "实施清单" and titles.index("办理情形") + 1 == titles.index("申请材料")  # asked, then listed
    folder = tmp_path / "set"
    table.write_csv_set(sample, folder, SITE_URL)

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8-sig"))))

    header = Material.model_fields["when"].title  # 适用于, as on steps and fees
    assert header == Step.model_fields["when"].title == Fee.model_fields["when"].title
    for name, field in (("items-materials.csv", "materials"), ("items-steps.csv", "steps"), ("items-fees.csv", "fees")):
        expected = [entry.when for record in sample.published for entry in getattr(record.item, field)]
        cells = [row[header] for row in rows(name)]
        assert cells == ["；".join(f"{q}：{'，'.join(options)}" for q, options in when.items()) for when in expected]
    assert any(row[header] for row in rows("items-materials.csv"))  # some materials are for some applicants only
    questions = [s for record in sample.published for s in record.item.situations]
    assert questions and all("\n" not in (o.hint or "") for s in questions for o in s.choices)
    assert [(r["情形名称"], r["问题"], r["选项"], r["可多选"]) for r in rows("items-situations.csv")] == [
        (
            s.name,
            s.question,
            "\n".join(f"{o.name}：{o.hint}" if o.hint else o.name for o in s.choices),
            "是" if s.multiple else "否",
        )
        for s in questions
    ]
    assert "材料提交方式" in rows("items-details.csv")[0]


def test_the_open_data_page_says_what_the_files_hold():
    page = (ROOT / "generator/site/templates/open_data.html").read_text(encoding="utf-8")
    for sheet in table.sheets(SITE_URL):
        assert sheet.title in page and sheet.file_name in page, sheet.title
