"""Role titles compared as people read them: after Unicode NFKC normalisation, without
invisible characters, and with look-alike letters from other scripts (Cyrillic "а", Greek "ο")
seen through, so that a document cannot start a second role that imitates an existing one."""

from __future__ import annotations

import re
import unicodedata

# Letters of other scripts that are drawn like Latin letters (from Unicode's confusables list,
# the ones that occur in practice in Latin-script text).
CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
        "ԛ": "q", "ԝ": "w", "ӏ": "l", "һ": "h", "ɡ": "g",
        "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x", "ϲ": "c",
        "0": "o", "1": "l", "|": "l",
    }
)  # fmt: skip


def normalise(title: str) -> str:
    """NFKC, invisible format characters removed, spaces collapsed."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def skeleton(title: str) -> str:
    """What a title looks like: case, spacing, punctuation and look-alike letters aside."""
    text = normalise(title).casefold().translate(CONFUSABLES)
    return "".join(re.findall(r"[^\W_]+", text))


def foreign_letters(title: str, model: str) -> list[str]:
    """The characters of `title` that differ from `model` though they look alike."""
    found = []
    for char in normalise(title):
        if (
            char.isalpha()
            and not char.isascii()
            and char.casefold().translate(CONFUSABLES) != char.casefold()
        ):
            name = unicodedata.name(char, "unnamed character")
            found.append(f"U+{ord(char):04X} {name}")
    return list(dict.fromkeys(found))


def imitated_role(title: str, existing: list[str], same) -> str | None:
    """The existing title that `title` imitates: it looks the same (same skeleton) but is not
    the same role by `same` (the ordinary title comparison)."""
    shape = skeleton(title)
    for other in existing:
        if skeleton(other) == shape and not same(title, other):
            return other
    return None
