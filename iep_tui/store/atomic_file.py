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


def is_temp_name(name: str) -> bool:
    """A temp file of `write_atomic` (left behind only by a killed save)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX) and name.count(".") >= 4


def temp_target(name: str) -> str:
    """The file a temp file was going to replace: `.abc.json.123.f00d.tmp` -> `abc.json`."""
    return name[1:].rsplit(".", 3)[0]


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise  # some filesystems cannot sync a folder; that is not a failed save
    finally:
        os.close(fd)


def write_atomic(
    target: Path,
    payload: bytes,
    before_replace: Callable[[], object] | None = None,  # its result is not used
    durable: bool = True,
) -> None:
    """Replace `target` with `payload` atomically, owner-only (0600).

    `before_replace` runs after the new content is safely on disk and before the
    swap (the store uses it to keep the previous version as a backup).
    `durable=False` skips the fsyncs: still never half-written, but after a power
    cut the previous version may come back. Only for caches such as the index.
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
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, target)
    except OSError as error:
        _discard(tmp)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(
                f"The disk is full: {target} was not saved and is unchanged. Free some space and try again."
            ) from error
        raise StoreError(f"Could not save {target}: {error.strerror or error}.") from error
    except BaseException:
        _discard(tmp)
        raise
    if not durable:
        return
    try:
        fsync_dir(target.parent)
    except OSError as error:
        raise StoreError(
            f"{target.name} was saved, but the disk reported an error while making it permanent "
            f"({error.strerror or error}); check the disk before relying on it."
        ) from error


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass
