"""How the ledger counts (`iep-tui policy`): partial periods, session days, not-as-written.

The form opens on the case's current policy and says, in the ledger's own words, what
counts as owed. It saves through the CLI's service (`ledger_service.set_policy`) with
the case version it was read at: a change made to the case elsewhere since is a
conflict, shown on the form, never overwritten. Only what was changed is sent, so an
untouched requirement's session days are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from iep_tui.domain.text_clip import clip_text
from iep_tui.ui.dialogs.form_dialog import FormDialog, Save, T, choice, field_row, text_input

if TYPE_CHECKING:
    from iep_tui.domain.models import CaseBundle, LedgerPolicy, Requirement
    from iep_tui.store.case_store import CaseStore
    from iep_tui.ui.case_actions import Values

PARTIAL_PERIOD_CHOICES: tuple[tuple[str, str], ...] = (
    ("prorate: by school day (default)", "prorate"),
    ("full: whole minutes if any school day", "full"),
    ("none: only whole periods count", "none"),
    ("sessions: N x weekly needs N sessions", "sessions"),
)
"""`--partial-period`'s choices, each with what it does in a few words (the form's hint says more)."""
NOT_AS_WRITTEN_CHOICES: tuple[tuple[str, str], ...] = (
    ("owed (default)", "owed"),
    ("counted as delivered (listed)", "delivered"),
)
"""`--not-as-written`'s choices."""
EXAMPLE_DAYS = {1: "tue", 2: "tue,thu", 3: "mon,wed,fri", 4: "mon,tue,thu,fri", 5: "mon,tue,wed,thu,fri"}
"""A session-days field's placeholder, by sessions a week."""


def weekly_requirements(bundle: CaseBundle) -> list[Requirement]:
    """The requirements whose session days the form offers: each 'N x weekly' service, and any
    that already has days set (so they can be cleared)."""
    from iep_tui.domain.frequency import frequency_of

    def weekly(requirement: Requirement) -> bool:
        frequency = frequency_of(requirement.frequency)
        return (
            frequency is not None
            and frequency.period == "week"
            and frequency.times is not None
            and frequency.weeks == 1
        )

    days = bundle.case.policy.session_days
    return [r for r in bundle.requirements if weekly(r) or r.id in days]


def days_text(policy: LedgerPolicy, requirement_id: str) -> str:
    return ",".join(policy.session_days.get(requirement_id, ()))


def _same_days(typed: str, shown: str) -> bool:
    """The days typed are the days shown, however separated ("tue, thu" is "tue,thu")."""
    return typed.replace(",", " ").replace("/", " ").split() == shown.replace(",", " ").split()


@dataclass(frozen=True)
class PolicySaved:
    """The policy saved, in the CLI's words (`policy_lines`), for the confirmation."""

    policy: LedgerPolicy
    lines: list[str]
    changed: bool

    def confirmation(self) -> str:
        head = "Ledger policy saved" if self.changed else "Ledger policy unchanged"
        return f"{head}: partial periods {self.policy.partial_period}. " + " ".join(self.lines)


def save_policy(store: CaseStore, case_id: str, bundle: CaseBundle, values: Values) -> PolicySaved:
    """The form's save (in a worker): the choices that differ from the policy shown, sent to the CLI's
    service with the version the case was read at."""
    from iep_tui.services.ledger_service import policy_lines, set_policy

    shown = bundle.case.policy
    partial = values["partial_period"] if values["partial_period"] != shown.partial_period else None
    owed = values["not_as_written"] == "owed"
    days = [
        f"{requirement_id}={text}"
        for requirement_id, text in values["session_days"].items()
        if not _same_days(text, days_text(shown, requirement_id))
    ]
    policy = set_policy(
        store,
        case_id,
        partial_period=partial,
        session_days=days,
        not_as_written_owed=owed if owed != shown.not_as_written_owed else None,
        read_at=bundle.case.version,
    )
    return PolicySaved(policy, policy_lines(bundle, policy), policy != shown)


class PolicyForm(FormDialog[T]):
    title_text = "Ledger policy: how minutes owed are counted"

    def __init__(self, save: Save[T], today: date, bundle: CaseBundle) -> None:
        super().__init__(save, today)
        self.policy = bundle.case.policy
        self.weekly = weekly_requirements(bundle)

    def fields(self) -> ComposeResult:
        from iep_tui.domain.ledger import describe_policy

        owed = describe_policy(self.policy).split(". Partial periods")[0] + "."
        yield Static(owed, classes="field-hint", markup=False)
        yield field_row(
            "Partial periods",
            choice(PARTIAL_PERIOD_CHOICES, self.policy.partial_period, id="partial_period"),
            "weeks and months partly in range or cut by a closure",
        )
        yield field_row(
            "Not as written",
            choice(NOT_AS_WRITTEN_CHOICES, "owed" if self.policy.not_as_written_owed else "delivered", id="written"),
            "e.g. a group session where the IEP says individual",
        )
        for number, requirement in enumerate(self.weekly):
            label = clip_text(requirement.name, 16)
            named = "" if label == requirement.name else f"{requirement.name}, "
            yield field_row(
                label,
                text_input(days_text(self.policy, requirement.id), self._example(requirement), id=f"days-{number}"),
                f"{named}{requirement.frequency}: its weekdays (sessions policy)",
            )

    @staticmethod
    def _example(requirement: Requirement) -> str:
        from iep_tui.domain.frequency import frequency_of

        frequency = frequency_of(requirement.frequency)
        times = frequency.times if frequency is not None and frequency.times else 2
        return "e.g. " + EXAMPLE_DAYS.get(times, "tue,thu")

    def values(self) -> Values:
        return {
            "partial_period": self.picked("#partial_period"),
            "not_as_written": self.picked("#written"),
            "session_days": {r.id: self.text(f"#days-{n}") for n, r in enumerate(self.weekly)},
        }

    def show_error(self, message: str) -> None:
        """The service's sentence; one about a requirement's session days focuses that requirement's field."""
        super().show_error(message)
        named = [n for n, r in enumerate(self.weekly) if message and message.startswith(r.name)]
        if named:
            self.query_one(f"#days-{named[0]}").focus()
