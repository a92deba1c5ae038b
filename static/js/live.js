// Live interview screen: every tablet follows the same interview without reloading.
// Asks the server for the state every 2 seconds; when the version changes, updates the page.
// Without JavaScript the page still works: the buttons post a form and "Refresh" reloads.
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root) { return; }
  var url = root.getAttribute("data-state-url");
  var version = parseInt(root.getAttribute("data-version"), 10) || 0;
  var offline = false;

  function one(selector) { return root.querySelector(selector); }

  function setText(selector, text) {
    var el = one(selector);
    if (el && el.textContent !== text) { el.textContent = text; }
  }

  function show(selector, visible) {
    var el = one(selector);
    if (el) { el.hidden = !visible; }
  }

  function render(data) {
    version = data.version;
    root.setAttribute("data-version", String(version));
    root.setAttribute("data-status", data.status);
    var input = one("[data-live-version]");
    if (input) { input.value = String(version); }
    root.querySelectorAll("[data-live-show]").forEach(function (el) {
      el.hidden = el.getAttribute("data-live-show").split(" ").indexOf(data.status) === -1;
    });
    setText("[data-live-message]", data.message);
    setText("[data-live-progress]", data.progress);
    var bar = one("[data-live-bar]");
    if (bar) { bar.max = Math.max(data.total, 1); bar.value = data.number; }
    var notice = document.getElementById("live-notice");
    if (notice) { notice.remove(); }
    var q = data.question;
    if (q) {
      setText("[data-live-question]", q.text);
      setText("[data-live-asker]", q.asker);
      show("[data-live-asker-box]", !!q.asker);
      setText("[data-live-follow]", q.follow_up);
      show("[data-live-follow-box]", !!q.follow_up);
      var looks = one("[data-live-look-for]");
      var points = q.look_for || [];
      if (looks && looks.textContent !== points.join("")) {
        looks.textContent = "";
        points.forEach(function (point) {
          var item = document.createElement("li");
          item.textContent = point;
          looks.appendChild(item);
        });
      }
      show("[data-live-look-box]", points.length > 0);
      var img = one("[data-live-picture]");
      if (img && q.picture) { img.setAttribute("src", q.picture); }
      show("[data-live-picture-box]", !!q.picture);
      var listen = one("[data-listen]");
      if (listen) { listen.setAttribute("href", q.listen); listen.setAttribute("data-text", q.heard || q.text); }
    }
    setText("[data-live-more]", String(data.more_time));
    show("[data-live-more-box]", data.more_time > 0);
  }

  var etag = "";  // the server's tag for the state shown; unchanged answers are 304

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", url + "?seen=" + version, true);
    request.setRequestHeader("Accept", "application/json");
    if (etag) { request.setRequestHeader("If-None-Match", etag); }
    request.timeout = 5000;
    request.onload = function () {
      if (request.status !== 200 && request.status !== 304) { return; }
      if (offline) {
        offline = false;
        setText("[data-live-message]", "");
      }
      if (request.status === 304) { return; }  // nothing changed since the last answer
      etag = request.getResponseHeader("ETag") || "";
      var data;
      try { data = JSON.parse(request.responseText); } catch (e) { return; }
      if (data.version !== version) { render(data); }
    };
    request.onerror = request.ontimeout = function () {
      // Lost the wi-fi: keep trying quietly; the screen catches up when it is back.
      offline = true;
      setText("[data-live-message]", "Trying to reach the other tablets. Nothing is lost.");
    };
    request.send();
  }

  window.setInterval(poll, 2000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { poll(); }
  });
}());
