"""The banner every tab shows while a safety-related failure is not yet escalated."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static


class UrgencyBanner(Static):
    """Hidden until `show(urgency)` gets a SafetyUrgency; says what, since when, and the key to act."""

    DEFAULT_CSS = """
    UrgencyBanner { display: none; }
    UrgencyBanner.-urgent { display: block; }
    """

    def show(self, urgency: Any | None, key: str = "!", draft_waiting: bool = False) -> None:
        """`draft_waiting`: a draft of the notice is saved but not sent, so the banner says to send it."""
        self.set_class(urgency is not None, "-urgent")
        if urgency is None:
            self.update("")
            return
        failures = urgency.failures
        first = failures[0]
        names = ", ".join(first.requirement_names) or "a safety-related support"
        when = first.date.strftime("%d %b").lstrip("0") if first.date else "on an unknown date"
        more = f" (+{len(failures) - 1})" if len(failures) > 1 else ""
        self.update(
            Content.assemble(
                ("⚠ SAFETY", "bold reverse"),
                " ",
                (f"{names} failed {when}{more}, not escalated", "bold"),
                (f" · draft not sent: {key} opens it" if draft_waiting else f" · {key} draft the notice", ""),
            )
        )
