"""The figures the reform office quotes (docs/domain.md), defined once, over published items."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from generator.models import Handling, Item, Necessity, OnlineDepth, TimeUnit
from generator.registry.loader import Registry


@dataclass(frozen=True)
class Figures:
    items: int
    departments: int
    bundles: int
    materials: int
    immediate_items: int
    zero_visit_items: int
    at_most_one_visit_items: int
    fully_online_items: int
    statutory_days_total: int
    promised_days_total: int
    time_compression: float | None
    tolerance_materials: int
    tolerance_material_ratio: float | None

    def as_dict(self) -> dict[str, int | float | None]:
        return asdict(self)

    def share(self, count: int) -> float | None:
        """A count as a fraction of published items."""
        return count / self.items if self.items else None


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def time_totals(items: Iterable[Item], unit: TimeUnit = TimeUnit.WORKING_DAYS) -> tuple[int, int]:
    """(Σ statutory, Σ promised) over the items in `unit` that have a statutory limit."""
    statutory = promised = 0
    for item in items:
        limit = item.time_limit
        if limit.unit is unit and limit.statutory is not None:
            statutory += limit.statutory
            promised += limit.promised
    return statutory, promised


def compression(statutory: int, promised: int) -> float | None:
    """时限压减比例 = 1 − Σpromised / Σstatutory."""
    return 1 - promised / statutory if statutory else None


def figures_for(items: list[Item], departments: int, bundles: int) -> Figures:
    statutory, promised = time_totals(items)
    tolerant = [item for item in items if any(m.necessity is Necessity.TOLERANCE for m in item.materials)]
    tolerance = sum(1 for item in tolerant for m in item.materials if m.necessity is Necessity.TOLERANCE)
    return Figures(
        items=len(items),
        departments=departments,
        bundles=bundles,
        materials=sum(len(item.materials) for item in items),
        immediate_items=sum(1 for item in items if item.handling is Handling.IMMEDIATE),
        zero_visit_items=sum(1 for item in items if item.visits == 0),
        at_most_one_visit_items=sum(1 for item in items if item.visits <= 1),
        fully_online_items=sum(1 for item in items if item.online.depth is OnlineDepth.FULLY_ONLINE),
        statutory_days_total=statutory,
        promised_days_total=promised,
        time_compression=compression(statutory, promised),
        tolerance_materials=tolerance,
        tolerance_material_ratio=_ratio(tolerance, sum(len(item.materials) for item in tolerant)),
    )


def compute(registry: Registry) -> Figures:
    """Figures over published items; departments are those that publish at least one item."""
    items = [record.item for record in registry.published]
    departments = len({item.department for item in items})
    return figures_for(items, departments, len(registry.bundles))
