/* 我要办's data: the document table, the character table, the question and filler words, the index shards
 * and (when a query needs them) the near spellings (finder/data/), each fetched once, and search(query) over
 * them. The widgets in finder.js only show what this returns. */
(function (root) {
  "use strict";

  function siteBase() {
    var config = document.getElementById("__config");
    var base = "./";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep default */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function fetchJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  var data = null;
  var shards = {};

  function loadTable() {
    if (!data) {
      var base = new URL("finder/data/", siteBase());
      data = Promise.all([
        fetchJSON(new URL("docs.json", base)), fetchJSON(new URL("t2s.json", base)), fetchJSON(new URL("stopwords.json", base))
      ])
        .then(function (parts) { return { table: parts[0], t2s: parts[1], lists: parts[2], near: null, base: base }; })
        .catch(function (error) { data = null; throw error; });  // a later search tries again
    }
    return data;
  }

  var loaded = {};  // shard number → the shard, once fetched

  function loadShard(d, number) {
    if (!shards[number]) {
      shards[number] = fetchJSON(new URL("shard-" + number + ".json", d.base))
        .then(function (shard) { loaded[number] = shard; return shard; })
        .catch(function (error) { delete shards[number]; throw error; });
    }
    return shards[number];
  }

  function loadShards(d, tokens) {
    var numbers = Array.from(new Set(tokens.map(function (token) { return GovTokenize.shardOf(token, d.table.shards); })));
    return Promise.all(numbers.map(function (number) { return loadShard(d, number); }));
  }

  function loadNear(d) {
    if (d.near) return Promise.resolve(d.near);
    return fetchJSON(new URL("near.json", d.base)).then(function (near) { d.near = near; return near; });
  }

  function lookup(d) {
    return function (token) {
      var shard = loaded[GovTokenize.shardOf(token, d.table.shards)];
      return shard && Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : undefined;
    };
  }

  /* {data, hits: [{ref, score}], weak, corrected}, in the order generator/finder/index.py's find gives. */
  function search(query) {
    return loadTable().then(function (d) {
      var tokens = GovSearch.plan(d, query).tokens;
      return loadShards(d, tokens).then(function () {
        performance.mark("gov-finder-index-loaded");
        var unknown = GovSearch.plan(d, query, lookup(d)).unknown;
        if (!unknown.length) return null;
        // Words the index does not know: fetch the near spellings and the shards of their candidates.
        return loadNear(d).then(function (near) {
          var candidates = [];
          unknown.forEach(function (token) { candidates.push.apply(candidates, GovSearch.candidates(token, near)); });
          return loadShards(d, candidates);
        }).catch(function () { return null; });  // without the table, the exact answer stands
      }).then(function () {
        var found = GovSearch.find(d, query, lookup(d));
        return { data: d, hits: found.hits, weak: found.weak, corrected: found.corrected };
      });
    });
  }

  root.GovFinderData = { siteBase: siteBase, loadTable: loadTable, search: search };
})(typeof self !== "undefined" ? self : this);
