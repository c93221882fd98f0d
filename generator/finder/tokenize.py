"""The finder's tokenizer. The browser's gov-tokenize.js implements the same definition:

1. NFKC, lower case, traditional characters mapped to simplified;
2. every run of Han characters gives each character and each pair of neighbouring characters;
3. every run of Latin letters and digits gives one token;
4. everything else separates.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from generator.finder.chinese import traditional_to_simplified

STOPWORDS_FILE = Path(__file__).parent / "data" / "stopwords.json"

_RUNS = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)|([a-z0-9]+)")


@cache
def _t2s_table() -> dict[int, str]:
    return str.maketrans(traditional_to_simplified())


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().translate(_t2s_table())


def _runs(text: str) -> list[tuple[str, str]]:
    """(Han run, Latin run) pairs of the normalized text; one of the two is empty."""
    return _RUNS.findall(normalize(text))


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for han, latin in _runs(text):
        if latin:
            tokens.append(latin)
            continue
        tokens.extend(han)
        tokens.extend(han[i : i + 2] for i in range(len(han) - 1))
    return tokens


def shard_of(token: str, shards: int) -> int:
    """Which shard holds a term: FNV-1a (32-bit) of its UTF-8 bytes, modulo the shard count."""
    value = 0x811C9DC5
    for byte in token.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


@cache
def _stopword_lists() -> dict[str, list[str]]:
    return json.loads(STOPWORDS_FILE.read_text(encoding="utf-8"))


@cache
def stopwords() -> tuple[str, ...]:
    """Question and filler words (怎么办, 需要, 吗 …), normalized, longest first."""
    return tuple(sorted({normalize(w) for w in _stopword_lists()["words"]}, key=lambda word: (-len(word), word)))


def asks(text: str) -> bool:
    """Whether a query is a question (身份证丢了怎么办, 还能上户口吗): it holds a question word."""
    normalized = normalize(text)
    return any(normalize(word) in normalized for word in _stopword_lists()["questions"])


def without_fillers(text: str) -> str:
    """The normalized query with each question or filler word replaced by a space, the longest word that
    starts at a position winning, left to right: 生娃要办啥 → 生娃."""
    normalized = normalize(text)
    words = stopwords()
    out: list[str] = []
    position = 0
    while position < len(normalized):
        word = next((w for w in words if normalized.startswith(w, position)), None)
        if word is None:
            out.append(normalized[position])
            position += 1
        else:
            out.append(" ")
            position += len(word)
    return "".join(out)


def query_runs(text: str) -> list[tuple[str, str]]:
    """(Han run, Latin run) pairs of a query once its question and filler words are gone."""
    return _RUNS.findall(without_fillers(text))


def query_tokens(text: str) -> list[str]:
    """The tokens a query searches with: bigrams, and single characters only where no bigram covers them
    (a one-character word such as 办 in “办 身份证”). Common single characters match most documents and
    only slow the query down. Question and filler words are left out first."""
    tokens: list[str] = []
    for han, latin in query_runs(text):
        if latin or len(han) == 1:
            tokens.append(latin or han)
        else:
            tokens.extend(han[i : i + 2] for i in range(len(han) - 1))
    return list(dict.fromkeys(tokens))


def coverage(text: str, matched: set[str]) -> float:
    """The share of the query's characters (fillers aside) that the `matched` tokens cover: a bigram covers
    its two characters, a single character or a Latin word itself. 0 for an empty query."""
    covered = total = 0
    for han, latin in query_runs(text):
        if latin:
            total += 1
            covered += latin in matched
            continue
        if len(han) == 1:
            total += 1
            covered += han in matched
            continue
        marks = [False] * len(han)
        for i in range(len(han) - 1):
            if han[i : i + 2] in matched:
                marks[i] = marks[i + 1] = True
        total += len(han)
        covered += sum(marks)
    return covered / total if total else 0.0
