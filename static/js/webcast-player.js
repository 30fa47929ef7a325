/* The webcast page's privacy-friendly player (templates/webcasts/includes/player.html).
 *
 * Nothing from the streaming service is in the page until the viewer presses play. Without JavaScript,
 * "Spela upp" and the chapter links go to the same page with ?spela=1 (&t=<seconds>), which renders the
 * iframe. Here, the click fetches that page and swaps its player in, and a chapter link on a player
 * already showing sets the iframe's start time the way each service reads it (the same rules as
 * webcasts/embeds.py player_src: YouTube start=, Vimeo #t=<n>s, others t=), and plays.
 */
(function () {
  "use strict";

  function startSrc(src, seconds) {
    var url = new URL(src);
    ["autoplay", "start", "t"].forEach(function (name) { url.searchParams.delete(name); });
    url.searchParams.set("autoplay", "1");
    if (url.hostname.indexOf("youtube") !== -1) {
      if (seconds) { url.searchParams.set("start", String(seconds)); }
    } else if (url.hostname === "player.vimeo.com") {
      url.hash = seconds ? "t=" + seconds + "s" : "";
    } else if (seconds) {
      url.searchParams.set("t", String(seconds));
    }
    return url.toString();
  }

  function say(section, text) {
    var status = section && section.querySelector("[data-player-status]");
    if (status) { status.textContent = text; }
  }

  function swapIn(section, href, focusPlayer) {
    var fallback = function () { window.location.assign(href); };
    var pending = section.querySelector("[data-play]");
    if (pending) { pending.setAttribute("aria-disabled", "true"); }
    fetch(href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("[data-webcast-player]");
        if (!fresh || !fresh.querySelector("iframe[data-player-frame]")) { return fallback(); }
        var node = document.importNode(fresh, true);
        section.replaceWith(node);
        var frame = node.querySelector("iframe[data-player-frame]");
        say(node, node.dataset.loadedText || "");
        if (focusPlayer && frame) { frame.focus(); }
      })
      .catch(fallback);
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var section = document.querySelector("[data-webcast-player]");
    if (!section) { return; }
    var play = event.target.closest("[data-play]");
    var chapter = event.target.closest("[data-chapter]");
    if (play) {
      event.preventDefault();
      swapIn(section, play.href, true);
      return;
    }
    if (chapter) {
      event.preventDefault();
      var seconds = parseInt(chapter.getAttribute("data-chapter"), 10) || 0;
      var frame = section.querySelector("iframe[data-player-frame]");
      if (frame) {
        frame.src = startSrc(frame.src, seconds);
        say(section, chapter.textContent.trim());
        section.scrollIntoView({ block: "start" });
      } else {
        swapIn(section, chapter.href, false);
        section.scrollIntoView({ block: "start" });
      }
    }
  });
})();
