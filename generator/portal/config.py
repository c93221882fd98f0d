"""portal.yml: the portal's name and address, its shard count, and each partition (division) with its
name, its site's address and where its built site is. Read like every other file of the project:
safe YAML with places, validated against a model whose labels the messages use.

    site_name: 示范省政务服务网
    site_url: https://zwfw.province.example/
    shards: 256                # a power of two; every partition splits its postings the same way
    sites: dist                # default place of each built site: <sites>/<code>/
    partitions:
      - code: "510104"
        name: 锦江区
        # url: https://zwfw.province.example/510104/   (default: site_url + code + "/")
        # path: elsewhere/510104                       (default: <sites>/<code>)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import StringConstraints

from generator.findings import Finding, Severity
from generator.models.base import HttpLink, RegistryModel, ShortText, field
from generator.registry.validation import at, validate
from generator.registry.yamldoc import load

DivisionCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{6}(?:[0-9]{3}){0,2}$")]
MAX_SHARDS = 65536


class PartitionEntry(RegistryModel):
    code: DivisionCode = field("区划代码", "行政区划代码：6 位（县级及以上）、9 位或 12 位数字，如 510104。")
    name: ShortText = field("区划名称", "地区的名称，如“锦江区”：门户的首页和搜索结果用它区分各地。")
    url: HttpLink | None = field(
        "网站地址", "这个地区网站的地址，须与门户同一协议和域名；不写时为门户地址加区划代码，如 …/510104/。", None
    )
    path: ShortText | None = field(
        "网站位置", "这个地区构建好的网站（其中有 partition/）或 partition/ 文件夹，相对于 portal.yml。", None
    )


class PortalSettings(RegistryModel):
    site_name: ShortText = field("门户名称", "门户网站的名称，如“示范省政务服务网”。")
    site_url: HttpLink = field("门户地址", "门户网站的地址，如 https://zwfw.province.example/。")
    shards: int = field(
        "索引分片数", "搜索索引分成几片：2 的幂，如 256；各地区按同一个数导出。", 256, ge=1, le=MAX_SHARDS
    )
    sites: ShortText = field(
        "网站目录", "各地区构建好的网站所在的文件夹，每个地区一个以区划代码命名的子文件夹。", "dist"
    )
    assets: ShortText = field(
        "主题资源",
        "门户页面使用的样式、脚本和图标所在的文件夹（与各地区网站相同），相对于 portal.yml。",
        "overrides/assets",
    )
    partitions: list[PartitionEntry] = field("地区", "门户收录的各地区，按首页列出的顺序。", min_length=1)


@dataclass(frozen=True)
class Partition:
    """One division as the portal configures it, with its defaults filled in."""

    code: str
    name: str
    url: str  # ends with "/"
    folder: Path  # its built site, or its partition/ folder


@dataclass(frozen=True)
class PortalConfig:
    path: Path
    site_name: str
    site_url: str  # ends with "/"
    shards: int
    assets: Path
    partitions: list[Partition]

    def partition(self, code: str) -> Partition | None:
        return next((entry for entry in self.partitions if entry.code == code), None)


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


def load_portal_config(path: Path) -> tuple[PortalConfig | None, list[Finding]]:
    """The configuration, or None and the findings that say what to change, at file and line."""
    shown = str(path)
    doc, problems = load(path)
    findings = [Finding(shown, p.line, p.column, p.code, Severity.ERROR, "", p.message) for p in problems]
    if doc is None:
        return None, findings
    if not isinstance(doc.data, dict):
        message = "文件的最外层应为映射（“字段: 值”）：请按 README 中 portal.yml 的例子改写"
        return None, [*findings, at(doc, shown, (), "yaml.not-mapping", Severity.ERROR, message)]
    settings, more = validate(PortalSettings, doc, shown)
    findings += more
    if settings is None:
        return None, findings

    def problem(loc: tuple, message: str) -> None:
        findings.append(at(doc, shown, loc, "field.invalid", Severity.ERROR, message))

    if settings.shards & (settings.shards - 1):
        problem(("shards",), f"索引分片数 (shards) 为 {settings.shards}，应为 2 的幂：请改为 64、128、256 这样的数")
    site_url = _with_slash(settings.site_url)
    root = path.parent
    partitions, seen = [], set()
    for number, entry in enumerate(settings.partitions):
        if entry.code in seen:
            problem(("partitions", number, "code"), f"区划代码 (code) {entry.code} 重复：每个地区只写一次")
        seen.add(entry.code)
        url = _with_slash(entry.url or site_url + entry.code + "/")
        if _origin(url) != _origin(site_url):
            problem(
                ("partitions", number, "url"),
                f"网站地址 (url) {url} 与门户地址 {site_url} 不在同一域名：门户的搜索只链接到本域名下的页面，"
                f"请把这个地区的网站发布在门户的域名下（如 {site_url}{entry.code}/）",
            )
        folder = root / (entry.path or f"{settings.sites}/{entry.code}")
        partitions.append(Partition(entry.code, entry.name, url, folder))
    if any(f.severity is Severity.ERROR for f in findings):
        return None, findings
    config = PortalConfig(path, settings.site_name, site_url, settings.shards, root / settings.assets, partitions)
    return config, findings
