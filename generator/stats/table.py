"""The figures as a readable table for the terminal."""

from __future__ import annotations

from functools import partial

from generator import wording
from generator.stats.figures import Figures

percent = partial(wording.percent, missing="无数据")


def render_table(figures: Figures) -> str:
    rows = [
        ("在用事项", f"{figures.items} 项"),
        ("实施部门", f"{figures.departments} 个"),
        ("一件事", f"{figures.bundles} 件"),
        ("申请材料", f"{figures.materials} 份"),
        ("即办件", f"{figures.immediate_items} 项（{percent(figures.share(figures.immediate_items))}）"),
        ("零跑腿", f"{figures.zero_visit_items} 项（{percent(figures.share(figures.zero_visit_items))}）"),
        (
            "最多跑一次",
            f"{figures.at_most_one_visit_items} 项（{percent(figures.share(figures.at_most_one_visit_items))}）",
        ),
        ("全程网办", f"{figures.fully_online_items} 项（{percent(figures.share(figures.fully_online_items))}）"),
        ("法定时限合计", f"{figures.statutory_days_total} 个工作日"),
        ("承诺时限合计", f"{figures.promised_days_total} 个工作日"),
        ("时限压减比例", percent(figures.time_compression)),
        ("容缺后补材料", f"{figures.tolerance_materials} 份"),
        ("容缺材料占比", percent(figures.tolerance_material_ratio)),
    ]
    width = max(_width(label) for label, _ in rows)
    lines = [label + " " * (width - _width(label)) + "  " + value for label, value in rows]
    lines.append("（时限按工作日计，只计有法定时限的在用事项；比例按在用事项计）")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)
