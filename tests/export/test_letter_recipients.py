"""A letter for a step recorded today (or drafted) goes to that step's recipients; without
one, to the letter's usual recipients. On the demo case (today Sat 2026-11-28): case manager
Priya Natarajan, principal Thomas Becker, sped director Dr. Alicia Gomez, superintendent
Dr. Helen Park; its compliance notice of Nov 2 went to the case manager."""

from __future__ import annotations

from datetime import date

import pytest

from iep_tui.domain.models import CaseBundle, EscalationStep
from iep_tui.errors import InputError
from iep_tui.export.letters import build_letter
from iep_tui.services.export_service import case_view

TODAY = date(2026, 11, 28)


def _with_step(bundle: CaseBundle, **fields) -> CaseBundle:
    return bundle.model_copy(update={"escalations": [*bundle.escalations, EscalationStep(**fields)]})


def _names(parties) -> list[str]:
    return [p.name for p in parties]


def test_without_a_step_today_the_usual_recipients(demo_bundle):
    letter = build_letter("compliance-notice", case_view(demo_bundle, TODAY))
    # the Nov 2 notice was an earlier letter: it does not address this one
    assert _names(letter.recipients) == ["Priya Natarajan"]
    assert _names(letter.cc) == ["Thomas Becker", "Dr. Alicia Gomez"]


def test_a_step_sent_today_addresses_its_letter(demo_bundle):
    bundle = _with_step(
        demo_bundle,
        kind="compliance-notice",
        sent=TODAY,
        status="sent",
        to_roles=["principal"],
        cc_roles=["case-manager"],
    )
    letter = build_letter("compliance-notice", case_view(bundle, TODAY))
    assert _names(letter.recipients) == ["Thomas Becker"]
    assert letter.salutation == "Dear Thomas Becker:"
    assert _names(letter.cc) == ["Priya Natarajan"]


def test_a_draft_with_two_recipients_addresses_both(demo_bundle):
    bundle = _with_step(
        demo_bundle, kind="records-request", status="draft", to_roles=["principal", "case-manager"], cc_roles=[]
    )
    letter = build_letter("records-request", case_view(bundle, TODAY))
    assert _names(letter.recipients) == ["Thomas Becker", "Priya Natarajan"]
    assert letter.salutation == "Dear Thomas Becker and Priya Natarajan:"
    assert letter.cc == ()


def test_a_district_escalation_step_overrides_the_next_rung(demo_bundle):
    bundle = _with_step(
        demo_bundle, kind="district-escalation", status="draft", to_roles=["superintendent"], cc_roles=["sped-director"]
    )
    letter = build_letter("district-escalation", case_view(bundle, TODAY))
    assert _names(letter.recipients) == ["Dr. Helen Park"]
    assert letter.salutation == "Dear Dr. Park:"
    assert _names(letter.cc) == ["Dr. Alicia Gomez"]


def test_a_step_recipient_without_a_contact_is_named(demo_bundle):
    bundle = _with_step(demo_bundle, kind="pwn-request", status="draft", to_roles=["attorney"])
    with pytest.raises(InputError, match="no attorney contact"):
        build_letter("pwn-request", case_view(bundle, TODAY))
