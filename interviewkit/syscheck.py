"""Checks the system libraries the app needs, naming the Debian package for each missing one."""

import ctypes.util
import sys

REQUIRED = {
    # library name for ctypes: (what needs it, Debian package)
    "pango-1.0": ("WeasyPrint (PDF packets)", "libpango-1.0-0"),
    "pangoft2-1.0": ("WeasyPrint (PDF packets)", "libpangoft2-1.0-0"),
    "harfbuzz": ("WeasyPrint (PDF packets)", "libharfbuzz0b"),
    "fontconfig": ("WeasyPrint (PDF packets)", "libfontconfig1"),
}


def missing_libraries() -> list[tuple[str, str, str]]:
    return [
        (lib, needed_by, package)
        for lib, (needed_by, package) in REQUIRED.items()
        if ctypes.util.find_library(lib) is None
    ]


def main() -> int:
    missing = missing_libraries()
    for lib, needed_by, package in missing:
        print(
            f"Missing system library {lib}, needed by {needed_by}. "
            f"Install it with: sudo apt-get install {package}",
            file=sys.stderr,
        )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
