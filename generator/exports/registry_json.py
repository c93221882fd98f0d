"""The registry as one JSON file, straight from the models: departments, bundles and items.

Only published items (在用) are in it, each with its reference (`department/slug`, also its address
on the site); the unpublished ones are only counted, by status. Bundles are as in bundles.yml, so
a member that is not published has no entry among the items. The site publishes 在用 items only,
and a suspended or cancelled item's windows, fees and materials may no longer hold: an open-data
file must not publish what the guides withhold. The counts keep the totals honest.
Every item reads back with `Item.model_validate(entry["item"])`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import orjson

from generator.exports.jsonfile import write_json
from generator.models import Status
from generator.registry.loader import Registry

FORMAT_VERSION = 1


def document(registry: Registry) -> dict[str, Any]:
    """The file's content; its items are an iterator, written one by one."""
    published = registry.published
    updated = max((record.brief.updated for record in published), default=None)
    unpublished = Counter(record.brief.status for record in registry.items if not record.published)
    return {
        "format": "gov-service-guides/registry",
        "version": FORMAT_VERSION,
        "updated": updated.isoformat() if updated else None,
        "published_items": len(published),
        "unpublished_items": {status.value: unpublished[status] for status in Status if status is not Status.ACTIVE},
        "departments": [
            department.model_dump(mode="json", exclude_none=True) for department in registry.departments.values()
        ],
        "bundles": [bundle.model_dump(mode="json", exclude_none=True) for bundle in registry.bundles],
        "items": ({"ref": record.ref, "item": _without_none(orjson.loads(record.json()))} for record in published),
    }


def write(registry: Registry, out: Path, site_url: str | None = None) -> None:
    write_json(document(registry), out)


def _without_none(value: Any) -> Any:
    """A validated item's JSON as `model_dump(mode="json", exclude_none=True)` gives it, without
    validating the item again: the fields left unset are left out."""
    if isinstance(value, dict):
        return {key: _without_none(inner) for key, inner in value.items() if inner is not None}
    if isinstance(value, list):
        return [_without_none(inner) for inner in value]
    return value
