"""At a glance, for each teacher: the accommodations, supports, safety plan and service
times of the IEP in plain language, on one page a teacher can keep where lessons are
planned, with whom to tell when something cannot be provided.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView
from iep_tui.domain.frequency import frequency_of
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import role_title
from iep_tui.export.letter import Letter, LetterBuilder, Table

KIND = "at-a-glance"
TITLE = "At a glance, for teachers"


def build(view: CaseView) -> Letter:
    requirements = view.requirements
    if not requirements:
        raise InputError("The case has no requirements yet: add the IEP's services and accommodations first.")
    first = parts.first_name(view)
    manager = view.need_contact("case-manager", "as the person teachers tell when a support cannot be provided")
    body = LetterBuilder()
    keep = ("Student", "Grade", "School", "Case manager")
    body.facts(pair for pair in parts.case_facts(view) if pair[0] in keep)

    safety = [r for r in requirements if r.safety]
    if safety:
        body.heading("Safety plan: follow it every time")
        body.bullets(f"{r.name}: {r.text}" + _where(r.setting, r.section) for r in safety)
    accommodations = [r for r in requirements if r.kind == "accommodation" and not r.safety]
    if accommodations:
        body.heading(f"Accommodations {first} gets in class")
        body.bullets(f"{r.name}: {r.text}" + _where(r.setting, r.section) for r in accommodations)
    supports = [r for r in requirements if r.kind in ("support", "placement") and not r.safety]
    if supports:
        body.heading("Supports")
        body.bullets(f"{r.name}: {r.text}" + _where(r.setting, r.section) for r in supports)
    services = [r for r in requirements if r.kind == "service"]
    if services:
        body.heading(f"When {first} has services")
        rows = []
        for r in services:
            frequency = frequency_of(r.frequency)
            if frequency is not None and frequency.counted:
                how_often = frequency.describe()
            else:
                how_often = (frequency.canonical if frequency is not None else "") or r.frequency or "as the IEP says"
            rows.append((r.name, how_often, r.setting, role_title(r.provider_role) if r.provider_role else ""))
        body.table(Table.of(("Service", "How often", "Where", "With"), rows, widths=(1.5, 2.2, 1.6, 1.2)))
    contact = ", ".join(x for x in (manager.name, manager.email, manager.phone) if x)
    body.para(
        f"Tell the case manager ({contact}) the same day, in writing. The IEP applies in every class and setting: "
        f"if something in it does not work in your class, ask for a change at {parts.article(view.meeting_name)} "
        f"{view.meeting_name} rather than changing it informally.",
        lead="If something cannot be provided:",
    )
    return parts.make_document(view, KIND, f"{first} at a glance: for each of {first}'s teachers", body.build())


def _where(setting: str, section: str) -> str:
    bits = [b for b in (setting, f"IEP {section}" if section else "") if b]
    return f" ({'; '.join(bits)})" if bits else ""
