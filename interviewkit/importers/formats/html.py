"""A careers page as the posting it holds: navigation, header, footer, scripts, forms and cookie
banners removed; the `<main>`, `<article>` or job-posting element kept when there is one."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Tag

CHROME_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
               "iframe", "svg", "button", "template", "select", "dialog"]  # fmt: skip
CHROME_WORDS = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|footer|header|cookie|consent|breadcrumbs?|share|social|"
    r"related|newsletter|banner|sidebar|skip)([-_ ]|$)",
    re.IGNORECASE,
)
POSTING_WORDS = re.compile(r"job|posting|vacanc|position|careers?-detail|description", re.I)


def _job_posting_ld(soup: BeautifulSoup) -> dict | None:
    """A schema.org JobPosting in a JSON-LD script, which careers sites often carry."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("@type") == "JobPosting":
                return item
    return None


def _is_chrome(tag: Tag) -> bool:
    if tag.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    names = " ".join([*tag.get("class", []), tag.get("id", "") or ""])
    return bool(names and CHROME_WORDS.search(names))


def posting_html(html: str) -> tuple[str, str]:
    """(title, HTML of the posting) of a web page. The title is the posting's `<h1>`, else the
    JSON-LD title, else the page `<title>` before its " | Company" part."""
    soup = BeautifulSoup(html, "html.parser")
    ld = _job_posting_ld(soup)
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    # The posting's own heading, read before page chrome (a <header> may hold it) is removed.
    main = soup.find("main") or soup.find("article")
    first_h1 = (main.find("h1") if main else None) or next(
        (h for h in soup.find_all("h1") if not h.find_parent(["nav", "footer"])), None
    )
    title = first_h1.get_text(" ", strip=True) if first_h1 else ""
    for tag in soup.find_all(CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        keep = tag.name in ("html", "body", "main", "article")
        if not tag.decomposed and not keep and _is_chrome(tag):
            tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.find(attrs={"role": "main"})
    if root is None:
        candidates = [
            tag
            for tag in soup.find_all(["div", "section"])
            if POSTING_WORDS.search(" ".join([*tag.get("class", []), tag.get("id", "") or ""]))
            and tag.find(["h1", "h2", "h3", "ul"])
        ]
        root = candidates[0] if candidates else (soup.body or soup)
    if not title and ld and isinstance(ld.get("title"), str):
        title = ld["title"]
    if not title and page_title:
        title = re.split(r"\s+[|·•–—-]\s+", page_title)[0]
    body = str(root)
    if not root.find(["ul", "ol", "table"]) and ld and isinstance(ld.get("description"), str):
        body = ld["description"]
    return title.strip(), body
