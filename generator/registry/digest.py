"""Digests that say whether anything a cached result was made from has changed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def digest(parts: Iterable[bytes]) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))  # no two sequences of parts hash alike
        h.update(part)
    return h.digest()


def folder_digest(*folders: Path) -> bytes:
    """Every file under `folders`, by its path inside the folder and its content."""
    return digest(
        part
        for folder in folders
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for part in (str(path.relative_to(folder)).encode(), path.read_bytes())
    )
