"""Compensatory services proposal (legal-rules.md 6.7 and 7).

The IEP's words for each service owing minutes, the minutes owed with their reasons (from
the ledger) as a starting point, never "the minimum owed" (compensatory education is an
individualized remedy: Reid v. District of Columbia, 401 F.3d 516 (D.C. Cir. 2005), which
rejected a mechanical hour-per-day award); a realistic schedule (`compensatory.schedule_makeup`:
whole sessions of the IEP's length, at most one make-up session of a service a day, a stated
cap on make-up minutes a day, school days of the district calendar or marked estimated);
and the terms: in addition to regular services, qualified providers, outside core
instruction, logging, missed make-up sessions, and how the agreement is documented.
"""

from __future__ import annotations

from iep_tui.domain.case_view import CaseView, ServiceLine, refs_text
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import long_date, minutes_text, plural, reason_text, role_title, short_date
from iep_tui.export.letter import Letter, LetterBuilder, Table

REID = (
    "Compensatory education is meant to replace the educational services the child should have received in the "
    "first place; in Reid v. District of Columbia, 401 F.3d 516 (D.C. Cir. 2005), the court gave no deference to an "
    "award calculated mechanically, at one hour for each day of services denied."
)
"""Written from Reid's opening paragraph (compensatory education as 'replacement of educational services the
child should have received in the first place'; the hour-per-day calculation 'merits no deference'), read
2026-12-06 at case-law.vlex.com and specialeducationadvisor.com. Parents of Student W. v. Puyallup School
District, 31 F.3d 1489 (9th Cir. 1994) is not cited: its passage on day-for-day compensation could not be read
(only the opinion's opening and case summaries were found), so it stays uncertain."""

KIND = "compensatory-proposal"
TITLE = "Compensatory services proposal"


def build(view: CaseView) -> Letter:
    owing = view.owing
    if not owing:
        raise InputError("No minutes are owed on this case: there is nothing to propose make-up services for.")
    role = "special-education-director" if view.contact("special-education-director") else "case-manager"
    to, cc = parts.addressees(
        view, KIND, role, ("case-manager", "principal"), "as the recipient of the compensatory services proposal"
    )
    first = parts.first_name(view)
    target = view.makeup_target
    body = LetterBuilder()
    body.para(
        f"I am writing to propose a plan to make up the services {first} did not receive as the IEP requires. "
        f"{parts.owed_sentence(view)}"
    )
    body.heading("What the IEP requires")
    body.bullets(parts.requirement_quote(s.requirement) for s in owing)
    body.heading("Minutes owed, by service")
    body.table(_owed_table(view, owing))
    body.para(parts.policy_sentence(view))
    impact = _impact(view)
    if impact:
        body.para(impact, lead="Impact.")

    schedule = view.makeup_schedule
    body.heading("Proposed make-up schedule")
    calendar = (
        "Each date is a school day on the district's calendar."
        if not schedule.estimate
        else "I do not have the district's school calendar, so the dates are estimated school days (weekdays "
        "other than public holidays) and may need to move."
    )
    body.para(
        f"I propose the sessions below, starting after your reply and finishing by "
        f"{parts.due_text(target, 'the make-up deadline')}. {calendar} Each make-up session is a whole session of "
        f"the length the IEP sets (the minutes owed are rounded up to whole sessions); there is at most one make-up "
        f"session of a service on any day, and at most {schedule.daily_cap} minutes of make-up sessions in one day, "
        f"spread across the weeks and held outside {first}'s core instruction."
    )
    body.table(_schedule_table(owing))
    late = [s for s in owing if s.plan is not None and not s.plan.fits]
    for line in late:
        body.para(
            f"{line.requirement.name}: even five sessions a week would not finish by the deadline; "
            "I ask that we agree on a later completion date or a summer block."
        )

    body.heading("Terms")
    body.bullets(
        [
            f"Make-up sessions are in addition to, not instead of, {first}'s regular IEP services, which continue "
            "as written.",
            "Each session is delivered by a provider qualified for the service, in the setting and group size the "
            "IEP states. If the district cannot staff a session, it arranges an outside provider agreed with me, at "
            "no cost to my family.",
            f"Sessions are scheduled so that {first} does not miss core instruction, and transportation is provided "
            "if a session is held outside the school day.",
            "Each session is logged (date, minutes, provider) and the log is sent to me every month.",
            "A make-up session missed for a reason on the school's side is rescheduled within two weeks and does "
            "not reduce the total owed.",
            "The agreement is put in writing, as a written agreement or an IEP amendment. If the district refuses "
            "to provide these services, please explain the refusal in Prior Written Notice (34 CFR 300.503(a)).",
        ]
    )
    body.para(
        f"{REID} The minutes above are a starting point for our discussion, counted from the record; what "
        f"{first} needs to make up the lost ground may be more, and I may ask for more if progress data show that "
        f"{first} has fallen behind."
    )
    body.para(parts.reply_sentence(view, KIND))
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        "Proposal for compensatory (make-up) services",
        to,
        cc,
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
        if ledger.not_as_written_minutes and view.case.policy.not_as_written_owed:
            reasons.append(f"not as written {ledger.not_as_written_minutes}")
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
        (
            "Service",
            "Missed, cut short or not as written, by reason (min)",
            "Lost (min)",
            "Made up (min)",
            "Owed (min)",
            "Entries (Exhibit A)",
        ),
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
        if plan is None or not plan.days:
            rows.append((line.requirement.name, minutes_text(line.ledger.owed_minutes), "to be agreed", "", provider))
            continue
        count = len(plan.days)
        sessions = (
            f"{plural(count, f'session of {plan.session_minutes} min', f'sessions of {plan.session_minutes} min')}"
        )
        sessions += f" = {plan.scheduled_minutes} min"
        if plan.rounded_up:
            sessions += f" (owed {line.ledger.owed_minutes}, rounded up to whole sessions)"
        if count > 1:
            sessions += f"; up to {plan.per_week} a week"
        rows.append(
            (
                line.requirement.name,
                sessions,
                parts.dates_text(list(plan.days)),
                short_date(plan.finish) if plan.finish else "",
                provider,
            )
        )
    return Table.of(
        ("Service", "Sessions", "Dates", "Complete by", "Provider"),
        rows,
        widths=(1.2, 1.9, 2.0, 0.95, 1.05),
    )


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
