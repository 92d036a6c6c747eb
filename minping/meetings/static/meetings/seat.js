/* "Find my seat": scroll the seat chart so that the highlighted seat is in the middle. */
(function () {
  "use strict";
  var wrap = document.querySelector("[data-find-seat]");
  var mine = wrap && wrap.querySelector("[data-highlight] rect");
  if (!mine) { return; }
  var box = wrap.getBoundingClientRect();
  var seat = mine.getBoundingClientRect();
  wrap.scrollLeft += seat.left - box.left - (box.width - seat.width) / 2;
  wrap.scrollTop += seat.top - box.top - (box.height - seat.height) / 2;
})();
