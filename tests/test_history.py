"""Figures as they were: the registry's git history read in a fixed number of git processes, `stats --at`,
the figures page month by month, bulletins that quote the figures of their own date, and a build without
history that says which bulletins fall back to today's figures."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from site_build import copy_project, mkdocs_build
from test_stats import variant

import generator.changes.history as history_module
from generator.checks import check_registry
from generator.stats.cache import FigureCache
from generator.stats.editions import FigureHistory


def commit(repo: Path, message: str, when: str) -> str:
    """Commit everything at `when` (ISO date and time with zone), as a department's merge on that day."""
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    base = ["git", "-C", str(repo), "-c", "user.name=测试", "-c", "user.email=test@example.invalid"]
    subprocess.run([*base, "add", "-A"], check=True, env=env)
    subprocess.run([*base, "commit", "-q", "-m", message], check=True, env=env)
    return subprocess.run(
        [*base, "rev-parse", "HEAD"], check=True, env=env, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def dated(registry):
    """Two items on 2026-09-01; on 2026-10-10 one is suspended and the other's promise is cut."""
    repo = registry.root.parent
    subprocess.run(["git", "-C", str(repo), "init", "-q", "-b", "main"], check=True)
    registry.item(variant(1, 20, 5, 1), ref="alpha/one")
    registry.item(variant(2, 10, 0, 0, fully_online=True), ref="alpha/two")
    first = commit(repo, "初始", "2026-09-01T10:00:00+08:00")
    registry.item(variant(1, 20, 2, 1), ref="alpha/one")
    registry.item(variant(2, 10, 0, 0, fully_online=True, status="暂停"), ref="alpha/two")
    second = commit(repo, "压减和暂停", "2026-10-10T10:00:00+08:00")
    return registry, first, second


def stats_json(registry, *args: str) -> dict:
    result = run_cli("stats", "--items", str(registry.root), "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_stats_at_a_date_are_the_figures_of_that_day(dated):
    registry, first, second = dated
    september = stats_json(registry, "--at", "2026-09-18")
    october = stats_json(registry, "--at", "2026-10-31")
    today = stats_json(registry)
    assert september["figures"]["items"] == 2 and october["figures"]["items"] == 1
    assert september["figures"]["time_compression"] == pytest.approx(1 - 5 / 30)
    assert october["figures"]["time_compression"] == pytest.approx(1 - 2 / 20)
    assert today["figures"] == october["figures"]
    assert september["as_of"]["commit"] == first and september["as_of"]["date"] == "2026-09-01"
    assert september["as_of"]["text"] == f"2026年9月18日有效的事项登记册（2026年9月1日更新，版本 {first[:7]}）"
    assert today["as_of"] == {
        "date": "2026-10-10",
        "commit": second,
        "modified": False,
        "text": f"2026年10月10日更新的事项登记册（版本 {second[:7]}）",
        "day": None,
    }
    on_the_day = stats_json(registry, "--at", "2026-10-10")
    assert on_the_day["as_of"]["commit"] == second, "a day's registry includes that day's commits"
    before = run_cli("stats", "--items", str(registry.root), "--at", "2026-08-31")
    assert before.returncode == 1 and "事项登记册在 git 中最早的版本是2026年9月1日的" in before.stderr


def test_uncommitted_changes_are_today_and_never_history(dated):
    registry, _, second = dated
    registry.item(variant(1, 20, 1, 1), ref="alpha/one")  # edited, not committed
    loaded, _ = check_registry(registry.root, workers=1)
    history = FigureHistory.of(loaded, today=datetime.date(2026, 12, 2))
    assert history.current.edition.modified and history.current.edition.date == datetime.date(2026, 12, 2)
    assert "含尚未提交的修改" in history.current.as_of
    assert history.current.figures.promised_days_total == 1
    committed = history.on(datetime.date(2026, 11, 1))
    assert committed.edition.commit == second and committed.figures.promised_days_total == 2


def test_month_by_month_in_a_fixed_number_of_git_processes(dated, monkeypatch):
    registry, first, second = dated
    calls: list[str] = []
    real = history_module._git

    def counted(repo, *args, **kwargs):
        calls.append(next(arg for arg in args if not arg.startswith("-") and "=" not in arg))
        return real(repo, *args, **kwargs)

    monkeypatch.setattr(history_module, "_git", counted)

    def months_of() -> list:
        calls.clear()
        loaded, _ = check_registry(registry.root, workers=1)
        history = FigureHistory.of(loaded, today=datetime.date(2026, 12, 2))
        months = history.months()
        history.prepare([datetime.date(2026, 9, 18), datetime.date(2026, 10, 20)])
        return months

    months = months_of()
    assert [(m.label, m.figures.edition.commit, m.figures.figures.items) for m in months] == [
        ("2026年9月", first, 2),
        ("2026年10月", second, 1),
        ("2026年11月", second, 1),
        ("2026年12月", second, 1),
    ]
    few = list(calls)
    for month in range(11, 13):  # more commits, more months: the same git processes
        registry.item(variant(1, 20, month - 8, 1), ref="alpha/one")
        commit(registry.root.parent, f"{month} 月", f"2026-{month}-01T10:00:00+08:00")
    assert len(months_of()) == 4
    assert calls == few == ["rev-parse", "status", "log", "cat-file"]


@pytest.fixture(scope="module")
def bulletin_project(tmp_path_factory):
    """The sample project in git: committed on 2026-09-20, an item suspended on 2026-10-10, and a bulletin
    dated in between that quotes figures of its date and of today."""
    project = copy_project(tmp_path_factory.mktemp("dated") / "project")
    subprocess.run(["git", "-C", str(project), "init", "-q", "-b", "main"], check=True)
    (project / "content/bulletins/posts/2026-09-30-figures.md").write_text(
        "---\ntitle: 九月底的数字\nslug: september-figures\ndate: 2026-09-30\n"
        "description: 在用事项{{ stats.items }}项\ncategories:\n  - 数据发布\nauthors:\n  - reform-office\n---\n\n"
        "# 九月底的数字\n\n当时在用事项 {{ stats.items }} 项，最多跑一次占 {{ stats.at_most_one_visit_rate }}；"
        "现在在用事项 {{ stats.today.items }} 项。\n",
        encoding="utf-8",
    )
    commit(project, "基线", "2026-09-20T10:00:00+08:00")
    path = project / "items/gaj/no-criminal-record-certificate.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: 在用", "status: 暂停"), encoding="utf-8")
    commit(project, "暂停一个事项", "2026-10-10T10:00:00+08:00")
    return project


