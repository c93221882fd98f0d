"""What the 实施清单 workbook holds, sheet by sheet and column by column.

The first sheet, 实施清单, is the flat list people and other tools already read: one row per
published item, some of its columns summaries (收费, 设定依据, 申请材料数). The sheets after it
hold the rest of every item, keyed by 实施编码 as departments' own workbooks are: 事项详情 (one
row per item: the fields the flat list leaves out), one sheet per list of an item (办理情形, 申请材料,
办事流程 …, one row per entry, numbered by 序号) and 部门. Together they give back the whole of
every published item and department; `tests/test_exports.py` derives the fields the sheets must
carry from the models, so a field added to a model without a column here fails a test.

A column names the model field it carries (`field`); columns without one are figures and links
made for people (申请材料数, 办事指南), which the import does not read. The headers of the sheets
after the first are the fields' Chinese titles (`models/base.field`), the one source of labels.

办理情形 take two cell formats, written and read in `generator/importer/values.py`: a condition
(适用于, on materials, steps and fees) is `经营类型：餐饮服务，食品销售；委托办理：委托他人办理`, blank when it
applies always; a question's options are one a line, `选项` or `选项：说明`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple

from pydantic import BaseModel

from generator.importer.values import condition_text, options_text
from generator.models import (
    Department,
    Fee,
    Form,
    Item,
    LegalBasis,
    Material,
    Question,
    Situation,
    SituationOption,
    SpecialProcedure,
    Step,
    Window,
    WorkflowStep,
)
from generator.registry.labels import model_at, nested_model
from generator.registry.loader import Registry
from generator.views import ItemView
from generator.wording import fee_text

Value = str | int | float | datetime.date | None
KEY = "实施编码"
NUMBER = "序号"
ENUM_SEPARATOR = "、"  # 自然人、企业法人: as the flat list has always written its choices
LINE_SEPARATOR = "\n"  # free-text lists (检索词, 主题 …), one per line: a keyword may itself hold 、 or ，


@dataclass(frozen=True)
class Column:
    header: str
    read: Callable[[Any], Value]
    field: str | None = None  # the model field it gives back whole (dotted); None: made for people, not read back
    text: bool = False  # a code of digits that Excel must keep as text


@dataclass(frozen=True)
class Sheet:
    title: str  # the worksheet's name
    file_name: str  # the file's name in a set of CSV files
    model: type[BaseModel]  # whose fields the sheet carries: the item's (lists included) or a department's
    columns: tuple[Column, ...]
    # What each row is read off: for a sheet of items, the records one item gives (itself, or the
    # entries of one of its lists); for another sheet (部门), every record of the registry.
    of_item: Callable[[ItemView], Iterable[Any]] | None
    of_registry: Callable[[Registry], Iterable[Any]] | None = None
    list_field: str | None = None  # the item's list each row is an entry of (materials …)

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def carried(self) -> set[str]:
        """The model fields this sheet gives back, as dotted paths from the item (or the department); a column
        holding records whole (a question's options) gives back each of their fields."""
        prefix = f"{self.list_field}." if self.list_field else ""
        paths = set()
        for column in self.columns:
            if column.field:
                path = prefix + column.field
                records = model_at(self.model, tuple(path.split(".")))
                paths |= {f"{path}.{leaf}" for leaf in leaf_fields(records)} if records else {path}
        return paths


def leaf_fields(model: type[BaseModel]) -> list[str]:
    """Every field of `model` that holds values rather than more fields, as dotted paths (time_limit.promised,
    materials.name): what the sheets together must carry."""
    paths = []
    for name, info in model.model_fields.items():
        nested = nested_model(info.annotation)
        paths += [f"{name}.{inner}" for inner in leaf_fields(nested)] if nested else [name]
    return paths


def cell_value(value: Any) -> Value:
    """A field's value as a cell: words for choices and yes/no, lists joined, numbers and dates kept."""
    if value is None or isinstance(value, (str, datetime.date)):
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):  # a condition (适用于): 情形名称 → its options; blank when it applies always
        return condition_text(value) or None
    if isinstance(value, list):
        if not value:
            return None
        if isinstance(value[0], SituationOption):
            return options_text(value)
        separator = ENUM_SEPARATOR if isinstance(value[0], Enum) else LINE_SEPARATOR
        return separator.join(str(cell_value(element)) for element in value)
    raise TypeError(f"no cell for {type(value).__name__}")


