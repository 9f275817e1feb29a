"""The district's own service log turned into session entries of a case.

A log (one row per scheduled session, read by `school_log_file`) becomes `Session`
entries with source `school-log` and their provenance (file name, SHA-256, row), so a
letter can point at the district's own row. The rules:

- **Columns** are found by header, case-insensitively, with common synonyms
  (`school_log_columns.FIELD_SYNONYMS`); a header's parenthesised unit is ignored ("Duration (min)").
  The header is the first of the first ten non-blank rows naming two known columns
  (exports often start with a title row). Date, service, status and minutes are required.
- **Dates** as exports write them: `YYYY-MM-DD`, `MM/DD/YYYY`, `M/D/YY` (US order, a
  time after the date is ignored), or a spreadsheet date. A file writing a day above 12
  first is day-first, which is refused (and named as mixing when other rows are month-first):
  no date of such a file can be trusted.
- **Statuses** map to the ledger's vocabulary (`DEFAULT_STATUSES`, then the user's own
  mappings); any other word stops the import with the list of words and their rows.
- **Services** map to requirements by the user's mappings, else by a unique best word
  match with a requirement's name (`match_service`); an unmatched or ambiguous service
  stops the import with the list.
- **Minutes**: a missed row with 0 or blank minutes stands for one session of the
  requirement's session length; so does a delivered or make-up row with blank minutes.
  A delivered row with fewer minutes than the session length is a partial session.
  An h:mm value under a header that also names a clock time (Time) is refused; a
  delivered or make-up row longer than twice the session length is named in the summary
  before saving (a clock time read as a length, or a typo, would favour the district).
- **Students**: a file naming several students needs one chosen; other rows are skipped.
- **Nothing twice**: a row of a file already imported (same SHA-256 and row) is skipped;
  so is a row identical to earlier rows of the same file beyond the sessions its
  requirement allows on one day (`day_records.sessions_allowed_per_day`: two identical
  rows of a "2x daily" service are two sessions, of a "2x weekly" one an export
  duplicate), and a session the case already holds from another import of the district's
  log (a later export covering the same dates: same requirement, date, status, minutes
  and reason).
- **A later export contradicting an earlier import** (a new row on a requirement's date
  whose sessions an earlier import already fills, saying something else: another status,
  reason or minutes) is imported, and named in the summary before saving and in `--json`
  ("Row N contradicts FILE row M: ..."): the district's log then gives two accounts of the
  date, both the school's record of it (`day_records`: delivered and missed for one
  session is a record contradicting itself, set aside until settled).
- A row with neither date nor service (a totals line) is not a session and is skipped;
  every other problem refuses the whole file, with its row number.

`plan_import` only computes; the service saves the plan's sessions in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from iep_tui.domain.day_records import sessions_allowed_per_day
from iep_tui.domain.frequency import frequency_of
from iep_tui.domain.models import CaseBundle, Provenance, Requirement, Session
from iep_tui.domain.reconciliation import not_as_written
from iep_tui.domain.school_log_columns import (
    LONG_SESSION_FACTOR,
    cell_at,
    choose_student,
    find_columns,
    label,
    minutes_of,
    note_text,
    plural,
    raw_date,
    resolve_dates,
    row_list,
    rows_phrase,
    student_of,
    text_of,
)
from iep_tui.domain.school_log_file import LogRow, LogTable
from iep_tui.domain.vocabulary import MISS_REASONS, MissReason, SessionStatus, Source
from iep_tui.errors import InputError

SOURCE: Source = "school-log"


# ---------------------------------------------------------------- statuses


@dataclass(frozen=True)
class StatusMeaning:
    """What a status word of the log means in the ledger's vocabulary."""

    status: SessionStatus
    reason: MissReason | None = None

    def describe(self) -> str:
        return f"missed: {self.reason}" if self.status == "missed" else self.status


def _meanings(status: SessionStatus, reason: MissReason | None, *words: str) -> dict[str, StatusMeaning]:
    return {label(word): StatusMeaning(status, reason) for word in words}


