"""One case's workspace: Dashboard, Checklist, Incidents, Escalation, Calendar.

Every action lives here (so the footer and the command palette find them in one
place) and `check_action` shows only those that fit the tab and the selection.
Loading and saving run in thread workers; the panes render from one CaseData.
Each save remembers exactly the records it wrote, so `u` undoes the last change (and nothing else).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from textual import getters
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from iep_tui.domain.text_clip import clip_text
from iep_tui.ui.keymap import CASE_KEYS, bindings
from iep_tui.ui.panes.dashboard_pane import DashboardPane
from iep_tui.ui.saved_message import (
    TOAST_WIDTH,
    brief,
    draft_saved_message,
    first_sentence,
    full_confirmation,
    saved_message,
    toast_text,
    undone_message,
)
from iep_tui.ui.widgets.fitted_footer import FittedFooter
from iep_tui.ui.widgets.urgency_banner import UrgencyBanner
from iep_tui.ui.workspace_app import WorkspaceApp

if TYPE_CHECKING:
    from iep_tui.calendar.day_count import DayCount
    from iep_tui.domain.models import Case, EscalationStep, Record, Requirement
    from iep_tui.services.ledger_service import LogResult
    from iep_tui.store.case_store import CaseStore
    from iep_tui.ui.case_actions import QuickEntry, Values
    from iep_tui.ui.case_data import CaseData
    from iep_tui.ui.letters import ServiceLetters
    from iep_tui.ui.panes.calendar_pane import CalendarPane
    from iep_tui.ui.panes.checklist_pane import ChecklistPane
    from iep_tui.ui.panes.escalation_pane import EscalationPane
    from iep_tui.ui.panes.incidents_pane import IncidentsPane
    from iep_tui.ui.undo import Change, Saved

T = TypeVar("T")

TABS: tuple[tuple[str, str], ...] = (
    ("dashboard", "Dashboard"),
    ("checklist", "Checklist"),
    ("incidents", "Incidents"),
    ("escalation", "Escalation"),
    ("calendar", "Calendar"),
)

PANES: dict[str, str] = {
    "dashboard": "iep_tui.ui.panes.dashboard_pane.DashboardPane",
    "checklist": "iep_tui.ui.panes.checklist_pane.ChecklistPane",
    "incidents": "iep_tui.ui.panes.incidents_pane.IncidentsPane",
    "escalation": "iep_tui.ui.panes.escalation_pane.EscalationPane",
    "calendar": "iep_tui.ui.panes.calendar_pane.CalendarPane",
}
"""Each tab's pane class, imported when the tab is first shown (the first frame needs the Dashboard only)."""
TAB_FOCUS: dict[str, str] = {
    "dashboard": "#dash-left",
    "checklist": "#requirements",
    "incidents": "#incident-table",
    "escalation": "#steps",
    "calendar": "#month-grid",
}
"""The widget each tab focuses when shown."""
SUGGESTION_LETTERS: dict[str, str] = {"meeting-recap": "meeting-recap", "follow-up": "meeting-recap"}
"""Suggestions that are a letter, not a step (next_steps.Suggestion.action), and the letter `n` opens: the
meeting-recap letter is a recent meeting's recap or, later, the follow-up on its overdue actions."""
LAST_SAVED_CHARS = 3 * 76
"""What the line under the panes shows at 80 columns (three lines)."""


class CasePane(Protocol):
    """What every tab's pane does with the case's data."""

    def show(self, data: CaseData) -> None: ...


# action -> tabs where it applies (None: every tab)
ACTION_TABS: dict[str, frozenset[str] | None] = {
    "quick_log": frozenset({"dashboard", "checklist"}),
    "log_session": frozenset({"dashboard", "checklist"}),
    "add_requirement": frozenset({"checklist"}),
    "add_incident": frozenset({"dashboard", "checklist", "incidents"}),
    "add_incident_other_tabs": frozenset({"escalation", "calendar"}),  # i on every tab (keymap.KEY_ALIASES)
    "add_step": frozenset({"escalation"}),
    "record_response": frozenset({"escalation"}),
    "send_step": frozenset({"escalation"}),
    "close_step": frozenset({"escalation"}),
    "add_meeting": frozenset({"escalation"}),
    "add_action": frozenset({"escalation"}),
    "action_done": frozenset({"escalation"}),
    "recap_sent": frozenset({"escalation"}),
    "next_step": frozenset({"dashboard"}),
    "log_week": frozenset({"dashboard"}),
    "filter_incidents": frozenset({"incidents"}),
    "edit": frozenset({"checklist", "incidents", "escalation"}),
    "delete": frozenset({"checklist", "incidents", "escalation"}),
    "count_days": frozenset({"calendar"}),
    "import_school_log": frozenset({"dashboard"}),
    "month": frozenset({"calendar"}),
    "calendar_today": frozenset({"calendar"}),
    "import_calendar": frozenset({"calendar"}),
}


