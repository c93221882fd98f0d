"""Shared helpers: a tiny registry in tmp_path, built from fixture files and edited per test."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.checks import check_registry
from generator.findings import Finding, Report

# The secret that signs build caches lives in the user's state folder: the tests keep their own.
os.environ["XDG_STATE_HOME"] = _STATE = tempfile.mkdtemp(prefix="gov-test-state-")
atexit.register(shutil.rmtree, _STATE, ignore_errors=True)

# Every finding code any test makes, for the check at the end of a whole run that every rule of the
# catalogue was seen to fire somewhere in the suite.
OBSERVED_CODES: set[str] = set()
_finding_init = Finding.__init__


def _observed_finding_init(self, *args, **kwargs):
    _finding_init(self, *args, **kwargs)
    OBSERVED_CODES.add(self.code)


Finding.__init__ = _observed_finding_init  # type: ignore[method-assign]

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
ITEM_TEXT = (FIXTURES / "item.yml").read_text(encoding="utf-8")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based number of the line holding the nth occurrence of `needle`."""
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            count += 1
            if count == nth:
                return number
    raise AssertionError(f"{needle!r} not in text")


@dataclass
class TinyRegistry:
    root: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def item(self, text: str = ITEM_TEXT, ref: str = "alpha/sample") -> Path:
        return self.write(f"{ref}.yml", text)

    def check(self, strict: bool = False) -> Report:
        _, report = check_registry(self.root, workers=1)
        return report.strict() if strict else report

    def flat(self, strict: bool = False) -> list[tuple[str, int, str]]:
        """Findings as (path relative to the registry, line, code)."""
        return [(Path(f.path).relative_to(self.root).as_posix(), f.line, f.code) for f in self.check(strict).findings]


@pytest.fixture
def registry(tmp_path: Path) -> TinyRegistry:
    tiny = TinyRegistry(tmp_path / "items")
    tiny.write("departments.yml", (FIXTURES / "departments.yml").read_text(encoding="utf-8"))
    return tiny


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The CLI run as a user runs it."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


# The engines the site is built with in the tests: Material (on ProperDocs, the default) and Zensical.
ENGINES_UNDER_TEST = ("properdocs", "zensical")


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory):
    """The sample site as each engine builds it with `python -m generator build --strict`, once per session."""
    from site_build import engine_build, linked_project

    built = {}

    def site(engine: str):
        if engine not in built:
            folder = tmp_path_factory.mktemp(f"site-{engine}")
            result = engine_build(linked_project(folder / "project"), folder / "site", engine)
            assert result.returncode == 0, result.output[-4000:]
            built[engine] = result
        return built[engine]

    return site


@pytest.fixture(scope="session", params=ENGINES_UNDER_TEST)
def sample_site(request, built_sites):
    """The sample registry's site, for each engine: the site tests run against every engine."""
    return built_sites(request.param)


@pytest.fixture(scope="session")
def sample_registry():
    registry, report = check_registry(ROOT / "items", workers=1)
    assert report.ok
    return registry


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is not installed: .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(sample_site):
    """The sample site served on a local port, for the tests in the browser."""
    from site_build import serve

    server = serve(sample_site.path)
    yield server.base
    server.stop()


AXE = Path(__file__).parent / "browser-tools/node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: ./dev test installs it with npm ci --prefix tests/browser-tools")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/browser-tools)")
    return AXE.read_text(encoding="utf-8")


def pytest_sessionfinish(session, exitstatus):
    """After a whole, passing run: every code of the catalogue has been seen in a finding some test made."""
    options = session.config.option
    whole = (
        not options.keyword
        and not options.markexpr
        and not options.deselect
        and all(Path(arg).resolve() == ROOT / "tests" for arg in session.config.args)
    )
    if exitstatus != 0 or not whole:
        return
    from generator.checks import RULES
    from generator.checks.describe import catalogue

    catalogue()
    unseen = sorted(set(RULES) - OBSERVED_CODES)
    if unseen:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(f"these finding codes never fired in any test: {', '.join(unseen)}", red=True)
        session.exitstatus = 1
