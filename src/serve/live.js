/* qmsite serve: reloads the page after each successful rebuild and shows build errors on top
   of the last good page. Served only by `qmsite serve`, never part of a built site. */
(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "qmsite-overlay";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh";
      s.overflow = "auto"; s.background = "#2b0a0a"; s.color = "#fff"; s.padding = "1rem";
      s.font = "13px/1.4 ui-monospace, monospace"; s.zIndex = "2147483647"; s.whiteSpace = "pre-wrap";
      s.borderTop = "4px solid #e5484d";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "qmsite: the last edit has errors; this is the last good version.\n\n" + text;
  }
  var source = new EventSource("/__qmsite/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("problem", function (e) { show(e.data); });
})();
