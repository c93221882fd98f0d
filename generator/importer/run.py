"""One import: read the sources, build the items, plan every file, write, check what was written."""

from __future__ import annotations

import datetime
import gc
import re
import sys
from collections import Counter
from collections.abc import Set as AbstractSet
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.files import write_text
from generator.findings import Finding, Severity
from generator.importer import slugs
from generator.importer.mappings import Mapping, detect, resolve
from generator.importer.rows import Incoming, IncomingDepartment, Outcome, read_tables
from generator.importer.sources import SourceError, read_sources
from generator.importer.writer import departments_text, merge, new_item, updated_item
from generator.importer.writer import plain as plain_data
from generator.models import Department, Item
from generator.registry.loader import DEPARTMENTS_FILE, SLUG
from generator.registry.yamldoc import compose, read_text
from generator.workers import Pool, Task, paused_gc, worker_count

ACTIONS = ("created", "updated", "unchanged", "skipped")
ACTION_WORDS = {"created": "新建", "updated": "更新", "unchanged": "不变", "skipped": "跳过"}
_CODE_LINE = re.compile(r"^code:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.M)
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# A Sichuan 地方实施编码: local catalogue code (itself may hold hyphens), division code, 000, credit code, a digit, 业务办理项.
SICHUAN_PATTERN = r"^([0-9A-Z][0-9A-Z-]*)-(\d{12})-000-([0-9A-Z]{18})-(\d)-(\d{2})$"
SICHUAN_CREDIT_GROUP = 3


@dataclass
class Planned:
    action: str
    path: Path
    code: str
    place: str
    text: str | None = None  # an existing file's new text (updated)
    new: tuple[dict, datetime.date, frozenset[str]] | None = None  # a new file's data, date, refused fields

    @property
    def writes(self) -> bool:
        return self.text is not None or self.new is not None

    def render(self) -> str:
        if self.text is not None:
            return self.text
        assert self.new is not None
        return new_item(*self.new)


@dataclass
class ImportResult:
    mapping: str = ""
    plans: list[Planned] = field(default_factory=list)
    source_findings: list[Finding] = field(default_factory=list)
    check_findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the import wants the person to know (encodings …)
    fatal: bool = False
    rows_read: int = 0
    rows_skipped: int = 0
    rows_merged: int = 0

    @property
    def findings(self) -> list[Finding]:
        return self.source_findings + self.check_findings

    def counts(self) -> Counter:
        return Counter(plan.action for plan in self.plans)

    @property
    def exit_code(self) -> int:
        if self.fatal:
            return 2
        errors = any(f.severity is Severity.ERROR for f in self.findings)
        return 1 if errors or self.rows_skipped else 0


class Progress:
    """A progress line on a terminal (stderr), nothing elsewhere."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K" + text)
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def run_import(
    sources: list[Path],
    items: Path,
    mapping_spec: str | None = None,
    dry_run: bool = False,
    settings_file: Path | None = None,
    progress: Progress | None = None,
    today: datetime.date | None = None,
) -> ImportResult:
    progress = progress or Progress(False)
    result = ImportResult()
    with paused_gc():  # millions of cells and values, none of them in a cycle worth collecting
        planned = _read_and_plan(sources, items, mapping_spec, result, today, progress)
    gc.collect()  # the source's cells and rows are done with: not copied into the check's forked workers
    if planned is None:
        return result
    registry, departments_changed = planned
    code_format = _code_format(result, settings_file)
    if code_format is not None:
        result.source_findings.append(code_format)
    if not dry_run:
        _write(result, registry, departments_changed, progress)
        if any(plan.action != "skipped" for plan in result.plans) or departments_changed:
            _check(result, items, settings_file, registry, progress)
    progress.done()
    result.source_findings = sorted(result.source_findings, key=_source_order)
    return result


def _read_and_plan(
    sources: list[Path],
    items: Path,
    mapping_spec: str | None,
    result: ImportResult,
    today: datetime.date | None,
    progress: Progress,
) -> tuple[_Existing, bool] | None:
    """Read the sources and plan every file: the registry as found and whether departments.yml changes, or
    None when the import stops before anything is written."""
    try:
        tables, findings = read_sources(sources, progress)
    except SourceError as error:
        result.fatal = True
        result.source_findings.append(error.finding)
        return None
    result.source_findings += findings
    for table in tables:
        if table.encoding:
            result.notes.append(f"{table.file}：编码为 {table.encoding}")
    mapping = _mapping(mapping_spec, tables, result)
    if mapping is None:
        return None
    result.mapping = mapping.name
    progress(f"按映射“{mapping.name}”读取 {sum(len(t.raw) for t in tables)} 行")
    outcome = read_tables(tables, mapping)
    result.source_findings += outcome.findings + outcome.fatal
    result.rows_read, result.rows_skipped, result.rows_merged = (
        outcome.rows_read,
        outcome.rows_skipped,
        outcome.rows_merged,
    )
    if outcome.fatal:
        result.fatal = True
        return None
    registry = _Existing(items)
    if registry.departments_problem is not None:
        result.fatal = True
        result.source_findings.append(registry.departments_problem)
        return None
    return registry, _plan(outcome, mapping, registry, result, today or datetime.date.today(), progress)


def _mapping(spec: str | None, tables: list, result: ImportResult) -> Mapping | None:
    if spec:
        mapping, findings = resolve(spec)
        if mapping is None or findings:
            result.fatal = True
            result.source_findings += findings
            return None
        return mapping
    mapping = detect(tables)
    if mapping is None:
        result.fatal = True
        first = tables[0] if tables else None
        result.source_findings.append(
            Finding(
                first.place(1) if first else "",
                1,
                0,
                "import.no-mapping",
                Severity.ERROR,
                "",
                "认不出这是哪种表格：前 20 行中没有“事项名称”和“实施编码”这样的表头（本项目导出的表格、国家交换表也认不出）。"
                "请检查表头，或用 --mapping 指定映射文件",
            )
        )
    return mapping


def _source_order(finding: Finding) -> tuple:
    cut = finding.path.rfind("!") if "!" in finding.path else finding.path.rfind(":")
    return (finding.path[:cut] if cut > 0 else finding.path, finding.line, finding.column, finding.code)


class _Existing:
    """What the registry already holds: item files by 实施编码, file names per folder, departments."""

    def __init__(self, root: Path):
        self.root = root
        self.by_code: dict[str, Path] = {}
        self.taken: dict[str, set[str]] = {}
        if root.is_dir():
            for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
                names = self.taken.setdefault(folder.name, set())
                for path in sorted(folder.glob("*.yml")):
                    names.add(path.stem)
                    match = _CODE_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
                    if match:
                        self.by_code.setdefault(match.group(1).strip(), path)
        self.departments_path = root / DEPARTMENTS_FILE
        self.departments_text: str | None = None
        self.departments: list[dict] = []
        # A departments.yml that cannot be read stops the import: a new department would otherwise be
        # written into a fresh file in its place, and every department of the old one lost.
        self.departments_problem: Finding | None = None
        if self.departments_path.exists() or self.departments_path.is_symlink():
            self._read_departments()
        self.new_departments: list[dict] = []
        self.department_updates: dict[str, dict] = {}  # existing department id → the fields to set

    def _read_departments(self) -> None:
        text, problems = read_text(self.departments_path)
        if text is None and [p.code for p in problems] == ["file.empty"]:
            return
        doc, more = compose(text) if text is not None else (None, [])
        if doc is not None and isinstance(doc.data, dict) and isinstance(doc.data.get("departments"), list):
            self.departments_text = text
            self.departments = [d for d in doc.data["departments"] if isinstance(d, dict)]
            return
        first = (problems + more)[0] if problems + more else None
        self.departments_problem = Finding(
            self.departments_path.as_posix(),
            first.line if first else 1,
            first.column if first else 1,
            "import.unreadable-item",
            Severity.ERROR,
            "",
            f"部门文件读不出（{first.message if first else '最外层应为 departments: 列表'}）：没有导入任何内容，"
            "以免新登记的部门覆盖这个文件。请先改正它（python -m generator check），再导入",
        )

    def department_ids(self) -> set[str]:
        return {str(d.get("id")) for d in self.departments + self.new_departments}


def _plan(
    outcome: Outcome,
    mapping: Mapping,
    registry: _Existing,
    result: ImportResult,
    today: datetime.date,
    progress: Progress,
) -> bool:
    by_credit = {str(d.get("credit_code")): d for d in registry.departments if d.get("credit_code")}
    by_name = {str(d.get(key)): d for d in registry.departments for key in ("name", "short_name") if d.get(key)}
    _register_departments(outcome, registry, result, by_credit, by_name)
    incoming_list = list(outcome.items.values())
    departments: dict[str, str] = {}
    for incoming in incoming_list:
        departments[incoming.code] = _department(incoming, mapping, registry, by_credit, by_name, result)
    name_counts = Counter((departments[i.code], slugs.pinyin(str(i.data.get("name", "")))) for i in incoming_list)
    unchanged = _unchanged_files(incoming_list, departments, registry, progress)
    total = len(incoming_list)
    for number, incoming in enumerate(incoming_list, start=1):
        if number % 500 == 0:
            progress(f"整理事项 {number}/{total}")
        department = departments[incoming.code]
        if not department:
            result.plans.append(Planned("skipped", Path(), incoming.code, incoming.row.place()))
            result.rows_skipped += 1
            continue
        incoming.data["department"] = department
        incoming.data["code"] = incoming.code
        existing = registry.by_code.get(incoming.code)
        if existing is not None:
            result.plans.append(_update(existing, incoming, department, result, incoming.code in unchanged))
            continue
        slug = _slug(incoming, department, registry, result, name_counts)
        path = registry.root / department / f"{slug}.yml"
        registry.by_code[incoming.code] = path
        new = (incoming.data, today, frozenset(incoming.refused))
        result.plans.append(Planned("created", path, incoming.code, incoming.row.place(), new=new))
    return bool(registry.new_departments or registry.department_updates)


COMPARED_PER_TASK = 500
_compared: list[tuple[Path, dict, AbstractSet[str]]] = []  # what `_compare` reads: set before the workers fork


def _compare(start: int, end: int) -> list[bool]:
    flags = []
    for path, data, positional in _compared[start:end]:
        text, _ = read_text(path)
        doc = compose(text.split("\n", 1)[1] if text.startswith("#") else text)[0] if text is not None else None
        flags.append(doc is not None and isinstance(doc.data, dict) and _unchanged(doc.data, data, positional))
    return flags


def _unchanged_files(
    incoming_list: list[Incoming], departments: dict[str, str], registry: _Existing, progress: Progress
) -> set[str]:
    """The codes of the items whose existing file the source would leave as it is, decided by forked workers
    when there are many: reading a city's files and comparing them is most of a second import's time."""
    global _compared
    codes = []
    _compared = []
    for incoming in incoming_list:
        path = registry.by_code.get(incoming.code)
        if path is not None and departments[incoming.code]:
            # The data as `_plan` and `_update` will have it: an item stays in its folder, whatever the source says.
            incoming.data["department"] = path.parent.name
            incoming.data["code"] = incoming.code
            codes.append(incoming.code)
            _compared.append((path, incoming.data, incoming.positional))
    tasks: list[Task] = [
        (_compare, (start, min(start + COMPARED_PER_TASK, len(_compared))))
        for start in range(0, len(_compared), COMPARED_PER_TASK)
    ]
    flags: list[bool] = []
    try:
        with Pool(worker_count(None) if len(tasks) > 1 else 1) as run:
            for chunk in run(tasks):
                flags += chunk
                progress(f"比较已有文件 {len(flags)}/{len(_compared)}")
    finally:
        _compared = []
    return {code for code, same in zip(codes, flags, strict=True) if same}


def _update(path: Path, incoming: Incoming, department: str, result: ImportResult, unchanged: bool) -> Planned:
    """The plan for an item that has a file already; `unchanged`: known to stay as it is (read and compared)."""
    text, problems = (None, []) if unchanged else read_text(path)
    if text is None and not unchanged:
        problem = problems[0]
        result.source_findings.append(
            incoming.row.finding(
                "import.unreadable-item",
                Severity.ERROR,
                f"已有的事项文件 {path.as_posix()} 第 {problem.line} 行：{problem.message}。"
                "这一行没有导入，以免覆盖这个文件：请先改正它（python -m generator check），再导入",
            )
        )
        return Planned("skipped", path, incoming.code, incoming.row.place())
    if path.parent.name != department:
        result.source_findings.append(
            incoming.row.finding(
                "import.department-moved",
                Severity.WARNING,
                f"实施编码 {incoming.code} 的事项在 {path.parent.name}/ 中，源表的实施主体却是 {department}："
                "文件没有移动，仍按原部门更新。请核对：实施主体确实变了的话，手工把文件移到 "
                f"{department}/ 并改正其中的 department",
                incoming.header_of("department.name", "department.credit_code", "department.id", "ref"),
            )
        )
        incoming.data["department"] = path.parent.name
    if unchanged:
        return Planned("unchanged", path, incoming.code, incoming.row.place())
    assert text is not None
    doc, _ = compose(text.split("\n", 1)[1] if text.startswith("#") else text)
    if doc is not None and isinstance(doc.data, dict) and _unchanged(doc.data, incoming.data, incoming.positional):
        return Planned("unchanged", path, incoming.code, incoming.row.place())
    try:
        new_text = updated_item(text, incoming.data, incoming.positional)
    except Exception as error:
        result.source_findings.append(
            incoming.row.finding(
                "import.unreadable-item",
                Severity.ERROR,
                f"已有的事项文件 {path.as_posix()} 读不出（{type(error).__name__}）：这一行没有导入，以免覆盖这个文件。"
                "请先改正它的 YAML 格式（python -m generator check），再导入",
            )
        )
        return Planned("skipped", path, incoming.code, incoming.row.place())
    if new_text is None:
        return Planned("unchanged", path, incoming.code, incoming.row.place())
    return Planned("updated", path, incoming.code, incoming.row.place(), new_text)


def _unchanged(current: dict, data: dict, positional: AbstractSet[str]) -> bool:
    """Whether merging would leave the data as it is, decided on plain data (fast) before ruamel reads the file.
    `current` is the file's data, read for this question alone: it is merged into in place, against a copy."""
    before = plain_data(current)
    merge(current, data, Item, positional)
    return current == before


def _register_departments(
    outcome: Outcome, registry: _Existing, result: ImportResult, by_credit: dict, by_name: dict
) -> None:
    """The source's departments table: each department the registry does not have yet, with what the row holds."""
    for department_id, incoming in outcome.departments.items():
        row, data = incoming.row, incoming.data
        if not _IDENTIFIER.match(department_id):
            result.source_findings.append(
                row.finding(
                    "import.bad-department",
                    Severity.ERROR,
                    f"部门编号“{department_id}”不能用作文件夹名：这个部门没有登记。请改为小写字母、数字和连字符（如 scjgj）",
                    incoming.key,
                )
            )
            continue
        existing = next((d for d in registry.departments if str(d.get("id")) == department_id), None)
        if existing is not None:
            _update_department(existing, incoming, registry, result)
            continue
        if department_id in registry.department_ids():
            continue
        given = {**data, "id": department_id}
        entry = {name: given[name] for name in Department.model_fields if given.get(name) is not None}
        registry.new_departments.append(entry)
        for key, index in (("credit_code", by_credit), ("name", by_name), ("short_name", by_name)):
            if entry.get(key):
                index.setdefault(str(entry[key]), entry)
        result.source_findings.append(
            row.finding(
                "import.new-department",
                Severity.WARNING,
                f"新登记部门“{entry.get('name') or department_id}”，编号 {department_id}（也是事项文件夹名），"
                "按部门表的这一行登记：请核对 departments.yml 中它的地址、办公时间、电话和维护人",
                incoming.key,
            )
        )


def _update_department(current: dict, incoming: IncomingDepartment, registry: _Existing, result: ImportResult) -> None:
    """A department departments.yml already has: the fields the row holds are set, the rest kept."""
    merged = deepcopy(current)
    merge(merged, incoming.data, Department)
    if plain_data(merged) == plain_data(current):
        return
    changed = [
        str(Department.model_fields[name].title)
        for name in Department.model_fields
        if plain_data(merged.get(name)) != plain_data(current.get(name))
    ]
    registry.department_updates[str(current.get("id"))] = incoming.data
    result.source_findings.append(
        incoming.row.finding(
            "import.department-updated",
            Severity.WARNING,
            f"部门“{current.get('name') or current.get('id')}”的{'、'.join(changed)}按部门表的这一行更新"
            "（departments.yml 中其余内容不变）：请核对",
            incoming.key,
        )
    )


def _department(
    incoming: Incoming, mapping: Mapping, registry: _Existing, by_credit: dict, by_name: dict, result: ImportResult
) -> str:
    """The department id of an incoming item, registering a new department when the source names one."""
    name, credit, given = incoming.department_name, incoming.department_credit_code, incoming.department_id
    known_ids = registry.department_ids()
    if given:
        if not _IDENTIFIER.match(given):
            result.source_findings.append(
                incoming.row.finding(
                    "import.bad-department",
                    Severity.ERROR,
                    f"部门编号“{given}”不能用作文件夹名：这一行没有导入。请改为小写字母、数字和连字符（如 scjgj），"
                    "或删去部门编号，由实施主体名称生成",
                    incoming.header_of("department.id", "ref"),
                )
            )
            return ""
        if given in known_ids:
            return given
    found = (by_credit.get(credit) if credit else None) or (by_name.get(name) if name else None)
    if found is not None and not given:
        return str(found.get("id"))
    if not name and not credit:
        what = (
            f"部门编号“{given}”没有在 departments.yml 中登记，源表也没有实施主体名称" if given else "这一行没有实施主体"
        )
        result.source_findings.append(
            incoming.row.finding(
                "import.unknown-department",
                Severity.ERROR,
                f"{what}：这一行没有导入。请填写实施主体，或先在 departments.yml 中登记这个部门",
            )
        )
        return ""
    chosen = None if given else mapping.departments.ids.get(name or "")
    if chosen is not None and not _IDENTIFIER.match(chosen):
        result.source_findings.append(
            incoming.row.finding(
                "import.bad-department",
                Severity.ERROR,
                f"映射“{mapping.name}”的 departments.ids 给“{name}”的编号“{chosen}”不能用作文件夹名：这一行没有导入。"
                "请在映射中改为小写字母、数字和连字符（如 scjgj）",
                incoming.header_of("department.name"),
            )
        )
        return ""
    department_id = given or chosen or slugs.department_id(name or credit or "", known_ids)
    entry = {"id": department_id, "name": name or "", "credit_code": credit or ""}
    registry.new_departments.append(entry)
    if credit:
        by_credit[credit] = entry
    if name:
        by_name[name] = entry
    result.source_findings.append(
        incoming.row.finding(
            "import.new-department",
            Severity.WARNING,
            f"新登记部门“{name or credit}”，编号 {department_id}（也是事项文件夹名）：请在 departments.yml 中补全地址、办公时间和电话；"
            "编号可以在映射的 departments.ids 中改",
        )
    )
    return department_id


def _slug(incoming: Incoming, department: str, registry: _Existing, result: ImportResult, name_counts: Counter) -> str:
    taken = registry.taken.setdefault(department, set())
    if incoming.slug:
        if SLUG.match(incoming.slug) and incoming.slug not in taken:
            taken.add(incoming.slug)
            return incoming.slug
        taken_by_another = bool(SLUG.match(incoming.slug))
        result.source_findings.append(
            incoming.row.finding(
                "import.slug-taken" if taken_by_another else "import.bad-slug",
                Severity.WARNING,
                f"文件名“{incoming.slug}”"
                + (
                    f"已被 {department}/ 中的另一个事项使用"
                    if taken_by_another
                    else "不能用作网址（只能用小写字母、数字和连字符）"
                )
                + "：这个新事项的文件名改由事项名称生成。需要的话请在源表中给它另起一个文件名",
                incoming.header_of("slug", "ref"),
            )
        )
    name = str(incoming.data.get("name") or incoming.code)
    sub_name = incoming.data.get("sub_name")
    shared_name = name_counts[(department, slugs.pinyin(name))] > 1
    if shared_name and sub_name:
        name = f"{name} {sub_name}"
        sub_name = None
    return slugs.item_slug(name, sub_name, incoming.handle_item, taken)


FILES_PER_TASK = 500
_pending: list[Planned] = []  # the files `_write_files` writes: set before the writers fork, read by position


def _write_files(start: int, end: int) -> int:
    for plan in _pending[start:end]:
        write_text(plan.path, plan.render())
    return end - start


def _write(result: ImportResult, registry: _Existing, departments_changed: bool, progress: Progress) -> None:
    """Every planned file, new files made into text as they are written: by forked workers when there are
    many (20,000 new files take the two cores about half the time one does)."""
    global _pending
    _pending = [plan for plan in result.plans if plan.writes]
    tasks: list[Task] = [
        (_write_files, (start, min(start + FILES_PER_TASK, len(_pending))))
        for start in range(0, len(_pending), FILES_PER_TASK)
    ]
    written = 0
    try:
        with Pool(worker_count(None) if len(tasks) > 1 else 1) as run:
            for count in run(tasks):
                written += count
                progress(f"写入 {written}/{len(_pending)}")
    finally:
        _pending = []
    for plan in result.plans:  # written: a city's files need not stay in memory through the check
        plan.text = plan.new = None
    if departments_changed:
        write_text(
            registry.departments_path,
            departments_text(registry.departments_text, registry.new_departments, registry.department_updates),
        )


def _check(
    result: ImportResult, items: Path, settings_file: Path | None, registry: _Existing, progress: Progress
) -> None:
    from generator.checks import check_registry

    progress("检查登记册")
    _, report = check_registry(items, settings_file=settings_file)
    touched = {str(plan.path) for plan in result.plans if plan.action != "skipped"} | {str(registry.departments_path)}
    findings = [f for f in report.findings if f.path in touched]
    if any(f.code == "import.code-format" for f in result.source_findings):
        findings = [f for f in findings if f.code != "code.composition"]
    result.check_findings = findings


NATIONAL_SHAPE = re.compile(r"[0-9A-Z]{18}[1-5][0-9A-Z]{12}")


def _code_format(result: ImportResult, settings_file: Path | None) -> Finding | None:
    """A list in a provincial 实施编码 format is one finding about the setting, not one per item."""
    from generator.registry.loader import load_settings

    settings, _ = load_settings(settings_file)
    if settings.codes.format.value != "national":
        return None
    imported = [plan for plan in result.plans if plan.action != "skipped"]
    local = [plan for plan in imported if not NATIONAL_SHAPE.fullmatch(plan.code)]
    if len(local) < 2 or len(local) < 0.5 * len(imported):
        return None
    sample = local[0].code
    sichuan = all(re.fullmatch(SICHUAN_PATTERN, plan.code) for plan in local)
    pattern = SICHUAN_PATTERN if sichuan else "（本省实施编码的正则表达式）"
    return Finding(
        local[0].place,
        0,
        0,
        "import.code-format",
        Severity.ERROR,
        "实施编码",
        f"{len(local)} 个事项的实施编码（如 {sample}）不是全国的 31 位组成规则"
        + ("，是四川省地方实施编码的格式" if sichuan else "")
        + "：如果这是本省的格式，请在 registry.yml 中写明 codes: {format: pattern, pattern: '"
        + pattern
        + "'"
        + (f", credit_group: {SICHUAN_CREDIT_GROUP}" if sichuan else "")
        + ", reason: 本省事项管理系统的地方实施编码}，再运行 check。在此之前 check 会对每个事项报告 code.composition，这里不逐个列出",
    )


def render_text(result: ImportResult, dry_run: bool) -> str:
    lines = []
    for finding in result.source_findings:
        field_part = f" [{finding.field}]" if finding.field else ""
        lines.append(f"{finding.path}{field_part}: {finding.severity} [{finding.code}] {finding.message}")
    for finding in result.check_findings:
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} [{finding.code}] {finding.message}"
        )
    shown = ACTIONS if dry_run else ("created", "updated", "skipped")
    for plan in result.plans:
        if plan.action in shown:
            target = plan.path.as_posix() if plan.action != "skipped" or plan.path != Path() else plan.code
            lines.append(f"{'将' if dry_run else ''}{ACTION_WORDS[plan.action]} {target} ← {plan.place}")
    lines += result.notes
    lines.append(summary(result, dry_run))
    return "\n".join(lines) + "\n"


def summary(result: ImportResult, dry_run: bool) -> str:
    if result.fatal:
        return "没有导入任何内容：请先解决上面的问题。"
    counts = result.counts()
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in result.findings if f.severity is Severity.WARNING)
    parts = "，".join(f"{ACTION_WORDS[a]} {counts[a]} 个" for a in ACTIONS)
    head = "试运行（没有写入任何文件）" if dry_run else "导入完成"
    rows = f"读取 {result.rows_read} 行（跳过 {result.rows_skipped} 行，合并 {result.rows_merged} 行）"
    tail = f"发现 {errors} 个错误，{warnings} 个警告" if errors or warnings else "没有发现问题"
    return f"{head}，映射“{result.mapping}”：{rows}；事项{parts}；{tail}。"


def as_json(result: ImportResult) -> list[dict[str, Any]]:
    return [f.as_dict() for f in result.findings]
