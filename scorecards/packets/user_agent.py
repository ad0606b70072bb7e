"""WeasyPrint's user-agent stylesheet for the print documents, less what they never use.

Five of WeasyPrint's default rules (`::footnote-call`, `::footnote-marker`, `::note-call`,
`::note-marker`, `::note-callback`) and its `::marker` rule match every element, so the cascade
builds six pseudo-element styles for each element of a packet. The packets have no footnotes or
notes (print.css floats nothing to them) and their markers are the list items'; without those
rules, or with `::marker` kept for `li` and `summary` only, a packet's PDF comes out the same
(tests/scorecards/test_pdf_user_agent.py) with 4.6 % fewer instructions (docs/performance.md,
"Counted in instructions").
"""

from __future__ import annotations

import cssselect2
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA
from weasyprint.text.fonts import FontConfiguration

from scorecards.packets.html_parser import template_tree

# Rules for pseudo-elements the print documents never have, by their selector.
UNUSED = ("::footnote-call", "::footnote-marker", "::note-call", "::note-marker", "::note-callback")
MARKER = "::marker {"
MARKER_FOR_LISTS = "li::marker, summary::marker {"


class UserAgentChanged(RuntimeError):
    """WeasyPrint's stylesheet no longer has a rule this module leaves out (a new version)."""


def print_user_agent_css(source: str = UA) -> str:
    """WeasyPrint's user-agent stylesheet (`source`, by default the installed one's) with the
    UNUSED rules left out and its universal `::marker` rule kept for list items and summaries."""
    lines = source.split("\n")
    kept = [line for line in lines if not line.startswith(UNUSED)]
    if len(lines) - len(kept) != len(UNUSED):
        raise UserAgentChanged(f"expected one rule each for {', '.join(UNUSED)}")
    markers = [k for k, line in enumerate(kept) if line.startswith(MARKER)]
    if len(markers) != 1:
        raise UserAgentChanged("expected one universal ::marker rule")
    kept[markers[0]] = MARKER_FOR_LISTS + kept[markers[0]][len(MARKER) :]
    return "\n".join(kept)


def print_user_agent(font_config: FontConfiguration) -> CSS:
    """The stylesheet, parsed (once per process, by `scorecards.packets.pdf`).

    Its `@counter-style` rules go to a dictionary of their own: a document takes its counter
    styles from WeasyPrint's (`HTML._ua_counter_style`, filled when WeasyPrint parsed its own
    stylesheet), and that one would refuse to define `disc` and `decimal` again, with a warning
    in the worker's log at each start."""
    return CSS(string=print_user_agent_css(), counter_style=CounterStyle(), font_config=font_config)


class PrintDocument(HTML):
    """A print document laid out with `user_agent` as its user-agent stylesheet (WeasyPrint
    asks the document for it: `HTML._ua_stylesheets`), its tree built by `template_tree`
    where it can be (`scorecards.packets.html_parser`), else by WeasyPrint's tinyhtml5."""

    def __init__(self, *, string: str, base_url: str, url_fetcher, user_agent: CSS):
        self.user_agent = user_agent
        tree = template_tree(string)
        if tree is None:
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
            return
        # What `HTML.__init__` does with the tree it parsed (a test checks that it sets
        # nothing else: tests/scorecards/test_pdf_html_parser.py). The templates have no <base>.
        self.base_url = base_url
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        return [self.user_agent]
