"""Service frequency: the "30 min 2x weekly" of an IEP as a value the ledger can count.

Accepted forms (case, spacing, hyphens and "/" are free):

    30 min 2x weekly          2 x 30 minutes per week      30 minutes twice a week
    15 min 3 times per week   30 min 5 days a week         60 min/month
    45 minutes daily          120 minutes weekly           1800 minutes per year
    1 hour weekly             as needed                    consult
    consult 30 min monthly    daily (no minutes: shown, never counted)
    thirty minutes twice a week (number words)             half an hour weekly
    30 min every other week   30 min biweekly              45 min 1x every 2 weeks

**Every N weeks** ("every other week", "biweekly", "fortnightly", "every 2 weeks"; N from
2 to 4) is a weekly frequency whose minutes cover N weeks: `weeks` = N, canonical
"30 min every 2 weeks". The ledger counts it as a weekly rate of minutes / N, each
Monday-to-Sunday week prorated like any weekly frequency (see `required_minutes`), so
no week has to be chosen as the start of the cycle and any N full weeks require the
period's minutes. ("Biweekly" is read as every other week, as IEPs use it; the
canonical string says "every 2 weeks", so the reading is visible. It needs its minutes:
a bare "biweekly" is refused rather than shown and never counted.)

Refused with a message that says what to write instead:

- **quarters, semesters, trimesters, grading periods**: the school calendar has no
  grading periods (districts set their own), so a quarter cannot be counted soundly.
  The message gives the yearly amount (a quarter is a quarter of a school year: 120
  min a quarter is "480 min yearly") or suggests a monthly amount.
- **a duration** ("1x weekly for 6 weeks"): how long a service lasts is the
  requirement's end date (`--end DATE`), not part of its frequency; the message shows
  the frequency without it.

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
MAX_WEEKS = 4
"""The longest 'every N weeks' period accepted."""
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
    weeks: int = 1
    """Weeks the period spans ('every 2 weeks': 2); 1 for every other period."""

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
            sessions = self.times or (1 if self.minutes else None)
            return sessions // self.weeks or None if sessions else None
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
            parts.append(self.period_word)
        return " ".join(parts)

    @property
    def period_word(self) -> str:
        """'weekly', 'every 2 weeks', 'monthly' ..."""
        if self.period == "week" and self.weeks > 1:
            return f"every {self.weeks} weeks"
        return PERIOD_WORDS[self.period] if self.period else ""

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
        per = {"day": "a school day", "week": "a week", "month": "a month", "year": "a school year"}[
            self.period or "week"
        ]
        rate = ""
        if self.period == "week" and self.weeks > 1:
            per = f"every {self.weeks} weeks"
            weekly = f"{(self.minutes_per_period or 0) / self.weeks:.2f}".rstrip("0").rstrip(".")
            rate = f", counted as {weekly} min a week"
        if self.times is None:
            return f"{self.minutes} min {per}{rate}"
        plural = "s" if self.times > 1 else ""
        return f"{self.minutes} min, {self.times} session{plural} {per} ({self.minutes_per_period} min {per}{rate})"

    def __str__(self) -> str:
        return self.canonical


# ---------------------------------------------------------------- parsing

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "once": 1,
    "twice": 2,
    "thrice": 3,
}
_NUM = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_PERIOD_TOKENS: dict[str, Period] = {
    "daily": "day",
    "day": "day",
    "days": "day",
    "weekly": "week",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "wks": "week",
    "monthly": "month",
    "month": "month",
    "months": "month",
    "mo": "month",
    "mos": "month",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
}
_FILLER = {
    "a",
    "an",
    "per",
    "each",
    "every",
    "of",
    "for",
    "the",
    "session",
    "sessions",
    "in",
    "at",
    "total",
    "and",
    "school",
    "up",
    "to",
    "minimum",
    "direct",
    "service",
}

_MINUTES = re.compile(r"\b(\d+(?:\.\d+)?) (?:min|mins|minute|minutes|mn)\b")
_HOURS = re.compile(r"\b(\d+(?:\.\d+)?) (?:h|hr|hrs|hour|hours)\b")
_DAYS_A_WEEK = re.compile(rf"\b{_NUM} days? (?:a |per |each |every )?(?:school )?week\b")
_TIMES_AFTER = re.compile(rf"\b{_NUM} (?:x|times|time|sessions|session)\b")
_TIMES_BEFORE = re.compile(r"\bx (\d+)\b")
_TIMES_WORD = re.compile(r"\b(once|twice|thrice)\b")
_AS_NEEDED = re.compile(r"\b(?:as needed|prn|when needed|if needed)\b")
_CONSULT = re.compile(r"\b(?:consult|consultation|consultative)\b")
_EVERY_WEEKS = re.compile(
    r"\b(?:bi ?weekly|fortnightly|(?:every|each|per|a) fortnight|every (?:other|second|alternate) (?:week|wk)"
    r"|alternate weeks|(?:every|each|per) (\d+) (?:weeks|wks))\b"
)
_PER_YEAR = {"quarter": 4, "semester": 2, "trimester": 3}
_TERMS = re.compile(r"\b(?:quarterly|quarters?|semesters?|semi ?annually|trimesters?|(?:grading|marking) periods?)\b")
_DURATION = re.compile(
    r"\b(?:for|over) (?:the next |a period of )?(\d+) (?:school )?(?:weeks?|wks?|months?|days?|sessions?|years?)\b"
)
_UNSUPPORTED = re.compile(r"\b(?:bimonthly|bi monthly|every other (?:day|month|year)|semi ?monthly)\b")

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def _fail(text: str, why: str, examples: bool = True) -> FrequencyError:
    tail = f" Write it like {EXAMPLES}." if examples else ""
    return FrequencyError(f"Cannot read the frequency {text!r}: {why}.{tail}")


def _number_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The number spelled from tokens[i] ('forty five', 'one hundred twenty'), and where it ends."""
    value, j = 0, i
    if j < len(tokens) and tokens[j] in _UNITS and j + 1 < len(tokens) and tokens[j + 1] == "hundred":
        value, j = _UNITS[tokens[j]] * 100, j + 2
        if j + 1 < len(tokens) and tokens[j] == "and" and (tokens[j + 1] in _UNITS or tokens[j + 1] in _TENS):
            j += 1
    elif j < len(tokens) and tokens[j] == "hundred":
        value, j = 100, j + 1
    if j < len(tokens) and tokens[j] in _TENS:
        value, j = value + _TENS[tokens[j]], j + 1
        if j < len(tokens) and tokens[j] in _UNITS and 0 < _UNITS[tokens[j]] < 10:
            value, j = value + _UNITS[tokens[j]], j + 1
    elif j < len(tokens) and tokens[j] in _UNITS:
        value, j = value + _UNITS[tokens[j]], j + 1
    return (value, j) if j > i else None


