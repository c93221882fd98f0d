"""From rows to items: each row read through its table's part of the mapping, joined by 实施编码.

Every row ends in one of three ways, and the report says which: imported, skipped with a finding,
or merged with another row (a repeated identical row). Two different rows with the same 实施编码
are a finding on both, and neither is imported: the import cannot know which one is right.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from generator.findings import Finding, Severity
from generator.importer.codes import CODE_SETS
from generator.importer.mappings import (
    SPECIAL_FIELDS,
    Column,
    Mapping,
    TableSpec,
    enum_words,
    split_path,
    target_label,
)
from generator.importer.sources import Cell, Row, Table, blank, choose_header_row, normalise_header
from generator.importer.values import (
    BLANK,
    REFUSED,
    Problem,
    Value,
    ValueType,
    raw_text,
    read_boolean,
    read_code,
    read_condition,
    read_date,
    read_days,
    read_fees,
    read_integer,
    read_laws,
    read_number,
    read_options,
    split_codes,
    split_list,
    translate,
)
from generator.models import OnlineDepth

TIME_UNIT = "time_limit.unit"  # the one unit both time limits of an item share


@dataclass
class Incoming:
    """One item as the source gives it: only the fields the source holds (None: the source says "none")."""

    code: str
    row: Row
    data: dict[str, Any] = field(default_factory=dict)
    department_name: str | None = None
    department_credit_code: str | None = None
    department_id: str | None = None
    ref: str | None = None
    slug: str | None = None
    handle_item: str | None = None
    is_fee: bool | None = None
    positional: set[str] = field(default_factory=set)  # lists given element by element (windows.0.place)
    headers: dict[str, str] = field(default_factory=dict)  # special field → the header it came from
    units: dict[str, tuple[str, str]] = field(default_factory=dict)  # unit field → (unit, the header naming it)
    mixed_units: set[str] = field(default_factory=set)  # unit fields whose time limits disagreed: none imported
    refused: set[str] = field(default_factory=set)  # fields a new item's file leaves out for check to ask for
    merged_rows: list[Row] = field(default_factory=list)

    def header_of(self, *names: str) -> str:
        """The header of the first of these special fields the source gave (a column a finding can name)."""
        return next((self.headers[name] for name in names if name in self.headers), "")


@dataclass
class IncomingDepartment:
    """One row of a departments table: the fields it holds, and the column of its key (部门编号)."""

    row: Row
    data: dict[str, Any]
    key: str


@dataclass
class Outcome:
    items: dict[str, Incoming] = field(default_factory=dict)  # by 实施编码, in source order
    departments: dict[str, IncomingDepartment] = field(default_factory=dict)  # by 部门编号, in source order
    findings: list[Finding] = field(default_factory=list)
    fatal: list[Finding] = field(default_factory=list)  # problems that stop the import before anything is written
    rows_read: int = 0
    rows_skipped: int = 0
    rows_merged: int = 0


def read_tables(tables: list[Table], mapping: Mapping) -> Outcome:
    outcome = Outcome()
    assigned: list[tuple[Table, TableSpec]] = []
    for table in tables:
        spec = _assign(table, mapping, outcome)
        if spec is not None:
            assigned.append((table, spec))
    if outcome.fatal:
        return outcome
    order = {"departments": 0, "items": 1, "details": 2, "list": 3}
    for table, spec in sorted(assigned, key=lambda pair: order[pair[1].role]):
        outcome.rows_read += len(table.rows)
        if spec.role == "list":
            _read_list_rows(table, spec, mapping, outcome)
        elif spec.role == "departments":
            _read_department_rows(table, spec, mapping, outcome)
        else:
            _read_item_rows(table, spec, mapping, outcome)
        # Read: its cells live on only in the rows findings still point at (an item's first row …).
        table.raw, table.rows = [], []
    for incoming in outcome.items.values():
        _settle_fees(incoming, outcome)
    return outcome


def _assign(table: Table, mapping: Mapping, outcome: Outcome) -> TableSpec | None:
    """The spec that reads `table`, with its header row chosen; findings for empty and unknown tables."""
    where = table.place(1)
    if not table.raw:
        outcome.findings.append(
            table.finding(1, "import.empty-sheet", Severity.WARNING, "这张表是空的：没有可导入的内容")
        )
        return None
    specs = [spec for spec in mapping.tables if spec.applies_to(table)]
    header = choose_header_row(table, lambda headers: max((spec.score(headers) for spec in specs), default=0))
    spec = mapping.spec_for(table) if header else None
    if spec is None and _without_key(table, specs, outcome):
        return None
    if spec is None:
        rows = len(table.raw)
        outcome.rows_skipped += rows
        why = (
            f"在前几行找不到映射“{mapping.name}”的表头（如 {specs[0].key}）"
            if specs
            else f"映射“{mapping.name}”中没有哪张表格适用于“{table.name}”（tables 的 sheets）"
        )
        outcome.findings.append(
            table.finding(
                table.raw[0][0],
                "import.unmapped-table",
                Severity.WARNING,
                f"{why}：这张表的 {rows} 行都没有导入。"
                + (
                    "这张表要导入的话请检查表头，或用 --mapping 指定映射"
                    if specs
                    else "这张表要导入的话请在映射的 tables 中写明它"
                )
                + "；不需要导入的话可以忽略",
            )
        )
        return None
    del where
    present = set(table.headers)
    for column in spec.columns:
        if column.required and not present & set(column.headers):
            outcome.fatal.append(
                table.finding(
                    table.header_row,
                    "import.missing-column",
                    Severity.ERROR,
                    f"缺少必需的列“{column.headers[0]}”（{target_label(spec, column)}）：没有导入任何内容。"
                    f"请在第 {table.header_row} 行的表头中加上这一列"
                    + (f"（也可以叫 {'、'.join(column.headers[1:])}）" if column.headers[1:] else ""),
                    header=column.headers[0],
                )
            )
    known = spec.headers() | ({spec.order} if spec.order else set())
    for number, name in enumerate(table.headers, start=1):
        if name and name not in known and table.headers.index(name) == number - 1:
            outcome.findings.append(
                table.finding(
                    table.header_row,
                    "import.unmapped-column",
                    Severity.WARNING,
                    f"“{name}”列不在映射“{mapping.name}”中，这一列的内容没有导入。"
                    "需要时请在映射的 columns 中加上它；不需要的话可以忽略",
                    header=name,
                    column=number,
                )
            )
    return spec


def _without_key(table: Table, specs: list[TableSpec], outcome: Outcome) -> bool:
    """A table that has a spec's columns but not its key column (实施编码): the import cannot join anything."""
    for number, cells in table.raw[:20]:
        headers = {normalise_header(cell.value) for cell in cells}
        for spec in specs:
            matching = sum(1 for column in spec.columns if headers & set(column.headers))
            if matching >= 2 and spec.key not in headers:
                outcome.fatal.append(
                    table.finding(
                        number,
                        "import.missing-column",
                        Severity.ERROR,
                        f"缺少必需的列“{spec.key}”（实施编码，用来识别每个事项）：没有导入任何内容。请在第 {number} 行的表头中加上这一列",
                        header=spec.key,
                    )
                )
                return True
    return False


