"""Live figures and item links in handwritten pages and bulletins.

`{{ stats.time_compression }}` writes a figure of the registry as it stood on the page's date (a
bulletin's `date:`; today's on a page without one), `{{ stats.today.time_compression }}` today's figure
whatever the page's date; both the way the figures page writes them (names as in `stats --json`).
`{{ item CODE }}` (an 实施编码) or `{{ item department/slug }}` writes a link to the item's guide.
Anything else between double braces is an error with its file and line, so a bulletin never shows a
stale or broken number. A page that quotes figures ends with a note of what each counts, over how many
items, and which registry it was computed from (`figure_notes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.site.model import SiteModel
from generator.stats.editions import DatedFigures
from generator.stats.figures import NAMES
from generator.wording import FIGURE_TERMS, chinese_date, figure_basis, figure_number, figure_value

PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
DATED = "stats."
TODAY = "stats.today."


@dataclass
class PlaceholderError(Exception):
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Quotes:
    """The figures a page can quote, and those it did, in order: (name, today's?)."""

    dated: DatedFigures  # {{ stats.NAME }}: the registry on the page's date
    today: DatedFigures  # {{ stats.today.NAME }}
    quoted: list[tuple[str, bool]] = field(default_factory=list)


def stat_names() -> list[str]:
    return list(NAMES)


def _unknown(expression: str) -> str:
    names = "、".join(stat_names())
    return (
        f"未知的统计数字“{expression}”：{{{{ stats.名称 }}}} 按本文日期的事项登记册计算，"
        f"{{{{ stats.today.名称 }}}} 按本站生成时的登记册计算；名称可以用 {names}"
    )


def expand(
    markdown: str,
    model: SiteModel,
    shown_path: str,
    line_offset: int = 0,
    *,
    quotes: Quotes,
    links: bool = True,
) -> str:
    """`markdown` with every placeholder replaced. An item becomes an HTML link, its name escaped (never
    Markdown made from the name, which could carry a link or an image of its own), or with `links` off
    (a description, which is plain text) the name alone. Item links start at the site's root path: the
    blog shows a post's first paragraphs on listing pages at other depths, where a relative link would
    miss. `line_offset` is the number of lines before `markdown` in its file (the front matter)."""
    by_code = {view.record.code: view for view in model.items}
    by_ref = {view.ref: view for view in model.items}

    def replace(match: re.Match) -> str:
        expression = match.group(1)
        line = line_offset + markdown.count("\n", 0, match.start()) + 1
        if expression.startswith(DATED):
            today = expression.startswith(TODAY)
            name = expression.removeprefix(TODAY if today else DATED)
            if name not in FIGURE_TERMS:
                raise PlaceholderError(shown_path, line, _unknown(expression))
            figures = quotes.today if today else quotes.dated
            if (name, today) not in quotes.quoted:
                quotes.quoted.append((name, today))
            return figure_number(name, figures.figures.as_dict())
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
            f"无法识别的占位符“{{{{ {expression} }}}}”：只支持 {{{{ stats.名称 }}}}、{{{{ stats.today.名称 }}}} 和 {{{{ item 实施编码 }}}}",
        )

    return PLACEHOLDER.sub(replace, markdown)


def figure_notes(quotes: Quotes) -> str:
    """What each quoted figure counts, over how many items, and from which registry: one HTML block for
    the end of the page, or nothing when the page quoted no figure."""
    if not quotes.quoted:
        return ""
    parts = ['<div class="gov-figure-notes">', "<p><strong>文中数字说明</strong></p>"]
    for today in (False, True):
        names = [name for name, is_today in quotes.quoted if is_today is today]
        if not names:
            continue
        figures = quotes.today if today else quotes.dated
        parts.append(str(Markup("<p>{}</p>").format(_source(figures, today))))
        parts.append("<dl>")
        values = figures.figures.as_dict()
        for name in names:
            term = FIGURE_TERMS[name]
            parts.append(
                str(
                    Markup("<dt>{}：{}</dt><dd>{}；{}。</dd>").format(
                        term.label, figure_value(name, values), term.means, figure_basis(name, values)
                    )
                )
            )
        parts.append("</dl>")
    parts.append("</div>")
    return "\n\n" + "".join(parts) + "\n"


def _source(figures: DatedFigures, today: bool) -> str:
    if today:
        return f"以下数字按本站生成时的{figures.as_of}计算："
    if figures.fallback is not None and figures.day is not None:
        return (
            f"本文日期为{chinese_date(figures.day)}，本站生成时取不到当日的事项登记册版本，"
            f"以下数字按{figures.as_of}计算，不是本文发布当日的数字："
        )
    return (
        f"以下数字按{figures.as_of}计算："
        if figures.day is None
        else f"以下数字按{figures.as_of}计算，是本文发布当日的数字："
    )


def fallback_notice(shown_path: str, figures: DatedFigures) -> str:
    """The build's note for a dated page whose date the registry's history does not reach."""
    assert figures.day is not None and figures.fallback is not None
    return (
        f"{shown_path}：{figures.fallback}，得不到本文日期（{figures.day.isoformat()}）的统计数字；"
        f"文中的 {{{{ stats.名称 }}}} 改按{figures.as_of}计算，页面上注明了这一点"
    )
