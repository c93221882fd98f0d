"""Remembered figures of past commits. A commit's registry never changes, so the figures of the registry at
a commit are computed once per version of the generator and kept: the figures page's months and the
bulletins' dates then cost nothing for the history a build has seen before, however long it is. (At 20,000
items, each version of an item file that differs from today's takes about 4 ms to read again.)

Like the build's other caches the file is data, each entry signed with this machine's secret
(`registry.digest.local_signer`); an entry that does not verify is computed again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path

import orjson

from generator.registry.digest import digest, folder_digest, local_signer
from generator.stats.figures import Figures

FORMAT = 1
GENERATOR = Path(__file__).parent.parent


class FigureCache:
    def __init__(self, file: Path):
        self.file = file
        self.header = orjson.dumps({"format": FORMAT, "context": digest([folder_digest(GENERATOR)]).hex()})
        self.signer = local_signer()
        self.entries: dict[str, bytes] = {}  # commit → its signed line
        self.changed = False
        if self.signer is None:
            return
        try:
            lines = file.read_bytes().split(b"\n")
        except OSError:
            return
        if lines[0] == self.header:
            for line in lines[1:]:
                body, _, signature = line.rpartition(b"\t")
                with contextlib.suppress(ValueError, TypeError, IndexError, orjson.JSONDecodeError):
                    if self.signer.verifies(bytes.fromhex(signature.decode()), [body]):
                        self.entries[orjson.loads(body)[0]] = line

    def get(self, commit: str) -> Figures | None:
        line = self.entries.get(commit)
        if line is None:
            return None
        try:
            return Figures(**orjson.loads(line.rpartition(b"\t")[0])[1])
        except (TypeError, IndexError, orjson.JSONDecodeError):
            return None

    def put(self, commit: str, figures: Figures) -> None:
        if self.signer is None or commit in self.entries:
            return
        body = orjson.dumps([commit, dataclasses.asdict(figures)])
        self.entries[commit] = body + b"\t" + self.signer.sign([body]).hex().encode()
        self.changed = True

    def save(self) -> None:
        """Write the entries, if any is new; a folder that cannot be written is no cache."""
        if not self.changed:
            return
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.part")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(b"\n".join([self.header, *self.entries.values()]) + b"\n")
            os.replace(partial, self.file)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
        self.changed = False
