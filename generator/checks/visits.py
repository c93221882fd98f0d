"""Rule 3 of docs/domain.md: trips to the window, their reason, and how the result reaches a person who does not come."""

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.models import Delivery, OnlineDepth

REASON_MISSING = rule("visits.reason-missing", Severity.ERROR, "需要到现场时说明原因")
REASON_UNNEEDED = rule("visits.reason-unneeded", Severity.ERROR, "零跑腿的事项不填写到现场原因")
FULLY_ONLINE_VISITS = rule("visits.fully-online", Severity.ERROR, "全程网办的事项到现场次数为 0")
POSTAL_MISSING = rule("delivery.postal-missing", Severity.ERROR, "零跑腿又不能网上受理的事项提供邮寄送达")
ONLINE_URL_MISSING = rule("online.url-missing", Severity.ERROR, "可以网上办理的事项给出网办地址")


@item_check
def visit_reason(record, registry):
    item = record.item
    if item.visits > 0 and not item.visit_reason:
        yield finding(
            record,
            ("visits",),
            REASON_MISSING,
            f"到现场次数 (visits) 为 {item.visits}，但没有填写到现场原因 (visit_reason)：请说明为什么必须到现场，"
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
