"""Bar charts drawn as SVG at build time: readable without JavaScript, printable, offline."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from generator.models import OnlineDepth
from generator.wording import percent, visits_group

if TYPE_CHECKING:
    from generator.site.model import SiteModel


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as written beside the bar, e.g. "71.4%"


def bar_chart(bars: list[Bar], title: str, *, maximum: float | None = None, color: str = "#b3261e") -> str:
    """Horizontal bars, one per row, labels on the left: works for long Chinese labels and phones."""
    # About 420 units wide: drawn at roughly 1:1 on a phone, so the 13-unit labels stay readable there.
    row, label_width, bar_width, pad = 28, 120, 190, 8
    top = maximum if maximum is not None else max((b.value for b in bars), default=0) or 1
    height = row * len(bars) + pad * 2
    width = label_width + bar_width + 110
    parts = [
        f'<svg class="gov-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = pad + index * row
        length = max(0.0, bar.value) / top * bar_width
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row * 0.65:.1f}" text-anchor="end" font-size="13">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y + 5}" width="{length:.1f}" height="{row - 10}" fill="{color}" rx="2"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + row * 0.65:.1f}" font-size="13">{escape(bar.shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def figure_charts(model: SiteModel) -> dict[str, list[Bar]]:
    """The bars of the figures page: time cut by department, visits, online depth."""
    time_cut = [
        Bar(d.department.display_name, d.figures.time_compression or 0, percent(d.figures.time_compression))
        for d in model.departments
        if d.figures.time_compression is not None
    ]
    time_cut.sort(key=lambda bar: -bar.value)
    visits = Counter(min(view.item.visits, 2) for view in model.items)
    depths = Counter(view.item.online.depth for view in model.items)
    total = len(model.items) or 1
    return {
        "time_cut": time_cut,
        "visits": [
            Bar(visits_group(n), visits[n], f"{visits[n]} 项（{percent(visits[n] / total)}）") for n in (0, 1, 2)
        ],
        "online": [
            Bar(str(depth), depths[depth], f"{depths[depth]} 项（{percent(depths[depth] / total)}）")
            for depth in reversed(OnlineDepth)
        ],
    }
