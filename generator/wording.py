"""Every citizen-facing phrase, written once: days and limits, visits, fees, channels, percentages,
dates and numbers, the Chinese way. Pages, structured data, exports, the finder and bulletins all
word things through here, so a guide and its JSON-LD can never say two different things."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from generator.models import Fee, Item, OnlineDepth, TimeLimit, TimeUnit

# The area the site serves: schema.org areaServed, HSDS and CPSV-AP locations.
CITY = "示范市"
FREE = "不收费"
IMMEDIATE = "即办"
NO_STATUTORY_LIMIT = "法律未规定"


def chinese_date(value: datetime.date) -> str:
    """2026-10-15 → 2026年10月15日."""
    return f"{value.year}年{value.month}月{value.day}日"


def percent(fraction: float | None, digits: int = 1, missing: str = "—") -> str:
    """0.7142 → 71.4%; no base → `missing`."""
    return missing if fraction is None else f"{fraction * 100:.{digits}f}%"


def number(value: int) -> str:
    """20000 → 20,000 (grouping as on Chinese government statistics pages)."""
    return f"{value:,}"


def days(value: float | None, unit: TimeUnit | str = TimeUnit.WORKING_DAYS, *, spaced: bool = False) -> str:
    """5个工作日; `spaced` (5 个工作日) where the number stands among other words, as in messages."""
    if value is None:
        return NO_STATUTORY_LIMIT
    shown = int(value) if float(value).is_integer() else value
    return f"{shown} 个{unit}" if spaced else f"{shown}个{unit}"


def promised_text(item: Item) -> str:
    limit = item.time_limit
    return f"{IMMEDIATE}（当场办结）" if limit.promised == 0 else days(limit.promised, limit.unit)


def promised_short(limit: TimeLimit) -> str:
    """The promised limit in a table cell: 即办 or 5个工作日."""
    return IMMEDIATE if limit.promised == 0 else days(limit.promised, limit.unit)


def limits_text(item: Item) -> str:
    """承诺时限：5个工作日；法定时限：20个工作日."""
    limit = item.time_limit
    return f"承诺时限：{promised_text(item)}；法定时限：{days(limit.statutory, limit.unit)}"


def visits_text(visits: int) -> str:
    if visits == 0:
        return "零跑腿"
    if visits == 1:
        return "最多跑一次"
    return f"跑{visits}次"


def visits_group(visits: int) -> str:
    """The three groups of the figures: 零跑腿, 最多跑一次, 跑两次及以上."""
    return visits_text(visits) if visits < 2 else "跑两次及以上"


def online_channel(depth: OnlineDepth) -> str:
    return f"网上办理（{depth}）"


def window_channel(visits: int) -> str:
    return f"窗口办理（{visits_text(visits)}）"


def cut(item: Item) -> tuple[int | None, float | None]:
    """(days cut, fraction cut) from statutory to promised; None without a statutory limit."""
    limit = item.time_limit
    if limit.statutory is None:
        return None, None
    saved = limit.statutory - limit.promised
    return saved, (saved / limit.statutory if limit.statutory else None)


def fee_headline(fees: Sequence[Fee]) -> str:
    return "收费" if fees else FREE


def fee_text(fees: Sequence[Fee]) -> str:
    """不收费, or each fee with its standard: 工本费：每证 20 元；…"""
    if not fees:
        return FREE
    return "；".join(f"{fee.name}：{fee.standard}" for fee in fees)


def fee_line(fee: Fee) -> str:
    """One fee in full: 工本费：每证 20 元（依据：…）。缴费方式：…"""
    payment = f"。缴费方式：{'、'.join(fee.payment)}" if fee.payment else ""
    return f"{fee.name}：{fee_standard(fee)}{payment}"


def fee_standard(fee: Fee) -> str:
    return f"{fee.standard}（依据：{fee.basis}）"


def file_size(size: int) -> str:
    """Bytes as a download size: 812.4 KB, 12.3 MB."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def processing_time(days: int) -> str:
    """ISO 8601 duration; working days are written as days (schema.org has no working-day unit)."""
    return f"P{days}D"


# ---- 办理情形, 一件事 and paths ----

WHOLE_CITY = "全市"
CASE_PARAMETER = "情形"  # the address keeps the chosen case: ?情形=经营类型:餐饮服务,委托办理:本人办理
ALL_CASES = "还没有选择情形：下面列出全部材料，只在某些情形下需要的都注明了适用情形。"
NO_ANSWER = "没有找到对应的事项"
NO_ANSWER_HINT = "可以换个说法再搜，或拨打 12345 政务服务便民热线问一问；也可以按主题、按部门查找。"
HOTLINE = "12345"


