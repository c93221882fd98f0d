"""Loading the registry directory: departments, bundles and one file per item.

Every file is read on its own, so one broken file never hides the findings of the others.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.findings import Finding, Severity
from generator.models import Bundle, BundlesFile, Department, DepartmentsFile, Item
from generator.validation import at, validate
from generator.yamldoc import YamlDocument, load

DEPARTMENTS_FILE = "departments.yml"
BUNDLES_FILE = "bundles.yml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Tags like <script>, </b>, <img …>, <!-- …>: text is text, markup is never wanted in the registry.
MARKUP = re.compile(r"<\s*(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/\s*[A-Za-z][A-Za-z0-9-]*\s*|!--.*?)>", re.S)
PARALLEL_THRESHOLD = 400

M = TypeVar("M", bound=BaseModel)


@dataclass
class Source:
    """A loaded file: where it is and where each of its values stands."""

    path: str
    doc: YamlDocument

    def at(self, loc: tuple, code: str, severity: Severity, message: str) -> Finding:
        return at(self.doc, self.path, loc, code, severity, message)


@dataclass
class ItemRecord:
    department_id: str
    slug: str
    item: Item
    source: Source

    @property
    def ref(self) -> str:
        """The item's reference and address: `department/slug`."""
        return f"{self.department_id}/{self.slug}"


@dataclass
class Registry:
    root: Path
    departments: dict[str, Department] = field(default_factory=dict)
    bundles: list[Bundle] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    departments_source: Source | None = None
    bundles_source: Source | None = None
    department_index: dict[str, int] = field(default_factory=dict)
    bundle_index: dict[str, int] = field(default_factory=dict)

    @property
    def published(self) -> list[ItemRecord]:
        return [record for record in self.items if record.item.published]

    def by_ref(self) -> dict[str, ItemRecord]:
        return {record.ref: record for record in self.items}

    @cached_property
    def item_refs(self) -> frozenset[str]:
        return frozenset(record.ref for record in self.items)


def _markup_findings(source: Source) -> list[Finding]:
    findings = []
    stack: list[tuple[tuple, Any]] = [((), source.doc.data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((loc + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((loc + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, str) and "<" in value and (match := MARKUP.search(value)):
            findings.append(
                source.at(
                    loc,
                    "text.markup",
                    Severity.ERROR,
                    f"文字中含有网页标记 {match.group(0)[:30]}：这里只写纯文字，标记会原样显示，请删去",
                )
            )
    return findings


def _load_file(path: Path, shown: str, model: type[M]) -> tuple[M | None, Source | None, list[Finding]]:
    doc, problems = load(path)
    findings = [Finding(shown, p.line, p.column, p.code, Severity.ERROR, "", p.message) for p in problems]
    if doc is None:
        return None, None, findings
    source = Source(shown, doc)
    if not isinstance(doc.data, dict):
        kind = "列表" if isinstance(doc.data, list) else "单个值"
        findings.append(
            source.at((), "yaml.not-mapping", Severity.ERROR, f"文件的最外层应为映射（“字段: 值”），现在是{kind}：请按模板改写")
        )
        return None, source, findings
    findings += _markup_findings(source)
    instance, more = validate(model, doc, shown)
    return instance, source, findings + more


def load_item_file(path: Path, shown: str) -> tuple[ItemRecord | None, list[Finding]]:
    department_id, slug = path.parent.name, path.stem
    if not SLUG.match(slug):
        return None, [
            Finding(
                shown, 1, 1, "file.name", Severity.ERROR, "",
                f"文件名“{path.name}”不能用作网址：只能用小写字母、数字和连字符，如 food-business-license.yml",
            )
        ]
    item, source, findings = _load_file(path, shown, Item)
    if item is None or source is None:
        return None, findings
    return ItemRecord(department_id, slug, item, source), findings


def _load_item_batch(batch: list[tuple[str, str]]) -> list[tuple[ItemRecord | None, list[Finding]]]:
    return [load_item_file(Path(path), shown) for path, shown in batch]


def item_files(root: Path) -> tuple[list[Path], list[Finding]]:
    files, findings = [], []
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and not entry.name.startswith("."):
            for path in sorted(entry.iterdir()):
                if path.suffix == ".yml" and path.is_file():
                    files.append(path)
                elif path.suffix == ".yaml":
                    findings.append(
                        Finding(str(path), 1, 1, "file.name", Severity.ERROR, "", "事项文件的扩展名应为 .yml：请把 .yaml 改为 .yml")
                    )
        elif entry.suffix in (".yml", ".yaml") and entry.name not in (DEPARTMENTS_FILE, BUNDLES_FILE):
            findings.append(
                Finding(
                    str(entry), 1, 1, "file.location", Severity.ERROR, "",
                    "事项文件应放在部门文件夹中：请移到 items/<部门编号>/ 下",
                )
            )
    return files, findings


def _load_items(files: list[Path], workers: int) -> list[tuple[ItemRecord | None, list[Finding]]]:
    jobs = [(str(path), str(path)) for path in files]
    if workers <= 1 or len(jobs) < PARALLEL_THRESHOLD:
        return _load_item_batch(jobs)
    size = max(50, len(jobs) // (workers * 8))
    batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [result for results in pool.map(_load_item_batch, batches) for result in results]


def load_registry(root: Path, workers: int | None = None) -> tuple[Registry, list[Finding]]:
    """Everything that loads, and a finding for everything that does not."""
    registry = Registry(root)
    findings: list[Finding] = []
    if not root.is_dir():
        return registry, [Finding(str(root), 1, 1, "file.missing", Severity.ERROR, "", "找不到事项目录：请检查 --items 参数")]

    departments_path = root / DEPARTMENTS_FILE
    if departments_path.is_file():
        parsed, source, more = _load_file(departments_path, str(departments_path), DepartmentsFile)
        findings += more
        registry.departments_source = source
        if parsed is not None:
            registry.departments, registry.department_index = _unique(parsed.departments, "departments", source, findings)
    else:
        findings.append(
            Finding(str(departments_path), 1, 1, "file.missing", Severity.ERROR, "", "缺少部门文件 departments.yml：请创建它并登记各部门")
        )

    bundles_path = root / BUNDLES_FILE
    if bundles_path.is_file():
        parsed, source, more = _load_file(bundles_path, str(bundles_path), BundlesFile)
        findings += more
        registry.bundles_source = source
        if parsed is not None:
            by_id, registry.bundle_index = _unique(parsed.bundles, "bundles", source, findings)
            registry.bundles = list(by_id.values())

    files, more = item_files(root)
    findings += more
    for record, item_findings in _load_items(files, workers or os.cpu_count() or 1):
        findings += item_findings
        if record is not None:
            registry.items.append(record)
    return registry, findings


def _unique(entries: list, key: str, source: Source | None, findings: list[Finding]) -> tuple[dict, dict[str, int]]:
    """Entries by id and the position of each in its file; a repeated id is a finding at its second place."""
    by_id: dict[str, Any] = {}
    index_of: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.id in by_id and source is not None:
            findings.append(
                source.at((key, index, "id"), "id.duplicate", Severity.ERROR, f"编号 {entry.id} 重复：每个编号只能用一次，请改用另一个编号")
            )
            continue
        by_id[entry.id] = entry
        index_of[entry.id] = index
    return by_id, index_of
