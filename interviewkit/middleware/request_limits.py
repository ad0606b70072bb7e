"""A cap on the size of any request body, file uploads included.

`DATA_UPLOAD_MAX_MEMORY_SIZE` bounds form fields but not uploaded files, which Django streams
to disk however large they are. Kit documents and scorecard CSVs are small: a body larger than
`MAX_REQUEST_BODY_SIZE` is refused with 413 before anything reads it.

A form with files whose body ends before its Content-Length (the connection dropped halfway
through an upload) is refused with 400 before any view sees it: Django's parser would hand the
view the fields that arrived and silently leave the cut file out, and the view would save that.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("The request's Content-Length is not a number.", status=400)
        limit = settings.MAX_REQUEST_BODY_SIZE
        if length > limit:
            return HttpResponse(
                f"The request is too large: at most {limit // 1_000_000} MB can be sent at once.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        if length and request.method == "POST" and request.content_type == "multipart/form-data":
            request.POST  # parsed here, as the CSRF check would parse it next  # noqa: B018
            read = getattr(getattr(request, "_stream", None), "_pos", None)
            if read is not None and read < length:
                return HttpResponse(
                    "The upload was cut off before it was complete: nothing was saved. "
                    "Send it again.",
                    status=400,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
