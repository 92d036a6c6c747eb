// Shows the arrival month only to non-locals (the server checks it either way).
(function () {
  var month = document.getElementById("id_arrived_on");
  if (!month) return;
  var field = month.closest(".field");
  var radios = document.querySelectorAll('input[name="is_migrant"]');
  function sync() {
    var yes = document.querySelector('input[name="is_migrant"]:checked');
    field.hidden = !(yes && yes.value === "yes");
  }
  radios.forEach(function (r) { r.addEventListener("change", sync); });
  sync();
})();
