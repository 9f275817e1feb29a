"""Safety notice: the same-day letter when a safety-related support was not followed.

To the principal and the special-education director, copied to the case manager (or to
the recipients of the safety step drafted by the app, `safety.safety_urgency`): the
safety-related requirement in the IEP's exact words, what happened and when (with the
exhibit numbers), and the asks advocates recommend (legal-rules.md 8.2): an immediate
meeting, written confirmation of who implements the plan tomorrow and every day, a
back-up when that person is absent, and the incident reports. No federal rule sets a day
count for it: the next-school-day reply it asks for is practice and says so.
"""

from __future__ import annotations

from datetime import date

from iep_tui.domain.case_view import CaseView
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import count_word, day_date, join_and
from iep_tui.export.letter import Exhibit, Letter, LetterBuilder

KIND = "safety-notice"
TITLE = "Safety notice"


def _when(day: date, age: int) -> str:
    """The latest failure's date by its age (issue 10: a letter written days later never reads as same-day):
    'today (Tue, Nov 17, 2026)', 'yesterday (...)', 'on Tue, Nov 17, 2026, 11 days ago'."""
    if age <= 0:
        return f"today ({day_date(day)})"
    if age == 1:
        return f"yesterday ({day_date(day)})"
    return f"on {day_date(day)}, {count_word(age)} days ago"


def build(view: CaseView) -> Letter:
    failures = view.safety_failures()
    if not failures:
        raise InputError(
            "No safety-related failure is logged: mark the requirement safety-related (`req add --safety`) or the "
            "incident (`log incident ... --safety`) to write a safety notice."
        )
    to, cc = parts.addressees(
        view,
        KIND,
        "principal",
        ("case-manager",),
        "as the recipient of the safety notice",
        also_to=("special-education-director",),
    )
    first = parts.first_name(view)
    plans = [r for r in view.requirements if r.safety]
    latest = max(failures, key=lambda e: (e.date, e.ref))
    body = LetterBuilder()
    age = (view.today - latest.date).days
    when = _when(latest.date, age)
    body.para(
        (
            f"I am writing {'today ' if age == 0 else ''}because {first}'s safety plan was not followed {when}."
            if len(failures) == 1
            else f"I am writing {'today ' if age == 0 else ''}because {first}'s safety plan was not followed "
            f"{count_word(len(failures))} times, most recently {when}."
        )
        + (
            " I am asking for the steps below before the next school day."
            if age <= 1
            else " The plan applies every school day, so I am asking for the steps below before the next one."
        )
    )
    body.heading("What the IEP requires")
    body.bullets(parts.requirement_quote(r) for r in plans)
    body.heading("What happened")
    body.bullets(parts.example_item(e) for e in failures)
    body.heading("What I am asking for")
    body.numbered(parts.safety_requests(view))
    step = view.letter_step(KIND)
    due = view.reply_for(KIND) if step is not None else view.safety_reply_due
    body.para(f"Please reply in writing by {parts.due_text(due, 'the reply')}.")
    names = join_and([r.name.lower() for r in plans]) or "safety plan"
    body.para(
        f"Each teacher and staff member responsible for the IEP must have access to it and be told of their specific "
        f"responsibilities, including the {names} (34 CFR 300.323(d)). If the plan cannot be carried out as written, "
        f"it should be revised at {parts.article(view.meeting_name)} {view.meeting_name}, not left to lapse."
    )
    body.para(f"Thank you for acting on this {'today' if age == 0 else 'without delay'}. {first}'s safety comes first.")
    exhibits: list[Exhibit] = []
    if any(e.ref.startswith("A-") for e in failures):
        exhibits.append(parts.service_log_exhibit(view))
    if any(e.ref.startswith("B-") for e in failures):
        exhibits.append(parts.incident_log_exhibit(view))
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Safety plan not followed: request for an immediate meeting",
        to,
        cc,
        body.build(),
        exhibits=exhibits,
    )
