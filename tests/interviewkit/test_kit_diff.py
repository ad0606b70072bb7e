"""The pure diff between two kit versions, on hand-written kit JSON."""

from interviewkit.editor.diff import (
    DimensionRef,
    Rename,
    Rewording,
    TextChange,
    WeightChange,
    kit_diff,
)


def dim(name, weight, description="", anchors=None):
    return {"name": name, "weight": weight, "description": description, "anchors": anchors or {}}


def kit(*dims, exercises=(), signals=()):
    return {"dimensions": list(dims), "exercises": list(exercises), "signals": list(signals)}


def test_identical_kits_have_an_empty_diff():
    a = kit(dim("Design", 60), dim("Ops", 40))
    diff = kit_diff(a, a)
    assert diff.is_empty and not diff.scoring_changed


def test_it_lists_added_removed_and_reweighted_dimensions():
    old = kit(dim("Design", 50), dim("Ops", 30), dim("Comms", 20))
    new = kit(dim("Design", 40), dim("Comms", 20), dim("Security", 40))
    diff = kit_diff(old, new)
    assert diff.added == [DimensionRef("Security", 40)]
    assert diff.removed == [DimensionRef("Ops", 30)]
    assert diff.weight_changed == [WeightChange("Design", 50, 40)]
    assert diff.weight_changed[0].delta == -10
    assert diff.renamed == [] and diff.scoring_changed


def test_a_dimension_with_the_same_description_under_a_new_name_is_a_rename():
    old = kit(dim("Ops", 30, "Runs production calmly."), dim("Design", 70))
    new = kit(dim("Operations", 35, "Runs production calmly."), dim("Design", 65))
    diff = kit_diff(old, new)
    assert diff.renamed == [Rename("Ops", "Operations", 30, 35)]
    assert diff.added == [] and diff.removed == []


def test_the_same_anchors_also_tell_a_rename_but_empty_wording_does_not():
    anchors = {"1": "Guesses", "4": "Measures first"}
    old = kit(dim("Perf", 50, anchors=anchors), dim("Ops", 50))
    new = kit(dim("Performance", 50, anchors=anchors), dim("Operations", 50))
    diff = kit_diff(old, new)
    assert diff.renamed == [Rename("Perf", "Performance", 50, 50)]
    assert diff.removed == [DimensionRef("Ops", 50)]
    assert diff.added == [DimensionRef("Operations", 50)]


def test_reworded_dimensions_exercises_and_signals_are_reported():
    old = kit(
        dim("Design", 100, "Old text"),
        exercises=[{"name": "Loop", "minutes": 45}, {"name": "Gone", "minutes": 30}],
        signals=[{"kind": "red", "text": "Blames others"}],
    )
    new = kit(
        dim("Design", 100, "New text"),
        exercises=[{"name": "Loop", "minutes": 60}, {"name": "Pairing", "minutes": 30}],
        signals=[{"kind": "strong", "text": "Measures first"}],
    )
    diff = kit_diff(old, new)
    assert diff.reworded == [
        Rewording("Design", (TextChange("Description", "Old text", "New text"),))
    ]
    assert not diff.scoring_changed
    assert diff.exercises_added == ["Pairing"]
    assert diff.exercises_removed == ["Gone"]
    assert diff.exercises_changed == ["Loop"]
    assert diff.signals_added == [("strong", "Measures first")]
    assert diff.signals_removed == [("red", "Blames others")]


def test_boilerplate_wording_shared_by_several_dimensions_does_not_tell_a_rename():
    old = kit(dim("Ops", 30, "Good."), dim("Design", 70, "Good."))
    new = kit(dim("Operations", 30, "Good."), dim("Design", 70, "Good."))
    diff = kit_diff(old, new)
    assert diff.renamed == []
    assert diff.removed == [DimensionRef("Ops", 30)]
    assert diff.added == [DimensionRef("Operations", 30)]


def test_a_rewording_names_each_anchor_and_question_with_its_words_before_and_after():
    old = kit(dim("Design", 100, "Same"))
    new = kit(dim("Design", 100, "Same"))
    old["dimensions"][0].update(anchors={"1": "Guesses", "4": "Measures"}, questions=["Why?"])
    new["dimensions"][0].update(anchors={"1": "Guesses wildly"}, questions=["Why?", "How?"])
    (rewording,) = kit_diff(old, new).reworded
    assert rewording.changes == (
        TextChange("Strong no (1) looks like", "Guesses", "Guesses wildly"),
        TextChange("Strong yes (4) looks like", "Measures", ""),
        TextChange("Question 2", "", "How?"),
    )
