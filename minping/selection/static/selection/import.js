// Polls an import job and updates its progress bar until it finishes.
(function () {
  var box = document.getElementById("import-job");
  if (!box || box.dataset.finished === "1") return;
  var field = function (name) { return box.querySelector('[data-field="' + name + '"]'); };
  function tick() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        field("label").textContent = job.label;
        field("bar").style.width = job.percent + "%";
        field("processed").textContent = job.processed;
        field("total").textContent = job.total;
        field("message").textContent = job.message;
        if (job.finished) {
          window.location.reload();
        } else {
          window.setTimeout(tick, 1000);
        }
      })
      .catch(function () { window.setTimeout(tick, 3000); });
  }
  window.setTimeout(tick, 500);
})();
