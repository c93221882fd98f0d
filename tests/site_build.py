"""Building the site the way the README does, into a temporary directory."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).parent.parent


@dataclass
class BuiltSite:
    path: Path
    returncode: int
    output: str

    def html(self, url: str) -> BeautifulSoup:
        """The page at a site-relative directory URL, parsed."""
        target = self.path / url / "index.html" if not url.endswith(".html") else self.path / url
        return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")


def _run(command: list[str], project: Path, out: Path, preexec_fn=None) -> BuiltSite:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=env, timeout=900, preexec_fn=preexec_fn
    )
    return BuiltSite(out, result.returncode, result.stdout + result.stderr)


def mkdocs_build(project: Path, out: Path, preexec_fn=None) -> BuiltSite:
    """`mkdocs build --strict` with the project's plugin, as people who use MkDocs directly run it.
    `preexec_fn` runs in the build's process before it starts (e.g. to limit what it may write)."""
    return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], project, out, preexec_fn)


def engine_build(project: Path, out: Path, engine: str, *extra: str) -> BuiltSite:
    """`python -m generator build --strict` with one of the engines, as ./dev build runs it."""
    command = [sys.executable, "-m", "generator", "build", "--engine", engine, "--strict", "-d", str(out), *extra]
    return _run(command, project, out)


def linked_project(destination: Path) -> Path:
    """The project's own sources, linked (not copied) into a folder of the test's: the build's cache
    and lock files go there, never into the developer's checkout."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("content", "overrides", "items"):
        (destination / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def copy_project(destination: Path, items: Path | None = None) -> Path:
    """A copy of the project's site sources (optionally with another registry) to break on purpose."""
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, destination / name)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(items or ROOT / "items", destination / "items")
    return destination


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing page answers with the site's 404.html, as the web servers the README names do."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


@dataclass
class LocalServer:
    base: str
    server: _Server

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(directory: Path) -> LocalServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return LocalServer(f"http://127.0.0.1:{server.server_address[1]}/", server)
