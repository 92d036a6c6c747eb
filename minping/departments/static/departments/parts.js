// Ticks off the report's five required parts as their heading lines (一、… / （一）…) appear.
// The server checks the same rule (rules.missing_report_parts); this only helps while typing.
(function () {
  "use strict";
  var field = document.getElementById("id_body");
  var items = document.querySelectorAll("#parts-check li[data-keys]");
  if (!field || !items.length) { return; }
  var heading = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/;
  function headings(text) {
    var found = [];
    if (/<h[2-4][\s>]/i.test(text)) {
      text.replace(/<h[2-4][^>]*>([\s\S]*?)<\/h[2-4]>/gi, function (_m, inner) {
        found.push(inner.replace(/<[^>]+>/g, ""));
        return "";
      });
      return found;
    }
    text.split(/\n/).forEach(function (line) {
      if (heading.test(line) && line.trim().length <= 60) { found.push(line); }
    });
    return found;
  }
  function update() {
    var found = headings(field.value);
    Array.prototype.forEach.call(items, function (item) {
      var keys = item.getAttribute("data-keys").split("|");
      var ok = found.some(function (h) {
        return keys.some(function (k) { return h.indexOf(k) >= 0; });
      });
      item.classList.toggle("ok", ok);
    });
  }
  field.addEventListener("input", update);
  update();
})();
