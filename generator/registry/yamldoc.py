"""Reading one YAML file safely, keeping the line and column of every node.

PyYAML's own loaders keep the last of two duplicate keys, expand aliases without bound and
recurse once per nesting level. Here the event stream from libyaml's parser is composed by an
iterative loop that refuses duplicate keys, anchors and aliases, deep nesting, too many
nodes and unexpected tags, each as a problem with a place, never as an exception.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.text import CONTROL, control_name

_Parser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where PyYAML has libyaml

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
    # Places packed as `line << 20 | column` (0-based): a large registry has millions of them.
    value_marks: dict[Path_, int] = field(default_factory=dict)
    key_marks: dict[Path_, int] = field(default_factory=dict)
    # Text values containing "<": the only places markup can hide, checked after loading.
    angle_paths: list[Path_] = field(default_factory=list)
    # Double-quoted values whose escapes made a control character (raw ones never get this far).
    control_paths: list[Path_] = field(default_factory=list)

    def compact(self, keep: tuple[str, ...]) -> None:
        """Keep only the places of top-level fields and of everything under `keep`, and drop the raw
        data: at city scale the marks would cost more memory than the items themselves."""
        self.value_marks = {p: m for p, m in self.value_marks.items() if len(p) <= 1 or p[0] in keep}
        self.key_marks = {p: m for p, m in self.key_marks.items() if len(p) <= 1}
        self.angle_paths = []
        self.control_paths = []
        self.data = None  # the validated model holds the values now

    def locate(self, path: Path_, *, key: bool = False) -> Mark:
        """The 1-based (line, column) of a path, or of its nearest ancestor that exists."""
        path = tuple(path)
        mark = self.key_marks.get(path) if key else self.value_marks.get(path)
        key_mark = self.key_marks.get(path)
        if mark is not None and key_mark is not None and mark >> 20 > key_mark >> 20:
            mark = key_mark  # a block list or mapping: its key's line is where a reader looks
        while mark is None and path:
            # A missing field is reported at the key of the nearest thing that is there (`time_limit:`).
            path = path[:-1]
            mark = self.key_marks.get(path, self.value_marks.get(path))
        if mark is None:
            mark = self.value_marks.get((), 0)
        return (mark >> 20) + 1, (mark & 0xFFFFF) + 1


class _Stop(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _mark(event: yaml.Event) -> Mark:
    mark: Any = event.start_mark  # libyaml's events always carry their marks
    return mark.line + 1, mark.column + 1


_IMPLICIT_FIRST = frozenset(_resolver.yaml_implicit_resolvers)
_STR = "tag:yaml.org,2002:str"


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    tag = event.tag
    if tag is None:
        if not event.implicit[0]:
            return value  # quoted or block scalar: always text
        if value and value[0] not in _IMPLICIT_FIRST:
            return value  # plain text that cannot be a number, date, boolean or null
        tag = _resolver.resolve(yaml.ScalarNode, value, event.implicit)
    elif tag == "!":
        return value
    if tag == _STR:
        return value
    if tag not in _ALLOWED_TAGS:
        line, col = _mark(event)
        raise _Stop(Problem("yaml.tag", line, col, f"不支持的 YAML 标签 {tag}：请删去它，直接写文字或数字"))
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
    try:
        result = _constructor.yaml_constructors[tag](_constructor, node)
    except (ValueError, yaml.YAMLError):
        return value  # e.g. an impossible date 2026-02-30: left as text for validation to report
    if isinstance(result, (int, float)) and not isinstance(result, bool) and str(result) != value:
        # 0012345 (octal in YAML 1.1), 1_000, 1.10: a code or phone number must keep the digits as typed;
        # numeric fields still accept the text.
        return value
    return result


class _Frame:
    """An open mapping or sequence: the container, its path, and (for a mapping) the key awaiting its value."""

    __slots__ = ("container", "is_list", "key", "path")

    def __init__(self, container: Any, path: Path_):
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.is_list = isinstance(container, list)


class _Composer:
    """One pass over libyaml's events. Written as a single loop: it runs once per node of every file."""

    def __init__(self) -> None:
        self.doc = YamlDocument(None)
        self.problems: list[Problem] = []

    def run(self, text: str) -> None:
        parser = _Parser(text)
        try:
            self._loop(parser)
        finally:
            parser.dispose()

    def _loop(self, parser: Any) -> None:
        marks, key_marks = self.doc.value_marks, self.doc.key_marks
        stack: list[_Frame] = []
        nodes = documents = 0
        check, get = parser.check_event, parser.get_event
        while check():
            event = get()
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor:
                    _refuse_alias(event)
                value = event.value
                awaiting_key = stack and stack[-1].key is _NO_KEY and not stack[-1].is_list
                if awaiting_key and event.tag is None:
                    pass  # a key is its text: `no:` or `1:` are field names, not booleans or numbers
                elif event.tag is not None or (event.implicit[0] and (not value or value[0] in _IMPLICIT_FIRST)):
                    value = _scalar(event)
                opens = False
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                _check_collection(event, len(stack))
                value = {} if kind is _MAPPING_START else []
                opens = True
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                stack.pop()
                continue
            elif kind is _ALIAS:
                _refuse_alias(event)
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    line, col = _mark(event)
                    raise _Stop(
                        Problem(
                            "yaml.multiple-documents",
                            line,
                            col,
                            "一个文件只能有一个 YAML 文档：请删去 --- 分隔的第二部分",
                        )
                    )
                continue
            else:
                continue
            nodes += 1
            if nodes > MAX_NODES:
                line, col = _mark(event)
                raise _Stop(
                    Problem("yaml.too-large", line, col, f"文件的条目超过 {MAX_NODES} 个：请拆分或精简这个文件")
                )
            if not stack:
                path: Path_ = ()
                self.doc.data = value
            else:
                frame = stack[-1]
                if frame.is_list:
                    path = frame.path + (len(frame.container),)
                    frame.container.append(value)
                elif frame.key is _NO_KEY:
                    if type(value) is not str or value in frame.container:
                        self._odd_key(frame, value, event)
                    else:
                        frame.key = value
                        mark = event.start_mark
                        key_marks[frame.path + (value,)] = mark.line << 20 | mark.column
                    continue
                else:
                    key, frame.key = frame.key, _NO_KEY
                    path = frame.path + ((key if key is not _DROP else "?"),)
                    if key is not _DROP:
                        frame.container[key] = value
            mark = event.start_mark
            marks[path] = mark.line << 20 | mark.column
            if not opens and type(value) is str:
                if "<" in value:
                    self.doc.angle_paths.append(path)
                if event.style == '"' and CONTROL.search(value):
                    self.doc.control_paths.append(path)
            if opens:
                stack.append(_Frame(value, path))

    def _odd_key(self, frame: _Frame, key: Any, event: yaml.Event) -> None:
        """A key that is not plain text, or that the mapping already has."""
        place = _mark(event)
        if not isinstance(key, str):
            if isinstance(key, (dict, list)):
                raise _Stop(Problem("yaml.bad-key", *place, "键不能是列表或映射：请检查这一行的缩进和冒号"))
            key = str(key).lower() if isinstance(key, bool) else str(key)
        if key in frame.container:
            first = self.doc.key_marks.get(frame.path + (key,), 0) >> 20
            self.problems.append(
                Problem(
                    "yaml.duplicate-key",
                    *place,
                    f"字段 {key} 重复出现（第一次在第 {first + 1} 行）：同一个字段只能写一次，请删去多余的一个",
                )
            )
            frame.key = _DROP
        else:
            frame.key = key
            self.doc.key_marks[frame.path + (key,)] = place[0] - 1 << 20 | place[1] - 1


