/* 我的情况 and the checklist's ticks. The page lists every material with its condition; this script asks the
 * item's questions (the form in [data-gov-situations]), hides what does not apply ([data-when]: a list of
 * conditions, any of which makes it apply), renumbers and recounts, and keeps the case in the address
 * (?情形=经营类型:餐饮服务,委托办理:本人办理). Ticks on a checklist stay in this browser (localStorage).
 * Every phrase comes from the page ([data-gov-words], written by generator/wording.py). */
(function () {
  "use strict";
  var PARAMETER = "情形";

  function parseCase(value) {
    var answers = {};
    (value || "").split(",").forEach(function (pair) {
      var at = pair.indexOf(":");
      if (at <= 0) return;
      var name = pair.slice(0, at), option = pair.slice(at + 1);
      if (!option) return;
      (answers[name] = answers[name] || []).push(option);
    });
    return answers;
  }

  function caseValue(answers) {
    var pairs = [];
    Object.keys(answers).forEach(function (name) {
      answers[name].forEach(function (option) { pairs.push(name + ":" + option); });
    });
    return pairs.join(",");
  }

  /* The same rule as generator/models/situations.py's applies: an unanswered question hides nothing. */
  function appliesTo(condition, answers) {
    return Object.keys(condition).every(function (name) {
      var chosen = answers[name];
      if (!chosen || !chosen.length) return true;
      return condition[name].some(function (option) { return chosen.indexOf(option) >= 0; });
    });
  }

  function applies(conditions, answers) {
    return !conditions.length || conditions.some(function (condition) { return appliesTo(condition, answers); });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function Situations(form) {
    this.form = form;
    this.words = JSON.parse(form.querySelector("[data-gov-words]").textContent);
    this.names = Array.prototype.map.call(form.querySelectorAll("[data-gov-question]"), function (fieldset) {
      return fieldset.getAttribute("data-gov-question");
    });
  }

  Situations.prototype.answers = function () {
    var answers = {};
    var form = this.form;
    this.names.forEach(function (name) {
      var chosen = [];
      form.querySelectorAll("input").forEach(function (input) {
        if (input.name === name && input.checked && input.value) chosen.push(input.value);
      });
      if (chosen.length) answers[name] = chosen;
    });
    return answers;
  };

  Situations.prototype.set = function (answers) {
    this.form.querySelectorAll("input").forEach(function (input) {
      var chosen = answers[input.name] || [];
      input.checked = input.value ? chosen.indexOf(input.value) >= 0 : !chosen.length;
    });
  };

  Situations.prototype.caseText = function (answers) {
    var words = this.words;
    return Object.keys(answers).map(function (name) {
      return fill(words.caseItem, { name: name, options: answers[name].join(words.optionJoin) });
    }).join(words.caseJoin);
  };

  Situations.prototype.apply = function (answers) {
    var words = this.words;
    var self = this;
    var chosen = Object.keys(answers).length > 0;
    document.querySelectorAll("[data-gov-case]").forEach(function (line) {
      line.textContent = chosen ? words["case"] + self.caseText(answers) : words.all;
      line.classList.toggle("gov-case--chosen", chosen);
    });
    document.querySelectorAll("[data-gov-scope]").forEach(function (scope) {
      var bring = 0, shared = 0, hidden = 0, number = 0;
      scope.querySelectorAll("[data-when]").forEach(function (row) {
        var show = applies(JSON.parse(row.getAttribute("data-when") || "[]"), answers);
        row.hidden = !show;
        if (row.tagName !== "TR") return;
        if (!show) { hidden += 1; return; }
        number += 1;
        if (row.hasAttribute("data-gov-shared")) shared += 1; else bring += 1;
        var cell = row.querySelector("[data-gov-number]");
        if (cell) cell.textContent = cell.textContent.replace(/^\d+/, String(number));
      });
      var count = scope.querySelector("[data-gov-count]");
      if (count) {
        var text = fill(words.count, { bring: bring });
        if (shared) text += fill(words.shared, { shared: shared });
        if (hidden) text += fill(words.hidden, { hidden: hidden });
        count.textContent = text + "。";
      }
    });
    document.querySelectorAll("a[data-gov-keep-case]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), location.href);
      if (chosen) url.searchParams.set(PARAMETER, caseValue(answers)); else url.searchParams.delete(PARAMETER);
      link.href = url.href;
    });
    Ticks.update();
  };

  Situations.prototype.remember = function (answers) {
    var url = new URL(location.href);
    if (Object.keys(answers).length) url.searchParams.set(PARAMETER, caseValue(answers));
    else url.searchParams.delete(PARAMETER);
    if (url.href !== location.href) history.replaceState(null, "", url.href);
  };

  Situations.prototype.start = function () {
    var self = this;
    var fromAddress = parseCase(new URLSearchParams(location.search).get(PARAMETER));
    this.set(fromAddress);
    this.form.hidden = false;
    this.apply(this.answers());
    this.form.addEventListener("change", function () {
      var answers = self.answers();
      self.remember(answers);
      self.apply(answers);
    });
    this.form.addEventListener("reset", function () {
      setTimeout(function () { self.remember({}); self.apply({}); }, 0);
    });
    var copy = this.form.querySelector("[data-gov-case-copy]");
    if (copy) {
      var said = document.createElement("span");
      said.setAttribute("role", "status");
      said.className = "gov-situations__said";
      copy.parentNode.appendChild(said);
      copy.addEventListener("click", function () {
        var done = function () { said.textContent = self.words.copied; };
        if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(done, function () { said.textContent = location.href; });
        else said.textContent = location.href;
      });
    }
  };

  /* ---- the checklist's ticks, kept in this browser ---- */
  var Ticks = {
    key: function () { return "gov-ticks:" + location.pathname; },
    load: function () {
      try { return JSON.parse(localStorage.getItem(Ticks.key()) || "[]"); } catch (e) { return []; }
    },
    save: function () {
      var ticked = [];
      document.querySelectorAll("input[data-gov-tick]").forEach(function (box) {
        if (box.checked) ticked.push(box.getAttribute("data-gov-tick"));
      });
      try { localStorage.setItem(Ticks.key(), JSON.stringify(ticked)); } catch (e) { /* private mode: this visit only */ }
    },
    update: function () {
      var line = document.querySelector("[data-gov-ticked]");
      var words = document.querySelector("[data-gov-words]");
      if (!line) return;
      var total = 0, ticked = 0;
      document.querySelectorAll("input[data-gov-tick]").forEach(function (box) {
        if (box.closest("tr").hidden) return;
        total += 1;
        if (box.checked) ticked += 1;
      });
      var template = words ? JSON.parse(words.textContent).ticked : line.getAttribute("data-template");
      if (!template) return;
      line.textContent = fill(template, { ticked: ticked, total: total });
      line.hidden = false;
    },
    start: function (list) {
      var saved = Ticks.load();
      list.querySelectorAll("input[data-gov-tick]").forEach(function (box) {
        box.checked = saved.indexOf(box.getAttribute("data-gov-tick")) >= 0;
        box.addEventListener("change", function () { Ticks.save(); Ticks.update(); });
      });
      Ticks.update();
    }
  };

  /* A link to a question (#faq-2) opens it. */
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView();
    }
  }

  function ready() {
    document.querySelectorAll("[data-gov-checklist]").forEach(function (list) {
      if (list.hasAttribute("data-gov-ticks-started")) return;
      list.setAttribute("data-gov-ticks-started", "");
      Ticks.start(list);
    });
    document.querySelectorAll("form[data-gov-situations]").forEach(function (form) {
      if (form.hasAttribute("data-gov-started")) return;
      form.setAttribute("data-gov-started", "");
      new Situations(form).start();
    });
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(ready);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
