"""Quick entry and the ledger: `req add|list`, `log ...`, `owed`, `status`, `makeup-plan`.

A parent logs a day in one command (`iep-tui log missed speech --reason provider`);
every entry prints one confirmation line with the requirement's owed total. The
work is done by `iep_tui.services.ledger_service`, which the TUI calls too.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, Protocol

from iep_tui.cli.context import CliContext, Handler, Subcommands, add_case_option, add_command, group_help, minutes_arg
from iep_tui.domain.vocabulary import (
    INCIDENT_KINDS,
    MISS_REASONS,
    PARTIAL_PERIOD_POLICIES,
    REQUIREMENT_KINDS,
    SOURCES,
    SessionStatus,
)

if TYPE_CHECKING:
    from iep_tui.domain.compensatory import ServiceSchedule
    from iep_tui.domain.ledger import RequirementLedger
    from iep_tui.services.ledger_service import MakeupPlans

SOURCE_HELP = "where the fact comes from: " + ", ".join(SOURCES) + " (default: parent-observation)"
WIDTH = 79
"""Text output fits an 80-column terminal."""
DATE_HELP = "YYYY-MM-DD, today, yesterday, a weekday (the most recent), or 'N school days ago' (default: today)"


class LoggedEntry(Protocol):
    """What every log service returns: a confirmation line and a JSON document."""

    def confirmation(self) -> str: ...

    def to_json(self) -> dict[str, object]: ...


def register(sub: Subcommands) -> None:
    req = sub.add_parser("req", help="add or list the IEP's requirements", description="The implementation checklist.")
    req.set_defaults(handler=group_help(req))
    req_sub = req.add_subparsers(title="req commands", metavar="ACTION")

    add = add_command(
        req_sub, "add", run_req_add, "add a requirement (a checklist line); prints its id last", json_flag=True
    )
    add_case_option(add)
    add.add_argument("--kind", required=True, choices=REQUIREMENT_KINDS)
    add.add_argument("--name", required=True, help="short name you will type, e.g. speech")
    add.add_argument("--text", required=True, help="the IEP's exact words")
    add.add_argument(
        "--frequency", default="", help="e.g. '30 min 2x weekly', '120 min weekly', '30 min every 2 weeks', 'as needed'"
    )
    add.add_argument("--role", default="", help="provider role, e.g. slp")
    add.add_argument("--setting", default="")
    add.add_argument("--section", default="", help="IEP section and page")
    add.add_argument("--start", help="first day it applies (" + DATE_HELP.split(" (")[0] + ")")
    add.add_argument("--end", help="last day it applies")
    add.add_argument("--safety", action="store_true", help="safety-related")

    lst = add_command(req_sub, "list", run_req_list, "list the requirements", json_flag=True)
    add_case_option(lst)

    log = sub.add_parser("log", help="log a session, an incident or the week", description="Quick daily entry.")
    log.set_defaults(handler=group_help(log))
    log_sub = log.add_subparsers(title="log commands", metavar="WHAT")

    delivered = _log_command(
        log_sub, "delivered", run_log_delivered, "a session that happened (fewer minutes: a partial session)"
    )
    delivered.add_argument(
        "minutes",
        metavar="MINUTES",
        nargs="?",
        type=minutes_arg,
        help="minutes delivered (default: the session length)",
    )
    delivered.add_argument(
        "--as",
        dest="delivered_as",
        default="",
        metavar="HOW",
        help="how it was delivered when not as the IEP says, e.g. 'group of 5' (not delivered as written)",
    )

    missed = _log_command(log_sub, "missed", run_log_missed, "a session that did not happen")
    missed.add_argument(
        "--reason", help="one of " + ", ".join(MISS_REASONS) + " (a unique prefix will do; default unknown)"
    )
    missed.add_argument("--minutes", type=minutes_arg, help="minutes lost (default: the session length)")

    makeup = _log_command(log_sub, "makeup", run_log_makeup, "a make-up session (credited against what is owed)")
    makeup.add_argument("minutes", metavar="MINUTES", type=minutes_arg)

    incident = add_command(
        log_sub, "incident", run_log_incident, "a failure you observed (an accommodation not given...)", json_flag=True
    )
    add_case_option(incident)
    incident.add_argument("what", metavar="WHAT", help="what happened, in a sentence")
    incident.add_argument(
        "--req", action="append", default=[], metavar="REQ", help="requirement it concerns (repeatable)"
    )
    incident.add_argument("--impact", default="", help="educational impact")
    incident.add_argument("--setting", default="", help="class or place")
    incident.add_argument(
        "--notified", action="append", default=[], metavar="ROLE", help="role told about it (repeatable)"
    )
    incident.add_argument("--new-role", action="store_true", help="accept a role that is not a known one (not a typo)")
    incident.add_argument("--safety", action="store_true", help="safety-related")
    incident.add_argument("--date", help=DATE_HELP)
    incident.add_argument("--source", choices=SOURCES, default="parent-observation", help=SOURCE_HELP)
    incident.add_argument(
        "--kind",
        choices=INCIDENT_KINDS,
        default="observation",
        help="observation (default); refusal: the school refused a service, accommodation, evaluation "
        "or change; informal-change: a service reduced, suspended or changed without an IEP meeting",
    )

    week = add_command(
        log_sub, "week", run_log_week, "the week's impact snapshot (re-entry replaces it)", json_flag=True
    )
    add_case_option(week)
    week.add_argument("--week", help="any day of the week (default: this week)")
    week.add_argument("--missing-work", type=int, default=0, metavar="N")
    week.add_argument("--behavior", type=int, default=0, metavar="N", help="behavior incidents")
    week.add_argument("--nurse", type=int, default=0, metavar="N", help="nurse visits")
    week.add_argument("--out-of-class", type=minutes_arg, default=0, metavar="MINUTES")
    week.add_argument("--note", default="")

    owed = add_command(
        sub,
        "owed",
        run_owed,
        "the ledger: minutes required, delivered, missed and owed per requirement",
        json_flag=True,
    )
    add_case_option(owed)
    owed.add_argument("req", metavar="REQ", nargs="?", help="only this requirement")
    owed.add_argument(
        "--from",
        dest="start",
        metavar="D",
        help="first day (default: the IEP's effective date or the school year's first day)",
    )
    owed.add_argument("--to", dest="end", metavar="D", help="last day (default: today)")
    owed.add_argument("--explain", action="store_true", help="show the arithmetic: each period and each entry")

    policy = add_command(
        sub, "policy", run_policy, "how the ledger counts: show or change the case's policy", json_flag=True
    )
    add_case_option(policy)
    policy.add_argument(
        "--partial-period",
        choices=PARTIAL_PERIOD_POLICIES,
        help="short weeks and months: prorate by school day (default), full, none, or sessions "
        "('N x weekly' requires N sessions unless a closure fell on a session day)",
    )
    policy.add_argument(
        "--session-days",
        action="append",
        default=[],
        metavar='"REQ=tue,thu"',
        help='the weekdays a requirement\'s sessions fall on, for the sessions policy (repeatable; "REQ=" clears them)',
    )
    policy.add_argument(
        "--not-as-written",
        choices=("owed", "delivered"),
        help="sessions delivered other than as written (a group instead of individual): owed "
        "(default) or counted as delivered; listed either way",
    )

    status = add_command(sub, "status", run_status, "today's summary for a case", json_flag=True)
    add_case_option(status)

    plan = add_command(
        sub, "makeup-plan", run_makeup_plan, "a compensatory make-up schedule for the minutes owed", json_flag=True
    )
    add_case_option(plan)
    plan.add_argument("req", metavar="REQ", nargs="?", help="the requirement (or --all)")
    plan.add_argument("--all", action="store_true", help="every requirement that owes minutes")
    plan.add_argument("--by", required=True, metavar="D", help="target date to finish by")
    plan.add_argument(
        "--session-minutes",
        type=int,
        metavar="N",
        help="length of each make-up session (default: the IEP's session length)",
    )
    plan.add_argument(
        "--per-week",
        type=int,
        metavar="N",
        help="make-up sessions a week, 1-5, kept as given (default: 2, raised to finish by --by)",
    )


def _log_command(log_sub: Subcommands, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
    cmd = add_command(log_sub, name, handler, help, json_flag=True)
    add_case_option(cmd)
    cmd.add_argument("req", metavar="REQ", help="requirement: a unique prefix, word or part of its short name or text")
    cmd.add_argument("--date", help=DATE_HELP)
    cmd.add_argument("--note", default="")
    cmd.add_argument("--source", choices=SOURCES, default="parent-observation", help=SOURCE_HELP)
    return cmd


# ---------------------------------------------------------------- helpers


def _confirm(ctx: CliContext, result: LoggedEntry) -> int:
    """What a log command prints: its warnings (stderr), then one line or its JSON document."""
    for warning in getattr(result, "warnings", []):
        ctx.say(warning)
    if ctx.json:
        ctx.emit_json(result.to_json())
    else:
        ctx.emit(result.confirmation())
    return 0


# ---------------------------------------------------------------- req


def run_req_add(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.ledger_service import add_requirement

    case_id = ctx.case_id(args)
    requirement = add_requirement(
        ctx.store,
        case_id,
        kind=args.kind,
        name=args.name,
        text=args.text,
        frequency=args.frequency,
        provider_role=args.role,
        setting=args.setting,
        section=args.section,
        start=ctx.user_date(args.start, case_id=case_id),
        end=ctx.user_date(args.end, case_id=case_id),
        safety=args.safety,
    )
    if ctx.json:
        ctx.emit_json(requirement.model_dump(mode="json"))
        return 0
    freq = f" ({requirement.frequency})" if requirement.frequency else ""
    ctx.say(f"Added {requirement.kind} {requirement.name}{freq}.")
    ctx.emit(requirement.id)
    return 0


def run_req_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.frequency import frequency_of

    _, bundle = ctx.load_case(args)
    if ctx.json:
        rows = []
        for r in bundle.requirements:
            f = frequency_of(r.frequency)
            rows.append({**r.model_dump(mode="json"), "frequency_description": f.describe() if f else ""})
        ctx.emit_json(rows)
        return 0
    if not bundle.requirements:
        ctx.say("No requirements yet: add one with `iep-tui req add --kind service --name speech --text ...`.")
        return 0
    width = min(24, max(len(r.name) for r in bundle.requirements))
    for r in bundle.requirements:
        extra = ", ".join(x for x in (r.frequency, r.provider_role, r.setting) if x)
        flag = "  [safety]" if r.safety else ""
        ctx.emit(f"{r.name[:width]:<{width}}  {r.kind:<13} {extra}{flag}".rstrip())
    return 0


# ---------------------------------------------------------------- log


def _log(
    ctx: CliContext,
    args: argparse.Namespace,
    status: SessionStatus,
    minutes: int | None,
    reason: str | None = None,
    delivered_as: str = "",
) -> int:
    from iep_tui.services.ledger_service import log_session

    case_id = ctx.case_id(args)
    result = log_session(
        ctx.store,
        case_id,
        args.req,
        status,
        today=ctx.today,
        on=ctx.user_date(args.date, case_id=case_id),
        minutes=minutes,
        reason=reason,
        note=args.note,
        source=args.source,
        delivered_as=delivered_as,
    )
    return _confirm(ctx, result)


def run_log_delivered(ctx: CliContext, args: argparse.Namespace) -> int:
    return _log(ctx, args, "delivered", args.minutes, delivered_as=args.delivered_as)


def run_log_missed(ctx: CliContext, args: argparse.Namespace) -> int:
    return _log(ctx, args, "missed", args.minutes, args.reason)


def run_log_makeup(ctx: CliContext, args: argparse.Namespace) -> int:
    return _log(ctx, args, "makeup", args.minutes)


def run_log_incident(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.ledger_service import log_incident

    case_id = ctx.case_id(args)
    result = log_incident(
        ctx.store,
        case_id,
        args.what,
        today=ctx.today,
        on=ctx.user_date(args.date, case_id=case_id),
        requirement_texts=args.req,
        impact=args.impact,
        setting=args.setting,
        notified=args.notified,
        safety=args.safety,
        source=args.source,
        new_roles=args.new_role,
        kind=args.kind,
    )
    return _confirm(ctx, result)


def run_log_week(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.errors import InputError
    from iep_tui.services.ledger_service import log_week

    for flag in ("missing_work", "behavior", "nurse", "out_of_class"):
        if getattr(args, flag) < 0:
            raise InputError(f"--{flag.replace('_', '-')} cannot be negative; give a whole number such as 2.")
    case_id = ctx.case_id(args)
    result = log_week(
        ctx.store,
        case_id,
        today=ctx.today,
        week=ctx.user_date(args.week, case_id=case_id),
        missing_work=args.missing_work,
        behavior_incidents=args.behavior,
        nurse_visits=args.nurse,
        minutes_out_of_class=args.out_of_class,
        note=args.note,
    )
    return _confirm(ctx, result)


# ---------------------------------------------------------------- owed, status, makeup-plan


def run_owed(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.ledger_service import ledger_report

    _, bundle = ctx.load_case(args)
    report = ledger_report(
        bundle, ctx.today, ctx.user_date(args.start, bundle=bundle), ctx.user_date(args.end, bundle=bundle), args.req
    )
    if ctx.json:
        ctx.emit_json(report.to_json())
        return 0
    estimate = " (school days estimated: no district calendar)" if report.estimate else ""
    ctx.emit(f"{report.student}: ledger {report.start.isoformat()} to {report.end.isoformat()}{estimate}")
    if not report.rows:
        ctx.emit("No requirement with a frequency or sessions yet.")
    for row in report.rows:
        ctx.emit("")
        for line in ledger_lines(row, args.explain):
            ctx.emit(line)
    ctx.emit("")
    disputed = f"; disputed {report.disputed_minutes} min" if report.disputed_minutes else ""
    ctx.emit(f"Total owed {report.owed_minutes} min; unaccounted {report.unaccounted_minutes} min{disputed}.")
    for line in textwrap.wrap(report.policy_text, WIDTH):
        ctx.emit(line)
    return 0


def ledger_lines(row: RequirementLedger, explain: bool = False) -> list[str]:
    """A requirement's ledger as short lines (fits 80 columns)."""
    freq = row.frequency.canonical if row.frequency else "no frequency"
    lines = [f"{row.name} ({freq})"]
    if not row.counted:
        lines.append("  not counted: shown, never owed")
    lines.append(
        f"  required {row.required_minutes}  delivered {row.delivered_minutes}"
        + (f" ({row.partial_sessions} partial, {row.shortfall_minutes} short)" if row.shortfall_minutes else "")
        + f"  missed {row.missed_total}  make-up {row.makeup_minutes}"
    )
    missed = ", ".join(f"{reason} {m}" for reason, m in row.missed_minutes.items() if m)
    if missed:
        lines.extend(textwrap.wrap(f"missed: {missed}", WIDTH, initial_indent="  ", subsequent_indent="    "))
    if row.not_as_written_entries:
        how = "owed" if row.policy.not_as_written_owed else "counted as delivered"
        days = "; ".join(f"{e.date.isoformat()} {e.delivered_as}" for e in row.not_as_written_entries)
        text = f"not as written: {row.not_as_written_minutes} min ({how}): {days}"
        lines.extend(textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="    "))
    disputed = f"   disputed {row.disputed_minutes} min" if row.disputed_minutes else ""
    lines.append(f"  OWED {row.owed_minutes} min   unaccounted {row.unaccounted_minutes} min{disputed}")
    for line in exception_lines(row):
        lines.extend(textwrap.wrap(line, WIDTH, initial_indent="  ", subsequent_indent="    "))
    if row.unknown_length_ids:
        lines.append(
            f"  {len(row.unknown_length_ids)} entries without minutes counted as 0: {', '.join(row.unknown_length_ids)}"
        )
    if explain:
        for line in row.required.explain():
            lines.extend(textwrap.wrap(line, WIDTH, initial_indent="    ", subsequent_indent="      "))
        for e in row.owed_entries + row.makeup_entries:
            what = e.reason or e.kind
            lines.append(f"    {e.date.isoformat()} {e.session_id} {what} {e.minutes:+d} ({e.source})")
        if row.counted_once_ids:
            lines.append(f"    counted once (the other record agrees): {', '.join(row.counted_once_ids)}")
    elif row.owed_entries:
        n = len(row.owed_entries)
        lines.append(f"  owed from {n} entr{'y' if n == 1 else 'ies'} (--explain lists them)")
    return lines


