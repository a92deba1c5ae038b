/* Keep a panel member's scores on the tablet as they go, and send them when online.

   The tablet remembers the sheet version it last saw. Every change it sends says which
   version it was made on, and gets a change id: a resend of the same change is applied
   only once, and a change made on an older version than the saved one is refused by the
   server (409). Then the tablet says so in plain words, keeps the member's answers on
   screen, and the member chooses: keep my answers (sent again on top of the saved
   version) or use the saved answers.

   In localStorage, per sheet:
     version   the sheet version this tablet last saw (0 = nothing saved yet)
     scale     the scale the answers are on
     sent      a change sent with no answer yet: resent exactly as it was
     next      the newest change, not sent yet (a newer change replaces it)
     conflict  what the server said is saved, while the member chooses
   Without this script the form posts normally (and the server checks the version too). */
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  if (!form || !form.hasAttribute("data-offline") || !window.fetch) { return; }
  var key = form.getAttribute("data-sheet-key");
  var url = form.getAttribute("data-send-url");
  var sheetUrl = form.getAttribute("data-sheet-url");
  var candidate = form.getAttribute("data-candidate") || "this candidate";
  var one = form.getAttribute("data-one") === "1";
  var status = document.getElementById("save-status");
  var box = document.getElementById("tablet-conflict");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var versionInput = form.querySelector("input[name=version]");
  var scaleInput = form.querySelector("input[name=scale]");
  var pageVersion = parseInt(versionInput.value, 10) || 0;
  var pageScale = scaleInput ? scaleInput.value : null;
  var WAITING = "Waiting to send — your scores are safe on this tablet.";
  var sending = false;
  var state;

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function fresh() {
    return { v: 2, version: pageVersion, scale: pageScale, sent: null, next: null, conflict: null };
  }
  function load() {
    var s = null;
    try { s = JSON.parse(localStorage.getItem(key)); } catch (e) { s = null; }
    if (!s || typeof s !== "object") { return null; }
    if (s.v !== 2) {  /* kept by an older version of this script */
      if (!s.pending) { return null; }
      return {
        v: 2, version: typeof s.version === "number" ? s.version : 0, scale: pageScale,
        sent: null, conflict: null,
        next: { answers: s.answers || {}, phrases: s.phrases || [], typed: s.typed || "", submit: !!s.submit }
      };
    }
    return s;
  }
  function store() {
    try {
      if (state.sent || state.next || state.conflict) {
        localStorage.setItem(key, JSON.stringify(state));
      } else {
        localStorage.removeItem(key);
      }
    } catch (e) { /* full: still try to send */ }
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
  function show(c) {
    form.querySelectorAll("input.tile-input").forEach(function (input) {
      var value = c.answers[input.name.slice(2)];
      input.checked = value !== undefined && value !== null && String(value) === input.value;
    });
    form.querySelectorAll("input[name=phrase]").forEach(function (input) {
      input.checked = c.phrases.indexOf(input.value) !== -1;
    });
    var note = form.querySelector("textarea[name=note]");
    if (note) { note.value = c.typed; }
    var noteBox = form.querySelector("details.score-note");
    if (noteBox && (c.typed || c.phrases.length)) { noteBox.open = true; }
  }

  /* A new change replaces one not sent yet; one already sent is resent as it was. */
  function remember(submit) {
    var c = collect();
    c.submit = !!submit || !!(state.next && state.next.submit);
    state.next = c;
    store();
  }

  function send() {
    if (sending || state.conflict || !(state.sent || state.next)) { return; }
    if (!navigator.onLine) { say(WAITING); return; }
    if (!state.sent) {
      var n = state.next;
      state.sent = {
        client_id: newId(), version: state.version, scale: state.scale,
        answers: n.answers, phrases: n.phrases, typed: n.typed, submit: n.submit
      };
      state.next = null;
      store();
    }
    var change = state.sent;
    sending = true;
    say("Sending…");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({
        client_id: change.client_id, version: change.version, scale: change.scale,
        answers: change.answers, note: noteOf(change), submit: change.submit
      })
    }).then(function (response) {
      return response.json().then(function (body) { return { code: response.status, body: body }; });
    }).then(function (r) {
      sending = false;
      if (r.body.ok) {
        state.version = r.body.version;
        versionInput.value = r.body.version;
        state.sent = null;
        if (r.body.status === "submitted" && (change.submit || r.body.result === "duplicate")) {
          state.next = null;
          store();
          say("Sent. Your scores are locked.");
          window.location.assign(r.body.next);
          return;
        }
        store();
        if (state.next) { send(); } else { say("Saved"); }
      } else if (r.code === 409 && r.body.conflict) {
        if (!state.next) {
          state.next = { answers: change.answers, phrases: change.phrases, typed: change.typed, submit: change.submit };
        }
        state.sent = null;
        state.conflict = r.body.saved;
        store();
        showConflict(true);
      } else if (r.code >= 400 && r.code < 500) {
        var words = Object.keys(r.body.errors || {}).map(function (k) { return r.body.errors[k]; });
        state.sent = null;
        state.next = null;
        store();
        say("Not saved: " + words.join(" "));
      } else {
        say(WAITING);
      }
    }).catch(function () {
      sending = false;
      say(WAITING);
    });
  }

  function savedWords(saved) {
    var list = [];
    form.querySelectorAll("fieldset.score-question").forEach(function (fieldset) {
      var qkey = fieldset.id.slice(2);
      var text = (fieldset.querySelector(".score-text") || {}).textContent || qkey;
      var value = saved.answers[qkey];
      var words = "not answered";
      if (value !== undefined && value !== null) {
        var input = document.getElementById("q-" + qkey + "-" + value);
        var label = input && form.querySelector("label[for='" + input.id + "'] .tile-word");
        words = label ? label.textContent : String(value);
      }
      list.push(text + ": " + words);
    });
    var note = saved.phrases.slice();
    if (saved.typed) { note.push(saved.typed); }
    if (note.length) { list.push("Note: " + note.join(" ")); }
    return list;
  }

  function showConflict(focus) {
    var saved = state.conflict;
    if (!box || !saved) { return; }
    var words = box.querySelector("[data-conflict-words]");
    var items = box.querySelector("[data-conflict-saved]");
    var choose = box.querySelector("[data-conflict-choose]");
    var keep = box.querySelector("[data-keep-mine]");
    var use = box.querySelector("[data-use-saved]");
    items.textContent = "";
    var sameScale = saved.scale === state.scale;
    if (saved.status === "submitted") {
      words.textContent = "Your scores for " + candidate + " were already sent from another " +
        "tablet or computer. Nothing from this tablet was saved.";
      choose.textContent = "Your answers are still on this screen. To change the sent " +
        "scores, see them and choose Change my scores, saying why.";
      keep.hidden = true;
      use.textContent = "See the sent scores";
    } else if (!sameScale) {
      words.textContent = "Your scores for " + candidate + " were started on another tablet " +
        "or computer, on the " + saved.scale_name + " scale. Nothing from this tablet was saved.";
      choose.textContent = "Your answers are still on this screen. Use the saved answers to " +
        "see the sheet on its own scale.";
      keep.hidden = true;
      use.textContent = "Use the saved answers";
    } else {
      words.textContent = "Your scores for " + candidate + " were changed on another tablet " +
        "or computer after this one last saved. Nothing from this tablet was saved.";
      choose.textContent = "Your answers are still chosen on this screen. You choose which to keep.";
      keep.hidden = false;
      use.textContent = "Use the saved answers";
    }
    if (sameScale) {
      savedWords(saved).forEach(function (line) {
        var li = document.createElement("li");
        li.textContent = line;
        items.appendChild(li);
      });
    }
    box.hidden = false;
    say("Not saved: these scores were changed somewhere else. Choose which answers to keep.");
    if (focus) { box.focus(); }
  }

  function keepMine() {
    var saved = state.conflict;
    if (!saved) { return; }
    var submit = !!(state.next && state.next.submit);
    state.version = saved.version;
    versionInput.value = saved.version;
    state.conflict = null;
    box.hidden = true;
    remember(submit);
    send();
  }

  function useSaved() {
    var saved = state.conflict;
    if (!saved) { return; }
    if (saved.status === "submitted" || saved.scale !== state.scale) {
      state = fresh();
      store();
      window.location.assign(sheetUrl);
      return;
    }
    show(saved);
    state = fresh();
    state.version = saved.version;
    versionInput.value = saved.version;
    store();
    box.hidden = true;
    say("You are using the saved answers now.");
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
  if (box) {
    box.querySelector("[data-keep-mine]").addEventListener("click", keepMine);
    box.querySelector("[data-use-saved]").addEventListener("click", useSaved);
  }
  window.addEventListener("online", send);

  state = load() || fresh();
  if (!(state.sent || state.next || state.conflict)) {
    state = fresh();  /* nothing waiting: this page is what the tablet has seen */
  } else {
    var mine = state.next || state.sent;
    if (mine && state.scale === pageScale) { show(mine); }
    if (state.conflict) {
      showConflict(false);
    } else {
      say(WAITING);
      send();
    }
  }
  setInterval(send, 5000);
})();
