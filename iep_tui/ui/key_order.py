"""Keys reach the interface one at a time, each after the one before it has finished what it started.

Why keys were lost. Textual forwards a key into the queue of the widget that has focus
*when the app reads the key*, and reads the next key at once. A key that opens a form
or moves the focus (tab, or enter in a form field) is handled a moment later, by which
time the keys typed behind it are already queued for the old target:

- typed right after `i` or `l`, they bubble back to the app once the form is on top,
  where no binding of the form matches them, and are dropped (the first characters of
  a new form), or they reach the form before it has focused its first field and are
  dropped there;
- typed after a tab or an enter inside a form, they land in the field being left (a
  burst lands in one field).

Over SSH a burst arrives in one read, so this happens at any typing speed.

The fix, at the root: the app holds keys (and pastes) in arrival order and hands the
next one over only when the last one has settled. After handing a key over, it sends a
marker message along the same path (to the focused widget, or the screen); the marker
bubbles back to the app behind the key and behind whatever the key's handlers posted on
the way (a form's Submitted, a tab's TabActivated, a focus change). A key has settled
when a marker has come back at least twice and the last round trip began and ended on
the same screen with the same widget focused, the screen on top is mounted, and it is
not loading (a screen says so with `holds_keys`). A marker that never comes back (its
widget was removed) holds nothing for longer than `GIVE_UP` seconds.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer

MIN_ROUNDS = 2
"""Two round trips: the second carries whatever the key's handlers posted during the first."""
MAX_ROUNDS = 12
GIVE_UP = 1.0
"""Seconds after which a key whose marker has not come back counts as settled."""
LOADING_WAIT = 8.0
"""Seconds keys are held while the screen on top says it is loading (then they go to it anyway)."""
RETRY = 0.03
"""Seconds between checks while the screen on top is loading."""


class KeySettled(Message):
    """The marker sent behind a key; it bubbles to the app."""

    def __init__(self, token: int) -> None:
        super().__init__()
        self.token = token


class KeyOrderedApp(App[int]):
    """An App that delivers keys and pastes in order, each once the previous one has settled."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # App's own arguments, passed on as given
        super().__init__(*args, **kwargs)
        self._held: deque[events.Event] = deque()
        self._settling = False
        self._token = 0
        self._rounds = 0
        self._since = 0.0
        self._loading_since: float | None = None
        self._round_start: tuple[object, object] = (None, None)
        self._watchdog: Timer | None = None

    @property
    def keys_pending(self) -> bool:
        """Keys are waiting, or the last one has not settled yet (tests wait on this)."""
        return bool(self._held) or self._settling

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if isinstance(event, events.Key) and self._is_app_priority(event.key):
                await super().on_event(event)  # ctrl+q quits even while a screen loads
                return
            self._held.append(event)
            if not self._settling:
                await self._deliver()
            elif time.monotonic() - self._since > GIVE_UP and not self._loading():
                await self._settled()
            elif self._watchdog is None:
                self._watchdog = self.set_timer(GIVE_UP, self._give_up)
            return
        await super().on_event(event)

    def _is_app_priority(self, key: str) -> bool:
        return any(b.priority for b in self._bindings.key_to_bindings.get(key, ()))

    def _loading(self) -> bool:
        """The screen on top is still loading what the keys act on (for at most LOADING_WAIT)."""
        if not getattr(self.screen, "holds_keys", False):
            self._loading_since = None
            return False
        now = time.monotonic()
        if self._loading_since is None:
            self._loading_since = now
        return now - self._loading_since < LOADING_WAIT

    async def _deliver(self) -> None:
        """Hand over the next held event as Textual would (priority bindings, then the focused widget)."""
        if self._settling or not self._held:
            return
        self._settling = True
        self._rounds = 0
        self._since = time.monotonic()
        if self._loading():
            self.set_timer(RETRY, self._retry)
            return
        event = self._held.popleft()
        await super().on_event(event)
        self._send_marker()

    def _send_marker(self) -> None:
        self._token += 1
        self._rounds += 1
        screen = self.screen
        self._round_start = (screen, screen.focused)
        target = screen.focused or screen
        if not target.post_message(KeySettled(self._token)):
            self.call_later(self._settled)  # a closing widget: nothing to wait for

    async def on_key_settled(self, message: KeySettled) -> None:
        message.stop()
        if message.token != self._token or not self._settling:
            return
        screen = self.screen
        moved = (screen, screen.focused) != self._round_start
        if self._rounds < MAX_ROUNDS and (self._rounds < MIN_ROUNDS or moved or not screen.is_mounted):
            self._send_marker()
            return
        await self._settled()

    async def _retry(self) -> None:
        """While the screen loads: check again (the keys stay held)."""
        if not self._settling:
            return
        if self._loading():
            self.set_timer(RETRY, self._retry)
            return
        await self._settled()

    async def _give_up(self) -> None:
        self._watchdog = None
        if self._settling and time.monotonic() - self._since >= GIVE_UP and not self._loading():
            await self._settled()
        elif self._held:
            self._watchdog = self.set_timer(GIVE_UP, self._give_up)

    async def _settled(self) -> None:
        self._settling = False
        self._token += 1  # a late marker of the last key is ignored
        if not self._held and self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        await self._deliver()
