// The scorecard form: autosave status, saving on leaving the page, and keeping submit and
// autosave from racing. The autosave itself is declared on the form with hx-post/hx-trigger.
(function () {
  "use strict";

  function clock() {
    return new Date().toLocaleTimeString([], { hour12: false });
  }

  // A signal's note shows once the signal is ticked (or already holds text or an error), so a
  // kit with many signals stays short. Without JavaScript every note is shown.
  function initSignalNotes(root) {
    root.querySelectorAll(".signal-row").forEach(function (row) {
      var box = row.querySelector("input[type=checkbox]");
      var note = row.querySelector(".signal-note");
      var text = note && note.querySelector("textarea");
      if (!box || !note || !text) { return; }
      function update() {
        var keep = box.checked || text.value.trim() !== "" || note.querySelector(".invalid-feedback");
        note.hidden = !keep;
      }
      box.addEventListener("change", update);
      update();
    });
  }

  function init() {
    document.querySelectorAll(".scorecard-form").forEach(initSignalNotes);
    var form = document.getElementById("scorecard-form");
    if (!form || !form.dataset.autosaveUrl) {
      return;
    }
    var status = document.getElementById("autosave-status");
    var edits = 0;
    var sentEdits = 0;
    var submitting = false;
    var retry = null;

    function showWarning(text) {
      status.replaceChildren();
      var box = document.createElement("div");
      box.className = "alert alert-warning mb-0 py-1 px-2";
      box.setAttribute("role", "alert");
      box.textContent = text;
      status.appendChild(box);
    }

    // Request events fire on the form, swap events on the status line inside it.
    function isAutosave(event) {
      var elt = event.detail && event.detail.elt;
      return Boolean(elt) && (elt === form || form.contains(elt));
    }

    form.addEventListener("input", function () { edits += 1; });
    form.addEventListener("change", function () { edits += 1; });

    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (!isAutosave(event)) { return; }
      if (submitting) { event.preventDefault(); return; }
      sentEdits = edits;
      status.textContent = "Saving…";
    });
    // 400 (a note too long) and 409 (another tab saved first) carry a message worth showing.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (!isAutosave(event)) { return; }
      var code = event.detail.xhr.status;
      if (code === 400 || code === 409) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (!isAutosave(event)) { return; }
      if (event.detail.successful && edits === sentEdits) {
        edits = 0;
        sentEdits = 0;
      }
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      if (!isAutosave(event)) { return; }
      showWarning("Not saved at " + clock() + ": no connection to the server. What you typed is " +
        "still here; it will be saved when the connection is back.");
      clearTimeout(retry);
      retry = setTimeout(function () { htmx.trigger(form, "autosave-now"); }, 10000);
    });
    document.body.addEventListener("htmx:responseError", function (event) {
      if (!isAutosave(event)) { return; }
      var code = event.detail.xhr.status;
      if (code >= 500 || code === 403) {
        showWarning("Not saved at " + clock() + " (the server answered " + code + "). " +
          "What you typed is still here; do not close the page.");
      }
    });

    // Leaving the tab (it may be closed next): save now while the page can still hear back.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && edits > 0 && !submitting) {
        htmx.trigger(form, "autosave-now");
      }
    });
    // Leaving the page: a beacon still goes out while the page unloads.
    window.addEventListener("pagehide", function () {
      if (edits > 0 && !submitting && navigator.sendBeacon) {
        navigator.sendBeacon(form.dataset.autosaveUrl, new FormData(form));
      }
    });
    // Back from the browser cache the version in the page may be old: load it afresh.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { window.location.reload(); }
    });

    // Submit after any autosave in flight, so the submitted version is the newest.
    form.addEventListener("submit", function (event) {
      if (form.classList.contains("htmx-request")) {
        event.preventDefault();
        var submitter = event.submitter;
        form.addEventListener("htmx:afterRequest", function () {
          setTimeout(function () { form.requestSubmit(submitter); }, 0);
        }, { once: true });
        return;
      }
      submitting = true;
    });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
