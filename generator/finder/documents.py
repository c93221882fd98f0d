"""What the finder indexes: items and 一件事, from their views (pages come from the engine)."""

from __future__ import annotations

from generator import wording
from generator.finder.index import FinderDoc
from generator.models import OnlineDepth
from generator.views import BundleView, ItemView


def item_documents(views: list[ItemView]) -> list[FinderDoc]:
    return [item_document(view) for view in views]


def item_document(view: ItemView) -> FinderDoc:
    item = view.item
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
        },
    )


def bundle_documents(bundles: list[BundleView]) -> list[FinderDoc]:
    return [
        FinderDoc(
            kind="bundle",
            title=bundle.bundle.name,
            url=bundle.url,
            text={
                "name": bundle.bundle.name,
                "summary": bundle.bundle.summary,
                "topics": bundle.bundle.stage,
                "keywords": " ".join(member.item.name for member in bundle.members),
            },
            display={"s": bundle.bundle.summary},
        )
        for bundle in bundles
    ]


def page_document(kind: str, title: str, url: str, description: str) -> FinderDoc:
    return FinderDoc(
        kind=kind, title=title, url=url, text={"name": title, "summary": description}, display={"s": description}
    )
