"""Figures with the registry they were computed from: today's, those of any day of the registry's git
history (what a bulletin dated that day quotes), and month by month (the figures page's timeline)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator import wording
from generator.changes.git import GitError
from generator.changes.history import RegistryHistory
from generator.models.brief import ItemBrief
from generator.registry.loader import Registry
from generator.stats.cache import FigureCache
from generator.stats.figures import Figures, compute, published_figures

NO_GIT = "登记册不在 git 仓库中（例如从压缩包解压），没有版本历史"
NO_COMMIT = "登记册还没有提交到 git，没有版本历史"
SHALLOW = "仓库是浅克隆，缺少更早的历史：请用完整的历史构建（git fetch --unshallow；GitHub Actions 里给 actions/checkout 设 fetch-depth: 0）"


@dataclass(frozen=True)
class Edition:
    """Which registry: a commit and its date; the working tree when it differs from the last commit (dated
    today); without git the files as they are, dated by the newest 更新日期 of their items."""

    date: datetime.date | None
    commit: str | None = None
    modified: bool = False

    @property
    def text(self) -> str:
        return wording.edition_text(self.date, self.commit, modified=self.modified)

    @property
    def short(self) -> str:
        return wording.edition_short(self.date, self.commit, modified=self.modified)

    def as_dict(self) -> dict[str, str | bool | None]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "commit": self.commit,
            "modified": self.modified,
            "text": self.text,
        }


@dataclass(frozen=True)
class DatedFigures:
    figures: Figures
    edition: Edition
    day: datetime.date | None = None  # the day asked for; None: today's figures
    fallback: str | None = None  # why these are today's figures although a day was asked for

    @property
    def as_of(self) -> str:
        """The registry in words: 2026年9月18日的事项登记册（当日有效的是…版本 abc1234）."""
        edition = self.edition
        if self.day is not None and self.fallback is None and edition.commit and edition.date:
            return wording.edition_on_text(self.day, edition.date, edition.commit)
        return edition.text

    def as_dict(self) -> dict[str, str | bool | None]:
        return {**self.edition.as_dict(), "day": self.day.isoformat() if self.day else None, "text": self.as_of}


@dataclass(frozen=True)
class MonthFigures:
    month: datetime.date  # its first day
    figures: DatedFigures

    @property
    def label(self) -> str:
        return wording.month_text(self.month)


class FigureHistory:
    """Today's figures and, from the registry's git history, those of any day."""

    def __init__(
        self,
        current: DatedFigures,
        history: RegistryHistory | None,
        items: dict[str, ItemBrief],
        missing: str,
        today: datetime.date,
        cache: FigureCache | None = None,
    ):
        self.current = current
        self.today = today
        self.cache = cache
        self.history = history
        self._items = items  # the working tree's items by path in the registry folder, to reuse
        self._missing = missing  # why there is no history, when there is none
        self._days: dict[datetime.date, DatedFigures] = {}
        self._by_commit: dict[str, Figures] = {}  # months without a commit share their figures

    @classmethod
    def of(
        cls, registry: Registry, today: datetime.date | None = None, cache: FigureCache | None = None
    ) -> FigureHistory:
        """`cache`: the figures of past commits computed by earlier builds."""
        today = today or datetime.date.today()
        figures = compute(registry)
        items = {f"{record.department_id}/{record.slug}.yml": record.brief for record in registry.items}
        try:
            history: RegistryHistory | None = RegistryHistory.read(registry.root)
        except GitError:
            history = None
        if history is None or not history.commits:
            dates = [record.brief.updated for record in registry.published]
            edition = Edition(max(dates) if dates else None)
            return cls(DatedFigures(figures, edition), None, items, NO_COMMIT if history else NO_GIT, today, cache)
        last = history.commits[-1]
        edition = Edition(today, last.sha, modified=True) if history.modified else Edition(last.date, last.sha)
        return cls(DatedFigures(figures, edition), history, items, "", today, cache)

    @property
    def first_day(self) -> datetime.date | None:
        return self.history.commits[0].date if self.history else None

    def prepare(self, days: list[datetime.date]) -> None:
        """Compute the figures of all these days at once: one reading of git for them all."""
        history = self.history
        wanted = sorted({day for day in days if day not in self._days})
        if history is None:
            for day in wanted:
                self._days[day] = self._fallback(day, self._missing)
            return
        unknown = []
        for day in wanted:
            index = history.commit_on(day)
            if index is None:
                first = wording.chinese_date(history.commits[0].date)
                reason = f"事项登记册在 git 中最早的版本是{first}的"
                self._days[day] = self._fallback(day, f"{reason}；{SHALLOW}" if history.shallow else reason)
                continue
            commit = history.commits[index]
            figures = self._by_commit.get(commit.sha) or (self.cache.get(commit.sha) if self.cache else None)
            if figures is None:
                unknown.append(day)
            else:
                self._by_commit[commit.sha] = figures
                self._days[day] = DatedFigures(figures, Edition(commit.date, commit.sha), day)
        for day, state in history.states(unknown, self._items).items():
            figures = self._by_commit.get(state.commit) or published_figures(state.items, state.bundles)
            self._by_commit[state.commit] = figures
            if self.cache is not None:
                self.cache.put(state.commit, figures)
            self._days[day] = DatedFigures(figures, Edition(state.date, state.commit), day)
        if self.cache is not None:
            self.cache.save()

    def on(self, day: datetime.date) -> DatedFigures:
        if day not in self._days:
            self.prepare([day])
        return self._days[day]

    def _fallback(self, day: datetime.date, reason: str) -> DatedFigures:
        return DatedFigures(self.current.figures, self.current.edition, day, reason)

    def months(self) -> list[MonthFigures]:
        """Each month's figures at its last day, from the month of the registry's first commit; the
        current month's are today's."""
        if self.history is None:
            return []
        months = _months(self.history.commits[0].date, self.today)
        ends = [_month_end(month) for month in months[:-1]]
        self.prepare(ends)
        result = [MonthFigures(month, self._days[end]) for month, end in zip(months, ends, strict=False)]
        return [*result, MonthFigures(months[-1], self.current)]


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    month = first.replace(day=1)
    months = [month]
    while (month.year, month.month) < (last.year, last.month):
        month = (month + datetime.timedelta(days=32)).replace(day=1)
        months.append(month)
    return months


def _month_end(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
