"""What the finder indexes: items, their 常见问题, 一件事 and paths, from their views (pages come from the engine)."""

from __future__ import annotations

from generator import wording
from generator.finder.index import FinderDoc
from generator.models import OnlineDepth
from generator.views import BundleView, ItemView, PathView


def item_documents(views: list[ItemView]) -> list[FinderDoc]:
    return [item_document(view) for view in views]


def item_document(view: ItemView) -> FinderDoc:
    item = view.brief
    audience = (1 if view.is_personal else 0) | (2 if view.is_business else 0)
    return FinderDoc(
        kind="item",
        title=view.title,
        url=view.url,
        text={
            "name": item.name,
            "sub_name": item.sub_name or "",
            "keywords": " ".join(item.keywords),
            "summary": item.summary,
            "topics": " ".join(item.topics),
            "department": f"{view.department.name} {view.department.display_name}",
            "materials": " ".join(m.name for m in item.materials),
        },
        facets={
            "department": view.department.display_name,
            "type": str(item.type),
            "topics": list(item.topics),
            "audience": audience,
            "visits": item.visits,
            "fully_online": item.online.depth is OnlineDepth.FULLY_ONLINE,
        },
        display={
            "s": item.summary,
            "l": wording.promised_text(item),
            "w": wording.visits_text(item.visits),
            "c": view.checklist_url,
            # the area it serves, where the same item is also handled by another level or district
            **({"r": f"服务区域：{view.area}"} if view.siblings else {}),
        },
    )


def bundle_documents(bundles: list[BundleView]) -> list[FinderDoc]:
    """A 一件事 is found by its name, its keywords and its life event; its summary and members are shown,
    not searched, so that a query for one member item finds the item, not every bundle it is part of."""
    return [
        FinderDoc(
            kind="bundle",
            title=bundle.bundle.name,
            url=bundle.url,
            text={
                "name": bundle.bundle.name,
                "keywords": " ".join(bundle.bundle.keywords),
                "topics": bundle.bundle.stage,
            },
            display={"s": bundle.bundle.summary, "w": wording.visits_text(bundle.bundle.visits)},
        )
        for bundle in bundles
    ]


def path_documents(paths: list[PathView]) -> list[FinderDoc]:
    return [
        FinderDoc(
            kind="path",
            title=f"{path.path.name}：分步办事指南",
            url=path.url,
            text={"name": path.path.name, "keywords": " ".join(path.path.keywords), "topics": path.path.stage or ""},
            display={"s": path.path.summary},
        )
        for path in paths
    ]


def faq_documents(views: list[ItemView]) -> list[FinderDoc]:
    """Each 常见问题 of each guide: found by its question (and, less, its answer); a hit opens it on the guide."""
    return [
        FinderDoc(
            kind="faq",
            title=question.q,
            url=f"{view.url}#faq-{number}",
            text={"topics": question.q, "materials": question.a},
            display={"s": question.a, "i": view.title},
        )
        for view in views
        for number, question in enumerate(view.brief.faq, start=1)
    ]


def extra_documents(views: list[ItemView], bundles: list[BundleView], paths: list[PathView]) -> list[FinderDoc]:
    """Everything the finder holds besides the items, numbered after them."""
    return bundle_documents(bundles) + path_documents(paths) + faq_documents(views)


def page_document(kind: str, title: str, url: str, description: str) -> FinderDoc:
    return FinderDoc(
        kind=kind, title=title, url=url, text={"name": title, "summary": description}, display={"s": description}
    )
