"""Writing what the registry adds to a built site: every guide and checklist, the open-data files
and the finder's index, on every core.

The open-data exports start as soon as the model exists, in forked processes of their own
(`Exports`), so they run beside the engine's rendering. Then one pool of forked workers (they share
the site model instead of receiving it) runs two phases:

1. item runs: each run of items writes its pages (from the shells, or from the page cache) and
   collects its finder postings into a spill file per group of shards;
2. shard groups: each group merges its spill files in document order and, with the counts of the
   whole collection, writes its shards.

The output does not depend on the number of workers or on the cache: runs, groups and documents
keep one order whatever process handles them.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.exports import FORMATS
from generator.files import describe, within
from generator.finder.chinese import opencc_license
from generator.finder.documents import item_document
from generator.finder.index import (
    Counts,
    FinderDoc,
    Postings,
    postings,
    shard_count,
    shard_file,
    table_files,
)
from generator.finder.tokenize import shard_of
from generator.registry.loader import Registry, keep_parsed
from generator.site.cache import PageCache
from generator.site.model import SiteModel
from generator.site.pages import PageSpec
from generator.site.render import Renderer
from generator.site.shell import fill
from generator.views import ItemView
from generator.workers import Pool, start_process

RUN_SIZE = 250  # items per task: small enough to keep both cores busy to the end
KEEP_PARSED = 1024  # items a worker or an export process keeps validated at once
SHARD_GROUPS = 8
FINDER_DIR = "finder/data"
DATA_DIR = "data"


@dataclass
class Publication:
    """Everything the workers read: set before the pool forks."""

    site_dir: Path
    model: SiteModel
    registry: Registry
    renderer: Renderer
    shells: dict[str, str]  # page kind → the theme's page around the markers
    pages: dict[str, list[PageSpec]]  # item ref → its guide and checklist
    extra_docs: list[FinderDoc]  # 一件事, bulletins and pages: numbered after the items
    cache: PageCache | None
    previous: Path | None = None  # the site this build replaces: its unchanged pages are linked, not written
    spill: Path = field(default=Path())
    docs: list[FinderDoc] = field(default_factory=list)  # every finder document, items first


@dataclass
class Published:
    rendered: int = 0  # item pages rendered this time
    reused: int = 0  # item pages taken from the cache
    used: dict[str, str] = field(default_factory=dict)  # the cache's pages this build used: key → signature
    seconds: dict[str, float] = field(default_factory=dict)  # phase → wall seconds


_job: Publication | None = None


def publish(job: Publication, workers: int) -> Published:
    global _job
    result = Published()
    started = time.perf_counter()
    job.docs = [item_document(view) for view in job.model.items] + job.extra_docs
    shards = shard_count(len(job.docs))
    counts = Counts()
    with tempfile.TemporaryDirectory(prefix="gov-finder-") as spill:
        job.spill = Path(spill)
        _job = job
        try:
            runs = [
                (start, min(start + RUN_SIZE, len(job.model.items)))
                for start in range(0, len(job.model.items), RUN_SIZE)
            ]
            with Pool(workers, initializer=keep_parsed, initargs=(KEEP_PARSED,)) as run:
                for outcome in run([(_item_run, (start, end, shards)) for start, end in runs]):
                    result.rendered += outcome.rendered
                    result.reused += outcome.reused
                    counts.add(outcome.counts)
                    result.used.update(outcome.used)
                    if job.cache is not None:
                        job.cache.rejected += outcome.rejected
                result.seconds["item pages"] = time.perf_counter() - started
                extra, extra_counts = postings(job.extra_docs, len(job.model.items))
                counts.add(extra_counts)
                _spill(job.spill, len(job.model.items), extra, shards)
                list(run([(_shard_group, (group, shards, counts)) for group in range(min(SHARD_GROUPS, shards))]))
                result.seconds["finder shards"] = time.perf_counter() - started - sum(result.seconds.values())
        finally:
            _job = None
    folder = job.site_dir / FINDER_DIR
    for name, content in table_files(job.docs).items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "LICENSE-OpenCC.txt").write_text(opencc_license(), encoding="utf-8")
    if job.cache is not None:
        job.cache.save(result.used)
    result.seconds["finder table and cache upkeep"] = time.perf_counter() - started - sum(result.seconds.values())
    return result


@dataclass
class _RunOutcome:
    rendered: int
    reused: int
    used: dict[str, str]
    counts: Counts
    rejected: int = 0  # cached pages that did not verify


def _item_run(start: int, end: int, shards: int) -> _RunOutcome:
    job = _current()
    outcome = _RunOutcome(0, 0, {}, Counts())
    cache = job.cache
    for view in job.model.items[start:end]:
        for page in job.pages[view.ref]:
            target = within(job.site_dir, page.url) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            key = cache.key(view, page.kind) if cache is not None else None
            previous = job.previous / page.url / "index.html" if job.previous is not None else None
            if cache is not None and key is not None and cache.copy_to(key, target, previous):
                outcome.reused += 1
                outcome.used[key] = cache.signatures[key]
                continue
            html = fill(job.shells[page.kind], page, job.renderer.render(page), job.renderer.structured_data(page))
            data = html.encode("utf-8")
            target.write_bytes(data)
            outcome.rendered += 1
            if cache is not None and key is not None and (signature := cache.store(key, data)):
                outcome.used[key] = signature
    if cache is not None:
        outcome.rejected, cache.rejected = cache.rejected, 0
    found, outcome.counts = postings(job.docs[start:end], start)
    _spill(job.spill, start, found, shards)
    return outcome


def _group_of(shard: int, shards: int) -> int:
    return shard * min(SHARD_GROUPS, shards) // shards


def _spill(folder: Path, first_ref: int, found: Postings, shards: int) -> None:
    """One file per group of shards, named by the run's first document so groups merge in order."""
    groups: dict[int, dict[int, Postings]] = {}
    for term, entries in found.items():
        shard = shard_of(term, shards)
        groups.setdefault(_group_of(shard, shards), {}).setdefault(shard, {})[term] = entries
    for group, part in groups.items():
        path = folder / f"{group}" / f"{first_ref:09d}.pickle"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))


