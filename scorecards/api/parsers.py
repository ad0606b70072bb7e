"""JSON request bodies with a bounded nesting depth: a body nested deeper than the kit import
allows (interviewkit.importers.limits.MAX_NESTING) is a 400 naming the limit and the line,
before `json.loads` would recurse into it (a RecursionError, so a 500)."""

from __future__ import annotations

import io

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from interviewkit.importers import DocumentError
from interviewkit.importers.limits import check_json_nesting


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding") or "utf-8"
        try:
            check_json_nesting(raw.decode(encoding))
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        except DocumentError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        return super().parse(io.BytesIO(raw), media_type, parser_context)
