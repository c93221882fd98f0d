"""What the built site says about cases, 一件事 and paths, read with a real HTML parser: no material loses its
适用情形 or notes anywhere, every 一件事 is a full guide, figure cards only where they are true."""

import json

from qr_decode import decode_svg

from generator import wording
from generator.exports.cpsv import material_description
from generator.exports.hsds import required_document
from generator.models import Material
from generator.site.model import build_model


def text_of(node) -> str:
    return node.get_text(" ", strip=True)


def test_every_condition_and_note_is_on_the_guide_and_the_checklist(sample_site, sample_registry):
    for record in sample_registry.published:
        item = record.item
        guide_rows = sample_site.html(f"items/{record.ref}/").select("#materials tbody tr")
        checklist_rows = sample_site.html(f"items/{record.ref}/checklist/").select(".gov-checklist__table tbody tr")
        for material, guide_row, checklist_row in zip(item.materials, guide_rows, checklist_rows, strict=True):
            condition = wording.material_condition(material.situation, material.when)
            assert json.loads(guide_row["data-when"]) == ([dict(material.when)] if material.when else []), record.ref
            assert json.loads(checklist_row["data-when"]) == json.loads(guide_row["data-when"])
            if condition:
                assert condition in text_of(guide_row) and condition in text_of(checklist_row), (
                    record.ref,
                    material.name,
                )
            if material.notes:
                assert material.notes in text_of(guide_row), (record.ref, material.name)
                assert material.shared or material.notes in text_of(checklist_row), (record.ref, material.name)


def test_the_guide_asks_its_questions_and_steps_and_fees_say_their_case(sample_site, sample_registry):
    record = sample_registry.by_ref()["gaj/id-card-renewal"]
    guide = sample_site.html(f"items/{record.ref}/")
    form = guide.select_one("form[data-gov-situations]")
    assert form.has_attr("hidden")  # shown by the script; without it, everything is listed with its condition
    legends = [text_of(legend) for legend in form.select("legend")]
    assert legends == [question.question for question in record.item.situations]
    radios = form.select("input[type=radio]")
    assert all(radio.find_parent("label") for radio in radios)  # each choice is labelled
    fees = guide.select("#fees li")
    assert [json.loads(fee["data-when"]) for fee in fees] == [[dict(fee.when)] for fee in record.item.fees]
    assert all("适用情形" in text_of(fee) for fee in fees)


def test_every_bundle_is_a_full_guide(sample_site, sample_registry):
    for bundle in sample_registry.bundles:
        page = sample_site.html(f"bundles/{bundle.id}/")
        channel = text_of(page.select_one("#channel"))
        assert bundle.channel.place in channel and bundle.channel.phone in channel
        assert page.select_one(f'a[href="{bundle.channel.url}"]') is not None
        card = text_of(page.select_one(".gov-card"))
        assert wording.visits_text(bundle.visits) in card
        order = text_of(page.select_one("#order"))
        assert order.startswith("办理顺序") and "先办" in order
        for step in bundle.steps:
            assert step.name in order and step.action in order
        assert page.select_one('a[href="checklist/"]') is not None
        checklist = sample_site.html(f"bundles/{bundle.id}/checklist/")
        code = decode_svg(str(checklist.select_one(".gov-checklist__qr svg")))
        assert code is not None and code.text == f"https://zwfw.shifan.gov.example/bundles/{bundle.id}/"


def test_a_merged_list_keeps_every_condition_and_note_of_every_member(sample_site, sample_registry):
    model = build_model(sample_registry, "https://zwfw.shifan.gov.example/")
    for view in model.bundles:
        rows = sample_site.html(view.url).select("#materials tbody tr")
        names = [text_of(row.select("td")[1]) for row in rows]
        assert len(rows) == len(view.merged_materials)
        for entry, row in zip(view.merged_materials, rows, strict=True):
            assert names.count(text_of(row.select("td")[1])) == 1  # asked for once
            cell = text_of(row)
            for member, material in entry.uses:
                assert entry.joint_form or member.item.name in cell
                if condition := wording.material_condition(material.situation, material.when):
                    assert condition in cell, (view.url, entry.name)
                if material.notes and not entry.joint_form:
                    assert material.notes in cell, (view.url, entry.name)
            flags = text_of(row.select("td")[1])
            assert ("免提交" in flags) == entry.shared


