"""One-line values: a candidate's name is one line of text, and so is every mail subject built
from names and titles. A line break in a subject would be a forged header (Django refuses it
with BadHeaderError, so the mail fails)."""

import unicodedata

# Control characters (CR, LF, NUL, ESC…) and the Unicode line and paragraph separators.
NOT_ONE_LINE = {"Cc", "Zl", "Zp"}


def control_characters(text: str) -> list[str]:
    """The control characters and line breaks in a one-line value, as U+ codes, in order."""
    return [f"U+{ord(char):04X}" for char in text if unicodedata.category(char) in NOT_ONE_LINE]


def one_line(text: str) -> str:
    """The text with any control character or line break turned into a space, for mail headers
    (names stored before they were checked)."""
    return "".join(" " if unicodedata.category(char) in NOT_ONE_LINE else char for char in text)
