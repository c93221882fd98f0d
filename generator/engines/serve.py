"""`python -m generator serve`: the site on this machine while it is being edited, kept up to date.

One process holds the last build (the registry, the site model, the theme's shells and the caches) and
watches items/, the docs folder, the theme folder, mkdocs.yml and registry.yml:

- an edit to one item file is checked on its own (with the registry-wide rules), and that item's guide
  and checklist (and the guides that list it as related) are written again at once from the shells held
  in memory; the browser reloads. A full build follows in the background for the pages that list items;
- any other change is a full build;
- a registry error never stops the server: the last good site stays, and every page shows the findings
  (file, line, message) on top until they are fixed.

Browsers wait for a change with one long request (/__gov_live), so a page reloads within moments of the
files being written.
"""

from __future__ import annotations

import http.server
import json
import socketserver
import sys
import threading
import time
from functools import partial
from pathlib import Path

from markupsafe import escape

from generator.checks.levels import with_levels
from generator.checks.runner import REGISTRY_CHECKS, check_item_file
from generator.engines.base import Engine
from generator.engines.build import BUILD_FOLDER, BuildResult, Say, build_site, say_on_stderr
from generator.engines.project import ConfigError, ProjectConfig
from generator.files import write_text
from generator.findings import Finding, Report
from generator.findings.reporters import finding_line
from generator.models.brief import ItemBrief
from generator.registry.tree import BUNDLES_FILE, DEPARTMENTS_FILE
from generator.site.shell import fill

LIVE_SCRIPT = """(function () {
  var v = document.currentScript.getAttribute("data-v");
  function wait() {
    fetch("/__gov_live?v=" + v).then(function (r) { return r.json(); }).then(function (d) {
      if (String(d.v) !== v) location.reload(); else wait();
    }).catch(function () { setTimeout(wait, 2000); });
  }
  wait();
})();
"""


