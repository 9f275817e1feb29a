"""Wording a parent would otherwise have to fix by hand: one date for the records asked for,
singular and plural agreeing. Demo case, today Sat 2026-11-28."""

from __future__ import annotations

from datetime import date

from iep_tui.export.letters import build_letter
from iep_tui.export.text_layout import render_text
from iep_tui.services.export_service import case_view

TODAY = date(2026, 11, 28)


def _text(bundle, kind: str) -> str:
    return " ".join(render_text(build_letter(kind, case_view(bundle, TODAY))).split())


def test_the_records_request_states_one_period_once(demo_bundle):
    # IEP in effect since Mon Sep 14; eight weeks before Sat Nov 28 is Sat Oct 3, whose
    # week starts Mon Sep 28: the later of the two, Sep 28, is the one date asked for
    case = demo_bundle.case.model_copy(update={"iep_effective": date(2026, 9, 14)})
    text = _text(demo_bundle.model_copy(update={"case": case}), "records-request")
    assert "The period I ask about runs from September 28, 2026 to the date you respond (the last eight weeks)." in text
    assert "September 14" not in text
    assert text.count("September 28, 2026") == 1
    assert "concerning Lena over this period" in text


def test_the_records_request_since_the_iep_when_that_is_later(demo_bundle):
    # the demo IEP took effect Mon Sep 28, the same Monday: "since the IEP took effect"
    text = _text(demo_bundle, "records-request")
    assert "runs from September 28, 2026 to the date you respond (since the IEP took effect)." in text


def test_one_safety_incident_is_singular(demo_bundle):
    incidents = [i for i in demo_bundle.incidents if i.id != "inc-elopement-1117"]
    bundle = demo_bundle.model_copy(update={"incidents": incidents})
    view = case_view(bundle, TODAY)
    (safety,) = view.safety_incidents
    text = _text(bundle, "compliance-notice")
    assert f"One of the logged incidents involves Lena's safety plan ({safety.ref}). Please treat it as urgent." in text
    assert f"One incident involved Lena's safety plan ({safety.ref})." in _text(bundle, "district-escalation")


def test_two_safety_incidents_are_plural(demo_bundle):
    text = _text(demo_bundle, "compliance-notice")
    assert "Two of the logged incidents involve Lena's safety plan (B-5, B-8). Please treat them as urgent." in text
