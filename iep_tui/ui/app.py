"""The Textual application: a caseload, and one workspace per case.

Startup is a feature: this module imports Textual and nothing heavy. The store
(pydantic, TinyDB) and every service are imported by the first worker, after the
first frame is on screen, and python-docx only when a letter is written.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

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


def _commands() -> type:
    from iep_tui.ui.commands import IepCommands

    return IepCommands


class IepApp(KeyOrderedApp):
    """The caseload, or straight into a case when one is named or the workspace has only one.

    Keys are delivered one at a time, each after the last has settled (`key_order`), so
    nothing typed right after a form opens or a field is left is lost or misplaced.
    """

    TITLE = "iep-tui"
    COMMANDS = App.COMMANDS | {_commands}
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "quit", show=False, priority=True, id="quit", tooltip="Quit iep-tui"),
        Binding(
            "question_mark",
            "toggle_keys",
            "keys",
            show=False,
            id="keys",
            key_display="?",
            tooltip="Show or hide every key of this screen",
        ),
    ]

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

    # ---- lifecycle

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        for problem in self._keymap_problems:
            self.notify(problem, title="Keymap", severity="warning", timeout=10, markup=False)
        if self.case_id is None:
            ids = self.workspace.case_ids()
            if len(ids) == 1:  # one case: straight into it, without reading the workspace first
                self.case_id = ids[0]
        if self.case_id is not None:
            self.open_case(self.case_id)  # the caseload is built only when Esc asks for it
        else:
            from iep_tui.ui.screens.caseload_screen import CaseloadScreen

            self.push_screen(CaseloadScreen(open_single=True))

    def open_case(self, case_id: str) -> None:
        """Show a case's workspace (on top of the caseload when there is one: Esc goes back)."""
        from iep_tui.ui.screens.case_screen import CaseScreen

        while len(self.screen_stack) > 1 and isinstance(self.screen, CaseScreen):
            self.pop_screen()
        self.case_id = case_id
        self.push_screen(CaseScreen(case_id))

    def show_caseload(self) -> None:
        """Back to the caseload: the one underneath, or a new one when the app opened on a case."""
        from iep_tui.ui.screens.caseload_screen import CaseloadScreen

        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.switch_screen(CaseloadScreen(open_single=False))

    def action_toggle_keys(self) -> None:
        """? lists the keys of the screen underneath (this tab's, then every tab's); ? or Esc closes it."""
        from iep_tui.ui.dialogs.keys_screen import KeysScreen

        if isinstance(self.screen, KeysScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(KeysScreen(self.screen))

    def use_plain_colours(self) -> None:
        self.theme = PLAIN_THEME
        self.notify("Using the terminal's 16 colours (ansi-dark).", title="Theme")


def _mono_theme():  # type: ignore[no-untyped-def]
    from textual.theme import Theme

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


def run(workspace: Workspace, case_id: str | None = None, today: date | None = None) -> int:
    """Run the TUI until the user quits."""
    IepApp(workspace, case_id=case_id, today=today).run()
    return 0
