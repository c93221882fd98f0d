"""The built sample site, read with a real HTML parser."""

import json
import re

import pytest
from conftest import run_cli
from qr_decode import decode_svg
from site_build import copy_project, mkdocs_build

from generator.models import Necessity


def test_build_is_strict_and_clean(sample_site):
    assert "WARNING" not in sample_site.output


def test_every_published_item_has_a_guide_and_a_checklist(sample_site, sample_registry):
    published = sample_registry.published
    assert len(published) >= 60
    for record in published:
        guide = sample_site.html(f"items/{record.ref}/")
        assert guide.h1.get_text(strip=True).startswith(record.item.name)
        guide_materials = guide.select("#materials tbody tr")
        assert len(guide_materials) == len(record.item.materials), record.ref
        checklist = sample_site.html(f"items/{record.ref}/checklist/")
        rows = checklist.select(".gov-checklist__table tbody tr")
        assert [row.select("td")[1].get_text(" ", strip=True) for row in rows] == [
            f"{i}. {m.name}" + (f" {m.situation}" if m.situation else "")
            for i, m in enumerate(record.item.materials, start=1)
        ], record.ref
        assert checklist.select_one(".gov-checklist__qr svg") is not None
        assert record.item.code in checklist.get_text()


def test_unpublished_items_have_no_page(sample_site, sample_registry):
    hidden = [r for r in sample_registry.items if not r.item.published]
    assert hidden, "the sample should show that suspended items stay off the site"
    for record in hidden:
        assert not (sample_site.path / "items" / record.ref).exists()


def test_guide_sections_in_reading_order(sample_site):
    guide = sample_site.html("items/scjgj/food-business-license/")
    order = [section["id"] for section in guide.select("section[id]")]
    expected = ["conditions", "materials", "steps", "windows", "fees", "result", "legal-basis", "faq", "contact"]
    assert [s for s in order if s in expected] == expected
    card = guide.select_one(".gov-card").get_text(" ", strip=True)
    for fact in ("承诺时限", "5个工作日", "到现场次数", "零跑腿", "全程网办", "不收费", "承诺件"):
        assert fact in card
    sentence = guide.select_one(".gov-time-sentence").get_text()
    assert sentence == "一般 5 个工作日办好；需要现场核查的，另加不超过 5 个工作日。"
    assert "容缺后补" in guide.select_one("#materials").get_text()
    assert "2026年10月15日" in guide.select_one(".gov-updated").get_text()


def test_guide_shows_the_result_sample_and_how_to_pay(sample_site, sample_registry):
    guide = sample_site.html("items/scjgj/food-business-license/")
    sample = sample_registry.by_ref()["scjgj/food-business-license"].item.result.sample
    assert [a["href"] for a in guide.select("#result a")] == [sample]
    fees = sample_site.html("items/gaj/id-card-application/").select_one("#fees").get_text()
    assert "缴费方式：网上支付、窗口缴费" in fees


def test_guide_has_structured_data(sample_site):
    guide = sample_site.html("items/scjgj/food-business-license/")
    data = json.loads(guide.select_one('script[type="application/ld+json"]').string)
    service = data["mainEntity"]
    assert service["@type"] == "GovernmentService"
    assert service["provider"]["name"] == "示范市市场监督管理局"
    assert data["url"] == "https://zwfw.shifan.gov.example/items/scjgj/food-business-license/"


def test_structured_data_says_what_the_page_says(sample_site, sample_registry):
    """For every guide: the JSON-LD's name, visits, fees and time limit are the words the page shows."""
    for record in sample_registry.published:
        guide = sample_site.html(f"items/{record.ref}/")
        service = json.loads(guide.select_one('script[type="application/ld+json"]').string)["mainEntity"]
        card = {dt.get_text(): dt.find_next_sibling("dd").strong.get_text() for dt in guide.select(".gov-card dt")}
        assert service["name"] == guide.h1.get_text(), record.ref
        windows = [c for c in service["availableChannel"] if "serviceLocation" in c]
        assert windows and all(card["到现场次数"] in channel["name"] for channel in windows), record.ref
        online = [c for c in service["availableChannel"] if "serviceUrl" in c]
        assert all(card["网上办理"] in channel["name"] for channel in online), record.ref
        fee_words = {offer["description"] for offer in service["offers"]}
        if card["收费"] == "不收费":
            assert fee_words == {"不收费"}, record.ref
        else:
            shown = guide.select_one("#fees").get_text()
            assert all(words in shown for words in fee_words), record.ref
        promised = record.item.time_limit.promised
        assert all(channel["processingTime"] == f"P{promised}D" for channel in service["availableChannel"]), record.ref