def _key(row: Row, spec: TableSpec, outcome: Outcome) -> str | None:
    cell = row.cell(spec.key)
    if cell is None or blank(cell.value):
        outcome.findings.append(
            row.finding(
                "import.missing-code", Severity.ERROR, f"这一行没有{spec.key}：没有导入。请填写实施编码", spec.key
            )
        )
        outcome.rows_skipped += 1
        return None
    value = read_code(cell, str(cell.value).strip(), None, spec.key)
    if value.value is REFUSED:
        _report(row, spec.key, value.problems, outcome)
        outcome.rows_skipped += 1
        return None
    return value.value


def _read_item_rows(table: Table, spec: TableSpec, mapping: Mapping, outcome: Outcome) -> None:
    columns = readers(table, spec)
    by_code: dict[str, list[Row]] = defaultdict(list)
    for row in table.rows:
        code = _key(row, spec, outcome)
        if code is not None:
            by_code[code].append(row)
    for code, rows in by_code.items():
        first = rows[0]
        if len(rows) > 1:
            signature = _signature(first)
            if all(_signature(other) == signature for other in rows[1:]):
                for other in rows[1:]:
                    outcome.findings.append(
                        other.finding(
                            "import.repeated-row",
                            Severity.WARNING,
                            f"与第 {first.number} 行完全相同：已合并为一个事项",
                            spec.key,
                        )
                    )
                    outcome.rows_merged += 1
            else:
                numbers = "、".join(str(row.number) for row in rows)
                for row in rows:
                    outcome.findings.append(
                        row.finding(
                            "import.duplicate-code",
                            Severity.ERROR,
                            f"实施编码 {code} 出现在第 {numbers} 行，内容不同：这几行都没有导入。"
                            "每个事项的实施编码必须唯一，请核对后只保留一行",
                            spec.key,
                        )
                    )
                outcome.rows_skipped += len(rows)
                continue
        if spec.role == "items":
            if code in outcome.items:
                earlier = outcome.items[code].row
                outcome.findings.append(
                    first.finding(
                        "import.duplicate-code",
                        Severity.ERROR,
                        f"实施编码 {code} 已在 {earlier.place()} 出现：这一行没有导入",
                        spec.key,
                    )
                )
                outcome.findings.append(
                    earlier.finding(
                        "import.duplicate-code",
                        Severity.ERROR,
                        f"实施编码 {code} 又出现在 {first.place()}：那一行没有导入，请核对",
                        spec.key,
                    )
                )
                outcome.rows_skipped += 1
                continue
            incoming = outcome.items[code] = Incoming(code, first)
        else:
            found = outcome.items.get(code)
            if found is None:
                outcome.findings.append(
                    first.finding(
                        "import.orphan-row",
                        Severity.ERROR,
                        f"实施编码 {code} 不在事项表中：这一行没有导入。请核对实施编码",
                        spec.key,
                    )
                )
                outcome.rows_skipped += 1
                continue
            incoming = found
        incoming.merged_rows += rows[1:]
        for name, constant in spec.constants.items():
            _set(incoming.data, split_path(name), constant)
        for reader in columns:
            _apply(first, spec, reader, mapping, incoming, outcome)


