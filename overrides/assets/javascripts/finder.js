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

  /* What the page says to screen readers after the list has settled: once, not per keystroke or per
   * arrow key on a filter. The visible status changes at once; its spoken twin waits for a pause. */
  var SETTLE = 700;

  function Announcer(region) {
    this.region = region;
    this.timer = null;
  }

  Announcer.prototype.say = function (text) {
    var region = this.region;
    if (!region) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      if (region.textContent === text) {
        region.textContent = "";  // the same words again (another filter, the same count) are said again
        setTimeout(function () { region.textContent = text; }, 50);
      } else {
        region.textContent = text;
      }
    }, SETTLE);
  };

  function pageWords() {
    try { return JSON.parse(document.getElementById("gov-words").textContent); } catch (e) { return {}; }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  /* ---- the finder widget: [data-gov-finder] ---- */
  function Finder(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[name=q]");
    this.results = root.querySelector("[data-gov-results]");
    this.status = root.querySelector("[data-gov-status]");
    this.announcer = new Announcer(root.querySelector("[data-gov-announce]"));
    this.withFacets = root.hasAttribute("data-gov-facets");
    this.limit = +(root.getAttribute("data-gov-limit") || 50);
    this.timer = null;
    this.run = 0;
    this.burst = null;  // while changes follow each other, they share one history entry
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

  /* The address says the query and the filters, so a list can be shared and Back works: a run of changes
   * (typing, arrow keys on a filter) is one history entry, replaced as it goes; a pause or a submit ends
   * the run, and the next change starts a new entry. */
  Finder.prototype.toURL = function (settled) {
    var self = this;
    var params = new URLSearchParams();
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    var facets = this.facetValues();
    FACETS.forEach(function (name) { if (facets[name]) params.set(name, facets[name]); });
    var url = location.pathname + (params.toString() ? "?" + params : "");
    if (url !== location.pathname + location.search) {
      if (this.burst) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    clearTimeout(this.burst);
    this.burst = settled ? null : setTimeout(function () { self.burst = null; }, SETTLE);
  };

  Finder.prototype.say = function (text) {
    this.status.textContent = text;
    this.announcer.say(text);
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
    var pending = query ? search(query) : loadTable().then(function (d) {
      return { data: d, hits: d.table.docs.map(function (doc, ref) { return { ref: ref, score: 0 }; }), weak: false };
    });
    return pending.then(function (found) {
      if (run !== self.run) return;
      var table = found.data.table;
      var words = table.words;
      var base = siteBase();
      if (!query && !faceted) {
        self.shown = shown;
        self.results.replaceChildren();
        self.say(words.prompt);
        self.root.setAttribute("data-gov-ready", "");
        return;
      }
      if (query && found.weak && !faceted) {
        self.results.replaceChildren(noAnswer(found, base));
        self.shown = shown;
        self.say(words.noAnswer + "。");
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
      self.say(count
        ? fill(items.length > self.limit ? words.foundShown : words.found, { count: count, limit: self.limit })
        : sorted.lead.length && !faceted ? words.leadOnly : words.noneFound);
      if (!self.root.hasAttribute("data-gov-ready")) performance.mark("gov-finder-first-result");
      self.root.setAttribute("data-gov-ready", "");
      self.root.setAttribute("data-gov-shown", query);  // which query the list answers
    }).catch(function () {
      self.say(pageWords().unavailable || "");
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
      }).catch(function () { self.say(pageWords().unavailable || ""); });
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
      self.toURL(false);
      self.update();
    });
    this.form.addEventListener("submit", function (event) {
      if (!self.withFacets && self.form.getAttribute("action")) return; /* home page: go to the finder page */
      event.preventDefault();
      clearTimeout(self.timer);
      self.toURL(true);
      self.update();
    });
    window.addEventListener("popstate", function () {
      clearTimeout(self.burst);
      self.burst = null;
      self.fromURL();
      self.update();
    });
  };

  /* ---- the header search: a combobox (WAI-ARIA APG, list autocomplete): the same index, 一件事 and items
   * first; ↓/↑ move through the suggestions (aria-activedescendant, the focus stays in the box), Enter opens
   * the one chosen or, with none chosen, the 我要办 page with the query; Escape closes the list, and when it
   * is closed, clears the box. The number of suggestions is said once typing pauses. ---- */
  function headerSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".gov-header-search")) return;
    var words = pageWords();
    var finderURL = new URL("finder/", siteBase());
    var form = el("form", { "class": "gov-header-search", role: "search", action: finderURL.href, method: "get" });
    var input = el("input", {
      type: "text", name: "q", placeholder: words.searchPlaceholder || "", "aria-label": words.searchLabel || "",
      role: "combobox", autocomplete: "off", "aria-autocomplete": "list", "aria-controls": "gov-header-listbox",
      "aria-expanded": "false", enterkeyhint: "search"
    });
    var panel = el("div", { "class": "gov-header-search__panel", hidden: "" });
    var message = el("p", { "class": "gov-header-search__message", hidden: "" });
    var listbox = el("ul", { id: "gov-header-listbox", role: "listbox", "class": "gov-header-search__list", "aria-label": words.searchLabel || "" });
    var spoken = el("p", { "class": "gov-sr-only", role: "status", "aria-live": "polite" });
    var announcer = new Announcer(spoken);
    panel.appendChild(message);
    panel.appendChild(listbox);
    form.appendChild(input);
    form.appendChild(el("button", { type: "submit", "class": "gov-header-search__go", text: words.search || "" }));
    form.appendChild(panel);
    form.appendChild(spoken);
    header.insertBefore(form, header.querySelector(".gov-text-toggle"));
    var timer = null, run = 0, active = -1, options_ = [];

    function setActive(index) {
      if (active >= 0 && options_[active]) options_[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0) {
        var option = options_[active];
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function open() {
      if (!options_.length && message.hidden) return;
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      setActive(-1);
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }
    function go(option) { location.href = option.getAttribute("data-href"); }

    /* One suggestion: a row of the list, its text read as one (kind, title, facts), its page in data-href. */
    function option(doc, base, table) {
      var kind = doc.k === "item" ? "" : (KIND_LABEL[doc.k] || "页面");
      var facts = doc.k === "item" ? table.departments[doc.d] + (doc.r ? " · " + doc.r : "") + " · 承诺时限 " + doc.l : doc.s || "";
      // read as one phrase, its parts apart: 企业设立登记，零跑腿，全程网办，市场监管局 · 承诺时限 1个工作日
      var said = [kind, doc.t, doc.k === "item" ? doc.w : "", doc.k === "item" && doc.o ? "全程网办" : "", facts]
        .filter(function (part) { return part; }).join("，");
      return el("li", { role: "option", "aria-selected": "false", "class": "gov-header-search__option", "data-href": siteHref(doc.u, base), "aria-label": said }, [
        kind ? el("span", { "class": "gov-badge gov-badge--kind", text: kind }) : null,
        el("span", { "class": "gov-item__title", text: doc.t }),
        doc.k === "item" ? el("span", { "class": "gov-badges" }, [
          el("span", { "class": "gov-badge " + (doc.v === 0 ? "gov-badge--zero" : doc.v === 1 ? "gov-badge--one" : "gov-badge--more"), text: doc.w }),
          doc.o ? el("span", { "class": "gov-badge gov-badge--online", text: "全程网办" }) : null
        ]) : null,
        facts ? el("span", { "class": "gov-item__facts", text: facts }) : null
      ]);
    }

    function show(found, query) {
      var table = found.data.table, fwords = table.words, base = siteBase();
      var more = new URL(finderURL); more.searchParams.set("q", query);
      var docs = [], text;
      if (found.weak) {
        text = fwords.noAnswer + "。" + fwords.noAnswerHint;
      } else {
        var sorted = sortHits(found);
        docs = sorted.lead.slice(0, 3).concat(sorted.items.slice(0, 6), sorted.others.slice(0, 3));
        text = correctedText(found, query);
        var last = { t: sorted.items.length ? fill(fwords.moreItems, { count: sorted.items.length }) : fwords.moreNone, u: more.href, k: "more" };
        docs.push(last);
      }
      options_ = docs.map(function (doc, index) {
        var node = doc.k === "more"
          ? el("li", { role: "option", "aria-selected": "false", "class": "gov-header-search__option gov-header-search__more", "data-href": siteHref(doc.u, base), text: doc.t })
          : option(doc, base, table);
        node.id = "gov-header-option-" + index;
        return node;
      });
      if (found.weak) {
        var hotline = el("li", { role: "option", "aria-selected": "false", "class": "gov-header-search__option gov-header-search__more", "data-href": "tel:" + fwords.hotline, text: fwords.hotlineLabel, id: "gov-header-option-hotline" });
        var moreOption = el("li", { role: "option", "aria-selected": "false", "class": "gov-header-search__option gov-header-search__more", "data-href": more.href, text: fwords.moreNone, id: "gov-header-option-more" });
        options_ = [moreOption, hotline];
      }
      message.textContent = text || "";
      message.hidden = !text;
      listbox.replaceChildren.apply(listbox, options_);
      active = -1;
      input.removeAttribute("aria-activedescendant");
      open();
      var count = found.weak ? 0 : docs.length - 1;
      announcer.say(count ? fill(fwords.suggested, { count: count }) : (found.weak ? fwords.noAnswer + "。" : "") + fwords.suggestedNone);
    }

    function failed(query) {
      var more = new URL(finderURL); more.searchParams.set("q", query);
      message.textContent = words.headerError;
      message.hidden = false;
      options_ = [el("li", { role: "option", "aria-selected": "false", id: "gov-header-option-more", "class": "gov-header-search__option gov-header-search__more", "data-href": more.href, text: words.moreError })];
      listbox.replaceChildren.apply(listbox, options_);
      open();
      announcer.say(words.headerError);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (!query) { ++run; options_ = []; listbox.replaceChildren(); message.hidden = true; close(); return; }
      timer = setTimeout(function () {
        var mine = ++run;
        search(query).then(function (found) {
          if (mine === run) show(found, query);
        }).catch(function () {
          if (mine === run) failed(query);
        });
      }, 120);
    });
    input.addEventListener("keydown", function (event) {
      var expanded = !panel.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options_.length) return;
        event.preventDefault();
        if (!expanded) { open(); if (event.altKey) return; }
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active < 0 ? (step > 0 ? 0 : options_.length - 1) : (active + step + options_.length) % options_.length;
        setActive(next);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) { event.preventDefault(); go(options_[active]); }
        // otherwise the form goes to 我要办 with the query
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (expanded) close();
        else { input.value = ""; options_ = []; listbox.replaceChildren(); message.hidden = true; }
      } else if (event.key === "Tab") {
        close();
      }
    });
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });  // the focus stays in the box
    listbox.addEventListener("click", function (event) {
      var chosen = event.target.closest("[role=option]");
      if (chosen) go(chosen);
    });
    input.addEventListener("focus", function () { if (input.value.trim() && options_.length) open(); });
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
