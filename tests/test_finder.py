"""我要办: one tokenizer on both sides, and the right guide in the first three results for real queries."""

import json
import os
import shutil
import subprocess

import pytest
from conftest import ROOT

from generator.finder.documents import bundle_documents, item_documents
from generator.finder.index import finder_files, load_indexes, search, shard_count
from generator.finder.tokenize import query_tokens, shard_of, tokenize
from generator.site.model import build_model

VECTORS = json.loads((ROOT / "tests/fixtures/tokenizer_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS["tokenize"], ids=lambda v: v["text"] or "empty")
def test_python_tokenizer_matches_vectors(vector):
    assert tokenize(vector["text"]) == vector["tokens"]


@pytest.mark.parametrize("vector", VECTORS["query"], ids=lambda v: v["text"])
def test_python_query_tokens_match_vectors(vector):
    assert query_tokens(vector["text"]) == vector["tokens"]


@pytest.mark.parametrize("vector", VECTORS["shard"], ids=lambda v: f"{v['token']}-{v['shards']}")
def test_python_shard_matches_vectors(vector):
    assert shard_of(vector["token"], vector["shards"]) == vector["shard"]


def test_javascript_tokenizer_matches_vectors(tmp_path):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed")
        pytest.skip("node is not installed")
    from generator.finder.chinese import traditional_to_simplified

    table = tmp_path / "t2s.json"
    table.write_text(json.dumps(traditional_to_simplified(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [node, "--test", str(ROOT / "tests/js/tokenize.test.js")],
        capture_output=True,
        text=True,
        env=dict(os.environ, GOV_T2S=str(table)),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    expected = len(VECTORS["tokenize"]) + len(VECTORS["query"]) + len(VECTORS["shard"])
    assert f"# pass {expected}" in result.stdout, result.stdout


def test_ranking_vectors_are_what_python_computes_now():
    """One definition of ranking: the vectors the browser is checked against are Python's own results."""
    import search_vectors

    assert search_vectors.PATH.read_text(encoding="utf-8") == search_vectors.text(), (
        "the ranking changed: regenerate with python tests/search_vectors.py"
    )


def test_javascript_ranking_matches_vectors():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed")
        pytest.skip("node is not installed")
    result = subprocess.run(
        [node, "--test", str(ROOT / "tests/js/search.test.js")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    cases = json.loads((ROOT / "tests/fixtures/search_vectors.json").read_text(encoding="utf-8"))["cases"]
    assert f"# pass {len(cases)}" in result.stdout, result.stdout


# (query as people type it, the guide that must be among the first three)
QUERIES = [
    ("开公司", "scjgj/company-registration"),
    ("营业执照", "scjgj/company-registration"),
    ("營業執照", "scjgj/company-registration"),
    ("营业执找", "scjgj/company-registration"),
    ("公司注销", "scjgj/company-deregistration"),
    ("公司改名", "scjgj/company-change-registration"),
    ("个体户", "scjgj/individual-business-registration"),
    ("开饭店", "scjgj/food-business-license"),
    ("食品经营许可证", "scjgj/food-business-license"),
    ("刻公章", "gaj/company-seal-filing"),
    ("办身份证", "gaj/id-card-application"),
    ("身份证", "gaj/id-card-application"),
    ("身份證過期", "gaj/id-card-renewal"),
    ("新生儿落户", "gaj/newborn-household-registration"),
    ("户口迁移", "gaj/household-migration"),
    ("居住证", "gaj/residence-permit"),
    ("办护照", "gaj/passport-application"),
    ("港澳通行证", "gaj/hk-macau-pass"),
    ("驾照到期", "gaj/driving-license-renewal"),
    ("无犯罪证明", "gaj/no-criminal-record-certificate"),
    ("开发票", "swj/invoice-application"),
    ("交契税", "swj/deed-tax-declaration"),
    ("纳税证明", "swj/tax-payment-certificate"),
    ("社保开户", "rsj/social-insurance-enrollment"),
    ("退休", "rsj/retirement-pension-application"),
    ("失业金", "rsj/unemployment-insurance-claim"),
    ("社保卡", "rsj/social-security-card"),
    ("拖欠工资", "rsj/labor-dispute-arbitration"),
    ("劳动仲裁", "rsj/labor-dispute-arbitration"),
    ("异地就医", "ybj/out-of-area-medical-filing"),
    ("医保报销", "ybj/medical-expense-reimbursement"),
    ("公积金取钱", "gjj/provident-fund-withdrawal-purchase"),
    ("退休取公积金", "gjj/provident-fund-withdrawal-retirement"),
    ("公积金贷款", "gjj/provident-fund-loan"),
    ("公积金", "gjj/provident-fund-withdrawal-purchase"),
    ("出生证明", "wjw/birth-medical-certificate"),
    ("生孩子", "wjw/birth-medical-certificate"),
    ("准生证", "wjw/birth-registration-service"),
    ("结婚登记", "mzj/marriage-registration"),
    ("领结婚证", "mzj/marriage-registration"),
    ("結婚", "mzj/marriage-registration"),
    ("离婚", "mzj/divorce-registration"),
    ("低保", "mzj/minimum-living-allowance"),
    ("二手房过户", "zrzyj/real-estate-transfer-registration"),
    ("房产证", "zrzyj/real-estate-transfer-registration"),
    ("查房产", "zrzyj/real-estate-record-query"),
    ("网签备案", "zjj/stock-housing-contract-filing"),
    ("施工许可证", "zjj/construction-permit"),
    ("公租房", "zjj/public-rental-housing"),
    ("环评审批", "sthjj/eia-report-approval"),
    ("排污许可证", "sthjj/pollutant-discharge-permit"),
    ("出租车资格证", "jtysj/taxi-driver-qualification"),
    ("货运许可", "jtysj/road-freight-license"),
    ("水电气过户", "gyfw/water-transfer"),
    ("燃气过户", "gyfw/gas-transfer"),
]


@pytest.fixture(scope="module")
def finder(sample_registry):
    model = build_model(sample_registry, "https://zwfw.shifan.gov.example/")
    return load_indexes(finder_files(item_documents(model.items) + bundle_documents(model.bundles)))


def test_relevance_of_real_queries(finder, sample_registry):
    table, indexes = finder
    refs = {record.ref for record in sample_registry.published}
    misses = []
    for query, expected in QUERIES:
        assert expected in refs, expected
        top = [table["docs"][ref]["u"] for ref, _ in search(table, indexes, query)[:3]]
        if f"items/{expected}/" not in top:
            misses.append((query, expected, top))
    hit_rate = 1 - len(misses) / len(QUERIES)
    print(f"finder relevance: {len(QUERIES) - len(misses)}/{len(QUERIES)} queries in the top 3 ({hit_rate:.0%})")
    assert len(QUERIES) >= 40
    assert hit_rate >= 0.9, misses


def test_sharding_keeps_each_term_in_one_shard(sample_registry):
    model = build_model(sample_registry, "https://zwfw.shifan.gov.example/")
    docs = item_documents(model.items)
    files = finder_files(docs * 5)  # more documents than one shard holds
    table, indexes = load_indexes(files)
    assert table["shards"] == shard_count(len(docs) * 5) > 1
    for number, shard in enumerate(indexes):
        assert all(shard_of(term, table["shards"]) == number for term in shard)
    top = [table["docs"][ref]["u"] for ref, _ in search(table, indexes, "结婚登记")[:1]]
    assert top == ["items/mzj/marriage-registration/"]


@pytest.mark.parametrize("query", ["营业执照", "公积金取钱", "办 身份证", "退休", "生孩子", "结婚"])
def test_scores_are_lunrs_for_one_index(sample_registry, query):
    """lunr.py, given the same tokens, fields and boosts, ranks the same documents with the same scores
    up to its division by the query vector's length, which is the same for every document."""
    import math

    from lunr.builder import Builder
    from lunr.query import QueryPresence

    from generator.finder.index import BIGRAM_BOOST, FIELDS

    model = build_model(sample_registry, "https://zwfw.shifan.gov.example/")
    docs = item_documents(model.items) + bundle_documents(model.bundles)
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost, extractor=lambda doc, name=name: doc[name])
    for ref, doc in enumerate(docs):
        builder.add({"id": str(ref), **{name: tokenize(doc.text.get(name, "")) for name, _ in FIELDS}})
    lunr_index = builder.build()
    lunr_query = lunr_index.create_query()
    boosts = []
    for token in query_tokens(query):
        boost = BIGRAM_BOOST if len(token) == 2 else 1
        lunr_query.term(token, use_pipeline=False, boost=boost, presence=QueryPresence.OPTIONAL)
        if token in lunr_index.inverted_index:
            boosts.append(boost)
    expected = {
        int(hit["ref"]): hit["score"] * math.sqrt(sum(b * b for b in boosts)) for hit in lunr_index.query(lunr_query)
    }

    table, shards = load_indexes(finder_files(docs))
    found = dict(search({**table, "relativeFloor": 0}, shards, query))
    assert found.keys() == expected.keys()
    for ref, score in expected.items():
        assert found[ref] == pytest.approx(score, abs=0.002 * len(boosts) * BIGRAM_BOOST)