DEFAULT_STATUSES: dict[str, StatusMeaning] = {
    **_meanings("delivered", None, "Present", "Delivered", "Completed", "Attended"),
    **_meanings("makeup", None, "Make-up", "Makeup"),
    **_meanings("missed", "provider-absent", "Provider Absent", "Therapist Absent", "Staff Absent"),
    **_meanings("missed", "student-absent", "Student Absent", "Absent"),
    **_meanings("missed", "school-closed", "School Closed", "Holiday", "No School"),
    **_meanings("missed", "schedule-conflict", "Student Unavailable", "Testing", "Field Trip", "Assembly"),
    **_meanings("missed", "student-refused", "Refused"),
    **_meanings("missed", "staff-shortage", "Staff Shortage", "Short Staffed"),
    **_meanings("missed", "staff-reassigned", "Staff Reassigned"),
    **_meanings("missed", "unknown", "Cancelled", "Canceled"),
}
"""The status words of common exports (keys as `label` writes them)."""

STATUS_OPTION = '--status "TEXT=delivered|missed:REASON|makeup"'


# ---------------------------------------------------------------- services

_GENERIC_WORDS = frozenset(
    "a an and the of for to in with by on services service session sessions therapy therapies minutes min "
    "direct indirect instruction support individual group".split()
)
"""Words that say nothing about which service a row is."""
_ABBREVIATIONS = {"ot": "occupational", "pt": "physical", "slp": "speech", "sl": "speech"}


def service_words(text: str) -> frozenset[str]:
    """The telling words of a service name: 'Speech/Language Therapy' -> {speech, language}; OT -> occupational."""
    words = (_ABBREVIATIONS.get(w, w) for w in label(text).split())
    return frozenset(w for w in words if w not in _GENERIC_WORDS and not w.isdigit())


@dataclass(frozen=True)
class ServiceMatch:
    """A service name of the log and the requirement its rows count against."""

    name: str
    requirement_id: str
    requirement_name: str
    how: str
    """'--service' or 'word: speech' (how it was matched, shown so a wrong match is seen)."""


def match_service(name: str, requirements: Sequence[Requirement]) -> list[Requirement]:
    """The requirements sharing the most telling words with a log's service name (one: a match)."""
    wanted = service_words(name)
    scored = [(len(wanted & service_words(r.name)), r) for r in requirements]
    best = max((score for score, _ in scored), default=0)
    return [r for score, r in scored if score == best] if best else []


# ---------------------------------------------------------------- the plan


SkipKind = Literal["imported-before", "duplicate", "in-case"]
SKIP_TEXT: dict[str, str] = {
    "imported-before": "already imported from this file",
    "duplicate": "repeating an earlier row of the file (an export duplicate)",
    "in-case": "already in the case from another import of the district's log",
}


@dataclass(frozen=True)
class SkippedRow:
    """A row not imported because its session is already there; `detail` says where."""

    row: int
    kind: SkipKind
    detail: str = ""


@dataclass(frozen=True)
class Contradiction:
    """A new row giving another account of a date than an earlier import of the district's log."""

    row: int
    requirement_id: str
    requirement_name: str
    day: date
    earlier: str
    """The earlier entry's account: 'delivered 30 min', 'missed 30 min (provider-absent)'."""
    now: str
    file: str | None
    """The earlier entry's file and row (None for an entry typed with source school-log)."""
    file_row: int | None
    received: date | None
    entered: date

    def where(self) -> str:
        if self.file is None:
            return f"the school-log entry typed on {self.entered.isoformat()}"
        received = f", received {self.received.isoformat()}" if self.received else ""
        return f"{self.file} row {self.file_row} (imported before{received})"

    def sentence(self) -> str:
        return (
            f"Row {self.row} contradicts {self.where()}: {self.requirement_name} on {self.day.isoformat()} is "
            f"{self.earlier} there and {self.now} here; both are kept, so the district's log gives two accounts of "
            "that date: ask the district which it stands by."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "requirement_id": self.requirement_id,
            "date": self.day.isoformat(),
            "file": self.file,
            "file_row": self.file_row,
            "earlier": self.earlier,
            "now": self.now,
        }


def account(status: SessionStatus, minutes: int | None, reason: MissReason | None) -> str:
    """One entry's account in words: 'delivered 30 min', 'missed 30 min (provider-absent)'."""
    text = f"{status} {minutes} min" if minutes is not None else status
    return f"{text} ({reason or 'unknown'})" if status == "missed" else text


