"""Rule 13 of docs/domain.md (八统一): implementers of the same catalogue item agree on the eight unified fields."""

from collections import defaultdict

from generator.checks.base import finding, registry_check, rule
from generator.findings import Severity
from generator.models import Item
from generator.registry.labels import label

MISMATCH = rule(
    "unified.mismatch",
    Severity.WARNING,
    "同一基本编码的事项在八统一字段上一致",
    protects="同一事项在市里和区里要的材料、时限不一样，群众无所适从（八统一）",
    fix="与另一个实施主体核对后统一两个文件的这一字段",
    sources=("domain",),
)

UNIFIED_FIELDS = ("name", "sub_name", "legal_basis", "materials", "steps", "workflow", "time_limit", "forms")


# Lists whose entries have names: a difference is told as the names one side has and the other lacks.
_SAME_NAMES = {"materials": "材料名称相同，份数、形式或必要性不同", "forms": "表单名称相同，地址或文件不同"}


def unified_differences(mine, theirs) -> list[str]:
    """The unified fields on which two items differ: the comparison 八统一 makes, for the items of one
    registry here and for the summaries the partitions of a province export (generator/portal/)."""
    return [field for field in UNIFIED_FIELDS if getattr(mine, field) != getattr(theirs, field)]


def describe_difference(field: str, mine, theirs) -> str:
    """What differs, in words a reviewer can act on ("本文件" is `mine`'s file, "对方" the other's)."""
    if field in _SAME_NAMES:
        mine_names = {m.name for m in mine}
        their_names = {m.name for m in theirs}
        parts = []
        if extra := sorted(mine_names - their_names):
            parts.append("本文件多出“" + "”“".join(extra) + "”")
        if missing := sorted(their_names - mine_names):
            parts.append("本文件缺少“" + "”“".join(missing) + "”")
        return "；".join(parts) or _SAME_NAMES[field]
    if field == "time_limit":
        return f"本文件为法定 {mine.statutory}/承诺 {mine.promised} {mine.unit}，对方为法定 {theirs.statutory}/承诺 {theirs.promised} {theirs.unit}"
    if isinstance(mine, list):
        return f"本文件 {len(mine)} 项，对方 {len(theirs)} 项" if len(mine) != len(theirs) else "内容不同"
    return f"本文件为“{mine}”，对方为“{theirs}”"


@registry_check
def unified_fields_agree(registry):
    groups = defaultdict(list)
    for record in registry.items:
        groups[record.catalog_code].append(record)
    for records in groups.values():
        if len(records) < 2:
            continue
        reference = records[0]
        for other in records[1:]:
            for field in unified_differences(other.item, reference.item):
                mine, theirs = getattr(other.item, field), getattr(reference.item, field)
                title = label(Item, (field,))
                for record, partner, a, b in ((other, reference, mine, theirs), (reference, other, theirs, mine)):
                    yield finding(
                        record,
                        (field,),
                        MISMATCH,
                        f"{title} ({field}) 与 {partner.source.path} 的同一事项（基本编码 {record.item.catalog_code}）不一致："
                        f"{describe_difference(field, a, b)}。八统一要求各实施主体一致，请与对方核对后统一",
                    )
