"""Writing item files without losing a hand edit.

The existing file is read with ruamel.yaml's round-trip loader, so comments, key order, quoting
and flow lists stay as the department wrote them; only the fields the source holds are set.
Lists of records (materials, fees, FAQ, legal basis …) are merged by their name: a material the
source lists again keeps every field the source does not hold (原件/复印件, 免提交, notes …).
A file whose data would not change is not written at all, so a second import of the same source
leaves every byte as it was. Files are written to a temporary file beside the target and renamed.

What is written must also pass the project's own YAML reader (`registry/yamldoc.py`): no anchors,
no tags, no tabs, and text that YAML 1.1 would read as something else (no, 0123, 2026-01-01) quoted.
"""

from __future__ import annotations

import datetime
import io
import typing
from collections.abc import Set as AbstractSet
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from generator.importer.emit import emit
from generator.importer.mappings import LIST_FIELDS
from generator.models import Department, Item
from generator.registry.labels import nested_model

ITEM_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/item.schema.json"
DEPARTMENTS_SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/departments.schema.json"
_pyyaml_resolver = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def round_trip() -> YAML:
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096  # never fold a long line: a department's text stays on the line it was typed on
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def load_round_trip(text: str) -> Any:
    return round_trip().load(text)


def dump(data: Any) -> str:
    stream = io.StringIO()
    round_trip().dump(data, stream)
    return stream.getvalue()


def plain(data: Any) -> Any:
    """Round-trip data as plain dicts and lists, to compare what it means rather than how it looks."""
    if isinstance(data, dict):
        return {str(key): plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(value) for value in data]
    if isinstance(data, str):
        return str(data)
    return data


# Making values -------------------------------------------------------------------------------


def scalar(value: Any) -> Any:
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if value == "" or _pyyaml_resolver.resolve(yaml.ScalarNode, value, (True, False)) != _STR_TAG:
            return DoubleQuotedScalarString(value)
        return value
    return value


def build(value: Any, model: type[BaseModel] | None = None) -> Any:
    """Plain data as round-trip nodes: mappings in the model's field order without what is None (not given),
    short lists of words in flow style."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key in _ordered(value, model):
            if value[key] is not None:
                node[key] = build(value[key], _child(model, key))
        return node
    if isinstance(value, list):
        sequence = CommentedSeq(build(element, model) for element in value)
        if (
            value
            and all(isinstance(element, str) and "\n" not in element for element in value)
            and sum(map(len, value)) < 60
        ):
            sequence.fa.set_flow_style()
        return sequence
    return scalar(value)


def ordered(value: Any, model: type[BaseModel] | None = None) -> Any:
    """Plain data with every mapping in its model's field order and no None (what a new file is written from)."""
    if isinstance(value, dict):
        return {
            key: ordered(value[key], _child(model, key)) for key in _ordered(value, model) if value[key] is not None
        }
    if isinstance(value, list):
        return [ordered(element, model) for element in value]
    return value


