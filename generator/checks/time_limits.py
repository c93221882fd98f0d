"""Rules 2 and 8 of docs/domain.md: promised within statutory, 即办件 ⇔ 0 days, back-office steps within the promise."""

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.models import Handling
from generator.wording import days

PROMISED_EXCEEDS = rule(
    "time-limit.promised-exceeds-statutory",
    Severity.ERROR,
    "承诺时限不能超过法定时限",
    protects="承诺时限是对法定时限的压缩；超过法定时限的承诺本身违法",
    fix="把承诺时限改为不超过法定时限，或核对法定时限",
    sources=("domain",),
)
HANDLING_MISMATCH = rule(
    "handling.mismatch",
    Severity.ERROR,
    "即办件的承诺时限为 0，承诺件的承诺时限大于 0",
    protects="办件类型和承诺时限矛盾，群众不知道能不能当场拿到结果",
    fix="即办件把承诺时限改为 0，否则把办件类型改为承诺件",
    sources=("domain", "zj-quality-check", "dezhou-template"),
)
WORKFLOW_EXCEEDS = rule(
    "workflow.exceeds-promised",
    Severity.ERROR,
    "业务经办流程各环节时限之和不超过承诺时限",
    protects="后台各环节加起来比承诺的还长，承诺必然超期",
    fix="压缩环节时限，使合计不超过承诺时限",
    sources=("domain", "zj-quality-check"),
)


@item_check
def promised_within_statutory(record, registry):
    limit = record.item.time_limit
    if limit.statutory is not None and limit.promised > limit.statutory:
        yield finding(
            record,
            ("time_limit", "promised"),
            PROMISED_EXCEEDS,
            f"承诺时限 (time_limit.promised) 为 {days(limit.promised, limit.unit, spaced=True)}，超过法定时限 "
            f"(time_limit.statutory) {days(limit.statutory, limit.unit, spaced=True)}：请把承诺时限改为不超过法定时限，或核对法定时限",
        )


@item_check
def handling_matches_promise(record, registry):
    item = record.item
    promised = item.time_limit.promised
    if item.handling is Handling.IMMEDIATE and promised > 0:
        yield finding(
            record,
            ("handling",),
            HANDLING_MISMATCH,
            f"办件类型 (handling) 为即办件，但承诺时限 (time_limit.promised) 为 {days(promised, item.time_limit.unit, spaced=True)}："
            "即办件当场办结，请把承诺时限改为 0，或把办件类型改为承诺件",
        )
    elif item.handling is Handling.PROMISED and promised == 0:
        yield finding(
            record,
            ("handling",),
            HANDLING_MISMATCH,
            "办件类型 (handling) 为承诺件，但承诺时限 (time_limit.promised) 为 0：当场办结的事项请把办件类型改为即办件，"
            "否则请填写承诺的天数",
        )


@item_check
def workflow_within_promise(record, registry):
    item = record.item
    total = sum(step.time_limit for step in item.workflow)
    promised = item.time_limit.promised
    if total > promised + 1e-9:
        yield finding(
            record,
            ("workflow",),
            WORKFLOW_EXCEEDS,
            f"业务经办流程 (workflow) 各环节时限之和为 {days(total, item.time_limit.unit, spaced=True)}，超过承诺时限 "
            f"{days(promised, item.time_limit.unit, spaced=True)}：请压缩环节时限，使其合计不超过承诺时限",
        )
