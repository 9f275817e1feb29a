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


def test_the_records_request_asks_from_the_ieps_start_not_eight_weeks(demo_bundle):
    # IEP in effect since Mon Sep 14: the records are asked for from that day (the ledger's
    # start), not from eight weeks before today (Sep 28), and that date is stated once
    case = demo_bundle.case.model_copy(update={"iep_effective": date(2026, 9, 14)})
    text = _text(demo_bundle.model_copy(update={"case": case}), "records-request")
    assert "from September 14, 2026 (since the IEP took effect) to the date you respond" in text
    assert text.count("September 14, 2026") == 1
    assert "eight weeks" not in text


def test_one_safety_incident_is_singular(demo_bundle):
    incidents = [i for i in demo_bundle.incidents if i.id != "inc-elopement-1117"]
    bundle = demo_bundle.model_copy(update={"incidents": incidents})
    view = case_view(bundle, TODAY)
    (safety,) = view.safety_incidents
    text = _text(bundle, "compliance-notice")
    assert f"One of the logged incidents involves Lena's safety plan ({safety.ref}). I ask for" in text
    # the escalation gives safety its own paragraph: B-5 is Tue Nov 3
    assert f"Lena's elopement plan was not followed on November 3, 2026 ({safety.ref})." in _text(
        bundle, "district-escalation"
    )


def test_two_safety_incidents_are_plural(demo_bundle):
    text = _text(demo_bundle, "compliance-notice")
    assert "Two of the logged incidents involve Lena's safety plan (B-5, B-8). I ask for the safety steps" in text
    # B-5 Nov 3, B-8 Nov 17
    assert "Lena's elopement plan was not followed two times, on Nov 3, 17, 2026 (B-5, B-8)." in _text(
        demo_bundle, "district-escalation"
    )
