/* Search in the browser: the box in the header loads the site's index (a script file written with
   the site, so it loads from file:// as from a web server) the first time a reader uses it, and
   lists the pages holding every word typed, grouped by kind, with the words highlighted. Results
   are built as DOM nodes from text, never as HTML. Without JavaScript the box stays hidden. */
(function () {
  "use strict";

  var box = document.querySelector("[data-search-index]");
  if (!box) { return; }
  var input = box.querySelector("input");
  var results = box.querySelector(".search-results");
  var status = box.querySelector(".search-status");
  var root = box.getAttribute("data-root") || "";
  var loading = false;
  var entries = null;
  box.hidden = false;

  /* Lower case without accents, one character for one character, so that a place found in the
     folded text is the same place in the original. */
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i).normalize("NFD").charAt(0).toLowerCase().charAt(0);
      out += c;
    }
    return out;
  }

  function load() {
    if (entries || loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = box.getAttribute("data-search-index");
    script.onload = function () {
      var index = window.qmsiteSearchIndex || { kinds: [], entries: [] };
      entries = index.entries.map(function (e) {
        return { kind: e.kind, title: e.title, url: e.url, text: e.text,
                 ftitle: fold(e.title), ftext: fold(e.text) };
      });
      box.kinds = index.kinds;
      search();
    };
    document.head.appendChild(script);
  }

  function terms() {
    return fold(input.value).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  /* Text with every occurrence of the terms marked, as nodes appended to `parent`. */
  function marked(parent, text, words) {
    var folded = fold(text);
    var i = 0;
    while (i < text.length) {
      var next = -1, length = 0;
      words.forEach(function (w) {
        var at = folded.indexOf(w, i);
        if (at >= 0 && (next < 0 || at < next)) { next = at; length = w.length; }
      });
      if (next < 0) { parent.appendChild(document.createTextNode(text.slice(i))); return; }
      if (next > i) { parent.appendChild(document.createTextNode(text.slice(i, next))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      parent.appendChild(mark);
      i = next + length;
    }
  }

  function snippet(entry, words) {
    var at = entry.ftext.indexOf(words[0]);
    if (at < 0) { return entry.text.slice(0, 140); }
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + entry.text.slice(start, at + 100) + "…";
  }

  function search() {
    results.textContent = "";
    var words = terms();
    if (!entries || words.length === 0) { results.hidden = true; status.textContent = ""; return; }
    var found = entries.filter(function (e) {
      return words.every(function (w) { return e.ftitle.indexOf(w) >= 0 || e.ftext.indexOf(w) >= 0; });
    });
    found.sort(function (a, b) {
      var score = function (e) { return words.filter(function (w) { return e.ftitle.indexOf(w) >= 0; }).length; };
      return score(b) - score(a);
    });
    status.textContent = found.length + " " + (box.getAttribute("data-found") || "");
    (box.kinds || []).forEach(function (kind) {
      var ofKind = found.filter(function (e) { return e.kind === kind[0]; }).slice(0, 10);
      if (ofKind.length === 0) { return; }
      var heading = document.createElement("p");
      heading.className = "search-kind";
      heading.textContent = kind[1];
      results.appendChild(heading);
      var list = document.createElement("ul");
      ofKind.forEach(function (e) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + e.url;
        marked(link, e.title, words);
        item.appendChild(link);
        var context = document.createElement("span");
        context.className = "search-snippet";
        marked(context, snippet(e, words), words);
        item.appendChild(context);
        list.appendChild(item);
      });
      results.appendChild(list);
    });
    if (found.length === 0) {
      var none = document.createElement("p");
      none.textContent = box.getAttribute("data-none") || "";
      results.appendChild(none);
    }
    results.hidden = false;
  }

  function links() { return Array.prototype.slice.call(results.querySelectorAll("a")); }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { load(); search(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && links().length) { event.preventDefault(); links()[0].focus(); }
    if (event.key === "Escape") { input.value = ""; search(); }
  });
  results.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < all.length - 1) { event.preventDefault(); all[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
    if (event.key === "Escape") { input.value = ""; search(); input.focus(); }
  });
})();
