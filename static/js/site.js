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

// Page feedback ("Hjälpte informationen på sidan dig?", templates/includes/page_feedback.html): the same forms
// sent with fetch(), the answer shown in place in the status region. Without this file the forms post and the
// page comes back with the thank-you or the comment field.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) return;

  function say(box, text, focus) {
    var status = box.querySelector("[data-feedback-status]");
    if (!status) return;
    var message = document.createElement("p");
    message.className = "page-feedback__thanks";
    message.tabIndex = -1;
    message.textContent = text;
    status.replaceChildren(message);
    if (focus) { message.focus(); }
  }

  function sendNormally(form, submitter) {
    form.setAttribute("data-feedback-plain", "");
    if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var box = form.closest && form.closest("[data-page-feedback]");
    if (!box || form.hasAttribute("data-feedback-plain")) return;
    event.preventDefault();
    var submitter = event.submitter || form.querySelector("button[type=submit]");
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: {"Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (answer) { return answer; }, function () {
        return {ok: false, message: null};
      });
    }).then(function (answer) {
      buttons.forEach(function (button) { button.disabled = false; });
      if (!answer.ok) {
        if (!answer.message) { sendNormally(form, submitter); return; }
        say(box, answer.message, true);
        return;
      }
      if (answer.step === "comment") {
        var comment = box.querySelector("[data-feedback-comment]");
        if (comment) {
          comment.querySelector("input[name=token]").value = answer.token;
          form.hidden = true;
          comment.hidden = false;
          say(box, answer.message, false);
          var field = comment.querySelector("textarea");
          if (field) { field.focus(); }
          return;
        }
      }
      box.querySelectorAll("form").forEach(function (each) { each.remove(); });
      say(box, answer.message, true);
    }, function () {
      // No connection or a refused request without an answer of ours: let the browser send the form itself.
      buttons.forEach(function (button) { button.disabled = false; });
      sendNormally(form, submitter);
    });
  });
})();
