# ruff: noqa: E501  (documents are quoted as people write them: long table rows and lines)
"""Role documents as hiring teams have them, written by the tests in every format: job
descriptions, competency tables, rubrics, interview plans; Word and PDF files built here."""

from __future__ import annotations

import base64
import io
import json

BACKEND_JD_MD = """---
title: Senior Backend Engineer
team: Payments
---

Acme Pay moves money for two million small businesses.

## What you'll do

- Design and build APIs and services for our payments platform
- Own features end-to-end, from design doc to production
- Take part in the on-call rotation and improve our monitoring
- Mentor other engineers through code review and pairing
- Work with product and design to shape the roadmap

## What you'll bring

- 5+ years of professional software engineering experience
- Strong Python or Go, with a habit of writing tests
- Experience designing distributed systems that scale
- Experience with payments, card networks or ledgers
- Clear written communication; you write design docs others want to read
- BS in Computer Science or equivalent experience
- Must be authorized to work in the US

## Nice to have

- Kubernetes and Terraform
- Experience with fraud detection is a plus

## Interview process

1. Recruiter screen (30 min)
2. Technical interview — 60 min: coding
3. System design (45-60 minutes)
4. Team fit with the hiring manager (45m): collaboration, communication and ownership
5. Offer

## Benefits

- Unlimited PTO
- Health insurance and a 401(k)

## About us

We are an equal opportunity employer. Salary: $180,000 – $210,000.
"""

DATA_ANALYST_TXT = """Data Analyst

Northwind Foods is growing and needs someone who loves numbers.

RESPONSIBILITIES
• Build dashboards and reports that the sales team uses every week
• Analyse experiments and explain the results to managers
• Partner with marketing and finance on forecasting

REQUIREMENTS
• 3+ years in an analytics role
• Excellent SQL and spreadsheet skills
• Statistics: you know when a difference is real
• Clear communicator who can present to non-technical people
• Python or R is a plus
• Based in Chicago or able to commute to the office three days a week

HOW TO APPLY
• Send your CV to jobs@northwind.example
"""

CAREERS_PAGE_HTML = """<!doctype html>
<html><head><title>Site Reliability Engineer | Globex Careers</title>
<script>window.analytics = {track: function () {}};</script>
<style>nav { color: red }</style></head>
<body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/jobs">All jobs</a></li>
<li>Design systems for the nav menu</li></ul></nav></header>
<div class="cookie-banner"><p>We use cookies.</p><ul><li>Accept all</li><li>Manage</li></ul></div>
<main>
  <h1>Site Reliability Engineer</h1>
  <p>Globex runs the systems behind 40 million parcels a year.</p>
  <h2>Here is what you will be working on</h2>
  <ul>
    <li>Run and improve our Kubernetes platform on AWS</li>
    <li>Lead incident response and write blameless postmortems</li>
    <li>Automate deployments with Terraform and CI/CD pipelines</li>
    <li>Work with product teams to define SLOs</li>
  </ul>
  <h2>Must have</h2>
  <ul>
    <li><strong>Linux:</strong> deep knowledge of Linux internals and networking</li>
    <li>Scripting in Python or Go</li>
    <li>Experience with observability tools such as Prometheus and Grafana</li>
    <li>Right to work in the UK</li>
  </ul>
  <h2>Bonus</h2>
  <ul><li>Security hardening and compliance audits</li></ul>
  <h2>Our hiring plan</h2>
  <table>
    <tr><th>Stage</th><th>Duration</th><th>Focus</th></tr>
    <tr><td>Résumé review</td><td>—</td><td></td></tr>
    <tr><td>Incident scenario</td><td>2–3 hours</td><td>Operations &amp; reliability</td></tr>
    <tr><td>Automation pairing</td><td>90 min</td><td>Coding</td></tr>
    <tr><td>Values chat</td><td>45 minutes</td><td>Collaboration</td></tr>
  </table>
  <h2>Perks</h2>
  <ul><li>Free lunch</li><li>Gym membership</li></ul>
</main>
<footer class="footer"><ul><li>Privacy</li><li>Imprint</li><li>Build great systems with us</li></ul></footer>
<script>document.querySelectorAll("li").forEach(function (li) { li.dataset.x = 1; });</script>
</body></html>
"""

