"""`{{ when|zoned }}`, `{{ when|zoned:"H:i" }}`: a time in the viewer's zone, zone named."""

from django import template

from interviewkit.timezones import format_zoned

register = template.Library()


@register.filter
def zoned(value, fmt: str = "j M Y, H:i") -> str:
    return format_zoned(value, fmt)
