"""The sample site in Debian's Chromium, as a visitor uses it."""

import os
import re
import shutil
from pathlib import Path

import pytest

from site_build import serve

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is not installed: .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(sample_site):
    server = serve(sample_site.path)
    yield server.base
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def search(page, site_url, query):
    page.goto(site_url)
    field = page.locator(".md-search__input")
    field.click()
    field.fill(query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    # Results update as the worker answers each keystroke: read them once they stop changing.
    previous, hrefs = None, []
    for _ in range(40):
        hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
        if hrefs and hrefs == previous:
            break
        previous = hrefs
        page.wait_for_timeout(250)
    return hrefs


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("营业执照", "items/scjgj/company-registration/"),
        ("结婚登记", "items/mzj/marriage-registration/"),
        ("公积金", "items/gjj/"),
        ("身份证", "items/gaj/id-card"),
    ],
)
def test_header_search_finds_the_guide(page, site_url, query, expected):
    hrefs = search(page, site_url, query)
    assert any(expected in (href or "") for href in hrefs[:5]), hrefs[:5]


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
    for path in ("", "items/scjgj/food-business-license/", "items/scjgj/food-business-license/checklist/", "time-limits/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
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


def test_time_table_sorts_by_promised_limit(page, site_url):
    page.goto(f"{site_url}time-limits/")
    header = page.locator("th", has_text="承诺时限")
    header.click()
    values = page.eval_on_selector_all(
        "table[data-gov-sortable] tbody tr td:nth-child(4)", "cells => cells.map(c => parseFloat(c.dataset.value))"
    )
    assert values == sorted(values)
    header.press("Enter")
    values = page.eval_on_selector_all(
        "table[data-gov-sortable] tbody tr td:nth-child(4)", "cells => cells.map(c => parseFloat(c.dataset.value))"
    )
    assert values == sorted(values, reverse=True)