def exception_lines(row: RequirementLedger) -> list[str]:
    """Entries the ledger does not count as owed (or counts with a doubt), set-aside days, over-logging."""
    from iep_tui.domain.ledger import CONFLICT, DISPUTED, DUPLICATE

    lines = []
    for e in row.excluded_entries:
        if e.flag == DUPLICATE:
            lines.append(
                f"probable duplicate: {e.date.isoformat()} missed {e.minutes} min ({e.reason}), entry "
                f"{e.session_id}: more missed entries than sessions that day; counted once"
            )
        elif e.flag not in (CONFLICT, DISPUTED):
            lines.append(f"not owed: {e.date.isoformat()} missed {e.minutes} min ({e.reason}): {e.flag}")
    for c in row.conflicts:
        if c.kind == "disputed":
            lines.append(f"disputed: {c.describe()}: {c.minutes} min neither delivered nor owed until settled")
        else:
            lines.append(
                f"conflict: {c.describe()}: {c.minutes} min neither delivered nor owed until the wrong "
                "entry is corrected"
            )
    for e in row.flagged_entries:
        lines.append(f"flagged: {e.date.isoformat()} missed {e.minutes} min ({e.reason}): {e.flag}")
    for excess in row.over_required:
        lines.append(f"owed beyond required: {excess.describe()}")
    return lines