COMPETENCY_TABLE_MD = """# Engineering Manager — Competency Framework

| Competency | Weight | 1 – Strong no | 2 – No | 3 – Yes | 4 – Strong yes |
|---|---|---|---|---|---|
| People leadership | 30 | Avoids hard conversations | Gives feedback only when asked | Regular, specific feedback | Grows leaders on the team |
| Delivery | 25 | Misses commitments silently | Delivers with heroics | Predictable delivery | Delivery others copy |
| Technical judgement | 25 | Cannot follow the design | Defers every decision | Sound calls on trade-offs | Sets the technical bar |
| Hiring | 20 | No hiring experience | Interviews when asked | Runs fair loops | Builds the hiring process |

## Interview plan

| Interview | Length | Assesses |
|---|---|---|
| Hiring manager screen | 30 min | |
| People scenario | 60 min | People leadership, Hiring |
| Delivery deep dive | 1h30 | Delivery |
| Architecture review | 45-60 minutes | Technical judgement |
"""

VALUES_RUBRIC_MD = """# Customer Support Lead: values rubric

## Empathy

How the candidate understands the customer's situation.

1. No evidence — the topic did not come up
2. Dismisses the customer's feelings
3. Acknowledges feelings, then moves on
4. Reflects the customer's feelings and adapts
5. Turns upset customers into advocates

## Ownership

1. No evidence
2. Hands problems to others
3. Follows a case to its end
4. Fixes the cause, not just the case
5. Changes how the whole team works

## Clarity

1. No evidence
2. Rambling, jargon-heavy answers
3. Clear on familiar topics
4. Clear and brief on any topic
5. Writes the help-centre articles others copy

## Hiring steps

- A 30 minute quiz on our product
- Role play with a difficult customer (45 minutes)
- A paid day working alongside the team
"""

PDF_JD_HTML = """<html><head><style>
body { font-family: sans-serif; font-size: 11pt; }
h1 { font-size: 22pt; } h2 { font-size: 15pt; }
</style></head><body>
<h1>Machine Learning Engineer</h1>
<p>Initech builds forecasting models for retailers.</p>
<h2>Responsibilities</h2>
<ul>
<li>Train, evaluate and ship machine learning models to production</li>
<li>Build data pipelines for feature generation</li>
<li>Collaborate with data scientists and product managers</li>
</ul>
<h2>Qualifications</h2>
<ul>
<li>MSc or PhD in a quantitative field</li>
<li>Strong Python and software engineering practices, including testing</li>
<li>Experience with statistics and experiment design</li>
<li>Ideally, experience with Spark or dbt</li>
</ul>
</body></html>
"""


def docx_bytes() -> bytes:
    """A Word job description: title, headings, bold lead-ins, bullets, numbered steps, a table."""
    from docx import Document

    document = Document()
    document.core_properties.title = "Product Designer"
    document.add_heading("Product Designer", level=1)
    document.add_paragraph("Hooli designs tools for small clinics.")
    document.add_heading("What you'll do", level=2)
    for text in (
        "Run user research with clinic staff and turn it into designs",
        "Prototype and test new product flows with customers",
        "Present design decisions to product and engineering",
    ):
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Requirements", level=2)
    item = document.add_paragraph(style="List Bullet")
    item.add_run("Portfolio: ").bold = True
    item.add_run("a portfolio showing user research and product design work")
    for text in (
        "4+ years designing digital products",
        "Collaboration with engineers during delivery",
        "Experience with healthcare software is preferred",
    ):
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Interview process", level=2)
    for text in (
        "Portfolio review (60 min)",
        "Design exercise: a paid day",
        "Team chat: 45 minutes on collaboration",
    ):
        document.add_paragraph(text, style="List Number")
    document.add_heading("Benefits", level=2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Benefit"
    table.cell(0, 1).text = "Detail"
    table.cell(1, 0).text = "Holidays"
    table.cell(1, 1).text = "30 days"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(html: str = PDF_JD_HTML) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


# A 1x1 grey PNG: a page that is only an image, as a scan is.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
        "3a7e9b550000000a4944415478da63f80f00010101001bb6ee560000000049454e44ae426082"
    )
).decode()


def scanned_pdf_bytes() -> bytes:
    return pdf_bytes(
        f'<html><body><img src="data:image/png;base64,{PIXEL}" '
        'style="width:18cm;height:25cm"></body></html>'
    )


def locked_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def nested_json(depth: int = 100_000) -> bytes:
    return ("[" * depth + "]" * depth).encode()


def wordpress_with_nested_spans(depth: int = 50_000) -> bytes:
    html = "<h2>Skills</h2>" + "<span>" * depth + "deep" + "</span>" * depth
    return json.dumps(
        {"title": {"rendered": "Deep Engineer: Role Blueprint"}, "content": {"rendered": html}}
    ).encode()


def huge_weight_table(rows: int = 60_000) -> bytes:
    lines = ["# Role Blueprint: Table Engineer", "", "| Dimension | Weight |", "|---|---|"]
    lines += [f"| Skill {i} | 1 |" for i in range(rows)]
    return "\n".join(lines).encode()
