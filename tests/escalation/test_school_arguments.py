"""The common school arguments reference: data-driven, each with what to ask for."""

from __future__ import annotations

import pytest

from iep_tui.domain import school_arguments as sa
from iep_tui.errors import AmbiguousError, NotFoundError

ISSUE_REPLIES = {
    "short-staffed": "interim plan",
    "not-appropriate-in-class": "Prior Written Notice",
    "not-using-support": "taught",
    "following-differently": "frequency and minutes",
    "no-capacity": "plan with dates",
}


def test_the_replies_named_in_the_issue_are_there_with_what_to_ask_for() -> None:
    arguments = {a.id: a for a in sa.school_arguments()}
    for argument_id, asked in ISSUE_REPLIES.items():
        argument = arguments[argument_id]
        assert any(asked in item for item in argument.ask_for), argument_id
        assert argument.citations and argument.letter_paragraph
    assert "not legal advice" in sa.arguments_note()


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Sorry, we're short-staffed until January", "short-staffed"),
        ("That accommodation isn't appropriate in this class", "not-appropriate-in-class"),
        ("He refuses to use the break card", "not-using-support"),
        ("We're following it, just differently: pushing in instead", "following-differently"),
        ("We don't have capacity this year", "no-capacity"),
    ],
)
def test_what_the_school_said_finds_the_argument(said: str, expected: str) -> None:
    assert sa.match_arguments(said)[0].id == expected


def test_get_by_prefix() -> None:
    assert sa.get_argument("short").id == "short-staffed"
    with pytest.raises(AmbiguousError):
        sa.get_argument("no")  # no-capacity, not-appropriate-in-class, not-using-support
    with pytest.raises(NotFoundError):
        sa.get_argument("zzz")
