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