def _signature(row: Row) -> tuple:
    return tuple(sorted((header, repr(cell.value)) for header, cell in row.named() if not blank(cell.value)))


def _read_list_rows(table: Table, spec: TableSpec, mapping: Mapping, outcome: Outcome) -> None:
    assert spec.list is not None
    rows = list(table.rows)
    if spec.order and spec.order in table.headers:
        order_column = spec.order
        rows.sort(key=lambda row: _order(row.cell(order_column)))
    collected: dict[str, list[dict]] = defaultdict(list)
    columns = readers(table, spec)
    for row in rows:
        code = _key(row, spec, outcome)
        if code is None:
            continue
        incoming = outcome.items.get(code)
        if incoming is None:
            outcome.findings.append(
                row.finding(
                    "import.orphan-row",
                    Severity.ERROR,
                    f"实施编码 {code} 不在事项表中：这一行（{spec.list}）没有导入。请核对实施编码",
                    spec.key,
                )
            )
            outcome.rows_skipped += 1
            continue
        collected[code].append(_record(row, spec, columns, mapping, outcome))
    for code, entries in collected.items():
        outcome.items[code].data[spec.list] = entries
    if spec.complete:
        for code, incoming in outcome.items.items():
            if code not in collected:
                incoming.data[spec.list] = []


def _record(row: Row, spec: TableSpec, columns: list[Reader], mapping: Mapping, outcome: Outcome) -> dict[str, Any]:
    """One row of a list or departments table as a record; a blank cell of a `blank: clear` column is None."""
    entry: dict[str, Any] = {}
    for reader in columns:
        value = _read(row, reader, spec, mapping.quote_prefix)
        if value.problems:
            _report(row, reader.header, value.problems, outcome)
        if value.value is BLANK:
            if reader.column.blank == "clear":
                _set(entry, reader.path, None)
        elif value.value is not REFUSED:
            _set(entry, reader.path, value.value)
    return entry


