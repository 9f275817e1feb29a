"""Reading a district's calendar from ICS or CSV into closures, early release and year bounds.

Districts publish calendars as ICS feeds full of events that are not closures
("Picture Day", "PTA Meeting"), so each event is classified by its title:

- an early-release phrase ("early release", "early dismissal", "half day", ...)
  makes it an early-release day, even when a closure word is also present
  ("Early dismissal before Thanksgiving break" is a school day);
- "first day of school" / "last day of school" set the school year's bounds;
- a closure phrase ("no school", "schools closed", "holiday", "break", "recess",
  "teacher workday", "professional development", "staff development", "clerical",
  "students do not attend", ...) makes it a closure; the weak words (holiday,
  break, recess, vacation) do not count inside an event title such as "Holiday
  Concert" or "Winter Break Camp";
- everything else is listed back as ignored, never dropped silently.

A malformed file raises InputError naming the line or event; nothing is changed
until `apply_import` builds new settings from a complete, valid result.

A hostile file ends in one sentence too: files, events, repeats and dates are held to
the limits in `iep_tui.limits` (a repeating event needs an INTERVAL of 1 or more and
expands only inside the school years being imported), and titles are cleaned of
control characters and escape sequences on the way in (`safe_text.clean_imported`;
removed, not refused, and reported as a warning).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from iep_tui.calendar.settings import (
    CLOSURE_KINDS,
    CalendarSettings,
    Closure,
    ClosureKind,
    EarlyRelease,
    SchoolYear,
    is_closure_kind,
    overlapping_years,
)
from iep_tui.errors import InputError
from iep_tui.limits import (
    CALENDAR_BYTES_MAX,
    CALENDAR_DATES_MAX,
    CALENDAR_EVENTS_MAX,
    DATE_MAX,
    DATE_MIN,
    LINE_MAX,
    byte_size,
)
from iep_tui.safe_text import clean_imported

if TYPE_CHECKING:
    from iep_tui.calendar.school_calendar import SchoolCalendar

MAX_EVENT_DAYS = 366
"""An event longer than a year is a mistake in the file, not a closure."""
MAX_SCHOOL_YEAR_DAYS = 366
"""A school year, first day to last day counted both: a year-round school's is a year at most.
A last day further on (2199 for 2027) is a mistake, not the end of a 173-year school year."""

MAX_OCCURRENCES = 400
"""Cap on the dates one repeating event may expand to (more is refused, never cut silently)."""
MAX_INTERVAL = 52
"""A repeat every 52 days or weeks at most: beyond that it is not a school-year pattern."""

EARLY_RELEASE_PHRASES = (
    "early release",
    "early-release",
    "early dismissal",
    "early-dismissal",
    "half day",
    "half-day",
    "minimum day",
    "early out",
    "partial day",
)
FIRST_DAY_PHRASES = (
    "first day of school",
    "first day for students",
    "first student day",
    "first day of classes",
    "first day of instruction",
)
LAST_DAY_PHRASES = (
    "last day of school",
    "last day for students",
    "last student day",
    "last day of classes",
    "last day of instruction",
)
STRONG_CLOSURE_PHRASES = (
    "no school",
    "schools closed",
    "school closed",
    "schools are closed",
    "school is closed",
    "students do not attend",
    "no students",
    "no classes",
    "non-student day",
    "non student day",
    "district closed",
    "snow day",
    "weather closure",
    "emergency closure",
)
STAFF_PHRASES = (
    "teacher workday",
    "teacher work day",
    "teacher work-day",
    "professional development",
    "staff development",
    "clerical",
    "in-service",
    "inservice",
    "teacher planning",
    "staff work day",
    "staff workday",
    "grading day",
    "institute day",
)
WEAK_CLOSURE_WORDS = ("holiday", "holidays", "break", "recess", "vacation")
EVENT_WORDS = (
    "concert",
    "party",
    "program",
    "performance",
    "sale",
    "fair",
    "assembly",
    "meeting",
    "celebration",
    "camp",
    "show",
    "event",
    "bazaar",
    "drive",
    "spirit",
    "dance",
    "sing",
    "luncheon",
    "lunch",
    "breakfast",
)
"""Words that make a "holiday"/"break" title an event at school, not a day off."""

CSV_KINDS = ("closure", "early_release", "first_day", "last_day")


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(r"(?<![a-z])" + re.escape(p) + r"(?![a-z])", text) for p in phrases)


@dataclass(frozen=True, slots=True)
class Classification:
    """What a title means for the calendar: `role` closure/early_release/None, plus bounds."""

    role: str | None
    closure_kind: ClosureKind = "other"
    bound: str | None = None  # "first_day" | "last_day"


def classify(summary: str) -> Classification:
    """Classify an event title (see the module docstring for the precedence)."""
    text = " ".join(summary.lower().split())
    bound = "first_day" if _has(text, FIRST_DAY_PHRASES) else "last_day" if _has(text, LAST_DAY_PHRASES) else None
    if _has(text, EARLY_RELEASE_PHRASES):
        return Classification("early_release", bound=bound)
    if bound is not None:
        return Classification(None, bound=bound)
    strong = _has(text, STRONG_CLOSURE_PHRASES) or _has(text, STAFF_PHRASES)
    weak = _has(text, WEAK_CLOSURE_WORDS) and not _has(text, EVENT_WORDS)
    if strong or weak:
        return Classification("closure", closure_kind=closure_kind_for(text))
    return Classification(None)


def closure_kind_for(label: str) -> ClosureKind:
    """The closure kind a label suggests: staff day, weather, break, holiday or other."""
    text = label.lower()
    if _has(text, STAFF_PHRASES):
        return "staff_day"
    if _has(text, ("snow", "weather", "emergency", "storm", "smoke", "power outage")):
        return "weather"
    if _has(text, ("break", "recess", "vacation")):
        return "break"
    if "holiday" in text or _looks_like_holiday(text):
        return "holiday"
    return "other"


def _looks_like_holiday(text: str) -> bool:
    names = (
        "labor day",
        "veterans day",
        "thanksgiving",
        "christmas",
        "new year",
        "martin luther king",
        "mlk",
        "presidents",
        "washington",
        "memorial day",
        "juneteenth",
        "independence day",
        "columbus",
        "indigenous peoples",
        "lincoln",
        "cesar chavez",
        "good friday",
        "yom kippur",
        "rosh hashanah",
        "lunar new year",
        "eid",
        "diwali",
        "native american heritage",
    )
    return any(name in text for name in names)


@dataclass(frozen=True, slots=True)
class IgnoredEvent:
    """An event that changes nothing, reported so the user can check it."""

    day: date
    summary: str
    reason: str = "not a closure, early-release day or first/last day of school"


@dataclass
class ImportResult:
    """Everything read from one file, before it is applied to a case."""

    source: str
    format: str
    closures: list[Closure] = field(default_factory=list)
    early_release: list[EarlyRelease] = field(default_factory=list)
    first_days: list[tuple[date, str]] = field(default_factory=list)
    last_days: list[tuple[date, str]] = field(default_factory=list)
    school_years: list[SchoolYear] = field(default_factory=list)
    ignored: list[IgnoredEvent] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entries_read: int = 0

    @property
    def closure_weekdays(self) -> int:
        """How many weekdays the closures cover (what a count will skip)."""
        days: set[date] = set()
        for closure in self.closures:
            day = closure.start
            while day <= closure.last:
                if day.weekday() < 5:
                    days.add(day)
                day += timedelta(days=1)
        return len(days)

    def summary_lines(self) -> list[str]:
        """The after-import report: closures, early release, bounds, ignored events."""
        what = "events" if self.format == "ics" else "rows"
        lines = [f"Read {self.entries_read} {what} from {self.source}."]
        if self.school_years:
            for year in self.school_years:
                lines.append(f"School year: first day {_day(year.first_day)}, last day {_day(year.last_day)}.")
        else:
            lines.append("No first and last day of school found: the school year is not set by this file.")
        lines.append(f"Closures: {len(self.closures)} ({self.closure_weekdays} weekdays).")
        for closure in self.closures:
            span = (
                _day(closure.start)
                if closure.end in (None, closure.start)
                else f"{_day(closure.start)} .. {_day(closure.last)}"
            )
            lines.append(f"  {span}  {closure.label} ({closure.kind.replace('_', ' ')})")
        lines.append(f"Early-release days (school days): {len(self.early_release)}.")
        lines.extend(f"  {_day(e.day)}  {e.label}" for e in self.early_release)
        lines.append(f"Ignored: {len(self.ignored)}.")
        lines.extend(f"  {_day(i.day)}  {i.summary}  ({i.reason})" for i in self.ignored)
        if self.warnings:
            lines.append("Check:")
            lines.extend(f"  {w}" for w in self.warnings)
        return lines

    def to_json(self) -> dict[str, Any]:
        """The JSON summary `iep-tui calendar import --json` prints."""
        return {
            "source": self.source,
            "format": self.format,
            "entries_read": self.entries_read,
            "school_years": [y.model_dump(mode="json") for y in self.school_years],
            "first_days": [{"date": d.isoformat(), "label": label} for d, label in self.first_days],
            "last_days": [{"date": d.isoformat(), "label": label} for d, label in self.last_days],
            "closures": [c.model_dump(mode="json") for c in self.closures],
            "closure_weekdays": self.closure_weekdays,
            "early_release": [e.model_dump(mode="json") for e in self.early_release],
            "ignored": [{"date": i.day.isoformat(), "summary": i.summary, "reason": i.reason} for i in self.ignored],
            "warnings": list(self.warnings),
        }


def _day(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


# ---------------------------------------------------------------------- shared building


class _Builder:
    """Collects classified entries, de-duplicated, then pairs first/last days into years."""

    def __init__(self, source: str, fmt: str) -> None:
        self.result = ImportResult(source=source, format=fmt)
        self._closure_keys: set[tuple[date, date, str]] = set()
        self._early_days: set[date] = set()
        self._dates = 0

    def count(self, dates: int) -> None:
        """Every date the file expands to counts against CALENDAR_DATES_MAX."""
        self._dates += dates
        if self._dates > CALENDAR_DATES_MAX:
            raise InputError(
                f"{self.result.source} expands to more than {CALENDAR_DATES_MAX:,} dates, more than any district "
                "calendar holds; nothing was imported. Check its repeating events."
            )

    def label(self, raw: str, where: str, used: bool = True) -> str:
        """A title from the file, cleaned like typed text: control characters and escape
        sequences removed (and reported); longer than a line holds is refused when the title
        is kept (a closure, an early release, a first or last day) and shortened when it is
        only listed back as ignored."""
        cleaned = clean_imported(raw)
        if cleaned.changed:
            self.result.warnings.append(cleaned.note(where))
        text = " ".join(cleaned.text.split())
        if len(text) > LINE_MAX:
            if used:
                raise InputError(
                    f"{where}: the title is {len(text):,} characters long; a title holds at most {LINE_MAX}. "
                    "Nothing was imported."
                )
            text = text[: LINE_MAX - 1] + "…"
        return text

    def closure(self, start: date, last: date, label: str, kind: ClosureKind) -> None:
        key = (start, last, label)
        if key in self._closure_keys:
            return
        self._closure_keys.add(key)
        self.result.closures.append(Closure(start=start, end=last if last != start else None, label=label, kind=kind))

    def early(self, start: date, last: date, label: str) -> None:
        day = start
        while day <= last:
            if day not in self._early_days:
                self._early_days.add(day)
                self.result.early_release.append(EarlyRelease(day=day, label=label))
            day += timedelta(days=1)

    def bound(self, which: str, day: date, label: str) -> None:
        target = self.result.first_days if which == "first_day" else self.result.last_days
        if (day, label) not in target:
            target.append((day, label))

    def finish(self) -> ImportResult:
        result = self.result
        result.closures.sort(key=lambda c: (c.start, c.last))
        result.early_release.sort(key=lambda e: e.day)
        result.first_days.sort()
        result.last_days.sort()
        result.ignored.sort(key=lambda i: (i.day, i.summary))
        result.school_years = _pair_years(result.first_days, result.last_days, result.warnings)
        for early in result.early_release:
            if any(c.start <= early.day <= c.last for c in result.closures):
                result.warnings.append(
                    f"{_day(early.day)} is both an early-release day ({early.label}) and inside a closure: "
                    "it is treated as closed."
                )
        if not result.school_years and (result.closures or result.early_release):
            result.warnings.append(
                "Without a first and last day of school, school-day counts stay estimates "
                "unless the case already has its school year."
            )
        return result


def _pair_years(firsts: list[tuple[date, str]], lasts: list[tuple[date, str]], warnings: list[str]) -> list[SchoolYear]:
    """One school year per cluster of first days, ending at the latest last day before the next."""
    first_dates = sorted({d for d, _ in firsts})
    last_dates = sorted({d for d, _ in lasts})
    clusters: list[list[date]] = []
    for day in first_dates:
        if clusters and (day - clusters[-1][0]).days <= 45:
            clusters[-1].append(day)
        else:
            clusters.append([day])
    years: list[SchoolYear] = []
    used: set[date] = set()
    for index, cluster in enumerate(clusters):
        first = cluster[0]
        if len(cluster) > 1:
            warnings.append(
                f"Several first days of school ({', '.join(d.isoformat() for d in cluster)}): using the earliest, "
                f"{first.isoformat()}. Edit it if your child starts on another day."
            )
        horizon = clusters[index + 1][0] if index + 1 < len(clusters) else date.max
        after = [d for d in last_dates if first < d < horizon]
        candidates = [d for d in after if (d - first).days + 1 <= MAX_SCHOOL_YEAR_DAYS]
        if not candidates:
            if after:
                used.update(after)  # said here, not again as a last day with no first day before it
                warnings.append(
                    f"First day of school {first.isoformat()} and last day of school {after[0].isoformat()} "
                    "are more than a year apart, so they are not one school year: no school year set. "
                    "Check the dates in the file."
                )
            else:
                warnings.append(
                    f"First day of school {first.isoformat()} has no last day of school after it: no school year set."
                )
            continue
        last = candidates[-1]
        if len(candidates) > 1:
            warnings.append(
                f"Several last days of school ({', '.join(d.isoformat() for d in candidates)}): using the latest, "
                f"{last.isoformat()}. Edit it if your child's last day is earlier."
            )
        used.update(candidates)
        label = f"{first.year}-{str(last.year)[-2:]}" if last.year != first.year else str(first.year)
        years.append(SchoolYear(first_day=first, last_day=last, label=label))
    for day in last_dates:
        if day not in used:
            warnings.append(
                f"Last day of school {day.isoformat()} has no first day of school before it: no school year set."
            )
    return years


# ---------------------------------------------------------------------- reading files


def _read_bytes(path_or_bytes: str | Path | bytes) -> tuple[bytes, str]:
    """The file's bytes; one larger than CALENDAR_BYTES_MAX is refused before it is read."""
    if isinstance(path_or_bytes, bytes):
        data, source = path_or_bytes, "the calendar"
    else:
        path = Path(path_or_bytes)
        source = path.name
        try:
            with open(path, "rb") as handle:
                data = handle.read(CALENDAR_BYTES_MAX + 1)
        except OSError as error:
            raise InputError(f"Cannot read {path}: {error.strerror or error}.") from None
    if len(data) > CALENDAR_BYTES_MAX:
        raise InputError(
            f"{source} is larger than {byte_size(CALENDAR_BYTES_MAX)}, far more than a district calendar; "
            "nothing was imported."
        )
    return data, source


