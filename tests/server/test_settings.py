"""Typed settings: defaults, accepted shapes, and bad values that fall back with a message."""

from __future__ import annotations

from mentor.analyzers import Level
from mentor.server.settings import HintLevel, Settings, parse_settings, settings_schema


def test_no_settings_means_defaults_and_no_complaint():
    result = parse_settings(None)
    assert result.settings == Settings()
    assert result.problems == ()
    assert result.settings.fixed_level is None  # auto


def test_nested_flat_and_wrapped_shapes_are_all_accepted():
    nested = parse_settings({"hintLevel": "developing", "rules": {"disable": ["bare-except"]}})
    flat = parse_settings({"hintLevel": "developing", "rules.disable": ["bare-except"]})
    wrapped = parse_settings(
        {"mentor": {"hintLevel": "developing", "rules": {"disable": ["bare-except"]}}}
    )
    assert nested.settings == flat.settings == wrapped.settings
    assert nested.settings.hint_level is HintLevel.DEVELOPING
    assert nested.settings.fixed_level is Level.DEVELOPING
    assert nested.settings.rules_disable == ("bare-except",)


def test_bad_values_fall_back_to_defaults_and_say_why():
    result = parse_settings(
        {"hintLevel": 3, "rules": {"disable": "bare-except"}, "diagnostics": {"delayMs": -5}}
    )
    assert result.settings == Settings()
    assert len(result.problems) == 3
    assert any(
        "mentor.hintLevel" in p and "auto, novice, developing, proficient" in p
        for p in result.problems
    )
    assert any("mentor.rules.disable" in p and "list" in p for p in result.problems)
    assert any("mentor.diagnostics.delayMs" in p and "0..5000" in p for p in result.problems)


def test_unknown_rule_names_are_reported_and_the_known_ones_kept():
    result = parse_settings({"rules": {"disable": ["bare-except", "no-such-rule"]}})
    assert result.settings.rules_disable == ("bare-except",)
    assert result.problems and "'no-such-rule'" in result.problems[0]


def test_not_an_object_at_all():
    result = parse_settings(["novice"])
    assert result.settings == Settings()
    assert "expected an object" in result.problems[0]


def test_schema_lists_every_setting_with_its_default():
    schema = {entry["key"]: entry for entry in settings_schema()}
    assert schema["mentor.hintLevel"]["default"] == "auto"
    assert set(schema["mentor.hintLevel"]["choices"]) == {level.value for level in HintLevel}
    assert schema["mentor.rules.disable"]["type"] == "array"
    assert all(entry["description"] for entry in schema.values())


def test_a_teachers_policy_wins_and_the_student_is_told():
    student = {"hintLevel": "proficient", "rules": {"disable": ["bare-except"]}}
    policy = {"mentor.hintLevel": "novice"}
    result = parse_settings(student, policy)
    assert result.settings.hint_level is HintLevel.NOVICE
    assert result.settings.rules_disable == ("bare-except",)  # not locked: the student's choice
    assert result.problems == (
        'mentor.hintLevel is set by your teacher to "novice"; yours is not used.',
    )


def test_a_broken_policy_entry_is_reported_and_not_applied():
    result = parse_settings({}, {"mentor.hintLevel": "genius", "mentor.noSuchThing": 1})
    assert result.settings.hint_level is HintLevel.AUTO
    assert any("teacher's policy" in p and "genius" in p for p in result.problems)
    assert any("mentor.noSuchThing" in p for p in result.problems)
