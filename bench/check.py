"""Benchmark: `check` on synthetic registries. Prints wall time, CPU time and peak memory.

Usage: .venv/bin/python bench/check.py [SIZES…]   (default: 2000 20000; target: 20,000 items under 10 s)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, child CPU seconds, peak RSS MB of the largest process) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024


def main(sizes: list[int]) -> None:
    python = sys.executable
    print(f"{'items':>8} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'ms/item':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            registry = Path(tmp) / f"r{size}"
            subprocess.run(
                [python, "-m", "generator", "synth", "--items", str(size), "--out", str(registry)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            wall, cpu, peak = run([python, "-m", "generator", "check", "--items", str(registry)])
            print(f"{size:>8} {wall:>8.2f} {cpu:>8.2f} {peak:>8} {wall / size * 1000:>8.3f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2000, 20000])
