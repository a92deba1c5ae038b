// Coordinators' pages: a warning before the session ends without use (WCAG 2.2.1),
// with "Stay signed in". Without this script, the page's footer says how long the limit
// is, and any page opened keeps the session going.
(function () {
  "use strict";
  var dialog = document.getElementById("idle-warning");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var left = Number(dialog.getAttribute("data-seconds-left"));
  var warn = Number(dialog.getAttribute("data-warn-seconds"));
  var countdown = dialog.querySelector(".idle-countdown");
  var stayForm = dialog.querySelector("form.idle-stay");
  var heading = document.getElementById("idle-warning-title");
  var endsAt = 0, warnTimer = 0, tick = 0, lastWords = "";

  function words(seconds) {
    if (seconds >= 90) { return "in " + Math.round(seconds / 60) + " minutes"; }
    if (seconds > 60) { return "in about a minute"; }
    if (seconds > 10) { return "in less than a minute"; }
    return "in a few seconds";
  }
  function update() {
    var seconds = Math.max(0, (endsAt - Date.now()) / 1000);
    var now = words(seconds);
    if (now !== lastWords) { countdown.textContent = now; lastWords = now; }
    if (seconds <= 0) {
      window.clearInterval(tick);
      // The server ends the session and says why; reloading shows that page.
      window.location.reload();
    }
  }
  function show() {
    update();
    if (!dialog.open) { dialog.showModal(); }
    heading.focus();
    tick = window.setInterval(update, 1000);
  }
  function start(seconds) {
    window.clearTimeout(warnTimer);
    window.clearInterval(tick);
    endsAt = Date.now() + seconds * 1000;
    lastWords = "";
    warnTimer = window.setTimeout(show, Math.max(0, (seconds - warn) * 1000));
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
      if (!response.ok || type.indexOf("application/json") !== 0) { throw new Error("not kept"); }
      return response.json();
    }).then(function (body) {
      dialog.close();
      start(Number(body.seconds_left));
    }).catch(function () {
      window.location.reload();
    });
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape means "not now": stay signed in, as the button does.
    event.preventDefault();
    stayForm.requestSubmit();
  });
  start(left);
})();
