"""The address a request came from, the same for login throttling (django-axes) and the audit
log.

Without a proxy in front, it is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT proxies (load balancers)
that each append the address they received from to X-Forwarded-For, the client is the entry
that many places from the right: the entries further left were written by the client itself and
could say anything. With TRUSTED_PROXY_COUNT=0 (the default) the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count and _is_address(hops[-count]):
            return hops[-count]
    return request.META.get("REMOTE_ADDR") or None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
