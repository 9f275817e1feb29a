"""The caseload: every case, sortable, filtered as you type; Enter opens one.

The list appears from the workspace index at once; minutes owed, the next
deadline, overdue items and the safety mark are filled in by a worker, case by
case, with a progress bar (a caseload of a hundred takes a moment, never the
interface). With one case, the app opens straight into it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, ProgressBar, Static
from textual.worker import get_current_worker

from iep_tui.ui.first_numbers import FirstNumbers
from iep_tui.ui.keymap import CASELOAD_KEYS, bindings
from iep_tui.ui.widgets.fitted_footer import FittedFooter
from iep_tui.ui.widgets.plain_table import PlainTable
from iep_tui.ui.widgets.table_cursor import Cell, key_at_cursor, move_to_key
from iep_tui.ui.workspace_app import WorkspaceApp

if TYPE_CHECKING:
    from iep_tui.domain.models import Case
    from iep_tui.store.case_store import RestoreResult
    from iep_tui.store.numbers_cache import Numbers
    from iep_tui.ui.case_actions import Values


@dataclass(frozen=True)
class CaseRow:
    id: str
    student: str
    school: str
    district: str = ""
    owed: int | None = None
    next_due: date | None = None
    next_what: str = ""
    overdue: int | None = None
    safety: bool | None = None
    error: str = ""
    archived: bool = False

    def matches(self, text: str) -> bool:
        wanted = text.lower().split()
        haystack = f"{self.student} {self.school} {self.district} {self.id}".lower()
        return all(word in haystack for word in wanted)


def with_numbers(row: CaseRow, numbers: FirstNumbers | None) -> CaseRow:
    """The row with a case's numbers (computed now, or cached for this very case file today)."""
    if numbers is None:
        return row
    return replace(
        row,
        owed=numbers.owed_total,
        next_due=numbers.next_due,
        next_what=numbers.next_what,
        overdue=numbers.overdue,
        safety=numbers.safety,
    )


SORTS: tuple[tuple[str, str], ...] = (
    ("attention", "needs attention"),
    ("student", "student"),
    ("owed", "minutes owed"),
    ("next", "next deadline"),
    ("overdue", "overdue"),
)


def sort_key(name: str) -> Callable[[CaseRow], tuple[object, ...]]:
    far = date.max
    if name == "student":
        return lambda r: (r.student.lower(), r.id)
    if name == "owed":
        return lambda r: (-(r.owed or 0), r.student.lower())
    if name == "next":
        return lambda r: (r.next_due or far, r.student.lower())
    if name == "overdue":
        return lambda r: (-(r.overdue or 0), r.student.lower())
    return lambda r: (not r.safety, -(r.overdue or 0), r.next_due or far, r.student.lower())


