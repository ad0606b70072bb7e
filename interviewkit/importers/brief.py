"""A Markdown role brief: a titled document whose skills are listed under "Required" and
"Preferred" headings (weights by the 2:1 rule unless it also carries a weight table)."""

from __future__ import annotations

from interviewkit.importers.common import extract, is_preferred_section, is_required_section
from interviewkit.importers.document import Section
from interviewkit.importers.kitdata import ParsedDocument

SHAPE = "role brief"


def matches(sections: list[Section]) -> bool:
    return any((is_required_section(s) or is_preferred_section(s)) and s.items for s in sections)


def parse(name: str, sections: list[Section], title: str) -> ParsedDocument:
    return extract(name, sections, title=title, shape=SHAPE)
