"""The finder's ranking vectors: a small fixed index and, for each query, the ranked documents with their
scores as generator/finder/index.py's rank computes them, and the whole search (find: life events and
questions first, weak answers, near spellings). The browser's gov-search.js is checked against the same
file (tests/js/search.test.js); tests/test_finder.py checks that the file is current.

    python tests/search_vectors.py     # writes tests/fixtures/search_vectors.json
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.finder.index import FinderDoc, find, finder_files, load_indexes, rank
from generator.finder.tokenize import query_tokens

PATH = Path(__file__).parent / "fixtures" / "search_vectors.json"

# (kind, name, sub-name, keywords, summary)
DOCUMENTS = [
    ("item", "食品经营许可", "新办", "开饭店 开超市 卖食品", "开饭店、超市、便利店，开业前要办这张许可证。"),
    ("item", "食品经营许可", "变更", "改地址 换负责人", "许可证上的地址、负责人变了，要办变更。"),
    ("item", "企业设立登记", "", "开公司 注册公司 营业执照", "想开公司，先来领营业执照。"),
    ("item", "个体工商户登记", "", "开小店 个体户 营业执照", "开一家小店，办个体户营业执照。"),
    ("item", "居民身份证申领", "", "办身份证 补办身份证", "第一次办身份证或补领、换领。"),
    ("item", "出生医学证明", "", "出生证 生孩子 出生证明", "孩子在医院出生后领取出生医学证明。"),
    ("item", "新生儿入户", "", "上户口 孩子上户口", "新生儿落户到父母户口上。"),
    ("item", "住房公积金提取", "购房", "公积金取钱 买房 提取公积金", "买房后提取住房公积金。"),
    ("item", "社会保障卡申领", "", "社保卡 医保卡", "办一张社保卡，看病、领待遇都用它。"),
    ("item", "道路货物运输经营许可", "", "货运 ETC 运输证", "开货运公司要办道路运输经营许可证。"),
    ("item", "港澳通行证", "", "港澳 通行证 签注", "去香港、澳门旅游探亲要办通行证。"),
    ("bundle", "退休一件事", "", "退休 办退休", ""),
    ("bundle", "开办企业一件事", "", "开公司 开办企业", ""),
    ("path", "生孩子", "", "生孩子 生娃 宝宝出生", ""),
    ("faq", "", "", "", "身份证丢了怎么办？"),
    ("faq", "", "", "", "公积金取钱要交手续费吗？"),
]
QUERIES = [
    "开饭店",
    "营业执照",
    "營業執照",
    "身份证丢了",
    "身份证丢了怎么办",
    "办 身份证",
    "生孩子",
    "生娃要办啥",
    "孩子上户口",
    "公积金取钱",
    "公积金取钱收手续费吗",
    "丢了身份证怎么补",
    "ETC",
    "港澳通行证",
    "退休",
    "开公司",
    "医",
    "卖食品的许可证怎么办",
    "身分证",
    "社宝卡",
    "养狗登记",
    "火星移民",
]


def build() -> dict:
    docs = [
        FinderDoc(
            kind,
            name or summary,
            f"u/{number}/",
            {"name": name, "sub_name": sub, "keywords": keywords, "summary": summary}
            if kind != "faq"
            else {"summary": summary, "keywords": summary},
            facets={
                "department": "甲局",
                "type": "行政许可",
                "topics": [],
                "audience": 1,
                "visits": 1,
                "fully_online": False,
            },
        )
        for number, (kind, name, sub, keywords, summary) in enumerate(DOCUMENTS)
    ]
    files = finder_files(docs)
    table, shards = load_indexes(files)
    cases = []
    for query in QUERIES:
        tokens = query_tokens(query)
        postings = [shards[0].get(token, []) for token in tokens] if table["shards"] == 1 else None
        assert postings is not None, "the vectors keep one shard"
        found = find(table, shards, query)
        cases.append(
            {
                "query": query,
                "tokens": tokens,
                "ranked": [[ref, score] for ref, score in rank(table, tokens, postings)],
                "found": [ref for ref, _ in found.hits],
                "weak": found.weak,
                "corrected": found.corrected,
            }
        )
    keys = (
        "shards",
        "bigramBoost",
        "relativeFloor",
        "weakCoverage",
        "coverageOf",
        "faqWindow",
        "faqFirst",
        "maxCorrections",
        "lifeEventKinds",
    )
    return {
        "about": "The finder's ranking and search, one definition for Python (generator/finder/index.py) and the "
        "browser (overrides/assets/javascripts/gov-search.js). Regenerate with: python tests/search_vectors.py",
        "table": {**{key: table[key] for key in keys}, "docs": [{"k": doc["k"]} for doc in table["docs"]]},
        "shards": shards,
        "cases": cases,
    }


def text() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    PATH.write_text(text(), encoding="utf-8")
