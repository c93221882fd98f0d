"""办理情形, 一件事 and 办事路径 in the registry: each new rule firing at file:line on a broken fixture, and quiet
on a good one; the model's rule for what applies to a case."""

import pytest
from conftest import ITEM_TEXT, edit, line_of

from generator.models import applies

ITEM = "alpha/sample.yml"

# The fixture item with two questions: who applies, and where the business is.
SITUATIONS = (
    "situations:\n"
    "  - name: 委托办理\n    question: 是本人办理还是委托他人？\n    options: [本人办理, 委托他人办理]\n"
    "  - name: 场地\n    question: 场地是自有还是租用？\n    options:\n"
    "      - name: 自有\n        hint: 自己的房子\n      - name: 租用\n"
)
WITH_SITUATIONS = edit(
    edit(ITEM_TEXT, "materials:\n", SITUATIONS + "materials:\n"),
    "    original: 复印件\n    necessity: 必要\n    source: 申请人自备\n",
    "    original: 复印件\n    necessity: 必要\n    source: 申请人自备\n    when: {场地: [租用]}\n",
)
WITH_SITUATIONS = edit(
    WITH_SITUATIONS,
    "    necessity: 容缺后补\n    source: 申请人自备\n",
    "    necessity: 容缺后补\n    source: 申请人自备\n    situation: 委托他人办理的\n    when: {委托办理: 委托他人办理}\n",
)


def test_a_good_item_with_situations_is_clean(registry):
    registry.item(WITH_SITUATIONS)
    assert registry.flat() == []


def test_a_condition_names_a_known_question(registry):
    text = edit(WITH_SITUATIONS, "    when: {场地: [租用]}", "    when: {场所: [租用]}")
    registry.item(text)
    findings = registry.check().findings
    assert [(f.line, f.code) for f in findings] == [
        (line_of(text, "  - name: 场地"), "situation.unused"),  # nothing refers to it now
        (line_of(text, "when: {场所"), "situation.unknown-question"),
    ]
    assert "场地" in findings[1].message  # the nearest name is suggested


def test_a_condition_names_a_known_option(registry):
    text = edit(WITH_SITUATIONS, "    when: {场地: [租用]}", "    when: {场地: [租的]}")
    registry.item(text)
    findings = registry.check().findings
    assert [(f.line, f.code) for f in findings] == [(line_of(text, "when: {场地: [租的]"), "situation.unknown-option")]
    assert "租用" in findings[0].message


def test_questions_and_options_are_not_repeated(registry):
    text = edit(WITH_SITUATIONS, "options: [本人办理, 委托他人办理]", "options: [本人办理, 委托他人办理, 本人办理]")
    registry.item(text)
    assert registry.flat() == [(ITEM, line_of(text, "options: [本人办理"), "situation.duplicate")]


def test_every_question_is_used(registry):
    text = edit(WITH_SITUATIONS, "    when: {场地: [租用]}\n", "")
    registry.item(text)
    assert registry.flat() == [(ITEM, line_of(text, "  - name: 场地"), "situation.unused")]


def test_no_option_leaves_the_applicant_without_a_required_material(registry):
    text = edit(WITH_SITUATIONS, "  - name: 申请书\n", "  - name: 申请书\n    when: {场地: [租用]}\n")
    text = edit(text, "    when: {委托办理: 委托他人办理}\n", "    when: {委托办理: 委托他人办理, 场地: [租用]}\n")
    registry.item(text)
    assert registry.flat() == [(ITEM, line_of(text, "      - name: 自有"), "situation.option-empty")]


def test_steps_and_fees_may_depend_on_the_case(registry):
    text = edit(
        WITH_SITUATIONS, "    description: 提交材料。\n", "    description: 提交材料。\n    when: {委托办理: [代办]}\n"
    )
    text = edit(
        text,
        "fees: []",
        "fees:\n  - name: 工本费\n    standard: 每证 10 元\n    basis: 《收费标准》\n    payment: [网上支付]\n"
        "    when: {委托: [本人办理]}",
    )
    registry.item(text)
    assert registry.flat() == [
        (ITEM, line_of(text, "when: {委托办理: [代办]}"), "situation.unknown-option"),
        (ITEM, line_of(text, "when: {委托: [本人办理]}"), "situation.unknown-question"),
    ]


