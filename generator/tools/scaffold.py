"""`new`: a new item file with every field present and a Chinese comment on each."""

from __future__ import annotations

import datetime
import enum
import os
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.files import write_text
from generator.models import Item
from generator.registry.labels import find_type, nested_model
from generator.registry.loader import SLUG, load_departments
from generator.registry.tree import DEPARTMENTS_FILE

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/item.schema.json"


class ScaffoldError(Exception):
    """Why no file was written, in Chinese."""


def _enum_of(annotation: object) -> type[enum.Enum] | None:
    return find_type(annotation, enum.Enum)


def _is_list(annotation: object) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def _base_type(annotation: object) -> object:
    for arg in typing.get_args(annotation) or (annotation,):
        if arg is not type(None):
            return typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
    return annotation


def _placeholder(info: FieldInfo) -> str:
    annotation = info.annotation
    if isinstance(info.default, (bool, int)):
        return str(info.default).lower()
    choices = _enum_of(annotation)
    if typing.get_origin(annotation) is dict:
        return "{}"
    if _is_list(annotation):
        return f"[{next(iter(choices)).value}]" if choices else "[]"
    if choices:
        return next(iter(choices)).value
    base = _base_type(annotation)
    if base is bool:
        return "false"
    if base in (int, float):
        return "0"
    if base is datetime.date:
        return datetime.date.today().isoformat()
    return '""'


def _comment(info: FieldInfo) -> str:
    text = f"# {info.title}：{info.description}"
    choices = _enum_of(info.annotation)
    if choices:
        text += "（可选：" + "、".join(c.value for c in choices) + "）"
    return text


def render_model(model: type[BaseModel], indent: int = 0, as_list_item: bool = False) -> list[str]:
    """Every field of `model` as commented YAML, optionally as one element of a list."""
    lines: list[str] = []
    inner = " " * (indent + (2 if as_list_item else 0))
    for position, (name, info) in enumerate(model.model_fields.items()):
        if as_list_item and position == 0:
            lines.append(" " * indent + "- " + _comment(info))
        else:
            lines.append(inner + _comment(info))
        nested = nested_model(info.annotation)
        if nested is None:
            lines.append(f"{inner}{name}: {_placeholder(info)}")
        else:
            lines.append(f"{inner}{name}:")
            lines.extend(render_model(nested, len(inner) + 2, as_list_item=_is_list(info.annotation)))
    return lines


def item_template(department: str) -> str:
    lines = [SCHEMA_LINE, "# 新事项：请逐项填写，不需要的可选字段可以删去；写完运行 python -m generator check。"]
    body = render_model(Item)
    body = [f"department: {department}" if line == 'department: ""' else line for line in body]
    return "\n".join(lines + body) + "\n"


def write_new_item(items: Path, department: str, slug: str) -> Path:
    if not SLUG.match(slug):
        raise ScaffoldError(f"文件名“{slug}”不能用作网址：只能用小写字母、数字和连字符，如 food-business-license")
    departments, *_ = load_departments(items)
    if department not in departments:
        raise ScaffoldError(
            f"部门“{department}”没有在 {items.as_posix()}/{DEPARTMENTS_FILE} 中登记：请先登记部门，或检查部门编号"
        )
    path = items / department / f"{slug}.yml"
    if os.path.lexists(path):
        raise ScaffoldError(f"{path.as_posix()} 已经存在：不会覆盖，请换一个文件名或直接编辑它")
    write_text(path, item_template(department))
    return path
