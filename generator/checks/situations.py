"""办理情形: every `when` of a material, step or fee names a question of the item and one of its options;
every question is used; no answer leaves the applicant without a required material."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.models import Item, Necessity, Situation, Submission, applies

UNKNOWN_QUESTION = rule(
    "situation.unknown-question",
    Severity.ERROR,
    "“适用于”引用的办理情形在本事项中登记",
    protects="引用了没有登记的问题，页面无法让申请人回答，这份材料就永远不知道该不该带",
    fix="把情形名称改成 situations 中已有的名称，或在 situations 中登记这个问题",
    sources=("domain",),
)
UNKNOWN_OPTION = rule(
    "situation.unknown-option",
    Severity.ERROR,
    "“适用于”引用的选项是这个办理情形的选项",
    protects="写错的选项谁也选不到，材料在申请人选择情形后被错误地隐藏",
    fix="改成该办理情形 options 中的选项，或在 options 中补上它",
    sources=("domain",),
)
DUPLICATE = rule(
    "situation.duplicate",
    Severity.ERROR,
    "办理情形的名称和选项不重复",
    protects="重名的问题或选项在页面和网址中分不清，选了一个等于选了两个",
    fix="改用不同的名称，或合并重复的问题、选项",
    sources=("domain",),
)
UNUSED = rule(
    "situation.unused",
    Severity.WARNING,
    "每个办理情形都有材料、流程或收费用到",
    protects="没有任何内容随回答变化的问题，只是让申请人白白多答一题",
    fix="在相关材料、流程或收费的 when 中引用它，或删去这个问题",
    sources=("domain",),
)
OPTION_EMPTY = rule(
    "situation.option-empty",
    Severity.WARNING,
    "选了任一选项都还有必要材料",
    protects="选了这个选项后清单上一份必要材料都没有，申请人会以为空手就能办",
    fix="核对各材料的 when：通用的材料不要限定情形；确实无需材料的情形请单独说明",
    sources=("domain",),
)
ONLINE_SUBMISSION = rule(
    "submission.online-unavailable",
    Severity.ERROR,
    "网上提交材料须能网上受理",
    protects="清单告诉申请人网上提交，网上却只能咨询或预审，申请人白忙一场",
    fix="把网办深度改为网上受理或全程网办并填写网办地址，或删去“网上提交”",
    sources=("domain",),
)


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.3)
    return f"是不是“{close[0]}”？" if close else f"可选：{'、'.join(candidates)}。"


def conditioned(item: Item) -> Iterator[tuple[tuple, str, dict[str, list[str]]]]:
    """(place, what it is, condition) of every material, step and fee with a `when`."""
    for index, material in enumerate(item.materials):
        if material.when:
            yield ("materials", index), f"申请材料“{material.name}”", material.when
    for index, step in enumerate(item.steps):
        if step.when:
            yield ("steps", index), f"办事流程“{step.name}”", step.when
    for index, fee in enumerate(item.fees):
        if fee.when:
            yield ("fees", index), f"收费“{fee.name}”", fee.when


def condition_problems(when: dict[str, list[str]], questions: dict[str, Situation]):
    """(question, option or None, message) for each reference of `when` that does not resolve."""
    for name, options in when.items():
        question = questions.get(name)
        if question is None:
            yield name, None, f"办理情形“{name}”没有登记：{_suggest(name, list(questions)) if questions else ''}"
            continue
        for option in options:
            if option not in question.option_names:
                yield name, option, f"“{option}”不是办理情形“{name}”的选项：{_suggest(option, question.option_names)}"


def duplicates(situations: list[Situation]) -> Iterator[tuple[tuple, str]]:
    """(place under situations, message) of each repeated question or option name."""
    seen: set[str] = set()
    for index, question in enumerate(situations):
        if question.name in seen:
            yield (index, "name"), f"办理情形“{question.name}”登记了两次"
        seen.add(question.name)
        names = question.option_names
        for number, name in enumerate(names):
            if name in names[:number]:
                yield (index, "options", number), f"办理情形“{question.name}”的选项“{name}”写了两次"


@item_check
def situations_resolve(record, registry):
    item = record.item
    for place, message in duplicates(item.situations):
        yield finding(record, ("situations", *place), DUPLICATE, f"{message}：请改用不同的名称，或删去重复的一项")
    questions = {question.name: question for question in item.situations}
    for loc, what, when in conditioned(item):
        for name, option, message in condition_problems(when, questions):
            code = UNKNOWN_QUESTION if option is None else UNKNOWN_OPTION
            place = (*loc, "when", name) if option is None else (*loc, "when", name, when[name].index(option))
            yield finding(record, place, code, f"{what}的适用于 (when) 中，{message}")


@item_check
def situations_matter(record, registry):
    item = record.item
    used = {name for _, _, when in conditioned(item) for name in when}
    required = [m for m in item.materials if m.necessity is not Necessity.OPTIONAL]
    for index, question in enumerate(item.situations):
        if question.name not in used:
            yield finding(
                record,
                ("situations", index, "name"),
                UNUSED,
                f"办理情形“{question.name}”没有被任何材料、流程或收费的适用于 (when) 引用："
                "请在随它变化的材料上写 when，或删去这个问题",
            )
            continue
        if not required:
            continue
        for number, option in enumerate(question.option_names):
            if not any(applies(m.when, {question.name: [option]}) for m in required):
                yield finding(
                    record,
                    ("situations", index, "options", number),
                    OPTION_EMPTY,
                    f"选了办理情形“{question.name}”的“{option}”后，没有一份必要材料：请核对各材料的适用于 (when)",
                )


@item_check
def online_submission_possible(record, registry):
    item = record.item
    if Submission.ONLINE in item.submission and not (item.online.depth.accepts_online and item.online.url):
        yield finding(
            record,
            ("submission",),
            ONLINE_SUBMISSION,
            f"材料提交方式 (submission) 有“网上提交”，网办深度却是{item.online.depth}"
            f"{'' if item.online.url else '，也没有网办地址'}：请改为网上受理或全程网办并填写网办地址，或删去“网上提交”",
        )
