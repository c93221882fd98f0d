/* 我要办: the finder and the header search, the two widgets over one prebuilt index; the data and the
   ranking are finder-data.js and gov-search.js. */
(function () {
  "use strict";

  var FACETS = ["dept", "aud", "type", "topic", "visits", "online"];
  var KIND_LABEL = { bundle: "一件事", path: "分步办", faq: "常见问题", bulletin: "改革动态", page: "页面" };
  var LEADING = ["bundle", "path", "faq"];

  var siteBase = GovFinderData.siteBase;
  var loadTable = GovFinderData.loadTable;
  var search = GovFinderData.search;

  /* ---- rendering ---- */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /* An address inside the site, or "#": whatever the index holds, a result never links elsewhere. */
  function siteHref(address, base) {
    var url = new URL(address, base);
    return url.protocol === base.protocol && url.host === base.host ? url.href : "#";
  }

  function itemResult(doc, table, base) {
    var badges = el("span", { "class": "gov-badges" }, [
      el("span", { "class": "gov-badge " + (doc.v === 0 ? "gov-badge--zero" : doc.v === 1 ? "gov-badge--one" : "gov-badge--more"), text: doc.w }),
      doc.o ? el("span", { "class": "gov-badge gov-badge--online", text: "全程网办" }) : null
    ]);
    return el("li", { "class": "gov-item" }, [
      el("a", { "class": "gov-item__title", href: siteHref(doc.u, base), text: doc.t }),
      badges,
      el("span", { "class": "gov-item__facts", text: table.departments[doc.d] + (doc.r ? " · " + doc.r : "") + " · 承诺时限 " + doc.l }),
      el("span", { "class": "gov-item__summary", text: doc.s || "" }),
      el("a", { "class": "gov-item__checklist", href: siteHref(doc.c, base), text: "材料清单" })
    ]);
  }

  function otherResult(doc, base, table) {
    var words = table && table.words;
    return el("li", { "class": "gov-item gov-item--" + doc.k }, [
      el("span", { "class": "gov-badge gov-badge--kind", text: KIND_LABEL[doc.k] || "页面" }),
      el("a", { "class": "gov-item__title", href: siteHref(doc.u, base), text: doc.t }),
      doc.k === "faq" && words ? el("span", { "class": "gov-item__facts", text: words.faqOf.replace("{item}", doc.i) }) : null,
      doc.s ? el("span", { "class": "gov-item__summary", text: doc.s }) : null
    ]);
  }

  /* What a search found, in the order it is shown: the 一件事, paths and questions that answer the query
   * (index.py's find puts them first), the items, the rest. */
  function sortHits(found) {
    var table = found.data.table;
    var lead = [], items = [], others = [], leading = true;
    found.hits.forEach(function (hit) {
      var doc = table.docs[hit.ref];
      if (leading && LEADING.indexOf(doc.k) >= 0) { lead.push(doc); return; }
      leading = false;
      (doc.k === "item" || doc.k === "faq" ? items : others).push(doc);
    });
    return { lead: lead, items: items, others: others };
  }

  /* 没有找到对应的事项: said plainly, with the hotline, the topic and department pages and the closest 一件事. */
  function noAnswer(found, base) {
    var table = found.data.table, words = table.words, site = siteBase();
    var closest = null;
    found.hits.some(function (hit) {
      var doc = table.docs[hit.ref];
      if (table.lifeEventKinds.indexOf(doc.k) >= 0) { closest = doc; return true; }
      return false;
    });
    return el("div", { "class": "gov-no-answer" }, [
      el("p", { "class": "gov-no-answer__title", text: words.noAnswer }),
      el("p", { text: words.noAnswerHint }),
      el("p", { "class": "gov-no-answer__ways" }, [
        el("a", { "class": "md-button md-button--primary", href: "tel:" + words.hotline, text: words.hotlineLabel }),
        el("a", { "class": "md-button", href: new URL("topics/", site).href, text: words.topics }),
        el("a", { "class": "md-button", href: new URL("departments/", site).href, text: words.departments })
      ]),
      closest ? el("p", {}, [document.createTextNode(words.closest), el("a", { href: siteHref(closest.u, base), text: closest.t })]) : null
    ]);
  }

  function correctedText(found, query) {
    var words = found.data.table.words, shown = query;
    Object.keys(found.corrected || {}).forEach(function (from) { shown = shown.split(from).join(found.corrected[from]); });
    return shown === query ? "" : words.corrected.replace("{query}", query).replace("{corrected}", shown);
  }

  /* ---- facets ---- */
  function matches(doc, facets) {
    if (doc.k !== "item") return !FACETS.some(function (f) { return facets[f]; });
    if (facets.dept !== "" && facets.dept !== undefined && doc.d !== +facets.dept) return false;
    if (facets.aud === "person" && !(doc.a & 1)) return false;
    if (facets.aud === "business" && !(doc.a & 2)) return false;
    if (facets.type !== "" && facets.type !== undefined && doc.y !== +facets.type) return false;
    if (facets.topic !== "" && facets.topic !== undefined && doc.p.indexOf(+facets.topic) < 0) return false;
    if (facets.visits === "0" && doc.v !== 0) return false;
    if (facets.visits === "1" && doc.v > 1) return false;
    if (facets.online === "1" && !doc.o) return false;
    return true;
  }

  function options(select, names) {
    names.forEach(function (name, index) { select.appendChild(el("option", { value: String(index), text: name })); });
  }

  /* ---- the finder widget: [data-gov-finder] ---- */
  function Finder(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[name=q]");
    this.results = root.querySelector("[data-gov-results]");
    this.status = root.querySelector("[data-gov-status]");
    this.withFacets = root.hasAttribute("data-gov-facets");
    this.limit = +(root.getAttribute("data-gov-limit") || 50);
    this.timer = null;
    this.run = 0;
  }

  Finder.prototype.facetValues = function () {
    var values = {};
    var form = this.form;
    FACETS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      if (field.type === "checkbox") values[name] = field.checked ? field.value : "";
      else values[name] = field.value || "";
    });
    return values;
  };

  Finder.prototype.fromURL = function () {
    var params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    var form = this.form;
    FACETS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var value = params.get(name) || "";
      if (field.type === "checkbox") field.checked = value === field.value;
      else field.value = value;
    });
  };

  Finder.prototype.toURL = function (push) {
    var params = new URLSearchParams();
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    var facets = this.facetValues();
    FACETS.forEach(function (name) { if (facets[name]) params.set(name, facets[name]); });
    var url = location.pathname + (params.toString() ? "?" + params : "");
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  };

  Finder.prototype.update = function () {
    var self = this;
    var query = this.input.value.trim();
    var facets = this.withFacets ? this.facetValues() : {};
    // The same search again (Enter after the results of typing are shown) keeps the list as it is,
    // so a keyboard user already on a result does not lose the focus.
    var shown = JSON.stringify([query, facets]);
    if (shown === this.shown) return Promise.resolve();
    var run = ++this.run;
    var faceted = FACETS.some(function (f) { return facets[f]; });
    if (!query && !faceted) {
      this.shown = shown;
      this.results.replaceChildren();
      this.status.textContent = "请输入要办的事，例如：营业执照、公积金取钱、生孩子。";
      return Promise.resolve();
    }
    var pending = query ? search(query) : loadTable().then(function (d) {
      return { data: d, hits: d.table.docs.map(function (doc, ref) { return { ref: ref, score: 0 }; }), weak: false };
    });
    return pending.then(function (found) {
      if (run !== self.run) return;
      var table = found.data.table;
      var base = siteBase();
      if (query && found.weak && !faceted) {
        self.results.replaceChildren(noAnswer(found, base));
        self.shown = shown;
        self.status.textContent = table.words.noAnswer + "。";
        self.root.setAttribute("data-gov-ready", "");
        self.root.setAttribute("data-gov-shown", query);
        return;
      }
      var sorted = sortHits(found);
      var items = sorted.items.filter(function (doc) { return matches(doc, facets); });
      var children = [];
      var note = query ? correctedText(found, query) : "";
      if (note) children.push(el("p", { "class": "gov-finder__corrected", text: note }));
      if (sorted.lead.length && !faceted) {
        children.push(el("ul", { "class": "gov-items gov-items--lead" }, sorted.lead.map(function (doc) { return otherResult(doc, base, table); })));
      }
      children.push(el("ol", { "class": "gov-items gov-finder__list" },
        items.slice(0, self.limit).map(function (doc) { return doc.k === "item" ? itemResult(doc, table, base) : otherResult(doc, base, table); })));
      var others = sorted.others.filter(function (doc) { return matches(doc, facets); });
      if (others.length && !faceted) {
        children.push(el("h2", { text: "相关内容" }));
        children.push(el("ul", { "class": "gov-items" }, others.slice(0, 5).map(function (doc) { return otherResult(doc, base, table); })));
      }
      self.results.replaceChildren.apply(self.results, children);
      self.shown = shown;
      var count = items.filter(function (doc) { return doc.k === "item"; }).length;
      self.status.textContent = count
        ? "找到 " + count + " 个事项" + (items.length > self.limit ? "，显示前 " + self.limit + " 条" : "") + "。"
        : sorted.lead.length && !faceted ? table.words.leadOnly : "没有找到匹配的事项：换个说法试试，或拨打 12345 咨询。";
      if (!self.root.hasAttribute("data-gov-ready")) performance.mark("gov-finder-first-result");
      self.root.setAttribute("data-gov-ready", "");
      self.root.setAttribute("data-gov-shown", query);  // which query the list answers
    }).catch(function () {
      self.status.textContent = "搜索暂时不可用：请按部门或主题查找。";
    });
  };

  Finder.prototype.start = function () {
    var self = this;
    var toggle = this.root.querySelector(".gov-facets-toggle");
    if (toggle && window.matchMedia("(max-width: 44.9375em)").matches) {
      // On a phone the filters start folded, so that the results are on the first screen
      toggle.open = FACETS.some(function (name) { return new URLSearchParams(location.search).get(name); });
    }
    if (this.withFacets) {
      loadTable().then(function (d) {
        options(self.form.elements.dept, d.table.departments);
        options(self.form.elements.type, d.table.types);
        options(self.form.elements.topic, d.table.topics);
        self.fromURL();
        self.update();
      });
    } else {
      this.fromURL();
      if (this.input.value) this.update();
    }
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.toURL(false); self.update(); }, 120);
    });
    this.form.addEventListener("change", function (event) {
      if (event.target === self.input) return;
      self.toURL(true);
      self.update();
    });
    this.form.addEventListener("submit", function (event) {
      if (!self.withFacets && self.form.getAttribute("action")) return; /* home page: go to the finder page */
      event.preventDefault();
      self.toURL(true);
      self.update();
    });
    window.addEventListener("popstate", function () { self.fromURL(); self.update(); });
  };

  /* ---- the header search: the same index, items first, then everything else ---- */
  function headerSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".gov-header-search")) return;
    var finderURL = new URL("finder/", siteBase());
    var form = el("form", { "class": "gov-header-search", role: "search", action: finderURL.href, method: "get" });
    var input = el("input", {
      type: "search", name: "q", placeholder: "我要办……", "aria-label": "搜索事项和信息", role: "combobox",
      autocomplete: "off", "aria-autocomplete": "list", "aria-controls": "gov-header-results", "aria-expanded": "false"
    });
    var panel = el("div", { id: "gov-header-results", "class": "gov-header-search__panel", role: "region", "aria-label": "搜索结果", hidden: "" });
    form.appendChild(input);
    form.appendChild(el("button", { type: "submit", "class": "gov-header-search__go", "aria-label": "搜索", text: "搜索" }));
    form.appendChild(panel);
    header.insertBefore(form, header.querySelector(".gov-text-toggle"));
    var timer = null, run = 0;
    function close() { panel.hidden = true; input.setAttribute("aria-expanded", "false"); }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (!query) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++run;
        search(query).then(function (found) {
          if (mine !== run) return;
          var table = found.data.table, base = siteBase();
          var more = new URL(finderURL); more.searchParams.set("q", query);
          var children = [];
          if (found.weak) {
            children.push(noAnswer(found, base));
          } else {
            var sorted = sortHits(found);
            var note = correctedText(found, query);
            if (note) children.push(el("p", { "class": "gov-finder__corrected", text: note }));
            if (sorted.lead.length) children.push(el("ul", { "class": "gov-items gov-items--lead" }, sorted.lead.slice(0, 3).map(function (doc) { return otherResult(doc, base, table); })));
            if (sorted.items.length) children.push(el("ul", { "class": "gov-items" }, sorted.items.slice(0, 6).map(function (doc) { return doc.k === "item" ? itemResult(doc, table, base) : otherResult(doc, base, table); })));
            if (sorted.others.length) children.push(el("ul", { "class": "gov-items gov-items--others" }, sorted.others.slice(0, 3).map(function (doc) { return otherResult(doc, base, table); })));
            children.push(el("a", { "class": "gov-header-search__more", href: more.href, text: sorted.items.length ? "查看全部 " + sorted.items.length + " 个事项，按部门、主题筛选" : "没有找到：到“我要办”换个说法试试" }));
          }
          panel.replaceChildren.apply(panel, children);
          panel.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }).catch(function () {
          if (mine !== run) return;
          var more = new URL(finderURL); more.searchParams.set("q", query);
          panel.replaceChildren(
            el("p", { "class": "gov-header-search__error", text: "搜索暂时不可用：请稍后再试，或按部门、主题查找，也可拨打 12345。" }),
            el("a", { "class": "gov-header-search__more", href: more.href, text: "到“我要办”页面查找" })
          );
          panel.hidden = false;
          input.setAttribute("aria-expanded", "true");
        });
      }, 120);
    });
    input.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(); input.blur(); } });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
  }

  function ready() {
    headerSearch();
    document.querySelectorAll("[data-gov-finder]").forEach(function (root) {
      if (root.hasAttribute("data-gov-started")) return;
      root.setAttribute("data-gov-started", "");
      new Finder(root).start();
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(ready);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
