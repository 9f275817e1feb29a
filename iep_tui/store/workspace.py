"""Where a workspace lives and how its folders are created (owner-only).

A workspace is a folder with `data/` (the store) and `exports/` (letters). It is
chosen by `--workspace`, else `IEP_TUI_WORKSPACE`, else a per-user default from
platformdirs. Folders are created 0700 and files 0600 whatever the umask: these are
children's records.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from iep_tui.errors import StoreError

ENV_VAR = "IEP_TUI_WORKSPACE"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def link_refused(path: Path, what: str, fix: str) -> StoreError:
    """The one sentence for a link where the workspace keeps a real folder or file."""
    return StoreError(f"{path} ({what}) is a symbolic link; iep-tui does not follow links inside a workspace. {fix}")


def refuse_link(path: Path, what: str) -> None:
    """A workspace's own folders and files must be real: a symbolic link there could send
    a chmod, a backup rotation or a letter somewhere else, so it is refused by name."""
    if path.is_symlink():
        raise link_refused(path, what, "Replace it with a real folder (move what it points to inside) and try again.")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} ({what}) is a file, not a folder; move it away and try again.")


def make_private_dir(path: Path) -> Path:
    """Create `path` (and parents we create) as 0700; tighten it if it already exists.

    A link in its place is refused (`refuse_link`): tightening would chmod its target."""
    refuse_link(path, "a folder iep-tui keeps")
    missing = []
    probe = path
    while not probe.exists() and not probe.is_symlink():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR)
    if path.is_dir() and _owned_by_me(path) and (path.stat().st_mode & 0o777) != PRIVATE_DIR:
        os.chmod(path, PRIVATE_DIR)
    return path


def _owned_by_me(path: Path) -> bool:
    try:
        return path.stat().st_uid == os.getuid()
    except OSError:
        return False


@dataclass(frozen=True)
class Workspace:
    """The folders of one workspace. Creating them is explicit (`ensure`), never at import."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def cases(self) -> Path:
        return self.data / "cases"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def locks(self) -> Path:
        return self.data / "locks"

    def case_file(self, case_id: str) -> Path:
        """Where a case's TinyDB file lives (one file per case, named by its id)."""
        return self.cases / f"{case_id}.json"

    @property
    def index(self) -> Path:
        return self.data / "index.json"

    def case_ids(self) -> list[str]:
        """The ids of the case files here, sorted (a directory listing: no case is read)."""
        try:
            names = os.listdir(self.cases)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(name[:-5] for name in names if name.endswith(".json") and not name.startswith("."))

    def ensure(self) -> Workspace:
        """Create the folders this workspace needs, owner-only; a link or a file in their place is refused."""
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"The workspace {self.root} is a file, not a folder; choose a folder with --workspace.")
        for folder, what in self.own_folders():
            refuse_link(folder, what)
        try:
            for folder in (self.cases, self.backups, self.locks, self.exports):
                make_private_dir(folder)
        except OSError as error:
            raise StoreError(
                f"Cannot create the workspace folders in {self.root}: {error.strerror or error}."
            ) from None
        return self

    def own_folders(self) -> tuple[tuple[Path, str], ...]:
        """The folders iep-tui creates and trusts, each with what it is for."""
        return (
            (self.data, "the data folder"),
            (self.cases, "the case files folder"),
            (self.backups, "the backups folder"),
            (self.locks, "the locks folder"),
            (self.exports, "the exports folder"),
        )


def default_root(demo: bool = False) -> Path:
    """The per-user workspace (or the separate demo workspace) from platformdirs."""
    from platformdirs import user_data_path

    base = user_data_path("iep-tui", appauthor=False)
    return base / ("demo" if demo else "workspace")


def resolve_workspace(explicit: str | os.PathLike[str] | None, demo: bool = False) -> Workspace:
    """--workspace wins, then IEP_TUI_WORKSPACE, then the per-user default."""
    if explicit:
        return Workspace(Path(explicit).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return Workspace(Path(env).expanduser().resolve())
    return Workspace(default_root(demo))
