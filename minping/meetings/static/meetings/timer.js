/* The speaking timer (超时叫停): the server holds the state, every screen computes the
   countdown itself against the server clock, so all venues agree within a second and a
   reload or a lost network picks up where it was. */
(function () {
  "use strict";
  var root = document.querySelector("[data-timer]");
  if (!root) { return; }
  var url = root.getAttribute("data-url");
  var clock = root.querySelector("[data-clock]");
  var who = root.querySelector("[data-department]");
  var lane = root.querySelector("[data-lane]");
  var nextName = root.querySelector("[data-next]");
  var progress = root.querySelector("[data-progress]");
  var soundButton = document.querySelector("[data-sound]");
  var state = null;
  var offset = 0; /* server clock minus this device's clock, in ms */
  var audio = null;

  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function format(seconds) {
    var s = Math.floor(Math.abs(seconds));
    return pad(Math.floor(s / 60)) + ":" + pad(s % 60);
  }

  function elapsed() {
    var slot = state && state.slot;
    if (!slot || !slot.started_at) { return 0; }
    if (slot.state === "finished") { return slot.elapsed; }
    var now = Date.now() + offset;
    var end = slot.state === "paused" && slot.paused_at ? slot.paused_at : now;
    return Math.max(0, (end - slot.started_at) / 1000 - slot.paused);
  }

  function beep(times, pitch) {
    if (!audio) { return; }
    var t = audio.currentTime;
    for (var i = 0; i < times; i++) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = pitch;
      osc.connect(gain);
      gain.connect(audio.destination);
      gain.gain.setValueAtTime(0.0001, t + i * 0.45);
      gain.gain.exponentialRampToValueAtTime(0.6, t + i * 0.45 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.45 + 0.35);
      osc.start(t + i * 0.45);
      osc.stop(t + i * 0.45 + 0.4);
    }
  }

  function alertOnce(slotId, kind) {
    var key = "minping-timer-" + slotId + "-" + kind;
    try {
      if (window.sessionStorage.getItem(key)) { return; }
      window.sessionStorage.setItem(key, "1");
    } catch (e) { /* private mode: alert anyway */ }
    root.classList.add("flash");
    window.setTimeout(function () { root.classList.remove("flash"); }, 1600);
    if (kind === "warn") { beep(1, 880); } else { beep(3, 660); }
  }

  function render() {
    if (!state) { return; }
    var slot = state.slot;
    var phase = "idle";
    var remaining = state.limit;
    if (slot) {
      remaining = state.limit - elapsed();
      if (slot.state === "finished") { phase = "finished"; }
      else if (slot.state === "paused") { phase = "paused"; }
      else if (slot.state === "running") {
        phase = remaining <= 0 ? "over" : (remaining <= state.warning ? "warning" : "running");
        if (phase === "warning") { alertOnce(slot.id, "warn"); }
        if (phase === "over") { alertOnce(slot.id, "end"); }
      }
      if (slot.state === "paused" && remaining <= 0) { phase = "paused over"; }
      who.textContent = slot.order + ". " + slot.department;
    } else {
      who.textContent = root.getAttribute("data-empty");
    }
    root.setAttribute("data-phase", phase);
    clock.textContent = (remaining < 0 ? "+" : "") + format(remaining);
    clock.setAttribute("data-remaining", String(Math.round(remaining)));
    if (lane) { lane.textContent = state.press_lane || "—"; }
    if (nextName) { nextName.textContent = state.next || "—"; }
    if (progress) { progress.textContent = state.done + " / " + state.total; }
  }

  function poll() {
    var sent = Date.now();
    window.fetch(url, { cache: "no-store", credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        /* A rotated screen link answers 404: say so instead of "reconnecting" forever. */
        root.classList.toggle("gone", r.status === 404);
        if (!r.ok) { throw new Error(r.status); }
        return r.json();
      })
      .then(function (s) {
        var got = Date.now();
        offset = s.now - (sent + got) / 2;
        state = s;
        root.classList.remove("offline");
        render();
      })
      .catch(function () { root.classList.add("offline"); });
  }

  if (soundButton) {
    soundButton.addEventListener("click", function () {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return; }
      audio = audio || new Ctx();
      audio.resume();
      beep(1, 880);
      soundButton.setAttribute("aria-pressed", "true");
      soundButton.textContent = soundButton.getAttribute("data-on");
    });
  }
  var full = document.querySelector("[data-fullscreen]");
  if (full && document.documentElement.requestFullscreen) {
    full.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  } else if (full) { full.hidden = true; }

  /* The control page hands over the state its command returned, so the clock changes at
     the tap instead of at the next poll. */
  document.addEventListener("minping:timer-state", function (event) {
    var s = event.detail;
    if (!s) { return; }
    offset = s.now - Date.now();
    state = s;
    render();
  });

  poll();
  window.setInterval(poll, 1000);
  window.setInterval(render, 200);
})();
