"""Department workflow: what a change means for citizens, drafted bulletins, reviewers, CI files."""

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ITEM_TEXT, ROOT, edit, run_cli
from site_build import copy_project, mkdocs_build

from generator.changes.git import recent_changes

SECOND = edit(
    edit(ITEM_TEXT, 'catalog_code: "100000000001"', 'catalog_code: "100000000002"'), "D3100000000001", "D3100000000002"
)
THIRD = edit(
    edit(ITEM_TEXT, 'catalog_code: "100000000001"', 'catalog_code: "100000000003"'), "D3100000000001", "D3100000000003"
)
THIRD = edit(THIRD, "name: 测试许可", "name: 第三个许可")


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_DATE": "2026-11-02T10:00:00+08:00", "GIT_COMMITTER_DATE": "2026-11-02T10:00:00+08:00"}
    result = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=测试", "-c", "user.email=test@example.invalid", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, **env},
    )
    return result.stdout


@pytest.fixture
def history(registry):
    """A repository with one commit per kind of edit a department makes."""
    repo = registry.root.parent
    git(repo, "init", "-q", "-b", "main")
    registry.item()
    registry.item(SECOND, ref="alpha/second")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "初始")
    registry.item(edit(ITEM_TEXT, "  promised: 5", "  promised: 3").replace("    time_limit: 3", "    time_limit: 2"))
    git(repo, "commit", "-q", "-am", "压减承诺时限")
    text = (registry.root / "alpha/second.yml").read_text(encoding="utf-8")
    start = text.index("  - name: 场地证明")
    end = text.index("  - name: 管理制度文本")
    registry.item(text[:start] + text[end:], ref="alpha/second")
    git(repo, "commit", "-q", "-am", "删除一项材料")
    registry.item(THIRD, ref="alpha/third")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "新增事项")
    git(repo, "mv", "items/alpha/second.yml", "items/alpha/second-renamed.yml")
    git(repo, "commit", "-q", "-m", "改名")
    return repo


def diff_json(repo: Path, *revisions: str) -> dict:
    result = run_cli("diff", *revisions, "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_diff_reports_each_change_in_citizens_terms(history):
    report = diff_json(history, "HEAD~4", "HEAD")
    assert report["summary"] == {"added": 1, "withdrawn": 0, "suspended": 0, "restored": 0, "changed": 2, "bundles": 0}
    by_ref = {item["ref"]: item for item in report["items"]}
    assert by_ref["alpha/third"]["kind"] == "added"
    promised = by_ref["alpha/sample"]["changes"]
    assert promised == [
        {
            "field": "time_limit.promised",
            "label": "承诺时限",
            "text": "承诺时限由5个工作日改为3个工作日（缩短 2 天，40.0%）",
        }
    ]
    renamed = by_ref["alpha/second-renamed"]
    assert renamed["old_ref"] == "alpha/second" and renamed["moved"] is True
    assert [c["text"] for c in renamed["changes"]] == ["不再需要材料“场地证明”"]


def test_diff_against_the_working_tree_and_markdown(history, registry):
    registry.item(edit(ITEM_TEXT, "status: 在用", "status: 暂停"))
    (registry.root / "alpha/third.yml").unlink()
    report = diff_json(history, "HEAD")
    assert [(item["ref"], item["kind"]) for item in report["items"]] == [
        ("alpha/sample", "suspended"),
        ("alpha/third", "withdrawn"),
    ]
    markdown = run_cli("diff", "HEAD", cwd=history).stdout
    assert "## 对群众办事的影响" in markdown
    assert "### 暂停办理" in markdown and "### 取消事项" in markdown
    assert "- 第三个许可（新办） `alpha/third`" in markdown


def test_diff_of_a_bad_revision_is_a_message(history):
    result = run_cli("diff", "no-such-revision", cwd=history)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "找不到 git 版本“no-such-revision”" in result.stderr
    option = run_cli("diff", "--", "--output=stolen.tar", cwd=history)
    assert option.returncode == 1 and "不是一个 git 版本" in option.stderr and not (history / "stolen.tar").exists()


def test_recent_changes_in_one_pass(history):
    changes = recent_changes(history, history / "items")
    kinds = [(c.change.ref, c.change.kind) for c in changes]
    assert kinds[:3] == [("alpha/second-renamed", "changed"), ("alpha/third", "added"), ("alpha/second", "changed")]
    assert ("alpha/sample", "changed") in kinds
    assert all(str(c.date) == "2026-11-02" for c in changes)


def test_drafted_bulletin_builds_strict(tmp_path):
    project = copy_project(tmp_path / "project")
    subprocess.run(["git", "-C", str(project), "init", "-q", "-b", "main"], check=True)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "基线")
    for department in ("scjgj", "dongqu-scjgj"):  # both implementers: 八统一
        path = project / f"items/{department}/food-business-license.yml"
        text = path.read_text(encoding="utf-8").replace("  promised: 5", "  promised: 4")
        text = text.replace("    time_limit: 2\n", "    time_limit: 1\n").replace(
            "    time: 2 个工作日\n", "    time: 1 个工作日\n"
        )
        path.write_text(text, encoding="utf-8")
    result = run_cli("diff", "HEAD", "--bulletin", cwd=project)
    assert result.returncode == 0, result.stderr
    drafted = list((project / "content/bulletins/posts").glob("registry-changes-*.md"))
    assert len(drafted) == 1
    text = drafted[0].read_text(encoding="utf-8")
    assert "{{ item scjgj/food-business-license }}" in text and "{{ stats.time_compression }}" in text
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    again = run_cli("diff", "HEAD", "--bulletin", cwd=project)
    assert again.returncode == 1 and "不会覆盖" in again.stderr


def test_codeowners_for_the_sample(tmp_path):
    out = tmp_path / "CODEOWNERS"
    assert run_cli("codeowners", "--out", str(out)).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "/items/scjgj/ @shifan-gov/scjgj" in lines
    assert "/items/departments.yml @shifan-gov/reform-office" in lines
    committed = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert committed == out.read_text(encoding="utf-8"), "run python -m generator codeowners"


def test_workflow_runs_the_readme_commands():
    workflow = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    steps = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("./dev build", ".ci/run", "./dev check --format github", "generator report --since"):
        assert command in steps
    summary = next(step for step in workflow["jobs"]["check"]["steps"] if "generator report" in step.get("run", ""))
    assert '--format markdown >> "$GITHUB_STEP_SUMMARY"' in summary["run"] and "pull_request" in summary["if"]
    assert "./dev build" in readme and "./dev test" in readme
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true


def test_editor_settings_point_at_the_committed_schemas():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["entry"].startswith("generator check")


def test_new_item_schema_line_resolves():
    line = re.search(r"\$schema=(\S+)", (ROOT / "items/scjgj/food-business-license.yml").read_text(encoding="utf-8"))
    assert (ROOT / "items/scjgj" / line.group(1)).resolve().is_file()
