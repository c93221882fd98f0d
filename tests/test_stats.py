"""The reform office's figures on small registries computed by hand."""

import json

import pytest
from conftest import ITEM_TEXT, edit, run_cli

from generator.stats.figures import NAMES
from generator.wording import FIGURE_TERMS


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
    return json.loads(result.stdout)["figures"]


def test_time_compression_by_hand(registry):
    registry.item(variant(1, 20, 5, 1), ref="alpha/one")
    registry.item(variant(2, 10, 0, 0, fully_online=True, tolerant=False), ref="alpha/two")
    registry.item(variant(3, 5, 5, 2, department="beta"), ref="beta/three")
    figures = stats(registry)
    assert list(figures) == list(NAMES)
    assert figures["time_compression"] == pytest.approx(1 - 10 / 35)
    assert figures == {
        "items": 3,
        "departments": 2,
        "bundles": 0,
        "materials": 9,
        "immediate_items": 1,
        "immediate_rate": pytest.approx(1 / 3),
        "zero_visit_items": 1,
        "zero_visit_rate": pytest.approx(1 / 3),
        "at_most_one_visit_items": 2,
        "at_most_one_visit_rate": pytest.approx(2 / 3),
        "fully_online_items": 1,
        "fully_online_rate": pytest.approx(1 / 3),
        "timed_items": 3,
        "statutory_days_total": 35,
        "promised_days_total": 10,
        "time_compression": figures["time_compression"],
        "calendar_timed_items": 0,
        "calendar_statutory_days_total": 0,
        "calendar_promised_days_total": 0,
        "calendar_time_compression": None,
        # two items allow 容缺, each with 1 of its 3 materials
        "tolerance_items": 2,
        "tolerance_item_materials": 6,
        "tolerance_materials": 2,
        "tolerance_material_ratio": pytest.approx(2 / 6),
    }


def test_only_published_working_day_items_count(registry):
    registry.item(variant(1, 20, 10, 1), ref="alpha/one")
    registry.item(variant(2, 30, 1, 1, status="暂停"), ref="alpha/suspended")
    registry.item(variant(3, 60, 30, 1, unit="自然日"), ref="alpha/calendar")
    figures = stats(registry)
    assert figures["items"] == 2
    assert figures["timed_items"] == 1
    assert figures["statutory_days_total"] == 20
    assert figures["promised_days_total"] == 10
    assert figures["time_compression"] == pytest.approx(0.5)
    # the item in 自然日 is counted apart, never added to working days
    assert figures["calendar_timed_items"] == 1
    assert (figures["calendar_statutory_days_total"], figures["calendar_promised_days_total"]) == (60, 30)
    assert figures["calendar_time_compression"] == pytest.approx(0.5)


def test_no_statutory_limit_means_no_ratio(registry):
    text = edit(variant(1, 20, 5, 1), "  statutory: 20\n", "")
    registry.item(text, ref="alpha/one")
    figures = stats(registry)
    assert figures["statutory_days_total"] == 0
    assert figures["time_compression"] is None


def test_every_figure_says_what_it_counts_and_over_what(registry):
    registry.item(variant(1, 20, 5, 1), ref="alpha/one")
    registry.item(variant(2, 10, 0, 0, fully_online=True, tolerant=False), ref="alpha/two")
    registry.item(variant(3, 60, 30, 2, unit="自然日"), ref="alpha/calendar")
    registry.item(edit(variant(4, 20, 5, 1), "  statutory: 20\n", ""), ref="alpha/untimed")
    result = run_cli("stats", "--items", str(registry.root), "--json")
    output = json.loads(result.stdout)
    figures, definitions = output["figures"], output["definitions"]
    assert list(definitions) == list(figures) == list(NAMES) == list(FIGURE_TERMS)
    labels = [d["label"] for d in definitions.values()]
    assert len(set(labels)) == len(labels), "one name, one label"
    assert definitions["time_compression"]["basis"] == (
        f"{figures['timed_items']} 个按工作日计、有法定时限的事项，共 {figures['items']} 项在用事项；"
        f"按自然日计的 {figures['calendar_timed_items']} 项另计，没有法定时限的 1 项不计"
    )
    assert definitions["at_most_one_visit_items"]["basis"] == "零跑腿 1 项、跑一次 2 项，共 4 项在用事项"
    assert "含零跑腿" in definitions["at_most_one_visit_items"]["means"]
    assert output["as_of"]["commit"] is None and output["as_of"]["date"] == "2026-11-01"
    assert "没有版本历史" in output["as_of"]["text"]
    table = run_cli("stats", "--items", str(registry.root)).stdout
    assert table.startswith("数据来源：事项登记册的当前内容（没有版本历史")
    line = next(line for line in table.splitlines() if line.startswith("时限压减比例 "))
    assert line.split()[1] == f"{(1 - 5 / 30) * 100:.1f}%" and definitions["time_compression"]["basis"] in line


def test_stats_at_a_date_needs_history(registry):
    registry.item(variant(1, 20, 5, 1), ref="alpha/one")
    result = run_cli("stats", "--items", str(registry.root), "--at", "2026-09-18")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "得不到 2026-09-18 的统计数字：登记册不在 git 仓库中" in result.stderr
    wrong = run_cli("stats", "--items", str(registry.root), "--at", "九月")
    assert wrong.returncode == 2 and "“九月”不是日期" in wrong.stderr
