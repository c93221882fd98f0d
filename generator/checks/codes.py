"""Rule 6 of docs/domain.md: 基本编码, 统一社会信用代码 and 实施编码 well formed, composed and unique.

The 实施编码 format comes from the project's settings (registry.yml `codes`): the national
composition by default, or a province's own format given as a regular expression. With
`credit_group`, that group of the pattern is compared with the department's 统一社会信用代码, so
Sichuan's `511A0138000000-511602000000-000-115113010833722043-1-00` is still tied to its department.
"""

import re
from collections import defaultdict
from functools import cache

from generator.checks.base import finding, item_check, registry_check, rule
from generator.findings import Severity
from generator.registry.credit_code import credit_code_problem

CATALOG_LENGTH = rule(
    "code.catalog-length",
    Severity.ERROR,
    "基本编码为 12 位",
    protects="基本编码把本事项与全国基本目录对应起来，位数不对就对不上目录，八统一比对和数据汇聚都会出错",
    fix="按基本目录核对 catalog_code，写成 12 位，用引号括起来以免前导 0 丢失",
    sources=("domain",),
)
CREDIT_CODE = rule(
    "code.credit-code",
    Severity.ERROR,
    "统一社会信用代码为 18 位且校验码正确",
    protects="实施编码由部门的统一社会信用代码组成，代码错一位，部门所有事项的实施编码都错",
    fix="按部门的统一社会信用代码证书核对 departments.yml 中的 credit_code（GB 32100 校验码）",
    sources=("domain",),
)
COMPOSITION = rule(
    "code.composition",
    Severity.ERROR,
    "实施编码 = 统一社会信用代码 + 行使层级数字 + 基本编码",
    protects="实施编码是事项在全国平台上的身份，组成不对，上报、对接和开放数据中的编号都对不上",
    fix="按消息给出的组成改写 code，或核对 department、level、catalog_code",
    sources=("domain",),
)
PATTERN = rule(
    "code.pattern",
    Severity.ERROR,
    "实施编码符合 registry.yml 中设定的本省格式",
    protects="本省格式的实施编码也要能和部门对应、与平台对接；格式不对，上报和对接都对不上",
    fix="按 registry.yml 中 codes.pattern 的格式改写 code；整批都不符时，先核对 registry.yml 中的格式",
    sources=("project",),
)
DUPLICATE = rule(
    "code.duplicate",
    Severity.ERROR,
    "实施编码和统一社会信用代码在登记册中唯一",
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


@cache
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


@item_check
def code_composition(record, registry):
    item = record.item
    department = registry.departments.get(item.department)
    if department is None:
        return
    settings = registry.settings.codes
    if settings.format.value == "pattern":
        yield from _pattern_problems(record, department, settings)
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


def _pattern_problems(record, department, settings):
    item = record.item
    pattern = _compiled(settings.pattern or "")
    if pattern is None:
        return  # reported once, on registry.yml, by the settings' own validation
    match = pattern.fullmatch(item.code)
    if match is None:
        yield finding(
            record,
            ("code",),
            PATTERN,
            f"实施编码 (code)“{item.code}”不符合 registry.yml 中设定的格式 {settings.pattern}：请按本省事项管理系统中的实施编码填写",
        )
    elif settings.credit_group and match.group(settings.credit_group) != department.credit_code:
        yield finding(
            record,
            ("code",),
            PATTERN,
            f"实施编码 (code)“{item.code}”中的统一社会信用代码 {match.group(settings.credit_group)} 与{department.display_name}的 "
            f"{department.credit_code} 不同：请核对实施主体或实施编码",
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
            yield source.at(
                loc,
                CREDIT_CODE.code,
                CREDIT_CODE.severity,
                f"{department.name}的统一社会信用代码 (credit_code) {problem}",
            )
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
