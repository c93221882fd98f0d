"""Chinese labels of fields, read from the models' titles, for messages and pages."""

from __future__ import annotations

import typing
from functools import cache

from pydantic import BaseModel

Loc = tuple[str | int, ...]


def find_type(annotation: object, base: type) -> type | None:
    """The first subclass of `base` inside an annotation such as `list[Material] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, base):
        return annotation
    for arg in typing.get_args(annotation):
        found = find_type(arg, base)
        if found is not None:
            return found
    return None


def nested_model(annotation: object) -> type[BaseModel] | None:
    return find_type(annotation, BaseModel)


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields live at `loc` (list indices are skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = nested_model(info.annotation)
    return current


@cache
def _title(model: type[BaseModel], name: str) -> str | None:
    info = model.model_fields.get(name)
    return info.title if info else None


def label(model: type[BaseModel], loc: Loc) -> str:
    """Chinese label of the last named field in `loc`, e.g. 承诺时限."""
    names = [(i, part) for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return ""
    index, name = names[-1]
    parent = model_at(model, loc[:index])
    return (_title(parent, name) if parent else None) or name


def key_path(loc: Loc) -> str:
    """`('materials', 0, 'name')` → `materials[0].name`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def field_ref(model: type[BaseModel], loc: Loc) -> str:
    """What a message calls a field: its label with its key beside it, 承诺时限 (time_limit.promised)."""
    return f"{label(model, loc)} ({key_path(loc)})" if loc else "文件"


def field_names(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model else []
