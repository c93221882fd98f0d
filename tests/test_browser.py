"""The sample site in Debian's Chromium, as a visitor uses it."""

import re

import pytest


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def header_search(page, site_url, query):
    page.goto(site_url)
    page.locator(".gov-header-search input").fill(query)
    page.wait_for_selector(".gov-header-search__panel:not([hidden])", timeout=15000)
    # each suggestion is an option of the combobox's list, its page in data-href
    options = page.locator("#gov-header-listbox [role=option]:has(.gov-item__title)").all()
    return [option.get_attribute("data-href") for option in options]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("营业执照", "items/scjgj/company-registration/"),
        ("结婚登记", "items/mzj/marriage-registration/"),
        ("公积金", "items/gjj/provident-fund-withdrawal-purchase/"),
        ("身份证", "items/gaj/id-card-application/"),
        ("營業執照", "items/scjgj/company-registration/"),
    ],
)
def test_header_search_finds_the_guide(page, site_url, query, expected):
    hrefs = header_search(page, site_url, query)
    assert any(href.endswith(expected) for href in hrefs[:3]), hrefs[:3]


def test_header_search_also_finds_bulletins(page, site_url):
    header_search(page, site_url, "最多跑一次")
    kinds = page.locator(".gov-header-search__panel .gov-badge--kind").all_text_contents()
    assert "改革动态" in kinds


def finder_titles(page):
    page.wait_for_selector("[data-gov-ready]", timeout=15000)
    return page.locator(".gov-finder__list .gov-item__title").all_text_contents()


def test_finder_results_as_you_type(page, site_url):
    page.goto(f"{site_url}finder/")
    page.locator("#gov-finder-q").press_sequentially("生孩子", delay=50)
    # on a busy machine the first characters may be searched on their own first: wait for the whole query's list
    page.wait_for_selector('[data-gov-shown="生孩子"]', timeout=15000)
    page.wait_for_function("document.querySelectorAll('.gov-finder__list li').length > 0")
    titles = finder_titles(page)
    assert any("出生医学证明" in title for title in titles[:3]), titles[:3]
    assert "q=%E7%94%9F%E5%AD%A9%E5%AD%90" in page.url


def test_finder_facet_narrows_and_url_restores(page, site_url):
    page.goto(f"{site_url}finder/?q=登记")
    everything = finder_titles(page)
    page.select_option("select[name=visits]", "0")
    page.wait_for_url("**visits=0**")
    page.wait_for_function(f"document.querySelectorAll('.gov-finder__list li').length < {len(everything)}")
    narrowed = finder_titles(page)
    assert 0 < len(narrowed) < len(everything)
    assert all(
        badge == "零跑腿"
        for badge in page.locator(
            ".gov-finder__list .gov-badge--zero, .gov-finder__list .gov-badge--one, .gov-finder__list .gov-badge--more"
        ).all_text_contents()
    )
    page.reload()
    assert finder_titles(page) == narrowed  # waits until the finder has read the address
    assert page.locator("select[name=visits]").input_value() == "0"
    assert page.locator("#gov-finder-q").input_value() == "登记"
    page.go_back()
    page.wait_for_function("document.querySelector('select[name=visits]').value === ''")
    assert len(finder_titles(page)) == len(everything)


def test_finder_works_with_the_keyboard(page, site_url):
    page.goto(f"{site_url}finder/")
    page.locator("#gov-finder-q").focus()
    page.keyboard.type("护照")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.gov-finder__list li').length > 0")
    page.keyboard.press("Tab")  # to the search button
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('gov-item__title')"):
            break
    assert "护照" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url("**/items/gaj/passport-application/")


def test_checklist_prints_on_one_a4_page(page, site_url, sample_registry):
    longest = max(
        (r for r in sample_registry.published if len(r.item.materials) <= 12), key=lambda r: len(r.item.materials)
    )
    page.goto(f"{site_url}items/{longest.ref}/checklist/")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"{longest.ref} ({len(longest.item.materials)} materials) printed on {pages} pages"


