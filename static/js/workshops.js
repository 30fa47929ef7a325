// Progressive enhancement for workshop pages: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // The facilitator kit: show the print button, hide the hint to use the browser's print.
    var buttons = document.querySelectorAll("[data-print]");
    if (!buttons.length || typeof window.print !== "function") return;
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-print-hint]"), function (hint) {
      hint.hidden = true;
    });
  });
})();
