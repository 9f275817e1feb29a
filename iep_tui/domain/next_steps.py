"""Next steps suggested from the state of the case, each with why and the entries behind it.

The rules (issue 5, legal-rules.md sections 5 and 8):

- a safety-related failure not yet escalated: a same-day written notice to leadership
  requesting an immediate meeting (urgent; see `safety`); `check`'s line names the
  command that records it and the letter that writes it;
- failures logged and never put in writing: a compliance notice;
- a response overdue: district escalation, rung by rung (special-education director,
  assistant superintendent, superintendent), then a state complaint;
- a refusal or an informal change (incident tags): a Prior Written Notice request;
- services missed in several weeks: a state complaint;
- a pattern of exclusion or retaliation: an OCR complaint (Section 504 / ADA);
- a disorganized system (services inconsistent across weeks, meetings rescheduled,
  records not provided, teachers who never received the IEP): bring in an advocate;
- high stakes (extended noncompliance with regression, discipline tied to
  disability-related behavior, a placement dispute, a refusal to evaluate): an attorney;
- a held meeting without its recap, an agreed action overdue, or a meeting coming up
  with no records requested: the follow-ups.

Thresholds are named constants below, so they are visible and testable. The tags are
the incident tag vocabulary (`INCIDENT_TAGS`); the CLI and TUI offer them.

`needs_action` is what `iep-tui check` reports: safety, deadlines overdue or due within
two school days, and no entry for five school days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from iep_tui.calendar import day_count
from iep_tui.calendar.day_count import iso_or_none
from iep_tui.calendar.school_calendar import SchoolCalendar, week_of
from iep_tui.domain.escalation_ladder import (
    STEP_TITLES,
    Evidence,
    StepView,
    failure_evidence,
    incident_evidence,
    is_failure_session,
    next_district_rung,
    not_owed_missed_ids,
    session_evidence,
    step_evidence,
    view_steps,
)
from iep_tui.domain.filing_windows import FilingWindow
from iep_tui.domain.meeting_agenda import action_views, recap_state
from iep_tui.domain.models import CaseBundle, EscalationStep, Incident
from iep_tui.domain.roles import case_role
from iep_tui.domain.safety import (
    SAFETY_PRACTICE_NOTE,
    safety_urgency,
    unescalated_safety_failures,
)
from iep_tui.limits import LIST_MAX

# ---------------------------------------------------------------- incident tags

TAG_REFUSAL = "refusal"
TAG_INFORMAL_CHANGE = "informal-change"
TAG_EXCLUSION = "exclusion"
TAG_RETALIATION = "retaliation"
TAG_DISCIPLINE = "discipline"
TAG_NEVER_RECEIVED_IEP = "never-received-iep"
TAG_MEETING_RESCHEDULED = "meeting-rescheduled"
TAG_RECORDS_NOT_PROVIDED = "records-not-provided"
TAG_REGRESSION = "regression"
TAG_PLACEMENT_DISPUTE = "placement-dispute"
TAG_REFUSED_EVALUATION = "refused-evaluation"

INCIDENT_TAGS: dict[str, str] = {
    TAG_REFUSAL: "the school refused a request (a service, a make-up, an evaluation, a meeting)",
    TAG_INFORMAL_CHANGE: "the school changed a service or support without the IEP team or a written agreement",
    TAG_EXCLUSION: "the child was kept out of class, an activity, a trip or the school day because of disability",
    TAG_RETALIATION: "treatment that followed the family's advocacy or a complaint",
    TAG_DISCIPLINE: "discipline (suspension, removal, sent home) for behavior related to the disability",
    TAG_NEVER_RECEIVED_IEP: "a teacher or provider said they never received or read the IEP",
    TAG_MEETING_RESCHEDULED: "the school cancelled or moved a meeting",
    TAG_RECORDS_NOT_PROVIDED: "records requested were not provided",
    TAG_REGRESSION: "progress data or reports show regression or lost skills",
    TAG_PLACEMENT_DISPUTE: "a disagreement about placement or setting",
    TAG_REFUSED_EVALUATION: "the school refused or delayed an evaluation",
}
"""The incident tags the next-step rules read, with what each means."""

# ---------------------------------------------------------------- thresholds

MISSED_WEEKS_FOR_STATE_COMPLAINT = 3
"""Services missed (for reasons owed) in at least this many different school weeks."""

PATTERN_INCIDENTS_FOR_OCR = 2
"""Exclusion or retaliation incidents that make a pattern."""

ADVOCATE_SIGNALS = 2
"""Distinct signs of a disorganized system before suggesting an advocate."""

EXTENDED_NONCOMPLIANCE_WEEKS = 4
"""Weeks with missed services that count as extended noncompliance (with regression: an attorney)."""

NO_ENTRY_SCHOOL_DAYS = 5
"""`check` reports a case with no entry for this many school days."""

DUE_SOON_SCHOOL_DAYS = 2
"""`check` reports deadlines due within this many school days."""

REPORTING_KINDS = frozenset(
    {
        "compliance-notice",
        "pwn-request",
        "meeting-request",
        "district-escalation",
        "state-complaint",
        "due-process",
        "ocr-complaint",
    }
)
"""Letters that put failures in writing; a records request or a meeting does not."""

WAITING_KINDS = frozenset({"compliance-notice", "records-request", "meeting-request", "pwn-request", "iep-meeting"})
"""Steps whose overdue response calls for district escalation."""

Urgency = Literal["urgent", "soon", "consider"]
URGENCY_ORDER: dict[str, int] = {"urgent": 0, "soon": 1, "consider": 2}


@dataclass(frozen=True)
class Suggestion:
    """One suggested move: what, why, and the entries behind it."""

    key: str
    action: str
    """A step kind, or `advocate`, `attorney`, `meeting-recap`, `follow-up`."""
    title: str
    reason: str
    urgency: Urgency
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    draft: EscalationStep | None = None
    """A prefilled step the front end can create with one key (kind, recipients, links)."""
    note: str = ""

    def describe(self) -> str:
        return f"[{self.urgency}] {self.title}: {self.reason}"

    def to_json(self) -> dict[str, Any]:
        draft = self.draft
        return {
            "key": self.key,
            "action": self.action,
            "title": self.title,
            "reason": self.reason,
            "urgency": self.urgency,
            "note": self.note,
            "evidence": [e.to_json() for e in self.evidence],
            "draft": None
            if draft is None
            else {
                "kind": draft.kind,
                "to": list(draft.to_roles),
                "cc": list(draft.cc_roles),
                "asked": draft.asked,
                "incidents": list(draft.incident_ids),
                "sessions": list(draft.session_ids),
                "due_count": draft.due_count,
                "due_day_kind": draft.due_day_kind,
            },
        }


def _said(evidence: Evidence) -> str:
    """An entry as a reader knows it: what happened and its date, never its internal id (which the
    suggestion's `evidence` keeps): 'Speech therapy missed (provider absent, 30 min) on 2026-10-06',
    'the records request (overdue, due 2026-11-23) sent 2026-11-09'."""
    if evidence.kind == "step":
        return f"the {evidence.summary} sent {iso_or_none(evidence.date) or 'on an unknown date'}"
    return evidence.label()


def _count(n: int, noun: str) -> str:
    """'1 failure', '3 failures'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cites(evidence: Sequence[Evidence], limit: int = 5) -> str:
    shown = "; ".join(_said(e) for e in evidence[:limit])
    more = len(evidence) - limit
    return shown + (f"; and {more} more" if more > 0 else "")


def _tagged(bundle: CaseBundle, *tags: str) -> list[Incident]:
    wanted = set(tags)
    return sorted(
        (i for i in bundle.incidents if wanted & ({t.lower() for t in i.tags} | {i.kind})), key=lambda i: i.date
    )


def _sent_steps(bundle: CaseBundle, *kinds: str) -> list[EscalationStep]:
    return [s for s in bundle.escalations if s.kind in kinds and s.status != "draft" and s.sent is not None]


def _has_contact(bundle: CaseBundle, *roles: str) -> bool:
    return any(bundle.case.contact(role) is not None for role in roles)


def _missed_by_week(bundle: CaseBundle) -> dict[date, list[Evidence]]:
    weeks: dict[date, list[Evidence]] = {}
    not_owed = not_owed_missed_ids(bundle)
    for session in sorted(bundle.sessions, key=lambda s: s.date):
        if is_failure_session(bundle, session, not_owed):
            weeks.setdefault(week_of(session.date), []).append(session_evidence(bundle, session))
    return weeks


def _linked_ids(bundle: CaseBundle) -> set[str]:
    linked: set[str] = set()
    for step in bundle.escalations:
        if step.status != "draft" and step.sent is not None:
            linked.update(step.incident_ids)
            linked.update(step.session_ids)
    return linked


# ---------------------------------------------------------------- the rules


def _safety(bundle: CaseBundle, today: date) -> list[Suggestion]:
    urgency = safety_urgency(bundle, today)
    if urgency is None:
        return []
    evidence = tuple(f.evidence for f in urgency.failures)
    return [
        Suggestion(
            key="safety-notice",
            action="compliance-notice",
            # The safety notice's own recipients (export/letters/safety_notice.py), said the same way.
            title="Same-day written notice to the principal and sped director, requesting an immediate meeting",
            reason=(
                "A safety-related support failed and no letter has put it in writing yet: "
                + "; ".join(
                    f"{', '.join(f.requirement_names) or 'a safety-related support'} not followed: {_said(f.evidence)}"
                    for f in urgency.failures[:5]
                )
                + ". Send it today."
            ),
            urgency="urgent",
            evidence=evidence,
            draft=urgency.draft,
            note=SAFETY_PRACTICE_NOTE,
        )
    ]


def _first_notice(bundle: CaseBundle) -> list[Suggestion]:
    """Failures in no letter yet; safety failures are left to the same-day safety notice."""
    linked = _linked_ids(bundle) | {f.evidence.id for f in unescalated_safety_failures(bundle)}
    last_sent = max(
        (s.sent for s in bundle.escalations if s.status != "draft" and s.sent and s.kind in REPORTING_KINDS),
        default=None,
    )
    waiting = [
        e
        for e in failure_evidence(bundle)
        if e.id not in linked and (last_sent is None or (e.date is not None and e.date > last_sent))
    ]
    if not waiting:
        return []
    if last_sent is None:
        reason = (
            f"{_count(len(waiting), 'failure')} {'is' if len(waiting) == 1 else 'are'} logged and "
            f"{'it has not' if len(waiting) == 1 else 'none has'} been put in writing to the school: {_cites(waiting)}."
        )
        title = "Send a written compliance notice"
    else:
        reason = (
            f"{_count(len(waiting), 'failure')} logged since your last letter ({last_sent.isoformat()}) "
            f"{'is' if len(waiting) == 1 else 'are'} not in any letter yet: {_cites(waiting)}."
        )
        title = "Put the new failures in writing (compliance notice)"
    draft = EscalationStep(
        kind="compliance-notice",
        to_roles=["case-manager"],
        cc_roles=[case_role(bundle.case, "principal"), case_role(bundle.case, "special-education-director")],
        incident_ids=[e.id for e in waiting if e.kind == "incident"][-LIST_MAX:],  # at most what a step holds
        session_ids=[e.id for e in waiting if e.kind == "session"][-LIST_MAX:],
        asked=(
            "Resume the services and supports as written; send the service logs; propose a make-up plan with "
            "dates; give Prior Written Notice of any refusal."
        ),
    )
    return [Suggestion("compliance-notice", "compliance-notice", title, reason, "soon", tuple(waiting), draft)]


def _overdue(bundle: CaseBundle, views: Sequence[StepView]) -> list[Suggestion]:
    out: list[Suggestion] = []
    overdue_waiting = [v for v in views if v.overdue and v.kind in WAITING_KINDS]
    overdue_district = [v for v in views if v.overdue and v.kind == "district-escalation"]
    rung = next_district_rung(bundle)
    if overdue_waiting or overdue_district:
        evidence = tuple(step_evidence(v) for v in [*overdue_waiting, *overdue_district])
        lines = "; ".join(
            f"{v.title.lower()} sent {v.step.sent} was due {v.due} ({_count(v.days_overdue, 'day')} ago)"
            for v in [*overdue_waiting, *overdue_district]
        )
        if rung is not None:
            draft = EscalationStep(
                kind="district-escalation",
                to_roles=[rung],
                cc_roles=["principal"],
                incident_ids=sorted({i for v in overdue_waiting for i in v.step.incident_ids}),
                session_ids=sorted({i for v in overdue_waiting for i in v.step.session_ids}),
                asked="A written answer to the enclosed letter(s) and a written compensatory plan by the date below.",
            )
            out.append(
                Suggestion(
                    key="district-escalation",
                    action="district-escalation",
                    title=f"Escalate to the {rung.replace('-', ' ')}",
                    reason=f"No response by the due date: {lines}.",
                    urgency="soon",
                    evidence=evidence,
                    draft=draft,
                )
            )
        elif not _sent_steps(bundle, "state-complaint"):
            out.append(
                Suggestion(
                    key="state-complaint-after-district",
                    action="state-complaint",
                    title="File a state complaint",
                    reason=f"Every rung of the district was asked and the responses are overdue: {lines}.",
                    urgency="soon",
                    evidence=evidence,
                    draft=EscalationStep(
                        kind="state-complaint", to_roles=["state-education-agency"], cc_roles=["superintendent"]
                    ),
                    note="The state agency decides within 60 days of receiving it (34 CFR 300.152); "
                    "send the district a copy the same day (300.153(d)).",
                )
            )
    return out


def _pwn(bundle: CaseBundle) -> list[Suggestion]:
    from iep_tui.domain.pwn_coverage import covers_subject

    # only what 34 CFR 300.503(a) covers: a refusal to send records or hold a meeting is not a PWN matter
    incidents = [
        i
        for i in _tagged(bundle, TAG_REFUSAL, TAG_INFORMAL_CHANGE)
        if covers_subject(i, informal_change=TAG_INFORMAL_CHANGE in {t.lower() for t in i.tags})
    ]
    if not incidents:
        return []
    pwn_steps = _sent_steps(bundle, "pwn-request")
    waiting = [
        i
        for i in incidents
        if not any(i.id in s.incident_ids or (s.sent is not None and s.sent >= i.date) for s in pwn_steps)
    ]
    if not waiting:
        return []
    evidence = tuple(incident_evidence(i) for i in waiting)
    return [
        Suggestion(
            key="pwn-request",
            action="pwn-request",
            title="Request Prior Written Notice",
            reason=(
                "The school refused a request or changed the IEP informally, which requires Prior Written Notice "
                f"(34 CFR 300.503(a)): {_cites(evidence)}."
            ),
            urgency="soon",
            evidence=evidence,
            draft=EscalationStep(
                kind="pwn-request",
                to_roles=["case-manager"],
                cc_roles=[case_role(bundle.case, "special-education-director")],
                incident_ids=[i.id for i in waiting],
                asked="Prior Written Notice with every element of 34 CFR 300.503(b).",
            ),
        )
    ]


def _state_complaint_for_missed(bundle: CaseBundle) -> list[Suggestion]:
    weeks = _missed_by_week(bundle)
    if len(weeks) < MISSED_WEEKS_FOR_STATE_COMPLAINT or _sent_steps(bundle, "state-complaint"):
        return []
    evidence = tuple(e for week in sorted(weeks) for e in weeks[week])
    week_list = ", ".join(f"week of {w.isoformat()}" for w in sorted(weeks))
    return [
        Suggestion(
            key="state-complaint",
            action="state-complaint",
            title="Consider a state complaint",
            reason=(
                f"Services were missed in {len(weeks)} different weeks ({week_list}): a pattern a state complaint "
                f"is built for. Entries: {_cites(evidence)}."
            ),
            urgency="consider",
            evidence=evidence,
            draft=EscalationStep(
                kind="state-complaint",
                to_roles=["state-education-agency"],
                cc_roles=["superintendent"],
                # the newest a step can hold: the one-year look-back (300.153(c)) keeps the recent ones
                session_ids=[e.id for e in evidence][-LIST_MAX:],
            ),
            note="The violation must be within one year of the date the state receives the complaint "
            "(34 CFR 300.153(c)); the decision is due 60 days after filing (300.152).",
        )
    ]


def _ocr(bundle: CaseBundle) -> list[Suggestion]:
    incidents = _tagged(bundle, TAG_EXCLUSION, TAG_RETALIATION)
    if len(incidents) < PATTERN_INCIDENTS_FOR_OCR or _sent_steps(bundle, "ocr-complaint"):
        return []
    evidence = tuple(incident_evidence(i) for i in incidents)
    return [
        Suggestion(
            key="ocr-complaint",
            action="ocr-complaint",
            title="Consider an OCR complaint (Section 504 / ADA), a parallel track",
            reason=f"A pattern of exclusion or retaliation ({len(incidents)} incidents): {_cites(evidence)}.",
            urgency="consider",
            evidence=evidence,
            draft=EscalationStep(
                kind="ocr-complaint", to_roles=["office-for-civil-rights"], incident_ids=[i.id for i in incidents]
            ),
            note="File within 180 days of the discriminatory act (34 CFR 100.7(b) via 104.61); "
            "for ongoing discrimination, of the most recent act.",
        )
    ]


def _advocate(bundle: CaseBundle, views: Sequence[StepView]) -> list[Suggestion]:
    if _has_contact(bundle, "advocate", "attorney"):
        return []
    signals: list[tuple[str, tuple[Evidence, ...]]] = []
    weeks = _missed_by_week(bundle)
    delivered_weeks = {week_of(s.date) for s in bundle.sessions if s.status == "delivered"}
    if len(weeks) >= 2 and delivered_weeks - set(weeks):
        evidence = tuple(e for w in sorted(weeks) for e in weeks[w])
        signals.append((f"services delivered some weeks and missed in {len(weeks)} others", evidence))
    rescheduled = [
        Evidence("meeting", m.id, m.date, f"meeting {m.status}") for m in bundle.meetings if m.status == "rescheduled"
    ] + [incident_evidence(i) for i in _tagged(bundle, TAG_MEETING_RESCHEDULED)]
    if rescheduled:
        signals.append(("meetings rescheduled", tuple(rescheduled)))
    records = [step_evidence(v) for v in views if v.kind == "records-request" and v.overdue] + [
        incident_evidence(i) for i in _tagged(bundle, TAG_RECORDS_NOT_PROVIDED)
    ]
    if records:
        signals.append(("records not provided", tuple(records)))
    never = [incident_evidence(i) for i in _tagged(bundle, TAG_NEVER_RECEIVED_IEP)]
    if never:
        signals.append(("staff saying they never received the IEP", tuple(never)))
    if len(signals) < ADVOCATE_SIGNALS:
        return []
    evidence = tuple(e for _, ev in signals for e in ev)
    reason = (
        "The record shows a disorganized system: "
        + "; ".join(f"{label} ({_cites(ev, 3)})" for label, ev in signals)
        + "."
    )
    return [
        Suggestion(
            "advocate",
            "advocate",
            "Bring in an advocate",
            reason,
            "consider",
            evidence,
            note="Parent training and information centers (PTIs) offer free help in every state.",
        )
    ]


def _attorney(bundle: CaseBundle) -> list[Suggestion]:
    if _has_contact(bundle, "attorney"):
        return []
    signals: list[tuple[str, tuple[Evidence, ...]]] = []
    weeks = _missed_by_week(bundle)
    regression = _tagged(bundle, TAG_REGRESSION)
    if regression and len(weeks) >= EXTENDED_NONCOMPLIANCE_WEEKS:
        evidence = tuple(incident_evidence(i) for i in regression) + tuple(e for w in sorted(weeks) for e in weeks[w])
        signals.append((f"services missed in {len(weeks)} weeks with regression in progress data", evidence))
    for tag, label in (
        (
            TAG_DISCIPLINE,
            "disciplinary action tied to disability-related behavior (a manifestation determination "
            "is due within 10 school days of a change of placement, 34 CFR 300.530(e))",
        ),
        (TAG_PLACEMENT_DISPUTE, "a placement dispute"),
        (TAG_REFUSED_EVALUATION, "a refusal to evaluate"),
    ):
        tagged = _tagged(bundle, tag)
        if tagged:
            signals.append((label, tuple(incident_evidence(i) for i in tagged)))
    if not signals:
        return []
    evidence = tuple(e for _, ev in signals for e in ev)
    reason = "The stakes are high: " + "; ".join(f"{label} ({_cites(ev, 3)})" for label, ev in signals) + "."
    return [
        Suggestion(
            "attorney",
            "attorney",
            "Consult a special-education attorney",
            reason,
            "soon",
            evidence,
            note="Many offer a free first consultation; "
            "fees can be recovered by a parent who prevails (20 USC 1415(i)(3)).",
        )
    ]


def _meetings(bundle: CaseBundle, today: date) -> list[Suggestion]:
    out: list[Suggestion] = []
    for meeting in bundle.meetings:
        state = recap_state(meeting, today)
        if state in ("due", "overdue"):
            ev = (Evidence("meeting", meeting.id, meeting.date, meeting.purpose or "meeting held"),)
            out.append(
                Suggestion(
                    f"recap-{meeting.id}",
                    "meeting-recap",
                    "Send the meeting recap" + (" today" if state == "due" else " (it was due the day of the meeting)"),
                    f"The meeting of {meeting.date.isoformat()} was held and no recap is recorded as sent; a same-day "
                    "recap of what was agreed, with owners and dates, is the record of it.",
                    "soon" if state == "overdue" else "urgent",
                    ev,
                )
            )
    overdue_actions = [a for a in action_views(bundle, today) if a.state == "overdue"]
    if overdue_actions:
        evidence = tuple(Evidence("action", a.id, a.action.due, a.action.what) for a in overdue_actions)
        out.append(
            Suggestion(
                "overdue-actions",
                "follow-up",
                "Follow up in writing on overdue meeting actions",
                "Actions agreed at meetings are past their due dates: "
                + "; ".join(a.describe() for a in overdue_actions[:5])
                + ".",
                "soon",
                evidence,
            )
        )
    upcoming = [m for m in bundle.meetings if m.date >= today and m.status in ("scheduled", "requested")]
    if upcoming and not _sent_steps(bundle, "records-request"):
        meeting = min(upcoming, key=lambda m: m.date)
        out.append(
            Suggestion(
                "records-before-meeting",
                "records-request",
                "Request the records before the meeting",
                f"A meeting is set for {meeting.date.isoformat()} and no records request has been sent; the district "
                "must let you review records before any IEP meeting (34 CFR 300.613(a)).",
                "consider",
                (Evidence("meeting", meeting.id, meeting.date, meeting.purpose or f"meeting {meeting.status}"),),
                EscalationStep(kind="records-request", to_roles=["case-manager"], cc_roles=["principal"]),
            )
        )
    return out


def suggest_next_steps(
    bundle: CaseBundle,
    calendar: SchoolCalendar,
    today: date,
    views: Sequence[StepView] | None = None,
) -> list[Suggestion]:
    """Every suggestion for the case, most urgent first."""
    steps = list(views) if views is not None else view_steps(bundle, calendar, today)
    found: list[Suggestion] = []
    found += _safety(bundle, today)
    found += _meetings(bundle, today)
    found += _overdue(bundle, steps)
    found += _first_notice(bundle)
    found += _pwn(bundle)
    found += _attorney(bundle)
    found += _state_complaint_for_missed(bundle)
    found += _ocr(bundle)
    found += _advocate(bundle, steps)
    order = {id(s): n for n, s in enumerate(found)}
    return sorted(found, key=lambda s: (URGENCY_ORDER[s.urgency], order[id(s)]))


# ---------------------------------------------------------------- check


CheckKind = Literal["safety", "overdue", "due-soon", "no-entry", "window"]


@dataclass(frozen=True)
class CheckItem:
    """One line of `iep-tui check`: something needs action."""

    kind: CheckKind
    text: str
    due: date | None = None
    ref: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "due": iso_or_none(self.due), "ref": self.ref}


