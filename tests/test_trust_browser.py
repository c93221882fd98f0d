"""Random hostile text in every text field the registry and the bulletins have, built into a site and
opened page by page in Chromium: no script runs, nothing is fetched from the text, every page keeps
its body. The other trust tests take one class of input at a time; this one throws them together,
where they meet in titles, descriptions, tables, structured data, the finder's files and the feed.

The text is made by a seeded generator (GOV_HOSTILE_SEED picks another seed; the seed is in the
assertion messages, so a failure can be built again). Fields the models refuse hostile text in
(codes, addresses, references, names that become addresses) keep their value: what the registry
accepts is what the site must show as text.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from pydantic import BaseModel, ValidationError
from site_build import copy_project, serve

from generator.checks import check_registry
from generator.models import Bundle, Department, Item, LifePath
from generator.site.shell import MARKER_PREFIX

SEED = int(os.environ.get("GOV_HOSTILE_SEED", "20261202"))
SENTINEL = "pwned"  # every payload that would run or fetch names it: no request and no global may
PIECES = [
    "<script>window.__pwned=1</script>",
    "<img src=x-pwned onerror=window.__pwned=1>",
    "<img/src=x-pwned onerror=alert('pwned')>",
    "<svg/onload=alert('pwned')>",
    '"><svg onload=alert("pwned")>',
    "'><img src=x-pwned onerror=alert(1)>",
    "</title><script>alert('pwned')</script>",
    "</script><script>window.__pwned=1</script>",
    "</textarea><img src=x-pwned>",
    "<!--",
    "-->",
    "<!--<script>",
    "<![CDATA[",
    "]]>",
    "javascript:alert('pwned')",
    "[点此](javascript:alert('pwned'))",
    "![图](x-pwned\" onerror=\"alert('pwned'))",
    "<a href=\"javascript:alert('pwned')\">链接</a>",
    "<iframe src=//pwned.example>",
    "<style>body{display:none}</style>",
    "<meta http-equiv=refresh content=0;url=//pwned.example>",
    "{{ stats.items }}",
    "{{ config }}",
    "{% raw %}",
    MARKER_PREFIX + "BODY-->",
    MARKER_PREFIX + "TITLE-->",
    "\u2028",
    "\u2029",
    "\u200b",
    "&lt;script&gt;",
    "&amp;",
    "`${alert('pwned')}`",
    "%3Cscript%3E",
    '"',
    "'",
    "\\",
    "|",
    "*",
    "_",
    "#",
    "\n",
    "\t",
    "\x07",
    "\x1b[31m",
]
WORDS = ["申请", "营业执照", "办理", "材料", "窗口", "（", "）", "、", "：", " "]
# References and codes, files of the registry, and the names of 办理情形 and their options (what
# materials and bundles refer to them by): text that is not shown as typed, or that must match.
KEEP = {"department", "lead", "related", "items", "code", "catalog_code", "credit_code", "when", "members", "id"}
KEEP |= {"sample", "template", "file"}
KEPT_IN_SITUATIONS = {"name", "options"}


def hostile_text(rng: random.Random) -> str:
    parts = [rng.choice(PIECES) if rng.random() < 0.6 else rng.choice(WORDS) for _ in range(rng.randint(1, 5))]
    return "食品" + "".join(parts)  # never empty, never only white space


def _leaves(data: Any, path: tuple = ()) -> list[tuple]:
    """The paths of every string in `data`, but under keys that hold references or codes."""
    if isinstance(data, dict):
        kept = KEEP | KEPT_IN_SITUATIONS if "situations" in path else KEEP
        return [leaf for key, value in data.items() if key not in kept for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for index, value in enumerate(data) for leaf in _leaves(value, (*path, index))]
    return [path] if isinstance(data, str) else []


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _in_data(data: Any, loc: tuple) -> tuple:
    """A validation error's location as a path in the data: without the names of union members."""
    path = []
    for part in loc:
        if (isinstance(data, dict) and part in data) or (isinstance(data, list) and isinstance(part, int)):
            data = data[part]
            path.append(part)
    return tuple(path)


def poison(data: dict, model: type[BaseModel], rng: random.Random) -> int:
    """Hostile text into every string leaf of `data` the model accepts it in; the number of leaves."""
    original = {leaf: _get(data, leaf) for leaf in _leaves(data)}
    for leaf in original:
        _set(data, leaf, hostile_text(rng))
    for _ in range(len(original) + 1):
        try:
            model.model_validate(data)
            break
        except ValidationError as error:
            refused = {_in_data(data, e["loc"]) for e in error.errors()}
            reverted = [leaf for leaf in original if any(leaf[: len(loc)] == loc for loc in refused)]
            if not reverted:  # refused above a leaf (a list too long …): give the whole value back
                reverted = [leaf for leaf in original if any(loc[: len(leaf)] == leaf for loc in refused)]
            assert reverted, error
            for leaf in reverted:
                _set(data, leaf, original.pop(leaf))
    return len(original)


