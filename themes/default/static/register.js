/* The improvement register's filters and sorting. The page lists the register complete and in
   its order (open actions first: overdue, then by priority and due date; closed ones last), so
   it reads the same without this script. With it, the filter bar the page holds hidden is shown:
   "open only", "overdue only", priority, source, part and owner narrow the table's rows and the
   cards below it to the same entries; each column heading sorts the table (by a cell's data-sort
   key when it has one, so statuses sort in workflow order and priorities by urgency); "reset"
   brings back every entry in the register's own order. */
(function () {
  "use strict";

  var table = document.getElementById("register");
  var bar = document.querySelector(".register-filters");
  if (!table || !bar || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var original = rows.slice();
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.improvement[data-open]"));
  var checks = Array.prototype.slice.call(bar.querySelectorAll("input[type=checkbox]"));
  var selects = Array.prototype.slice.call(bar.querySelectorAll("select"));
  var count = bar.querySelector(".filter-count");
  var reset = bar.querySelector("button[name=reset]");

  /* An entry (row or card) passes when each ticked box's attribute is "yes" and each chosen
     value equals its attribute. */
  function passes(el) {
    return checks.every(function (c) {
      return !c.checked || el.getAttribute("data-" + c.name) === "yes";
    }) && selects.every(function (s) {
      return !s.value || el.getAttribute("data-" + s.name) === s.value;
    });
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = passes(r);
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    cards.forEach(function (c) { c.hidden = !passes(c); });
    if (count) {
      count.textContent = bar.getAttribute("data-l-showing") + " " + shown + " "
        + bar.getAttribute("data-l-of") + " " + rows.length;
    }
  }

  checks.concat(selects).forEach(function (control) {
    control.addEventListener("change", apply);
  });

  function text(cell) { return (cell ? cell.textContent : "").trim(); }
  function sortKey(cell) {
    var key = cell ? cell.getAttribute("data-sort") : null;
    return key !== null ? key : text(cell);
  }

  // Sorting: each column heading becomes a button; a second click reverses the order. Entries
  // that tie keep the register's order.
  var heads = table.tHead ? table.tHead.rows[0].cells : [];
  Array.prototype.forEach.call(heads, function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    button.setAttribute("aria-label", (table.getAttribute("data-l-sort") || "") + " " + th.textContent);
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var c = sortKey(a.cells[index]).localeCompare(sortKey(b.cells[index]), undefined, { numeric: true });
        if (!ascending) { c = -c; }
        return c || original.indexOf(a) - original.indexOf(b);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  if (reset) {
    reset.addEventListener("click", function () {
      checks.forEach(function (c) { c.checked = false; });
      selects.forEach(function (s) { s.value = ""; });
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      rows = original.slice();
      rows.forEach(function (r) { body.appendChild(r); });
      apply();
    });
  }

  /* A link to an entry the filters hide (from the deliberate reductions above, or from another
     page) still shows it. */
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.hidden && cards.indexOf(target) >= 0) {
      target.hidden = false;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    var target = link ? document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) : null;
    if (target && target.hidden && cards.indexOf(target) >= 0) { target.hidden = false; }
  });

  bar.hidden = false;
  apply();
  reveal();
})();
