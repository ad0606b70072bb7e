"""The batch export with the real WeasyPrint renderer: each PDF in the ZIP is the candidate's."""

import io
import zipfile

import pytest
from django.test import override_settings
from pypdf import PdfReader

from scorecards.models import ExportJob
from tests.factories import CandidateFactory
from tests.scorecards.export_fixtures import IMMEDIATE_TASKS, start_export, submitted_scorecard

pytestmark = pytest.mark.usefixtures("media_root")


def pdf_texts(job: ExportJob) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(job.archive.read())) as archive:
        return {
            name: " ".join(
                page.extract_text() for page in PdfReader(io.BytesIO(archive.read(name))).pages
            )
            for name in archive.namelist()
        }


@pytest.mark.parametrize("kind", ["packets", "summaries"])
@override_settings(TASKS=IMMEDIATE_TASKS)
def test_the_zip_holds_each_candidates_real_pdf(
    kind, role, recruiter, candidate, interviewer, other_interviewer
):
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 4, "Dimension 2": 3})
    dana = CandidateFactory(role=role, name="Dana Quinlan", email="dana@example.com")
    submitted_scorecard(dana, other_interviewer, {"Dimension 1": 2}, recommendation="no")

    job = start_export(role=role, kind=kind, candidate_ids=[], by=recruiter)

    assert (job.status, job.done, job.failures) == (ExportJob.Status.DONE, 2, [])
    texts = pdf_texts(job)
    suffix = "summary" if kind == "summaries" else "packet"
    casey_pdf = texts[f"casey-candidate-{candidate.pk}-{suffix}.pdf"]
    dana_pdf = texts[f"dana-quinlan-{dana.pk}-{suffix}.pdf"]
    assert "Casey Candidate" in casey_pdf and "Dana Quinlan" not in casey_pdf
    assert "Dana Quinlan" in dana_pdf and "Casey Candidate" not in dana_pdf
    assert role.title in casey_pdf
