// A submit button marked data-once is disabled after the first click (the server also
// refuses doubles through the idempotency key; this only spares the second request).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (button && button.hasAttribute("data-once")) {
    setTimeout(function () { button.disabled = true; }, 0);
  }
});
