"""Where and when a person can act: hours that name the days as well as the times, a place precise to a
window or a room, and phone numbers that can be dialled — on each item's windows and on each department
(whose address and hours an item without windows shows)."""

from __future__ import annotations

import re

from generator.checks.base import finding, item_check, registry_check, rule
from generator.findings import Severity
from generator.registry.labels import key_path

HOURS_NO_DAYS = rule(
    "window.hours-no-days",
    Severity.WARNING,
    "办理时间写明哪几天办公（工作日、周一至周五……）",
    protects="只写“9:00-17:00”，群众不知道周末和节假日能不能去，白跑一趟",
    fix="写成“周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）”这样，天和时间都写明",
    sources=("zj-quality-check", "dezhou-template"),
)
HOURS_NO_TIMES = rule(
    "window.hours-no-times",
    Severity.WARNING,
    "办理时间写明几点到几点",
    protects="只写“工作日”，群众不知道中午是否办公、几点截止",
    fix="写明上午、下午的起止时间，如“周一至周五 9:00-12:00，13:30-17:00”",
    sources=("dezhou-template", "zj-quality-check"),
)
PLACE_IMPRECISE = rule(
    "window.place-imprecise",
    Severity.WARNING,
    "办理地点精确到窗口、柜台或房间",
    protects="只写到大楼，群众进了政务服务中心还要问路；省级平台把这类地址列为“办理地址不精确”",
    fix="写到窗口号、区号或房间号，如“市民中心二楼 B 区 12 号窗口”",
    sources=("zj-quality-check", "dezhou-template"),
)
PHONE_FORMAT = rule(
    "phone.format",
    Severity.WARNING,
    "电话号码带区号，或是手机号、12345 等服务热线",
    protects="没有区号的固定电话外地打不通，位数不对的号码打不通",
    fix="写带区号的固定电话（如 0571-87654321）、11 位手机号，或 12345 这样的服务热线",
    sources=("zj-quality-check", "dezhou-template"),
)

# 工作日 and 全天/24小时/节假日 are what the provincial check accepts; 周一至周五 is the city template's form.
_DAYS = re.compile(r"工作日|[周星期][一二三四五六日天末]|每[天日]|全天|全年|24\s*小时|节假日|双休日|休息日")
_TIMES = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|24\s*小时|全天")
# 窗口, 室, 专区 and 中台, a lettered 区, a number at the end are the provincial check's tests; 科室 and 号 the
# city template's.
_PRECISE = re.compile(r"窗口|柜台|服务台|专区|中台|室|科(?:$|[\s（(，,])|[A-Za-z]\s*区|\d+\s*号|\d$")
_PHONE = re.compile(
    r"(?:\+?86-?)?(?:(?:\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}(?:(?:转|-)\d{1,6})?|1[3-9]\d{9})"
    r"|1\d{4}|95\d{3,6}|[48]00-?\d{3}-?\d{4}"
)


def _dialable(phone: str) -> bool:
    return bool(_PHONE.fullmatch(phone.replace(" ", "").replace("（", "(").replace("）", ")").replace("—", "-")))


def hours_problems(hours: str) -> list[tuple[object, str]]:
    """(rule, what is missing) for hours a person cannot plan a visit by."""
    problems: list[tuple[object, str]] = []
    if not _DAYS.search(hours):
        problems.append((HOURS_NO_DAYS, "只写了时间，没写哪几天办公"))
    if not _TIMES.search(hours):
        problems.append((HOURS_NO_TIMES, "没写几点到几点"))
    return problems


def place_is_precise(*texts: str) -> bool:
    return any(_PRECISE.search(text) for text in texts if text)


_HOURS_EXAMPLE = "请写成“周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）”"


@item_check
def windows_can_be_found(record, registry):
    for index, window in enumerate(record.item.windows):
        for which, missing in hours_problems(window.hours):
            yield finding(
                record,
                ("windows", index, "hours"),
                which,
                f"办理时间 (windows[{index}].hours)“{window.hours}”{missing}：{_HOURS_EXAMPLE}",
            )
        if not place_is_precise(window.place, window.address):
            yield finding(
                record,
                ("windows", index, "place"),
                PLACE_IMPRECISE,
                f"办理地点 (windows[{index}].place)“{window.place}”和地址“{window.address}”没有精确到窗口或房间："
                "请写到窗口号、区号或房间号，如“市民中心二楼 B 区 12 号窗口”",
            )


@item_check
def item_phones_dialable(record, registry):
    item = record.item
    phones = [
        (("contact", "consult"), "咨询电话", item.contact.consult),
        (("contact", "complaint"), "投诉电话", item.contact.complaint),
    ]
    phones += [(("windows", i, "phone"), "窗口电话", w.phone) for i, w in enumerate(item.windows) if w.phone]
    for loc, title, phone in phones:
        if not _dialable(phone):
            yield finding(record, loc, PHONE_FORMAT, _phone_message(title, key_path(loc), phone))


def _phone_message(title: str, key: str, phone: str) -> str:
    return (
        f"{title} ({key})“{phone}”不像能拨通的电话号码：请写带区号的固定电话（如 0571-87654321）、"
        "11 位手机号，或 12345 这样的服务热线"
    )


@registry_check
def departments_can_be_found(registry):
    source = registry.departments_source
    if source is None:
        return
    for department in registry.departments.values():
        position = registry.department_index[department.id]
        for which, missing in hours_problems(department.hours):
            yield source.at(
                ("departments", position, "hours"),
                which.code,
                which.severity,
                f"{department.name}的办公时间 (hours)“{department.hours}”{missing}：{_HOURS_EXAMPLE}",
            )
        if not place_is_precise(department.address):
            yield source.at(
                ("departments", position, "address"),
                PLACE_IMPRECISE.code,
                PLACE_IMPRECISE.severity,
                f"{department.name}的办公地址 (address)“{department.address}”没有精确到窗口或房间：没写办理地点的事项都显示这个地址，"
                "请写到窗口号、区号或房间号，如“市民中心二楼 B 区 12 号窗口”",
            )
        for key, title in (("phone", "咨询电话"), ("complaint_phone", "投诉电话")):
            phone = getattr(department, key)
            if not _dialable(phone):
                yield source.at(
                    ("departments", position, key),
                    PHONE_FORMAT.code,
                    PHONE_FORMAT.severity,
                    f"{department.name}的" + _phone_message(title, key, phone),
                )
