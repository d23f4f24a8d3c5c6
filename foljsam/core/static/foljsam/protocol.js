// Saves the protocol as the officer goes: a moment after an answer or comment
// changes, the form (without its files) is posted with the revision it was
// opened at. A refusal because someone else saved in between stops the saving
// and says what changed; the page works the same without this script.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = form.querySelector("[data-autosave-status]");
  var revision = form.querySelector("input[name=revision]");
  var timer = null;
  var stopped = false;
  var busy = false;
  var again = false;
  // The questions changed since the last save: only they are sent.
  var dirty = {};

  function questionOf(element) {
    var box = element.closest(".question");
    return box ? box.id : null;
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("autosave-status--error", Boolean(isError));
  }

  function save() {
    if (stopped) { return; }
    if (busy) { again = true; return; }
    busy = true;
    // Only the changed questions, without their files, urlencoded: lighter to
    // send and to read than the whole form as multipart.
    var sending = dirty;
    dirty = {};
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string") { return; }
      var match = /^(q-\d+)/.exec(name);
      if (!match || sending[match[1]]) { data.append(name, value); }
    });
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Foljsam-Autosave": "1" }
    }).then(function (response) {
      return response.json().then(function (body) { return [response.status, body]; });
    }).then(function (result) {
      var code = result[0], body = result[1];
      if (code === 200) {
        revision.value = body.revision;
        say(body.message, false);
        sending = {};
      } else if (code === 409) {
        stopped = true;
        var lines = body.conflict.map(function (c) {
          return c.number + " " + c.question + ": " + c.answer + " (" + c.by + ", " + c.at + ")";
        });
        say(body.message + " " + lines.join(" · "), true);
      } else if (body.errors) {
        var messages = [];
        Object.keys(body.errors).forEach(function (key) {
          messages = messages.concat(body.errors[key]);
        });
        say(messages.join(" "), true);
      }
    }).catch(function () {
      say(status.getAttribute("data-offline") || "", true);
    }).then(function () {
      // What was not saved is sent again with the next save.
      Object.keys(sending).forEach(function (key) { dirty[key] = true; });
      busy = false;
      if (again) { again = false; save(); }
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "file") { return; }
    var key = questionOf(event.target);
    if (key) { dirty[key] = true; }
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 800);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "TEXTAREA" && event.target.type !== "text") { return; }
    var key = questionOf(event.target);
    if (key) { dirty[key] = true; }
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 2000);
  });
})();