def test_checklist_qr_points_at_the_guide(sample_site):
    checklist = sample_site.html("items/scjgj/food-business-license/checklist/")
    svg = checklist.select_one(".gov-checklist__qr svg.gov-qr")
    assert svg.title.string == "扫码查看网上办事指南"
    code = decode_svg(str(svg))
    assert code is not None and code.valid
    assert code.text == "https://zwfw.shifan.gov.example/items/scjgj/food-business-license/"
    assert code.ec_level == "M"


def test_checklist_marks_tolerance_and_shared_materials(sample_site, sample_registry):
    record = sample_registry.by_ref()["scjgj/food-business-license"]
    checklist = sample_site.html(f"items/{record.ref}/checklist/")
    rows = checklist.select(".gov-checklist__table tbody tr")
    for material, row in zip(record.item.materials, rows, strict=True):
        notes = row.select("td")[4].get_text()
        assert ("容缺后补" in notes) == (material.necessity is Necessity.TOLERANCE and not material.shared)
        assert ("免提交" in notes) == material.shared


def test_time_limit_table_has_one_row_per_published_item(sample_site, sample_registry):
    table = sample_site.html("time-limits/")
    rows = table.select("table[data-gov-sortable] tbody tr")
    assert sorted(row["data-ref"] for row in rows) == sorted(r.ref for r in sample_registry.published)
    immediate = {r.ref for r in sample_registry.published if r.item.time_limit.promised == 0}
    marked = {row["data-ref"] for row in rows if "即办件" in row.get_text()}
    assert marked == immediate
    assert {row["data-ref"] for row in rows if row["data-handling"] == "即办件"} == immediate
    stats = json.loads(run_cli("stats", "--json").stdout)
    assert f"本表按{stats['as_of']['text']}生成" in table.select_one(".gov-as-of").get_text()
    assert "工作日和自然日不互相换算" in table.get_text()


def test_time_limit_rows_sort_by_unit_first(sample_site, sample_registry):
    """Days are compared within one unit: a cell's group keeps 工作日, 自然日 and no limit apart."""
    items = {r.ref: r.item for r in sample_registry.published}
    for row in sample_site.html("time-limits/").select("table[data-gov-sortable] tbody tr"):
        limit = items[row["data-ref"]].time_limit
        statutory = row.select_one('td[data-label="法定时限"]')
        expected = 2 if limit.statutory is None else (0 if limit.unit == "工作日" else 1)
        assert int(statutory["data-group"]) == expected, row["data-ref"]
        promised = row.select_one('td[data-label="承诺时限"]')
        assert int(promised["data-group"]) == (0 if limit.unit == "工作日" else 1)
        for procedure in items[row["data-ref"]].special_procedures:
            assert f"需要{procedure.name}的" in promised.get_text()


def test_department_time_tables_and_pages(sample_site, sample_registry):
    for department_id in {r.item.department for r in sample_registry.published}:
        rows = sample_site.html(f"time-limits/{department_id}/").select("tbody tr")
        assert len(rows) == sum(1 for r in sample_registry.published if r.item.department == department_id)
        page = sample_site.html(f"departments/{department_id}/")
        assert len(page.select(".gov-item")) == len(rows)


def test_figures_page_equals_stats_json(sample_site):
    output = json.loads(run_cli("stats", "--json").stdout)
    stats = output["figures"]
    page = sample_site.html("figures/")
    shown: dict[str, set[str]] = {}
    for node in page.select("[data-stat]"):
        shown.setdefault(node["data-stat"], set()).add(node["data-value"])
    assert set(shown) == set(stats)
    for key, value in stats.items():
        assert len(shown[key]) == 1, key
        (text,) = shown[key]
        if value is None:
            assert text == ""
        elif isinstance(value, float):
            assert float(text) == pytest.approx(value), key
        else:
            assert int(text) == value, key
    assert output["as_of"]["text"] in page.select_one(".gov-as-of").get_text()
    # every figure with its meaning and its base, worded as stats --json words them
    for name, definition in output["definitions"].items():
        row = page.select_one(f"#figure-{name.replace('_', '-')}")
        cells = [cell.get_text(strip=True) for cell in row.select("th, td")]
        assert cells[0] == definition["label"] and cells[2:] == [definition["means"], definition["basis"]]


