/* Check-in at the door: the answer appears without a page load; the input is cleared and
   focused again for the next scan. Camera scanning uses the browser's BarcodeDetector
   where it exists (no library). Without JavaScript the form posts normally. */
(function () {
  "use strict";
  var form = document.querySelector("[data-checkin]");
  if (!form) { return; }
  var input = form.querySelector("input[name=code]");
  var box = document.querySelector("[data-answer]");
  var present = document.querySelector("[data-present]");
  var busy = false;

  function show(a) {
    box.hidden = false;
    box.className = "answer " + a.level;
    box.querySelector("[data-headline]").textContent = a.headline;
    box.querySelector("[data-name]").textContent = a.name || "";
    box.querySelector("[data-seat]").textContent = a.seat ? form.getAttribute("data-seat-label") + " " + a.seat : "";
    box.querySelector("[data-category]").textContent = a.category || "";
    var late = box.querySelector("[data-late]");
    late.textContent = "";
    if (a.late) {
      var tag = document.createElement("span");
      tag.className = "tag warn";
      tag.textContent = form.getAttribute("data-late-label");
      late.appendChild(tag);
    }
    if (a.outcome === "ok" && present) { present.textContent = String(Number(present.textContent) + 1); }
  }

  function submit(code) {
    if (busy || !code.trim()) { return; }
    busy = true;
    var data = new FormData(form);
    data.set("code", code);
    window.fetch(window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(show)
      .catch(function () { show({ level: "danger", headline: form.getAttribute("data-error") }); })
      .then(function () { busy = false; input.value = ""; input.focus(); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); submit(input.value); });

  var scan = document.querySelector("[data-scan]");
  if (scan && "BarcodeDetector" in window && navigator.mediaDevices) {
    scan.hidden = false;
    var video = scan.querySelector("[data-video]");
    var last = "";
    scan.querySelector("[data-camera]").addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        window.setInterval(function () {
          detector.detect(video).then(function (codes) {
            if (codes.length && codes[0].rawValue !== last) {
              last = codes[0].rawValue;
              submit(last);
              window.setTimeout(function () { last = ""; }, 3000);
            }
          }).catch(function () {});
        }, 400);
      }).catch(function () { scan.hidden = true; });
    });
  }
})();
