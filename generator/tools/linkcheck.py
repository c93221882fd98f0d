"""Broken internal links and anchors in a built site: every href and src that stays inside the site
must name a file that exists, and every #fragment an element with that id."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    page: str  # site-relative path of the page holding the link
    target: str  # the link as written
    reason: str


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (name == "href" and tag in ("a", "link", "area")) or (
                name == "src" and tag in ("img", "script", "iframe", "source")
            ):
                self.links.append(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def _target_file(site: Path, page: Path, path: str) -> Path:
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    if target.is_dir() or path.endswith("/") or path == "":
        target = target / "index.html"
    return target


def check_links(site: Path) -> list[BrokenLink]:
    site = site.resolve()
    parsed: dict[Path, _Collector] = {}

    def collector(path: Path) -> _Collector:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    broken: list[BrokenLink] = []
    for page in sorted(site.rglob("*.html")):
        for link in collector(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            target = page if not parts.path else _target_file(site, page, parts.path)
            shown = page.relative_to(site).as_posix()
            if not target.is_relative_to(site):
                broken.append(BrokenLink(shown, link, "指向网站之外的路径"))
            elif not target.is_file():
                broken.append(BrokenLink(shown, link, "目标文件不存在"))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in collector(target).ids:
                broken.append(BrokenLink(shown, link, "目标页面没有这个锚点"))
    return broken
