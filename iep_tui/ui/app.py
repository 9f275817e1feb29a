"""The Textual application (first cut: opens a case and shows its summary)."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace


class IepApp(App[int]):
    """Opens the given case, or the only case of the workspace."""

    TITLE = "iep-tui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, workspace: Workspace, case_id: str | None = None, today: date | None = None) -> None:
        super().__init__()
        self.store = CaseStore(workspace)
        self.case_id = case_id
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._summary(), id="summary")
        yield Footer()

    def _summary(self) -> str:
        ids = [self.case_id] if self.case_id else self.store.case_ids()
        if not ids:
            return "No cases yet. Run `iep-tui case new --student NAME --state XX` or `iep-tui --demo`."
        bundle = self.store.load(ids[0])
        case = bundle.case
        return (
            f"{case.student} - grade {case.grade}, {case.school}, {case.district} ({case.state})\n"
            f"{len(bundle.requirements)} requirements, {len(bundle.sessions)} sessions, "
            f"{len(bundle.incidents)} incidents, {len(bundle.escalations)} escalation steps"
        )


def run(workspace: Workspace, case_id: str | None = None, today: date | None = None) -> int:
    """Run the TUI until the user quits."""
    IepApp(workspace, case_id=case_id, today=today).run()
    return 0
