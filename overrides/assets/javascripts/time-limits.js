/* 时限公示: filter the table by department and by 即办件 / 承诺件, and sort it from a list (on a phone
   the rows are cards and the column headers are not shown). Sorting clicks the column's header, so it
   is gov.js's one way of sorting, units kept apart. Without JavaScript the form stays hidden. */
(function () {
  "use strict";

  function setUp(form) {
    if (form.getAttribute("data-gov-ready")) return;
    form.setAttribute("data-gov-ready", "true");
    var wrapper = form.nextElementSibling;
    var table = wrapper && wrapper.querySelector("table[data-gov-sortable]");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector("[data-gov-count]");
    var spoken = form.querySelector("[data-gov-announce]");
    var initial = rows.slice();
    var timer = null;

    // The count is shown at once and said once the choice has settled, not at every arrow key on a list.
    function announce(text) {
      clearTimeout(timer);
      timer = setTimeout(function () { if (spoken) spoken.textContent = text; }, 700);
    }

    function filter() {
      var department = form.elements.department ? form.elements.department.value : "";
      var handling = form.elements.handling.value;
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!department || row.getAttribute("data-department") === department) &&
          (!handling || row.getAttribute("data-handling") === handling);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === rows.length ? "共 " + rows.length + " 项" : "显示 " + shown + " 项，共 " + rows.length + " 项";
      return count.textContent;
    }

    function sort() {
      var choice = form.elements.sort.value;
      if (!choice) {
        var body = table.tBodies[0];
        initial.forEach(function (row) { body.appendChild(row); });
        table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
        return;
      }
      var parts = choice.split(":");
      var header = table.querySelector('th[data-key="' + parts[0] + '"]');
      if (!header) return;
      for (var i = 0; i < 2 && header.getAttribute("aria-sort") !== parts[1]; i += 1) header.click();
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "sort") sort();
      else announce(filter());
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (table.tHead) {
      table.tHead.addEventListener("click", function () {  // a header sorted it: the list says so
        var sorted = table.querySelector("th[aria-sort]");
        var value = sorted ? sorted.getAttribute("data-key") + ":" + sorted.getAttribute("aria-sort") : "";
        var select = form.elements.sort;
        select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
      });
    }
    form.hidden = false;
    filter();
  }

  function ready() {
    document.querySelectorAll("form[data-gov-time-tools]").forEach(setUp);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(ready);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
