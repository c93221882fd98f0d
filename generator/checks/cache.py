"""Remembered check results: an item file whose bytes, and everything its own checks read besides
(departments.yml, the set of items, the generator's code, the project's settings), are as at the last
check gets the same record and findings without being loaded again. Items with form or result-sample
files are always checked: their findings depend on files the key does not cover.

The cache is data (JSON lines), never code: each entry is signed with this machine's secret
(`registry.digest.local_signer`), and an entry that does not verify — edited, truncated, written
elsewhere — is checked again, reported once. A cache folder that cannot be read or written is no cache.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any

import orjson

from generator.findings import Finding, Severity
from generator.models.base import is_link
from generator.registry.digest import Signer, digest, local_signer
from generator.registry.loader import ItemRecord, Source
from generator.registry.tree import DEPARTMENTS_FILE
from generator.registry.yamldoc import YamlDocument

FORMAT = 2
Result = tuple[ItemRecord | None, list[Finding]]
log = logging.getLogger("mkdocs.plugins.registry")


class CheckCache:
    def __init__(self, file: Path, root: Path, item_refs: frozenset[str], generator_digest: bytes):
        self.file = file
        departments = root / DEPARTMENTS_FILE
        self.context = digest(
            [
                str(FORMAT).encode(),
                str(root).encode(),
                generator_digest,
                "\n".join(sorted(item_refs)).encode(),
                departments.read_bytes() if departments.is_file() and not departments.is_symlink() else b"",
            ]
        ).hex()
        self.signer = local_signer()
        self.entries: dict[str, bytes] = {}  # path → its signed line, for the next check
        self.digests: dict[str, str] = {}
        self.rejected = 0
        self.previous = self._load()

    def _load(self) -> dict[str, bytes]:
        if self.signer is None:
            return {}
        try:
            lines = self.file.read_bytes().split(b"\n")
        except OSError:
            return {}
        if not lines or lines[0] != _header(self.context):
            return {}
        entries = {}
        for line in lines[1:]:
            if line:
                try:
                    entries[orjson.loads(line.rpartition(b"\t")[0])[0]] = line
                except (orjson.JSONDecodeError, IndexError, TypeError):
                    self.rejected += 1
        return entries

    def get(self, path: Path) -> Result | None:
        try:
            content = self.digests[str(path)] = digest([path.read_bytes()]).hex()
        except OSError:
            return None
        line = self.previous.get(str(path))
        if line is None:
            return None
        result = _verified(self.signer, line, str(path), content)
        if result is None:
            self.rejected += 1
            return None
        self.entries[str(path)] = line
        return result

    def put(self, path: Path, result: Result) -> None:
        record, findings = result
        content = self.digests.get(str(path))
        if self.signer is None or content is None or (record is not None and _reads_other_files(record)):
            return
        body = orjson.dumps([str(path), content, _record_data(record), [_finding_data(f) for f in findings]])
        self.entries[str(path)] = body + b"\t" + self.signer.sign([body]).hex().encode()

    def save(self) -> None:
        if self.rejected:
            log.info(f"检查缓存中有 {self.rejected} 条记录校验不通过（被改动或已损坏），这些事项已重新检查")
        if self.signer is None:
            return
        data = b"\n".join([_header(self.context), *self.entries.values()]) + b"\n"
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.part")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, self.file)
        except OSError as error:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            log.info(f"检查缓存无法写入（{error.strerror}）：下次检查会全部重新进行")


def _header(context: str) -> bytes:
    return orjson.dumps({"format": FORMAT, "context": context})


def _verified(signer: Signer | None, line: bytes, path: str, content: str) -> Result | None:
    body, _, signature = line.rpartition(b"\t")
    try:
        if signer is None or not signer.verifies(bytes.fromhex(signature.decode()), [body]):
            return None
        shown, digest_of_file, record, findings = orjson.loads(body)
        if shown != path or digest_of_file != content:
            return None
        return _record(record), [Finding(f[0], f[1], f[2], f[3], Severity(f[4]), f[5], f[6]) for f in findings]
    except (ValueError, TypeError, KeyError, orjson.JSONDecodeError):
        return None


def _finding_data(finding: Finding) -> list[Any]:
    return [
        finding.path,
        finding.line,
        finding.column,
        finding.code,
        str(finding.severity),
        finding.field,
        finding.message,
    ]


def _record_data(record: ItemRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    doc = record.source.doc
    return {
        "department": record.department_id,
        "slug": record.slug,
        "path": record.source.path,
        "item": record.json().decode(),
        "values": [[list(path), mark] for path, mark in doc.value_marks.items()],
        "keys": [[list(path), mark] for path, mark in doc.key_marks.items()],
    }


def _record(data: dict[str, Any] | None) -> ItemRecord | None:
    if data is None:
        return None
    doc = YamlDocument(None)
    doc.value_marks = {tuple(path): mark for path, mark in data["values"]}
    doc.key_marks = {tuple(path): mark for path, mark in data["keys"]}
    return ItemRecord.from_json(data["department"], data["slug"], data["item"].encode(), Source(data["path"], doc))


def _reads_other_files(record: ItemRecord) -> bool:
    # From the item's JSON: the main process, where this runs, does not validate every item again.
    data = orjson.loads(record.json())
    sample = data["result"].get("sample")
    return any(form.get("file") for form in data["forms"]) or bool(sample and not is_link(sample))
