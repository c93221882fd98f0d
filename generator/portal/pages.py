"""The portal's page: plain HTML from a template of this package (no engine), with the theme's own
styles and the finder's scripts copied from the project's assets, so the browser code is the sites'
own, unchanged. Everything works offline: nothing is fetched from outside the portal."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.portal.merge import site_path
from generator.site.urls import relative
from generator.text import json_for_script, plain, web_link

TEMPLATES = Path(__file__).parent / "templates"
# What the page uses from the theme's assets folder (overrides/assets), by path inside it.
ASSETS = (
    "stylesheets/gov.css",
    "images/favicon.svg",
    "javascripts/gov-tokenize.js",
    "javascripts/gov-search.js",
    "javascripts/finder-data.js",
    "javascripts/finder.js",
)


@dataclass(frozen=True)
class Listed:
    """A partition as the home page lists it; `items` is None when the portal left it out."""

    name: str
    code: str
    href: str
    items: int | None


def missing_assets(assets: Path) -> list[str]:
    return [name for name in ASSETS if not (assets / name).is_file()]


def write_pages(
    out: Path, site_name: str, portal_url: str, listed: list[tuple[str, str, str, int | None]], assets: Path
) -> None:
    """`listed`: (name, code, address, items or None) of every configured partition, in order."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=lambda value: plain(value) if isinstance(value, str) else value,
    )
    environment.filters["web_link"] = web_link
    here = site_path(portal_url)
    partitions = [Listed(name, code, relative(site_path(url), here), items) for name, code, url, items in listed]
    html = environment.get_template("portal.html").render(
        site_name=site_name, partitions=partitions, config_json=json_for_script({"base": "."})
    )
    (out / "index.html").write_text(html, encoding="utf-8")
    for name in ASSETS:
        target = out / "assets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(assets / name, target)
    shutil.copyfile(TEMPLATES / "portal.css", out / "assets/stylesheets/portal.css")
