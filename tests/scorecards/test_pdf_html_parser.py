"""The print documents' HTML parser (scorecards.packets.html_parser): tinyhtml5's cache made to
hit, and `template_tree`, which builds the same tree as tinyhtml5 for the print templates'
documents and leaves every other document to it."""

import re
import xml.etree.ElementTree as ET

import pytest
import tinyhtml5
from tinyhtml5 import inputstream
from weasyprint import HTML

from scorecards.models import Decision
from scorecards.packets import html_parser, pdf
from scorecards.packets.html_parser import template_tree
from scorecards.services.role_fits import role_fit_refresh
from tests.factories import DecisionFactory, UserFactory
from tests.scorecards.calibration_fixtures import history
from tests.scorecards.packet_fixtures import draft_scorecard, panel, submitted_scorecard
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


NASTY = (
    "<b>x</b> & \"quotes\" 'single' \x0c form feed\r\nCRLF\rCR \u00a0 ünïcödé < > &amp; --> <!--"
)


def test_the_print_documents_get_the_tree_tinyhtml5_builds(candidate, interviewer, hiring_manager):
    """Packets and summaries in the states their templates branch on: no scorecards yet, then
    a loop with hostile text, red flags, a draft still missing, a decision and its history."""
    documents = [pdf.packet_html(candidate), pdf.summary_html(candidate)]
    submitted_scorecard(
        candidate,
        interviewer,
        [4, None, 3, 1],
        evidence=NASTY,
        takeaways=NASTY,
        red_flag_note=NASTY,
    )
    panel(candidate, 2)
    draft_scorecard(candidate, UserFactory(username="late", first_name=NASTY))
    documents += [pdf.packet_html(candidate), pdf.summary_html(candidate)]
    DecisionFactory(candidate=candidate, decided_by=hiring_manager, rationale=NASTY)
    DecisionFactory(
        candidate=candidate, decided_by=hiring_manager, outcome=Decision.Outcome.NO_HIRE
    )
    documents += [
        pdf.packet_html(candidate),
        pdf.summary_html(candidate, viewer=hiring_manager),
        pdf.with_made_at(pdf.packet_html(candidate)),
        pdf.standalone_html(candidate),
    ]
    for html in documents:
        built = template_tree(html)
        assert built is not None
        assert ET.tostring(built) == tree(html)


def test_a_fitted_roles_packet_with_its_calibrated_view_gets_tinyhtml5s_tree(role):
    """Once the role has a fitted model, the packet shows the calibrated view in a `<details>`
    (every real role after its first scorecards), and that packet is still built here."""
    candidate = history(role)["candidates"][0]
    role_fit_refresh(role=role)
    for html in (pdf.packet_html(candidate), pdf.summary_html(candidate)):
        built = template_tree(html)
        assert built is not None
        assert ET.tostring(built) == tree(html)
    assert "<details" in pdf.packet_html(candidate)


@pytest.mark.parametrize(
    "document",
    [
        "<!DOCTYPE html><html><head></head><body>a &amp; b&nbsp;c<br>d<br/>e</body></html>\n",
        "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n<title>T &lt;</title>\n"
        "</head>\n<body>\n<p hidden>x</p>\r\n<!-- note -->\n</body>\n</html>\n\n",
        "<!DOCTYPE html><html><head><style>p > b { color: red }</style></head><body><svg "
        'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><title>t</title><path d="M0 0" '
        'stroke-dasharray="1 1"/><rect width="1" height="1"></rect></svg></body></html>',
        "<!DOCTYPE html><html><head></head><body><table><caption>c</caption><thead><tr><th>h"
        "</th></tr></thead>\n <tbody>\n <tr> <td>1</td>\n</tr></tbody></table></body></html>",
    ],
)
def test_documents_written_out_in_full_get_tinyhtml5s_tree(document):
    assert ET.tostring(template_tree(document)) == tree(document)


@pytest.mark.parametrize(
    "document",
    [
        "<p>no html, head or body</p>",
        "<!DOCTYPE html><html><head></head><body><table><tr><td>x</td></tr></table></body></html>",
        "<!DOCTYPE html><html><head></head><body><table>stray</table></body></html>",
        "<!DOCTYPE html><html><head></head><body><p>a<div>b</div></p></body></html>",
        "<!DOCTYPE html><html><head></head><body><p>a<b>b</p></b></body></html>",
        "<!DOCTYPE html><html><head></head><body><div/></body></html>",
        "<!DOCTYPE html><html><head></head><body><font>x</font></body></html>",
        "<!DOCTYPE html><html><head></head><body><a>1<a>2</a></a></body></html>",
        "<!DOCTYPE html><html><head></head><body><h2>1<h3>2</h3></h2></body></html>",
        "<!DOCTYPE html><html><head></head><body><li>x</li></body></html>",
        '<!DOCTYPE html><html><head></head><body><p id="a" id="b">x</p></body></html>',
        "<!DOCTYPE html><html><head></head><body>a\x00b</body></html>",
        "<!DOCTYPE html><html><head></head><body></br></body></html>",
        "<!DOCTYPE html><html><head></head><body>x</body></html>after",
        "<!DOCTYPE html><html><head></head><body>no end",
        "<!-- first --><!DOCTYPE html><html><head></head><body></body></html>",
        "<!DOCTYPE html PUBLIC 'x'><html><head></head><body></body></html>",
        "<!DOCTYPE html><html><head><div>x</div></head><body></body></html>",
        '<!DOCTYPE html><html><head></head><body><svg xmlns="http://www.w3.org/2000/svg">'
        '<use xlink:href="#a"/></svg></body></html>',
        '<!DOCTYPE html><html><head></head><body><svg xmlns="http://www.w3.org/2000/svg">'
        "<div>x</div></svg></body></html>",
        "<!DOCTYPE html><html><head></head><body><![CDATA[x]]></body></html>",
    ],
)
def test_anything_else_is_left_to_tinyhtml5(document):
    assert template_tree(document) is None


def test_a_print_document_built_from_the_tree_is_the_one_weasyprint_would_make(candidate):
    panel(candidate, 2)
    html = pdf.with_made_at(pdf.packet_html(candidate))
    fonts, css = pdf._resources()
    ours = pdf.print_document(html)
    weasyprints = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticOnlyFetcher())
    # It sets what HTML.__init__ sets, and no more (when this fails, WeasyPrint's constructor
    # changed: scorecards/packets/user_agent.py must follow it).
    assert set(vars(ours)) - {"user_agent"} == set(vars(weasyprints))
    assert (ours.base_url, ours.media_type) == (weasyprints.base_url, weasyprints.media_type)
    assert ET.tostring(ours.etree_element) == ET.tostring(weasyprints.etree_element)
    # And where it cannot build the tree, tinyhtml5 parses the document.
    fallback = pdf.print_document(html.replace("<tbody>", "").replace("</tbody>", ""))
    assert fallback.etree_element.find(".//tbody") is not None
