"""Mappings: which column is which field, how values translate, how sheets join.

A mapping is a YAML file (`--mapping FILE`, JSON Schema `schemas/import-mapping.schema.json`).
Three are built in, under `generator/importer/mappings/`, and one is chosen by the headers when
no mapping is given: the project's own exports, the national exchange tables, and the common
headers of 实施清单 spreadsheets.

    name: 我区实施清单
    detect: [事项名称, 实施编码]         # chosen automatically when all these headers are present
    departments:
      ids: {示范市市场监督管理局: scjgj}  # department name → folder name (otherwise from the name)
    tables:
      - role: items                      # one row per item
        key: 实施编码
        columns:
          - {headers: [事项名称], field: name, required: true}
          - {headers: [办件类型], field: handling, type: choice, values: {"1": 即办件, "2": 承诺件}}
          - {headers: [承诺办结时限], field: time_limit.promised, type: days, unit: time_limit.unit}
      - role: list                       # rows that add to a list of the item, joined by the key
        sheets: ["*材料*"]
        key: 实施编码
        list: materials
        columns:
          - {headers: [材料名称], field: name, required: true}
      - role: departments                # one row per department, joined by 部门编号
        sheets: [部门]
        key: 部门编号
        columns:
          - {headers: [部门编号], field: id, required: true}
          - {headers: [部门名称], field: name}

A list table with `complete: true` lists every entry of every item (an item of the items table with
no row in it has none); without it, an item without rows keeps the list the registry has. A
departments table registers the departments the registry does not have yet, with every field it
holds; departments already in departments.yml are left as they are.

Special fields: `department.name`, `department.credit_code`, `department.id` (the 实施主体),
`ref` (`部门/文件名`, as the export writes it), `slug` (the file name), `handle_item` (业务办理项编码,
used to tell file names apart), `is_fee` (是否收费: 否 means no fees).
"""

from __future__ import annotations

import builtins
import enum
import fnmatch
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import field_validator, model_validator

from generator.findings import Finding, Severity
from generator.importer.codes import CODE_SETS
from generator.importer.sources import HEADER_SCAN_ROWS, Table, normalise_header
from generator.importer.values import ValueType
from generator.models import Department, Item
from generator.models.base import RegistryModel, ShortText, Text
from generator.models.base import field as described
from generator.registry.labels import find_type, label, model_at
from generator.registry.validation import validate
from generator.registry.yamldoc import compose, load

SPECIAL_FIELDS = {
    "department.name": "实施主体名称",
    "department.credit_code": "实施主体统一社会信用代码",
    "department.id": "部门编号",
    "ref": "事项编号（部门/文件名）",
    "slug": "文件名",
    "handle_item": "业务办理项编码",
    "is_fee": "是否收费",
}
LIST_FIELDS = {
    "materials": "name",
    "fees": "name",
    "faq": "q",
    "legal_basis": "law",
    "windows": "place",
    "forms": "name",
    "steps": "name",
    "workflow": "name",
    "special_procedures": "name",
    "situations": "name",
}
BUILT_IN = ("own-export", "national-exchange", "common-headers")


class Column(RegistryModel):
    headers: list[ShortText] = described(
        "表头", "这一列可能的表头（任一匹配即可，比较时忽略空格、换行、星号和全角括号）。", min_length=1
    )
    field: ShortText = described(
        "字段", "登记册中的字段，如 name、time_limit.promised；列表表格中为材料等的字段；或特殊字段（见说明）。"
    )
    type: ValueType = described(
        "值的类型",
        "text、code、integer、number（可有小数，如 0.5）、days、boolean、choice、choices、list、date、laws、fees、"
        "condition（适用于：情形名称：选项，选项；…）、options（办理情形的选项，一行一个：选项或选项：说明）或 ignore。",
        ValueType.TEXT,
    )
    values: dict[str, ShortText] = described("值的对照", '源表中的值 → 登记册的值，如 {"1": 即办件}。', {})
    codes: ShortText | None = described(
        "国家代码", "使用国家交换表的代码集（generator/importer/codes.py 中的列名，如 task_type）。", None
    )
    length: int | None = described(
        "编码位数", "编码应有的位数：Excel 去掉开头的 0 时据此发现并说明。", None, ge=1, le=64
    )
    unit: ShortText | None = described(
        "单位字段", "type 为 days 时，文字中的“工作日/自然日”写入的字段，如 time_limit.unit。", None
    )
    split: ShortText | None = described("分隔符", "choices 和 list 的分隔字符，默认为 、,;| 和换行。", None)
    blank: Literal["keep", "clear"] = described(
        "空白单元格", "keep：空白时保留登记册中原有的值；clear：空白表示没有，删去原有的值。", "keep"
    )
    required: bool = described("必需", "必需的列：表格中没有这一列时不导入任何内容。", False)

    @field_validator("headers")
    @classmethod
    def _normalised(cls, headers: list[str]) -> list[str]:
        return [normalise_header(header) for header in headers]

    @model_validator(mode="after")
    def _codes_known(self) -> Column:
        if self.codes is not None and self.codes not in CODE_SETS:
            raise ValueError(f"未知的国家代码集 {self.codes}：可选 {'、'.join(CODE_SETS)}")
        return self


