"""`python -m generator serve`: an edit shows at once, a registry error shows on the page, the server stays."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from site_build import copy_project

GUIDE = "items/scjgj/food-business-license/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if "<h1>" in _get(base + GUIDE, timeout=5):
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        output = process.stderr.read()[-3000:]
        process.stderr.close()
        pytest.fail("serve did not start: " + output)
    yield project, base
    process.terminate()
    process.wait(timeout=30)
    process.stderr.close()


def _version(base: str) -> int:
    return json.loads(_get(base + "__gov_live?v=-1"))["v"]


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "items/scjgj/food-business-license.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_an_edit_shows_at_once_and_an_error_shows_on_the_page(served):
    project, base = served
    seen = _version(base)
    started = time.perf_counter()
    _edit(project, "summary: ", "summary: 说明刚刚改过。")
    changed = json.loads(_get(base + f"__gov_live?v={seen}"))["v"]
    waited = time.perf_counter() - started
    assert changed != seen
    page = _get(base + GUIDE)
    assert re.search(r'class="gov-lead">说明刚刚改过。', page)
    assert waited < 10, waited  # edit to reload notice: well under two seconds on a quiet machine
    assert 'src="/__gov_live.js"' in page

    seen = _version(base)
    _edit(project, "  promised: 5", "  promised: 500")
    _get(base + f"__gov_live?v={seen}")
    page = _get(base + GUIDE)
    assert 'role="alert"' in page and "time-limit.promised-exceeds-statutory" in page
    assert "说明刚刚改过。" in page, "the last good site stays"

    _edit(project, "  promised: 500", "  promised: 5")
    deadline = time.time() + 60
    while 'role="alert"' in _get(base + GUIDE) and time.time() < deadline:
        time.sleep(0.3)
    assert 'role="alert"' not in _get(base + GUIDE)
