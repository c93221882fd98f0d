"""Hostile input, one class at a time: the site publishes exactly what the registry says, never
script, never a file outside the site folder, never a damaged cache, never half a site."""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ITEM_TEXT, ROOT, edit, line_of, run_cli
from site_build import copy_project, mkdocs_build

from generator.checks import check_registry
from generator.files import within
from generator.text import json_for_script, path_segment, web_link

GUIDE = "items/scjgj/food-business-license.yml"
DEPARTMENTS = "items/departments.yml"
RULES_OFF = """rules:
  text.markup: {severity: "off", reason: 测试输出端转义，不靠输入检查}
  text.control: {severity: "off", reason: 测试输出端转义，不靠输入检查}
  topics.name: {severity: "off", reason: 测试地址只能由安全的名称生成}
  unified.mismatch: {severity: "off", reason: 测试只改了一个实施主体的事项}
"""


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(edit(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")


def hostile_project(tmp_path: Path) -> Path:
    """The sample with its input rules for markup and control characters turned off: whatever gets
    through must still come out as text."""
    project = copy_project(tmp_path / "project")
    (project / "registry.yml").write_text(RULES_OFF, encoding="utf-8")
    return project


def build(project: Path, site: Path):
    return mkdocs_build(project, site)


def site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# 1. Registry text used as a path ---------------------------------------------------------------


@pytest.mark.parametrize("topic", ["../../../x", "..", "../finder", "javascript:alert(1),/a", "a\nb", "a/b", ".hidden"])
def test_a_topic_that_cannot_be_an_address_is_refused(registry, topic):
    text = edit(ITEM_TEXT, "topics: [开办企业]", f"topics: [开办企业, {json.dumps(topic)}]")
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "topics:"), "topics.name")]
    assert path_segment(topic) is None


def test_no_page_is_written_outside_the_site_even_with_the_rule_off(tmp_path):
    project = hostile_project(tmp_path)
    replace_in(project / GUIDE, "topics: [", 'topics: ["../../../escaped", "..", "../finder", ')
    built = build(project, tmp_path / "out" / "site")
    assert built.returncode == 0, built.output[-3000:]
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "out" / "escaped").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".site.lock", "site"]
    finder = built.html("finder/")
    assert finder.select_one("[data-gov-finder]") is not None, "the finder page is the finder's"
    with pytest.raises(ValueError):
        within(tmp_path / "out" / "site", "../../x")


# 2 and 3. Text in the theme's head and in the shells' markers ------------------------------------


def test_names_in_titles_and_descriptions_are_escaped(tmp_path):
    project = hostile_project(tmp_path)
    replace_in(project / DEPARTMENTS, "name: 示范市市场监督管理局", 'name: "监管局</title><svg/onload=alert(1)><!--"')
    replace_in(project / GUIDE, "name: 食品经营许可", "name: '许可\" onmouseover=\"alert(1)'")
    replace_in(project / GUIDE, "summary: ", "summary: <!--GOV-TITLE--> @@GOV-JSONLD@@ <img/src=x onerror=alert(1)> ")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    for url in (
        "departments/scjgj/",
        "time-limits/scjgj/",
        "items/scjgj/food-business-license/",
        "items/scjgj/food-business-license/checklist/",
    ):
        page = built.html(url)
        assert page.find("svg", onload=True) is None and page.find(onmouseover=True) is None, url
        assert not [img for img in page.find_all("img") if img.get("onerror")], url
        assert len(page.head.find_all("title")) == 1 and page.title.get_text().endswith(
            " - 示范市政务服务网 · 办事指南"
        ), url
        assert page.select_one("article .gov-page, article h1") is not None, url
    department = built.html("departments/scjgj/")
    assert department.title.get_text() == "监管局</title><svg/onload=alert(1)><!-- - 示范市政务服务网 · 办事指南"
    guide = built.html("items/scjgj/food-business-license/")
    assert guide.h1.get_text().startswith('许可" onmouseover="alert(1)')
    lead = guide.select_one(".gov-lead").get_text()
    assert "<!--GOV-TITLE--> @@GOV-JSONLD@@ <img/src=x onerror=alert(1)>" in lead
    assert guide.select_one('meta[name="description"]')["content"].startswith("<!--GOV-TITLE-->")
    assert len(guide.select('script[type="application/ld+json"]')) == 1


