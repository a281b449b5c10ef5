// flowdoc: render the sequence diagrams of the page with the mermaid copy shipped in the site.
// No CDN: mermaid.min.js is copied next to this file by `flowdoc build` from the npm package.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  var base = here.slice(0, here.lastIndexOf("/") + 1);

  function dark() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function renderAll(blocks) {
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark() ? "dark" : "default",
      sequence: { useMaxWidth: false, wrap: false, actorFontSize: 14, messageFontSize: 14, noteFontSize: 13 },
      flowchart: { useMaxWidth: false },
    });
    var chain = Promise.resolve();
    blocks.forEach(function (pre, i) {
      chain = chain.then(function () {
        var text = pre.textContent;
        return window.mermaid.render("flowdoc-diagram-" + i, text).then(function (out) {
          var div = document.createElement("div");
          div.className = "flowdoc-mermaid-svg";
          div.innerHTML = out.svg;
          div.setAttribute("data-search-exclude", "");
          pre.replaceWith(div);
        }).catch(function (err) {
          pre.classList.add("flowdoc-mermaid-error");
          pre.setAttribute("title", String(err && err.message ? err.message : err));
        });
      });
    });
    return chain;
  }

  function start() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.flowdoc-mermaid:not(.flowdoc-mermaid-off)"));
    if (!blocks.length) return;
    if (window.mermaid) {
      renderAll(blocks);
      return;
    }
    var script = document.createElement("script");
    script.src = base + "mermaid.min.js";
    script.onload = function () { renderAll(blocks); };
    script.onerror = function () {
      blocks.forEach(function (pre) { pre.classList.add("flowdoc-mermaid-off"); });
    };
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
