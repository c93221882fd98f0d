"""What an engine is given to render, whichever engine it is: a docs folder holding the project's own
pages (their placeholders expanded, their titles made safe for the theme) and a stub for every page the
registry adds, whose title, description and body are markers filled in once the engine has written the
page (`generator.site.shell`). Nothing here runs an engine or imports one.

The MkDocs plugin builds the same stubs in memory (`front_matter`); `python -m generator build` writes
them to a folder with `prepare_docs`.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.finder.documents import page_document
from generator.finder.index import FinderDoc
from generator.site.build import SiteBuild
from generator.site.feed import Bulletin
from generator.site.pages import HOME, PageSpec
from generator.site.placeholders import PlaceholderError
from generator.site.shell import BODY_CONTENT, DESCRIPTION, JSONLD, NO_HEADING, TITLE
from generator.text import theme_text

# Where the home page's registry part (figures, topics, latest bulletins) goes, before its own text.
HOME_MARKER = "<!--GOV-HOME-->"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


def front_matter(page: PageSpec) -> str:
    """A registry page's front matter. No registry text goes into it: the theme prints the title and
    description markers, which are filled, escaped, once the page is written."""
    lines = ["---", f'title: "{TITLE}"', f'description: "{DESCRIPTION}"', "template: registry.html"]
    lines.append(f"gov_kind: {page.kind}")
    if page.kind == "guide" and page.title == TITLE:  # the guide shell: structured data filled per guide
        lines.append(f'gov_jsonld: "{JSONLD}"')
    if page.hide:
        lines.append("hide: [" + ", ".join(page.hide) + "]")
    return "\n".join([*lines, "---", ""])


def stub(page: PageSpec) -> str:
    return front_matter(page) + BODY_CONTENT + "\n"


@dataclass(frozen=True)
class Blog:
    """Where the blog (改革动态) lives and how it names a post's address (Material's and Zensical's
    `blog_dir` and `post_url_format`, with `{date}` as yyyy/MM/dd)."""

    folder: str = "bulletins"
    url_format: str = "{date}/{slug}"

    @property
    def posts(self) -> str:
        return f"{self.folder}/posts/"

    def url(self, date: datetime.date, slug: str) -> str:
        path = self.url_format.replace("{date}", f"{date:%Y/%m/%d}").replace("{slug}", slug)
        return f"{self.folder}/{path.strip('/')}/"


@dataclass
class EngineInput:
    docs: Path
    bulletins: list[Bulletin] = field(default_factory=list)
    documents: list[FinderDoc] = field(default_factory=list)  # the pages the finder also finds


class ContentError(Exception):
    """A handwritten page or bulletin the build cannot use; the message names the file and line."""


def prepare_docs(
    pages: list[PageSpec], build: SiteBuild, content: Path, docs: Path, blog: Blog, nav_titles: dict[str, str]
) -> EngineInput:
    """Fill `docs` with the project's pages from `content` and a stub per page of `pages`."""
    shutil.rmtree(docs, ignore_errors=True)
    found = EngineInput(docs)
    sources = [source for source in sorted(content.rglob("*")) if source.is_file() and not source.is_symlink()]
    texts = {source: source.read_text(encoding="utf-8") for source in sources if source.suffix == ".md"}
    # Every bulletin's date at once: its figures are the registry's on that date, read from git once.
    dates = {}
    for source, text in texts.items():
        relative = source.relative_to(content).as_posix()
        if relative.startswith(blog.posts) and (match := _FRONT_MATTER.match(text)):
            try:
                meta = yaml.safe_load(match.group(1) or "")
            except yaml.YAMLError:
                continue
            if isinstance(meta, dict) and (date := _date(meta.get("date"))) is not None:
                dates[f"content/{relative}"] = date
    build.date_pages(dates)
    for source in sources:
        relative = source.relative_to(content).as_posix()
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source not in texts:
            shutil.copyfile(source, target)
            continue
        text, document, bulletin = _page(texts[source], relative, build, blog, nav_titles)
        target.write_text(text, encoding="utf-8")
        if document is not None:
            found.documents.append(document)
        if bulletin is not None:
            found.bulletins.append(bulletin)
    for page in pages:
        target = docs / page.src_uri
        if target.exists():
            raise ContentError(f"content/{page.src_uri} 与登记册生成的页面同名：请改名或删除这个文件")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stub(page), encoding="utf-8")
        if page.kind in ("department", "page"):
            title = nav_titles.get(page.src_uri, page.title)
            found.documents.append(page_document("page", title, page.url, page.description))
    found.documents.sort(key=lambda document: document.url)
    found.bulletins.sort(key=lambda bulletin: bulletin.date, reverse=True)
    return found


def _page(
    text: str, relative: str, build: SiteBuild, blog: Blog, nav_titles: dict[str, str]
) -> tuple[str, FinderDoc | None, Bulletin | None]:
    """A handwritten page as the engine gets it, and what the finder and the feed learn from it."""
    shown = f"content/{relative}"
    match = _FRONT_MATTER.match(text)
    try:
        meta = (yaml.safe_load(match.group(1) or "") if match else None) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{shown}: 页面开头的设置（front matter）不是有效的 YAML：{error}") from None
    if not isinstance(meta, dict):
        raise ContentError(f"{shown}: 页面开头的设置（front matter）应为“字段: 值”")
    body = text[match.end() :] if match else text
    offset = text[: match.end()].count("\n") if match else 0
    try:
        body = build.expand(body, shown, offset)
        if "description" in meta:
            meta["description"] = build.expand(str(meta["description"]), shown, links=False)
    except PlaceholderError as error:
        raise ContentError(str(error)) from None
    title = str(meta.get("title") or nav_titles.get(relative) or _first_heading(body) or "")
    description = str(meta.get("description") or "")
    for key in ("title", "description"):  # the theme prints them as they are
        if key in meta:
            meta[key] = theme_text(str(meta[key]))
    if relative == HOME:  # the home page's registry part brings its own heading
        body = f"{NO_HEADING}\n{HOME_MARKER}\n\n{body}"
    document = bulletin = None
    if relative.startswith(blog.posts):
        date = _date(meta.get("date"))
        slug = meta.get("slug")
        if date is not None and isinstance(slug, str) and "title" in meta:
            url = blog.url(date, slug)
            bulletin = Bulletin(title, url, date, description)
            document = page_document("bulletin", title, url, description)
        elif date is not None:
            raise ContentError(f"{shown}: 改革动态需要 title 和 slug（网址中的名称，如 time-limits-cut）")
    elif not relative.startswith(f"{blog.folder}/") or relative == f"{blog.folder}/index.md":
        document = page_document("page", title, _url(relative), description)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) if meta else ""
    return (f"---\n{front}---\n{body}" if meta else body), document, bulletin


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match.group(1) if match else None


def _url(relative: str) -> str:
    """The directory address MkDocs and Zensical give a Markdown page."""
    path = PurePosixPath(relative)
    if path.name in ("index.md", "README.md"):
        parent = path.parent.as_posix()
        return "" if parent == "." else f"{parent}/"
    return f"{path.with_suffix('').as_posix()}/"
