"""The pages people use most, with the keyboard alone and as a screen reader meets them, at a phone's size
and a desktop's, with 大字号 off and on: the skip link, every stop of Tab visible and marked, targets of
44 px on a phone, the site's name in the header; the header search as a combobox, filters that settle
before they speak, terms of art that open in place, the menu, the 404 page; the large-print checklist."""

from __future__ import annotations

import io
import re
import unicodedata
from urllib.parse import unquote

import pytest
from pypdf import PdfReader
from test_quality import serious_violations

from generator.wording import SCRIPT_WORDS, THEME_WORDS

PAGES = {
    "home": "",
    "guide": "items/scjgj/food-business-license/",
    "checklist": "items/scjgj/food-business-license/checklist/",
    "bundle": "bundles/newborn/",
    "finder": "finder/?q=营业执照",
    "figures": "figures/",
    "time limits": "time-limits/",
    "404": "no-such-page/",
}
# Pages axe checks besides these: the site's own pages about itself.
AXE_PAGES = {**PAGES, "glossary": "glossary/", "site map": "site-map/"}
VIEWS = {"phone": (390, 844, False), "phone, 大字号": (390, 844, True), "desktop": (1280, 900, False)}
SIZES = ("phone", "desktop")  # where the keyboard is tried; 大字号 changes sizes, tried by the targets


@pytest.fixture
def open_page(browser):
    contexts = []

    def opened(url: str, view: str = "desktop", **options):
        width, height, large = VIEWS[view]
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", **options)
        if large:
            context.add_init_script("localStorage.setItem('gov-text-size', 'large')")
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page

    yield opened
    for context in contexts:
        context.close()


