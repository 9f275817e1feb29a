"""Letters, email text and the case binder: what the CLI and the TUI call.

    list_kinds()                                  the document kinds, in menu order
    case_view(bundle, today)                      the facts every document is built from
    build(bundle, kind, today)                    one document as a Letter (blocks)
    preview(bundle, kind, today, lines=12)        its first lines as email text
    email_text(bundle, kind, today)               the whole plain-text (email) version
    email_letter(bundle, kind, today)             the same, with the letter's warnings
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
from iep_tui.domain.models import CaseBundle, EscalationStep
from iep_tui.errors import InputError
from iep_tui.export.letter import Letter
from iep_tui.export.letters import KINDS, LetterKind, build_letter, get_kind
from iep_tui.export.sanitize import file_name
from iep_tui.services import output_file
from iep_tui.store.case_store import CaseStore
from iep_tui.store.workspace import Workspace


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


@dataclass(frozen=True)
class EmailText:
    """A letter's plain-text version and what the user should be told about it (the same warnings
    `write_letter` returns: a cc left out, a state with no rules file ...)."""

    text: str
    warnings: tuple[str, ...] = ()


def email_letter(bundle: CaseBundle, kind: str, today: date) -> EmailText:
    """The plain-text version with the letter's warnings."""
    from iep_tui.export.text_layout import render_text

    letter = build(bundle, kind, today)
    return EmailText(render_text(letter), letter.warnings)


def email_text(bundle: CaseBundle, kind: str, today: date) -> str:
    """The plain-text version: Subject/To/Cc lines, then the letter, then its exhibits."""
    return email_letter(bundle, kind, today).text


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
    force: bool = False,
) -> Written:
    """Write the .docx to `exports/` (or to `out`, a file or a folder) by `output_file`'s rules:
    a taken name gets a '-2', '-3' ... suffix unless `force` replaces a .docx there.
    Returns the absolute path written."""
    from iep_tui.export.docx_layout import render_docx

    name = get_kind(kind).name
    target = _Target(exports, out, default_name(bundle, name, today), output_file.DOCX)
    letter = build(bundle, name, today)
    return Written(target.write(render_docx(letter), force), letter.warnings)


def write_binder(
    bundle: CaseBundle, today: date, exports: Path, out: Path | None = None, force: bool = False
) -> Written:
    """Write the binder zip; documents the record cannot support yet are listed in `skipped`."""
    from iep_tui.export.binder import build_binder
    from iep_tui.services.cases import export_document

    target = _Target(exports, out, default_name(bundle, "binder", today, ".zip"), output_file.BINDER)
    binder = build_binder(case_view(bundle, today), export_document(bundle))
    return Written(target.write(binder.data, force), skipped=tuple(binder.skipped), files=tuple(binder.files))


class _Target:
    """Where a document goes, checked before it is built (never data/, never a link, never over a file).

    `exports` is a workspace's exports/ folder, so the workspace is its parent."""

    def __init__(self, exports: Path, out: Path | None, name: str, kind: output_file.OutputKind) -> None:
        self.kind = kind
        self.path, self.named = output_file.output_target(Workspace(Path(exports).parent), out, name, kind)

    def write(self, payload: bytes, force: bool) -> Path:
        return output_file.write_output(self.path, payload, self.kind, force=force, named=self.named)


# ---------------------------------------------------------------- by case id


def write_letter_for_case(store: CaseStore, case_id: str, kind: str, today: date, out: Path | None = None) -> Written:
    return write_letter(store.load(case_id), kind, today, store.workspace.exports, out)


def email_text_for_case(store: CaseStore, case_id: str, kind: str, today: date) -> str:
    return email_text(store.load(case_id), kind, today)


def write_binder_for_case(store: CaseStore, case_id: str, today: date, out: Path | None = None) -> Written:
    return write_binder(store.load(case_id), today, store.workspace.exports, out)


# ---------------------------------------------------------------- letters and steps: one flow
#
# A letter written for a recorded step (a draft, or a step sent today) takes that step's
# recipients and due date (`CaseView.letter_step`), so letter and tracker never disagree; its
# file name is recorded on the step (`letter_file`), and kept when the step is marked sent. A
# letter with no step can be recorded as a draft with the letter's own recipients and asks.


