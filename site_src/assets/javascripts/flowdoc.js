// flowdoc: render the diagrams of the page with the mermaid copy shipped in the site.
// No CDN: mermaid.min.js is copied next to this file by `flowdoc build` from the npm package.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  var base = here.slice(0, here.lastIndexOf("/") + 1);
  var counter = 0;
  // Scaled to the page width, diagram text must not end up below MIN_TEXT px: a wider diagram
  // keeps that size and scrolls sideways instead.
  var FONT = 14;
  var MIN_TEXT = 11.5;

  function smallestFont(svg) {
    var least = Infinity;
    svg.querySelectorAll("text").forEach(function (t) {
      var size = parseFloat(window.getComputedStyle(t).fontSize);
      if (t.textContent.trim() && size > 0 && size < least) least = size;
    });
    return least === Infinity ? FONT : least;
  }

  function dark() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function configure() {
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark() ? "dark" : "default",
      sequence: { useMaxWidth: false, wrap: false, actorFontSize: FONT, messageFontSize: FONT, noteFontSize: FONT },
      flowchart: { useMaxWidth: false },
    });
  }

  // The drawn diagram's real extent: mermaid's own box can be narrower than what it drew (a long
  // note at the right edge was cut off), so the viewBox is taken from the drawing itself.
  function fit(div) {
    var svg = div.querySelector("svg");
    if (!svg) return;
    try {
      var box = svg.getBBox();
      var pad = 8;
      var w = Math.ceil(box.width + 2 * pad), h = Math.ceil(box.height + 2 * pad);
      svg.setAttribute("viewBox", [Math.floor(box.x - pad), Math.floor(box.y - pad), w, h].join(" "));
      svg.setAttribute("width", w);
      svg.setAttribute("height", h);
      svg.style.maxWidth = "";
      svg.style.width = "";
      svg.style.height = "";
      svg.style.minWidth = Math.ceil(w * MIN_TEXT / smallestFont(svg)) + "px";
    } catch (e) { /* not displayed yet: keep mermaid's size */ }
    // scaled to the page width by default; one click shows it at its natural size (scrolls)
    var parent = div.parentElement;
    if (parent && !parent.querySelector(".flowdoc-diagram-zoom")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "flowdoc-diagram-zoom md-button";
      parent.insertBefore(button, parent.firstChild);
      var label = function () {
        var natural = parent.classList.contains("flowdoc-natural");
        button.textContent = natural ? "Fit to width" : "Natural size";
        button.title = natural ? "scale the diagram down to the page width" : "show the diagram at full size (scrolls)";
      };
      button.addEventListener("click", function () {
        parent.classList.toggle("flowdoc-natural");
        label();
      });
      label();
    }
    if (document.body) document.body.classList.add("flowdoc-has-diagram");
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
          fit(div);
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
