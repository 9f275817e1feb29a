"""The command palette (ctrl+p): every action of the screen, case switching, letters, day counts.

Commands depend on context, as in posting: in a case, every action its keys offer
right now ("log: ...", "view: ...", "export: ..."); on the caseload, the caseload's
actions and the sorts; everywhere, "case: <student>" for each case of the
workspace and the 16-colour theme. Titles are prefixed by what they do. Textual's own
commands (Keys, Theme, Screenshot...) come last.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider

from iep_tui.ui.keymap import CASE_KEYS, CASELOAD_KEYS, KeySpec
from iep_tui.ui.keymap import spec as key_spec
from iep_tui.ui.workspace_app import WorkspaceApp

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

    from iep_tui.store.case_store import CaseSummary


class IepCommands(Provider):
    @property
    def workspace_app(self) -> WorkspaceApp:
        """The application, typed (the palette runs only in it)."""
        app = self.app
        assert isinstance(app, WorkspaceApp)
        return app

    async def startup(self) -> None:
        app = self.workspace_app
        self._cases: list[CaseSummary] = []
        self._letters: list[tuple[str, str]] = []
        try:
            self._cases = await asyncio.to_thread(app.store.summaries)
        except Exception:  # noqa: BLE001 - the palette still offers everything else
            self._cases = []
        try:
            from iep_tui.ui.letters import letter_kinds

            self._letters = await asyncio.to_thread(letter_kinds)
        except Exception:  # noqa: BLE001 - no letters: no export commands, everything else works
            self._letters = []

    def _key_label(self, spec: KeySpec) -> str:
        keymap = getattr(self.app, "_keymap", {}) or {}
        key = keymap.get(spec.id, spec.key).split(",")[0]
        return (
            spec.key_display
            if spec.id not in keymap and spec.key_display
            else self.app.get_key_display(_binding_for(key))
        )

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from iep_tui.ui.screens.case_screen import CaseScreen
        from iep_tui.ui.screens.caseload_screen import SORTS, CaseloadScreen

        screen = self.screen
        out: list[tuple[str, str, Callable[[], object]]] = []
        if isinstance(screen, CaseScreen):
            for spec in CASE_KEYS:
                _, name, params = parse(spec.action)
                if spec.id != "more-keys" and screen.check_action(name, params):
                    out.append((spec.palette, f"key {self._key_label(spec)}", partial(self._run, screen, spec.action)))
            if not screen.check_action("count_days", ()):
                out.append(
                    (
                        "calendar: count school/business/calendar days from today",
                        "the calendar tab: key c",
                        screen.action_count_days,
                    )
                )
            if not screen.check_action("import_calendar", ()):
                calendar_import = key_spec("import-calendar")
                out.append(
                    (
                        calendar_import.palette,
                        f"the calendar tab: key {self._key_label(calendar_import)}",
                        screen.action_import_calendar,
                    )
                )
            for kind, title in self._letters:
                out.append(
                    (
                        f"export: {title}",
                        "preview, write the .docx, copy the email text",
                        partial(screen.action_export_letter, kind),
                    )
                )
        elif isinstance(screen, CaseloadScreen):
            for spec in CASELOAD_KEYS:
                out.append((spec.palette, f"key {self._key_label(spec)}", partial(self._run, screen, spec.action)))
            for name, label in SORTS:
                out.append((f"caseload: sort by {label}", "", partial(screen.set_sort, name)))
        current = getattr(screen, "case_id", None)
        for case in self._cases:
            if case["id"] == current:
                continue
            where = ", ".join(str(x) for x in (case.get("school"), case.get("district")) if x)
            out.append(
                (
                    f"case: open {case.get('student', case['id'])}",
                    where or case["id"],
                    partial(self.workspace_app.open_case, case["id"]),
                )
            )
        out.append(
            (
                "theme: 16 colours (ansi-dark)",
                "for terminals without 256 colours, and NO_COLOR",
                self.workspace_app.use_plain_colours,
            )
        )
        out.append(("keys: show every key of this screen", "key ?", self.workspace_app.action_toggle_keys))
        out.append(
            ("keys: remap keys (binding ids for keymap.toml)", "a file you edit; read at start", self._show_keymap)
        )
        return out

    def _show_keymap(self) -> None:
        from iep_tui.ui.dialogs.export_dialog import TextScreen
        from iep_tui.ui.keymap import keymap_path, keymap_template

        app = self.workspace_app
        path = keymap_path(app.config_dir)
        text = keymap_template(app._keymap)
        app.push_screen(
            TextScreen(
                f"Keymap: {path}",
                text,
                "Copy the lines you change into that file, then "
                "restart iep-tui. Unknown ids and unsafe keys are reported at start.",
            )
        )

    async def _run(self, screen: Screen[None], action: str) -> None:
        await self.app.run_action(action, screen)

    def _textual_commands(self, discovered: bool) -> list[tuple[str, str, Callable[[], object]]]:
        """Textual's own commands (App.get_system_commands: Keys, Theme, Screenshot...), after the app's.

        The app names no SystemCommandsProvider in COMMANDS: this provider offers them itself,
        so the palette's order (discovery hits in the order they are yielded) is the app's first.
        """
        return [
            (title, help_text, callback)
            for title, help_text, callback, discover in self.app.get_system_commands(self.screen)
            if discover or not discovered
        ]

    async def discover(self) -> Hits:
        for title, help_text, callback in [*self._commands(), *self._textual_commands(discovered=True)]:
            yield DiscoveryHit(title, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in [*self._commands(), *self._textual_commands(discovered=False)]:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text or None)


def _binding_for(key: str) -> Binding:
    from textual.binding import Binding

    return Binding(key, "noop")
