/* The finder's tokenizer: the same definition as generator/finder/tokenize.py (checked by one file of
 * test vectors on both sides). 1. NFKC, lower case, traditional → simplified; 2. each Han character
 * and each pair of neighbouring Han characters; 3. each run of Latin letters and digits. */
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
  function runs(text, table) {
    var found = [];
    var match;
    var normalized = normalize(text, table);
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
    runs(text, table).forEach(function (run) {
      if (run.latin) tokens.push(run.latin);
      else tokens.push.apply(tokens, run.han.concat(bigrams(run.han)));
    });
    return tokens;
  }

  /* The tokens a query searches with: bigrams, and single characters only where no bigram covers them. */
  function queryTokens(text, table) {
    var tokens = [];
    runs(text, table).forEach(function (run) {
      if (run.latin) tokens.push(run.latin);
      else if (run.han.length === 1) tokens.push(run.han[0]);
      else tokens.push.apply(tokens, bigrams(run.han));
    });
    return Array.from(new Set(tokens));
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

  var api = { normalize: normalize, tokenize: tokenize, queryTokens: queryTokens, shardOf: shardOf };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GovTokenize = api;
})(typeof self !== "undefined" ? self : this);
