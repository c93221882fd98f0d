"""The catalogue's entries for the portal's findings: about the partitions' exports, not about one
registry, so no registry.yml setting changes them (`portal --strict` makes the warnings errors)."""

from __future__ import annotations

from generator.checks.base import rule
from generator.findings import Severity

_LEFT_OUT = "门户不收录这个地区：它的事项在门户上搜不到，直到下一次构建"

PARTITION_MISSING = rule(
    "portal.partition-missing",
    Severity.ERROR,
    "每个地区都有导出",
    protects=_LEFT_OUT,
    fix="检查这个地区的构建任务是否成功、是否运行了 python -m generator partition，portal.yml 中的 path 是否指向它的网站",
    sources=("project",),
    adjustable=False,
)
PARTITION_INVALID = rule(
    "portal.partition-invalid",
    Severity.ERROR,
    "地区导出的数据完整、格式正确",
    protects="格式不对、不完整或被改动的导出会让门户的搜索出错，甚至把访问者引到别处；" + _LEFT_OUT + "，其他地区照常",
    fix="重新构建这个地区的网站并运行 python -m generator partition；仍然出错时，检查导出在传递中是否被改动",
    sources=("project",),
    adjustable=False,
)
PARTITION_MISMATCH = rule(
    "portal.partition-mismatch",
    Severity.ERROR,
    "地区导出与门户设置一致",
    protects="按另一份门户设置导出的地区，区划、地址或索引分片对不上，合并后的链接和搜索结果会错；" + _LEFT_OUT,
    fix="用当前的 portal.yml 重新运行这个地区的 python -m generator partition（网站地址以 portal.yml 为准）",
    sources=("project",),
    adjustable=False,
)
UNIFIED_MISMATCH = rule(
    "portal.unified-mismatch",
    Severity.WARNING,
    "不同地区同一基本编码的事项在八统一字段上一致",
    protects="同一事项在甲市和乙县要的材料、时限不一样，群众无所适从（八统一）",
    fix="两个地区与上级主管部门核对后，统一各自事项文件的这一字段",
    sources=("domain",),
    adjustable=False,
)
