"""A Chinese government site's conventions on the built sample site: the footer's identity block from
mkdocs.yml (and its mistakes reported at their line), 纠错 on every guide, 在线预约 / 办件进度查询 / 好差评
where they are set, breadcrumbs, the skip link, terms of art explained in place and on 名词解释, the site
map and the 404 page in Chinese."""

from __future__ import annotations

import re
import shutil
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import ITEM_TEXT, ROOT, edit, line_of, run_cli
from site_build import linked_project, mkdocs_build

from generator.engines.project import ProjectConfig
from generator.models import Necessity, ServiceLinks
from generator.models.identity import SiteIdentity
from generator.site.identity import correction_link
from generator.views import ItemView
from generator.wording import SERVICE_LINKS, TERMS, THEME_WORDS

CONFIG = ROOT / "mkdocs.yml"


@pytest.fixture(scope="module")
def identity():
    identity = ProjectConfig.load(CONFIG).identity
    assert identity is not None, "the sample's mkdocs.yml sets extra.gov"
    return identity


def test_every_page_has_the_identity_block(sample_site, identity):
    for url in (
        "",
        "items/scjgj/food-business-license/",
        "items/scjgj/food-business-license/checklist/",
        "bulletins/",
        "glossary/",
        "404.html",
    ):
        footer = sample_site.html(url).select_one("footer .gov-identity")
        text = footer.get_text(" ", strip=True)
        assert f"{THEME_WORDS['sponsor']}：{identity.sponsor}" in text, url
        assert f"{THEME_WORDS['organiser']}：{identity.organiser}" in text, url
        assert f"{THEME_WORDS['site_code']}：{identity.site_code}" in text, url
        links = {a.get_text(strip=True): urljoin(f"https://site.example/{url}", a["href"]) for a in footer.select("a")}
        assert links[identity.icp] == identity.icp_url, url
        digits = re.search(r"\d{14}", identity.police_record).group()
        assert links[identity.police_record].startswith("https://beian.mps.gov.cn/")
        assert links[identity.police_record].endswith(f"code={digits}"), url
        assert links[THEME_WORDS["contact"]] == f"https://site.example/{identity.contact}", url
        assert links[THEME_WORDS["site_map"]] == "https://site.example/site-map/", url
        assert links[THEME_WORDS["glossary"]] == "https://site.example/glossary/", url
    assert (sample_site.path / identity.contact / "index.html").is_file()
    assert "Made with" not in sample_site.html("").get_text()


