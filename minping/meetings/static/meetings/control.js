/* The operator's buttons without a page reload: each form posts with fetch, the server
   answers with the new state and the buttons for it (or its refusal, shown inline), and the
   clock above changes at once. Without JavaScript the same forms post and redirect. */
(function () {
  "use strict";
  var pad = document.querySelector("[data-control-pad]");
  var errorBox = document.querySelector("[data-control-error]");
  if (!pad || !window.fetch || !window.FormData) { return; }
  var busy = false;
  /* After the buttons change, a finger still on its way (a double tap) must not land on the
     new button in the same place: ignore taps for a moment. */
  var SETTLE_MS = 600;

  function showError(text) {
    errorBox.textContent = text || "";
    errorBox.hidden = !text;
  }

  function setDisabled(on) {
    var buttons = pad.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = on; }
    pad.setAttribute("aria-busy", on ? "true" : "false");
  }

  pad.addEventListener("submit", function (event) {
    var form = event.target;
    event.preventDefault();
    if (busy) { return; }
    busy = true;
    var data = new FormData(form);
    var button = event.submitter || form.querySelector("button[name]");
    if (button && button.name) { data.set(button.name, button.value); }
    setDisabled(true);
    window.fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (r) {
        var type = r.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          /* Not the command's answer (the login page after a lost session): show it. */
          window.location.reload();
          throw new Error("not json");
        }
        return r.json();
      })
      .then(function (body) {
        pad.innerHTML = body.pad;
        showError(body.ok ? "" : body.error);
        document.dispatchEvent(new CustomEvent("minping:timer-state", { detail: body.state }));
        setDisabled(true);
      })
      .catch(function () {
        showError(pad.getAttribute("data-network-error"));
      })
      .then(function () {
        window.setTimeout(function () { busy = false; setDisabled(false); }, SETTLE_MS);
      });
  });
})();
