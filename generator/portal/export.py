"""`python -m generator partition`: what a division's site publishes for the portal, in `partition/`
inside the site, run after `python -m generator build` in the same job.

It reads the registry again (with the build's check cache, so it does not check twice) and makes the
finder's documents exactly as the build did: items and 一件事 from the site model, the handwritten
pages and bulletins from the site's own docs.json (their text is their title and description). The
document table these give must be the site's docs.json byte for byte; otherwise the site was not built
from this registry, and nothing is published.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import orjson

from generator.checks import check_registry
from generator.checks.unified import UNIFIED_FIELDS
from generator.engines.build import options_for
from generator.engines.project import ConfigError, ProjectConfig
from generator.files import describe, within
from generator.finder.documents import extra_documents, item_document, page_document
from generator.finder.index import FIELDS, FORMAT_VERSION, FinderDoc, postings, table_files
from generator.finder.tokenize import shard_of
from generator.portal.config import Partition, PortalConfig
from generator.portal.formats import DOCUMENTS, FOLDER, FORMAT, MANIFEST, POSTINGS, SUMMARY, VERSION
from generator.site.model import SiteModel, build_model
from generator.site.pipeline import FINDER_DIR
from generator.views import ItemView
from generator.workers import worker_count


class ExportError(Exception):
    """Nothing was published; the message says why and what to do, in Chinese."""


@dataclass
class Exported:
    folder: Path
    documents: int
    items: int
    sizes: dict[str, int]  # file name → bytes


def export_partition(config_file: Path, site: Path, portal: PortalConfig, code: str) -> Exported:
    partition = portal.partition(code)
    if partition is None:
        known = "、".join(entry.code for entry in portal.partitions)
        raise ExportError(f"{portal.path} 中没有区划代码为 {code} 的地区（有 {known}）：请检查 --code")
    try:
        project = ProjectConfig.load(config_file)
    except ConfigError as error:
        raise ExportError(str(error)) from None
    site_url = project.site_url if project.site_url.endswith("/") else project.site_url + "/"
    if site_url != partition.url:
        raise ExportError(
            f"{config_file} 的 site_url 是 {site_url}，{portal.path} 中 {partition.name} 的网站地址是 {partition.url}："
            "两处改成一致后重新构建网站，门户的链接才能到达这个地区的页面"
        )
    table_path = site / FINDER_DIR / "docs.json"
    try:
        table_text = table_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ExportError(f"{table_path} 读不出来：请先用 python -m generator build 生成这个地区的网站") from None
    options = options_for(project)
    check_cache = options.cache_dir / "checked.jsonl" if options.cache_dir else None
    registry, report = check_registry(
        options.registry_dir, worker_count(options.workers), check_cache, options.settings_file
    )
    if not report.ok:
        raise ExportError(f"登记册有 {len(report.errors)} 个错误（python -m generator check 列出它们）：没有导出")
    model = build_model(registry, options.site_url)
    docs = _documents(model, table_text)
    if docs is None or table_files(docs)["docs.json"] != table_text:
        raise ExportError(
            f"{site} 不是用这个登记册生成的（或生成之后登记册有改动）：请先重新生成网站，再运行 partition"
        )
    shown_root = _shown_root(options.registry_dir, project.root)
    return _write(site, partition, portal.shards, docs, [_summary(view, shown_root) for view in model.items])


def _documents(model: SiteModel, table_text: str) -> list[FinderDoc] | None:
    """The finder's documents in the build's order: items, 一件事, paths, 常见问题, then the engine's pages."""
    docs = [item_document(view) for view in model.items] + extra_documents(model.items, model.bundles, model.paths)
    try:
        rows = json.loads(table_text)["docs"][len(docs) :]
        docs += [page_document(row["k"], row["t"], row["u"], row.get("s", "")) for row in rows]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return docs


def _shown_root(registry_dir: Path, project_root: Path) -> str:
    """The registry folder as the division's repository names it (items/ …), for the portal's messages."""
    try:
        return registry_dir.resolve().relative_to(project_root.resolve()).as_posix() + "/"
    except ValueError:
        return ""


def _summary(view: ItemView, shown_root: str) -> dict:
    record, item = view.record, view.item
    doc = record.source.doc
    return {
        "ref": view.ref,
        "code": item.code,
        "catalog_code": item.catalog_code,
        "credit_code": view.department.credit_code,
        "department": view.department.name,
        "file": f"{shown_root}{view.ref}.yml",
        "lines": {field: doc.locate((field,))[0] for field in UNIFIED_FIELDS} if doc is not None else {},
        "unified": item.model_dump(mode="json", include=set(UNIFIED_FIELDS)),
    }


def _document_row(doc: FinderDoc) -> dict:
    row: dict = {"kind": doc.kind, "title": doc.title, "url": doc.url}
    if doc.kind == "item":
        row["facets"] = doc.facets
    row["display"] = doc.display
    return row


def _gzip(path: Path) -> gzip.GzipFile:
    return gzip.GzipFile(path, "wb", compresslevel=6, mtime=0)  # mtime 0: the same export, the same bytes


def _write(site: Path, partition: Partition, shards: int, docs: list[FinderDoc], summary: list[dict]) -> Exported:
    """Into a folder beside the target, renamed over it once complete: the portal never reads half an export."""
    target = within(site, FOLDER)
    for stale in site.glob(f".{FOLDER}.staging-*"):  # left by an export that was killed
        shutil.rmtree(stale, ignore_errors=True)
    staging = site / f".{FOLDER}.staging-{os.getpid()}"
    staging.mkdir()
    try:
        with _gzip(staging / DOCUMENTS) as out:
            for doc in docs:
                out.write(orjson.dumps(_document_row(doc)) + b"\n")
        with _gzip(staging / SUMMARY) as out:
            for row in summary:
                out.write(orjson.dumps(row) + b"\n")
        found, counts = postings(docs, 0)
        by_shard: dict[int, list[str]] = defaultdict(list)
        for term in found:
            by_shard[shard_of(term, shards)].append(term)
        with _gzip(staging / POSTINGS) as out:
            for shard in sorted(by_shard):
                for term in sorted(by_shard[shard]):
                    flat = [number for entry in found[term] for number in entry]
                    out.write(orjson.dumps([shard, term, flat]) + b"\n")
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "code": partition.code,
            "name": partition.name,
            "url": partition.url,
            "shards": shards,
            "finder_version": FORMAT_VERSION,
            "fields": [list(entry) for entry in FIELDS],
            "documents": counts.documents,
            "lengths": counts.lengths,
            "items": len(summary),
        }
        (staging / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2) + b"\n")
        sizes = {path.name: path.stat().st_size for path in sorted(staging.iterdir())}
        shutil.rmtree(target, ignore_errors=True)
        os.rename(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ExportError(f"{describe(error)}：没有导出") from None
    return Exported(target, len(docs), len(summary), sizes)
