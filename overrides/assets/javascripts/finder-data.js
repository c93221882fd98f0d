/* 我要办's data: the document table, the character table and the index shards (finder/data/), each
 * fetched once, and search(query) over them. The widgets in finder.js only show what this returns. */
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
      data = Promise.all([fetchJSON(new URL("docs.json", base)), fetchJSON(new URL("t2s.json", base))])
        .then(function (parts) { return { table: parts[0], t2s: parts[1], base: base }; })
        .catch(function (error) { data = null; throw error; });  // a later search tries again
    }
    return data;
  }

  function loadShard(d, number) {
    if (!shards[number]) {
      shards[number] = fetchJSON(new URL("shard-" + number + ".json", d.base))
        .catch(function (error) { delete shards[number]; throw error; });
    }
    return shards[number];
  }

  /* {data, hits: [{ref, score}]}, best first, as generator/finder/index.py's search ranks them. */
  function search(query) {
    return loadTable().then(function (d) {
      var tokens = GovTokenize.queryTokens(query, d.t2s);
      var numbers = tokens.map(function (token) { return GovTokenize.shardOf(token, d.table.shards); });
      return Promise.all(numbers.map(function (number) { return loadShard(d, number); })).then(function (loaded) {
        performance.mark("gov-finder-index-loaded");
        var postings = tokens.map(function (token, position) {
          return Object.prototype.hasOwnProperty.call(loaded[position], token) ? loaded[position][token] : undefined;
        });
        return { data: d, hits: GovSearch.rank(d.table, tokens, postings) };
      });
    });
  }

  root.GovFinderData = { siteBase: siteBase, loadTable: loadTable, search: search };
})(typeof self !== "undefined" ? self : this);
