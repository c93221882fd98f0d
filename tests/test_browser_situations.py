"""我的情况, the checklist's ticks, 一件事 and the search's new answers, in Debian's Chromium as a visitor uses them."""

import io
import unicodedata
from urllib.parse import unquote

import pytest

FOOD = "items/scjgj/food-business-license/"
LAYOUT = "经营场所平面布局图"  # only for 餐饮服务


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == []


def has_case(url: str) -> bool:
    return "情形=" in unquote(url)


def ready(page):
    page.wait_for_selector("form[data-gov-situations]:not([hidden])", timeout=15000)


def visible_rows(page, scope="#materials"):
    return page.locator(f"{scope} tbody tr:visible").all_inner_texts()


def test_choosing_a_case_narrows_the_guide_and_the_address_keeps_it(page, site_url, sample_registry):
    item = sample_registry.by_ref()["scjgj/food-business-license"].item
    page.goto(site_url + FOOD)
    ready(page)
    assert len(visible_rows(page)) == len(item.materials)
    assert any(LAYOUT in row for row in visible_rows(page))
    page.get_by_role("radio", name="食品销售").check()
    page.wait_for_url(has_case)
    rows = visible_rows(page)
    assert len(rows) == len(item.materials) - 1 and not any(LAYOUT in row for row in rows)
    assert "1 份不适用" in page.locator("#materials [data-gov-count]").inner_text()
    assert "经营类型：食品销售" in page.locator("#materials [data-gov-case]").inner_text()
    numbers = page.locator("#materials tbody tr:visible td[data-gov-number]").all_inner_texts()
    assert numbers == [str(n) for n in range(1, len(rows) + 1)]
    # the checklist button carries the case, and the address restores it after a reload
    assert has_case(page.locator("a[data-gov-keep-case]").first.get_attribute("href"))
    page.reload()
    ready(page)
    assert page.get_by_role("radio", name="食品销售").is_checked()
    assert not any(LAYOUT in row for row in visible_rows(page))
    page.get_by_role("button", name="清除选择，看全部").click()
    page.wait_for_function("!location.search.includes('%E6%83%85%E5%BD%A2')")
    assert len(visible_rows(page)) == len(item.materials)


def test_a_fee_and_a_step_follow_the_case(page, site_url):
    page.goto(site_url + "items/gaj/id-card-renewal/")
    ready(page)
    assert page.locator("#fees li:visible").count() == 2
    page.get_by_role("radio", name="损坏换领").check()
    assert page.locator("#fees li:visible").all_inner_texts() == [
        text for text in page.locator("#fees li").all_inner_texts() if "损坏换领" in text
    ]
    page.goto(site_url + "items/scjgj/company-deregistration/?情形=注销程序:一般程序")
    ready(page)
    assert "简易注销公示" not in " ".join(page.locator("#steps li:visible").all_inner_texts())
    assert "清算报告" in " ".join(visible_rows(page))


def test_the_printed_checklist_names_the_case_and_lists_only_what_applies(page, site_url):
    pypdf = pytest.importorskip("pypdf")
    page.goto(site_url + FOOD + "checklist/?情形=经营类型:食品销售")
    ready(page)
    text = unicodedata.normalize("NFKC", _pdf_text(pypdf, page.pdf(format="A4", print_background=True)))
    assert unicodedata.normalize("NFKC", "您的情况：经营类型：") in text
    assert "平面布局图" not in text and "申请书" in text
    page.goto(site_url + FOOD + "checklist/")
    ready(page)
    text = unicodedata.normalize("NFKC", _pdf_text(pypdf, page.pdf(format="A4", print_background=True)))
    assert "平面布局图" in text and "还没有选择情形" in text  # no choice: everything, each with its condition


