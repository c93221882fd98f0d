"""Benchmark: the full site build (mkdocs build --strict) for the sample registry and for synthetic
registries. Prints wall seconds, peak memory, site size and seconds per item.

Usage: .venv/bin/python bench/site.py [SIZES…]   (default: sample 2000 20000)
Synthetic registries are built with the sample's theme and home page but without its bulletins,
which quote sample items by name.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


def site_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def project_for(registry: Path, folder: Path) -> Path:
    """A copy of the site sources pointed at `registry`."""
    (folder / "content/bulletins/posts").mkdir(parents=True)
    shutil.copy(ROOT / "content/index.md", folder / "content/index.md")
    for name in ("index.md", ".authors.yml"):
        shutil.copy(ROOT / "content/bulletins" / name, folder / "content/bulletins" / name)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      items: items", f"      items: {registry}").replace("  - items\n", f"  - {registry}\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def build(project: Path, out: Path) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=project, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) // 1024


def main(sizes: list[str]) -> None:
    print(f"{'registry':>9} {'items':>6} {'build s':>8} {'peak MB':>8} {'site MB':>8} {'KB/item':>8} {'s/item':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            if size == "sample":
                project, items = ROOT, len(list((ROOT / "items").glob("*/*.yml")))
            else:
                registry = Path(tmp) / f"r{size}"
                subprocess.run([sys.executable, "-m", "generator", "synth", "--items", size, "--out", str(registry)],
                               check=True, stdout=subprocess.DEVNULL)
                project, items = project_for(registry, Path(tmp) / f"p{size}"), int(size)
            out = Path(tmp) / f"site-{size}"
            wall, peak = build(project, out)
            size_bytes = site_size(out)
            print(f"{size:>9} {items:>6} {wall:>8.1f} {peak:>8} {size_bytes / 1e6:>8.1f} "
                  f"{size_bytes / items / 1024:>8.1f} {wall / items:>8.4f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["sample", "2000", "20000"])
