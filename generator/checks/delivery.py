"""Delivery and payment that match how the item is handled: a fully online item does not end at a window,
a download needs an online account, and a fee says how to pay it."""

from __future__ import annotations

from generator.checks.base import finding, item_check, rule
from generator.checks.placeholders import free_marker
from generator.findings import Severity
from generator.models import Delivery, OnlineDepth

WINDOW_ONLY_ONLINE = rule(
    "delivery.window-only-online",
    Severity.ERROR,
    "全程网办的事项不只能窗口领取结果",
    protects="全程网办却只能到窗口领结果，群众最后还是要跑一趟，“不见面”落空",
    fix="在结果送达 (delivery) 中加上“邮寄送达”或“网上下载”",
    sources=("jiangsu-no-meeting", "domain"),
)
DOWNLOAD_NOT_ONLINE = rule(
    "delivery.download-not-online",
    Severity.ERROR,
    "网上下载结果的事项可以网上办理",
    protects="不能网上办理的事项，群众没有网上办件记录，无处下载结果",
    fix="核对网办深度 (online.depth)，或从结果送达中删去“网上下载”",
    sources=("project",),
)
PAYMENT_MISSING = rule(
    "fee.payment-missing",
    Severity.WARNING,
    "收费项目写明缴费方式",
    protects="群众要知道能不能网上付、要不要带现金；省级平台的收费信息包括“是否支持网上支付”",
    fix="在 fees[].payment 中写明网上支付、窗口缴费或银行代收",
    sources=("zj-quality-check", "national-list-fields"),
)
FEE_PLACEHOLDER = rule(
    "fee.placeholder",
    Severity.ERROR,
    "不收费的事项写 fees: []，不写一条“无”“不收费”的收费",
    protects="一条写着“无”的收费让页面显示“收费”，群众以为要交钱；不收费统一显示为“不收费”",
    fix="把收费写成空列表 fees: []，页面会显示“不收费”",
    sources=("dezhou-template",),
)


@item_check
def delivery_matches_handling(record, registry):
    item = record.item
    depth = item.online.depth
    if depth is OnlineDepth.FULLY_ONLINE and set(item.delivery) == {Delivery.WINDOW}:
        yield finding(
            record,
            ("delivery",),
            WINDOW_ONLY_ONLINE,
            "网办深度 (online.depth) 为全程网办，结果送达 (delivery) 却只有窗口领取：全程网办不需要到现场，"
            "请加上“邮寄送达”或“网上下载”",
        )
    if Delivery.DOWNLOAD in item.delivery and depth in (OnlineDepth.OFFLINE, OnlineDepth.CONSULTATION):
        yield finding(
            record,
            ("delivery",),
            DOWNLOAD_NOT_ONLINE,
            f"结果送达 (delivery) 有“网上下载”，但网办深度 (online.depth) 为{depth}：不能网上办理就没有地方下载结果，"
            "请核对网办深度，或删去“网上下载”",
        )


@item_check
def fees_are_real_and_payable(record, registry):
    for index, fee in enumerate(record.item.fees):
        free = free_marker(fee)
        if free is not None:
            yield finding(
                record,
                ("fees", index),
                FEE_PLACEHOLDER,
                f"收费 (fees[{index}]) 写的是“{free}”：不收费请把收费写成空列表 fees: []，页面会显示“不收费”",
            )
        elif not fee.payment:
            yield finding(
                record,
                ("fees", index),
                PAYMENT_MISSING,
                f"收费“{fee.name}”(fees[{index}]) 没有写缴费方式 (payment)：请写明网上支付、窗口缴费或银行代收",
            )
