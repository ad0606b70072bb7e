"""Markdown and plain text: YAML front matter, and plain text given the Markdown structure it
implies (a short line above a list is a heading, "•" is a bullet), so one parser reads both."""

from __future__ import annotations

import re

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_KEY = re.compile(r"^([A-Za-z_][\w -]*):[ \t]*(.*)$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
BULLET = re.compile(r"^(\s*)[•·▪◦○●■□➢►✓✔*\-–—]\s+")
NUMBERED = re.compile(r"^(\s*)(\d{1,2})[.)]\s+")
LETTERED = re.compile(r"^(\s*)\(?([a-z])\)\s+")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` lines of a leading `---` block (quotes stripped), and the rest of the text.

    Only flat keys are read: a role document's front matter names its title, team or location;
    nested YAML is kept out of the body all the same."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    values: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key_value = FRONT_KEY.match(line)
        if key_value:
            value = key_value.group(2).strip().strip("\"'")
            values[key_value.group(1).strip().lower()] = value
    # Blank lines keep the body's line numbers the same as in the file.
    return values, "\n" * match.group(0).count("\n") + text[match.end() :]


def _looks_like_heading(line: str, next_line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 70 or BULLET.match(line) or NUMBERED.match(line):
        return False
    if stripped.endswith(":") and len(stripped.split()) <= 8:
        return True
    letters = [c for c in stripped if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) >= 4:
        return True
    # A short line without a full stop directly above a list.
    followed_by_list = bool(BULLET.match(next_line) or NUMBERED.match(next_line))
    return (
        followed_by_list and not stripped.endswith((".", ",", ";")) and len(stripped.split()) <= 8
    )


def plain_to_markdown(text: str) -> str:
    """Plain text (or text extracted from a PDF) as Markdown.

    Text that already has Markdown headings is left as it is, but for its bullets: "•" and the
    like become "-" so that they are list items."""
    has_headings = bool(MARKDOWN_HEADING.search(text))
    lines = text.splitlines()
    out: list[str] = []
    titled = has_headings
    for index, line in enumerate(lines):
        if not titled and line.strip():
            titled = True
            # Plain text: its first line names the document when it is short enough to be a title.
            if len(line.strip()) <= 80 and not BULLET.match(line) and not NUMBERED.match(line):
                out.extend([f"# {line.strip().rstrip(':')}", ""])
                continue
        next_line = next((n for n in lines[index + 1 : index + 3] if n.strip()), "")
        bullet = BULLET.match(line)
        if bullet and not line.lstrip().startswith(("- ", "* ")):
            line = f"{bullet.group(1)}- {line[bullet.end() :]}"
        elif LETTERED.match(line):
            match = LETTERED.match(line)
            line = f"{match.group(1)}- {line[match.end() :]}"
        elif not has_headings and _looks_like_heading(line, next_line):
            heading = line.strip().rstrip(":").strip()
            if out and out[-1].strip():
                out.append("")
            out.append(f"## {heading}")
            out.append("")
            continue
        out.append(line)
    return "\n".join(out)
