"""Fixtures live in conftest.py files: no test module (or conftest) imports a fixture.

pytest finds a fixture in the conftest.py of the test's folder or of a folder above it; an
imported fixture needs a `# noqa: F401` and hides where it is defined. Shared fixtures go in
tests/conftest.py (every test), tests/scorecards/conftest.py, tests/interviewkit/conftest.py or
tests/browser/conftest.py; plain builder functions may still be imported from the *_fixtures.py
modules.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def is_fixture_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name == "fixture"


def fixtures_defined_in(path: Path) -> set[str]:
    """The names a module defines fixtures under: the function's, and any `name=` it gives."""
    names = set()
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if is_fixture_decorator(decorator):
                names.add(node.name)
                for keyword in getattr(decorator, "keywords", []):
                    if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                        names.add(keyword.value.value)
    return names


def imported_fixtures(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("tests."):
            continue
        source = ROOT.joinpath(*node.module.split(".")).with_suffix(".py")
        if not source.exists():
            continue
        defined = fixtures_defined_in(source)
        found += [f"{node.module}.{alias.name}" for alias in node.names if alias.name in defined]
    return found


def test_no_test_module_imports_a_fixture():
    offenders = {
        str(path.relative_to(ROOT)): names
        for path in sorted(TESTS.rglob("*.py"))
        if (names := imported_fixtures(path))
    }
    assert not offenders, f"Move these fixtures into a conftest.py: {offenders}"


def test_the_check_sees_a_fixture_import(tmp_path):
    """The check above can fail: it finds the fixture the permission matrix's world is."""
    module = tmp_path / "test_example.py"
    module.write_text("from tests.conftest import world, personas\n")
    assert imported_fixtures(module) == ["tests.conftest.world"]
