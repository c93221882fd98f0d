"""The figures the reform office quotes (docs/domain.md), defined once, over published items.

Every figure that is a share or a sum also carries its base as a figure of its own (`timed_items`,
`tolerance_items` …), so whoever quotes it can say what it counts and over how many items; what each
name means is worded once, in `generator.wording.FIGURE_TERMS`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from generator.models import Handling, Necessity, OnlineDepth, TimeUnit
from generator.models.brief import ItemBrief
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
    timed_items: int  # the base of the time cut: items in 工作日 with a statutory limit
    statutory_days_total: int
    promised_days_total: int
    time_compression: float | None
    calendar_timed_items: int  # items in 自然日 with a statutory limit: their cut is counted apart
    calendar_statutory_days_total: int
    calendar_promised_days_total: int
    calendar_time_compression: float | None
    tolerance_items: int  # items that allow 容缺: the base of the 容缺 ratio
    tolerance_item_materials: int
    tolerance_materials: int
    tolerance_material_ratio: float | None

    @property
    def immediate_rate(self) -> float | None:
        return self.share(self.immediate_items)

    @property
    def zero_visit_rate(self) -> float | None:
        return self.share(self.zero_visit_items)

    @property
    def at_most_one_visit_rate(self) -> float | None:
        return self.share(self.at_most_one_visit_items)

    @property
    def fully_online_rate(self) -> float | None:
        return self.share(self.fully_online_items)

    @property
    def untimed_items(self) -> int:
        """Items without a statutory limit: in no time cut."""
        return self.items - self.timed_items - self.calendar_timed_items

    def as_dict(self) -> dict[str, int | float | None]:
        """Every figure by name, the rates included: what `stats --json` and the placeholders know."""
        values = asdict(self)
        for name in RATES:
            values[name] = getattr(self, name)
        return {name: values[name] for name in NAMES}

    def share(self, count: int) -> float | None:
        """A count as a fraction of published items."""
        return count / self.items if self.items else None


# The order of `stats --json`, the CLI table and the figures page.
NAMES = (
    "items",
    "departments",
    "bundles",
    "materials",
    "immediate_items",
    "immediate_rate",
    "zero_visit_items",
    "zero_visit_rate",
    "at_most_one_visit_items",
    "at_most_one_visit_rate",
    "fully_online_items",
    "fully_online_rate",
    "timed_items",
    "statutory_days_total",
    "promised_days_total",
    "time_compression",
    "calendar_timed_items",
    "calendar_statutory_days_total",
    "calendar_promised_days_total",
    "calendar_time_compression",
    "tolerance_items",
    "tolerance_item_materials",
    "tolerance_materials",
    "tolerance_material_ratio",
)
RATES = ("immediate_rate", "zero_visit_rate", "at_most_one_visit_rate", "fully_online_rate")


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def compression(statutory: int, promised: int) -> float | None:
    """时限压减比例 = 1 − Σpromised / Σstatutory."""
    return 1 - promised / statutory if statutory else None


def figures_for(items: list[ItemBrief], departments: int, bundles: int) -> Figures:
    """One pass over the items: the figures page draws a registry of 20,000 items once a month of its history."""
    counts = dict.fromkeys(
        ("materials", "immediate", "zero", "one", "online", "tolerant", "tolerant_all", "tolerance"), 0
    )
    timed = {unit: [0, 0, 0] for unit in TimeUnit}  # items, Σ statutory, Σ promised
    for item in items:
        materials = item.materials
        counts["materials"] += len(materials)
        counts["immediate"] += item.handling is Handling.IMMEDIATE
        counts["zero"] += item.visits == 0
        counts["one"] += item.visits <= 1
        counts["online"] += item.online.depth is OnlineDepth.FULLY_ONLINE
        limit = item.time_limit
        if limit.statutory is not None:
            totals = timed[limit.unit]
            totals[0] += 1
            totals[1] += limit.statutory
            totals[2] += limit.promised
        tolerance = sum(1 for m in materials if m.necessity is Necessity.TOLERANCE)
        if tolerance:
            counts["tolerant"] += 1
            counts["tolerant_all"] += len(materials)
            counts["tolerance"] += tolerance
    working, calendar = timed[TimeUnit.WORKING_DAYS], timed[TimeUnit.CALENDAR_DAYS]
    return Figures(
        items=len(items),
        departments=departments,
        bundles=bundles,
        materials=counts["materials"],
        immediate_items=counts["immediate"],
        zero_visit_items=counts["zero"],
        at_most_one_visit_items=counts["one"],
        fully_online_items=counts["online"],
        timed_items=working[0],
        statutory_days_total=working[1],
        promised_days_total=working[2],
        time_compression=compression(working[1], working[2]),
        calendar_timed_items=calendar[0],
        calendar_statutory_days_total=calendar[1],
        calendar_promised_days_total=calendar[2],
        calendar_time_compression=compression(calendar[1], calendar[2]),
        tolerance_items=counts["tolerant"],
        tolerance_item_materials=counts["tolerant_all"],
        tolerance_materials=counts["tolerance"],
        tolerance_material_ratio=_ratio(counts["tolerance"], counts["tolerant_all"]),
    )


def published_figures(items: Iterable[ItemBrief], bundles: int) -> Figures:
    """Figures over the published ones among `items`; departments are those that publish at least one."""
    published = [item for item in items if item.published]
    return figures_for(published, len({item.department for item in published}), bundles)


def compute(registry: Registry) -> Figures:
    """Figures over published items; departments are those that publish at least one item."""
    return published_figures((record.brief for record in registry.published), len(registry.bundles))
