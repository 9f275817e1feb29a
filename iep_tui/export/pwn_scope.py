"""The refusals and informal changes a letter names in a Prior Written Notice request, and the
warnings for those it leaves out; which ones 300.503(a) covers is `domain.pwn_coverage`'s rule
(read 2026-12-06), shared with the suggestions of next steps.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, IncidentEntry
from iep_tui.domain.pwn_coverage import covers_subject
from iep_tui.export.formatting import long_date


def covered_by_pwn(entry: IncidentEntry) -> bool:
    """True when a refusal or informal change is of a kind 300.503(a) covers, as far as the record says
    (`pwn_coverage`); False for an observation."""
    return entry.is_action and covers_subject(entry.incident, informal_change=entry.kind == "informal-change")


def pwn_actions(view: CaseView) -> list[IncidentEntry]:
    """The refusals and informal changes a Prior Written Notice request names, in date order."""
    return [e for e in view.pwn_actions() if covered_by_pwn(e)]


def left_out(view: CaseView) -> list[IncidentEntry]:
    """Refusals whose record does not show a subject 300.503(a) covers."""
    return [e for e in view.pwn_actions() if not covered_by_pwn(e)]


def left_out_warnings(view: CaseView) -> tuple[str, ...]:
    """One warning per refusal left out of a Prior Written Notice request, saying why and what to do."""
    return tuple(
        f"The refusal of {long_date(e.date)} ({e.ref}) is not in the Prior Written Notice request: it is linked to "
        "no IEP requirement and its words name no evaluation, identification, placement or service, which is "
        "what 34 CFR 300.503(a) covers (a refusal to send records or to hold a meeting is not). If it refused a "
        "service or support, link it to that requirement (the incident's requirements)."
        for e in left_out(view)
    )