def run_policy(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.ledger import policy_json
    from iep_tui.services.ledger_service import policy_lines, set_policy

    case_id = ctx.case_id(args)
    written = None if args.not_as_written is None else args.not_as_written == "owed"
    policy = set_policy(
        ctx.store,
        case_id,
        partial_period=args.partial_period,
        session_days=args.session_days,
        not_as_written_owed=written,
    )
    if ctx.json:
        ctx.emit_json(policy_json(policy))
        return 0
    for line in policy_lines(ctx.store.load(case_id), policy):
        for wrapped in textwrap.wrap(line, WIDTH):
            ctx.emit(wrapped)
    return 0


def run_status(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.ledger_service import status_summary

    _, bundle = ctx.load_case(args)
    summary = status_summary(bundle, ctx.today)
    if ctx.json:
        ctx.emit_json(summary.to_json())
        return 0
    ctx.emit(f"{summary.student}, {summary.today.strftime('%A')} {summary.today.isoformat()}")
    ctx.emit("Today: " + ("; ".join(summary.today_entries) if summary.today_entries else "nothing logged yet"))
    report = summary.report
    disputed = f", disputed {report.disputed_minutes} min" if report.disputed_minutes else ""
    ctx.emit(
        f"Owed since {report.start.isoformat()}: {report.owed_minutes} min (unaccounted "
        f"{report.unaccounted_minutes} min{disputed})"
    )
    counted = [row for row in report.rows if row.counted]
    width = min(24, max((len(row.name) for row in counted), default=0))
    for row in counted:
        extra = "".join(
            f"   {label} {minutes} min"
            for label, minutes in (("not as written", row.not_as_written_minutes), ("disputed", row.disputed_minutes))
            if minutes
        )
        ctx.emit(
            f"  {row.name[:width]:<{width}}  owed {row.owed_minutes:>5} min   unaccounted "
            f"{row.unaccounted_minutes:>5} min{extra}"
        )
    for f in summary.failures_this_week:
        ctx.emit(f"This week: {f.name} failed {f.in_week(summary.today)} time(s)")
    days = summary.school_days_since_entry
    if days is None:
        ctx.emit("Nothing logged yet.")
    elif days >= 5:
        ctx.emit(f"No entry for {days} school days.")
    return 0


def run_makeup_plan(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.errors import InputError
    from iep_tui.services.ledger_service import makeup_plans

    if bool(args.req) == bool(args.all):
        raise InputError("Name one requirement (e.g. `iep-tui makeup-plan speech --by 2027-01-29`) or use --all.")
    _, bundle = ctx.load_case(args)
    by = ctx.given_date(args.by, bundle=bundle)
    plans = makeup_plans(bundle, ctx.today, by, args.req, args.session_minutes, args.per_week)
    if ctx.json:
        ctx.emit_json(plans.to_json())
        return 0
    schedule = plans.schedule
    if not schedule.services:
        ctx.emit("Nothing is owed: no make-up sessions are needed.")
        return 0
    for ledger in plans.ledgers:
        service = plans.service(ledger)
        if service is None:
            continue
        ctx.emit(f"{ledger.name}: {_makeup_summary(plans, service)}")
        if service.days:
            ctx.emit("  " + ", ".join(f"{day.strftime('%a')} {day.isoformat()}" for day in service.days))
    days = (
        "on estimated school days (no district calendar loaded: weekdays other than public holidays)"
        if schedule.estimate
        else "on school days only (closures skipped)"
    )
    rules = (
        "Whole sessions of the session length (the owed minutes rounded up), at most one make-up session of a "
        f"service a day and at most {schedule.daily_cap} make-up minutes a day across services. Make-up sessions "
        f"are in addition to the regular IEP sessions, {days}."
    )
    for line in textwrap.wrap(rules, WIDTH):
        ctx.emit(line)
    return 0


def _makeup_summary(plans: MakeupPlans, service: ServiceSchedule) -> str:
    """One sentence: the sessions, the pace, and whether they finish by the target (if not, what would)."""
    from iep_tui.export.formatting import plural

    schedule, need = plans.schedule, service.need
    length = f"of {need.session_minutes} min"
    sessions = plural(need.session_count, f"session {length}", f"sessions {length}")
    if service.rounded_up:
        sessions += f" = {need.whole_minutes} min (whole sessions, rounded up)"
    pace = f", {service.per_week} a week" if need.session_count > 1 else ""
    if pace and service.per_week > plans.per_week:
        why = " to finish by the target" if service.fits else "; at most one a school day"
        pace += f" (raised from {plans.per_week}{why})"
    head = f"{need.owed_minutes} min owed: {sessions}{pace} on school days from {schedule.start.isoformat()}"
    target = schedule.by.isoformat()
    if service.fits:
        finish = service.finish.isoformat() if service.finish else "?"
        return f"{head}, finishing {finish} (target {target})."
    if service.complete:
        assert service.finish is not None  # every session scheduled, yet not fitting: the last one is after the target
        finish = f"would finish {service.finish.isoformat()}"
    else:
        finish = "would not finish within three years"
    late = f"{head} {finish}, after the target {target}"
    if service.needed_per_week is not None:
        return f"{late}: {service.needed_per_week} sessions a week would finish in time."
    available = schedule.school_days_available
    if not available:
        return f"{late}. There is no school day between the start and the target."
    if need.session_count > available:
        return (
            f"{late}. Even one session every school day is not enough: {need.session_count} sessions, {available} "
            f"school days before the target; sessions of {schedule.every_day_minutes(service)} min every school day "
            "would be."
        )
    return (
        f"{late}. Even five sessions a week do not finish in time within the cap of {schedule.daily_cap} make-up "
        "minutes a day across services: a later target would."
    )