class _Dumper(yaml.SafeDumper):
    """Text with control characters written as escapes, as an editor would have to: a raw one in the
    file is a finding of its own (file.control) that stops the check before any field is read."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    raw = any((ord(ch) < 32 and ch != "\n") or ch in "\x7f\x85\u2028\u2029\ufeff" for ch in text)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"' if raw else None)


_Dumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def hostile_project(root: Path, rng: random.Random) -> tuple[Path, int]:
    project = copy_project(root)
    (project / "registry.yml").write_text(
        "rules:\n"
        + "".join(
            f'  {code}: {{severity: "off", reason: 测试输出端转义}}\n'
            for code in ("text.markup", "text.control", "text.placeholder", "topics.name", "unified.mismatch")
        ),
        encoding="utf-8",
    )
    items = project / "items"
    poisoned = 0
    for path in sorted(items.glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        poisoned += poison(data, Item, rng)
        path.write_text(_dump(data), encoding="utf-8")
    for name, key, model in (("departments", "departments", Department), ("bundles", "bundles", Bundle)):
        data = yaml.safe_load((items / f"{name}.yml").read_text(encoding="utf-8"))
        for entry in data[key]:
            poisoned += poison(entry, model, rng)
        (items / f"{name}.yml").write_text(_dump(data), encoding="utf-8")
    if (items / "paths.yml").is_file():
        data = yaml.safe_load((items / "paths.yml").read_text(encoding="utf-8"))
        for entry in data["paths"]:
            poisoned += poison(entry, LifePath, rng)
        (items / "paths.yml").write_text(_dump(data), encoding="utf-8")
    _revert_what_the_check_refuses(project)
    for post in sorted((project / "content/bulletins/posts").glob("*.md")):
        _, front, body = post.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        meta["title"], meta["description"] = hostile_text(rng), hostile_text(rng)
        paragraph = hostile_text(rng).replace("\n", " ")
        post.write_text(f"---\n{_dump(meta)}---\n\n{paragraph}\n{body}\n{paragraph}\n", encoding="utf-8")
    return project, poisoned


def _revert_what_the_check_refuses(project: Path) -> int:
    """Files with errors the registry's own checks find (references between files, repeated names)
    go back to the sample's text: the build must run. Returns how many were reverted."""
    from conftest import ROOT

    reverted: set[str] = set()
    for _ in range(5):
        _, report = check_registry(project / "items", workers=1, settings_file=project / "registry.yml")
        refused = {finding.path for finding in report.errors} - reverted
        if not refused:
            break
        for shown in refused:
            relative = Path(shown).resolve().relative_to((project / "items").resolve())
            (project / "items" / relative).write_bytes((ROOT / "items" / relative).read_bytes())
        reverted |= refused
    assert len(reverted) < 10, f"seed {SEED}: the check refused {sorted(reverted)}"
    return len(reverted)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    rng = random.Random(SEED)
    folder = tmp_path_factory.mktemp("hostile")
    project, poisoned = hostile_project(folder / "project", rng)
    site = folder / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8"),
        timeout=900,
    )
    assert result.returncode == 0, f"seed {SEED}: " + (result.stdout + result.stderr)[-4000:]
    return site, poisoned


DOM_PROBE = """() => ({
    pwned: window.__pwned !== undefined,
    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
        .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
    scripted_links: [...document.querySelectorAll('a[href], area[href], iframe, form[action]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')
        .filter(h => /^\\s*(javascript|data|vbscript):/i.test(h)),
    frames: document.querySelectorAll('iframe, frame, object, embed').length,
    body: (document.querySelector('article, .md-content') || document.body).innerText.trim().length,
})"""


def test_hostile_text_everywhere_runs_no_script_in_chromium(hostile_site, browser):
    site, poisoned = hostile_site
    assert poisoned > 1000, "most text fields took hostile text"
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 100
    server = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    events: list[str] = []

    def new_page() -> Page:
        page = context.new_page()
        page.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
        page.on("pageerror", lambda error: events.append(f"script error {error}"))
        page.on("request", lambda request: SENTINEL in request.url and events.append(f"request {request.url}"))
        return page

    page = new_page()
    failures = []
    try:
        for path in pages:
            url = (server.base + path.parent.relative_to(site).as_posix() + "/").replace("/./", "/")
            try:
                page.goto(url, wait_until="load")
                page.wait_for_timeout(30)  # deferred scripts and timers
                found = page.evaluate(DOM_PROBE)
            except PlaywrightError as error:  # a refresh or a script took the page elsewhere
                failures.append(f"{path.relative_to(site)}: left the page ({error.message.splitlines()[0]})")
                page.close()  # it may still be going elsewhere
                page = new_page()
                continue
            if unquote(page.url.split("#")[0]) != url:
                failures.append(f"{path.relative_to(site)}: went to {page.url}")
            problems = [*events]
            events.clear()
            if found["pwned"]:
                problems.append("window.__pwned set")
            problems += [f"handler {h}" for h in found["handlers"]]
            problems += [f"script link {h}" for h in found["scripted_links"]]
            if found["frames"]:
                problems.append(f"{found['frames']} frames")
            if found["body"] < 20:
                problems.append("blank page")
            if problems:
                failures.append(f"{path.relative_to(site)}: {'; '.join(problems[:5])}")
        # The finder and the header search show registry text too: search for it.
        page.goto(server.base + "finder/?q=食品", wait_until="load")
        page.wait_for_selector("[data-gov-ready]", timeout=15000)
        page.wait_for_function("document.querySelectorAll('.gov-finder__list li').length > 0")
        page.locator(".gov-header-search input").fill("食品")
        page.wait_for_selector(".gov-header-search__panel:not([hidden])", timeout=15000)
        page.wait_for_timeout(300)
        found = page.evaluate(DOM_PROBE)
        if events or found["pwned"] or found["handlers"] or found["scripted_links"]:
            failures.append(f"finder: {events[:3]} {found['handlers'][:3]} {found['scripted_links'][:3]}")
    finally:
        context.close()
        server.stop()
    assert not failures, f"seed {SEED}: " + "\n".join(failures[:20])
