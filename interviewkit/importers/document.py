"""A document as sections of headings, paragraphs, lists and tables, whatever its markup.

Markdown (markdown-it) and HTML (BeautifulSoup) both become the same list of `Section`s, so the
shape parsers work on structure only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown_it import MarkdownIt

from interviewkit.importers.kitdata import DocumentError

# A line inside a list item that starts a sub-point ("– GPU scheduling, …").
DASH_LINE = re.compile(r"^\s*[–—\-•]\s+")
SECTION_NUMBER = re.compile(r"^\s*(?:§\s*)?(?:\d+(?:\.\d+)*[.)]?|[IVXLC]+[.)]|[A-Z][.)])\s+")


@dataclass
class Item:
    """A list item: its bold lead-in (if it starts with one), the rest, and its sub-points."""

    text: str
    head: str = ""
    body: str = ""
    children: list[str] = field(default_factory=list)
    # Its number in a numbered list (None in a bulleted one): numbered levels of a rubric.
    number: int | None = None


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]

    def column(self, *words: str) -> int | None:
        """Index of the first header cell containing all `words` (case-insensitive)."""
        for i, cell in enumerate(self.header):
            low = cell.lower()
            if all(w in low for w in words):
                return i
        return None


@dataclass
class Section:
    title: str
    level: int
    parents: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    lists: list[list[Item]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The heading without its numbering ("19) Hiring criteria" → "Hiring criteria")."""
        return strip_number(self.title)

    @property
    def path(self) -> str:
        """Where the section is, for provenance: "19) Hiring › Red flags"."""
        return " › ".join([*self.parents[-1:], self.title])

    @property
    def items(self) -> list[Item]:
        return [item for items in self.lists for item in items]

    def text(self) -> str:
        parts = [self.title, *self.paragraphs]
        for item in self.items:
            parts.append(item.text)
        for table in self.tables:
            parts.extend(" ".join(row) for row in table.rows)
        return "\n".join(parts)


def strip_number(title: str) -> str:
    return SECTION_NUMBER.sub("", title).strip()


def clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def split_item(text: str, head: str) -> Item:
    """Split an item's text into bold head, body and dash-led sub-points."""
    lines = [clean(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    body_lines: list[str] = []
    children: list[str] = []
    for line in lines:
        if DASH_LINE.match(line) and (body_lines or head):
            children.append(DASH_LINE.sub("", line).strip())
        elif children:
            children[-1] = f"{children[-1]} {line}"
        else:
            body_lines.append(line)
    # Sub-points written inline after the head: "Topic – point one – point two".
    full = " ".join(body_lines)
    head = clean(head)
    body = full[len(head) :].strip() if head and full.startswith(head) else full
    if head and not children and re.search(r"\s[–—]\s", body):
        pieces = [p.strip() for p in re.split(r"\s[–—]\s", " " + body) if p.strip()]
        children, body = pieces, ""
    body = body.lstrip(":–—- ").strip()
    return Item(
        text=clean(" ".join(lines)), head=head.rstrip(":").strip(), body=body, children=children
    )


# --------------------------------------------------------------------------- Markdown


def _inline(token) -> tuple[str, str]:
    """Plain text of an inline token and the bold text it starts with (if any)."""
    out: list[str] = []
    head_parts: list[str] = []
    head: str | None = None
    in_head = False
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open" and head is None and not "".join(out).strip():
            in_head = True
            continue
        if kind == "strong_close" and in_head:
            in_head = False
            head = "".join(head_parts)
            continue
        if kind in ("text", "code_inline"):
            piece = child.content
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        else:
            continue
        out.append(piece)
        if in_head:
            head_parts.append(piece)
    return "".join(out), head or ""


def _check_table_rows(lines: list[str], start: int, end: int, header_cells: int, where: str):
    for number in range(start, end):
        line = lines[number].strip()
        if not line or set(line) <= set("|:- "):
            continue
        cells = _split_row(line)
        if len(cells) != header_cells:
            raise DocumentError(
                f"broken table in section “{where}”: line {number + 1} has {len(cells)} cells, "
                f"the header has {header_cells}"
            )


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return re.split(r"(?<!\\)\|", line)


def sections_from_markdown(text: str) -> list[Section]:
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    lines = text.split("\n")
    sections: list[Section] = [Section(title="", level=0)]
    stack: list[tuple[str, int]] = []  # open headings (title, level)
    list_stack: list[list[Item]] = []
    ordered_stack: list[int | None] = []  # per open list: the next item's number, if numbered
    item_stack: list[list] = []  # per open list item: [texts, head, children, number]
    table: Table | None = None
    row: list[str] | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1])
            title, _ = _inline(tokens[i + 1])
            title = clean(title)
            stack = [(t, lvl) for t, lvl in stack if lvl < level]
            sections.append(
                Section(title=title, level=level, parents=[t for t, lvl in stack if lvl > 1])
            )
            stack.append((title, level))
            i += 3
            continue
        current = sections[-1]
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append([])
            start = tok.attrGet("start") if kind == "ordered_list_open" else None
            ordered_stack.append(int(start or 1) if kind == "ordered_list_open" else None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            items = list_stack.pop()
            ordered_stack.pop()
            if item_stack:  # nested list: its items are sub-points of the open item
                item_stack[-1][2].extend(item.text for item in items)
            else:
                current.lists.append(items)
        elif kind == "list_item_open":
            number = ordered_stack[-1] if ordered_stack else None
            if number is not None:
                ordered_stack[-1] = number + 1
            item_stack.append([[], "", [], number])
        elif kind == "list_item_close":
            texts, head, children, number = item_stack.pop()
            item = split_item("\n".join(texts), head)
            item.children = [*item.children, *children]
            item.number = number
            list_stack[-1].append(item)
        elif kind == "inline" and item_stack and table is None:
            text, head = _inline(tok)
            if not item_stack[-1][0]:
                item_stack[-1][1] = head
            item_stack[-1][0].append(text)
        elif kind == "inline" and table is not None and row is not None:
            row.append(clean(_inline(tok)[0]))
        elif kind == "inline":
            text = clean(_inline(tok)[0].replace("\n", " "))
            if text.startswith("|") and text.count("|") >= 2:
                raise DocumentError(
                    f"broken table in section “{current.title or 'top'}”: "
                    "its header and delimiter rows do not match"
                )
            if text:
                current.paragraphs.append(text)
        elif kind == "table_open":
            table = Table(header=[], rows=[])
            table_map = tok.map
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if table is not None and row is not None:
                if not table.header:
                    table.header = row
                else:
                    table.rows.append(row)
            row = None
        elif kind == "table_close" and table is not None:
            if table_map:
                _check_table_rows(
                    lines, table_map[0], table_map[1], len(table.header), current.title or "top"
                )
            current.tables.append(table)
            table = None
        i += 1
    return [s for s in sections if s.title or s.paragraphs or s.lists or s.tables]


# --------------------------------------------------------------------------- HTML

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
BLOCKS = [*HEADINGS, "p", "ul", "ol", "table"]


def _html_text(el: Tag) -> str:
    """Text of an element with <br> and block boundaries as newlines, nested lists left out."""
    parts: list[str] = []
    for node in el.children:
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag):
            if node.name == "br":
                parts.append("\n")
            elif node.name in ("ul", "ol"):
                continue
            else:
                parts.append(_html_text(node))
    return "".join(parts)


