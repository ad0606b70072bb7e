"""Exit 0 when pip-audit's advisory service (its default, the package index's per-version
JSON) answers from this machine for the installed pip; 1, saying why, when it cannot be reached
or knows no such version (a mirror that serves the packages but not that JSON answers 404).

CI runs `make audit` only where it answers. The question is put through pip-audit itself, for
the pip that is installed, so the service's address is pip-audit's, not written here.
"""

import importlib.metadata
import sys

import requests
from packaging.version import Version
from pip_audit._service import PyPIService, ResolvedDependency, ServiceError


def main() -> int:
    pip = ResolvedDependency(name="pip", version=Version(importlib.metadata.version("pip")))
    try:
        answer, _ = PyPIService(timeout=15).query(pip)
    except (ServiceError, requests.RequestException) as error:
        print(f"pip-audit's advisory service does not answer: {error}")
        return 1
    # A 404 is no error to pip-audit: it skips the package, and `make audit --strict` then fails
    # on every package in turn. A mirror that serves the index but not the per-version JSON
    # answers so, even for the pip that was installed from it.
    if answer.is_skipped():
        print(f"pip-audit's advisory service does not answer: {answer.skip_reason}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
