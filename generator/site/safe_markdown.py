"""Markdown whose HTML can only be content: a Python-Markdown extension that sanitizes what each
conversion produces (handwritten pages, bulletins and the blog's excerpts of them), so raw HTML in a
page — a script, an event handler, a javascript: link, an image from elsewhere — never reaches the
site. Registered in mkdocs.yml as `generator.site.safe_markdown`; any engine that runs the project's
Markdown extensions applies it.

The allow-list is what Markdown and the extensions in mkdocs.yml write, with their classes and ids.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# Comments kept as they are: the blog's excerpt separator, so the blog can still cut a post there, and
# the markers of the pages the registry adds (generator/site/shell.py), filled after the engine ran.
KEPT = re.compile(r"(<!-- more -->|<!--<h1-->|<!--GOV-[A-Z0-9:._-]+-->)")

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# What an image of the site is: a file with an image's extension (a query or fragment after it allowed).
IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif)(?:[?#].*)?$", re.IGNORECASE)


def _attribute(tag: str, name: str, value: str) -> str | None:
    # The site loads nothing from elsewhere: an image is a file of the site, never an address outside it,
    # and never a word of the text that happens to stand where a file would (<img src=x>).
    if (
        tag == "img"
        and name == "src"
        and (urlsplit(value).scheme or value.startswith("//") or not IMAGE_FILE.search(value))
    ):
        return None
    return value


def sanitize(html: str) -> str:
    """`html` with everything but content removed; each part between kept comments on its own, so an
    unclosed tag or comment in one part cannot swallow the next."""
    parts = KEPT.split(html)
    return "".join(part if index % 2 else _clean(part) for index, part in enumerate(parts))


def _clean(part: str) -> str:
    return nh3.clean(
        part,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_attribute,
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style", "template", "noscript"},
    )


class _Sanitize(Postprocessor):
    def run(self, text: str) -> str:
        return sanitize(text)


class SafeMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.postprocessors.register(_Sanitize(md), "gov-sanitize", 1)  # last: after raw HTML is put back


def makeExtension(**kwargs: object) -> SafeMarkdownExtension:  # noqa: N802 - Python-Markdown's entry point
    return SafeMarkdownExtension(**kwargs)
