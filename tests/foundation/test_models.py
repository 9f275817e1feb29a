"""Domain models: ids, versions, validation messages a user can act on."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from iep_tui.domain.models import Case, EscalationStep, Requirement, Session, WeeklySnapshot
from iep_tui.domain.validation import explain


def _message(factory) -> str:
    with pytest.raises(ValidationError) as info:
        factory()
    return explain(info.value)


def test_every_record_gets_a_distinct_id_and_starts_unsaved() -> None:
    a, b = Case(student="A", state="WA"), Case(student="B", state="WA")
    assert a.id != b.id
    assert a.version == 0 and a.created <= a.updated


def test_state_is_normalized_and_checked() -> None:
    assert Case(student="A", state=" ca ").state == "CA"
    assert Case(student="A", state="texas").state == "TX"
    assert Case(student="A", state="New  York").state == "NY"
    assert _message(lambda: Case(student="A", state="XY")) == (
        "state: 'XY' is not a US state; use two letters such as WA or CA."
    )


def test_state_is_required_never_defaulted() -> None:
    # The state decides holidays and deadline rules: a blank one must not become WA.
    assert _message(lambda: Case(student="A")) == "state: expected a value (it is required)."
    assert _message(lambda: Case(student="A", state="  ")) == (
        "state: is required: the two-letter code of the child's state, such as WA or CA."
    )


def test_control_character_in_a_name_is_one_clear_sentence() -> None:
    message = _message(lambda: Case(student="Ana\x1b[31m", state="WA"))
    assert message == "student: contains a control character (U+001B); remove it and type the text again."


def test_multiline_text_keeps_its_line_breaks_but_not_other_controls() -> None:
    req = Requirement(kind="service", name="Speech", text="line one\nline two\ttabbed")
    assert req.text == "line one\nline two\ttabbed"
    assert "U+0000" in _message(lambda: Requirement(kind="service", name="S", text="a\x00b"))


def test_unicode_names_are_kept_exactly() -> None:
    for name in ("Nguyễn Văn An", "Zoë O'Brien", "Арсений", "נועה כהן"):
        assert Case(student=name, state="WA").student == name


def test_bad_date_names_the_field_and_the_form() -> None:
    message = _message(lambda: Session(requirement_id="r1", date="2026-02-30", status="delivered", minutes=30))
    assert message == "date: expected a date such as 2026-11-02."


def test_bad_choice_lists_the_accepted_values() -> None:
    message = _message(lambda: Session(requirement_id="r1", date="2026-11-02", status="skipped"))
    assert message == "status: must be one of 'delivered', 'missed' or 'makeup'."


def test_negative_minutes_are_refused() -> None:
    message = _message(lambda: Session(requirement_id="r1", date="2026-11-02", status="delivered", minutes=-5))
    assert message == "minutes: expected a number that is not negative."


def test_a_missed_session_without_a_reason_is_unknown_and_others_take_no_reason() -> None:
    assert Session(requirement_id="r", date="2026-11-02", status="missed").reason == "unknown"
    message = _message(
        lambda: Session(requirement_id="r", date="2026-11-02", status="delivered", reason="provider-absent")
    )
    assert message == "reason is only for missed sessions."


def test_unknown_fields_are_errors_not_silently_dropped() -> None:
    message = _message(lambda: Case(student="A", state="WA", favourite_colour="blue"))
    assert message == "favourite_colour: expected nothing: this field is unknown."


def test_weekly_snapshot_must_start_on_a_monday() -> None:
    assert WeeklySnapshot(week="2026-11-16").week.isoformat() == "2026-11-16"
    assert "Monday" in _message(lambda: WeeklySnapshot(week="2026-11-17"))


def test_a_sent_step_needs_its_sent_date_and_one_due_spec() -> None:
    assert "sent date" in _message(lambda: EscalationStep(kind="compliance-notice", status="sent"))
    assert "either a due rule or a day count" in _message(
        lambda: EscalationStep(kind="records-request", due_rule="records-access", due_count=5, due_day_kind="school")
    )


def test_roles_are_normalized() -> None:
    step = EscalationStep(kind="compliance-notice", to_roles=["Case Manager"], cc_roles=["sped_director"])
    assert step.to_roles == ["case-manager"] and step.cc_roles == ["sped-director"]
