// The roll call's "Mark all": without JavaScript it is a link (?alla=1) that shows every box ticked;
// with it, the boxes are ticked in place, nothing is saved until the teacher presses Save.
(function () {
  "use strict";
  document.querySelectorAll("[data-roll-call]").forEach(function (form) {
    var link = form.querySelector("[data-check-all]");
    if (!link) {
      return;
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      form.querySelectorAll('input[type="checkbox"][name="present"]').forEach(function (box) {
        box.checked = true;
      });
    });
  });
})();
