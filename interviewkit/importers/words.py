"""Small text helpers shared by the parsers: role titles, short names, word overlap."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from interviewkit.importers.kitdata import DocumentError

# Words that name a kind of document rather than a role ("Role Research Brief", "Job Posting
# Analysis", "Role Blueprint, Responsibilities, Skills, KPIs, and Career Path").
DOCUMENT_WORDS = {
    "a", "an", "and", "the", "of", "for", "role", "roles", "research", "brief", "job", "posting",
    "postings", "analysis", "blueprint", "responsibilities", "skills", "kpis", "kpi", "career",
    "path", "overview", "profile", "description", "guide", "report", "summary", "market",
    "requirements", "interview", "kit", "hiring", "document",
}  # fmt: skip

STOPWORDS = {
    "a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "or", "by", "at", "as", "is",
    "are", "be", "can", "do", "does", "they", "their", "how", "what", "who", "across", "into",
    "from", "that", "this", "it", "its", "e", "g", "eg", "etc", "vs", "not", "without", "even",
    "if", "ability", "experience", "strong", "deep", "clear", "candidate", "candidates",
}  # fmt: skip


def role_title(heading: str) -> str:
    """The role named by a document title: the part that is not a document-kind phrase."""
    parts = [p.strip(" *#`") for p in re.split(r"\s*:\s+|\s+[—–|-]\s+", heading) if p.strip()]
    best = ""
    best_score = -1.0
    for part in parts:
        words = re.findall(r"[A-Za-z0-9/+&]+", part)
        if not words:
            continue
        role_like = sum(1 for w in words if w.lower() not in DOCUMENT_WORDS) / len(words)
        if role_like > best_score:
            best, best_score = part, role_like
    if best_score <= 0:
        raise DocumentError("not a role document: its title names no role")
    return re.sub(r"\s+", " ", best)


def title_key(title: str) -> str:
    """What makes two titles the same role: case, spacing, punctuation and Unicode compatibility
    forms (NFKC: full-width letters, ligatures) aside."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[A-Za-z0-9]+", text) if w.lower() not in STOPWORDS}


def overlap(a: str, b: str) -> int:
    return len(stems(a) & stems(b))


def short_name(text: str, limit: int = 70) -> str:
    """A dimension name from a skill sentence: its lead-in before a colon, bracket or comma."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(".")
    for sep in (":", " (", "—", " – ", " - ", ";", ","):
        head = text.split(sep, 1)[0].strip()
        if 3 <= len(head) < len(text):
            text = head
            break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0]
    return text[:1].upper() + text[1:]


def percent(cell: str, *, where: str) -> Fraction:
    """A percentage cell ("96%", "12.5 %", "20") as a number; a clear error otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", cell)
    if not match:
        raise DocumentError(f"broken table in {where}: {cell!r} is not a percentage")
    return Fraction(match.group(1))


MINUTES = re.compile(r"(\d{1,3})\s*(?:-|\s)?\s*(?:minutes?|mins?)\b", re.IGNORECASE)
HOURS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|\s)?\s*(?:hours?|hrs?)\b", re.IGNORECASE)


def duration_minutes(text: str) -> int | None:
    if match := MINUTES.search(text):
        return int(match.group(1))
    if match := HOURS.search(text):
        return round(float(match.group(1)) * 60)
    return None


# Exercise formats and the words that describe them, in the order a loop usually runs.
FORMAT_WORDS: dict[str, tuple[str, ...]] = {
    "system-design": ("system design", "design", "architecture", "architect", "distributed"),
    "incident": ("incident", "on-call", "outage", "postmortem", "escalation", "triage"),
    "hands-on": ("hands-on", "code review", "pull request", "take-home", "read code",
                 "review designs", "design review", "pairing", "coding", "live review"),
    "behavioral": ("behavioral", "behavioural", "leadership", "mentor", "stakeholder",
                   "influence", "collaboration", "coaching"),
}  # fmt: skip


def exercise_format(name: str) -> str:
    """The format an exercise's name says it is, by the first matching group of words."""
    low = name.lower()
    for fmt in ("incident", "hands-on", "behavioral", "system-design"):
        if any(word in low for word in FORMAT_WORDS[fmt][:4]):
            return fmt
    return "other"


# --------------------------------------------------------------------------- interview plans

_UNIT = r"(minutes?|mins?|m|hours?|hrs?|h)\b"
_NUMBER = r"(\d+(?:[.,]\d+)?)"
DURATION_RANGE = re.compile(rf"{_NUMBER}\s*(?:-|–|—|to)\s*{_NUMBER}\s*-?\s*{_UNIT}", re.I)
DURATION_HOURS_MINUTES = re.compile(
    r"(\d+)\s*h(?:ours?|rs?)?\s*(\d{1,2})\s*(?:m|mins?|minutes?)?\b", re.I
)
DURATION_SINGLE = re.compile(rf"{_NUMBER}\s*-?\s*{_UNIT}", re.I)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "an": 1, "a": 1}
DURATION_WORDS = (
    (re.compile(r"\bhalf\s+an?\s+hour\b", re.I), 30),
    (re.compile(r"\bhalf[\s-]+(?:a\s+)?day\b", re.I), 240),
    (re.compile(r"\b(?:a|one|full|whole|paid|onsite|on-site)[\s-]+(?:paid\s+)?day\b", re.I), 480),
    (re.compile(r"\b(an|one|two|three|four|five|six)\s+hours?\b", re.I), None),
)
MAX_MINUTES = 600


def _unit_minutes(value: str, unit: str) -> float:
    number = float(value.replace(",", "."))
    return number * 60 if unit.lower().startswith("h") else number


def plan_minutes(text: str) -> int | None:
    """Minutes of an interview-plan step however the document writes them: "(45m)", "60 min",
    "45-60 minutes" (the longer end: the slot to book), "2–3 hours", "1h30", "a 30 minute quiz",
    "an hour", "half a day", "a paid day" (8 hours). At most 600."""
    minutes: float | None = None
    if match := DURATION_RANGE.search(text):
        minutes = _unit_minutes(match.group(2), match.group(3))
    elif match := DURATION_HOURS_MINUTES.search(text):
        minutes = int(match.group(1)) * 60 + int(match.group(2))
    elif match := DURATION_SINGLE.search(text):
        minutes = _unit_minutes(match.group(1), match.group(2))
    else:
        for pattern, value in DURATION_WORDS:
            if found := pattern.search(text):
                minutes = value if value is not None else NUMBER_WORDS[found.group(1).lower()] * 60
                break
    if minutes is None or minutes <= 0:
        return None
    return max(1, min(MAX_MINUTES, round(minutes)))


def strip_durations(text: str) -> str:
    """The text without its durations ("Technical interview (60 min)" → "Technical interview")."""
    for pattern in (DURATION_RANGE, DURATION_HOURS_MINUTES, DURATION_SINGLE):
        text = pattern.sub("", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    return re.sub(r"\s{2,}", " ", text).strip(" :–—-,")


def heading_key(title: str) -> str:
    """A heading as compared with section names: plain apostrophes, lower case, no numbering or
    trailing colon ("What You’ll Do:" → "what you'll do")."""
    text = title.replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"^\s*(?:§\s*)?(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+", "", text)
    return re.sub(r"\s+", " ", text).strip(" :.-–—*#")


def name_key(name: str) -> str:
    """What makes two dimension names one name: case, Unicode compatibility forms and spacing
    aside ("Design" and "design " are one; "C" and "C++" are two)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
