"""The national code table: one place, each code set with its source; unconfirmed codes never guessed."""

from __future__ import annotations

import enum

from generator.importer.codes import CODE_SETS
from generator.models import Item
from generator.registry.labels import find_type, model_at

# The registry field each code set translates (flags are 是/否).
FIELDS = {
    "task_type": ("type",),
    "task_state": ("status",),
    "use_level": ("level",),
    "server_type": ("audience",),
    "project_type": ("handling",),
    "anticipate_type": ("time_limit", "unit"),
    "promise_type": ("time_limit", "unit"),
    "online_handle_depth": ("online", "depth"),
    "handle_area": ("cross_region",),
    "result_type": ("result", "type"),
    "is_need": ("materials", "necessity"),
    "material_type": ("materials", "kind"),
    "material_format": ("materials", "form"),
    "source_type": ("materials", "source"),
}


def _words(path: tuple[str, ...]) -> set[str]:
    parent = model_at(Item, path[:-1])
    return {member.value for member in find_type(parent.model_fields[path[-1]].annotation, enum.Enum)}


def test_every_code_set_names_its_sources_and_maps_to_registry_words():
    for name, code_set in CODE_SETS.items():
        assert code_set.source, name
        words = _words(FIELDS[name]) if name in FIELDS else {"是", "否"}
        assert set(code_set.confirmed.values()) <= words, name
        assert not set(code_set.confirmed) & set(code_set.unconfirmed), name


def test_confirmed_codes_read_with_or_without_padding_and_write_back():
    task_type = CODE_SETS["task_type"]
    assert task_type.decode("1") == ("行政许可", None) and task_type.decode("01") == ("行政许可", None)
    assert task_type.encode("公共服务") == "20"
    assert CODE_SETS["source_type"].decode("20") == ("政府部门核发", None)


def test_an_unconfirmed_code_is_refused_with_what_the_sources_say():
    value, reason = CODE_SETS["result_type"].decode("10")
    assert value is None and "未能确认" in reason and "GDSV" in reason
    value, reason = CODE_SETS["server_type"].decode("5")
    assert value is None and "冲突" in reason
    assert CODE_SETS["anticipate_type"].encode("工作日") == "工作日"  # no confirmed code: the word is written


def test_a_code_no_source_has_is_refused_too():
    value, reason = CODE_SETS["project_type"].decode("7")
    assert value is None and "不是办件类型的代码" in reason
    assert CODE_SETS["project_type"].decode("即办件", frozenset({"即办件", "承诺件"})) == ("即办件", None)
