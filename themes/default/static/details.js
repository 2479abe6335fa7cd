// Opens the collapsed action that holds the target of the address's #anchor, on arrival and on
// every in-page link, and every action before printing. Pages are complete without it: each
// action also opens with a click, and browsers that reveal <details> for a fragment do so alone.
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  reveal();
})();
