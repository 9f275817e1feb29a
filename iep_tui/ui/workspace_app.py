"""What every screen, dialog and command asks of the application: the workspace, today, the store,
errors said as sentences, and the moves between the caseload and a case.

Screens reach it as a typed `self.app` with `app = getters.app(WorkspaceApp)` (Textual's
checked getter). `IepApp` (app.py) fills in the moves: it imports the screens, so the
screens import this module instead of that one, and no import runs in a circle.
Imports Textual and nothing heavy: the store is imported on first use (off the first frame).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.theme import Theme

from iep_tui.store.workspace import Workspace
from iep_tui.ui.key_order import KeyOrderedApp
from iep_tui.ui.keymap import load_keymap

if TYPE_CHECKING:
    from iep_tui.store.case_store import CaseStore

DEFAULT_THEME = "textual-dark"
MONO_THEME = "iep-mono"
"""Used with NO_COLOR: every accent light, so the greyscale Textual renders stays readable;
emphasis then comes from bold, reverse video and the marks (⚠, !, ◆), never from hue."""
PLAIN_THEME = "ansi-dark"
"""The 16-colour theme: the terminal's own palette, for old terminals and tmux without 256 colours."""

ERROR_TITLES: dict[str, str] = {
    "CaseInUseError": "Case in use",
    "CorruptFileError": "Case file damaged",
    "NewerSchemaError": "Newer file",
    "ConflictError": "Changed elsewhere",
    "DiskFullError": "Disk full",
    "NotFoundError": "Not found",
    "AmbiguousError": "Which one?",
    "InputError": "Check the input",
    "StoreError": "Not saved",
}


class WorkspaceApp(KeyOrderedApp):
    """The services shared by every screen; `IepApp` adds the screens themselves."""

    def __init__(
        self,
        workspace: Workspace,
        case_id: str | None = None,
        today: date | None = None,
        *,
        theme: str | None = None,
        config_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.case_id = case_id
        self.today = today or date.today()
        self.register_theme(_mono_theme())
        sixteen = getattr(self.console, "color_system", None) in ("standard", "windows")
        fallback = MONO_THEME if self.no_color else PLAIN_THEME if sixteen else DEFAULT_THEME
        self.theme = theme or os.environ.get("TEXTUAL_THEME") or fallback
        self.config_dir = config_dir
        self._keymap, self._keymap_problems = load_keymap(config_dir)
        self._store: CaseStore | None = None

    # ---- services shared by every screen

    @property
    def store(self) -> CaseStore:
        """The workspace's repository; imported on first use (off the first frame)."""
        if self._store is None:
            from iep_tui.store.case_store import CaseStore

            self._store = CaseStore(self.workspace, on_wait=self._store_waiting)
        return self._store

    def _store_waiting(self, message: str) -> None:
        """The store waits for another window's lock: say so (saves run in workers).

        A form that is saving shows it on its hint line instead of under a notification.
        """
        import threading

        def show() -> None:
            waiting = getattr(self.screen, "show_waiting", None)
            if waiting is not None:
                waiting(message)
            else:
                self.notify(message, title="Waiting", severity="warning", markup=False)

        if threading.current_thread() is threading.main_thread():
            show()
        else:
            self.call_from_thread(show)

    def describe_error(self, error: BaseException) -> tuple[str, str]:
        """A short title and the sentence for an error (the service's words), never a traceback."""
        from iep_tui.errors import IepError

        if isinstance(error, IepError):
            title = next(
                (ERROR_TITLES[c.__name__] for c in type(error).__mro__ if c.__name__ in ERROR_TITLES),
                "Not done",
            )
            return title, str(error)
        from pydantic import ValidationError

        if isinstance(error, ValidationError):
            from iep_tui.domain.validation import explain

            return "Check the input", explain(error)
        self.log.error(repr(error))
        return "Unexpected error", f"{type(error).__name__}: {error}"

    def report(self, error: BaseException, what: str = "") -> None:
        """Show an error as a notification a user can act on, never a traceback."""
        title, message = self.describe_error(error)
        if what:
            message = f"{what}: {message}"
        self.notify(message, title=title, severity="error", timeout=10, markup=False)

    def use_plain_colours(self) -> None:
        self.theme = PLAIN_THEME
        self.notify("Using the terminal's 16 colours (ansi-dark).", title="Theme")

    # ---- moves between screens (IepApp, which imports the screens, makes them)

    def open_case(self, case_id: str) -> None:
        """Show a case's workspace (on top of the caseload when there is one: Esc goes back)."""
        raise NotImplementedError

    def show_caseload(self) -> None:
        """Back to the caseload: the one underneath, or a new one when the app opened on a case."""
        raise NotImplementedError

    def action_toggle_keys(self) -> None:
        """? lists the keys of the screen underneath (this tab's, then every tab's); ? or Esc closes it."""
        raise NotImplementedError


def _mono_theme() -> Theme:
    return Theme(
        name=MONO_THEME,
        primary="#d0d0d0",
        secondary="#c0c0c0",
        accent="#ffffff",
        warning="#e8e8e8",
        error="#ffffff",
        success="#d8d8d8",
        foreground="#e4e4e4",
        background="#000000",
        surface="#101010",
        panel="#262626",
        dark=True,
    )
