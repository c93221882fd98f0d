"""质量报告: per department the items, the findings by rule and the share of clean items, in Markdown, JSON
and xlsx (one sheet per department), on the sample and on a copy with planted problems; `--since` from git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import ROOT, edit, run_cli

from generator.quality.xlsx import SUMMARY_SHEET, sheet_names

SAMPLE = ROOT / "items"
FOOD_SAMPLE = "  sample: https://zwfw.shifan.gov.example/samples/scjgj/food-business-license.pdf\n"
FOOD_HOURS = "    hours: 周一至周五 9:00—12:00，13:30—17:00；周六上午 9:00—12:00（延时服务）"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=测试", "-c", "user.email=test@example.invalid", *args],
        capture_output=True,
        check=True,
        env=dict(
            os.environ, GIT_AUTHOR_DATE="2026-11-02T10:00:00+08:00", GIT_COMMITTER_DATE="2026-11-02T10:00:00+08:00"
        ),
    )


def sample_counts() -> dict[str, int]:
    """Item files per department folder of the sample, in the order of departments.yml."""
    departments = yaml.safe_load((SAMPLE / "departments.yml").read_text(encoding="utf-8"))["departments"]
    return {d["id"]: len(list((SAMPLE / d["id"]).glob("*.yml"))) for d in departments}


@pytest.fixture
def project(tmp_path) -> Path:
    """A repository holding a copy of the sample registry, committed."""
    shutil.copytree(SAMPLE, tmp_path / "items")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "示例登记册")
    return tmp_path


def rewrite(path: Path, old: str, new: str) -> None:
    path.write_text(edit(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")


# Planted problems: (department the finding belongs to, code, severity, item file it is on or None) — each
# planted by `plant` below.
PLANTED = [
    ("scjgj", "result.sample-missing", "warning", "food-business-license"),
    ("scjgj", "window.hours-no-days", "warning", "food-business-license"),
    ("gaj", "contact.same-phone", "error", "id-card-application"),
    ("gaj", "window.hours-no-days", "warning", None),  # on gaj's entry in departments.yml
    ("scjgj", "ref.bundle-item", "error", None),  # in bundles.yml, a bundle led by scjgj
    ("rsj", "yaml.syntax", "error", "broken"),
]


def plant(items: Path) -> None:
    food = items / "scjgj/food-business-license.yml"
    rewrite(food, FOOD_SAMPLE, "")
    rewrite(food, FOOD_HOURS, "    hours: 9:00—17:00")
    id_card = items / "gaj/id-card-application.yml"
    complaint = next(
        line for line in id_card.read_text(encoding="utf-8").splitlines() if line.startswith("  complaint:")
    )
    consult = next(line for line in id_card.read_text(encoding="utf-8").splitlines() if line.startswith("  consult:"))
    rewrite(id_card, complaint, complaint.split(":")[0] + ":" + consult.split(":", 1)[1])
    departments = (items / "departments.yml").read_text(encoding="utf-8")
    start = departments.index("  - id: gaj")
    hours = departments.index("    hours: ", start)
    end = departments.index("\n", hours)
    (items / "departments.yml").write_text(
        departments[:hours] + "    hours: 9:00—17:00" + departments[end:], encoding="utf-8"
    )
    bundles = yaml.safe_load((items / "bundles.yml").read_text(encoding="utf-8"))["bundles"]
    led = next(b for b in bundles if b["lead"] == "scjgj")
    rewrite(items / "bundles.yml", f"      - {led['items'][0]}\n", f"      - {led['items'][0]}-gone\n")
    (items / "rsj/broken.yml").write_text("name: [未闭合\n", encoding="utf-8")


def expected_departments(planted: bool) -> dict[str, dict[str, object]]:
    """Each department's figures, derived from the sample's files and the planted list."""
    counts = sample_counts()
    if planted:
        counts["rsj"] += 1
    result = {}
    for department, items in counts.items():
        mine = [(code, level, item) for owner, code, level, item in PLANTED if owner == department] if planted else []
        result[department] = {
            "items": items,
            "clean": items - len({item for _, _, item in mine if item}),
            "errors_by_rule": dict(Counter(code for code, level, _ in mine if level == "error")),
            "warnings_by_rule": dict(Counter(code for code, level, _ in mine if level == "warning")),
        }
    return result


def report_json(project: Path, *args: str) -> dict:
    result = run_cli("report", "--format", "json", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def figures(data: dict) -> dict[str, dict[str, object]]:
    keys = ("items", "clean", "errors_by_rule", "warnings_by_rule")
    return {d["id"]: {key: d[key] for key in keys} for d in data["departments"]}


def test_the_sample_report_in_json(project):
    data = report_json(project)
    assert figures(data) == expected_departments(planted=False)
    assert data["total"]["items"] == sum(sample_counts().values()) and data["total"]["clean_share"] == 1.0
    assert data["since"] is None and data["before"] is None


def test_planted_problems_counted_per_department(project):
    plant(project / "items")
    data = report_json(project)
    assert figures(data) == expected_departments(planted=True)
    food = next(d for d in data["departments"] if d["id"] == "scjgj")
    planted = [f for f in food["findings"] if f["path"] == "items/scjgj/food-business-license.yml"]
    assert {f["item"] for f in planted} == {"食品经营许可（新办）"} and all(f["line"] > 1 for f in planted)


def test_the_markdown_report(project):
    plant(project / "items")
    markdown = run_cli("report", cwd=project).stdout
    expected = expected_departments(planted=True)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in markdown.splitlines() if line.startswith("| 示范市")}
    gaj = rows["示范市公安局"].split(" | ")
    figures_gaj = expected["gaj"]
    assert gaj[1:5] == [
        str(figures_gaj["items"]),
        f"{figures_gaj['clean'] / figures_gaj['items'] * 100:.1f}%",
        str(sum(figures_gaj["errors_by_rule"].values())),
        str(sum(figures_gaj["warnings_by_rule"].values())),
    ]
    assert "[`contact.same-phone`](docs/rules.md#contact.same-phone)" in markdown
    assert "### 示范市人力资源和社会保障局" in markdown and "`yaml.syntax`" in markdown


def test_the_xlsx_has_a_sheet_per_department(project):
    plant(project / "items")
    result = run_cli("report", "--format", "xlsx", "--out", "质量报告.xlsx", cwd=project)
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(project / "质量报告.xlsx")
    counts = sample_counts()
    names = yaml.safe_load((SAMPLE / "departments.yml").read_text(encoding="utf-8"))["departments"]
    assert workbook.sheetnames == [SUMMARY_SHEET, *sheet_names([d["name"] for d in names])]
    summary = list(workbook[SUMMARY_SHEET].iter_rows(values_only=True))
    assert [row[1] for row in summary[1:]] == list(counts)
    food = list(workbook["示范市市场监督管理局"].iter_rows(values_only=True))
    assert food[0] == ("文件", "行", "事项", "规则代码", "规则", "级别", "问题和改法")
    codes = [row[3] for row in food[1:]]
    assert sorted(codes) == sorted(code for owner, code, _, _ in PLANTED if owner == "scjgj")
    sample_row = next(row for row in food[1:] if row[3] == "result.sample-missing")
    assert sample_row[0] == "items/scjgj/food-business-license.yml" and sample_row[2] == "食品经营许可（新办）"
    assert "审批结果样本" in sample_row[6] and sample_row[5] == "警告"
    clean = list(workbook["示范市医疗保障局"].iter_rows(values_only=True))
    assert clean == [("示范市医疗保障局：没有发现问题。",)]


def test_since_a_revision_shows_what_got_worse_and_better(project):
    plant(project / "items")
    data = report_json(project, "--since", "HEAD")
    assert figures(
        {"departments": [{"id": d["id"], **d["before"]} for d in data["departments"] if d["before"]]}
    ) == expected_departments(planted=False)
    changes = {d["id"]: (d["fixed"], d["new"]) for d in data["departments"]}
    planted = Counter(owner for owner, _, _, _ in PLANTED)
    assert changes == {department: (0, planted.get(department, 0)) for department in sample_counts()}
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "问题")
    shutil.rmtree(project / "items")
    shutil.copytree(SAMPLE, project / "items")
    better = report_json(project, "--since", "HEAD")
    assert {d["id"]: (d["fixed"], d["new"]) for d in better["departments"]} == {
        department: (planted.get(department, 0), 0) for department in sample_counts()
    }
    markdown = run_cli("report", "--since", "HEAD", cwd=project).stdout
    errors = sum(1 for _, _, level, _ in PLANTED if level == "error")
    warnings = len(PLANTED) - errors
    assert f"与 `HEAD` 相比：错误 -{errors}，警告 -{warnings}" in markdown


@pytest.mark.parametrize("revision", ["--output=stolen.tar", "no-such-revision"])
def test_a_bad_revision_is_a_message(project, revision):
    result = run_cli("report", f"--since={revision}", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "版本" in result.stderr
    assert not (project / "stolen.tar").exists()


def test_registry_text_cannot_make_markup_or_formulas(project):
    items = project / "items"
    rewrite(
        items / "departments.yml", "    name: 示范市市场监督管理局", '    name: "=HYPERLINK(\\"http://x\\")|<script>"'
    )
    markdown = run_cli("report", cwd=project).stdout
    assert "<script>" not in markdown and "\\<script\\>" in markdown and "\\|" in markdown
    assert run_cli("report", "--format", "xlsx", "--out", "r.xlsx", cwd=project).returncode == 0
    summary = openpyxl.load_workbook(project / "r.xlsx")[SUMMARY_SHEET]
    assert summary.cell(2, 1).value == '=HYPERLINK("http://x")|<script>' and summary.cell(2, 1).data_type == "s"


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["示范市/东区:市场[监管]局?", "示范市/东区:市场[监管]局?", "总览", "很" * 40])
    assert names[0] == "示范市_东区_市场_监管_局_" and names[1] == "示范市_东区_市场_监管_局_（2）"
    assert names[2] == "总览（2）" and len(names[3]) == 31