def _at(path: str) -> Callable[[Any], Any]:
    parts = path.split(".")

    def read(record: Any) -> Any:
        for part in parts:
            if record is None:  # an optional record not given (an item's own links): its fields are blank
                return None
            record = getattr(record, part)
        return record

    return read


def field_column(model: type[BaseModel], path: str, read: Callable[[Any], Any], text: bool = False) -> Column:
    """A column for a model field, headed by the field's Chinese title."""
    owner: type[BaseModel] = model
    for part in path.split(".")[:-1]:
        nested = nested_model(owner.model_fields[part].annotation)
        assert nested is not None, path
        owner = nested
    title = owner.model_fields[path.split(".")[-1]].title
    assert title, path
    getter = _at(path)
    return Column(title, lambda record: cell_value(getter(read(record))), path, text)


def _views(registry: Registry) -> Iterator[ItemView]:
    for record in registry.published:
        yield ItemView(record, registry.departments[record.brief.department])


def _itself(view: ItemView) -> Iterable[ItemView]:
    return (view,)


def _laws(view: ItemView) -> str:
    return "；".join(dict.fromkeys(basis.law for basis in view.item.legal_basis))


def items_sheet(site_url: str | None) -> Sheet:
    """实施清单: the flat list, its columns as they have always been."""
    base = site_url.rstrip("/") + "/" if site_url else None

    def item(view: ItemView) -> Item:
        return view.item

    def own(path: str, text: bool = False, header: str | None = None) -> Column:
        column = field_column(Item, path, item, text)
        return Column(header or column.header, column.read, column.field, column.text)

    columns = (
        own("name"),
        own("sub_name"),
        own("catalog_code", text=True),
        own("code", text=True),
        own("type"),
        Column("实施主体", lambda v: v.department.name),
        Column("统一社会信用代码", lambda v: v.department.credit_code, text=True),
        own("level"),
        own("audience"),
        own("time_limit.statutory"),
        own("time_limit.promised"),
        own("time_limit.unit"),
        own("handling"),
        own("visits"),
        own("online.depth"),
        own("online.url"),
        own("cross_region"),
        own("commitment"),
        Column("收费", lambda v: fee_text(v.item.fees)),
        Column("申请材料数", lambda v: len(v.item.materials)),
        Column("免提交材料数", lambda v: sum(1 for material in v.item.materials if material.shared)),
        own("result.name", header="办理结果"),
        Column("设定依据", _laws),
        own("contact.consult", text=True),
        own("contact.complaint", text=True),
        own("updated"),
        Column("事项编号", lambda v: v.ref, "department"),  # 部门编号/文件名: the department and the file name
        Column("办事指南", lambda v: f"{base}{v.url}" if base else None),
    )
    return Sheet("实施清单", "items.csv", Item, columns, _itself)


DETAIL_FIELDS = (
    "summary",
    "topics",
    "keywords",
    "related",
    "conditions",
    "no_materials_reason",
    "time_limit.note",
    "visit_reason",
    "submission",
    "delivery",
    "links.booking",
    "links.progress",
    "links.rating",
    "result.type",
    "result.sample",
    "status",
)


def _details_sheet() -> Sheet:
    columns = (
        Column(KEY, lambda v: v.item.code, text=True),
        *(field_column(Item, path, lambda v: v.item) for path in DETAIL_FIELDS),
    )
    return Sheet("事项详情", "items-details.csv", Item, columns, _itself)


class Entry(NamedTuple):
    code: str
    number: int
    element: BaseModel


def _entries(list_field: str) -> Callable[[ItemView], Iterator[Entry]]:
    def entries(view: ItemView) -> Iterator[Entry]:
        item = view.item
        for number, element in enumerate(getattr(item, list_field), start=1):
            yield Entry(item.code, number, element)

    return entries


