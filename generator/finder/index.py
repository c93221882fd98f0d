"""Building the finder's files: the document table, the character table and the index, split by term
into shards so the browser fetches only the shards of the terms in a query.

The index holds, for every term, each document it occurs in with the term's weight there, BM25
(k1 1.2, b 0.75, lunr's idf) computed over whole fields at build time and summed over the fields
with their boosts. A query's score for a document is the sum of its terms' weights, bigrams counted
three times: the browser only adds numbers. For a single index this ranks exactly as lunr does (a
test compares the scores with lunr.py's); lunr's own format needs a vector per document and field
in every shard, which at city scale took most of the build.

Shard file: {"term": [doc, weight, doc, weight, …], …}, documents in ascending order.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

from generator.finder.chinese import traditional_to_simplified
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
K1 = 1.2
B = 0.75
DOCS_PER_SHARD = 10
BIGRAM_BOOST = 3
RELATIVE_FLOOR = 0.2  # results scoring below this share of the best are dropped
FORMAT_VERSION = 2


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


# term → (document, field number, occurrences in the field, tokens in the field), documents ascending
Postings = dict[str, list[tuple[int, int, int, int]]]


@dataclass
class Counts:
    """What BM25 needs from the whole collection: the number of documents and each field's total length."""

    documents: int = 0
    lengths: list[int] = field(default_factory=lambda: [0] * len(FIELDS))

    def add(self, other: Counts) -> None:
        self.documents += other.documents
        self.lengths = [a + b for a, b in zip(self.lengths, other.lengths, strict=True)]


def postings(docs: Iterable[FinderDoc], first_ref: int) -> tuple[Postings, Counts]:
    """Each term's occurrences in `docs`, numbered from `first_ref`. Large registries take runs of
    documents on several cores and merge the runs in order."""
    found: Postings = defaultdict(list)
    counts = Counts()
    for ref, doc in enumerate(docs, start=first_ref):
        counts.documents += 1
        for number, (name, _) in enumerate(FIELDS):
            tokens = tokenize(doc.text.get(name, ""))
            if not tokens:
                continue
            length = len(tokens)
            counts.lengths[number] += length
            frequency: dict[str, int] = {}
            for token in tokens:
                frequency[token] = frequency.get(token, 0) + 1
            for token, occurrences in frequency.items():
                found[token].append((ref, number, occurrences, length))
    return found, counts


def weights(entries: list[tuple[int, int, int, int]], counts: Counts) -> list[float | int]:
    """One term's [doc, weight, …]: BM25 per field as lunr computes it (scores rounded to 3 decimals),
    summed over the fields."""
    total = counts.documents
    with_term = len(entries)  # lunr counts a document once per field the term is in
    idf = math.log(1 + abs((total - with_term + 0.5) / (with_term + 0.5)))
    averages = [length / total for length in counts.lengths]
    flat: list[float | int] = []
    for ref, number, occurrences, length in entries:
        norm = K1 * (1 - B + B * length / averages[number])
        score = round(idf * (K1 + 1) * occurrences / (norm + occurrences) * FIELDS[number][1], 3)
        if flat and flat[-2] == ref:
            flat[-1] = round(flat[-1] + score, 3)
        else:
            flat += [ref, score]
    return flat


def shard_file(postings_by_term: Postings, counts: Counts) -> str:
    """One shard of the index, as the browser loads it."""
    return _json({term: weights(postings_by_term[term], counts) for term in sorted(postings_by_term)})


def _topics(doc: FinderDoc) -> list[str]:
    return list(cast(list[str], doc.facets.get("topics", [])))


def _dictionary(values: Iterable[str]) -> tuple[list[str], dict[str, int]]:
    names = sorted(set(values), key=lambda v: v.encode("utf-8"))
    return names, {name: index for index, name in enumerate(names)}