class CaseScreen(Screen[None]):
    BINDINGS = bindings(CASE_KEYS)
    app = getters.app(WorkspaceApp)

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.data: CaseData | None = None
        self.undo_stack: list[Change] = []
        self._panes: dict[str, CasePane] = {}
        self._focus_on_activate: str | None = None
        self._load_failed = False
        self._reloading = True
        self._after_show: list[Callable[[], None]] = []
        """Run once the next load has reached the panes (the cursor on a draft just saved)."""
        self._draft_to_show: str | None = None
        """A draft saved from another tab: the Escalation tab's cursor goes to it when that tab is next shown."""
        self.numbers_shown = False
        """The Dashboard shows the case's minutes owed (from the numbers cache, or computed)."""

    @property
    def holds_keys(self) -> bool:
        """Keys typed while the case loads (or reloads after a save) wait for it (`key_order`), so
        they act on what the screen is about to show, not on a disabled action or a stale row."""
        return self._reloading and not self._load_failed

    @property
    def today(self) -> date:
        return self.app.today

    @property
    def store(self) -> CaseStore:
        return self.app.store

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(f"Loading case {self.case_id}…", id="case-title")
            yield Static("esc cases · ? keys", id="case-hint", classes="title-hint")
        yield UrgencyBanner(id="urgency")
        with TabbedContent(initial="dashboard", id="tabs"):
            for number, (tab, title) in enumerate(TABS, start=1):
                with TabPane(f"{number} {title}", id=tab):
                    if tab == "dashboard":
                        yield self._new_pane(tab)
        yield Static("", id="last-saved", markup=False)
        yield FittedFooter(compact=True)

    def _new_pane(self, tab: str) -> Widget:
        """Panes other than the first are built when their tab is first shown (a faster first frame)."""
        from importlib import import_module

        module, name = PANES[tab].rsplit(".", 1)
        kind = getattr(import_module(module), name)  # the pane class PANES names (a widget with `show`)
        pane = kind(self.today, id=f"{tab}-pane") if tab == "calendar" else kind(id=f"{tab}-pane")
        self._panes[tab] = pane
        return pane

    async def ensure_pane(self, tab: str) -> None:
        """Build and mount the tab's pane, the first time its tab is shown."""
        if tab not in self._panes:
            pane = self._new_pane(tab)
            await self.query_one(f"#{tab}", TabPane).mount(pane)
            if self.data is not None:
                self._panes[tab].show(self.data)

    # each pane once its tab has been shown (None before: its module is imported only then)

    @property
    def checklist_pane(self) -> ChecklistPane | None:
        pane = self._panes.get("checklist")
        if pane is None:
            return None
        from iep_tui.ui.panes.checklist_pane import ChecklistPane

        assert isinstance(pane, ChecklistPane)
        return pane

    @property
    def incidents_pane(self) -> IncidentsPane | None:
        pane = self._panes.get("incidents")
        if pane is None:
            return None
        from iep_tui.ui.panes.incidents_pane import IncidentsPane

        assert isinstance(pane, IncidentsPane)
        return pane

    @property
    def escalation_pane(self) -> EscalationPane | None:
        pane = self._panes.get("escalation")
        if pane is None:
            return None
        from iep_tui.ui.panes.escalation_pane import EscalationPane

        assert isinstance(pane, EscalationPane)
        return pane

    @property
    def calendar_pane(self) -> CalendarPane | None:
        pane = self._panes.get("calendar")
        if pane is None:
            return None
        from iep_tui.ui.panes.calendar_pane import CalendarPane

        assert isinstance(pane, CalendarPane)
        return pane

    def on_mount(self) -> None:
        if not self._show_cached_numbers():
            self.query_one("#tabs").loading = True
        self.call_after_refresh(self.reload)  # the first frame first, then the case

    def _show_cached_numbers(self) -> bool:
        """The title and minutes owed from the numbers cache, in the first frame, while the case loads."""
        from iep_tui.ui.first_numbers import cached_numbers

        workspace = self.app.workspace
        first = cached_numbers(workspace.data, {self.case_id: workspace.case_file(self.case_id)}, self.today)
        numbers = first.get(self.case_id)
        if numbers is None:
            return False
        self._show_title(numbers.student, numbers.grade, numbers.school, numbers.is_demo)
        self.query_one(DashboardPane).show_numbers(numbers)
        self.numbers_shown = True
        return True

    def _show_title(self, student: str, grade: str, school: str, is_demo: bool) -> None:
        facts = " · ".join(x for x in (f"grade {grade}" if grade else "", school) if x)
        self.query_one("#case-title", Static).update(
            Content.assemble(
                (student, "bold"), (" · " + facts if facts else "", ""), (" (demo)" if is_demo else "", "$text-muted")
            )
        )

    # ---- loading

    def reload(self) -> None:
        from iep_tui.ui.case_data import build_case_data

        self._reloading = True
        store, case_id, today = self.store, self.case_id, self.today
        self.run_worker(
            lambda: build_case_data(store, case_id, today),
            thread=True,
            exclusive=True,
            group="load",
            exit_on_error=False,
            name=f"load {case_id}",
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if group == "load":
            if event.state == WorkerState.SUCCESS and event.worker.result is not None:
                self.show(event.worker.result)
            elif event.state == WorkerState.ERROR and event.worker.error is not None:
                self._load_failed = True
                self._reloading = False
                self.query_one("#tabs").loading = False
                self.query_one("#case-title", Static).update(f"Case {self.case_id} could not be opened.")
                self.app.report(event.worker.error, what=f"case {self.case_id}")
        elif group in ("change", "quiet-change"):
            if event.state == WorkerState.SUCCESS:
                self._saved(event.worker.result, toast=group == "change")
            elif event.state == WorkerState.ERROR and event.worker.error is not None:
                self.app.report(event.worker.error)
        elif group == "lifecycle":
            if event.state == WorkerState.SUCCESS and event.worker.result is not None:
                self._lifecycle_done(event.worker.result)
            elif event.state == WorkerState.ERROR and event.worker.error is not None:
                self.app.report(event.worker.error)
        elif group == "undo":
            if event.state == WorkerState.SUCCESS and event.worker.result is not None:
                change, data = event.worker.result
                self.undo_stack.pop()
                self.show(data)
                self._last_saved(undone_message(change.label, change.what))  # not the undone entry's confirmation
                self.notify(f"Undone: {change.label}.", title="Undo")
            elif event.state == WorkerState.ERROR and event.worker.error is not None:
                self.app.report(event.worker.error, what="Undo")

    def show(self, data: CaseData) -> None:
        self.data = data
        case = data.bundle.case
        self.query_one("#tabs").loading = False
        self._show_title(case.student, case.grade, case.school, case.is_demo)
        self.query_one("#case-hint", Static).update(f"{data.today.strftime('%a %d %b %Y')} · esc cases · ? keys")
        waiting = data.waiting_draft(data.urgency.draft) if data.urgency is not None else None
        self.query_one(UrgencyBanner).show(
            data.urgency, self._key_for("urgent-notice", "!"), draft_waiting=waiting is not None
        )
        for pane in self._panes.values():
            pane.show(data)
        self.numbers_shown = True
        self._reloading = False
        self.refresh_bindings()
        after, self._after_show = self._after_show, []
        for then in after:
            then()

    def _key_for(self, binding_id: str, default: str) -> str:
        """How the user's key for `binding_id` is shown (their keymap, else the default)."""
        from textual.binding import Binding

        keymap = getattr(self.app, "_keymap", {}) or {}
        key = keymap.get(binding_id)
        if not key:
            return default
        return self.app.get_key_display(Binding(key.split(",")[0], "noop"))

    # ---- saving (every change goes through here)

    def tracked(self, label: str, write: Callable[[], T]) -> Saved[T]:
        """Run a service write and remember exactly what it wrote, for undo (runs in a worker thread)."""
        from iep_tui.ui.undo import Saved, record_change

        result, change = record_change(self.store, self.case_id, label, write)
        return Saved(label, result, change)

    def form_saver(self, label: str, write: Callable[[Values], T]) -> Callable[[Values], Saved[T]]:
        return lambda values: self.tracked(label, lambda: write(values))

    def run_change(self, label: str, write: Callable[[], object], toast: bool = True) -> None:
        """Save in a worker (`toast`: False when a dialog on top says what was saved in its own words)."""
        group = "change" if toast else "quiet-change"
        self.run_worker(lambda: self.tracked(label, write), thread=True, group=group, exit_on_error=False, name=label)

    def _saved(self, saved: Saved[object] | None, toast: bool = True) -> None:
        """A save done: undo, the case recomputed, the whole confirmation under the panes, and a two-line
        toast (`toast`: False when a dialog on top, the export dialog, says it where the toast would cover it)."""
        if saved is None:
            return
        self._after_save(saved)
        self._last_saved(full_confirmation(saved.result) or f"Saved: {saved.label}.")
        if toast:
            self.notify(saved_message(saved.result, saved.label), title="Saved", timeout=8, markup=False)

    def _last_saved(self, text: str) -> None:
        """The whole confirmation of the last save (the toast says it in two lines), until the tab changes."""
        line = self.query_one("#last-saved", Static)
        line.update(text)
        line.set_class(bool(text), "-shown")

    def _after_save(self, saved: Saved[object]) -> None:
        """Remember the change for undo and recompute the case (keys wait for it)."""
        if not saved.change.empty:
            self.undo_stack.append(replace(saved.change, what=first_sentence(saved.result)))
        # keys wait from now; the recomputation starts once the confirmation is on screen, so a case with
        # years of entries does not hold the frame that shows the save
        self._reloading = True
        self.call_after_refresh(self.call_after_refresh, self.reload)  # the toast is mounted, then drawn

    def push_form(self, dialog: Screen[Saved[T] | None]) -> None:
        self.app.push_screen(dialog, self._saved)

    def _draft_saved(self, what: str, saved: Saved[EscalationStep] | None) -> None:
        """A step from a suggestion was saved: say whether it is a draft and where it waits, on the tab the
        user is on (never another: on Escalation, `s` marks a step sent)."""
        if saved is None:
            return
        step = saved.result
        if step.status != "draft":
            self._saved(saved)
            return
        shown_here = self.active_tab == "escalation"
        if shown_here:
            self._after_show.append(lambda: self._cursor_on_step(step.id))
        else:
            self._draft_to_show = step.id
        self._after_save(saved)
        keys = (
            self._key_for("tab-escalation", "4"),
            self._key_for("export-letter", "x"),
            self._key_for("send-step", "s"),
        )
        toast, details = draft_saved_message(what, keys, shown_here)
        self._last_saved(details)
        self.notify(toast, title="Draft saved", timeout=10, markup=False)

    def _cursor_on_step(self, step_id: str) -> None:
        """The Escalation tab's cursor on this step (no tab change, no focus change)."""
        from iep_tui.ui.widgets.table_cursor import move_to_key

        pane = self.escalation_pane
        if pane is not None:
            move_to_key(pane.steps_table, step_id)

    def select_step(self, step_id: str) -> None:
        """Show the Escalation tab with the cursor on this step (so `s` marks it sent)."""
        from iep_tui.ui.widgets.table_cursor import move_to_key

        async def go() -> None:
            await self.ensure_pane("escalation")
            pane = self.escalation_pane
            assert pane is not None
            self.query_one("#tabs", TabbedContent).active = "escalation"
            move_to_key(pane.steps_table, step_id)
            self.set_focus(pane.steps_table, scroll_visible=False)

        self.run_worker(go(), group="select-step")

    # ---- what is selected

    @property
    def active_tab(self) -> str:
        return self.query_one("#tabs", TabbedContent).active or "dashboard"

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id or "dashboard"
        self._last_saved("")
        await self.ensure_pane(tab)
        if tab == "escalation" and self._draft_to_show is not None:
            step_id, self._draft_to_show = self._draft_to_show, None
            self._cursor_on_step(step_id)  # the draft saved from another tab, where its confirmation said
        self.refresh_bindings()
        if self._focus_on_activate == tab:
            self._focus_on_activate = None
            self._focus_tab(tab)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.refresh_bindings()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def selected_requirement_id(self) -> str | None:
        pane = self.checklist_pane
        return pane.selected_requirement_id() if pane is not None else None

    def selected_record(self) -> Record | None:
        """The record under the cursor of the tab shown (what e edits and del deletes)."""
        tab = self.active_tab
        pane = (
            self.checklist_pane
            if tab == "checklist"
            else self.incidents_pane
            if tab == "incidents"
            else self.escalation_pane
            if tab == "escalation"
            else None
        )
        return pane.selected_record() if pane is not None else None

    def _loggable(self) -> list[Requirement]:
        if self.data is None:
            return []
        return [r for r in self.data.bundle.requirements if r.kind != "accommodation"]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tabs = ACTION_TABS.get(action)
        if tabs is not None and self.active_tab not in tabs:
            return False
        if action in ("show_tab", "caseload", "export_letter", "reload"):
            return True
        if action in ("contacts", "case_details", "archive_case", "delete_case"):
            return self.data is not None
        if self.data is None:
            return False if action in ("urgent_notice", "undo") else None
        if action == "urgent_notice":
            return self.data.urgency is not None
        if action == "undo":
            return bool(self.undo_stack)
        if action == "next_step":
            return bool(self.data.suggestions)  # one that cannot be drafted says why
        if action in ("quick_log", "log_session"):
            return bool(self._loggable())
        if action in ("edit", "delete"):
            return self.selected_record() is not None or None
        escalation = self.escalation_pane
        if escalation is None:
            return action not in ("record_response", "add_action", "action_done", "recap_sent")
        if action in ("record_response", "send_step", "close_step"):
            if escalation.meetings_table.has_focus:
                return False
            step = escalation.selected_step()
            if step is None:
                return None
            if action == "send_step":
                return step.status == "draft"
            if action == "record_response":
                return step.status in ("sent", "answered") or None
            return True
        if action in ("add_action", "action_done", "recap_sent"):
            row = escalation.selected_meeting_row()
            if not escalation.meetings_table.has_focus or row is None:
                return False
            meeting, act = row
            if action == "recap_sent":
                return act is None and meeting.recap_sent is None and meeting.date <= self.today
            return act is None if action == "add_action" else (act is not None and act.done is None)
        return True

    # ---- navigation

    def action_show_tab(self, tab: str) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        if tabs.active == tab:
            self._focus_tab(tab)
            return
        self._focus_on_activate = tab
        tabs.active = tab

    def _focus_tab(self, tab: str) -> None:
        """Focus the tab's main widget now, and only while that tab is showing.

        Never later: a focus that lands after the user has moved on pulls the view back to
        its tab (TabbedContent follows the focus), which is how the view once jumped to the
        Calendar after a save and the next keys went to the wrong place.
        """
        focus = TAB_FOCUS.get(tab)
        if focus is None or self.active_tab != tab:
            return
        self.set_focus(self.query_one(focus), scroll_visible=False)

    def action_caseload(self) -> None:
        self.app.show_caseload()

    def action_reload(self) -> None:
        self.reload()

    # ---- entry

    def _requirement_choices(self, loggable_only: bool = False) -> list[tuple[str, str]]:
        if self.data is None:
            return []
        reqs = self._loggable() if loggable_only else self.data.bundle.requirements
        return [(f"{r.name} ({r.frequency or r.kind})", r.id) for r in reqs]

    def _safety_requirement_ids(self) -> frozenset[str]:
        return (
            frozenset(r.id for r in self.data.bundle.requirements if r.safety) if self.data is not None else frozenset()
        )

    def _requirement_names(self) -> list[tuple[str, str]]:
        return [(r.name, r.id) for r in self.data.bundle.requirements] if self.data is not None else []

    def action_quick_log(self) -> None:
        from iep_tui.ui.case_actions import minutes_to_ask, quick_log
        from iep_tui.ui.dialogs.session_forms import QuickChoice, QuickLogDialog

        choices = [
            QuickChoice(r.id, f"{r.name} ({r.frequency or r.kind})", minutes_to_ask(r.frequency))
            for r in self._loggable()
        ]
        if not choices:
            self.notify("Add a service or support to the checklist first (Checklist tab, a).", severity="warning")
            return
        store, case_id, today = self.store, self.case_id, self.today
        calendar = self.data.calendar if self.data is not None else None

        def save(entry: QuickEntry) -> Saved[LogResult]:
            return self.tracked(f"log {entry.status}", lambda: quick_log(store, case_id, entry, today))

        self.push_form(QuickLogDialog(choices, self.selected_requirement_id(), today, save, calendar))

    def action_log_session(self) -> None:
        from iep_tui.ui.case_actions import log_session
        from iep_tui.ui.dialogs.session_forms import SessionForm

        store, case_id, today = self.store, self.case_id, self.today
        saver = self.form_saver("log a session", lambda v: log_session(store, case_id, v, today))
        self.push_form(SessionForm(saver, today, self._requirement_choices(True), self.selected_requirement_id()))

    def action_add_requirement(self) -> None:
        from iep_tui.ui.case_actions import add_requirement
        from iep_tui.ui.dialogs.requirement_form import RequirementForm

        store, case_id, today = self.store, self.case_id, self.today
        self.push_form(
            RequirementForm(
                self.form_saver("add a requirement", lambda v: add_requirement(store, case_id, v, today)), today
            )
        )

    def action_add_incident(
        self,
        kind: str | None = None,
        then: Callable[[], None] | None = None,
        toast: bool = True,
        safety: bool = False,
    ) -> None:
        """The incident form (`kind`: the Kind to start with, a refusal for the PWN request; `safety`: Safety-related
        ticked, for the safety notice; `then`: run after it closes; `toast`: False when the dialog it returns to
        says it)."""
        from iep_tui.ui.case_actions import add_incident
        from iep_tui.ui.dialogs.incident_form import IncidentForm

        store, case_id, today = self.store, self.case_id, self.today
        selected = self.selected_requirement_id() if self.active_tab == "checklist" else None
        saver = self.form_saver("log an incident", lambda v: add_incident(store, case_id, v, today))
        form = IncidentForm(
            saver,
            today,
            self._requirement_names(),
            selected,
            kind=kind,
            safety=safety,
            safety_ids=self._safety_requirement_ids(),
            calendar=self.data.calendar if self.data is not None else None,
        )
        if then is None and toast:
            self.push_form(form)
            return

        def closed(saved: Saved[object] | None) -> None:
            self._saved(saved, toast)
            if then is not None:
                then()

        self.app.push_screen(form, closed)

    def action_add_incident_other_tabs(self) -> None:
        """`i` on the Escalation and Calendar tabs: an incident, as on every other tab."""
        self.action_add_incident()

    def action_log_week(self) -> None:
        from iep_tui.ui.case_actions import log_week
        from iep_tui.ui.dialogs.case_forms import WeekForm

        store, case_id, today = self.store, self.case_id, self.today
        current = None
        if self.data is not None:
            monday = date.fromordinal(today.toordinal() - today.weekday())
            current = next((w for w in self.data.bundle.snapshots if w.week == monday), None)
        self.push_form(
            WeekForm(
                self.form_saver("log the week", lambda v: log_week(store, case_id, v, today, current)), today, current
            )
        )

    def _incident_choices(self) -> list[tuple[str, str]]:
        if self.data is None:
            return []
        rows = sorted(self.data.bundle.incidents, key=lambda i: i.date, reverse=True)
        return [(f"{i.date.isoformat()} {'⚠ ' if i.safety else ''}{clip_text(i.what, 36)}", i.id) for i in rows]

    def open_step_form(
        self, draft: EscalationStep | None = None, title: str | None = None, drafting: str | None = None
    ) -> None:
        """The step form (`drafting`: what a suggested draft is called, for its confirmation)."""
        from iep_tui.ui.case_actions import escalate
        from iep_tui.ui.dialogs.escalation_forms import StepForm

        store, case_id, today = self.store, self.case_id, self.today
        saver = self.form_saver("escalate", lambda v: escalate(store, case_id, v, today))
        form = StepForm(saver, today, self._incident_choices(), draft=draft, title=title, drafting=bool(drafting))
        self.app.push_screen(form, partial(self._draft_saved, drafting) if drafting else self._saved)

    def action_add_step(self) -> None:
        self.open_step_form()

    def _draft_suggested(self, draft: EscalationStep, title: str, what: str) -> None:
        """Open a suggested step as a draft (never as sent), or the draft already saved for it
        (the user asked to see it: its tab, the cursor on it)."""
        assert self.data is not None
        waiting = self.data.waiting_draft(draft)
        if waiting is not None:
            self.notify(
                toast_text(
                    f"Not sent yet: {self._key_for('export-letter', 'x')} opens the letters to write it; once sent, "
                    f"{self._key_for('send-step', 's')} marks it sent."
                ),
                title="Draft waiting",
                timeout=10,
                markup=False,
            )
            self.select_step(waiting.id)
            return
        self.open_step_form(draft.model_copy(update={"sent": None, "status": "draft"}), title, drafting=what)

    def action_urgent_notice(self) -> None:
        if self.data is None or self.data.urgency is None:
            return
        draft = self.data.urgency.draft
        self._draft_suggested(draft, "Draft: same-day safety notice", f"Safety notice ({draft.kind} step)")

    def action_next_step(self) -> None:
        if self.data is None or not self.data.suggestions:
            return
        suggestion = self.data.suggestions[0]
        if suggestion.draft is None:
            if suggestion.action in SUGGESTION_LETTERS:  # a letter, not a step: open it
                self.action_export_letter(SUGGESTION_LETTERS[suggestion.action])
                return
            what = "Not a letter or a step iep-tui drafts: it is yours to do."
            self._last_saved(
                brief(f"{suggestion.title}: {what} {suggestion.note} {suggestion.reason}", LAST_SAVED_CHARS)
            )
            self.notify(
                toast_text(what, " Why: below and on the Dashboard."),
                title=brief(suggestion.title, TOAST_WIDTH),
                timeout=10,
                markup=False,
            )
            return
        what = f"{suggestion.draft.kind} step"
        self._draft_suggested(suggestion.draft, f"Draft: {suggestion.title}", what[:1].upper() + what[1:])

    def action_record_response(self) -> None:
        from iep_tui.ui.case_actions import respond
        from iep_tui.ui.dialogs.escalation_forms import ResponseForm

        pane = self.escalation_pane
        step = pane.selected_step() if pane is not None else None
        if step is None:
            return
        store, case_id, today = self.store, self.case_id, self.today
        label = f"{step.kind} sent {step.sent.isoformat() if step.sent else '(draft)'}"
        saver = self.form_saver("record a response", lambda v: respond(store, case_id, step, v, today))
        self.push_form(ResponseForm(saver, today, label))

    def action_send_step(self) -> None:
        from iep_tui.services.escalation_service import send

        pane = self.escalation_pane
        step = pane.selected_step() if pane is not None else None
        if step is None or step.status != "draft":
            return
        store, case_id, today = self.store, self.case_id, self.today
        self.run_change(f"mark the {step.kind} sent", lambda: send(store, case_id, step.id, today, today, step.version))

    def action_close_step(self) -> None:
        from iep_tui.services.escalation_service import close, reopen

        pane = self.escalation_pane
        step = pane.selected_step() if pane is not None else None
        if step is None:
            return
        store, case_id, today = self.store, self.case_id, self.today
        if step.status == "closed":
            self.run_change(f"reopen the {step.kind}", lambda: reopen(store, case_id, step.id, today, step.version))
        else:
            self.run_change(f"close the {step.kind}", lambda: close(store, case_id, step.id, today, step.version))

    def action_add_meeting(self) -> None:
        from iep_tui.ui.case_actions import add_meeting
        from iep_tui.ui.dialogs.escalation_forms import MeetingForm

        store, case_id, today = self.store, self.case_id, self.today
        self.push_form(
            MeetingForm(self.form_saver("add a meeting", lambda v: add_meeting(store, case_id, v, today)), today)
        )

    def action_add_action(self) -> None:
        from iep_tui.ui.case_actions import add_action
        from iep_tui.ui.dialogs.escalation_forms import ActionForm

        pane = self.escalation_pane
        row = pane.selected_meeting_row() if pane is not None else None
        if row is None:
            return
        meeting = row[0]
        store, case_id, today = self.store, self.case_id, self.today
        saver = self.form_saver("add an action", lambda v: add_action(store, case_id, meeting, v, today))
        self.push_form(ActionForm(saver, today, f"{meeting.date.isoformat()} {meeting.purpose}"))

    def action_action_done(self) -> None:
        from iep_tui.ui.case_actions import complete_action

        pane = self.escalation_pane
        row = pane.selected_meeting_row() if pane is not None else None
        if row is None:
            return
        meeting, action = row
        if action is None:
            return
        store, case_id, today = self.store, self.case_id, self.today
        self.run_change("action done", lambda: complete_action(store, case_id, meeting, action.id, today))

    def action_recap_sent(self) -> None:
        from iep_tui.ui.case_actions import mark_recap_sent

        pane = self.escalation_pane
        row = pane.selected_meeting_row() if pane is not None else None
        if row is None or row[1] is not None:
            return
        meeting = row[0]
        store, case_id, today = self.store, self.case_id, self.today
        self.run_change("recap sent", lambda: mark_recap_sent(store, case_id, meeting, today))

    def action_filter_incidents(self) -> None:
        pane = self.incidents_pane
        if pane is not None:
            pane.focus_filter()

    # ---- edit, delete, undo

    def action_edit(self) -> None:
        from iep_tui.domain.models import EscalationStep, Incident, Meeting, Requirement, Session
        from iep_tui.ui import case_actions
        from iep_tui.ui.dialogs.escalation_forms import MeetingForm, StepForm
        from iep_tui.ui.dialogs.incident_form import IncidentForm
        from iep_tui.ui.dialogs.requirement_form import RequirementForm
        from iep_tui.ui.dialogs.session_forms import SessionForm

        record = self.selected_record()
        if record is None:
            return
        store, case_id, today = self.store, self.case_id, self.today
        if isinstance(record, Requirement):
            saver = self.form_saver(
                "edit the requirement", lambda v: case_actions.edit_requirement(store, case_id, record, v, today)
            )
            self.push_form(RequirementForm(saver, today, record))
        elif isinstance(record, Session):
            saver = self.form_saver(
                "edit the session", lambda v: case_actions.edit_session(store, case_id, record, v, today)
            )
            self.push_form(SessionForm(saver, today, self._requirement_choices(True), None, record))
        elif isinstance(record, Incident):
            saver = self.form_saver(
                "edit the incident", lambda v: case_actions.edit_incident(store, case_id, record, v, today)
            )
            self.push_form(
                IncidentForm(
                    saver,
                    today,
                    self._requirement_names(),
                    incident=record,
                    safety_ids=self._safety_requirement_ids(),
                    calendar=self.data.calendar if self.data is not None else None,
                )
            )
        elif isinstance(record, EscalationStep):
            saver = self.form_saver("edit the step", lambda v: case_actions.edit_step(store, case_id, record, v, today))
            self.push_form(StepForm(saver, today, self._incident_choices(), draft=record, editing=True))
        elif isinstance(record, Meeting):
            saver = self.form_saver(
                "edit the meeting", lambda v: case_actions.edit_meeting(store, case_id, record, v, today)
            )
            self.push_form(MeetingForm(saver, today, record))

    def action_delete(self) -> None:
        from iep_tui.ui.case_actions import delete_record
        from iep_tui.ui.dialogs.confirm_dialog import ConfirmDialog

        record = self.selected_record()
        if record is None:
            return
        kind = type(record).__name__
        what = describe_record(record)
        store, case_id = self.store, self.case_id

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_change(f"delete {what}", lambda: delete_record(store, case_id, record))

        self.app.push_screen(
            ConfirmDialog(f"Delete this {kind_word(kind)}?", f"{what}\n\nu undoes it right after."), answered
        )

    def action_undo(self) -> None:
        from iep_tui.ui.case_data import build_case_data
        from iep_tui.ui.undo import undo

        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        change = self.undo_stack[-1]
        store, case_id, today = self.store, self.case_id, self.today

        def work() -> tuple[Change, CaseData]:
            undo(store, change)
            return change, build_case_data(store, case_id, today)

        self.run_worker(work, thread=True, group="undo", exclusive=True, exit_on_error=False, name="undo")

    # ---- the case itself: details, contacts, archive, delete

    def action_case_details(
        self, focus: str | None = None, then: Callable[[], None] | None = None, toast: bool = True
    ) -> None:
        """The case details form (`focus`: the field to start on; `then`: run after it closes; `toast`: False
        when the dialog it returns to says it)."""
        from iep_tui.ui.case_actions import save_details
        from iep_tui.ui.dialogs.case_forms import CaseDetailsForm

        if self.data is None:
            return
        case = self.data.bundle.case
        store, case_id, today = self.store, self.case_id, self.today
        saver = self.form_saver("case details", lambda v: save_details(store, case_id, case, v, today))

        def closed(saved: Saved[Case] | None) -> None:
            self._saved(saved, toast)
            if then is not None:
                then()

        self.app.push_screen(CaseDetailsForm(saver, today, case, focus), closed)

    def action_contacts(
        self, role: str | None = None, then: Callable[[], None] | None = None, toast: bool = True
    ) -> None:
        """The contacts list (`role`: open the form for a contact the letters need; `then`: after closing;
        `toast`: False when the dialog it returns to says it)."""
        from iep_tui.services.cases import remove_contact
        from iep_tui.ui.case_actions import save_contact
        from iep_tui.ui.dialogs.contacts_screen import ContactsScreen

        store, case_id = self.store, self.case_id
        screen = ContactsScreen(
            load=lambda: store.load(case_id).case.contacts,
            save=lambda shown, values: self.tracked("contact", lambda: save_contact(store, case_id, shown, values)),
            remove=lambda shown: self.tracked(
                "remove a contact", lambda: remove_contact(store, case_id, shown.role, as_shown=shown)
            ),
            saved=partial(self._saved, toast=toast),
            today=self.today,
            open_role=role,
        )
        self.app.push_screen(screen, lambda _: then() if then is not None else None)

    def action_archive_case(self) -> None:
        from iep_tui.services.cases import set_archived
        from iep_tui.ui.dialogs.confirm_dialog import ConfirmDialog

        if self.data is None:
            return
        case = self.data.bundle.case
        store, case_id = self.store, self.case_id

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(
                    lambda: set_archived(store, case_id, not case.archived),
                    thread=True,
                    group="lifecycle",
                    exit_on_error=False,
                    name="archive",
                )

        verb = "Bring back" if case.archived else "Archive"
        detail = (
            "It returns to the caseload."
            if case.archived
            else "It is hidden from the caseload and kept on disk; ctrl+t on the caseload lists archived cases."
        )
        self.app.push_screen(
            ConfirmDialog(f"{verb} the case of {case.student}?", detail, yes=verb, danger=False), answered
        )

    def action_delete_case(self) -> None:
        from iep_tui.services.cases import delete_case
        from iep_tui.ui.dialogs.restore_dialog import restore_hint
        from iep_tui.ui.dialogs.typed_confirm_dialog import TypedConfirmDialog

        if self.data is None:
            return
        student = self.data.bundle.case.student
        store, case_id = self.store, self.case_id

        def typed(name: str | None) -> None:
            if name is not None:
                self.run_worker(
                    lambda: delete_case(store, case_id, name),
                    thread=True,
                    group="lifecycle",
                    exit_on_error=False,
                    name="delete",
                )

        self.app.push_screen(
            TypedConfirmDialog(
                f"Delete the case of {student}?",
                f"Every entry of this case leaves the workspace. Its file is kept as a backup "
                f"({restore_hint(self.app)}). Type the student's name to confirm:",
                student,
            ),
            typed,
        )

    def _lifecycle_done(self, result: Case | Path) -> None:
        """Archived, brought back (the case) or deleted (its backup's path): say so, and go to the caseload
        (which lists it, or not)."""
        if isinstance(result, Path):
            from iep_tui.ui.dialogs.restore_dialog import restore_hint

            self.notify(
                f"Deleted. Kept as a backup: {restore_hint(self.app)}.",
                title="Deleted",
                timeout=12,
                markup=False,
            )
        elif result.archived:
            self.notify(
                f"Archived {result.student}. ctrl+t on the caseload lists archived cases.",
                title="Archived",
                markup=False,
            )
        else:
            self.notify(f"{result.student} is back in the caseload.", title="Brought back", markup=False)
        self.app.case_id = None  # the caseload reads every row again
        self.app.show_caseload()

    # ---- exports and the calendar

    def letter_source(self, for_step: tuple[str, str] | None = None) -> ServiceLetters:
        from iep_tui.ui.letters import ServiceLetters

        if self.data is None:
            from iep_tui.errors import InputError

            raise InputError("The case is still loading.")
        store, case_id = self.store, self.case_id
        return ServiceLetters(
            self.data.bundle,
            self.store.workspace.exports,
            self.today,
            load=lambda: store.load(case_id),
            for_step=for_step,
        )

    def _selected_step_letter(self) -> tuple[str, str] | None:
        """(letter kind, step id) of the escalation step under the cursor of the Escalation tab's steps
        table, when a letter is written for it (the safety draft `!` makes: the safety notice), else None."""
        from iep_tui.ui.letters import step_letter_kind

        pane = self.escalation_pane
        if self.active_tab != "escalation" or pane is None or pane.meetings_table.has_focus or self.data is None:
            return None
        step = pane.selected_step()
        if step is None:
            return None
        kind = step_letter_kind(self.data.bundle, step, self.today)
        return None if kind is None else (kind, step.id)

    def action_export_letter(self, kind: str | None = None) -> None:
        """The letters; with a step selected on the Escalation tab, its letter, written for that step."""
        from iep_tui.ui.dialogs.export_dialog import ExportDialog
        from iep_tui.ui.letter_actions import CaseLetterActions

        for_step = self._selected_step_letter() if kind is None else None
        try:
            source = self.letter_source(for_step)
        except Exception as error:  # noqa: BLE001 - letters unavailable is a notice, not a crash
            self.app.report(error, what="Letters")
            return
        selected = for_step[0] if for_step is not None else kind
        self.app.push_screen(ExportDialog(source, selected, CaseLetterActions(self)))

    def action_import_school_log(self) -> None:
        from iep_tui.ui.dialogs.school_log_dialog import SchoolLogDialog, school_log_import

        if self.data is None:
            return
        waiting = any(s.kind == "records-request" and s.status == "sent" for s in self.data.bundle.escalations)
        importer = partial(school_log_import, self.store, self.case_id, self.today)
        self.push_form(
            SchoolLogDialog(
                self.form_saver("import the school log", importer(dry_run=False)),
                importer(dry_run=True),
                self.today,
                records_request_waiting=waiting,
            )
        )

    def action_count_days(self) -> None:
        from iep_tui.ui.dialogs.count_days_dialog import CountDaysDialog

        if self.data is None:
            return
        pane = self.calendar_pane
        start = pane.selected if pane is not None and self.active_tab == "calendar" else self.today

        async def counted(result: DayCount | None) -> None:
            if result is not None:
                self.action_show_tab("calendar")
                await self.ensure_pane("calendar")
                calendar = self.calendar_pane
                assert calendar is not None
                calendar.show_count(result)

        self.app.push_screen(
            CountDaysDialog(self.data.calendar, self.data.bundle.case.state, start, self.today), counted
        )

    def action_month(self, months: int) -> None:
        pane = self.calendar_pane
        if pane is not None:
            pane.shift_month(months)

    def action_calendar_today(self) -> None:
        pane = self.calendar_pane
        if pane is not None:
            pane.go_to(self.today)

    # ---- writes the CLI has (calendar import, ledger policy): the same services, as dialogs

    def action_import_calendar(self) -> None:
        """The district's school calendar (`iep-tui calendar import`): preview, then import; the case is recomputed."""
        from iep_tui.ui.dialogs.calendar_import_dialog import CalendarImportDialog, calendar_preview, calendar_save

        if self.data is None:
            return
        store, case_id = self.store, self.case_id
        saver = self.form_saver("import the district calendar", calendar_save(store, case_id))
        self.push_form(CalendarImportDialog(saver, calendar_preview(store, case_id), self.today))

    def action_ledger_policy(self) -> None:
        """How the ledger counts (`iep-tui policy`), prefilled; saved with the case version it was read at."""
        from iep_tui.ui.dialogs.policy_form import PolicyForm, save_policy

        if self.data is None:
            return
        bundle = self.data.bundle
        store, case_id = self.store, self.case_id
        saver = self.form_saver("ledger policy", lambda v: save_policy(store, case_id, bundle, v))
        self.push_form(PolicyForm(saver, self.today, bundle))


def kind_word(kind: str) -> str:
    return {"EscalationStep": "escalation step", "WeeklySnapshot": "weekly snapshot"}.get(kind, kind.lower())


def describe_record(record: Record) -> str:
    from iep_tui.domain.models import EscalationStep, Incident, Meeting, Requirement, Session

    if isinstance(record, Requirement):
        return f"requirement “{record.name}” (its sessions stay in the file)"
    if isinstance(record, Session):
        return f"session of {record.date.isoformat()} ({record.status}{', ' + record.reason if record.reason else ''})"
    if isinstance(record, Incident):
        return f"incident of {record.date.isoformat()}: {record.what[:60]}"
    if isinstance(record, EscalationStep):
        return f"{record.kind} {'sent ' + record.sent.isoformat() if record.sent else '(draft)'}"
    if isinstance(record, Meeting):
        return f"meeting of {record.date.isoformat()}"
    return f"{kind_word(type(record).__name__)} {record.id}"
