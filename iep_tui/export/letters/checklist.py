"""The one-page implementation checklist: each requirement in the IEP's exact words,
its frequency and minutes, provider and setting, and what was observed instead, with
dates and exhibit numbers. Landscape, so that it fits on one page.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "checklist"
TITLE = "Implementation checklist"


def build(view: CaseView) -> Letter:
    if not view.requirements:
        raise InputError("The case has no requirements yet: add the IEP's services and accommodations first.")
    body = LetterBuilder()
    body.table(parts.checklist_table(view))
    body.para(
        f"Minutes owed from {parts.period_text(view)}. {parts.policy_sentence(view)} Exhibit numbers refer to the "
        "service log (A-) and the incident log (B-) in the case binder."
    )
    return parts.make_document(view, KIND, TITLE, body.build(), landscape=True)
