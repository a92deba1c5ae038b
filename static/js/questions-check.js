// Easy-read advice as you type. The form works without this: "Check the words" does the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-check-url]");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-check-url");
  var tokenInput = form.querySelector("input[name=csrf_token]");
  var token = tokenInput ? tokenInput.value : "";

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  }

  function show(box, what, result) {
    box.textContent = "";
    var wrap = element("div", "findings" + (result.ok && !result.blocking ? " findings-ok" : ""));
    if (result.blocking) {
      wrap.appendChild(element("p", "findings-title", result.blocking));
    } else if (result.ok) {
      wrap.appendChild(element("p", "findings-title", what + ": easy to read. Well done."));
    } else {
      var n = result.problems.length;
      wrap.appendChild(element("p", "findings-title",
        what + ": " + n + (n === 1 ? " thing" : " things") + " to change. This is advice: you can still save."));
      var list = element("ul", "findings-list");
      result.problems.forEach(function (problem) {
        var item = element("li", "", problem.message + " ");
        if (problem.excerpt) { item.appendChild(element("span", "findings-excerpt", "In: \u201c" + problem.excerpt + "\u201d ")); }
        if (problem.suggestion) { item.appendChild(element("span", "findings-tip", "Try: " + problem.suggestion)); }
        list.appendChild(item);
      });
      wrap.appendChild(list);
    }
    box.appendChild(wrap);
  }

  function check(field, box) {
    var text = field.value;
    if (!text.trim()) { box.textContent = ""; return; }
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ text: text })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (result && field.value === text) { show(box, box.getAttribute("data-what") || "The text", result); }
    }).catch(function () { /* advice only: say nothing if the network drops */ });
  }

  form.querySelectorAll("[data-advice-for]").forEach(function (box) {
    var field = document.getElementById(box.getAttribute("data-advice-for"));
    if (!field) { return; }
    var timer = null;
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { check(field, box); }, 700);
    });
  });
})();
