"""What a 行政许可 owes its applicant beyond any item: answers to common questions, the stages the law
sets (受理, 审查, 决定) and the statutory limit the law always gives."""

from __future__ import annotations

import re

from generator.checks.base import finding, item_check, rule
from generator.checks.placeholders import is_placeholder
from generator.findings import Severity
from generator.models import ItemType

FAQ_MISSING = rule(
    "faq.permit-missing",
    Severity.WARNING,
    "行政许可事项至少有一条常见问题",
    protects="许可事项条件多、材料多，常见问题回答了窗口每天被问的事；省级平台把“常见问题栏目无内容”列为错误",
    fix="在 faq 中写至少一条群众常问的问题和解答",
    sources=("zj-quality-check",),
)
STAGES_MISSING = rule(
    "workflow.permit-stages",
    Severity.WARNING,
    "行政许可的业务经办流程有受理、审查和决定环节",
    protects="行政许可法规定了受理、审查、决定三个环节；少了环节，时限无从核对，也看不出谁对结果负责",
    fix="在 workflow 中补全受理、审查（审核）和决定（审批、核准、发证）环节及其时限",
    sources=("licensing-law", "zj-quality-check"),
)
STATUTORY_MISSING = rule(
    "time-limit.statutory-missing",
    Severity.WARNING,
    "行政许可事项写明法定时限",
    protects="行政许可法对每个许可都有期限（一般二十日）；没有法定时限，承诺时限压缩了多少无从计算",
    fix="填写 time_limit.statutory；法律另有规定的按规定，未规定的按行政许可法第四十二条的二十日",
    sources=("licensing-law", "national-list-fields", "province-entry-forms"),
)

# Each stage and the words a workflow step may name it by; one step may cover two stages (审核登记).
_STAGES = {
    "受理": re.compile(r"受理|收件"),
    "审查": re.compile(r"审查|审核|核验|核查|审批"),
    "决定": re.compile(r"决定|审批|核准|准予|登记|发证|制证|签发|办结"),
}


@item_check
def permits_answer_questions(record, registry):
    item = record.item
    if item.type is ItemType.LICENSING and all(is_placeholder(q.a) for q in item.faq):
        yield finding(
            record,
            ("type",),
            FAQ_MISSING,
            "行政许可事项没有常见问题 (faq)：请至少写一条群众常问的问题和解答，如“需要多长时间？”“可以委托别人办吗？”",
        )


@item_check
def permits_have_their_stages(record, registry):
    item = record.item
    if item.type is not ItemType.LICENSING:
        return
    missing = [stage for stage, words in _STAGES.items() if not any(words.search(step.name) for step in item.workflow)]
    if missing:
        yield finding(
            record,
            ("workflow",),
            STAGES_MISSING,
            f"行政许可事项的业务经办流程 (workflow) 缺少“{'”“'.join(missing)}”环节：请补全受理、审查、决定环节"
            "（决定可以写作审批、核准或发证）及其时限",
        )


@item_check
def permits_state_the_statutory_limit(record, registry):
    item = record.item
    if item.type is ItemType.LICENSING and item.time_limit.statutory is None:
        yield finding(
            record,
            ("time_limit",),
            STATUTORY_MISSING,
            "行政许可事项没有法定时限 (time_limit.statutory)：请填写法律规定的时限；法律没有另行规定的，"
            "按行政许可法第四十二条为二十个工作日",
        )