def _shard_group(group: int, shards: int, counts: Counts) -> None:
    job = _current()
    merged: dict[int, Postings] = {}
    folder = job.spill / str(group)
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        for shard, part in pickle.loads(path.read_bytes()).items():
            into = merged.setdefault(shard, {})
            for term, entries in part.items():
                into.setdefault(term, []).extend(entries)
    target = job.site_dir / FINDER_DIR
    target.mkdir(parents=True, exist_ok=True)
    for shard in range(shards):
        if _group_of(shard, shards) == group:
            (target / f"shard-{shard}.json").write_text(shard_file(merged.get(shard, {}), counts), encoding="utf-8")


class ExportFailed(Exception):
    """An open-data file could not be written; the message says so in Chinese."""


class Exports:
    """The open-data files, written by forked processes while the engine renders its pages (with one
    worker, by this process when they are collected). They go to a hidden folder of the site, which
    the engine's clean leaves alone, and move into data/ at the end."""

    STAGING = ".gov-data-staging"
    # Formats per process, about equal in time: the linked-data graph alone takes as long as the rest.
    SPLIT = (("cpsv-ap", "csv"), ("xlsx", "hsds", "json"))

    def __init__(self, registry: Registry, site_url: str, site_dir: Path, workers: int):
        self.registry, self.site_url = registry, site_url
        self.staging = site_dir / self.STAGING
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        self.processes = []
        if workers > 1:
            self.processes = [start_process(self._write_in_child, names) for names in self.SPLIT]

    def _write(self, names: tuple[str, ...]) -> None:
        for name in names:
            FORMATS[name].write(self.registry, self.staging / FORMATS[name].file_name, self.site_url)

    def _write_in_child(self, names: tuple[str, ...]) -> None:
        """In a process of its own: a failure is its exit code and one line, which the build reports."""
        keep_parsed(KEEP_PARSED)
        try:
            self._write(names)
        except OSError as error:
            sys.exit(f"写开放数据失败：{describe(error)}")

    def abandon(self) -> None:
        """The build stopped: the processes end and their files go."""
        for process in self.processes:
            process.terminate()
            process.join()
        shutil.rmtree(self.staging, ignore_errors=True)

    def collect(self, data_dir: Path) -> dict[str, int]:
        """Wait for the files, move them into `data_dir`; file name → size in bytes."""
        if not self.processes:
            self._write(tuple(FORMATS))
        for process in self.processes:
            process.join()
            if process.exitcode != 0:
                raise ExportFailed(f"写开放数据的进程异常退出（退出码 {process.exitcode}）：网站没有发布")
        data_dir.mkdir(parents=True, exist_ok=True)
        sizes = {}
        for export_format in FORMATS.values():
            target = data_dir / export_format.file_name
            os.replace(self.staging / export_format.file_name, target)
            sizes[export_format.file_name] = target.stat().st_size
        shutil.rmtree(self.staging, ignore_errors=True)
        return sizes


def _current() -> Publication:
    assert _job is not None, "publish() sets the job before its workers start"
    return _job


def item_pages(pages: list[PageSpec]) -> dict[str, list[PageSpec]]:
    by_ref: dict[str, list[PageSpec]] = {}
    for page in pages:
        view: ItemView = page.context["view"]
        by_ref.setdefault(view.ref, []).append(page)
    return by_ref


__all__ = ["Exports", "Publication", "Published", "item_pages", "publish"]
