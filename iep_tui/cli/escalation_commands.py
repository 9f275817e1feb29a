"""Escalation commands: `escalate`, `escalations`, `respond`, `step`, `meeting`, `meetings`,
`action`, `next`, `windows`, `check`, `arguments`, `history`.

STEP, MEETING and ACTION accept a unique id prefix. Dates accept what `log` accepts
(YYYY-MM-DD, today, yesterday, a weekday, "3 school days ago"). With --json, stdout
is one JSON document; messages go to stderr.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from iep_tui.cli.context import CliContext, Subcommands, add_case_option, add_command, day_count_arg
from iep_tui.domain.vocabulary import CHANNELS, MEETING_STATUSES, STEP_KINDS

if TYPE_CHECKING:
    from iep_tui.domain.escalation_ladder import StepView
    from iep_tui.domain.models import Meeting


def register(sub: Subcommands) -> None:
    esc = add_command(
        sub,
        "escalate",
        run_escalate,
        "record an escalation step; prints its id and due date with the rule and citation",
        json_flag=True,
    )
    esc.add_argument("kind", metavar="KIND", choices=STEP_KINDS, help="one of: " + ", ".join(STEP_KINDS))
    add_case_option(esc)
    when = esc.add_mutually_exclusive_group()
    when.add_argument("--sent", metavar="DATE", help="when it went out (default: today)")
    when.add_argument("--draft", action="store_true", help="record it as a draft, not sent yet")
    esc.add_argument("--to", metavar="ROLE", nargs="+", action="extend", default=[], help="recipients by role")
    esc.add_argument("--cc", metavar="ROLE", nargs="+", action="extend", default=[], help="copied, by role")
    esc.add_argument("--new-role", action="store_true", help="accept a role that is not a known one (not a typo)")
    esc.add_argument("--channel", choices=CHANNELS, default="email")
    esc.add_argument("--asked", metavar="TEXT", default="", help="what the step asks for")
    _add_due_options(esc)
    esc.add_argument("--incidents", metavar="ID", nargs="+", action="extend", default=[], help="linked incidents")
    esc.add_argument("--sessions", metavar="ID", nargs="+", action="extend", default=[], help="linked sessions")

    lst = add_command(
        sub, "escalations", run_escalations, "list the escalation steps with due dates and statuses", json_flag=True
    )
    add_case_option(lst)

    resp = add_command(sub, "respond", run_respond, "record the district's response to a step", json_flag=True)
    resp.add_argument("step", metavar="STEP", help="step id or unique prefix")
    add_case_option(resp)
    resp.add_argument("--date", metavar="DATE", default="today", help="when the response came (default: today)")
    resp.add_argument("--text", metavar="TEXT", required=True, help="what the district said, word for word")

    step = sub.add_parser(
        "step", help="send, close, reopen, correct or show one step", description="Work on one escalation step."
    )
    step_sub = step.add_subparsers(title="step commands", metavar="ACTION", required=True)
    show = add_command(
        step_sub, "show", run_step_show, "a step with its clocks and the days not counted", json_flag=True
    )
    show.add_argument("step", metavar="STEP")
    add_case_option(show)
    send = add_command(step_sub, "send", run_step_send, "a draft went out: start its clock", json_flag=True)
    send.add_argument("step", metavar="STEP")
    add_case_option(send)
    send.add_argument("--date", metavar="DATE", default="today")
    send.add_argument("--letter", metavar="FILE", help="the letter sent for it (its file name is recorded on the step)")
    for name, handler, text in (
        ("close", run_step_close, "nothing more expected from this step"),
        ("reopen", run_step_reopen, "back to waiting for a response"),
    ):
        cmd = add_command(step_sub, name, handler, text, json_flag=True)
        cmd.add_argument("step", metavar="STEP")
        add_case_option(cmd)
    edit = add_command(step_sub, "edit", run_step_edit, "correct a step; its due dates are recomputed", json_flag=True)
    edit.add_argument("step", metavar="STEP")
    add_case_option(edit)
    edit.add_argument("--sent", metavar="DATE", help="the corrected sent date")
    edit.add_argument("--to", metavar="ROLE", nargs="+", action="extend")
    edit.add_argument("--cc", metavar="ROLE", nargs="+", action="extend")
    edit.add_argument("--new-role", action="store_true", help="accept a role that is not a known one (not a typo)")
    edit.add_argument("--channel", choices=CHANNELS)
    edit.add_argument("--asked", metavar="TEXT")
    edit.add_argument("--incidents", metavar="ID", nargs="+", action="extend")
    edit.add_argument("--sessions", metavar="ID", nargs="+", action="extend")
    _add_due_options(edit)
    edit.add_argument("--default-due", action="store_true", help="go back to the step kind's default clock")
    edit.add_argument("--reason", metavar="TEXT", help="why (needed once the step was sent; kept in its history)")

    meeting = sub.add_parser(
        "meeting", help="add a meeting, its actions, its recap, its agenda", description="Meetings."
    )
    meeting_sub = meeting.add_subparsers(title="meeting commands", metavar="ACTION", required=True)
    madd = add_command(meeting_sub, "add", run_meeting_add, "record a meeting; prints its id last", json_flag=True)
    add_case_option(madd)
    madd.add_argument("--date", metavar="DATE", required=True)
    madd.add_argument("--status", choices=MEETING_STATUSES, default="scheduled")
    madd.add_argument("--attendee", metavar="ROLE", nargs="+", action="extend", default=[])
    madd.add_argument("--new-role", action="store_true", help="accept a role that is not a known one (not a typo)")
    madd.add_argument("--purpose", metavar="TEXT", default="")
    madd.add_argument("--requested-on", metavar="DATE")
    mact = add_command(
        meeting_sub, "action", run_meeting_action, "add an agreed action; prints its id last", json_flag=True
    )
    mact.add_argument("meeting", metavar="MEETING")
    add_case_option(mact)
    mact.add_argument("--owner", metavar="ROLE", required=True)
    mact.add_argument("--new-role", action="store_true", help="accept a role that is not a known one (not a typo)")
    mact.add_argument("--what", metavar="TEXT", required=True)
    mact.add_argument("--due", metavar="DATE")
    mrecap = add_command(meeting_sub, "recap", run_meeting_recap, "record that the recap was sent", json_flag=True)
    mrecap.add_argument("meeting", metavar="MEETING")
    add_case_option(mrecap)
    mrecap.add_argument("--date", metavar="DATE", default="today")
    mstatus = add_command(
        meeting_sub, "status", run_meeting_status, "mark a meeting held, rescheduled or cancelled", json_flag=True
    )
    mstatus.add_argument("meeting", metavar="MEETING")
    mstatus.add_argument("status", choices=MEETING_STATUSES)
    add_case_option(mstatus)
    mstatus.add_argument("--date", metavar="DATE", help="the new date (when rescheduled)")
    magenda = add_command(meeting_sub, "agenda", run_meeting_agenda, "an agenda from the open gaps", json_flag=True)
    magenda.add_argument("meeting", metavar="MEETING", nargs="?")
    add_case_option(magenda)

    mlist = add_command(sub, "meetings", run_meetings, "list meetings and their actions", json_flag=True)
    add_case_option(mlist)

    action = sub.add_parser("action", help="meeting actions", description="Agreed meeting actions.")
    action_sub = action.add_subparsers(title="action commands", metavar="ACTION", required=True)
    done = add_command(action_sub, "done", run_action_done, "mark an agreed action done", json_flag=True)
    done.add_argument("action", metavar="ACTION", help="action id or unique prefix")
    add_case_option(done)
    done.add_argument("--date", metavar="DATE", default="today")

    nxt = add_command(sub, "next", run_next, "suggested next steps, each with why", json_flag=True)
    add_case_option(nxt)

    win = add_command(sub, "windows", run_windows, "filing windows: state complaint, due process, OCR", json_flag=True)
    add_case_option(win)

    chk = add_command(
        sub,
        "check",
        run_check,
        "exit 1 with one line per item when something needs action (every case without --case); for cron",
        json_flag=True,
    )
    add_case_option(chk)

    args_cmd = add_command(
        sub, "arguments", run_arguments, "common school replies and what to ask for in response", json_flag=True
    )
    args_cmd.add_argument("text", metavar="TEXT", nargs="?", help="what the school said, or an argument id")

    hist = add_command(
        sub, "history", run_history, "the audit trail of one record (edits and their reasons)", json_flag=True
    )
    hist.add_argument("record", metavar="ID", help="id or unique prefix of a step, incident, session or meeting")
    add_case_option(hist)


def _add_due_options(parser: argparse.ArgumentParser) -> None:
    due = parser.add_mutually_exclusive_group()
    due.add_argument("--due-rule", metavar="RULE_ID", help="a deadline rule (`iep-tui rules` lists them)")
    due.add_argument(
        "--due-school-days", metavar="N", type=day_count_arg, help="response due N school days after sending"
    )
    due.add_argument("--due-business-days", metavar="N", type=day_count_arg)
    due.add_argument("--due-calendar-days", metavar="N", type=day_count_arg)


def _due_spec(args: argparse.Namespace) -> tuple[str | None, int | None, str | None]:
    for kind in ("school", "business", "calendar"):
        value = getattr(args, f"due_{kind}_days", None)
        if value is not None:
            return None, value, kind
    return getattr(args, "due_rule", None), None, None


# ---------------------------------------------------------------- helpers


def _print_step(ctx: CliContext, view: StepView, verb: str) -> None:
    """The step's id (first line, bare), then its status and every clock."""
    if ctx.json:
        ctx.emit_json(view.to_json())
        return
    ctx.emit(view.id)
    step = view.step
    ctx.emit(view.heading(verb))
    if not view.clocks:
        ctx.emit("no due date yet: it starts when the step is sent (`iep-tui step send STEP --date D`)")
    for clock in view.clocks:
        ctx.emit(clock.describe())
    for warning in view.warnings:
        ctx.emit(f"!! {warning}")
    if step.status == "answered" and step.response_date:
        ctx.emit(f"answered {step.response_date.isoformat()}: {step.response}")


