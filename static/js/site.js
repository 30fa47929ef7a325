// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the main landmark when the skip link is used (Safari does not).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".skip-link");
    if (!link) return;
    var main = document.getElementById("main");
    if (main) { main.focus(); }
  });

  // After a form is sent back with errors, start at the summary of what to correct (WCAG 3.3.1).
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
})();
