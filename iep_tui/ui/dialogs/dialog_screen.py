"""The base of every modal dialog: centred, and never covered by an earlier notification.

Notifications are drawn in the bottom-right corner of whatever screen is on top; at
80x24 a dialog fills most of the terminal, so a "Saved" toast from the last entry
would sit on the next form's fields and buttons for seconds. A dialog clears them
when it opens (the user has moved on), and shows its own messages inline.
"""

from __future__ import annotations

from typing import TypeVar

from textual import getters
from textual.screen import ModalScreen

from iep_tui.ui.workspace_app import WorkspaceApp

R = TypeVar("R")


class DialogScreen(ModalScreen[R]):
    app = getters.app(WorkspaceApp)

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def on_mount(self) -> None:
        self.app.clear_notifications()
