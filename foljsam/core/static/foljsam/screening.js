// While a screening campaign's links go out, the campaign page asks every few
// seconds how far the worker has come and says it in its live region ("N of M
// links sent"), with the counts beside it. It stops when the sending is done;
// without this script the page says the same on each reload.
(function () {
  "use strict";
  var region = document.getElementById("send-progress");
  if (!region || !window.fetch) { return; }
  var url = region.getAttribute("data-progress-url");
  var every = 3000;
  var failures = 0;
  var last = region.textContent;

  function say(text) {
    // Only a change is written, so a screen reader is not told the same twice.
    if (text && text !== last) {
      region.textContent = text;
      last = text;
    }
  }

  function counts(values) {
    Object.keys(values || {}).forEach(function (name) {
      var cell = document.querySelector('[data-count="' + name + '"]');
      if (cell) { cell.textContent = String(values[name]); }
    });
  }

  function poll() {
    fetch(url, {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (body) {
      failures = 0;
      counts(body.counts);
      if (body.status === "sending") {
        say(body.message);
        window.setTimeout(poll, every);
      } else {
        say(body.message + " " + body.done_message);
      }
    }).catch(function () {
      // A lost connection or an expired session: try a few more times, slower.
      failures += 1;
      if (failures < 5) { window.setTimeout(poll, every * (failures + 1)); }
    });
  }

  window.setTimeout(poll, every);
}());
