"""JSON Schemas for editors, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.files import write_text
from generator.importer.mappings import Mapping
from generator.models import BundlesFile, DepartmentsFile, Item, PathsFile, Settings

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "item.schema.json": (Item, "政务服务事项"),
    "departments.schema.json": (DepartmentsFile, "部门登记（departments.yml）"),
    "bundles.schema.json": (BundlesFile, "一件事一次办（bundles.yml）"),
    "paths.schema.json": (PathsFile, "办事路径（paths.yml）"),
    "settings.schema.json": (Settings, "项目设置（registry.yml）"),
    "import-mapping.schema.json": (Mapping, "导入映射（python -m generator import --mapping）"),
}


def schema_for(model: type[BaseModel], title: str) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def schema_text(model: type[BaseModel], title: str) -> str:
    return json.dumps(schema_for(model, title), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path) -> list[Path]:
    written = []
    for name, (model, title) in SCHEMAS.items():
        path = out / name
        write_text(path, schema_text(model, title))
        written.append(path)
    return written
