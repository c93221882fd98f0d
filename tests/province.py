"""A synthetic province for the portal's tests: divisions with registries of their own that share part
of the national catalogue, each a project built into its own site by its own process, as a CI matrix
runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.tools.synth import write_synthetic_registry

ROOT = Path(__file__).parent.parent
PORTAL_URL = "https://zwfw.province.example/"


@dataclass(frozen=True)
class Division:
    number: int  # synth's division number: its departments and catalogue codes
    code: str  # 区划代码
    name: str

    def project(self, root: Path) -> Path:
        return root / "divisions" / self.code

    def site(self, root: Path) -> Path:
        return root / "dist" / self.code


DIVISIONS = (Division(1, "510104", "甲区"), Division(2, "510105", "乙区"), Division(3, "510106", "丙县"))


def write_project(division: Division, root: Path, items: int, shared: int) -> Path:
    """The division's project: its registry (synth), the sample's theme and home page, no bulletins (they
    quote the sample's items), and its own address under the portal's domain; one worker per build."""
    project = division.project(root)
    write_synthetic_registry(project / "items", items, seed=division.number, division=division.number, shared=shared)
    (project / "content/bulletins/posts").mkdir(parents=True)
    shutil.copy(ROOT / "content/index.md", project / "content/index.md")
    for name in ("index.md", ".authors.yml"):
        shutil.copy(ROOT / "content/bulletins" / name, project / "content/bulletins" / name)
    (project / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_url: https://zwfw.shifan.gov.example/", f"site_url: {PORTAL_URL}{division.code}/")
    config = config.replace("      registry_dir: items", "      registry_dir: items\n      workers: 1")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def portal_config(
    root: Path,
    shards: int = 64,
    paths: dict[str, Path] | None = None,
    into: Path | None = None,
    divisions: tuple[Division, ...] = DIVISIONS,
) -> Path:
    """portal.yml over `divisions` built under `root`, written into `into` (default `root`); `paths`:
    code → where that division's export is, when not <root>/dist/<code>."""
    entries = []
    for division in divisions:
        entry = {"code": division.code, "name": division.name}
        if paths and division.code in paths:
            entry["path"] = str(paths[division.code])
        entries.append(entry)
    config = {
        "site_name": "示范省政务服务网",
        "site_url": PORTAL_URL,
        "shards": shards,
        "sites": str(root / "dist"),
        "assets": str(ROOT / "overrides/assets"),
        "partitions": entries,
    }
    path = (into or root) / "portal.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _run(command: list[str], cwd: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def build_divisions(root: Path, portal: Path, engine: str = "mkdocs") -> dict[str, str]:
    """Each division's `build` then `partition`, the divisions side by side in processes of their own,
    as the jobs of a CI matrix; code → the two commands' output. Fails on the first that fails."""
    outputs: dict[str, str] = {}
    builds = {
        division.code: _run(
            ["build", "--engine", engine, "--strict", "-d", str(division.site(root))], division.project(root)
        )
        for division in DIVISIONS
    }
    partitions = {}
    for division in DIVISIONS:
        output, _ = builds[division.code].communicate(timeout=600)
        assert builds[division.code].returncode == 0, output[-4000:]
        partitions[division.code] = _run(
            ["partition", "--site", str(division.site(root)), "--portal", str(portal), "--code", division.code],
            division.project(root),
        )
        outputs[division.code] = output
    for code, process in partitions.items():
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output[-4000:]
        outputs[code] += output
    return outputs
