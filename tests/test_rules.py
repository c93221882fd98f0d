"""Each rule of docs/domain.md on a broken fixture: the flattened findings (path, line, code)."""

import pytest
from conftest import ITEM_TEXT, edit, line_of

from generator.checks import RULES
from generator.findings import Severity

ITEM = "alpha/sample.yml"

IMMEDIATE = edit(
    edit(edit(ITEM_TEXT, "  promised: 5", "  promised: 0"), "handling: 承诺件", "handling: 即办件"),
    "    time_limit: 3",
    "    time_limit: 0",
)
ZERO_VISITS_OFFLINE = edit(
    edit(
        edit(ITEM_TEXT, "visits: 1\nvisit_reason: 需要核验原件。\n", "visits: 0\n"),
        "  depth: 网上预审",
        "  depth: 不可网办",
    ),
    "  url: https://example.gov.example/apply\n",
    "",
)

CASES = {
    # rule 2
    "promised-exceeds-statutory": (
        edit(edit(ITEM_TEXT, "  promised: 5", "  promised: 30"), "    time_limit: 3", "    time_limit: 30"),
        [("  promised: 30", "time-limit.promised-exceeds-statutory")],
    ),
    "immediate-with-days": (
        edit(ITEM_TEXT, "handling: 承诺件", "handling: 即办件"),
        [("handling:", "handling.mismatch")],
    ),
    "promised-item-with-zero-days": (
        edit(IMMEDIATE, "handling: 即办件", "handling: 承诺件"),
        [("handling:", "handling.mismatch")],
    ),
    # rule 3
    "visits-without-reason": (
        edit(ITEM_TEXT, "visit_reason: 需要核验原件。\n", ""),
        [("visits:", "visits.reason-missing")],
    ),
    "reason-without-visits": (
        edit(edit(ITEM_TEXT, "visits: 1", "visits: 0"), "delivery: [窗口领取]", "delivery: [窗口领取, 邮寄送达]"),
        [("visit_reason:", "visits.reason-unneeded")],
    ),
    "fully-online-with-visits": (
        edit(ITEM_TEXT, "  depth: 网上预审", "  depth: 全程网办"),
        [("visits:", "visits.fully-online"), ("delivery: [窗口领取]", "delivery.window-only-online")],
    ),
    "zero-visits-without-post": (ZERO_VISITS_OFFLINE, [("delivery:", "delivery.postal-missing")]),
    "online-without-url": (
        edit(ITEM_TEXT, "  url: https://example.gov.example/apply\n", ""),
        [("online:", "online.url-missing")],
    ),
    # rule 4
    "tolerance-on-form": (
        edit(
            ITEM_TEXT,
            "    necessity: 必要\n    source: 申请人自备\n  - name: 场地证明",
            "    necessity: 容缺后补\n    source: 申请人自备\n  - name: 场地证明",
        ),
        [("    necessity: 容缺后补", "material.tolerance-on-form")],
    ),
    "no-materials-without-reason": (
        ITEM_TEXT[: ITEM_TEXT.index("materials:")] + "materials: []\n" + ITEM_TEXT[ITEM_TEXT.index("steps:") :],
        [("materials: []", "material.none-without-reason")],
    ),
    # rule 5
    "fee-without-basis": (
        edit(ITEM_TEXT, "fees: []", "fees:\n  - name: 工本费\n    standard: 每证 10 元"),
        [("  - name: 工本费", "field.missing")],
    ),
    "topic-that-is-not-an-address": (
        edit(ITEM_TEXT, "topics: [开办企业]", 'topics: [开办企业, "../../../finder"]'),
        [("topics:", "topics.name")],
    ),
    # rule 6
    "catalog-code-length": (
        edit(
            edit(ITEM_TEXT, 'catalog_code: "100000000001"', 'catalog_code: "1000000001"'),
            "code: 11990100MB9990010D3100000000001",
            "code: 11990100MB9990010D31000000001",
        ),
        [("catalog_code:", "code.catalog-length")],
    ),
    "code-composition": (
        edit(ITEM_TEXT, "level: 市级", "level: 县级"),
        [("code: 1199", "code.composition")],
    ),
    # rule 7
    "unknown-department": (
        edit(ITEM_TEXT, "department: alpha", "department: alfa"),
        [("department:", "ref.department")],
    ),
    "wrong-folder": (
        edit(
            edit(ITEM_TEXT, "department: alpha", "department: beta"),
            "code: 11990100MB9990010D",
            "code: 11990100MB9990020E",
        ),
        [("department:", "ref.department-folder")],
    ),
    "unknown-related": (
        edit(ITEM_TEXT, "keywords: [测试, 办测试]", "keywords: [测试, 办测试]\nrelated: [alpha/nothing-here]"),
        [("related:", "ref.related")],
    ),
    # rule 8
    "workflow-exceeds-promise": (
        edit(ITEM_TEXT, "    time_limit: 3", "    time_limit: 6"),
        [("workflow:", "workflow.exceeds-promised")],
    ),
    # rule 9
    "same-phones": (
        edit(ITEM_TEXT, '  complaint: "12345"', '  complaint: "0000-8000 0001"'),
        [("  complaint:", "contact.same-phone")],
    ),
    # rule 11 (warning)
    "catch-all-material": (
        edit(ITEM_TEXT, "  - name: 场地证明", "  - name: 有关部门要求的其他材料"),
        [("其他材料", "material.catch-all")],
    ),
    # rule 12 (warning)
    "government-proof-not-shared": (
        edit(
            ITEM_TEXT,
            "    original: 复印件\n    necessity: 必要\n    source: 申请人自备",
            "    original: 复印件\n    necessity: 必要\n    source: 政府部门核发",
        ),
        [("    source: 政府部门核发", "material.government-proof")],
    ),
    "no-keywords": (
        edit(ITEM_TEXT, "keywords: [测试, 办测试]", "keywords: []"),
        [("name:", "item.no-keywords")],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule(registry, case):
    text, expected = CASES[case]
    registry.item(text)
    assert registry.flat() == [(ITEM, line_of(text, needle), code) for needle, code in expected]


def test_tolerance_on_every_required_material(registry):
    text = ITEM_TEXT.replace(
        "    necessity: 必要\n    source: 申请人自备\n  - name: 场地证明",
        "    necessity: 必要\n    source: 申请人自备\n  - name: 场地证明",
    )
    text = edit(text, "    original: 复印件\n    necessity: 必要", "    original: 复印件\n    necessity: 容缺后补")
    # 申请书 stays 必要 (a form may not be 容缺); make it optional so that every required material is 容缺.
    text = edit(text, "    original: 原件\n    necessity: 必要", "    original: 原件\n    necessity: 非必要")
    registry.item(text)
    assert registry.flat() == [(ITEM, line_of(text, "necessity: 容缺后补"), "material.tolerance-on-all")]


def test_credit_code_check_digit(registry):
    departments = (registry.root / "departments.yml").read_text(encoding="utf-8")
    broken = edit(departments, "credit_code: 11990100MB9990020E", "credit_code: 11990100MB9990020F")
    registry.write("departments.yml", broken)
    report = registry.check()
    assert [(f.line, f.code) for f in report.findings] == [(line_of(broken, "9990020F"), "code.credit-code")]
    assert "最后一位应为 E" in report.findings[0].message


def test_duplicate_implementation_code(registry):
    registry.item()
    registry.item(ref="alpha/copy")
    assert registry.flat() == [("alpha/sample.yml", line_of(ITEM_TEXT, "code: 1199"), "code.duplicate")]


# What every bundle now says besides its members: one channel, 跑几次 for the whole, the order of its members.
CHANNEL = "    visits: 0\n    channel: {place: 综合窗口, address: 市民中心一楼, hours: 周一至周五 9:00—17:00, phone: 0000-80000009}\n"


def test_bundle_references(registry):
    registry.item()
    bundles = (
        "bundles:\n"
        "  - id: open\n    name: 开办一件事\n    lead: gamma\n    stage: 开办企业\n    promised: 1\n"
        "    summary: 一次办好。\n    items:\n      - alpha/sample\n      - alpha/missing\n" + CHANNEL + ""
        "    steps:\n      - {name: 一次申请, items: [alpha/sample, alpha/missing], action: 网上填一张表。}\n"
    )
    registry.write("bundles.yml", bundles)
    assert registry.flat() == [
        ("bundles.yml", line_of(bundles, "lead: gamma"), "ref.bundle-lead"),
        ("bundles.yml", line_of(bundles, "alpha/missing"), "ref.bundle-item"),
    ]


def test_department_phones_differ(registry):
    departments = (registry.root / "departments.yml").read_text(encoding="utf-8")
    broken = edit(departments, 'complaint_phone: "12345"', 'complaint_phone: "0000-80000001"')
    registry.write("departments.yml", broken)
    assert registry.flat() == [("departments.yml", line_of(broken, 'complaint_phone: "0000'), "contact.same-phone")]


def test_unified_fields_differ_between_implementers(registry):
    registry.item()
    other = edit(ITEM_TEXT, "department: alpha", "department: beta")
    other = edit(other, "code: 11990100MB9990010D3", "code: 11990100MB9990020E3")
    other = edit(other, "  promised: 5", "  promised: 3")
    other = edit(other, "  - name: 场地证明", "  - name: 场地租赁合同")
    registry.item(other, ref="beta/sample")
    report = registry.check()
    flat = [(f.path.split("items/")[1], f.line, f.code, f.field) for f in report.findings]
    assert flat == [
        ("alpha/sample.yml", line_of(ITEM_TEXT, "materials:"), "unified.mismatch", "materials"),
        ("alpha/sample.yml", line_of(ITEM_TEXT, "time_limit:", 4), "unified.mismatch", "time_limit"),
        ("beta/sample.yml", line_of(other, "materials:"), "unified.mismatch", "materials"),
        ("beta/sample.yml", line_of(other, "time_limit:", 4), "unified.mismatch", "time_limit"),
    ]
    materials = next(f for f in report.findings if f.field == "materials" and "beta/" in f.path)
    assert "场地租赁合同" in materials.message and "场地证明" in materials.message
    assert all(f.severity is Severity.WARNING for f in report.findings)


def test_strict_promotes_warnings(registry):
    registry.item(edit(ITEM_TEXT, "keywords: [测试, 办测试]", "keywords: []"))
    assert registry.check().ok
    assert not registry.check(strict=True).ok


def test_every_rule_has_a_chinese_summary():
    # That each rule fires in some test is checked at the end of a whole run (conftest.py, OBSERVED_CODES).
    assert all(rule.summary and not rule.summary.isascii() for rule in RULES.values())


def test_materials_reason_and_forms(registry):
    text = edit(
        ITEM_TEXT, "conditions: 符合条件的企业。", "conditions: 符合条件的企业。\nno_materials_reason: 无需材料。"
    )
    text = edit(text, "forms: []", "forms:\n  - name: 申请表\n  - name: 登记表\n    file: forms/登记表.docx")
    registry.item(text)
    assert registry.flat() == [
        (ITEM, line_of(text, "no_materials_reason:"), "material.reason-unneeded"),
        (ITEM, line_of(text, "  - name: 申请表"), "form.no-source"),
        (ITEM, line_of(text, "    file: forms"), "form.file-missing"),
    ]
    registry.write("alpha/forms/登记表.docx", b"PK")
    assert (ITEM, line_of(text, "    file: forms"), "form.file-missing") not in registry.flat()


def test_bundle_with_unpublished_item(registry):
    registry.item(edit(ITEM_TEXT, "status: 在用", "status: 暂停"))
    second = edit(ITEM_TEXT, 'catalog_code: "100000000001"', 'catalog_code: "100000000002"')
    registry.item(edit(second, "D3100000000001", "D3100000000002"), ref="alpha/second")
    bundles = (
        "bundles:\n  - id: open\n    name: 开办一件事\n    lead: alpha\n    stage: 开办企业\n    promised: 1\n"
        "    summary: 一次办好。\n    items: [alpha/second, alpha/sample]\n" + CHANNEL + ""
        "    steps:\n      - {name: 一次申请, items: [alpha/second, alpha/sample], action: 网上填一张表。}\n"
    )
    registry.write("bundles.yml", bundles)
    assert registry.flat() == [("bundles.yml", line_of(bundles, "items:"), "bundle.item-unpublished")]
