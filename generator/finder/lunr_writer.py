"""A lunr 2.3.9 index written directly, byte for byte what lunr.py's Builder serializes for the same
documents (a test compares the two), at a fraction of the cost: lunr.py's Builder spends most of its
time on per-token objects, and a city-sized registry has millions of tokens.

Same model as lunr: BM25 (k1 1.2, b 0.75) per field, field boosts, scores rounded to 3 decimals, an
empty pipeline; documents are given as lists of tokens per field. One difference: a field with no
token gets no vector (lunr.js never reads an empty one), which keeps sharded indexes small.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

K1 = 1.2
B = 0.75
LUNR_VERSION = "2.3.9"


def serialize_index(fields: Sequence[tuple[str, int]], documents: Iterable[tuple[str, dict[str, list[str]]]]) -> dict:
    """`fields`: (name, boost) in order; `documents`: (ref, {field: tokens}) in order."""
    names = [name for name, _ in fields]
    boosts = dict(fields)
    postings: dict[str, dict] = {}
    frequencies: list[tuple[str, str, dict[str, int], int]] = []  # (field, ref, tf by term, length)
    length_sum = dict.fromkeys(names, 0)
    count = 0
    for ref, tokens_by_field in documents:
        count += 1
        for name, tokens in tokens_by_field.items():
            if not tokens:
                continue  # adds nothing but a zero to the field's average length
            term_frequency: dict[str, int] = {}
            for term in tokens:
                term_frequency[term] = term_frequency.get(term, 0) + 1
            for term in term_frequency:
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = {field: {} for field in names}
                    posting["_index"] = len(postings) - 1
                posting[name][ref] = {}
            frequencies.append((name, ref, term_frequency, len(tokens)))
            length_sum[name] += len(tokens)
    if not count:
        return {"version": LUNR_VERSION, "fields": names, "fieldVectors": [], "invertedIndex": [], "pipeline": []}
    average = {name: length_sum[name] / count for name in names}
    idf = {
        term: math.log(1 + abs((count - (n := sum(len(posting[field]) for field in names)) + 0.5) / (n + 0.5)))
        for term, posting in postings.items()
    }
    field_vectors = []
    for name, ref, term_frequency, length in frequencies:
        norm = K1 * (1 - B + B * (length / average[name])) if average[name] else K1 * (1 - B)
        boost = boosts[name]
        if len(term_frequency) == 1:  # most vectors in a shard hold one term
            [(term, tf)] = term_frequency.items()
            vector = [postings[term]["_index"], round(idf[term] * ((K1 + 1) * tf) / (norm + tf) * boost, 3)]
        else:
            elements = [
                (postings[term]["_index"], round(idf[term] * ((K1 + 1) * tf) / (norm + tf) * boost, 3))
                for term, tf in term_frequency.items()
            ]
            elements.sort()
            vector = [value for pair in elements for value in pair]
        field_vectors.append([f"{name}/{ref}", vector])
    return {
        "version": LUNR_VERSION,
        "fields": names,
        "fieldVectors": field_vectors,
        "invertedIndex": [[term, postings[term]] for term in sorted(postings)],
        "pipeline": [],
    }
