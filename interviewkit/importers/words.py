"""Small text helpers shared by the parsers: role titles, short names, word overlap."""

from __future__ import annotations

import re
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
    """What makes two titles the same role: case, spacing and punctuation aside."""
    return " ".join(re.findall(r"[a-z0-9]+", title.casefold()))


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
