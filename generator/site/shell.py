"""Item pages written from a shell: the theme renders one page per kind (guide, checklist) around
markers, and every item's page is that shell with its title, description, address, structured data
and body filled in. Every guide lives at the same depth (items/<department>/<slug>/), so the shell's
relative links to the theme's assets are right for all of them; the theme's full template runs twice
instead of once per item.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from html import escape
from pathlib import Path

from generator.site.pages import PageSpec
from generator.site.render import Renderer

SHELL_REF = "__shell__/page"
SHELL_URLS = {"guide": f"items/{SHELL_REF}/", "checklist": f"items/{SHELL_REF}/checklist/"}
# The shells' source files, and the kind of page each one is the shell of.
SHELL_SOURCES = {f"{url}index.md": kind for kind, url in SHELL_URLS.items()}
TITLE = "@@GOV-TITLE@@"
DESCRIPTION = "@@GOV-DESCRIPTION@@"
JSONLD = "@@GOV-JSONLD@@"
# "<h1" in the content keeps the theme from adding a heading of its own; the body brings its <h1>.
BODY = "<!--<h1-->@@GOV-BODY@@"
PARALLEL_THRESHOLD = 400


def fill(shell: str, page: PageSpec, body: str, structured: str | None) -> str:
    html = shell.replace(f"items/{SHELL_REF}/", f"items/{page.context['view'].ref}/")
    html = html.replace(TITLE, escape(page.title)).replace(DESCRIPTION, escape(page.description))
    html = html.replace(JSONLD, structured or "")
    return html.replace(BODY, body)


_job: tuple[dict[str, str], Renderer, list[PageSpec], Path] | None = None


def _write(pages: list[PageSpec], shells: dict[str, str], renderer: Renderer, site_dir: Path) -> None:
    for page in pages:
        target = site_dir / page.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        html = fill(shells[page.kind], page, renderer.render(page), renderer.structured_data(page))
        target.write_text(html, encoding="utf-8")


def _write_slice(bounds: tuple[int, int]) -> None:
    assert _job is not None
    shells, renderer, pages, site_dir = _job
    _write(pages[bounds[0] : bounds[1]], shells, renderer, site_dir)


def write_pages(site_dir: Path, shells: dict[str, str], renderer: Renderer, pages: list[PageSpec]) -> None:
    """Every item page into `site_dir`, on every core for a large registry (forked workers share
    the model instead of receiving it)."""
    global _job
    workers = os.cpu_count() or 1
    if workers == 1 or len(pages) < PARALLEL_THRESHOLD:
        _write(pages, shells, renderer, site_dir)
        return
    _job = (shells, renderer, pages, site_dir)
    try:
        size = -(-len(pages) // (workers * 4))
        slices = [(start, min(start + size, len(pages))) for start in range(0, len(pages), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(_write_slice, slices))
    finally:
        _job = None
