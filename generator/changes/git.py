"""The registry in git: at a revision, and its recent history — each read with a fixed number of git
processes, never one per item."""

from __future__ import annotations

import datetime
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from generator.changes.compare import ItemChange, compare_items
from generator.checks import check_registry
from generator.findings import Report
from generator.models import Bundle, Item
from generator.registry.loader import Registry
from generator.registry.yamldoc import compose
from generator.text import terminal


class GitError(Exception):
    """A git command failed; the message says which and why, in Chinese."""


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("找不到 git 命令：请先安装 git") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])} 失败：{message[-1] if message else result.returncode}")
    return result.stdout


def repository_root(path: Path) -> Path:
    return Path(_git(path, "rev-parse", "--show-toplevel").decode().strip())


def resolve_revision(repo: Path, revision: str) -> str:
    """The commit a revision names, or a GitError; a revision is never taken for an option of git's."""
    if not revision or revision.startswith("-") or any(c.isspace() or not c.isprintable() for c in revision):
        raise GitError(f"“{terminal(revision)}”不是一个 git 版本：请写分支名、标签或提交号，如 origin/main")
    try:
        output = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(f"找不到 git 版本“{revision}”：请检查拼写，或先 git fetch") from None
    return output.decode().strip()


def registry_at(repo: Path, revision: str, items: Path) -> Registry:
    """The registry as it was at `revision`, loaded from `git archive` of the items folder."""
    return checked_registry_at(repo, revision, items)[0]


def checked_registry_at(
    repo: Path, revision: str, items: Path, settings_file: Path | None = None
) -> tuple[Registry, Report]:
    """The registry at `revision` and its findings under today's rules and settings, the findings' paths
    relative to the items folder (the folder they were read from is gone when this returns)."""
    commit = resolve_revision(repo, revision)
    relative = items.resolve().relative_to(repo.resolve()).as_posix()
    archive = _git(repo, "archive", "--format=tar", commit, "--", relative)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp) / relative
        registry, report = check_registry(root, workers=1, settings_file=settings_file)
        return registry, report.relative_to(root)


def items_by_ref(registry: Registry) -> dict[str, Item]:
    return {record.ref: record.item for record in registry.items}


def bundles_of(registry: Registry) -> list[Bundle]:
    return list(registry.bundles)


@dataclass(frozen=True)
class RecentChange:
    date: datetime.date
    commit: str
    change: ItemChange


def _parse_item(text: str) -> Item | None:
    doc, _problems = compose(text)
    if doc is None or not isinstance(doc.data, dict):
        return None
    try:
        return Item.model_validate(doc.data)
    except ValidationError:
        return None  # a broken version in the history is skipped, not reported again


def _ref(path: str, prefix: str) -> str | None:
    if not path.startswith(prefix) or not path.endswith(".yml"):
        return None
    parts = path[len(prefix) :].removesuffix(".yml").split("/")
    return "/".join(parts) if len(parts) == 2 else None


def recent_changes(repo: Path, items: Path, commits: int = 100) -> list[RecentChange]:
    """Item changes of the last `commits` commits that touched the registry, newest first.

    One `git log` lists the changed files; one `git cat-file --batch` reads every needed version."""
    prefix = items.resolve().relative_to(repo.resolve()).as_posix().rstrip("/") + "/"
    log = _git(
        repo, "log", f"-n{commits}", "--no-merges", "-M", "--name-status", "--format=%x1e%H%x1f%cs", "--", prefix
    ).decode("utf-8")
    entries: list[tuple[str, datetime.date, list[tuple[str, str | None, str | None]]]] = []
    for block in log.split("\x1e")[1:]:
        header, _, body = block.partition("\n")
        commit, date = header.split("\x1f")
        files = []
        for line in body.splitlines():
            fields = line.split("\t")
            if len(fields) < 2:
                continue
            status = fields[0][0]
            if status in "RC":  # renamed or copied: old and new path
                old_path, new_path = fields[1], fields[2]
            elif status == "D":
                old_path, new_path = fields[1], None
            elif status == "A":
                old_path, new_path = None, fields[1]
            else:
                old_path = new_path = fields[1]
            files.append((status, old_path, new_path))
        entries.append((commit, datetime.date.fromisoformat(date), files))

    wanted: list[str] = []
    for commit, _, files in entries:
        for _, old_path, new_path in files:
            if old_path and _ref(old_path, prefix):
                wanted.append(f"{commit}^:{old_path}")
            if new_path and _ref(new_path, prefix):
                wanted.append(f"{commit}:{new_path}")
    blobs = _read_blobs(repo, wanted)

    result: list[RecentChange] = []
    for commit, day, files in entries:
        old: dict[str, Item] = {}
        new: dict[str, Item] = {}
        for _, old_path, new_path in files:
            if old_path and (ref := _ref(old_path, prefix)) and (item := blobs.get(f"{commit}^:{old_path}")):
                old[ref] = item
            if new_path and (ref := _ref(new_path, prefix)) and (item := blobs.get(f"{commit}:{new_path}")):
                new[ref] = item
        for change in compare_items(old, new):
            result.append(RecentChange(day, commit, change))
    return result


def _read_blobs(repo: Path, specs: list[str]) -> dict[str, Item]:
    if not specs:
        return {}
    output = _git(repo, "cat-file", "--batch", data=("\n".join(specs) + "\n").encode("utf-8"))
    items: dict[str, Item] = {}
    position = 0
    for spec in specs:
        end = output.index(b"\n", position)
        header = output[position:end].decode("utf-8", "replace").split()
        position = end + 1
        if len(header) < 3 or header[1] != "blob":
            continue  # "missing": the file did not exist at that side of the commit
        size = int(header[2])
        blob = output[position : position + size]
        position += size + 1
        try:
            item = _parse_item(blob.decode("utf-8"))
        except UnicodeDecodeError:
            item = None
        if item is not None:
            items[spec] = item
    return items
