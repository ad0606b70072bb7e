// Site-wide behaviour. Pages add their own modules; no inline scripts (Content-Security-Policy).

// Tell the server the browser's time zone, so times read right before anyone picks one in
// "My settings" (interviewkit.middleware.timezone reads this cookie).
(function rememberBrowserTimeZone() {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone) return;
  const current = document.cookie.split("; ").find((c) => c.startsWith("tz="));
  if (current && decodeURIComponent(current.slice(3)) === zone) return;
  document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
  // Only the first page drawn before the cookie existed is in the old zone: draw it again.
  // (Not when cookies are refused: that would reload for ever.)
  const stored = document.cookie.split("; ").some((c) => c === "tz=" + encodeURIComponent(zone));
  if (!current && stored && document.querySelector("time")) window.location.reload();
})();

// A refused form's error summary (includes/error_summary.html) takes focus, so it is read out
// and seen first; each of its links moves focus to the field it names, not only the view.
(function focusErrorSummary() {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.scrollIntoView({ block: "start" });
  summary.focus({ preventScroll: true });
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("[data-error-link]");
    const field = link && document.getElementById(link.dataset.errorLink);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
})();

// The live checks of a form (the loop's clash and coverage warnings, #plan-warnings): when the
// server cannot be reached or fails, say so where the warnings go. The choices made stay as
// they are, and the server checks everything again when the form is sent.
(function sayWhenALiveCheckFails() {
  function unreachable(event) {
    const target = event.detail && event.detail.target;
    if (!target || target.id !== "plan-warnings") return;
    const note = document.createElement("div");
    note.className = "alert alert-warning live-check-failed";
    note.setAttribute("role", "status");
    note.textContent =
      "The live check of clashes and coverage could not reach the server. Your choices are " +
      "kept as they are; they are checked again when you add the candidate.";
    target.replaceChildren(note);
  }
  document.body.addEventListener("htmx:sendError", unreachable);
  document.body.addEventListener("htmx:responseError", unreachable);
})();
