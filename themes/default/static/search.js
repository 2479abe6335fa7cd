// Search for mieruka: loads search-index.json and finds entries containing every word of the
// query (after Unicode normalisation), so Japanese words are found inside running text.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!script || !form || !input || !list || !status) return;
  var lang = script.dataset.lang, root = script.dataset.root;
  var norm = function (s) { return s.normalize("NFKC").toLowerCase(); };
  var entries = null;

  function snippet(text, term) {
    var at = norm(text).indexOf(term);
    if (at < 0) return text.slice(0, 120);
    var start = Math.max(0, at - 40);
    return (start > 0 ? "…" : "") + text.slice(start, at + term.length + 80) + "…";
  }

  function show(query) {
    var terms = norm(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = entries.filter(function (e) {
      var hay = e.n || (e.n = norm(e.t + " " + e.x));
      return terms.every(function (t) { return hay.indexOf(t) >= 0; });
    });
    hits.sort(function (a, b) { return (a.l === lang ? 0 : 1) - (b.l === lang ? 0 : 1); });
    status.textContent = hits.length ? script.dataset.found.replace("{n}", hits.length) : script.dataset.none;
    hits.slice(0, 200).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      a.lang = e.l;
      li.appendChild(a);
      if (e.l !== lang) {
        var tag = document.createElement("small");
        tag.textContent = " (" + script.dataset.other + ")";
        li.appendChild(tag);
      }
      var p = document.createElement("p");
      p.lang = e.l;
      p.textContent = snippet(e.x || e.t, terms[0]);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function run(query) {
    if (entries) { show(query); return; }
    fetch(script.dataset.index).then(function (r) { return r.json(); }).then(function (data) {
      entries = data;
      show(query);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