def test_every_chart_has_its_numbers_as_a_table(sample_site, sample_registry):
    page = sample_site.html("figures/")
    charts = page.select("svg.gov-chart")
    assert len(charts) == 4  # the months, and three bar charts
    for svg in charts:
        table = svg.find_next("details").table
        assert table.caption.get_text() == svg.title.get_text()
    departments = {r.item.department for r in sample_registry.published}
    time_cut = page.select_one("#time-cut ~ details table")
    assert len(time_cut.select("tbody tr")) == len(departments), "every department, none left out"
    left_out = [row.th.get_text() for row in time_cut.select("tbody tr") if row.td.get_text() == "不适用"]
    note = page.select_one("#time-cut ~ .gov-chart-note").get_text()
    assert all(name in note for name in left_out) and "算不出压减比例" in note
    visits = [row.th.get_text() for row in page.select_one("#visits ~ details table").select("tbody tr")]
    assert visits == ["零跑腿", "跑一次", "跑两次及以上"], "最多跑一次 means at most one visit, both groups"


def test_home_figures_say_what_they_count(sample_site):
    output = json.loads(run_cli("stats", "--json").stdout)
    home = sample_site.html("")
    cards = home.select(".gov-figures > div")
    assert len(cards) == 4
    for card in cards:
        name = card.strong["data-stat"]
        assert card.dt.get_text() == output["definitions"][name]["label"]
        assert card.small.get_text() == output["definitions"][name]["basis"]
    assert output["as_of"]["text"] in home.select_one("#figures ~ .gov-as-of").get_text()


def test_bundle_pages_merge_materials(sample_site, sample_registry):
    for bundle in sample_registry.bundles:
        page = sample_site.html(f"bundles/{bundle.id}/")
        members = [a["href"] for a in page.select("#order .gov-order__items li > a")]
        assert len(members) == len(bundle.items)
        names = [row.select("td")[1].contents[0].strip() for row in page.select("table tbody tr")]
        assert len(names) == len(set(names)), f"{bundle.id}: a material is asked for twice"


def test_bulletin_placeholders_are_resolved(sample_site):
    posts = list((sample_site.path / "bulletins").glob("20*/**/index.html"))
    assert len(posts) >= 3
    stats = json.loads(run_cli("stats", "--json").stdout)["figures"]
    for post in posts:
        text = post.read_text(encoding="utf-8")
        assert "{{" not in text, post
    first = sample_site.html("bulletins/2026/09/18/time-limits-cut/")
    assert f"{stats['time_compression'] * 100:.1f}%" in first.get_text()
    link = first.find("a", string=re.compile("食品经营许可"))
    assert link["href"].endswith("items/scjgj/food-business-license/")


def test_rss_feed(sample_site):
    feed = (sample_site.path / "bulletins" / "rss.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") >= 3
    assert "+0800" in feed and "{{" not in feed


def test_items_are_never_in_the_navigation(sample_site):
    home = sample_site.html("")
    nav_links = [a["href"] for a in home.select("nav.md-nav a, nav.md-tabs a")]
    assert nav_links and not any("items/" in href for href in nav_links)


def test_no_external_resources(sample_site):
    for page in (
        "",
        "items/scjgj/food-business-license/",
        "items/scjgj/food-business-license/checklist/",
        "time-limits/",
    ):
        html = sample_site.html(page)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for node in html.find_all(tag):
                url = node.get(attribute) or ""
                if tag == "link" and node.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not url.startswith(("http:", "https:", "//")), f"{page}: {url}"


def test_finder_data_covers_items_bundles_and_bulletins(sample_site, sample_registry):
    folder = sample_site.path / "finder" / "data"
    table = json.loads((folder / "docs.json").read_text(encoding="utf-8"))
    kinds = [doc["k"] for doc in table["docs"]]
    assert kinds.count("item") == len(sample_registry.published)
    assert kinds.count("bundle") == len(sample_registry.bundles)
    assert kinds.count("bulletin") >= 3
    assert not any("/checklist/" in doc["u"] for doc in table["docs"])
    assert all((folder / f"shard-{n}.json").is_file() for n in range(table["shards"]))
    assert "Apache License" in (folder / "LICENSE-OpenCC.txt").read_text(encoding="utf-8")
    assert not (sample_site.path / "search" / "search_index.json").exists(), "one search only"


def _break_and_build(tmp_path, edit):
    project = copy_project(tmp_path / "project")
    edit(project)
    return mkdocs_build(project, tmp_path / "site")


