"""The kit JSON shape: validation, and reading back what was written."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interviewkit import weights
from interviewkit.importers import DocumentError, parse_document
from interviewkit.importers.kitdata import Source
from interviewkit.kit_json import kit_data_to_dict, kit_from_dict

names = st.text(alphabet="abcdefghij &/+", min_size=1, max_size=15).map(str.strip).filter(bool)
sources = st.one_of(
    st.just(None),
    st.just("suggested"),
    st.builds(lambda d, s: {"document": d, "section": s}, names, st.text(max_size=20)),
)


@st.composite
def kits(draw):
    dim_names = draw(st.lists(names, min_size=1, max_size=8, unique=True))
    raw = draw(
        st.lists(
            st.integers(min_value=1, max_value=50),
            min_size=len(dim_names),
            max_size=len(dim_names),
        )
    )
    dims = [
        {
            "name": n,
            "weight": w,
            "description": draw(st.text(max_size=30)),
            "anchors": draw(st.dictionaries(st.sampled_from("1234"), names, max_size=4)),
            "questions": draw(st.lists(st.text(min_size=1, max_size=20), max_size=3)),
            "source": draw(sources),
        }
        for n, w in zip(dim_names, weights.largest_remainder(raw), strict=True)
    ]
    exercises = [
        {
            "name": n,
            "format": draw(
                st.sampled_from(["system-design", "incident", "hands-on", "behavioral", "other"])
            ),
            "minutes": draw(st.integers(min_value=1, max_value=600)),
            "brief": draw(st.text(max_size=30)),
            "questions": [],
            "dimensions": draw(st.lists(st.sampled_from(dim_names), unique=True)),
            "source": draw(sources),
        }
        for n in draw(st.lists(names, max_size=4, unique=True))
    ]
    signals = [
        {
            "kind": draw(st.sampled_from(["strong", "weak", "red"])),
            "text": text,
            "dimension": draw(st.one_of(st.none(), st.sampled_from(dim_names))),
            "source": draw(sources),
        }
        for text in draw(st.lists(names, max_size=4))
    ]
    return {
        "title": draw(names),
        "weight_basis": draw(
            st.sampled_from(["explicit", "frequency", "required-preferred", "manual"])
        ),
        "sources": draw(st.lists(names, max_size=3)),
        "note": "",
        "dimensions": dims,
        "exercises": exercises,
        "signals": signals,
    }


@given(kits())
def test_any_valid_kit_json_reads_back_to_the_same_json(data):
    again = kit_data_to_dict(kit_from_dict(data))
    for key in ("title", "weight_basis", "sources"):
        assert again[key] == data[key]
    # Every field written comes back; the export adds its own (origin, scored, ...) beside them.
    for key in ("dimensions", "exercises", "signals"):
        assert len(again[key]) == len(data[key])
        pairs = zip(again[key], data[key], strict=True)
        assert [{k: item[k] for k in written} for item, written in pairs] == data[key]
        assert all(item["origin"] in ("read", "suggested", "written") for item in again[key])


@given(kits())
def test_an_exported_list_of_kits_parses_as_one_document_per_kit(data):
    docs = parse_document("all.json", json.dumps([data, data]).encode())
    assert len(docs) == 2 and docs[0].complete is not None


def test_a_suggested_source_is_the_word_suggested():
    kit = kit_from_dict(
        {"title": "X", "dimensions": [{"name": "A", "weight": 100, "source": "suggested"}]}
    )
    assert kit.dimensions[0].source == Source(suggested=True)
    assert kit.weight_basis == "manual"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"dimensions": []}, "kit has no dimensions"),
        ({"dimensions": [{"name": "A", "weight": 60}]}, "the weights sum to 60, not 100"),
        ({"dimensions": [{"name": "A", "weight": "100"}]}, "weight must be a whole number"),
        ({"weight_basis": "vibes"}, "unknown weight_basis 'vibes'"),
        ({"title": ""}, "kit title must be a non-empty text"),
        (
            {"exercises": [{"name": "E", "minutes": 0}]},
            "minutes must be a whole number from 1 to 600",
        ),
        ({"exercises": [{"name": "E", "dimensions": ["Z"]}]}, "no dimension named 'Z'"),
        ({"signals": [{"kind": "amber", "text": "t"}]}, "kind must be strong, weak or red"),
        ({"signals": [{"kind": "red", "text": "t", "source": 5}]}, "source must be null"),
    ],
)
def test_it_says_what_is_wrong_with_exported_kit_json(change, message):
    data = {"title": "X", "dimensions": [{"name": "A", "weight": 100}], **change}
    with pytest.raises(DocumentError, match=message):
        kit_from_dict(data)