class LiveSite:
    """What the server shows: the folder, the version browsers wait on and the findings to show."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.version = 0
        self.problems: list[str] = []
        self.changed = threading.Condition()

    def bump(self, problems: list[str] | None = None) -> None:
        with self.changed:
            if problems is not None:
                self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, seconds: float = 25) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=seconds)
            return self.version


class _Handler(http.server.SimpleHTTPRequestHandler):
    live: LiveSite

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        self.directory = str(self.live.folder)  # the folder is swapped whole by each build
        return super().translate_path(path)

    def do_GET(self) -> None:
        if self.path.startswith("/__gov_live.js"):
            return self._send(LIVE_SCRIPT.encode(), "text/javascript; charset=utf-8")
        if self.path.startswith("/__gov_live"):
            seen = self.path.partition("v=")[2]
            version = self.live.wait(int(seen) if seen.isdigit() else -1)
            return self._send(json.dumps({"v": version}).encode(), "application/json")
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            return self._send(self._page(target.read_text(encoding="utf-8")), "text/html; charset=utf-8")
        if not target.exists() and self.live.problems:
            return self._send(
                self._page('<!doctype html><html lang="zh"><body></body></html>'), "text/html; charset=utf-8"
            )
        return super().do_GET()

    def _page(self, html: str) -> bytes:
        tail = f'<script src="/__gov_live.js" data-v="{self.live.version}"></script>'
        if self.live.problems:
            items = "".join(f"<li>{escape(line)}</li>" for line in self.live.problems[:50])
            tail = (
                '<div role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:9999;'
                'background:#fff3f3;color:#5c0000;border-top:4px solid #b00020;padding:1em;font:16px/1.5 sans-serif">'
                f"<strong>事项登记册有错误，下面是上一次生成的网站：</strong><ol>{items}</ol></div>" + tail
            )
        head, marker, rest = html.rpartition("</body>")
        return ((head + tail + marker + rest) if marker else html + tail).encode("utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class Session:
    """The state `serve` keeps between builds."""

    def __init__(self, config: Path, engine: type[Engine], say: Say | None = None):
        self.config = config
        self.engine = engine
        self.project = ProjectConfig.load(config)
        self.live = LiveSite(self.project.root / BUILD_FOLDER / "serve" / "site")
        self.result: BuildResult | None = None
        self.say: Say = say or say_on_stderr
        self.rebuild = threading.Event()  # a full build is wanted
        self.edits: list[tuple[float, list[Path]]] = []  # item edits shown at once, with their time
        self.lock = threading.Lock()

    @property
    def registry_dir(self) -> Path:
        return (self.project.root / str(self.project.option("registry_dir", "items"))).resolve()

    def watched(self) -> list[Path]:
        paths = [self.config.resolve(), self.registry_dir, self.project.docs_dir]
        if self.project.custom_dir is not None:
            paths.append(self.project.custom_dir)
        settings = self.project.root / str(self.project.option("settings", "registry.yml"))
        return [path for path in [*paths, settings] if path.exists()]

    def builder(self) -> None:
        """Full builds, one after another, in the background: an edit shown at once by `item_edits`
        after a build began is shown again in the site that build swaps in, and built once more."""
        while True:
            self.rebuild.wait()
            self.rebuild.clear()
            started = time.time()
            self.full_build()
            with self.lock:
                later = sorted({path for moment, paths in self.edits if moment >= started for path in paths})
                self.edits = [(moment, paths) for moment, paths in self.edits if moment >= started]
            if later:
                self.item_edits(later)
                self.rebuild.set()

    def full_build(self) -> None:
        result = build_site(self.config, self.engine, site_dir=self.live.folder, say=self.say)
        if result.ok:
            self.result = result
            self.live.bump([])
        else:
            findings = result.report.errors if result.report is not None else []
            self.live.bump([finding_line(f) for f in findings] or ["网站没有生成：详见终端中的消息"])

    def item_edits(self, paths: list[Path]) -> bool:
        """Edited item files applied to the pages they show; False when only a full build can."""
        if self.result is None or self.result.build is None:
            return False
        build = self.result.build
        registry = build.registry
        by_ref = {record.ref: index for index, record in enumerate(registry.items)}
        views = {view.ref: view for view in build.model.items}
        findings: list[Finding] = []
        touched = []
        for path in paths:
            ref = f"{path.parent.name}/{path.stem}"
            record, found = check_item_file(path, registry)
            findings += found
            if record is None or ref not in by_ref or ref not in views:
                return False  # a new, removed, unpublished or unreadable item: the full build reports it
            old = registry.items[by_ref[ref]]
            if not _same_place(old.brief, record.brief):
                return False  # its department, topics, status or relations changed: the lists change too
            registry.items[by_ref[ref]] = record
            touched.append(ref)
        for check in REGISTRY_CHECKS:
            findings.extend(check(registry))
        report = Report(with_levels(findings, registry.settings.rules)).sorted()
        if not report.ok:
            self.live.bump([finding_line(f) for f in report.relative_to(Path.cwd()).errors])
            return True
        for ref in touched:
            views[ref].record = registry.items[by_ref[ref]]
        for page in build.item_pages:
            view = page.context["view"]
            if view.ref in touched or any(related.ref in touched for related in view.related):
                html = fill(
                    self.result.shells[page.kind],
                    page,
                    build.renderer.render(page),
                    build.renderer.structured_data(page),
                )
                write_text(self.live.folder / page.url / "index.html", html)
        with self.lock:
            self.edits.append((time.time(), list(paths)))
        self.live.bump([])
        return True


def _same_place(old: ItemBrief, new: ItemBrief) -> bool:
    """Whether an edit leaves the item where the lists, topics and related links put it."""
    keys = ("department", "topics", "status", "related", "name", "sub_name", "audience", "catalog_code", "code")
    return all(getattr(old, key) == getattr(new, key) for key in keys)


def _item_file(path: Path, registry: Path) -> bool:
    return (
        path.suffix == ".yml" and path.parent.parent == registry and path.name not in (DEPARTMENTS_FILE, BUNDLES_FILE)
    )


def serve(config: Path, engine: type[Engine], address: str) -> int:
    import watchfiles

    try:
        session = Session(config, engine)
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    host, _, port = address.rpartition(":")
    session.live.folder.parent.mkdir(parents=True, exist_ok=True)
    session.full_build()
    handler = partial(_Handler)
    _Handler.live = session.live
    try:
        server = _Server((host or "127.0.0.1", int(port)), handler)
    except (OSError, ValueError) as error:
        sys.stderr.write(f"无法在 {address} 上提供网站：{error}\n")
        return 2
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=session.builder, daemon=True).start()
    session.say(f"网站预览：http://{host or '127.0.0.1'}:{server.server_address[1]}/（Ctrl+C 停止）")
    registry = session.registry_dir
    try:
        for changes in watchfiles.watch(*session.watched(), debounce=200, step=50):
            paths = sorted({Path(path) for _, path in changes})
            started = time.perf_counter()
            if all(_item_file(path, registry) for path in paths) and session.item_edits(paths):
                session.say(
                    f"已更新 {len(paths)} 个事项的页面（{time.perf_counter() - started:.2f} 秒），其余页面在后台重新生成"
                )
            session.rebuild.set()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