def test_guide_prints_without_site_chrome(page, site_url):
    page.goto(f"{site_url}items/scjgj/food-business-license/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("#materials").is_visible()


def test_no_request_leaves_localhost(page, site_url):
    pages = (
        "",
        "items/scjgj/food-business-license/",
        "items/scjgj/food-business-license/checklist/",
        "time-limits/",
        "finder/?q=身份证",
    )
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert any("finder/data/shard-" in url for url in page.requests)
    outside = [url for url in page.requests if not url.startswith(site_url) and not url.startswith("data:")]
    assert outside == []


def test_text_size_toggle_survives_a_reload(page, site_url):
    page.goto(f"{site_url}items/scjgj/food-business-license/")
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    toggle = page.locator(".gov-text-toggle")
    toggle.click()
    assert page.evaluate("document.documentElement.dataset.govText") == "large"
    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after > before * 1.3
    page.reload()
    assert page.evaluate("document.documentElement.dataset.govText") == "large"
    assert page.locator(".gov-text-toggle").get_attribute("aria-pressed") == "true"
    page.locator(".gov-text-toggle").click()
    page.goto(f"{site_url}time-limits/")
    assert page.evaluate("document.documentElement.dataset.govText") is None


PROMISED_CELLS = """cells => cells.filter(c => !c.closest('tr').hidden)
    .map(c => [parseInt(c.dataset.group, 10), parseFloat(c.dataset.value)])"""


def test_time_table_sorts_by_promised_limit(page, site_url):
    """Working days and calendar days are sorted apart, 工作日 first, whichever the direction."""
    page.goto(f"{site_url}time-limits/")
    header = page.locator("th", has_text="承诺时限")
    header.click()
    cells = "table[data-gov-sortable] tbody tr td[data-label='承诺时限']"
    values = page.eval_on_selector_all(cells, PROMISED_CELLS)
    assert {group for group, _ in values} == {0, 1}, "the sample has limits in both units"
    assert values == sorted(values)
    header.press("Enter")
    values = page.eval_on_selector_all(cells, PROMISED_CELLS)
    assert values == sorted(values, key=lambda cell: (cell[0], -cell[1]))


def test_time_table_filters_and_sorts_on_a_phone(browser, site_url, sample_registry):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site_url}time-limits/")
    tools = page.locator("form[data-gov-time-tools]")
    assert tools.is_visible() and not page.locator("table[data-gov-sortable] thead").is_visible()
    published = sample_registry.published
    assert tools.locator("[data-gov-count]").text_content() == f"共 {len(published)} 项"
    tools.locator("select[name=handling]").select_option("即办件")
    tools.locator("select[name=department]").select_option("gaj")
    shown = page.eval_on_selector_all(
        "table[data-gov-sortable] tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.ref)"
    )
    expected = [r.ref for r in published if r.item.department == "gaj" and r.item.time_limit.promised == 0]
    assert expected and sorted(shown) == sorted(expected)
    assert tools.locator("[data-gov-count]").text_content() == f"显示 {len(expected)} 项，共 {len(published)} 项"
    tools.locator("select[name=department]").select_option("")
    tools.locator("select[name=handling]").select_option("承诺件")
    tools.locator("select[name=sort]").select_option("promised:descending")
    values = page.eval_on_selector_all("table[data-gov-sortable] tbody tr td[data-label='承诺时限']", PROMISED_CELLS)
    assert all(value > 0 for _, value in values)
    assert values == sorted(values, key=lambda cell: (cell[0], -cell[1]))
    first = page.locator("table[data-gov-sortable] tbody tr:not([hidden])").first
    assert first.bounding_box()["height"] < 200, "a row is a compact card on a phone"
    context.close()


@pytest.mark.parametrize(
    "query", ["营业执照", "營業執照", "公积金取钱", "退休", "营业执找", "生孩子", "水电气过户", "护照"]
)
def test_browser_ranks_like_python(page, site_url, sample_site, query):
    """The browser (finder.js) and the relevance tests (index.search in Python) give the same order."""
    from generator.finder.index import load_indexes, search

    folder = sample_site.path / "finder" / "data"
    files = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.json")}
    table, indexes = load_indexes(files)
    # The list under the leading 一件事, paths and questions: the items and the other questions, in order.
    kinds = [table["docs"][ref]["k"] for ref, _ in search(table, indexes, query)]
    lead = next((i for i, kind in enumerate(kinds) if kind not in ("bundle", "path", "faq")), len(kinds))
    expected = [
        table["docs"][ref]["u"]
        for ref, _ in search(table, indexes, query)[lead:]
        if table["docs"][ref]["k"] in ("item", "faq")
    ][:5]
    page.goto(f"{site_url}finder/?q={query}")
    titles = finder_titles(page)
    hrefs = page.eval_on_selector_all(
        ".gov-finder__list .gov-item__title", "links => links.map(a => a.getAttribute('href'))"
    )
    assert titles and [href.split(site_url)[-1] for href in hrefs[:5]] == expected
