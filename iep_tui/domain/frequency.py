"""Service frequency: the "30 min 2x weekly" of an IEP as a value the ledger can count.

Accepted forms (case, spacing, hyphens and "/" are free):

    30 min 2x weekly          2 x 30 minutes per week      30 minutes twice a week
    15 min 3 times per week   30 min 5 days a week         60 min/month
    45 minutes daily          120 minutes weekly           1800 minutes per year
    1 hour weekly             as needed                    consult
    consult 30 min monthly    daily (no minutes: shown, never counted)

Two shapes carry minutes:

- **sessions**: `minutes` per session, `times` sessions per period ("30 min 2x weekly"
  is 60 minutes a week in sessions of 30);
- **a period total**: `minutes` per period with no session count ("120 minutes weekly").
  Its session length is unknown (except for a daily total, which is one session a day),
  so logging a session of it needs the minutes typed.

"as needed" and "consult" are shown but never counted as required or owed; neither is
a frequency with no minutes ("daily" on an accommodation).

`Frequency.canonical` is the display string ("30 min 2x weekly"); parsing it gives back
an equal `Frequency`, which is what `Requirement.frequency` stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from iep_tui.errors import InputError

Period = Literal["day", "week", "month", "year"]
Basis = Literal["scheduled", "as-needed", "consult"]

PERIOD_WORDS: dict[str, str] = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}

EXAMPLES = '"30 min 2x weekly", "120 min weekly", "60 min monthly", "45 min daily", "1800 min yearly" or "as needed"'

MAX_TIMES = 31
MAX_MINUTES = 100_000


class FrequencyError(InputError, ValueError):
    """A frequency that cannot be read; a ValueError too, so pydantic validators report it."""


@dataclass(frozen=True)
class Frequency:
    """How much of a service the IEP requires, per period."""

    minutes: int | None = None
    """Minutes per session when `times` is set, else minutes per period."""
    times: int | None = None
    """Sessions per period, when the IEP counts sessions."""
    period: Period | None = None
    basis: Basis = "scheduled"

    @property
    def counted(self) -> bool:
        """True when the ledger requires (and can owe) minutes for it."""
        return self.basis == "scheduled" and self.minutes is not None and self.period is not None

    @property
    def minutes_per_period(self) -> int | None:
        if self.minutes is None:
            return None
        return self.minutes * (self.times or 1)

    @property
    def session_minutes(self) -> int | None:
        """The length of one session, when the IEP says it (a daily total is one session)."""
        if self.minutes is None:
            return None
        if self.times is not None or self.period == "day":
            return self.minutes
        return None

    @property
    def sessions_per_week(self) -> int | None:
        """Regular sessions a week, when the frequency says (used to suggest a make-up pace)."""
        if self.period == "week":
            return self.times or (1 if self.minutes else None)
        if self.period == "day" and self.minutes:
            return 5 * (self.times or 1)
        return None

    @property
    def amount(self) -> str:
        """'30 min 2x weekly', '120 min weekly', '15 min', 'daily' or '' (no numbers)."""
        parts: list[str] = []
        if self.minutes is not None:
            parts.append(f"{self.minutes} min")
        if self.times is not None:
            parts.append(f"{self.times}x")
        if self.period is not None:
            parts.append(PERIOD_WORDS[self.period])
        return " ".join(parts)

    @property
    def canonical(self) -> str:
        """The display string; `parse_frequency(f.canonical) == f`."""
        if self.basis == "scheduled":
            return self.amount
        word = "as needed" if self.basis == "as-needed" else "consult"
        return f"{word}, {self.amount}" if self.amount else word

    def describe(self) -> str:
        """A sentence fragment for people: '30 min, 2 sessions a week (60 min a week)'."""
        if self.basis == "as-needed":
            return f"as needed{f' ({self.amount})' if self.amount else ''}: shown, never counted as owed"
        if self.basis == "consult":
            return f"consult{f' ({self.amount})' if self.amount else ''}: shown, never counted as owed"
        if not self.counted:
            return f"{self.canonical or 'no frequency'}: no minutes, not counted"
        per = {"day": "a school day", "week": "a week", "month": "a month", "year": "a school year"}[self.period or "week"]
        if self.times is None:
            return f"{self.minutes} min {per}"
        plural = "s" if self.times > 1 else ""
        return f"{self.minutes} min, {self.times} session{plural} {per} ({self.minutes_per_period} min {per})"

    def __str__(self) -> str:
        return self.canonical


# ---------------------------------------------------------------- parsing

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "once": 1, "twice": 2, "thrice": 3,
}
_NUM = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_PERIOD_TOKENS: dict[str, Period] = {
    "daily": "day", "day": "day", "days": "day", "weekly": "week", "week": "week", "weeks": "week",
    "wk": "week", "wks": "week", "monthly": "month", "month": "month", "months": "month",
    "mo": "month", "mos": "month", "yearly": "year", "annually": "year", "annual": "year",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
}
_FILLER = {"a", "an", "per", "each", "every", "of", "for", "the", "session", "sessions",
           "in", "at", "total", "and", "school", "up", "to", "minimum", "direct", "service"}

_MINUTES = re.compile(r"\b(\d+(?:\.\d+)?) (?:min|mins|minute|minutes|mn)\b")
_HOURS = re.compile(r"\b(\d+(?:\.\d+)?) (?:h|hr|hrs|hour|hours)\b")
_DAYS_A_WEEK = re.compile(rf"\b{_NUM} days? (?:a |per |each |every )?(?:school )?week\b")
_TIMES_AFTER = re.compile(rf"\b{_NUM} (?:x|times|time|sessions|session)\b")
_TIMES_BEFORE = re.compile(r"\bx (\d+)\b")
_TIMES_WORD = re.compile(r"\b(once|twice|thrice)\b")
_AS_NEEDED = re.compile(r"\b(?:as needed|prn|when needed|if needed)\b")
_CONSULT = re.compile(r"\b(?:consult|consultation|consultative)\b")
_UNSUPPORTED = re.compile(r"\b(?:biweekly|fortnightly|every other|quarterly|semester|trimester|grading period)\b")


def _fail(text: str, why: str) -> FrequencyError:
    return FrequencyError(f"Cannot read the frequency {text!r}: {why}. Write it like {EXAMPLES}.")


def _normalize(text: str) -> str:
    s = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("×", "x")
    s = s.replace("/", " per ")
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", s)  # keep decimal points only
    s = re.sub(r"[-,:;()]", " ", s)
    s = re.sub(r"(\d)([a-z])", r"\1 \2", s)
    s = re.sub(r"([a-z])(\d)", r"\1 \2", s)
    return " ".join(s.split())


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _take(pattern: re.Pattern[str], s: str) -> tuple[list[re.Match[str]], str]:
    matches = list(pattern.finditer(s))
    return matches, pattern.sub(" ", s)


def parse_frequency(text: str) -> Frequency:
    """Read an IEP frequency; FrequencyError (an InputError) says why and shows the accepted forms."""
    original = text
    s = _normalize(text)
    if not s:
        raise _fail(original, "it is empty")
    if _UNSUPPORTED.search(s):
        raise _fail(original, "only daily, weekly, monthly and yearly periods are counted")

    basis: Basis = "scheduled"
    found, s = _take(_AS_NEEDED, s)
    if found:
        basis = "as-needed"
    found, s = _take(_CONSULT, s)
    if found:
        if basis != "scheduled":
            raise _fail(original, "it says both 'as needed' and 'consult'")
        basis = "consult"

    minutes: int | None = None
    amounts: list[float] = []
    found, s = _take(_MINUTES, s)
    amounts += [float(m.group(1)) for m in found]
    found, s = _take(_HOURS, s)
    amounts += [float(m.group(1)) * 60 for m in found]
    if len(amounts) > 1:
        raise _fail(original, "it gives more than one amount of time")
    if amounts:
        if amounts[0] != int(amounts[0]):
            raise _fail(original, "minutes must be whole")
        minutes = int(amounts[0])
        if not 1 <= minutes <= MAX_MINUTES:
            raise _fail(original, f"minutes must be between 1 and {MAX_MINUTES}")

    times: list[int] = []
    period: Period | None = None
    found, s = _take(_DAYS_A_WEEK, s)
    if found:
        times += [_count(m.group(1)) for m in found]
        period = "week"
    for pattern in (_TIMES_AFTER, _TIMES_BEFORE, _TIMES_WORD):
        found, s = _take(pattern, s)
        times += [_count(m.group(1)) for m in found]
    if len(times) > 1:
        raise _fail(original, "it gives more than one number of sessions")
    count = times[0] if times else None
    if count is not None and not 1 <= count <= MAX_TIMES:
        raise _fail(original, f"the number of sessions must be between 1 and {MAX_TIMES}")

    leftover: list[str] = []
    for token in s.split():
        if token in _PERIOD_TOKENS:
            this = _PERIOD_TOKENS[token]
            if period is not None and period != this:
                raise _fail(original, "it names more than one period")
            period = this
        elif token not in _FILLER:
            leftover.append(token)
    if leftover:
        raise _fail(original, f"{' '.join(leftover)!r} is not understood")

    if basis == "scheduled":
        if minutes is None and count is not None:
            raise _fail(original, "it needs the minutes of each session")
        if minutes is not None and period is None:
            raise _fail(original, "it needs a period (daily, weekly, monthly or yearly)")
        if minutes is None and period is None:
            raise _fail(original, "it has no minutes and no period")
    if count is not None and period is None:
        raise _fail(original, "it needs a period (daily, weekly, monthly or yearly)")
    if period == "day" and minutes is not None and minutes * (count or 1) > 24 * 60:
        raise _fail(original, "that is more minutes than a day has")
    return Frequency(minutes=minutes, times=count, period=period, basis=basis)


def canonical_frequency(text: str) -> str:
    """The stored form of a frequency ('' stays '': a requirement with no frequency)."""
    return parse_frequency(text).canonical if text.strip() else ""


def frequency_of(text: str) -> Frequency | None:
    """The frequency of a stored requirement; None when it has none."""
    return parse_frequency(text) if text.strip() else None
