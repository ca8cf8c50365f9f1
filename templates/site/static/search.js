// Client-side search over search-index.json: every term must appear in a page's title or
// text; titles weigh more. No library, no request outside the site; works under a sub-path
// because the index URL comes from the page (data-index), which the build wrote with the base.
(function () {
  "use strict";
  var script = document.currentScript;
  var indexUrl = script && script.getAttribute("data-index");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!indexUrl || !input || !results) { return; }
  var entries = null;

  function terms(q) {
    return q.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function score(entry, ts) {
    var title = entry.title.toLowerCase();
    var text = entry.text.toLowerCase();
    var total = 0;
    for (var i = 0; i < ts.length; i++) {
      var inTitle = title.indexOf(ts[i]) !== -1;
      var inText = text.indexOf(ts[i]) !== -1;
      if (!inTitle && !inText) { return 0; }
      total += (inTitle ? 10 : 0) + (inText ? 1 : 0);
    }
    return total;
  }

  function render(q) {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var ts = terms(q);
    if (ts.length === 0) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(entries[i], ts);
      if (s > 0) { hits.push({ s: s, e: entries[i] }); }
    }
    hits.sort(function (a, b) { return b.s - a.s || (a.e.date < b.e.date ? 1 : -1); });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for “" + q + "”";
    hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.e.url;
      a.textContent = h.e.title;
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "muted";
      meta.textContent = " " + h.e.kind + (h.e.date ? " · " + h.e.date : "");
      li.appendChild(meta);
      var ex = document.createElement("span");
      ex.className = "excerpt";
      ex.textContent = h.e.excerpt;
      li.appendChild(ex);
      results.appendChild(li);
    });
  }

  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  status.textContent = q ? "Searching…" : "";
  fetch(indexUrl).then(function (r) {
    if (!r.ok) { throw new Error("search index: HTTP " + r.status); }
    return r.json();
  }).then(function (data) {
    entries = data;
    render(input.value);
    input.addEventListener("input", function () { render(input.value); });
  }).catch(function (e) {
    status.textContent = "Search is unavailable: " + e.message;
  });
})();
