"""The finder's tokenizer. The browser's gov-tokenize.js implements the same definition:

1. NFKC, lower case, traditional characters mapped to simplified;
2. every run of Han characters gives each character and each pair of neighbouring characters;
3. every run of Latin letters and digits gives one token;
4. everything else separates.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from generator.finder.chinese import traditional_to_simplified

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


def query_tokens(text: str) -> list[str]:
    """The tokens a query searches with: bigrams, and single characters only where no bigram covers them
    (a one-character word such as 办 in “办 身份证”). Common single characters match most documents and
    only slow the query down."""
    tokens: list[str] = []
    for han, latin in _runs(text):
        if latin or len(han) == 1:
            tokens.append(latin or han)
        else:
            tokens.extend(han[i : i + 2] for i in range(len(han) - 1))
    return list(dict.fromkeys(tokens))
