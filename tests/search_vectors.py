"""The finder's ranking vectors: a small fixed index and, for each query, the ranked documents with their
scores as generator/finder/index.py's search computes them. The browser's gov-search.js is checked
against the same file (tests/js/search.test.js); tests/test_finder.py checks that the file is current.

    python tests/search_vectors.py     # writes tests/fixtures/search_vectors.json
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.finder.index import FinderDoc, finder_files, load_indexes, search
from generator.finder.tokenize import query_tokens

PATH = Path(__file__).parent / "fixtures" / "search_vectors.json"

DOCUMENTS = [
    ("食品经营许可", "新办", "开饭店 开超市 卖食品", "开饭店、超市、便利店，开业前要办这张许可证。"),
    ("食品经营许可", "变更", "改地址 换负责人", "许可证上的地址、负责人变了，要办变更。"),
    ("企业设立登记", "", "开公司 注册公司 营业执照", "想开公司，先来领营业执照。"),
    ("个体工商户登记", "", "开小店 个体户 营业执照", "开一家小店，办个体户营业执照。"),
    ("居民身份证申领", "", "办身份证 身份证丢了 补办身份证", "第一次办身份证或补领、换领。"),
    ("出生医学证明", "", "出生证 生孩子 出生证明", "孩子在医院出生后领取出生医学证明。"),
    ("新生儿入户", "", "上户口 孩子上户口", "新生儿落户到父母户口上。"),
    ("住房公积金提取", "购房", "公积金取钱 买房 提取公积金", "买房后提取住房公积金。"),
    ("社会保障卡申领", "", "社保卡 医保卡", "办一张社保卡，看病、领待遇都用它。"),
    ("道路货物运输经营许可", "", "货运 ETC 运输证", "开货运公司要办道路运输经营许可证。"),
    ("港澳通行证", "", "港澳 通行证 签注", "去香港、澳门旅游探亲要办通行证。"),
    ("退休一件事", "", "退休 养老金", "退休要办的事一次办好。"),
]
QUERIES = [
    "开饭店",
    "营业执照",
    "營業執照",
    "身份证丢了",
    "办 身份证",
    "生孩子",
    "孩子上户口",
    "公积金取钱",
    "ETC",
    "港澳通行证",
    "退休",
    "医",
    "卖食品的许可证怎么办",
    "火星移民",
]


def build() -> dict:
    docs = [
        FinderDoc(
            "item",
            name,
            f"u/{number}/",
            {"name": name, "sub_name": sub, "keywords": keywords, "summary": summary},
            facets={
                "department": "甲局",
                "type": "行政许可",
                "topics": [],
                "audience": 1,
                "visits": 1,
                "fully_online": False,
            },
        )
        for number, (name, sub, keywords, summary) in enumerate(DOCUMENTS)
    ]
    files = finder_files(docs)
    table, shards = load_indexes(files)
    cases = [
        {
            "query": query,
            "tokens": query_tokens(query),
            "ranked": [[ref, score] for ref, score in search(table, shards, query)],
        }
        for query in QUERIES
    ]
    return {
        "about": "The finder's ranking, one definition for Python (generator/finder/index.py) and the browser "
        "(overrides/assets/javascripts/gov-search.js). Regenerate with: python tests/search_vectors.py",
        "table": {key: table[key] for key in ("shards", "bigramBoost", "relativeFloor")},
        "shards": shards,
        "cases": cases,
    }


def text() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    PATH.write_text(text(), encoding="utf-8")
