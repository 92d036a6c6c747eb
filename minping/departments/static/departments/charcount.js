// Live 字数 next to a textarea, counted like the server (charcount.py): each Chinese
// character or Chinese punctuation mark is one, each run of Latin letters/digits is one.
(function () {
  "use strict";
  var cjk = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]/g;
  var latin = /[A-Za-z0-9]+(?:[.,%][A-Za-z0-9]+)*%?/g;
  function count(text) {
    var plain = text.replace(/<[^>]+>/g, "");
    return (plain.match(cjk) || []).length + (plain.match(latin) || []).length;
  }
  document.querySelectorAll("[data-count-for]").forEach(function (box) {
    var field = document.getElementById(box.getAttribute("data-count-for"));
    var out = box.querySelector(".count-value");
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    if (!field || !out) { return; }
    function update() {
      var n = count(field.value);
      out.textContent = n + " / " + limit;
      box.classList.toggle("error", n > limit * (limit === 2000 ? 1.25 : 1));
    }
    field.addEventListener("input", update);
    update();
  });
})();
