"""Service functions other front ends and engineers call directly."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.domain.models import Case, CaseBundle, Incident, Requirement, Session, WeeklySnapshot
from iep_tui.errors import AmbiguousError, InputError, NotFoundError
from iep_tui.services.ledger_service import days_since_last_entry, default_range, find_requirement, resolve_reason

d = date.fromisoformat
SPEECH = Requirement(id="req-speech", kind="service", name="speech", text="Speech-language therapy")
SPEECH_GROUP = Requirement(id="req-group", kind="service", name="speech group", text="Social communication group")
EXT = Requirement(id="req-ext", kind="accommodation", name="extended time", text="Extended time on tests")


def bundle(**lists) -> CaseBundle:
    return CaseBundle(case=Case(student="A", state="WA"), requirements=[SPEECH, SPEECH_GROUP, EXT], **lists)


def test_find_requirement_by_name_prefix_text_prefix_or_id():
    b = bundle()
    assert find_requirement(b, "speech").id == "req-speech"  # exact name beats the prefix "speech group"
    assert find_requirement(b, "Speech G").id == "req-group"
    assert find_requirement(b, "ext").id == "req-ext"
    assert find_requirement(b, "social").id == "req-group"  # prefix of the IEP text
    assert find_requirement(b, "req-ext").id == "req-ext"
    with pytest.raises(AmbiguousError, match="speech .*speech group"):
        find_requirement(b, "spe")
    with pytest.raises(NotFoundError):
        find_requirement(b, "ot")


SDI_READING = Requirement(
    id="req-sdi-r",
    kind="service",
    name="Specially designed instruction - reading",
    text="SDI in reading, 45 minutes daily",
)
SDI_MATH = Requirement(
    id="req-sdi-m", kind="service", name="Specially designed instruction - math", text="SDI in math, 30 minutes daily"
)
OT = Requirement(id="req-ot", kind="service", name="Occupational therapy", text="Fine-motor work with the OT")


def test_find_requirement_by_word_prefix_then_substring():
    b = CaseBundle(case=Case(student="A", state="WA"), requirements=[SPEECH, SDI_READING, SDI_MATH, OT])
    # no name or text starts with "reading"; one name has a word starting with it
    assert find_requirement(b, "reading").id == "req-sdi-r"
    assert find_requirement(b, "Read").id == "req-sdi-r"
    assert find_requirement(b, "math").id == "req-sdi-m"
    assert find_requirement(b, "instruction - math").id == "req-sdi-m"  # words in order, punctuation free
    assert find_requirement(b, "therapy").id == "req-ot"  # a name word beats "Speech-language therapy" text
    assert find_requirement(b, "motor").id == "req-ot"  # a word of the IEP text ("Fine-motor")
    assert find_requirement(b, "upational").id == "req-ot"  # a substring, last
    # a prefix still wins first, and ambiguity lists the candidates
    assert find_requirement(b, "spee").id == "req-speech"  # name prefix, though "speech" is in no other name
    with pytest.raises(
        AmbiguousError, match="Specially designed instruction - reading .*Specially designed instruction - math"
    ):
        find_requirement(b, "instruction")
    with pytest.raises(AmbiguousError, match="matches several requirements"):
        find_requirement(b, "specially")


def test_resolve_reason():
    assert resolve_reason("provider") == "provider-absent"
    assert resolve_reason("Student Absent") == "student-absent"
    assert resolve_reason(None) == "unknown"
    with pytest.raises(InputError):
        resolve_reason("student")  # student-absent or student-refused


def test_days_since_last_entry_counts_school_days_after_it(district):
    assert days_since_last_entry(bundle(), district, d("2026-12-02")) is None
    # last entry Fri Nov 20; school days after it through Wed Dec 2: Nov 30, Dec 1, Dec 2 = 3
    b = bundle(sessions=[Session(requirement_id="req-speech", date=d("2026-11-20"), status="delivered", minutes=30)])
    assert days_since_last_entry(b, district, d("2026-12-02")) == 3
    # an incident on Mon Nov 30 is later: Dec 1, Dec 2 = 2
    b = b.model_copy(update={"incidents": [Incident(date=d("2026-11-30"), what="x")]})
    assert days_since_last_entry(b, district, d("2026-12-02")) == 2
    # a snapshot counts by its Monday; logged today: 0
    b = b.model_copy(update={"snapshots": [WeeklySnapshot(week=d("2026-11-30"))]})
    assert days_since_last_entry(b, district, d("2026-11-30")) == 0


def test_default_range(district):
    # no IEP date: the school year's first day (2026-09-08) to today
    assert default_range(bundle(), district, d("2026-12-02")) == (d("2026-09-08"), d("2026-12-02"))
    b = bundle().model_copy(update={"case": Case(student="A", state="WA", iep_effective=d("2026-10-01"))})
    assert default_range(b, district, d("2026-12-02")) == (d("2026-10-01"), d("2026-12-02"))


def test_default_range_without_an_iep_date_starts_at_the_first_entry_when_it_is_earlier(district):
    # issue 11 item 9: every entry counts from the first one. An entry of Mon 2026-06-01, before
    # the 2026-27 school year (first day Sep 8): the range starts Jun 1
    early = Session(requirement_id="req-speech", date=d("2026-06-01"), status="missed", minutes=30)
    assert default_range(bundle(sessions=[early]), district, d("2026-12-02")) == (d("2026-06-01"), d("2026-12-02"))
    # an entry after the first day changes nothing: Sep 8
    later = early.model_copy(update={"date": d("2026-10-05")})
    assert default_range(bundle(sessions=[later]), district, d("2026-12-02")) == (d("2026-09-08"), d("2026-12-02"))
    # with an IEP date, entries before it stay outside (an earlier IEP): from the IEP date
    b = bundle(sessions=[early]).model_copy(
        update={"case": Case(student="A", state="WA", iep_effective=d("2026-10-01"))}
    )
    assert default_range(b, district, d("2026-12-02")) == (d("2026-10-01"), d("2026-12-02"))
