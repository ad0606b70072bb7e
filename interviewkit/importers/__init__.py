"""Document importers: every format read into sections, then one parser per document shape, all
reading by structure.

`parse_document(name, raw)` returns the documents found in one file (a kit export made with
`--all` holds several) or raises `DocumentError` with a one-line reason. Reading is bounded in
size, nesting, rows and time (see `limits`).
"""

from __future__ import annotations

import json

from interviewkit.importers import blueprint, brief, jd, limits, postings
from interviewkit.importers.common import (
    extract,
    find_weight_table,
    is_preferred_section,
    is_required_section,
)
from interviewkit.importers.document import Section, sections_from_html, sections_from_markdown
from interviewkit.importers.formats import HTML, JSON, WORD, decode, read_document
from interviewkit.importers.formats.html import posting_html
from interviewkit.importers.kitdata import DocumentError, KitData, ParsedDocument
from interviewkit.importers.names import shown_document_name
from interviewkit.importers.words import role_title

__all__ = ["DocumentError", "KitData", "ParsedDocument", "decode", "parse_document"]


def parse_document(name: str, raw: bytes, repairs=None) -> list[ParsedDocument]:
    """`repairs` (a `kit_json.Repairs`) lets an exported kit's weights be rescaled or its
    repeated dimension names be renamed, each change listed; without it they are refused."""
    with limits.time_budget():
        readable = read_document(name, raw)
        if readable.format == JSON:
            return _parse_json(name, readable.json_text, repairs)
        if readable.format == HTML:
            title, body = posting_html(readable.text)
            sections = sections_from_html(body)
        elif readable.format == WORD:
            title, sections = readable.title, sections_from_html(readable.text)
        else:
            title, sections = readable.title, sections_from_markdown(readable.text)
        return [_parse_sections(name, sections, title)]


def _parse_json(name: str, text: str, repairs=None) -> list[ParsedDocument]:
    # Imported here: kit_json needs the models, the Markdown parsers do not.
    from interviewkit import kit_json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise DocumentError(
            f"the JSON is nested more than {limits.MAX_NESTING} levels deep"
        ) from None
    if blueprint.matches(data):
        return [blueprint.parse(name, data)]
    if kit_json.matches(data):
        return kit_json.parse(name, data, repairs)
    raise DocumentError(
        "not a role document: JSON that is neither a WordPress post nor an exported kit"
    )


def _is_skill_brief(sections: list[Section]) -> bool:
    """A role brief in the seeds' shape: "Required" and "Preferred" skill lists under a skills
    heading, every item naming a skill area (no years, degrees or locations) and no interview
    plan or competency table. Such a brief keeps one dimension per listed skill, as it always
    has; any other job description is grouped into competencies."""
    lists = [s for s in sections if (is_required_section(s) or is_preferred_section(s)) and s.items]
    if not lists or not all(any("skill" in p.lower() for p in s.parents) for s in lists):
        return False
    if any(jd.is_screening(item.text) for s in lists for item in s.items):
        return False
    return not any(
        jd.section_kind(s) == "plan" or any(jd.is_competency_table(t) for t in s.tables)
        for s in sections
    )


def _parse_sections(name: str, sections: list[Section], title_hint: str) -> ParsedDocument:
    heading = title_hint or next((s.title for s in sections if s.level == 1), "")
    if not heading:
        heading = next((s.title for s in sections if s.level >= 1), "")
    if not heading:
        raise DocumentError("not a role document: it has no title heading")
    title = role_title(heading)
    name = shown_document_name(name, title)
    if postings.matches(sections):
        return postings.parse(name, sections, title)
    if _is_skill_brief(sections):
        return brief.parse(name, sections, title)
    if find_weight_table(sections) is not None and not any(
        jd.section_kind(s) == "plan" and not s.name.lower().startswith("interview loop")
        for s in sections
    ):
        # A blueprint written in Markdown: its weight table, exercises, probes and signals.
        parsed = extract(name, sections, title=title, shape="Markdown blueprint")
        parsed.screening = jd.parse(name, sections, title).screening
        return parsed
    return jd.parse(name, sections, title)
