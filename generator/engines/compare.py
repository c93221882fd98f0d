"""Two builds of one project by different engines, compared page by page: the article of every page
must be the same; what differs by design is listed here, once, with the reason."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

# What may differ between Material (on MkDocs or ProperDocs) and Zensical, and why.
KNOWN_DIFFERENCES: dict[str, str] = {
    "skip anchor": 'Zensical starts every article with <a id="__skip" tabindex="-1"></a>, where its skip link '
    "lands; Material's skip link points at the first heading instead. Removed before comparing.",
    "blog listings": "the blog's index, archive and category pages have no article element; they are compared "
    "by their visible text. Zensical leaves out an empty pagination bar and writes ./ before relative links.",
    "outside the article": "the generator tag, the theme's CSS and JS bundles (Zensical's classic/ paths), "
    "header and dialog attributes, the logo's alt text and the palette script differ; none of it is content.",
    "sitemap": "Zensical lists pages without <lastmod>; the build rewrites the sitemap in address order and adds "
    "every guide and checklist with its date, so only the engine's own pages lack a date.",
}

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_SKIP = re.compile(r'^\s*<a id="__skip" tabindex="-1"></a>')
_CONTENT = re.compile(r'<div class="md-content" data-md-component="content">(.*?)</main>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Comparison:
    same: list[str]
    different: list[str]
    only_first: list[str]
    only_second: list[str]

    @property
    def ok(self) -> bool:
        return not (self.different or self.only_first or self.only_second)


def _article(text: str) -> str | None:
    match = _ARTICLE.search(text)
    if match is None:
        return None
    return _fold(_SKIP.sub("", match.group(1), count=1))


def _listing_text(text: str) -> str:
    match = _CONTENT.search(text)
    words = html.unescape(_TAG.sub(" ", match.group(1) if match else ""))
    return " ".join(words.split())


def _fold(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", fragment)).strip()


def compare_sites(first: Path, second: Path) -> Comparison:
    pages_a = {p.relative_to(first).as_posix() for p in first.rglob("*.html")}
    pages_b = {p.relative_to(second).as_posix() for p in second.rglob("*.html")}
    same: list[str] = []
    different: list[str] = []
    for page in sorted(pages_a & pages_b):
        a = (first / page).read_text(encoding="utf-8")
        b = (second / page).read_text(encoding="utf-8")
        body_a, body_b = _article(a), _article(b)
        if body_a is None and body_b is None:
            equal = _listing_text(a) == _listing_text(b)
        else:
            equal = body_a == body_b
        (same if equal else different).append(page)
    return Comparison(same, different, sorted(pages_a - pages_b), sorted(pages_b - pages_a))
