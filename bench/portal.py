"""Benchmark: a synthetic province of a few divisions, each built into its own site by its own process
(as the jobs of a CI matrix), exported with `partition`, and the portal over them.

Prints, per division: build and export seconds, site and export MB; for the portal: seconds, peak
memory, its finder's size (docs.json gzip, a query's payload gzip) and whether its ranking equals one
index over the union of the divisions (50 queries).

Usage: .venv/bin/python bench/portal.py [ITEMS_PER_DIVISION] [--divisions N]   (default: 2000, 3)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from build import ENV, project_for, run, size_of  # noqa: E402

from generator.checks import check_registry  # noqa: E402
from generator.finder.index import FinderDoc, finder_files, load_indexes, search, shard_count  # noqa: E402
from generator.finder.tokenize import query_tokens, shard_of  # noqa: E402
from generator.portal.export import _documents  # noqa: E402
from generator.site.model import build_model  # noqa: E402
from generator.tools.synth import write_synthetic_registry  # noqa: E402

PORTAL = "https://zwfw.province.example/"
QUERY = "食品经营许可"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), mtime=0))


def start(command: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *command],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen, what: str) -> None:
    _, errors = process.communicate()
    if process.returncode:
        sys.exit(f"{what} failed:\n{errors.decode()[-3000:]}")


def main(items: int, divisions: int) -> None:
    codes = [f"5101{number:02d}" for number in range(1, divisions + 1)]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for number, code in enumerate(codes, 1):
            registry = tmp / "registries" / code
            write_synthetic_registry(registry, items, seed=number, division=number, shared=items // 3)
            project = project_for(registry, tmp / "projects" / code)
            config = (project / "mkdocs.yml").read_text(encoding="utf-8")
            config = config.replace("site_url: https://zwfw.shifan.gov.example/", f"site_url: {PORTAL}{code}/")
            config = config.replace(
                f"      registry_dir: {registry}", f"      registry_dir: {registry}\n      workers: 1"
            )
            (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        documents_guess = divisions * items * 1.2
        shards = shard_count(int(documents_guess))
        partitions = "\n".join(f'  - code: "{code}"\n    name: 第{n}地区' for n, code in enumerate(codes, 1))
        (tmp / "portal.yml").write_text(
            f"site_name: 示范省\nsite_url: {PORTAL}\nshards: {shards}\nsites: dist\n"
            f"assets: {ROOT / 'overrides/assets'}\npartitions:\n{partitions}\n",
            encoding="utf-8",
        )
        began = time.perf_counter()
        builds = {
            code: start(["build", "--strict", "-d", str(tmp / "dist" / code)], tmp / "projects" / code)
            for code in codes
        }
        exported: dict[str, float] = {}
        for code in codes:
            finish(builds[code], f"build {code}")
            mark = time.perf_counter()
            finish(
                start(
                    [
                        "partition",
                        "--site",
                        str(tmp / "dist" / code),
                        "--portal",
                        str(tmp / "portal.yml"),
                        "--code",
                        code,
                    ],
                    tmp / "projects" / code,
                ),
                f"partition {code}",
            )
            exported[code] = time.perf_counter() - mark
        divisions_seconds = time.perf_counter() - began
        portal = run([sys.executable, "-m", "generator", "portal", "--config", "portal.yml", "-d", "public"], tmp)

        print(
            f"{divisions} divisions × {items:,} items, built side by side on {os.cpu_count()} cores: {divisions_seconds:.0f} s"
        )
        print("| division | export s | site MB | export KB (gzip files) |")
        print("|---|---|---|---|")
        for code in codes:
            site = tmp / "dist" / code
            print(
                f"| {code} | {exported[code]:.1f} | {size_of(site) / 1e6:.0f} | {size_of(site / 'partition') / 1024:.0f} |"
            )
        data = tmp / "public/finder/data"
        table = json.loads((data / "docs.json").read_text(encoding="utf-8"))
        needed = {shard_of(token, table["shards"]) for token in query_tokens(QUERY)}
        payload = gz(data / "docs.json") + gz(data / "t2s.json") + sum(gz(data / f"shard-{n}.json") for n in needed)
        print(
            f"\nportal: {portal.seconds:.1f} s, peak {portal.peak_mb:.0f} MB; {len(table['docs']):,} documents, "
            f"{table['shards']} shards, finder {size_of(data) / 1e6:.1f} MB, docs.json {gz(data / 'docs.json') / 1024:.0f} KB gzip, "
            f"payload of “{QUERY}” {payload / 1024:.0f} KB gzip"
        )
        union: list[FinderDoc] = []
        for code in codes:
            checked, _ = check_registry(tmp / "registries" / code, workers=1)
            model = build_model(checked, f"{PORTAL}{code}/")
            documents = _documents(model, (tmp / "dist" / code / "finder/data/docs.json").read_text(encoding="utf-8"))
            assert documents is not None, f"{code}: the finder's table does not read back"
            union += documents
        single = load_indexes(finder_files(union))
        shards_loaded = [
            json.loads((data / f"shard-{n}.json").read_text(encoding="utf-8")) for n in range(table["shards"])
        ]
        queries = [doc.title for doc in union[:: max(1, len(union) // 50)]]
        same = all(search(table, shards_loaded, query) == search(*single, query) for query in queries)
        print(f"ranking equals one index over the union: {same} ({len(queries)} queries)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("items", nargs="?", type=int, default=2000)
    parser.add_argument("--divisions", type=int, default=3)
    arguments = parser.parse_args()
    main(arguments.items, arguments.divisions)