def test_unknown_placeholder_fails_with_file_and_line(tmp_path):
    def edit(project):
        post = project / "content/bulletins/posts/2026-10-one-trip.md"
        lines = post.read_text(encoding="utf-8").splitlines()
        lines[14] += " {{ stats.happiness }}"
        post.write_text("\n".join(lines) + "\n", encoding="utf-8")

    built = _break_and_build(tmp_path, edit)
    assert built.returncode != 0
    assert "content/bulletins/posts/2026-10-one-trip.md:15:" in built.output
    assert "stats.happiness" in built.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_unknown_item_in_bulletin_fails_with_file_and_line(tmp_path):
    def edit(project):
        post = project / "content/bulletins/posts/2026-11-bundles.md"
        post.write_text(post.read_text(encoding="utf-8") + "\n见 {{ item scjgj/no-such-item }}。\n", encoding="utf-8")

    built = _break_and_build(tmp_path, edit)
    assert built.returncode != 0
    line = (tmp_path / "project/content/bulletins/posts/2026-11-bundles.md").read_text(encoding="utf-8").count("\n")
    assert f"2026-11-bundles.md:{line}:" in built.output and "scjgj/no-such-item" in built.output


def test_item_error_fails_the_build_with_file_and_line(tmp_path):
    def edit(project):
        path = project / "items/scjgj/food-business-license.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("  promised: 5", "  promised: 50"), encoding="utf-8")

    built = _break_and_build(tmp_path, edit)
    assert built.returncode != 0
    assert re.search(
        r"items/scjgj/food-business-license\.yml:\d+:\d+: error \[time-limit\.promised-exceeds-statutory\]",
        built.output,
    )
    assert not (tmp_path / "site" / "index.html").exists()


def test_item_warning_fails_the_strict_build(tmp_path):
    def edit(project):
        path = project / "items/scjgj/food-business-license.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"keywords: \[.*\]", "keywords: []", text), encoding="utf-8")

    built = _break_and_build(tmp_path, edit)
    assert built.returncode != 0
    assert "item.no-keywords" in built.output


def test_open_data_page_links_every_export(sample_site, sample_registry):
    page = sample_site.html("data/")
    links = [a["href"] for a in page.select("table a[download]")]
    assert sorted(links) == sorted(["registry.json", "items.csv", "items.xlsx", "hsds.json", "cpsv-ap.jsonld"])
    for link in links:
        assert (sample_site.path / "data" / link).stat().st_size > 1000
    csv_rows = (sample_site.path / "data/items.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(csv_rows) == len(sample_registry.published) + 1


def test_guides_say_the_time_with_their_special_procedures(sample_site, sample_registry):
    special = [r for r in sample_registry.published if r.item.special_procedures]
    assert special, "the sample should show items whose 特别程序 the limits leave out"
    for record in special:
        sentence = sample_site.html(f"items/{record.ref}/").select_one(".gov-time-sentence").get_text()
        assert sentence.startswith("一般 " if record.item.time_limit.promised else "材料齐全的当场办好"), record.ref
        for procedure in record.item.special_procedures:
            assert f"需要{procedure.name}的，另加不超过 {procedure.time_limit} 个{procedure.unit}" in sentence


def test_a_large_registry_splits_its_time_table(sample_registry, monkeypatch):
    """Above FULL_TABLE_LIMIT the overall page lists departments and links one lean printable table."""
    from bs4 import BeautifulSoup

    import generator.site.pages as pages
    from generator.site.model import build_model
    from generator.site.render import Renderer
    from generator.site.urls import relative

    model = build_model(sample_registry, "https://zwfw.shifan.gov.example/")
    monkeypatch.setattr(pages, "FULL_TABLE_LIMIT", len(model.items) - 1)
    specs = {page.src_uri: page for page in pages.site_pages(model)}
    renderer = Renderer(None, model)
    overview = BeautifulSoup(renderer.render(specs["time-limits/index.md"]), "html.parser")
    assert overview.select("table[data-gov-sortable]") == []
    links = [a["href"] for a in overview.select("tbody th a")]
    assert links == [relative(d.time_limits_url, "time-limits/") for d in model.departments]
    assert overview.find("a", href=relative("time-limits/all/", "time-limits/")) is not None
    printable = BeautifulSoup(renderer.render(specs["time-limits/all/index.md"]), "html.parser")
    assert len(printable.select("table.gov-print-table tbody tr")) == len(model.items)
    assert printable.select("tbody a") == [], "lean: the departments' tables link the guides"
    monkeypatch.setattr(pages, "FULL_TABLE_LIMIT", len(model.items))
    assert "time-limits/all/index.md" not in {page.src_uri for page in pages.site_pages(model)}
