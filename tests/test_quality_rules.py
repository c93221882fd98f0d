"""The provincial quality rules, each on a broken copy of a sample item (and quiet on the sample itself)."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, TinyRegistry, edit, line_of

from generator.checks.placeholders import is_placeholder
from generator.checks.results import expected_type

SAMPLE = ROOT / "items"
FOOD = "scjgj/food-business-license"
FOOD_FAQ = (
    "faq:\n  - q: 只卖预包装食品，需要办食品经营许可证吗？\n    a: 仅销售预包装食品的，不需要取得许可，办理备案即可。\n"
    "  - q: 许可证有效期多久？\n    a: 食品经营许可证有效期为 5 年，到期前 30 个工作日申请延续。\n"
)


def locate(text: str, needle: str | tuple[str, int]) -> int:
    """The line a finding is expected on: the nth line holding `needle`, or with `=…` the line equal to it."""
    if isinstance(needle, tuple):
        return line_of(text, *needle)
    if needle.startswith("="):
        return next(number for number, line in enumerate(text.splitlines(), start=1) if line == needle[1:])
    return line_of(text, needle)


def whole_line(ref: str, start: str) -> str:
    """The sample item's line that begins with `start`, to replace it whole."""
    text = (SAMPLE / f"{ref}.yml").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(start))


# name: (sample item, [(old, new) edits], [(needle of the expected line, code)])
CASES = {
    "result-type-certificate": (
        FOOD,
        [("  name: 食品经营许可证\n  type: 证照", "  name: 食品经营许可证\n  type: 其他")],
        [("  type: 其他", "result.type-mismatch")],
    ),
    "result-type-approval": (
        "sthjj/eia-form-approval",
        [("  type: 批文", "  type: 证照")],
        [("  type: 证照", "result.type-mismatch")],
    ),
    "result-type-none-with-a-name": (
        "ybj/chronic-disease-certification",
        [("  type: 其他", "  type: 无")],
        [("  type: 无", "result.type-missing")],
    ),
    "result-without-sample": (
        FOOD,
        [("  sample: https://zwfw.shifan.gov.example/samples/scjgj/food-business-license.pdf\n", "")],
        [("result:", "result.sample-missing")],
    ),
    "result-sample-file-missing": (
        FOOD,
        [
            (
                "  sample: https://zwfw.shifan.gov.example/samples/scjgj/food-business-license.pdf",
                "  sample: samples/许可证样本.pdf",
            )
        ],
        [("  sample: samples/", "result.sample-file-missing")],
    ),
    "visit-reason-placeholder": (
        "gaj/id-card-application",
        [(whole_line("gaj/id-card-application", "visit_reason:"), "visit_reason: 无")],
        [("visit_reason: 无", "visits.reason-missing")],
    ),
    "reason-to-come-without-visits": (
        FOOD,
        [("visits: 0\n", "visits: 0\nvisit_reason: 无需到现场办理。\n")],
        [("visit_reason:", "visits.reason-unneeded")],
    ),
    "hours-without-days": (
        FOOD,
        [
            (
                "    hours: 周一至周五 9:00—12:00，13:30—17:00；周六上午 9:00—12:00（延时服务）",
                "    hours: 9:00—12:00，13:30—17:00",
            )
        ],
        [("    hours: 9:00", "window.hours-no-days")],
    ),
    "hours-without-times": (
        FOOD,
        [("    hours: 周一至周五 9:00—12:00，13:30—17:00；周六上午 9:00—12:00（延时服务）", "    hours: 工作日")],
        [("    hours: 工作日", "window.hours-no-times")],
    ),
    "place-imprecise": (
        FOOD,
        [
            (
                "  - place: 市民中心二楼市场监管窗口（B 区 12—16 号）\n    address: 示范市市民中心二楼 B 区",
                "  - place: 市民中心\n    address: 示范市市民中心二楼",
            )
        ],
        [("  - place: 市民中心", "window.place-imprecise")],
    ),
    "phone-without-area-code": (
        FOOD,
        [('  consult: "0000-81000001"', '  consult: "81000001"')],
        [("  consult:", "phone.format")],
    ),
    "window-phone-too-short": (
        FOOD,
        [('    phone: "0000-81000005"', '    phone: "8100"')],
        [('    phone: "8100"', "phone.format")],
    ),
    "business-item-with-a-life-event": (
        FOOD,
        [("topics: [开办企业, 餐饮经营]", "topics: [开办企业, 出生]")],
        [("topics:", "topics.audience-mismatch")],
    ),
    "person-item-with-business-topics": (
        "gaj/id-card-application",
        [("topics: [户籍, 身份证]", "topics: [工程建设]")],
        [("topics:", "topics.audience-mismatch"), ("topics:", "topics.audience-mismatch")],
    ),
    "licence-without-faq": (FOOD, [(FOOD_FAQ, "")], [("type: 行政许可", "faq.permit-missing")]),
    "placeholder-faq-answer": (
        FOOD,
        [
            (
                "    a: 食品经营许可证有效期为 5 年，到期前 30 个工作日申请延续。",
                "    a: 详见《食品经营许可和备案管理办法》",
            )
        ],
        [("    a: 详见", "text.placeholder")],
    ),
    "placeholder-conditions": (
        FOOD,
        [(whole_line(FOOD, "conditions:"), "conditions: 详见附件。")],
        [("conditions:", "text.placeholder")],
    ),
    "placeholder-legal-text": (
        FOOD,
        [
            (
                "    text: 国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。",
                "    text: 按相关规定执行",
            )
        ],
        [("    text: 按相关规定执行", "text.placeholder")],
    ),
    "placeholder-material-notes": (
        FOOD,
        [("    notes: 可先受理，在领取许可证前补交。", "    notes: 无")],
        [("    notes: 无", "text.placeholder")],
    ),
    "catch-all-condition": (
        FOOD,
        [
            (
                "有食品安全管理人员和保证食品安全的规章制度。",
                "有食品安全管理人员和保证食品安全的规章制度；法律、法规规定的其他条件。",
            )
        ],
        [("conditions:", "conditions.catch-all")],
    ),
    "step-longer-than-promised": (
        FOOD,
        [("    time: 2 个工作日", "    time: 3 个工作日")],
        [(("    time: 3 个工作日", 2), "steps.time-exceeds-promised")],
    ),
    "steps-shorter-than-workflow": (
        "zjj/construction-permit",
        [("    time: 1.5 个工作日", "    time: 0.5 个工作日")],
        [("steps:", "steps.time-below-workflow")],
    ),
    "fully-online-collected-at-the-window": (
        FOOD,
        [("delivery: [网上下载, 邮寄送达, 窗口领取]", "delivery: [窗口领取]")],
        [("delivery:", "delivery.window-only-online")],
    ),
    "fully-online-without-an-address": (
        FOOD,
        [("  url: https://zwfw.shifan.gov.example/items/food-business-license\n", "")],
        [("online:", "online.url-missing")],
    ),
    "download-without-online-handling": (
        "ybj/medical-expense-reimbursement",
        [("delivery: [窗口领取, 邮寄送达]", "delivery: [网上下载]")],
        [("delivery:", "delivery.download-not-online")],
    ),
    "fee-without-payment": (
        "gaj/id-card-application",
        [("    payment: [网上支付, 窗口缴费]\n", "")],
        [("  - name: 居民身份证工本费", "fee.payment-missing")],
    ),
    "a-fee-that-is-no-fee": (
        FOOD,
        [("fees: []", "fees:\n  - name: 无\n    standard: 无\n    basis: 无")],
        [("  - name: 无", "fee.placeholder")],
    ),
    "application-form-without-blank": (
        "gyfw/electricity-transfer",
        [("    template: https://zwfw.shifan.gov.example/forms/electricity-transfer.pdf\n", "")],
        [("    kind: 申请表格文书", "material.form-template-missing")],
    ),
    "licence-without-statutory-limit": (
        FOOD,
        [("  statutory: 20\n", "")],
        [("=time_limit:", "time-limit.statutory-missing")],
    ),
    "licence-without-a-decision": (
        FOOD,
        [("  - name: 决定\n    actor: 审批负责人", "  - name: 复核\n    actor: 审批负责人")],
        [("workflow:", "workflow.permit-stages")],
    ),
}


