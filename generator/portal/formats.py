"""What a partition publishes for the portal, in `partition/` inside its site, and how the portal
reads each file back. Data formats only (JSON, JSON lines, gzip: the lines of a division of 20,000 items weigh about 60 MB
unpacked), never pickle; a finding's line is the line in the unpacked file (`zcat … | sed -n 42p`):

    partition.json     identity (区划代码, name, address), the portal's shard count, the finder's
                       format and field weights, the finder's Counts and the number of items; written last
    documents.jsonl.gz one finder document a line, in the partition's order (document n is line n + 1):
                       kind, title, address inside the partition's site, facets, what a result shows
    summary.jsonl.gz   one published item a line: ref, 实施编码, 基本编码, the department's credit code,
                       the item's file and the lines of its unified fields, and the eight fields (八统一)
    postings.jsonl.gz  one term a line, sorted by (portal shard, term): [shard, term, [document, field
                       number, occurrences, field length, …]], documents ascending: raw postings, not
                       weights, which depend on the whole collection

For the portal all of it is untrusted: files are opened without following links, read line by line
within the limits below, and every value is checked before it is used. What fails is a `Rejected`
with the file, the line and the reason in Chinese, never a parser's exception.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import zlib
from collections.abc import Iterator
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, Literal, TypeVar

import orjson
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    create_model,
    model_validator,
)

from generator.checks.unified import UNIFIED_FIELDS
from generator.finder.index import FIELDS
from generator.finder.tokenize import shard_of
from generator.models import Item
from generator.models.base import ItemRef, RegistryModel

FOLDER = "partition"
MANIFEST = "partition.json"
DOCUMENTS = "documents.jsonl.gz"
SUMMARY = "summary.jsonl.gz"
POSTINGS = "postings.jsonl.gz"
FORMAT = "gov-portal-partition"
VERSION = 1

# Limits: far above what a real division needs, low enough that a broken or hostile export cannot
# make the portal's job run out of memory or time.
# Per file, a line may be long, but the whole unpacked file is bounded by the number of documents or
# items the manifest declares (itself bounded): a gzip bomb stops at a size a real division has.
MAX_DOCUMENTS = 1_000_000
MAX_MANIFEST_BYTES = 64 * 1024
MAX_DOCUMENT_LINE = 64 * 1024
DOCUMENT_BYTES = 8 * 1024  # per document on average; a synthetic one takes about 350
MAX_SUMMARY_LINE = 2 * 1024 * 1024  # an item file is at most 512 KB
SUMMARY_BYTES = 64 * 1024  # per item on average; a synthetic one takes about 2,900
MAX_POSTINGS_LINE = 64 * 1024 * 1024
POSTINGS_BYTES = 64 * 1024  # per document on average; a synthetic one takes about 1,500
MAX_TERM = 200
MAX_FIELD_LENGTH = 1_000_000


class Rejected(Exception):
    """A partition's export cannot be used: where, and why (Chinese). `kind`: missing, invalid or mismatch."""

    def __init__(self, path: Path, line: int, message: str, kind: str = "invalid"):
        super().__init__(message)
        self.path, self.line, self.message, self.kind = path, line, message, kind


# Segments of letters (any script), digits and the few marks addresses use, joined by single "/":
# no scheme (no ":"), no host ("//"), no whitespace, quote, backslash or control character.
# A fragment of letters, digits, "-" and "_" may follow (a 常见问题 is found at its guide's #faq-N).
_SEGMENTS = re.compile(r"(?:[\w.~%!$&()*+,;=@-]+/)*[\w.~%!$&()*+,;=@-]*(?:#[\w-]+)?")


def _site_path(value: str) -> str:
    # An address inside the partition's site, kept inside it once the portal puts the partition's
    # address in front: relative, no "." or ".." segment, no query.
    if not _SEGMENTS.fullmatch(value) or any(part in (".", "..") for part in value.split("#")[0].split("/")):
        raise ValueError("site_path")
    return value


SitePath = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_site_path)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Words = Annotated[str, StringConstraints(max_length=5000)]


def _registry_file(value: str) -> str:
    if not value or value.endswith("/") or value != _site_path(value):
        raise ValueError("registry_file")
    return value


