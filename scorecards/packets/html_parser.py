"""The HTML parser's regular-expression cache, made to hit.

WeasyPrint parses each print document with tinyhtml5, whose tokenizer asks its input stream for
runs of text (`chars_until`) several thousand times per packet. The stream keeps one compiled
regular expression per set of stop characters in `tinyhtml5.inputstream.characters_until_regex`,
but tinyhtml5 2.1.0 stores it under the wrong key (`characters = cache[(characters, opposite)]
= regex` rebinds `characters` to the regex before the key is built), so every call misses and
builds its expression again: half of the parse (docs/performance.md).

`fix_chars_until_cache()` puts a dictionary in its place that builds a missing expression
exactly as `chars_until` does and keeps it under the key it is looked up by, so the lookup
never misses and the faulty store is never reached. The parse is the same
(tests/scorecards/test_pdf_html_parser.py compares the trees).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

from tinyhtml5 import constants, inputstream

CACHE = "characters_until_regex"


class ParserChanged(RuntimeError):
    """tinyhtml5 no longer has the cache this module replaces (a new version)."""


def chars_until_regex(characters, opposite: bool) -> re.Pattern:
    """The expression `chars_until` builds for `characters` (tinyhtml5 2.1.0's own code)."""
    regex = "".join([f"\\x{ord(character):02x}" for character in characters])
    if not opposite:
        regex = f"^{regex}"
    return re.compile(f"[{regex}]+")


class CharsUntilCache(dict):
    """`(characters, opposite)` → its expression, built on the first lookup."""

    def __missing__(self, key):
        characters, opposite = key
        regex = self[key] = chars_until_regex(characters, opposite)
        return regex


def fix_chars_until_cache() -> None:
    """Put `CharsUntilCache` in place of tinyhtml5's cache (once; later calls do nothing)."""
    current = getattr(inputstream, CACHE, None)
    if not isinstance(current, dict):
        raise ParserChanged(f"tinyhtml5.inputstream has no {CACHE} dictionary any more")
    if not isinstance(current, CharsUntilCache):
        setattr(inputstream, CACHE, CharsUntilCache())


# The print documents' own HTML, parsed without tinyhtml5 ---------------------------------------
#
# Every tag of a print document comes from the print templates (user text is escaped), and the
# templates write out every element that HTML5 would otherwise imply: `<html>`, `<head>`,
# `<body>`, `<tbody>`, each end tag. For such a document the HTML5 tree-construction rules come
# down to a few: void elements, whitespace around `<head>` and after `</body>`, and SVG's
# namespace and attribute names. `template_tree` builds that tree on the standard library's
# tokenizer (`html.parser`) in about a third of tinyhtml5's time, and gives up (None) at the
# first thing these rules do not cover, so that tinyhtml5 parses the document instead.

SVG = "{http://www.w3.org/2000/svg}"
XMLNS = "{http://www.w3.org/2000/xmlns/}xmlns"
# The elements the print templates use (templates/print, templates/scorecards/packet).
HTML_TAGS = frozenset(
    [
        "a",
        "abbr",
        "article",
        "aside",
        "b",
        "blockquote",
        "body",
        "br",
        "caption",
        "code",
        "details",
        "div",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "li",
        "link",
        "main",
        "meta",
        "nav",
        "ol",
        "p",
        "section",
        "small",
        "span",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "ul",
    ]
)
VOID = frozenset({"br", "hr", "link", "meta"})
HEAD_TAGS = frozenset({"link", "meta", "style", "title"})
# Start tags that close an open `<p>` in HTML5.
CLOSES_P = frozenset(
    [
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "ul",
    ]
)
# Inside these, HTML5 moves stray text and elements elsewhere ("foster parenting").
TABLE_CHILDREN = {
    "table": frozenset({"caption", "thead", "tbody", "tfoot"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"th", "td"}),
}
# Where HTML5 lets these be without implying or closing anything.
PARENTS = {
    **dict.fromkeys(("caption", "thead", "tbody", "tfoot"), frozenset({"table"})),
    "tr": frozenset({"thead", "tbody", "tfoot"}),
    "th": frozenset({"tr"}),
    "td": frozenset({"tr"}),
    "li": frozenset({"ul", "ol"}),
}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NOT_NESTED = frozenset({"a", "li", "table"})
SVG_TAGS = frozenset({"svg", "title", "desc", "g", "path", "rect", "circle", "line", "polygon"})
HTML_SPACE = " \t\n\f\r"


class NotTemplateHtml(ValueError):
    """Something in the document that `template_tree` leaves to tinyhtml5."""


def _is_space(text: str) -> bool:
    return not text.strip(HTML_SPACE)


class TemplateTreeBuilder(HTMLParser):
    """The tree HTML5 builds for a document written out in full (module comment), as
    tinyhtml5 builds it for WeasyPrint: HTML elements without a namespace, SVG's in its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = ElementTree.TreeBuilder(insert_comments=True)
        self.open: list[str] = []  # the open elements' local names, outermost first
        self.phase = "start"  # → "html" → "head" → "after head" → "body" → "after body"

    def fail(self, what: str):
        raise NotTemplateHtml(what)

    def handle_decl(self, decl: str) -> None:
        if self.phase != "start" or decl.lower() != "doctype html":
            self.fail(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.fail(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.fail(f"<?{data}>")

    def handle_comment(self, data: str) -> None:
        if self.phase not in ("head", "body"):
            self.fail("a comment outside <head> and <body>")
        self.builder.comment(data)

    def handle_data(self, data: str) -> None:
        if self.phase in ("start", "html"):
            if not _is_space(data):
                self.fail("text before <head>")
            return  # HTML5 drops it
        if self.phase == "after body" and not _is_space(data):
            self.fail("text after </body>")
        if self.open and self.open[-1] in TABLE_CHILDREN and not _is_space(data):
            self.fail(f"text directly in <{self.open[-1]}>")
        self.builder.data(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        self._start(tag, attrs)
        if tag in VOID and "svg" not in self.open:
            self._end(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        in_svg = "svg" in self.open or tag == "svg"
        if not in_svg and tag not in VOID:
            self.fail(f"<{tag}/>")  # HTML5 reads it as a start tag
        self._start(tag, attrs)
        self._end(tag)

    def _attributes(self, tag: str, attrs, *, svg: bool) -> dict[str, str]:
        attributes: dict[str, str] = {}
        for name, value in attrs:
            if svg:
                if name == "xmlns":
                    name = XMLNS
                elif ":" in name:
                    self.fail(f"attribute {name} of <{tag}>")
                else:
                    name = constants.adjust_svg_attributes.get(name, name)
            if name in attributes:
                self.fail(f"attribute {name} twice on <{tag}>")
            attributes[name] = "" if value is None else value
        return attributes

    def _start(self, tag: str, attrs) -> None:
        if "svg" in self.open or tag == "svg":
            if tag not in SVG_TAGS or self.phase != "body":
                self.fail(f"<{tag}> in an SVG")
            self.builder.start(SVG + tag, self._attributes(tag, attrs, svg=True))
            self.open.append(tag)
            return
        if tag not in HTML_TAGS:
            self.fail(f"<{tag}>")
        expected = {"start": "html", "html": "head", "after head": "body"}.get(self.phase)
        if expected is not None or tag in ("html", "head", "body"):
            if tag != expected:
                self.fail(f"<{tag}> where HTML5 implies <{expected or 'nothing'}>")
            self.phase = "html" if tag == "html" else "head" if tag == "head" else "body"
        elif self.phase == "head" and tag not in HEAD_TAGS:
            self.fail(f"<{tag}> in <head>")
        elif self.phase == "after body":
            self.fail(f"<{tag}> after </body>")
        elif self.phase == "body" and tag in HEAD_TAGS - {"meta"}:
            self.fail(f"<{tag}> in <body>")
        parent = self.open[-1] if self.open else None
        if parent in TABLE_CHILDREN and tag not in TABLE_CHILDREN[parent]:
            self.fail(f"<{tag}> directly in <{parent}>")
        if tag in PARENTS and parent not in PARENTS[tag]:
            self.fail(f"<{tag}> in <{parent}>")
        if tag in CLOSES_P and "p" in self.open:
            self.fail(f"<{tag}> inside <p>")
        if tag in HEADINGS and parent in HEADINGS:
            self.fail(f"<{tag}> inside <{parent}>")
        if tag in NOT_NESTED and tag in self.open:
            self.fail(f"<{tag}> inside <{tag}>")
        self.builder.start(tag, self._attributes(tag, attrs, svg=False))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID and "svg" not in self.open:
            self.fail(f"</{tag}>")
        if tag == "head" and self.phase == "head":
            self.phase = "after head"
        elif tag == "body" and self.phase == "body":
            self.phase = "after body"
            if self.open != ["html", "body"]:
                self.fail(f"</body> with <{self.open[-1]}> open")
            return  # later whitespace still goes into the body
        elif tag == "html" and self.phase == "after body":
            return
        self._end(tag)

    def _end(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.fail(f"</{tag}> with <{self.open[-1] if self.open else 'nothing'}> open")
        self.open.pop()
        self.builder.end(SVG + tag if "svg" in self.open or tag == "svg" else tag)

    def tree(self) -> ElementTree.Element:
        self.close()
        if self.phase != "after body":
            self.fail("no </body>")
        self.builder.end("body")
        self.builder.end("html")
        return self.builder.close()


def template_tree(html: str) -> ElementTree.Element | None:
    """The document's tree as tinyhtml5 builds it, or None if it is not one `template_tree`
    knows how to build (tinyhtml5 parses it then)."""
    if "\x00" in html:
        return None
    builder = TemplateTreeBuilder()
    try:
        builder.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
        return builder.tree()
    except NotTemplateHtml:
        return None
