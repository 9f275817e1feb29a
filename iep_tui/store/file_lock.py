"""An inter-process lock per case (flock on a lock file).

TinyDB has no locking of its own, and a second writer corrupts the file. Every
read-modify-write of a case holds this lock. After a second of waiting the user is
told who they are waiting for; after the timeout, a clear "case in use" error.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from iep_tui.errors import CaseInUseError
from iep_tui.store.workspace import PRIVATE_FILE

WAIT_NOTICE_AFTER = 1.0
DEFAULT_TIMEOUT = 10.0


@contextmanager
def held_lock(
    lock_path: Path,
    what: str,
    on_wait: Callable[[str], None] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[None]:
    """Hold an exclusive flock on `lock_path` for the duration of the block."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        started = time.monotonic()
        told = False
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= timeout:
                    raise CaseInUseError(
                        f"{what} is in use by another iep-tui window or command "
                        f"(waited {timeout:.0f} s). Close it or try again in a moment."
                    ) from None
                if not told and waited >= WAIT_NOTICE_AFTER and on_wait is not None:
                    on_wait(f"waiting for {what}: another iep-tui is saving it ...")
                    told = True
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
