// The scorecard form: autosave status, a copy of the draft kept in this browser until the
// server has it, a question before leaving with anything unsaved, saving on leaving the page,
// note lengths said before anything is cut, and keeping submit and autosave from racing. The
// autosave itself is declared on the form with hx-post/hx-trigger.
(function () {
  "use strict";

  function clock(date) {
    return (date || new Date()).toLocaleTimeString([], { hour12: false, timeZoneName: "short" });
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

  // The limit counts what the user sees: a line break is one character (the server counts the
  // same way). Nothing is cut: an over-long note says so beside it, and the server refuses it.
  function initNoteLimits(root) {
    root.querySelectorAll("textarea[data-max-length]").forEach(function (area) {
      var limit = parseInt(area.dataset.maxLength, 10);
      var hint = document.createElement("div");
      hint.className = "note-length small";
      hint.id = area.id + "-length";
      hint.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", hint);
      var described = area.getAttribute("aria-describedby");
      area.setAttribute("aria-describedby", (described ? described + " " : "") + hint.id);
      function update() {
        var length = area.value.replace(/\r\n/g, "\n").length;
        if (length > limit) {
          hint.textContent = "Too long: " + length + " characters, the limit is " + limit +
            ". Nothing was cut; shorten it by " + (length - limit) + " to save it.";
          hint.className = "note-length small text-danger fw-semibold";
          area.setAttribute("aria-invalid", "true");
        } else if (length > limit * 0.9) {
          hint.textContent = length + " of " + limit + " characters.";
          hint.className = "note-length small text-body-secondary";
          area.removeAttribute("aria-invalid");
        } else {
          hint.textContent = "";
          area.removeAttribute("aria-invalid");
        }
      }
      area.addEventListener("input", update);
      update();
    });
  }

  function formFields(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "revision" || name === "kit_version") { return; }
      fields[name] = String(value);
    });
    return fields;
  }

  function fieldLabel(form, name) {
    var input = form.querySelector("[name='" + name + "']");
    if (!input) { return name; }
    var group = input.closest("fieldset, .mb-3, .signal-row");
    var label = group && (group.querySelector("legend") || group.querySelector("label"));
    return (label ? label.textContent : name).trim();
  }

  function init() {
    document.querySelectorAll(".scorecard-form").forEach(function (root) {
      initSignalNotes(root);
      initNoteLimits(root);
    });
    // Submitted: the server holds it, so the copy kept while it was a draft goes.
    document.querySelectorAll("[data-submitted-interview]").forEach(function (section) {
      try {
        localStorage.removeItem("interviewkit:scorecard-draft:" + section.dataset.submittedInterview);
      } catch (error) { /* nothing kept */ }
    });
    var form = document.getElementById("scorecard-form");
    if (!form || !form.dataset.autosaveUrl) {
      return;
    }
    var status = document.getElementById("autosave-status");
    var draftKey = "interviewkit:scorecard-draft:" + form.dataset.interview;
    var edits = 0;
    var sentEdits = 0;
    var submitting = false;
    var retry = null;
    var loggedOut = false;

    function showWarning(text) {
      status.replaceChildren();
      var box = document.createElement("div");
      box.className = "alert alert-warning mb-0 py-1 px-2";
      box.setAttribute("role", "alert");
      box.textContent = text;
      status.appendChild(box);
    }

    // --- the copy kept in this browser until the server has acknowledged it ------------------
    function keepLocally() {
      try {
        localStorage.setItem(draftKey, JSON.stringify({
          at: new Date().toISOString(),
          kit: form.querySelector("[name=kit_version]").value,
          fields: formFields(form),
        }));
      } catch (error) { /* storage full or disabled: the server copy is all there is */ }
    }
    function forgetLocal() {
      try { localStorage.removeItem(draftKey); } catch (error) { /* nothing kept */ }
    }
    function localCopy() {
      try { return JSON.parse(localStorage.getItem(draftKey) || "null"); } catch (error) { return null; }
    }

    function setField(name, value) {
      form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
        if (input.type === "radio") { input.checked = input.value === value; }
        else if (input.type === "checkbox") { input.checked = true; }
        else { input.value = value; }
      });
    }
    function clearField(name) {
      form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
        if (input.type === "radio" || input.type === "checkbox") { input.checked = false; }
        else { input.value = ""; }
      });
    }

    function offerLocalCopy() {
      var copy = localCopy();
      if (!copy) { return; }
      var here = formFields(form);
      var names = {};
      Object.keys(copy.fields).concat(Object.keys(here)).forEach(function (n) { names[n] = true; });
      var differs = Object.keys(names).filter(function (n) {
        return (copy.fields[n] || "") !== (here[n] || "");
      });
      if (!differs.length) { forgetLocal(); return; }
      var box = document.createElement("div");
      box.className = "alert alert-info local-draft";
      box.setAttribute("role", "alert");
      var title = document.createElement("p");
      title.className = "fw-semibold mb-1";
      title.textContent = "This browser kept a copy of your scorecard from " +
        clock(new Date(copy.at)) + " that the server did not save.";
      box.appendChild(title);
      if (copy.kit && copy.kit !== form.querySelector("[name=kit_version]").value) {
        var kit = document.createElement("p");
        kit.className = "mb-1";
        kit.textContent = "It was typed on another version of the kit: answers to dimensions " +
          "or signals that changed are listed below for you to copy.";
        box.appendChild(kit);
      }
      var intro = document.createElement("p");
      intro.className = "mb-1";
      intro.textContent = "It differs from the saved draft in:";
      box.appendChild(intro);
      var list = document.createElement("dl");
      list.className = "small local-draft-differences";
      differs.forEach(function (n) {
        var dt = document.createElement("dt");
        dt.textContent = fieldLabel(form, n);
        var dd = document.createElement("dd");
        dd.textContent = copy.fields[n] || "(empty in this copy)";
        list.appendChild(dt);
        list.appendChild(dd);
      });
      box.appendChild(list);
      var restore = document.createElement("button");
      restore.type = "button";
      restore.className = "btn btn-primary btn-sm me-2";
      restore.textContent = "Restore this copy";
      restore.addEventListener("click", function () {
        differs.forEach(function (n) {
          if (n in copy.fields) { setField(n, copy.fields[n]); } else { clearField(n); }
        });
        box.remove();
        edits += 1;
        htmx.trigger(form, "autosave-now");
      });
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "btn btn-outline-secondary btn-sm";
      discard.textContent = "Discard it";
      discard.addEventListener("click", function () { forgetLocal(); box.remove(); });
      box.appendChild(restore);
      box.appendChild(discard);
      form.insertBefore(box, form.querySelector(".scorecard-header").nextSibling);
    }

    // Request events fire on the form, swap events on the status line inside it.
    function isAutosave(event) {
      var elt = event.detail && event.detail.elt;
      return Boolean(elt) && (elt === form || form.contains(elt));
    }

    function edited() { edits += 1; keepLocally(); }
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);

    // Logged out: once the person has logged in again (in another tab), take the new CSRF
    // token from a fresh copy of this page and save.
    function whenLoggedInAgain() {
      clearTimeout(retry);
      retry = setTimeout(function () {
        fetch(window.location.href, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok || response.redirected) { whenLoggedInAgain(); return null; }
          return response.text();
        }).then(function (html) {
          if (html === null || html === undefined) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html");
          var token = fresh.querySelector("#scorecard-form [name=csrfmiddlewaretoken]");
          if (!token) { whenLoggedInAgain(); return; }
          form.querySelector("[name=csrfmiddlewaretoken]").value = token.value;
          loggedOut = false;
          htmx.trigger(form, "autosave-now");
        }).catch(whenLoggedInAgain);
      }, 3000);
    }

    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (!isAutosave(event)) { return; }
      if (submitting) { event.preventDefault(); return; }
      sentEdits = edits;
      status.textContent = "Saving…";
    });
    // 400 (a note too long), 401 (logged out) and 409 (another tab saved first, or the kit
    // changed) carry a message worth showing.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (!isAutosave(event)) { return; }
      var code = event.detail.xhr.status;
      if (code === 400 || code === 401 || code === 409) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (!isAutosave(event)) { return; }
      var code = event.detail.xhr ? event.detail.xhr.status : 0;
      // Saved only on a 2xx that says so: anything else keeps the local copy.
      if (code >= 200 && code < 300 && status.querySelector(".autosave-saved")) {
        if (edits === sentEdits) {
          edits = 0;
          sentEdits = 0;
          forgetLocal();
        }
        return;
      }
      if (code === 401) {
        loggedOut = true;
        whenLoggedInAgain();
      } else if (code === 404) {
        clearTimeout(retry);
        showWarning("Not saved at " + clock() + ": this interview was removed, or you no longer " +
          "conduct it. What you typed is still here and kept in this browser: copy what you need.");
      } else if (code >= 200 && code < 300) {
        showWarning("Not saved at " + clock() + ": the server's answer was not a saved draft. " +
          "What you typed is still here and kept in this browser.");
      } else if (code !== 0 && code !== 400 && code !== 409) {
        showWarning("Not saved at " + clock() + " (the server answered " + code + "). " +
          "What you typed is still here and kept in this browser; do not close the page.");
        clearTimeout(retry);
        retry = setTimeout(function () { htmx.trigger(form, "autosave-now"); }, 10000);
      }
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      if (!isAutosave(event)) { return; }
      showWarning("Not saved at " + clock() + ": no connection to the server. What you typed is " +
        "still here and kept in this browser; it is sent again when the connection is back.");
      clearTimeout(retry);
      retry = setTimeout(function () { htmx.trigger(form, "autosave-now"); }, 10000);
    });
    window.addEventListener("online", function () {
      if (edits > 0) { htmx.trigger(form, "autosave-now"); }
    });

    // Leaving the tab (it may be closed next): save now while the page can still hear back.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && edits > 0 && !submitting && !loggedOut) {
        htmx.trigger(form, "autosave-now");
      }
    });
    // Anything not yet acknowledged: ask before leaving (the local copy stays either way).
    window.addEventListener("beforeunload", function (event) {
      if (edits > 0 && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    // Leaving the page: a beacon still goes out while the page unloads; the server merges it
    // with the newest revision (an autosave may still be in flight).
    window.addEventListener("pagehide", function () {
      if (edits > 0 && !submitting && !loggedOut && navigator.sendBeacon) {
        var data = new FormData(form);
        data.set("leaving", "1");
        navigator.sendBeacon(form.dataset.autosaveUrl, data);
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

    offerLocalCopy();
  }

  document.addEventListener("DOMContentLoaded", init);
})();
