"""Live figures and item links in handwritten pages and bulletins.

`{{ stats.time_compression }}` writes a figure the way the figures page does; `{{ item CODE }}`
(an 实施编码) or `{{ item department/slug }}` writes a link to the item's guide. Anything else
between double braces is an error with its file and line, so a bulletin never shows a stale or
broken number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.site.model import SiteModel
from generator.wording import number, percent

PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
RATES = {
    "immediate_rate": "immediate_items",
    "zero_visit_rate": "zero_visit_items",
    "at_most_one_visit_rate": "at_most_one_visit_items",
    "fully_online_rate": "fully_online_items",
}


@dataclass
class PlaceholderError(Exception):
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def stat_names(model: SiteModel) -> list[str]:
    return sorted(list(model.figures.as_dict()) + list(RATES))


def _stat(model: SiteModel, name: str) -> str | None:
    figures = model.figures.as_dict()
    if name in RATES:
        return percent(model.figures.share(int(figures[RATES[name]] or 0)))
    if name not in figures:
        return None
    value = figures[name]
    if name in ("time_compression", "tolerance_material_ratio"):
        return percent(value)
    return number(int(value or 0))


def expand(markdown: str, model: SiteModel, shown_path: str, line_offset: int = 0, *, links: bool = True) -> str:
    """`markdown` with every placeholder replaced. An item becomes an HTML link, its name escaped (never
    Markdown made from the name, which could carry a link or an image of its own), or with `links` off
    (a description, which is plain text) the name alone. Item links start at the site's root path: the
    blog shows a post's first paragraphs on listing pages at other depths, where a relative link would
    miss. `line_offset` is the number of lines before `markdown` in its file (the front matter)."""
    by_code = {view.item.code: view for view in model.items}
    by_ref = {view.ref: view for view in model.items}

    def replace(match: re.Match) -> str:
        expression = match.group(1)
        line = line_offset + markdown.count("\n", 0, match.start()) + 1
        if expression.startswith("stats."):
            value = _stat(model, expression.removeprefix("stats."))
            if value is None:
                raise PlaceholderError(
                    shown_path,
                    line,
                    f"未知的统计数字“{expression}”：可以用的有 " + "、".join(f"stats.{n}" for n in stat_names(model)),
                )
            return value
        if expression.startswith("item "):
            key = expression.removeprefix("item ").strip()
            view = by_code.get(key) or by_ref.get(key)
            if view is None:
                raise PlaceholderError(
                    shown_path,
                    line,
                    f"找不到事项“{key}”：请写在用事项的实施编码或“部门编号/文件名”，如 {{{{ item scjgj/food-business-license }}}}",
                )
            if not links:
                return view.title
            href = f"{urlsplit(model.site_url).path.rstrip('/')}/{view.url}"
            return str(Markup('<a href="{}">{}</a>').format(href, view.title))
        raise PlaceholderError(
            shown_path,
            line,
            f"无法识别的占位符“{{{{ {expression} }}}}”：只支持 {{{{ stats.名称 }}}} 和 {{{{ item 实施编码 }}}}",
        )

    return PLACEHOLDER.sub(replace, markdown)
