// mieruka serve: reloads the page after a rebuild and shows content errors over it.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script && script.dataset.build ? script.dataset.build : null;
  var box = null;
  var pre = null;

  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "mieruka-errors";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
        maxHeight: "60vh", overflow: "auto", boxSizing: "border-box", margin: "0", padding: "1rem 1.25rem",
        background: "#fff5f5", color: "#1f2328", borderBottom: "4px solid #cf222e",
        boxShadow: "0 4px 16px rgba(0, 0, 0, 0.35)", font: "15px/1.6 system-ui, sans-serif", textAlign: "left"
      });
      var title = document.createElement("p");
      title.style.margin = "0";
      title.style.fontWeight = "bold";
      title.textContent = "サイトを更新できませんでした。下のページは前回の正常な版です。直して保存すると再読み込みします。 / " +
        "The site could not be rebuilt; the page below is the last good build. Fix the problem and save to reload.";
      pre = document.createElement("pre");
      Object.assign(pre.style, {
        margin: "0.75rem 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
        font: "13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", color: "#82071e"
      });
      var hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = "閉じる / Hide";
      hide.style.marginTop = "0.75rem";
      hide.addEventListener("click", function () { box.hidden = true; });
      box.appendChild(title);
      box.appendChild(pre);
      box.appendChild(hide);
      document.body.appendChild(box);
    }
    if (pre.textContent !== text) {
      pre.textContent = text;
      box.hidden = false;
    }
  }

  function poll() {
    fetch("/__mieruka/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var now = String(state.build);
        if (build === null) { build = now; }
        if (now !== build) { location.reload(); return; }
        if (state.errors) { show(state.errors); } else if (box) { location.reload(); }
      })
      .catch(function () { /* the server is restarting or stopped: try again */ })
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