@dataclass
class SchoolLogPlan:
    """What importing one log would add to a case, and what it skips and why."""

    source: str
    sha256: str
    received: date | None
    sheet: str = ""
    header_row: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    """field -> the header it was read from."""
    student: str | None = None
    services: list[ServiceMatch] = field(default_factory=list)
    statuses: dict[str, StatusMeaning] = field(default_factory=dict)
    """The log's status words (as written) and what each was read as."""
    sessions: list[Session] = field(default_factory=list)
    """The new entries, in row order."""
    rows_read: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    other_student_rows: int = 0
    not_session_rows: list[int] = field(default_factory=list)
    blank_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    session_minutes: dict[str, int | None] = field(default_factory=dict)
    """requirement id -> its session length (a delivered entry shorter than it is a partial)."""
    contradictions: list[Contradiction] = field(default_factory=list)
    """New rows giving another account of a date than an earlier import (each also a warning)."""

    def skipped_rows(self, kind: SkipKind) -> list[int]:
        return [s.row for s in self.skipped if s.kind == kind]

    def per_requirement(self) -> list[dict[str, Any]]:
        """Counts and minutes of the new entries per requirement, in the services' order."""
        names = {m.requirement_id: m.requirement_name for m in self.services}
        out: dict[str, dict[str, Any]] = {}
        for session in self.sessions:
            row = out.setdefault(
                session.requirement_id,
                {
                    "requirement_id": session.requirement_id,
                    "name": names.get(session.requirement_id, ""),
                    "delivered": 0,
                    "delivered_minutes": 0,
                    "partial": 0,
                    "missed": 0,
                    "missed_minutes": 0,
                    "makeup": 0,
                    "makeup_minutes": 0,
                    "missed_by_reason": {},
                },
            )
            minutes = session.minutes or 0
            if session.status == "missed":
                row["missed"] += 1
                row["missed_minutes"] += minutes
                by_reason = row["missed_by_reason"]
                by_reason[session.reason] = by_reason.get(session.reason, 0) + minutes
            else:
                row[session.status] += 1
                row[f"{session.status}_minutes"] += minutes
                length = self.session_minutes.get(session.requirement_id)
                row["partial"] += int(session.status == "delivered" and length is not None and minutes < length)
        return list(out.values())

    def summary_lines(self) -> list[str]:
        """The summary shown before saving (and after): what is read, added and skipped."""
        where = f"{self.source}" + (f" (sheet {self.sheet!r})" if self.sheet else "")
        lines = [f"{where}: {self.rows_read} rows read, header on row {self.header_row}; SHA-256 {self.sha256[:12]}…"]
        if self.student:
            others = plural(self.other_student_rows, "row of another student", "rows of other students")
            lines.append(f"Student: {self.student}" + (f" ({others} skipped)" if self.other_student_rows else ""))
        for match in self.services:
            lines.append(f"Service {match.name!r} -> {match.requirement_name} ({match.how})")
        for word, meaning in self.statuses.items():
            lines.append(f"Status {word!r} -> {meaning.describe()}")
        lines.append(f"{'New' if self.sessions else 'No new'} entries: {len(self.sessions)}.")
        for row in self.per_requirement():
            parts = []
            if row["delivered"]:
                partial = f", {row['partial']} partial" if row["partial"] else ""
                parts.append(f"{row['delivered']} delivered ({row['delivered_minutes']} min{partial})")
            if row["missed"]:
                reasons = ", ".join(f"{reason} {minutes}" for reason, minutes in row["missed_by_reason"].items())
                parts.append(f"{row['missed']} missed ({row['missed_minutes']} min: {reasons})")
            if row["makeup"]:
                parts.append(f"{row['makeup']} make-up ({row['makeup_minutes']} min)")
            lines.append(f"  {row['name']}: {', '.join(parts)}")
        for kind, text in SKIP_TEXT.items():
            rows = [f"{s.row} ({s.detail})" if s.detail else str(s.row) for s in self.skipped if s.kind == kind]
            if rows:
                lines.append(f"Skipped, {text}: {plural(len(rows), 'row')}: {row_list(rows, 6)}.")
        if self.not_session_rows:
            lines.append(f"Skipped, no date and no service (not a session): {rows_phrase(self.not_session_rows)}.")
        return lines + self.warnings

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "sha256": self.sha256,
            "sheet": self.sheet or None,
            "received": self.received.isoformat() if self.received else None,
            "header_row": self.header_row,
            "columns": self.columns,
            "student": self.student,
            "rows_read": self.rows_read,
            "services": [
                {"name": m.name, "requirement_id": m.requirement_id, "requirement": m.requirement_name, "how": m.how}
                for m in self.services
            ],
            "statuses": {word: {"status": m.status, "reason": m.reason} for word, m in self.statuses.items()},
            "added": len(self.sessions),
            "requirements": self.per_requirement(),
            "skipped": [{"row": d.row, "why": d.kind, "detail": d.detail} for d in self.skipped],
            "other_student_rows": self.other_student_rows,
            "not_session_rows": self.not_session_rows,
            "blank_rows": self.blank_rows,
            "warnings": self.warnings,
            "contradictions": [c.to_json() for c in self.contradictions],
        }


