"""八统一 across partitions: items that share a 基本编码 in different divisions agree on the eight
unified fields. The fields and their comparison are the registry's own (generator/checks/unified.py);
within one division its own check has already compared its items, so only pairs from two divisions
are compared here, each against the first item of its 基本编码 in the portal's order, as there.

A province holds hundreds of thousands of summary rows, too many to keep as models: the first reading
keeps a digest of each field's validated value, and only rows whose digests differ from their
reference are read again and compared by the rule itself. Equal digests are equal values; different
digests are compared, so the rule alone decides what differs.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from generator.checks.unified import describe_difference, unified_differences
from generator.findings import Finding
from generator.models import Item
from generator.portal.catalogue import UNIFIED_MISMATCH
from generator.portal.formats import SUMMARY, Rejected, SummaryRow
from generator.portal.reading import CheckedPartition, SummaryEntry
from generator.registry.labels import label


def unified_findings(partitions: list[CheckedPartition]) -> tuple[list[Finding], dict[int, Rejected]]:
    """The findings, and the partitions whose summary could not be read again (by place)."""
    groups: dict[str, list[SummaryEntry]] = defaultdict(list)
    for checked in partitions:
        for entry in checked.summary:
            groups[entry.catalog_code].append(entry)
    pairs = []
    for entries in groups.values():
        reference = entries[0]
        for other in entries[1:]:
            if other.partition != reference.partition and other.digests != reference.digests:
                pairs.append((other, reference))
    wanted: dict[int, set[int]] = defaultdict(set)
    for other, reference in pairs:
        wanted[other.partition].add(other.line)
        wanted[reference.partition].add(reference.line)
    rows: dict[tuple[int, int], SummaryRow] = {}
    failed: dict[int, Rejected] = {}
    for place, lines in wanted.items():
        try:
            for number, row in partitions[place].summary_rows():
                if number in lines:
                    rows[place, number] = row
        except Rejected as rejected:  # changed since it was checked: the portal leaves it out
            failed[place] = rejected
    findings = []
    for other, reference in pairs:
        if other.partition in failed or reference.partition in failed:
            continue
        mine, theirs = rows[other.partition, other.line], rows[reference.partition, reference.line]
        for name in unified_differences(mine.unified, theirs.unified):
            a, b = getattr(mine.unified, name), getattr(theirs.unified, name)
            findings.append(_finding(partitions, other, mine, reference, theirs, name, describe_difference(name, a, b)))
            findings.append(_finding(partitions, reference, theirs, other, mine, name, describe_difference(name, b, a)))
    return findings, failed


def _finding(
    partitions: list[CheckedPartition],
    entry: SummaryEntry,
    row: SummaryRow,
    partner_entry: SummaryEntry,
    partner: SummaryRow,
    name: str,
    difference: str,
) -> Finding:
    here, there = partitions[entry.partition].partition, partitions[partner_entry.partition].partition
    line = row.lines.get(name)
    place = f"{row.file} 第 {line} 行" if line else row.file
    message = (
        f"{here.name}（{here.code}）{row.department}的 {row.ref}（{place}，实施编码 {row.code}）的"
        f"{label(Item, (name,))} ({name}) 与{there.name}（{there.code}）{partner.department}的 {partner.ref}"
        f"（实施编码 {partner.code}）不一致，两者基本编码都是 {row.catalog_code}：{difference}。"
        "八统一要求各地一致，请两地核对后统一"
    )
    path: Path = partitions[entry.partition].folder / SUMMARY
    return Finding(str(path), entry.line, 1, UNIFIED_MISMATCH.code, UNIFIED_MISMATCH.severity, name, message)
