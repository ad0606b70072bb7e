"""The scorecards app's answers to what the kit app announces (`interviewkit.signals`) and its
objects in the kit app's permission-denied audit; wired in `ScorecardsConfig.ready()`. Each
receiver hands over to a service: no logic here."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver

from interviewkit.middleware.audit import register_named_route
from interviewkit.models import KitVersion
from interviewkit.signals import kit_version_replaced
from scorecards.models import Candidate, ExportJob, Interview, PacketPdf, Scorecard
from scorecards.services.candidates import interviews_follow_kit_version
from scorecards.services.packet_pdfs import kept_file_delete


@receiver(kit_version_replaced, dispatch_uid="scorecards.interviews_follow_kit_version")
def planned_interviews_follow(sender, *, old: KitVersion, new: KitVersion, **kwargs) -> None:
    interviews_follow_kit_version(old=old, new=new)


@receiver(post_delete, sender=PacketPdf, dispatch_uid="scorecards.kept_pdf_file_goes_too")
def kept_pdf_deleted(sender, *, instance: PacketPdf, **kwargs) -> None:
    kept_file_delete(instance)


def register_audited_routes() -> None:
    """A denial on these pages is filed under the role of the object the URL names."""
    register_named_route("candidates/<int:pk>", Candidate)
    register_named_route("interviews/<int:pk>", Interview)
    register_named_route("scorecards/<int:pk>", Scorecard)
    register_named_route("exports/<int:pk>", ExportJob)
