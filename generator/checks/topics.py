"""Audience and topics agree: an item only for legal persons is found under business themes, an item only
for natural persons under life events — the national platform files each item under the topic list of
its audience, and a provincial check reports an item whose topics serve the other side."""

from __future__ import annotations

from functools import lru_cache

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.models import Audience
from generator.models.topics import BUSINESS_THEMES, LIFE_EVENTS, SHARED_THEMES, TopicSide, topic_sides

AUDIENCE_MISMATCH = rule(
    "topics.audience-mismatch",
    Severity.WARNING,
    "只面向法人的事项用企业主题，只面向自然人的事项用人生事件主题",
    protects="群众按“个人办事”“法人办事”和主题找事项；主题和服务对象对不上，事项就出现在找不到它的人面前、"
    "不出现在要找它的人面前",
    fix="按服务对象改用对应一方的主题；本地主题可在 registry.yml 的 topics 中登记它面向哪一方",
    sources=("zj-quality-check", "national-topics"),
)

_OTHER = {TopicSide.PERSON: TopicSide.BUSINESS, TopicSide.BUSINESS: TopicSide.PERSON}
_WORDS = {TopicSide.PERSON: "自然人", TopicSide.BUSINESS: "法人"}
_EXAMPLES = {
    TopicSide.PERSON: "、".join(LIFE_EVENTS[:6]),
    TopicSide.BUSINESS: "、".join(SHARED_THEMES[:1] + BUSINESS_THEMES[:5]),
}


@lru_cache(maxsize=8)
def _sides(person: tuple[str, ...], business: tuple[str, ...]):
    return topic_sides(person, business)


def audience_side(audience: list[Audience]) -> TopicSide | None:
    """The one side an item serves, or None when it serves both."""
    person = any(a.is_person for a in audience)
    legal = any(not a.is_person for a in audience)
    if person and legal:
        return None
    return TopicSide.PERSON if person else TopicSide.BUSINESS


@item_check
def topics_serve_the_audience(record, registry):
    item = record.item
    side = audience_side(item.audience)
    if side is None:
        return
    settings = registry.settings.topics
    sides = _sides(tuple(settings.person), tuple(settings.business))
    other = _OTHER[side]
    for index, topic in enumerate(item.topics):
        if sides.get(topic) == frozenset({other}):
            yield finding(
                record,
                ("topics", index),
                AUDIENCE_MISMATCH,
                f"主题 (topics[{index}])“{topic}”只面向{_WORDS[other]}，但服务对象 (audience) 只有{_WORDS[side]}："
                f"请改用面向{_WORDS[side]}的主题，如 {_EXAMPLES[side]}",
            )
    if not any(side in sides.get(topic, ()) for topic in item.topics):
        yield finding(
            record,
            ("topics",),
            AUDIENCE_MISMATCH,
            f"服务对象 (audience) 只有{_WORDS[side]}，主题 (topics) 中却没有面向{_WORDS[side]}的主题："
            f"请加上一个，如 {_EXAMPLES[side]}；本地主题请在 registry.yml 的 topics.{'person' if side is TopicSide.PERSON else 'business'} 中登记",
        )
