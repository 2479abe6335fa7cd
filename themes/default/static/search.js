// Search for mieruka: finds the entries containing every word of the query, after folding both:
// Unicode NFKC and lower case, katakana as hiragana (セタガヤ finds せたがや), hyphens and spaces
// left out ("startup" finds "start-up"), and a word's plain English ending dropped ("businesses"
// finds "business"). Japanese words are found inside running text.
//
// It fetches only what a query needs from the index `mieruka build` writes (the script tag's
// data-index is its folder; src/render/search.rs describes the files): meta.json, the posting
// files of the query's words (by runs of up to three characters), then the document files of
// the first results, checking each (the runs being present does not make the word present).
// "More results" loads the next ones. Every fetched file is kept for the next query.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  if (!script || !form || !input || !list || !status || !more) return;
  var data = script.dataset;
  var lang = data.lang, root = data.root, folder = data.index;
  var FOLD = 1; // the folding below; meta.json says which one the index was built with
  var PAGE = 20; // results shown at a time
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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
  // The query's words as typed (for the snippet), and as searched for.
  var parse = function (query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    return { words: words, terms: words.map(function (w) { return fold(stem(w)); }).filter(Boolean) };
  };
  // The keys whose postings a word needs: the word itself if it is one or two characters long,
  // else each run of three adjacent characters.
  var keys = function (term) {
    var chars = Array.from(term);
    if (chars.length <= 2) return [term];
    var out = [];
    for (var i = 0; i + 2 < chars.length; i++) {
      var key = chars[i] + chars[i + 1] + chars[i + 2];
      if (out.indexOf(key) < 0) out.push(key);
    }
    return out;
  };
  // FNV-1a (32 bits) of a key's UTF-8: which posting shard holds it.
  var hash = function (key) {
    var h = 0x811c9dc5;
    new TextEncoder().encode(key).forEach(function (b) { h = Math.imul(h ^ b, 0x01000193); });
    return h >>> 0;
  };
  // An encoded list of entry numbers: "~" and a bitmap, six entries a digit; or the gaps
  // between them, base-32 digits most significant first, 32 added to all but a number's last.
  var decode = function (text) {
    var out = [], k, d;
    if (text.charAt(0) === "~") {
      for (k = 1; k < text.length; k++) {
        d = DIGITS.indexOf(text.charAt(k));
        for (var j = 0; j < 6; j++) if (d & (1 << j)) out.push((k - 1) * 6 + j);
      }
      return out;
    }
    var n = 0, next = 0;
    for (k = 0; k < text.length; k++) {
      d = DIGITS.indexOf(text.charAt(k));
      n = n * 32 + (d & 31);
      if (d < 32) { next += n; out.push(next); next += 1; n = 0; }
    }
    return out;
  };
  // For the browser check (.ci/browser/check.js), which compares these with Rust's.
  window.mierukaSearch = { fold: fold, terms: function (q) { return parse(q).terms; }, keys: keys, hash: hash, decode: decode };

  var files = {};
  function load(path) {
    if (!files[path]) {
      files[path] = fetch(folder + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }

  function loadMeta() {
    return load("meta.json").then(function (meta) {
      if (meta.fold !== FOLD) throw new Error("the index is folded another way");
      if (!meta.ownIndex) {
        meta.ownIndex = new Map(meta.own.map(function (key, i) { return [key, i]; }));
        var first = 0;
        meta.ranges = meta.languages.map(function (l) { var r = { lang: l[0], from: first, to: first + l[1] }; first = r.to; return r; });
      }
      return meta;
    });
  }

  // The entries (by number, in order) whose folded text holds the key.
  function postings(meta, key) {
    var own = meta.ownIndex.get(key);
    var path = own === undefined ? "p/" + (hash(key) % meta.shards) + ".json" : "k/" + own + ".json";
    return load(path).then(function (file) {
      var lists = Object.prototype.hasOwnProperty.call(file, key) ? file[key] : [];
      var out = [];
      lists.forEach(function (text, i) {
        var from = meta.ranges[i].from;
        decode(text).forEach(function (n) { out.push(from + n); });
      });
      return out;
    });
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  function entry(meta, n) {
    return load("d/" + Math.floor(n / meta.per) + ".json").then(function (d) { return d[n % meta.per]; });
  }

  function snippet(text, term) {
    var at = norm(text).indexOf(term);
    if (at < 0) return text.slice(0, 120);
    var start = Math.max(0, at - 40);
    return (start > 0 ? "…" : "") + text.slice(start, at + term.length + 80) + "…";
  }

  function item(e, words) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + e.u;
    a.textContent = e.t;
    a.lang = e.l;
    li.appendChild(a);
    if (e.l !== lang) {
      var tag = document.createElement("small");
      tag.textContent = " (" + data.other + ")";
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
    return li;
  }

  var current = null; // the search shown: its query, candidates and how far they were checked

  // Checks candidates in order until PAGE more results are shown or none is left.
  function next(search) {
    var target = search.shown + PAGE;
    var added = [];
    function step() {
      if (search.shown >= target || search.checked >= search.order.length) return Promise.resolve(added);
      var batch = search.order.slice(search.checked, search.checked + target - search.shown);
      search.checked += batch.length;
      return Promise.all(batch.map(function (n) { return entry(search.meta, n); })).then(function (entries) {
        if (search !== current) return added;
        entries.forEach(function (e) {
          var hay = fold(e.t + " " + e.x);
          if (!search.terms.every(function (t) { return hay.indexOf(t) >= 0; })) return;
          var li = item(e, search.words);
          list.appendChild(li);
          added.push(li);
          search.shown++;
        });
        return step();
      });
    }
    return step().then(function (added) {
      if (search !== current) return added;
      var left = search.order.length - search.checked;
      if (!left) {
        status.textContent = search.shown ? data.found.replace("{n}", search.shown) : data.none;
      } else {
        status.textContent = data.some.replace("{shown}", search.shown).replace("{n}", search.shown + left);
      }
      more.hidden = !left;
      return added;
    });
  }

  function failed(search) {
    return function () {
      if (search !== current) return;
      status.textContent = data.failed;
      more.hidden = true;
    };
  }

  function run(query) {
    var parsed = parse(query);
    var search = { words: parsed.words, terms: parsed.terms, shown: 0, checked: 0, order: [] };
    current = search;
    list.textContent = "";
    more.hidden = true;
    if (!search.terms.length) { status.textContent = ""; return; }
    loadMeta().then(function (meta) {
      search.meta = meta;
      var needed = [];
      search.terms.forEach(function (t) {
        keys(t).forEach(function (k) { if (needed.indexOf(k) < 0) needed.push(k); });
      });
      return Promise.all(needed.map(function (k) { return postings(meta, k); }));
    }).then(function (lists) {
      if (search !== current) return;
      lists.sort(function (a, b) { return a.length - b.length; });
      var found = lists.reduce(intersect);
      // The reader's language first, then the others, each as the site orders them.
      search.order = found.filter(function (n) { return ranged(search.meta, n) === lang; })
        .concat(found.filter(function (n) { return ranged(search.meta, n) !== lang; }));
      return next(search);
    }).catch(failed(search));
  }

  function ranged(meta, n) {
    for (var i = 0; i < meta.ranges.length; i++) if (n < meta.ranges[i].to) return meta.ranges[i].lang;
    return null;
  }

  more.addEventListener("click", function () {
    var search = current;
    if (!search || !search.meta) return;
    more.hidden = true;
    next(search).then(function (added) {
      // The keyboard goes on from the first new result (or the button, if none was new).
      if (search !== current) return;
      if (added.length) added[0].querySelector("a").focus();
      else if (!more.hidden) more.focus();
    }).catch(failed(search));
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
