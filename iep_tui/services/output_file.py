"""Writing a file the user asked for (a letter, the binder, deadlines .ics, a case export)
so that it can never harm another file.

The rules (DESIGN.md, "Outputs the user names"):

- never inside the workspace's `data/` folder: only the store writes there;
- never through a symbolic link: the folder is opened once and every step is taken
  relative to it on the name itself (`O_NOFOLLOW`, `link`, `rename`, `lstat`), so a
  link planted at the name is refused, not written through;
- never over an existing file: a taken name gets "-2", "-3" ...; with `force` the
  name is replaced, but only when it holds a file of the same kind (a .ics over a
  .ics), never a case file, a note or anything else;
- the bytes go to a hidden temp file in the same folder, are fsynced, and only then
  appear under the final name (a hard link, which fails rather than replace, or a
  rename with `force`): a kill or a full disk never leaves a 0-byte or partial file
  under the name the user will open.

Errors are one sentence: InputError (exit 2) for a path the user can change,
StoreError (exit 1) for the environment (a read-only or full disk, a planted link in
the workspace's own exports/ folder).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from iep_tui.errors import DiskFullError, IepError, InputError, StoreError
from iep_tui.store.atomic_file import fsync_dir, temp_name
from iep_tui.store.workspace import PRIVATE_FILE, Workspace, make_private_dir, refuse_link

MAX_NUMBERED = 1000
"""'-2' ... '-1000': past that the folder is full of copies and something is wrong."""
HEAD_BYTES = 4096


@dataclass(frozen=True)
class OutputKind:
    """What a file is, so `--force` replaces only one of the same kind."""

    noun: str
    suffix: str
    recognize: Callable[[bytes], bool]
    """True when the first bytes of an existing file are this kind's."""


def _docx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"[Content_Types].xml" in head


def _zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _ics(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR")


def _case_export(head: bytes) -> bool:
    start = head.lstrip()
    return start.startswith(b"{") and b'"iep-tui-case"' in start[:200] and b'"_meta"' not in start[:200]


DOCX = OutputKind("Word document", ".docx", _docx)
BINDER = OutputKind("zip archive", ".zip", _zip)
ICS = OutputKind("calendar (.ics) file", ".ics", _ics)
CASE_EXPORT = OutputKind("iep-tui case export", ".json", _case_export)


def output_target(
    workspace: Workspace,
    out: str | os.PathLike[str] | None,
    default_name: str,
    kind: OutputKind,
) -> tuple[Path, bool]:
    """Where to write, and whether the user named it: exports/NAME, `out`, or NAME inside folder `out`.

    Refuses, before anything is written, a path inside `data/`, a missing folder and
    a file name without the kind's suffix.
    """
    if out is None:
        exports = workspace.exports
        refuse_link(exports, "the exports folder")
        make_private_dir(exports)
        return exports.resolve() / default_name, False
    if not str(out).strip():
        raise InputError("--out is empty: name a file or a folder to write to.")
    path = Path(out).expanduser()
    if path.is_dir():  # a folder the user named may be reached through a link; a file name never
        folder, name = path, default_name
    else:
        folder, name = path.parent, path.name
        if not folder.is_dir():
            raise InputError(f"Cannot write {path}: the folder {folder} does not exist.")
        if not name.lower().endswith(kind.suffix):
            raise InputError(f"{path} should end in {kind.suffix} (it will be a {kind.noun}).")
    folder = folder.resolve()
    data = workspace.data.resolve()
    if folder == data or data in folder.parents:
        raise InputError(
            f"Cannot write {folder / name}: it is inside the workspace's data folder ({data}), "
            "where only iep-tui's own case files live. Choose another place."
        )
    return folder / name, True


def write_output(target: Path, payload: bytes, kind: OutputKind, *, force: bool = False, named: bool = True) -> Path:
    """Write `payload` at `target` (or a numbered sibling if taken); returns the path written.

    `named` says the user typed the path (its problems are InputError, exit 2); the
    default exports/ location's problems are the environment's (StoreError, exit 1).
    """
    refused = InputError if named else StoreError
    folder, name = target.parent, target.name
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise _os_error(error, folder) from None
    tmp = temp_name(target).name
    try:
        _write_temp(dir_fd, tmp, payload, folder)
        written = _publish(dir_fd, tmp, folder, name, kind, force, refused)
        try:
            fsync_dir(folder)
        except OSError:
            pass  # written and renamed; only the folder's own sync is unsupported here
        return written
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        raise
    finally:
        os.close(dir_fd)


def _write_temp(dir_fd: int, tmp: str, payload: bytes, folder: Path) -> None:
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE, dir_fd=dir_fd)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR) and _still_there(dir_fd):
            # The folder was opened and is still linked, yet a new name in it "does not exist":
            # a system folder such as /proc/self or /sys, whose entries are made by the kernel.
            raise StoreError(
                f"Cannot write in {folder}: it is not a normal folder, and files cannot be created in it. "
                "Choose another folder."
            ) from None
        raise _os_error(error, folder) from None
    try:
        os.fchmod(fd, PRIVATE_FILE)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as error:
        raise _os_error(error, folder) from None
    finally:
        os.close(fd)


