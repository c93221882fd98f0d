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


def _difference(field: str, mine, theirs) -> str:
    """What differs, in words a reviewer can act on."""
    if field == "materials":
        mine_names = {m.name for m in mine}
        their_names = {m.name for m in theirs}
        parts = []
        if extra := sorted(mine_names - their_names):
            parts.append("本文件多出“" + "”“".join(extra) + "”")
        if missing := sorted(their_names - mine_names):
            parts.append("本文件缺少“" + "”“".join(missing) + "”")
        return "；".join(parts) or "材料名称相同，份数、形式或必要性不同"
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
            for field in UNIFIED_FIELDS:
                mine, theirs = getattr(other.item, field), getattr(reference.item, field)
                if mine == theirs:
                    continue
                title = label(Item, (field,))
                for record, partner, a, b in ((other, reference, mine, theirs), (reference, other, theirs, mine)):
                    yield finding(
                        record,
                        (field,),
                        MISMATCH,
                        f"{title} ({field}) 与 {partner.source.path} 的同一事项（基本编码 {record.item.catalog_code}）不一致："
                        f"{_difference(field, a, b)}。八统一要求各实施主体一致，请与对方核对后统一",
                    )
