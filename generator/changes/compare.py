"""What a change to the registry means for citizens: item by item, in plain words.

Items are matched by their reference (department/slug) and, failing that, by their 实施编码, so a
renamed or moved file is one changed item, not one withdrawn and one added.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from generator.models import Bundle, Item, Necessity, Status
from generator.wording import days, fee_text, percent, visits_text


@dataclass(frozen=True)
class Change:
    field: str  # the model key, e.g. "time_limit.promised"
    label: str  # its Chinese label, e.g. "承诺时限"
    text: str  # what changed, in citizens' words


@dataclass
class ItemChange:
    ref: str
    title: str
    kind: str  # added | withdrawn | suspended | restored | changed
    old_ref: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def moved(self) -> bool:
        return self.old_ref is not None and self.old_ref != self.ref


@dataclass
class BundleChange:
    id: str
    name: str
    kind: str  # added | removed | changed
    changes: list[str] = field(default_factory=list)


@dataclass
class Report:
    items: list[ItemChange]
    bundles: list[BundleChange]

    @property
    def empty(self) -> bool:
        return not self.items and not self.bundles

    def count(self, kind: str) -> int:
        return sum(1 for change in self.items if change.kind == kind)

    def as_dict(self) -> dict:
        return {
            "summary": {kind: self.count(kind) for kind in ("added", "withdrawn", "suspended", "restored", "changed")}
            | {"bundles": len(self.bundles)},
            "items": [asdict(change) | {"moved": change.moved} for change in self.items],
            "bundles": [asdict(change) for change in self.bundles],
        }


def title_of(item: Item) -> str:
    return f"{item.name}（{item.sub_name}）" if item.sub_name else item.name


def _limit_changes(old: Item, new: Item) -> list[Change]:
    changes = []
    before, after = old.time_limit, new.time_limit
    if before.promised != after.promised or before.unit != after.unit:
        text = f"承诺时限由{days(before.promised, before.unit)}改为{days(after.promised, after.unit)}"
        if before.unit == after.unit and before.promised:
            delta = after.promised - before.promised
            word = "缩短" if delta < 0 else "延长"
            text += f"（{word} {abs(delta)} 天，{percent(abs(delta) / before.promised)}）"
        changes.append(Change("time_limit.promised", "承诺时限", text))
    if before.statutory != after.statutory:
        changes.append(
            Change(
                "time_limit.statutory",
                "法定时限",
                f"法定时限由{days(before.statutory, before.unit)}改为{days(after.statutory, after.unit)}",
            )
        )
    return changes


def _material_changes(old: Item, new: Item) -> list[Change]:
    before = {m.name: m for m in old.materials}
    after = {m.name: m for m in new.materials}
    changes = []
    for name in after.keys() - before.keys():
        changes.append(Change("materials", "申请材料", f"新增材料“{name}”"))
    for name in before.keys() - after.keys():
        changes.append(Change("materials", "申请材料", f"不再需要材料“{name}”"))
    for name in before.keys() & after.keys():
        was, now = before[name], after[name]
        if now.necessity is Necessity.TOLERANCE and was.necessity is not Necessity.TOLERANCE:
            changes.append(Change("materials", "申请材料", f"材料“{name}”可以容缺后补"))
        elif was.necessity is Necessity.TOLERANCE and now.necessity is not Necessity.TOLERANCE:
            changes.append(Change("materials", "申请材料", f"材料“{name}”不再容缺后补"))
        if now.shared and not was.shared:
            changes.append(Change("materials", "申请材料", f"材料“{name}”改为部门共享获取，免提交"))
        elif was.shared and not now.shared:
            changes.append(Change("materials", "申请材料", f"材料“{name}”改为由申请人提交"))
    return sorted(changes, key=lambda change: change.text)


def item_changes(old: Item, new: Item) -> list[Change]:
    """Changes a citizen notices, in the order a guide shows them."""
    changes = _limit_changes(old, new)
    if old.visits != new.visits:
        changes.append(
            Change(
                "visits",
                "到现场次数",
                f"到现场次数由{old.visits}次（{visits_text(old.visits)}）改为{new.visits}次（{visits_text(new.visits)}）",
            )
        )
    if old.online.depth != new.online.depth:
        changes.append(Change("online.depth", "网办深度", f"网上办理由“{old.online.depth}”改为“{new.online.depth}”"))
    changes += _material_changes(old, new)
    if old.fees != new.fees:
        changes.append(Change("fees", "收费", f"收费由“{fee_text(old.fees)}”改为“{fee_text(new.fees)}”"))
    if title_of(old) != title_of(new):
        changes.append(Change("name", "事项名称", f"名称由“{title_of(old)}”改为“{title_of(new)}”"))
    if old.department != new.department:
        changes.append(Change("department", "实施主体", f"实施主体由 {old.department} 改为 {new.department}"))
    return changes


_STATUS_KIND = {Status.ACTIVE: "restored", Status.SUSPENDED: "suspended", Status.CANCELLED: "withdrawn"}


def compare_items(old: dict[str, Item], new: dict[str, Item]) -> list[ItemChange]:
    """`old` and `new` map references to items; unmatched references are matched by 实施编码."""
    old_by_code = {item.code: ref for ref, item in old.items() if ref not in new}
    matched_old: set[str] = set()
    result: list[ItemChange] = []
    for ref, item in sorted(new.items()):
        old_ref = ref if ref in old else old_by_code.get(item.code)
        if old_ref is None:
            if item.published:
                result.append(ItemChange(ref, title_of(item), "added"))
            continue
        matched_old.add(old_ref)
        before = old[old_ref]
        if before.status is not item.status:
            kind = _STATUS_KIND[item.status]
            if kind == "restored" and before.status is Status.CANCELLED:
                kind = "added"
            result.append(ItemChange(ref, title_of(item), kind, old_ref if old_ref != ref else None))
            continue
        changes = item_changes(before, item)
        if changes or old_ref != ref:
            result.append(ItemChange(ref, title_of(item), "changed", old_ref if old_ref != ref else None, changes))
    for ref, item in sorted(old.items()):
        if ref not in matched_old and ref not in new and item.published:
            result.append(ItemChange(ref, title_of(item), "withdrawn"))
    return result


def compare_bundles(old: list[Bundle], new: list[Bundle]) -> list[BundleChange]:
    before = {bundle.id: bundle for bundle in old}
    after = {bundle.id: bundle for bundle in new}
    result = []
    for bundle_id in sorted(after.keys() - before.keys()):
        result.append(BundleChange(bundle_id, after[bundle_id].name, "added"))
    for bundle_id in sorted(before.keys() - after.keys()):
        result.append(BundleChange(bundle_id, before[bundle_id].name, "removed"))
    for bundle_id in sorted(before.keys() & after.keys()):
        was, now = before[bundle_id], after[bundle_id]
        notes = []
        if added := [ref for ref in now.items if ref not in was.items]:
            notes.append("新增事项 " + "、".join(added))
        if removed := [ref for ref in was.items if ref not in now.items]:
            notes.append("移出事项 " + "、".join(removed))
        if was.promised != now.promised:
            notes.append(f"承诺时限由{days(was.promised)}改为{days(now.promised)}")
        if notes:
            result.append(BundleChange(bundle_id, now.name, "changed", notes))
    return result


def compare(
    old_items: dict[str, Item], new_items: dict[str, Item], old_bundles: list[Bundle], new_bundles: list[Bundle]
) -> Report:
    return Report(compare_items(old_items, new_items), compare_bundles(old_bundles, new_bundles))
