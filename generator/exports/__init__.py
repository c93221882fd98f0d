"""Open-data exports of the registry: one module per format, all written from the checked registry.

    export(registry, "hsds", Path("hsds.json"), site_url="https://…/")
    export_all(registry, Path("site/data"), "https://…/")   # every format, fixed file names

Only published items (在用) are exported. The registry is expected to have passed the checks
(`check_registry` without errors): every item's department must exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.exports import cpsv, hsds, registry_json, table
from generator.files import replacing
from generator.registry.loader import Registry

Writer = Callable[[Registry, Path, str | None], None]


@dataclass(frozen=True)
class Format:
    name: str
    file_name: str
    media_type: str
    description: str
    write: Writer


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "json",
            "registry.json",
            "application/json",
            "整个登记册（部门、一件事、在用事项），与数据模型一致",
            registry_json.write,
        ),
        Format(
            "csv",
            "items.csv",
            "text/csv",
            "实施清单：每个在用事项一行（部分字段为摘要），UTF-8（带 BOM）",
            table.write_csv,
        ),
        Format(
            "xlsx",
            "items.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "实施清单 Excel 工作簿：第一张表同 items.csv，其后各表是每个事项的全部内容和各部门（见下文）",
            table.write_xlsx,
        ),
        Format("hsds", "hsds.json", "application/json", "Open Referral HSDS 3.0 服务（services 分页格式）", hsds.write),
        Format(
            "cpsv-ap", "cpsv-ap.jsonld", "application/ld+json", "欧盟 CPSV-AP 3.2.0 公共服务描述（JSON-LD）", cpsv.write
        ),
    )
}


def export(registry: Registry, fmt: str, out: Path, site_url: str | None = None) -> list[Path]:
    """Write the registry in format `fmt` to the file `out`; `site_url` makes links to the guides."""
    if fmt not in FORMATS:
        raise ValueError(f"未知的导出格式“{fmt}”：可选 {'、'.join(FORMATS)}")
    with replacing(out) as partial:
        FORMATS[fmt].write(registry, partial, site_url)
    return [out]


def export_all(registry: Registry, folder: Path, site_url: str) -> dict[str, Path]:
    """Every format into `folder` under its fixed file name, for publishing on the site."""
    return {name: export(registry, name, folder / f.file_name, site_url)[0] for name, f in FORMATS.items()}


__all__ = ["FORMATS", "Format", "export", "export_all"]
