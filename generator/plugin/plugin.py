"""The MkDocs adapter: MkDocs' events, translated into the steps of `generator.site.build.SiteBuild`.

Nothing here decides what a page shows; a change of engine replaces this package and nothing else.
The site is built into a staging folder beside `site_dir` and swapped in only when the whole build
succeeded (`generator.site.staging`); `mkdocs serve` builds in its own folder and is left as it is.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from generator.files import describe
from generator.finder.documents import page_document
from generator.finder.index import FinderDoc
from generator.findings import Report, Severity
from generator.findings.reporters import finding_line, render_text
from generator.plugin.config import RegistryConfig
from generator.site.build import BuildIncomplete, BuildOptions, ExportFailed, RegistryErrors, SiteBuild
from generator.site.feed import Bulletin
from generator.site.identity import THEME_KEY, IdentityError, load_identity, theme_values
from generator.site.pages import HOME, PageSpec
from generator.site.placeholders import PlaceholderError
from generator.site.shell import BODY_CONTENT, SHELL_SOURCES, TITLE
from generator.site.staging import BuildBusy, StagedSite
from generator.site.stubs import front_matter
from generator.text import theme_text

log = logging.getLogger("mkdocs.plugins.registry")


@dataclass
class _State:
    """Everything one build holds between MkDocs' events."""

    build: SiteBuild
    staged: StagedSite | None
    shells: dict[str, str] = field(default_factory=dict)
    bulletins: list[Bulletin] = field(default_factory=list)
    documents: list[FinderDoc] = field(default_factory=list)


class RegistryPlugin(BasePlugin[RegistryConfig]):
    def __init__(self) -> None:
        self.state: _State | None = None
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent
        try:
            identity = load_identity(Path(config.config_file_path), {"extra": dict(config.extra)})
        except IdentityError as error:
            raise PluginError(f"{error}\n网站标识（extra.gov）有误，网站没有生成") from None
        config.extra[THEME_KEY] = theme_values(identity, config.site_url or "http://localhost:8000/")
        staged = None
        if self.command != "serve":  # serve builds into a folder of its own, never the published site
            try:
                staged = StagedSite(Path(config.site_dir)).__enter__()
            except BuildBusy as busy:
                raise PluginError(str(busy)) from None
            config.site_dir = str(staged.path)
        options = BuildOptions(
            registry_dir=root / self.config.registry_dir,
            settings_file=root / self.config.settings,
            overrides=Path(config.theme.custom_dir) / "registry" if config.theme.custom_dir else None,
            site_url=config.site_url or "http://localhost:8000/",
            site_name=config.site_name,
            bulletins=self.config.bulletins,
            workers=self.config.workers,
            cache_dir=root / self.config.cache_dir if self.config.cache else None,
            identity=identity,
        )
        try:
            build = SiteBuild.prepare(options, Path(config.site_dir))
        except RegistryErrors as errors:
            _close(staged)
            _warn(errors.report)
            raise PluginError("事项登记册有错误，网站没有生成：\n" + render_text(_errors(errors.report))) from None
        except BaseException:
            _close(staged)
            raise
        _warn(build.report)
        log.info(f"登记册检查：{len(build.registry.items)} 个事项，{build.seconds['check']:.1f} 秒")
        self.state = _State(build, staged)
        config.watch.append(str(options.registry_dir))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if self.state is None:
            return files
        build = self.state.build
        for page in build.pages.values():
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri} 与登记册生成的页面同名：请改名或删除这个文件")
        for page in [*build.pages.values(), *build.shell_pages()]:
            files.append(
                File.generated(config, page.src_uri, content=front_matter(page), inclusion=InclusionLevel.NOT_IN_NAV)
            )
        return files

    def on_nav(self, nav, *, config, files):
        if self.state is None:
            return nav
        prefix = f"{self.config.bulletins}/posts/"
        posts = [
            (file, post)
            for file in files
            if file.src_uri.startswith(prefix) and file.src_uri.endswith(".md") and (post := _post(file)) is not None
        ]
        # Every bulletin's date at once: the registry's history is read once for all of them.
        self.state.build.date_pages({_shown(config, file.src_uri): date for file, (date, _) in posts})
        found = [
            Bulletin(
                str(meta["title"]),
                file.url,
                date,
                self._expand(str(meta.get("description", "")), file.src_uri, config, links=False),
            )
            for file, (date, meta) in posts
        ]
        self.state.bulletins = sorted(found, key=lambda b: b.date, reverse=True)
        return nav

    def _expand(self, text: str, src_uri: str, config, line_offset: int = 0, *, links: bool = True) -> str:
        assert self.state is not None
        build = self.state.build
        try:
            expanded = build.expand(text, _shown(config, src_uri), line_offset, links=links)
        except PlaceholderError as error:
            raise PluginError(str(error)) from None
        for notice in build.take_notices():
            log.info(notice)
        return expanded

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.state is None or page.file.generated_by is not None:
            return markdown
        if "description" in page.meta:
            page.meta["description"] = self._expand(
                str(page.meta["description"]), page.file.src_uri, config, links=False
            )
        offset = page.file.content_string.count("\n") - markdown.count("\n")
        return self._expand(markdown, page.file.src_uri, config, offset)

    def on_page_content(self, html, *, page, config, files):
        if self.state is None:
            return html
        build = self.state.build
        if page.file.src_uri in SHELL_SOURCES:
            return BODY_CONTENT
        spec = build.pages.get(page.file.src_uri)
        if spec is not None:
            return build.body(spec)
        _plain_head(page)
        if page.file.src_uri == HOME:
            return build.body(PageSpec(HOME, page.title or "", "home.html", {}), bulletins=self.state.bulletins) + html
        return html

    def on_page_context(self, context, *, page, config, nav):
        """Remember the pages the finder should also find: handwritten pages, bulletins, departments."""
        if self.state is None:
            return context
        spec = self.state.build.pages.get(page.file.src_uri)
        if spec is not None and spec.kind not in ("department", "page"):
            return context
        if spec is None and page.file.generated_by is not None:
            return context  # the blog's archive and category listings
        kind = "bulletin" if page.file.src_uri.startswith(f"{self.config.bulletins}/posts/") else "page"
        if spec is not None:  # its own title, or the one the navigation gives it
            title = spec.title if page.title in (None, "", TITLE) else page.title
            url, description = spec.url, spec.description
        else:
            title, url, description = page.title or "", page.url, str(page.meta.get("description") or "")
        self.state.documents.append(page_document(kind, title, url, description))
        return context

    def on_post_page(self, output, *, page, config):
        if self.state is None:
            return output
        if page.file.src_uri in SHELL_SOURCES:
            self.state.shells[SHELL_SOURCES[page.file.src_uri]] = output
            return output
        spec = self.state.build.pages.get(page.file.src_uri)
        return self.state.build.fill_head(spec, output) if spec is not None else output

    @event_priority(-100)  # after every other plugin has written its files and logged its warnings
    def on_post_build(self, *, config):
        if self.state is None:
            return
        state = self.state
        try:
            previous = state.staged.target if state.staged is not None else None
            published = state.build.finish(
                Path(config.site_dir), state.shells, state.bulletins, state.documents, previous
            )
        except (BuildIncomplete, ExportFailed) as incomplete:
            raise PluginError(str(incomplete)) from None
        except OSError as error:
            raise PluginError(f"{describe(error)}：网站没有发布，原来的网站保持不变") from None
        log.info(
            f"事项页面：新生成 {published.rendered} 个，沿用缓存 {published.reused} 个；"
            f"连同开放数据和搜索索引 {published.seconds['all']:.1f} 秒"
        )
        if state.staged is not None and not (config.strict and _warnings_counted()):
            state.staged.commit()  # with warnings in strict mode, MkDocs aborts next: the old site stays

    def on_build_error(self, *, error: Exception) -> None:
        if self.state is not None:
            _close(self.state.staged)

    def on_shutdown(self) -> None:
        if self.state is not None:
            _close(self.state.staged)