class TableSpec(RegistryModel):
    role: Literal["items", "details", "list", "departments"] = described(
        "表格用途",
        "items：每行一个事项；details：每行补充一个已有事项的字段；list：每行是事项的一个材料、收费或问答等；"
        "departments：每行一个部门（登记册中还没有的部门按这一行登记）。",
    )
    sheets: builtins.list[ShortText] = described("工作表", "适用的工作表名或 CSV 文件名（可用 * 通配），空为不限。", [])
    key: ShortText = described("关联列", "标识事项的列（实施编码）的表头。")
    list: ShortText | None = described(
        "列表字段", "role 为 list 时，每行加入事项的哪个列表：materials、fees、faq 等。", None
    )
    order: ShortText | None = described("排序列", "role 为 list 时，给出顺序的列（如 order_num）。", None)
    complete: bool = described(
        "列出全部",
        "role 为 list 时：这张表列出每个事项的全部条目，事项表中的事项在这张表中没有行，就是这个列表为空。",
        False,
    )
    columns: builtins.list[Column] = described("列", "这张表格的列。", min_length=1)
    ignored: builtins.list[ShortText] = described(
        "不读的列", "知道而有意不导入的列（同步标记、由其他列算出的值），不报告。", []
    )
    constants: dict[str, ShortText] = described(
        "固定值", "这张表格每个事项都有的值，如本项目导出的表格只含在用事项：{status: 在用}。", {}
    )

    @field_validator("key", "order")
    @classmethod
    def _normalised(cls, header: str | None) -> str | None:
        return normalise_header(header) if header else header

    @model_validator(mode="after")
    def _list_named(self) -> TableSpec:
        if self.role == "list" and self.list not in LIST_FIELDS:
            raise ValueError(f"role 为 list 时须写 list：{'、'.join(LIST_FIELDS)} 之一")
        if self.complete and self.role != "list":
            raise ValueError("complete 只用于 role 为 list 的表格")
        return self

    @property
    def model(self) -> type[RegistryModel]:
        """The model whose fields the columns name: the item's, or a department's."""
        return Department if self.role == "departments" else Item

    @property
    def base(self) -> tuple[str, ...]:
        """Where in the model the columns' fields are: an entry of the item's list for a list table."""
        return (self.list,) if self.role == "list" and self.list else ()

    def applies_to(self, table: Table) -> bool:
        return not self.sheets or any(fnmatch.fnmatch(table.name, pattern) for pattern in self.sheets)

    def headers(self) -> set[str]:
        return (
            {self.key}
            | {header for column in self.columns for header in column.headers}
            | {normalise_header(header) for header in self.ignored}
        )

    def score(self, headers: builtins.list[str]) -> int:
        present: set[str] = set(headers)
        if self.key not in present:
            return 0
        return 1 + sum(1 for column in self.columns if present & set(column.headers))


class DepartmentNaming(RegistryModel):
    ids: dict[str, ShortText] = described(
        "部门编号", "部门名称 → 部门编号（文件夹名）；不写时由名称生成拼音首字母。", {}
    )


