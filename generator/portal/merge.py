"""The portal's finder: one document table and one index over every accepted partition, so a search
on the portal ranks exactly as one build over the union of the partitions would.

Documents are numbered in the portal's order: the first partition's from 0, the next one's after
them, and so on. Addresses become relative to the portal (`../510104/items/…/` or `510104/items/…/`):
the partitions are published on the portal's own domain, where the browser's finder follows them.
The shards are merged one at a time, reading every partition's postings as one sorted stream each,
and weighted with the finder's own code over the summed Counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from generator.finder.chinese import opencc_license
from generator.finder.index import Counts, FacetNames, FinderDoc, Postings, shard_file, support_files, table_chunks
from generator.portal.formats import DocumentRow, Posting
from generator.portal.reading import CheckedPartition
from generator.site.urls import relative

SEPARATOR = " · "  # between a division's name and a department's or a page's


def site_path(url: str) -> str:
    """The path of an address, as the site's relative links write it: "510104/" for …/510104/."""
    return urlsplit(url).path.lstrip("/")


def portal_document(row: DocumentRow, division: str, prefix: str, portal: str) -> FinderDoc:
    """A partition's document as the portal shows it: its addresses relative to the portal, its
    department (a facet) and the title of anything but an item named with the division."""
    display = row.display.model_dump(exclude_none=True)
    if "c" in display:
        display["c"] = relative(prefix + display["c"], portal)
    facets: dict[str, object] = {}
    if row.facets is not None:
        facets = row.facets.model_dump()
        facets["department"] = division + SEPARATOR + row.facets.department
    title = row.title if row.kind == "item" else division + SEPARATOR + row.title
    return FinderDoc(row.kind, title, relative(prefix + row.url, portal), {}, facets, display)


def portal_documents(partitions: list[CheckedPartition], portal_url: str) -> Iterator[FinderDoc]:
    portal = site_path(portal_url)
    for checked in partitions:
        prefix = site_path(checked.partition.url)
        for row in checked.documents():
            yield portal_document(row, checked.partition.name, prefix, portal)


def write_table(folder: Path, partitions: list[CheckedPartition], portal_url: str, shards: int) -> None:
    """docs.json written as it is made, one document at a time, after one pass for the facets' names."""
    names = FacetNames.of(portal_documents(partitions, portal_url))
    with (folder / "docs.json").open("w", encoding="utf-8") as out:
        for chunk in table_chunks(shards, names, portal_documents(partitions, portal_url)):
            out.write(chunk)
    for name, content in support_files().items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "LICENSE-OpenCC.txt").write_text(opencc_license(), encoding="utf-8")


def summed_counts(partitions: list[CheckedPartition]) -> Counts:
    counts = Counts()
    for checked in partitions:
        counts.add(checked.counts)
    return counts


class _Stream:
    """A partition's postings, one line ahead."""

    def __init__(self, lines: Iterator[Posting], offset: int):
        self.lines, self.offset = lines, offset
        self.next: Posting | None = next(lines, None)

    def take(self, shard: int, into: Postings) -> None:
        while self.next is not None and self.next[0] == shard:
            _, term, flat = self.next
            offset = self.offset
            into.setdefault(term, []).extend(
                (flat[i] + offset, flat[i + 1], flat[i + 2], flat[i + 3]) for i in range(0, len(flat), 4)
            )
            self.next = next(self.lines, None)


def write_shards(folder: Path, partitions: list[CheckedPartition], shards: int) -> int:
    """Every shard, merged from the partitions in the portal's order (so documents stay ascending within
    each term); only one shard's postings are in memory at a time. Returns the bytes written."""
    counts = summed_counts(partitions)
    streams, offset = [], 0
    for checked in partitions:
        streams.append(_Stream(checked.postings(), offset))
        offset += checked.manifest.documents
    written = 0
    for shard in range(shards):
        merged: Postings = {}
        for stream in streams:
            stream.take(shard, merged)
        text = shard_file(merged, counts)
        (folder / f"shard-{shard}.json").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
    return written
