"""RSS 2.0 for the bulletins (改革动态), written by the build, with China Standard Time dates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import format_datetime

from generator.text import xml_text as escape

CHINA_STANDARD_TIME = datetime.timezone(datetime.timedelta(hours=8))


@dataclass(frozen=True)
class Bulletin:
    title: str
    url: str  # site-relative, e.g. "bulletins/2026/11/10/bundles-one-application/"
    date: datetime.date
    description: str


def rss(title: str, site_url: str, description: str, entries: Iterable[Bulletin]) -> str:
    base = site_url.rstrip("/") + "/"
    items = []
    for entry in entries:
        url = base + entry.url
        # A date-only post is published at 09:00 Beijing time, not at midnight UTC.
        published = datetime.datetime.combine(entry.date, datetime.time(9, 0), CHINA_STANDARD_TIME)
        items.append(
            "<item>"
            f"<title>{escape(entry.title)}</title>"
            f"<link>{escape(url)}</link>"
            f'<guid isPermaLink="true">{escape(url)}</guid>'
            f"<pubDate>{format_datetime(published)}</pubDate>"
            f"<description>{escape(entry.description)}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(base)}</link>"
        f"<description>{escape(description)}</description><language>zh-CN</language>"
        + "".join(items)
        + "</channel></rss>\n"
    )
