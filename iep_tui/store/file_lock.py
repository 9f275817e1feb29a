"""An inter-process lock per case (flock on a lock file).

TinyDB has no locking of its own, and a second writer corrupts the file. Every
read-modify-write of a case holds this lock. After a second of waiting the user is
told who they are waiting for; after the timeout, a clear "case in use" error.

A waiter blocks in the kernel (a helper thread makes the wait time out) rather
than polling: the kernel wakes it the moment the lock is released, so a process
saving in a tight loop cannot starve a person waiting to save one entry.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from iep_tui.errors import CaseInUseError, StoreError
from iep_tui.store.workspace import PRIVATE_FILE, link_refused

WAIT_NOTICE_AFTER = 1.0
DEFAULT_TIMEOUT = 10.0


@dataclass
class _WaitState:
    """What the helper thread and the waiter share (read and written under their guard)."""

    abandoned: bool = False
    error: OSError | None = None


@contextmanager
def held_lock(
    lock_path: Path,
    what: str,
    on_wait: Callable[[str], None] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[None]:
    """Hold an exclusive flock on `lock_path` for the duration of the block."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, PRIVATE_FILE)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise link_refused(lock_path, "a lock file", "Remove it (iep-tui makes a new one) and try again.") from None
        raise StoreError(f"Cannot open the lock file {lock_path}: {error.strerror or error}.") from error
    try:
        os.fchmod(fd, PRIVATE_FILE)  # whatever the umask, even one that removes owner bits
    except OSError:
        pass  # not ours to change; the lock works regardless
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        _wait_for(fd, lock_path, what, on_wait, timeout)  # closes fd itself when it gives up
    except OSError as error:
        os.close(fd)
        raise StoreError(f"Cannot lock {lock_path}: {error.strerror or error}.") from error
    try:
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _wait_for(
    fd: int,
    lock_path: Path,
    what: str,
    on_wait: Callable[[str], None] | None,
    timeout: float,
) -> None:
    """Block until the lock is ours, telling the user after a second; give up at `timeout`.

    On giving up, the helper thread keeps the descriptor and releases the lock (and
    closes it) if the kernel grants it later.
    """
    started = time.monotonic()
    granted = threading.Event()
    guard = threading.Lock()
    state = _WaitState()

    def block() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as error:
            state.error = error
        with guard:
            if state.abandoned:
                if state.error is None:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
                return
            granted.set()

    threading.Thread(target=block, name=f"iep-tui lock {lock_path.name}", daemon=True).start()
    try:
        if not granted.wait(min(WAIT_NOTICE_AFTER, timeout)) and on_wait is not None and timeout > WAIT_NOTICE_AFTER:
            on_wait(f"waiting for {what}: another iep-tui is saving it ...")
        granted.wait(max(0.0, timeout - (time.monotonic() - started)))
    except BaseException:  # interrupted while waiting: leave nothing held
        _abandon(fd, granted, guard, state)
        raise
    if _abandon(fd, granted, guard, state, only_if_waiting=True):
        raise CaseInUseError(
            f"{what} is in use by another iep-tui window or command "
            f"(waited {timeout:g} s). Close it or try again in a moment."
        )
    error = state.error
    if error is not None:
        os.close(fd)
        raise StoreError(f"Cannot lock {lock_path}: {error.strerror or error}.") from error


def _abandon(
    fd: int, granted: threading.Event, guard: threading.Lock, state: _WaitState, only_if_waiting: bool = False
) -> bool:
    """Stop waiting. Returns True when the lock was not granted (the helper now owns fd)."""
    with guard:
        if not granted.is_set():
            state.abandoned = True
            return True
        if only_if_waiting:
            return False
        if state.error is None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        return False
