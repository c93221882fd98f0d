"""Which files of the registry folder are read: the item files `<department>/<slug>.yml`, and only
regular files inside the folder. Everything else that could hide an item or lead outside the folder
(links, pipes, hidden entries, misnamed or misplaced YAML) is a finding instead of a silent skip."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.findings import Finding, Severity

DEPARTMENTS_FILE = "departments.yml"
BUNDLES_FILE = "bundles.yml"
PATHS_FILE = "paths.yml"
YAML_SUFFIXES = (".yml", ".yaml")


def _finding(path: Path, code: str, severity: Severity, message: str) -> Finding:
    return Finding(str(path), 1, 1, code, severity, "", message)


def _odd_entry(entry: os.DirEntry, path: Path) -> Finding | None:
    """A finding for a link, a hidden entry or something that is neither a file nor a folder."""
    if entry.is_symlink():
        return _finding(
            path, "file.symlink", Severity.ERROR, "这是一个符号链接：登记册不读链接指向的文件，请换成文件或文件夹本身"
        )
    if entry.name.startswith("."):
        return _finding(
            path,
            "file.hidden",
            Severity.WARNING,
            "隐藏的文件或文件夹（名称以 . 开头）不会被读取：里面如有事项，请移出来；否则请删去",
        )
    mode = entry.stat(follow_symlinks=False).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return _finding(path, "file.not-regular", Severity.ERROR, "这不是普通文件（可能是管道或设备）：请删去它")
    return None


def _is_yaml(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


def item_files(root: Path) -> tuple[list[Path], list[Finding]]:
    """The item files under `root`, sorted, and the findings about everything else in the folder."""
    files: list[Path] = []
    findings: list[Finding] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        path = root / entry.name
        if odd := _odd_entry(entry, path):
            findings.append(odd)
        elif entry.is_dir(follow_symlinks=False):
            _department_folder(path, files, findings)
        elif _is_yaml(entry.name) and entry.name not in (DEPARTMENTS_FILE, BUNDLES_FILE, PATHS_FILE):
            findings.append(
                _finding(
                    path, "file.location", Severity.ERROR, "事项文件应放在部门文件夹中：请移到 items/<部门编号>/ 下"
                )
            )
    return files, findings


def _department_folder(folder: Path, files: list[Path], findings: list[Finding]) -> None:
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = folder / entry.name
        if odd := _odd_entry(entry, path):
            findings.append(odd)
        elif entry.is_dir(follow_symlinks=False):
            _nested_folder(path, findings)
        elif entry.name.endswith(".yml"):
            files.append(path)
        elif _is_yaml(entry.name):
            findings.append(
                _finding(
                    path, "file.name", Severity.ERROR, f"事项文件的扩展名应为小写的 .yml：请把“{path.suffix}”改为“.yml”"
                )
            )


def _nested_folder(folder: Path, findings: list[Finding]) -> None:
    """A folder inside a department folder holds attachments (forms); YAML there would never be read."""
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = here / name
            if path.is_symlink():
                findings.append(
                    _finding(
                        path,
                        "file.symlink",
                        Severity.ERROR,
                        "这是一个符号链接：登记册不读链接指向的文件，请换成文件本身",
                    )
                )
            elif name in filenames and _is_yaml(name):
                findings.append(
                    _finding(
                        path,
                        "file.location",
                        Severity.ERROR,
                        "事项文件应直接放在部门文件夹中（items/<部门编号>/文件名.yml）：请把它移上来",
                    )
                )
        dirnames[:] = [name for name in dirnames if not (here / name).is_symlink()]