def _digits(s: str) -> str:
    """Number words as digits: 'thirty minutes' -> '30 minutes', 'one hundred twenty' -> '120'."""
    tokens = s.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        found = _number_at(tokens, i)
        if found is None:
            out.append(tokens[i])
            i += 1
        else:
            out.append(str(found[0]))
            i = found[1]
    return " ".join(out)


def _normalize(text: str) -> str:
    s = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("×", "x")
    s = s.replace("/", " per ")
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", s)  # keep decimal points only
    s = re.sub(r"[-,:;()]", " ", s)
    s = re.sub(r"(\d)([a-z])", r"\1 \2", s)
    s = re.sub(r"([a-z])(\d)", r"\1 \2", s)
    s = " ".join(s.split())
    s = re.sub(r"\b(?:a |one )?half (?:an )?hour\b", "30 min", s)
    s = re.sub(r"\b(?:an|one) hour\b", "1 hour", s)
    return _digits(s)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _without(original: str, s: str, pattern: re.Pattern[str], replacement: str = " ") -> str | None:
    """The canonical frequency of `s` with `pattern` replaced, when that parses; else None."""
    try:
        return parse_frequency(" ".join(pattern.sub(replacement, s).split())).canonical
    except FrequencyError:
        return None


def _term_error(original: str, s: str, match: re.Match[str]) -> FrequencyError:
    word = match.group(0)
    term = next((t for t in _PER_YEAR if word.startswith(t)), "semester" if word.startswith("semi") else None)
    why = (
        f"{word!r} is not on the school calendar (each district sets its own grading periods), so its minutes "
        "cannot be counted soundly"
    )
    if term is not None:
        try:
            f = parse_frequency(" ".join(_TERMS.sub(" yearly ", s).split()))
        except FrequencyError:
            f = None
        if f is not None and f.minutes_per_period:
            n = _PER_YEAR[term]
            total = f.minutes_per_period * n
            return _fail(
                original,
                f"{why}. Write the yearly amount instead: {f.minutes_per_period} min a {term} x {n} {term}s = "
                f"'{total} min yearly' (or a monthly amount such as '60 min monthly', if the IEP gives one)",
                examples=False,
            )
    return _fail(
        original,
        f"{why}. Write it as a yearly or monthly amount, such as '480 min yearly' or '60 min monthly'",
        examples=False,
    )


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
        raise _fail(
            original, f"only daily, weekly (or every 2 to {MAX_WEEKS} weeks), monthly and yearly periods are counted"
        )
    term = _TERMS.search(s)
    if term:
        raise _term_error(original, s, term)
    duration = _DURATION.search(s)
    if duration:
        rest = _without(original, s, _DURATION)
        instead = f"write '{rest}'" if rest else "write the frequency without it"
        raise _fail(
            original,
            f"{duration.group(0)!r} says how long the service lasts, not how often: {instead} and give the "
            "requirement its last day as an end date (`iep-tui req add ... --end DATE`)",
            examples=rest is None,
        )
    weeks = 1
    found, s = _take(_EVERY_WEEKS, s)
    found_weeks = bool(found)
    if found:
        counts = {int(m.group(1)) if m.group(1) else 2 for m in found}
        if len(counts) > 1:
            raise _fail(original, "it names more than one period")
        weeks = counts.pop()
        if not 1 <= weeks <= MAX_WEEKS:
            raise _fail(original, f"'every N weeks' is counted for N from 2 to {MAX_WEEKS}")
        if any(token in _PERIOD_TOKENS for token in s.split()):
            raise _fail(original, "it names more than one period")

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
    if found_weeks:
        if period is not None:
            raise _fail(original, "it names more than one period")
        if minutes is None:
            raise _fail(original, "every other week needs its minutes, such as '30 min every 2 weeks'")
        period = "week"

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
    return Frequency(minutes=minutes, times=count, period=period, basis=basis, weeks=weeks)


def canonical_frequency(text: str) -> str:
    """The stored form of a frequency ('' stays '': a requirement with no frequency)."""
    return parse_frequency(text).canonical if text.strip() else ""


def frequency_of(text: str) -> Frequency | None:
    """The frequency of a stored requirement; None when it has none."""
    return parse_frequency(text) if text.strip() else None