def soon_limit(calendar: SchoolCalendar, today: date, school_days: int = DUE_SOON_SCHOOL_DAYS) -> date:
    """The last day that is 'within two school days' of today.

    Outside the school calendar (summer) no school day may come for months; business
    days are used instead there, so a deadline in August is not 'soon' in June.
    """
    counted = day_count.count_days(calendar, today, school_days, "school")
    if counted.due is not None:
        return counted.due
    return day_count.count_days(calendar, today, school_days, "business").due or today


def _deadlines(
    bundle: CaseBundle,
    views: Iterable[StepView],
    windows: Iterable[FilingWindow],
    today: date,
) -> list[tuple[date, str, str, str]]:
    """(due, what, ref, kind) of every open deadline the user must meet or chase."""
    found: list[tuple[date, str, str, str]] = []
    for view in views:
        if view.step.status != "sent":
            continue
        for clock in view.clocks:
            if clock.due is None:
                continue
            what = f"{view.title.lower()} sent {view.step.sent}: {clock.label} {clock.due.isoformat()}, {clock.basis()}"
            found.append((clock.due, what, view.id, "step"))
            break  # the first clock is the one the district must meet
    for action in action_views(bundle, today):
        if action.state != "done" and action.action.due is not None:
            found.append((action.action.due, f"meeting action {action.id}: {action.describe()}", action.id, "action"))
    for meeting in bundle.meetings:
        if recap_state(meeting, today) in ("due", "overdue"):
            found.append(
                (
                    meeting.date,
                    f"recap of the meeting of {meeting.date.isoformat()} (due the same day)",
                    meeting.id,
                    "recap",
                )
            )
    for window in windows:
        if window.closes is not None and window.oldest_inside is not None:
            found.append(
                (
                    window.closes,
                    f"{window.title} window closes for the failure of "
                    f"{window.oldest_inside.label()} ({window.citation})",
                    window.route,
                    "window",
                )
            )
    return found


