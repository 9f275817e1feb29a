"""Which refusals a Prior Written Notice request names (34 CFR 300.503(a), read 2026-12-06): the identification,
evaluation or educational placement of the child, or the provision of FAPE; never records or a meeting."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.domain.case_view import IncidentEntry
from iep_tui.domain.models import Incident
from iep_tui.export.pwn_scope import covered_by_pwn


def _entry(what: str, kind: str = "refusal", requirement_ids: tuple[str, ...] = ()) -> IncidentEntry:
    incident = Incident(date=date(2026, 11, 2), kind=kind, what=what, requirement_ids=list(requirement_ids))
    return IncidentEntry(ref="B-1", incident=incident, requirements=(), safety=False)


@pytest.mark.parametrize(
    "what",
    [
        "The principal refused my written request for a para at recess.",  # a service the parent asked for
        "The team refused to evaluate her for dyslexia.",  # evaluation
        "The district refused my request for a reevaluation.",
        "They refused to consider a smaller placement.",  # placement
        "The case manager refused to add speech therapy.",
        # its words name an evaluation: named (the screen errs toward naming what may be covered)
        "The school refused to hold a meeting about my request for an evaluation.",
    ],
)
def test_a_refusal_whose_words_name_a_covered_subject_is_named(what: str) -> None:
    assert covered_by_pwn(_entry(what))


@pytest.mark.parametrize(
    "what",
    [
        "The principal refused to send me the speech service logs and refused to hold a meeting.",
        "The office refused to give me copies of her records.",
        "The principal refused to meet with me.",
        "The district refused to send the evaluation report.",  # records of an evaluation: 300.613
    ],
)
def test_a_refusal_of_records_or_a_meeting_is_not(what: str) -> None:
    assert not covered_by_pwn(_entry(what))


def test_the_kind_and_the_requirement_decide_before_the_words() -> None:
    # linked to an IEP requirement: it refused what the IEP provides (the provision of FAPE)
    assert covered_by_pwn(_entry("They refused.", requirement_ids=("req-speech",)))
    # an informal change is, by its kind, a service changed without an IEP meeting
    assert covered_by_pwn(_entry("OT stopped until further notice.", kind="informal-change"))
    # an observation is never a PWN action
    assert not covered_by_pwn(_entry("No para at recess.", kind="observation"))
