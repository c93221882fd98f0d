"""What the registry adds to a site, whatever engine renders the rest, as one object with three steps:

1. `SiteBuild.prepare`: check the registry (errors stop here, with the findings), build the site model
   and the list of pages, and start the open-data exports in processes of their own;
2. the engine renders the handwritten pages, the aggregate pages (`pages`, whose bodies come from
   `body`) and the two shells (`shell_pages`), printing the title and description markers;
3. `finish`: every guide and checklist from the shells, the exports, the finder's index, the sitemap
   and the feed, then a check that every page the registry adds is there and no marker is left.

The MkDocs plugin calls these steps from MkDocs' events; it adds nothing of its own.
"""

from __future__ import annotations

import datetime
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.changes.git import GitError, recent_changes, repository_root
from generator.checks import check_registry
from generator.files import within, write_text
from generator.finder.documents import extra_documents
from generator.finder.index import FinderDoc
from generator.findings import Report
from generator.models.identity import SiteIdentity
from generator.registry.loader import Registry
from generator.site.cache import PageCache
from generator.site.feed import Bulletin, rss
from generator.site.model import SiteModel, build_model
from generator.site.pages import PageSpec, site_pages
from generator.site.pipeline import DATA_DIR, ExportFailed, Exports, Publication, Published, item_pages, publish
from generator.site.placeholders import Quotes, expand, fallback_notice, figure_notes
from generator.site.render import Renderer
from generator.site.shell import (
    BODY,
    DESCRIPTION,
    MARKER_PREFIX,
    SHELL_REF,
    SHELL_SOURCES,
    SHELL_URLS,
    TITLE,
    fill_export_sizes,
    fill_markers,
    head_values,
)
from generator.site.sitemap import write_sitemap
from generator.stats.cache import FigureCache
from generator.stats.editions import FigureHistory
from generator.wording import file_size
from generator.workers import worker_count


@dataclass(frozen=True)
class BuildOptions:
    registry_dir: Path
    settings_file: Path | None
    overrides: Path | None  # the theme folder's registry/: templates that replace the shipped ones
    site_url: str
    site_name: str
    bulletins: str = "bulletins"  # the blog's folder under the docs folder and the site
    workers: int = 0  # 0: one per core
    cache_dir: Path | None = None  # None: nothing is kept between builds
    identity: SiteIdentity | None = None  # mkdocs.yml extra.gov, checked (generator.site.identity)


class RegistryErrors(Exception):
    """The registry has errors: no site is built. `report` holds the findings."""

    def __init__(self, report: Report):
        super().__init__("事项登记册有错误，网站没有生成")
        self.report = report


class BuildIncomplete(Exception):
    """The site lacks a page the registry adds, or a page still holds a marker: never published."""


__all__ = ["BuildIncomplete", "BuildOptions", "ExportFailed", "RegistryErrors", "SiteBuild"]


