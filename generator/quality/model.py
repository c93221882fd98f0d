"""质量报告: per department, its items, its findings by rule and the share of its items without findings —
and, against an earlier revision, what got better or worse. What a province sends each district, made
from the same findings as `check`.

A finding belongs to the department whose folder holds the file; a finding in departments.yml to the
department it is about, one in bundles.yml to the bundle's lead department; the rest (registry.yml, a
file outside any folder) to the registry's common files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.findings import Finding, Report, Severity
from generator.registry.loader import BUNDLES_FILE, DEPARTMENTS_FILE, Registry

COMMON = ""
COMMON_NAME = "登记册公共文件"
_ENTRY = re.compile(r"^(departments|bundles)\[(\d+)\]")


@dataclass
class DepartmentQuality:
    id: str
    name: str
    items: int = 0
    clean: int = 0
    findings: list[Finding] = field(default_factory=list)

    def by_rule(self, severity: Severity) -> Counter[str]:
        return Counter(f.code for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def clean_share(self) -> float | None:
        return self.clean / self.items if self.items else None


@dataclass
class Quality:
    """The registry's quality at one revision: its departments in the order of departments.yml, then
    folders of departments that are not registered, then the common files."""

    departments: list[DepartmentQuality]
    item_names: dict[str, str]  # shown path of an item file → 事项名称（子项名称）

    def get(self, department_id: str) -> DepartmentQuality | None:
        return next((d for d in self.departments if d.id == department_id), None)

    @property
    def total(self) -> DepartmentQuality:
        every = DepartmentQuality("*", "合计")
        for department in self.departments:
            every.items += department.items
            every.clean += department.clean
            every.findings += department.findings
        return every


@dataclass
class QualityReport:
    registry: str  # the items folder, as shown
    now: Quality
    since: str | None = None  # the revision compared with
    before: Quality | None = None

    def previous(self, department_id: str) -> DepartmentQuality | None:
        return self.before.get(department_id) if self.before else None


def _finding_key(finding: Finding) -> tuple[str, str, str]:
    return finding.path, finding.code, finding.field


def fixed_and_new(now: DepartmentQuality, before: DepartmentQuality | None) -> tuple[int, int]:
    """How many of the department's findings went away and how many appeared (matched by file, rule and
    field, so a finding that only moved to another line is neither)."""
    old = Counter(_finding_key(f) for f in before.findings) if before else Counter()
    new = Counter(_finding_key(f) for f in now.findings)
    return sum((old - new).values()), sum((new - old).values())


def measure(registry: Registry, report: Report, shown_root: str, *, under_root: bool = False) -> Quality:
    """The quality of a checked registry, its findings' paths shown as `shown_root/department/file.yml`.
    `under_root`: the report's paths are already relative to the items folder (a registry read from git)."""
    root = registry.root.resolve()
    departments: dict[str, DepartmentQuality] = {
        department.id: DepartmentQuality(department.id, department.name)
        for department in sorted(registry.departments.values(), key=lambda d: registry.department_index[d.id])
    }
    by_position = {position: department_id for department_id, position in registry.department_index.items()}
    leads = {registry.bundle_index[bundle.id]: bundle.lead for bundle in registry.bundles}

    def department(department_id: str) -> DepartmentQuality:
        if department_id not in departments:
            name = COMMON_NAME if department_id == COMMON else f"{department_id}（未登记的部门）"
            departments[department_id] = DepartmentQuality(department_id, name)
        return departments[department_id]

    for ref in sorted(registry.item_refs):
        department(ref.split("/", 1)[0]).items += 1
    records = registry.by_ref()
    item_names = {
        f"{shown_root}/{ref}.yml": record.brief.name + (f"（{record.brief.sub_name}）" if record.brief.sub_name else "")
        for ref, record in records.items()
    }
    dirty: set[str] = set()
    for finding in report.findings:
        parts = _under(finding.path) if under_root else _relative(finding.path, root)
        shown = f"{shown_root}/{'/'.join(parts)}" if parts else finding.path
        finding = Finding(
            shown, finding.line, finding.column, finding.code, finding.severity, finding.field, finding.message
        )
        owner = COMMON
        if len(parts) == 2:
            owner = parts[0]
            dirty.add(f"{parts[0]}/{PurePosixPath(parts[1]).stem}")
        elif parts in ((DEPARTMENTS_FILE,), (BUNDLES_FILE,)) and (match := _ENTRY.match(finding.field)):
            position = int(match.group(2))
            owner = (by_position if match.group(1) == "departments" else leads).get(position, COMMON)
        department(owner).findings.append(finding)
    for ref in registry.item_refs:
        if ref not in dirty:
            department(ref.split("/", 1)[0]).clean += 1
    ordered = [d for d in departments.values() if d.id != COMMON] + (
        [departments[COMMON]] if COMMON in departments else []
    )
    for entry in ordered:
        entry.findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    return Quality(ordered, item_names)


def _relative(path: str, root: Path) -> tuple[str, ...]:
    """A finding's path as parts under the items folder; () for a file outside it."""
    try:
        return Path(path).resolve().relative_to(root).parts
    except ValueError:
        return ()


def _under(path: str) -> tuple[str, ...]:
    relative = PurePosixPath(path)
    return () if relative.is_absolute() or ".." in relative.parts else relative.parts
