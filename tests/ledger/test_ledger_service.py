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
