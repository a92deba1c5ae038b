// Listen buttons: play the server's audio in place; if it cannot, use the browser's speech.
(function () {
  "use strict";
  var current = null;

  function speakInBrowser(text, button) {
    if (!("speechSynthesis" in window)) { return false; }
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.8;
    utterance.lang = "en-GB";
    utterance.onend = function () { setPlaying(button, false); };
    setPlaying(button, true);
    window.speechSynthesis.speak(utterance);
    return true;
  }

  function setPlaying(button, playing) {
    button.setAttribute("aria-pressed", playing ? "true" : "false");
    button.classList.toggle("is-playing", playing);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-listen]");
    if (!button) { return; }
    event.preventDefault();
    if (current && !current.paused) {
      current.pause();
      var wasThis = current.dataset && current.dataset.owner === button.href;
      document.querySelectorAll("[data-listen].is-playing").forEach(function (b) { setPlaying(b, false); });
      if (wasThis) { current = null; return; }
    }
    var audio = new Audio(button.href);
    audio.dataset.owner = button.href;
    current = audio;
    audio.addEventListener("ended", function () { setPlaying(button, false); });
    audio.addEventListener("error", function () {
      setPlaying(button, false);
      speakInBrowser(button.getAttribute("data-text") || "", button);
    });
    setPlaying(button, true);
    audio.play().catch(function () {
      setPlaying(button, false);
      speakInBrowser(button.getAttribute("data-text") || "", button);
    });
  });
})();
