"""Bring back a deleted case (`iep-tui restore`): its backups, choose one, confirm.

A deleted case's file is kept as a backup (`cases.delete_case`); its backups stay under
the workspace's backups folder with no case file beside them. The list reads them with
the store's own listing (`CaseStore.backup_infos`, as `restore --list` does), each checked;
Enter on one asks first, then `CaseStore.restore` puts it back (as `iep-tui restore CASE
--backup N` does) and the dialog returns what was restored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static
from textual.worker import Worker, WorkerState

from iep_tui.store.case_store import RestoreResult
from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.widgets.plain_table import PlainTable
from iep_tui.ui.widgets.table_cursor import key_at_cursor

if TYPE_CHECKING:
    from textual.app import App

    from iep_tui.store.case_store import BackupInfo, CaseStore

RESTORE_KEY = "restore-case"
"""The caseload's binding id that opens this dialog (the delete messages name its key)."""


def restore_hint(app: App[Any]) -> str:
    """How a deleted case comes back in the TUI, for the delete messages: the user's key for it."""
    from textual.binding import Binding

    from iep_tui.ui.keymap import spec

    keymap = getattr(app, "_keymap", {}) or {}
    key = app.get_key_display(Binding(keymap.get(RESTORE_KEY, spec(RESTORE_KEY).key).split(",")[0], "noop"))
    return f"{key.upper() if key[1:].isdigit() else key} on the caseload brings it back"


@dataclass(frozen=True)
class DeletedBackup:
    """One backup of a deleted case, as the list shows it."""

    case_id: str
    info: BackupInfo

    @property
    def key(self) -> str:
        return f"{self.case_id}#{self.info.number}"

    @property
    def student(self) -> str:
        check = self.info.check
        return str(check.summary.get("student", "")) if check is not None else ""

    @property
    def saved(self) -> str:
        return f"{self.info.saved.astimezone():%Y-%m-%d %H:%M}" if self.info.saved else "unknown time"

    @property
    def state(self) -> str:
        from iep_tui.services.cases import DELETED_TAG

        check = self.info.check
        if check is None or not check.loads:
            return self.info.status.upper()
        deleted = "as deleted · " if self.info.path.stem.endswith(f"-{DELETED_TAG}") else ""
        return f"{deleted}{check.records} records"


def deleted_backups(store: CaseStore) -> list[DeletedBackup]:
    """Every backup of every deleted case, each checked; the most recently deleted case first,
    each case's backups newest first (number 1 is the file as it was deleted)."""
    rows = [
        DeletedBackup(case_id, info) for case_id in store.deleted_case_ids() for info in store.backup_infos(case_id)
    ]
    deleted: dict[str, float] = {}
    for row in rows:
        when = row.info.replaced or row.info.saved
        if row.info.number == 1 and when is not None:
            deleted[row.case_id] = when.timestamp()
    return sorted(rows, key=lambda r: (-deleted.get(r.case_id, 0.0), r.case_id, r.info.number))


class RestoreDialog(DialogScreen[RestoreResult | None]):
    """Deleted cases' backups; Enter restores the highlighted one (after asking), Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "restore", "restore", id="restore-choose"),
        Binding("escape", "close", "close", id="restore-close"),
    ]

    def __init__(self, store: CaseStore) -> None:
        super().__init__()
        self.store = store
        self.rows: dict[str, DeletedBackup] = {}
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog restore"):
            yield Label("Restore a deleted case", classes="dialog-title")
            yield PlainTable(id="backups", cursor_type="row", zebra_stripes=True)
            yield Static("Reading the backups…", id="restore-status", classes="dialog-hint", markup=False)
            yield Static("↑↓ choose · enter restores (asks first) · esc close", classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#backups", DataTable)
        for label, key, width in (("Student", "student", 22), ("#", "number", 2), ("Saved", "saved", 16)):
            table.add_column(label, key=key, width=width)
        table.add_column("Backup", key="state", width=22)
        table.styles.height = "auto"
        table.styles.max_height = max(3, self.app.size.height - 10)
        table.focus()
        store = self.store
        self.run_worker(
            lambda: deleted_backups(store), thread=True, group="backups", exit_on_error=False, name="list backups"
        )

    def _status(self, text: str) -> None:
        self.query_one("#restore-status", Static).update(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        error = event.worker.error
        if event.state == WorkerState.ERROR and error is not None:
            self._busy = False
            title, text = self.app.describe_error(error)
            self._status(f"Not restored ({title}): {text}" if event.worker.group == "restore" else text)
            return
        if event.worker.group == "backups":
            self._listed(event.worker.result or [])
        elif event.worker.group == "restore":
            self._busy = False
            self.dismiss(event.worker.result)

    def _listed(self, rows: list[DeletedBackup]) -> None:
        self.rows = {row.key: row for row in rows}
        table = self.query_one("#backups", DataTable)
        table.clear()
        for row in rows:
            table.add_row(row.student or row.case_id, str(row.info.number), row.saved, row.state, key=row.key)
        cases = len({row.case_id for row in rows})
        self._status(
            f"{cases} deleted case{'' if cases == 1 else 's'}: number 1 is each case as it was deleted."
            if rows
            else "No deleted cases: a case deleted with F9 is kept here as a backup until restored."
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on the table (its own key): restore the row, after asking."""
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        from iep_tui.ui.dialogs.confirm_dialog import ConfirmDialog

        key = key_at_cursor(self.query_one("#backups", DataTable))
        row = self.rows.get(key) if key is not None else None
        if row is None or self._busy:
            return
        store = self.store

        def answered(yes: bool | None) -> None:
            if yes:
                self._busy = True
                self._status("Restoring…")
                self.run_worker(
                    lambda: store.restore(row.case_id, row.info.number),
                    thread=True,
                    group="restore",
                    exit_on_error=False,
                    name="restore a case",
                )

        self.app.push_screen(
            ConfirmDialog(
                f"Restore the case of {row.student or row.case_id}?",
                f"Backup {row.info.number} of case {row.case_id}, saved {row.saved}: "
                "it returns to the caseload as it was then.",
                yes="Restore",
                danger=False,
            ),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(None)
