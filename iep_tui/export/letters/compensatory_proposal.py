"""Compensatory services proposal (legal-rules.md 6.7 and 7).

The minutes owed per service with their reasons (from the ledger), the owed total,
a make-up schedule per service on school days (from the make-up planner) with its
completion deadline, and the terms: in addition to regular services, qualified
providers, logging, what happens when a make-up session is missed, and how the
agreement is documented.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, ServiceLine, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import long_date, minutes_text, plural, reason_text, role_title, short_date
from iep_tui.export.letter import Letter, LetterBuilder, Table

KIND = "compensatory-proposal"
TITLE = "Compensatory services proposal"


def build(view: CaseView) -> Letter:
    owing = view.owing
    if not owing:
        raise InputError("No minutes are owed on this case: there is nothing to propose make-up services for.")
    role = "special-education-director" if view.contact("special-education-director") else "case-manager"
    to = parts.recipient(view, role, "as the recipient of the compensatory services proposal")
    first = parts.first_name(view)
    target = view.makeup_target
    body = LetterBuilder()
    body.para(
        f"I am writing to propose a plan to make up the services {first} did not receive as the IEP requires. "
        f"{parts.owed_sentence(view)}"
    )
    body.heading("Minutes owed, by service")
    body.table(_owed_table(view, owing))
    body.para(parts.policy_sentence(view))
    impact = _impact(view)
    if impact:
        body.para(impact, lead="Impact.")

    body.heading("Proposed make-up schedule")
    body.para(
        f"I propose the sessions below, starting after your reply and finishing by "
        f"{parts.due_text(target, 'the make-up deadline')}. Each date is a school day on the district calendar."
    )
    body.table(_schedule_table(owing))
    late = [s for s in owing if s.plan is not None and not s.plan.fits]
    for line in late:
        body.para(
            f"{line.requirement.name}: even five sessions a week would not finish by the deadline; "
            "I ask that we agree on longer sessions or a summer block."
        )

    body.heading("Terms")
    body.bullets(
        [
            f"Make-up sessions are in addition to, not instead of, {first}'s regular IEP services, which continue "
            "as written.",
            "Each session is delivered one-to-one by a provider qualified for the service. If the district cannot "
            "staff a session, it arranges an outside provider agreed with me, at no cost to my family.",
            f"Sessions are scheduled so that {first} does not miss core instruction, and transportation is provided "
            "if a session is held outside the school day.",
            "Each session is logged (date, minutes, provider) and the log is sent to me every month.",
            "A make-up session missed for a reason on the school's side is rescheduled within two weeks and does "
            "not reduce the total owed.",
            "The agreement is put in writing, as a written agreement or an IEP amendment. If the district refuses "
            "any part of it, please explain the refusal in Prior Written Notice (34 CFR 300.503).",
        ]
    )
    body.para(
        f"Compensatory services are meant to provide the educational benefit {first} would have received had the "
        "services been delivered (Reid v. District of Columbia, 401 F.3d 516 (D.C. Cir. 2005)). The minutes above "
        "are the minimum owed; I may ask for more if progress data show that "
        f"{first} has fallen behind."
    )
    body.para(f"Please reply in writing by {parts.due_text(view.reply_due, 'the reply')}.")
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Proposal for compensatory (make-up) services",
        to,
        ("case-manager", "principal"),
        body.build(),
        exhibits=[parts.service_log_exhibit(view)],
    )


def _owed_table(view: CaseView, owing: list[ServiceLine]) -> Table:
    rows = []
    for line in owing:
        ledger = line.ledger
        counted = set(view.case.policy.owed_reasons)
        reasons = [f"{reason_text(r)} {m}" for r, m in ledger.missed_minutes.items() if m and r in counted]
        if ledger.shortfall_minutes:
            reasons.append(f"cut short {ledger.shortfall_minutes}")
        rows.append(
            (
                line.requirement.name,
                "; ".join(reasons),
                str(ledger.owed_before_makeup),
                str(ledger.makeup_minutes),
                str(ledger.owed_minutes),
                refs_text(line.refs),
            )
        )
    total = (
        "Total",
        "",
        str(sum(s.ledger.owed_before_makeup for s in owing)),
        str(sum(s.ledger.makeup_minutes for s in owing)),
        str(sum(s.ledger.owed_minutes for s in owing)),
        "",
    )
    return Table.of(
        ("Service", "Missed or cut short, by reason (min)", "Lost (min)", "Made up (min)", "Owed (min)",
         "Entries (Exhibit A)"),
        rows,
        widths=(1.4, 2.2, 0.7, 0.75, 0.7, 1.35),
        total=total,
        caption=f"From {parts.period_text(view)}.",
    )


def _schedule_table(owing: list[ServiceLine]) -> Table:
    rows = []
    for line in owing:
        plan = line.plan
        provider = role_title(line.requirement.provider_role) if line.requirement.provider_role else ""
        if plan is None or not plan.sessions:
            rows.append((line.requirement.name, minutes_text(line.ledger.owed_minutes), "to be agreed", "", provider))
            continue
        sizes = _sizes(plan.sessions, plan.session_minutes)
        dates = parts.dates_text([d for d, _ in plan.sessions])
        rows.append(
            (
                line.requirement.name,
                f"{sizes} ({plan.per_week} a week)" if len(plan.sessions) > 1 else sizes,
                dates,
                short_date(plan.finish) if plan.finish else "",
                provider,
            )
        )
    return Table.of(
        ("Service", "Sessions", "Dates", "Complete by", "Provider"),
        rows,
        widths=(1.3, 1.6, 2.0, 1.1, 1.1),
    )


def _sizes(sessions: tuple[tuple[object, int], ...], length: int) -> str:
    full = sum(1 for _, m in sessions if m == length)
    rest = [m for _, m in sessions if m != length]
    text = plural(full, f"session of {length} min", f"sessions of {length} min") if full else ""
    if rest:
        text += (" + " if text else "") + f"1 of {rest[0]} min"
    return text


def _impact(view: CaseView) -> str:
    """The weekly record's first and latest week, as logged (no numbers computed)."""
    weeks = view.snapshots
    if len(weeks) < 2:
        return ""
    first, last = weeks[0], weeks[-1]
    pairs = []
    for label, a, b in (
        ("missing assignments", first.missing_work, last.missing_work),
        ("behavior incidents", first.behavior_incidents, last.behavior_incidents),
        ("minutes out of class", first.minutes_out_of_class, last.minutes_out_of_class),
    ):
        if a != b:
            pairs.append(f"{label} went from {a} to {b} a week")
    if not pairs:
        return ""
    return (
        f"Over the same period, my weekly record shows that {'; '.join(pairs)} (week of "
        f"{long_date(first.week)} compared with the week of {long_date(last.week)})."
    )
