"""Quality gates on the built site: no broken internal link or anchor, no serious accessibility
violation (axe-core in Chromium, WCAG 2.1 AA), keyboard use of the finder and the text-size toggle."""

import shutil

import pytest
from site_build import serve

from generator.tools.linkcheck import check_links

PAGES = {
    "home": "",
    "guide": "items/scjgj/food-business-license/",
    "checklist": "items/scjgj/food-business-license/checklist/",
    "time table": "time-limits/",
    "finder": "finder/?q=营业执照",
    "bulletin": "bulletins/2026/09/18/time-limits-cut/",
    "figures": "figures/",
    "guide with a chosen case": "items/scjgj/food-business-license/?情形=经营类型:餐饮服务",
    "bundle": "bundles/newborn/",
    "bundle checklist": "bundles/newborn/checklist/",
    "path": "paths/open-a-restaurant/",
    "finder without an answer": "finder/?q=养狗登记",
}


def test_no_broken_internal_links(sample_site):
    assert check_links(sample_site.path) == []


def test_link_check_catches_a_dead_link_and_a_missing_anchor(sample_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sample_site.path / "figures", site / "figures")
    shutil.copytree(sample_site.path / "time-limits", site / "time-limits")
    page = site / "figures" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace(
            "</article>", '<a href="../no-such-page/">x</a><a href="../time-limits/#nowhere">y</a></article>', 1
        ),
        encoding="utf-8",
    )
    broken = {(b.page, b.target, b.reason) for b in check_links(site)}
    assert ("figures/index.html", "../no-such-page/", "目标文件不存在") in broken
    assert ("figures/index.html", "../time-limits/#nowhere", "目标页面没有这个锚点") in broken


@pytest.fixture(scope="module")
def served(sample_site):
    server = serve(sample_site.path)
    yield server.base
    server.stop()


def serious_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
          return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_serious_accessibility_violation(browser, served, axe_source, name):
    page = browser.new_page()
    page.goto(served + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert serious_violations(page, axe_source) == []
    page.close()


def test_axe_catches_an_image_without_alt_text(browser, served, axe_source):
    page = browser.new_page()
    page.goto(served + PAGES["guide"])
    page.evaluate(
        "document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"../../../assets/images/favicon.svg\">')"
    )
    assert "image-alt" in {v["id"] for v in serious_violations(page, axe_source)}
    page.close()


def test_text_size_toggle_with_the_keyboard(browser, served):
    page = browser.new_page()
    page.goto(served + PAGES["guide"])
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('gov-text-toggle')"):
            break
    else:
        pytest.fail("the text-size toggle cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.dataset.govText") == "large"
    page.keyboard.press(" ")
    assert page.evaluate("document.documentElement.dataset.govText") is None
    page.close()
