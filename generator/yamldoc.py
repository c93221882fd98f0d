"""Reading one YAML file safely, keeping the line and column of every node.

PyYAML's own loaders keep the last of two duplicate keys, expand aliases without bound and
recurse once per nesting level. Here the event stream from libyaml's parser is composed by an
iterative loop that refuses duplicate keys, anchors and aliases, deep nesting, too many
nodes and unexpected tags, each as a problem with a place, never as an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader

MAX_BYTES = 512 * 1024
MAX_DEPTH = 16
MAX_NODES = 50_000

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Problem:
    code: str
    line: int
    column: int
    message: str


@dataclass
class YamlDocument:
    """Plain Python data plus where each value and key stands in the file (1-based)."""

    data: Any
    value_marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> Mark:
        """The place of a path, or of its nearest ancestor that exists."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))


class _Stop(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _mark(event: yaml.Event) -> Mark:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in _ALLOWED_TAGS:
        line, col = _mark(event)
        raise _Stop(Problem("yaml.tag", line, col, f"不支持的 YAML 标签 {tag}：请删去它，直接写文字或数字"))
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        value = _constructor.yaml_constructors[tag](_constructor, node)
    except (ValueError, yaml.YAMLError):
        return event.value  # e.g. an impossible date 2026-02-30: left as text for validation to report
    if isinstance(value, (int, float)) and not isinstance(value, bool) and str(value) != event.value:
        # 0012345 (octal in YAML 1.1), 1_000, 1.10: a code or phone number must keep the digits as typed;
        # numeric fields still accept the text.
        return event.value
    return value


def compose(text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Compose the single document in `text`; problems stop at the first fatal one."""
    problems: list[Problem] = []
    doc = YamlDocument(None)
    # Stack entries: [container, path, pending_key] where pending_key is a one-element list for mappings.
    stack: list[list[Any]] = []
    documents = 0
    nodes = 0

    def attach(value: Any, event: yaml.Event) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_NODES:
            line, col = _mark(event)
            raise _Stop(Problem("yaml.too-large", line, col, f"文件的条目超过 {MAX_NODES} 个：请拆分或精简这个文件"))
        if not stack:
            doc.data = value
            doc.value_marks[()] = _mark(event)
            return
        container, path, pending = stack[-1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            doc.value_marks[child] = _mark(event)
            return
        if pending[0] is _NO_KEY:
            line, col = _mark(event)
            if not isinstance(value, str):
                if isinstance(value, (dict, list)):
                    raise _Stop(Problem("yaml.bad-key", line, col, "键不能是列表或映射：请检查这一行的缩进和冒号"))
                value = str(value) if not isinstance(value, bool) else str(value).lower()
            if value in container:
                first = doc.key_marks.get(path + (value,), (line, col))
                problems.append(
                    Problem(
                        "yaml.duplicate-key",
                        line,
                        col,
                        f"字段 {value} 重复出现（第一次在第 {first[0]} 行）：同一个字段只能写一次，请删去多余的一个",
                    )
                )
                pending[0] = _DROP
            else:
                pending[0] = value
                doc.key_marks[path + (value,)] = (line, col)
            return
        key = pending[0]
        pending[0] = _NO_KEY
        if key is _DROP:
            return
        container[key] = value
        doc.value_marks[path + (key,)] = _mark(event)

    def child_path() -> Path_:
        if not stack:
            return ()
        container, path, pending = stack[-1]
        if isinstance(container, list):
            return path + (len(container),)
        key = pending[0]
        return path + (key if isinstance(key, str) else "?",)

    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, col = _mark(event)
                    raise _Stop(Problem("yaml.multiple-documents", line, col, "一个文件只能有一个 YAML 文档：请删去 --- 分隔的第二部分"))
            elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = _mark(event)
                raise _Stop(
                    Problem("yaml.alias", line, col, "不支持锚点和别名（& 和 *）：请把内容直接写出来")
                )
            elif isinstance(event, yaml.ScalarEvent):
                attach(_scalar(event), event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    line, col = _mark(event)
                    raise _Stop(Problem("yaml.tag", line, col, f"不支持的 YAML 标签 {event.tag}：请删去它"))
                if len(stack) >= MAX_DEPTH:
                    line, col = _mark(event)
                    raise _Stop(Problem("yaml.too-deep", line, col, f"嵌套超过 {MAX_DEPTH} 层：请检查缩进"))
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = child_path()
                attach(container, event)
                stack.append([container, path, [_NO_KEY]])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except _Stop as stop:
        return None, problems + [stop.problem]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or "无法解析"
        return None, problems + [
            Problem("yaml.syntax", line, col, f"YAML 格式错误（{what}）：请检查这一行附近的缩进、冒号和引号")
        ]
    except yaml.YAMLError as error:  # pragma: no cover - unmarked parser errors are rare
        return None, problems + [Problem("yaml.syntax", 1, 1, f"YAML 格式错误（{error}）")]
    return doc, problems


_NO_KEY = object()
_DROP = object()


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that keeps it from being read as a UTF-8 YAML file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem("yaml.too-large", 1, 1, f"文件有 {size // 1024} KB，超过 {MAX_BYTES // 1024} KB 的上限：请拆分或精简")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem("file.unreadable", 1, 1, f"无法读取文件（{error.strerror}）")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                "file.encoding",
                line,
                column,
                "文件不是 UTF-8 编码（可能是 GBK）：请在编辑器中选择“另存为 UTF-8”后重新提交",
            )
        ]
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [Problem("file.empty", 1, 1, "文件是空的：请填写内容，或删除这个文件")]
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            problems.append(
                Problem("yaml.tab", number, line.index("\t") + 1, "这一行有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格")
            )
    return text, problems


def load(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    doc, more = compose(text)
    return doc, problems + more
