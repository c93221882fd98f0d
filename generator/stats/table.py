"""The figures for the terminal and as JSON: each with its label, what it counts, over how many items,
and which registry it was computed from, in the words of `generator.wording.FIGURE_TERMS`."""

from __future__ import annotations

from typing import Any

from generator.stats.editions import DatedFigures
from generator.stats.figures import NAMES
from generator.wording import FIGURE_TERMS, figure_basis, figure_value

# The terminal table leaves out the bases that the rows' explanations already give.
_GIVEN_IN_EXPLANATIONS = {"timed_items", "calendar_timed_items", "tolerance_items", "tolerance_item_materials"}
TABLE_NAMES = tuple(name for name in NAMES if name not in _GIVEN_IN_EXPLANATIONS)


def render_table(dated: DatedFigures) -> str:
    values = dated.figures.as_dict()
    rows = [(FIGURE_TERMS[name].label, figure_value(name, values), figure_basis(name, values)) for name in TABLE_NAMES]
    label_width = max(_width(label) for label, _, _ in rows)
    value_width = max(_width(value) for _, value, _ in rows)
    lines = [f"数据来源：{dated.as_of}"]
    for label, value, basis in rows:
        lines.append(
            label
            + " " * (label_width - _width(label))
            + "  "
            + value
            + " " * (value_width - _width(value))
            + "  "
            + basis
        )
    lines.append("（只计在用事项；工作日和自然日的时限分开计算。每个数字的含义：python -m generator stats --json）")
    return "\n".join(lines) + "\n"


def figures_json(dated: DatedFigures) -> dict[str, Any]:
    """`stats --json`: which registry, every figure by name, and what each counts over what."""
    values = dated.figures.as_dict()
    return {
        "as_of": dated.as_dict(),
        "figures": values,
        "definitions": {
            name: {
                "label": term.label,
                "unit": term.unit,
                "means": term.means,
                "basis": figure_basis(name, values),
            }
            for name, term in FIGURE_TERMS.items()
        },
    }


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)