def needs_action(
    bundle: CaseBundle,
    calendar: SchoolCalendar,
    today: date,
    *,
    school_days_since_entry: int | None,
    windows: Sequence[FilingWindow] = (),
    views: Sequence[StepView] | None = None,
) -> list[CheckItem]:
    """What `iep-tui check` reports for one case; empty when nothing needs action.

    `school_days_since_entry` comes from the ledger (None: nothing logged yet).
    Deadlines: step due dates (when the district must answer), meeting actions, same-day
    recaps, and filing windows, each when overdue or due within two school days.
    """
    items: list[CheckItem] = []
    urgency = safety_urgency(bundle, today)
    if urgency is not None:
        draft = urgency.draft
        record = (
            f"iep-tui escalate compliance-notice --to {' '.join(draft.to_roles)}"
            + (f" --cc {' '.join(draft.cc_roles)}" if draft.cc_roles else "")
            + (f" --incidents {' '.join(draft.incident_ids)}" if draft.incident_ids else "")
            + (f" --sessions {' '.join(draft.session_ids)}" if draft.session_ids else "")
        )
        for failure in urgency.failures:
            items.append(
                CheckItem(
                    "safety",
                    f"safety: {failure.describe()}; not yet escalated: send a same-day written notice to the "
                    f"{' and '.join(draft.to_roles)} requesting an immediate meeting (record it with `{record}`, "
                    "write it with `iep-tui letter safety-notice`; in the TUI, press ! on the case)",
                    failure.date,
                    failure.evidence.id,
                )
            )
    steps = list(views) if views is not None else view_steps(bundle, calendar, today)
    limit = soon_limit(calendar, today)
    for due, what, ref, kind in sorted(_deadlines(bundle, steps, windows, today), key=lambda d: d[0]):
        if due < today:
            if kind == "window":
                continue  # a window for this failure closed; the next failure's window is listed instead
            days = (today - due).days
            items.append(CheckItem("overdue", f"overdue by {days} day{'s' if days != 1 else ''}: {what}", due, ref))
        elif due <= limit:
            when = "today" if due == today else f"on {due.isoformat()}"
            items.append(CheckItem("window" if kind == "window" else "due-soon", f"due {when}: {what}", due, ref))
    if school_days_since_entry is not None and school_days_since_entry >= NO_ENTRY_SCHOOL_DAYS:
        items.append(
            CheckItem(
                "no-entry",
                f"no entry for {school_days_since_entry} school days: log what happened (delivered, missed, incidents)",
            )
        )
    return items


def step_title(kind: str) -> str:
    return STEP_TITLES.get(kind, kind)
