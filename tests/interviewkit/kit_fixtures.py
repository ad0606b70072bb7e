"""Role documents the tests write themselves: other titles, numbers and section numbering than
the seeds, so the parsers are shown to read structure rather than those particular files."""

import json


def brief(title: str = "Senior Data Reliability Engineer", *, required=None, preferred=None) -> str:
    required = required or [
        "**Data pipelines**: batch and streaming (Spark, Flink) with backfills.",
        "Incident handling for data outages (on-call, postmortems).",
        "SQL performance tuning, indexing and query plans.",
    ]
    preferred = preferred or ["Experience with dbt or similar transformation tools."]
    lines = [
        f"# Candidate Profile — {title}",
        "",
        "Some introduction about the market.",
        "",
        "## A. Duties",
        "- Keep the warehouse fresh and correct.",
        "- Review pull requests for pipeline code.",
        "",
        "## B. Skills",
        "### Must-have",
        *(f"- {r}" for r in required),
        "",
        "### Nice to have",
        *(f"- {p}" for p in preferred),
        "",
    ]
    return "\n".join(lines)


def postings(title: str = "Search Relevance Lead", rows=None) -> str:
    rows = rows or [
        ("Ranking models", "14", "70%", "Core", "Learning to rank"),
        ("Query understanding", "9", "45%", "Core", "Spelling, synonyms"),
        ("A/B testing", "6", "30%", "Nice", "Experiment design"),
    ]
    lines = [
        f"# Posting Study: {title}",
        "",
        "> 20 postings.",
        "",
        "## 1.1 Skills by frequency",
        "",
        "| Competency | Count | % of Postings | Category | Notes |",
        "|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        "## 1.2 What employers look for",
        "",
        "- Candidates who can **explain ranking trade-offs** to product managers.",
        "- Shipping experiments weekly.",
        "",
    ]
    return "\n".join(lines)


def blueprint_html(
    *,
    dims=(("Modelling", "Clean schemas", "60 %"), ("Communication", "Clear writing", "40 %")),
    exercises=True,
) -> str:
    rows = "".join(f"<tr><td>{n}</td><td>{d}</td><td>{w}</td></tr>" for n, d, w in dims)
    parts = [
        "<h2>Part I: Overview</h2><p>Intro.</p>",
        "<h2>Part VII: Interview guide</h2>",
        "<h3>What to assess</h3><ol>",
        "<li><strong>Data modelling depth</strong>\n &#8211; Can they normalise a schema?</li>",
        "<li><strong>Written communication</strong>\n &#8211; Clear writing in design docs.</li>",
        "</ol>",
    ]
    if exercises:
        parts += [
            "<h3>Suggested exercises</h3><ul>",
            "<li><strong>Schema design case (75 minutes):</strong><br/>Design a schema for "
            "orders. Ask about modelling trade-offs.</li>",
            "<li><strong>Behavioral interview (30 min):</strong><br/>Explore communication.</li>",
            "</ul>",
        ]
    parts += [
        "<h3>Green flags and strong signals</h3><ul><li>Writes clear schemas.</li></ul>",
        "<h3>Weak signals</h3><ul><li>Vague answers.</li><li>No tests.</li></ul>",
        "<h3>Red flags</h3><ul><li>Blames the data team for modelling problems.</li></ul>",
        "<h3>Evaluation scorecard</h3><table><thead><tr><th>Dimension</th>"
        "<th>Excellent means</th><th>Weight</th></tr></thead><tbody>",
        rows,
        "</tbody></table>",
    ]
    return "".join(parts)


def wordpress(title: str = "Analytics Engineer: Role Blueprint and Career Path", **kwargs) -> str:
    return json.dumps(
        {
            "id": 1,
            "slug": "x",
            "title": {"rendered": title},
            "content": {"rendered": blueprint_html(**kwargs), "protected": False},
        }
    )
