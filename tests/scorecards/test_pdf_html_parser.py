"""The HTML parser's cache (scorecards.packets.html_parser): hit, and the parse unchanged."""

import re
import xml.etree.ElementTree as ET

import pytest
import tinyhtml5
from tinyhtml5 import inputstream

from scorecards.packets import html_parser, pdf
from tests.scorecards.packet_fixtures import submitted_scorecard
from tests.scorecards.test_packet_dimension_tables import loop_of


def tree(html: str) -> bytes:
    return ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False))


@pytest.fixture
def tinyhtml5_cache(monkeypatch):
    """tinyhtml5's own cache back in place for the test, and this module's after it."""
    monkeypatch.setattr(inputstream, html_parser.CACHE, {})


def test_a_packet_parses_to_the_same_tree_with_the_mended_cache(
    candidate, interviewer, tinyhtml5_cache
):
    nasty = "<b>x</b> & \"quotes\" 'single' \x0c form feed\r\nCRLF \u00a0 ünïcödé < > &amp;"
    submitted_scorecard(candidate, interviewer, [4, 3, 3, 3], evidence=nasty, takeaways=nasty)
    loop_of(candidate, 3)
    documents = [pdf.packet_html(candidate), pdf.summary_html(candidate)]
    before = [tree(html) for html in documents]
    # tinyhtml5's own cache is keyed by the expressions it built, so each lookup missed (when
    # this fails, tinyhtml5 has mended it: scorecards/packets/html_parser.py can go).
    assert all(isinstance(key[0], re.Pattern) for key in inputstream.characters_until_regex)
    html_parser.fix_chars_until_cache()
    assert [tree(html) for html in documents] == before
    cache = inputstream.characters_until_regex
    assert isinstance(cache, html_parser.CharsUntilCache)
    # Keyed by what `chars_until` is asked for, so the next lookup hits.
    assert not any(isinstance(key[0], re.Pattern) for key in cache)
    assert ("&", "<", "\u0000") in {key[0] for key in cache}


def test_each_expression_is_the_one_tinyhtml5_builds(tinyhtml5_cache):
    html_parser.fix_chars_until_cache()
    stream = inputstream.HTMLUnicodeInputStream("abc<def&ghi")
    assert stream.chars_until(("<", "\u0000")) == "abc"
    assert inputstream.characters_until_regex[(("<", "\u0000"), False)].pattern == "[^\\x3c\\x00]+"
    assert html_parser.chars_until_regex("ab", True).pattern == "[\\x61\\x62]+"


def test_mending_twice_keeps_the_first_cache(tinyhtml5_cache):
    html_parser.fix_chars_until_cache()
    first = inputstream.characters_until_regex
    html_parser.fix_chars_until_cache()
    assert inputstream.characters_until_regex is first


def test_a_tinyhtml5_without_the_cache_is_noticed(monkeypatch):
    monkeypatch.delattr(inputstream, html_parser.CACHE)
    with pytest.raises(html_parser.ParserChanged):
        html_parser.fix_chars_until_cache()
