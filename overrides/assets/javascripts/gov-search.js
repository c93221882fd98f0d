/* The finder's ranking: the same definition as generator/finder/index.py's rank and find (checked against one
 * file of test vectors, tests/fixtures/search_vectors.json, by pytest and node --test). A document's score is
 * the sum of the weights of the query's terms in it, bigrams counted `bigramBoost` times, added in the order
 * of the query's tokens; results below `relativeFloor` of the best are dropped. `find` then puts a 一件事 or
 * path that names the query's life event first, and a 常见问题 that answers it; tells a weak answer (the best
 * results cover too little of the query) from a good one; and tries near spellings (身分证 → 身份证). */
(function (root) {
  "use strict";
  var HAN = /^([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud88c][\udc00-\udfff])$/;
  var Tokenize = typeof module === "object" && module.exports ? require("./gov-tokenize.js") : root.GovTokenize;

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

  /* Character → the characters near it, from near.json's groups, in the order of the groups. */
  var nearMaps = new WeakMap();
  function nearMap(near) {
    if (!nearMaps.has(near)) {
      var map = new Map();
      near.groups.forEach(function (group) {
        var members = Array.from(group);
        members.forEach(function (character) {
          var known = map.get(character) || [];
          members.forEach(function (other) { if (other !== character && known.indexOf(other) < 0) known.push(other); });
          map.set(character, known);
        });
      });
      nearMaps.set(near, map);
    }
    return nearMaps.get(near);
  }

  /* The bigrams one character away: the second character replaced first, then the first. */
  function candidates(bigram, near) {
    var chars = Array.from(bigram), map = nearMap(near), found = [];
    (map.get(chars[1]) || []).forEach(function (other) { found.push(chars[0] + other); });
    (map.get(chars[0]) || []).forEach(function (other) { found.push(other + chars[1]); });
    return Array.from(new Set(found));
  }

  function contains(flat, ref) {
    for (var i = 0; i < flat.length; i += 2) if (flat[i] === ref) return true;
    return false;
  }

  /* `data`: {table, t2s, lists, near}; `original[i]`: the query's own token that tokens[i] stands for. */
  function coverageOf(data, query, postings, ref, original) {
    var matched = new Set();
    postings.forEach(function (flat, i) { if (contains(flat, ref)) matched.add(original[i]); });
    return Tokenize.coverage(query, matched, data.t2s, data.lists);
  }

  function bestCoverage(data, query, postings, hits, original) {
    var best = 0;
    hits.slice(0, data.table.coverageOf).forEach(function (hit) {
      best = Math.max(best, coverageOf(data, query, postings, hit.ref, original));
    });
    return best;
  }

  function answer(data, query, postings, hits, original, corrected) {
    var table = data.table, docs = table.docs, floor = table.weakCoverage;
    var life = table.lifeEventKinds;
    function kind(hit) { return docs[hit.ref].k; }
    function covered(hit) { return coverageOf(data, query, postings, hit.ref, original); }
    var bar = bestCoverage(data, query, postings, hits.filter(function (h) {
      return life.indexOf(kind(h)) < 0 && kind(h) !== "faq";
    }), original);
    var first = hits.filter(function (h) {
      if (life.indexOf(kind(h)) < 0) return false;
      var c = covered(h);
      return c >= bar && c > floor;
    });
    var question = Tokenize.asks(query, data.t2s, data.lists);
    var faqs = hits.slice(0, table.faqWindow).filter(function (h) {
      if (kind(h) !== "faq") return false;
      var c = covered(h);
      return (c > bar || (question && c >= bar)) && c > floor;
    }).slice(0, table.faqFirst);
    var chosen = new Set(first.concat(faqs).map(function (h) { return h.ref; }));
    var ordered = first.concat(faqs).concat(hits.filter(function (h) { return !chosen.has(h.ref); }));
    var strongest = Math.max.apply(null, [bar, bestCoverage(data, query, postings, hits, original)].concat(first.concat(faqs).map(covered)));
    return { hits: ordered, weak: strongest <= floor, corrected: corrected || {} };
  }

  /* The tokens a search needs postings for: the query's, and where near spellings will be tried, theirs. */
  function plan(data, query, lookup) {
    var tokens = Tokenize.queryTokens(query, data.t2s, data.lists);
    if (!lookup) return { tokens: tokens, unknown: [] };
    var unknown = tokens.filter(function (token) { return !lookup(token) && isBigram(token); });
    return { tokens: tokens, unknown: unknown.length <= data.table.maxCorrections ? unknown : [] };
  }

  /* The whole search over postings already at hand: lookup(token) gives a token's postings or undefined.
   * The browser (finder-data.js) fetches the shards of plan()'s tokens, and of their near spellings, first. */
  function find(data, query, lookup) {
    var tokens = Tokenize.queryTokens(query, data.t2s, data.lists);
    var postings = tokens.map(function (token) { return lookup(token) || []; });
    var hits = rank(data.table, tokens, postings);
    var exact = answer(data, query, postings, hits, tokens);
    var unknown = tokens.filter(function (token, i) { return !postings[i].length && isBigram(token); });
    if (!unknown.length || unknown.length > data.table.maxCorrections || !data.near) return exact;
    var corrected = {};
    for (var u = 0; u < unknown.length; u++) {
      var best = null, most = 0;
      candidates(unknown[u], data.near).forEach(function (candidate) {
        var flat = lookup(candidate);
        if (flat && flat.length > most) { best = candidate; most = flat.length; }
      });
      if (best === null) return exact;  // a word the registry does not hold, not a slip of the pen
      corrected[unknown[u]] = best;
    }
    var nearTokens = tokens.map(function (token) { return corrected[token] || token; });
    var nearPostings = nearTokens.map(function (token) { return lookup(token) || []; });
    var nearHits = rank(data.table, nearTokens, nearPostings);
    if (bestCoverage(data, query, nearPostings, nearHits, tokens) <= bestCoverage(data, query, postings, hits, tokens)) return exact;
    return answer(data, query, nearPostings, nearHits, tokens, corrected);
  }

  var api = { isBigram: isBigram, rank: rank, candidates: candidates, plan: plan, find: find };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GovSearch = api;
})(typeof self !== "undefined" ? self : this);
