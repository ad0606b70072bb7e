"""A Markdown posting analysis: a skill table with a "% of Postings" column (weights in
proportion to the percentages), often with a list of hiring signals."""

from __future__ import annotations

from interviewkit.importers.common import extract, find_frequency_table
from interviewkit.importers.document import Section
from interviewkit.importers.kitdata import ParsedDocument

SHAPE = "posting analysis"


def matches(sections: list[Section]) -> bool:
    return find_frequency_table(sections) is not None


def parse(name: str, sections: list[Section], title: str) -> ParsedDocument:
    return extract(name, sections, title=title, shape=SHAPE)
