"""Remembered check results: an item file whose bytes, and everything its own checks read besides
(departments.yml, the set of items, the generator's code), are as at the last check gets the same
record and findings without being loaded again. Items with form files are always checked: their
findings depend on files the key does not cover.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from generator.findings import Finding
from generator.registry import DEPARTMENTS_FILE, ItemRecord

FORMAT = 1
Result = tuple[ItemRecord | None, list[Finding]]


class CheckCache:
    def __init__(self, file: Path, root: Path, item_refs: frozenset[str], generator_digest: bytes):
        self.file = file
        departments = root / DEPARTMENTS_FILE
        context = hashlib.blake2b(digest_size=20)
        for part in (str(FORMAT), str(root), generator_digest.hex(), "\n".join(sorted(item_refs))):
            context.update(part.encode() + b"\0")
        context.update(departments.read_bytes() if departments.is_file() else b"")
        self.context = context.digest()
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
            digest = self.digests[str(path)] = hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
        except OSError:
            return None
        entry = self.previous.get(str(path))
        if entry is None or entry[0] != digest:
            return None
        self.entries[str(path)] = entry
        return entry[1]

    def put(self, path: Path, result: Result) -> None:
        record = result[0]
        digest = self.digests.get(str(path))
        if digest is not None and not (record is not None and any(form.file for form in record.item.forms)):
            self.entries[str(path)] = (digest, result)

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.part")
        partial.write_bytes(pickle.dumps((self.context, self.entries), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, self.file)
