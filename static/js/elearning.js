// Enhances quiz answers: posts in place and swaps in the feedback, without a page load.
// Without JavaScript the same forms post normally and the server redirects back.
(function () {
  "use strict";
  function replaceQuestion(section, html) {
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var fresh = holder.firstElementChild;
    if (!fresh) return;
    section.replaceWith(fresh);
    var feedback = fresh.querySelector("[data-feedback]");
    if (feedback) feedback.focus();
  }
  function showError(section, text) {
    var error = section.querySelector(".question__error");
    if (!error) {
      error = document.createElement("p");
      error.className = "question__error";
      error.setAttribute("role", "alert");
      section.appendChild(error);
    }
    error.textContent = text;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-quiz-form]") || !window.fetch) return;
    event.preventDefault();
    var section = form.closest("[data-question]");
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, text: text }; });
      })
      .then(function (result) {
        if (result.ok) { replaceQuestion(section, result.text); }
        else { showError(section, result.text); if (button) button.disabled = false; form.removeAttribute("aria-busy"); }
      })
      .catch(function () { form.submit(); });
  });
})();
