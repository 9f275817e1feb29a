"""The compensatory services proposal: a make-up schedule for the minutes owed.

From the owed minutes, a session length and a pace (sessions a week), make-up sessions
are placed on school days only (weekends, holidays and district closures skipped),
starting on `start`, and the plan says whether they all fall on or before the target
date `by`. When they do not, it works out how many sessions a week would finish in
time (at most one make-up session a school day), or says that even that is not enough
and what session length would be.

Sessions: owed / session length, rounded up; the last one is the remainder
(100 minutes in 30-minute sessions is 30 + 30 + 30 + 10). Within a week of n school
days, k sessions go on the days at positions floor((2i + 1) x n / 2k), i = 0..k-1 (the
middle of k equal slices of the week): in a full week one a week falls on Wednesday, two
on Tuesday and Thursday, three on Monday, Wednesday and Friday; a week shortened by a
closure is sliced the same way over the days it has. A week with fewer school days than
k holds one session a school day.

Make-up sessions are in addition to the IEP's regular sessions, which continue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from iep_tui.calendar.school_calendar import week_of
from iep_tui.domain.required_minutes import SchoolDays

MAX_PER_WEEK = 5
"""At most one make-up session on each school day of a five-day week."""

HORIZON_DAYS = 3 * 366
"""How far past `start` a schedule that misses the target is still laid out."""


@dataclass(frozen=True)
class MakeupPlan:
    owed_minutes: int
    session_minutes: int
    per_week: int
    start: date
    by: date
    sessions: tuple[tuple[date, int], ...]
    """(school day, minutes) of every make-up session, in order."""
    fits: bool
    """True when every session falls on or before `by`."""
    needed_per_week: int | None = None
    """When it does not fit: the fewest sessions a week that would; None if none would."""
    school_days_available: int = 0
    """School days from `start` to `by`."""
    notes: tuple[str, ...] = field(default=())

    @property
    def session_count(self) -> int:
        return len(self.sessions)

    @property
    def finish(self) -> date | None:
        return self.sessions[-1][0] if self.sessions else None

    @property
    def scheduled_minutes(self) -> int:
        return sum(m for _, m in self.sessions)

    def summary(self) -> str:
        """One sentence: what the plan is and whether it finishes by the target."""
        if self.owed_minutes <= 0:
            return "Nothing is owed: no make-up sessions are needed."
        sizes = _sizes(self.sessions, self.session_minutes)
        head = (
            f"{self.owed_minutes} min owed: {sizes}, {self.per_week} a week on school days "
            f"from {self.start.isoformat()}"
        )
        if self.fits:
            return f"{head}, finishing {self.finish.isoformat() if self.finish else '?'} (target {self.by.isoformat()})."
        finish = f"would finish {self.finish.isoformat()}" if self.finish else "would not finish within three years"
        if self.needed_per_week is not None:
            return (
                f"{head} {finish}, after the target {self.by.isoformat()}: "
                f"{self.needed_per_week} sessions a week would finish in time."
            )
        return f"{head} {finish}, after the target {self.by.isoformat()}. " + " ".join(self.notes)

    def to_json(self) -> dict[str, object]:
        return {
            "owed_minutes": self.owed_minutes,
            "session_minutes": self.session_minutes,
            "per_week": self.per_week,
            "from": self.start.isoformat(),
            "by": self.by.isoformat(),
            "fits": self.fits,
            "needed_per_week": self.needed_per_week,
            "session_count": self.session_count,
            "finish": self.finish.isoformat() if self.finish else None,
            "school_days_available": self.school_days_available,
            "sessions": [{"date": d.isoformat(), "minutes": m} for d, m in self.sessions],
            "notes": list(self.notes),
        }


def _sizes(sessions: tuple[tuple[date, int], ...], session_minutes: int) -> str:
    full = sum(1 for _, m in sessions if m == session_minutes)
    rest = [m for _, m in sessions if m != session_minutes]
    parts = [f"{full} session{'s' if full != 1 else ''} of {session_minutes} min"] if full else []
    if rest:
        parts.append(f"{'1' if full else '1 session'} of {rest[0]} min")
    return " and ".join(parts)


def session_sizes(owed_minutes: int, session_minutes: int) -> list[int]:
    """Whole sessions of `session_minutes`, the last one the remainder."""
    if owed_minutes <= 0:
        return []
    full, rest = divmod(owed_minutes, session_minutes)
    return [session_minutes] * full + ([rest] if rest else [])


def spread(days: list[date], k: int) -> list[date]:
    """k of the week's school days, evenly spaced (all of them when there are k or fewer)."""
    n = len(days)
    if k >= n:
        return list(days)
    return [days[((2 * i + 1) * n) // (2 * k)] for i in range(k)]


def _schedule(school_days: list[date], count: int, per_week: int) -> list[date]:
    chosen: list[date] = []
    for _, group in groupby(school_days, key=week_of):
        chosen.extend(spread(list(group), per_week))
        if len(chosen) >= count:
            break
    return chosen[:count]


def plan_makeup(
    owed_minutes: int,
    calendar: SchoolDays,
    start: date,
    by: date,
    session_minutes: int = 30,
    per_week: int = 2,
) -> MakeupPlan:
    """A make-up schedule for `owed_minutes` on school days from `start`; see the module doc."""
    if session_minutes <= 0:
        raise ValueError("session_minutes must be positive")
    if not 1 <= per_week <= MAX_PER_WEEK:
        raise ValueError(f"per_week must be between 1 and {MAX_PER_WEEK}")
    sizes = session_sizes(owed_minutes, session_minutes)
    available = calendar.school_days(start, by) if by >= start else []
    if not sizes:
        return MakeupPlan(max(owed_minutes, 0), session_minutes, per_week, start, by, (), True, None, len(available))
    horizon = calendar.school_days(start, max(by, start + timedelta(days=HORIZON_DAYS)))
    days = _schedule(horizon, len(sizes), per_week)
    sessions = tuple(zip(days, sizes, strict=False))
    fits = len(days) == len(sizes) and days[-1] <= by
    needed: int | None = None
    notes: list[str] = []
    if not fits:
        for k in range(per_week + 1, MAX_PER_WEEK + 1):
            if len(_schedule(available, len(sizes), k)) == len(sizes):
                needed = k
                break
        if needed is None:
            if available:
                longest = -(-owed_minutes // len(available))
                notes.append(
                    f"Even one session every school day is not enough: {len(sizes)} sessions, "
                    f"{len(available)} school days before the target; sessions of {longest} min every school day would be."
                )
            else:
                notes.append("There is no school day between the start and the target.")
    return MakeupPlan(
        owed_minutes, session_minutes, per_week, start, by, sessions, fits, needed, len(available), tuple(notes)
    )


# ---------------------------------------------------------------- a schedule for every service at once

DAILY_CAP_MINUTES = 60
"""Make-up minutes proposed on one school day across all services (practice, stated in the letter),
raised to the longest session when one session is longer."""

MAX_PER_WEEK_WHOLE = MAX_PER_WEEK


@dataclass(frozen=True)
class MakeupNeed:
    """One service's owed minutes and the IEP's session length for it."""

    key: str
    owed_minutes: int
    session_minutes: int

    @property
    def session_count(self) -> int:
        """Whole sessions: the owed minutes divided by the session length, rounded up."""
        if self.owed_minutes <= 0:
            return 0
        return -(-self.owed_minutes // self.session_minutes)


@dataclass(frozen=True)
class ServiceSchedule:
    """The make-up sessions of one service: whole sessions, at most one a school day."""

    need: MakeupNeed
    days: tuple[date, ...]
    per_week: int
    by: date

    @property
    def key(self) -> str:
        return self.need.key

    @property
    def session_minutes(self) -> int:
        return self.need.session_minutes

    @property
    def scheduled_minutes(self) -> int:
        return len(self.days) * self.need.session_minutes

    @property
    def rounded_up(self) -> int:
        """Minutes the last whole session adds beyond what is owed (0 when it divides evenly)."""
        return max(0, self.need.session_count * self.need.session_minutes - self.need.owed_minutes)

    @property
    def complete(self) -> bool:
        return len(self.days) == self.need.session_count

    @property
    def finish(self) -> date | None:
        return self.days[-1] if self.days else None

    @property
    def fits(self) -> bool:
        return self.complete and (self.finish is None or self.finish <= self.by)


@dataclass(frozen=True)
class MakeupSchedule:
    """Make-up sessions for every service owing minutes, on school days from `start`.

    Rules (each stated in the compensatory proposal): whole sessions of the IEP's session
    length (the owed minutes rounded up to a whole session); at most one make-up session of a
    service on a school day; at most `daily_cap` make-up minutes on one school day across
    services; two sessions a week of each service, more (up to five) for a service that would
    otherwise finish after `by`. School days are the district calendar's, or estimated when
    no district calendar is loaded (`estimate`)."""

    services: tuple[ServiceSchedule, ...]
    start: date
    by: date
    daily_cap: int
    estimate: bool
    school_days_available: int

    @property
    def fits(self) -> bool:
        return all(s.fits for s in self.services)

    def for_key(self, key: str) -> ServiceSchedule | None:
        return next((s for s in self.services if s.key == key), None)

    def minutes_on(self, day: date) -> int:
        return sum(s.session_minutes for s in self.services if day in s.days)


def _place(needs: list[MakeupNeed], horizon: list[date], paces: dict[str, int], cap: int) -> dict[str, list[date]]:
    """Week by week, each service's sessions on evenly spaced days (`spread`), moved to another
    day of the week when the day's cap is reached; what does not fit waits for the next week."""
    used: dict[date, int] = {}
    placed: dict[str, list[date]] = {n.key: [] for n in needs}
    remaining = {n.key: n.session_count for n in needs}
    for _, group in groupby(horizon, key=week_of):
        week = list(group)
        for need in needs:
            want = min(paces[need.key], remaining[need.key])
            if want <= 0:
                continue
            preferred = spread(week, want)
            order = preferred + [day for day in week if day not in preferred]
            chosen: list[date] = []
            for day in order:
                if len(chosen) == want:
                    break
                if used.get(day, 0) + need.session_minutes <= cap:
                    chosen.append(day)
                    used[day] = used.get(day, 0) + need.session_minutes
            placed[need.key].extend(sorted(chosen))
            remaining[need.key] -= len(chosen)
        if not any(remaining.values()):
            break
    return placed


def schedule_makeup(
    needs: list[MakeupNeed],
    calendar: SchoolDays,
    start: date,
    by: date,
    *,
    daily_cap: int = DAILY_CAP_MINUTES,
    per_week: int = 2,
) -> MakeupSchedule:
    """Make-up sessions for every service in `needs` (see `MakeupSchedule`); a service that
    would finish after `by` gets one more session a week at a time, up to five."""
    wanted = [n for n in needs if n.session_count > 0]
    if any(n.session_minutes <= 0 for n in wanted):
        raise ValueError("session_minutes must be positive")
    cap = max([daily_cap, *(n.session_minutes for n in wanted)])
    horizon = calendar.school_days(start, max(by, start + timedelta(days=HORIZON_DAYS)))
    available = len([d for d in horizon if d <= by])
    paces = {n.key: per_week for n in wanted}
    while True:
        placed = _place(wanted, horizon, paces, cap)
        late = [
            n.key for n in wanted
            if len(placed[n.key]) < n.session_count or (placed[n.key] and placed[n.key][-1] > by)
        ]
        raisable = [k for k in late if paces[k] < MAX_PER_WEEK_WHOLE]
        if not raisable:
            break
        for key in raisable:
            paces[key] += 1
    services = tuple(ServiceSchedule(n, tuple(placed[n.key]), paces[n.key], by) for n in wanted)
    return MakeupSchedule(services, start, by, cap, bool(getattr(calendar, "estimate", False)), available)
