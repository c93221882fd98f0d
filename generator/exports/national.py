"""The registry as the national platform's item exchange tables (`up_task_*`), one UTF-8 CSV per table.

The tables and columns are those of docs/standards/national-exchange.md; the code values come from
the one code table in `generator/importer/codes.py`, the same the import reads with. Where no code
is confirmed (时限单位, 事项状态, 审批结果类型, 材料类型 …) the registry's Chinese word is written,
which the receiving side can read and map, and which `import` reads back.

Every item is written, whatever its status (the platform needs to hear about suspended items too);
sync columns (id, cd_batch, row_guid …) belong to the platform's loader and are not written.
Rows join on task_code. Family by 事项类型: general (许可、给付、奖励、确认、裁决、其他), public
(公共服务), punish (处罚, no material table), handle (征收), check (强制、检查).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.files import write_text
from generator.importer.codes import CODE_SETS, MULTI_WRITE
from generator.models import Delivery, Item, ItemType
from generator.registry.loader import Registry
from generator.views import ItemView

FAMILIES = {
    ItemType.LICENSING: "general",
    ItemType.BENEFIT: "general",
    ItemType.REWARD: "general",
    ItemType.CONFIRMATION: "general",
    ItemType.ADJUDICATION: "general",
    ItemType.OTHER_POWER: "general",
    ItemType.PUBLIC_SERVICE: "public",
    ItemType.PENALTY: "punish",
    ItemType.LEVY: "handle",
    ItemType.ENFORCEMENT: "check",
    ItemType.INSPECTION: "check",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Row = dict[str, str]


def code(column: str, value: str) -> str:
    return CODE_SETS[column].encode(value)


def codes(column: str, values: Iterable[str]) -> str:
    return MULTI_WRITE.join(code(column, value) for value in values)


def flag(value: bool) -> str:
    return "1" if value else "0"


def _laws(item: Item) -> str:
    lines = []
    for basis in item.legal_basis:
        line = basis.law + (basis.article or "")
        lines.append(f"{line}：{basis.text}" if basis.text else line)
    return "\n".join(lines)


def _flow(item: Item) -> str:
    return "\n".join(
        f"{number}. {step.name}" + (f"（{step.actor}）" if step.actor else "") + f"：{step.description}"
        for number, step in enumerate(item.steps, start=1)
    )


def basic(view: ItemView) -> Row:
    item, department = view.item, view.department
    window = item.windows[0] if item.windows else None
    return {
        "task_name": item.name,
        "task_code": item.code,
        "catalog_code": item.catalog_code,
        "task_handle_item": "",
        "task_type": code("task_type", item.type.value),
        "task_state": code("task_state", item.status.value),
        "use_level": code("use_level", item.level.value),
        "dept_name": department.name,
        "dept_code": department.credit_code,
        "server_type": codes("server_type", (audience.value for audience in item.audience)),
        "project_type": code("project_type", item.handling.value),
        "anticipate_day": "" if item.time_limit.statutory is None else str(item.time_limit.statutory),
        "anticipate_type": code("anticipate_type", item.time_limit.unit.value),
        "promise_day": str(item.time_limit.promised),
        "promise_type": code("promise_type", item.time_limit.unit.value),
        "promise_explain": item.time_limit.note or "",
        "limit_scene_num": str(item.visits),
        "accept_condition": item.conditions,
        "by_law": _laws(item),
        "handle_flow": _flow(item),
        "special_procedure": "、".join(procedure.name for procedure in item.special_procedures),
        "is_fee": flag(bool(item.fees)),
        "fee_basis": "；".join(dict.fromkeys(fee.basis for fee in item.fees)),
        "transact_addr": window.address if window else department.address,
        "transact_time": window.hours if window else department.hours,
        "link_way": item.contact.consult,
        "supervise_way": item.contact.complaint,
    }


def extend(view: ItemView) -> Row:
    item = view.item
    return {
        "task_code": item.code,
        "online_handle_depth": code("online_handle_depth", item.online.depth.value),
        "online_handle_url": item.online.url or "",
        "is_online": flag(item.online.depth.accepts_online),
        "is_express": flag(Delivery.POST in item.delivery),
        "handle_area": code("handle_area", item.cross_region.value),
        "result_name": item.result.name,
        "result_type": code("result_type", item.result.type.value),
        "limit_scene_explain": item.visit_reason or "",
    }


def materials(view: ItemView) -> list[Row]:
    return [
        {
            "task_code": view.item.code,
            "material_name": material.name,
            "order_num": str(number),
            "is_need": code("is_need", material.necessity.value),
            "material_type": code("material_type", material.kind.value),
            "material_format": code("material_format", material.form.value),
            "page_num": str(material.copies),
            "source_type": code("source_type", material.source.value),
            "remark": material.notes or "",
        }
        for number, material in enumerate(view.item.materials, start=1)
    ]


def fees(view: ItemView) -> list[Row]:
    return [
        {
            "task_code": view.item.code,
            "fee_name": fee.name,
            "fee_stand": fee.standard,
            "by_law": fee.basis,
            "order_num": str(number),
        }
        for number, fee in enumerate(view.item.fees, start=1)
    ]


def questions(view: ItemView) -> list[Row]:
    return [
        {"task_code": view.item.code, "question": question.q, "answer": question.a, "order_num": str(number)}
        for number, question in enumerate(view.item.faq, start=1)
    ]


TABLES: dict[str, Callable[[ItemView], list[Row]]] = {
    "basic": lambda view: [basic(view)],
    "extend": lambda view: [extend(view)],
    "material": materials,
    "fee_project": fees,
    "questions": questions,
}


def neutral(value: str) -> str:
    """A cell a spreadsheet program would run as a formula gets a leading ' (the import takes it off)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(header: list[str], rows: list[Row]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutral(row[name]) for name in header] for row in rows)
    return stream.getvalue()


def write(registry: Registry, folder: Path) -> list[Path]:
    """Every table of every family that has items into `folder`; returns the files written."""
    views = [ItemView(record, registry.departments[record.brief.department]) for record in registry.items]
    written = []
    for family in dict.fromkeys(FAMILIES.values()):
        members = [view for view in views if FAMILIES[view.brief.type] == family]
        if not members:
            continue
        for table, rows_of in TABLES.items():
            if family == "punish" and table == "material":
                continue
            rows = [row for view in members for row in rows_of(view)]
            header = list(rows_of(members[0])[0]) if rows_of(members[0]) else _empty_header(table)
            path = folder / f"up_task_{family}_{table}.csv"
            write_text(path, _csv(header, rows))
            written.append(path)
    return written


def _empty_header(table: str) -> list[str]:
    return {
        "material": [
            "task_code",
            "material_name",
            "order_num",
            "is_need",
            "material_type",
            "material_format",
            "page_num",
            "source_type",
            "remark",
        ],
        "fee_project": ["task_code", "fee_name", "fee_stand", "by_law", "order_num"],
        "questions": ["task_code", "question", "answer", "order_num"],
    }[table]
