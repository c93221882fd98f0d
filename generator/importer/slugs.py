"""File names (the guide's web address) and department ids, readable and stable.

An item keeps the file name it has: a later import of the same 实施编码 finds the file by its
code, whatever the name became. A new item's name is the mapping's slug column when there is
one, otherwise the pinyin of its name (pypinyin): whole syllables for a short name
(shipinjingyingxuke), initials for a long one, with the 子项 or 业务办理项 added only where two
items of a department would otherwise share a name.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

from generator.registry.loader import SLUG

MAX_SYLLABLES = 8  # names longer than this become initials: 40 letters of pinyin are not readable either
MAX_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _ascii(text: str, initials: bool) -> str:
    parts = lazy_pinyin(text, style=Style.FIRST_LETTER if initials else Style.NORMAL, errors="default", v_to_u=False)
    joined = "".join(_NOT_SLUG.sub("-", part.lower()) for part in parts)
    return _NOT_SLUG.sub("-", joined).strip("-")


def pinyin(text: str) -> str:
    """`食品经营许可` → `shipinjingyingxuke`; a long name → its initials."""
    han = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
    return _ascii(text, initials=han > MAX_SYLLABLES)[:MAX_LENGTH].strip("-")


def initials(text: str) -> str:
    """`示范市市场监督管理局` → `sfsscjdglj`: department ids, short like the ones people type."""
    return _ascii(text, initials=True)[:32].strip("-")


def item_slug(name: str, sub_name: str | None, handle_item: str | None, taken: set[str]) -> str:
    """A free file name for a new item in a department whose names are `taken` (updated)."""
    base = pinyin(name) or "item"
    candidates = [base]
    if sub_name:
        candidates.append(f"{base}-{pinyin(sub_name)}".strip("-"))
    if handle_item:
        candidates.append(f"{base}-{_NOT_SLUG.sub('-', handle_item.lower()).strip('-')}")
    slug = next(
        (
            c[:MAX_LENGTH].strip("-")
            for c in candidates
            if c and SLUG.match(c[:MAX_LENGTH].strip("-")) and c[:MAX_LENGTH].strip("-") not in taken
        ),
        None,
    )
    if slug is None:
        stem = candidates[-1][: MAX_LENGTH - 4].strip("-")
        number = 2
        while f"{stem}-{number}" in taken:
            number += 1
        slug = f"{stem}-{number}"
    taken.add(slug)
    return slug


def department_id(name: str, taken: set[str]) -> str:
    base = initials(name) or "dept"
    slug, number = base, 2
    while slug in taken or not SLUG.match(slug):
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug
