"""Rules 4, 11 and 12 of docs/domain.md: 容缺后补 only on secondary materials, no catch-all materials, no proofs the
government already holds."""

import re

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.models import MaterialKind, MaterialSource, Necessity

NONE_WITHOUT_REASON = rule(
    "material.none-without-reason",
    Severity.ERROR,
    "没有申请材料时说明理由",
    protects="材料清单为空可能是漏填；写明理由，群众才能放心空手去办",
    fix="列出申请材料，或在 no_materials_reason 中说明为什么无需材料",
    sources=("domain",),
)
REASON_WITH_MATERIALS = rule(
    "material.reason-unneeded",
    Severity.ERROR,
    "有申请材料时不填写无需材料理由",
    protects="同时写了材料和“无需材料”，页面自相矛盾",
    fix="删去 no_materials_reason，或核对材料清单",
    sources=("domain",),
)
TOLERANCE_ON_FORM = rule(
    "material.tolerance-on-form",
    Severity.ERROR,
    "申请表格文书不能容缺后补",
    protects="申请表是受理的前提，容缺受理只适用于次要材料",
    fix="把申请表格的 necessity 改为“必要”",
    sources=("domain",),
)
TOLERANCE_ON_ALL = rule(
    "material.tolerance-on-all",
    Severity.ERROR,
    "不能所有必要材料都容缺后补",
    protects="全部容缺等于没有受理依据，容缺制度会被滥用",
    fix="把主要材料的 necessity 改为“必要”",
    sources=("domain",),
)
CATCH_ALL = rule(
    "material.catch-all",
    Severity.WARNING,
    "不写“其他材料”“相关材料”这类兜底材料",
    protects="兜底材料让群众无从准备，是“奇葩证明”“循环证明”的来源",
    fix="把兜底材料换成它所指的具体材料，逐项列出；列不出的就不应要求",
    sources=("domain", "jiangsu-guide-rule"),
)
GOVERNMENT_PROOF = rule(
    "material.government-proof",
    Severity.WARNING,
    "政府部门核发的材料应通过共享获取，未共享须说明原因",
    protects="证明已经在政府的数据库里，再让群众跑去开，是“无证明城市”要消除的",
    fix="能共享的设 shared: true；确实不能共享的在 notes 中说明原因",
    sources=("domain",),
)

FORM_TEMPLATE_MISSING = rule(
    "material.form-template-missing",
    Severity.WARNING,
    "申请表格类材料提供空白表格",
    protects="申请表要群众自己找，常常到窗口才拿到、当场填错再跑一次",
    fix="在 materials[].template 中填写空白表格的下载地址，或在表单内容 (forms) 中列出同名表单",
    sources=("dezhou-template",),
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


def _same_form(material_name: str, form_name: str) -> bool:
    return material_name in form_name or form_name in material_name


@item_check
def application_forms_can_be_downloaded(record, registry):
    item = record.item
    for index, material in enumerate(item.materials):
        if (
            material.kind is MaterialKind.APPLICATION_FORM
            and not material.template
            and not any(_same_form(material.name, form.name) for form in item.forms if form.url or form.file)
        ):
            yield finding(
                record,
                ("materials", index, "kind"),
                FORM_TEMPLATE_MISSING,
                f"申请材料“{material.name}”是申请表格文书，但没有空白表格 (materials[{index}].template)，表单内容 (forms) "
                "中也没有同名表单：请提供空白表格的下载地址",
            )
