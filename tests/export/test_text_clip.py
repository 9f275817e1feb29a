"""The one text clipper (`domain.text_clip.clip_text`), worked by hand.

The rule: whitespace collapses; text that fits is whole; else cut at the last sentence end,
else clause end, keeping at least half of the room (limit - 1, the ellipsis's one
character), else at the last word end; punctuation at the cut dropped; then "…". Never
longer than `limit`. (It replaced export's clause_clip, the escalation code's _short and the
case screen's _short.)
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iep_tui.domain.text_clip import clip_text

RECESS = (
    "No para at recess. Lena left the playground boundary and was found by the front gate after about "
    "5 minutes, by a parent volunteer."
)


def test_text_that_fits_is_whole_on_one_line() -> None:
    assert clip_text("No extended time on the spelling test.", 90) == "No extended time on the spelling test."
    assert clip_text("Break card\n  refused", 40) == "Break card refused"
    # exactly the limit: 18 characters in 18
    assert clip_text("Seated by the door", 18) == "Seated by the door"


def test_a_sentence_end_too_early_gives_way_to_the_last_word_end() -> None:
    # limit 60, room 59. "No para at recess" is 17 characters: the sentence end (index 17) keeps
    # less than half the room (29), so the cut is at the last space before index 60:
    # "No para at recess. "(19) "Lena "(24) "left "(29) "the "(33) "playground "(44) "boundary "(53)
    # "and "(57) "was" -> spaces at 18, 23, 28, 32, 43, 52, 56, 60; the last one in [0, 60) is 56
    assert clip_text(RECESS, 60) == "No para at recess. Lena left the playground boundary and\u2026"


def test_a_clause_end_that_keeps_half_the_room_is_the_cut() -> None:
    text = "Left the classroom during the transition to music with no adult; found in the hallway near an exit door"
    # limit 70, room 69: "; " starts at 63 (Left 4, +the 8, +classroom 18, +during 25, +the 29,
    # +transition 40, +to 43, +music 49, +with 54, +no 57, +adult 63), ends at 65 <= 69, and 63 >= 34
    assert clip_text(text, 70) == "Left the classroom during the transition to music with no adult\u2026"


def test_punctuation_at_the_cut_is_dropped() -> None:
    # limit 20, room 19: ", " at 18 would end at 20 > 19, so no clause cut; the last space in the
    # first 20 characters is at 19 ("Seated by the door, "), kept "Seated by the door," less its comma
    assert clip_text("Seated by the door, at the back of the room", 20) == "Seated by the door\u2026"


def test_only_a_word_longer_than_the_room_is_cut_inside() -> None:
    # limit 10, room 9, no space: the first 9 characters and the ellipsis
    assert clip_text("Supercalifragilistic", 10) == "Supercali\u2026"


@given(st.text(alphabet=st.sampled_from("ab .,;"), max_size=60), st.integers(min_value=1, max_value=50))
def test_never_longer_than_the_limit_and_a_prefix_of_the_text(text: str, limit: int) -> None:
    line = " ".join(text.split())
    clipped = clip_text(text, limit)
    assert len(clipped) <= limit
    if len(line) <= limit:
        assert clipped == line
    else:
        assert clipped.endswith("\u2026") and line.startswith(clipped[:-1])


# ---------------------------------------------------------------- a letter's fact: clauses only (issue 10)


def test_a_letters_fact_ends_at_a_sentence_however_early() -> None:
    # Issue 10: the checklist "never cuts a fact mid-word ('found by…'); if a cell is too long it ends at a
    # sentence or clause". RECESS at 60: the only mark before index 59 is ". " at 17, so the cut is there.
    assert clip_text(RECESS, 60, clauses_only=True) == "No para at recess\u2026"


def test_a_letters_fact_ends_at_a_clause() -> None:
    text = "Left the classroom during the transition to music with no adult; found in the hallway near an exit door"
    # "; " at 63 (worked above): kept up to it
    assert (
        clip_text(text, 70, clauses_only=True)
        == "Left the classroom during the transition to music with no adult\u2026"
    )


def test_a_first_clause_longer_than_the_room_is_kept_whole() -> None:
    one = "A very long first clause without any punctuation that goes on and on past the limit"
    assert clip_text(one, 30, clauses_only=True) == one  # no mark at all: the whole fact
    two = one + ", and then a second clause"
    # the first ", " is at len(one) = 84: the first clause whole, then the ellipsis
    assert clip_text(two, 30, clauses_only=True) == one + "\u2026"
