"""The applicant's steps tell the same time as the back office and the promise: a step saying “3 个工作日”
in an item promised in 2 promises what the office will not keep, and steps adding up to less than the
workflow promise what the office cannot do."""

from __future__ import annotations

import re

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.wording import days

STEPS_EXCEED = rule(
    "steps.time-exceeds-promised",
    Severity.WARNING,
    "办事流程各环节的时间合计不超过承诺时限",
    protects="办事流程是写给群众看的承诺；各环节加起来比承诺时限还长，群众不知道该信哪一个",
    fix="核对办事流程各环节的时间 (steps[].time) 和承诺时限，使合计不超过承诺时限",
    sources=("zj-quality-check",),
)
STEPS_BELOW = rule(
    "steps.time-below-workflow",
    Severity.WARNING,
    "办事流程各环节的时间合计不少于业务经办流程",
    protects="对群众说 1 天办完、后台按 3 天办，承诺必然落空",
    fix="核对办事流程各环节的时间 (steps[].time) 和业务经办流程的环节时限 (workflow[].time_limit)，使两者一致",
    sources=("domain", "project"),
)

# A duration, not a moment: “3 个工作日”, “0.5 个工作日”, “约 2 日”, “5 个工作日（公示期另计）”. Texts such as
# “受理后 10 个工作日内” or “出生后 90 天内” are deadlines counted from something else and are left alone.
_DURATION = re.compile(r"^约?\s*(\d+(?:\.\d+)?)\s*个?\s*(工作日|自然日|日|天)内?(?:\s*[（(]([^（）()]*)[）)])?$")
_INSTANT = re.compile(r"^(?:即时|即办|当场|当场办结|立即|立等可取)$")
# Steps of handling proper, as the provincial check counts them: 受理, 审核, 审批, 决定, 办结, 制证 …
_COUNTED = re.compile(r"受理|审核|审查|核准|决定|办结|审批|制证|签发|发证|登记")
# A note that takes the whole step out of the limit, as the provincial check skips “不包含在承诺办结时限内”;
# “（公示期另计）” only takes out a part the step names.
_STEP_NOT_COUNTED = re.compile(r"^另计$|时限")
# Times the applicant chooses (“随时”, “按预约时间”) or that last minutes: not part of the office's days.
_APPLICANT_TIME = re.compile(r"^(?:随时|工作时间|工作日办公时间|按?预约时间|约\s*\d+\s*分钟)$")


def step_days(text: str | None, unit: str) -> float | None:
    """The days a step's time stands for, in `unit`; None when it is not a duration in that unit."""
    if not text:
        return None
    text = text.strip()
    if _INSTANT.match(text):
        return 0.0
    match = _DURATION.match(text)
    if match is None or _STEP_NOT_COUNTED.search(match.group(3) or ""):
        return None
    number, word = float(match.group(1)), match.group(2)
    if word in ("工作日", "自然日") and word != unit:
        return None
    return number


@item_check
def steps_within_promise(record, registry):
    item = record.item
    unit = item.time_limit.unit
    special = {procedure.name for procedure in item.special_procedures}
    counted = []
    for index, step in enumerate(item.steps):
        value = step_days(step.time, unit)
        if value is not None and _COUNTED.search(step.name) and step.name not in special:
            counted.append((index, step, value))
    total = sum(value for _, _, value in counted)
    promised = item.time_limit.promised
    if total > promised + 1e-9:
        parts = "、".join(f"“{step.name}”{step.time}" for _, step, value in counted if value)
        yield finding(
            record,
            ("steps", counted[-1][0], "time"),
            STEPS_EXCEED,
            f"办事流程 (steps) 中{parts}，合计 {days(total, unit, spaced=True)}，超过承诺时限 (time_limit.promised) {days(promised, unit, spaced=True)}："
            "请核对各环节时间或承诺时限，不计入时限的环节请注明“另计”",
        )


@item_check
def steps_not_shorter_than_workflow(record, registry):
    # Compared only when every step says how long it takes: a step whose time is missing or counted from
    # something else (“受理后”) leaves the total unknown.
    item = record.item
    unit = item.time_limit.unit
    total = 0.0
    for step in item.steps:
        if step.time and _APPLICANT_TIME.match(step.time.strip()):
            continue
        value = step_days(step.time, unit)
        if value is None:
            return
        total += value
    workflow = sum(stage.time_limit for stage in item.workflow)
    if total < workflow - 1e-9:
        yield finding(
            record,
            ("steps",),
            STEPS_BELOW,
            f"办事流程 (steps) 各环节时间合计 {days(total, unit, spaced=True)}，少于业务经办流程 (workflow) 各环节时限之和 "
            f"{days(workflow, unit, spaced=True)}：群众会以为更快办完，请核对两处的时间",
        )
