"""How dates, minutes and roles read in a letter: one place, so every letter agrees.

Formatting only: every date and number shown was computed by the calendar, ledger
or escalation code and arrives here finished.
"""

from __future__ import annotations

from datetime import date

ROLE_TITLES: dict[str, str] = {
    "parent": "Parent",
    "case-manager": "Case Manager",
    "principal": "Principal",
    "sped-director": "Director of Special Education",
    "special-education-director": "Director of Special Education",
    "asst-superintendent": "Assistant Superintendent",
    "assistant-superintendent": "Assistant Superintendent",
    "superintendent": "Superintendent",
    "slp": "Speech-Language Pathologist",
    "ot": "Occupational Therapist",
    "pt": "Physical Therapist",
    "counselor": "School Counselor",
    "teacher": "Teacher",
    "para": "Paraeducator",
    "nurse": "School Nurse",
    "psychologist": "School Psychologist",
    "advocate": "Advocate",
    "guardian": "Guardian",
    "student": "Student",
    "special-education-teacher": "Special Education Teacher",
    "general-education-teacher": "General Education Teacher",
    "behavior-specialist": "Behavior Specialist",
    "assistant-principal": "Assistant Principal",
    "state-agency": "State Education Agency",
    "attorney": "Attorney",
}

REASON_TEXT: dict[str, str] = {
    "provider-absent": "provider absent",
    "staff-reassigned": "staff reassigned",
    "schedule-conflict": "schedule conflict",
    "school-closed": "school closed",
    "student-absent": "student absent",
    "student-refused": "student refused",
    "unknown": "no reason given",
}

SOURCE_TEXT: dict[str, str] = {
    "school-log": "school log",
    "provider-note": "provider note",
    "parent-observation": "parent observation",
}


def role_title(role: str) -> str:
    """'case-manager' -> 'Case Manager'; an unknown role is title-cased."""
    return ROLE_TITLES.get(role, role.replace("-", " ").title())


def reason_text(reason: str | None) -> str:
    return REASON_TEXT.get(reason or "unknown", (reason or "").replace("-", " "))


def source_text(source: str) -> str:
    return SOURCE_TEXT.get(source, source.replace("-", " "))


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""English names whatever the machine's locale (strftime would follow it)."""


def long_date(day: date) -> str:
    """'November 28, 2026': the date line of a letter."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def short_date(day: date) -> str:
    """'Oct 13, 2026': dates in tables and lists."""
    return f"{MONTHS[day.month - 1][:3]} {day.day}, {day.year}"


def day_date(day: date) -> str:
    """'Tue, Oct 13, 2026': a date a reader checks against a calendar."""
    return f"{WEEKDAYS[day.weekday()]}, {short_date(day)}"


def long_day_date(day: date) -> str:
    """'Monday, December 14, 2026': a deadline in a sentence."""
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    return f"{names[day.weekday()]}, {long_date(day)}"


def minutes_text(minutes: int) -> str:
    """'390 minutes (6 h 30 min)'; small amounts without the hours."""
    unit = "minute" if minutes == 1 else "minutes"
    if minutes < 60:
        return f"{minutes} {unit}"
    hours, rest = divmod(minutes, 60)
    clock = f"{hours} h" + (f" {rest} min" if rest else "")
    return f"{minutes:,} {unit} ({clock})"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def join_and(items: list[str], word: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'or')."""
    items = [i for i in items if i]
    if len(items) <= 2:
        return f" {word} ".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def join_or(items: list[str]) -> str:
    return join_and(items, "or")


def count_word(n: int) -> str:
    """'two' for 2 (up to ten), digits above: how a letter writes small counts."""
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)
