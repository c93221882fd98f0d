"""Charts drawn as SVG at build time (readable without JavaScript, printable, offline), each with its
numbers as a table and a note of what it counts, over how many items, and what it leaves out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from generator.models import OnlineDepth
from generator.wording import FIGURE_TERMS, figure_basis, figure_value, number, percent, visits_group

if TYPE_CHECKING:
    from generator.site.model import SiteModel
    from generator.stats.editions import MonthFigures

NOT_APPLICABLE = "不适用"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as written beside the bar, e.g. "71.4%"


@dataclass(frozen=True)
class Chart:
    """A bar chart and the same numbers as a table, for screen readers and print."""

    title: str
    bars: list[Bar]
    note: str  # what it counts, over what, and what it leaves out
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    maximum: float | None = None
    color: str = "#b3261e"

    def svg(self, ident: str = "chart") -> str:
        return bar_chart(self.bars, self.title, maximum=self.maximum, color=self.color, ident=ident)


def _opening(kind: str, width: float, height: float, title: str, said: str, ident: str) -> list[str]:
    """An SVG chart's start: a screen reader says its title and then every number it shows (`said`), as a
    sighted reader sees them; the table under the chart has them too."""
    return [
        f'<svg class="{kind}" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-said" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-said">{escape(said)}</desc>',
    ]


def bar_chart(
    bars: list[Bar], title: str, *, maximum: float | None = None, color: str = "#b3261e", ident: str = "chart"
) -> str:
    """Horizontal bars, one per row, labels on the left: works for long Chinese labels and phones.
    `ident`: unique on its page, for the title and the description a screen reader reads."""
    # About 420 units wide: drawn at roughly 1:1 on a phone, so the 13-unit labels stay readable there.
    row, label_width, bar_width, pad = 28, 120, 190, 8
    top = maximum if maximum is not None else max((b.value for b in bars), default=0) or 1
    height = row * len(bars) + pad * 2
    width = label_width + bar_width + 110
    said = "；".join(f"{bar.label}：{bar.shown}" for bar in bars) + "。"
    parts = _opening("gov-chart", width, height, title, said, ident)
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


def department_chart(model: SiteModel) -> Chart:
    """Every department: its time cut over its own items in 工作日 with a statutory limit; a department
    without such items is in the chart as 不适用, and the note says which and why."""
    rows: list[tuple[str, ...]] = []
    bars: list[Bar] = []
    left_out: list[str] = []
    ordered = sorted(
        model.departments,
        key=lambda d: (d.figures.time_compression is None, -(d.figures.time_compression or 0)),
    )
    for department in ordered:
        f = department.figures
        name = department.department.display_name
        counted = f"{f.timed_items} 项（共 {f.items} 项）"
        if f.time_compression is None:
            left_out.append(name)
            bars.append(Bar(name, 0, NOT_APPLICABLE))
            rows.append((name, NOT_APPLICABLE, counted, "—", "—"))
        else:
            bars.append(Bar(name, f.time_compression, f"{percent(f.time_compression)}（{f.timed_items} 项）"))
            rows.append(
                (
                    name,
                    percent(f.time_compression),
                    counted,
                    f"{number(f.statutory_days_total)} 个工作日",
                    f"{number(f.promised_days_total)} 个工作日",
                )
            )
    note = (
        f"每个部门只计它按工作日计、有法定时限的在用事项，括号里是计入的事项数；全市合计见上面的时限压减比例"
        f"（{figure_basis('time_compression', model.figures.as_dict())}）。"
    )
    if left_out:
        note += (
            f"{'、'.join(left_out)}没有按工作日计、有法定时限的在用事项，算不出压减比例，图中标为“{NOT_APPLICABLE}”。"
        )
    return Chart(
        "各部门时限压减比例",
        bars,
        note,
        ("部门", "时限压减比例", "计入的事项", "法定时限合计", "承诺时限合计"),
        rows,
        maximum=1,
    )


def visits_chart(model: SiteModel) -> Chart:
    visits = Counter(min(view.brief.visits, 2) for view in model.items)
    total = len(model.items)
    values = model.figures.as_dict()
    groups = [(visits_group(n), visits[n], visits[n] / total if total else None) for n in (0, 1, 2)]
    return Chart(
        "到现场次数分布",
        [Bar(label, count, f"{count} 项（{percent(share)}）") for label, count, share in groups],
        f"共 {number(total)} 项在用事项，按办事人要到现场的次数分。"
        f"“{FIGURE_TERMS['at_most_one_visit_items'].label}”是零跑腿和跑一次两组合起来："
        f"{figure_value('at_most_one_visit_items', values)}，占 {figure_value('at_most_one_visit_rate', values)}。",
        ("到现场次数", "事项", "占在用事项"),
        [(label, f"{count} 项", percent(share)) for label, count, share in groups],
        color="#2e7d32",
    )


def online_chart(model: SiteModel) -> Chart:
    depths = Counter(view.brief.online.depth for view in model.items)
    total = len(model.items)
    groups = [(str(depth), depths[depth], depths[depth] / total if total else None) for depth in reversed(OnlineDepth)]
    return Chart(
        "网上办理深度分布",
        [Bar(label, count, f"{count} 项（{percent(share)}）") for label, count, share in groups],
        f"共 {number(total)} 项在用事项，每项按它能在网上办到哪一步计一次。",
        ("网上办理深度", "事项", "占在用事项"),
        [(label, f"{count} 项", percent(share)) for label, count, share in groups],
        color="#1565c0",
    )


def figure_charts(model: SiteModel) -> dict[str, Chart]:
    """The bar charts of the figures page: time cut by department, visits, online depth."""
    return {"time_cut": department_chart(model), "visits": visits_chart(model), "online": online_chart(model)}


# The figures whose month-by-month course the figures page draws, with a colour and a dash pattern each
# (told apart without colour too).
TREND = (
    ("time_compression", "#b3261e", ""),
    ("at_most_one_visit_rate", "#00695c", "6 3"),
    ("zero_visit_rate", "#2e7d32", "2 3"),
    ("fully_online_rate", "#1565c0", "10 4 2 4"),
    ("immediate_rate", "#6d4c41", "4 4"),
)


@dataclass(frozen=True)
class Trend:
    """The headline figures month by month: a line chart and its table."""

    months: list[MonthFigures]

    def svg(self, ident: str = "trend") -> str:
        # The year once, then where it changes: 2026年11月, 12月, 2027年1月 …
        labels = [
            month.label if index == 0 or month.month.month == 1 else f"{month.month.month}月"
            for index, month in enumerate(self.months)
        ]
        series = [
            (FIGURE_TERMS[name].label, [m.figures.figures.as_dict()[name] for m in self.months], color, dash)
            for name, color, dash in TREND
        ]
        return line_chart(labels, series, "主要指标逐月变化", ident, [m.label for m in self.months])

    @property
    def columns(self) -> tuple[str, ...]:
        return ("月份", "登记册版本", FIGURE_TERMS["items"].label, *(FIGURE_TERMS[name].label for name, _, _ in TREND))

    @property
    def rows(self) -> list[tuple[str, ...]]:
        rows = []
        for month in self.months:
            values = month.figures.figures.as_dict()
            cells = [figure_value(name, values) for name, _, _ in TREND]
            cells[0] += f"（{values['timed_items']} 项）"
            rows.append((month.label, month.figures.edition.short, figure_value("items", values), *cells))
        return rows


def line_chart(
    labels: list[str],
    series: list[tuple[str, list, str, str]],
    title: str,
    ident: str = "trend",
    spoken: list[str] | None = None,
) -> str:
    """Shares (0 to 1) over time: one line per series, a point per month, a legend below with each
    series' last value. `series`: (label, values with None where there is no base, colour, dash);
    `spoken`: each point's label as a screen reader says it (the whole month, where the axis shortens it)."""
    left, top, plot_width, plot_height, legend_row = 44, 12, 360, 140, 19
    width = left + plot_width + 16
    height = top + plot_height + 28 + legend_row * len(series)
    step = plot_width / max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return left + (index * step if len(labels) > 1 else plot_width / 2)

    def y(value: float) -> float:
        return top + plot_height * (1 - max(0.0, min(1.0, value)))

    months = spoken or labels
    said = "；".join(
        f"{label}："
        + "，".join(
            f"{month} {percent(value)}" for month, value in zip(months, values, strict=False) if value is not None
        )
        for label, values, _, _ in series
    )
    parts = _opening("gov-chart gov-chart--line", width, height, title, said + "。", ident)
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_width}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ccc" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12">{tick * 100:.0f}%</text>'
        )
    every = max(1, -(-len(labels) // 6))  # at most about six month labels
    for index, label in enumerate(labels):
        if index % every == 0 or index == len(labels) - 1:
            anchor = "end" if index == len(labels) - 1 and len(labels) > 1 else "middle"
            parts.append(
                f'<text x="{x(index):.1f}" y="{top + plot_height + 17}" text-anchor="{anchor}" font-size="12">{escape(label)}</text>'
            )
    for number_, (label, values, color, dash) in enumerate(series):
        points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"{dashes}/>')
        parts.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{color}"/>' for px, py in points)
        legend_y = top + plot_height + 28 + legend_row * number_ + 10
        last = next((v for v in reversed(values) if v is not None), None)
        parts.append(
            f'<line x1="{left}" x2="{left + 28}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{color}" stroke-width="3"{dashes}/>'
            f'<text x="{left + 36}" y="{legend_y}" font-size="13">{escape(label)}：{escape(percent(last))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
