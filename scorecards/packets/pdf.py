"""PDF packets and one-page summaries, rendered by WeasyPrint from the packet's own partials.

Nothing is fetched from outside: `StaticOnlyFetcher` serves the project's static files (found by
Django's staticfiles finders, read from disk) and decodes `data:` URLs; it refuses `file://`,
`http(s)://`, every other scheme, and never follows a redirect because it never opens a
connection. The documents' base URL is a reserved `.invalid` origin, so that `{% static %}`
links resolve to `https://interviewkit.invalid/static/…`, which the fetcher maps to local files;
any other host is refused. User text reaches the templates only through auto-escaping.

The stylesheet and the font configuration are built once per process (module-level cache), so
a warm worker renders each document without paying WeasyPrint's start-up cost again; the HTML
parser's own cache is mended then too (`scorecards.packets.html_parser`).

A document's HTML is rendered with `MADE_AT_MARK` where its "Made <time>" line goes, and the
time is put in just before the PDF is made (`with_made_at`): so the HTML without it says
everything the PDF shows, and `document_key` of it names the PDF's content (the PDFs kept by
`scorecards.services.packet_pdfs` are looked up by it).
"""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import CSS
from weasyprint import __version__ as weasyprint_version
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from interviewkit.timezones import format_zoned
from scorecards import access
from scorecards.models import Candidate
from scorecards.packets.charts import print_ratings_chart
from scorecards.packets.context import packet_context
from scorecards.packets.html_parser import fix_chars_until_cache
from scorecards.packets.load import load_packet, print_dimension_tables
from scorecards.packets.user_agent import PrintDocument, print_user_agent, print_user_agent_css

BASE_URL = "https://interviewkit.invalid/"
PRINT_CSS = "css/print.css"
# Where the "Made <time>" line's time goes; user text is escaped, so it never contains this.
MADE_AT_MARK = "<!--made-at-->"


class FetchRefused(ValueError):
    """A URL the PDF renderer may not fetch."""


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher, cut down to the project's static files and `data:` URLs.

    `refused` lists every URL it turned down (WeasyPrint logs a warning and leaves the
    resource out; the document still renders).
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "https"), allow_redirects=False)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        try:
            response = self._resolve(url)
        except FetchRefused:
            self.refused.append(url)
            raise
        self.served.append(url)
        return response

    def _resolve(self, url: str) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            response = DataHandler().data_open(Request(url))
            return URLFetcherResponse(url, response.read(), dict(response.headers.items()))
        prefix = BASE_URL + settings.STATIC_URL.strip("/") + "/"
        if not url.startswith(prefix):
            raise FetchRefused(f"The PDF renderer fetches nothing from {url!r}.")
        parts = urlsplit(url)
        relative = unquote(parts.path[len(urlsplit(prefix).path) :])
        normalised = posixpath.normpath(relative)
        if (
            not relative
            or normalised.startswith(("../", "/"))
            or normalised == ".."
            or "\\" in relative
            or "\x00" in relative
        ):
            raise FetchRefused(f"Not a static file: {url!r}.")
        found = finders.find(normalised)
        if not found:
            raise FetchRefused(f"No such static file: {url!r}.")
        path = Path(found)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


_lock = threading.Lock()
_cache: dict[str, object] = {}


def _resources() -> tuple[FontConfiguration, CSS]:
    """The font configuration and the print stylesheet (with the user-agent one, `_cache["ua"]`),
    built once per process."""
    with _lock:
        if "css" not in _cache:
            fix_chars_until_cache()
            fonts = FontConfiguration()
            path = finders.find(PRINT_CSS)
            if not path:
                raise RuntimeError(f"static/{PRINT_CSS} is missing")
            text = Path(path).read_text(encoding="utf-8")
            _cache["engine"] = f"weasyprint {weasyprint_version}\0{text}\0{print_user_agent_css()}"
            css = CSS(
                string=text,
                base_url=BASE_URL + settings.STATIC_URL.strip("/") + "/css/",
                font_config=fonts,
                url_fetcher=StaticOnlyFetcher(),
            )
            _cache["fonts"] = fonts
            _cache["css"] = css
            _cache["ua"] = print_user_agent(fonts)
        return _cache["fonts"], _cache["css"]


def warm_up() -> None:
    """Build the cached stylesheet and fonts now (a worker may call it at start)."""
    _resources()


def print_document(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> PrintDocument:
    """`html` as WeasyPrint's document, with the print user-agent stylesheet."""
    _resources()
    return PrintDocument(
        string=html,
        base_url=BASE_URL,
        url_fetcher=fetcher or StaticOnlyFetcher(),
        user_agent=_cache["ua"],
    )


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    fonts, css = _resources()
    return print_document(html, fetcher=fetcher).write_pdf(stylesheets=[css], font_config=fonts)


def document_key(html: str) -> str:
    """The SHA-256 of a document's HTML (with its `MADE_AT_MARK`) and of what turns it into a
    PDF (the print stylesheet, WeasyPrint's version): equal keys, equal PDFs but for the time."""
    _resources()
    digest = hashlib.sha256(_cache["engine"].encode())
    digest.update(b"\0")
    digest.update(html.encode())
    return digest.hexdigest()


def with_made_at(html: str, when=None) -> str:
    """The document with its "Made" time (now unless `when`), in the active time zone."""
    return html.replace(MADE_AT_MARK, format_zoned(when or timezone.now(), "j M Y, H:i"))


def check_reader(candidate: Candidate, for_user) -> None:
    """Blind review holds for PDFs too: when rendering for someone, they must see the panel."""
    if for_user is not None and not access.can_see_panel(for_user, candidate):
        raise PermissionDenied(access.PANEL_CLOSED)


def packet_html(candidate: Candidate, *, viewer=None) -> str:
    packet = load_packet(candidate)
    context = packet_context(
        packet,
        viewer=viewer,
        chart=print_ratings_chart,
        tables=print_dimension_tables,
        decision_template="scorecards/packet/_decision_print.html",
        document="packet",
        made_at=mark_safe(MADE_AT_MARK),
    )
    return render_to_string("print/packet.html", context)


def summary_html(candidate: Candidate, *, viewer=None) -> str:
    packet = load_packet(candidate)
    context = packet_context(
        packet,
        viewer=viewer,
        chart=print_ratings_chart,
        document="summary",
        trust_template="scorecards/packet/_trust_summary.html",
        made_at=mark_safe(MADE_AT_MARK),
    )
    return render_to_string("print/summary.html", context)


def document_html(candidate: Candidate, *, kind: str, viewer=None) -> str:
    """The HTML of the packet (`kind` "packet") or the one-page summary ("summary")."""
    if kind == "summary":
        return summary_html(candidate, viewer=viewer)
    return packet_html(candidate, viewer=viewer)


def standalone_html(candidate: Candidate) -> str:
    """The print packet as one self-contained HTML file (print.css inlined), for `packet
    --format html`: it opens anywhere without the server."""
    path = finders.find(PRINT_CSS)
    inline_css = Path(path).read_text(encoding="utf-8") if path else ""
    packet = load_packet(candidate)
    context = packet_context(
        packet,
        chart=print_ratings_chart,
        tables=print_dimension_tables,
        decision_template="scorecards/packet/_decision_print.html",
        document="packet",
        inline_css=inline_css,
        made_at=format_zoned(timezone.now(), "j M Y, H:i"),
    )
    return render_to_string("print/packet.html", context)
