"""The item pages in the site's sitemap: they are written from shells, so the engine's sitemap lists
the shells instead; here the shells' entries give way to one entry per guide and checklist."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from generator.site.model import SiteModel
from generator.site.shell import SHELL_REF
from generator.text import xml_text

_ENTRY = re.compile(r"\s*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def _loc(entry: str) -> str:
    match = _LOC.search(entry)
    return match.group(1) if match else entry


def write_sitemap(site_dir: Path, model: SiteModel) -> None:
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    # The engine's pages in address order: each engine lists them in an order of its own.
    kept = "".join(sorted((entry for entry in _ENTRY.findall(text) if SHELL_REF not in entry), key=_loc))
    items = "".join(
        f"\n    <url>\n         <loc>{xml_text(model.absolute(url))}</loc>\n         <lastmod>{view.brief.updated.isoformat()}</lastmod>\n    </url>"
        for view in model.items
        for url in (view.url, view.checklist_url)
    )
    head = text[: text.index("<url>")].rstrip()
    sitemap = f"{head}{kept}{items}\n</urlset>\n"
    path.write_text(sitemap, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
