"""One build the project owns, whatever engine renders the theme: the engines give the same pages, the
build checks its own effects, and `mkdocs build` with the plugin still gives the same site."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENGINES_UNDER_TEST, ROOT
from site_build import copy_project, linked_project, mkdocs_build

from generator.engines import ENGINES
from generator.engines.build import build_site
from generator.engines.compare import compare_sites
from generator.engines.mkdocs import ProperDocs


def test_every_engine_gives_the_same_pages(built_sites):
    first, second = (built_sites(engine) for engine in ENGINES_UNDER_TEST)
    comparison = compare_sites(first.path, second.path)
    assert comparison.ok, comparison
    assert len(comparison.same) > 200


def test_the_plugin_and_the_command_build_the_same_site(tmp_path, built_sites):
    plugin = mkdocs_build(linked_project(tmp_path / "project"), tmp_path / "site")
    assert plugin.returncode == 0, plugin.output[-3000:]
    command = built_sites("properdocs")
    comparison = compare_sites(plugin.path, command.path)
    assert comparison.ok, comparison
    for data in ("finder/data/docs.json", "data/items.csv", "sitemap.xml", "bulletins/rss.xml"):
        assert (plugin.path / data).read_bytes() == (command.path / data).read_bytes(), data


class _Forgetful(ProperDocs):
    """An engine that renders the pages but drops one of the registry's, as an engine that ignored a
    template or a page would."""

    name = "forgetful"

    def run(self, config: Path, strict: bool) -> str:
        output = super().run(config, strict)
        (self.site / "departments" / "gaj" / "index.html").write_text(
            "<html>本页没有按模板生成</html>", encoding="utf-8"
        )
        return output


def test_a_page_the_engine_did_not_render_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    first = build_site(project / "mkdocs.yml", ENGINES["properdocs"], site_dir=tmp_path / "site", say=lambda _: None)
    assert first.ok
    before = (tmp_path / "site" / "departments" / "gaj" / "index.html").read_bytes()
    said: list[str] = []
    second = build_site(project / "mkdocs.yml", _Forgetful, site_dir=tmp_path / "site", say=said.append)
    assert not second.ok
    assert any("departments/gaj/" in line and "没有按模板生成" in line for line in said), said
    assert (tmp_path / "site" / "departments" / "gaj" / "index.html").read_bytes() == before


def test_registry_errors_stop_the_build_before_the_engine(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "items/scjgj/food-business-license.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  promised: 5", "  promised: 50"), encoding="utf-8")
    said: list[str] = []
    result = build_site(project / "mkdocs.yml", ENGINES["zensical"], site_dir=tmp_path / "site", say=said.append)
    assert not result.ok and not (tmp_path / "site").exists()
    assert any("food-business-license.yml" in line and "time-limit.promised-exceeds-statutory" in line for line in said)
    assert not (project / ".registry-build" / "zensical" / "site").exists()


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_each_engine_is_installed_from_the_lock(engine):
    import importlib

    importlib.import_module(ENGINES[engine].module)
    assert (ROOT / "requirements.lock").read_text(encoding="utf-8").count(f"\n{ENGINES[engine].module}==") == 1
