"""Benchmark: the whole site build at city scale, against the plain way (bench/plain.py).

For each size it generates a synthetic registry and a project with the sample's full configuration and
content pages (all of content/ but the bulletin posts, which quote sample items), then measures with
`python -m generator build` (ProperDocs, the default engine):
  1. a full build with the cache off;
  2. a full build with an empty cache (it writes the cache);
  3. a build after editing one item, warm cache, new process — compared byte for byte with (1) of the
     edited registry;
  4. `serve`: from saving an edited item file to the page being written and the browser told;
  5. Zensical, cache off: time, and its article bodies compared with ProperDocs' page by page;
  6. the plain project (one Markdown page per guide and checklist, Material's search).
It prints a table: seconds, peak memory of the whole process tree (PSS, workers included), the largest
process, site MB, guide + checklist KB per item, the search payload before the first result (gzip),
ms per item and the speed-up against the plain way; then the targets.

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


def build(project: Path, out: Path, config: str = "mkdocs.yml", engine: str = "properdocs") -> Run:
    return run([sys.executable, "-m", "generator", "build", "--engine", engine, "-f", config, "-d", str(out)], project)


def serve_edit(project: Path, registry: Path) -> float:
    """Seconds from saving an edited item file to the browser being told its page changed."""
    import json
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(6000):
            try:
                seen = json.loads(urllib.request.urlopen(base + "__gov_live?v=-1", timeout=5).read())["v"]
                if seen > 0:
                    break
            except OSError:
                time.sleep(0.2)
        time.sleep(1)
        started = time.perf_counter()
        edit_one_item(registry, "serve")
        urllib.request.urlopen(base + f"__gov_live?v={seen}", timeout=300).read()
        return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=120)


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
    """A copy of the site sources pointed at `registry`: the sample's configuration, theme and every
    content page but the bulletin posts (they quote sample items by name). A second config builds the
    same project without the cache."""
    shutil.copytree(ROOT / "content", folder / "content", ignore=shutil.ignore_patterns("posts"))
    (folder / "content/bulletins/posts").mkdir(parents=True)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      registry_dir: items", f"      registry_dir: {registry}").replace(
        "  - items\n", f"  - {registry}\n"
    )
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (folder / "mkdocs-nocache.yml").write_text(
        config.replace(f"      registry_dir: {registry}", f"      registry_dir: {registry}\n      cache: false"),
        encoding="utf-8",
    )
    return folder


def edit_one_item(registry: Path, mark: str = "") -> Path:
    """A department editor's change: one item's summary."""
    path = sorted(registry.glob("*/*.yml"))[len(list(registry.glob("*/*.yml"))) // 2]
    text = path.read_text(encoding="utf-8")
    start = text.index("summary: ")
    end = text.index("\n", start)
    path.write_text(
        text[:start] + f"summary: 本事项的说明已经更新{mark}，请按新的要求准备材料。" + text[end:], encoding="utf-8"
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
    from generator.engines.compare import compare_sites

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
            uncached_site = tmp / f"uncached-{size}"
            uncached = build(project, uncached_site, "mkdocs-nocache.yml")
            print(
                row("full build, cache off", items, uncached, uncached_site, finder_payload(uncached_site), baseline),
                flush=True,
            )
            site = tmp / f"site-{size}"
            full = build(project, site)
            print(row("full build (empty cache)", items, full, None, None, baseline), flush=True)
            edited = edit_one_item(registry)
            rebuild = build(project, site)
            print(
                row(
                    f"build after editing {edited.parent.name}/{edited.name}, warm cache",
                    items,
                    rebuild,
                    None,
                    None,
                    None,
                ),
                flush=True,
            )
            reference = tmp / f"reference-{size}"
            build(project, reference, "mkdocs-nocache.yml")
            same = identical(site, reference)
            notes.append(
                f"{size}: the rebuilt site is {'identical to' if same else 'DIFFERENT FROM'} a full build without cache"
            )
            zensical_site = tmp / f"zensical-{size}"
            zensical = build(project, zensical_site, "mkdocs-nocache.yml", engine="zensical")
            print(row("Zensical, cache off", items, zensical, None, None, baseline), flush=True)
            comparison = compare_sites(reference, zensical_site)
            notes.append(
                f"{size}: Zensical against ProperDocs: {len(comparison.same)} pages the same, "
                f"{len(comparison.different)} different ({', '.join(comparison.different[:5])}), "
                f"{len(comparison.only_first) + len(comparison.only_second)} on one side only"
            )
            for line in plain_rows:
                print(line, flush=True)
            seconds = serve_edit(project, registry)
            notes.append(f"{size}: serve, edit one item → page written and the browser told: {seconds:.2f} s")
            for folder in (site, reference, uncached_site, zensical_site):
                shutil.rmtree(folder)
    print("\n" + "\n".join(notes))


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[1:] if arg != "--no-plain"]
    main(arguments or ["2000", "20000"], plain="--no-plain" not in sys.argv[1:])
