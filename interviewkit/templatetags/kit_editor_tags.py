"""Template helpers of the kit editor: who may change a kit, and a scorecard's newer version."""

from django import template

from interviewkit.access import is_role_manager
from interviewkit.models import KitVersion, Signal

register = template.Library()


@register.simple_tag(takes_context=True)
def can_edit_kit(context, role) -> bool:
    """May the requesting user edit, clone and export this role's kit? (read once per request)"""
    request = context.get("request")
    if request is None or role is None or not request.user.is_authenticated:
        return False
    return is_role_manager(request.user, role)


@register.simple_tag
def newer_kit_for(scorecard) -> KitVersion | None:
    """The role's newest kit version if it is newer than the draft scorecard's, else None."""
    if scorecard is None or scorecard.is_submitted:
        return None
    # One query: the newest version of the role the draft's kit belongs to. Version numbers only
    # grow, so any newest version other than the draft's own is newer.
    newest = KitVersion.objects.filter(role__kits=scorecard.kit_id).order_by("-number").first()
    if newest is None or newest.pk == scorecard.kit_id:
        return None
    return newest


@register.filter
def signal_kind(kind: str) -> str:
    """ "red" → "Red flag", for signals given by their kind's value."""
    try:
        return Signal.Kind(kind).label
    except ValueError:
        return kind
