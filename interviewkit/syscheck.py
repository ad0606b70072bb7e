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
# Not needed, but without it WeasyPrint subsets the PDFs' fonts with fontTools instead, which
# about doubles the time a packet's PDF takes (docs/performance.md).
RECOMMENDED = {
    "harfbuzz-subset": ("fast font subsetting in PDF packets", "libharfbuzz-subset0"),
}


def missing_libraries(libraries: dict = REQUIRED) -> list[tuple[str, str, str]]:
    return [
        (lib, needed_by, package)
        for lib, (needed_by, package) in libraries.items()
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
    for lib, needed_by, package in missing_libraries(RECOMMENDED):
        print(
            f"Note: system library {lib} is missing, for {needed_by} (PDFs take about twice "
            f"as long without it). Install it with: sudo apt-get install {package}",
            file=sys.stderr,
        )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
