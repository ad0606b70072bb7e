"""The built-in competency library: what requirement bullets are grouped into, and what a kit
may suggest where the document says nothing (anchors for levels 1-4, signals, probing questions,
the exercise format that tests it). Pure data and matching; no Django.

Everything taken from here into a kit is marked as suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interviewkit.importers.words import stems


@dataclass(frozen=True)
class Competency:
    key: str
    name: str
    description: str
    exercise_format: str
    # Single words are compared by stem; phrases (with a space or hyphen) as lower-case text.
    keywords: tuple[str, ...]
    anchors: dict[int, str] = field(default_factory=dict)
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    red: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


LIBRARY: tuple[Competency, ...] = (
    Competency(
        "coding",
        "Coding",
        "Writes correct, readable, tested code and reasons about it out loud.",
        "hands-on",
        (
            "code",
            "coding",
            "programming",
            "python",
            "java",
            "golang",
            "go",
            "rust",
            "c++",
            "javascript",
            "typescript",
            "ruby",
            "kotlin",
            "swift",
            "scala",
            "php",
            "c#",
            "implement",
            "debugging",
            "debug",
            "refactoring",
            "algorithms",
            "data structures",
            "frontend",
            "backend",
            "react",
            "django",
            "sql",
            "scripting",
        ),
        {
            1: "Cannot produce working code for a small task, even with hints.",
            2: "Gets partway; code is hard to follow or untested; misses obvious cases.",
            3: "Working, readable code; tests the main cases; explains choices.",
            4: "Clean, well-tested code fast; spots edge cases unprompted; improves the design.",
        },
        strong=(
            "Tests edge cases before being asked.",
            "Explains trade-offs of the chosen approach.",
        ),
        weak=("Writes code without checking that it runs.",),
        red=("Presents code they cannot explain as their own.",),
        questions=(
            "How would you test this?",
            "What would you change if the input were 100x larger?",
        ),
    ),
    Competency(
        "design",
        "System design",
        "Designs systems that meet their requirements, and knows the trade-offs made.",
        "system-design",
        (
            "architecture",
            "architect",
            "design doc",
            "system design",
            "designing systems",
            "scalable",
            "scalability",
            "scale",
            "distributed",
            "microservices",
            "performance",
            "latency",
            "throughput",
            "apis",
            "api",
            "systems",
            "caching",
            "database",
            "databases",
        ),
        {
            1: "No coherent design; ignores the requirements given.",
            2: "A design that works for the happy path only; trade-offs not seen.",
            3: "A sound design with its main trade-offs, failure modes and limits named.",
            4: "A simple design that scales; trade-offs quantified; knows what to build first.",
        },
        strong=("Asks about requirements and load before drawing boxes.",),
        weak=("Names technologies without saying why.",),
        red=("Dismisses failure modes as someone else's problem.",),
        questions=("Where does this design break first?", "What would you build first, and why?"),
    ),
    Competency(
        "operations",
        "Operations & reliability",
        "Keeps production healthy: monitoring, incidents, deployments, infrastructure.",
        "incident",
        (
            "on-call",
            "incident",
            "incidents",
            "reliability",
            "sre",
            "monitoring",
            "observability",
            "production",
            "uptime",
            "slo",
            "slos",
            "deployment",
            "deploy",
            "ci/cd",
            "infrastructure",
            "kubernetes",
            "cloud",
            "aws",
            "gcp",
            "azure",
            "terraform",
            "docker",
            "devops",
            "linux",
            "postmortem",
            "postmortems",
            "outage",
        ),
        {
            1: "No grasp of running software in production.",
            2: "Can follow a runbook; struggles to find a cause on their own.",
            3: "Triages calmly, communicates, mitigates, and follows up with fixes.",
            4: "Designs for operability; prevents incident classes; raises the team's practice.",
        },
        strong=("Mitigates first, then finds the cause.", "Writes blameless follow-ups."),
        weak=("Jumps to a fix without checking the impact.",),
        red=("Blames individuals for incidents.",),
        questions=(
            "Walk me through the last incident you handled.",
            "What did you change afterwards?",
        ),
    ),
    Competency(
        "testing",
        "Testing & quality",
        "Builds quality in: automated tests, reviews, and release checks.",
        "hands-on",
        ("test", "testing", "tests", "quality", "qa", "tdd", "automation", "automated"),
        {
            1: "Does not test their work.",
            2: "Tests by hand or only the happy path.",
            3: "Automated tests at the right levels; reviews for quality.",
            4: "Makes quality cheap for the whole team (tooling, practices).",
        },
        strong=("Chooses what not to test, and says why.",),
        red=("Ships without testing and sees no problem with it.",),
        questions=("How do you decide what to test?",),
    ),
    Competency(
        "data",
        "Data & analytics",
        "Works with data: models, pipelines, analysis and metrics that decisions rest on.",
        "hands-on",
        (
            "data",
            "analytics",
            "analysis",
            "pipeline",
            "pipelines",
            "etl",
            "warehouse",
            "metrics",
            "statistics",
            "statistical",
            "machine learning",
            "ml",
            "model",
            "models",
            "spark",
            "dbt",
            "experimentation",
            "a/b",
        ),
        {
            1: "Cannot read or question a basic dataset.",
            2: "Produces numbers without checking them.",
            3: "Sound analysis; checks data quality; explains what the numbers mean.",
            4: "Turns data into decisions; anticipates bias and pitfalls.",
        },
        strong=("Checks data quality before trusting a result.",),
        red=("Presents numbers they cannot trace to a source.",),
        questions=("How did you know the data was right?",),
    ),
    Competency(
        "security",
        "Security & privacy",
        "Builds and runs things securely and handles data with care.",
        "system-design",
        (
            "security",
            "secure",
            "privacy",
            "compliance",
            "threat",
            "vulnerability",
            "vulnerabilities",
            "iam",
            "encryption",
            "gdpr",
            "soc",
            "access control",
        ),
        {
            1: "Unaware of basic security risks.",
            2: "Knows the terms; does not apply them to their own work.",
            3: "Designs with threats in mind; follows good practice.",
            4: "Anticipates threats others miss; improves the team's security posture.",
        },
        red=("Treats security as someone else's job.",),
        questions=("What are the main threats to this system?",),
    ),
    Competency(
        "collaboration",
        "Collaboration",
        "Works well with others across teams and roles to reach shared goals.",
        "behavioral",
        (
            "collaborate",
            "collaboration",
            "collaborative",
            "cross-functional",
            "partner",
            "partnering",
            "teamwork",
            "team",
            "teams",
            "stakeholders",
            "stakeholder",
            "together",
            "pairing",
            "relationships",
        ),
        {
            1: "Works against or around others.",
            2: "Cooperates when asked; little effort to understand other teams.",
            3: "Seeks input, shares credit, resolves disagreements constructively.",
            4: "Brings groups together; others seek them out to work with.",
        },
        strong=("Describes how they changed their mind after hearing others.",),
        weak=("Talks only about their own contribution.",),
        red=("Disparages former colleagues.",),
        questions=("Tell me about a disagreement with another team. What happened?",),
    ),
    Competency(
        "communication",
        "Communication",
        "Explains clearly, in writing and speech, to technical and non-technical people.",
        "behavioral",
        (
            "communicate",
            "communication",
            "communicator",
            "written",
            "verbal",
            "writing",
            "present",
            "presenting",
            "presentation",
            "documentation",
            "explain",
            "english",
            "articulate",
            "storytelling",
        ),
        {
            1: "Hard to follow; does not adapt to the listener.",
            2: "Clear on familiar ground only.",
            3: "Clear and structured; adapts to the audience.",
            4: "Makes the complex simple; writing others reuse.",
        },
        strong=("Checks that the listener understood.",),
        weak=("Answers a different question than the one asked.",),
        questions=("Explain a hard technical decision to a non-technical colleague.",),
    ),
    Competency(
        "ownership",
        "Ownership",
        "Takes responsibility for outcomes, drives work to done without being chased.",
        "behavioral",
        (
            "ownership",
            "own",
            "owning",
            "owner",
            "autonomy",
            "autonomous",
            "initiative",
            "accountable",
            "accountability",
            "self-starter",
            "proactive",
            "end-to-end",
            "deliver",
            "delivery",
            "drive",
            "independently",
            "bias for action",
        ),
        {
            1: "Waits to be told; blames circumstances.",
            2: "Finishes assigned work; does not look beyond it.",
            3: "Owns outcomes; follows through; raises problems early.",
            4: "Takes on the hard, unowned problems and sees them through.",
        },
        strong=("Names their own mistakes and what they changed.",),
        weak=("Describes only what the team did, never their part.",),
        red=("Takes credit for others' work.",),
        questions=("Tell me about something you drove from idea to done.",),
    ),
    Competency(
        "leadership",
        "Leadership & mentoring",
        "Grows people, sets direction and raises the bar of the team.",
        "behavioral",
        (
            "mentor",
            "mentoring",
            "mentorship",
            "lead",
            "leading",
            "leadership",
            "coach",
            "coaching",
            "grow",
            "hiring",
            "manage",
            "management",
            "people",
            "influence",
        ),
        {
            1: "No evidence of helping others grow.",
            2: "Helps when asked; no deliberate mentoring.",
            3: "Mentors deliberately; sets direction for a team's work.",
            4: "Develops leaders; shapes the direction of several teams.",
        },
        strong=("Gives a concrete example of someone they helped grow.",),
        red=("Describes people as resources to be pushed.",),
        questions=("Describe someone you helped grow. What changed for them?",),
    ),
    Competency(
        "ux",
        "User research & design",
        "Understands users through research and turns it into usable, tested designs.",
        "hands-on",
        (
            "user research",
            "research",
            "prototype",
            "prototyping",
            "usability",
            "figma",
            "wireframe",
            "wireframes",
            "ux",
            "ui",
            "interaction",
            "visual",
            "product design",
            "visual design",
            "interaction design",
            "portfolio",
            "design thinking",
            "accessibility",
        ),
        {
            1: "No user-centred process; designs from opinion.",
            2: "Follows a process without learning from users.",
            3: "Research shapes the designs; tests with users and iterates.",
            4: "Finds the real problem through research; designs that measurably work.",
        },
        strong=("Shows how research changed a design.",),
        weak=("Talks about screens, never about users.",),
        red=("Cannot explain the reasoning behind their own portfolio.",),
        questions=("Walk me through a design that research proved wrong.",),
    ),
    Competency(
        "product",
        "Product & customer sense",
        "Understands users and the business, and chooses work by its impact.",
        "behavioral",
        (
            "product",
            "customer",
            "customers",
            "user",
            "users",
            "ux",
            "roadmap",
            "prioritise",
            "prioritize",
            "prioritization",
            "business",
            "market",
            "impact",
            "sales",
            "clients",
        ),
        {
            1: "No interest in who uses the work.",
            2: "Knows the users in general terms only.",
            3: "Grounds decisions in user needs and business impact.",
            4: "Finds the opportunities others miss; says no to low-impact work.",
        },
        strong=("Talks about users' problems, not features.",),
        questions=("How did you decide what not to build?",),
    ),
)
BY_KEY = {competency.key: competency for competency in LIBRARY}


def _keyword_stems(competency: Competency) -> tuple[set[str], tuple[str, ...]]:
    words = {k for k in competency.keywords if not re.search(r"[\s\-/+#]", k)}
    phrases = tuple(k for k in competency.keywords if k not in words)
    return {s for w in words for s in stems(w)}, phrases


KEYWORDS = {c.key: _keyword_stems(c) for c in LIBRARY}


def match(text: str) -> tuple[Competency | None, int]:
    """The library competency a requirement sentence is most about, and how many of its
    keywords it shares (0: none, it belongs to a domain area of its own). Ties: library order."""
    text_stems = stems(text)
    # The sentence's first word names the act ("Mentor engineers through code review"): it
    # counts once more than the others.
    lead = stems(" ".join(text.split()[:1]))
    low = f" {text.lower()} "
    best, best_score = None, 0
    for competency in LIBRARY:
        word_stems, phrases = KEYWORDS[competency.key]
        score = (
            len(text_stems & word_stems)
            + len(lead & word_stems)
            + sum(
                1
                for phrase in phrases
                if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", low)
            )
        )
        if score > best_score:
            best, best_score = competency, score
    return best, best_score


def find(name: str) -> Competency | None:
    """The library competency with this name (or one close to it), for a competency table or
    rubric whose rows name library competencies."""
    key = " ".join(re.findall(r"[a-z0-9]+", name.casefold()))
    for competency in LIBRARY:
        if " ".join(re.findall(r"[a-z0-9]+", competency.name.casefold())) == key:
            return competency
    return None