def _read_department_rows(table: Table, spec: TableSpec, mapping: Mapping, outcome: Outcome) -> None:
    columns = readers(table, spec)
    for row in table.rows:
        cell = row.cell(spec.key)
        if cell is None or blank(cell.value):
            outcome.findings.append(
                row.finding(
                    "import.missing-code",
                    Severity.ERROR,
                    f"这一行没有{spec.key}：这个部门没有登记。请填写{spec.key}",
                    spec.key,
                )
            )
            outcome.rows_skipped += 1
            continue
        entry = _record(row, spec, columns, mapping, outcome)
        department_id = str(entry.get("id") or cell.value).strip()
        earlier = outcome.departments.get(department_id)
        if earlier is None:
            outcome.departments[department_id] = IncomingDepartment(row, entry, spec.key)
        elif earlier.data == entry:
            outcome.findings.append(
                row.finding(
                    "import.repeated-row",
                    Severity.WARNING,
                    f"与第 {earlier.row.number} 行完全相同：已合并为一个部门",
                    spec.key,
                )
            )
            outcome.rows_merged += 1
        else:
            outcome.findings.append(
                row.finding(
                    "import.duplicate-department",
                    Severity.ERROR,
                    f"{spec.key} {department_id} 已在第 {earlier.row.number} 行出现，内容不同：这一行没有导入，"
                    "部门按第一次出现的那一行登记。每个部门只写一行，请核对后删去或改正这一行",
                    spec.key,
                )
            )
            outcome.rows_skipped += 1


def _order(cell: Cell | None) -> float:
    try:
        return float(cell.value) if cell is not None and not blank(cell.value) else float("inf")
    except (TypeError, ValueError):
        return float("inf")


class Reader(NamedTuple):
    """A column of the mapping as one table has it, worked out once per table rather than once per cell."""

    column: Column
    header: str  # which of the column's headers the table has
    position: int  # where it is in a row
    label: str  # the field's Chinese label, for messages
    path: tuple[str | int, ...]  # the field, split


def readers(table: Table, spec: TableSpec) -> list[Reader]:
    """The columns of `spec` the table has, in the mapping's order (ignored columns left out)."""
    found = []
    for column in spec.columns:
        header = next((h for h in column.headers if h in table.index), None)
        if header is not None and column.type is not ValueType.IGNORE:
            found.append(
                Reader(column, header, table.index[header], target_label(spec, column), split_path(column.field))
            )
    return found


_BLANK_CELL = Value(BLANK)  # shared: nobody adds to its problems


def _read(row: Row, reader: Reader, spec: TableSpec, quote_prefix: bool) -> Value:
    """The value of the reader's column in this row."""
    cell = row.values[reader.position] if reader.position < len(row.values) else None
    if cell is None or (blank(cell.value) and cell.formula is None):
        return _BLANK_CELL
    return convert(cell, spec, reader.column, quote_prefix, reader.label)


def convert(cell: Cell, spec: TableSpec, column: Column, quote_prefix: bool, label: str | None = None) -> Value:
    label = label or target_label(spec, column)
    text, problems = raw_text(cell, quote_prefix)
    if text is None:
        return Value(REFUSED, problems)
    if not text:
        return Value(BLANK, problems)
    kind = column.type
    if kind is ValueType.TEXT:
        value = Value(text)
    elif kind is ValueType.CODE:
        value = read_code(cell, text, column.length, label)
    elif kind is ValueType.INTEGER:
        value = read_integer(cell, text, label)
    elif kind is ValueType.NUMBER:
        value = read_number(cell, text, label)
    elif kind is ValueType.DAYS:
        value = read_days(cell, text, label)
    elif kind is ValueType.BOOLEAN:
        text = column.values.get(text, text)
        value = read_boolean(text, label) if not column.codes else _coded_boolean(text, column, label)
    elif kind is ValueType.DATE:
        value = read_date(cell, text, label)
    elif kind is ValueType.LAWS:
        value = Value(read_laws(text))
    elif kind is ValueType.FEES:
        value = read_fees(text)
    elif kind is ValueType.CONDITION:
        value = read_condition(text, label)
    elif kind is ValueType.OPTIONS:
        value = read_options(text, label)
    elif kind is ValueType.LIST:
        value = Value(split_list(text, column.split))
    elif kind is ValueType.CHOICE:
        value = _choice(text, spec, column, label)
    else:
        value = _choices(text, spec, column, label)
    if problems:
        value.problems[:0] = problems
    return value


