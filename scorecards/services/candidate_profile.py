"""A candidate's profile: links, the recruiters' notes and a CV (PDF or Word).

The CV is checked by its content, not only its name (a PDF starts with `%PDF-`, a .docx is a
ZIP holding `word/document.xml`), limited in size (`CV_MAX_BYTES`), and stored under a random
name in the private media folder, which no URL serves: it is read only through the CV view,
by people who may see the candidate. Replacing or removing a CV deletes the old file.
Erasure (scorecards.services.privacy) clears all of it.
"""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from interviewkit.audit import events as audit
from scorecards.models import Candidate

CV_KINDS = {
    ".pdf": "application/pdf",
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
NOTES_MAX = 5000
# What erasure clears (besides name and email).
PROFILE_FIELDS = (
    "linkedin_url",
    "portfolio_url",
    "recruiter_notes",
    "cv",
    "cv_name",
    "cv_uploaded_at",
)


def cv_max_bytes() -> int:
    return int(getattr(settings, "CV_MAX_BYTES", 5 * 1024 * 1024))


def cv_check(upload: UploadedFile) -> str:
    """The CV's kind (its extension) if it is a PDF or a Word document within the size limit;
    else a ValidationError that says what is wrong."""
    suffix = PurePath(upload.name or "").suffix.lower()
    limit = cv_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            f"“{upload.name}” is {upload.size / 1e6:.1f} MB; a CV may be at most "
            f"{limit / 1e6:.0f} MB."
        )
    if suffix not in CV_KINDS:
        raise ValidationError(f"“{upload.name}” is not a PDF or a Word (.docx) file.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf" and not head.startswith(b"%PDF-"):
        raise ValidationError(f"“{upload.name}” is named .pdf but is not a PDF.")
    if suffix == ".docx":
        try:
            with zipfile.ZipFile(upload) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise zipfile.BadZipFile
        except zipfile.BadZipFile:
            raise ValidationError(
                f"“{upload.name}” is named .docx but is not a Word document."
            ) from None
        finally:
            upload.seek(0)
    return suffix


@dataclass(frozen=True)
class ProfileChange:
    linkedin_url: str
    portfolio_url: str
    recruiter_notes: str
    cv: UploadedFile | None = None
    remove_cv: bool = False


@transaction.atomic
def candidate_profile_update(*, candidate: Candidate, change: ProfileChange, by, request=None):
    """Save the profile; audited with what changed (never the contents)."""
    if len(change.recruiter_notes) > NOTES_MAX:
        raise ValidationError(
            {
                "recruiter_notes": f"Notes may be {NOTES_MAX} characters; these are "
                f"{len(change.recruiter_notes)}."
            }
        )
    suffix = cv_check(change.cv) if change.cv is not None else None
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    changed = [
        field
        for field in ("linkedin_url", "portfolio_url", "recruiter_notes")
        if getattr(candidate, field) != getattr(change, field)
    ]
    for field in changed:
        setattr(candidate, field, getattr(change, field))
    old_file = candidate.cv.name if candidate.cv else ""
    if suffix is not None:
        candidate.cv.save(f"{secrets.token_hex(16)}{suffix}", change.cv, save=False)
        candidate.cv_name = PurePath(change.cv.name).name[:255]
        candidate.cv_uploaded_at = timezone.now()
        changed.append("cv")
    elif change.remove_cv and old_file:
        candidate.cv = ""
        candidate.cv_name = ""
        candidate.cv_uploaded_at = None
        changed.append("cv removed")
    if not changed:
        return candidate
    candidate.save()
    if old_file and (suffix is not None or change.remove_cv):
        transaction.on_commit(lambda: candidate.cv.storage.delete(old_file))
    audit.record(request or by, "candidate.profile", candidate, detail={"changed": changed})
    return candidate


def cv_erase(candidate: Candidate) -> bool:
    """Delete the CV file and clear the profile (erasure); True when there was anything."""
    had = bool(
        candidate.cv
        or candidate.linkedin_url
        or candidate.portfolio_url
        or candidate.recruiter_notes
    )
    if candidate.cv:
        candidate.cv.delete(save=False)
    candidate.cv = ""
    candidate.cv_name = ""
    candidate.cv_uploaded_at = None
    candidate.linkedin_url = candidate.portfolio_url = candidate.recruiter_notes = ""
    return had