def condition_text(when: dict[str, list[str]]) -> str:
    """{经营类型: [餐饮服务]} → 经营类型为餐饮服务; several questions joined with “，且”."""
    return "，且".join(f"{name}为{'或'.join(options)}" for name, options in when.items())


def material_condition(situation: str | None, when: dict[str, list[str]]) -> str:
    """The 适用情形 a material shows: the department's own words, or its `when` said in words."""
    return situation or (condition_text(when) if when else "")


def case_text(answers: dict[str, list[str]]) -> str:
    """The chosen case in one line: 经营类型：餐饮服务；委托办理：本人办理 (as situations.js writes it)."""
    words = SITUATION_WORDS
    return words["caseJoin"].join(
        words["caseItem"].format(name=name, options=words["optionJoin"].join(options))
        for name, options in answers.items()
    )


def case_parameter(answers: dict[str, list[str]]) -> str:
    """The value of ?情形= for a chosen case (names hold no : or ,)."""
    return ",".join(f"{name}:{option}" for name, options in answers.items() for option in options)


def submission_text(mode: str, visits: int) -> str:
    """How the materials are handed in, for the checklist's 怎么交材料."""
    return {
        "网上提交": "网上提交：在网上办理入口填写申请、上传材料",
        "窗口提交": f"窗口提交：带齐材料到办理窗口（{visits_text(visits)}）",
        "邮寄提交": "邮寄提交：把纸质材料寄给办理窗口",
    }[mode]


def order_text(names: Sequence[str]) -> str:
    """先办甲，再办乙，最后办丙."""
    if len(names) < 2:
        return f"办理{names[0]}" if names else ""
    if len(names) == 2:
        return f"先办{names[0]}，再办{names[1]}"
    middle = "".join(f"，再办{name}" for name in names[1:-1])
    return f"先办{names[0]}{middle}，最后办{names[-1]}"


def path_step_text(path_name: str, number: int, total: int) -> str:
    """这是『开饭店』的第 2 步（共 3 步）."""
    return f"这是『{path_name}』的第 {number} 步（共 {total} 步）"


def joint_form_note(form: str) -> str:
    return f"一表申请：用这一张“{form}”代替各事项的申请表，填一次，各部门共用。"


def gain_days(saved: float, unit: TimeUnit | str = TimeUnit.WORKING_DAYS) -> str:
    return f"少等 {days(saved, unit, spaced=True)}"


def gain_materials(saved: int) -> str:
    return f"少交 {saved} 份材料"


def gain_visits(saved: int) -> str:
    return f"少跑 {saved} 次"


def area_text(area: str | None) -> str:
    """服务区域：全市 or 东区."""
    return area or WHOLE_CITY


# What the 我的情况 widget says; the page's script gets these very strings (situations.js only fills numbers).
SITUATION_WORDS = {
    "count": "需要准备 {bring} 份材料",
    "shared": "，另有 {shared} 份免提交（部门共享获取，不用带）",
    "hidden": "；按您的情况，{hidden} 份不适用，已隐藏",
    "case": "您的情况：",
    "all": ALL_CASES,
    "copied": "链接已复制，可以发给窗口或家人",
    "ticked": "已备齐 {ticked} / {total} 份",
    "caseItem": "{name}：{options}",
    "caseJoin": "；",
    "optionJoin": "、",
}


def material_count(bring: int, shared: int = 0, hidden: int = 0) -> str:
    """需要准备 5 份材料，另有 2 份免提交（…）——as the page says before any answer, and the script after."""
    words = SITUATION_WORDS
    text = words["count"].format(bring=bring)
    if shared:
        text += words["shared"].format(shared=shared)
    if hidden:
        text += words["hidden"].format(hidden=hidden)
    return text + "。"


# What the finder says around its results; docs.json carries these strings to finder.js.
FINDER_WORDS = {
    "noAnswer": NO_ANSWER,
    "noAnswerHint": NO_ANSWER_HINT,
    "hotline": HOTLINE,
    "hotlineLabel": f"拨打 {HOTLINE} 咨询",
    "topics": "按主题找",
    "departments": "按部门找",
    "closest": "也可以看看一件事：",
    "corrected": "没有找到“{query}”，下面是“{corrected}”的结果。",
    "lifeEvents": "一次办好",
    "faq": "常见问题",
    "faqOf": "常见问题 · {item}",
    "leadOnly": "找到了一次办好的一件事或分步办事指南：点开看每一步办哪些事项。",
}
