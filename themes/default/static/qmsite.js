/* Draws every chart of the page with the local ECharts, from the option JSON the page embeds.
   Without JavaScript (or if ECharts is missing) the data tables under each chart remain. */
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") { return; }
  var charts = [];
  var blocks = document.querySelectorAll('script[type="application/json"].chart-option');
  Array.prototype.forEach.call(blocks, function (block) {
    var target = document.getElementById(block.getAttribute("data-chart"));
    if (!target) { return; }
    var option;
    try { option = JSON.parse(block.textContent); } catch (e) { return; }
    target.textContent = "";
    target.classList.add("chart-drawn");
    var chart = window.echarts.init(target, null, { renderer: "svg" });
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  });
  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () {
      charts.forEach(function (c) { c.resize(); });
    }, 100);
  });
  window.addEventListener("beforeprint", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
