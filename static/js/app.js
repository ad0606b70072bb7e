// Site-wide behaviour. Pages add their own modules; no inline scripts (Content-Security-Policy).