def _publish(
    dir_fd: int, tmp: str, folder: Path, name: str, kind: OutputKind, force: bool, refused: type[IepError]
) -> Path:
    """Give the finished temp file its final name: the first free of NAME, NAME-2, ..."""
    stem, ext = _split(name)
    for number in range(1, MAX_NUMBERED + 1):
        candidate = name if number == 1 else f"{stem}-{number}{ext}"
        existing = _lstat(dir_fd, candidate)
        if existing is not None:
            if stat.S_ISLNK(existing.st_mode):
                raise refused(
                    f"{folder / candidate} is a symbolic link; iep-tui never writes through a link. "
                    "Remove it or choose another name."
                )
            if force and number == 1:
                _check_same_kind(dir_fd, folder / candidate, candidate, existing, kind, refused)
                try:
                    os.replace(tmp, candidate, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
                except OSError as error:
                    raise _os_error(error, folder) from None
                return folder / candidate
            continue
        try:
            os.link(tmp, candidate, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
        except FileExistsError:
            continue  # taken a moment ago by another export: the next number
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
                raise _os_error(error, folder) from None
            # no hard links here (some network and FAT filesystems): rename, checked just before
            if _lstat(dir_fd, candidate) is not None:
                continue
            try:
                os.rename(tmp, candidate, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            except OSError as rename_error:
                raise _os_error(rename_error, folder) from None
            return folder / candidate
        os.unlink(tmp, dir_fd=dir_fd)
        return folder / candidate
    raise refused(f"{folder / name} and {MAX_NUMBERED - 1} numbered copies exist already; choose another name.")


def _check_same_kind(
    dir_fd: int, path: Path, name: str, existing: os.stat_result, kind: OutputKind, refused: type[IepError]
) -> None:
    if not stat.S_ISREG(existing.st_mode):
        raise refused(f"{path} is not a file; --force replaces only a {kind.noun}.")
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dir_fd)
        try:
            head = os.read(fd, HEAD_BYTES)
        finally:
            os.close(fd)
    except OSError as error:
        raise _os_error(error, path.parent) from None
    if not kind.recognize(head):
        raise refused(f"{path} is not a {kind.noun}, so --force does not replace it; choose another name.")


def _still_there(dir_fd: int) -> bool:
    """The open folder has not been removed meanwhile (a removed folder has no links left)."""
    try:
        return os.fstat(dir_fd).st_nlink > 0
    except OSError:
        return False


def _lstat(dir_fd: int, name: str) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, "." + ext) if dot and stem else (name, "")


def _os_error(error: OSError, folder: Path) -> IepError:
    """An OS failure as one sentence: nothing was written under the final name."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"The disk is full: nothing was written in {folder}. Free some space and try again.")
    if error.errno in (errno.EACCES, errno.EPERM):
        return StoreError(f"Cannot write in {folder}: permission denied. Choose a folder you can write to.")
    if error.errno == errno.EROFS:
        return StoreError(f"Cannot write in {folder}: it is on a read-only disk.")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputError(f"Cannot write in {folder}: no such folder.")
    return StoreError(f"Cannot write in {folder}: {error.strerror or error}.")
