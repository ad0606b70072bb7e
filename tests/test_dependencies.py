"""pyproject.toml states the direct pins; requirements.lock, which `make install` uses, agrees."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    """The project name as pip compares it (PEP 503): case, "_" and "." do not matter."""
    name = re.split(r"[\[=<>~!; ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock as {name: (version, hashes)}. An entry is `name==version \\` followed
    by `--hash=sha256:…` lines (continued with backslashes) and `# via` comments."""
    text = (ROOT / "requirements.lock").read_text().replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, *options = line.split()
        assert "==" in requirement, f"requirements.lock: {line!r} is not pinned exactly"
        hashes = [option.removeprefix("--hash=") for option in options]
        assert all(option.startswith("--hash=") for option in options), line
        entries[_name(requirement)] = (requirement.split("==", 1)[1], hashes)
    return entries


def test_every_direct_dependency_is_pinned_the_same_in_the_lock_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["dev"]
    lock = locked()
    for requirement in direct:
        assert "==" in requirement, f"{requirement} is not pinned exactly"
        version = requirement.split("==", 1)[1]
        assert lock.get(_name(requirement), ("missing",))[0] == version, (
            f"{requirement} differs in requirements.lock (run make lock)"
        )


def test_every_locked_package_carries_the_hashes_of_its_files():
    """`make install` runs pip with --require-hashes: one entry without a hash fails it whole."""
    lock = locked()
    # pip itself is pinned too (--allow-unsafe): the install upgrades it from the lock.
    assert {"django", "pip", "pip-tools", "pip-audit"} <= set(lock)
    unhashed = sorted(name for name, (_, hashes) in lock.items() if not hashes)
    assert not unhashed, f"requirements.lock entries without --hash (run make lock): {unhashed}"
    for name, (_, hashes) in lock.items():
        for digest in hashes:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest), f"{name}: {digest}"


def test_the_lock_names_no_package_index_of_this_machine():
    """The lock is the same wherever `make lock` ran: no index URL or local folder in it."""
    text = (ROOT / "requirements.lock").read_text()
    assert not re.search(r"^\s*--(index-url|extra-index-url|find-links|trusted-host)", text, re.M)


def test_static_vendor_files_are_local_and_no_template_loads_from_a_cdn():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"""(src|href)=["']https?://""", text), template
    assert (ROOT / "static/vendor/bootstrap/bootstrap.min.css").exists()
    assert (ROOT / "static/vendor/htmx/htmx.min.js").exists()
