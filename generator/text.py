"""Text is text: what registry and bulletin text may hold, and how it is written out in each context
(HTML, JSON inside a <script>, XML, CSV, URLs, the terminal). Every writer of untrusted text goes
through one of these; none of them relies on the input having been checked."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape

# Characters no text of the registry needs: C0 controls but the line feed, DEL, C1 controls (NEL
# among them), the line and paragraph separators (editors and YAML disagree on whether they end a
# line, so every line number after them is wrong), bidirectional overrides and isolates (they make
# text read differently from what it holds) and a stray byte-order mark.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
# What a browser may take for the start of markup: "<" before a letter, "/", "!" or "?".
MARKUP = re.compile(r"<[A-Za-z/!?]")
# What XML 1.0 cannot hold at all.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SITE_RELATIVE = re.compile(r"^/?(?:[\w.~%!$&'()*+,;=:@-]+/?)*(?:#[\w.~%-]*)?$")

CONTROL_NAMES = {
    "\x00": "NUL",
    "\t": "制表符",
    "\r": "回车符",
    "\x1b": "ESC",
    "\x85": "NEL",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
}


# One segment of a web address made from a name: letters and digits of any script, then letters,
# digits, "-" and "_"; no dots, slashes, colons or spaces, so it can never climb out of its folder.
SEGMENT = re.compile(r"^[^\W_][\w-]{0,63}$")


def path_segment(name: str) -> str | None:
    """The address segment for a name (a topic such as 出生), or None when the name cannot be one."""
    segment = unicodedata.normalize("NFKC", name).strip().lower()
    return segment if SEGMENT.match(segment) else None


def control_name(char: str) -> str:
    """How a message names an invisible character: U+2028（行分隔符）."""
    name = CONTROL_NAMES.get(char)
    return f"U+{ord(char):04X}" + (f"（{name}）" if name else "")


_SPACE_LIKE = {"\t": " ", "\r": " ", "\x85": " ", "\u2028": " ", "\u2029": " "}


def plain(text: str) -> str:
    """Text without control characters: line-like ones become spaces, the others go. For HTML and
    CSV, where they are at best noise and at worst cut a spreadsheet cell or a page short."""
    return CONTROL.sub(lambda match: _SPACE_LIKE.get(match.group(), ""), text)


def terminal(text: str) -> str:
    """Text for a terminal or a CI log: control characters shown as escapes, never interpreted."""
    return CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def xml_text(text: str) -> str:
    """Character data and attribute values for XML: escaped, and stripped of what XML cannot hold."""
    return str(escape(NOT_XML.sub("", text)))


def json_for_script(data: Any) -> str:
    """JSON to place inside a <script> element: nothing in it can end the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs: text starting with a formula character gets a
    leading apostrophe (OWASP, CSV injection). Numbers and dates stay as they are."""
    if isinstance(value, str):
        value = plain(value)
        return "'" + value if value.startswith(FORMULA_START) else value
    return value


def web_link(url: str | None) -> str | None:
    """An address a page may link to: http(s) with a host, or a path inside the site; anything else
    (javascript:, data:, //elsewhere, text with spaces or quotes) is None."""
    if not url or CONTROL.search(url) or any(c.isspace() or c in "<>\"'`\\" for c in url):
        return None
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return url if parts.netloc else None
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    return url if SITE_RELATIVE.match(url) else None


# An e-mail address a page may link to (mailto:name@host.tld, one address, no header fields).
_MAILTO = re.compile(r"^mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def mail_link(address: str | None) -> str | None:
    """A mailto: address a page may link to, or None (more than one address, headers, anything else)."""
    return address if address and _MAILTO.match(address) else None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def markdown_text(text: str) -> str:
    """Text placed in Markdown that stays text: every character Markdown or a placeholder could take
    for syntax is escaped, "<" and "&" become entities, and line breaks become spaces."""
    flat = " ".join(CONTROL.sub(" ", text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;").replace("<", "&lt;")


def theme_text(text: str) -> str:
    """Text for the theme's templates, which print page titles and descriptions without escaping:
    the characters HTML gives a meaning to become their full-width forms, controls go."""
    return CONTROL.sub("", text).translate(_FULL_WIDTH)


_FULL_WIDTH = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})
