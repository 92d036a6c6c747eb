// The district only matters for a branch venue: hide it while "main venue" is chosen.
(function () {
  var kind = document.getElementById("id_kind");
  var district = document.getElementById("id_district");
  if (!kind || !district) return;
  var field = district.closest(".field");
  function sync() {
    var main = kind.value === "main";
    field.hidden = main;
    if (main) district.value = "";
  }
  kind.addEventListener("change", sync);
  sync();
})();
