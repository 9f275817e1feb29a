"""Letters, email text and the case binder: what the CLI and the TUI call.

    list_kinds()                                  the document kinds, in menu order
    case_view(bundle, today)                      the facts every document is built from
    build(bundle, kind, today)                    one document as a Letter (blocks)
    preview(bundle, kind, today, lines=12)        its first lines as email text
    email_text(bundle, kind, today)               the whole plain-text (email) version
    write_letter(bundle, kind, today, exports)    the .docx in exports/ (or `out`); never overwrites
    write_binder(bundle, today, exports)          the zip of letters, checklist, timeline, CSV, JSON

Each takes a `CaseBundle` already loaded (the TUI has one in memory); the `*_case`
variants load it from a store by case id. A fact a document needs and the case
lacks raises InputError naming it (exit 2 on the command line; the TUI asks for it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from iep_tui.domain.case_view import CaseView, build_case_view
from iep_tui.domain.models import CaseBundle
from iep_tui.errors import InputError
from iep_tui.export.letter import Letter
from iep_tui.export.letters import KINDS, LetterKind, build_letter, get_kind
from iep_tui.export.sanitize import file_name, inside, write_new
from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import make_private_dir


@dataclass(frozen=True)
class Written:
    """A file written: where, and what the user should be told (a cc left out ...)."""

    path: Path
    warnings: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    files: tuple[str, ...] = ()


def list_kinds() -> tuple[LetterKind, ...]:
    """Every document kind: `.name` (the CLI's), `.title`, `.summary`, `.is_letter`."""
    return KINDS


def case_view(bundle: CaseBundle, today: date) -> CaseView:
    """The case view with the ledger over `iep-tui owed`'s default range (IEP start to today)."""
    return build_case_view(bundle, today)


def build(bundle: CaseBundle, kind: str, today: date) -> Letter:
    """One document, as blocks (render it with `email_text` or `write_letter`)."""
    return build_letter(get_kind(kind).name, case_view(bundle, today))


def email_text(bundle: CaseBundle, kind: str, today: date) -> str:
    """The plain-text version: Subject/To/Cc lines, then the letter, then its exhibits."""
    from iep_tui.export.text_layout import render_text

    return render_text(build(bundle, kind, today))


def preview(bundle: CaseBundle, kind: str, today: date, lines: int = 12) -> list[str]:
    """The first `lines` lines of the email text, for a preview pane."""
    return email_text(bundle, kind, today).splitlines()[:lines]


def default_name(bundle: CaseBundle, kind: str, today: date, suffix: str = ".docx") -> str:
    """'lena-marsh-compliance-notice-2026-11-28.docx': safe, whatever the student's name."""
    return file_name(bundle.case.student, kind, today.isoformat(), suffix=suffix)


def write_letter(
    bundle: CaseBundle,
    kind: str,
    today: date,
    exports: Path,
    out: Path | None = None,
) -> Written:
    """Write the .docx to `exports/` (or to `out`, a file or a folder). An existing file is
    never overwritten: a '-2', '-3' ... suffix is added. Returns the absolute path written."""
    from iep_tui.export.docx_layout import render_docx

    name = get_kind(kind).name
    letter = build(bundle, name, today)
    target = _target(exports, out, default_name(bundle, name, today), ".docx")
    path = write_new(target, render_docx(letter))
    return Written(path.resolve(), letter.warnings)


def write_binder(bundle: CaseBundle, today: date, exports: Path, out: Path | None = None) -> Written:
    """Write the binder zip; documents the record cannot support yet are listed in `skipped`."""
    from iep_tui.export.binder import build_binder
    from iep_tui.services.cases import export_document

    binder = build_binder(case_view(bundle, today), export_document(bundle))
    target = _target(exports, out, default_name(bundle, "binder", today, ".zip"), ".zip")
    path = write_new(target, binder.data)
    return Written(path.resolve(), skipped=tuple(binder.skipped), files=tuple(binder.files))


def _target(exports: Path, out: Path | None, name: str, suffix: str) -> Path:
    """Where to write: exports/NAME, or `out` (a folder gets NAME inside it)."""
    if out is None:
        make_private_dir(exports)
        return inside(exports, name)
    out = Path(out).expanduser()
    if out.is_dir():
        return inside(out, name)
    if not out.parent.is_dir():
        raise InputError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if out.suffix.lower() != suffix:
        raise InputError(f"{out} should end in {suffix}.")
    return out.resolve()


# ---------------------------------------------------------------- by case id


def write_letter_for_case(store: CaseStore, case_id: str, kind: str, today: date, out: Path | None = None) -> Written:
    return write_letter(store.load(case_id), kind, today, store.workspace.exports, out)


def email_text_for_case(store: CaseStore, case_id: str, kind: str, today: date) -> str:
    return email_text(store.load(case_id), kind, today)


def write_binder_for_case(store: CaseStore, case_id: str, today: date, out: Path | None = None) -> Written:
    return write_binder(store.load(case_id), today, store.workspace.exports, out)
