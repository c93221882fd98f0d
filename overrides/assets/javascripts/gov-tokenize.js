/* The finder's tokenizer: the same definition as generator/finder/tokenize.py (checked by one file of
 * test vectors on both sides). 1. NFKC, lower case, traditional → simplified; 2. each Han character
 * and each pair of neighbouring Han characters; 3. each run of Latin letters and digits. A query first
 * loses its question and filler words (finder/data/stopwords.json: `lists`). */
(function (root) {
  "use strict";
  var RUNS = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud88c][\udc00-\udfff])+|[a-z0-9]+/g;
  var HAN = /^([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud88c][\udc00-\udfff])/;

  function normalize(text, table) {
    var out = "";
    for (var ch of text.normalize("NFKC").toLowerCase()) out += (table && table[ch]) || ch;
    return out;
  }

  /* Each run of the normalized text: {han: [characters]} or {latin: "word"}. */
  function runsOf(normalized) {
    var found = [];
    var match;
    RUNS.lastIndex = 0;
    while ((match = RUNS.exec(normalized)) !== null) {
      found.push(HAN.test(match[0]) ? { han: Array.from(match[0]) } : { latin: match[0] });
    }
    return found;
  }

  function bigrams(chars) {
    var pairs = [];
    for (var j = 0; j + 1 < chars.length; j++) pairs.push(chars[j] + chars[j + 1]);
    return pairs;
  }

  function tokenize(text, table) {
    var tokens = [];
    runsOf(normalize(text, table)).forEach(function (run) {
      if (run.latin) tokens.push(run.latin);
      else tokens.push.apply(tokens, run.han.concat(bigrams(run.han)));
    });
    return tokens;
  }

  /* Question and filler words, normalized, longest first (ties in code-point order, as Python sorts). */
  var prepared = new WeakMap();
  function fillers(lists, table) {
    if (!lists) return [];
    if (!prepared.has(lists)) {
      var words = Array.from(new Set(lists.words.map(function (word) { return normalize(word, table); })));
      words.sort(function (a, b) { return Array.from(b).length - Array.from(a).length || (a < b ? -1 : a > b ? 1 : 0); });
      prepared.set(lists, words);
    }
    return prepared.get(lists);
  }

  /* The normalized query with each question or filler word replaced by a space, the longest word that starts
   * at a position winning, left to right. Positions count UTF-16 units, which a BMP-only list keeps equal. */
  function withoutFillers(text, table, lists) {
    var normalized = normalize(text, table);
    var words = fillers(lists, table);
    var out = "", position = 0;
    while (position < normalized.length) {
      var word = null;
      for (var i = 0; i < words.length; i++) {
        if (normalized.startsWith(words[i], position)) { word = words[i]; break; }
      }
      if (word === null) { out += normalized[position]; position += 1; }
      else { out += " "; position += word.length; }
    }
    return out;
  }

  function queryRuns(text, table, lists) { return runsOf(withoutFillers(text, table, lists)); }

  /* The tokens a query searches with: bigrams, and single characters only where no bigram covers them. */
  function queryTokens(text, table, lists) {
    var tokens = [];
    queryRuns(text, table, lists).forEach(function (run) {
      if (run.latin) tokens.push(run.latin);
      else if (run.han.length === 1) tokens.push(run.han[0]);
      else tokens.push.apply(tokens, bigrams(run.han));
    });
    return Array.from(new Set(tokens));
  }

  /* The share of the query's characters (fillers aside) that the tokens in `matched` (a Set) cover. */
  function coverage(text, matched, table, lists) {
    var covered = 0, total = 0;
    queryRuns(text, table, lists).forEach(function (run) {
      if (run.latin) { total += 1; covered += matched.has(run.latin) ? 1 : 0; return; }
      var chars = run.han;
      if (chars.length === 1) { total += 1; covered += matched.has(chars[0]) ? 1 : 0; return; }
      var marks = chars.map(function () { return false; });
      for (var i = 0; i + 1 < chars.length; i++) {
        if (matched.has(chars[i] + chars[i + 1])) marks[i] = marks[i + 1] = true;
      }
      total += chars.length;
      covered += marks.filter(Boolean).length;
    });
    return total ? covered / total : 0;
  }

  /* Whether a query is a question: it holds one of the lists' question words. */
  function asks(text, table, lists) {
    var normalized = normalize(text, table);
    return !!lists && lists.questions.some(function (word) { return normalized.indexOf(normalize(word, table)) >= 0; });
  }

  function shardOf(token, shards) {
    var bytes = new TextEncoder().encode(token);
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value ^= bytes[i];
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % shards;
  }

  var api = {
    normalize: normalize, tokenize: tokenize, withoutFillers: withoutFillers, queryTokens: queryTokens,
    coverage: coverage, asks: asks, shardOf: shardOf
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GovTokenize = api;
})(typeof self !== "undefined" ? self : this);
