/* qmsite serve: reloads the page after each successful rebuild and shows build errors on top
   of the last good page; the overlay closes with its button or Escape until the next problem.
   Served only by `qmsite serve`, never part of a built site. */
(function () {
  "use strict";
  var overlay = null;
  var text = null;
  function close() {
    if (overlay) { overlay.hidden = true; }
  }
  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "qmsite-overlay";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh";
      s.overflow = "auto"; s.background = "#2b0a0a"; s.color = "#fff"; s.padding = "1rem 3rem 1rem 1rem";
      s.font = "13px/1.4 ui-monospace, monospace"; s.zIndex = "2147483647"; s.whiteSpace = "pre-wrap";
      s.borderTop = "4px solid #e5484d";
      var button = document.createElement("button");
      button.type = "button";
      button.id = "qmsite-overlay-close";
      button.textContent = "\u00d7";
      button.title = "Close (Esc)";
      button.setAttribute("aria-label", "Close the list of problems");
      var b = button.style;
      b.position = "absolute"; b.top = ".5rem"; b.right = ".75rem"; b.font = "20px/1 sans-serif";
      b.background = "transparent"; b.color = "#fff"; b.border = "1px solid #fff"; b.borderRadius = "4px";
      b.cursor = "pointer"; b.padding = ".1rem .5rem";
      button.addEventListener("click", close);
      text = document.createElement("div");
      overlay.appendChild(button);
      overlay.appendChild(text);
      document.body.appendChild(overlay);
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape") { close(); }
      });
    }
    overlay.hidden = false;
    text.textContent = "qmsite: the last edit has errors; this is the last good version.\n\n" + problems;
  }
  var source = new EventSource("/__qmsite/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("problem", function (e) { show(e.data); });
})();