def test_a_bulletin_quotes_the_figures_of_its_date(bulletin_project, tmp_path):
    september = stats_json_of(bulletin_project, "--at", "2026-09-30")
    today = stats_json_of(bulletin_project)
    assert september["figures"]["items"] == today["figures"]["items"] + 1
    built = mkdocs_build(bulletin_project, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    post = built.html("bulletins/2026/09/30/september-figures/")
    text = post.select_one("article").get_text(" ", strip=True)
    rate = f"{september['figures']['at_most_one_visit_rate'] * 100:.1f}%"
    assert f"当时在用事项 {september['figures']['items']} 项，最多跑一次占 {rate}" in text
    assert f"现在在用事项 {today['figures']['items']} 项" in text
    notes = post.select_one(".gov-figure-notes").get_text(" ", strip=True)
    assert f"以下数字按{september['as_of']['text']}计算，是本文发布当日的数字" in notes
    assert f"以下数字按本站生成时的{today['as_of']['text']}计算" in notes
    assert f"在用事项： {today['figures']['items']} 项" in notes or f"在用事项：{today['figures']['items']} 项" in notes
    home = built.html("")
    listed = home.select_one(".gov-news").get_text(" ", strip=True)
    assert f"在用事项{september['figures']['items']}项" in listed, "the description quotes its date's figures too"
    # The sample's September bulletin is older than this history: it says so, in the log and on its page.
    notices = re.findall(r"INFO\s+-\s+\S*/content/bulletins/posts/(\S+?\.md)：(.*)", built.output)
    assert [name for name, _ in notices] == ["2026-09-time-limits.md"], built.output[-3000:]
    assert "最早的版本是2026年9月20日的" in notices[0][1] and "得不到本文日期（2026-09-18）的统计数字" in notices[0][1]
    old = built.html("bulletins/2026/09/18/time-limits-cut/").select_one(".gov-figure-notes").get_text()
    assert "本文日期为2026年9月18日，本站生成时取不到当日的事项登记册版本" in old
    later = built.html("bulletins/2026/10/20/at-most-one-trip/").select_one(".gov-figure-notes").get_text()
    assert "2026年10月20日有效的事项登记册（2026年10月10日更新" in later
    # The figures page draws the months of the history.
    trend = built.html("figures/").select_one("#trend ~ details table")
    assert [row.th.get_text() for row in trend.select("tbody tr")][:2] == ["2026年9月", "2026年10月"]


def test_a_build_without_history_says_which_bulletins_fall_back(bulletin_project, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(bulletin_project, archive, ignore=shutil.ignore_patterns(".git", ".cache"))
    built = mkdocs_build(archive, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    notices = re.findall(r"INFO\s+-\s+\S*/content/bulletins/posts/(\S+?\.md)：登记册不在 git 仓库中", built.output)
    assert sorted(set(notices)) == [
        "2026-09-30-figures.md",
        "2026-09-time-limits.md",
        "2026-10-one-trip.md",
        "2026-11-bundles.md",
    ]
    post = built.html("bulletins/2026/09/30/september-figures/")
    notes = post.select_one(".gov-figure-notes").get_text(" ", strip=True)
    assert "本站生成时取不到当日的事项登记册版本" in notes and "没有版本历史" in notes
    assert "取不到事项登记册的版本历史" in built.html("figures/").get_text()


def stats_json_of(project: Path, *args: str) -> dict:
    result = run_cli("stats", "--items", str(project / "items"), "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_figures_of_past_commits_are_kept_signed(dated, monkeypatch, tmp_path):
    registry, _, _ = dated
    calls: list[str] = []
    real = history_module._git
    monkeypatch.setattr(
        history_module, "_git", lambda repo, *args, **kw: calls.append(args[-1]) or real(repo, *args, **kw)
    )
    file = tmp_path / "figures.jsonl"

    def september() -> tuple[int, list[str]]:
        calls.clear()
        loaded, _ = check_registry(registry.root, workers=1)
        history = FigureHistory.of(loaded, today=datetime.date(2026, 12, 2), cache=FigureCache(file))
        return history.on(datetime.date(2026, 9, 18)).figures.items, [c for c in calls if c == "--batch"]

    assert september() == (2, ["--batch"])
    assert september() == (2, []), "a commit seen before is not read again"
    file.write_bytes(file.read_bytes().replace(b'"items":2', b'"items":9'))  # tampered: does not verify
    assert september() == (2, ["--batch"])
