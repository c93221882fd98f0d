// The browser's tokenizer against the shared test vectors (run by tests/test_finder.py with node --test).
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
const { tokenize, queryTokens, shardOf } = require(path.join(root, "overrides/assets/javascripts/gov-tokenize.js"));
const vectors = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/tokenizer_vectors.json"), "utf8"));
const table = JSON.parse(fs.readFileSync(process.env.GOV_T2S, "utf8"));

for (const vector of vectors.tokenize) {
  test(`tokenize ${JSON.stringify(vector.text)}`, () => {
    assert.deepStrictEqual(tokenize(vector.text, table), vector.tokens);
  });
}

for (const vector of vectors.query) {
  test(`query tokens ${JSON.stringify(vector.text)}`, () => {
    assert.deepStrictEqual(queryTokens(vector.text, table), vector.tokens);
  });
}

for (const vector of vectors.shard) {
  test(`shard of ${vector.token} among ${vector.shards}`, () => {
    assert.strictEqual(shardOf(vector.token, vector.shards), vector.shard);
  });
}