def _project_with(tmp_path, gov: dict | str):
    """The sample's mkdocs.yml with another extra.gov (nothing else: the build stops before the registry)."""
    text = CONFIG.read_text(encoding="utf-8")
    block = gov if isinstance(gov, str) else yaml.safe_dump({"gov": gov}, allow_unicode=True)
    start = text.index("  gov:\n")
    end = text.index("\nextra_css:")
    indented = "".join(f"  {line}\n" for line in block.splitlines())
    config = tmp_path / "mkdocs.yml"
    config.write_text(text[:start] + indented + text[end:], encoding="utf-8")
    for name in ("content", "overrides", "items"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    return config


GOOD = {"sponsor": "示范市人民政府办公室", "feedback": "https://zwfw.shifan.gov.example/jiucuo"}


@pytest.mark.parametrize(
    ("gov", "line_of_key", "says"),
    [
        ({**GOOD, "sponser": "示范市"}, "sponser", ("未知字段 sponser", "主办单位 (extra.gov.sponsor)")),
        ({**GOOD, "feedback": "javascript:alert(1)"}, "feedback", ("纠错地址 (extra.gov.feedback)", "mailto:")),
        ({**GOOD, "icp_url": "ftp://beian.example/"}, "icp_url", ("ICP 备案查询地址 (extra.gov.icp_url)", "https://")),
        ({**GOOD, "contact": "../../etc/"}, "contact", ("联系我们 (extra.gov.contact)", "contact/")),
        ({"feedback": "mailto:jiucuo@shifan.gov.example"}, "gov", ("缺少必填字段 主办单位 (extra.gov.sponsor)",)),
    ],
)
def test_a_mistake_in_the_identity_stops_the_build_at_its_line(tmp_path, gov, line_of_key, says):
    config = _project_with(tmp_path, gov)
    result = run_cli("build", "-f", str(config), "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = line_of(config.read_text(encoding="utf-8"), f"  {line_of_key}:")
    assert f"mkdocs.yml:{line}:" in result.stderr, result.stderr
    assert all(words in result.stderr for words in says), result.stderr
    assert not (tmp_path / "site").exists()


def test_the_plugin_stops_on_the_same_mistake(tmp_path):
    config = _project_with(tmp_path, {**GOOD, "site_code": "12345"})
    result = mkdocs_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    line = line_of(config.read_text(encoding="utf-8"), "  site_code:")
    assert f"mkdocs.yml:{line}:" in result.output and "网站标识码 (extra.gov.site_code)" in result.output
    assert not (tmp_path / "site").exists()


def test_every_guide_has_a_correction_link_with_its_code(sample_site, sample_registry, identity):
    mailbox = identity.feedback.removeprefix("mailto:")
    for record in sample_registry.published:
        guide = sample_site.html(f"items/{record.ref}/")
        links = [a for a in guide.select(".gov-feedback a") if a.get_text(strip=True) == "纠错"]
        assert len(links) == 1, record.ref
        address = urlsplit(links[0]["href"])
        assert address.scheme == "mailto" and address.path == mailbox
        subject = parse_qs(address.query)["subject"][0]
        assert record.item.code in subject and record.item.name in subject, record.ref
        assert f"items/{record.ref}/" in unquote(parse_qs(address.query)["body"][0])


def test_a_correction_address_gets_the_code_in_its_query(sample_registry):
    record = sample_registry.by_ref()["scjgj/food-business-license"]
    view = ItemView(record, sample_registry.departments[record.item.department])
    page = "https://zwfw.shifan.gov.example/items/scjgj/food-business-license/"
    to_form = SiteIdentity(sponsor="示范市", site_code="0000000001", feedback="https://jiucuo.example/form?from=zwfw")
    query = parse_qs(urlsplit(correction_link(to_form, view.title, record.item.code, page)).query)
    assert query == {"from": ["zwfw"], "code": [record.item.code], "url": [page], "site_code": ["0000000001"]}
    assert correction_link(SiteIdentity(sponsor="示范市"), view.title, record.item.code, page) is None
    assert correction_link(None, view.title, record.item.code, page) is None


def test_online_services_show_where_they_are_set(sample_site, sample_registry):
    """在线预约, 办件进度查询 and 好差评: an item's own link, else its department's, else nothing."""
    shown = {"booking": 0, "progress": 0, "rating": 0}
    for record in sample_registry.published:
        department = sample_registry.departments[record.item.department]
        expected = (record.item.links or ServiceLinks()).over(department.links)
        guide = sample_site.html(f"items/{record.ref}/")
        links = {a.get_text(strip=True): a["href"] for a in guide.select(".gov-actions a, .gov-feedback a")}
        for key, label in SERVICE_LINKS.items():
            assert links.get(label) == getattr(expected, key), (record.ref, key)
            shown[key] += getattr(expected, key) is not None
    assert all(shown.values()), "the sample shows every kind of link somewhere"
    assert any(r.item.links for r in sample_registry.published), "and an item's own link over its department's"
    department = sample_site.html("departments/scjgj/")
    own = sample_registry.departments["scjgj"].links
    assert {a["href"] for a in department.select(".gov-actions a")} == {own.booking, own.progress, own.rating}


def test_breadcrumbs_say_where_a_page_is(sample_site, sample_registry):
    def trail(page):
        crumbs = page.select_one("nav.gov-breadcrumbs")
        assert crumbs["aria-label"] == "您的位置"
        assert crumbs.select("li")[-1].select_one("[aria-current=page]") is not None
        return [li.get_text(strip=True) for li in crumbs.select("li")]

    for record in sample_registry.published[:20]:
        department = sample_registry.departments[record.item.department].name
        title = f"{record.item.name}（{record.item.sub_name}）" if record.item.sub_name else record.item.name
        assert trail(sample_site.html(f"items/{record.ref}/")) == ["首页", department, title]
        assert trail(sample_site.html(f"items/{record.ref}/checklist/")) == ["首页", department, title, "材料清单"]
    for bundle in sample_registry.bundles:
        assert trail(sample_site.html(f"bundles/{bundle.id}/")) == ["首页", "一件事一次办", bundle.name]
        checklist = trail(sample_site.html(f"bundles/{bundle.id}/checklist/"))
        assert checklist == ["首页", "一件事一次办", bundle.name, "合并材料清单"]


def test_every_page_skips_to_its_content(sample_site):
    pages = list(sample_site.path.rglob("*.html"))
    assert len(pages) > 200
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "md-header" not in html:
            continue  # a redirect or a bare file, not a page of the theme
        assert html.count('<a href="#gov-main" class="md-skip gov-skip">') == 1, path
        assert html.count('id="gov-main"') == 1, path
        assert f">{THEME_WORDS['skip']}<" in html, path


def _explained(page) -> list[str]:
    return [span.find_previous_sibling(True).get_text(strip=True) for span in page.select(".gov-term__text")]


def test_terms_are_explained_where_a_guide_first_names_them(sample_site, sample_registry):
    for record in sample_registry.published:
        item = record.item
        guide = sample_site.html(f"items/{record.ref}/")
        explained = _explained(guide)
        assert len(explained) == len(set(explained)), record.ref  # once a page
        expected = {"承诺时限", "法定时限", "通办范围", "实施编码", str(item.handling)}
        expected |= {"告知承诺制"} if item.commitment else set()
        expected |= {"特别程序"} if item.special_procedures else set()
        expected |= {"免提交"} if any(m.shared for m in item.materials) else set()
        expected |= {"容缺后补"} if any(m.necessity is Necessity.TOLERANCE for m in item.materials) else set()
        assert expected <= set(explained), (record.ref, expected - set(explained))
        first = guide.select_one(".gov-term")
        assert first.select_one(".gov-term__word").get_text(strip=True) == "承诺时限"
        for term in guide.select(".gov-term"):
            word = term.select_one(".gov-term__word")
            key = term.select_one(".gov-term__text")["id"].removeprefix("gov-term-")
            entry = next(entry for entry in TERMS.values() if entry.key == key)
            assert entry.word.startswith(word.get_text(strip=True))  # 即办 for 即办件 on a badge
            assert word["href"].endswith(f"glossary/#{entry.key}")
            assert term.select_one(".gov-term__text").get_text().startswith(entry.means)


def test_checklists_and_time_tables_explain_their_terms(sample_site):
    checklist = _explained(sample_site.html("items/scjgj/food-business-license/checklist/"))
    assert {"实施编码", "承诺时限", "零跑腿", "免提交", "容缺后补"} <= set(checklist)
    table = _explained(sample_site.html("time-limits/"))
    assert {"法定时限", "承诺时限", "即办件", "承诺件", "压减", "工作日", "特别程序"} <= set(table)


def test_bundles_and_figures_explain_their_terms(sample_site, sample_registry):
    def keys(page):
        return [term.select_one(".gov-term__text")["id"].removeprefix("gov-term-") for term in page.select(".gov-term")]

    bundle_key = TERMS["一件事一次办"].key
    for url in ("", "bundles/", *(f"bundles/{bundle.id}/" for bundle in sample_registry.bundles)):
        assert keys(sample_site.html(url)).count(bundle_key) == 1, url
    figures = sample_site.html("figures/")
    explained = keys(figures)
    for term in figures.select(".gov-term__text"):
        term.decompose()
    named = {entry.key for entry in TERMS.values() if entry.word in figures.select_one("article").get_text()}
    assert named and sorted(explained) == sorted(named), "every term the figures page names, explained once"


def test_the_glossary_explains_every_term(sample_site):
    glossary = sample_site.html("glossary/")
    entries = {
        div["id"]: (div.dt.get_text(strip=True), div.dd.get_text(strip=True))
        for div in glossary.select(".gov-glossary > div")
    }
    assert entries == {term.key: (term.word, term.means) for term in TERMS.values()}


def test_the_site_map_leads_everywhere(sample_site, sample_registry):
    site_map = sample_site.html("site-map/")
    hrefs = {a["href"] for a in site_map.select("article a[href]")}
    for department in sample_registry.departments.values():
        if any(r.item.department == department.id for r in sample_registry.published):
            assert f"../departments/{department.id}/" in hrefs
    for bundle in sample_registry.bundles:
        assert f"../bundles/{bundle.id}/" in hrefs
    for section in ("finder/", "time-limits/", "figures/", "glossary/", "bulletins/", "contact/", "data/"):
        assert f"../{section}" in hrefs, section


def test_the_404_page_is_in_chinese_with_a_search_box(sample_site):
    page = sample_site.html("404.html")
    assert page.h1.get_text(strip=True) == THEME_WORDS["not_found_title"]
    form = page.select_one("article form[role=search]")
    assert form["action"].endswith("/finder/") and form.select_one("input[name=q]") is not None
    assert form.select_one("label").get_text(strip=True) == THEME_WORDS["search_label"]
    assert "Not found" not in page.get_text()


def test_charts_tell_a_screen_reader_their_numbers(sample_site):
    figures = sample_site.html("figures/")
    charts = figures.select("svg[role=img]")
    assert len(charts) == 4
    for chart in charts:
        title, said = chart["aria-labelledby"].split()
        assert figures.find(id=title).name == "title" and figures.find(id=said).name == "desc"
        words = figures.find(id=said).get_text()
        table = chart.find_next("details", class_="gov-chart-data")
        for row in table.select("tbody tr")[:6]:
            assert row.th.get_text(strip=True) in words, row.th.get_text()


def test_identity_is_optional(tmp_path):
    shutil.copy(CONFIG, tmp_path / "mkdocs.yml")
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = text.index("  # The site's identity"), text.index("\nextra_css:")
    (tmp_path / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    project = ProjectConfig.load(tmp_path / "mkdocs.yml")
    assert project.identity is None
    assert set(project.theme_extra["gov_theme"]) == {"words", "script_words", "root"}


def test_the_plugin_path_shows_the_same_identity(tmp_path, built_sites):
    """`mkdocs build` with the plugin (no engine of ours around it): the same footer, skip link, 404 page and
    纠错 links as `python -m generator build`."""
    plugin = mkdocs_build(linked_project(tmp_path / "project"), tmp_path / "site")
    assert plugin.returncode == 0, plugin.output[-3000:]
    command = built_sites("properdocs")
    for url in ("", "items/scjgj/food-business-license/", "glossary/", "site-map/", "404.html"):
        ours, theirs = plugin.html(url), command.html(url)
        assert str(ours.select_one("footer .gov-identity")) == str(theirs.select_one("footer .gov-identity")), url
        assert ours.select_one("a.gov-skip")["href"] == "#gov-main" and ours.select_one("#gov-main") is not None, url
        assert ours.select(".gov-feedback a") == theirs.select(".gov-feedback a"), url
    assert plugin.html("404.html").select_one("form[role=search] input[name=q]") is not None
    assert "Made with" not in plugin.html("").get_text()


def test_online_service_links_are_checked_like_other_links(registry):
    """在线预约 / 办件进度查询 / 好差评 on an item and on a department: http(s) only, at the line written."""
    text = edit(
        ITEM_TEXT,
        "cross_region:",
        "links:\n  booking: https://zwfw.example/booking\n  rating: javascript:alert(1)\ncross_region:",
    )
    registry.item(text)
    departments = (registry.root / "departments.yml").read_text(encoding="utf-8")
    departments = edit(
        departments,
        '    maintainers: ["@test/alpha"]',
        '    links: {progress: "ftp://progress.example/"}\n    maintainers: ["@test/alpha"]',
    )
    registry.write("departments.yml", departments)
    assert sorted(registry.flat()) == [
        ("alpha/sample.yml", line_of(text, "javascript:"), "link.scheme"),
        ("departments.yml", line_of(departments, "ftp://"), "link.scheme"),
    ]
    messages = [finding.message for finding in registry.check().findings]
    assert any("好差评 (links.rating)" in message for message in messages), messages
