"""Rules 4, 11 and 12 of docs/domain.md: 容缺后补 only on secondary materials, no catch-all materials, no proofs the
government already holds."""

import re

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.models import MaterialKind, MaterialSource, Necessity

NONE_WITHOUT_REASON = rule("material.none-without-reason", Severity.ERROR, "没有申请材料时说明理由")
REASON_WITH_MATERIALS = rule("material.reason-unneeded", Severity.ERROR, "有申请材料时不填写无需材料理由")
TOLERANCE_ON_FORM = rule("material.tolerance-on-form", Severity.ERROR, "申请表格文书不能容缺后补")
TOLERANCE_ON_ALL = rule("material.tolerance-on-all", Severity.ERROR, "不能所有必要材料都容缺后补")
CATCH_ALL = rule("material.catch-all", Severity.WARNING, "不写“其他材料”“相关材料”这类兜底材料")
GOVERNMENT_PROOF = rule(
    "material.government-proof", Severity.WARNING, "政府部门核发的材料应通过共享获取，未共享须说明原因"
)

# 其他材料, 相关材料, 有关部门要求的其他材料, 其他相关证明材料, 身份证明等 …
_CATCH_ALL = re.compile(r"(?:其他|其它|相关|有关|要求(?:提供)?的)[^，。；]{0,6}(?:材料|证明|文件|资料)$|等$")


@item_check
def materials_or_reason(record, registry):
    item = record.item
    if not item.materials and not item.no_materials_reason:
        yield finding(
            record,
            ("materials",),
            NONE_WITHOUT_REASON,
            "申请材料 (materials) 为空：请列出申请材料；确实无需任何材料时，请在无需材料理由 (no_materials_reason) 中说明",
        )
    elif item.materials and item.no_materials_reason:
        yield finding(
            record,
            ("no_materials_reason",),
            REASON_WITH_MATERIALS,
            "已经列出了申请材料，却又填写了无需材料理由 (no_materials_reason)：请删去无需材料理由",
        )


@item_check
def tolerance_only_on_secondary(record, registry):
    materials = record.item.materials
    for index, material in enumerate(materials):
        if material.necessity is Necessity.TOLERANCE and material.kind is MaterialKind.APPLICATION_FORM:
            yield finding(
                record,
                ("materials", index, "necessity"),
                TOLERANCE_ON_FORM,
                f"申请材料“{material.name}”是申请表格文书，不能容缺后补 (materials[{index}].necessity)："
                "申请表是受理的前提，请把必要性改为“必要”",
            )
    required = [m for m in materials if m.necessity in (Necessity.REQUIRED, Necessity.TOLERANCE) and not m.shared]
    if required and all(m.necessity is Necessity.TOLERANCE for m in required):
        first = next(i for i, m in enumerate(materials) if m.necessity is Necessity.TOLERANCE)
        yield finding(
            record,
            ("materials", first, "necessity"),
            TOLERANCE_ON_ALL,
            "所有必要的申请材料都标为容缺后补：容缺只适用于次要材料，请把主要材料的必要性改为“必要”",
        )


@item_check
def no_catch_all_materials(record, registry):
    for index, material in enumerate(record.item.materials):
        if _CATCH_ALL.search(material.name):
            yield finding(
                record,
                ("materials", index, "name"),
                CATCH_ALL,
                f"申请材料“{material.name}”是兜底性表述 (materials[{index}].name)：请写明具体是哪些材料，"
                "逐项列出；不能列出的就不应要求",
            )


@item_check
def government_proofs_are_shared(record, registry):
    for index, material in enumerate(record.item.materials):
        if material.source is MaterialSource.GOVERNMENT and not material.shared and not material.notes:
            yield finding(
                record,
                ("materials", index, "source"),
                GOVERNMENT_PROOF,
                f"申请材料“{material.name}”由政府部门核发却要申请人提交：能通过数据共享获取的请设 shared: true（免提交），"
                f"确实不能共享的请在备注 (materials[{index}].notes) 中说明原因",
            )
