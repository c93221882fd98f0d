"""Remembered check results: an item file whose bytes, and everything its own checks read besides
(departments.yml, the set of items, the generator's code), are as at the last check gets the same
record and findings without being loaded again. Items with form or result-sample files are always
checked: their findings depend on files the key does not cover.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from generator.registry.digest import digest
from generator.findings import Finding
from generator.registry.loader import DEPARTMENTS_FILE, ItemRecord

FORMAT = 1
Result = tuple[ItemRecord | None, list[Finding]]


class CheckCache:
    def __init__(self, file: Path, root: Path, item_refs: frozenset[str], generator_digest: bytes):
        self.file = file
        departments = root / DEPARTMENTS_FILE
        self.context = digest([
            str(FORMAT).encode(), str(root).encode(), generator_digest, "\n".join(sorted(item_refs)).encode(),
            departments.read_bytes() if departments.is_file() else b"",
        ])
        self.entries: dict[str, tuple[bytes, Result]] = {}
        self.digests: dict[str, bytes] = {}
        self.previous = self._load()

    def _load(self) -> dict[str, tuple[bytes, Result]]:
        try:
            context, entries = pickle.loads(self.file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return {}
        return entries if context == self.context else {}

    def get(self, path: Path) -> Result | None:
        try:
            content = self.digests[str(path)] = digest([path.read_bytes()])
        except OSError:
            return None
        entry = self.previous.get(str(path))
        if entry is None or entry[0] != content:
            return None
        self.entries[str(path)] = entry
        return entry[1]

    def put(self, path: Path, result: Result) -> None:
        record = result[0]
        content = self.digests.get(str(path))
        if content is not None and not (record is not None and _reads_other_files(record)):
            self.entries[str(path)] = (content, result)

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.part")
        partial.write_bytes(pickle.dumps((self.context, self.entries), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, self.file)


def _reads_other_files(record: ItemRecord) -> bool:
    item = record.item
    return any(form.file for form in item.forms) or bool(item.result.sample and not item.result.sample_url)