class Mapping(RegistryModel):
    name: ShortText = described("名称", "映射的名称，写在导入报告中。")
    description: Text | None = described("说明", "这个映射适用于什么表格。", None)
    detect: list[ShortText] = described("识别表头", "未指定映射时，表格同时有这些表头就选用这个映射。", [])
    quote_prefix: bool = described(
        "去掉防公式引号", "本项目导出的表格在以 = + - @ 开头的单元格前加了一个 '：导入时去掉一个。", False
    )
    departments: DepartmentNaming = described("部门", "部门编号的来源。", DepartmentNaming())
    tables: list[TableSpec] = described("表格", "各张表格（工作表或 CSV 文件）。", min_length=1)

    @field_validator("detect")
    @classmethod
    def _normalised(cls, headers: list[str]) -> list[str]:
        return [normalise_header(header) for header in headers]

    @model_validator(mode="after")
    def _fields_known(self) -> Mapping:
        for table in self.tables:
            for column in table.columns:
                problem = field_problem(table, column)
                if problem:
                    raise ValueError(problem)
        if not any(table.role == "items" for table in self.tables):
            raise ValueError("至少要有一张 role 为 items 的表格")
        return self

    def spec_for(self, table: Table) -> TableSpec | None:
        """The table spec that reads `table` (by sheet name, then by the best header match; at a tie, a spec
        naming its sheets wins: a 申请材料 sheet of just 实施编码 and 材料名称 is a list of materials)."""
        candidates = [spec for spec in self.tables if spec.applies_to(table)]
        scored = [(spec.score(table.headers), bool(spec.sheets), -index, spec) for index, spec in enumerate(candidates)]
        scored = [entry for entry in scored if entry[0] > 0]
        return max(scored, key=lambda entry: entry[:3])[3] if scored else None


@cache
def split_path(dotted: str) -> tuple[str | int, ...]:
    """`windows.0.place` → ("windows", 0, "place")."""
    return tuple(int(part) if part.isdigit() else part for part in dotted.split("."))


def field_problem(table: TableSpec, column: Column) -> str | None:
    if column.type is ValueType.IGNORE:
        return None
    if column.field in SPECIAL_FIELDS:
        if table.role in ("list", "departments"):
            return f"特殊字段 {column.field} 不能用在 {table.role} 表格中"
        return None
    path = split_path(column.field)
    parent = model_at(table.model, table.base + path[:-1])
    if parent is None or not isinstance(path[-1], str) or path[-1] not in parent.model_fields:
        return (
            f"未知字段 {column.field}（表头 {column.headers[0]}）：请写登记册中的字段名，如 name、time_limit.promised"
        )
    if column.unit is not None and model_at(table.model, split_path(column.unit)[:-1]) is None:
        return f"未知的单位字段 {column.unit}"
    return None


def target_label(table: TableSpec, column: Column) -> str:
    if column.field in SPECIAL_FIELDS:
        return SPECIAL_FIELDS[column.field]
    return _label(table.model, table.base, column.field)


@cache
def _label(model: type[RegistryModel], base: tuple[str, ...], field_path: str) -> str:
    return label(model, base + split_path(field_path))


@cache
def _words(model: type[RegistryModel], base: tuple[str, ...], field_path: str) -> frozenset[str]:
    path = split_path(field_path)
    parent = model_at(model, base + path[:-1])
    info = parent.model_fields.get(str(path[-1])) if parent else None
    choices = find_type(info.annotation, enum.Enum) if info else None
    return frozenset(member.value for member in choices) if choices else frozenset()  # type: ignore[attr-defined]


def enum_words(table: TableSpec, column: Column) -> frozenset[str]:
    """The registry's own words for an enumerated field (行政许可, 即办件 …)."""
    if column.field in SPECIAL_FIELDS:
        return frozenset()
    return _words(table.model, table.base, column.field)


def load_mapping(path: Path) -> tuple[Mapping | None, list[Finding]]:
    doc, problems = load(path)
    findings = [Finding(str(path), p.line, p.column, p.code, Severity.ERROR, "", p.message) for p in problems]
    if doc is None:
        return None, findings
    mapping, more = validate(Mapping, doc, str(path))
    return mapping, findings + more


@cache
def built_in(name: str) -> Mapping:
    text = (
        resources.files("generator.importer").joinpath("mappings").joinpath(f"{name}.yml").read_text(encoding="utf-8")
    )
    doc, problems = compose(text)
    assert doc is not None and not problems, problems
    return Mapping.model_validate(doc.data)


def resolve(spec: str) -> tuple[Mapping | None, list[Finding]]:
    """`--mapping`: a built-in mapping's name or a mapping file."""
    if spec in BUILT_IN:
        return built_in(spec), []
    return load_mapping(Path(spec))


def detect(tables: list[Table]) -> Mapping | None:
    """The built-in mapping whose `detect` headers one of the tables has (in its first rows)."""
    for name in BUILT_IN:
        mapping = built_in(name)
        wanted = set(mapping.detect)
        for table in tables:
            for _, cells in table.raw[:HEADER_SCAN_ROWS]:
                if wanted <= {normalise_header(cell.value) for cell in cells}:
                    return mapping
    return None
