"""Benchmark: the finder's index for synthetic registries — build time, size, and time to first result
in Chromium. Targets at 20,000 items: at most 1.5 MB gzip downloaded before the first result, first
result under 100 ms after the index has loaded.

Usage: .venv/bin/python bench/finder.py [SIZES…]   (default: 2000 20000)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from generator.checks import check_registry  # noqa: E402
from generator.finder.documents import item_documents  # noqa: E402
from generator.finder.index import finder_files  # noqa: E402
from generator.finder.tokenize import query_tokens, shard_of  # noqa: E402
from generator.site.model import build_model  # noqa: E402

QUERIES = ["食品经营许可", "办营业执照", "特种设备使用登记变更", "道路运输"]
SCRIPTS = ["gov-tokenize.js", "finder.js"]
PAGE = """<!doctype html><meta charset="utf-8"><title>finder bench</title>
<script id="__config" type="application/json">{{"base": "."}}</script>
<div class="md-header__inner"></div>
<div data-gov-finder data-gov-limit="10"><form><input name="q"></form><p data-gov-status></p><div data-gov-results></div></div>
{scripts}"""


def _server(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def first_result_times(site: Path, queries: list[str]) -> list[tuple[str, float, float]]:
    """(query, ms from navigation to first result, ms from index loaded to first result) in Chromium.
    "Loaded" is when the document table and the query's shards are fetched and deserialized."""
    from playwright.sync_api import sync_playwright

    server = _server(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for query in queries:
            page = browser.new_page()
            page.goto(f"{base}index.html?q={query}")
            page.wait_for_selector("[data-gov-ready]", timeout=60000)
            timing = page.evaluate(
                """() => {
                  const loaded = performance.getEntriesByName('gov-finder-index-loaded')[0].startTime;
                  const ready = performance.getEntriesByName('gov-finder-first-result')[0].startTime;
                  return {loaded, ready};
                }"""
            )
            results.append((query, timing["ready"], timing["ready"] - timing["loaded"]))
            page.close()
        browser.close()
    server.shutdown()
    return results


def main(sizes: list[int]) -> None:
    python = sys.executable
    print(
        f"{'items':>7} {'build s':>8} {'shards':>6} {'all raw MB':>10} {'all gz MB':>9} "
        f"{'first gz KB':>11} {'nav→result ms':>13} {'loaded→result ms':>16}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            registry = Path(tmp) / f"r{size}"
            subprocess.run(
                [python, "-m", "generator", "synth", "--items", str(size), "--out", str(registry)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            loaded, _ = check_registry(registry)
            docs = item_documents(build_model(loaded, "http://127.0.0.1/").items)
            start = time.perf_counter()
            files = finder_files(docs)
            build = time.perf_counter() - start
            site = Path(tmp) / f"site{size}"
            (site / "finder" / "data").mkdir(parents=True)
            for name, content in files.items():
                (site / "finder" / "data" / name).write_text(content, encoding="utf-8")
            shutil.copytree(ROOT / "overrides/assets/javascripts", site / "js")
            tags = "".join(f'<script src="js/{name}"></script>' for name in SCRIPTS)
            (site / "index.html").write_text(PAGE.format(scripts=tags), encoding="utf-8")
            gz = {name: len(gzip.compress(content.encode("utf-8"))) for name, content in files.items()}
            raw = sum(len(content.encode("utf-8")) for content in files.values())
            shards = json.loads(files["docs.json"])["shards"]
            first = max(
                gz["docs.json"]
                + gz["t2s.json"]
                + sum(gz[f"shard-{n}.json"] for n in {shard_of(t, shards) for t in query_tokens(query)})
                for query in QUERIES
            )
            times = first_result_times(site, QUERIES)
            nav = max(t[1] for t in times)
            after = max(t[2] for t in times)
            print(
                f"{size:>7} {build:>8.1f} {shards:>6} {raw / 1e6:>10.1f} {sum(gz.values()) / 1e6:>9.1f} "
                f"{first / 1000:>11.0f} {nav:>13.0f} {after:>16.0f}"
            )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2000, 20000])
