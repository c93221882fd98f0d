"""Benchmark: `import` of the project's own xlsx export of a synthetic registry.

Usage: .venv/bin/python bench/import_.py [SIZES…]   (default: 2000 20000; target: 20,000 items under 60 s, under 1 GB)

For each size: `synth`, `export --format xlsx`, then, timed, `import` into an empty folder (reading,
building, writing every file and checking the registry it wrote), the same import again (every file
unchanged), and `check` alone for comparison. Peak memory is the largest of the command's process
and its worker processes.
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
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"PEAK {max(own, children) // 1024}\\n")
sys.exit(code)
"""


def run(*args: str) -> tuple[float, int, int]:
    """(wall seconds, peak MB, exit code) of one CLI command."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    wall = time.perf_counter() - start
    peak = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK ")), -1)
    return wall, peak, done.returncode


def main(sizes: list[int]) -> None:
    print(f"{'rows':>7} {'step':<22} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = Path(tmp) / f"n{size}"
            registry, workbook, target = root / "registry", root / "items.xlsx", root / "imported"
            subprocess.run(
                [sys.executable, "-m", "generator", "synth", "--items", str(size), "--out", str(registry)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            steps = [
                ("export xlsx", ("export", "--items", str(registry), "--format", "xlsx", "--out", str(workbook))),
                ("import (new files)", ("import", str(workbook), "--items", str(target))),
                ("import again (same)", ("import", str(workbook), "--items", str(target))),
                ("check alone", ("check", "--items", str(target))),
            ]
            for name, args in steps:
                wall, peak, code = run(*args)
                rows = sum(1 for _ in target.glob("*/*.yml")) if name.startswith("import") else size
                print(f"{rows:>7} {name:<22} {wall:>8.2f} {peak:>8} {code:>5}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2000, 20000])
