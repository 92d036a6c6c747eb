// 朗读: reads a block of text aloud with the browser's own speech engine (works offline
// with a local voice). Buttons stay hidden unless a Chinese voice exists.
(function () {
  "use strict";
  if (!("speechSynthesis" in window)) { return; }
  var synth = window.speechSynthesis;
  function chineseVoice() {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (/^zh|cmn/i.test(voices[i].lang)) { return voices[i]; }
    }
    return null;
  }
  function setup() {
    var voice = chineseVoice();
    if (!voice) { return false; }
    var buttons = document.querySelectorAll("button.readaloud");
    Array.prototype.forEach.call(buttons, function (button) {
      var text = button.querySelector(".label");
      var label = text.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (button.classList.contains("speaking")) {
          synth.cancel();
          return;
        }
        synth.cancel();
        var target = document.getElementById(button.getAttribute("data-target"));
        if (!target) { return; }
        var utterance = new SpeechSynthesisUtterance(target.textContent.replace(/\s+/g, " "));
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = 0.95;
        utterance.onend = utterance.onerror = function () {
          button.classList.remove("speaking");
          text.textContent = label;
        };
        button.classList.add("speaking");
        text.textContent = document.documentElement.lang === "en" ? "Stop" : "停止";
        synth.speak(utterance);
      });
    });
    return true;
  }
  if (!setup() && "onvoiceschanged" in synth) {
    synth.addEventListener("voiceschanged", function once() {
      if (setup()) { synth.removeEventListener("voiceschanged", once); }
    });
  }
})();
