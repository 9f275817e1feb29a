"""Meeting recap or follow-up (legal-rules.md 6.8): what was agreed, by whom, by when.

A recap is for a meeting held today or in the last few school days
(`CaseView.recent_meeting`): date, attendees, each agreed action with its owner and
deadline, a request for Prior Written Notice of any refusal, and a date by which to
correct the record. Later, the same request gives a follow-up on the meeting's agreed
actions that are overdue (owner, what, due, days late), not a thank-you for a meeting
weeks ago.
"""

from __future__ import annotations

from datetime import date

from iep_tui.domain.case_view import RECAP_SCHOOL_DAYS, CaseView
from iep_tui.domain.meeting_agenda import ActionView
from iep_tui.domain.models import Meeting
from iep_tui.errors import InputError
from iep_tui.export import letter_parts as parts
from iep_tui.export.formatting import count_word, join_and, long_date, plural, role_title, short_date
from iep_tui.export.letter import Letter, LetterBuilder, Table

KIND = "meeting-recap"
TITLE = "Meeting recap"


def build(view: CaseView) -> Letter:
    meeting = view.last_held_meeting()
    if meeting is None:
        raise InputError(
            "No meeting marked held is logged: a recap needs the meeting's date, attendees and agreed actions."
        )
    if view.recent_meeting() is None:
        return _follow_up(view, meeting)
    to = parts.recipient(view, "case-manager", "as the recipient of the meeting recap")
    first = parts.first_name(view)
    body = LetterBuilder()
    purpose = f" Purpose of the meeting: {meeting.purpose.rstrip('.')}." if meeting.purpose else ""
    body.para(
        f"Thank you for meeting with me on {long_date(meeting.date)} about {first}'s IEP.{purpose} This letter is "
        "my written record of what we agreed."
    )
    present = []
    for role in meeting.attendees:
        if role == "parent":
            continue
        contact = view.contact(role)
        name = contact.name if contact is not None and contact.name else ""
        present.append(f"{name} ({role_title(role).lower()})" if name else role_title(role).lower())
    if present:
        body.para(f"Attending with me: {join_and(present)}.")

    actions = view.meeting_actions(meeting)
    body.heading("What we agreed")
    if actions:
        later = view.today > meeting.date
        rows = []
        for n, action in enumerate(actions, start=1):
            a = action.action
            owner = role_title(a.owner_role)
            contact = view.contact(a.owner_role)
            if contact is not None and contact.name:
                owner = f"{contact.name} ({owner.lower()})"
            row = [str(n), a.what, owner, long_date(a.due) if a.due else "no date set"]
            if later:
                row.append(_state(action.state, a.done))
            rows.append(row)
        columns = ["No.", "Action", "Who", "By"] + ([f"Status on {short_date(view.today)}"] if later else [])
        widths = (0.4, 2.9, 1.5, 1.2) + ((1.3,) if later else ())
        body.table(Table.of(columns, rows, widths=widths))
        undated = [n for n, a in enumerate(actions, start=1) if a.action.due is None]
        if undated:
            body.para(f"Please tell me by when action {join_and([str(n) for n in undated])} will be done.")
    else:
        body.para("No actions with an owner and a deadline were agreed. I would like to agree them in writing.")
    earlier = view.overdue_actions(but=meeting)
    if earlier:
        body.heading("Still not done from earlier meetings")
        body.para("These actions agreed at earlier meetings are past their due date and not done:")
        body.table(_overdue_table(view, earlier))
    if meeting.notes:
        body.heading("Other points")
        body.para(meeting.notes)
    body.para(
        "If the district refused at the meeting to provide or change a service, accommodation or support, please "
        "send me Prior Written Notice of that refusal (34 CFR 300.503(a)). If the IEP was amended, please send me a "
        "copy of it (34 CFR 300.322(f))."
    )
    body.para(
        f"If anything here does not match your understanding, please send me a correction in writing by "
        f"{parts.due_text(view.short_reply_due, 'corrections')}. Otherwise I will take this letter as the agreed "
        f"record of the meeting, and I ask that it be kept in {first}'s education records."
    )
    return parts.make_letter(
        view,
        KIND,
        TITLE,
        f"Recap of our meeting on {long_date(meeting.date)}",
        to,
        [
            "principal",
            "special-education-director",
            *[r for r in meeting.attendees if r not in ("parent", "case-manager")],
        ],
        body.build(),
    )


