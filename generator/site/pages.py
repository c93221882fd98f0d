"""Every page the registry adds to the site, as data: where it lives, its title, and how to render it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.exports import FORMATS
from generator.site.charts import Trend, figure_charts
from generator.site.model import SiteModel
from generator.stats.editions import FigureHistory


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # e.g. "items/scjgj/food-business-license/index.md"
    title: str
    fragment: str  # template in overrides/registry/ that renders the page body
    context: dict[str, Any] = field(hash=False, compare=False)
    description: str = ""
    hide: tuple[str, ...] = ("toc",)
    kind: str = "page"  # guide, checklist, … : a CSS hook on <article>

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix("index.md")


HOME = "index.md"
# Rows of the overall 时限公示 table. A larger registry's overall page lists the departments (each with
# its own table) and links one printable list of every item: 20,000 rows with filters would be 8 MB.
FULL_TABLE_LIMIT = 1000


def site_pages(
    model: SiteModel, recent: list | None = None, history: FigureHistory | None = None, bulletins: str = "bulletins"
) -> list[PageSpec]:
    """`recent`: the registry's recent changes (generator.changes.git.RecentChange), newest first;
    `history`: the figures over time (none without it); `bulletins`: the blog's folder, for the site map."""
    pages: list[PageSpec] = []
    for view in model.items:
        pages.append(
            PageSpec(
                f"{view.url}index.md",
                view.title,
                "guide.html",
                {"view": view},
                description=view.brief.summary,
                hide=("toc", "navigation"),
                kind="guide",
            )
        )
        pages.append(
            PageSpec(
                f"{view.checklist_url}index.md",
                f"材料清单：{view.title}",
                "checklist.html",
                {"view": view},
                description=f"{view.title}需要准备的材料，可打印后带到窗口。",
                hide=("toc", "navigation"),
                kind="checklist",
            )
        )
    pages.append(PageSpec("finder/index.md", "我要办", "finder.html", {}, "说出要办的事，找到办事指南", kind="finder"))
    pages.append(PageSpec("departments/index.md", "按部门办事", "departments.html", {}, "各部门的办事指南"))
    for department in model.departments:
        pages.append(
            PageSpec(
                f"{department.url}index.md",
                department.department.name,
                "department.html",
                {"department": department},
                f"{department.department.name}的政务服务事项",
                hide=("toc", "navigation"),
                kind="department",
            )
        )
        pages.append(
            PageSpec(
                f"{department.time_limits_url}index.md",
                f"时限公示：{department.department.name}",
                "time_limits.html",
                {"items": department.items, "department": department, "split": False},
                f"{department.department.name}各事项的法定时限与承诺时限",
                kind="time-limits",
            )
        )
    pages.append(PageSpec("topics/index.md", "按主题办事", "topics.html", {}, "按人生事件和企业主题找事项"))
    for topic in model.topics:
        pages.append(
            PageSpec(f"{topic.url}index.md", topic.name, "topic.html", {"topic": topic}, f"与“{topic.name}”有关的事项")
        )
    for src_uri, title, audience, items, description in (
        ("personal/index.md", "个人办事", "个人", model.personal_items, "面向个人的办事指南"),
        ("business/index.md", "法人办事", "法人", model.business_items, "面向企业和其他组织的办事指南"),
    ):
        pages.append(
            PageSpec(
                src_uri,
                title,
                "audience.html",
                {"items": items, "audience": audience, "groups": _by_department(model, items)},
                description,
            )
        )
    pages.append(PageSpec("bundles/index.md", "一件事一次办", "bundles.html", {}, "多个部门的事项合成一件事，一次办好"))
    for bundle in model.bundles:
        pages.append(
            PageSpec(
                f"{bundle.url}index.md",
                bundle.bundle.name,
                "bundle.html",
                {"bundle": bundle},
                bundle.bundle.summary,
                hide=("toc", "navigation"),
                kind="bundle",
            )
        )
        pages.append(
            PageSpec(
                f"{bundle.checklist_url}index.md",
                f"合并材料清单：{bundle.bundle.name}",
                "bundle_checklist.html",
                {"bundle": bundle},
                f"{bundle.bundle.name}需要准备的材料，可打印后带到窗口。",
                hide=("toc", "navigation"),
                kind="bundle-checklist",
            )
        )
    for path in model.paths:
        pages.append(
            PageSpec(
                f"{path.url}index.md",
                f"{path.path.name}：分步办事指南",
                "path.html",
                {"path": path},
                path.path.summary,
                hide=("toc", "navigation"),
                kind="path",
            )
        )
    split = len(model.items) > FULL_TABLE_LIMIT
    pages.append(
        PageSpec(
            "time-limits/index.md",
            "时限公示",
            "time_limits.html",
            {"items": [] if split else model.items, "department": None, "split": split},
            "全部事项的法定时限与承诺时限",
            kind="time-limits",
        )
    )
    if split:
        pages.append(
            PageSpec(
                "time-limits/all/index.md",
                "时限公示：全部事项一览",
                "time_limits_all.html",
                {"items": model.items},
                "全部事项的法定时限与承诺时限，一张表，供打印",
                kind="time-limits",
            )
        )
    pages.append(
        PageSpec(
            "data/index.md",
            "开放数据",
            "open_data.html",
            {"formats": list(FORMATS.values())},
            "事项登记册的开放数据：JSON、CSV、Excel、HSDS 3.0、CPSV-AP 3.2.0",
            kind="data",
        )
    )
    pages.append(
        PageSpec(
            "updates/index.md",
            "最近更新",
            "updates.html",
            {"recent": recent or [], "published": {view.ref for view in model.items}},
            "最近有变化的事项和变化内容",
            kind="updates",
        )
    )
    pages.append(
        PageSpec(
            "figures/index.md",
            "改革成效",
            "figures.html",
            {"charts": figure_charts(model), "trend": Trend(history.months()) if history is not None else None},
            "时限压减、跑动次数和网上办理的统计",
        )
    )
    pages.append(PageSpec("glossary/index.md", "名词解释", "glossary.html", {}, "办事指南里的专门说法，用平常话解释"))
    pages.append(
        PageSpec(
            "site-map/index.md",
            "网站地图",
            "site_map.html",
            {"bulletins": f"{bulletins.strip('/')}/"},
            "本站的全部栏目、部门、主题和一件事",
        )
    )
    return pages


def _by_department(model: SiteModel, items: list) -> list[tuple]:
    """(department view, its items among `items`) in the registry's order, departments without any left out."""
    wanted = {view.ref for view in items}
    groups = [(d, [view for view in d.items if view.ref in wanted]) for d in model.departments]
    return [(d, views) for d, views in groups if views]
