"""Every key of the TUI has a binding id, so users can remap it in a keymap file.

The file is `keymap.toml` in the per-user config folder (platformdirs'
`user_config_path("iep-tui")`, `~/.config/iep-tui/keymap.toml` on Linux):

    # binding id = key (or several keys, comma-separated)
    quick-log = "l"
    add-incident = "i,f6"
    undo = "ctrl+z"

or the same pairs under a `[keymap]` table. Unknown ids are reported and ignored;
a key Textual cannot bind over SSH (ctrl+h, ctrl+m, ctrl+i, ctrl/alt+enter) is
refused with a message, since it would arrive as backspace, enter or tab.
Applied with `App.set_keymap`, as posting does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType

KEYMAP_FILE = "keymap.toml"

UNSAFE_KEYS = frozenset({"ctrl+h", "ctrl+m", "ctrl+i", "ctrl+j", "ctrl+enter", "alt+enter"})
"""Keys a terminal over SSH delivers as other keys (backspace, enter, tab)."""


@dataclass(frozen=True)
class KeySpec:
    """One remappable action: its id, default key, footer label and palette title."""

    id: str
    key: str
    action: str
    label: str
    palette: str
    key_display: str | None = None
    show: bool = True

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.show,
            key_display=self.key_display,
            tooltip=self.palette,
            id=self.id,
        )


# ---------------------------------------------------------------- caseload

CASELOAD_KEYS: tuple[KeySpec, ...] = (
    KeySpec("open-case", "enter", "open_case", "open", "caseload: open the highlighted case"),
    KeySpec("new-case", "ctrl+n", "new_case", "new case", "caseload: create a new case"),
    KeySpec("sort-caseload", "ctrl+o", "cycle_sort", "sort", "caseload: sort by the next column"),
    KeySpec("reverse-sort", "ctrl+r", "reverse_sort", "reverse", "caseload: reverse the sort order"),
    KeySpec("clear-filter", "escape", "clear_filter", "clear", "caseload: clear the filter", show=False),
    KeySpec("reload-caseload", "f5", "reload", "reload", "caseload: reload every case", show=False),
    KeySpec("show-archived", "ctrl+t", "toggle_archived", "archived", "caseload: show or hide archived cases"),
    KeySpec(
        "archive-case", "f8", "archive_case", "archive", "case: archive it (hidden, kept) or bring it back", show=False
    ),
    KeySpec("delete-case", "f9", "delete_case", "delete case", "case: delete it (a backup is kept)", show=False),
    KeySpec(
        "restore-case", "f7", "restore_case", "restore", "caseload: restore a deleted case from its backup", show=False
    ),
)

# ---------------------------------------------------------------- case workspace (every tab)

CASE_KEYS: tuple[KeySpec, ...] = (
    KeySpec("tab-dashboard", "1", "show_tab('dashboard')", "Dashboard", "view: Dashboard", show=False),
    KeySpec("tab-checklist", "2", "show_tab('checklist')", "Checklist", "view: Checklist", show=False),
    KeySpec("tab-incidents", "3", "show_tab('incidents')", "Incidents", "view: Incidents", show=False),
    KeySpec("tab-escalation", "4", "show_tab('escalation')", "Escalation", "view: Escalation", show=False),
    KeySpec("tab-calendar", "5", "show_tab('calendar')", "Calendar", "view: Calendar", show=False),
    KeySpec("caseload", "escape", "caseload", "cases", "view: the caseload (all cases)", show=False),
    KeySpec(
        "urgent-notice",
        "exclamation_mark",
        "urgent_notice",
        "notice",
        "escalate: draft the same-day safety notice",
        key_display="!",
        show=False,
    ),
    KeySpec("quick-log", "l", "quick_log", "log", "log: a delivered or missed session today (quick)"),
    KeySpec("log-session", "s", "log_session", "session", "log: a session (delivered, partial, missed, make-up)"),
    KeySpec("add-requirement", "a", "add_requirement", "add", "add: a requirement to the checklist"),
    KeySpec("add-incident", "i", "add_incident", "incident", "log: an incident"),
    KeySpec("incident-other", "i", "add_incident_other_tabs", "incident", "log: an incident", show=False),
    KeySpec("add-step", "a", "add_step", "new step", "escalate: add an escalation step"),
    KeySpec("send-step", "s", "send_step", "mark sent", "escalate: mark the selected draft sent today"),
    KeySpec("record-response", "r", "record_response", "reply", "escalate: record the district's response"),
    KeySpec("close-step", "k", "close_step", "close", "escalate: close the selected step (or reopen it)"),
    KeySpec("add-meeting", "m", "add_meeting", "meeting", "add: a meeting"),
    KeySpec("add-action", "c", "add_action", "action", "add: an agreed action to the selected meeting"),
    KeySpec("action-done", "d", "action_done", "done", "escalate: mark the selected action done today"),
    KeySpec("recap-sent", "s", "recap_sent", "recap sent", "escalate: the selected meeting's recap went out today"),
    KeySpec("next-step", "n", "next_step", "next step", "escalate: draft the suggested next step"),
    KeySpec("log-week", "w", "log_week", "week", "log: this week's impact snapshot"),
    KeySpec("filter-incidents", "f", "filter_incidents", "filter", "view: filter incidents by requirement"),
    KeySpec("edit", "e", "edit", "edit", "edit: the selected entry"),
    KeySpec("delete", "delete", "delete", "delete", "delete: the selected entry", key_display="del"),
    KeySpec("undo", "u", "undo", "undo", "undo: the last change"),
    KeySpec("export-letter", "x", "export_letter", "letter", "export: a letter (preview, write, copy its email)"),
    KeySpec("import-school-log", "I", "import_school_log", "school log", "import: the district's service log"),
    KeySpec("import-calendar", "I", "import_calendar", "import", "import: the district's school calendar (ICS or CSV)"),
    KeySpec("count-days", "c", "count_days", "count days", "calendar: count school/business/calendar days"),
    KeySpec(
        "previous-month", "pageup,comma", "month(-1)", "prev month", "calendar: previous month", key_display="PgUp"
    ),
    KeySpec("next-month", "pagedown,full_stop", "month(1)", "next month", "calendar: next month", key_display="PgDn"),
    KeySpec("calendar-today", "t", "calendar_today", "today", "calendar: go to today", show=False),
    KeySpec("reload-case", "f5", "reload", "reload", "case: reload from disk", show=False),
    KeySpec("more-keys", "question_mark", "app.toggle_keys", "more", "keys: every key of this tab", key_display="?"),
    KeySpec("contacts", "p", "contacts", "contacts", "case: contacts (the people letters go to)", show=False),
    KeySpec(
        "case-details", "o", "case_details", "details", "case: details (school, IEP dates, birth date, ID)", show=False
    ),
    KeySpec(
        "ledger-policy", "P", "ledger_policy", "policy", "case: ledger policy (how minutes owed count)", show=False
    ),
    KeySpec("case-archive", "f8", "archive_case", "archive", "case: archive it (hidden, kept on disk)", show=False),
    KeySpec("case-delete", "f9", "delete_case", "delete case", "case: delete it (a backup is kept)", show=False),
)

KEY_ALIASES: dict[str, str] = {"incident-other": "add-incident"}
"""A binding that takes another's key. `i` logs an incident on every tab: in the footer of the tabs where
entry happens (add-incident), and, kept out of the footers of the Escalation and Calendar tabs (their own keys
fill them), as a key of every tab there (incident-other, listed by ? under "on every tab"). Remapping
add-incident remaps both."""

ALL_KEYS: tuple[KeySpec, ...] = CASELOAD_KEYS + CASE_KEYS
BINDING_IDS: frozenset[str] = frozenset(spec.id for spec in ALL_KEYS)


def keymap_template(current: Mapping[str, str] | None = None) -> str:
    """A keymap.toml listing every binding id with its key (the user's, else the default)."""
    current = current or {}
    lines = [
        '# iep-tui keymap: binding id = key (several keys: "l,f2"). Delete the lines you keep as they are.',
        "# Not allowed (they arrive as other keys over SSH): ctrl+h, ctrl+m, ctrl+i, ctrl+j, ctrl/alt+enter.",
        "[keymap]",
    ]
    for group, specs in (("caseload", CASELOAD_KEYS), ("a case", CASE_KEYS)):
        lines.append(f"# {group}")
        lines += [f'{s.id} = "{current.get(s.id, s.key)}"  # {s.palette}' for s in specs if s.id not in KEY_ALIASES]
    return "\n".join(lines) + "\n"


def spec(binding_id: str) -> KeySpec:
    return next(s for s in ALL_KEYS if s.id == binding_id)


def bindings(specs: tuple[KeySpec, ...]) -> list[BindingType]:
    return [s.binding() for s in specs]


# ---------------------------------------------------------------- the user's file


def keymap_path(config_dir: Path | None = None) -> Path:
    if config_dir is None:
        from platformdirs import user_config_path

        config_dir = user_config_path("iep-tui", appauthor=False)
    return config_dir / KEYMAP_FILE


def parse_keymap(text: str, source: str = KEYMAP_FILE) -> tuple[dict[str, str], list[str]]:
    """The keymap in `text`, and a message for each entry that was ignored."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return {}, [f"{source} is not valid TOML ({error}); using the default keys."]
    table = data.get("keymap", data)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    if not isinstance(table, dict):
        return {}, [f"{source}: [keymap] must be a table of binding id = key."]
    for binding_id, keys in table.items():
        if binding_id not in BINDING_IDS:
            problems.append(f"{source}: unknown binding id {binding_id!r} ignored.")
            continue
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f'{source}: {binding_id} needs a key such as "l" or "ctrl+n".')
            continue
        parts = [k.strip().lower() for k in keys.split(",") if k.strip()]
        unsafe = [k for k in parts if k in UNSAFE_KEYS]
        if unsafe:
            problems.append(
                f"{source}: {binding_id} = {keys!r} ignored: {', '.join(unsafe)} does not reach the app "
                "intact over SSH (it arrives as another key)."
            )
            continue
        keymap[binding_id] = ",".join(parts)
    for alias, original in KEY_ALIASES.items():
        if original in keymap and alias not in keymap:
            keymap[alias] = keymap[original]
    return keymap, problems


def load_keymap(config_dir: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The user's keymap (empty when there is no file) and messages about ignored entries."""
    path = keymap_path(config_dir)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return {}, [f"Could not read {path}: {error.strerror}; using the default keys."]
    return parse_keymap(text, str(path))
