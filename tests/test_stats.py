"""The reform office's figures on small registries computed by hand."""

import json

import pytest
from conftest import ITEM_TEXT, edit, run_cli

KEYS = [
    "items",
    "departments",
    "bundles",
    "materials",
    "immediate_items",
    "zero_visit_items",
    "at_most_one_visit_items",
    "fully_online_items",
    "statutory_days_total",
    "promised_days_total",
    "time_compression",
    "tolerance_materials",
    "tolerance_material_ratio",
]


def variant(
    number: int,
    statutory: int,
    promised: int,
    visits: int,
    *,
    unit: str = "工作日",
    status: str = "在用",
    department: str = "alpha",
    tolerant: bool = True,
    fully_online: bool = False,
) -> str:
    text = edit(ITEM_TEXT, 'catalog_code: "100000000001"', f'catalog_code: "10000000000{number}"')
    credit = "11990100MB9990010D" if department == "alpha" else "11990100MB9990020E"
    text = edit(text, "code: 11990100MB9990010D3100000000001", f"code: {credit}310000000000{number}")
    text = edit(text, "department: alpha", f"department: {department}")
    text = edit(
        text,
        "  statutory: 20\n  promised: 5\n  unit: 工作日",
        f"  statutory: {statutory}\n  promised: {promised}\n  unit: {unit}",
    )
    text = edit(text, "    time_limit: 3", f"    time_limit: {promised}")
    if promised == 0:
        text = edit(text, "handling: 承诺件", "handling: 即办件")
    if visits == 0:
        text = edit(text, "visits: 1\nvisit_reason: 需要核验原件。\n", "visits: 0\n")
        text = edit(text, "delivery: [窗口领取]", "delivery: [窗口领取, 邮寄送达]")
    else:
        text = edit(text, "visits: 1", f"visits: {visits}")
    if fully_online:
        text = edit(text, "  depth: 网上预审", "  depth: 全程网办")
    if not tolerant:
        text = edit(text, "    necessity: 容缺后补", "    necessity: 必要")
    return edit(text, "status: 在用", f"status: {status}")


def stats(registry) -> dict:
    result = run_cli("stats", "--items", str(registry.root), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_time_compression_by_hand(registry):
    registry.item(variant(1, 20, 5, 1), ref="alpha/one")
    registry.item(variant(2, 10, 0, 0, fully_online=True, tolerant=False), ref="alpha/two")
    registry.item(variant(3, 5, 5, 2, department="beta"), ref="beta/three")
    figures = stats(registry)
    assert list(figures) == KEYS
    assert figures["time_compression"] == pytest.approx(1 - 10 / 35)
    assert figures == {
        "items": 3,
        "departments": 2,
        "bundles": 0,
        "materials": 9,
        "immediate_items": 1,
        "zero_visit_items": 1,
        "at_most_one_visit_items": 2,
        "fully_online_items": 1,
        "statutory_days_total": 35,
        "promised_days_total": 10,
        "time_compression": figures["time_compression"],
        "tolerance_materials": 2,
        # two items allow 容缺, each with 1 of its 3 materials
        "tolerance_material_ratio": pytest.approx(2 / 6),
    }


def test_only_published_working_day_items_count(registry):
    registry.item(variant(1, 20, 10, 1), ref="alpha/one")
    registry.item(variant(2, 30, 1, 1, status="暂停"), ref="alpha/suspended")
    registry.item(variant(3, 60, 30, 1, unit="自然日"), ref="alpha/calendar")
    figures = stats(registry)
    assert figures["items"] == 2
    assert figures["statutory_days_total"] == 20
    assert figures["promised_days_total"] == 10
    assert figures["time_compression"] == pytest.approx(0.5)


def test_no_statutory_limit_means_no_ratio(registry):
    text = edit(variant(1, 20, 5, 1), "  statutory: 20\n", "")
    registry.item(text, ref="alpha/one")
    figures = stats(registry)
    assert figures["statutory_days_total"] == 0
    assert figures["time_compression"] is None
