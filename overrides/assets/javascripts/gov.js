/* 示范市政务服务: text size (适老化), print buttons, sortable tables, terms of art explained in place and
   the menu button for the keyboard. No network, no libraries. */
(function () {
  "use strict";
  var KEY = "gov-text-size";
  var root = document.documentElement;
  var words = {};
  try { words = JSON.parse(document.getElementById("gov-words").textContent); } catch (e) { /* no words: no labels */ }

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function applySize(size) {
    if (size === "large") root.setAttribute("data-gov-text", "large");
    else root.removeAttribute("data-gov-text");
  }
  applySize(stored());

  function addTextToggle() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".gov-text-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gov-text-toggle";
    function label() {
      var large = root.getAttribute("data-gov-text") === "large";
      button.textContent = large ? words.normal : words.large;
      button.setAttribute("aria-pressed", large ? "true" : "false");
      button.setAttribute("aria-label", large ? words.toNormal : words.toLarge);
    }
    button.addEventListener("click", function () {
      var next = root.getAttribute("data-gov-text") === "large" ? "normal" : "large";
      applySize(next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: applies to this page only */ }
      label();
    });
    label();
    var search = header.querySelector(".md-search");
    header.insertBefore(button, search || null);
  }

  function enablePrintButtons() {
    document.querySelectorAll("[data-gov-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    if (!cell) return "";
    var raw = cell.getAttribute("data-value");
    if (kind === "number") return raw === null ? parseFloat(cell.textContent) || 0 : parseFloat(raw);
    return cell.textContent.trim();
  }

  // A cell's data-group sorts before its value, the same way in both directions: days in 工作日 and in
  // 自然日 are never compared with each other, and a missing value stays last.
  function cellGroup(row, index) {
    var cell = row.cells[index];
    var group = cell ? cell.getAttribute("data-group") : null;
    return group === null ? 0 : parseInt(group, 10) || 0;
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      th.tabIndex = 0;
      th.setAttribute("role", "columnheader button");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var group = cellGroup(a, index) - cellGroup(b, index);
          if (group) return group;
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var order = kind === "number" ? x - y : String(x).localeCompare(String(y), "zh-Hans-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  /* A term of art (site/terms.py) links to the 名词解释 page; here it becomes a button that shows its
     explanation in place and hides it again (Enter, Space, a tap; Escape closes and stays on the term). */
  function makeTerm(link) {
    var text = document.getElementById(link.getAttribute("data-gov-term"));
    if (!text) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", text.id);
    var hint = document.createElement("span");
    hint.className = "gov-term__hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "?";
    button.appendChild(hint);
    function show(open) {
      text.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () { show(text.hidden); });
    text.parentNode.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !text.hidden) { event.stopPropagation(); show(false); button.focus(); }
    });
    link.parentNode.replaceChild(button, link);
  }

  /* Material's menu button is a label for a hidden checkbox, which the keyboard cannot reach: on a phone
     the site's navigation would be out of reach without a mouse. */
  function menuButton() {
    var label = document.querySelector(".md-header label.md-header__button[for='__drawer']");
    var drawer = document.getElementById("__drawer");
    if (!label || !drawer || label.hasAttribute("role")) return;
    label.setAttribute("role", "button");
    label.tabIndex = 0;
    label.setAttribute("aria-label", words.menu);
    function sync() { label.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); }
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      drawer.checked = !drawer.checked;
      drawer.dispatchEvent(new Event("change"));
      sync();
      if (drawer.checked) {
        var first = document.querySelector(".md-sidebar--primary a, .md-sidebar--primary label[tabindex]");
        if (first) first.focus();
      }
    });
    drawer.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change"));
        sync();
        label.focus();
      }
    });
    sync();
  }

  function ready() {
    addTextToggle();
    enablePrintButtons();
    menuButton();
    document.querySelectorAll("table[data-gov-sortable]").forEach(makeSortable);
    document.querySelectorAll("a[data-gov-term]").forEach(makeTerm);
  }

  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(ready);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