def sample_copy(tmp_path, ref: str) -> tuple[TinyRegistry, str]:
    """A registry of the sample's departments and the text of one sample item, without its links to items
    the copy does not hold."""
    tiny = TinyRegistry(tmp_path / "items")
    shutil.copy(SAMPLE / "departments.yml", tiny.write("departments.yml", ""))
    text = (SAMPLE / f"{ref}.yml").read_text(encoding="utf-8")
    return tiny, "".join(line for line in text.splitlines(keepends=True) if not line.startswith("related:"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_fires_on_a_broken_sample_item(tmp_path, case):
    ref, edits, expected = CASES[case]
    registry, text = sample_copy(tmp_path, ref)
    for old, new in edits:
        text = edit(text, old, new)
    registry.item(text, ref=ref)
    assert registry.flat() == [(f"{ref}.yml", locate(text, needle), code) for needle, code in expected]


@pytest.mark.parametrize("ref", sorted({ref for ref, _, _ in CASES.values()}))
def test_rules_are_quiet_on_the_sample_item(tmp_path, ref):
    registry, text = sample_copy(tmp_path, ref)
    registry.item(text, ref=ref)
    assert registry.flat(strict=True) == []


def test_a_sample_file_in_the_registry_is_found(tmp_path):
    registry, text = sample_copy(tmp_path, FOOD)
    text = edit(
        text,
        "  sample: https://zwfw.shifan.gov.example/samples/scjgj/food-business-license.pdf",
        "  sample: samples/许可证样本.pdf",
    )
    registry.item(text, ref=FOOD)
    registry.write("scjgj/samples/许可证样本.pdf", b"%PDF-1.4")
    assert registry.flat(strict=True) == []


@pytest.mark.parametrize("sample", ["javascript:alert(1)", "../gaj/x.pdf", "/etc/passwd"])
def test_a_sample_outside_the_registry_is_refused(tmp_path, sample):
    registry, text = sample_copy(tmp_path, FOOD)
    text = edit(text, "https://zwfw.shifan.gov.example/samples/scjgj/food-business-license.pdf", sample)
    registry.item(text, ref=FOOD)
    assert registry.flat() == [(f"{FOOD}.yml", line_of(text, "  sample:"), "field.format")]


def test_department_hours_place_and_phones(tmp_path):
    registry, _ = sample_copy(tmp_path, FOOD)
    departments = (SAMPLE / "departments.yml").read_text(encoding="utf-8")
    broken = edit(departments, "    address: 示范市市民中心二楼 B 区\n", "    address: 示范市市民中心\n")
    broken = edit(
        broken,
        '    hours: 周一至周五 9:00—12:00，13:30—17:00（法定节假日除外）\n    phone: "0000-81000001"',
        '    hours: 上午 9 点到下午 5 点\n    phone: "81000001"',
    )
    registry.write("departments.yml", broken)
    assert registry.flat() == [
        ("departments.yml", locate(broken, "=    address: 示范市市民中心"), "window.place-imprecise"),
        ("departments.yml", line_of(broken, "上午 9 点"), "window.hours-no-days"),
        ("departments.yml", line_of(broken, "上午 9 点"), "window.hours-no-times"),
        ("departments.yml", line_of(broken, '    phone: "81000001"'), "phone.format"),
    ]


@pytest.mark.parametrize(
    "phone",
    [
        "0571-87654321",
        "0571 8765 4321",
        "0000-81000001",
        "13912345678",
        "12345",
        "95588",
        "400-123-4567",
        "0571-87654321转123",
    ],
)
def test_numbers_a_person_can_dial(tmp_path, phone):
    registry, text = sample_copy(tmp_path, FOOD)
    registry.item(edit(text, '    phone: "0000-81000005"', f'    phone: "{phone}"'), ref=FOOD)
    assert registry.flat() == []


def test_messages_quote_the_text_that_failed(tmp_path):
    registry, text = sample_copy(tmp_path, FOOD)
    text = edit(
        text, "    hours: 周一至周五 9:00—12:00，13:30—17:00；周六上午 9:00—12:00（延时服务）", "    hours: 8:30-17:30"
    )
    text = edit(text, '  consult: "0000-81000001"', '  consult: "8100 0001"')
    registry.item(text, ref=FOOD)
    messages = {f.code: f.message for f in registry.check().findings}
    assert (
        "“8:30-17:30”" in messages["window.hours-no-days"]
        and "办理时间 (windows[0].hours)" in messages["window.hours-no-days"]
    )
    assert "“8100 0001”" in messages["phone.format"] and "咨询电话 (contact.consult)" in messages["phone.format"]


def test_local_topics_from_the_settings(tmp_path):
    registry, text = sample_copy(tmp_path, FOOD)
    registry.item(edit(text, "topics: [开办企业, 餐饮经营]", "topics: [夜间经济]"), ref=FOOD)
    assert [code for _, _, code in registry.flat()] == ["topics.audience-mismatch"]
    settings = tmp_path / "registry.yml"
    settings.write_text("topics:\n  business: [夜间经济]\n", encoding="utf-8")
    from generator.checks import check_registry

    _, report = check_registry(registry.root, workers=1, settings_file=settings)
    assert report.findings == []


@pytest.mark.parametrize(
    "text",
    [
        "无",
        "暂无。",
        "详见附件",
        "详见《食品经营许可和备案管理办法》",
        "见附件1",
        "按规定",
        "按相关规定执行",
        "相关规定",
        "参照执行",
        "不涉及",
        "/",
    ],
)
def test_placeholders(text):
    assert is_placeholder(text)


@pytest.mark.parametrize(
    "text", ["无犯罪记录证明", "无需提交，窗口通过共享获取。", "按规定的格式填写申请表并签字。", "详细地址见营业执照"]
)
def test_real_text_is_not_a_placeholder(text):
    assert not is_placeholder(text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("营业执照", "证照"),
        ("食品经营许可证（变更后）", "证照"),
        ("医师执业证书", "证照"),
        ("建设项目环境影响报告书的批复", "批文"),
        ("涉路施工许可决定书", "批文"),
        ("出生医学证明", None),
        ("契税完税凭证", None),
        ("社会保障卡", None),
    ],
)
def test_result_type_from_its_name(name, expected):
    assert expected_type(name) == expected
