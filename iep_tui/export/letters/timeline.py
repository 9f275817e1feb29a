"""The timeline: the dated fact pattern (IEP, meetings, agreed actions, failures,
notices, replies and their absence) in order, each fact with its exhibit number.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView
from iep_tui.export import letter_parts as parts
from iep_tui.export.letter import Letter, LetterBuilder

KIND = "timeline"
TITLE = "Timeline of events"


def build(view: CaseView) -> Letter:
    body = LetterBuilder()
    body.facts(parts.case_facts(view))
    body.table(parts.timeline_table(view))
    body.para(
        "A-numbers refer to the service log (sessions missed, cut short, not delivered as written or made up) and "
        "B-numbers to the incident log, "
        "in the case binder."
    )
    return parts.make_document(view, KIND, TITLE, body.build())
