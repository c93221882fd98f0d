"""A site is replaced whole or not at all. A build writes into a new folder beside the target and
swaps it in only when it succeeded; a failed, killed or refused build leaves the previous site exactly
as it was. One build at a time writes to a target: the others wait for it, then refuse with a message.

    with StagedSite(Path("site")) as staged:
        build_into(staged.path)
        staged.commit()          # without commit, the staging folder is removed

The swap is one rename(2) where the target does not exist yet, and an atomic exchange
(renameat2 RENAME_EXCHANGE, Linux) where it does; elsewhere two renames in a row.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import time
from pathlib import Path
from types import TracebackType

WAIT_SECONDS = 120
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class BuildBusy(Exception):
    """Another build holds the target; the message says so in Chinese."""


class StagedSite:
    def __init__(self, target: Path, wait: float = WAIT_SECONDS):
        self.target = target.absolute()
        self.wait = wait
        prefix = f".{self.target.name}"
        self.path = self.target.with_name(f"{prefix}.staging-{os.getpid()}")
        self._pattern = f"{prefix}.staging-*"
        self._lock_path = self.target.with_name(f"{prefix}.lock")
        self._lock: int | None = None
        self.committed = False

    def __enter__(self) -> StagedSite:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._acquire()
        try:
            for stale in self.target.parent.glob(self._pattern):  # left by a build that was killed
                shutil.rmtree(stale, ignore_errors=True)
            self.path.mkdir()
        except BaseException:
            self._release()
            raise
        return self

    def _acquire(self) -> None:
        descriptor = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._lock = descriptor
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(descriptor)
                    raise BuildBusy(
                        f"另一个构建正在写 {self.target}，等了 {self.wait:.0f} 秒仍未结束：请等它完成后再构建"
                    ) from None
                time.sleep(0.2)

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the lock, as a killed process's does
            self._lock = None

    def commit(self) -> None:
        """Swap the finished staging folder in for the target; the previous site is then removed."""
        if self.target.exists():
            _exchange(self.path, self.target)
            shutil.rmtree(self.path, ignore_errors=True)  # the previous site, now at the staging path
        else:
            os.rename(self.path, self.target)
        self.committed = True

    def abort(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if not self.committed:
                self.abort()
        finally:
            self._release()


def _exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically where the kernel can; otherwise with two renames."""
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) if libc_name else None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS):
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code), str(b))
    aside = a.with_name(a.name + ".previous")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