def test_the_newborn_list_no_longer_tells_everyone_to_bring_a_dna_test(sample_site):
    rows = sample_site.html("bundles/newborn/").select("#materials tbody tr")
    dna = next(row for row in rows if "亲子鉴定证明" in text_of(row))
    assert "在医疗机构外出生的" in text_of(dna)
    assert json.loads(dna["data-when"]) == [{"出生地点": ["医院外"]}]
    retirement = sample_site.html("bundles/retirement/").select("#materials tbody tr")
    for name in ("职工人事档案", "弹性退休申请书"):
        row = next(row for row in retirement if name in text_of(row))
        assert "适用情形" in text_of(row) and json.loads(row["data-when"]) != []


def test_figure_cards_only_where_they_are_true(sample_site, sample_registry):
    model = build_model(sample_registry, "https://zwfw.shifan.gov.example/")
    for view in model.bundles:
        page = sample_site.html(view.url)
        gains = page.select(".gov-gains > div")
        assert len(gains) == len(view.gains), view.url
        for card in gains:
            assert text_of(card.dd.strong).startswith("少")  # a gain is shown as a gain
        if not view.gains:
            assert page.select_one("#gains") is None
    retirement = text_of(sample_site.html("bundles/retirement/").select_one(".gov-gains"))
    assert "少等 5 个工作日" in retirement and "分别办理合计 10 个工作日" in retirement


def test_paths_lead_step_by_step_and_each_guide_says_its_step(sample_site, sample_registry):
    for path in sample_registry.paths:
        page = sample_site.html(f"paths/{path.id}/")
        steps = page.select("ol.gov-path > li")
        assert [text_of(step.h2) for step in steps] == [f"第 {n} 步 {s.name}" for n, s in enumerate(path.steps, 1)]
        for number, step in enumerate(path.steps, start=1):
            for ref in step.items:
                guide = sample_site.html(f"items/{ref}/")
                note = text_of(guide.select_one(".gov-path-note"))
                assert wording.path_step_text(path.name, number, len(path.steps)) in note
            for bundle_id in step.bundles:
                assert sample_site.html(f"bundles/{bundle_id}/").select_one(".gov-path-note") is not None
    restaurant = sample_site.html("items/scjgj/food-business-license/")
    assert "这是『开饭店』的第 2 步" in text_of(restaurant.select_one(".gov-path-note"))
    assert "上一步：领营业执照" in text_of(restaurant.select_one(".gov-path-note"))


def test_the_same_item_at_two_levels_says_which_area_each_serves(sample_site):
    city = text_of(sample_site.html("items/scjgj/food-business-license/").select_one(".gov-area-note"))
    district = text_of(sample_site.html("items/dongqu-scjgj/food-business-license/").select_one(".gov-area-note"))
    assert "服务区域：全市" in city and "东区市场监管局 （服务区域：东区）" in city
    assert "服务区域：东区" in district and "（服务区域：全市）" in district
    table = json.loads((sample_site.path / "finder/data/docs.json").read_text(encoding="utf-8"))
    areas = {doc["u"]: doc.get("r") for doc in table["docs"] if doc["k"] == "item"}
    assert areas["items/dongqu-scjgj/food-business-license/"] == "服务区域：东区"
    assert areas["items/scjgj/food-business-license/"] == "服务区域：全市"
    assert areas["items/gaj/passport-application/"] is None  # one implementer: nothing to tell apart


def test_faq_questions_have_anchors_the_finder_links(sample_site, sample_registry):
    table = json.loads((sample_site.path / "finder/data/docs.json").read_text(encoding="utf-8"))
    faqs = [doc for doc in table["docs"] if doc["k"] == "faq"]
    assert len(faqs) == sum(len(r.item.faq) for r in sample_registry.published)
    for doc in faqs[:10]:
        url, anchor = doc["u"].split("#")
        details = sample_site.html(url).select_one(f"details#{anchor}")
        assert details is not None and text_of(details.summary) == doc["t"]


def test_open_data_keeps_a_condition_given_only_as_a_case():
    material = Material(
        name="委托书",
        kind="其他",
        form="纸质",
        original="原件",
        necessity="必要",
        source="申请人自备",
        when={"委托办理": ["委托他人办理"]},
    )
    assert "适用情形：委托办理为委托他人办理" in material_description(material)
    assert "适用情形：委托办理为委托他人办理" in required_document(material, "s", "k")["document"]
