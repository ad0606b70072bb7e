"""export_packets: one PDF per candidate into a directory, with a progress bar on the terminal."""

import io

import pytest
from django.core.management import CommandError, call_command

from interviewkit.models import AuditEvent
from scorecards.services import exports
from tests.factories import CandidateFactory
from tests.scorecards.export_fixtures import fake_pdf


@pytest.fixture
def candidates(role):
    return [CandidateFactory(role=role, name=n) for n in ("Ada Lee", "Bo Chan")]


def test_it_writes_one_pdf_per_candidate_with_a_progress_bar(
    role, candidates, tmp_path, monkeypatch
):
    monkeypatch.setattr(exports, "render_candidate_pdf", fake_pdf)
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "export_packets",
        "--role",
        role.slug,
        "--out",
        str(tmp_path / "pdfs"),
        stdout=out,
        stderr=err,
    )

    ada, bo = candidates
    files = sorted(p.name for p in (tmp_path / "pdfs").iterdir())
    assert files == [f"ada-lee-{ada.pk}-packet.pdf", f"bo-chan-{bo.pk}-packet.pdf"]
    assert (tmp_path / "pdfs" / files[0]).read_bytes() == b"%PDF-fake packets Ada Lee"
    bar = "\r[" + " " * 30 + "] 0/2\r[" + "#" * 15 + " " * 15 + "] 1/2\r[" + "#" * 30 + "] 2/2"
    assert err.getvalue().startswith(bar)
    assert out.getvalue().strip() == f"Wrote 2 PDFs to {tmp_path / 'pdfs'}"
    assert AuditEvent.objects.get(action="export.pdf").detail["written"] == 2


def test_the_summary_option_writes_one_summary_pdf_per_candidate(
    role, candidates, tmp_path, monkeypatch
):
    monkeypatch.setattr(exports, "render_candidate_pdf", fake_pdf)

    call_command(
        "export_packets",
        "--role",
        role.slug,
        "--out",
        str(tmp_path),
        "--summary",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    assert sorted(p.name.rsplit("-", 1)[1] for p in tmp_path.iterdir()) == ["summary.pdf"] * 2


def test_a_failing_packet_is_reported_and_the_others_written(
    role, candidates, tmp_path, monkeypatch
):
    def render(candidate, *, kind, for_user=None):
        if candidate.name == "Ada Lee":
            raise RuntimeError("no ratings table")
        return b"%PDF"

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 of 2 candidates could not be exported"):
        call_command(
            "export_packets",
            "--role",
            role.slug,
            "--out",
            str(tmp_path),
            stdout=io.StringIO(),
            stderr=err,
        )

    assert [p.name for p in tmp_path.iterdir()] == [f"bo-chan-{candidates[1].pk}-packet.pdf"]
    assert "failed: Ada Lee: RuntimeError: no ratings table" in err.getvalue()


def test_an_unknown_role_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="No role with slug 'ghost'"):
        call_command("export_packets", "--role", "ghost", "--out", str(tmp_path))


def test_a_role_without_candidates_is_an_error(role, tmp_path):
    with pytest.raises(CommandError, match="has no candidates"):
        call_command("export_packets", "--role", role.slug, "--out", str(tmp_path))
