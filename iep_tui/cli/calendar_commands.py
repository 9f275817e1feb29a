"""Calendar commands: `deadline`, `rules`, `calendar import`, `calendar show`.

`deadline` works without any case (`--state`, `--calendar FILE`) so a parent can check
a letter's date in one line; with `--case` it counts on the case's district calendar.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from iep_tui.cli.context import (
    CliContext,
    Subcommands,
    add_case_option,
    add_command,
    add_force_option,
    add_workspace_option,
    day_count_arg,
    group_help,
)
from iep_tui.errors import InputError

if TYPE_CHECKING:
    from iep_tui.calendar.deadline_rules import RuleChoice
    from iep_tui.calendar.school_calendar import SchoolCalendar

LOAD_HINT = (
    "For exact school days, load the district's calendar (ICS or CSV):\n"
    "   iep-tui calendar import FILE --case CASE    or pass --calendar FILE"
)


def register(sub: Subcommands) -> None:
    deadline = add_command(
        sub,
        "deadline",
        run_deadline,
        "compute a due date: N school, business or calendar days (or a rule) after a date",
        json_flag=True,
    )
    deadline.add_argument(
        "--start",
        required=True,
        metavar="DATE",
        help="the trigger date (day 0, not counted): YYYY-MM-DD, today, yesterday or a weekday",
    )
    count = deadline.add_mutually_exclusive_group(required=True)
    count.add_argument(
        "--school-days", type=day_count_arg, metavar="N", help="days students attend, by the district calendar"
    )
    count.add_argument(
        "--business-days", type=day_count_arg, metavar="N", help="Mon-Fri except federal and state holidays"
    )
    count.add_argument("--calendar-days", type=day_count_arg, metavar="N", help="every day")
    count.add_argument(
        "--rule",
        metavar="RULE",
        help="a rule id or a purpose, e.g. initial-evaluation (see `iep-tui rules`); "
        "with a state, that state's rule for the purpose",
    )
    deadline.add_argument(
        "--before", action="store_true", help="count back from --start (e.g. papers due before a meeting)"
    )
    deadline.add_argument(
        "--state", metavar="XX", help="state for holidays and rules (default: the case's, else federal only)"
    )
    deadline.add_argument("--calendar", metavar="FILE", help="a district calendar (ICS or CSV) to count on")
    add_case_option(deadline)

    rules = add_command(sub, "rules", run_rules, "list deadline rules with their citations", json_flag=True)
    rules.add_argument("--state", metavar="XX", help="federal rules plus this state's (default: every jurisdiction)")

    group = sub.add_parser(
        "calendar",
        help="import or show a case's school calendar",
        description="Import a district calendar (ICS or CSV) into a case, or show a month of it.",
    )
    add_workspace_option(group)
    group.set_defaults(handler=group_help(group))
    group_sub = group.add_subparsers(title="calendar commands", metavar="ACTION")

    imp = add_command(
        group_sub, "import", run_calendar_import, "read a district calendar (ICS or CSV) into a case", json_flag=True
    )
    imp.add_argument("file", metavar="FILE", help="the district's .ics or .csv calendar")
    add_case_option(imp)
    imp.add_argument("--dry-run", action="store_true", help="report what would be imported without saving")

    show = add_command(group_sub, "show", run_calendar_show, "show a month of the school calendar", json_flag=True)
    add_case_option(show)
    show.add_argument("--month", metavar="YYYY-MM", help="the month to show (default: this month)")
    show.add_argument("--calendar", metavar="FILE", help="show a district calendar file instead of a case's")
    show.add_argument("--state", metavar="XX", help="state for holidays (with --calendar or no case)")

    ics = add_command(
        group_sub, "ics", run_calendar_ics, "write the case's deadlines as an .ics file for a phone calendar"
    )
    add_case_option(ics)
    ics.add_argument("--out", metavar="FILE", help="where to write (default: the workspace's exports/ folder)")
    add_force_option(ics, ".ics")


def _parse_month(text: str | None, today: date) -> tuple[int, int]:
    if not text:
        return today.year, today.month
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        date(year, month, 1)
    except ValueError:
        raise InputError(f"--month {text!r} is not a month: use YYYY-MM, e.g. 2026-11.") from None
    return year, month


def _normal_state(text: str | None) -> str | None:
    if text is None:
        return None
    from iep_tui.calendar.states import normalize_state

    try:
        return normalize_state(text)
    except ValueError as error:
        raise InputError(f"--state: {error}.") from None


def _resolve_calendar(
    ctx: CliContext, args: argparse.Namespace, state_hint: str | None = None
) -> tuple[SchoolCalendar, str | None, str]:
    """The calendar to count on, its state, and a phrase saying where it came from.

    --calendar FILE (applied over the case's calendar when --case is given too), else
    the case's calendar, else an estimate for --state (or federal holidays only).
    """
    from iep_tui.calendar.school_calendar import SchoolCalendar
    from iep_tui.calendar.settings import CalendarSettings

    state = _normal_state(getattr(args, "state", None))
    settings: CalendarSettings | None = None
    described = ""
    if getattr(args, "case", None):
        _, bundle = ctx.load_case(args)
        case = bundle.case
        if state and state != case.state:
            ctx.say(f"Note: --state {state} overrides the case's state ({case.state}).")
        state = state or case.state
        settings = case.calendar
        described = f"case {case.student} ({case.id})"
    state = state or state_hint
    if getattr(args, "calendar", None):
        from iep_tui.calendar.calendar_import import apply_import, calendar_of_file, import_file

        result = import_file(args.calendar)
        for warning in result.warnings:
            ctx.say(f"{result.source}: {warning}")
        described = f"district calendar {result.source}"
        if settings is None:
            if state is None:
                # No case and no --state: the file alone, federal holidays only (nothing defaults to a state).
                return calendar_of_file(result, None), None, described
            settings = CalendarSettings(state=state)
        settings = apply_import(settings, result)
    if settings is None:
        return SchoolCalendar.estimate_for(state), state, "no district calendar"
    calendar = SchoolCalendar(
        state=state,
        subdivision=settings.subdivision if state == settings.state else None,
        school_years=settings.school_years,
        closures=settings.closures,
        early_release=settings.early_release,
        source=settings.source,
    )
    if calendar.estimate:
        described += " (no district calendar loaded)"
    elif settings.source and settings.source not in described:
        described += f", from {settings.source}"
    return calendar, state, described


# ---------------------------------------------------------------- deadline


def run_deadline(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.calendar.day_count import count_days
    from iep_tui.calendar.deadline_rules import PURPOSES, applicable_rule, deadline_for_rule, get_rule
    from iep_tui.domain.date_input import parse_user_date

    rule = None
    state_hint = None
    wanted = args.rule.strip().lower() if args.rule else None
    if wanted and wanted not in PURPOSES:
        rule = get_rule(wanted)
        state_hint = None if rule.jurisdiction == "US" else rule.jurisdiction
    if not (args.case or args.state) and state_hint is None:
        args.case = _only_case(ctx)  # `--case` is optional when the workspace has one case
    calendar, state, described = _resolve_calendar(ctx, args, state_hint)
    start = parse_user_date(args.start, ctx.today, calendar)
    choice = None
    if wanted:
        if args.before:
            ctx.say("Note: --before is ignored with --rule; a rule counts in its own direction.")
        if rule is not None and rule.jurisdiction != "US":
            rule = get_rule(rule.id, state)  # refuses another state's rule
        else:
            # A purpose, or a federal rule serving one: the state's own rule replaces or joins it.
            purpose = wanted if rule is None else rule.purpose
            if purpose is not None:
                choice = applicable_rule(purpose, state)
                if choice.rule is None:
                    raise InputError(_no_clock(choice))
        if choice is not None:
            result = choice.count(calendar, start)
        else:
            assert rule is not None  # a purpose always makes a choice, so a rule id was given
            result = deadline_for_rule(calendar, start, rule)
        assert result is not None
        rule = result.rule
    else:
        kind, count = next(
            (kind, getattr(args, attr))
            for kind, attr in (("school", "school_days"), ("business", "business_days"), ("calendar", "calendar_days"))
            if getattr(args, attr) is not None
        )
        result = count_days(calendar, start, count, kind, backward=args.before)
    warnings = [
        *(choice.warnings if choice is not None else ()),
        *_business_day_warnings(result.day_kind, calendar, state),
    ]

    if ctx.json:
        document = result.to_json()
        document["state"] = state
        document["calendar"] = described
        document["applies"] = None if choice is None else choice.to_json()
        document["warnings"] = warnings
        for warning in warnings:
            ctx.say(f"WARNING: {warning}")
        if result.estimate:
            ctx.say("ESTIMATE: no district calendar was used. " + LOAD_HINT)
        ctx.emit_json(document)
        return 0

    for warning in warnings:
        ctx.emit(f"!! {warning}")
    if result.estimate:
        holidays = f"federal and {state} holidays" if state else "federal holidays"
        ctx.emit("!! ESTIMATE: no district calendar is loaded, so school days are weekdays minus")
        ctx.emit(f"!! {holidays}. Breaks, teacher workdays and summer are NOT known.")
        for line in LOAD_HINT.splitlines():
            ctx.emit("!! " + line)
    for line in result.explain():
        if not line.startswith("ESTIMATE:"):
            ctx.emit(line)
    if rule is not None:
        ctx.emit(f"Rule {rule.id}: {rule.title}.")
        ctx.emit(f"  Starts from: {rule.trigger}. Citation: {rule.citation}.")
        ctx.emit(f"  {rule.caveat}")
        if rule.note:
            ctx.emit(f"  {rule.note}")
    if choice is not None:
        ctx.emit(f"Which rule: {choice.statement()}")
    holidays_for = f"federal and {state} holidays" if state else "federal holidays only (no --state)"
    ctx.emit(f"Calendar: {described}; business days exclude {holidays_for}.")
    return 0


def _only_case(ctx: CliContext) -> str | None:
    """The workspace's case when it holds exactly one, else None: `deadline` also works with no
    case (federal holidays only, or --state), and says so when several cases could be meant."""
    if not ctx.workspace.root.exists():
        return None
    summaries = ctx.store.summaries()
    if len(summaries) == 1:
        return summaries[0]["id"]  # named in the output's "Calendar: case ..." line (and JSON's "calendar")
    if summaries:
        ctx.say(
            f"Note: this workspace has {len(summaries)} cases and none was named: counting without a case "
            "(federal holidays only); name one with --case, or give --state."
        )
    return None


def _business_day_warnings(day_kind: str, calendar: SchoolCalendar, state: str | None) -> list[str]:
    """Say when business days (or estimated school days) use the holidays package uncorrected."""
    from iep_tui.calendar.office_closures import uncorrected_reason
    from iep_tui.calendar.states import STATES

    counts_holidays = day_kind == "business" or (day_kind == "school" and calendar.estimate)
    reason = uncorrected_reason(state) if counts_holidays else None
    if reason is None or state is None:
        return []
    return [
        f"{STATES[state]}'s office holidays are {reason.split(':')[0]}: "
        "business days use the holidays package's list as is."
    ]


def _no_clock(choice: RuleChoice) -> str:
    """Why no date can be computed: federal law sets no clock for the purpose, and the state
    was researched and sets none, or was not researched, or has no rules file."""
    from iep_tui.calendar.states import STATES

    where = STATES[choice.state] if choice.state else None
    head = f"Federal law sets no deadline for {choice.purpose}"
    if where is None:
        return f"{head}; give --state to look for a state's rule (`iep-tui rules` lists them)."
    if choice.basis == "no-state-rule":
        return f"{head}, and {where} sets none in the text read, so there is no date to compute."
    if choice.basis == "not-researched":
        return (
            f"{head}, and {where}'s rules for it were not researched: iep-tui cannot compute this date; "
            f"check {where}'s own rules."
        )
    return f"{head}, and iep-tui has no rules file for {where}: check {where}'s own rules."


# ---------------------------------------------------------------- rules


RESEARCHED_PURPOSES: tuple[str, ...] = ("initial-evaluation", "records-access", "iep-meeting-request")
"""The purposes issue 11 asked to research for every covered state; `rules` says which were not."""


def run_rules(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.calendar.day_count import day_unit
    from iep_tui.calendar.deadline_rules import applicable_rule, has_rules_file, load_rules, no_state_rules
    from iep_tui.calendar.states import STATES

    state = _normal_state(args.state)
    rules = load_rules(state)
    missing = state is not None and not has_rules_file(state)
    if state is not None and missing:
        ctx.say(f"WARNING: iep-tui has no rules file for {STATES[state]} ({state}): only federal rules are listed.")
    unresearched = (
        [p for p in RESEARCHED_PURPOSES if applicable_rule(p, state).basis == "not-researched"]
        if state and not missing
        else []
    )
    if ctx.json:
        documents = []
        for rule in rules:
            document = rule.summary_json()
            replaced = (
                applicable_rule(rule.purpose, rule.jurisdiction).replaces
                if rule.purpose and rule.jurisdiction != "US"
                else None
            )
            document["replaces"] = None if replaced is None or replaced.id == rule.id else replaced.id
            documents.append(document)
        # "No state rule" (researched, the federal rule applies) and "not researched" are
        # different answers: both are named, apart, as in the text output.
        ctx.emit_json(
            {
                "state": state,
                "has_rules_file": not missing,
                "rules": documents,
                "no_state_rule": [f.model_dump(mode="json") for f in no_state_rules(state)] if state else [],
                "not_researched": unresearched,
            }
        )
        return 0
    current = None
    for rule in rules:
        if rule.jurisdiction != current:
            if current is not None:
                ctx.emit("")
            current = rule.jurisdiction
            ctx.emit("Federal (US)" if current == "US" else f"{STATES[current]} ({current})")
        relation = "before" if rule.direction == "before" else "after"
        roll = ", rolls to next business day" if rule.roll_forward else ""
        ctx.emit(f"  {rule.id}  [{rule.confidence}]  {rule.title}")
        ctx.emit(
            f"      {rule.count} {day_unit(rule.day_kind, rule.count)} {relation} {rule.trigger}{roll}. {rule.citation}"
        )
    if state and missing:
        ctx.emit("")
        ctx.emit(
            f"iep-tui has no rules file for {STATES[state]}: the federal rules apply here; "
            f"check {STATES[state]}'s own rules."
        )
    elif state:
        findings = no_state_rules(state)
        if findings:
            ctx.emit("")
            ctx.emit(f"Researched, no {STATES[state]} rule (the federal rule applies):")
            for finding in findings:
                ctx.emit(f"  {finding.purpose}  [{finding.confidence}]  {finding.note}")
        if unresearched:
            # A purpose with no federal rule (iep-meeting-request) has no "federal rule shown".
            named = [
                p if applicable_rule(p, state).rule is not None else f"{p} (no federal clock)" for p in unresearched
            ]
            ctx.emit("")
            ctx.emit(
                f"Not researched for {STATES[state]} (the federal rule is shown where there is one; the state may "
                "set its own): " + ", ".join(named)
            )
    ctx.emit("")
    ctx.emit(
        "[V] verified against the regulation text  [S] secondary source, NOT verified  [U] uncertain or a convention."
    )
    ctx.emit("A research summary, not legal advice: check your state's and district's rules.")
    return 0


# ---------------------------------------------------------------- calendar import / show


def run_calendar_import(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.calendar_service import import_calendar

    case_id = ctx.case_id(args)
    outcome = import_calendar(ctx.store, case_id, args.file, dry_run=args.dry_run)
    for line in outcome.result.summary_lines():
        ctx.say(line)
    if outcome.holiday_warnings:
        ctx.say("Holidays on which this calendar holds school:")
        for line in outcome.holiday_warnings:
            ctx.say(f"  {line}")
    if not outcome.settings.has_district_calendar:
        ctx.say("The case still has no school year: school-day counts remain ESTIMATES.")
    if ctx.json:
        ctx.emit_json(outcome.to_json())
    elif args.dry_run:
        ctx.emit(f"Dry run: nothing saved to case {case_id}.")
    else:
        ctx.emit(f"Imported {outcome.result.source} into case {case_id}.")
    return 0


def run_calendar_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.calendar.month_view import month_days, month_grid

    year, month = _parse_month(args.month, ctx.today)
    if not (args.case or args.calendar or args.state):
        args.case = ctx.case_id(args)  # the workspace's only case, or a clear error
    calendar, state, described = _resolve_calendar(ctx, args)
    if ctx.json:
        document: dict[str, object] = {
            "month": f"{year:04d}-{month:02d}",
            "state": state,
            "calendar": described,
            "estimate": calendar.estimate,
            "days": [status.to_json() for status in month_days(calendar, year, month)],
        }
        ctx.emit_json(document)
        return 0
    for line in month_grid(calendar, year, month, f"{described} [{state or 'US'}]"):
        ctx.emit(line)
    if calendar.estimate:
        ctx.emit(LOAD_HINT)
    return 0


def run_calendar_ics(ctx: CliContext, args: argparse.Namespace) -> int:
    """Write the deadlines file; print its absolute path as the last line."""
    from iep_tui.services import output_file
    from iep_tui.services.deadlines_service import deadlines_ics

    case_id, bundle = ctx.load_case(args)
    target, named = output_file.output_target(ctx.workspace, args.out, f"deadlines-{case_id}.ics", output_file.ICS)
    payload = deadlines_ics(bundle, ctx.today)
    written = output_file.write_output(target, payload, output_file.ICS, force=args.force, named=named)
    ctx.say(f"{payload.count(b'BEGIN:VEVENT')} deadlines written; import the file into your phone's calendar.")
    ctx.emit(str(written))
    return 0