# ---------------------------------------------------------------- steps


def run_escalate(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    sent = None if args.draft else (ctx.user_date(args.sent, bundle=bundle) or ctx.today)
    rule, count, day_kind = _due_spec(args)
    view = svc.escalate(
        ctx.store,
        case_id,
        args.kind,
        today=ctx.today,
        sent=sent,
        channel=args.channel,
        to_roles=args.to,
        cc_roles=args.cc,
        asked=args.asked,
        incidents=args.incidents,
        sessions=args.sessions,
        due_rule=rule,
        due_count=count,
        due_day_kind=day_kind,
        new_roles=args.new_role,
    )
    _print_step(ctx, view, "Recorded")
    return 0


def run_escalations(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    _, bundle = ctx.load_case(args)
    views = svc.step_views(bundle, ctx.today)
    if ctx.json:
        ctx.emit_json([v.to_json() for v in views])
        return 0
    if not views:
        ctx.say("No escalation steps yet. Record one with `iep-tui escalate KIND`.")
        return 0
    for view in views:
        sent = view.step.sent.isoformat() if view.step.sent else "(draft)   "
        due = view.due.isoformat() if view.due else "-         "
        rule = ""
        if view.primary is not None:
            rule = "your count" if view.primary.user_set else (view.primary.rule_id or "")
            if view.primary.convention:
                rule += " (convention)"
        ctx.emit(f"{view.id}  {view.kind:<19} sent {sent}  due {due}  {view.status:<8}  {rule}".rstrip())
    return 0


def run_respond(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    view = svc.respond(ctx.store, case_id, args.step, ctx.given_date(args.date, bundle=bundle), args.text, ctx.today)
    _print_step(ctx, view, "Answered:")
    return 0


def run_step_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.audit import revision_summary
    from iep_tui.services import escalation_service as svc

    _, bundle = ctx.load_case(args)
    view = svc.step_view(bundle, svc.find_step(bundle, args.step), ctx.today)
    if ctx.json:
        data = view.to_json()
        data["skipped"] = [
            {"clock": c.label, "date": d.isoformat(), "reason": r} for c in view.clocks for d, r in c.skipped
        ]
        data["history"] = revision_summary(view.step)
        ctx.emit_json(data)
        return 0
    _print_step(ctx, view, "")
    if view.step.asked:
        ctx.emit(f"asked: {view.step.asked}")
    for clock in view.clocks:
        if clock.skipped:
            ctx.emit(f"not counted for {clock.label}:")
            for day, reason in clock.skipped:
                ctx.emit(f"  {day:%a} {day.isoformat()}  {reason}")
    return 0


def run_step_send(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    view = svc.send(
        ctx.store, case_id, args.step, ctx.given_date(args.date, bundle=bundle), ctx.today, letter_file=args.letter
    )
    _print_step(ctx, view, "Sent:")
    if view.step.letter_file and not ctx.json:
        ctx.emit(f"letter: {view.step.letter_file}")
    return 0


def run_step_close(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, _ = ctx.load_case(args)
    _print_step(ctx, svc.close(ctx.store, case_id, args.step, ctx.today), "Closed:")
    return 0


def run_step_reopen(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, _ = ctx.load_case(args)
    _print_step(ctx, svc.reopen(ctx.store, case_id, args.step, ctx.today), "Reopened:")
    return 0


def run_step_edit(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.errors import InputError
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    rule, count, day_kind = _due_spec(args)
    due: tuple[str | None, int | None, str | None] | None = None
    if args.default_due:
        if rule or count is not None:
            raise InputError("--default-due cannot be combined with another due option.")
        due = (None, None, None)
    elif rule or count is not None:
        due = (rule, count, day_kind)
    view = svc.edit_step(
        ctx.store,
        case_id,
        args.step,
        ctx.today,
        sent=ctx.user_date(args.sent, bundle=bundle),
        to_roles=args.to,
        cc_roles=args.cc,
        channel=args.channel,
        asked=args.asked,
        incidents=args.incidents,
        sessions=args.sessions,
        due=due,
        reason=args.reason,
        new_roles=args.new_role,
    )
    _print_step(ctx, view, "Corrected:")
    return 0


# ---------------------------------------------------------------- meetings


def _meeting_json(meeting: Meeting, today: date) -> dict[str, object]:
    from iep_tui.calendar.day_count import iso_or_none
    from iep_tui.domain.meeting_agenda import action_state, recap_due, recap_state

    due = recap_due(meeting)
    return {
        "id": meeting.id,
        "date": meeting.date.isoformat(),
        "status": meeting.status,
        "purpose": meeting.purpose,
        "attendees": list(meeting.attendees),
        "recap_due": iso_or_none(due),
        "recap_sent": iso_or_none(meeting.recap_sent),
        "recap": recap_state(meeting, today),
        "actions": [
            {
                "id": a.id,
                "owner_role": a.owner_role,
                "what": a.what,
                "due": iso_or_none(a.due),
                "done": iso_or_none(a.done),
                "state": action_state(a, today),
            }
            for a in meeting.actions
        ],
    }


def run_meeting_add(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    meeting = svc.add_meeting(
        ctx.store,
        case_id,
        ctx.given_date(args.date, bundle=bundle),
        status=args.status,
        attendees=args.attendee,
        purpose=args.purpose,
        requested_on=ctx.user_date(args.requested_on, bundle=bundle),
        new_roles=args.new_role,
    )
    if ctx.json:
        ctx.emit_json(_meeting_json(meeting, ctx.today))
        return 0
    ctx.say(f"Recorded the meeting of {meeting.date.isoformat()} ({meeting.status}).")
    if meeting.status == "held" and meeting.recap_sent is None:
        ctx.say(
            f"Its recap is due today-of-meeting ({meeting.date.isoformat()}): `iep-tui meeting recap {meeting.id}`."
        )
    ctx.emit(meeting.id)
    return 0


def run_meeting_action(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    meeting, action = svc.add_action(
        ctx.store,
        case_id,
        args.meeting,
        args.owner,
        args.what,
        ctx.user_date(args.due, bundle=bundle),
        new_roles=args.new_role,
    )
    if ctx.json:
        ctx.emit_json(_meeting_json(meeting, ctx.today))
        return 0
    due = f", due {action.due.isoformat()}" if action.due else ""
    ctx.say(f"Action for {action.owner_role}: {action.what}{due} (meeting of {meeting.date.isoformat()}).")
    ctx.emit(action.id)
    return 0


def run_meeting_recap(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.meeting_agenda import recap_days_after
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    meeting = svc.recap_sent(ctx.store, case_id, args.meeting, ctx.given_date(args.date, bundle=bundle), ctx.today)
    if ctx.json:
        ctx.emit_json(_meeting_json(meeting, ctx.today))
        return 0
    assert meeting.recap_sent is not None
    late = recap_days_after(meeting)
    note = "the same day" if late == 0 else f"{late} day{'s' if late != 1 else ''} after the meeting"
    ctx.emit(f"Recap of the meeting of {meeting.date.isoformat()} sent {meeting.recap_sent.isoformat()} ({note}).")
    return 0


def run_meeting_status(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    meeting = svc.set_meeting_status(
        ctx.store, case_id, args.meeting, args.status, ctx.user_date(args.date, bundle=bundle)
    )
    if ctx.json:
        ctx.emit_json(_meeting_json(meeting, ctx.today))
        return 0
    ctx.emit(f"Meeting {meeting.id} of {meeting.date.isoformat()}: {meeting.status}.")
    return 0


def run_meeting_agenda(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    _, bundle = ctx.load_case(args)
    meeting = svc.find_meeting(bundle, args.meeting) if args.meeting else None
    agenda = svc.agenda(bundle, ctx.today, meeting)
    if ctx.json:
        ctx.emit_json(agenda.to_json())
        return 0
    title = f"Agenda for the meeting of {meeting.date.isoformat()}" if meeting else "Agenda"
    ctx.emit(title)
    for line in agenda.lines():
        ctx.emit(line)
    return 0


def run_meetings(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.meeting_agenda import action_state, recap_state

    _, bundle = ctx.load_case(args)
    meetings = sorted(bundle.meetings, key=lambda m: m.date)
    if ctx.json:
        ctx.emit_json([_meeting_json(m, ctx.today) for m in meetings])
        return 0
    if not meetings:
        ctx.say("No meetings yet. Add one with `iep-tui meeting add --date D`.")
        return 0
    for m in meetings:
        recap = recap_state(m, ctx.today)
        recap_text = {"due": "recap due today", "overdue": "recap OVERDUE", "sent": "recap sent"}.get(recap, "")
        ctx.emit(f"{m.id}  {m.date.isoformat()}  {m.status:<11} {m.purpose}  {recap_text}".rstrip())
        for a in m.actions:
            due = a.due.isoformat() if a.due else "no date"
            ctx.emit(f"    {a.id}  {a.owner_role}: {a.what} (due {due}, {action_state(a, ctx.today)})")
    return 0


def run_action_done(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.meeting_agenda import days_late
    from iep_tui.services import escalation_service as svc

    case_id, bundle = ctx.load_case(args)
    meeting, action = svc.complete_action(
        ctx.store, case_id, args.action, ctx.given_date(args.date, bundle=bundle), ctx.today
    )
    if ctx.json:
        ctx.emit_json(_meeting_json(meeting, ctx.today))
        return 0
    assert action.done is not None  # complete_action has just set it
    lateness = days_late(action)
    late = f" ({lateness} day{'s' if lateness != 1 else ''} after its due date)" if lateness else ""
    ctx.emit(f"Done {action.done.isoformat()}: {action.owner_role}: {action.what}{late}.")
    return 0


# ---------------------------------------------------------------- next, windows, check


def run_next(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    _, bundle = ctx.load_case(args)
    found = svc.suggestions(bundle, ctx.today)
    if ctx.json:
        ctx.emit_json([s.to_json() for s in found])
        return 0
    if not found:
        ctx.emit("No next step suggested: nothing logged calls for one.")
        return 0
    for number, suggestion in enumerate(found, start=1):
        ctx.emit(f"{number}. [{suggestion.urgency}] {suggestion.title}")
        ctx.emit(f"   why: {suggestion.reason}")
        if suggestion.note:
            ctx.emit(f"   note: {suggestion.note}")
    return 0


def run_windows(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    _, bundle = ctx.load_case(args)
    found = svc.windows(bundle, ctx.today)
    if ctx.json:
        ctx.emit_json([w.to_json() for w in found])
        return 0
    for window in found:
        ctx.emit(window.sentence())
    return 0


def run_check(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import escalation_service as svc

    ids = [ctx.case_id(args)] if args.case else None
    results = svc.check(ctx.store, ctx.today, ids)
    needs = any(r.needs_action for r in results)
    if ctx.json:
        ctx.emit_json({"today": ctx.today.isoformat(), "needs_action": needs, "cases": [r.to_json() for r in results]})
        return 1 if needs else 0
    for result in results:
        for line in result.lines():
            ctx.emit(line)
    if not needs:
        count = len(results)
        ctx.emit(f"nothing needs action ({count} case{'s' if count != 1 else ''} checked, {ctx.today.isoformat()})")
    return 1 if needs else 0


# ---------------------------------------------------------------- reference and audit


def run_arguments(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain import school_arguments as sa
    from iep_tui.errors import NotFoundError

    if args.text:
        try:
            chosen = [sa.get_argument(args.text)]
        except NotFoundError:
            chosen = sa.match_arguments(args.text)
            if not chosen:
                raise NotFoundError(
                    f"No school argument matches {args.text!r}; `iep-tui arguments` lists them all."
                ) from None
    else:
        chosen = list(sa.school_arguments())
    if ctx.json:
        ctx.emit_json({"note": sa.arguments_note(), "arguments": [a.model_dump(mode="json") for a in chosen]})
        return 0
    for argument in chosen:
        ctx.emit(f'"{argument.title}" ({argument.id})')
        ctx.emit(f"  {argument.meaning}")
        ctx.emit("  Ask for:")
        for item in argument.ask_for:
            ctx.emit(f"    - {item}")
        if argument.citations:
            ctx.emit("  Cite: " + "; ".join(argument.citations))
        ctx.emit("")
    ctx.say(sa.arguments_note())
    return 0


def run_history(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.audit import revision_summary
    from iep_tui.services import escalation_service as svc

    _, bundle = ctx.load_case(args)
    record = svc.find_record(bundle, args.record)
    rows = revision_summary(record)
    kind = type(record).__name__.lower().replace("escalationstep", "step")
    if ctx.json:
        ctx.emit_json(
            {
                "id": record.id,
                "kind": kind,
                "entered": record.created.isoformat(),
                "updated": record.updated.isoformat(),
                "revisions": rows,
            }
        )
        return 0
    ctx.emit(f"{kind} {record.id}: entered {record.created.isoformat()}, last changed {record.updated.isoformat()}")
    if not rows:
        ctx.emit("no edits with a reason recorded")
    for row in rows:
        ctx.emit(f"  {row['at']}: {row['reason']} (changed: {', '.join(row['fields']) or 'nothing'})")
    return 0
