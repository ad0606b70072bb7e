"""Exit 0 when pip-audit's advisory service (its default, the package index's per-version
JSON) answers from this machine, 1 when it does not, saying why.

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
        PyPIService(timeout=15).query(pip)
    except (ServiceError, requests.RequestException) as error:
        print(f"pip-audit's advisory service does not answer: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
