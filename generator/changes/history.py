"""The registry as it stood on chosen days, from git, with a fixed number of git processes whatever the
number of commits, days or items: one `git rev-parse`, one `git status`, one `git log` of the
first-parent history with the blob of every changed file, and one `git cat-file --batch` per set of days
for the versions those days need.

"As it stood on a day" is the state after the newest commit of the first-parent history (the branch as
it was merged, not the commits of the branches merged into it) whose committer date is on or before
that day. Each version of a file is parsed once, by its blob; a version that is also the file in the
working tree is taken from the registry already loaded instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.changes.git import GitError, _git, _parse_item
from generator.models.brief import ItemBrief
from generator.registry.tree import BUNDLES_FILE
from generator.registry.yamldoc import compose

NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime.date  # the committer's date, in the committer's time zone
    changes: tuple[tuple[str, str | None], ...]  # (path in the items folder, blob; None when deleted)


@dataclass(frozen=True)
class RegistryState:
    """The registry's files at one commit: its items (every status) and how many 一件事 it had."""

    commit: str
    date: datetime.date
    items: tuple[ItemBrief, ...]
    bundles: int


@dataclass
class RegistryHistory:
    repo: Path
    prefix: str  # the items folder inside the repository, e.g. "items/"
    commits: list[Commit]  # oldest first
    shallow: bool  # a shallow clone: history before its oldest commit is missing
    modified: frozenset[str]  # paths in the items folder that differ from HEAD in the working tree
    _parsed: dict[str, ItemBrief | int | None] = field(default_factory=dict)  # blob → item, or a bundles count

    @classmethod
    def read(cls, items: Path) -> RegistryHistory:
        """The history of the folder `items`; a GitError when it is not in a git repository."""
        lines = _git(items, "rev-parse", "--show-toplevel", "--is-shallow-repository").decode().splitlines()
        repo, shallow = Path(lines[0]), lines[1].strip() == "true"
        prefix = items.resolve().relative_to(repo.resolve()).as_posix().rstrip("/") + "/"
        if prefix == "./":
            prefix = ""
        status = _git(repo, "status", "--porcelain", "-z", "--untracked-files=all", "--", prefix or ".")
        modified = frozenset(_status_paths(status, prefix))
        try:
            log = _git(
                repo,
                "-c",
                "core.quotePath=false",
                "log",
                "--first-parent",
                "--diff-merges=first-parent",
                "--root",
                "--no-renames",
                "--raw",
                "--no-abbrev",
                "--reverse",
                "--format=%x1e%H%x1f%cs",
                "HEAD",
                "--",
                prefix or ".",
            ).decode("utf-8", "replace")
        except GitError:
            log = ""  # a repository without a commit yet
        return cls(repo, prefix, _commits(log, prefix), shallow, modified)

    def commit_on(self, day: datetime.date) -> int | None:
        """The index of the commit the registry stood at on `day`, or None before its history."""
        for index in range(len(self.commits) - 1, -1, -1):
            if self.commits[index].date <= day:
                return index
        return None

    def states(
        self, days: Iterable[datetime.date], current: Mapping[str, ItemBrief] | None = None
    ) -> dict[datetime.date, RegistryState]:
        """The registry on each of `days` that its history reaches. `current`: the working tree's items by
        path in the items folder, reused for every version equal to them."""
        wanted = {day: index for day in days if (index := self.commit_on(day)) is not None}
        if not wanted:
            return {}
        last = max(wanted.values())
        snapshots: dict[int, dict[str, str]] = {}
        files: dict[str, str] = {}
        for index, commit in enumerate(self.commits[: last + 1]):
            for path, blob in commit.changes:
                if blob is None:
                    files.pop(path, None)
                else:
                    files[path] = blob
            if index in wanted.values():
                snapshots[index] = dict(files)
        self._reuse(current or {})
        needed = {blob for snapshot in snapshots.values() for blob in snapshot.values()} - self._parsed.keys()
        kinds = {blob: path == BUNDLES_FILE for snapshot in snapshots.values() for path, blob in snapshot.items()}
        self._parse(sorted(needed), kinds)
        result = {}
        for day, index in wanted.items():
            snapshot = snapshots[index]
            items = tuple(
                item
                for path, blob in snapshot.items()
                if path != BUNDLES_FILE and isinstance(item := self._parsed.get(blob), ItemBrief)
            )
            bundles = self._parsed.get(snapshot.get(BUNDLES_FILE, NO_BLOB))
            commit = self.commits[index]
            result[day] = RegistryState(commit.sha, commit.date, items, bundles if isinstance(bundles, int) else 0)
        return result

    def _reuse(self, current: Mapping[str, ItemBrief]) -> None:
        """Versions equal to the working tree's files: HEAD's blobs of the files not modified since."""
        head: dict[str, str] = {}
        for commit in self.commits:
            for path, blob in commit.changes:
                if blob is None:
                    head.pop(path, None)
                else:
                    head[path] = blob
        for path, item in current.items():
            blob = head.get(path)
            if blob is not None and path not in self.modified:
                self._parsed.setdefault(blob, item)

    def _parse(self, blobs: list[str], bundles: Mapping[str, bool]) -> None:
        if not blobs:
            return
        output = _git(self.repo, "cat-file", "--batch", data=("\n".join(blobs) + "\n").encode())
        position = 0
        for blob in blobs:
            end = output.index(b"\n", position)
            header = output[position:end].split()
            position = end + 1
            if len(header) < 3 or header[1] != b"blob":
                self._parsed[blob] = None
                continue
            size = int(header[2])
            data = output[position : position + size]
            position += size + 1
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                self._parsed[blob] = None
                continue
            if bundles.get(blob):
                self._parsed[blob] = _bundle_count(text)
            else:
                item = _parse_item(text)
                self._parsed[blob] = ItemBrief.of(item.model_dump(mode="json")) if item is not None else None


def _commits(log: str, prefix: str) -> list[Commit]:
    commits = []
    for block in log.split("\x1e")[1:]:
        header, _, body = block.partition("\n")
        sha, date = header.split("\x1f")
        changes = []
        for line in body.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            fields = meta.split()
            if len(fields) < 5 or not path.startswith(prefix):
                continue
            relative = path[len(prefix) :]
            if not _wanted(relative):
                continue
            blob = fields[3]
            changes.append((relative, None if blob == NO_BLOB or fields[4].startswith("D") else blob))
        commits.append(Commit(sha, datetime.date.fromisoformat(date.strip()), tuple(changes)))
    return commits


def _wanted(relative: str) -> bool:
    """An item file (department/slug.yml) or the 一件事 file."""
    if relative == BUNDLES_FILE:
        return True
    parts = relative.split("/")
    return len(parts) == 2 and parts[1].endswith(".yml") and not parts[0].startswith(".")


def _status_paths(status: bytes, prefix: str) -> Iterable[str]:
    """Paths in the items folder from `git status --porcelain -z` (a rename's source follows its entry)."""
    entries = status.decode("utf-8", "replace").split("\0")
    skip = False
    for entry in entries:
        if skip:
            skip = False
            yield entry.removeprefix(prefix)
            continue
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        skip = "R" in code or "C" in code
        yield path.removeprefix(prefix)


def _bundle_count(text: str) -> int:
    doc, _problems = compose(text)
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("bundles"), list):
        return 0
    return len(doc.data["bundles"])
