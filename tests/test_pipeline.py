"""The build pipeline: the same site whatever the cache holds and however many workers write it, and a
rebuild after one edit renders only what the edit changed."""

import filecmp
import re
from pathlib import Path

import pytest
from site_build import ROOT, copy_project, mkdocs_build

from generator.checks import check_registry

ITEM = "items/scjgj/company-registration.yml"  # ten other guides list it among their related items
CACHE = ".registry-cache/pages"


def item_page_count() -> int:
    """A guide and a checklist for every published item of the sample."""
    registry, _ = check_registry(ROOT / "items", workers=1)
    return 2 * len(registry.published)


def configure(project: Path, **settings: object) -> None:
    config = project / "mkdocs.yml"
    lines = "".join(f"\n      {key}: {str(value).lower()}" for key, value in settings.items())
    text = config.read_text(encoding="utf-8").replace(
        "      registry_dir: items", "      registry_dir: items" + lines, 1
    )
    config.write_text(text, encoding="utf-8")


def differences(a: Path, b: Path) -> list[str]:
    """Paths that are missing on one side or differ in any byte."""
    found: list[str] = []
    pending = [filecmp.dircmp(a, b)]
    while pending:
        current = pending.pop()
        found += [f"{current.left}/{name}" for name in current.left_only + current.right_only]
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        found += [f"{current.left}/{name}" for name in mismatch + errors]
        pending += current.subdirs.values()
    return sorted(found)


def counts(output: str) -> tuple[int, int]:
    match = re.search(r"事项页面：新生成 (\d+) 个，沿用缓存 (\d+) 个", output)
    assert match, output
    return int(match.group(1)), int(match.group(2))


def rename(project: Path, new_name: str) -> None:
    path = project / ITEM
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^name: .*$", f"name: {new_name}", text, count=1), encoding="utf-8")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The sample site from one worker and no cache: the plainest way to build it."""
    project = copy_project(tmp_path_factory.mktemp("reference"))
    configure(project, workers=1, cache=False)
    site = mkdocs_build(project, project / "site")
    assert site.returncode == 0, site.output
    return site.path


@pytest.mark.parametrize("workers", [1, 2])
def test_cache_and_workers_give_the_same_site(tmp_path, reference, workers):
    project = copy_project(tmp_path)
    configure(project, workers=workers, cache=True)
    cold = mkdocs_build(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.output
    pages = item_page_count()
    assert counts(cold.output) == (pages, 0)
    warm = mkdocs_build(project, tmp_path / "warm")
    assert counts(warm.output) == (0, pages)
    assert differences(cold.path, reference) == []
    assert differences(warm.path, reference) == []


def test_an_edit_renders_the_edited_item_and_the_pages_that_show_it(tmp_path):
    project = copy_project(tmp_path / "project")
    before = mkdocs_build(project, tmp_path / "before")
    assert before.returncode == 0, before.output
    rename(project, "企业开办登记（新）")
    after = mkdocs_build(project, tmp_path / "after")
    assert after.returncode == 0, after.output

    # Its own guide and checklist, and the guides (not the checklists) of the items that list it as related.
    rendered, reused = counts(after.output)
    assert rendered == 2 + 10
    assert rendered + reused == item_page_count()
    assert after.html("items/scjgj/company-registration/").h1.get_text() == "企业开办登记（新）"
    related = after.html("items/scjgj/food-business-license/").select("a.gov-item__title")
    assert "企业开办登记（新）" in [link.get_text() for link in related if "company-registration" in link["href"]]
    untouched = "items/gaj/hk-macau-pass/index.html"
    assert (before.path / untouched).read_bytes() == (after.path / untouched).read_bytes()

    # The same bytes as a build of the edited registry from nothing.
    fresh = copy_project(tmp_path / "fresh", items=project / "items")
    configure(fresh, cache=False)
    full = mkdocs_build(fresh, tmp_path / "full")
    assert full.returncode == 0, full.output
    assert differences(after.path, full.path) == []


def test_the_cache_forgets_pages_no_item_has_any_more(tmp_path):
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    cached = {path.name for path in (project / CACHE).rglob("*.html")}
    assert len(cached) == item_page_count()
    rename(project, "企业开办登记（新）")
    assert mkdocs_build(project, tmp_path / "second").returncode == 0
    now = {path.name for path in (project / CACHE).rglob("*.html")}
    assert len(now) == item_page_count()
    assert len(cached - now) == 12  # the old versions of the twelve pages the edit changed


def test_a_rebuild_into_the_same_folder_keeps_what_did_not_change(tmp_path):
    """The site folder of the last build is reused: unchanged pages stay, a suspended item's pages go."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    untouched = site / "items/gaj/hk-macau-pass/index.html"
    written = untouched.stat().st_mtime_ns
    rename(project, "企业开办登记（新）")
    suspended = project / "items/gaj/driving-license-renewal.yml"
    suspended.write_text(
        suspended.read_text(encoding="utf-8").replace("status: 在用", "status: 暂停"), encoding="utf-8"
    )
    again = mkdocs_build(project, site)
    assert again.returncode == 0, again.output
    assert counts(again.output) == (12, item_page_count() - 2 - 12)  # the suspended item has no pages
    assert untouched.stat().st_mtime_ns == written
    assert not (site / "items/gaj/driving-license-renewal").exists()
    assert [entry.name for entry in site.parent.iterdir() if ".staging" in entry.name] == []

    fresh = copy_project(tmp_path / "fresh", items=project / "items")
    configure(fresh, cache=False)
    full = mkdocs_build(fresh, tmp_path / "full")
    assert full.returncode == 0, full.output
    assert differences(site, full.path) == []


def test_a_folder_another_build_wrote_is_not_trusted(tmp_path):
    """Another project, or a build without the cache, wrote into the same site folder in between:
    every page is written again, none is assumed to be as this project's last build left it."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    other = copy_project(tmp_path / "other")
    rename(other, "别的网站的事项")
    configure(other, cache=False)
    assert mkdocs_build(other, site).returncode == 0
    again = mkdocs_build(project, site)
    assert again.returncode == 0, again.output
    assert again.html("items/scjgj/company-registration/").h1.get_text() == "企业设立登记"
    fresh = copy_project(tmp_path / "fresh")
    configure(fresh, cache=False)
    full = mkdocs_build(fresh, tmp_path / "full")
    assert differences(site, full.path) == []
