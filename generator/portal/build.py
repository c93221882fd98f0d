"""`python -m generator portal`: the portal over the partitions' exports.

1. read portal.yml (errors stop here, at file and line);
2. check every partition's export through once (a partition that fails is left out with a finding;
   the others go on);
3. 八统一 across the accepted partitions;
4. into a new folder swapped in only when complete: docs.json, t2s.json and the shards merged one at a
   time, then the page and its assets.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.files import describe
from generator.findings import Finding, Report
from generator.portal.catalogue import PARTITION_INVALID, PARTITION_MISMATCH, PARTITION_MISSING
from generator.portal.config import Partition, load_portal_config
from generator.portal.crosscheck import unified_findings
from generator.portal.formats import Rejected
from generator.portal.merge import write_shards, write_table
from generator.portal.pages import missing_assets, write_pages
from generator.portal.reading import CheckedPartition, check_partition
from generator.site.pipeline import FINDER_DIR
from generator.site.staging import BuildBusy, StagedSite

Say = Callable[[str], None]
RULES = {"missing": PARTITION_MISSING, "invalid": PARTITION_INVALID, "mismatch": PARTITION_MISMATCH}


@dataclass
class PortalResult:
    report: Report
    problem: str | None = None  # a usage problem (configuration, folders): nothing was written
    accepted: list[CheckedPartition] = field(default_factory=list)
    read: int = 0  # partitions whose export was read (accepted or not)
    documents: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def written(self) -> bool:
        return self.problem is None


def rejection(partition: Partition, rejected: Rejected) -> Finding:
    which = RULES[rejected.kind]
    message = (
        f"{partition.name}（{partition.code}）的导出不能用：{rejected.message}。门户没有收录这个地区，其他地区照常"
    )
    return Finding(str(rejected.path), rejected.line, 1, which.code, which.severity, "", message)


def build_portal(config_path: Path, out: Path, say: Say) -> PortalResult:
    started = time.perf_counter()
    config, findings = load_portal_config(config_path)
    if config is None:
        return PortalResult(Report(findings), f"{config_path} 有错误，门户没有生成")
    missing = missing_assets(config.assets)
    if missing:
        return PortalResult(
            Report(findings), f"主题资源文件夹 {config.assets} 中缺少 {'、'.join(missing)}：请检查 portal.yml 的 assets"
        )
    accepted: list[CheckedPartition] = []
    for partition in config.partitions:
        try:
            accepted.append(check_partition(partition, config, len(accepted)))
        except Rejected as rejected:
            findings.append(rejection(partition, rejected))
    unified, failed = unified_findings(accepted)
    for place, lost in failed.items():
        findings.append(rejection(accepted[place].partition, lost))
    accepted = [checked for place, checked in enumerate(accepted) if place not in failed]
    findings += unified
    result = PortalResult(Report(findings), accepted=accepted, read=len(config.partitions))
    result.documents = sum(checked.manifest.documents for checked in accepted)
    result.seconds["check"] = time.perf_counter() - started
    try:
        with StagedSite(out) as staged:
            data = staged.path / FINDER_DIR
            data.mkdir(parents=True)
            write_table(data, accepted, config.site_url, config.shards)
            write_shards(data, accepted, config.shards)
            items = {checked.partition.code: checked.manifest.items for checked in accepted}
            listed = [(p.name, p.code, p.url, items.get(p.code)) for p in config.partitions]
            write_pages(staged.path, config.site_name, config.site_url, listed, config.assets)
            staged.commit()
    except Rejected as rejected:
        result.problem = f"{rejected.path} 在门户生成期间被改动（{rejected.message}）：门户没有生成，请重新运行"
    except BuildBusy as busy:
        result.problem = str(busy)
    except OSError as error:
        result.problem = f"{describe(error)}：门户没有生成，原来的门户保持不变"
    result.seconds["merge"] = time.perf_counter() - started - result.seconds["check"]
    if result.written:
        say(
            f"门户已生成：{out}（{len(accepted)}/{len(config.partitions)} 个地区，{result.documents} 个文档，"
            f"{config.shards} 个分片；检查 {result.seconds['check']:.1f} 秒，合并 {result.seconds['merge']:.1f} 秒）"
        )
    return result
