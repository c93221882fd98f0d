"""The MkDocs adapter: loads and checks the registry, adds the registry's pages, renders them.

Everything it shows comes from `generator.site`; this module only translates between MkDocs'
events and that core, so a change of engine replaces this file and nothing else.
"""

from __future__ import annotations

import datetime
import logging
import shutil
import time
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from generator.checks import check_registry
from generator.finder.documents import bundle_documents, page_document
from generator.finder.index import FinderDoc
from generator.findings import Report, Severity
from generator.changes.git import GitError, recent_changes, repository_root
from generator.findings.reporters import finding_line, render_text
from generator.registry.loader import Registry
from generator.site.feed import Bulletin, rss
from generator.site.cache import PageCache, PreviousPages
from generator.wording import file_size
from generator.site.model import SiteModel, build_model
from generator.site.pages import HOME, PageSpec, site_pages
from generator.site.placeholders import PlaceholderError, expand
from generator.site.render import Renderer
from generator.site.pipeline import DATA_DIR, Exports, Publication, item_pages, publish
from generator.workers import worker_count
from generator.site.shell import (
    BODY,
    DESCRIPTION,
    JSONLD,
    SHELL_REF,
    SHELL_SOURCES,
    SHELL_URLS,
    TITLE,
    fill_export_sizes,
)
from generator.site.sitemap import write_sitemap

log = logging.getLogger("mkdocs.plugins.registry")


class RegistryConfig(Config):
    enabled = opt.Type(bool, default=True)
    # The registry directory, relative to mkdocs.yml.
    items = opt.Type(str, default="items")
    # The project's settings (rule levels, the 实施编码 format), relative to mkdocs.yml; optional.
    settings = opt.Type(str, default="registry.yml")
    # Where bulletins live under docs_dir (Material's blog_dir).
    bulletins = opt.Type(str, default="bulletins")
    # Processes that write the item pages, exports and finder index; 0 is one per core.
    workers = opt.Type(int, default=0)
    # Keep check results and item pages between builds (in cache_dir, beside mkdocs.yml): only what
    # changed is done again.
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/registry")


