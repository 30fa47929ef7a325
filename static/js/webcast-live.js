// Live questions and polls on a webcast page, and live figures on the moderator screen.
// Progressive enhancement: without this file every action is a plain form post and a reload shows
// the same. With it, the page polls the shared snapshot (live.json) every ~4 s with jitter and
// If-None-Match, pauses in hidden tabs, backs off on errors, and sends actions with fetch.
// New questions are announced politely and shown only when the viewer asks for them.
(function () {
  "use strict";

  var INTERVAL = 4000, JITTER = 1000, MAX_BACKOFF = 60000;

  function jittered(ms) { return ms + Math.round((Math.random() * 2 - 1) * JITTER); }
  function format(text, n) { return String(text).replace("%(n)s", n); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "className") node.className = attrs[key];
      else if (key === "hidden") node.hidden = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function csrfToken(root) {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    if (input && input.value) return input.value;
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // A loop that polls `fetchOnce` every ~INTERVAL ms, paused while the tab is hidden, slower after errors.
  function poller(fetchOnce, onTrouble) {
    var failures = 0, timer = null, running = false;
    function schedule(ms) {
      clearTimeout(timer);
      timer = setTimeout(tick, ms);
    }
    function tick() {
      if (document.hidden) { running = false; return; }
      running = true;
      fetchOnce().then(function () {
        if (failures >= 3 && onTrouble) onTrouble(false);
        failures = 0;
        schedule(jittered(INTERVAL));
      }, function () {
        failures += 1;
        if (failures === 3 && onTrouble) onTrouble(true);
        schedule(Math.min(MAX_BACKOFF, INTERVAL * Math.pow(2, failures)) + Math.round(Math.random() * JITTER));
      });
    }
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !running) schedule(Math.round(Math.random() * JITTER));
      if (document.hidden) { clearTimeout(timer); running = false; }
    });
    schedule(jittered(INTERVAL));
    return { now: function () { schedule(0); }, failures: function () { return failures; } };
  }

  // --- The viewer's panel ---------------------------------------------------------------------------

  function Panel(root) {
    this.root = root;
    this.t = root.dataset;
    this.etag = null;
    this.data = null;
    this.list = root.querySelector("[data-live-questions]");
    this.announce = root.querySelector("[data-live-announce]");
    this.showNew = root.querySelector("[data-live-show-new]");
    this.waiting = [];      // new questions not shown yet, until the viewer asks
    this.own = {};          // ids of questions this viewer just asked: shown at once
    this.voted = {};
    this.pollVotes = {};
    this.voterPolls = {};
    this.known = {};        // questions this page has shown (a pinned one that is unpinned comes back at once)
    var self = this, pinnedBox = root.querySelector("[data-live-pinned]");
    if (pinnedBox && pinnedBox.dataset.pinnedId) this.known[pinnedBox.dataset.pinnedId] = true;
    Array.prototype.forEach.call(root.querySelectorAll("[data-question]"), function (li) {
      self.known[li.dataset.question] = true;
      if (li.hasAttribute("data-voted")) self.voted[li.dataset.question] = true;
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-poll]"), function (section) {
      if (section.dataset.voted) self.pollVotes[section.dataset.poll] = section.dataset.voted;
    });
    if (this.showNew) this.showNew.addEventListener("click", function () { self.revealNew(); });
    root.addEventListener("submit", function (event) { self.submit(event); });
    this.loop = poller(function () { return self.fetch(); }, function (trouble) {
      // Said once after three failed polls in a row, and taken back when the server answers again.
      if (trouble) self.announce.textContent = self.t.tError;
      else if (self.announce.textContent === self.t.tError) self.announce.textContent = "";
    });
  }

  Panel.prototype.fetch = function () {
    var self = this, headers = { Accept: "application/json" };
    if (this.etag) headers["If-None-Match"] = this.etag;
    return fetch(this.t.liveUrl, { headers: headers, credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (response.status === 304) return null;
      if (!response.ok) throw new Error("HTTP " + response.status);
      self.etag = response.headers.get("ETag");
      return response.json().then(function (data) { self.render(data); });
    });
  };

  Panel.prototype.votesText = function (n) {
    return n === 1 ? this.t.tVotesOne : format(this.t.tVotesMany, n);
  };

  Panel.prototype.authorText = function (q) {
    return q.author || (q.anonymous ? this.t.tAnonymous : this.t.tViewer);
  };

  Panel.prototype.timeText = function (iso) {
    var at = new Date(iso);
    if (isNaN(at)) return "";
    var parts = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Europe/Stockholm" }).formatToParts(at);
    var hour = "", minute = "";
    parts.forEach(function (p) { if (p.type === "hour") hour = p.value; if (p.type === "minute") minute = p.value; });
    var separator = (document.documentElement.lang || "sv").indexOf("sv") === 0 ? "." : ":";
    return this.t.tTime.replace("%(time)s", hour + separator + minute);
  };

  Panel.prototype.questionItem = function (q) {
    var li = el("li", { id: "q" + q.id, "data-question": q.id });
    li.appendChild(el("p", { className: "webcast-live__text", id: "q" + q.id + "-text" }, q.text));
    var meta = el("p", { className: "meta" }, this.authorText(q) + " · ");
    meta.appendChild(el("time", { datetime: q.asked_at }, this.timeText(q.asked_at)));
    li.appendChild(meta);
    var votes = el("p", { className: "webcast-live__votes" });
    votes.appendChild(el("span", { "data-votes": "" }, this.votesText(q.votes)));
    if (this.voted[q.id]) {
      votes.appendChild(el("span", { className: "meta" }, " · " + this.t.tVoted));
    } else if (this.data && this.data.open) {
      var form = el("form", { method: "post", action: this.t.voteUrl.replace("/fragor/0/", "/fragor/" + q.id + "/"), className: "webcast-live__vote", "data-live-vote-form": "" });
      form.appendChild(el("input", { type: "hidden", name: "csrfmiddlewaretoken", value: csrfToken(this.root) }));
      form.appendChild(el("button", { type: "submit", className: "button button--secondary button--small", "aria-describedby": "q" + q.id + "-text" }, this.t.tVote));
      votes.appendChild(form);
    }
    li.appendChild(votes);
    this.updateAnswered(li, q);
    return li;
  };

  Panel.prototype.updateAnswered = function (li, q) {
    var meta = li.querySelector(".meta"), badge = li.querySelector("[data-answered]");
    if (q.answered && !badge && meta) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", { className: "badge", "data-answered": "" }, this.t.tAnswered));
    }
  };

  Panel.prototype.renderPinned = function (pinned) {
    var box = this.root.querySelector("[data-live-pinned]");
    if (!box) return;
    var current = box.getAttribute("data-pinned-id") || "";
    var wanted = pinned ? String(pinned.id) : "";
    if (pinned) this.known[pinned.id] = true;
    if (current === wanted) return;
    box.textContent = "";
    box.setAttribute("data-pinned-id", wanted);
    if (!pinned) return;
    var section = el("section", { className: "webcast-live__pinned", "aria-labelledby": "live-pinned-heading" });
    section.appendChild(el("h3", { id: "live-pinned-heading" }, this.t.tPinned));
    section.appendChild(el("p", { className: "webcast-live__text" }, pinned.text));
    section.appendChild(el("p", { className: "meta" }, this.authorText(pinned)));
    box.appendChild(section);
  };

  Panel.prototype.render = function (data) {
    var self = this, seen = {};
    this.data = data;
    this.renderPinned(data.pinned);
    var items = {};
    Array.prototype.forEach.call(this.list.querySelectorAll("[data-question]"), function (li) { items[li.dataset.question] = li; });
    var waitingIds = {};
    this.waiting.forEach(function (q) { waitingIds[q.id] = true; });
    var fresh = [];
    data.questions.forEach(function (q) {
      seen[q.id] = true;
      var li = items[q.id];
      if (li) {
        li.hidden = q.pinned;
        var votes = li.querySelector("[data-votes]");
        if (votes) votes.textContent = self.votesText(q.votes);
        self.updateAnswered(li, q);
      } else if (q.pinned) {
        // The pinned question is shown on top only.
      } else if (self.own[q.id] || self.known[q.id]) {
        self.insert([q]);
      } else if (!waitingIds[q.id]) {
        fresh.push(q);
      }
    });
    // Questions a moderator hid (or that are now answered and pinned elsewhere) leave the list.
    Object.keys(items).forEach(function (id) { if (!seen[id]) items[id].remove(); });
    this.waiting = this.waiting.filter(function (q) { return seen[q.id]; }).concat(fresh);
    this.updateWaiting(fresh.length > 0);
    this.renderPolls(data);
  };

  Panel.prototype.updateWaiting = function (changed) {
    var n = this.waiting.length;
    if (this.showNew) this.showNew.hidden = n === 0;
    if (changed && n) this.announce.textContent = n === 1 ? this.t.tNewOne : format(this.t.tNewMany, n);
    if (!n && this.announce.textContent) this.announce.textContent = "";
  };

  Panel.prototype.insert = function (questions) {
    var self = this, empty = this.list.querySelector("[data-live-empty]");
    if (empty) empty.remove();
    var first = null;
    questions.forEach(function (q) {
      var li = self.questionItem(q);
      self.known[q.id] = true;
      if (self.t.sort === "time") self.list.insertBefore(li, self.list.firstChild);
      else self.list.appendChild(li);
      first = first || li;
    });
    return first;
  };

  Panel.prototype.revealNew = function () {
    var questions = this.waiting.slice();
    this.waiting = [];
    if (this.t.sort === "time") questions.sort(function (a, b) { return a.asked_at === b.asked_at ? a.id - b.id : (a.asked_at < b.asked_at ? -1 : 1); });
    var first = this.insert(questions);
    this.updateWaiting(false);
    this.announce.textContent = "";
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  };

  Panel.prototype.pollSection = function (poll) {
    var section = el("section", { className: "webcast-live__poll", id: "poll-" + poll.id, "aria-labelledby": "poll-" + poll.id + "-heading", "data-poll": poll.id });
    section.appendChild(el("h3", { id: "poll-" + poll.id + "-heading" }));
    section.appendChild(el("div", { "data-poll-body": "" }));
    return section;
  };

  Panel.prototype.renderPolls = function (data) {
    var self = this, box = this.root.querySelector("[data-live-polls]");
    if (!box) return;
    data.polls.forEach(function (poll) {
      // An open poll's counts are not in the shared snapshot: a voter keeps the view they got on voting.
      if (poll.status === "open" && !poll.results && self.voterPolls[poll.id]) poll = self.voterPolls[poll.id];
      var section = box.querySelector('[data-poll="' + poll.id + '"]');
      var isNew = !section;
      if (isNew) {
        section = self.pollSection(poll);
        box.appendChild(section);
      }
      var key = poll.status + "|" + (self.pollVotes[poll.id] || "") + "|" + JSON.stringify(poll.options) + "|" + poll.too_few;
      if (section.getAttribute("data-rendered") === key) return;
      // Keep a form the viewer may be filling in: only re-render when the poll closed or they voted.
      var form = section.querySelector("form");
      if (form && poll.status === "open" && !self.pollVotes[poll.id]) {
        section.setAttribute("data-rendered", key);
        return;
      }
      section.setAttribute("data-rendered", key);
      self.fillPoll(section, poll);
      if (isNew && poll.status === "open") self.announce.textContent = self.t.tPollNew + " " + poll.question;
    });
  };

  Panel.prototype.fillPoll = function (section, poll) {
    var self = this, mine = this.pollVotes[poll.id];
    var heading = section.querySelector("h3");
    heading.textContent = (this.t.tPollHeading || "") + poll.question;
    if (poll.status === "closed") {
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(el("span", { className: "badge" }, this.t.tClosed));
    }
    Array.prototype.forEach.call(section.children, function (child) { if (child !== heading) child.remove(); });
    if (poll.status === "open" && !mine && this.data.open) {
      var form = el("form", { method: "post", action: this.t.pollUrl.replace("POLL", poll.id), className: "webcast-live__poll-form", "data-live-poll-form": "" });
      form.appendChild(el("input", { type: "hidden", name: "csrfmiddlewaretoken", value: csrfToken(this.root) }));
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", {}, this.t.tChoose));
      poll.options.forEach(function (option) {
        var id = "poll-" + poll.id + "-" + option.id, row = el("div", { className: "webcast-live__option" });
        row.appendChild(el("input", { type: "radio", name: "option", value: option.id, id: id, required: "" }));
        row.appendChild(el("label", { "for": id }, option.text));
        fieldset.appendChild(row);
      });
      form.appendChild(fieldset);
      form.appendChild(el("button", { type: "submit", className: "button" }, this.t.tPollVote));
      section.appendChild(form);
      return;
    }
    if (mine) section.appendChild(el("p", {}, this.t.tThanks));
    var show = poll.status === "closed" || (this.t.resultsAfterVote && mine);
    if (show && poll.results) {
      var list = el("ul", { className: "webcast-live__results" });
      poll.options.forEach(function (option) {
        var li = el("li", option.id === mine ? { className: "is-mine" } : {});
        li.appendChild(el("span", { className: "webcast-live__option-text" }, option.text));
        var meter = el("meter", { className: "webcast-live__bar", min: "0", max: "100", value: String(option.percent), "aria-hidden": "true" });
        li.appendChild(meter);
        li.appendChild(el("span", { className: "webcast-live__figure" }, option.percent + " % (" + self.votesText(option.votes) + ")"));
        list.appendChild(li);
      });
      section.appendChild(list);
    } else if (show && poll.too_few) {
      section.appendChild(el("p", { className: "meta" }, this.t.tTooFew));
    } else if (poll.status === "open") {
      section.appendChild(el("p", { className: "meta" }, poll.results_after === "close" ? this.t.tResultsClose : this.t.tResultsVote));
    }
  };

  Panel.prototype.status = function (form, message, ok) {
    var box = form.querySelector("[data-live-ask-status]") || form.parentNode.querySelector("[data-live-form-status]");
    if (!box) {
      box = el("p", { className: "webcast-live__status", role: "status", "data-live-form-status": "" });
      form.parentNode.insertBefore(box, form.nextSibling);
    }
    box.textContent = message;
    box.classList.toggle("is-error", !ok);
  };

  Panel.prototype.submit = function (event) {
    var form = event.target, self = this;
    var kind = form.hasAttribute("data-live-ask-form") ? "ask" : form.hasAttribute("data-live-vote-form") ? "vote"
      : form.hasAttribute("data-live-poll-form") ? "poll" : null;
    if (!kind || !window.fetch || !window.FormData) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) }
    }).then(function (response) {
      return response.json().then(function (body) { return { response: response, body: body }; });
    }).then(function (result) {
      if (button) button.disabled = false;
      var body = result.body;
      if (!body.ok) { self.status(form, body.message, false); return; }
      if (kind === "ask") {
        form.reset();
        self.status(form, body.message, true);
        if (body.question) self.own[body.question] = true;
        self.loop.now();
      } else if (kind === "vote") {
        self.voted[body.question] = true;
        var li = form.closest("[data-question]"), votes = li && li.querySelector("[data-votes]");
        if (votes) votes.textContent = self.votesText(body.votes);
        var note = el("span", { className: "meta", role: "status" }, " · " + self.t.tVoted);
        form.replaceWith(note);
      } else {
        self.pollVotes[body.poll] = body.option;
        if (body.poll_view) self.voterPolls[body.poll] = body.poll_view;
        var section = form.closest("[data-poll]");
        var poll = body.poll_view || (self.data && self.data.polls.filter(function (p) { return p.id === body.poll; })[0]);
        if (section && poll) {
          section.setAttribute("data-voted", body.option);
          self.fillPoll(section, poll);
          section.setAttribute("tabindex", "-1");
          section.focus();
        } else {
          self.status(form, body.message, true);
        }
        self.loop.now();
      }
    }).catch(function () {
      // Network trouble or not JSON: the plain form post still works.
      if (button) button.disabled = false;
      form.submit();
    });
  };

  // --- The moderator screen: live poll results and a note about new questions ----------------------

  function Moderation(root) {
    var latest = parseInt(root.dataset.latest || "0", 10), announce = root.querySelector("[data-moderate-announce]"), lastCount = 0;
    poller(function () {
      return fetch(root.dataset.moderateUrl + "?after=" + latest, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        }).then(function (data) {
          data.polls.forEach(function (poll) {
            var section = root.querySelector('[data-moderate-poll="' + poll.id + '"]');
            if (!section) return;
            poll.options.forEach(function (option) {
              var row = section.querySelector('[data-option="' + option.id + '"]');
              if (!row) return;
              row.querySelector("[data-votes]").textContent = option.votes;
              row.querySelector("[data-percent]").textContent = option.percent + " %";
            });
          });
          var fresh = data.new_questions || 0;
          if (fresh && fresh !== lastCount) {
            lastCount = fresh;
            announce.textContent = fresh === 1 ? root.dataset.tNewOne : format(root.dataset.tNewMany, fresh);
          }
        });
    });
  }

  function start() {
    var panel = document.querySelector(".webcast-live[data-live-url]");
    if (panel && window.fetch) new Panel(panel);
    var moderation = document.querySelector("[data-moderate-url]");
    if (moderation && window.fetch) new Moderation(moderation);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