# (item list, its model, sheet title, CSV file name, the fields in columns): the order of the guide.
LISTS: tuple[tuple[str, type[BaseModel], str, str, tuple[str, ...]], ...] = (
    ("situations", Situation, "办理情形", "items-situations.csv", ("name", "question", "options", "multiple")),
    (
        "materials",
        Material,
        "申请材料",
        "items-materials.csv",
        (
            "name",
            "kind",
            "form",
            "copies",
            "original",
            "necessity",
            "source",
            "shared",
            "situation",
            "notes",
            "template",
            "when",
        ),
    ),
    ("steps", Step, "办事流程", "items-steps.csv", ("name", "actor", "time", "description", "when")),
    ("workflow", WorkflowStep, "业务经办流程", "items-workflow.csv", ("name", "actor", "time_limit")),
    (
        "special_procedures",
        SpecialProcedure,
        "特别程序",
        "items-special-procedures.csv",
        ("name", "time_limit", "unit", "note"),
    ),
    ("fees", Fee, "收费", "items-fees.csv", ("name", "standard", "basis", "payment", "when")),
    ("windows", Window, "办理地点", "items-windows.csv", ("place", "address", "hours", "phone")),
    ("legal_basis", LegalBasis, "设定依据", "items-legal-basis.csv", ("law", "article", "text")),
    ("forms", Form, "表单", "items-forms.csv", ("name", "url", "file")),
    ("faq", Question, "常见问题", "items-faq.csv", ("q", "a")),
)
_TEXT_FIELDS = {"phone"}


def _list_sheet(list_field: str, model: type[BaseModel], title: str, file_name: str, fields: tuple[str, ...]) -> Sheet:
    columns = (
        Column(KEY, lambda entry: entry.code, text=True),
        Column(NUMBER, lambda entry: entry.number),
        *(field_column(model, name, lambda entry: entry.element, name in _TEXT_FIELDS) for name in fields),
    )
    return Sheet(title, file_name, Item, columns, _entries(list_field), list_field=list_field)


DEPARTMENT_FIELDS = (
    "id",
    "name",
    "short_name",
    "area",
    "credit_code",
    "address",
    "hours",
    "phone",
    "complaint_phone",
    "website",
    "links.booking",
    "links.progress",
    "links.rating",
    "maintainers",
)
_DEPARTMENT_TEXT = {"credit_code", "phone", "complaint_phone"}


def _departments(registry: Registry) -> Iterator[Department]:
    yield from registry.departments.values()


def _departments_sheet() -> Sheet:
    columns = tuple(
        field_column(Department, name, lambda department: department, name in _DEPARTMENT_TEXT)
        for name in DEPARTMENT_FIELDS
    )
    return Sheet("部门", "departments.csv", Department, columns, None, _departments)


def sheets(site_url: str | None) -> list[Sheet]:
    """Every sheet of the workbook, in order: the flat list first."""
    return [
        items_sheet(site_url),
        _details_sheet(),
        *(_list_sheet(*spec) for spec in LISTS),
        _departments_sheet(),
    ]


def sheet_rows(sheet: Sheet, registry: Registry) -> Iterator[list[Value]]:
    """One sheet's rows, in order."""
    for _, row in workbook_rows([sheet], registry):
        yield row


def workbook_rows(all_sheets: list[Sheet], registry: Registry) -> Iterator[tuple[int, list[Value]]]:
    """The rows of every sheet as (the sheet's index, the row), each sheet's in order. Every item is
    read once for all the sheets of items (validating an item again per sheet would cost a dozen
    passes over the registry); sheets of other records follow."""
    readers = [[column.read for column in sheet.columns] for sheet in all_sheets]
    of_items = [(index, sheet.of_item) for index, sheet in enumerate(all_sheets) if sheet.of_item is not None]
    if of_items:
        for view in _views(registry):
            for index, of_item in of_items:
                for record in of_item(view):
                    yield index, [read(record) for read in readers[index]]
    for index, sheet in enumerate(all_sheets):
        if sheet.of_registry is not None:
            for record in sheet.of_registry(registry):
                yield index, [read(record) for read in readers[index]]
