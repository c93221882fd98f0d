// The browser's ranking against the vectors Python writes (tests/search_vectors.py); run by tests/test_finder.py.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
const { rank } = require(path.join(root, "overrides/assets/javascripts/gov-search.js"));
const { shardOf } = require(path.join(root, "overrides/assets/javascripts/gov-tokenize.js"));
const vectors = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/search_vectors.json"), "utf8"));

for (const vector of vectors.cases) {
  test(`rank ${JSON.stringify(vector.query)}`, () => {
    const postings = vector.tokens.map((token) => vectors.shards[shardOf(token, vectors.table.shards)][token]);
    const ranked = rank(vectors.table, vector.tokens, postings).map((hit) => [hit.ref, hit.score]);
    assert.deepStrictEqual(ranked, vector.ranked);
  });
}