def _overdue_table(view: CaseView, overdue: list[ActionView], caption: str = "") -> Table:
    """Owner (named when the contact is), what, due and days late; the meeting's date as its own
    column when the actions come from more than one meeting."""
    several = len({a.meeting.id for a in overdue}) > 1
    rows = []
    for n, action in enumerate(overdue, start=1):
        a = action.action
        owner = role_title(a.owner_role)
        contact = view.named_contact(a.owner_role)
        if contact is not None:
            owner = f"{contact.name} ({owner.lower()})"
        late = plural(view.days_late(action), "day")
        agreed = [short_date(action.meeting.date)] if several else []
        rows.append((str(n), a.what, owner, *agreed, long_date(a.due) if a.due else "", late))
    columns = ("No.", "Action", "Who", *(["Agreed"] if several else []), "Due", "Late")
    widths = (0.4, 2.9, 1.6, *((1.0,) if several else ()), 1.2, 0.8)
    caption = caption or f"Days late are calendar days from the due date to {long_date(view.today)}."
    return Table.of(columns, rows, widths=widths, caption=caption)


def _follow_up(view: CaseView, meeting: Meeting) -> Letter:
    """The agreed actions of the meetings held that are overdue, with how late each is."""
    overdue = view.overdue_actions()
    if not overdue:
        raise InputError(
            f"The last meeting held ({meeting.date.isoformat()}) is more than {RECAP_SCHOOL_DAYS} school days ago and "
            "no agreed action of a meeting held is overdue: there is no recap or follow-up to write. Record a new "
            "meeting with `iep-tui meeting add`, or its actions with `iep-tui meeting action`."
        )
    to = parts.recipient(view, "case-manager", "as the recipient of the follow-up")
    first = parts.first_name(view)
    body = LetterBuilder()
    dates = sorted({a.meeting.date for a in overdue})
    if len(dates) == 1:
        only = overdue[0].meeting
        purpose = f" ({only.purpose.rstrip('.')})" if only.purpose else ""
        where = f"At our meeting on {long_date(dates[0])}{purpose}"
    else:
        where = f"At our meetings on {join_and([long_date(d) for d in dates])}"
    count = len(overdue)
    body.para(
        f"{where}, we agreed on actions for {first}. As of today, "
        f"{count_word(count)} of them {'is' if count == 1 else 'are'} past {'its' if count == 1 else 'their'} due "
        f"date and not done:"
    )
    body.table(_overdue_table(view, overdue))
    body.para(
        f"Please complete each action, or tell me in writing when it will be done, by "
        f"{parts.due_text(view.reply_for(KIND), 'the reply')}."
    )
    body.para(
        "If the district has decided not to do any of them, please send me Prior Written Notice of that refusal "
        "(34 CFR 300.503(a)) where it concerns a service, accommodation or support in the IEP."
    )
    body.para(f"Thank you for your help in getting these done for {first}.")
    return parts.make_letter(
        view,
        KIND,
        "Follow-up on agreed actions",
        f"Overdue actions agreed at our {'meeting' if len(dates) == 1 else 'meetings'} on "
        f"{join_and([long_date(d) for d in dates])}",
        to,
        [
            "principal",
            "special-education-director",
            *[a.action.owner_role for a in overdue if a.action.owner_role not in ("parent", "case-manager")],
        ],
        body.build(),
    )


def _state(state: str, done: date | None) -> str:
    if state == "done" and done is not None:
        return f"done {short_date(done)}"
    if state == "overdue":
        return "not done, overdue"
    return "open"