# 4. JSON-LD that would break out of its script ---------------------------------------------------


def test_structured_data_cannot_end_its_script():
    text = json_for_script({"name": "</script><!--<script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><!--<script>alert(1)</script>&"


def test_a_department_name_that_opens_a_comment_blanks_no_guide(tmp_path):
    project = hostile_project(tmp_path)
    replace_in(project / DEPARTMENTS, "name: 示范市市场监督管理局", 'name: "市场监管局<!--<script>"')
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    guide = built.html("items/scjgj/food-business-license/")
    data = json.loads(guide.select_one('script[type="application/ld+json"]').string)
    assert data["mainEntity"]["provider"]["name"] == "市场监管局<!--<script>"
    assert guide.select_one("#contact") is not None and guide.select_one(".md-footer-meta") is not None


# 5. Bulletins ---------------------------------------------------------------------------------------


def test_item_names_in_bulletins_are_links_with_text(tmp_path):
    project = hostile_project(tmp_path)
    replace_in(
        project / "items/scjgj/company-registration.yml",
        "name: 企业设立登记",
        "name: '登记](javascript:alert(1)) ![x](http://evil.example/x.png) <script>alert(1)</script>'",
    )
    post = project / "content/bulletins/posts/2026-11-bundles.md"
    post.write_text(
        post.read_text(encoding="utf-8")
        + '\n<script>alert(1)</script><img src="http://evil.example/y.png" onerror="alert(1)"><a href="javascript:alert(1)">x</a>\n',
        encoding="utf-8",
    )
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    for url in ("bulletins/2026/11/10/bundles-one-application/", "bulletins/"):
        page = built.html(url)
        article = page.select_one("article")
        assert article.find("script") is None, url
        assert all(
            not (img.get("src") or "").startswith("http") and not img.get("onerror") for img in article.find_all("img")
        ), url
        assert all(not (a.get("href") or "").lower().startswith("javascript") for a in article.find_all("a")), url
    link = next(
        a
        for a in built.html("bulletins/2026/11/10/bundles-one-application/").select("article a")
        if "company-registration" in a.get("href", "")
    )
    assert link["href"] == "/items/scjgj/company-registration/"
    assert link.get_text().startswith("登记](javascript:alert(1))")


# 6. Open data, feeds and the terminal -------------------------------------------------------------


def test_open_data_and_feed_stay_data(tmp_path):
    project = hostile_project(tmp_path)
    replace_in(project / GUIDE, "name: 食品经营许可", 'name: "=HYPERLINK(\\"http://evil.example\\",\\"点我\\")"')
    replace_in(project / GUIDE, "summary: ", 'summary: "响铃\\a、转义\\e[31m、分隔\\L、空字符\\0" # ')
    post = project / "content/bulletins/posts/2026-11-bundles.md"
    replace_in(post, "title: 五个“一件事”实现一次申请、一次办好", 'title: "\\u0008五个“一件事”实现一次申请、一次办好"')
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    with (built.path / "data/items.csv").open(encoding="utf-8-sig", newline="") as stream:
        names = [row["事项名称"] for row in csv.DictReader(stream)]
    assert '\'=HYPERLINK("http://evil.example","点我")' in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    ET.fromstring((built.path / "bulletins/rss.xml").read_bytes())  # well-formed XML
    guide = (built.path / "items/scjgj/food-business-license/index.html").read_text(encoding="utf-8")
    assert "转义[31m" in guide and not any(c in guide for c in "\x00\x07\x1b\u2028")


def test_control_characters_are_found_and_never_reach_the_terminal(registry):
    text = edit(ITEM_TEXT, "summary: ", 'summary: "转义\\e[31m红色" # ')
    registry.item(text)
    registry.item(edit(ITEM_TEXT, "name: ", "name: 行\u2028分隔"), ref="alpha/second")
    flat = registry.flat()
    assert ("alpha/sample.yml", line_of(text, "summary:"), "text.control") in flat
    second = (registry.root / "alpha/second.yml").read_text(encoding="utf-8")
    assert ("alpha/second.yml", line_of(second, "name:"), "file.control") in flat
    result = run_cli("check", "--items", str(registry.root))
    assert "\x1b" not in result.stdout and "\u2028" not in result.stdout


# 7. Input checks in linear time -----------------------------------------------------------------


def test_a_large_hostile_file_is_checked_in_well_under_a_second(registry):
    filler = "<a " * 150_000  # the old markup pattern backtracked over every one of these
    text = edit(ITEM_TEXT, "conditions: ", f"conditions: '{filler}' # ")
    path = registry.item(text)
    assert path.stat().st_size > 400_000
    started = time.perf_counter()
    flat = registry.flat()
    assert time.perf_counter() - started < 1.0
    assert ("alpha/sample.yml", line_of(text, "conditions:"), "text.markup") in flat
    big = registry.item(text + "# " + "x" * 1_100_000 + "\n", ref="alpha/big")
    started = time.perf_counter()
    assert [code for path_, _, code in registry.flat() if path_ == "alpha/big.yml"] == ["yaml.too-large"]
    assert time.perf_counter() - started < 1.0 and big.stat().st_size > 1_000_000


# 8. The cache proves its bytes ---------------------------------------------------------------------


def test_an_edited_cache_is_never_published(tmp_path, reference_site):
    project = copy_project(tmp_path / "project")
    first = build(project, tmp_path / "first")
    assert first.returncode == 0, first.output[-3000:]
    pages = project / ".registry-cache/pages"
    published_guide = (first.path / "items/scjgj/food-business-license/index.html").read_bytes()
    guide = next(p for p in pages.rglob("*.html") if p.read_bytes() == published_guide)
    guide.write_text(guide.read_text(encoding="utf-8").replace("承诺时限", "承诺时限 9 个工作日"), encoding="utf-8")
    truncated = next(p for p in pages.rglob("*.html") if p != guide)
    truncated.write_bytes(truncated.read_bytes()[:500])
    checked = project / ".registry-cache/checked.jsonl"
    lines = checked.read_bytes().split(b"\n")
    number = next(n for n, line in enumerate(lines) if b"food-business-license.yml" in line)
    body, _, signature = lines[number].rpartition(b"\t")
    entry = json.loads(body)
    item = json.loads(entry[2]["item"])
    item["time_limit"]["promised"] = 9
    entry[2]["item"] = json.dumps(item, ensure_ascii=False)
    lines[number] = json.dumps(entry, ensure_ascii=False).encode() + b"\t" + signature
    checked.write_bytes(b"\n".join(lines))
    again = build(project, tmp_path / "again")
    assert again.returncode == 0, again.output[-3000:]
    assert "校验不通过" in again.output
    assert site_files(again.path) == site_files(reference_site)
    assert not list((project / ".registry-cache").rglob("*.pickle"))


def test_an_unusable_cache_is_no_cache(tmp_path, reference_site):
    project = copy_project(tmp_path / "project")
    (project / ".registry-cache").write_text("not a folder", encoding="utf-8")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    assert "Traceback" not in built.output
    assert site_files(built.path) == site_files(reference_site)


@pytest.fixture(scope="module")
def reference_site(tmp_path_factory):
    """The sample site built with no cache at all."""
    folder = tmp_path_factory.mktemp("reference")
    project = copy_project(folder / "project")
    replace_in(project / "mkdocs.yml", "      registry_dir: items", "      registry_dir: items\n      cache: false")
    built = build(project, folder / "site")
    assert built.returncode == 0, built.output[-3000:]
    return built.path


# 9. A failed, killed or concurrent build leaves the previous site ---------------------------------


@pytest.fixture
def published(tmp_path):
    """A project, its published site and how long the build took."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    started = time.perf_counter()
    built = build(project, site)
    assert built.returncode == 0, built.output[-3000:]
    return project, site, site_files(site), time.perf_counter() - started


def test_a_failed_build_leaves_the_site_as_it_was(published):
    project, site, before, _ = published
    post = project / "content/bulletins/posts/2026-10-one-trip.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n{{ stats.happiness }}\n", encoding="utf-8")
    assert build(project, site).returncode != 0
    assert site_files(site) == before
    post.write_text(post.read_text(encoding="utf-8").replace("{{ stats.happiness }}", ""), encoding="utf-8")
    replace_in(project / GUIDE, "keywords: [", "keywords: [] # ")
    warned = build(project, site)
    assert warned.returncode != 0 and "item.no-keywords" in warned.output
    assert site_files(site) == before
    assert [p.name for p in site.parent.iterdir() if "staging" in p.name] == []


def test_a_full_disk_is_a_message_and_no_change(published):
    project, site, before, _ = published
    replace_in(project / GUIDE, "summary: ", "summary: 改过的说明。")
    built = _build_limited(project, site, limit=600 * 1024)
    assert built.returncode != 0
    assert site_files(site) == before
    assert [p.name for p in site.parent.iterdir() if "staging" in p.name] == []


def _build_limited(project: Path, site: Path, limit: int):
    """A build whose files cannot grow past `limit` bytes, as on a disk that fills up."""

    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return mkdocs_build(project, site, preexec_fn=cap)


@pytest.mark.parametrize("share", [0.15, 0.45, 0.75])
def test_a_killed_build_leaves_the_site_as_it_was(published, share):
    """Killed at a share of the time a build takes: before the engine, while it renders, while the
    guides are written."""
    project, site, before, seconds = published
    replace_in(project / GUIDE, "summary: ", "summary: 改过的说明。")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(seconds * share)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after_kill = site_files(site)
    again = build(project, site)
    assert again.returncode == 0, again.output[-3000:]
    assert "改过的说明" in again.html("items/scjgj/food-business-license/").select_one(".gov-lead").get_text()
    # Killed before the swap: the old site, whole; after it: the new site, whole. Never a mix.
    assert after_kill in (before, site_files(site))
    assert [p.name for p in site.parent.iterdir() if "staging" in p.name] == []


def test_two_builds_into_one_folder_one_after_the_other(published):
    project, site, _, _ = published
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    builds = [
        subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=900)[0] for process in builds]
    assert [process.returncode for process in builds] == [0, 0], outputs
    html = (site / "items/scjgj/food-business-license/index.html").read_text(encoding="utf-8")
    assert "<!--GOV-" not in html and "<h1>" in html
    assert [p.name for p in site.parent.iterdir() if "staging" in p.name] == []


# 10. Nothing outside the registry is read -------------------------------------------------------


def test_links_pipes_hidden_and_misnamed_files_are_findings(registry, tmp_path):
    registry.item()
    secret = tmp_path / "secret.yml"
    secret.write_text(ITEM_TEXT, encoding="utf-8")
    (registry.root / "alpha" / "linked.yml").symlink_to(secret)
    (registry.root / "alpha" / "passwd.yml").symlink_to("/etc/passwd")
    (registry.root / "beta").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(registry.root / "alpha" / "pipe.yml")
    registry.write("alpha/upper.YML", ITEM_TEXT)
    registry.write(".hidden/sample.yml", ITEM_TEXT)
    registry.write("alpha/forms/nested.yml", ITEM_TEXT)
    found = {(path, code) for path, _, code in registry.flat()}
    assert found == {
        ("alpha/linked.yml", "file.symlink"),
        ("alpha/passwd.yml", "file.symlink"),
        ("beta", "file.symlink"),
        ("alpha/pipe.yml", "file.not-regular"),
        ("alpha/upper.YML", "file.name"),
        (".hidden", "file.hidden"),
        ("alpha/forms/nested.yml", "file.location"),
    }
    loaded, _ = check_registry(registry.root, workers=1)
    assert {record.ref for record in loaded.items} == {"alpha/sample"}


def test_a_linked_departments_file_is_not_read(registry, tmp_path):
    outside = tmp_path / "outside.yml"
    shutil.copy(registry.root / "departments.yml", outside)
    (registry.root / "departments.yml").unlink()
    (registry.root / "departments.yml").symlink_to(outside)
    assert ("departments.yml", 1, "file.symlink") in registry.flat()


# 11. The command line --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv", "--out", "{file}/items.csv"],
        ["export", "--format", "xlsx", "--out", "{readonly}/items.xlsx"],
        ["export", "--format", "json", "--out", "{folder}"],
        ["schema", "--out", "{readonly}/schemas"],
        ["codeowners", "--out", "{readonly}/CODEOWNERS"],
        ["synth", "--items", "3", "--out", "{readonly}/synth"],
        ["new", "scjgj", "new-item", "--items", "{copy}"],
    ],
)
def test_unusable_paths_are_one_line_and_exit_2(tmp_path, args):
    if os.geteuid() == 0 and "{readonly}" in " ".join(args):
        readonly = Path("/proc/sys")  # not writable even for root
    else:
        readonly = tmp_path / "readonly"
        readonly.mkdir()
        readonly.chmod(0o500)
    copy = tmp_path / "items"
    shutil.copytree(ROOT / "items", copy)
    (copy / "scjgj").chmod(0o500)
    if os.geteuid() == 0:
        shutil.rmtree(copy / "scjgj")
        (copy / "scjgj").write_text("not a folder", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("a file, not a folder", encoding="utf-8")
    values = {
        "file": str(tmp_path / "plain.txt"),
        "readonly": str(readonly),
        "folder": str(tmp_path),
        "copy": str(copy),
    }
    result = run_cli(*[arg.format(**values) for arg in args])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "无法读写" in result.stderr


def test_a_revision_is_never_an_option_of_git(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("保留", encoding="utf-8")
    for revision in (f"--output={victim}", "-p", "HEAD\nmain"):
        result = run_cli("diff", "--", revision)
        assert result.returncode == 1 and "不是一个 git 版本" in result.stderr, revision
    assert victim.read_text(encoding="utf-8") == "保留"


def test_numbers_are_checked_where_they_are_typed(registry, tmp_path):
    assert run_cli("synth", "--items", "-5", "--out", str(tmp_path / "s")).returncode == 2
    assert run_cli("synth", "--items", "lots", "--out", str(tmp_path / "s")).returncode == 2
    text = edit(ITEM_TEXT, "updated: 2026-11-01", "updated: 1728000000")
    registry.item(text)
    assert registry.flat() == [("alpha/sample.yml", line_of(text, "updated:"), "field.type")]


def test_outbound_links_are_checked_at_output():
    for bad in (
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example/",
        "http:///x",
        "a b",
        'x"y',
    ):
        assert web_link(bad) is None, bad
    for good in ("https://zwfw.example/a?b=1", "../../topics/出生/", "/items/a/b/", "#faq"):
        assert web_link(good) == good


def test_an_image_in_handwritten_markdown_is_an_image_file_of_the_site():
    """A word standing where an image's file would be (<img src=x-pwned>) is not fetched; a file is kept."""
    from generator.site.safe_markdown import sanitize

    assert sanitize('<img src="x-pwned" alt="图">') == '<img alt="图">'
    assert sanitize('<img src="../images/chart.png" alt="图">') == '<img src="../images/chart.png" alt="图">'
    assert sanitize('<img src="https://evil.example/chart.png" alt="图">') == '<img alt="图">'
