"""Files written whole or not at all: into a temporary file beside the target, renamed over it only
once complete. An interrupted command, a full disk or a killed process never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.text import terminal

REASONS = {
    errno.ENOENT: "找不到这个路径（上级文件夹不存在）",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EISDIR: "这是一个文件夹，这里需要文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "路径中有一段是文件，不是文件夹",
    errno.EFBIG: "文件超过了允许的大小",
    errno.ELOOP: "路径中有符号链接",
}


def describe(error: OSError) -> str:
    """One line for a person: which path, and what is wrong with it, in Chinese."""
    place = f" {terminal(str(error.filename))}" if error.filename else ""
    reason = REASONS.get(error.errno or 0) or terminal(error.strerror or str(error))
    return f"无法读写{place}：{reason}"


def within(root: Path, relative: str) -> Path:
    """`root / relative`, refusing any path that would land outside `root` (`..`, an absolute path).
    Decided on the names alone (no file system calls): it runs for every page a build writes."""
    base = os.path.normpath(root)
    target = os.path.normpath(os.path.join(base, relative))
    if target != base and not target.startswith(base + os.sep):
        raise ValueError(f"path outside {root}: {relative!r}")
    return Path(target)


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """`with replacing(path) as partial:` write `partial`; it becomes `path` when the block ends without
    an error, and is removed otherwise. Errors name `path`, not the temporary file."""
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        os.replace(partial, target)
    except OSError as error:
        if error.filename in (str(partial), partial):
            error.filename = str(target)
        raise
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    with replacing(target) as partial:
        partial.write_text(text, encoding="utf-8")


def write_bytes(target: Path, data: bytes) -> None:
    with replacing(target) as partial:
        partial.write_bytes(data)
