// Coordinators' pages: a warning before the session ends without use (WCAG 2.2.1),
// with "Stay signed in". Without this script, the page's footer says how long the limit
// is, and any page opened keeps the session going. Before warning, and at the end, the
// script asks the server how long is left (GET /session/left, which does not count as
// use), so a session kept going in another tab is not warned about or ended here.
(function () {
  "use strict";
  var dialog = document.getElementById("idle-warning");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var left = Number(dialog.getAttribute("data-seconds-left"));
  var warn = Number(dialog.getAttribute("data-warn-seconds"));
  var leftUrl = dialog.getAttribute("data-left-url");
  var countdown = dialog.querySelector(".idle-countdown");
  var stayForm = dialog.querySelector("form.idle-stay");
  var heading = document.getElementById("idle-warning-title");
  var endsAt = 0, timer = 0, tick = 0, lastWords = "";

  function words(seconds) {
    if (seconds >= 90) { return "in " + Math.round(seconds / 60) + " minutes"; }
    if (seconds > 60) { return "in about a minute"; }
    if (seconds > 10) { return "in less than a minute"; }
    return "in a few seconds";
  }
  function gone(response) {
    // Signed out: the server has said why on the page it sent us to.
    if (response && response.redirected) { window.location.href = response.url; }
    else { window.location.reload(); }
  }
  function ask(then) {
    fetch(leftUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") !== 0) { gone(response); return; }
        return response.json().then(function (body) {
          if (typeof body.seconds_left !== "number") { gone(null); return; }
          then(body.seconds_left);
        });
      })
      .catch(function () { then(Math.max(0, (endsAt - Date.now()) / 1000)); });
  }
  function update() {
    var seconds = Math.max(0, (endsAt - Date.now()) / 1000);
    var now = words(seconds);
    if (now !== lastWords) { countdown.textContent = now; lastWords = now; }
    if (seconds <= 0) {
      window.clearInterval(tick);
      ask(function (stillLeft) {
        if (stillLeft > 1) { hide(); start(stillLeft); } else { gone(null); }
      });
    }
  }
  function show() {
    update();
    if (!dialog.open) { dialog.showModal(); }
    heading.focus();
    window.clearInterval(tick);
    tick = window.setInterval(update, 1000);
  }
  function hide() {
    window.clearInterval(tick);
    if (dialog.open) { dialog.close(); }
  }
  function start(seconds) {
    window.clearTimeout(timer);
    window.clearInterval(tick);
    endsAt = Date.now() + seconds * 1000;
    lastWords = "";
    timer = window.setTimeout(function () {
      ask(function (stillLeft) {
        if (stillLeft > warn + 5) { start(stillLeft); return; } // used in another tab
        endsAt = Date.now() + stillLeft * 1000;
        show();
      });
    }, Math.max(0, (seconds - warn) * 1000));
  }
  stayForm.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(stayForm.action, {
      method: "POST",
      body: new FormData(stayForm),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/json") !== 0) { gone(response); return; }
      return response.json().then(function (body) {
        hide();
        start(Number(body.seconds_left));
      });
    }).catch(function () { gone(null); });
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape means "not now": stay signed in, as the button does.
    event.preventDefault();
    stayForm.requestSubmit();
  });
  start(left);
})();