@dataclass
class SiteBuild:
    options: BuildOptions
    registry: Registry
    report: Report  # warnings only: errors stop `prepare`
    model: SiteModel
    renderer: Renderer
    pages: dict[str, PageSpec]  # the aggregate pages the engine renders, by source path
    item_pages: list[PageSpec]  # guides and checklists, written from the shells
    exports: Exports
    history: FigureHistory  # today's figures and, from git, those of any day
    seconds: dict[str, float] = field(default_factory=dict)
    page_dates: dict[str, datetime.date] = field(default_factory=dict)  # a dated page's figures are its date's
    notices: list[str] = field(default_factory=list)  # for the build log: pages quoting today's figures instead
    _new_notices: list[str] = field(default_factory=list)

    @classmethod
    def prepare(cls, options: BuildOptions, site_dir: Path) -> SiteBuild:
        started = time.perf_counter()
        workers = worker_count(options.workers)
        check_cache = options.cache_dir / "checked.jsonl" if options.cache_dir else None
        registry, report = check_registry(options.registry_dir, workers, check_cache, options.settings_file)
        if not report.ok:
            raise RegistryErrors(report)
        checked = time.perf_counter() - started
        history = FigureHistory.of(
            registry, cache=FigureCache(options.cache_dir / "figures.jsonl") if options.cache_dir else None
        )
        model = build_model(registry, options.site_url, history.current.edition, options.identity)
        every_page = site_pages(model, _recent_changes(options.registry_dir), history, options.bulletins)
        build = cls(
            options,
            registry,
            report,
            model,
            Renderer(options.overrides, model),
            {page.src_uri: page for page in every_page if page.kind not in SHELL_URLS},
            [page for page in every_page if page.kind in SHELL_URLS],
            Exports(registry, options.site_url, site_dir, workers),
            history,
        )
        build.seconds = {"check": checked, "model": time.perf_counter() - started - checked}
        return build

    def shell_pages(self) -> list[PageSpec]:
        """The two pages the engine renders around markers: a guide and a checklist."""
        shells = []
        for src_uri, kind in SHELL_SOURCES.items():
            example = next((page for page in self.item_pages if page.kind == kind), None)
            if example is not None:
                shells.append(PageSpec(src_uri, TITLE, example.fragment, {}, DESCRIPTION, hide=example.hide, kind=kind))
        return shells

    def date_pages(self, dates: Mapping[str, datetime.date]) -> None:
        """The dates of dated pages (bulletins), by the path messages name them with: their
        `{{ stats.NAME }}` are the figures of the registry on that date, all read from git at once."""
        self.page_dates.update(dates)
        self.history.prepare(list(dates.values()))

    def expand(self, text: str, shown_path: str, line_offset: int = 0, *, links: bool = True) -> str:
        """A handwritten page's Markdown (or, without `links`, its description) with its placeholders
        replaced; a page body that quotes figures gets the note of what they count and as of when."""
        day = self.page_dates.get(shown_path)
        dated = self.history.on(day) if day is not None else self.history.current
        quotes = Quotes(dated, self.history.current)
        expanded = expand(text, self.model, shown_path, line_offset, quotes=quotes, links=links)
        if dated.fallback is not None and any(not today for _, today in quotes.quoted):
            notice = fallback_notice(shown_path, dated)
            if notice not in self.notices:
                self.notices.append(notice)
                self._new_notices.append(notice)
        return expanded + figure_notes(quotes) if links else expanded

    def take_notices(self) -> list[str]:
        """The notices since the last call, once each."""
        new, self._new_notices[:] = list(self._new_notices), []
        return new

    def body(self, page: PageSpec, **extra: object) -> str:
        return self.renderer.render(page, **extra)

    def finish(
        self,
        site_dir: Path,
        shells: dict[str, str],
        bulletins: list[Bulletin],
        documents: list[FinderDoc],
        previous: Path | None = None,
    ) -> Published:
        """Write everything the registry adds into `site_dir`, where the engine has written its pages.
        `shells`: page kind → the engine's page around the markers; `documents`: the pages the finder
        also finds (handwritten pages, bulletins); `previous`: the site this build will replace."""
        started = time.perf_counter()
        for kind, shell in shells.items():
            if BODY not in shell or TITLE not in shell:
                raise BuildIncomplete(
                    f"主题没有按 registry.html 模板生成{kind}页面的外壳：请检查 overrides/ 和主题设置"
                )
        shutil.rmtree(within(site_dir, "items/" + SHELL_REF.split("/")[0]), ignore_errors=True)
        cache = None
        if self.options.cache_dir is not None:
            cache = PageCache(
                self.options.cache_dir / "pages",
                self.options.overrides,
                shells,
                self.model.site_url,
                self.model.identity,
            )
        job = Publication(
            site_dir,
            self.model,
            self.registry,
            self.renderer,
            shells,
            item_pages(self.item_pages),
            extra_documents(self.model.items, self.model.bundles, self.model.paths)
            + sorted(documents, key=lambda document: document.url),
            cache,
            previous,
        )
        published = publish(job, worker_count(self.options.workers))
        sizes = self.exports.collect(site_dir / DATA_DIR)
        data_page = site_dir / DATA_DIR / "index.html"
        if data_page.is_file():
            shown = {name: file_size(size) for name, size in sizes.items()}
            write_text(data_page, fill_export_sizes(data_page.read_text(encoding="utf-8"), shown))
        write_sitemap(site_dir, self.model)
        feed = rss(f"{self.options.site_name} · 改革动态", self.model.site_url, "改革动态和数据发布", bulletins)
        write_text(within(site_dir, f"{self.options.bulletins}/rss.xml"), feed)
        self.verify(site_dir)
        published.seconds["all"] = time.perf_counter() - started
        return published

    def fill_head(self, page: PageSpec, html: str) -> str:
        """An aggregate page as the engine wrote it, with its title and description filled in."""
        return fill_markers(html, head_values(page))

    def verify(self, site_dir: Path) -> None:
        """Every page the registry adds is in `site_dir`; no aggregate page or guide still holds a marker
        (an engine that ignored a template or a page would otherwise pass unseen)."""
        missing = [
            page.url
            for page in [*self.pages.values(), *self.item_pages]
            if not (within(site_dir, page.url) / "index.html").is_file()
        ]
        if missing:
            raise BuildIncomplete(f"网站缺少 {len(missing)} 个页面，没有发布：{'、'.join(missing[:5])}")
        samples = [*self.pages.values(), *self.item_pages[:2]]
        marked = [
            page.url
            for page in samples
            if MARKER_PREFIX in (within(site_dir, page.url) / "index.html").read_text(encoding="utf-8")
        ]
        if marked:
            raise BuildIncomplete(f"有 {len(marked)} 个页面的内容没有填入，没有发布：{'、'.join(marked[:5])}")


def _recent_changes(items: Path) -> list:
    """The registry's recent changes from git; a registry outside git simply has none."""
    try:
        return recent_changes(repository_root(items), items)
    except GitError:
        return []
