"""Digests that say whether anything a cached result was made from has changed."""

from __future__ import annotations

import hashlib
import hmac
import os
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


class Signer:
    """Signs cached results with a secret kept outside every project folder, so a cache a pull request
    can touch proves nothing unless this machine wrote it: an edited, truncated or planted entry does not
    verify and is made again."""

    def __init__(self, key: bytes):
        self._key = key

    def sign(self, parts: Iterable[bytes]) -> bytes:
        h = hashlib.blake2b(key=self._key, digest_size=20)
        for part in parts:
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        return h.digest()

    def verifies(self, signature: bytes, parts: Iterable[bytes]) -> bool:
        return hmac.compare_digest(signature, self.sign(parts))


KEY_SIZE = 32


def key_file() -> Path:
    """Where this machine keeps the cache's secret: the user's state folder, never the project's."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "gov-service-guides" / "cache.key"


def local_signer() -> Signer | None:
    """The signer of this machine's caches, or None when no secret can be kept (then nothing is cached)."""
    path = key_file()
    try:
        return Signer(_read_key(path))
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(os.urandom(KEY_SIZE))
        try:
            os.link(partial, path)  # the first process to get here wins; the others read its key
        except FileExistsError:
            pass
        finally:
            partial.unlink(missing_ok=True)
        return Signer(_read_key(path))
    except (OSError, ValueError):
        return None


def _read_key(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as file:
        key = file.read(KEY_SIZE + 1)
    if len(key) != KEY_SIZE:
        raise ValueError("cache key of the wrong size")
    return key
