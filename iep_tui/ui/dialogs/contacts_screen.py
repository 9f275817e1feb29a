"""The people letters go to, by role: list, add, edit and remove them (as `iep-tui contact` does).

Every change goes through the case screen's save (`tracked`: undo, the confirmation, the
case recomputed), and the list is read again after it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static
from textual.worker import Worker, WorkerState

from iep_tui.ui.dialogs.dialog_screen import DialogScreen
from iep_tui.ui.dialogs.form_dialog import FormDialog, Save, T, area, field_row, text_input
from iep_tui.ui.widgets.plain_table import PlainTable
from iep_tui.ui.widgets.table_cursor import key_at_cursor, move_to_key

if TYPE_CHECKING:
    from iep_tui.domain.models import Case, Contact
    from iep_tui.ui.case_actions import Values
    from iep_tui.ui.undo import Saved

ROLE_HINT = "parent, case-manager, principal, sped-director, teacher, slp, ot, ..."


class ContactForm(FormDialog[T]):
    """One contact: its role (what letters address) and how to reach them."""

    title_text = "Add a contact"

    def __init__(self, save: Save[T], today: date, contact: Contact | None = None, role: str = "") -> None:
        super().__init__(save, today, f"Edit the {contact.role} contact" if contact is not None else None)
        self.contact = contact
        self.role = contact.role if contact is not None else role

    def fields(self) -> ComposeResult:
        c = self.contact
        yield field_row("Role", text_input(self.role, "e.g. case-manager", id="role"), hint=ROLE_HINT)
        yield field_row("Name", text_input(c.name if c else "", "e.g. Ms. Ortiz", id="name"))
        yield field_row("Title", text_input(c.title if c else "", "e.g. Special Education Teacher", id="title"))
        yield field_row("Email", text_input(c.email if c else "", "e.g. ortiz@district.org", id="email"))
        yield field_row("Phone", text_input(c.phone if c else "", "", id="phone"))
        yield field_row("Address", area(c.address if c else "", id="address", placeholder="mailing address"))

    def first_field(self) -> Widget:
        """The name when the role is filled in (a contact a letter needs, or one being edited): the role is
        what the form is for, the name what the user came to type."""
        return self.query_one("#name") if self.role else super().first_field()

    def values(self) -> Values:
        return {key: self.text(f"#{key}") for key in ("role", "name", "title", "email", "phone", "address")}


class ContactsScreen(DialogScreen[None]):
    """The case's contacts; a add, e or Enter edit, del remove, Esc close."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "add", id="contacts-add"),
        Binding("e,enter", "edit", "edit", id="contacts-edit"),
        Binding("delete", "remove", "remove", id="contacts-remove", key_display="del"),
        Binding("escape", "close", "close", id="contacts-close"),
    ]

    def __init__(
        self,
        load: Callable[[], list[Contact]],
        save: Callable[[Contact | None, Values], Saved[Contact]],
        remove: Callable[[Contact], Saved[Case]],
        saved: Callable[[Saved[Contact | Case]], None],
        today: date,
        open_role: str | None = None,
    ) -> None:
        super().__init__()
        self._load, self._save, self._remove, self._saved = load, save, remove, saved
        self.today = today
        self.contacts: list[Contact] = []
        self.open_role = open_role
        """A role a letter needs: its form opens at once, and closing it closes the list (back to the letter)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog contacts"):
            yield Label("Contacts: the people letters go to, by role", classes="dialog-title")
            yield PlainTable(id="contacts", cursor_type="row", zebra_stripes=True)
            yield Static("", id="contacts-empty", classes="dialog-hint")
            yield Static("a add · e/enter edit · del remove · esc close", classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#contacts", DataTable)
        for label, width in (("Role", 18), ("Name", 18), ("Title", 16), ("Email", 24), ("Phone", 12)):
            table.add_column(label, key=label.lower(), width=width)
        table.focus()
        self.refill()

    def refill(self, select: str | None = None) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, group="contacts", exit_on_error=False)
        self._select = select

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group not in ("contacts", "remove"):
            return
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.app.report(event.worker.error, what="Contacts")
        if event.state != WorkerState.SUCCESS:
            return
        if event.worker.group == "remove":
            self._done(event.worker.result)
            return
        self.contacts = list(event.worker.result or ())
        table = self.query_one("#contacts", DataTable)
        keep = self._select or key_at_cursor(table)
        table.clear()
        for c in self.contacts:
            table.add_row(c.role, c.name, c.title, c.email, c.phone, key=c.role)
        move_to_key(table, keep)
        self.query_one("#contacts-empty", Static).update(
            "" if self.contacts else "No contacts yet: a adds one (letters need the parent and the people they go to)."
        )
        if self.open_role:
            role, self.open_role = self.open_role, None
            self._open_for(role)

    def _open_for(self, role: str) -> None:
        """The form for the contact of `role` (edit it if there is one, else add it); then back to the letter."""
        from iep_tui.domain.roles import same_role

        contact = next((c for c in self.contacts if same_role(c.role, role)), None)

        def closed(saved: Saved[Contact] | None) -> None:
            if saved is not None:
                self._saved(saved)
            self.dismiss(None)

        self.app.push_screen(
            ContactForm(lambda values: self._save(contact, values), self.today, contact, role=role), closed
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: the table takes Enter (it selects the row), so the screen's enter binding never
        sees it; the selection edits the contact, as the hint says."""
        event.stop()
        self.action_edit()

    def selected(self) -> Contact | None:
        role = key_at_cursor(self.query_one("#contacts", DataTable))
        return next((c for c in self.contacts if c.role == role), None)

    def _done(self, saved: Saved[Contact | Case] | None) -> None:
        """A save or removal finished: the case screen confirms it (and can undo it); the list is read again."""
        if saved is not None:
            self._saved(saved)
            self.refill(getattr(saved.result, "role", None))

    def action_add(self, role: str = "") -> None:
        self.app.push_screen(ContactForm(lambda values: self._save(None, values), self.today, role=role), self._done)

    def action_edit(self) -> None:
        contact = self.selected()
        if contact is None:
            self.action_add()
            return
        self.app.push_screen(ContactForm(lambda values: self._save(contact, values), self.today, contact), self._done)

    def action_remove(self) -> None:
        from iep_tui.ui.dialogs.confirm_dialog import ConfirmDialog

        contact = self.selected()
        if contact is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(lambda: self._remove(contact), thread=True, group="remove", exit_on_error=False)

        self.app.push_screen(
            ConfirmDialog(
                f"Remove the {contact.role} contact?",
                f"{contact.name or '(no name)'}\n\nu undoes it right after.",
                yes="Remove",
            ),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(None)