# ---------------------------------------------------------------- the import


@dataclass
class _Row:
    row: LogRow
    service: str
    status_text: str
    minutes: int | None
    provider: str
    group: str
    setting: str
    notes: str


def plan_import(
    table: LogTable,
    sha256: str,
    bundle: CaseBundle,
    *,
    today: date,
    received: date | None = None,
    services: Mapping[str, str] | None = None,
    statuses: Mapping[str, StatusMeaning] | None = None,
    student: str | None = None,
) -> SchoolLogPlan:
    """The entries the log adds to the case; InputError (nothing to save) when any row is refused.

    `services` maps a log's service name (as `label` writes it) to a requirement id;
    `statuses` maps a status word (as `label` writes it) to its meaning, before the defaults.
    """
    source = table.source
    columns = find_columns(table)
    plan = SchoolLogPlan(
        source,
        sha256,
        received,
        sheet=table.sheet,
        header_row=columns.header_row,
        columns=dict(columns.headers),
        blank_rows=table.blank_rows,
    )
    note = table.cleaning_note()
    if note:
        plan.warnings.append(note)
    if table.other_sheets:
        plan.warnings.append(
            f"Only the first sheet ({table.sheet!r}) was read; {source} also has "
            f"{', '.join(repr(s) for s in table.other_sheets)}."
        )
    index = columns.index
    body = [r for r in table.rows if r.number > columns.header_row]
    plan.rows_read = len(body)

    sessions_rows: list[tuple[LogRow, str]] = []
    for row in body:
        if not text_of(row.cells, index["date"]) and not text_of(row.cells, index["service"]):
            plan.not_session_rows.append(row.number)
            continue
        sessions_rows.append((row, student_of(row.cells, columns)))
    plan.student = choose_student(sessions_rows, student, source)
    if plan.student is not None:
        unnamed = [r.number for r, name in sessions_rows if not name]
        if unnamed and len({name for _, name in sessions_rows if name}) > 1:
            raise InputError(f"{source} {rows_phrase(unnamed)}: no student named, and the file holds several students.")
        kept = [r for r, name in sessions_rows if name in (plan.student, "")]
        plan.other_student_rows = len(sessions_rows) - len(kept)
    else:
        kept = [r for r, _ in sessions_rows]

    for row in kept:
        for name in ("date", "service"):
            if not text_of(row.cells, index[name]):
                raise InputError(f"{source} row {row.number} has no {name} ({columns.headers[name]}).")
    dates = resolve_dates([raw_date(r.number, r.cells[index["date"]]) for r in kept], source)
    rows = [
        _Row(
            row=r,
            service=text_of(r.cells, index["service"]),
            status_text=text_of(r.cells, index["status"]),
            minutes=minutes_of(cell_at(r.cells, index["minutes"]), source, r.number, columns.headers["minutes"]),
            provider=text_of(r.cells, index.get("provider")),
            group=text_of(r.cells, index.get("group")),
            setting=text_of(r.cells, index.get("setting")),
            notes=note_text(r.cells, index["notes"]) if "notes" in index else "",
        )
        for r in kept
    ]
    future = [r.row.number for r in rows if dates[r.row.number] > today]
    if future:
        first = future[0]
        raise InputError(
            f"{source} row {first} is dated {dates[first].isoformat()}, after today ({today.isoformat()}): a log "
            f"records what happened ({rows_phrase(future)})."
        )

    meanings = _status_meanings(rows, statuses or {}, source)
    plan.statuses = {r.status_text: meanings[label(r.status_text)] for r in rows}
    matches = _service_matches(rows, bundle, services or {}, source)
    plan.services = list(matches.values())
    requirements = {r.id: r for r in bundle.requirements}
    _build_sessions(plan, rows, dates, meanings, matches, requirements, bundle.sessions)
    return plan