def test_online_submission_needs_online_acceptance(registry):
    text = edit(WITH_SITUATIONS, "delivery: [窗口领取]", "submission: [网上提交, 窗口提交]\ndelivery: [窗口领取]")
    registry.item(text)
    assert registry.flat() == [(ITEM, line_of(text, "submission:"), "submission.online-unavailable")]
    registry.item(edit(text, "  depth: 网上预审", "  depth: 网上受理"))
    assert registry.flat() == []


def test_a_name_cannot_break_the_address(registry):
    registry.item(edit(WITH_SITUATIONS, "  - name: 场地\n", "  - name: 场地:类型\n"))
    assert [code for _, _, code in registry.flat()] == ["field.format"]


@pytest.mark.parametrize(
    ("when", "answers", "expected"),
    [
        ({}, {"场地": ["自有"]}, True),
        ({"场地": ["租用"]}, {}, True),  # unanswered: nothing hidden
        ({"场地": ["租用"]}, {"场地": ["自有"]}, False),
        ({"场地": ["租用"]}, {"场地": ["自有", "租用"]}, True),  # several ticked: any of them
        ({"场地": ["租用"], "委托办理": ["委托他人办理"]}, {"场地": ["租用"], "委托办理": ["本人办理"]}, False),
    ],
)
def test_what_applies_to_a_case(when, answers, expected):
    assert applies(when, answers) is expected


# ---- 一件事 ----

SECOND = edit(
    edit(WITH_SITUATIONS, 'catalog_code: "100000000001"', 'catalog_code: "100000000002"'),
    "D3100000000001",
    "D3100000000002",
)


def bundle(**changes: str) -> str:
    fields = {
        "promised": "    promised: 3\n",
        "visits": "    visits: 0\n",
        "channel": "    channel: {url: https://example.gov.example/one, place: 综合窗口, address: 市民中心一楼, "
        "hours: 周一至周五 9:00—17:00, phone: 0000-80000009}\n",
        "steps": "    steps:\n      - {name: 一次申请, items: [alpha/sample, alpha/second], action: 网上填一张表。}\n",
        "situations": "    situations:\n      - {name: 委托办理, question: 谁来办？, options: [本人办理, 委托他人办理]}\n"
        "      - {name: 场地, question: 场地？, options: [自有, 租用]}\n",
    }
    fields.update(changes)
    return (
        "bundles:\n  - id: open\n    name: 开办一件事\n    lead: alpha\n    stage: 开办企业\n"
        "    summary: 一次办好。\n    items: [alpha/sample, alpha/second]\n" + "".join(fields.values())
    )


@pytest.fixture
def bundled(registry):
    registry.item(WITH_SITUATIONS)
    registry.item(SECOND, ref="alpha/second")
    return registry


def test_a_whole_bundle_is_clean(bundled):
    bundled.write("bundles.yml", bundle())
    assert bundled.flat() == []


def test_a_bundle_has_a_channel(bundled):
    text = bundle(channel="")
    bundled.write("bundles.yml", text)
    assert bundled.flat() == [("bundles.yml", line_of(text, "- id: open"), "bundle.channel-missing")]


def test_a_bundle_promises_less_than_its_members_one_by_one(bundled):
    text = bundle(promised="    promised: 10\n")
    bundled.write("bundles.yml", text)
    assert bundled.flat() == [("bundles.yml", line_of(text, "promised: 10"), "bundle.no-time-gain")]


def test_a_bundle_has_members_in_use(bundled):
    bundled.item(edit(WITH_SITUATIONS, "status: 在用", "status: 暂停"))
    bundled.item(edit(SECOND, "status: 在用", "status: 取消"), ref="alpha/second")
    text = bundle()
    bundled.write("bundles.yml", text)
    flat = bundled.flat()
    assert ("bundles.yml", line_of(text, "items: [alpha"), "bundle.no-published-members") in flat
    assert [code for _, _, code in flat].count("bundle.item-unpublished") == 2