def _coded_boolean(text: str, column: Column, label: str) -> Value:
    assert column.codes is not None
    decoded, _reason = CODE_SETS[column.codes].decode(text, frozenset({"是", "否"}))
    if decoded is None:
        return read_boolean(text, label)
    return Value(decoded == "是")


def _choice(text: str, spec: TableSpec, column: Column, label: str) -> Value:
    words = enum_words(spec, column)
    if text in words and text not in column.values:
        return Value(text)  # the registry's own word, as the project's exports write it
    code_set = CODE_SETS.get(column.codes) if column.codes else None
    parts = split_codes(text) if code_set is not None and code_set.multiple and text not in words else [text]
    values, problems = [], []
    for part in parts:
        value, problem = translate(part, column.values, column.codes, words, label, column.headers[0])
        if problem:
            problems.append(problem)
        elif value not in values:
            values.append(value)
    if problems and not (column.field == "online.depth" and values):
        return Value(REFUSED, problems)
    if len(values) > 1:
        if column.field != "online.depth":
            return Value(
                REFUSED,
                [
                    Problem(
                        "import.several-values",
                        Severity.ERROR,
                        f"{label}“{text}”有多个值：登记册中每个事项只能有一个{label}，请拆成多个事项或只写一个",
                    )
                ],
            )
        order = list(OnlineDepth)
        values = [max(values, key=lambda word: order.index(OnlineDepth(str(word))))]
        problems = [
            Problem(p.code, Severity.WARNING, p.message.replace("没有导入这一项", f"按其中最深的“{values[0]}”导入"))
            for p in problems
        ]
    return Value(values[0], problems)


def _choices(text: str, spec: TableSpec, column: Column, label: str) -> Value:
    words = enum_words(spec, column)
    parts = split_list(text, column.split) if column.split else split_codes(text)
    values, problems = [], []
    for part in parts:
        value, problem = translate(part, column.values, column.codes, words, label, column.headers[0])
        if problem:
            problems.append(problem)
        elif value not in values:
            values.append(value)
    if problems:
        return Value(REFUSED, problems)
    return Value(values)


def _apply(row: Row, spec: TableSpec, reader: Reader, mapping: Mapping, incoming: Incoming, outcome: Outcome) -> None:
    column, header, path = reader.column, reader.header, reader.path
    value = _read(row, reader, spec, mapping.quote_prefix)
    _report(row, header, value.problems, outcome)
    if value.value is REFUSED:
        return
    if value.value is BLANK:
        if column.blank == "clear" and column.field not in SPECIAL_FIELDS:
            _set(incoming.data, path, None)
        return
    if column.field in SPECIAL_FIELDS:
        _special(row, header, column.field, value.value, incoming, outcome)
        return
    if column.type is ValueType.DAYS and any(split_path(u)[:-1] == path[:-1] for u in incoming.mixed_units):
        return
    given = _unit_given(spec, column, value)
    if given is not None and not _same_unit(row, header, given, spec, incoming, outcome):
        return
    if any(isinstance(part, int) for part in path):
        incoming.positional.add(str(path[0]))
    _set(incoming.data, path, value.value)
    if value.unit and column.unit:
        _set(incoming.data, split_path(column.unit), value.unit)


def _unit_given(spec: TableSpec, column: Column, value: Value) -> tuple[str, str] | None:
    """(unit field, unit) when the cell names a time unit: a time limit written 5个工作日, or the unit column."""
    if column.type is ValueType.DAYS:
        return (column.unit, value.unit) if column.unit and value.unit else None
    if column.field == TIME_UNIT or column.field in {other.unit for other in spec.columns if other.unit}:
        return column.field, str(value.value)
    return None


