"""Rule 3 of docs/domain.md: trips to the window, their reason, and how the result reaches a person who does not come."""

import re

from generator.checks.base import finding, item_check, rule
from generator.checks.placeholders import is_placeholder
from generator.findings import Severity
from generator.models import Delivery, OnlineDepth

REASON_MISSING = rule(
    "visits.reason-missing",
    Severity.ERROR,
    "需要到现场时说明原因",
    protects="要群众跑一趟，就要说清为什么必须到现场；写“无”等于没写",
    fix="在 visit_reason 中写明必须到现场的原因，如“需现场核验身份并采集人像”",
    sources=("domain", "zj-quality-check", "province-entry-forms"),
)
REASON_UNNEEDED = rule(
    "visits.reason-unneeded",
    Severity.ERROR,
    "零跑腿的事项不填写到现场原因",
    protects="零跑腿的事项写着到现场的原因，页面自相矛盾",
    fix="删去 visit_reason，或核对到现场次数",
    sources=("domain", "zj-quality-check", "province-entry-forms"),
)
FULLY_ONLINE_VISITS = rule(
    "visits.fully-online",
    Severity.ERROR,
    "全程网办的事项到现场次数为 0",
    protects="全程网办却要跑现场，是虚报网办深度",
    fix="把到现场次数改为 0，或把网办深度改为网上受理",
    sources=("domain", "zj-quality-check"),
)
POSTAL_MISSING = rule(
    "delivery.postal-missing",
    Severity.ERROR,
    "零跑腿又不能网上受理的事项提供邮寄送达",
    protects="不到现场又不能网上办，材料和结果只能邮寄，否则零跑腿是空话",
    fix="在 delivery 中加上“邮寄送达”",
    sources=("domain", "zj-quality-check"),
)
ONLINE_URL_MISSING = rule(
    "online.url-missing",
    Severity.ERROR,
    "可以网上办理的事项给出网办地址",
    protects="说能网上办却不给入口，群众找不到在哪里办",
    fix="在 online.url 中填写网上办理入口的链接",
    sources=("domain", "province-entry-forms", "national-list-fields"),
)


# “无需到现场办理” as the reason to come is what the provincial check counts as no reason.
_NO_VISIT = re.compile(r"^无需(?:到)?现场(?:办理)?[。.]?$")


@item_check
def visit_reason(record, registry):
    item = record.item
    if item.visits > 0 and (
        not item.visit_reason or is_placeholder(item.visit_reason) or _NO_VISIT.match(item.visit_reason)
    ):
        written = f"写的是“{item.visit_reason}”" if item.visit_reason else "没有填写到现场原因 (visit_reason)"
        yield finding(
            record,
            ("visit_reason",) if item.visit_reason else ("visits",),
            REASON_MISSING,
            f"到现场次数 (visits) 为 {item.visits}，到现场原因 (visit_reason) {written}：请说明为什么必须到现场，"
            "如“需现场核验身份并采集人像”",
        )
    elif item.visits == 0 and item.visit_reason:
        yield finding(
            record,
            ("visit_reason",),
            REASON_UNNEEDED,
            "到现场次数 (visits) 为 0，却填写了到现场原因 (visit_reason)：请删去到现场原因，或核对到现场次数",
        )


@item_check
def fully_online_means_no_visit(record, registry):
    item = record.item
    if item.online.depth is OnlineDepth.FULLY_ONLINE and item.visits > 0:
        yield finding(
            record,
            ("visits",),
            FULLY_ONLINE_VISITS,
            f"网办深度 (online.depth) 为全程网办，但到现场次数 (visits) 为 {item.visits}：全程网办不需要到现场，"
            "请把到现场次数改为 0，或把网办深度改为网上受理",
        )


@item_check
def zero_visits_need_postal_delivery(record, registry):
    item = record.item
    if item.visits == 0 and not item.online.depth.accepts_online and Delivery.POST not in item.delivery:
        yield finding(
            record,
            ("delivery",),
            POSTAL_MISSING,
            f"到现场次数 (visits) 为 0，网办深度为{item.online.depth}，结果送达 (delivery) 却没有邮寄送达："
            "不到现场又不能网上受理，请在结果送达中加上“邮寄送达”",
        )


@item_check
def online_needs_url(record, registry):
    online = record.item.online
    if online.depth not in (OnlineDepth.OFFLINE, OnlineDepth.CONSULTATION) and not online.url:
        yield finding(
            record,
            ("online",),
            ONLINE_URL_MISSING,
            f"网办深度 (online.depth) 为{online.depth}，但没有网办地址 (online.url)：请填写网上办理入口的链接",
        )
