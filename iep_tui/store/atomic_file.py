"""Write a file so that a crash, a kill or a full disk never leaves it half-written.

The payload is complete in memory before the disk is touched; it goes to a temp
file in the same folder, is fsynced, and replaces the target with `os.replace`
(atomic on POSIX), then the folder is fsynced so the rename itself survives a
power cut. Any failure removes the temp file and leaves the target byte-identical.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from iep_tui.errors import DiskFullError, StoreError
from iep_tui.store.workspace import PRIVATE_FILE

TEMP_SUFFIX = ".tmp"


def temp_name(target: Path) -> Path:
    """A hidden sibling temp file: same folder, so os.replace never crosses filesystems."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(
    target: Path,
    payload: bytes,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace `target` with `payload` atomically, owner-only (0600).

    `before_replace` runs after the new content is safely on disk and before the
    swap (the store uses it to keep the previous version as a backup).
    """
    tmp = temp_name(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        try:
            os.fchmod(fd, PRIVATE_FILE)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as error:
        _discard(tmp)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(
                f"The disk is full: {target.name} was not saved and still holds its previous "
                "content. Free some space and try again."
            ) from error
        raise StoreError(f"Could not save {target}: {error.strerror or error}.") from error
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass
