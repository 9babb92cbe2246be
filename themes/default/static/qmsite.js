/* The default theme's script: draws the charts with the local ECharts from the option JSON each
   page embeds, lets readers fold out each chart's data, and adds sorting and filters to the
   improvement register. Without JavaScript every table is shown in full. */
(function () {
  "use strict";

  function drawCharts() {
    if (typeof window.echarts === "undefined") { return; }
    var charts = [];
    var blocks = document.querySelectorAll('script[type="application/json"].chart-option');
    Array.prototype.forEach.call(blocks, function (block) {
      var target = document.getElementById(block.getAttribute("data-chart"));
      if (!target) { return; }
      var option;
      try { option = JSON.parse(block.textContent); } catch (e) { return; }
      target.textContent = "";
      var height = parseInt(target.getAttribute("data-height") || "", 10);
      if (height > 0) { target.style.height = height + "px"; }
      var chart = window.echarts.init(target, null, { renderer: "svg" });
      option.animation = false;
      chart.setOption(option);
      charts.push(chart);
      var chartBox = target.closest(".chart");
      if (chartBox) { chartBox.classList.add("drawn"); addDataToggle(chartBox); }
    });
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 100);
    });
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  /* Once a chart is drawn its table is folded away on screen (still read by screen readers and
     printed); a button folds it out. */
  function addDataToggle(chartBox) {
    var data = chartBox.querySelector(".chart-data");
    if (!data) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "data-toggle";
    button.setAttribute("aria-controls", data.id);
    button.setAttribute("aria-expanded", "false");
    button.textContent = data.getAttribute("data-show");
    button.addEventListener("click", function () {
      var open = chartBox.classList.toggle("show-data");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = data.getAttribute(open ? "data-hide" : "data-show");
    });
    chartBox.insertBefore(button, data);
  }

  function text(cell) { return (cell ? cell.textContent : "").trim(); }

  function registerTools() {
    var table = document.getElementById("register");
    if (!table || !table.tBodies.length) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var label = function (k) { return table.getAttribute("data-l-" + k) || k; };

    var bar = document.createElement("div");
    bar.className = "filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", label("status") + ", " + label("part") + ", " + label("direction") + ", " + label("owner"));
    var selects = {};
    ["status", "part", "direction", "owner"].forEach(function (key) {
      var values = [];
      rows.forEach(function (r) {
        var v = r.getAttribute("data-" + key);
        if (v && values.indexOf(v) < 0) { values.push(v); }
      });
      values.sort();
      var wrap = document.createElement("label");
      wrap.textContent = label(key) + " ";
      var select = document.createElement("select");
      select.name = key;
      var all = document.createElement("option");
      all.value = ""; all.textContent = label("all");
      select.appendChild(all);
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v; o.textContent = v;
        select.appendChild(o);
      });
      select.addEventListener("change", apply);
      wrap.appendChild(select);
      bar.appendChild(wrap);
      selects[key] = select;
    });
    var overdueWrap = document.createElement("label");
    var overdue = document.createElement("input");
    overdue.type = "checkbox"; overdue.name = "overdue";
    overdue.addEventListener("change", apply);
    overdueWrap.appendChild(overdue);
    overdueWrap.appendChild(document.createTextNode(" " + label("overdue")));
    bar.appendChild(overdueWrap);
    var reset = document.createElement("button");
    reset.type = "button"; reset.textContent = label("reset");
    reset.addEventListener("click", function () {
      Object.keys(selects).forEach(function (k) { selects[k].value = ""; });
      overdue.checked = false;
      apply();
    });
    bar.appendChild(reset);
    var count = document.createElement("p");
    count.className = "filter-count";
    count.setAttribute("aria-live", "polite");
    table.parentNode.insertBefore(bar, table);
    table.parentNode.insertBefore(count, table);

    function apply() {
      var shown = 0;
      rows.forEach(function (r) {
        var ok = Object.keys(selects).every(function (k) {
          return !selects[k].value || r.getAttribute("data-" + k) === selects[k].value;
        }) && (!overdue.checked || r.getAttribute("data-overdue") === "yes");
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = label("showing") + " " + shown + " " + label("of") + " " + rows.length;
    }
    apply();

    // Sorting: each column heading becomes a button; a second click reverses the order.
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", label("sort") + " " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = text(a.cells[index]), y = text(b.cells[index]);
          var c = x.localeCompare(y, undefined, { numeric: true });
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  drawCharts();
  registerTools();
})();
