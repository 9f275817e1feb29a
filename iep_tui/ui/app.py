"""The Textual application: a caseload, and one workspace per case.

Startup is a feature: this module imports Textual and nothing heavy. The store
(pydantic, TinyDB) and every service are imported by the first worker, after the
first frame is on screen, and python-docx only when a letter is written.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType

from iep_tui.store.workspace import Workspace
from iep_tui.ui.workspace_app import WorkspaceApp


def _commands() -> type:
    from iep_tui.ui.commands import IepCommands

    return IepCommands


class IepApp(WorkspaceApp):
    """The caseload, or straight into a case when one is named or the workspace has only one.

    Keys are delivered one at a time, each after the last has settled (`key_order`), so
    nothing typed right after a form opens or a field is left is lost or misplaced.
    """

    TITLE = "iep-tui"
    COMMANDS = {_commands}
    """One provider: the app's commands first, then Textual's own (Keys, Theme, Screenshot...), in that order.
    With App.COMMANDS' SystemCommandsProvider alongside, the palette lists whichever provider answers first,
    and Textual's, which need no disk, always did."""
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


def run(workspace: Workspace, case_id: str | None = None, today: date | None = None) -> int:
    """Run the TUI until the user quits."""
    IepApp(workspace, case_id=case_id, today=today).run()
    return 0
