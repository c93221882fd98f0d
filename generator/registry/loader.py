"""Loading the registry directory: departments, bundles and one file per item.

Every file is read on its own, so one broken file never hides the findings of the others.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel

from generator.findings import Finding, Severity
from generator.models import (
    Bundle,
    BundlesFile,
    Department,
    DepartmentsFile,
    Item,
    LifePath,
    PathsFile,
    Settings,
)
from generator.models.brief import ItemBrief
from generator.registry.digest import digest
from generator.registry.tree import BUNDLES_FILE, DEPARTMENTS_FILE, PATHS_FILE
from generator.registry.validation import at, validate
from generator.registry.yamldoc import YamlDocument, load
from generator.text import CONTROL, MARKUP, control_name, terminal

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

M = TypeVar("M", bound=BaseModel)


@dataclass
class Source:
    """A loaded file: where it is and where each of its values stands."""

    path: str
    doc: YamlDocument

    def at(self, loc: tuple, code: str, severity: Severity, message: str) -> Finding:
        return at(self.doc, self.path, loc, code, severity, message)


# A process that passes over a city's items once (an export, the workers writing pages) keeps only the
# most recent models it validated again from their JSON (`keep_parsed`); the main process keeps every
# model it made, since its passes (model, figures, lists) come back to every item.
_keep_parsed: int | None = None
_parsed: OrderedDict[int, ItemRecord] = OrderedDict()


def keep_parsed(limit: int | None) -> None:
    """Keep at most `limit` models validated from JSON in this process (None: all of them)."""
    global _keep_parsed
    _keep_parsed = limit


class ItemRecord:
    """A loaded item with its place. Sent between processes as JSON: validated models are slow to
    pickle, and registry-wide checks need only the codes and the status of most items. A record that
    came as JSON keeps it, and validates it again when its model was let go (see `keep_parsed`)."""

    def __init__(self, department_id: str, slug: str, item: Item, source: Source):
        self.department_id = department_id
        self.slug = slug
        self.source = source
        self.code = item.code
        self.catalog_code = item.catalog_code
        self.published = item.published
        self._item: Item | None = item
        self._json: bytes | None = None
        self._digest: bytes | None = None
        self._brief: ItemBrief | None = None

    @property
    def item(self) -> Item:
        if self._item is not None:
            return self._item
        assert self._json is not None
        self._item = Item.model_validate_json(self._json)
        if _keep_parsed is not None:
            _parsed[id(self)] = self
            if len(_parsed) > _keep_parsed:
                _, oldest = _parsed.popitem(last=False)
                oldest._item = None
        return self._item

    @property
    def brief(self) -> ItemBrief:
        """What lists, tables, figures and the finder's table show of the item, without its model."""
        if self._brief is None:
            self._brief = ItemBrief.of(orjson.loads(self.json()))
        return self._brief

    @property
    def digest(self) -> bytes:
        """A digest of the validated item (of its JSON): equal digests, equal items."""
        if self._digest is None:
            self._digest = digest([self._json if self._json is not None else self.item.model_dump_json().encode()])
        return self._digest

    @property
    def ref(self) -> str:
        """The item's reference and address: `department/slug`."""
        return f"{self.department_id}/{self.slug}"

    def json(self) -> bytes:
        """The validated item as JSON (what the record travels and is cached as)."""
        return self._json if self._json is not None else self.item.model_dump_json().encode()

    @classmethod
    def from_json(cls, department_id: str, slug: str, data: bytes, source: Source) -> ItemRecord:
        """A record from its JSON; the item is validated again when it is first used."""
        brief = ItemBrief.of(orjson.loads(data))
        record = cls.__new__(cls)
        record.department_id, record.slug, record.source = department_id, slug, source
        record.code, record.catalog_code, record.published = brief.code, brief.catalog_code, brief.published
        record._item, record._json, record._digest, record._brief = None, data, None, brief
        return record

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_brief"] = self.brief  # made where the item is: the process receiving it need not parse it
        if state["_item"] is not None:
            if state["_json"] is None:
                state["_json"] = state["_item"].model_dump_json().encode()
            state["_item"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


@dataclass
class Registry:
    root: Path
    departments: dict[str, Department] = field(default_factory=dict)
    bundles: list[Bundle] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    item_files: int = 0
    departments_source: Source | None = None
    bundles_source: Source | None = None
    paths: list[LifePath] = field(default_factory=list)
    paths_source: Source | None = None
    path_index: dict[str, int] = field(default_factory=dict)
    department_index: dict[str, int] = field(default_factory=dict)
    bundle_index: dict[str, int] = field(default_factory=dict)
    item_refs: frozenset[str] = frozenset()
    settings: Settings = field(default_factory=Settings)

    @property
    def published(self) -> list[ItemRecord]:
        return [record for record in self.items if record.published]

    def by_ref(self) -> dict[str, ItemRecord]:
        return {record.ref: record for record in self.items}


def _text_findings(source: Source) -> list[Finding]:
    """Markup and escaped control characters in text values: text is shown as text, so neither is wanted."""
    findings = []
    for loc in source.doc.angle_paths:
        value = _value_at(source.doc.data, loc)
        if isinstance(value, str) and (match := MARKUP.search(value)):
            shown = terminal(value[match.start() : match.start() + 30])
            findings.append(
                source.at(
                    loc,
                    "text.markup",
                    Severity.ERROR,
                    f"文字中含有网页标记“{shown}”：这里只写纯文字，请删去尖括号里的内容",
                )
            )
    for loc in source.doc.control_paths:
        value = _value_at(source.doc.data, loc)
        if isinstance(value, str) and (match := CONTROL.search(value)):
            findings.append(
                source.at(
                    loc,
                    "text.control",
                    Severity.ERROR,
                    f"文字中含有看不见的控制字符 {control_name(match.group())}（来自引号里的转义写法）：请删去它",
                )
            )
    return findings


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _load_file(path: Path, shown: str, model: type[M]) -> tuple[M | None, Source | None, list[Finding]]:
    doc, problems = load(path)
    findings = [Finding(shown, p.line, p.column, p.code, Severity.ERROR, "", p.message) for p in problems]
    if doc is None:
        return None, None, findings
    source = Source(shown, doc)
    if not isinstance(doc.data, dict):
        kind = "列表" if isinstance(doc.data, list) else "单个值"
        findings.append(
            source.at(
                (),
                "yaml.not-mapping",
                Severity.ERROR,
                f"文件的最外层应为映射（“字段: 值”），现在是{kind}：请按模板改写",
            )
        )
        return None, source, findings
    findings += _text_findings(source)
    instance, more = validate(model, doc, shown)
    return instance, source, findings + more


def load_item_file(path: Path, shown: str) -> tuple[ItemRecord | None, list[Finding]]:
    department_id, slug = path.parent.name, path.stem
    if not SLUG.match(slug):
        return None, [
            Finding(
                shown,
                1,
                1,
                "file.name",
                Severity.ERROR,
                "",
                f"文件名“{terminal(path.name)}”不能用作网址：只能用小写字母、数字和连字符，如 food-business-license.yml",
            )
        ]
    if not SLUG.match(department_id):
        return None, [
            Finding(
                shown,
                1,
                1,
                "file.location",
                Severity.ERROR,
                "",
                f"文件夹名“{terminal(department_id)}”不是部门编号：事项文件应放在 items/<部门编号>/ 下，部门编号只用小写字母、数字和连字符",
            )
        ]
    item, source, findings = _load_file(path, shown, Item)
    if item is None or source is None:
        return None, findings
    return ItemRecord(department_id, slug, item, source), findings


def item_ref(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def load_bundles(root: Path) -> tuple[list[Bundle], dict[str, int], Source | None, list[Finding]]:
    """Bundles (一件事), their positions in bundles.yml, its source, and the findings; the file is optional."""
    path = root / BUNDLES_FILE
    if not path.is_file():
        return [], {}, None, []
    parsed, source, findings = _load_file(path, str(path), BundlesFile)
    if parsed is None:
        return [], {}, source, findings
    by_id, index = _unique(parsed.bundles, "bundles", source, findings)
    return list(by_id.values()), index, source, findings


def load_paths(root: Path) -> tuple[list[LifePath], dict[str, int], Source | None, list[Finding]]:
    """Life-event paths (办事路径), their positions in paths.yml, its source, and the findings; the file is optional."""
    path = root / PATHS_FILE
    if not path.is_file():
        return [], {}, None, []
    parsed, source, findings = _load_file(path, str(path), PathsFile)
    if parsed is None:
        return [], {}, source, findings
    by_id, index = _unique(parsed.paths, "paths", source, findings)
    return list(by_id.values()), index, source, findings


def load_departments(root: Path) -> tuple[dict[str, Department], dict[str, int], Source | None, list[Finding]]:
    """Departments by id, their positions in departments.yml, its source, and the findings."""
    path = root / DEPARTMENTS_FILE
    if not path.is_file():
        missing = Finding(
            str(path), 1, 1, "file.missing", Severity.ERROR, "", "缺少部门文件 departments.yml：请创建它并登记各部门"
        )
        return {}, {}, None, [missing]
    parsed, source, findings = _load_file(path, str(path), DepartmentsFile)
    if parsed is None:
        return {}, {}, source, findings
    departments, index = _unique(parsed.departments, "departments", source, findings)
    return departments, index, source, findings


def _unique(entries: list, key: str, source: Source | None, findings: list[Finding]) -> tuple[dict, dict[str, int]]:
    """Entries by id and the position of each in its file; a repeated id is a finding at its second place."""
    by_id: dict[str, Any] = {}
    index_of: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.id in by_id and source is not None:
            findings.append(
                source.at(
                    (key, index, "id"),
                    "id.duplicate",
                    Severity.ERROR,
                    f"编号 {entry.id} 重复：每个编号只能用一次，请改用另一个编号",
                )
            )
            continue
        by_id[entry.id] = entry
        index_of[entry.id] = index
    return by_id, index_of


def load_settings(path: Path | None) -> tuple[Settings, list[Finding]]:
    """The project's settings file (registry.yml); without one, the defaults."""
    settings, _, findings = load_settings_file(path)
    return settings, findings


def load_settings_file(path: Path | None) -> tuple[Settings, Source | None, list[Finding]]:
    """The settings, where each of them stands in the file (for findings about them), and the findings."""
    if path is None or not path.exists():
        return Settings(), None, []
    parsed, source, findings = _load_file(path, str(path), Settings)
    return (parsed or Settings()), source, findings