_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_ALIAS, _DOCUMENT_START = yaml.AliasEvent, yaml.DocumentStartEvent


def _refuse_alias(event: yaml.Event) -> None:
    line, col = _mark(event)
    raise _Stop(Problem("yaml.alias", line, col, "不支持锚点和别名（& 和 *）：请把内容直接写出来"))


def _check_collection(event: yaml.CollectionStartEvent, depth: int) -> None:
    if event.anchor:
        _refuse_alias(event)
    if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        line, col = _mark(event)
        raise _Stop(Problem("yaml.tag", line, col, f"不支持的 YAML 标签 {event.tag}：请删去它"))
    if depth >= MAX_DEPTH:
        line, col = _mark(event)
        raise _Stop(Problem("yaml.too-deep", line, col, f"嵌套超过 {MAX_DEPTH} 层：请检查缩进"))


def compose(text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Compose the single document in `text`; problems stop at the first fatal one."""
    composer = _Composer()
    try:
        composer.run(text)
    except _Stop as stop:
        return None, composer.problems + [stop.problem]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or "无法解析"
        return None, composer.problems + [
            Problem("yaml.syntax", line, col, f"YAML 格式错误（{what}）：请检查这一行附近的缩进、冒号和引号")
        ]
    except yaml.YAMLError as error:  # pragma: no cover - unmarked parser errors are rare
        return None, composer.problems + [Problem("yaml.syntax", 1, 1, f"YAML 格式错误（{error}）")]
    return composer.doc, composer.problems


_NO_KEY = object()
_DROP = object()


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that keeps it from being read as a UTF-8 YAML file."""
    raw, problem = read_regular_file(path, MAX_BYTES)
    if raw is None:
        return None, [problem] if problem else []
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
    text = text.replace("\r\n", "\n")
    if invisible := _invisible_characters(text):
        return None, invisible
    problems = []
    for number, tabbed in enumerate(text.split("\n") if "\t" in text else (), start=1):
        if "\t" in tabbed:
            problems.append(
                Problem(
                    "yaml.tab",
                    number,
                    tabbed.index("\t") + 1,
                    "这一行有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格",
                )
            )
    return text, problems


MAX_REPORTED = 20


def _invisible_characters(text: str) -> list[Problem]:
    """Control characters typed into the file (tabs have their own finding). Editors and YAML disagree
    on where lines end around some of them, so the file is not read further: the places given here
    count lines as an editor does."""
    problems = []
    for match in CONTROL.finditer(text):
        char = match.group()
        if char == "\t":
            continue
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(
            Problem(
                "file.control",
                line,
                column,
                f"这里有一个看不见的控制字符 {control_name(char)}：它会让页面、表格和终端显示错乱，请删去（通常是从别处复制文字带来的）",
            )
        )
        if len(problems) == MAX_REPORTED:
            break
    return problems


def load(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    doc, more = compose(text)
    return doc, problems + more


def read_regular_file(path: Path, limit: int) -> tuple[bytes | None, Problem | None]:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, never following a symbolic
    link (a link could lead anywhere on the machine) and never waiting on a pipe."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, Problem(
                "file.symlink", 1, 1, "这是一个符号链接：登记册只读它自己目录里的普通文件，请放入文件本身"
            )
        return None, Problem("file.unreadable", 1, 1, f"无法读取文件（{error.strerror}）")
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None, Problem(
                "file.not-regular", 1, 1, "这不是普通文件（可能是管道或设备）：请删去它，登记册里只放 YAML 文件"
            )
        if status.st_size > limit:
            size = status.st_size // 1024
            return None, Problem(
                "yaml.too-large", 1, 1, f"文件有 {size} KB，超过 {limit // 1024} KB 的上限：请拆分或精简"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            raw = file.read(limit + 1)
    except OSError as error:
        return None, Problem("file.unreadable", 1, 1, f"无法读取文件（{error.strerror}）")
    finally:
        os.close(descriptor)
    if len(raw) > limit:  # the file grew while it was read
        return None, Problem("yaml.too-large", 1, 1, f"文件超过 {limit // 1024} KB 的上限：请拆分或精简")
    return raw, None
