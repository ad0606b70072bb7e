"""A CV upload cut off mid-request (the connection drops halfway through the file): nothing
partial is stored, the profile still says there is no CV, and the retry stores the whole file."""

import socket
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from scorecards.models import Candidate

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n" + b"1 0 obj<<>>endobj\n" * 20_000 + b"trailer<<>>\n%%EOF\n"
BOUNDARY = "cutoffboundary"


def multipart(csrf: str, content: bytes) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n",
        *(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n\r\n'
            for name in ("linkedin_url", "portfolio_url", "recruiter_notes")
        ),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="cv"; filename="Casey CV.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n",
    ]
    return "".join(parts).encode() + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def send_half_and_hang_up(url: str, cookies: str, body: bytes) -> bytes:
    where = urlsplit(url)
    with socket.create_connection((where.hostname, where.port), timeout=10) as conn:
        head = (
            f"POST {where.path} HTTP/1.1\r\nHost: {where.netloc}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
            f"Content-Length: {len(body)}\r\nCookie: {cookies}\r\n"
            f"Referer: {url}\r\nConnection: close\r\n\r\n"
        )
        conn.sendall(head.encode() + body[: len(body) // 2])
        conn.shutdown(socket.SHUT_WR)  # the rest never comes
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except OSError:
            pass
        return answer


def test_a_cut_off_cv_upload_stores_nothing_and_the_retry_stores_it(
    live_server, client, recruiter, candidate, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(recruiter)
    url = live_server.url + reverse("scorecards:candidate-profile", args=[candidate.pk])
    page = client.get(reverse("scorecards:candidate-profile", args=[candidate.pk]))
    csrf = page.context["csrf_token"]
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    cookies += f"; csrftoken={csrf}" if "csrftoken" not in client.cookies else ""
    answer = send_half_and_hang_up(url, cookies, multipart(str(csrf), PDF))
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"cut off before it was complete: nothing was saved" in answer

    candidate = Candidate.objects.get(pk=candidate.pk)
    assert not candidate.cv
    stored = list((tmp_path / "media").rglob("*")) if (tmp_path / "media").exists() else []
    assert not [p for p in stored if p.is_file()], stored
    html = client.get(reverse("scorecards:candidate-profile", args=[candidate.pk])).content
    assert b"Current CV" not in html  # the profile says there is none: upload it again

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("scorecards:candidate-profile", args=[candidate.pk]),
        {
            "linkedin_url": "",
            "portfolio_url": "",
            "recruiter_notes": "",
            "cv": SimpleUploadedFile("Casey CV.pdf", PDF),
        },
        follow=True,
    )
    assert response.status_code == 200
    candidate.refresh_from_db()
    assert candidate.cv and candidate.cv.read() == PDF
    assert candidate.cv_name == "Casey CV.pdf"
