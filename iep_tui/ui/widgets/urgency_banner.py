"""The banner every tab shows while a safety-related failure is not yet escalated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from iep_tui.domain.safety import SafetyUrgency


class UrgencyBanner(Static):
    """Hidden until `show(urgency)` gets a SafetyUrgency; says what, since when, and the key to act."""

    DEFAULT_CSS = """
    UrgencyBanner { display: none; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    UrgencyBanner.-urgent { display: block; }
    """

    def show(self, urgency: SafetyUrgency | None, key: str = "!", draft_waiting: bool = False) -> None:
        """`draft_waiting`: a draft of the notice is saved but not sent, so the banner says to send it."""
        self.set_class(urgency is not None, "-urgent")
        self._shown = (urgency, key, draft_waiting)
        if urgency is None:
            self.update("")
            return
        failures = urgency.failures
        first = failures[0]
        names = ", ".join(first.requirement_names) or "a safety-related support"
        when = first.date.strftime("%d %b").lstrip("0") if first.date else "on an unknown date"
        more = f" (+{len(failures) - 1})" if len(failures) > 1 else ""
        width = (self.app.size.width or 80) - 2
        # one line: the requirement's name gives way first (…), then the words, never the key to act on
        for what, act in (
            (
                f" failed {when}{more}, not escalated",
                f" · draft not sent: {key} opens it" if draft_waiting else f" · {key} draft the notice",
            ),
            (
                f" failed {when}{more}",
                f" · draft not sent: {key} opens it" if draft_waiting else f" · {key} draft the notice",
            ),
            (f" {when}{more}", f" · draft: {key}" if draft_waiting else f" · {key} draft"),
        ):
            room = width - len("⚠ SAFETY ") - len(what) - len(act)
            if room >= min(len(names), 8):
                break
        if len(names) > room:
            names = names[: max(3, room - 1)].rstrip(", :") + "…"
        self.update(
            Content.assemble(
                ("⚠ SAFETY", "bold reverse"),
                " ",
                (f"{names}{what}", "bold"),
                (act, ""),
            )
        )

    def on_resize(self) -> None:
        shown = getattr(self, "_shown", None)
        if shown is not None:
            self.show(*shown)