def _same_unit(
    row: Row, header: str, given: tuple[str, str], spec: TableSpec, incoming: Incoming, outcome: Outcome
) -> bool:
    """False when the item's time limits name different units: then none of them is imported, not one in the
    wrong unit (20 个自然日 beside 10 个工作日 would otherwise be written as 10 个自然日)."""
    unit_field, unit = given
    if unit_field in incoming.mixed_units:
        return False
    earlier = incoming.units.get(unit_field)
    if earlier is None or earlier[0] == unit:
        incoming.units.setdefault(unit_field, (unit, header))
        return True
    incoming.mixed_units.add(unit_field)
    unit_path = split_path(unit_field)
    _unset(incoming.data, unit_path)
    limits = [c for c in spec.columns if c.type is ValueType.DAYS and split_path(c.field)[:-1] == unit_path[:-1]]
    for column in limits:
        _unset(incoming.data, split_path(column.field))
    outcome.findings.append(
        row.finding(
            "import.mixed-units",
            Severity.ERROR,
            f"{header}的单位是{unit}，{earlier[1]}的单位是{earlier[0]}：登记册中法定时限和承诺时限共用一个时限单位，"
            "单位不同就无法知道哪个天数对，这个事项的时限都没有导入。请把两个时限换算成同一种单位后重新导入",
            header,
        )
    )
    return False


def _special(row: Row, header: str, name: str, value: Any, incoming: Incoming, outcome: Outcome) -> None:
    incoming.headers[name] = header
    if name == "department.name":
        incoming.department_name = str(value)
    elif name == "department.credit_code":
        incoming.department_credit_code = str(value)
    elif name == "department.id":
        incoming.department_id = str(value)
    elif name == "handle_item":
        incoming.handle_item = str(value)
    elif name == "is_fee":
        incoming.is_fee = bool(value)
    elif name == "slug":
        incoming.slug = str(value)
    elif name == "ref":
        department, sep, slug = str(value).partition("/")
        if sep:
            incoming.department_id = incoming.department_id or department
            incoming.slug = slug
        else:
            outcome.findings.append(
                row.finding(
                    "import.bad-slug",
                    Severity.WARNING,
                    f"事项编号“{value}”应写成“部门编号/文件名”，如 scjgj/shipinjingyingxuke：新事项的文件名改由事项名称生成",
                    header,
                )
            )


def _settle_fees(incoming: Incoming, outcome: Outcome) -> None:
    """是否收费 = 否 means no fees; 是 with no fee given leaves the registry's fees as they are."""
    header = incoming.headers.get("is_fee", "")
    if incoming.is_fee is False:
        if incoming.data.get("fees"):
            outcome.findings.append(
                incoming.row.finding(
                    "import.fee-conflict",
                    Severity.ERROR,
                    f"{header}为“否”，却列有收费项目：收费没有导入。请核对后改正{header}或删去收费项目",
                    header,
                )
            )
            incoming.data.pop("fees")
            incoming.refused.add("fees")
        else:
            incoming.data["fees"] = []
    elif incoming.is_fee and incoming.data.get("fees") == []:
        outcome.findings.append(
            incoming.row.finding(
                "import.fee-conflict",
                Severity.ERROR,
                f"{header}为“是”，收费标准却是“不收费”：收费没有导入。请核对后改正{header}或填写收费项目和标准",
                header,
            )
        )
        incoming.data.pop("fees")
        incoming.refused.add("fees")


def _report(row: Row, header: str, problems: list[Problem], outcome: Outcome) -> None:
    for problem in problems:
        outcome.findings.append(row.finding(problem.code, problem.severity, problem.message, header))


def _set(data: dict, path: tuple, value: Any) -> None:
    if len(path) == 1 and isinstance(path[0], str):
        data[path[0]] = value  # most fields: no nesting to make
        return
    target: Any = data
    for part, following in itertools.pairwise(path):
        if isinstance(part, int):
            while len(target) <= part:
                target.append({})
            target = target[part]
        else:
            if target.get(part) is None:
                target[part] = [] if isinstance(following, int) else {}
            target = target[part]
    last = path[-1]
    if isinstance(last, int):
        while len(target) <= last:
            target.append(None)
    target[last] = value


def _unset(data: dict, path: tuple) -> None:
    parent: Any = data
    for part in path[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    if isinstance(parent, dict):
        parent.pop(path[-1], None)


__all__ = ["Incoming", "IncomingDepartment", "Outcome", "read_tables"]
