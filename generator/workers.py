"""Work spread over the cores, one way for the whole project: forked processes that share what the
parent process set up before the fork (a registry, a site model) instead of receiving it, from a
frozen heap so the collector never visits — and so copies — the objects they share."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import Any

Task = tuple[Callable[..., Any], tuple[Any, ...]]


def worker_count(setting: int | None) -> int:
    """`setting`: the configured number of workers, 0 or None for one per core."""
    return setting if setting and setting > 0 else (os.cpu_count() or 1)


@contextmanager
def frozen() -> Iterator[None]:
    """Forked processes that inherit a frozen heap never have the collector visit it: a visit would
    touch, and so copy, every object they share with this process."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading builds millions of small acyclic objects; the cycle collector would rescan them all,
    again and again, for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Pool:
    """`with Pool(workers) as run:` then `run(tasks)` yields each task's result in task order, from
    forked workers or, with one worker, from this process. Whatever the caller set in module globals
    before entering is what the workers see."""

    def __init__(self, workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()):
        self.workers = workers
        self.initializer, self.initargs = initializer, initargs  # run once in each worker, not in this process
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Callable[[list[Task]], Iterator[Any]]:
        if self.workers > 1:
            with frozen():
                self.executor = ProcessPoolExecutor(
                    self.workers,
                    mp_context=multiprocessing.get_context("fork"),
                    initializer=self.initializer,
                    initargs=self.initargs,
                )
                self.executor.submit(int).result()  # the workers start now, while the heap is frozen
        return self.run

    def run(self, tasks: list[Task]) -> Iterator[Any]:
        if self.executor is None:
            return (function(*args) for function, args in tasks)
        return self.executor.map(_call, tasks)

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown()


def _call(task: Task) -> Any:
    function, args = task
    return function(*args)


def start_process(target: Callable[..., None], *args: Any) -> BaseProcess:
    """A forked process of its own (beside a pool), started from a frozen heap."""
    process = multiprocessing.get_context("fork").Process(target=target, args=args, daemon=True)
    with frozen():
        process.start()
    return process
