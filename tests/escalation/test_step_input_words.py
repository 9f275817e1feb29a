"""A new step's typed words (kind, day kind) are checked before a record is built."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.domain.escalation_ladder import checked_day_kind, new_step
from iep_tui.domain.vocabulary import DAY_KINDS, is_one_of
from iep_tui.errors import InputError

TODAY = date(2026, 12, 4)


def test_a_day_count_in_an_unknown_kind_of_day_is_one_sentence() -> None:
    # DAY_KINDS is calendar, business, school (in vocabulary's order); 'weeks' is none of them
    with pytest.raises(InputError, match=r"^Day kind 'weeks': use one of calendar, business, school\.$"):
        new_step("records-request", sent=TODAY, today=TODAY, due_count=10, due_day_kind="weeks")


def test_a_day_count_in_school_days_is_kept() -> None:
    step = new_step("records-request", sent=TODAY, today=TODAY, due_count=10, due_day_kind="school")
    assert (step.due_count, step.due_day_kind) == (10, "school")


def test_an_unknown_step_kind_is_refused() -> None:
    with pytest.raises(InputError, match=r"^'letter' is not a step kind"):
        new_step("letter", sent=None, today=TODAY)


def test_checked_day_kind_refuses_none() -> None:
    # a count with no kind of day cannot be counted
    with pytest.raises(InputError, match=r"^Day kind None"):
        checked_day_kind(None)


@pytest.mark.parametrize(("word", "known"), [("school", True), ("School", False), ("", False), ("week", False)])
def test_is_one_of_matches_exact_words_only(word: str, known: bool) -> None:
    # the words are stored lower case; normalising what a user typed is the caller's job
    assert is_one_of(word, DAY_KINDS) is known