def letter_step_kind(kind: str) -> str | None:
    """The escalation step a letter of `kind` is recorded as (the safety notice is a compliance
    notice), or None for a document that is not a step (checklist, compensatory proposal ...)."""
    from iep_tui.domain.case_view import LETTER_STEP_KINDS
    from iep_tui.domain.vocabulary import STEP_KINDS

    name = get_kind(kind).name
    step_kind = LETTER_STEP_KINDS.get(name, name)
    return step_kind if step_kind in STEP_KINDS else None


def step_for_letter(bundle: CaseBundle, kind: str, today: date) -> EscalationStep | None:
    """The recorded step a letter of `kind` written today is for (a draft or sent today), if any."""
    view = case_view(bundle, today).letter_step(get_kind(kind).name)
    return None if view is None else view.step


def draft_for_letter(bundle: CaseBundle, kind: str, today: date) -> EscalationStep:
    """The draft step a letter of `kind` would be recorded as: its recipients and copies by role,
    its numbered asks, the failures it cites, and its reply clock (the safety notice: one school day)."""
    from iep_tui.domain.escalation_ladder import new_step
    from iep_tui.domain.safety import SAFETY_RESPONSE_SCHOOL_DAYS

    name = get_kind(kind).name
    step_kind = letter_step_kind(name)
    if step_kind is None:
        raise InputError(f"A {get_kind(name).title.lower()} is not an escalation step: there is no step to record.")
    view = case_view(bundle, today)
    letter = build_letter(name, view)
    cited = view.safety_failures() if name == "safety-notice" else view.examples()
    incident_ids = [e.entry.incident.id for e in cited if hasattr(e.entry, "incident")]
    session_ids = [e.entry.session.id for e in cited if hasattr(e.entry, "session")]
    if name == "pwn-request":
        from iep_tui.export import pwn_scope

        incident_ids = [e.incident.id for e in pwn_scope.pwn_actions(view)]
        session_ids = []
    asked = "; ".join(letter.asks) or letter.title
    safety = name == "safety-notice"
    return new_step(
        step_kind,
        sent=None,
        today=today,
        to_roles=letter.to_roles,
        cc_roles=letter.cc_roles,
        asked=asked[:2000],
        incident_ids=incident_ids,
        session_ids=session_ids,
        due_count=SAFETY_RESPONSE_SCHOOL_DAYS if safety else None,
        due_day_kind="school" if safety else None,
    )


def record_letter_draft(
    store: CaseStore, case_id: str, kind: str, today: date, letter_file: str = ""
) -> EscalationStep:
    """Record the letter as a draft step (`draft_for_letter`), with the file written for it."""
    draft = draft_for_letter(store.load(case_id), kind, today)
    if letter_file:
        draft = draft.model_copy(update={"letter_file": Path(letter_file).name})
    return store.add(case_id, draft)


def link_letter(
    store: CaseStore, case_id: str, step_id: str, letter_file: str, kind: str = "", today: date | None = None
) -> EscalationStep:
    """Record on a step the file of the letter written for it (its latest, when written again).

    Given the letter's `kind` and `today`, a step recorded without recipients or asks (`escalate
    KIND --draft` with no --to) takes the letter's own, the people and asks that actually went out,
    so the tracker never says "to: nobody" for a letter addressed to the case manager."""
    with store.transaction(case_id) as tx:
        bundle = tx.bundle()
        step = next((s for s in bundle.escalations if s.id == step_id), None)
        if step is None:
            raise InputError(f"No step {step_id} in this case.")
        update: dict[str, object] = {"letter_file": Path(letter_file).name}
        if kind and today is not None and (not step.to_roles or not step.asked):
            letter = draft_for_letter(bundle, kind, today)
            if not step.to_roles:
                update.update(to_roles=letter.to_roles, cc_roles=step.cc_roles or letter.cc_roles)
            if not step.asked:
                update["asked"] = letter.asked
        return tx.update(step.model_copy(update=update))
