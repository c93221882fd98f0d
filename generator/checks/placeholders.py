"""No placeholder content: a field whose whole text is 无, 暂无, 详见附件, 按规定… tells the citizen nothing,
and a 受理条件 ending in “法律、法规规定的其他条件” is a catch-all no applicant can prepare for."""

from __future__ import annotations

import re

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.models import ResultType
from generator.registry.labels import key_path

PLACEHOLDER = rule(
    "text.placeholder",
    Severity.WARNING,
    "字段写具体内容，不写“无”“暂无”“详见附件”“按规定”这类占位话",
    protects="整段只写“无”“详见附件”“按相关规定执行”，群众读了还是不知道要做什么；省级平台把这类内容算作空项",
    fix="写出具体内容：条件逐条写，条款写原文，备注写要求；确实没有的字段直接删去（可选字段）",
    sources=("dezhou-template", "zj-quality-check"),
)
CONDITIONS_CATCH_ALL = rule(
    "conditions.catch-all",
    Severity.WARNING,
    "受理条件不写“法律、法规规定的其他条件”这类兜底条款",
    protects="兜底条款让受理条件没有边界，窗口可以据此提出任何要求",
    fix="把兜底条款所指的条件逐条写出；写不出的就删去",
    sources=("jiangsu-guide-rule",),
)

# A whole field that is one of these (after trimming punctuation) is a placeholder. 无, 暂无, 不涉及 and
# 暂无常见问题 are what the provincial check treats as empty; 详见…, 见附件, 按规定 and 参照执行 point elsewhere.
_PLACEHOLDER = re.compile(
    r"^(?:无|暂无|没有|空|略|待定|待补充|不涉及|无需|暂无常见问题|-+|/|—+|…+|\.+"
    r"|(?:具体)?(?:请)?详见.{0,30}|(?:请)?见附件.{0,10}|附件"
    r"|(?:按|依|根据|按照|依照)(?:有关|相关|国家|法定)?(?:规定|要求|程序)(?:执行|办理|提供|提交)?"
    r"|(?:有关|相关)(?:规定|要求|法律法规规定)|参照(?:有关|相关)?(?:规定)?执行|依法(?:办理|执行)|按要求(?:提供|提交|办理)?)$"
)
_TRIM = " \t\r\n。.；;，,：:！!"
_CATCH_ALL = re.compile(
    r"(?:法律|法规|规章|规定)[、，和及或]*(?:法规|规章|国家)?[^。；;]{0,8}规定的其他[^。；;]{0,6}(?:条件|情形|要求)"
    r"|等其他(?:条件|情形|要求)"
)
# A fee that is not one: the free case is `fees: []` (fee.placeholder), not a fee named 无 or 免费.
_FREE = re.compile(r"^(?:无|暂无|不收费|免费|免收|不涉及|0|0\.0+|0\s*元|零元?)[。.]?$")


def free_marker(fee) -> str | None:
    """The text that says a fee is no fee (“无”, “免费”, “0 元”), if one does."""
    return next((value for value in (fee.name, fee.standard) if _FREE.match(value.strip())), None)


def is_placeholder(text: str | None) -> bool:
    # Every placeholder is short; most texts are not, and are not matched at all.
    return text is not None and len(text) <= 40 and bool(_PLACEHOLDER.match(text.strip(_TRIM)))


def _texts(item):
    """(loc, label, text) of every free-text field a citizen reads as an instruction. visit_reason is left to
    the visits rules (a placeholder there is a missing reason); a result named 无 goes with the type 无."""
    for key, title in (("summary", "一句话说明"), ("conditions", "受理条件"), ("no_materials_reason", "无需材料理由")):
        yield (key,), title, getattr(item, key)
    for index, basis in enumerate(item.legal_basis):
        yield ("legal_basis", index, "article"), "条款", basis.article
        yield ("legal_basis", index, "text"), "条款内容", basis.text
    for index, material in enumerate(item.materials):
        yield ("materials", index, "notes"), "备注", material.notes
        yield ("materials", index, "situation"), "适用情形", material.situation
    for index, step in enumerate(item.steps):
        yield ("steps", index, "description"), "环节说明", step.description
    yield ("time_limit", "note"), "时限说明", item.time_limit.note
    for index, procedure in enumerate(item.special_procedures):
        yield ("special_procedures", index, "note"), "说明", procedure.note
    for index, fee in enumerate(item.fees):
        if free_marker(fee):
            continue  # reported once, as fee.placeholder
        yield ("fees", index, "standard"), "收费标准", fee.standard
        yield ("fees", index, "basis"), "收费依据", fee.basis
    if item.result.type is not ResultType.NONE:
        yield ("result", "name"), "结果名称", item.result.name
    for index, question in enumerate(item.faq):
        yield ("faq", index, "a"), "解答", question.a


@item_check
def no_placeholder_text(record, registry):
    for loc, title, text in _texts(record.item):
        if is_placeholder(text):
            yield finding(
                record,
                loc,
                PLACEHOLDER,
                f"{title} ({key_path(loc)}) 只写了“{text}”，群众看不出要做什么：请写出具体内容"
                + ("；没有的话删去这一项" if loc[-1] in ("notes", "situation", "note", "text", "article") else ""),
            )


@item_check
def conditions_without_catch_all(record, registry):
    conditions = record.item.conditions
    if match := _CATCH_ALL.search(conditions):
        yield finding(
            record,
            ("conditions",),
            CONDITIONS_CATCH_ALL,
            f"受理条件 (conditions) 含有兜底条款“{match.group(0)}”：请把具体条件逐条写出，写不出的就删去",
        )