def _status_meanings(
    rows: Sequence[_Row], chosen: Mapping[str, StatusMeaning], source: str
) -> dict[str, StatusMeaning]:
    meanings = {**DEFAULT_STATUSES, **chosen}
    unknown: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if label(row.status_text) not in meanings:
            unknown[row.status_text].append(row.row.number)
    if unknown:
        listing = "; ".join(f"{word or '(blank)'!r} ({rows_phrase(rows_, 5)})" for word, rows_ in unknown.items())
        raise InputError(
            f"{source} has status words iep-tui does not know: {listing}. Say what each means with "
            f"{STATUS_OPTION} (reasons: {', '.join(MISS_REASONS)})."
        )
    return meanings


def _service_matches(
    rows: Sequence[_Row], bundle: CaseBundle, chosen: Mapping[str, str], source: str
) -> dict[str, ServiceMatch]:
    loggable = [r for r in bundle.requirements if r.kind != "accommodation"]
    by_id = {r.id: r for r in bundle.requirements}
    out: dict[str, ServiceMatch] = {}
    problems: list[str] = []
    for name in dict.fromkeys(r.service for r in rows):
        key = label(name)
        if key in chosen and chosen[key] in by_id:
            requirement = by_id[chosen[key]]
            out[key] = ServiceMatch(name, requirement.id, requirement.name, "--service")
            continue
        found = match_service(name, loggable)
        if len(found) == 1:
            shared = sorted(service_words(name) & service_words(found[0].name))
            out[key] = ServiceMatch(name, found[0].id, found[0].name, f"word: {', '.join(shared)}")
        elif found:
            problems.append(f"{name!r} could be {' or '.join(r.name for r in found)}")
        else:
            problems.append(f"{name!r} matches no requirement")
    if problems:
        names = ", ".join(r.name for r in loggable) or "none yet"
        raise InputError(
            f'{source}: {"; ".join(problems)}. Say which requirement each is with --service "NAME IN LOG=REQ" '
            f"(requirements: {names})."
        )
    return out