def _decode(data: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source} is not a text file.")


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded iCalendar content lines, each with the physical line it starts on."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            first, content = lines[-1]
            lines[-1] = (first, content + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*(\"[^\"]*\"[^:]*)*)?:")


def _check_structure(text: str, source: str) -> list[int]:
    """Line-level checks icalendar does not report by line; returns each VEVENT's line."""
    lines = _content_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise InputError(f"{source} is not an iCalendar file: it does not start with BEGIN:VCALENDAR.")
    stack: list[tuple[str, int]] = []
    events: list[int] = []
    for number, line in lines:
        if not _CONTENT_LINE.match(line):
            raise InputError(f"{source} line {number} is not an iCalendar line (NAME:value): {line[:60]!r}.")
        name, _, value = line.partition(":")
        name = name.split(";")[0].upper()
        if name == "BEGIN":
            stack.append((value.strip().upper(), number))
            if value.strip().upper() == "VEVENT":
                events.append(number)
        elif name == "END":
            if not stack or stack[-1][0] != value.strip().upper():
                opened = f"{stack[-1][0]} opened on line {stack[-1][1]}" if stack else "nothing open"
                raise InputError(f"{source} line {number}: END:{value.strip()} does not match ({opened}).")
            stack.pop()
    if stack:
        raise InputError(
            f"{source}: {stack[-1][0]} opened on line {stack[-1][1]} is never closed (END:{stack[-1][0]})."
        )
    if len(events) > CALENDAR_EVENTS_MAX:
        raise InputError(
            f"{source} holds {len(events):,} events; iep-tui reads at most {CALENDAR_EVENTS_MAX:,} from one "
            "calendar. Nothing was imported."
        )
    return events


def _as_date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _in_range(day: date, describe: str) -> date:
    if not DATE_MIN <= day <= DATE_MAX:
        raise InputError(
            f"{describe}: {day.isoformat()} is outside the dates iep-tui accepts "
            f"({DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}); fix the date in the file."
        )
    return day


def _event_dates(event: Any, describe: str) -> tuple[date, int]:
    """First date and length in days of one event (all-day DTEND is exclusive)."""
    start_prop = event.get("DTSTART")
    if start_prop is None:
        raise InputError(f"{describe} has no DTSTART (start date).")
    start_value = start_prop.dt
    if not isinstance(start_value, date):
        raise InputError(f"{describe} has a DTSTART that is not a date.")
    end_value = None
    if event.get("DTEND") is not None:
        end_value = event.get("DTEND").dt
    elif event.get("DURATION") is not None:
        try:
            end_value = start_value + event.get("DURATION").dt
        except (OverflowError, TypeError):
            raise InputError(f"{describe} has a DURATION that runs past any real date.") from None
    first = _in_range(_as_date(start_value), describe)
    if end_value is not None and isinstance(end_value, date):
        _in_range(_as_date(end_value), describe)
    if end_value is None:
        return first, 1
    if isinstance(start_value, datetime) != isinstance(end_value, datetime):
        raise InputError(f"{describe}: DTSTART and DTEND mix a date and a date-time.")
    if end_value < start_value:
        raise InputError(f"{describe} ends before it starts.")
    if isinstance(start_value, datetime):
        last = (end_value - timedelta(microseconds=1)).date() if end_value > start_value else first
    else:
        last = end_value - timedelta(days=1) if end_value > start_value else first
    days = (last - first).days + 1
    if days > MAX_EVENT_DAYS:
        raise InputError(f"{describe} lasts {days} days, more than a school year; fix its DTEND.")
    return first, days


_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def _occurrences(event: Any, first: date, horizon: date, describe: str) -> list[date] | str:
    """Start dates of a repeating event, or a reason it cannot be expanded.

    Bounded three ways: a positive INTERVAL (at most MAX_INTERVAL), the `horizon` (the
    last day of school imported, else a year on), and MAX_OCCURRENCES dates; a rule past
    them raises InputError naming the event.
    """
    rule = event.get("RRULE")
    if rule is None:
        return [first]
    if isinstance(rule, list):
        return "more than one RRULE"
    freq = (rule.get("FREQ") or [""])[0]
    supported = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"}
    unsupported = sorted(set(rule) - supported)
    if freq not in ("DAILY", "WEEKLY") or unsupported:
        return f"repeats (RRULE {rule.to_ical().decode()}), which this import does not expand: list its dates in a CSV"
    interval = _rule_number(rule, "INTERVAL", MAX_INTERVAL, describe) or 1
    count = _rule_number(rule, "COUNT", MAX_OCCURRENCES, describe)
    until = _as_date(rule["UNTIL"][0]) if rule.get("UNTIL") else None
    end = min(until or horizon, horizon, first + timedelta(days=MAX_EVENT_DAYS * 2))
    bydays = rule.get("BYDAY") or []
    try:
        weekdays = sorted({_WEEKDAYS[str(d)[-2:].upper()] for d in bydays}) if bydays else None
    except KeyError:
        return f"repeats on days this import does not understand ({bydays})"
    excluded: set[date] = set()
    exdates = event.get("EXDATE")
    for item in exdates if isinstance(exdates, list) else [exdates] if exdates is not None else []:
        excluded.update(_as_date(d.dt) for d in item.dts)
    dates: list[date] = []
    step = timedelta(days=interval) if freq == "DAILY" else timedelta(weeks=interval)
    period = first if freq == "DAILY" else first - timedelta(days=first.weekday())
    pattern = [0] if freq == "DAILY" else weekdays if weekdays is not None else [first.weekday()]
    while period <= end and (count is None or len(dates) < count):  # interval >= 1: always advances
        for offset in pattern:
            day = period + timedelta(days=offset)
            if first <= day <= end and (count is None or len(dates) < count):
                dates.append(day)
        if len(dates) > MAX_OCCURRENCES:
            raise InputError(
                f"{describe} repeats more than {MAX_OCCURRENCES} times within the school year; "
                "nothing was imported. List its dates in a CSV instead."
            )
        period += step
    return [d for d in dates if d not in excluded]


def _rule_number(rule: Any, name: str, most: int, describe: str) -> int | None:
    """INTERVAL or COUNT of an RRULE: a whole number from 1 to `most` (None when absent), else one sentence."""
    values = rule.get(name)
    if not values:
        return None
    try:
        number = int(values[0])
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= most:
        raise InputError(
            f"{describe} repeats with {name}={values[0]}; iep-tui expands a repeating event only with "
            f"{name} from 1 to {most}. Nothing was imported."
        )
    return number


def import_ics(path_or_bytes: str | Path | bytes) -> ImportResult:
    """Read an ICS district calendar; InputError naming the line or event if malformed."""
    import icalendar

    data, source = _read_bytes(path_or_bytes)
    text = _decode(data, source)
    event_lines = _check_structure(text, source)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as error:  # icalendar raises ValueError and friends
        raise InputError(f"{source} is not a valid iCalendar file: {error}.") from None
    events = list(calendar.walk("VEVENT"))
    builder = _Builder(source, "ics")
    builder.result.entries_read = len(events)
    parsed: list[tuple[Any, str, date, int, str]] = []
    for index, event in enumerate(events):
        line = event_lines[index] if index < len(event_lines) else None
        where = f"{source}: event on line {line}" if line else f"{source}: event {index + 1}"
        title = str(event.get("SUMMARY", ""))
        summary = builder.label(title, where, used=classify(clean_imported(title).text[:1000]) != Classification(None))
        describe = f"{source}: event {summary[:60] or '(untitled)'!r}" + (f" (line {line})" if line else "")
        errors = getattr(event, "errors", None)
        if errors:
            prop, message = errors[0]
            raise InputError(f"{describe}: {prop or 'a line'}: {message}.")
        first, days = _event_dates(event, describe)
        parsed.append((event, summary, first, days, describe))
    # Repeating events without an end stop at the last day of school: of the school years the file
    # sets (first and last days paired as the import pairs them), or a last day within a year of the
    # event's start; else a year on. A last day further away (2199) is no window.
    bounds = {
        which: [(f, s) for (_, s, f, _, _) in parsed if classify(s).bound == which]
        for which in ("first_day", "last_day")
    }
    year_ends = [y.last_day for y in _pair_years(bounds["first_day"], bounds["last_day"], [])]
    for event, summary, first, days, describe in parsed:
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            builder.result.ignored.append(IgnoredEvent(first, summary or "(untitled)", "cancelled"))
            continue
        a_year_on = first + timedelta(days=366)
        ends = [d for d in year_ends if d > first] + [d for d, _ in bounds["last_day"] if first < d <= a_year_on]
        horizon = max(ends, default=a_year_on)
        starts = _occurrences(event, first, horizon, describe)
        if isinstance(starts, str):
            builder.result.ignored.append(IgnoredEvent(first, summary or "(untitled)", starts))
            continue
        builder.count(len(starts) * days)
        kind = classify(summary)
        for start in starts:
            last = start + timedelta(days=days - 1)
            _add(builder, kind, start, last, summary)
    return builder.finish()


def _add(builder: _Builder, kind: Classification, start: date, last: date, label: str) -> None:
    if kind.bound is not None:
        builder.bound(kind.bound, start, label)
    if kind.role == "early_release":
        builder.early(start, last, label)
    elif kind.role == "closure":
        builder.closure(start, last, label, kind.closure_kind)
    elif kind.bound is None:
        builder.result.ignored.append(IgnoredEvent(start, label or "(untitled)"))


# ---------------------------------------------------------------------- CSV


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _parse_csv_date(value: str, where: str, column: str) -> date:
    text = value.strip()
    try:
        parsed: date | None = date.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None:
        return _in_range(parsed, f"{where}: {column}")
    match = _US_DATE.match(text)
    if match:
        month, day, year = (int(g) for g in match.groups())
        try:
            return _in_range(date(year, month, day), f"{where}: {column}")
        except ValueError:
            pass
    raise InputError(f"{where}: {column} {text[:40]!r} is not a date such as 2026-11-11 (or 11/11/2026).")


def _read_text(path_or_text: str | Path) -> tuple[str, str]:
    if isinstance(path_or_text, str) and "\n" in path_or_text:
        return path_or_text, "the CSV text"
    data, source = _read_bytes(Path(path_or_text))
    return _decode(data, source), source


def import_csv(path_or_text: str | Path) -> ImportResult:
    """Read a CSV calendar: columns date (or start), optional end (inclusive), label, kind.

    kind is one of closure (the default), early_release, first_day, last_day; a closure
    kind (holiday, break, staff_day, weather, other) is accepted as a closure of that
    kind. A row with no kind whose label names an early-release day or a first/last day
    is read as such, with a warning.
    """
    text, source = _read_text(path_or_text)
    builder = _Builder(source, "csv")
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    try:
        for row in reader:
            line = reader.line_num
            if builder.result.entries_read >= CALENDAR_EVENTS_MAX:
                raise InputError(
                    f"{source} holds more than {CALENDAR_EVENTS_MAX:,} rows; iep-tui reads at most that many from "
                    "one calendar. Nothing was imported."
                )
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if header is None:
                header = [c.lower().replace(" ", "_") for c in cells]
                if "date" not in header and "start" not in header:
                    raise InputError(
                        f"{source} line {line}: the header needs a 'date' or 'start' column "
                        f"(found: {', '.join(cells)})."
                    )
                continue
            values = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
            _csv_row(builder, values, f"{source} line {line}")
            builder.result.entries_read += 1
    except csv.Error as error:
        raise InputError(f"{source} line {reader.line_num}: {error}.") from None
    if header is None:
        raise InputError(f"{source} is empty: expected a header row such as date,end,label,kind.")
    return builder.finish()


def _csv_row(builder: _Builder, values: dict[str, str], where: str) -> None:
    start_text = values.get("date") or values.get("start") or ""
    if not start_text:
        raise InputError(f"{where}: no date.")
    start = _parse_csv_date(start_text, where, "date")
    end_text = values.get("end", "")
    last = _parse_csv_date(end_text, where, "end") if end_text else start
    if last < start:
        raise InputError(f"{where}: end {last.isoformat()} is before the start {start.isoformat()}.")
    if (last - start).days + 1 > MAX_EVENT_DAYS:
        raise InputError(f"{where}: the range is longer than a school year.")
    builder.count((last - start).days + 1)
    label = builder.label(values.get("label") or values.get("name") or values.get("summary") or "", where)
    kind_text = values.get("kind", "").strip().lower().replace("-", "_").replace(" ", "_")
    if kind_text and kind_text not in CSV_KINDS + CLOSURE_KINDS:
        raise InputError(
            f"{where}: kind {values.get('kind')!r} is not one of {', '.join(CSV_KINDS)} "
            f"(or a closure kind: {', '.join(CLOSURE_KINDS)})."
        )
    if not kind_text:
        guess = classify(label)
        if guess.bound is not None or guess.role == "early_release":
            read_as = guess.bound or "early_release"
            builder.result.warnings.append(f"{where}: {label!r} has no kind; read as {read_as} from its label.")
            _add(builder, guess, start, last, label)
            return
        kind_text = "closure"
    if kind_text in ("first_day", "last_day"):
        builder.bound(kind_text, start, label)
    elif kind_text == "early_release":
        builder.early(start, last, label)
    elif kind_text == "closure":
        builder.closure(start, last, label, closure_kind_for(label))
    elif is_closure_kind(kind_text):  # always, after the check above
        builder.closure(start, last, label, kind_text)


# ---------------------------------------------------------------------- applying


def import_file(path: str | Path) -> ImportResult:
    """Import by file type: .ics/.ical as iCalendar, anything else as CSV."""
    suffix = Path(path).suffix.lower()
    if suffix in (".ics", ".ical", ".ifb", ".icalendar"):
        return import_ics(path)
    if suffix in (".csv", ".txt", ""):
        return import_csv(Path(path))
    data, source = _read_bytes(path)
    if data.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        return import_ics(data)
    return import_csv(Path(path))


def apply_import(settings: CalendarSettings, result: ImportResult) -> CalendarSettings:
    """New settings with the imported calendar; `settings` itself is not changed.

    The import replaces the district calendar for the span it covers (its school years,
    or else the dates it mentions): closures and early-release days in that span are
    replaced, anything outside it is kept, and overlapping school years are replaced.
    """
    dates = [c.start for c in result.closures] + [c.last for c in result.closures]
    dates += [e.day for e in result.early_release]
    spans = [(y.first_day, y.last_day) for y in result.school_years]
    if not spans and dates:
        spans = [(min(dates), max(dates))]

    def inside(day: date) -> bool:
        return any(lo <= day <= hi for lo, hi in spans)

    kept_closures = [c for c in settings.closures if not (inside(c.start) or inside(c.last))]
    kept_early = [e for e in settings.early_release if not inside(e.day)]
    kept_years = [
        y
        for y in settings.school_years
        if not any(y.first_day <= n.last_day and n.first_day <= y.last_day for n in result.school_years)
    ]
    try:
        return CalendarSettings(
            state=settings.state,
            subdivision=settings.subdivision,
            school_years=sorted(kept_years + list(result.school_years), key=lambda y: y.first_day),
            closures=sorted(kept_closures + list(result.closures), key=lambda c: (c.start, c.last)),
            early_release=sorted(kept_early + list(result.early_release), key=lambda e: e.day),
            source=result.source if (spans or result.school_years) else settings.source,
        )
    except ValidationError as error:
        raise InputError(
            f"{result.source}: the imported calendar does not fit the case's: {error.errors()[0]['msg']}."
        ) from None


def calendar_of_file(result: ImportResult, state: str | None) -> SchoolCalendar:
    """The school calendar a file alone describes, outside any case: in `state`, or with federal
    holidays only when None (no state is assumed). Overlapping school years are an InputError."""
    from iep_tui.calendar.school_calendar import SchoolCalendar

    years = sorted(result.school_years, key=lambda y: y.first_day)
    overlap = overlapping_years(years)
    if overlap:
        raise InputError(f"{result.source}: {overlap}.")
    return SchoolCalendar(
        state=state,
        school_years=years,
        closures=result.closures,
        early_release=result.early_release,
        source=result.source,
    )


def holiday_warnings(settings: CalendarSettings) -> list[str]:
    """Holidays on which the imported calendar holds school: right for many districts, or a missed closure."""
    from iep_tui.calendar.school_calendar import SchoolCalendar

    calendar = SchoolCalendar.from_settings(settings)
    lines = []
    for year in calendar.school_years:
        for day, name in calendar.open_on_holidays(year):
            lines.append(f"{_day(day)} {name}: a school day in this calendar (right if the district is open that day).")
    return lines
