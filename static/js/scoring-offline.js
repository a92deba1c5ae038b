/* Keep a panel member's scores on the tablet as they go, and send them when online.
   Each change gets a client id; the server applies a resend only once. Without this
   script the form posts normally. */
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  if (!form || !form.hasAttribute("data-offline") || !window.fetch) { return; }
  var key = form.getAttribute("data-sheet-key");
  var url = form.getAttribute("data-send-url");
  var one = form.getAttribute("data-one") === "1";
  var status = document.getElementById("save-status");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var versionInput = form.querySelector("input[name=version]");
  var sending = false;

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(key)) || null; } catch (e) { return null; }
  }
  function store(state) {
    try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* full: still try to send */ }
  }
  function say(text) { if (status) { status.textContent = text; } }

  function collect() {
    var answers = {};
    form.querySelectorAll("input.tile-input:checked").forEach(function (input) {
      answers[input.name.slice(2)] = input.value;
    });
    var phrases = [];
    form.querySelectorAll("input[name=phrase]:checked").forEach(function (input) {
      phrases.push(input.value);
    });
    var typed = (form.querySelector("textarea[name=note]") || {}).value || "";
    return { answers: answers, phrases: phrases, typed: typed };
  }
  function noteOf(c) {
    var parts = c.phrases.slice();
    if (c.typed.trim()) { parts.push(c.typed.trim()); }
    return parts.join("\n");
  }

  /* The queue: the latest state to send. A new change replaces an unsent one. */
  function remember(submit) {
    var c = collect();
    var old = load();
    var state = {
      answers: c.answers, phrases: c.phrases, typed: c.typed,
      submit: submit || !!(old && old.submit && old.pending),
      pending: true,
      client_id: newId(),
      version: old && old.version != null ? old.version : (versionInput.value ? parseInt(versionInput.value, 10) : null)
    };
    store(state);
    return state;
  }

  function send() {
    var state = load();
    if (!state || !state.pending || sending) { return; }
    if (!navigator.onLine) { say("Waiting to send — your scores are safe on this tablet."); return; }
    sending = true;
    say("Sending…");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({
        client_id: state.client_id, version: state.version, answers: state.answers,
        note: noteOf(state), submit: state.submit
      })
    }).then(function (response) {
      return response.json().then(function (body) { return { code: response.status, body: body }; });
    }).then(function (r) {
      sending = false;
      var now = load() || state;
      if (r.body.ok) {
        now.version = r.body.version;
        versionInput.value = r.body.version;
        if (now.client_id === state.client_id) { now.pending = false; }
        store(now);
        if (state.submit && (r.body.status === "submitted")) {
          localStorage.removeItem(key);
          say("Sent. Your scores are locked.");
          window.location.assign(r.body.next);
          return;
        }
        if (now.pending) { send(); } else { say("Saved"); }
      } else if (r.code >= 400 && r.code < 500) {
        var words = Object.keys(r.body.errors || {}).map(function (k) { return r.body.errors[k]; });
        now.pending = false;
        store(now);
        say("Not saved: " + words.join(" "));
      } else {
        say("Waiting to send — your scores are safe on this tablet.");
      }
    }).catch(function () {
      sending = false;
      say("Waiting to send — your scores are safe on this tablet.");
    });
  }

  function restore() {
    var state = load();
    if (!state || !state.pending) { return; }
    Object.keys(state.answers).forEach(function (q) {
      var input = document.getElementById("q-" + q + "-" + state.answers[q]);
      if (input) { input.checked = true; }
    });
    form.querySelectorAll("input[name=phrase]").forEach(function (input) {
      input.checked = state.phrases.indexOf(input.value) !== -1;
    });
    var note = form.querySelector("textarea[name=note]");
    if (note) { note.value = state.typed; }
  }

  function showStep(n) {
    form.querySelectorAll("[data-step]").forEach(function (el) {
      el.hidden = parseInt(el.getAttribute("data-step"), 10) !== n;
    });
    var shown = form.querySelector("[data-step='" + n + "'] legend, [data-step='" + n + "'] .legend");
    if (shown) { shown.setAttribute("tabindex", "-1"); shown.focus(); }
  }

  form.addEventListener("change", function () { remember(false); send(); });
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    var action = button ? button.value : "save";
    event.preventDefault();
    if (button && button.hasAttribute("data-go") && one) {
      remember(false); send();
      showStep(parseInt(button.getAttribute("data-go"), 10));
      return;
    }
    remember(action === "submit");
    send();
  });
  window.addEventListener("online", send);
  restore();
  var start = load();
  if (start && start.pending) { say("Waiting to send — your scores are safe on this tablet."); send(); }
  setInterval(send, 5000);
})();
