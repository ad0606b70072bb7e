"""One shape for every error the API returns:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"email": ["…"]}}}

`fields` is present for validation errors only and names the request's fields (nested ones as
`ratings.12.value`). Errors the services raise (Django's ValidationError, refused loop changes,
stale or locked scorecards) become 400 and 409 answers with their own messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from scorecards.services.candidates import LoopChangeRefused
from scorecards.services.scorecards import ScorecardLocked, StaleScorecard


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "The request conflicts with the object's current state."


def service_errors(exc: DjangoValidationError, rename=None) -> exceptions.ValidationError:
    """A service's ValidationError as the API's, its keys renamed to the request's fields."""
    rename = rename or (lambda key: key)
    if hasattr(exc, "error_dict"):
        fields = {
            ("non_field_errors" if key == "__all__" else rename(key)): [
                message for error in errors for message in error.messages
            ]
            for key, errors in exc.error_dict.items()
        }
        return exceptions.ValidationError(fields)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list) and detail and not all(isinstance(d, str) for d in detail):
        out = {}
        for index, value in enumerate(detail):
            if value:
                out.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {
        prefix or "non_field_errors": [str(d) for d in detail]
        if isinstance(detail, list)
        else [str(detail)]
    }


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = service_errors(exc)
    elif isinstance(exc, LoopChangeRefused | ScorecardLocked | StaleScorecard):
        exc = Conflict(str(exc))
    response = exception_handler(exc, context)
    if response is None:
        return None
    body: dict = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["message"] = "The request has errors: see `fields`."
        body["fields"] = _flatten(exc.detail)
    else:
        detail = getattr(exc, "detail", None)
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        body["code"] = codes if isinstance(codes, str) else _code_for(response.status_code)
        body["message"] = str(detail) if detail is not None else str(exc)
    return Response({"error": body}, status=response.status_code, headers=_headers(response))


def _code_for(status_code: int) -> str:
    return {404: "not_found", 403: "permission_denied", 401: "not_authenticated"}.get(
        status_code, "error"
    )


def _headers(response) -> dict:
    return {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
