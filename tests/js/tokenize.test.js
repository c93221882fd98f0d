// The browser's tokenizer, filler words and near spellings against the shared test vectors (run by
// tests/test_finder.py with node --test).
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
const { tokenize, queryTokens, shardOf, withoutFillers, asks, coverage } = require(path.join(root, "overrides/assets/javascripts/gov-tokenize.js"));
const { candidates } = require(path.join(root, "overrides/assets/javascripts/gov-search.js"));
const vectors = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/tokenizer_vectors.json"), "utf8"));
const table = JSON.parse(fs.readFileSync(process.env.GOV_T2S, "utf8"));
const lists = JSON.parse(fs.readFileSync(path.join(root, "generator/finder/data/stopwords.json"), "utf8"));
const near = JSON.parse(fs.readFileSync(path.join(root, "generator/finder/data/near.json"), "utf8"));

for (const vector of vectors.tokenize) {
  test(`tokenize ${JSON.stringify(vector.text)}`, () => {
    assert.deepStrictEqual(tokenize(vector.text, table), vector.tokens);
  });
}

for (const vector of vectors.query) {
  test(`query tokens ${JSON.stringify(vector.text)}`, () => {
    assert.deepStrictEqual(queryTokens(vector.text, table, lists), vector.tokens);
  });
}

for (const vector of vectors.shard) {
  test(`shard of ${vector.token} among ${vector.shards}`, () => {
    assert.strictEqual(shardOf(vector.token, vector.shards), vector.shard);
  });
}

for (const vector of vectors.fillers) {
  test(`without fillers ${JSON.stringify(vector.text)}`, () => {
    assert.strictEqual(withoutFillers(vector.text, table, lists), vector.without);
  });
}

for (const vector of vectors.asks) {
  test(`asks ${JSON.stringify(vector.text)}`, () => {
    assert.strictEqual(asks(vector.text, table, lists), vector.asks);
  });
}

for (const vector of vectors.coverage) {
  test(`coverage ${JSON.stringify(vector.text)}`, () => {
    assert.strictEqual(coverage(vector.text, new Set(vector.matched), table, lists), vector.coverage);
  });
}

for (const vector of vectors.near) {
  test(`near spellings of ${vector.bigram}`, () => {
    assert.deepStrictEqual(candidates(vector.bigram, near), vector.candidates);
  });
}
