"""A fast writer for new item files, in the layout ruamel.yaml keeps on a round trip.

ruamel.yaml takes about 20 ms to write an item; a city's 20,000 new items would take minutes.
New files are therefore written here, line by line, in exactly the layout the round-trip writer
produces (two-space mappings, `  - ` list entries, short lists of words in flow style, `|-`
blocks for text with line breaks, double quotes where plain text would read as something else),
so a later import that edits the file through ruamel.yaml changes only the lines it means to.
`tests/test_import_writer.py` holds both writers to that.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any

import yaml
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver

FLOW_LIMIT = 60  # total characters of a list of words written on one line, as `[a, b]`
_pyyaml = yaml.resolver.Resolver()
_ruamel = VersionedResolver()
_analyser = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
# Text that is plain in any context: no indicator first, no `: ` or ` #`, none of the flow characters.
_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`\\][^\n\t,\[\]{}#:\\\"']*(?<=\S)$")
_FIRST_RESOLVED = frozenset(_pyyaml.yaml_implicit_resolvers)  # YAML 1.2's are among them
_STR_PY = "tag:yaml.org,2002:str"


def _reads_as_text(text: str) -> bool:
    """Plain `text` is read back as the same text by PyYAML (YAML 1.1, the registry's reader) and ruamel (1.2)."""
    if _pyyaml.resolve(yaml.ScalarNode, text, (True, False)) != _STR_PY:
        return False
    return _ruamel.resolve(RuamelScalarNode, text, (True, False)) == _STR_PY


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if not text or "\n" in text:
        return quoted(text)
    if _SAFE.match(text) and text[0] not in _FIRST_RESOLVED:
        return text
    analysis = _analyser.analyze_scalar(text)
    allowed = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    if allowed and not analysis.multiline and _reads_as_text(text):
        return text
    return quoted(text)


def _literal(text: str) -> bool:
    lines = text.split("\n")
    return (
        "\n" in text
        and not text.startswith((" ", "\n"))
        and all(line == line.rstrip() for line in lines)
        and not text.endswith("\n")
    )


def is_flow(values: list) -> bool:
    return (
        bool(values)
        and all(isinstance(v, str) and "\n" not in v for v in values)
        and sum(map(len, values)) < FLOW_LIMIT
    )


def _value_lines(key_prefix: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{key_prefix} {{}}"]
        return [key_prefix] + mapping_lines(value, indent + 2)
    if isinstance(value, list):
        if not value:
            return [f"{key_prefix} []"]
        if is_flow(value):
            return [f"{key_prefix} [" + ", ".join(scalar(v, flow=True) for v in value) + "]"]
        lines = [key_prefix]
        for element in value:
            lines += _entry_lines(element, indent + 2)
        return lines
    if isinstance(value, str) and _literal(value):
        return [f"{key_prefix} |-"] + [f"{pad}  {line}" if line else "" for line in value.split("\n")]
    return [f"{key_prefix} {scalar(value)}"]


def _entry_lines(element: Any, indent: int) -> list[str]:
    """One list entry at `indent` (the dash's column)."""
    pad = " " * indent
    if isinstance(element, dict) and element:
        lines = mapping_lines(element, indent + 2)
        first = lines[0]
        return [f"{pad}- {first[indent + 2 :]}"] + lines[1:]
    if isinstance(element, str) and _literal(element):
        return [f"{pad}- |-"] + [f"{pad}  {line}" if line else "" for line in element.split("\n")]
    return [
        f"{pad}- {scalar(element) if not isinstance(element, (dict, list)) else json.dumps(element, ensure_ascii=False)}"
    ]


def mapping_lines(data: dict, indent: int = 0) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        lines += _value_lines(f"{pad}{scalar(key)}:", value, indent)  # a key may be registry text (a when)
    return lines


def emit(data: dict) -> str:
    return "\n".join(mapping_lines(data)) + "\n"
