"""Checking a partition's export before the portal uses any of it: the identity against portal.yml,
every document, every summary row and every posting, and that the numbers agree with each other.
A partition that fails is left out of the portal with one finding; the others go on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks.unified import UNIFIED_FIELDS
from generator.finder.index import FIELDS, FORMAT_VERSION, Counts
from generator.portal.config import Partition, PortalConfig
from generator.portal.formats import (
    DOCUMENT_BYTES,
    DOCUMENTS,
    FOLDER,
    MANIFEST,
    MAX_DOCUMENT_LINE,
    MAX_SUMMARY_LINE,
    SUMMARY,
    SUMMARY_BYTES,
    DocumentRow,
    Manifest,
    Posting,
    Rejected,
    SummaryRow,
    parse_line,
    read_lines,
    read_manifest,
    read_postings,
)


@dataclass(frozen=True)
class SummaryEntry:
    """What the 八统一 check keeps of a summary row: enough to decide which rows to compare."""

    partition: int  # the partition's place among the accepted ones
    line: int
    ref: str
    catalog_code: str
    digests: bytes  # 16 bytes per unified field, of its validated value


@dataclass
class CheckedPartition:
    partition: Partition
    folder: Path  # its partition/ folder
    manifest: Manifest
    summary: list[SummaryEntry] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return Counts(self.manifest.documents, list(self.manifest.lengths))

    def documents(self) -> Iterator[DocumentRow]:
        path = self.folder / DOCUMENTS
        total = DOCUMENT_BYTES * self.manifest.documents + MAX_DOCUMENT_LINE
        for number, line in read_lines(path, MAX_DOCUMENT_LINE, total, compressed=True):
            if number > self.manifest.documents:
                raise Rejected(path, number, f"文档比 {MANIFEST} 中说的 {self.manifest.documents} 个多")
            yield parse_line(DocumentRow, path, number, line)

    def summary_rows(self) -> Iterator[tuple[int, SummaryRow]]:
        path = self.folder / SUMMARY
        total = SUMMARY_BYTES * self.manifest.items + MAX_SUMMARY_LINE
        for number, line in read_lines(path, MAX_SUMMARY_LINE, total, compressed=True):
            if number > self.manifest.items:
                raise Rejected(path, number, f"事项比 {MANIFEST} 中说的 {self.manifest.items} 个多")
            yield number, parse_line(SummaryRow, path, number, line)

    def postings(self, sums: list[int] | None = None) -> Iterator[Posting]:
        return read_postings(self.folder, self.manifest, sums)


def export_folder(partition: Partition) -> Path:
    """The partition/ folder: the configured path is the built site or the folder itself. The folder
    must not be a link: the site is an artifact of another job, the portal's machine is not."""
    folder = partition.folder if (partition.folder / MANIFEST).exists() else partition.folder / FOLDER
    if folder.is_symlink():
        raise Rejected(folder, 1, f"{folder} 是符号链接，不是文件夹")
    return folder


def check_partition(partition: Partition, config: PortalConfig, place: int) -> CheckedPartition:
    """The partition's export, read through once and found sound; `place`: its place among those accepted."""
    folder = export_folder(partition)
    manifest = read_manifest(folder)
    _same_identity(folder / MANIFEST, manifest, partition, config)
    checked = CheckedPartition(partition, folder, manifest)
    documents = sum(1 for _ in checked.documents())
    if documents != manifest.documents:
        raise Rejected(
            folder / DOCUMENTS, max(1, documents), f"只有 {documents} 个文档，{MANIFEST} 中说有 {manifest.documents} 个"
        )
    items = 0
    for number, row in checked.summary_rows():
        items += 1
        digests = b"".join(
            hashlib.blake2b(row.unified.model_dump_json(include={name}).encode(), digest_size=16).digest()
            for name in UNIFIED_FIELDS
        )
        checked.summary.append(SummaryEntry(place, number, row.ref, row.catalog_code, digests))
    if items != manifest.items:
        raise Rejected(folder / SUMMARY, max(1, items), f"只有 {items} 个事项，{MANIFEST} 中说有 {manifest.items} 个")
    sums = [0] * len(FIELDS)
    for _ in checked.postings(sums):
        pass
    if sums != list(manifest.lengths):
        raise Rejected(folder / MANIFEST, 1, "各字段的词数与倒排表不符：导出不完整或被改动过")
    return checked


def _same_identity(path: Path, manifest: Manifest, partition: Partition, config: PortalConfig) -> None:
    expected = {
        "区划代码": partition.code,
        "区划名称": partition.name,
        "网站地址": partition.url,
        "索引分片数": config.shards,
    }
    found = {
        "区划代码": manifest.code,
        "区划名称": manifest.name,
        "网站地址": manifest.url,
        "索引分片数": manifest.shards,
    }
    differing = [
        f"{label}为 {found[label]}（门户设置为 {expected[label]}）"
        for label in expected
        if found[label] != expected[label]
    ]
    if manifest.finder_version != FORMAT_VERSION:
        differing.append(f"索引格式为第 {manifest.finder_version} 版（门户为第 {FORMAT_VERSION} 版）")
    if differing:
        raise Rejected(path, 1, "导出与门户设置不一致：" + "；".join(differing), "mismatch")
