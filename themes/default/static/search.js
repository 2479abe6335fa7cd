// Search for mieruka: loads search-index.json and finds entries containing every word of the
// query, after folding both: Unicode NFKC and lower case, katakana as hiragana (セタガヤ finds
// せたがや), hyphens and spaces left out ("startup" finds "start-up"), and a word's plain English
// ending dropped ("businesses" finds "business"). Japanese words are found inside running text.
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
  var fold = function (s) {
    return norm(s)
      .replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); })
      .replace(/[\s\-\u2010-\u2015\u2212]+/g, "");
  };
  // A query word without its plain English ending: the stem is then found inside longer words.
  var stem = function (w) {
    if (!/^[a-z]+$/.test(w) || w.length < 5) return w;
    return w.replace(/(ies|ing|ed|es|s)$/, function (end) {
      return end === "s" && /ss$/.test(w) ? end : "";
    });
  };
  var entries = null;

  function snippet(text, term) {
    var at = norm(text).indexOf(term);
    if (at < 0) return text.slice(0, 120);
    var start = Math.max(0, at - 40);
    return (start > 0 ? "…" : "") + text.slice(start, at + term.length + 80) + "…";
  }

  function show(query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    var terms = words.map(function (w) { return fold(stem(w)); }).filter(Boolean);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = entries.filter(function (e) {
      var hay = e.n || (e.n = fold(e.t + " " + e.x));
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
      if (e.s) {
        var st = document.createElement("p");
        st.className = "search-status-line";
        st.lang = e.l;
        st.textContent = e.s;
        li.appendChild(st);
      }
      var p = document.createElement("p");
      p.lang = e.l;
      p.textContent = snippet(e.x || e.t, words[0]);
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
