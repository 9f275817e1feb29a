"""Make-up schedules for the minutes owed: one planner for the compensatory proposal and `iep-tui makeup-plan`.

Rules (each stated where the schedule is shown):
- whole sessions of the IEP's session length (`makeup_session_minutes`): the owed minutes
  divided by the session length, rounded up (100 minutes in 30-minute sessions is 4
  sessions, 120 minutes, 20 more than owed);
- at most one make-up session of a service on a school day, and at most `daily_cap`
  make-up minutes on one school day across services (raised to the longest session);
- school days only (weekends, holidays and district closures skipped), from `start`; the
  days are estimated when no district calendar is loaded (`MakeupSchedule.estimate`);
- a pace of `per_week` sessions a week (`DEFAULT_PER_WEEK`). A service that would finish
  after the target `by` gets one more session a week at a time, up to five; with `raise_pace=False`
  the pace stays and the schedule says the pace that would finish in time
  (`ServiceSchedule.needed_per_week`), or, when even five a week would not, the session
  length that would every school day (`MakeupSchedule.every_day_minutes`).

Within a week of n school days, k sessions go on the days at positions
floor((2i + 1) x n / 2k), i = 0..k-1 (the middle of k equal slices of the week): in a full
week one a week falls on Wednesday, two on Tuesday and Thursday, three on Monday, Wednesday
and Friday; a week shortened by a closure is sliced the same way over the days it has. A
day whose cap is reached gives way to the week's other days in order; what does not fit
waits for the next week.

Make-up sessions are in addition to the IEP's regular sessions, which continue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby

from iep_tui.calendar.school_calendar import week_of
from iep_tui.domain.frequency import Frequency
from iep_tui.domain.required_minutes import SchoolDays

MAX_PER_WEEK = 5
"""At most one make-up session on each school day of a five-day week."""

HORIZON_DAYS = 3 * 366
"""How far past `start` a schedule that misses the target is still laid out."""


def spread(days: list[date], k: int) -> list[date]:
    """k of the week's school days, evenly spaced (all of them when there are k or fewer)."""
    n = len(days)
    if k >= n:
        return list(days)
    return [days[((2 * i + 1) * n) // (2 * k)] for i in range(k)]


DEFAULT_PER_WEEK = 2
"""Make-up sessions a week of each service unless more are needed to finish by the target."""

DAILY_CAP_MINUTES = 60
"""Make-up minutes proposed on one school day across all services (practice, stated in the letter),
raised to the longest session when one session is longer."""


def makeup_session_minutes(frequency: Frequency | None) -> int:
    """The IEP's session length; for a period total ('20 min weekly') that total when it is
    an hour or less; else 30 minutes."""
    if frequency is None or frequency.minutes is None:
        return 30
    if frequency.session_minutes:
        return frequency.session_minutes
    return frequency.minutes if frequency.minutes <= 60 else 30


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

    @property
    def whole_minutes(self) -> int:
        """The whole sessions' minutes: the owed minutes rounded up to a whole session."""
        return self.session_count * self.session_minutes


@dataclass(frozen=True)
class ServiceSchedule:
    """The make-up sessions of one service: whole sessions, at most one a school day."""

    need: MakeupNeed
    days: tuple[date, ...]
    per_week: int
    by: date
    needed_per_week: int | None = None
    """When the pace was kept (`raise_pace=False`) and the sessions finish after `by`: the
    fewest sessions a week (at most five) that would finish by then; None otherwise."""

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
        return max(0, self.need.whole_minutes - self.need.owed_minutes)

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

    The rules are the module doc's, stated wherever the schedule is shown (the compensatory
    proposal, `iep-tui makeup-plan`). School days are the district calendar's, or estimated
    when no district calendar is loaded (`estimate`); `school_days_available` counts those
    from `start` to `by`."""

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

    def every_day_minutes(self, service: ServiceSchedule) -> int | None:
        """For a service that even five sessions a week would not finish by `by`: the session
        length that would, one session every school day before then (the owed minutes over
        those days, rounded up); None when there is no school day before `by`."""
        if not self.school_days_available:
            return None
        return -(-service.need.owed_minutes // self.school_days_available)


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
    per_week: int = DEFAULT_PER_WEEK,
    raise_pace: bool = True,
) -> MakeupSchedule:
    """Make-up sessions for every service in `needs` (see the module doc): `per_week` sessions a
    week, raised one at a time up to five for a service that would finish after `by`, or kept
    (`raise_pace=False`) with the pace that would finish in time worked out as advice."""
    if any(n.owed_minutes > 0 and n.session_minutes <= 0 for n in needs):
        raise ValueError("session_minutes must be positive")
    if not 1 <= per_week <= MAX_PER_WEEK:
        raise ValueError(f"per_week must be between 1 and {MAX_PER_WEEK}")
    wanted = [n for n in needs if n.session_count > 0]
    cap = max([daily_cap, *(n.session_minutes for n in wanted)])
    horizon = calendar.school_days(start, max(by, start + timedelta(days=HORIZON_DAYS)))
    available = len([d for d in horizon if d <= by])
    paces = {n.key: per_week for n in wanted}
    while True:
        placed = _place(wanted, horizon, paces, cap)
        late = [
            n.key for n in wanted if len(placed[n.key]) < n.session_count or (placed[n.key] and placed[n.key][-1] > by)
        ]
        raisable = [k for k in late if paces[k] < MAX_PER_WEEK] if raise_pace else []
        if not raisable:
            break
        for key in raisable:
            paces[key] += 1
    services = tuple(ServiceSchedule(n, tuple(placed[n.key]), paces[n.key], by) for n in wanted)
    if late and not raise_pace:
        raised = schedule_makeup(needs, calendar, start, by, daily_cap=daily_cap, per_week=per_week)
        services = tuple(
            replace(s, needed_per_week=r.per_week) if not s.fits and r.fits else s
            for s, r in zip(services, raised.services, strict=True)
        )
    return MakeupSchedule(services, start, by, cap, bool(getattr(calendar, "estimate", False)), available)