@dataclass
class FacetNames:
    """The names the facets of item documents take, each list sorted, and each name's number in it."""

    departments: list[str]
    types: list[str]
    topics: list[str]
    department_index: dict[str, int]
    type_index: dict[str, int]
    topic_index: dict[str, int]

    @classmethod
    def of(cls, docs: Iterable[FinderDoc]) -> FacetNames:
        """One pass over `docs`, so a stream of documents (a province's) is read only once."""
        departments: set[str] = set()
        types: set[str] = set()
        topics: set[str] = set()
        for doc in docs:
            if doc.kind == "item":
                departments.add(str(doc.facets.get("department", "")))
                types.add(str(doc.facets.get("type", "")))
                topics.update(_topics(doc))
        (d, di), (y, yi), (t, ti) = _dictionary(departments), _dictionary(types), _dictionary(topics)
        return cls(d, y, t, di, yi, ti)


def finder_files(docs: list[FinderDoc]) -> dict[str, str]:
    """File name → content for the site's finder/ folder."""
    shards = shard_count(len(docs))
    files = table_files(docs)
    found, counts = postings(docs, 0)
    by_shard: dict[int, Postings] = defaultdict(dict)
    for term, entries in found.items():
        by_shard[shard_of(term, shards)][term] = entries
    for number in range(shards):
        files[f"shard-{number}.json"] = shard_file(by_shard[number], counts)
    return files


def table_files(docs: list[FinderDoc], shards: int | None = None) -> dict[str, str]:
    """The files besides the shards: the document table (docs.json) and the character table. `shards`:
    the number of shard files, when not the one `shard_count` gives for these documents."""
    names = FacetNames.of(docs)
    return {
        "docs.json": "".join(table_chunks(shards or shard_count(len(docs)), names, docs)),
        "t2s.json": character_table(),
    }


def character_table() -> str:
    """t2s.json: traditional → simplified characters, for the browser's tokenizer."""
    return _json(traditional_to_simplified())


def table_chunks(shards: int, names: FacetNames, docs: Iterable[FinderDoc]) -> Iterator[str]:
    """docs.json in pieces, one per document, for writing a table larger than memory should hold."""
    head = {
        "version": FORMAT_VERSION,
        "shards": shards,
        "bigramBoost": BIGRAM_BOOST,
        "relativeFloor": RELATIVE_FLOOR,
        "departments": names.departments,
        "types": names.types,
        "topics": names.topics,
    }
    yield _json(head)[:-1] + ',"docs":['
    for number, doc in enumerate(docs):
        yield ("," if number else "") + _json(table_row(doc, names))
    yield "]}"


def table_row(doc: FinderDoc, names: FacetNames) -> dict[str, object]:
    """A document as docs.json holds it: what a result shows, and an item's facets by number."""
    row: dict[str, object] = {"k": doc.kind, "t": doc.title, "u": doc.url, **doc.display}
    if doc.kind == "item":
        row.update(
            d=names.department_index[str(doc.facets["department"])],
            y=names.type_index[str(doc.facets["type"])],
            p=[names.topic_index[t] for t in _topics(doc)],
            a=doc.facets["audience"],
            v=doc.facets["visits"],
            o=1 if doc.facets["fully_online"] else 0,
        )
    return row


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_indexes(files: dict[str, str]) -> tuple[dict, list[dict[str, list]]]:
    """The docs table and the shards, loaded back as the browser loads them."""
    table = json.loads(files["docs.json"])
    return table, [json.loads(files[f"shard-{n}.json"]) for n in range(table["shards"])]


def search(table: dict, shards: list[dict[str, list]], query: str) -> list[tuple[int, float]]:
    """(doc number, score), best first, as finder.js computes them: the weights of the query's terms
    added up in the order of the query's tokens, bigrams counted three times."""
    scores: dict[int, float] = {}
    for token in query_tokens(query):
        boost = table["bigramBoost"] if _is_bigram(token) else 1
        flat = shards[shard_of(token, table["shards"])].get(token, [])
        for position in range(0, len(flat), 2):
            scores[flat[position]] = scores.get(flat[position], 0) + boost * flat[position + 1]
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    floor = ranked[0][1] * table["relativeFloor"] if ranked else 0
    return [(ref, score) for ref, score in ranked if score >= floor]


def _is_bigram(token: str) -> bool:
    return len(token) == 2 and all(c >= "\u3400" for c in token)