def _build_sessions(
    plan: SchoolLogPlan,
    rows: Sequence[_Row],
    dates: Mapping[int, date],
    meanings: Mapping[str, StatusMeaning],
    matches: Mapping[str, ServiceMatch],
    requirements: Mapping[str, Requirement],
    sessions: Sequence[Session],
) -> None:
    imported_rows, elsewhere, by_day = _existing(sessions, plan.sha256)
    frequencies = {r.id: frequency_of(r.frequency) for r in requirements.values()}
    seen_cells: dict[tuple[str, ...], list[int]] = defaultdict(list)
    no_length: list[int] = []
    zero_delivered: list[int] = []
    too_long: list[str] = []
    for row in rows:
        number = row.row.number
        meaning = meanings[label(row.status_text)]
        requirement = requirements[matches[label(row.service)].requirement_id]
        frequency = frequencies[requirement.id]
        length = frequency.session_minutes if frequency else None
        plan.session_minutes[requirement.id] = length
        same = seen_cells[tuple(" ".join(str(c).split()) if c is not None else "" for c in row.row.cells)]
        allowed = sessions_allowed_per_day(frequency)
        if same and allowed is not None and len(same) >= allowed:
            plan.skipped.append(SkippedRow(number, "duplicate", f"same as row {same[0]}"))
            continue
        same.append(number)
        if number in imported_rows:
            plan.skipped.append(SkippedRow(number, "imported-before"))
            continue
        minutes = row.minutes
        if minutes is None or (minutes == 0 and meaning.status == "missed"):
            if length is None:
                no_length.append(number)
                continue
            minutes = length
        if minutes == 0:
            zero_delivered.append(number)
        if meaning.status != "missed" and length and minutes > LONG_SESSION_FACTOR * length:
            too_long.append(f"{number} ({requirement.name}, {minutes} min of a {length}-min session)")
        key = (requirement.id, dates[number], meaning.status, minutes, meaning.reason)
        if elsewhere[key]:
            plan.skipped.append(SkippedRow(number, "in-case", elsewhere[key].pop(0)))
            continue
        earlier = by_day.get((requirement.id, dates[number]), [])
        if earlier and (allowed is None or len(earlier) >= allowed):
            # the day's sessions are all accounted for by an earlier import, which says something else
            other = earlier[0]
            contradiction = Contradiction(
                row=number,
                requirement_id=requirement.id,
                requirement_name=requirement.name,
                day=dates[number],
                earlier=account(other.status, other.minutes, other.reason),
                now=account(meaning.status, minutes, meaning.reason),
                file=other.provenance.file if other.provenance else None,
                file_row=other.provenance.row if other.provenance else None,
                received=other.provenance.received if other.provenance else None,
                entered=other.created.date(),
            )
            plan.contradictions.append(contradiction)
            plan.warnings.append(contradiction.sentence())
        plan.sessions.append(
            Session(
                requirement_id=requirement.id,
                date=dates[number],
                status=meaning.status,
                minutes=minutes,
                reason=meaning.reason,
                note=_note(row),
                source=SOURCE,
                delivered_as=""
                if meaning.status == "missed"
                else not_as_written(requirement, group=row.group or row.setting, setting=row.setting),
                provenance=Provenance(file=plan.source, sha256=plan.sha256, row=number, received=plan.received),
            )
        )
    if no_length:
        names = sorted({matches[label(r.service)].requirement_name for r in rows if r.row.number in no_length})
        raise InputError(
            f"{plan.source} {rows_phrase(no_length)}: no minutes, and {', '.join(names)} has no session "
            "length in its frequency: write it with one (such as '30 min 2x weekly') or fill the minutes column."
        )
    if zero_delivered:
        plan.warnings.append(
            f"Held for 0 minutes ({rows_phrase(zero_delivered)}): imported as such (a partial session, its whole "
            "length short); check against the district's log."
        )
    if too_long:
        plan.warnings.append(
            f"More than twice the session's length: {rows_phrase(too_long, 6)}; check that "
            f"{plan.columns.get('minutes', 'the minutes column')} holds how long each session lasted, not a clock time."
        )


SessionKey = tuple[str, date, SessionStatus, int | None, MissReason | None]
"""What a logged session says: requirement, date, status, minutes, reason (a row matching one is a repeat)."""


def _existing(
    sessions: Sequence[Session], sha256: str
) -> tuple[set[int], dict[SessionKey, list[str]], dict[tuple[str, date], list[Session]]]:
    """Rows of this file already imported, the case's other school-log sessions by what they say, and the
    same sessions by requirement and date (a new row on such a date saying something else contradicts them)."""
    imported = {s.provenance.row for s in sessions if s.provenance is not None and s.provenance.sha256 == sha256}
    elsewhere: dict[SessionKey, list[str]] = defaultdict(list)
    by_day: dict[tuple[str, date], list[Session]] = defaultdict(list)
    for s in sessions:
        if s.source != SOURCE or (s.provenance is not None and s.provenance.sha256 == sha256):
            continue
        where = (
            f"{s.provenance.file} row {s.provenance.row}" if s.provenance else f"entered {s.created.date().isoformat()}"
        )
        elsewhere[(s.requirement_id, s.date, s.status, s.minutes, s.reason)].append(where)
        by_day[(s.requirement_id, s.date)].append(s)
    return imported, elsewhere, by_day


def _note(row: _Row) -> str:
    """What the log's row said beyond the entry's fields: its status word, provider, group and notes."""
    parts = [f"School log: {row.status_text or '(no status)'}"]
    if row.provider:
        parts.append(f"provider {row.provider}")
    if row.group:
        parts.append(f"group {row.group}")
    if row.setting:
        parts.append(f"setting {row.setting}")
    text = "; ".join(parts) + "."
    if row.notes:
        text += f" {row.notes}"
    return text
