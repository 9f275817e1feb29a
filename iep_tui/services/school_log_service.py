"""Import the district's own service log into a case (the CLI and the TUI call this).

Reads the file (bounded), plans the import in the domain (`school_log.plan_import`)
and saves every new entry in one store transaction: a refused row, a wrong mapping or
a records request that cannot be answered leaves the case file exactly as it was.
A dry run only loads the case. The file's SHA-256 identifies it: a second import of
the same file adds nothing, and the TUI's save refuses a file changed since its preview.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from iep_tui.domain.models import CaseBundle, EscalationStep
from iep_tui.domain.reconciliation import Reconciliation, reconcile_case
from iep_tui.domain.school_log import STATUS_OPTION, SchoolLogPlan, StatusMeaning, plan_import
from iep_tui.domain.school_log_columns import label, plural
from iep_tui.domain.school_log_file import MAX_FILE_BYTES, read_log_table
from iep_tui.domain.vocabulary import SESSION_STATUSES, is_one_of
from iep_tui.errors import InputError
from iep_tui.safe_text import clean_imported
from iep_tui.services.calendar_service import case_calendar
from iep_tui.services.escalation_service import answer_records_request
from iep_tui.services.ledger_service import find_requirement, report_range, resolve_reason
from iep_tui.store.case_store import CaseStore


def read_log_file(path: str | Path) -> tuple[bytes, str]:
    """The file's bytes and name; a folder, a missing file or one too large is one sentence."""
    where = Path(path).expanduser()
    try:
        if where.is_dir():
            raise InputError(f"{where} is a folder: name the log file (.csv or .xlsx) inside it.")
        with where.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"There is no file {where}.") from None
    except OSError as error:
        raise InputError(f"Cannot read {where}: {error.strerror or error}.") from None
    return data, clean_imported(where.name).text or "the log"


def service_mapping(bundle: CaseBundle, options: Sequence[str]) -> dict[str, str]:
    """`--service "NAME IN LOG=REQ"` options as {log name (label): requirement id}."""
    out: dict[str, str] = {}
    for option in options:
        name, sep, requirement = option.rpartition("=")
        if not sep or not label(name) or not requirement.strip():
            raise InputError(
                f'--service {option!r} needs the form "NAME IN LOG=REQUIREMENT", e.g. "Speech/Language=speech".'
            )
        out[label(name)] = find_requirement(bundle, requirement).id
    return out


def status_mapping(options: Sequence[str]) -> dict[str, StatusMeaning]:
    """`--status "TEXT=delivered|missed:REASON|makeup"` options as {status word (label): meaning}."""
    out: dict[str, StatusMeaning] = {}
    for option in options:
        text, sep, meaning = option.rpartition("=")
        status, _, reason = meaning.strip().lower().partition(":")
        status = status.replace("-", "")
        if not sep or not is_one_of(status, SESSION_STATUSES) or (reason and status != "missed"):
            raise InputError(
                f"{STATUS_OPTION.split(' ', 1)[0]} {option!r} needs the form {STATUS_OPTION.split(' ', 1)[1]}, "
                'e.g. "Excused Absence=missed:student-absent".'
            )
        if status == "missed":
            out[label(text)] = StatusMeaning("missed", resolve_reason(reason or "unknown"))
        else:
            out[label(text)] = StatusMeaning(status)
    return out


@dataclass(frozen=True)
class SchoolLogImport:
    """What an import added (or, in a dry run, would add) and the records request it answered."""

    plan: SchoolLogPlan
    dry_run: bool
    answered: EscalationStep | None = None

    def lines(self) -> list[str]:
        lines = self.plan.summary_lines()
        if self.answered is not None:
            verb = "would be marked" if self.dry_run else "marked"
            lines.append(
                f"Records request sent {self.answered.sent}: {verb} answered on {self.answered.response_date} "
                "(its clock stops)."
            )
        return lines

    def confirmation(self) -> str:
        added = len(self.plan.sessions)
        entries = plural(added, "entry", "entries")
        contradicting = len(self.plan.contradictions)
        said = (
            f" {plural(contradicting, 'row')} {'contradicts' if contradicting == 1 else 'contradict'} an earlier "
            "import of the district's log (see above)."
            if contradicting
            else ""
        )
        if self.dry_run:
            return f"Dry run: {entries} would be added from {self.plan.source}; nothing was saved.{said}"
        if not added:
            return f"Nothing added: every session of {self.plan.source} is already in the case."
        return f"Imported {entries} from {self.plan.source} (source school-log).{said}"

    def to_json(self) -> dict[str, Any]:
        return {
            **self.plan.to_json(),
            "dry_run": self.dry_run,
            "records_request_answered": self.answered.id if self.answered is not None else None,
        }


def import_school_log(
    store: CaseStore,
    case_id: str,
    path: str | Path,
    *,
    today: date,
    services: Sequence[str] = (),
    statuses: Sequence[str] = (),
    student: str | None = None,
    received: date | None = None,
    answers_request: bool = False,
    dry_run: bool = False,
    expect_sha256: str | None = None,
) -> SchoolLogImport:
    """Import (or with `dry_run`, plan) the log at `path` into the case.

    `received` is the day the district produced the log (default today); with
    `answers_request` the records request waiting for an answer is marked answered that
    day ("service logs received"), which stops its clock. `expect_sha256` refuses a
    file that changed since it was previewed.
    """
    data, name = read_log_file(path)
    sha256 = hashlib.sha256(data).hexdigest()
    if expect_sha256 is not None and sha256 != expect_sha256:
        raise InputError(f"{name} changed since it was previewed: preview it again before saving.")
    received = received or today
    if received > today:
        raise InputError(
            f"The log cannot have been received on {received.isoformat()}, after today ({today.isoformat()})."
        )
    table = read_log_table(data, name)
    statuses_chosen = status_mapping(statuses)

    def plan_for(bundle: CaseBundle) -> SchoolLogPlan:
        return plan_import(
            table,
            sha256,
            bundle,
            today=today,
            received=received,
            services=service_mapping(bundle, services),
            statuses=statuses_chosen,
            student=student,
        )

    response = f"Service logs received on {received.isoformat()}: {name} (SHA-256 {sha256[:12]}…), imported."
    if dry_run:
        bundle = store.load(case_id)
        plan = plan_for(bundle)
        answered = answer_records_request(None, bundle, received, response, today) if answers_request else None
        return SchoolLogImport(plan, True, answered)
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        plan = plan_for(bundle)
        answered = answer_records_request(tx, bundle, received, response, today) if answers_request else None
        if plan.sessions:
            tx.insert_many(list(plan.sessions))
    return SchoolLogImport(plan, False, answered)


def reconciliation(
    bundle: CaseBundle, today: date, start: date | None = None, end: date | None = None
) -> Reconciliation:
    """The school's log against the parent's record over a range (default: the ledger's, IEP start to today)."""
    calendar = case_calendar(bundle.case)
    return reconcile_case(bundle, calendar, *report_range(bundle, calendar, today, start, end))
