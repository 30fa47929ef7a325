// Attendance heartbeat for a webcast page (webcasts/attendance.py is the rule; this only reports).
//
// - Live: while the tab is visible during the live window, a beat now and then every 60 s.
// - Recording: after the viewer starts the recording player, a beat every 60 s while the tab is
//   visible, for at most the recording's length (plus a little).
//
// The hook on the page (rendered by the page template): the recording player's container has a
// `data-webcast-player` attribute and the button that loads it a `data-play` attribute. A click on
// a [data-play] element, an <iframe> inside [data-webcast-player] (inserted later, or already there
// when the page was loaded with the player asked for), or a `webcast:play` event on the document
// starts the recording beats.
//
// The server counts at most the time that really passed between two beats, only inside the
// window; this script cannot add more. Without JavaScript, no beat is sent and attendance is not
// measured.
(function () {
  "use strict";

  function parse(value) {
    var time = Date.parse(value || "");
    return isNaN(time) ? null : time;
  }

  function start(root) {
    if (root.querySelector("[data-attended]")) return;
    var form = root.querySelector("[data-attendance-form]");
    var url = root.getAttribute("data-url");
    if (!form || !url || !window.fetch || !window.FormData) return;
    var interval = (parseInt(root.getAttribute("data-interval"), 10) || 60) * 1000;
    var starts = parse(root.getAttribute("data-starts"));
    var ends = parse(root.getAttribute("data-ends"));
    var serverNow = parse(root.getAttribute("data-now"));
    // The server's clock, not the device's: the offset measured when the page was rendered.
    var skew = serverNow === null ? 0 : serverNow - Date.now();
    var recordingMinutes = parseInt(root.getAttribute("data-recording-minutes"), 10) || 0;
    var recordingUntil = null; // when to stop beating for the recording
    var stopped = false;

    function now() {
      return Date.now() + skew;
    }

    function live() {
      var t = now();
      return starts !== null && ends !== null && t >= starts && t <= ends;
    }

    function watchingRecording() {
      return recordingUntil !== null && now() <= recordingUntil && ends !== null && now() >= ends;
    }

    function beat(kind) {
      if (stopped) return;
      var body = new FormData(form);
      body.append("kind", kind);
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
        .then(function (response) {
          // Signed out, or the page is gone: stop asking.
          if (response.status === 403 || response.status === 404) stopped = true;
        })
        .catch(function () { /* offline for a moment: the next beat starts again */ });
    }

    function tick() {
      if (document.visibilityState !== "visible") return;
      if (live()) beat("live");
      else if (watchingRecording()) beat("recording");
    }

    function startRecording() {
      if (!recordingMinutes || recordingUntil !== null) return;
      // The player gives no signal of a pause: count for at most the recording's length and 5 minutes.
      recordingUntil = now() + (recordingMinutes + 5) * 60 * 1000;
      tick();
    }

    document.addEventListener("click", function (event) {
      var target = event.target;
      if (target && target.closest && target.closest("[data-play]")) {
        // Only the recording counts this way; a live player is counted by the page being open.
        if (ends !== null && now() >= ends) startRecording();
      }
    });
    document.addEventListener("webcast:play", function () {
      if (ends !== null && now() >= ends) startRecording();
    });
    var player = document.querySelector("[data-webcast-player]");
    // The player was asked for with the page itself (the play link without JavaScript, ?spela=1).
    if (player && player.querySelector("iframe") && ends !== null && now() >= ends) startRecording();
    if (player && window.MutationObserver) {
      new MutationObserver(function () {
        if (player.querySelector("iframe") && ends !== null && now() >= ends) startRecording();
      }).observe(player, { childList: true, subtree: true });
    }
    document.addEventListener("visibilitychange", function () {
      // Back in view: a beat at once (the server starts a new session if the gap was long).
      if (document.visibilityState === "visible") tick();
    });
    tick();
    window.setInterval(tick, interval);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-webcast-attendance]"), start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