def _post(file: File) -> tuple[datetime.date, dict] | None:
    """A blog post's date and front matter; None for a file that is not a dated post with a title."""
    _, meta = get_data(file.content_string)
    date = meta.get("date")
    if isinstance(date, dict):
        date = date.get("created")
    if isinstance(date, datetime.datetime):
        date = date.date()
    if not isinstance(date, datetime.date) or "title" not in meta:
        return None
    return date, meta


def _shown(config, src_uri: str) -> str:
    """A page's file as messages name it."""
    return f"{config.docs_dir}/{src_uri}"


def _close(staged: StagedSite | None) -> None:
    """Release the target; an uncommitted staging folder is removed, leaving the previous site."""
    if staged is not None:
        staged.__exit__(None, None, None)


def _warnings_counted() -> bool:
    """Whether MkDocs has counted warnings that will fail this strict build (its CountHandler)."""
    for handler in logging.getLogger("mkdocs").handlers:
        get_counts = getattr(handler, "get_counts", None)
        if get_counts is not None and get_counts():
            return True
    return False


def _plain_head(page) -> None:
    """A handwritten page's title and description as the theme gets them: Material prints them without
    escaping, so they reach it holding no character HTML gives a meaning to."""
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = theme_text(str(page.meta[key]))
    if page.title:
        page.title = theme_text(page.title)


def _warn(report: Report) -> None:
    """Warnings become MkDocs warnings, so the strict build fails on them too."""
    for finding in report.relative_to(Path.cwd()).warnings:
        log.warning(finding_line(finding))


def _errors(report: Report) -> Report:
    return Report([f for f in report.relative_to(Path.cwd()).findings if f.severity is Severity.ERROR])