@cache
def _child(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    if model is None or key not in model.model_fields:
        return None
    return nested_model(model.model_fields[key].annotation)


@cache
def _field_order(model: type[BaseModel]) -> dict[str, int]:
    return {name: index for index, name in enumerate(model.model_fields)}


def _ordered(value: dict, model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return list(value)
    order = _field_order(model)
    return sorted(value, key=lambda key: order.get(key, len(order)))


def placeholders(model: type[BaseModel], present: dict) -> dict:
    """Every required field `present` lacks, as an empty value the check will point at by line."""
    missing: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        nested = nested_model(info.annotation)
        is_list = typing.get_origin(info.annotation) is list
        if name in present and present[name] is not None:
            if nested is not None and not is_list and isinstance(present[name], dict):
                inner = placeholders(nested, present[name])
                if inner:
                    missing[name] = inner
            continue
        if is_list:
            missing[name] = []
        elif nested is not None:
            missing[name] = placeholders(nested, {})
        else:
            missing[name] = ""
    return missing


def _deep_merge(target: dict, extra: dict) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = value


def new_item(data: dict, updated: datetime.date, refused: AbstractSet[str] = frozenset()) -> str:
    """A new item file: the source's fields, today's date if it gave none, and blanks for the rest.

    `refused`: fields the source gave in a way the import could not take. They get no placeholder,
    so check asks for them: an empty `fees: []` would read as 不收费."""
    # An empty list the model defaults to (no FAQ, no windows of its own) is left out, as item files do.
    content = {
        key: value
        for key, value in data.items()
        if value is not None and not (value == [] and _default(Item, key, value)) and not _only_removals(value)
    }
    content.setdefault("updated", updated)
    blanks = placeholders(Item, content)
    _deep_merge(content, {key: value for key, value in blanks.items() if key not in refused})
    return ITEM_SCHEMA_LINE + "\n" + emit(ordered(content, Item))


# Merging into an existing file ----------------------------------------------------------------


def _only_removals(value: Any) -> bool:
    """A record of blank cells only (an item's own links, none given): nothing to write."""
    return isinstance(value, dict) and bool(value) and all(entry is None for entry in value.values())


def _optional(model: type[BaseModel] | None, key: str) -> bool:
    info = model.model_fields.get(key) if model is not None else None
    return info is not None and not info.is_required()


def _default(model: type[BaseModel] | None, key: str, value: Any) -> bool:
    """Whether `value` is what the model takes when the field is left out (shared: false, copies: 1, faq: [])."""
    info = model.model_fields.get(key) if model is not None else None
    if info is None or info.is_required():
        return False
    return type(value) is type(info.default) and value == info.default


def same_meaning(current: Any, value: Any) -> bool:
    """Whether two values mean the same to the registry: text is read without its surrounding white space
    (a `|` block's final line break), an option's name alone as the option, everything else as it is."""
    if isinstance(current, str) and isinstance(value, str):
        return current.strip() == value.strip()
    if isinstance(current, str) != isinstance(value, str) and isinstance(current, (str, dict)):
        return same_meaning(_as_record(current), _as_record(value))  # 本人办理 is {name: 本人办理}
    if isinstance(current, dict) and isinstance(value, dict):
        return current.keys() == value.keys() and all(same_meaning(current[k], value[k]) for k in current)
    if isinstance(current, list) and isinstance(value, list):
        return len(current) == len(value) and all(map(same_meaning, current, value))
    return plain(current) == plain(value)


def _as_record(value: Any) -> Any:
    """An option written as its name alone stands for the option with that name and no hint."""
    return {"name": value} if isinstance(value, str) else value


def merge(node: dict, data: dict, model: type[BaseModel] | None, positional: AbstractSet[str] = frozenset()) -> None:
    """Set in `node` the fields of `data` (None: remove), keeping everything else. A field the file leaves
    out stays out when the source gives the value the model takes for it anyway."""
    for key, value in data.items():
        if value is None:
            node.pop(key, None)
            continue
        if key not in node and (_default(model, key, value) or _only_removals(value)):
            continue
        child = _child(model, key)
        current = node.get(key)
        # A record (time_limit …) is merged field by field, a list of records record by record; a mapping of
        # the registry's own words (a material's when: 情形名称 → options) and a list of words (options without
        # hints) are the source's whole.
        if isinstance(value, dict) and isinstance(current, dict) and child is not None:
            merge(current, value, child)
            if not current and _optional(model, key):
                node.pop(key)  # an optional record with nothing left in it is left out, as the files do
        elif (
            isinstance(value, list)
            and isinstance(current, list)
            and value
            and all(isinstance(entry, dict) for entry in value)
        ):
            if key in positional:
                _merge_positions(current, value, child)
            else:
                _merge_records(current, value, child, LIST_FIELDS.get(key, "name"))
        elif key not in node or not same_meaning(current, value):
            built = build(value, child)
            if isinstance(current, CommentedMap) and isinstance(built, CommentedMap) and current.fa.flow_style():
                built.fa.set_flow_style()  # when: {经营类型: [餐饮服务]} stays on its line
            _insert(node, key, built, model)


def _insert(node: dict, key: str, value: Any, model: type[BaseModel] | None) -> None:
    if key in node or model is None or not isinstance(node, CommentedMap):
        node[key] = value
        return
    order = list(model.model_fields)
    position = len(node)
    if key in order:
        later = [
            index
            for index, existing in enumerate(node)
            if existing in order and order.index(existing) > order.index(key)
        ]
        position = later[0] if later else len(node)
    node.insert(position, key, value)


def _merge_positions(current: list, value: list[dict], model: type[BaseModel] | None) -> None:
    for index, entry in enumerate(value):
        if index < len(current) and isinstance(current[index], dict):
            merge(current[index], entry, model)
        else:
            current.append(build(entry, model))


def _merge_records(current: list, value: list[dict], model: type[BaseModel] | None, key: str) -> None:
    """The source's list, each record merged into the existing record of the same name."""
    existing = list(current)
    unused = [entry for entry in existing if isinstance(entry, dict)]
    words = [entry for entry in existing if isinstance(entry, str)]  # options written as their name alone
    pairs: list[list[Any]] = []
    for entry in value:
        old: dict | str | None = next((o for o in unused if key in entry and o.get(key) == entry.get(key)), None)
        if isinstance(old, dict):
            unused.remove(old)
        elif {k for k, v in entry.items() if v is not None} == {key} and entry[key] in words:
            old = words.pop(words.index(entry[key]))
        pairs.append([entry, old])
    for pair in pairs:  # a record without a name: the one at the same place keeps its hand edits
        if pair[1] is None and key not in pair[0] and unused:
            pair[1] = unused.pop(0)
    result: list[Any] = []
    for entry, old in pairs:
        if old is None:
            result.append(build(entry, model))
            continue
        if isinstance(old, str):
            result.append(old)
            continue
        merge(old, entry, model)
        result.append(old)
        if set(entry) <= {key}:  # a law the source names once, quoted in the registry for several articles
            siblings = [o for o in unused if o.get(key) == entry.get(key)]
            for sibling in siblings:
                unused.remove(sibling)
            result.extend(siblings)
    same_records = len(result) == len(existing) and all(any(r is e for e in existing) for r in result)
    if same_records and _names(existing, key) == _names(value, key):
        return  # the same records in the same order of names: the file's own order stays
    if isinstance(current, CommentedSeq) and current.fa.flow_style() and any(isinstance(r, dict) for r in result):
        current.fa.set_block_style()  # [本人办理, 委托他人办理] with a hint now: one option a line
    current[:] = result


def _names(entries: list, key: str) -> list:
    return list(dict.fromkeys(entry.get(key) if isinstance(entry, dict) else entry for entry in entries))


def updated_item(text: str, data: dict, positional: AbstractSet[str]) -> str | None:
    """The file's new text with `data` merged in, or None when its data would not change."""
    node = load_round_trip(text)
    if not isinstance(node, CommentedMap):
        return None
    before = plain(node)
    merge(node, data, Item, positional)
    if plain(node) == before:
        return None
    return dump(node)


def departments_text(text: str | None, new: list[dict], updates: dict[str, dict] | None = None) -> str:
    """departments.yml with the new departments appended and, in the departments `updates` names (by id),
    the fields it gives set; everything else is left as it is."""
    entries = [
        {**{k: v for k, v in entry.items() if not _only_removals(v)}, **placeholders(Department, entry)}
        for entry in new
    ]
    if text is None:
        return DEPARTMENTS_SCHEMA_LINE + "\n" + dump(build({"departments": entries}, None))
    node = load_round_trip(text)
    if not isinstance(node, CommentedMap) or not isinstance(node.get("departments"), CommentedSeq):
        raise ValueError("departments.yml 的最外层应为 departments: 列表")
    for existing in node["departments"]:
        if isinstance(existing, CommentedMap) and updates and str(existing.get("id")) in updates:
            merge(existing, updates[str(existing.get("id"))], Department)
    for entry in entries:
        node["departments"].append(build(entry, Department))
    return dump(node)
