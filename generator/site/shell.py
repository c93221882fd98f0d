"""Item pages written from a shell: the theme renders one page per kind (guide, checklist) around
markers, and every item's page is that shell with its title, description, address, structured data
and body filled in. Every guide lives at the same depth (items/<department>/<slug>/), so the shell's
relative links to the theme's assets are right for all of them; the theme's full template runs twice
instead of once per item.
"""

from __future__ import annotations

from html import escape

from generator.site.pages import PageSpec

SHELL_REF = "__shell__/page"
SHELL_URLS = {"guide": f"items/{SHELL_REF}/", "checklist": f"items/{SHELL_REF}/checklist/"}
# The shells' source files, and the kind of page each one is the shell of.
SHELL_SOURCES = {f"{url}index.md": kind for kind, url in SHELL_URLS.items()}
TITLE = "@@GOV-TITLE@@"
DESCRIPTION = "@@GOV-DESCRIPTION@@"
JSONLD = "@@GOV-JSONLD@@"
# "<h1" in the content keeps the theme from adding a heading of its own; the body brings its <h1>.
BODY = "<!--<h1-->@@GOV-BODY@@"


def fill(shell: str, page: PageSpec, body: str, structured: str | None) -> str:
    html = shell.replace(f"items/{SHELL_REF}/", f"items/{page.context['view'].ref}/")
    html = html.replace(TITLE, escape(page.title)).replace(DESCRIPTION, escape(page.description))
    html = html.replace(JSONLD, structured or "")
    return html.replace(BODY, body)


EXPORT_SIZE = "@@GOV-SIZE:{}@@"


def export_size_marker(file_name: str) -> str:
    """Where the open-data page shows an export's size, known only once the export is written."""
    return EXPORT_SIZE.format(file_name)


def fill_export_sizes(html: str, sizes: dict[str, str]) -> str:
    for file_name, size in sizes.items():
        html = html.replace(EXPORT_SIZE.format(file_name), size)
    return html
