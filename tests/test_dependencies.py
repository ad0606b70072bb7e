"""pyproject.toml states the direct pins; requirements.lock, which `make install` uses, agrees."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\[=]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_direct_dependency_is_pinned_the_same_in_the_lock_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["dev"]
    lock = {
        _name(line): line.split("==", 1)[1].strip()
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    for requirement in direct:
        assert "==" in requirement, f"{requirement} is not pinned exactly"
        version = requirement.split("==", 1)[1]
        assert lock.get(_name(requirement)) == version, (
            f"{requirement} differs in requirements.lock"
        )


def test_static_vendor_files_are_local_and_no_template_loads_from_a_cdn():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"""(src|href)=["']https?://""", text), template
    assert (ROOT / "static/vendor/bootstrap/bootstrap.min.css").exists()
    assert (ROOT / "static/vendor/htmx/htmx.min.js").exists()
