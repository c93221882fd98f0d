"""Building the finder's files: document list, lunr indexes (one per shard of terms), character table.

The indexes are written by lunr_writer (identical to lunr.py's Builder output, much faster) and read
back, in Python, by lunr.py's Index — the same format lunr.js loads in the browser.

A large registry's index is split by term: the browser fetches only the shards of the terms in the
query, so what it downloads before the first result stays small at city scale.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lunr.index import Index
from lunr.query import QueryPresence

from generator.finder.chinese import traditional_to_simplified
from generator.finder.lunr_writer import serialize_index
from generator.finder.tokenize import query_tokens, shard_of, tokenize

# Field weights: name, sub-name, keywords, summary, topics, department, materials — in that order.
FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 10),
    ("sub_name", 8),
    ("keywords", 6),
    ("summary", 4),
    ("topics", 3),
    ("department", 2),
    ("materials", 1),
)
DOCS_PER_SHARD = 10
BIGRAM_BOOST = 3
RELATIVE_FLOOR = 0.2  # results scoring below this share of the best are dropped
FORMAT_VERSION = 1


@dataclass
class FinderDoc:
    """One searchable thing: an item, a 一件事, a bulletin or a page."""

    kind: str  # item | bundle | bulletin | page
    title: str
    url: str
    text: dict[str, str]  # field name → text to index
    facets: dict[str, object] = field(default_factory=dict)
    display: dict[str, object] = field(default_factory=dict)


def shard_count(documents: int) -> int:
    """A power of two that keeps shards small: a query fetches one shard per distinct token."""
    if documents <= 200:
        return 1
    return 2 ** math.ceil(math.log2(documents / DOCS_PER_SHARD))


def _utf16_order(entry: list) -> bytes:
    # lunr.js inserts terms into its token set in UTF-16 order; Python's default is code point order.
    return entry[0].encode("utf-16-be")


ShardEntries = dict[int, list[tuple[str, dict[str, list[str]]]]]  # shard → (ref, tokens by field), in ref order


def split_by_shard(docs: Iterable[FinderDoc], first_ref: int, shards: int) -> ShardEntries:
    """Each document's tokens, field by field, under the shard of each token; documents are numbered
    from `first_ref`. Large registries split their documents into runs mapped on several cores."""
    split: ShardEntries = defaultdict(list)
    shard_of_term: dict[str, int] = {}  # a registry has far fewer distinct terms than tokens
    for ref, doc in enumerate(docs, start=first_ref):
        by_shard: dict[int, dict[str, list[str]]] = defaultdict(dict)
        for name, _ in FIELDS:
            for token in tokenize(doc.text.get(name, "")):
                shard = shard_of_term.get(token)
                if shard is None:
                    shard = shard_of_term[token] = shard_of(token, shards)
                by_shard[shard].setdefault(name, []).append(token)
        for shard, fields in by_shard.items():
            split[shard].append((str(ref), fields))
    return split


def shard_file(entries: list[tuple[str, dict[str, list[str]]]]) -> str:
    """One shard's lunr index, as the browser loads it."""
    data = serialize_index(FIELDS, entries)
    data["invertedIndex"].sort(key=_utf16_order)
    return _json(data)


def _dictionary(values: Iterable[str]) -> tuple[list[str], dict[str, int]]:
    names = sorted(set(values), key=lambda v: (v.encode("utf-8")))
    return names, {name: index for index, name in enumerate(names)}


def finder_files(docs: list[FinderDoc]) -> dict[str, str]:
    """File name → content for the site's finder/ folder."""
    shards = shard_count(len(docs))
    files = table_files(docs)
    split = split_by_shard(docs, 0, shards)
    for number in range(shards):
        files[f"shard-{number}.json"] = shard_file(split.get(number, []))
    return files


def table_files(docs: list[FinderDoc]) -> dict[str, str]:
    """The files besides the shards: the document table (docs.json) and the character table."""
    shards = shard_count(len(docs))
    departments, department_index = _dictionary(str(d.facets.get("department", "")) for d in docs if d.kind == "item")
    types, type_index = _dictionary(str(d.facets.get("type", "")) for d in docs if d.kind == "item")
    topics, topic_index = _dictionary(t for d in docs if d.kind == "item" for t in d.facets.get("topics", []))
    rows = []
    for doc in docs:
        row: dict[str, object] = {"k": doc.kind, "t": doc.title, "u": doc.url, **doc.display}
        if doc.kind == "item":
            row.update(
                d=department_index[str(doc.facets["department"])],
                y=type_index[str(doc.facets["type"])],
                p=[topic_index[t] for t in doc.facets.get("topics", [])],
                a=doc.facets["audience"],
                v=doc.facets["visits"],
                o=1 if doc.facets["fully_online"] else 0,
            )
        rows.append(row)
    return {
        "docs.json": _json(
            {
                "version": FORMAT_VERSION,
                "shards": shards,
                "bigramBoost": BIGRAM_BOOST,
                "relativeFloor": RELATIVE_FLOOR,
                "departments": departments,
                "types": types,
                "topics": topics,
                "docs": rows,
            }
        ),
        "t2s.json": _json(traditional_to_simplified()),
    }


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_indexes(files: dict[str, str]) -> tuple[dict, list[Index]]:
    """The docs table and the lunr indexes, loaded back as the browser loads them."""
    table = json.loads(files["docs.json"])
    indexes = [Index.load(json.loads(files[f"shard-{n}.json"])) for n in range(table["shards"])]
    return table, indexes


def search(table: dict, indexes: list[Index], query: str) -> list[tuple[int, float]]:
    """(doc number, score), best first: every query token is optional; bigrams weigh more."""
    tokens = query_tokens(query)
    by_shard: dict[int, list[str]] = defaultdict(list)
    for token in tokens:
        by_shard[shard_of(token, table["shards"])].append(token)
    scores: dict[int, float] = defaultdict(float)
    for shard, shard_tokens in by_shard.items():
        index = indexes[shard]
        lunr_query = index.create_query()
        for token in shard_tokens:
            boost = table["bigramBoost"] if _is_bigram(token) else 1
            lunr_query.term(token, use_pipeline=False, boost=boost, presence=QueryPresence.OPTIONAL)
        for result in index.query(lunr_query):
            scores[int(result["ref"])] += result["score"]
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    floor = ranked[0][1] * table["relativeFloor"] if ranked else 0
    return [(ref, score) for ref, score in ranked if score >= floor]


def _is_bigram(token: str) -> bool:
    return len(token) == 2 and all(c >= "\u3400" for c in token)
