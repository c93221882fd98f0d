"""办理结果: its type agrees with its name, a named result has a type, and a licence or an approval shows
what the applicant will receive (审批结果样本)."""

from __future__ import annotations

import re

from generator.checks.base import finding, item_check, rule
from generator.checks.placeholders import is_placeholder
from generator.findings import Severity
from generator.models import ResultType

TYPE_MISMATCH = rule(
    "result.type-mismatch",
    Severity.ERROR,
    "结果名称是“…证”“…证书”“…执照”的为证照，“…批复”“…批文”“…决定书”的为批文",
    protects="结果类型决定电子证照归集、页面上的结果说明和开放数据中的结果分类；名称和类型不符，统计和对接都出错",
    fix="把结果类型 (result.type) 改为消息给出的类型，或核对结果名称",
    sources=("zj-quality-check",),
)
TYPE_MISSING = rule(
    "result.type-missing",
    Severity.ERROR,
    "有结果名称的事项，结果类型不为“无”",
    protects="写了结果名称却说没有结果，群众不知道办完能拿到什么",
    fix="把结果类型 (result.type) 改为证照、批文或其他",
    sources=("zj-quality-check",),
)
SAMPLE_MISSING = rule(
    "result.sample-missing",
    Severity.WARNING,
    "证照和批文提供审批结果样本",
    protects="群众办之前看到证照或批文的样子，才知道办的是不是自己要的；省级平台把没有样本列为错误",
    fix="在 result.sample 中填写去掉个人信息的样本的下载地址，或登记册中的样本文件",
    sources=("zj-quality-check", "national-list-fields"),
)
SAMPLE_FILE_MISSING = rule(
    "result.sample-file-missing",
    Severity.ERROR,
    "审批结果样本文件存在于登记册中",
    protects="指向不存在的样本文件，样本形同虚设",
    fix="把样本文件放进部门文件夹，并核对 result.sample 的相对路径",
    sources=("project",),
)

# A trailing note in brackets — 食品经营许可证（变更后）, 道路运输证（电子证照）— does not change what the result is.
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_APPROVAL = ("批复", "批文", "决定书", "批准书")
# 凭证, 证明, 保证 and 验证 end in 证 but are not licences (the provincial check leaves out 凭证 and 证明).
_NOT_CERTIFICATE = ("凭证", "证明", "保证", "验证")


def expected_type(name: str) -> ResultType | None:
    """The type a result's name implies, if it implies one: 批文 words first, as the provincial check does."""
    name = _TRAILING_NOTE.sub("", name.strip())
    if any(word in name for word in _APPROVAL):
        return ResultType.APPROVAL
    if any(word in name for word in _NOT_CERTIFICATE):
        return None
    if name.endswith(("证", "证书", "执照")) or "证书" in name:
        return ResultType.CERTIFICATE
    return None


@item_check
def result_type_agrees_with_name(record, registry):
    result = record.item.result
    expected = expected_type(result.name)
    if expected is not None and result.type is not expected:
        yield finding(
            record,
            ("result", "type"),
            TYPE_MISMATCH,
            f"结果类型 (result.type) 为“{result.type}”，但结果名称“{result.name}”是{expected}：请把结果类型改为“{expected}”，"
            "或核对结果名称",
        )
    elif expected is None and result.type is ResultType.NONE and not is_placeholder(result.name):
        yield finding(
            record,
            ("result", "type"),
            TYPE_MISSING,
            f"结果类型 (result.type) 为“无”，但写了结果名称“{result.name}”：请选择证照、批文或其他",
        )


@item_check
def licences_show_a_sample(record, registry):
    result = record.item.result
    if result.sample and not result.sample_url:
        folder = (registry.root / record.department_id).resolve()
        target = (folder / result.sample).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            yield finding(
                record,
                ("result", "sample"),
                SAMPLE_FILE_MISSING,
                f"审批结果样本 (result.sample)“{result.sample}”在 items/{record.department_id}/ 下找不到："
                "请把文件放进部门文件夹并核对路径",
            )
    elif not result.sample and result.type in (ResultType.CERTIFICATE, ResultType.APPROVAL):
        yield finding(
            record,
            ("result",),
            SAMPLE_MISSING,
            f"办理结果“{result.name}”是{result.type}，没有审批结果样本 (result.sample)：请上传或链接一份去掉个人信息的结果样本",
        )