RegistryFile = Annotated[str, StringConstraints(max_length=500, pattern=r"\.ya?ml$"), AfterValidator(_registry_file)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Manifest(_Strict):
    format: Literal["gov-portal-partition"]
    version: int
    code: Name
    name: Name
    url: Annotated[str, StringConstraints(max_length=2000)]
    shards: int = Field(ge=1, le=65536)
    finder_version: int
    fields: list[tuple[str, int]] = Field(max_length=64)
    documents: int = Field(ge=0, le=MAX_DOCUMENTS)
    lengths: list[Annotated[int, Field(ge=0)]] = Field(max_length=64)
    items: int = Field(ge=0, le=MAX_DOCUMENTS)


class ItemFacets(_Strict):
    department: Name
    type: Name
    topics: list[Name] = Field(max_length=50)
    audience: int = Field(ge=0, le=3)
    visits: int = Field(ge=0, le=99)
    fully_online: bool


class Display(_Strict):
    s: Words | None = None
    l: Name | None = None  # noqa: E741  (docs.json's short keys)
    w: Name | None = None
    c: SitePath | None = None
    r: Name | None = None  # the area an item serves
    i: Name | None = None  # the guide a 常见问题 belongs to


class DocumentRow(_Strict):
    kind: Literal["item", "bundle", "path", "faq", "bulletin", "page"]
    title: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    url: SitePath
    facets: ItemFacets | None = None
    display: Display

    @model_validator(mode="after")
    def _items_have_facets(self) -> DocumentRow:
        shown = (self.display.l, self.display.w, self.display.c)
        if self.kind == "item" and (self.facets is None or None in shown):
            raise ValueError("item_facets")
        if self.kind != "item" and (self.facets is not None or self.display.l or self.display.c or self.display.r):
            raise ValueError("item_facets")
        if (self.kind == "faq") != (self.display.i is not None):
            raise ValueError("faq_item")
        return self


# The eight unified fields (八统一) as the item model defines them: a summary is validated as strictly
# as an item file, and compared by the registry's own rule (generator/checks/unified.py).
if TYPE_CHECKING:
    UnifiedFields = RegistryModel
else:
    UnifiedFields = create_model(
        "UnifiedFields",
        __base__=RegistryModel,
        **{name: (Item.model_fields[name].annotation, Item.model_fields[name]) for name in UNIFIED_FIELDS},
    )


class SummaryRow(_Strict):
    ref: ItemRef
    code: Name
    catalog_code: Name
    credit_code: Name
    department: Name
    file: RegistryFile
    lines: dict[str, Annotated[int, Field(ge=1)]] = Field(max_length=len(UNIFIED_FIELDS))
    unified: UnifiedFields

    @model_validator(mode="after")
    def _lines_of_unified_fields(self) -> SummaryRow:
        if not set(self.lines) <= set(UNIFIED_FIELDS):
            raise ValueError("lines")
        return self


_REASONS = {
    "literal_error": "取值不在允许的范围内",
    "string_too_long": "太长",
    "string_too_short": "为空",
    "too_long": "项数太多",
    "greater_than_equal": "太小",
    "less_than_equal": "太大",
}


def _explain(error: ValidationError) -> str:
    """The first thing wrong with a line, in words: which field, and how."""
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    kind = first["type"]
    if kind == "json_invalid":
        return "不是有效的 JSON（或嵌套过深）"
    if not where:
        return f"的内容不符合格式（{first['msg']}）"
    if kind == "missing":
        return f"缺少字段 {where}"
    if kind == "extra_forbidden":
        return f"有不认识的字段 {where}"
    reason = _REASONS.get(kind) or ("类型不对" if kind.endswith("_type") else "的值无效")
    return f"的字段 {where} {reason}（{kind}）"


M = TypeVar("M", bound=BaseModel)


def parse_line(model: type[M], path: Path, number: int, data: bytes) -> M:
    try:
        return model.model_validate_json(data)
    except ValidationError as error:
        raise Rejected(path, number, f"第 {number} 行{_explain(error)}") from None


def open_regular(path: Path) -> BinaryIO:
    """A regular file, never through a symbolic link: an export could point at any file of the
    portal's machine, or at a pipe that never ends."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise IsADirectoryError(21, "not a regular file", str(path))
    return os.fdopen(descriptor, "rb")


def read_lines(
    path: Path, limit: int, total: int | None = None, compressed: bool = False
) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of a file, each line at most `limit` bytes, all of them at most `total`."""
    try:
        raw = open_regular(path)
    except OSError as error:
        kind = "missing" if isinstance(error, FileNotFoundError) else "invalid"
        reason = "不存在" if kind == "missing" else "不是普通文件（符号链接、文件夹或设备）或不能读取"
        raise Rejected(path, 1, f"{path.name} {reason}", kind) from None
    with raw:
        stream: Any = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        number = read = 0
        while True:
            try:
                line = stream.readline(limit + 1)
            except (OSError, EOFError, zlib.error):
                raise Rejected(path, number + 1, "压缩数据损坏，读不下去") from None
            if not line:
                return
            number += 1
            read += len(line)
            if len(line) > limit:
                raise Rejected(path, number, f"第 {number} 行超过 {limit} 字节的上限")
            if total is not None and read > total:
                raise Rejected(path, number, f"文件超过 {total} 字节的上限（按文档数计）")
            yield number, line


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    lines = b"".join(line for _, line in read_lines(path, MAX_MANIFEST_BYTES, MAX_MANIFEST_BYTES))
    manifest = parse_line(Manifest, path, 1, lines)
    if manifest.version != VERSION:
        raise Rejected(
            path, 1, f"导出格式是第 {manifest.version} 版，门户读第 {VERSION} 版：请用同一版本的生成器", "mismatch"
        )
    if manifest.fields != list(FIELDS) or len(manifest.lengths) != len(FIELDS):
        raise Rejected(path, 1, "索引的字段和权重与门户的生成器不同：请用同一版本的生成器", "mismatch")
    return manifest


Posting = tuple[int, str, list[int]]


def read_postings(folder: Path, manifest: Manifest, sums: list[int] | None = None) -> Iterator[Posting]:
    """(shard, term, flat postings) of a partition, each line checked; `sums`, when given, receives
    the occurrences per field, which must add up to the Counts' lengths."""
    path = folder / POSTINGS
    total = POSTINGS_BYTES * manifest.documents + MAX_POSTINGS_LINE
    previous: tuple[int, str] = (-1, "")
    for number, line in read_lines(path, MAX_POSTINGS_LINE, total, compressed=True):
        shard, term, flat = _posting(path, number, line, manifest)
        if (shard, term) <= previous:
            raise Rejected(path, number, f"第 {number} 行没有按分片和词排序")
        previous = (shard, term)
        if sums is not None:
            fields, occurrences = flat[1::4], flat[2::4]
            for field in set(fields):
                sums[field] += sum(compress(occurrences, map(field.__eq__, fields)))
        yield shard, term, flat


def _posting(path: Path, number: int, line: bytes, manifest: Manifest) -> Posting:
    def bad(reason: str) -> Rejected:
        return Rejected(path, number, f"第 {number} 行{reason}")

    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        raise bad("不是有效的 JSON") from None
    if not (isinstance(value, list) and len(value) == 3):
        raise bad("应为 [分片, 词, 倒排表]")
    shard, term, flat = value
    if type(shard) is not int or not 0 <= shard < manifest.shards:
        raise bad(f"的分片号应为 0 到 {manifest.shards - 1} 的整数")
    if type(term) is not str or not 0 < len(term) <= MAX_TERM:
        raise bad(f"的词应为 1 到 {MAX_TERM} 个字符")
    if shard_of(term, manifest.shards) != shard:
        raise bad(f"的词不属于第 {shard} 片")
    if type(flat) is not list or not flat or len(flat) % 4 or set(map(type, flat)) != {int}:
        raise bad("的倒排表应为非空的整数列表，每 4 个一组")
    documents, fields, occurrences, lengths = flat[0::4], flat[1::4], flat[2::4], flat[3::4]
    if min(documents) < 0 or max(documents) >= manifest.documents:
        raise bad(f"引用了不存在的文档（共 {manifest.documents} 个）")
    if min(fields) < 0 or max(fields) >= len(FIELDS):
        raise bad("引用了不存在的字段")
    if min(occurrences) < 1 or max(lengths) > MAX_FIELD_LENGTH or any(map(int.__gt__, occurrences, lengths)):
        raise bad("的出现次数或字段长度不合理")
    keys = [document * len(FIELDS) + field for document, field in zip(documents, fields, strict=True)]
    if any(map(int.__ge__, keys, keys[1:])):
        raise bad("的文档没有按顺序排列")
    return shard, term, flat