def _pdf_text(pypdf, data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_a_bundle_narrows_its_merged_list(page, site_url):
    page.goto(site_url + "bundles/newborn/")
    ready(page)
    everything = visible_rows(page)
    assert any("亲子鉴定证明" in row and "在医疗机构外出生的" in row for row in everything)
    page.get_by_role("radio", name="本市医院").check()
    rows = visible_rows(page)
    assert len(rows) == len(everything) - 1 and not any("亲子鉴定证明" in row for row in rows)
    page.goto(site_url + "bundles/newborn/checklist/?情形=出生地点:医院外")
    ready(page)
    assert any("亲子鉴定证明" in row for row in visible_rows(page, ".gov-checklist"))


def test_phone_checklist_ticks_survive_a_reload(browser, site_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(site_url + FOOD + "checklist/")
        ready(page)
        # on a phone each material is a card, its tick box large enough to tap
        first = page.locator(".gov-checklist__table tbody tr").first
        assert first.evaluate("row => getComputedStyle(row).display") == "grid"
        box = page.get_by_role("checkbox", name="已备齐：食品经营许可申请书")
        assert box.bounding_box()["width"] >= 24
        page.get_by_text("1. 食品经营许可申请书").tap()  # the material's name is the box's label
        assert box.is_checked()
        assert "已备齐 1 /" in page.locator("[data-gov-ticked]").inner_text()
        page.reload()
        ready(page)
        assert page.get_by_role("checkbox", name="已备齐：食品经营许可申请书").is_checked()
        assert "网上提交" in page.locator(".gov-checklist__how").inner_text()
    finally:
        context.close()


def test_the_case_can_be_chosen_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + FOOD + "checklist/")
    ready(page)
    page.locator("form[data-gov-situations] input").first.focus()
    assert page.evaluate("document.activeElement.value") == ""  # 不确定
    page.keyboard.press("ArrowDown")  # radios: arrows move and choose
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "食品销售"
    page.wait_for_url(has_case)
    assert not any(LAYOUT in row for row in visible_rows(page, ".gov-checklist"))
    for _ in range(20):  # on to the tick boxes
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input[data-gov-tick]')"):
            break
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def test_a_faq_hit_opens_the_question(page, site_url):
    page.goto(site_url + "finder/?q=出生一个多月了还能上户口吗")
    page.wait_for_selector("[data-gov-ready]", timeout=15000)
    first = page.locator("[data-gov-results] a.gov-item__title").first
    assert first.get_attribute("href").endswith("items/gaj/newborn-household-registration/#faq-1")
    first.click()
    page.wait_for_url("**#faq-1")
    assert page.locator("#faq-1").evaluate("details => details.open")


@pytest.mark.parametrize(
    ("query", "first"),
    [("生娃要办啥", "paths/have-a-baby/"), ("开公司", "bundles/open-a-business/"), ("孩子上户口", "bundles/newborn/")],
)
def test_life_events_come_first(page, site_url, query, first):
    page.goto(site_url + "finder/?q=" + query)
    page.wait_for_selector("[data-gov-ready]", timeout=15000)
    assert page.locator("[data-gov-results] a.gov-item__title").first.get_attribute("href").endswith(first)


def test_a_misspelt_word_is_found_and_said(page, site_url):
    page.goto(site_url + "finder/?q=身分证")
    page.wait_for_selector("[data-gov-ready]", timeout=15000)
    assert "身份证" in page.locator(".gov-finder__corrected").inner_text()
    hrefs = page.locator(".gov-finder__list a.gov-item__title").evaluate_all("links => links.map(a => a.href)")
    assert any(href.endswith("items/gaj/id-card-application/") for href in hrefs[:3])


def test_no_answer_is_said_plainly(page, site_url):
    page.goto(site_url + "finder/?q=养狗登记")
    page.wait_for_selector("[data-gov-ready]", timeout=15000)
    results = page.locator("[data-gov-results]")
    assert "没有找到对应的事项" in results.inner_text()
    assert results.locator("a[href^='tel:12345']").count() == 1
    assert results.locator(".gov-item").count() == 0  # no weak match listed as an answer