class RegistryPlugin(BasePlugin[RegistryConfig]):
    def __init__(self) -> None:
        self.model: SiteModel | None = None
        self.registry: Registry | None = None
        self.root = Path()
        self.renderer: Renderer | None = None
        self.pages: dict[str, PageSpec] = {}
        self.bulletins: list[Bulletin] = []
        self.page_documents: list[FinderDoc] = []
        self.item_pages: list[PageSpec] = []
        self.shells: dict[str, str] = {}
        self.previous: PreviousPages | None = None
        self.exports: Exports | None = None

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = self.root = Path(config.config_file_path).parent
        started = time.perf_counter()
        check_cache = root / self.config.cache_dir / "checked.pickle" if self.config.cache else None
        registry, report = check_registry(
            root / self.config.items, worker_count(self.config.workers), check_cache, root / self.config.settings
        )
        _report(report)
        log.info(f"登记册检查：{len(registry.items)} 个事项，{time.perf_counter() - started:.1f} 秒")
        site_url = config.site_url or "http://localhost:8000/"
        self.registry = registry
        self.model = build_model(registry, site_url)
        self.renderer = Renderer(self._templates(config), self.model)
        recent = _recent_changes(root / self.config.items)
        every_page = site_pages(self.model, recent)
        log.info(f"网站模型：{time.perf_counter() - started:.1f} 秒（含检查）")
        self.item_pages = [page for page in every_page if page.kind in SHELL_URLS]
        self.pages = {page.src_uri: page for page in every_page if page.kind not in SHELL_URLS}
        self.exports = Exports(registry, site_url, Path(config.site_dir), worker_count(self.config.workers))
        self.shells = {}
        config.watch.append(str(root / self.config.items))
        return config

    def on_pre_build(self, *, config):
        if not self.config.enabled:
            return
        self.previous = PreviousPages(self.root / self.config.cache_dir, Path(config.site_dir))
        if self.config.cache:
            self.previous.set_aside()
        else:
            self.previous.forget()  # this build's pages will not match the record

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        self.page_documents = []
        for page in self.pages.values():
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri} 与登记册生成的页面同名：请改名或删除这个文件")
            files.append(File.generated(config, page.src_uri, content=_front_matter(page), inclusion=InclusionLevel.NOT_IN_NAV))
        for src_uri, kind in SHELL_SOURCES.items():
            example = next((page for page in self.item_pages if page.kind == kind), None)
            if example is not None:
                shell = PageSpec(src_uri, TITLE, example.fragment, {}, DESCRIPTION, hide=example.hide, kind=kind)
                files.append(File.generated(config, src_uri, content=_front_matter(shell), inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def _templates(self, config) -> Path:
        return Path(config.theme.custom_dir or str(self.root / "overrides")) / "registry"

    def on_nav(self, nav, *, config, files):
        prefix = f"{self.config.bulletins}/posts/"
        self.bulletins = sorted(
            (bulletin for file in files if file.src_uri.startswith(prefix) and file.src_uri.endswith(".md")
             if (bulletin := self._bulletin(file, config)) is not None),
            key=lambda b: b.date,
            reverse=True,
        )
        return nav

    def _bulletin(self, file: File, config) -> Bulletin | None:
        _, meta = get_data(file.content_string)
        date = meta.get("date")
        if isinstance(date, dict):
            date = date.get("created")
        if isinstance(date, datetime.datetime):
            date = date.date()
        if not isinstance(date, datetime.date) or "title" not in meta:
            return None
        description = self._expand(str(meta.get("description", "")), file.src_uri, config)
        return Bulletin(str(meta["title"]), file.url, date, description)

    def _expand(self, text: str, src_uri: str, config, line_offset: int = 0) -> str:
        try:
            return expand(text, self.model, f"{config.docs_dir}/{src_uri}", line_offset)
        except PlaceholderError as error:
            raise PluginError(str(error)) from None

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.model is None or page.file.generated_by is not None:
            return markdown
        if "description" in page.meta:
            page.meta["description"] = self._expand(str(page.meta["description"]), page.file.src_uri, config)
        offset = page.file.content_string.count("\n") - markdown.count("\n")
        return self._expand(markdown, page.file.src_uri, config, offset)

    def on_page_content(self, html, *, page, config, files):
        if self.renderer is None:
            return html
        shell_kind = SHELL_SOURCES.get(page.file.src_uri)
        if shell_kind is not None:
            page.meta["gov_kind"] = shell_kind
            page.meta["gov_jsonld"] = JSONLD if shell_kind == "guide" else ""
            return BODY
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            page.meta["gov_kind"] = spec.kind
            structured = self.renderer.structured_data(spec)
            if structured:
                page.meta["gov_jsonld"] = structured
            return self.renderer.render(spec)
        if page.file.src_uri == HOME:
            home = PageSpec(HOME, page.title or "", "home.html", {})
            return self.renderer.render(home, bulletins=self.bulletins) + html
        return html


    def on_page_context(self, context, *, page, config, nav):
        """Remember the pages the finder should also find: handwritten pages, bulletins, departments."""
        spec = self.pages.get(page.file.src_uri)
        if spec is not None and spec.kind not in ("department", "page"):
            return context
        if spec is None and page.file.generated_by is not None:
            return context  # the blog's archive and category listings
        kind = "bulletin" if page.file.src_uri.startswith(f"{self.config.bulletins}/posts/") else "page"
        description = str(page.meta.get("description") or "")
        self.page_documents.append(page_document(kind, page.title or "", page.url, description))
        return context

    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in SHELL_SOURCES:
            self.shells[SHELL_SOURCES[page.file.src_uri]] = output
        return output

    def on_post_build(self, *, config):
        if self.model is None or self.registry is None or self.renderer is None:
            return
        site_dir = Path(config.site_dir)
        shutil.rmtree(site_dir / "items" / SHELL_REF.split("/")[0], ignore_errors=True)
        cache = previous = None
        if self.config.cache:
            cache = PageCache(self.root / self.config.cache_dir / "pages", self._templates(config), self.shells, self.model.site_url)
            previous = self.previous
            if previous is not None:
                previous.restore()
        job = Publication(
            site_dir, self.model, self.registry, self.renderer, self.shells, item_pages(self.item_pages),
            bundle_documents(self.model.bundles) + self.page_documents, cache, previous,
        )
        started = time.perf_counter()
        published = publish(job, worker_count(self.config.workers))
        log.info(
            f"事项页面：新生成 {published.rendered} 个，沿用缓存 {published.reused} 个；"
            f"连同开放数据和搜索索引 {time.perf_counter() - started:.1f} 秒"
        )
        log.debug("发布各阶段：" + "，".join(f"{phase} {seconds:.1f} 秒" for phase, seconds in published.seconds.items()))
        assert self.exports is not None
        try:
            export_sizes = self.exports.collect(site_dir / DATA_DIR)
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        data_page = site_dir / DATA_DIR / "index.html"
        if data_page.is_file():
            sizes = {name: file_size(size) for name, size in export_sizes.items()}
            data_page.write_text(fill_export_sizes(data_page.read_text(encoding="utf-8"), sizes), encoding="utf-8")
        write_sitemap(site_dir, self.model)
        if previous is not None:
            previous.save(published.keys)
        feed = rss(f"{config.site_name} · 改革动态", self.model.site_url, "改革动态和数据发布", self.bulletins)
        path = site_dir / self.config.bulletins / "rss.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(feed, encoding="utf-8")


def _recent_changes(items: Path) -> list:
    """The registry's recent changes from git; a registry outside git simply has none."""
    try:
        return recent_changes(repository_root(items), items)
    except GitError as error:
        log.info(f"最近更新：{error}")
        return []


def _front_matter(page: PageSpec) -> str:
    lines = ["---", f"title: {_yaml_text(page.title)}", f"description: {_yaml_text(page.description)}"]
    lines.append("template: registry.html")
    if page.hide:
        lines.append("hide: [" + ", ".join(page.hide) + "]")
    return "\n".join(lines + ["---", ""])


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _report(report: Report) -> None:
    """Errors stop the build with the same text as `check`; warnings become MkDocs warnings."""
    report = report.relative_to(Path.cwd())
    for finding in report.warnings:
        log.warning(finding_line(finding))
    if not report.ok:
        errors = Report([f for f in report.findings if f.severity is Severity.ERROR])
        raise PluginError("事项登记册有错误，网站没有生成：\n" + render_text(errors))