class CaseloadScreen(Screen[None]):
    app = getters.app(WorkspaceApp)
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(CASELOAD_KEYS),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def __init__(self, open_single: bool = True) -> None:
        super().__init__()
        self.open_single = open_single
        self.rows: dict[str, CaseRow] = {}
        self.sort = "attention"
        self.reverse = False
        self._loaded = False
        self._user_moved = False
        self.show_archived = False
        self._select_after_load: str | None = None
        """A case to highlight once the list is read again (one just restored)."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("iep-tui · caseload", id="caseload-title")
            yield Static("? keys · ^q quit", classes="title-hint")
        with Horizontal(id="filter-row"):
            yield Static("Filter", classes="field-label")
            yield Input(placeholder="type a name, school or district", id="filter", compact=True)
            yield Static("", id="sort-label")
        yield PlainTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="caseload-message")
        with Horizontal(id="caseload-progress"):
            yield Static("Reading cases", id="progress-label")
            yield ProgressBar(id="progress", show_eta=False)
        yield FittedFooter(compact=True)

    def on_mount(self) -> None:
        root = self.app.workspace.root
        self.query_one("#caseload-title", Static).update(f"iep-tui · caseload · workspace “{root.name}”")
        self.query_one("#filter", Input).focus()
        self._update_sort_label()
        self.call_after_refresh(self.load)  # the first frame first, then the workspace

    # ---- loading

    def load(self) -> None:
        self.query_one("#caseload-progress").display = True
        self.query_one("#caseload-message", Static).update("Reading the workspace…")
        self.workers.cancel_group(self, "caseload-row")  # a row read before now must not land after this list
        # Only the very first reading may go straight into a lone case; every later one (after
        # ctrl+n, an archive, F5) lists the case and reads its numbers like any caseload.
        self._load_cases(open_single=self.open_single and not self._loaded)

    @work(thread=True, exclusive=True, group="caseload", exit_on_error=False)
    def _load_cases(self, open_single: bool) -> None:
        """Index first (fast), then each case's numbers; every step posts back to the UI thread."""
        app = self.app
        worker = get_current_worker()

        def cancelled() -> bool:  # a newer reading replaced this one (asked each time: it changes meanwhile)
            return worker.is_cancelled

        try:
            summaries = app.store.summaries()
        except Exception as error:  # noqa: BLE001 - shown, never raised
            app.call_from_thread(self._failed, error)
            return
        rows = [
            CaseRow(
                s["id"],
                str(s.get("student", "")),
                str(s.get("school", "")),
                str(s.get("district", "")),
                error="unreadable" if s.get("error") else "",
                archived=bool(s.get("archived")),
            )
            for s in summaries
        ]
        if open_single and len(rows) == 1 and not rows[0].error:
            app.call_from_thread(self._listed, rows, open_single)
            return
        from iep_tui.ui.first_numbers import cached_numbers

        workspace = app.store.workspace
        cached = cached_numbers(
            workspace.data, {r.id: workspace.case_file(r.id) for r in rows if not r.error}, app.today
        )
        rows = [with_numbers(row, cached[row.id]) if row.id in cached else row for row in rows]
        if cancelled():  # its older list must not land after the newer one
            return
        app.call_from_thread(self._listed, rows)
        from iep_tui.store.numbers_cache import write_numbers
        from iep_tui.ui.case_data import case_numbers, load_case_data

        computed: dict[str, tuple[list[int] | None, Numbers]] = {}
        for row in rows:
            if cancelled():
                break
            if row.owed is not None or row.error:
                continue
            try:
                version, data = load_case_data(app.store, row.id, app.today)
            except Exception as error:  # noqa: BLE001 - one broken case must not hide the others
                app.call_from_thread(self._row_failed, row.id, error)
                continue
            numbers = case_numbers(data)
            computed[row.id] = (version, numbers)
            if cancelled():
                break
            app.call_from_thread(self._row_done, with_numbers(row, FirstNumbers.parse(numbers)))
        write_numbers(workspace.data, computed, app.today.isoformat())  # one write for the whole caseload
        if not cancelled():
            app.call_from_thread(self._all_done)

    def _failed(self, error: BaseException) -> None:
        self.query_one("#caseload-progress").display = False
        self.query_one("#caseload-message", Static).update(f"Could not read the workspace: {error}")
        self.app.report(error)

    def _listed(self, rows: list[CaseRow], open_single: bool = False) -> None:
        self.rows = {r.id: r for r in rows}
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(1, len(rows)), progress=sum(1 for r in rows if r.owed is not None or r.error))
        if not rows:
            self.query_one("#caseload-progress").display = False
            self.query_one("#caseload-message", Static).update(
                "No cases yet. Press ctrl+n to create one, or run `iep-tui --demo` for the demo case."
            )
        else:
            self.query_one("#caseload-message", Static).update("")
        self.refill()
        if self._select_after_load is not None:
            if move_to_key(self.query_one("#cases", DataTable), self._select_after_load):
                self._user_moved = True  # stays there when the numbers are filled in
            self._select_after_load = None
        self._loaded = True
        self.open_single = False
        if open_single:
            self.query_one("#caseload-progress").display = False
            self.app.open_case(rows[0].id)

    def _row_done(self, row: CaseRow) -> None:
        self.rows[row.id] = row
        self.query_one("#progress", ProgressBar).advance(1)
        self._update_row(row)

    def _row_refreshed(self, row: CaseRow) -> None:
        """One row read again (back from its case): no reading of the caseload is under way to count it in."""
        before = self.rows.get(row.id)
        self.rows[row.id] = row
        if before is not None and before.archived != row.archived:
            self.refill()  # archived or brought back elsewhere: shown or hidden by ctrl+t
        else:
            self._update_row(row)

    def _row_failed(self, case_id: str, error: BaseException) -> None:
        row = self.rows.get(case_id)
        if row is not None:
            self.rows[case_id] = replace(row, error=type(error).__name__)
            self._update_row(self.rows[case_id])
        self.query_one("#progress", ProgressBar).advance(1)
        self.app.report(error, what=f"case {case_id}")

    def _all_done(self) -> None:
        self.query_one("#caseload-progress").display = False
        self.refill()
        if not self._user_moved:
            self.query_one("#cases", DataTable).move_cursor(row=0)  # the case most in need, on top

    def on_screen_resume(self) -> None:
        """Back from a case: refresh that case's row (F5 re-reads them all)."""
        case_id = getattr(self.app, "case_id", None)
        if not self._loaded:
            return
        if case_id in self.rows:
            self._refresh_one(case_id)
        else:
            self.load()  # a case was created meanwhile

    @work(thread=True, group="caseload-row", exit_on_error=False)
    def _refresh_one(self, case_id: str) -> None:
        from iep_tui.ui.case_data import build_case_data, case_numbers

        app = self.app
        worker = get_current_worker()
        row = self.rows.get(case_id)
        if row is None:
            return
        try:
            data = build_case_data(app.store, case_id, app.today)
        except Exception as error:  # noqa: BLE001
            app.call_from_thread(self._row_failed, case_id, error)
            return
        case = data.bundle.case
        updated = replace(
            with_numbers(row, FirstNumbers.parse(case_numbers(data))),
            student=case.student,
            school=case.school,
            archived=case.archived,  # as read now, not as listed when the worker started
            error="",
        )
        if not worker.is_cancelled:  # a reading of the whole caseload started meanwhile has the newer row
            app.call_from_thread(self._row_refreshed, updated)

    # ---- table

    def _cells(self, row: CaseRow) -> list[Cell]:
        if row.error:
            return [
                Content.styled("?", "$warning bold"),
                row.student,
                row.school,
                Content.styled(row.error, "$warning"),
                "",
                "",
            ]
        mark = Content.styled("⚠", "$error bold") if row.safety else ""
        owed = "…" if row.owed is None else str(row.owed)
        due = "…" if row.owed is None else (row.next_due.isoformat() if row.next_due else "—")
        overdue = (
            "…" if row.overdue is None else (Content.styled(str(row.overdue), "$error bold") if row.overdue else "0")
        )
        student = Content.assemble(row.student, (" (archived)", "$text-muted")) if row.archived else row.student
        return [mark, student, row.school, owed, due, overdue]

    def refill(self) -> None:
        table = self.query_one("#cases", DataTable)
        keep = self.highlighted_id()
        if not table.columns:
            table.add_column("⚠", key="safety", width=1)
            table.add_column("Student", key="student", width=20)
            table.add_column("School", key="school", width=22)
            table.add_column("Owed", key="owed", width=5)
            table.add_column("Next due", key="next", width=10)
            table.add_column("Overdue", key="overdue", width=7)
        table.clear()
        text = self.query_one("#filter", Input).value
        rows = sorted(
            (r for r in self.rows.values() if r.matches(text) and (self.show_archived or not r.archived)),
            key=sort_key(self.sort),
            reverse=self.reverse,
        )
        for row in rows:
            table.add_row(*self._cells(row), key=row.id)
        if keep is not None and keep in {r.id for r in rows}:
            table.move_cursor(row=table.get_row_index(keep))
        if self.rows:  # with none, the message says why (no cases yet, or the workspace is being read)
            self.query_one("#caseload-message", Static).update(self._status(len(rows), text))

    def _status(self, shown: int, text: str) -> str:
        """How many cases the list shows, what the keys do, and the archived ones (shown or how to show them)."""
        archived = sum(1 for r in self.rows.values() if r.archived)
        total = len(self.rows) - (0 if self.show_archived else archived)
        them = "it" if archived == 1 else "them"
        if total == 0:  # every case is archived, and hidden
            cases = f"{archived} archived case{'s' if archived != 1 else ''}"
            return f"{cases}, hidden: ctrl+t shows {them} · ctrl+n creates a new case"
        label = f"{shown} of {total} cases" if text else f"{total} case{'s' if total != 1 else ''}"
        if shown:
            label += " · ↑↓ choose · enter opens"
        if archived:
            label += f" · {archived} archived ({'shown' if self.show_archived else f'ctrl+t shows {them}'})"
        return label

    def _update_row(self, row: CaseRow) -> None:
        table = self.query_one("#cases", DataTable)
        try:
            index = table.get_row_index(row.id)
        except Exception:  # noqa: BLE001 - filtered out
            return
        for column, value in zip(
            ("safety", "student", "school", "owed", "next", "overdue"), self._cells(row), strict=True
        ):
            table.update_cell(row.id, column, value)
        del index

    def highlighted_id(self) -> str | None:
        return key_at_cursor(self.query_one("#cases", DataTable))

    # ---- events and actions

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            event.stop()
            self.action_open_case()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_case()

    def action_move(self, rows: int) -> None:
        self._user_moved = True
        table = self.query_one("#cases", DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + rows)))

    def action_open_case(self, case_id: str | None = None) -> None:
        case_id = case_id or self.highlighted_id()
        if case_id is None:
            self.notify("No case to open: ctrl+n creates one.", severity="warning")
            return
        self.app.open_case(case_id)

    def action_cycle_sort(self) -> None:
        names = [name for name, _ in SORTS]
        self.set_sort(names[(names.index(self.sort) + 1) % len(names)])

    def set_sort(self, name: str, reverse: bool | None = None) -> None:
        self.sort = name
        if reverse is not None:
            self.reverse = reverse
        self._update_sort_label()
        self.refill()

    def action_reverse_sort(self) -> None:
        self.reverse = not self.reverse
        self._update_sort_label()
        self.refill()

    def _update_sort_label(self) -> None:
        label = dict(SORTS)[self.sort]
        self.query_one("#sort-label", Static).update(f"sort: {label}{' ↑' if self.reverse else ''}")

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refill()

    def _highlighted_row(self) -> CaseRow | None:
        case_id = self.highlighted_id()
        return self.rows.get(case_id) if case_id is not None else None

    def action_archive_case(self) -> None:
        """Archive the highlighted case, or bring an archived one back (after asking)."""
        from iep_tui.services.cases import set_archived
        from iep_tui.ui.dialogs.confirm_dialog import ConfirmDialog

        row = self._highlighted_row()
        if row is None or row.error:
            return
        app = self.app

        def answered(yes: bool | None) -> None:
            if yes:
                self._lifecycle(lambda: set_archived(app.store, row.id, not row.archived))

        verb = "Bring back" if row.archived else "Archive"
        detail = (
            "It returns to the caseload." if row.archived else "It is hidden here and kept on disk (ctrl+t lists it)."
        )
        self.app.push_screen(
            ConfirmDialog(f"{verb} the case of {row.student}?", detail, yes=verb, danger=False), answered
        )

    def action_delete_case(self) -> None:
        """Delete the highlighted case once its student's name is typed; a backup is kept."""
        from iep_tui.services.cases import delete_case
        from iep_tui.ui.dialogs.restore_dialog import restore_hint
        from iep_tui.ui.dialogs.typed_confirm_dialog import TypedConfirmDialog

        row = self._highlighted_row()
        if row is None:
            return
        app = self.app

        def typed(name: str | None) -> None:
            if name is not None:
                self._lifecycle(lambda: delete_case(app.store, row.id, name))

        self.app.push_screen(
            TypedConfirmDialog(
                f"Delete the case of {row.student}?",
                f"Its file is kept as a backup ({restore_hint(app)}). Type the student's name to confirm:",
                row.student,
            ),
            typed,
        )

    def action_restore_case(self) -> None:
        """The deleted cases' backups; the one chosen (after asking) is back in the caseload, highlighted."""
        from iep_tui.ui.dialogs.restore_dialog import RestoreDialog

        def restored(result: RestoreResult | None) -> None:
            if result is None:
                return
            student = str(result.check.summary.get("student", "")) or result.case_id
            archived = " (archived: ctrl+t lists it)" if result.check.summary.get("archived") else ""
            self.notify(
                f"{student} is back in the caseload{archived}, from backup {result.number}.",
                title="Restored",
                markup=False,
            )
            self._select_after_load = result.case_id
            self.load()

        self.app.push_screen(RestoreDialog(self.app.store), restored)

    @work(thread=True, group="caseload-lifecycle", exit_on_error=False)
    def _lifecycle(self, change: Callable[[], object]) -> None:
        app = self.app
        try:
            change()
        except Exception as error:  # noqa: BLE001 - shown, never raised
            app.call_from_thread(app.report, error)
            return
        app.call_from_thread(self.load)

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_reload(self) -> None:
        self.load()

    def action_new_case(self) -> None:
        from iep_tui.ui.case_actions import create_case
        from iep_tui.ui.dialogs.case_forms import CaseForm

        app = self.app

        def save(values: Values) -> Case:
            return create_case(app.store, values, app.today)

        def created(case: Case | None) -> None:
            if case is not None:
                self.notify(f"Created {case.student} ({case.id}).", title="New case")
                app.open_case(case.id)

        self.app.push_screen(CaseForm(save, app.today), created)
