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
