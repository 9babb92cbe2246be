/* "Compare any two assessments" on the assessments page. The page carries every assessment's
   computed figures (index, domains, dimensions and level labels) as JSON; this script shows the
   two chosen side by side with the change, subtracting and rounding as the site's own pages do
   (half away from zero, one decimal). It works from file:// as from a web server, builds the
   table from text nodes only, and without JavaScript the form stays hidden: the page lists the
   comparison pages of consecutive assessments instead. */
(function () {
  "use strict";

  var form = document.querySelector("div.compare-any");
  var source = document.getElementById("compare-data");
  if (!form || !source) { return; }
  var data;
  try { data = JSON.parse(source.textContent); } catch (e) { return; }
  var root = form.getAttribute("data-root") || "";
  var label = function (k) { return form.getAttribute("data-l-" + k) || k; };
  var a = form.querySelector('select[name="a"]');
  var b = form.querySelector('select[name="b"]');
  var out = form.querySelector(".compare-result");
  form.hidden = false;
  if (a.options.length > 1) { a.selectedIndex = 1; }
  b.selectedIndex = 0;

  function round1(v) {
    var x = Math.abs(v * 10);
    return (v < 0 ? -1 : 1) * Math.round(x) / 10;
  }
  var decimal = form.getAttribute("data-decimal") || ".";
  /* One decimal, with the page language's separator. */
  function fixed(v) { return v.toFixed(1).replace(".", decimal); }
  /* A change in the page's own words: its pattern for a rise, a fall or no change. */
  function signed(key, amount) {
    var pattern = form.getAttribute("data-l-delta-" + key) || "{delta}";
    return pattern.split("{delta}").join(fixed(amount));
  }
  function value(v) { return v === null || v === undefined ? label("not-rated") : fixed(round1(v)); }
  function change(before, after) {
    if (before === null || after === null || before === undefined || after === undefined) {
      return { text: "", trend: "none" };
    }
    var d = round1(after - before);
    if (d > 0) { return { text: signed("up", d), trend: "up" }; }
    if (d < 0) { return { text: signed("down", Math.abs(d)), trend: "down" }; }
    return { text: signed("flat", 0), trend: "flat" };
  }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function row(body, head, before, after, delta, href) {
    var tr = el("tr");
    var th = el("th");
    th.scope = "row";
    if (href) { var link = el("a", head); link.href = root + href; th.appendChild(link); } else { th.textContent = head; }
    tr.appendChild(th);
    tr.appendChild(el("td", before));
    tr.appendChild(el("td", after));
    var td = el("td", "", "num");
    if (delta.text) { td.appendChild(el("span", delta.text, "delta delta-" + delta.trend)); }
    tr.appendChild(td);
    body.appendChild(tr);
  }

  function show() {
    out.textContent = "";
    var x = data.assessments[a.value], y = data.assessments[b.value];
    if (!x || !y) { return; }
    if (a.value === b.value) { out.appendChild(el("p", label("same"))); return; }
    if (x.series !== y.series) { out.appendChild(el("p", label("other"))); return; }
    var fw = data.frameworks[x.framework];
    var page = data.pages[a.value + "/" + b.value];
    if (page) {
      var p = el("p"), link = el("a", label("page"));
      link.href = root + page;
      p.appendChild(link);
      out.appendChild(p);
    }
    var table = el("table", undefined, "data");
    var head = el("tr");
    head.appendChild(el("td"));
    [label("before"), label("after"), label("change")].forEach(function (h) {
      var th = el("th", h);
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    row(body, label("index"), value(x.index), value(y.index), change(x.index, y.index));
    fw.domains.forEach(function (name, i) {
      row(body, name, value(x.domains[i]), value(y.domains[i]), change(x.domains[i], y.domains[i]));
    });
    var changed = 0;
    fw.dimensions.forEach(function (dim, i) {
      if (x.dimensions[i] === y.dimensions[i] && x.levels[i] === y.levels[i]) { return; }
      changed += 1;
      var level = function (s, v) { return (s[i] === null ? label("not-rated") : s[i]) + " (" + value(v) + ")"; };
      row(body, dim[0], level(x.levels, x.dimensions[i]), level(y.levels, y.dimensions[i]),
          change(x.dimensions[i], y.dimensions[i]), dim[1]);
    });
    table.appendChild(body);
    out.appendChild(el("p", label("dimension") + ": " + changed + " " + label("changed") + ", " +
      (fw.dimensions.length - changed) + " " + label("unchanged")));
    out.appendChild(table);
  }

  a.addEventListener("change", show);
  b.addEventListener("change", show);
  show();
})();
