"""A province simulated: three divisions of a synthetic registry built side by side in processes of their
own, each exporting its partition, and the portal over them. The portal finds every item of every
division, ranks exactly as one index over the union would, reports the one planted 八统一 difference
across divisions and nothing else, and leaves out a broken or hostile partition without breaking."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import shutil
from pathlib import Path

import orjson
import pytest
import yaml
from bs4 import BeautifulSoup
from province import DIVISIONS, PORTAL_URL, build_divisions, portal_config, write_project

from generator.checks import check_registry
from generator.cli import main
from generator.finder.index import finder_files, load_indexes, search
from generator.portal.export import _documents
from generator.site.model import build_model

ITEMS = 240  # per division: the brief's 200–400, small enough for a minute on two cores
SHARED = 80  # catalogue items every division implements
SHARDS = 64


def run(*args: str) -> tuple[int, str, str]:
    """The CLI in this process (so the findings it makes are seen by the catalogue's check)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def shared_published_item(registry_dir: Path) -> Path:
    """A shared catalogue item that every division publishes (the same file name in each)."""
    for number in range(SHARED):
        path = next(registry_dir.glob(f"*/item-{number:06d}.yml"))
        if yaml.safe_load(path.read_text(encoding="utf-8"))["status"] == "在用":
            return path
    raise AssertionError("no shared item is published")


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    root = tmp_path_factory.mktemp("province")
    for division in DIVISIONS:
        write_project(division, root, ITEMS, SHARED)
    # The planted difference: the third division changed the form of one shared item.
    planted = shared_published_item(DIVISIONS[2].project(root) / "items")
    data = yaml.safe_load(planted.read_text(encoding="utf-8"))
    forms = (data["forms"][0]["name"], data["forms"][0]["name"] + "（丙县版）")
    data["forms"][0]["name"] = forms[1]
    planted.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = portal_config(root, SHARDS)
    build_divisions(root, config)
    code, out, _ = run("portal", "--config", str(config), "-d", str(root / "public"), "--format", "json")
    findings = json.loads(out)
    return {"root": root, "config": config, "planted": planted, "forms": forms, "code": code, "findings": findings}


def portal_index(public: Path):
    data = public / "finder/data"
    table = json.loads((data / "docs.json").read_text(encoding="utf-8"))
    shards = [json.loads((data / f"shard-{n}.json").read_text(encoding="utf-8")) for n in range(table["shards"])]
    return table, shards


def union_documents(root: Path):
    """Every division's finder documents, made again from its registry, in the portal's order."""
    docs = []
    for division in DIVISIONS:
        registry, report = check_registry(division.project(root) / "items", workers=1)
        assert report.ok
        model = build_model(registry, f"{PORTAL_URL}{division.code}/")
        table = (division.site(root) / "finder/data/docs.json").read_text(encoding="utf-8")
        docs += _documents(model, table)
    return docs


def test_every_item_of_every_division_is_found_through_the_portal(province):
    table, shards = portal_index(province["root"] / "public")
    number_of = {row["u"]: number for number, row in enumerate(table["docs"])}
    found = 0
    for division in DIVISIONS:
        registry, _ = check_registry(division.project(province["root"]) / "items", workers=1)
        for record in registry.published:
            number = number_of[f"{division.code}/items/{record.ref}/"]
            title = table["docs"][number]["t"]
            assert number in [ref for ref, _ in search(table, shards, title)], (division.code, record.ref)
            found += 1
    assert found == sum(1 for row in table["docs"] if row["k"] == "item")
    assert table["shards"] == SHARDS


def test_the_portal_ranks_as_one_index_over_the_union(province):
    table, shards = portal_index(province["root"] / "public")
    union = union_documents(province["root"])
    single = load_indexes(finder_files(union))
    assert len(table["docs"]) == len(union)
    queries = [doc.title for doc in union[::7]] + [
        "食品经营许可",
        "开办企业",
        "营业执照 变更",
        "養老機構",  # traditional characters
        "第1件一件事",
        "办 身份证",
    ]
    for query in queries:
        assert search(table, shards, query) == search(*single, query), query
    assert sum(1 for query in queries if search(table, shards, query)) >= len(queries) - 1


def test_documents_link_into_their_divisions_site(province):
    table, _ = portal_index(province["root"] / "public")
    codes = {division.code for division in DIVISIONS}
    titles = {row["u"]: row["t"] for row in table["docs"] if row["k"] == "item"}
    assert any(row["k"] == "faq" for row in table["docs"])
    for row in table["docs"]:
        assert row["u"].split("/")[0] in codes, row
        if row["k"] == "item":
            assert row["c"] == row["u"] + "checklist/"
        if row["k"] == "faq":  # a question opens on its guide, at its answer
            guide, _, anchor = row["u"].partition("#")
            assert anchor.startswith("faq-") and row["i"] == titles[guide], row
    names = [division.name for division in DIVISIONS]
    assert all(name.split(" · ")[0] in names for name in table["departments"])


def test_the_planted_difference_is_reported_and_nothing_else(province):
    findings, planted = province["findings"], province["planted"]
    ref = f"{planted.parent.name}/{planted.stem}"
    assert province["code"] == 0  # a warning: the portal is published
    assert [f["code"] for f in findings] == ["portal.unified-mismatch"] * 2  # one on each side
    first, third = DIVISIONS[0], DIVISIONS[2]
    for finding in findings:
        assert finding["severity"] == "warning" and finding["field"] == "forms"
        for division in (first, third):
            assert f"{division.name}（{division.code}）" in finding["message"]
        assert "表单内容 (forms)" in finding["message"]
    mine = next(f for f in findings if f"/{third.code}/" in f["path"])
    theirs = next(f for f in findings if f"/{first.code}/" in f["path"])
    assert (
        mine["message"].startswith(f"{third.name}（{third.code}）") and f"{ref}（items/{ref}.yml 第 " in mine["message"]
    )
    assert (
        theirs["message"].startswith(f"{first.name}（{first.code}）")
        and f"与{third.name}（{third.code}）" in theirs["message"]
    )
    old, new = province["forms"]
    assert f"：本文件多出“{new}”；本文件缺少“{old}”。" in mine["message"]
    assert f"：本文件多出“{old}”；本文件缺少“{new}”。" in theirs["message"]
    assert mine["message"].endswith("八统一要求各地一致，请两地核对后统一")


def test_the_check_is_printed_for_people_and_as_json(province, tmp_path):
    out_json = tmp_path / "findings.json"
    args = [
        "portal",
        "--config",
        str(province["config"]),
        "-d",
        str(tmp_path / "p"),
        "--strict",
        "--json",
        str(out_json),
    ]
    code, out, _ = run(*args)
    assert code == 1  # --strict: the warnings are errors
    lines = out.splitlines()
    assert sum(": error [portal.unified-mismatch] " in line for line in lines) == len(province["findings"])
    assert lines[-1].startswith(f"已检查 {len(DIVISIONS)} 个地区的导出和跨地区八统一：")
    written = json.loads(out_json.read_text(encoding="utf-8"))
    assert [{**f, "severity": "warning"} for f in written] == province["findings"]


def test_the_portal_page_lists_the_divisions_and_works_offline(province):
    public = province["root"] / "public"
    soup = BeautifulSoup((public / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [(a.get_text(strip=True), a["href"]) for a in soup.select(".gov-portal__partitions a")]
    assert links == [(division.name, f"{division.code}/") for division in DIVISIONS]
    assert soup.select_one("[data-gov-finder] input[name=q]") is not None
    for element in soup.select("[src], [href]"):
        address = element.get("src") or element.get("href")
        assert not address.startswith(("http:", "https:", "//")), address
        if not address.startswith(("#", "./")) and address.split("/")[0] not in {d.code for d in DIVISIONS}:
            assert (public / address).is_file(), address


# ---- broken and hostile partitions ----


def _rewrite(path: Path, change) -> None:
    """Rewrite a gzipped JSON-lines file of an export: `change(lines)` returns the new lines (bytes)."""
    lines = gzip.decompress(path.read_bytes()).splitlines()
    path.write_bytes(gzip.compress(b"\n".join(change(lines)) + b"\n"))


def _document(field: str, value):
    def change(lines):
        row = orjson.loads(lines[0])
        row[field] = value
        return [orjson.dumps(row), *lines[1:]]

    return change


def _manifest(key: str, value):
    def change(folder: Path) -> None:
        manifest = json.loads((folder / "partition.json").read_text(encoding="utf-8"))
        manifest[key] = value(manifest[key]) if callable(value) else value
        (folder / "partition.json").write_text(json.dumps(manifest), encoding="utf-8")

    return change


def _postings(change):
    return lambda folder: _rewrite(folder / "postings.jsonl.gz", change)


def _first_posting(change):
    """The first line of the postings, as [shard, term, flat], changed into another line."""
    return _postings(lambda lines: [orjson.dumps(change(*orjson.loads(lines[0]))), *lines[1:]])


def _first_summary_unified(key, value):
    def change(lines):
        row = orjson.loads(lines[0])
        row["unified"][key] = value
        return [orjson.dumps(row), *lines[1:]]

    return lambda folder: _rewrite(folder / "summary.jsonl.gz", change)


def _symlink(folder: Path) -> None:
    (folder / "documents.jsonl.gz").unlink()
    (folder / "documents.jsonl.gz").symlink_to("/etc/passwd")


def _fifo(folder: Path) -> None:
    (folder / "summary.jsonl.gz").unlink()
    os.mkfifo(folder / "summary.jsonl.gz")


def _truncate(folder: Path) -> None:
    path = folder / "postings.jsonl.gz"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


BROKEN = {
    "no export at all": ("portal.partition-missing", lambda folder: (folder / "partition.json").unlink()),
    "script address": (
        "portal.partition-invalid",
        lambda folder: _rewrite(folder / "documents.jsonl.gz", _document("url", "javascript:alert(1)/")),
    ),
    "address out of its site": (
        "portal.partition-invalid",
        lambda folder: _rewrite(folder / "documents.jsonl.gz", _document("url", "../../elsewhere/")),
    ),
    "address on another host": (
        "portal.partition-invalid",
        lambda folder: _rewrite(folder / "documents.jsonl.gz", _document("url", "https://evil.example/x/")),
    ),
    "item without facets": (
        "portal.partition-invalid",
        lambda folder: _rewrite(folder / "documents.jsonl.gz", _document("facets", None)),
    ),
    "posting of a document it does not have": (
        "portal.partition-invalid",
        _first_posting(lambda shard, term, flat: [shard, term, [10**6, 0, 1, 1]]),
    ),
    "postings out of order": ("portal.partition-invalid", _postings(lambda lines: [lines[1], lines[0], *lines[2:]])),
    "term in the wrong shard": (
        "portal.partition-invalid",
        _first_posting(lambda shard, term, flat: [(shard + 1) % SHARDS, term, flat]),
    ),
    "weights instead of postings": (
        "portal.partition-invalid",
        _first_posting(lambda shard, term, flat: [shard, term, [0, 12.5]]),
    ),
    "truncated gzip": ("portal.partition-invalid", _truncate),
    "unified field of the wrong type": ("portal.partition-invalid", _first_summary_unified("time_limit", "很快")),
    "nested without end": (
        "portal.partition-invalid",
        lambda folder: _rewrite(folder / "summary.jsonl.gz", lambda lines: [b"[" * 200_000, *lines[1:]]),
    ),
    "line over the limit": (
        "portal.partition-invalid",
        lambda folder: _rewrite(folder / "documents.jsonl.gz", lambda lines: [b" " * 70_000 + lines[0], *lines[1:]]),
    ),
    "link to a file of the machine": ("portal.partition-invalid", _symlink),
    "a pipe": ("portal.partition-invalid", _fifo),
    "counts that the postings do not add up to": (
        "portal.partition-invalid",
        _manifest("lengths", lambda v: [v[0] + 999, *v[1:]]),
    ),
    "more documents than it has": ("portal.partition-invalid", _manifest("documents", lambda v: v + 1)),
    "made for another shard count": ("portal.partition-mismatch", _manifest("shards", SHARDS // 2)),
    "made as another division": ("portal.partition-mismatch", _manifest("code", "510199")),
    "made by another generator": ("portal.partition-mismatch", _manifest("version", 99)),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_partition_is_left_out_with_a_finding(province, tmp_path, case):
    expected, breaks = BROKEN[case]
    root, victim = province["root"], DIVISIONS[1]
    broken = tmp_path / "partition"
    shutil.copytree(victim.site(root) / "partition", broken)
    breaks(broken)
    kept = DIVISIONS[0]
    config = portal_config(root, SHARDS, {victim.code: broken}, into=tmp_path, divisions=(kept, victim))
    code, out, err = run("portal", "--config", str(config), "-d", str(tmp_path / "public"), "--format", "json")
    assert code == 1, err
    findings = json.loads(out)
    rejected = [f for f in findings if f["code"] != "portal.unified-mismatch"]
    assert [f["code"] for f in rejected] == [expected], findings
    assert f"{victim.name}（{victim.code}）的导出不能用" in rejected[0]["message"]
    assert Path(os.path.abspath(rejected[0]["path"])).is_relative_to(broken)
    assert "Traceback" not in err
    # The portal is still published, with the other division.
    table, _ = portal_index(tmp_path / "public")
    assert {row["u"].split("/")[0] for row in table["docs"]} == {kept.code}
    assert rejected == findings
    page = (tmp_path / "public/index.html").read_text(encoding="utf-8")
    assert "暂时不能在这里搜索" in page


# ---- configuration and the partition command ----


@pytest.mark.parametrize(
    ("change", "line_key", "says"),
    [
        (lambda c: c | {"shards": 100}, "shards", "应为 2 的幂"),
        (lambda c: c | {"partitions": [*c["partitions"], dict(c["partitions"][0])]}, "code", "重复"),
        (
            lambda c: c | {"partitions": [c["partitions"][0] | {"url": "https://elsewhere.example/510104/"}]},
            "url",
            "不在同一域名",
        ),
        (lambda c: c | {"shard": 64}, "shard", "是不是想写"),
    ],
)
def test_a_wrong_portal_configuration_says_where_and_writes_nothing(tmp_path, change, line_key, says):
    config = yaml.safe_load(portal_config(tmp_path).read_text(encoding="utf-8"))
    text = yaml.safe_dump(change(config), allow_unicode=True, sort_keys=False)
    (tmp_path / "portal.yml").write_text(text, encoding="utf-8")
    code, out, err = run("portal", "--config", str(tmp_path / "portal.yml"), "-d", str(tmp_path / "public"))
    assert code == 2 and not (tmp_path / "public").exists()
    line = [number for number, row in enumerate(text.splitlines(), 1) if row.lstrip("- ").startswith(line_key + ":")][
        -1
    ]
    wrong = [row for row in out.splitlines() if says in row]
    assert wrong and any(f"portal.yml:{line}:" in row for row in wrong), out
    assert "门户没有生成" in err


def test_the_partition_command_refuses_what_it_cannot_publish_faithfully(province, tmp_path):
    root, division = province["root"], DIVISIONS[0]
    site = tmp_path / "site"
    shutil.copytree(division.site(root), site, symlinks=True)
    shutil.rmtree(site / "partition")
    project = tmp_path / "project"
    shutil.copytree(division.project(root), project, symlinks=True, ignore=shutil.ignore_patterns(".registry-cache"))
    args = ["partition", "-f", str(project / "mkdocs.yml"), "--site", str(site), "--portal", str(province["config"])]

    code, _, err = run(*args, "--code", "999999")
    assert code == 1 and "没有区划代码为 999999 的地区" in err

    other = portal_config(root, SHARDS, into=tmp_path, divisions=(division,))
    other.write_text(
        other.read_text(encoding="utf-8").replace(PORTAL_URL, "https://zwfw.other.example/"), encoding="utf-8"
    )
    code, _, err = run(*args[:-1], str(other), "--code", division.code)
    assert code == 1 and "site_url" in err and "https://zwfw.other.example/510104/" in err

    item = next((project / "items").glob("*/item-000150.yml"))
    item.write_text(item.read_text(encoding="utf-8").replace("summary: ", "summary: 已更新。", 1), encoding="utf-8")
    code, _, err = run(*args, "--code", division.code)
    assert code == 1 and "不是用这个登记册生成的" in err
    assert not (site / "partition").exists()


def test_the_portal_finds_and_links_in_a_browser(province, browser, tmp_path):
    from site_build import serve

    served = tmp_path / "served"
    shutil.copytree(province["root"] / "public", served)
    for division in DIVISIONS:  # as the portal job assembles one deployment from the artifacts
        (served / division.code).symlink_to(division.site(province["root"]), target_is_directory=True)
    server = serve(served)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server.base)
        page.wait_for_function("document.querySelectorAll('select[name=dept] option').length > 1", timeout=15000)
        departments = page.locator("select[name=dept] option").all_text_contents()[1:]
        assert {name.split(" · ")[0] for name in departments} == {division.name for division in DIVISIONS}
        page.locator("#gov-finder-q").fill("食品经营许可")
        page.wait_for_selector("[data-gov-ready] .gov-finder__list .gov-item__title", timeout=15000)
        hrefs = [a.get_attribute("href") for a in page.locator(".gov-finder__list .gov-item__title").all()]
        assert {href.removeprefix(server.base).split("/")[0] for href in hrefs} == {d.code for d in DIVISIONS}
        title = page.locator(".gov-finder__list .gov-item__title").first.text_content()
        response = page.goto(hrefs[0])
        assert response is not None and response.ok
        assert title in page.title()
        assert all(url.startswith(server.base) for url in requests), [
            u for u in requests if not u.startswith(server.base)
        ]
    finally:
        context.close()
        server.stop()


def test_a_portal_without_any_export_is_still_a_page_that_escapes_names(tmp_path):
    config = yaml.safe_load(portal_config(tmp_path).read_text(encoding="utf-8"))
    config["partitions"][0]["name"] = "<script>alert(1)</script>甲区"
    (tmp_path / "portal.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    code, out, _ = run("portal", "--config", str(tmp_path / "portal.yml"), "-d", str(tmp_path / "public"))
    assert code == 1
    assert sum("[portal.partition-missing]" in line for line in out.splitlines()) == len(DIVISIONS)
    page = (tmp_path / "public/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;甲区" in page
    assert page.count("暂时不能在这里搜索") == len(DIVISIONS)
    table, shards = portal_index(tmp_path / "public")
    assert table["docs"] == [] and search(table, shards, "营业执照") == []


def test_synth_makes_divisions_that_share_the_catalogue(tmp_path):
    codes = {}
    for division in (1, 2):
        out = tmp_path / str(division)
        assert run("synth", "--items", "30", "--division", str(division), "--shared", "10", "--out", str(out))[0] == 0
        registry, report = check_registry(out, workers=1)
        assert report.ok
        codes[division] = {record.slug: record.catalog_code for record in registry.items}
        assert {record.department_id for record in registry.items} <= {f"dept{division}{n:02d}" for n in range(1, 11)}
    shared = {slug for slug in codes[1] if codes[1][slug] == codes[2][slug]}
    assert shared == {f"item-{number:06d}" for number in range(10)}
