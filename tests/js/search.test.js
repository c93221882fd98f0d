// The browser's ranking and search against the vectors Python writes (tests/search_vectors.py); run by
// tests/test_finder.py.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
const { rank, find } = require(path.join(root, "overrides/assets/javascripts/gov-search.js"));
const { shardOf } = require(path.join(root, "overrides/assets/javascripts/gov-tokenize.js"));
const vectors = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/search_vectors.json"), "utf8"));
const data = {
  table: vectors.table,
  t2s: JSON.parse(fs.readFileSync(process.env.GOV_T2S, "utf8")),
  lists: JSON.parse(fs.readFileSync(path.join(root, "generator/finder/data/stopwords.json"), "utf8")),
  near: JSON.parse(fs.readFileSync(path.join(root, "generator/finder/data/near.json"), "utf8")),
};
const lookup = (token) => vectors.shards[shardOf(token, vectors.table.shards)][token];

for (const vector of vectors.cases) {
  test(`rank ${JSON.stringify(vector.query)}`, () => {
    const postings = vector.tokens.map(lookup);
    const ranked = rank(vectors.table, vector.tokens, postings).map((hit) => [hit.ref, hit.score]);
    assert.deepStrictEqual(ranked, vector.ranked);
  });
  test(`find ${JSON.stringify(vector.query)}`, () => {
    const found = find(data, vector.query, lookup);
    assert.deepStrictEqual(found.hits.map((hit) => hit.ref), vector.found);
    assert.strictEqual(found.weak, vector.weak);
    assert.deepStrictEqual(found.corrected, vector.corrected);
  });
}
