"""The HTML parser's regular-expression cache, made to hit.

WeasyPrint parses each print document with tinyhtml5, whose tokenizer asks its input stream for
runs of text (`chars_until`) several thousand times per packet. The stream keeps one compiled
regular expression per set of stop characters in `tinyhtml5.inputstream.characters_until_regex`,
but tinyhtml5 2.1.0 stores it under the wrong key (`characters = cache[(characters, opposite)]
= regex` rebinds `characters` to the regex before the key is built), so every call misses and
builds its expression again: half of the parse (docs/performance.md).

`fix_chars_until_cache()` puts a dictionary in its place that builds a missing expression
exactly as `chars_until` does and keeps it under the key it is looked up by, so the lookup
never misses and the faulty store is never reached. The parse is the same
(tests/scorecards/test_pdf_html_parser.py compares the trees).
"""

from __future__ import annotations

import re

from tinyhtml5 import inputstream

CACHE = "characters_until_regex"


class ParserChanged(RuntimeError):
    """tinyhtml5 no longer has the cache this module replaces (a new version)."""


def chars_until_regex(characters, opposite: bool) -> re.Pattern:
    """The expression `chars_until` builds for `characters` (tinyhtml5 2.1.0's own code)."""
    regex = "".join([f"\\x{ord(character):02x}" for character in characters])
    if not opposite:
        regex = f"^{regex}"
    return re.compile(f"[{regex}]+")


class CharsUntilCache(dict):
    """`(characters, opposite)` → its expression, built on the first lookup."""

    def __missing__(self, key):
        characters, opposite = key
        regex = self[key] = chars_until_regex(characters, opposite)
        return regex


def fix_chars_until_cache() -> None:
    """Put `CharsUntilCache` in place of tinyhtml5's cache (once; later calls do nothing)."""
    current = getattr(inputstream, CACHE, None)
    if not isinstance(current, dict):
        raise ParserChanged(f"tinyhtml5.inputstream has no {CACHE} dictionary any more")
    if not isinstance(current, CharsUntilCache):
        setattr(inputstream, CACHE, CharsUntilCache())
