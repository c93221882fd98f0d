"""Benchmark: `import` of the project's own xlsx export of a synthetic registry.

Usage: .venv/bin/python bench/import_.py [SIZES…]   (default: 2000 20000; target: 20,000 items under 60 s, under 1 GB)

For each size: `synth`, then, timed, `export --format xlsx` (the whole of every item: the 实施清单 sheet
and the sheets after it) and `export --format csv --out FOLDER` (the same as one CSV file per sheet),
`import` of the workbook into an empty folder (reading, building, writing every file and checking the
registry it wrote), the same import again (every file unchanged), and `check` alone for comparison.
Peak memory is the largest of the command's process and its worker processes; CPU seconds are the
command's and its workers' together (on a machine shared with other work, wall seconds vary with it).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs one CLI command and reports the peak RSS of itself and its children (the check's workers).
WRAPPER = """
import resource, sys
from generator.cli import main
code = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
sys.stderr.write(f"PEAK {max(own.ru_maxrss, children.ru_maxrss) // 1024} {cpu:.2f}\\n")
sys.exit(code)
"""


def run(*args: str) -> tuple[float, int, int, float]:
    """(wall seconds, peak MB, exit code, CPU seconds) of one CLI command."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    wall = time.perf_counter() - start
    line = next((line.split() for line in done.stderr.splitlines() if line.startswith("PEAK ")), None)
    peak, cpu = (int(line[1]), float(line[2])) if line else (-1, -1.0)
    return wall, peak, done.returncode, cpu


def main(sizes: list[int]) -> None:
    print(f"{'rows':>7} {'step':<22} {'seconds':>8} {'cpu s':>8} {'peak MB':>8} {'exit':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = Path(tmp) / f"n{size}"
            registry, workbook, target = root / "registry", root / "items.xlsx", root / "imported"
            folder = root / "items-csv"
            subprocess.run(
                [sys.executable, "-m", "generator", "synth", "--items", str(size), "--out", str(registry)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            steps = [
                ("export xlsx", ("export", "--items", str(registry), "--format", "xlsx", "--out", str(workbook))),
                ("export csv set", ("export", "--items", str(registry), "--format", "csv", "--out", str(folder))),
                ("import (new files)", ("import", str(workbook), "--items", str(target))),
                ("import again (same)", ("import", str(workbook), "--items", str(target))),
                ("check alone", ("check", "--items", str(target))),
            ]
            for name, args in steps:
                wall, peak, code, cpu = run(*args)
                rows = sum(1 for _ in target.glob("*/*.yml")) if name.startswith("import") else size
                print(f"{rows:>7} {name:<22} {wall:>8.2f} {cpu:>8.2f} {peak:>8} {code:>5}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2000, 20000])
