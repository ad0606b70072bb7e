"""`make install`'s check of the system libraries: a missing one is named with its package."""

import ctypes.util

from interviewkit import syscheck


def test_a_missing_required_library_fails_and_names_its_debian_package(monkeypatch, capsys):
    found = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda lib: None if lib == "pango-1.0" else found(lib)
    )
    assert syscheck.main() == 1
    assert "sudo apt-get install libpango-1.0-0" in capsys.readouterr().err


def test_a_missing_recommended_library_is_a_note_not_a_failure(monkeypatch, capsys):
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda lib: None if lib == "harfbuzz-subset" else "lib"
    )
    assert syscheck.main() == 0
    err = capsys.readouterr().err
    assert "Note: system library harfbuzz-subset is missing" in err
    assert "sudo apt-get install libharfbuzz-subset0" in err


def test_nothing_is_said_when_every_library_is_there(monkeypatch, capsys):
    monkeypatch.setattr(ctypes.util, "find_library", lambda lib: "lib")
    assert syscheck.main() == 0
    assert capsys.readouterr().err == ""
