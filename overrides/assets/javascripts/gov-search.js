/* The finder's ranking: the same definition as generator/finder/index.py's search (checked against one
 * file of test vectors, tests/fixtures/search_vectors.json, by pytest and node --test). A document's
 * score is the sum of the weights of the query's terms in it, bigrams counted `bigramBoost` times,
 * added in the order of the query's tokens; results below `relativeFloor` of the best are dropped. */
(function (root) {
  "use strict";
  var HAN = /^([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud88c][\udc00-\udfff])$/;

  function isBigram(token) {
    var chars = Array.from(token);
    return chars.length === 2 && HAN.test(chars[0]) && HAN.test(chars[1]);
  }

  /* `postings[i]` is the shard entry of `tokens[i]`: [doc, weight, doc, weight, …] or undefined. */
  function rank(table, tokens, postings) {
    var scores = new Map();
    tokens.forEach(function (token, position) {
      var boost = isBigram(token) ? table.bigramBoost : 1;
      var flat = postings[position] || [];
      for (var i = 0; i < flat.length; i += 2) {
        scores.set(flat[i], (scores.get(flat[i]) || 0) + boost * flat[i + 1]);
      }
    });
    var hits = [];
    scores.forEach(function (score, ref) { hits.push({ ref: ref, score: score }); });
    hits.sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
    // With every token optional, a long query also matches items sharing one character: keep those
    // that score at least a fraction of the best.
    var floor = hits.length ? hits[0].score * table.relativeFloor : 0;
    return hits.filter(function (hit) { return hit.score >= floor; });
  }

  var api = { isBigram: isBigram, rank: rank };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GovSearch = api;
})(typeof self !== "undefined" ? self : this);