# Where the keyboard is, as a user sees it: on screen, not transparent, with an outline or a shadow (on the
# element, or on the label around a tick box).
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const marked = (node) => { const s = getComputedStyle(node);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none"; };
  const label = el.closest("label");
  return {
    name: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${(el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 20)}`,
    shown: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
      && style.visibility !== "hidden" && parseFloat(style.opacity) > 0.5,
    marked: marked(el) || (label !== null && marked(label)),
    inArticle: el.closest("article") !== null,
    last: el === [...document.querySelectorAll("footer .gov-identity a")].pop(),
  };
}"""


LANDMARKS = """() => ({
  h1: document.querySelectorAll("h1").length,
  main: document.querySelectorAll("main, [role=main]").length,
  banner: document.querySelectorAll("header.md-header").length,
  footer: document.querySelectorAll("footer").length,
  unnamedNav: [...document.querySelectorAll("nav")].filter(n => n.offsetParent && !n.getAttribute("aria-label")
    && !n.getAttribute("aria-labelledby")).length,
  unnamedImages: [...document.querySelectorAll("[role=img], img")].filter(n => !(n.getAttribute("aria-label")
    || n.getAttribute("aria-labelledby") || n.getAttribute("alt") !== null || n.querySelector(":scope > title"))).length,
  live: [...document.querySelectorAll("[role=status], [aria-live]")].map(n => n.getAttribute("aria-live") || "polite"),
  lang: document.documentElement.lang,
})"""


# Every target under 44 × 44 CSS px that stands on its own (WCAG 2.5.5): a link inside a sentence is sized
# by the sentence and is left out; a tick box counts with the label around it.
SMALL_TARGETS = r"""() => {
  const PUNCT = /^[\s·、，,;；:：|()（）\[\]【】›>\-—]*$/u;
  const words = (node) => node && node.nodeType === 3 && !PUNCT.test(node.textContent);
  const inSentence = (el) => {
    for (let node = el; node.parentElement; node = node.parentElement) {
      if (words(node.previousSibling) || words(node.nextSibling)) return true;
      if (!getComputedStyle(node.parentElement).display.startsWith("inline")) return false;
    }
    return false;
  };
  const small = [];
  document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary, [role=button], [role=option], label[for]")
    .forEach((el) => {
      const box = el.matches("input[type=checkbox], input[type=radio]") ? (el.closest("label") || el) : el;
      const r = box.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === "hidden") return;
      if (el.closest("[hidden], .md-sidebar, .md-skip, [data-md-component=skip], .gov-sr-only")) return;
      if ((el.matches("label[for]") && el.querySelector("input")) || inSentence(el)) return;
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
        small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${el.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    });
  return small;
}"""


@pytest.mark.parametrize("view", SIZES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_keyboard_and_screen_reader(open_page, site_url, name, view):
    """From the top: the skip link first, then every stop on screen and marked, to the footer's last link
    without a trap; Shift+Tab goes back the same way; the skip link leads past the header and the menus.
    A screen reader finds one h1, the landmarks, named navigation and images, and what each page adds;
    on a phone, every target that stands on its own is 44 × 44 px."""
    page = open_page(site_url + PAGES[name], view)
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        if not stops:
            page.wait_for_timeout(300)  # the skip link fades in
        stop = page.evaluate(FOCUS)
        assert stop is not None, f"Tab left the page after {stops[-1:]}"
        assert stop["shown"] and stop["marked"], stop
        stops.append(stop["name"])
        if stop["last"]:
            break
    else:
        pytest.fail("Tab never reached the footer: " + " → ".join(stops[-5:]))
    assert stops[0].startswith("a.md-skip.gov-skip")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUS)["name"] == stops[-2], "Shift+Tab goes back the same way"
    page.reload()
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["inArticle"], "the skip link leads past the header and the menus"

    found = page.evaluate(LANDMARKS)
    assert found["h1"] == 1 and found["main"] == 1 and found["banner"] == 1 and found["footer"] == 1, found
    assert found["unnamedNav"] == 0 and found["unnamedImages"] == 0, found
    assert found["lang"].startswith("zh")
    tree = page.locator("body").aria_snapshot()
    assert f'link "{THEME_WORDS["skip"]}"' in tree
    assert "combobox" in tree, "the header search says what it is"
    if name in ("guide", "checklist", "bundle"):
        crumbs = page.locator("nav.gov-breadcrumbs").aria_snapshot()
        assert crumbs.startswith('- navigation "您的位置"') and "首页" in crumbs
    if name in ("home", "finder"):
        assert "polite" in found["live"]
    if name == "figures":
        charts = page.locator("svg[role=img]")
        for index in range(charts.count()):
            said = charts.nth(index).aria_snapshot()
            assert re.search(r"\d+(\.\d)?%", said), said  # the chart's numbers, not only its title
    if view == "phone":
        assert page.evaluate(SMALL_TARGETS) == []
    assert page.errors == []


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_finds_nothing_serious(open_page, site_url, axe_source, name, view):
    """WCAG 2.1 AA as axe-core checks it, at a phone's size (大字号 off and on) and a desktop's; the terms
    of a page opened, and the header search with its suggestions shown, are checked as well."""
    page = open_page(site_url + AXE_PAGES[name], view)
    page.evaluate("document.querySelectorAll('button.gov-term__word').forEach(b => b.click())")
    box = page.locator(".gov-header-search input")
    box.fill("营业执照")
    page.wait_for_selector(".gov-header-search__panel:not([hidden])")
    assert serious_violations(page, axe_source) == []
    assert page.errors == []


def test_the_header_search_is_a_combobox(open_page, site_url):
    page = open_page(site_url)
    box = page.locator(".gov-header-search input")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    box.focus()
    page.keyboard.type("营业执照", delay=40)
    page.wait_for_function("document.querySelectorAll('#gov-header-listbox [role=option]').length > 1")
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator("#gov-header-listbox [role=option]")
    page.wait_for_function("document.querySelector('.gov-header-search [role=status]').textContent !== ''")
    said = page.locator(".gov-header-search [role=status]").text_content()
    assert said.startswith(f"{options.count() - 1} 条建议")  # the last option is the link to 我要办
    page.keyboard.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # round the end of the list
    assert box.get_attribute("aria-activedescendant") == options.nth(options.count() - 2).get_attribute("id")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox", "the focus stays in the box"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and box.input_value() == "营业执照"
    page.keyboard.press("Escape")
    assert box.input_value() == ""
    page.keyboard.type("护照", delay=40)
    page.wait_for_function("document.querySelector('#gov-header-listbox [role=option]')?.textContent.includes('护照')")
    page.keyboard.press("ArrowDown")
    target = page.locator("#" + box.get_attribute("aria-activedescendant")).get_attribute("data-href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.errors == []


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_the_suggestions_open_under_the_box(open_page, site_url, view):
    page = open_page(site_url + PAGES["guide"], view)
    box = page.locator(".gov-header-search input")
    box.focus()
    page.keyboard.type("营业执照", delay=40)
    page.wait_for_function("document.querySelectorAll('#gov-header-listbox [role=option]').length > 1")
    page.keyboard.press("ArrowDown")
    field, panel = box.bounding_box(), page.locator(".gov-header-search__panel").bounding_box()
    first = page.locator("#gov-header-listbox [role=option]").first.bounding_box()
    height = page.viewport_size["height"]
    assert field["y"] + field["height"] <= panel["y"] + 1 and panel["y"] + panel["height"] <= height, (field, panel)
    assert panel["y"] <= first["y"] and first["y"] + first["height"] <= height, "the chosen suggestion is in view"


def test_enter_without_a_choice_opens_the_finder(open_page, site_url):
    page = open_page(site_url + "figures/", "phone")
    page.locator(".gov-header-search input").focus()
    page.keyboard.type("公积金", delay=40)
    page.keyboard.press("Enter")
    page.wait_for_url("**/finder/?q=*")
    assert unquote(page.url).endswith("finder/?q=公积金")


SPOKEN = """selector => { window.said = []; const region = document.querySelector(selector);
  new MutationObserver(() => region.textContent && said.push(region.textContent))
    .observe(region, {childList: true, characterData: true, subtree: true}); }"""


def test_finder_filters_settle_before_they_speak(open_page, site_url):
    """Arrow keys on a filter: the list follows each key, the address keeps one history entry for the
    whole run, and the count is said once, when the choice has settled."""
    page = open_page(site_url + "finder/?q=登记")
    page.wait_for_selector("[data-gov-ready]")
    page.wait_for_timeout(1000)
    page.evaluate(SPOKEN, "[data-gov-finder] [data-gov-announce]")
    before = page.evaluate("history.length")
    page.locator("select[name=dept]").focus()
    for _ in range(4):
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(60)
    page.wait_for_function("window.said.length > 0")
    page.wait_for_timeout(1000)
    assert page.evaluate("history.length") == before + 1
    assert "dept=" in page.url
    said = page.evaluate("window.said")
    assert said == [page.locator("[data-gov-status]").text_content()], said
    page.go_back()
    page.wait_for_function("document.querySelector('select[name=dept]').value === ''")
    assert "dept=" not in page.url


def test_time_table_filters_speak_once(open_page, site_url):
    page = open_page(site_url + "time-limits/", "phone")
    page.evaluate(SPOKEN, "form[data-gov-time-tools] [data-gov-announce]")
    page.locator("select[name=department]").focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.wait_for_function("window.said.length > 0")
    page.wait_for_timeout(1000)
    assert page.evaluate("window.said") == [page.locator("[data-gov-count]").text_content()]


@pytest.mark.parametrize("view", ["phone", "desktop"])
def test_a_term_opens_in_place(open_page, site_url, view):
    page = open_page(site_url + PAGES["guide"], view, has_touch=view == "phone")
    term = page.locator("button.gov-term__word").first
    explanation = page.locator("#" + term.get_attribute("aria-controls"))
    assert term.get_attribute("aria-expanded") == "false" and not explanation.is_visible()
    term.focus()
    page.keyboard.press("Enter")
    assert term.get_attribute("aria-expanded") == "true" and explanation.is_visible()
    page.keyboard.press("Escape")
    assert term.get_attribute("aria-expanded") == "false" and not explanation.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('gov-term__word')")
    page.keyboard.press(" ")
    assert explanation.is_visible()
    if view == "phone":
        other = page.locator("button.gov-term__word").nth(1)
        other.tap()
        assert page.locator("#" + other.get_attribute("aria-controls")).is_visible()


def test_the_menu_opens_with_the_keyboard_on_a_phone(open_page, site_url):
    page = open_page(site_url + PAGES["guide"], "phone")
    menu = page.locator(".md-header label[for='__drawer']")
    assert menu.get_attribute("aria-label") == SCRIPT_WORDS["menu"]
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(400)
    focused = page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert focused and page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    page.wait_for_timeout(400)
    assert not page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()


def test_a_missing_page_helps_in_chinese(open_page, site_url):
    page = open_page(site_url + PAGES["404"], "phone")
    assert page.locator("h1").text_content() == THEME_WORDS["not_found_title"]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("护照")
    page.keyboard.press("Enter")
    page.wait_for_url("**/finder/?q=*")
    page.wait_for_selector("[data-gov-ready]")
    assert "护照" in page.locator(".gov-finder__list").inner_text()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_targets_stay_44_px_with_large_text(open_page, site_url, name):
    page = open_page(site_url + PAGES[name], "phone, 大字号")
    assert page.evaluate(SMALL_TARGETS) == []


@pytest.mark.parametrize("view", ["phone", "phone, 大字号"])
def test_a_phone_shows_the_site_name(open_page, site_url, sample_site, view):
    page = open_page(site_url + PAGES["guide"], view)
    name = sample_site.html("").select_one(".md-header__topic .md-ellipsis").get_text(strip=True)
    title = page.locator(".md-header__topic").first
    assert title.is_visible() and title.inner_text().replace("\n", "") == name
    page.mouse.wheel(0, 1500)  # the theme shows the page's title instead once it scrolls: not on a phone
    page.wait_for_timeout(400)
    box = title.bounding_box()
    assert (
        box["x"] >= 0 and box["x"] + box["width"] <= 390 and title.evaluate("e => getComputedStyle(e).opacity") == "1"
    )


def _text_sizes(pdf: bytes) -> tuple[int, list[float], list[str]]:
    """Pages, the size in points of every piece of text, and each page's text."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5)

    # NFKC: the PDF's text may name a character by its Kangxi radical (⼾ for 户)
    texts = [unicodedata.normalize("NFKC", page.extract_text(visitor_text=visit)) for page in reader.pages]
    return len(reader.pages), sizes, texts


def test_large_print_checklists(open_page, site_url, sample_registry):
    """With 大字号 on, a checklist prints at 14 pt or more; up to eight materials on one A4 page (the longest
    list and the wordiest are tried), a longer list on the next pages under its name and the column headings."""
    fitting = [r for r in sample_registry.published if len(r.item.materials) <= 8]
    wordiest = max(fitting, key=lambda r: sum(len(m.name) + len(m.notes or "") for m in r.item.materials))
    longest = max(fitting, key=lambda r: len(r.item.materials))
    for record in {wordiest.ref: wordiest, longest.ref: longest}.values():
        large = open_page(f"{site_url}items/{record.ref}/checklist/", "phone, 大字号")
        pages, sizes, _ = _text_sizes(large.pdf(format="A4"))
        assert pages == 1, f"{record.ref} ({len(record.item.materials)} materials) printed on {pages} pages"
        assert min(sizes) >= 14 - 0.05, record.ref
        normal = open_page(f"{site_url}items/{record.ref}/checklist/", "desktop")
        sizes = sorted(_text_sizes(normal.pdf(format="A4"))[1])
        assert sizes[len(sizes) // 2] < 14, "without 大字号 the checklist prints as before"
    page = open_page(f"{site_url}items/{longest.ref}/checklist/", "phone, 大字号")
    page.evaluate("""() => { const body = document.querySelector('.gov-checklist__table tbody');
      const rows = [...body.rows]; for (let i = 0; i < 2; i++) rows.forEach(r => body.appendChild(r.cloneNode(true))); }""")
    pages, sizes, texts = _text_sizes(page.pdf(format="A4"))
    assert pages >= 2 and min(sizes) >= 14 - 0.05
    # (the PDF's text names some characters by their radicals, ⼾ for 户: compared by length and ending)
    title = f"{longest.item.name}（{longest.item.sub_name}）" if longest.item.sub_name else longest.item.name
    running = f"{title} · 材料清单"
    continued = [text for text in texts[1:] if "1 份" in text]
    assert continued, "the long list flows on to another page"
    for text in continued:  # such a page starts with the checklist's name, then the headings, then rows
        first = text.lstrip().split("\n", 1)[0]
        assert first.endswith("材料清单") and len(first) == len(running), first
        assert text.index("份数") < text.index("1 份"), text[:80]