def test_a_bundle_says_its_order(bundled):
    text = bundle(steps="")
    bundled.write("bundles.yml", text)
    assert bundled.flat() == [("bundles.yml", line_of(text, "items: [alpha"), "bundle.steps-missing")]


def test_the_order_holds_each_member_once(bundled):
    text = bundle(
        steps="    steps:\n      - {name: 先办, items: [alpha/sample], action: 先办这个。}\n"
        "      - {name: 再办, items: [alpha/sample, alpha/other], action: 再办这个。}\n"
    )
    bundled.write("bundles.yml", text)
    assert bundled.flat() == [
        ("bundles.yml", line_of(text, "steps:"), "bundle.order-mismatch"),  # alpha/second in no step
        ("bundles.yml", line_of(text, "name: 再办"), "bundle.order-mismatch"),  # alpha/sample again
        ("bundles.yml", line_of(text, "name: 再办"), "bundle.order-mismatch"),  # alpha/other is no member
    ]


def test_a_bundle_asks_what_its_members_ask(bundled):
    text = bundle(
        situations="    situations:\n      - {name: 委托办理, question: 谁来办？, options: [本人办理, 委托他人办理]}\n"
    )
    bundled.write("bundles.yml", text)
    assert bundled.flat() == [("bundles.yml", line_of(text, "situations:"), "bundle.situation-missing")] * 2


def test_a_bundle_question_means_what_the_members_mean(bundled):
    text = bundle(
        situations="    situations:\n      - {name: 委托办理, question: 谁来办？, options: [本人, 他人]}\n"
        "      - {name: 场地, question: 场地？, options: [自有, 租用]}\n      - {name: 年龄, question: 几岁？, options: [成年, 未成年]}\n"
    )
    bundled.write("bundles.yml", text)
    line = line_of(text, "name: 委托办理, question")
    assert bundled.flat() == [
        ("bundles.yml", line, "bundle.situation-mismatch"),
        ("bundles.yml", line, "bundle.situation-mismatch"),
        ("bundles.yml", line_of(text, "name: 年龄"), "bundle.situation-unused"),
    ]


# ---- 办事路径 ----

PATHS = (
    "paths:\n  - id: open-shop\n    name: 开店\n    summary: 开一家店要办的事。\n    keywords: [开店]\n    steps:\n"
    "      - {name: 领执照, action: 先办营业执照。, bundles: [open]}\n"
    "      - {name: 办许可, action: 再办许可。, items: [alpha/sample]}\n"
)


def test_a_good_path_is_clean(bundled):
    bundled.write("bundles.yml", bundle())
    bundled.write("paths.yml", PATHS)
    assert bundled.flat() == []


def test_a_path_names_what_exists(bundled):
    bundled.write("bundles.yml", bundle())
    text = edit(edit(PATHS, "bundles: [open]", "bundles: [opne]"), "items: [alpha/sample]", "items: [alpha/sampel]")
    bundled.write("paths.yml", text)
    flat = bundled.flat()
    assert flat == [
        ("paths.yml", line_of(text, "name: 领执照"), "path.unknown-reference"),
        ("paths.yml", line_of(text, "name: 办许可"), "path.unknown-reference"),
    ]
    messages = [f.message for f in bundled.check().findings]
    assert "open" in messages[0] and "alpha/sample" in messages[1]


def test_each_step_of_a_path_has_something_to_do(bundled):
    bundled.write("bundles.yml", bundle())
    text = edit(
        PATHS,
        "      - {name: 领执照, action: 先办营业执照。, bundles: [open]}\n",
        "      - {name: 领执照, action: 先办营业执照。}\n",
    )
    bundled.write("paths.yml", text)
    assert bundled.flat() == [("paths.yml", line_of(text, "name: 领执照"), "path.empty-step")]


def test_a_path_step_on_a_suspended_item_is_said(bundled):
    bundled.write("bundles.yml", bundle())
    bundled.item(edit(SECOND, "status: 在用", "status: 暂停"), ref="alpha/second")
    text = edit(PATHS, "items: [alpha/sample]", "items: [alpha/sample, alpha/second]")
    bundled.write("paths.yml", text)
    assert ("paths.yml", line_of(text, "name: 办许可"), "path.item-unpublished") in bundled.flat()
