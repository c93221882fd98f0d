"""`python -m generator build`: the whole build, owned by the project, whatever engine renders the theme.

1. check the registry (errors stop here, with the same messages as `check`) and start the exports;
2. write the engine's inputs: the project's pages with their placeholders expanded and a stub for every
   page the registry adds (generator/site/stubs.py), and a configuration derived from mkdocs.yml;
3. run the engine as a subprocess;
4. fill the stubs the engine wrote (bodies, titles, descriptions), write every guide and checklist from
   the two shells, the exports, the finder's index, the sitemap and the feed (generator/site/build.py);
5. check that every page the registry adds is there and every marker filled, then swap the finished
   site in for the previous one (generator/site/staging.py). Anything that fails leaves the previous
   site as it was.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.engines.base import Engine, EngineFailed
from generator.engines.project import ConfigError, ProjectConfig
from generator.files import describe, within
from generator.findings import Report
from generator.findings.reporters import finding_line, render_text
from generator.site.build import BuildIncomplete, BuildOptions, ExportFailed, RegistryErrors, SiteBuild
from generator.site.pages import HOME, PageSpec
from generator.site.shell import BODY, NO_HEADING, SHELL_SOURCES, fill_markers, head_values
from generator.site.staging import BuildBusy, StagedSite
from generator.site.stubs import HOME_MARKER, Blog, ContentError, EngineInput, prepare_docs

BUILD_FOLDER = ".registry-build"  # beside mkdocs.yml: Zensical wants its folders inside the config's
CACHE_FOLDER = ".registry-cache"

Say = Callable[[str], None]
PHASES = {
    "check and model": "检查和网站模型",
    "engine inputs": "引擎输入",
    "engine": "引擎",
    "registry pages": "事项页面、开放数据和搜索索引",
    "total": "共",
}


def say_on_stderr(message: str) -> None:
    sys.stderr.write(message + "\n")


@dataclass
class BuildResult:
    ok: bool
    site: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    build: SiteBuild | None = None  # what the build holds, for `serve` to update pages without a rebuild
    shells: dict[str, str] = field(default_factory=dict)
    report: Report | None = None  # the registry's findings


def options_for(project: ProjectConfig) -> BuildOptions:
    root = project.root
    cache = project.option("cache", True)
    overrides = project.custom_dir / "registry" if project.custom_dir else None
    return BuildOptions(
        registry_dir=root / str(project.option("registry_dir", "items")),
        settings_file=root / str(project.option("settings", "registry.yml")),
        overrides=overrides,
        site_url=project.site_url,
        site_name=project.site_name,
        bulletins=str(project.option("bulletins", "bulletins")),
        workers=int(project.option("workers", 0)),
        cache_dir=root / str(project.option("cache_dir", CACHE_FOLDER)) if cache else None,
        identity=project.identity,
    )


def build_site(
    config_path: Path,
    engine_class: type[Engine],
    *,
    strict: bool = False,
    site_dir: Path | None = None,
    say: Say = say_on_stderr,
) -> BuildResult:
    started = time.perf_counter()
    try:
        project = ProjectConfig.load(config_path)
    except ConfigError as error:
        say(str(error))
        return BuildResult(False)
    target = (site_dir or project.site_dir).absolute()
    try:
        with StagedSite(target) as staged:
            result = _build_into(project, engine_class, staged, target, strict, say)
            if result.ok:
                staged.commit()
                result.site = target
    except BuildBusy as busy:
        say(str(busy))
        return BuildResult(False)
    except OSError as error:
        say(f"{describe(error)}：网站没有发布，原来的网站保持不变")
        return BuildResult(False)
    result.seconds["total"] = time.perf_counter() - started
    if result.ok:
        phases = "，".join(f"{PHASES.get(name, name)} {seconds:.1f} 秒" for name, seconds in result.seconds.items())
        say(f"网站已生成：{target}（{engine_class.title}；{phases}）")
    return result


def _build_into(
    project: ProjectConfig, engine_class: type[Engine], staged: StagedSite, target: Path, strict: bool, say: Say
) -> BuildResult:
    result = BuildResult(False)
    mark = time.perf_counter()
    try:
        build = SiteBuild.prepare(options_for(project), staged.path)
    except RegistryErrors as errors:
        result.report = errors.report
        _warn(errors.report, say)
        say("事项登记册有错误，网站没有生成：\n" + render_text(_errors(errors.report)).rstrip())
        return result
    result.report = build.report
    _warn(build.report, say)
    if strict and build.report.warnings:
        say(f"有 {len(build.report.warnings)} 个警告，严格模式（--strict）下网站没有生成：请按上面的提示修改")
        build.exports.abandon()
        return result
    say(f"登记册检查：{len(build.registry.items)} 个事项，{build.seconds['check']:.1f} 秒")
    result.seconds["check and model"] = time.perf_counter() - mark

    mark = time.perf_counter()
    engine = engine_class(project, project.root / BUILD_FOLDER / engine_class.name)
    shutil.rmtree(engine.folder, ignore_errors=True)
    engine.folder.mkdir(parents=True)
    pages = [*build.pages.values(), *build.shell_pages()]
    blog = Blog(
        str(project.blog.get("blog_dir", build.options.bulletins)),
        str(project.blog.get("post_url_format", "{date}/{slug}")),
    )
    try:
        given = prepare_docs(pages, build, project.docs_dir, engine.docs, blog, project.nav_titles())
    except ContentError as error:
        say(f"{error}\n网站没有生成")
        build.exports.abandon()
        return result
    for notice in build.take_notices():
        say(notice)
    config = engine.write_config(sorted({page.src_uri.split("/", 1)[0] for page in pages if "/" in page.src_uri}))
    result.seconds["engine inputs"] = time.perf_counter() - mark

    mark = time.perf_counter()
    try:
        output = engine.run(config, strict)
    except EngineFailed as failed:
        say(f"{engine_class.title} 没有完成：\n{failed}\n网站没有生成，原来的网站保持不变")
        build.exports.abandon()
        return result
    _pass_on_warnings(output, say)
    result.seconds["engine"] = time.perf_counter() - mark

    mark = time.perf_counter()
    for entry in os.listdir(engine.site):
        os.rename(engine.site / entry, staged.path / entry)
    try:
        shells = _fill_pages(build, given, staged.path)
        published = build.finish(
            staged.path, shells, given.bulletins, given.documents, target if target.is_dir() else None
        )
    except (BuildIncomplete, ExportFailed) as incomplete:
        say(f"{incomplete}：原来的网站保持不变")
        return result
    shutil.rmtree(engine.folder, ignore_errors=True)
    result.seconds["registry pages"] = time.perf_counter() - mark
    result.rendered, result.reused = published.rendered, published.reused
    result.build, result.shells = build, shells
    say(f"事项页面：新生成 {published.rendered} 个，沿用缓存 {published.reused} 个")
    result.ok = True
    return result


def _fill_pages(build: SiteBuild, given: EngineInput, site: Path) -> dict[str, str]:
    """The engine's pages of the registry filled in; the two shells, read back for the item pages."""
    unfilled = []
    for page in build.pages.values():
        path = within(site, page.url) / "index.html"
        html = path.read_text(encoding="utf-8") if path.is_file() else ""
        if BODY not in html:
            unfilled.append(page.url)
            continue
        path.write_text(fill_markers(html, head_values(page) | {BODY: build.body(page)}), encoding="utf-8")
    home = site / "index.html"
    html = home.read_text(encoding="utf-8") if home.is_file() else ""
    if HOME_MARKER not in html:
        unfilled.append("（首页）")
    else:
        body = build.body(PageSpec(HOME, "", "home.html", {}), bulletins=given.bulletins)
        home.write_text(fill_markers(html, {HOME_MARKER: body, NO_HEADING: ""}), encoding="utf-8")
    if unfilled:
        raise BuildIncomplete(f"引擎没有按模板生成 {len(unfilled)} 个页面，网站没有发布：{'、'.join(unfilled[:5])}")
    shells = {}
    for src_uri, kind in SHELL_SOURCES.items():
        path = within(site, src_uri.removesuffix("index.md")) / "index.html"
        if path.is_file():
            shells[kind] = path.read_text(encoding="utf-8")
    return shells


def _pass_on_warnings(output: str, say: Say) -> None:
    for line in output.splitlines():
        if "WARNING" in line or line.startswith("Warning"):
            say(line)


def _warn(report: Report, say: Say) -> None:
    for finding in report.relative_to(Path.cwd()).warnings:
        say(finding_line(finding))


def _errors(report: Report) -> Report:
    return Report(report.relative_to(Path.cwd()).errors)
