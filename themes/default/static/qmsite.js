/* The default theme's script. Every chart arrives drawn: SVG made when the site was built, so
   pages are complete without JavaScript. This script folds each chart's data table away behind
   a button, and makes a chart interactive (tooltips, legend toggling) the first time a reader
   points at it or touches it: only then does it load the local ECharts library and draw the
   chart again from the option JSON the page embeds, at the size the drawing had, so nothing
   moves. It also lets Escape close the navigation menu on phones. (The improvement register's
   filters and sorting are register.js, which only the improvement plan loads.) */
(function () {
  "use strict";

  var self = document.currentScript ? document.currentScript.src : "";
  var library = self.replace(/qmsite\.js([?#].*)?$/, "vendor/echarts/echarts.min.js");
  var waiting = null;
  var live = [];

  /* Loads ECharts once, then calls `ready`; calls made while it loads wait for it. */
  function withEcharts(ready) {
    if (window.echarts) { ready(); return; }
    if (waiting) { waiting.push(ready); return; }
    waiting = [ready];
    var script = document.createElement("script");
    script.src = library;
    script.onload = function () {
      var calls = waiting;
      waiting = null;
      calls.forEach(function (call) { if (window.echarts) { call(); } });
    };
    document.head.appendChild(script);
  }

  function optionOf(target) {
    var block = document.querySelector('script.chart-option[data-chart="' + target.id + '"]');
    if (!block) { return null; }
    try { return JSON.parse(block.textContent); } catch (e) { return null; }
  }

  /* An axis whose labels carry `qmsiteNumber` (the page language's group and decimal signs)
     gets a formatter writing its figures with them, as the drawing made at build time does
     (src/render/svg/engine.rs). */
  function localiseAxes(option) {
    ["xAxis", "yAxis"].forEach(function (key) {
      [].concat(option[key] || []).forEach(function (axis) {
        var signs = axis && axis.axisLabel && axis.axisLabel.qmsiteNumber;
        if (!signs) { return; }
        axis.axisLabel.formatter = function (value) {
          var parts = String(value).split(".");
          return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, signs.group) +
            (parts.length > 1 ? signs.decimal + parts[1] : "");
        };
      });
    });
  }

  /* Draws one chart with ECharts in place of its SVG, at the drawing's size on screen. */
  function makeLive(target) {
    if (target.getAttribute("data-live")) { return; }
    var option = optionOf(target);
    if (!option) { return; }
    target.setAttribute("data-live", "yes");
    var shown = Array.prototype.filter.call(target.querySelectorAll("svg"), function (svg) {
      return svg.getBoundingClientRect().height > 0;
    })[0];
    var height = shown ? shown.getBoundingClientRect().height
      : parseInt(target.getAttribute("data-height") || "352", 10);
    target.style.height = height + "px";
    if (shown) { target.style.maxWidth = shown.getBoundingClientRect().width + "px"; }
    target.textContent = "";
    var chart = window.echarts.init(target, null, { renderer: "svg" });
    option.animation = false;
    localiseAxes(option);
    chart.setOption(option);
    live.push(chart);
  }

  function drawCharts() {
    var canvases = document.querySelectorAll(".chart-canvas");
    Array.prototype.forEach.call(canvases, function (target) {
      var chartBox = target.closest(".chart");
      if (chartBox) { chartBox.classList.add("drawn"); addDataToggle(chartBox); }
      if (!target.classList.contains("drawn-svg")) {
        /* A theme that embeds no drawing: draw it now. */
        withEcharts(function () { makeLive(target); });
        return;
      }
      var wake = function () {
        target.removeEventListener("pointerenter", wake);
        target.removeEventListener("touchstart", wake);
        withEcharts(function () { makeLive(target); });
      };
      target.addEventListener("pointerenter", wake);
      target.addEventListener("touchstart", wake, { passive: true });
    });
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(function () { live.forEach(function (c) { c.resize(); }); }, 100);
    });
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

  /* The main navigation's menu on phones opens and closes without this script; with it, Escape
     closes the open menu and returns to its toggle, and so does a click or tap elsewhere. */
  function menuTools() {
    var menu = document.querySelector(".nav-menu");
    if (!menu) { return; }
    var toggle = menu.querySelector("summary");
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        toggle.focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (menu.open && !menu.contains(e.target)) { menu.open = false; }
    });
  }

  drawCharts();
  menuTools();
})();
