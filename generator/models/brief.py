"""What a build keeps of every item while it works on all of them: the fields that lists, tables, the
finder's table, the sitemap and the figures show. A full item (about 20 KB as a model) is validated
again only where its own pages and exports are written, in worker processes; a brief is a few
hundred bytes, so a city's registry fits in the main process many times over.

A brief is made from the item's JSON (`Item.model_dump_json`), the form records travel and are cached
in, so a checked item, a cached one and a past version from git all give the same brief. Its names
are the item's own, so code that reads these fields reads an item or a brief alike.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from generator.models.enums import Audience, Handling, ItemType, Level, Necessity, OnlineDepth, Status, TimeUnit


@dataclass(frozen=True, slots=True)
class MaterialBrief:
    name: str
    necessity: Necessity
    shared: bool


@dataclass(frozen=True, slots=True)
class TimeLimitBrief:
    statutory: int | None
    promised: int
    unit: TimeUnit


@dataclass(frozen=True, slots=True)
class SpecialProcedureBrief:
    name: str
    time_limit: int
    unit: TimeUnit


@dataclass(frozen=True, slots=True)
class OnlineBrief:
    depth: OnlineDepth
    url: str | None


@dataclass(frozen=True, slots=True)
class QuestionBrief:
    q: str
    a: str


@dataclass(frozen=True, slots=True)
class ItemBrief:
    name: str
    sub_name: str | None
    catalog_code: str
    code: str
    type: ItemType
    department: str
    level: Level
    audience: tuple[Audience, ...]
    summary: str
    topics: tuple[str, ...]
    keywords: tuple[str, ...]
    related: tuple[str, ...]
    materials: tuple[MaterialBrief, ...]
    time_limit: TimeLimitBrief
    handling: Handling
    special_procedures: tuple[SpecialProcedureBrief, ...]
    visits: int
    online: OnlineBrief
    faq: tuple[QuestionBrief, ...]
    status: Status
    updated: datetime.date

    @property
    def published(self) -> bool:
        return self.status is Status.ACTIVE

    @classmethod
    def of(cls, data: dict[str, Any]) -> ItemBrief:
        """From a validated item's JSON, parsed (`orjson.loads(item.model_dump_json())`)."""
        limit, online = data["time_limit"], data["online"]
        return cls(
            name=data["name"],
            sub_name=data.get("sub_name"),
            catalog_code=data["catalog_code"],
            code=data["code"],
            type=ItemType(data["type"]),
            department=data["department"],
            level=Level(data["level"]),
            audience=tuple(Audience(value) for value in data["audience"]),
            summary=data["summary"],
            topics=tuple(data["topics"]),
            keywords=tuple(data["keywords"]),
            related=tuple(data["related"]),
            materials=tuple(
                MaterialBrief(m["name"], Necessity(m["necessity"]), bool(m["shared"])) for m in data["materials"]
            ),
            time_limit=TimeLimitBrief(limit.get("statutory"), limit["promised"], TimeUnit(limit["unit"])),
            handling=Handling(data["handling"]),
            special_procedures=tuple(
                SpecialProcedureBrief(p["name"], p["time_limit"], TimeUnit(p["unit"]))
                for p in data["special_procedures"]
            ),
            visits=data["visits"],
            online=OnlineBrief(OnlineDepth(online["depth"]), online.get("url")),
            faq=tuple(QuestionBrief(question["q"], question["a"]) for question in data["faq"]),
            status=Status(data["status"]),
            updated=datetime.date.fromisoformat(data["updated"]),
        )
