"""Every citizen-facing phrase, written once: days and limits, visits, fees, channels, percentages,
dates and numbers, the Chinese way. Pages, structured data, exports, the finder and bulletins all
word things through here."""

from __future__ import annotations

import datetime

from generator.models import Item, TimeUnit

# The area the site serves: schema.org areaServed, HSDS and CPSV-AP locations.
CITY = "示范市"


def chinese_date(value: datetime.date) -> str:
    """2026-10-15 → 2026年10月15日."""
    return f"{value.year}年{value.month}月{value.day}日"


def percent(fraction: float | None, digits: int = 1) -> str:
    """0.7142 → 71.4%; no base → —."""
    return "—" if fraction is None else f"{fraction * 100:.{digits}f}%"


def number(value: int) -> str:
    """20000 → 20,000 (grouping as on Chinese government statistics pages)."""
    return f"{value:,}"


def days(value: float | None, unit: TimeUnit | str = TimeUnit.WORKING_DAYS) -> str:
    if value is None:
        return "法律未规定"
    shown = int(value) if float(value).is_integer() else value
    return f"{shown}个{unit}"


def promised_text(item: Item) -> str:
    limit = item.time_limit
    return "即办（当场办结）" if limit.promised == 0 else days(limit.promised, limit.unit)


def visits_text(visits: int) -> str:
    if visits == 0:
        return "零跑腿"
    if visits == 1:
        return "最多跑一次"
    return f"跑{visits}次"


def cut(item: Item) -> tuple[int | None, float | None]:
    """(days cut, fraction cut) from statutory to promised; None without a statutory limit."""
    limit = item.time_limit
    if limit.statutory is None:
        return None, None
    saved = limit.statutory - limit.promised
    return saved, (saved / limit.statutory if limit.statutory else None)


def fee_text(item: Item) -> str:
    if not item.fees:
        return "不收费"
    return "；".join(f"{fee.name}：{fee.standard}" for fee in item.fees)


def file_size(size: int) -> str:
    """Bytes as a download size: 812.4 KB, 12.3 MB."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def processing_time(days: int) -> str:
    """ISO 8601 duration; working days are written as days (schema.org has no working-day unit)."""
    return f"P{days}D"
