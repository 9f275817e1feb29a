"""A footer that fits the terminal: the least used keys give way first, and `? more` says so.

Textual's footer lays every key out in one row and cuts what does not fit, so at 80
columns the Escalation tab's footer ended mid-word ("u▏^p palettet"). This one measures
the keys and leaves out, in DROP_ORDER, those the width has no room for; when any is left
out, the screen's `?` key (the `more-keys` binding, hidden otherwise) ends the row: the
keys screen lists every key of the tab.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual exports the footer, not its keys

DROP_ORDER: tuple[str, ...] = (
    "import_school_log",
    "close_step",
    "delete",
    "log_week",
    "filter_incidents",
    "add_meeting",
    "edit",
    "calendar_today",
    "reverse_sort",
    "log_session",
    "add_incident",
    "cycle_sort",
    "month(-1)",
    "month(1)",
)
"""Actions in the order they give way (the least used first); keys not named here stay longest."""
MORE_ACTION = "app.toggle_keys"
"""The `?` key shown only when keys were left out."""
PALETTE_WIDTH = 12
"""The command palette key docked on the right ("▏^p palette") and a cell of air."""


def key_width(key: FooterKey) -> int:
    """Cells one compact footer key takes: the key, a space, its label, and the margin after it."""
    return cell_len(key.key_display) + 1 + cell_len(key.description) + 1


class FittedFooter(Footer):
    def compose(self) -> ComposeResult:
        # every item is a key: no binding of this app names a group (a group's label is not a key)
        items = [k for k in super().compose() if isinstance(k, FooterKey)]
        palette = [k for k in items if k.has_class("-command-palette")]
        more = [k for k in items if k.action == MORE_ACTION]
        shown = [k for k in items if k not in palette and k not in more]
        room = self.app.size.width - (PALETTE_WIDTH if palette else 0)
        if sum(key_width(k) for k in shown) > room:
            room -= sum(key_width(k) for k in more)
            ranked = sorted(
                shown,
                key=lambda k: (
                    DROP_ORDER.index(k.action) if k.action in DROP_ORDER else len(DROP_ORDER),
                    -shown.index(k),
                ),
            )
            for key in ranked:
                if sum(key_width(k) for k in shown) <= room:
                    break
                shown.remove(key)
            shown += more
        yield from shown
        yield from palette

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
