"""Item pages written from a shell: the theme renders one page per kind (guide, checklist) around
markers, and every item's page is that shell with its title, description, address, structured data
and body filled in. Every guide lives at the same depth (items/<department>/<slug>/), so the shell's
relative links to the theme's assets are right for all of them; the theme's full template runs twice
instead of once per item.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from generator.site.pages import PageSpec
from generator.text import plain

SHELL_REF = "__shell__/page"
SHELL_URLS = {"guide": f"items/{SHELL_REF}/", "checklist": f"items/{SHELL_REF}/checklist/"}
# The shells' source files, and the kind of page each one is the shell of.
SHELL_SOURCES = {f"{url}index.md": kind for kind, url in SHELL_URLS.items()}
# Markers are HTML comments: escaped text never holds "<", so no registry text can be taken for one,
# and a marker still in a page after filling is one the filling missed.
MARKER_PREFIX = "<!--GOV-"
TITLE = "<!--GOV-TITLE-->"
DESCRIPTION = "<!--GOV-DESCRIPTION-->"
JSONLD = "<!--GOV-JSONLD-->"
BODY = "<!--GOV-BODY-->"
# "<h1" in the content keeps the theme from adding a heading of its own; the body brings its <h1>.
NO_HEADING = "<!--<h1-->"
# A page's content as the engine gets it: Markdown keeps each comment as it is (on a line of its own).
BODY_CONTENT = f"{NO_HEADING}\n{BODY}"


_SHELL_PATH = f"items/{SHELL_REF}/"


def fill_markers(html: str, values: dict[str, str]) -> str:
    """`html` with every marker replaced in one pass: text put in is never searched for markers again,
    so registry text that happens to contain a marker's name stays text."""
    pattern = re.compile("|".join(re.escape(marker) for marker in values))
    return pattern.sub(lambda match: values[match.group()], html)


def head_values(page: PageSpec) -> dict[str, str]:
    """The page's title and description, escaped, for the markers the theme printed them as."""
    return {TITLE: str(escape(plain(page.title))), DESCRIPTION: str(escape(plain(page.description))), NO_HEADING: ""}


def fill(shell: str, page: PageSpec, body: str, structured: str | None) -> str:
    values = {_SHELL_PATH: f"items/{page.context['view'].ref}/", JSONLD: structured or "", BODY: body}
    return fill_markers(shell, head_values(page) | values)


EXPORT_SIZE = "<!--GOV-SIZE:{}-->"


def export_size_marker(file_name: str) -> Markup:
    """Where the open-data page shows an export's size, known only once the export is written."""
    return Markup(EXPORT_SIZE).format(file_name)


def fill_export_sizes(html: str, sizes: dict[str, str]) -> str:
    return (
        fill_markers(html, {EXPORT_SIZE.format(file_name): size for file_name, size in sizes.items()})
        if sizes
        else html
    )
