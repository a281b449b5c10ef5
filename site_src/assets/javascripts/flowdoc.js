// flowdoc: render the diagrams of the page with the mermaid copy shipped in the site.
// No CDN: mermaid.min.js is copied next to this file by `flowdoc build` from the npm package.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  var base = here.slice(0, here.lastIndexOf("/") + 1);
  var counter = 0;

  function dark() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function configure() {
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark() ? "dark" : "default",
      sequence: { useMaxWidth: false, wrap: false, actorFontSize: 14, messageFontSize: 14, noteFontSize: 13 },
      flowchart: { useMaxWidth: false },
    });
  }

  // Each diagram's source stays in a hidden <pre> so that it can be drawn again (colour scheme).
  function renderAll(blocks) {
    configure();
    var chain = Promise.resolve();
    blocks.forEach(function (pre) {
      chain = chain.then(function () {
        var text = pre.textContent;
        return window.mermaid.render("flowdoc-diagram-" + counter++, text).then(function (out) {
          var div = pre.nextElementSibling;
          if (!div || !div.classList.contains("flowdoc-mermaid-svg")) {
            div = document.createElement("div");
            div.className = "flowdoc-mermaid-svg";
            pre.after(div);
          }
          div.innerHTML = out.svg;
          pre.hidden = true;
          pre.classList.remove("flowdoc-mermaid-error");
        }).catch(function (err) {
          pre.hidden = false;
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
    function go() {
      renderAll(blocks);
      new MutationObserver(function () { renderAll(blocks); })
        .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    }
    if (window.mermaid) {
      go();
      return;
    }
    var script = document.createElement("script");
    script.src = base + "mermaid.min.js";
    script.onload = go;
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
