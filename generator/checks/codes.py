"""Rule 6 of docs/domain.md: 基本编码, 统一社会信用代码 and 实施编码 well formed, composed and unique."""

from collections import defaultdict

from generator.checks.base import finding, item_check, registry_check, rule
from generator.registry.credit_code import credit_code_problem
from generator.findings import Severity

CATALOG_LENGTH = rule(
    "code.catalog-length", Severity.ERROR, "基本编码为 12 位",
    protects="基本编码把本事项与全国基本目录对应起来，位数不对就对不上目录，八统一比对和数据汇聚都会出错",
    fix="按基本目录核对 catalog_code，写成 12 位，用引号括起来以免前导 0 丢失",
    sources=("domain",),
)
CREDIT_CODE = rule(
    "code.credit-code", Severity.ERROR, "统一社会信用代码为 18 位且校验码正确",
    protects="实施编码由部门的统一社会信用代码组成，代码错一位，部门所有事项的实施编码都错",
    fix="按部门的统一社会信用代码证书核对 departments.yml 中的 credit_code（GB 32100 校验码）",
    sources=("domain",),
)
COMPOSITION = rule(
    "code.composition", Severity.ERROR, "实施编码 = 统一社会信用代码 + 行使层级数字 + 基本编码",
    protects="实施编码是事项在全国平台上的身份，组成不对，上报、对接和开放数据中的编号都对不上",
    fix="按消息给出的组成改写 code，或核对 department、level、catalog_code",
    sources=("domain",),
)
DUPLICATE = rule(
    "code.duplicate", Severity.ERROR, "实施编码和统一社会信用代码在登记册中唯一",
    protects="两个事项同一个编码，开放数据中的编号（由编码生成）和“最近更新”会把它们当成同一个事项",
    fix="核对两个文件的基本编码和行使层级，或两个部门的统一社会信用代码，改正重复的一个",
    sources=("domain",),
    adjustable=False,
)


@item_check
def catalog_code_length(record, registry):
    code = record.item.catalog_code
    if len(code) != 12 or any(c.isspace() for c in code):
        yield finding(
            record,
            ("catalog_code",),
            CATALOG_LENGTH,
            f"基本编码 (catalog_code)“{code}”有 {len(code)} 位：基本编码应为 12 位，请按基本目录核对",
        )


@item_check
def code_composition(record, registry):
    item = record.item
    department = registry.departments.get(item.department)
    if department is None:
        return
    expected = department.credit_code + item.level.digit + item.catalog_code
    if item.code != expected:
        yield finding(
            record,
            ("code",),
            COMPOSITION,
            f"实施编码 (code)“{item.code}”与组成规则不符：应为 {department.display_name}的统一社会信用代码 "
            f"{department.credit_code} + 行使层级（{item.level}）{item.level.digit} + 基本编码 {item.catalog_code}，"
            f"即 {expected}",
        )


@registry_check
def credit_codes_valid_and_unique(registry):
    source = registry.departments_source
    if source is None:
        return
    seen: dict[str, str] = {}
    for department in registry.departments.values():
        loc = ("departments", registry.department_index[department.id], "credit_code")
        problem = credit_code_problem(department.credit_code)
        if problem:
            yield source.at(loc, CREDIT_CODE.code, CREDIT_CODE.severity, f"{department.name}的统一社会信用代码 (credit_code) {problem}")
        if department.credit_code in seen:
            yield source.at(
                loc,
                DUPLICATE.code,
                DUPLICATE.severity,
                f"统一社会信用代码 (credit_code) {department.credit_code} 与部门 {seen[department.credit_code]} 重复：请核对",
            )
        seen.setdefault(department.credit_code, department.id)


@registry_check
def implementation_codes_unique(registry):
    by_code = defaultdict(list)
    for record in registry.items:
        by_code[record.code].append(record)
    for code, records in by_code.items():
        for record in records[1:]:
            yield finding(
                record,
                ("code",),
                DUPLICATE,
                f"实施编码 (code) {code} 已被 {records[0].source.path} 使用：每个事项的实施编码必须唯一，请核对基本编码和行使层级",
            )
