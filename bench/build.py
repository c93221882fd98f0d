"""Benchmark: the whole site build at city scale, against the plain way (bench/plain.py).

For each size it generates a synthetic registry, then:
  1. builds the site with an empty page cache (the full build);
  2. edits one item file and builds again with the cache warm (the rebuild);
  3. builds the edited registry once more with the cache off, and compares the two sites byte for byte;
  4. builds the plain project (one Markdown page per guide and checklist, Material's search).
and prints: build seconds, peak memory of the whole process tree (PSS, workers included), site MB,
guide + checklist KB per item, the search payload a visitor downloads before the first result
(gzip), seconds per item and the speed-up against the plain way.

Usage: .venv/bin/python bench/build.py [SIZES…]    (default: 2000 20000; add "sample" for the sample)
       --no-plain skips the plain builds (they take minutes at 20,000 items).
"""

from __future__ import annotations

import filecmp
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from plain import write_plain_project  # noqa: E402

from generator.finder.tokenize import query_tokens, shard_of  # noqa: E402

QUERY = "食品经营许可"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the process tree's summed PSS at its highest
    largest_mb: float  # the largest RSS of any one process of the tree


def _tree_memory(root: int) -> tuple[int, int]:
    """Summed proportional set size and the largest resident set (kB) of `root` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, largest, pending = 0, 0, [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                elif line.startswith("Rss:"):
                    largest = max(largest, int(line.split()[1]))
        except OSError:
            pass
    return total, largest


def run(command: list[str], cwd: Path) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            total, largest = _tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{errors}")
    return Run(seconds, peak[0] / 1024, peak[1] / 1024)


def mkdocs(project: Path, out: Path, config: str = "mkdocs.yml", strict: bool = True) -> Run:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(out)]
    return run(command + (["--strict"] if strict else []), project)


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), mtime=0))


def finder_payload(site: Path) -> int:
    """docs.json, the character table and the shards of one query, gzipped: fetched before the first result."""
    data = site / "finder/data"
    shards = json.loads((data / "docs.json").read_text(encoding="utf-8"))["shards"]
    needed = {shard_of(token, shards) for token in query_tokens(QUERY)}
    return gz(data / "docs.json") + gz(data / "t2s.json") + sum(gz(data / f"shard-{n}.json") for n in needed)


def project_for(registry: Path, folder: Path) -> Path:
    """A copy of the site sources pointed at `registry`: the sample's theme and home page, no bulletins
    (they quote sample items by name). A second config builds the same project without the cache."""
    (folder / "content/bulletins/posts").mkdir(parents=True)
    shutil.copy(ROOT / "content/index.md", folder / "content/index.md")
    for name in ("index.md", ".authors.yml"):
        shutil.copy(ROOT / "content/bulletins" / name, folder / "content/bulletins" / name)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      registry_dir: items", f"      registry_dir: {registry}").replace(
        "  - items\n", f"  - {registry}\n"
    )
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (folder / "mkdocs-nocache.yml").write_text(
        config.replace(f"      items: {registry}", f"      items: {registry}\n      cache: false"), encoding="utf-8"
    )
    return folder


def edit_one_item(registry: Path) -> Path:
    """A department editor's change: one item's summary."""
    path = sorted(registry.glob("*/*.yml"))[len(list(registry.glob("*/*.yml"))) // 2]
    text = path.read_text(encoding="utf-8")
    start = text.index("summary: ")
    end = text.index("\n", start)
    path.write_text(
        text[:start] + "summary: 本事项的说明已经更新，请按新的要求准备材料。" + text[end:], encoding="utf-8"
    )
    return path


def identical(a: Path, b: Path) -> bool:
    comparison = filecmp.dircmp(a, b)
    pending = [comparison]
    while pending:
        current = pending.pop()
        if current.left_only or current.right_only or current.funny_files:
            return False
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        if mismatch or errors:
            return False
        pending += current.subdirs.values()
    return True


def row(label: str, items: int, result: Run, site: Path | None, payload: int | None, base: float | None) -> str:
    site_mb = f"{size_of(site) / 1e6:.0f}" if site else "—"
    per_item = f"{size_of(site / 'items') / items / 1024:.1f}" if site else "—"
    search = f"{payload / 1024:.0f}" if payload is not None else "—"
    speedup = f"{base / result.seconds:.1f}×" if base else "—"
    return (
        f"| {label} | {items:,} | {result.seconds:.1f} | {result.peak_mb:.0f} | {result.largest_mb:.0f} | {site_mb} | "
        f"{per_item} | {search} | {result.seconds / items * 1000:.2f} | {speedup} |"
    )


def main(sizes: list[str], plain: bool) -> None:
    print(
        "| build | items | seconds | peak MB (all processes) | largest process MB | site MB | "
        "KB per item (guide + checklist) | search payload KB (gzip) | ms per item | speed-up vs plain |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in sizes:
            registry = tmp / f"registry-{size}"
            if size == "sample":
                shutil.copytree(ROOT / "items", registry)
            else:
                subprocess.run(
                    [sys.executable, "-m", "generator", "synth", "--items", size, "--out", str(registry)],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    cwd=ROOT,
                )
            items = len(list(registry.glob("*/*.yml")))
            project = project_for(registry, tmp / f"project-{size}")
            baseline = None
            plain_rows = []
            if plain:
                plain_project = tmp / f"plain-{size}"
                write_plain_project(registry, plain_project)
                plain_site = tmp / f"plain-site-{size}"
                plain_run = mkdocs(plain_project, plain_site, strict=False)
                baseline = plain_run.seconds
                plain_rows.append(
                    row(
                        "plain Markdown + Material search",
                        items,
                        plain_run,
                        plain_site,
                        gz(plain_site / "search/search_index.json"),
                        None,
                    )
                )
                shutil.rmtree(plain_site)
            site = tmp / f"site-{size}"
            full = mkdocs(project, site)
            print(row("full build (empty cache)", items, full, site, finder_payload(site), baseline), flush=True)
            edited = edit_one_item(registry)
            rebuild = mkdocs(project, site)
            print(
                row(f"rebuild after editing {edited.parent.name}/{edited.name}", items, rebuild, None, None, None),
                flush=True,
            )
            reference = tmp / f"reference-{size}"
            uncached = mkdocs(project, reference, "mkdocs-nocache.yml")
            print(row("full build, cache off", items, uncached, None, None, baseline), flush=True)
            for line in plain_rows:
                print(line, flush=True)
            same = identical(site, reference)
            notes.append(
                f"{size}: the rebuilt site is {'identical to' if same else 'DIFFERENT FROM'} a full build without cache"
            )
            shutil.rmtree(site)
            shutil.rmtree(reference)
    print("\n" + "\n".join(notes))


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[1:] if arg != "--no-plain"]
    main(arguments or ["2000", "20000"], plain="--no-plain" not in sys.argv[1:])