def _html_item(li: Tag) -> Item:
    head = ""
    first = next(
        (n for n in li.children if not (isinstance(n, NavigableString) and not n.strip())), None
    )
    if isinstance(first, Tag) and first.name in ("strong", "b"):
        head = first.get_text(" ", strip=True)
    item = split_item(_html_text(li), head)
    for nested in li.find_all(["ul", "ol"], recursive=False):
        item.children.extend(
            clean(sub.get_text(" ")) for sub in nested.find_all("li", recursive=False)
        )
    return item


def sections_from_html(html: str, title: str = "") -> list[Section]:
    soup = BeautifulSoup(html, "html.parser")
    sections: list[Section] = [Section(title=title, level=0)]
    stack: list[tuple[str, int]] = []
    for el in soup.find_all(BLOCKS):
        if el.find_parent(["li", "table"]):
            continue
        current = sections[-1]
        if el.name in HEADINGS:
            level = int(el.name[1])
            heading = clean(el.get_text(" "))
            stack = [(t, lvl) for t, lvl in stack if lvl < level]
            sections.append(
                Section(title=heading, level=level, parents=[t for t, lvl in stack if lvl > 1])
            )
            stack.append((heading, level))
        elif el.name == "p":
            text = clean(el.get_text(" "))
            if text:
                current.paragraphs.append(text)
        elif el.name in ("ul", "ol"):
            if el.find_parent(["ul", "ol"]):
                continue
            items = [_html_item(li) for li in el.find_all("li", recursive=False)]
            if el.name == "ol":
                for number, item in enumerate(items, start=1):
                    item.number = number
            current.lists.append(items)
        elif el.name == "table":
            rows = [
                [clean(cell.get_text(" ")) for cell in tr.find_all(["th", "td"])]
                for tr in el.find_all("tr")
            ]
            rows = [r for r in rows if r]
            if not rows:
                continue
            header, body = rows[0], rows[1:]
            for number, cells in enumerate(body, start=2):
                if len(cells) != len(header):
                    raise DocumentError(
                        f"broken table in section “{current.title or 'top'}”: row {number} has "
                        f"{len(cells)} cells, the header has {len(header)}"
                    )
            current.tables.append(Table(header=header, rows=body))
    return [s for s in sections if s.title or s.paragraphs or s.lists or s.tables]
