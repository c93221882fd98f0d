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

from generator import wording
from generator.finder.chinese import traditional_to_simplified
from generator.finder.spelling import NEAR_FILE, candidates
from generator.finder.tokenize import STOPWORDS_FILE, asks, coverage, query_tokens, shard_of, tokenize

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
# A 一件事 or a path that covers as much of the query as the best other result comes first: the query
# names its life event (开公司, 生孩子), not one of its items.
LIFE_EVENT_KINDS = ("bundle", "path")
# The best result covers at most this share of the query's characters: not an answer (没有找到对应的事项).
WEAK_COVERAGE = 0.5
COVERAGE_OF = 5  # the first results, whose coverage tells whether the query found an answer
FAQ_WINDOW = 20  # the results a 常见问题 is looked for among
FAQ_FIRST = 2  # at most this many questions before the items
MAX_CORRECTIONS = 2  # a query with more unknown bigrams is a sentence, not a misspelt word
FORMAT_VERSION = 3


@dataclass
class FinderDoc:
    """One searchable thing: an item, a 一件事, a bulletin or a page."""

    kind: str  # item | faq | bundle | path | bulletin | page
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
        **support_files(),
    }


def support_files() -> dict[str, str]:
    """What the browser's search reads besides the table and the shards: the character table, and the
    question and filler words and the near spellings as the repository holds them."""
    return {
        "t2s.json": character_table(),
        "stopwords.json": STOPWORDS_FILE.read_text(encoding="utf-8"),
        "near.json": NEAR_FILE.read_text(encoding="utf-8"),
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
        "weakCoverage": WEAK_COVERAGE,
        "coverageOf": COVERAGE_OF,
        "faqWindow": FAQ_WINDOW,
        "faqFirst": FAQ_FIRST,
        "maxCorrections": MAX_CORRECTIONS,
        "lifeEventKinds": list(LIFE_EVENT_KINDS),
        "words": wording.FINDER_WORDS,
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


@dataclass
class Answer:
    """What a query finds: the ranked hits, whether the best of them answers the query at all, and the
    near spellings used for bigrams the index does not know (身分 → 身份)."""

    hits: list[tuple[int, float]]
    weak: bool
    corrected: dict[str, str] = field(default_factory=dict)


def _postings(table: dict, shards: list[dict[str, list]], token: str) -> list:
    return shards[shard_of(token, table["shards"])].get(token, [])


def rank(table: dict, tokens: list[str], postings: list[list]) -> list[tuple[int, float]]:
    """(doc number, score), best first, as gov-search.js ranks them: the weights of the query's terms added
    up in the order of the tokens, bigrams counted three times; results below a share of the best dropped."""
    scores: dict[int, float] = {}
    for token, flat in zip(tokens, postings, strict=True):
        boost = table["bigramBoost"] if _is_bigram(token) else 1
        for position in range(0, len(flat), 2):
            scores[flat[position]] = scores.get(flat[position], 0) + boost * flat[position + 1]
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    if not ranked:
        return []
    best = ranked[0][1]
    return [(ref, score) for ref, score in ranked if score >= best * table["relativeFloor"]]


def _coverage_of(query: str, postings: list[list], ref: int, original: list[str]) -> float:
    """The share of the query's characters that document `ref` covers. `original[i]` is the query's own
    token that the i-th searched token stands for (itself, or the bigram it corrects)."""
    return coverage(query, {original[i] for i, flat in enumerate(postings) if ref in flat[0::2]})


def _best_coverage(table: dict, query: str, postings: list[list], hits: list, original: list[str]) -> float:
    return max((_coverage_of(query, postings, ref, original) for ref, _ in hits[: table["coverageOf"]]), default=0.0)


def _answer(table: dict, query: str, postings: list[list], hits: list, original: list[str], corrected=None) -> Answer:
    """The hits in the order they are shown. A 一件事 or path that covers the query as well as the first items
    comes first (the query names its life event); then a 常见问题 among the first results that covers more of
    the query than any of the first items, or as much when the query is a question (it answers the very
    question). Weak when no first result covers more than a share of the query."""
    docs = table["docs"]

    def kind(hit: tuple[int, float]) -> str:
        return docs[hit[0]]["k"]

    def covered(hit: tuple[int, float]) -> float:
        return _coverage_of(query, postings, hit[0], original)

    floor = table["weakCoverage"]
    bar = _best_coverage(
        table, query, postings, [h for h in hits if kind(h) not in LIFE_EVENT_KINDS and kind(h) != "faq"], original
    )
    life = [h for h in hits if kind(h) in LIFE_EVENT_KINDS and (c := covered(h)) >= bar and c > floor]
    question = asks(query)
    faqs = [
        h
        for h in hits[: table["faqWindow"]]
        if kind(h) == "faq" and ((c := covered(h)) > bar or (question and c >= bar)) and c > floor
    ][: table["faqFirst"]]
    chosen = {ref for ref, _ in life + faqs}
    ordered = life + faqs + [hit for hit in hits if hit[0] not in chosen]
    weak = max([bar, *map(covered, life + faqs), _best_coverage(table, query, postings, hits, original)]) <= floor
    return Answer(ordered, weak, corrected or {})


def find(table: dict, shards: list[dict[str, list]], query: str) -> Answer:
    """The whole search as the browser runs it (finder-data.js): the exact terms first. When some bigrams
    are unknown to the index (at most MAX_CORRECTIONS) and each has a near spelling the index knows, the
    query runs again with each replaced by its near spelling found in the most documents, and that answer
    is kept when it covers more of the query."""
    tokens = query_tokens(query)
    postings = [_postings(table, shards, token) for token in tokens]
    hits = rank(table, tokens, postings)
    exact = _answer(table, query, postings, hits, tokens)
    unknown = [token for token, flat in zip(tokens, postings, strict=True) if not flat and _is_bigram(token)]
    if not unknown or len(unknown) > table["maxCorrections"]:
        return exact
    corrected: dict[str, str] = {}
    for token in unknown:
        found = [
            (len(flat), candidate) for candidate in candidates(token) if (flat := _postings(table, shards, candidate))
        ]
        if not found:
            return exact  # a word the registry does not hold (养狗, 电梯), not a slip of the pen
        corrected[token] = max(found, key=lambda pair: pair[0])[1]  # the first of the most frequent
    near_tokens = [corrected.get(token, token) for token in tokens]
    near_postings = [_postings(table, shards, token) for token in near_tokens]
    near_hits = rank(table, near_tokens, near_postings)
    if _best_coverage(table, query, near_postings, near_hits, tokens) <= _best_coverage(
        table, query, postings, hits, tokens
    ):
        return exact
    return _answer(table, query, near_postings, near_hits, tokens, corrected)


def search(table: dict, shards: list[dict[str, list]], query: str) -> list[tuple[int, float]]:
    """(doc number, score), best first, as finder.js computes them (near spellings included)."""
    return find(table, shards, query).hits


def _is_bigram(token: str) -> bool:
    return len(token) == 2 and all(c >= "\u3400" for c in token)
