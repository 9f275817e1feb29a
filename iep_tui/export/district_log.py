"""What the district's own service log shows, in the letters' words, and its reconciliation exhibit.

The figures come from `CaseView.district_log` (the reconciliation of the imported log
with the parent's record); this module only words them:

- `district_log_paragraphs`: the minutes the district's log itself shows as not provided
  ("according to the district's service log produced on D, the district's own log records
  as not provided ..."), worded as the log's account, never the parent's: a date the log
  calls missed may be one the parent's record says was delivered (then it is named as
  differing, and listed with the dates on which the two records disagree, as disputed
  with both versions);
- `reconciliation_exhibit` / `reconciliation_rows`: every date either record has an
  entry on, per service, with the district log's file and row for each of its entries
  (the binder's exhibit and CSV), so an investigator can find the row in the district's
  own file.
"""

from __future__ import annotations

import re
from datetime import date

from iep_tui.domain.case_view import CaseView, DistrictLog
from iep_tui.errors import InputError
from iep_tui.export.formatting import join_and, long_date, minutes_text, reason_text, short_date
from iep_tui.export.letter import Exhibit, Para, Table

OUTCOME_TEXT = {
    "agree": "agree",
    "disputed": "DISPUTED",
    "school-only": "district's log only",
    "parent-only": "parent's record only",
}
_REASON_IN_BRACKETS = re.compile(r"\(([a-z]+(?:-[a-z]+)+)\)")


def produced_text(log: DistrictLog) -> str:
    """'produced on December 1, 2026' (or '... on November 2 and December 1, 2026' for several files)."""
    return "produced on " + join_and([long_date(day) for day in log.produced])


def account_text(text: str) -> str:
    """A record's account of a date with the reasons in words: 'missed 30 min (provider absent)'."""
    return _REASON_IN_BRACKETS.sub(lambda m: f"({reason_text(m.group(1))})", text) if text else "no entry"


def _dates(days: tuple[date, ...]) -> str:
    return join_and([long_date(day) for day in days])


def district_log_paragraphs(view: CaseView, first: str) -> list[str]:
    """The sentences a compliance notice or state complaint gives the district's own log ([] without one)."""
    log = view.district_log
    if log is None:
        return []
    out = []
    if log.admitted:
        items = [
            f"{minutes_text(a.minutes)} of {a.name.lower()} ({_dates(a.dates)}; the log's reason: "
            f"{join_and([reason_text(r) for r in a.reasons])})"
            for a in log.admitted
        ]
        total = f", {minutes_text(log.admitted_minutes)} in all" if len(log.admitted) > 1 else ""
        disputed_days = {(name, day.date) for name, day in log.disputed}
        differs = [
            f"{a.name.lower()} on {long_date(day)}"
            for a in log.admitted
            for day in a.dates
            if (a.name, day) in disputed_days
        ]
        mine = f"; my own record differs for {join_and(differs)}, which I list as disputed" if differs else ""
        out.append(
            f"According to the district's service log {produced_text(log)}, the district's own log records as not "
            f"provided to {first} {join_and(items)}{total}. These are the district's own entries, not my "
            f"observations{mine}."
        )
    disputed = log.disputed
    if disputed:
        items = [
            f"{name.lower()} on {long_date(day.date)} (the district's log: {account_text(day.school)}"
            + (f", {', '.join(f'{p.file} row {p.row}' for p in day.provenance)}" if day.provenance else "")
            + f"; my record: {account_text(day.parent)})"
            for name, day in disputed
        ]
        one = len(disputed) == 1
        out.append(
            f"The district's log and my record disagree about {len(disputed)} {'date' if one else 'dates'}, which I "
            f"list as disputed and do not count either way until {'it is' if one else 'they are'} settled: "
            f"{join_and(items)}."
        )
    return out


def reconciliation_rows(view: CaseView) -> list[list[str]]:
    """The binder's reconciliation.csv: one row per service and date, with the log's file and row."""
    log = view.district_log
    rows = [
        [
            "date",
            "requirement",
            "outcome",
            "district_log",
            "parent_record",
            "not_as_written",
            "log_file",
            "log_row",
            "received",
        ]
    ]
    if log is None:
        return rows
    for requirement in log.reconciliation.requirements:
        for day in requirement.dates:
            rows.append(
                [
                    day.date.isoformat(),
                    requirement.name,
                    day.outcome,
                    day.school,
                    day.parent,
                    "; ".join(day.not_as_written),
                    "; ".join(p.file for p in day.provenance),
                    "; ".join(str(p.row) for p in day.provenance),
                    "; ".join(p.received.isoformat() if p.received else "" for p in day.provenance),
                ]
            )
    return rows


def reconciliation_exhibit(view: CaseView, label: str = "R") -> Exhibit:
    """The district's log against the parent's record, service by service and date by date."""
    log = view.district_log
    if log is None:
        raise InputError(
            "No rows of the district's service log are imported: there is no reconciliation to enclose "
            "(`iep-tui school-log import FILE`)."
        )
    summary = Table.of(
        (
            "Service",
            "Delivered per the log (min)",
            "Not provided per the log, owed (min)",
            "Agree",
            "Disputed",
            "Log only",
            "Parent only",
        ),
        [
            (
                r.name,
                str(r.school_delivered_minutes),
                str(r.school_admitted_owed_minutes),
                str(len(r.agree_dates)),
                str(len(r.disputed_dates)),
                str(len(r.school_only_dates)),
                str(len(r.parent_only_dates)),
            )
            for r in log.reconciliation.requirements
        ],
        widths=(1.6, 1.0, 1.2, 0.6, 0.7, 0.6, 0.7),
    )
    rows = []
    for requirement in log.reconciliation.requirements:
        for day in requirement.dates:
            where = "; ".join(f"{p.file} row {p.row}" for p in day.provenance)
            outcome = OUTCOME_TEXT.get(day.outcome, day.outcome)
            if day.not_as_written:
                outcome += "; not as written"
            rows.append(
                (
                    short_date(day.date),
                    requirement.name,
                    account_text(day.school),
                    account_text(day.parent),
                    outcome,
                    where,
                )
            )
    table = Table.of(
        ("Date", "Service", "District's log", "Parent's record", "Outcome", "Log file and row"),
        rows,
        widths=(0.9, 1.2, 1.5, 1.5, 1.0, 1.3),
        by_row=True,
    )
    intro = Para.of(
        f"The district's service log ({join_and(list(log.files))}, {produced_text(log)}) compared with my own record "
        f"of {view.student}'s services, {long_date(view.ledger_start)} to {long_date(view.ledger_end)}: every date "
        "either record has an entry on. Where both give the same account they agree; where they differ the date is "
        "disputed and counted neither way until settled. Each entry of the district's log is named by its file and "
        "row, so it can be found in the district's own file."
    )
    return Exhibit(label, "The district's service log against my record", (intro, summary, table))
