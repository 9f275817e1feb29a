"""Letters and the binder:

    iep-tui letters [--json]                                   the document kinds
    iep-tui letter KIND [--case CASE] [--out PATH] [--text]    write a .docx (path printed last)
    iep-tui binder [--case CASE] [--out FILE.zip]              the case binder (path printed last)

Documents go to the workspace's exports/ folder unless --out names a file or folder; an
existing file is never overwritten (a "-2" suffix is added) unless --force replaces one of the
same kind; nothing is written inside data/ or through a symbolic link. With --text the email
text is printed instead (and the .docx is written only when --out is given too).

A letter written for a recorded step (a draft, or one sent today) uses its recipients and
due date, and the file name is recorded on the step; with no step, --record-draft records
one as a draft. Missing facts are named all at once, each with the command that sets it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from iep_tui.cli.context import CliContext, Subcommands, add_case_option, add_command, add_force_option

if TYPE_CHECKING:
    from iep_tui.domain.models import CaseBundle


def register(sub: Subcommands) -> None:
    add_command(sub, "letters", run_letters, "list the letters and documents iep-tui can write", json_flag=True)

    letter = add_command(sub, "letter", run_letter, "write a letter or document as .docx; prints its path last")
    letter.add_argument("kind", metavar="KIND", help="document kind (see `iep-tui letters`), e.g. compliance-notice")
    add_case_option(letter)
    letter.add_argument("--out", metavar="PATH", help="file (.docx) or folder to write to (default: exports/)")
    letter.add_argument("--text", action="store_true", help="print the plain-text email version instead")
    letter.add_argument(
        "--record-draft",
        action="store_true",
        help="also record the letter as a draft escalation step when no step records it yet",
    )
    add_force_option(letter, ".docx")

    binder = add_command(sub, "binder", run_binder, "write the case binder (.zip); prints its path last")
    add_case_option(binder)
    binder.add_argument("--out", metavar="FILE.zip", help="file or folder to write to (default: exports/)")
    add_force_option(binder, ".zip")


def run_letters(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.export.letters import KINDS

    if ctx.json:
        ctx.emit_json([{"kind": k.name, "title": k.title, "summary": k.summary, "letter": k.is_letter} for k in KINDS])
        return 0
    width = max(len(k.name) for k in KINDS)
    for kind in KINDS:
        ctx.emit(f"{kind.name:<{width}}  {kind.summary}")
    return 0


def run_letter(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.domain.case_view import MissingFacts
    from iep_tui.errors import InputError
    from iep_tui.export.letters import get_kind
    from iep_tui.services import export_service

    kind = get_kind(args.kind).name
    case_id, bundle = ctx.load_case(args)
    out = Path(args.out) if args.out else None
    try:
        if args.text:
            # the same warnings as the .docx (a state with no rules file, a cc left out), on stderr
            emailed = export_service.email_letter(bundle, kind, ctx.today)
            for warning in emailed.warnings:
                ctx.say(f"note: {warning}")
            if out is not None:
                written = export_service.write_letter(bundle, kind, ctx.today, ctx.workspace.exports, out, args.force)
                ctx.say(f"Wrote {written.path}")
                _link_step(ctx, case_id, bundle, kind, written.path, args.record_draft)
            ctx.emit(emailed.text.rstrip("\n"))
            return 0
        written = export_service.write_letter(bundle, kind, ctx.today, ctx.workspace.exports, out, args.force)
    except MissingFacts as error:
        raise InputError(
            str(error).replace("case set CASE ", f"case set {case_id} ").replace(" CASE`", f" {case_id}`")
        ) from None
    for warning in written.warnings:
        ctx.say(f"note: {warning}")
    _link_step(ctx, case_id, bundle, kind, written.path, args.record_draft)
    ctx.emit(str(written.path))
    return 0


def _link_step(ctx: CliContext, case_id: str, bundle: CaseBundle, kind: str, path: Path, record: bool) -> None:
    """Record the letter's file on the step it was written for, or offer (with --record-draft,
    record) a draft step for it. Messages go to stderr; stdout keeps the path only."""
    from iep_tui.services import export_service

    step_kind = export_service.letter_step_kind(kind)
    if step_kind is None:
        return
    step = export_service.step_for_letter(bundle, kind, ctx.today)
    if step is not None:
        export_service.link_letter(ctx.store, case_id, step.id, str(path), kind, ctx.today)
        state = "draft" if step.sent is None else f"sent {step.sent.isoformat()}"
        ctx.say(f"Written for step {step.id} ({step_kind}, {state}), with its recipients and due date.")
        if step.sent is None:
            ctx.say(f"When it goes out: `iep-tui step send {step.id} --case {case_id}`.")
        return
    if record:
        draft = export_service.record_letter_draft(ctx.store, case_id, kind, ctx.today, str(path))
        ctx.say(
            f"Recorded draft step {draft.id} ({step_kind}); when it goes out: "
            f"`iep-tui step send {draft.id} --case {case_id}`."
        )
        return
    ctx.say(
        f"No escalation step records this letter yet: add --record-draft to record it as a draft "
        f"({step_kind}), then `iep-tui step send STEP` when it goes out."
    )


def run_binder(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services import export_service

    _, bundle = ctx.load_case(args)
    out = Path(args.out) if args.out else None
    written = export_service.write_binder(bundle, ctx.today, ctx.workspace.exports, out, args.force)
    for kind, why in written.skipped:
        ctx.say(f"note: {kind} left out: {why}")
    ctx.say(f"The binder holds {len(written.files)} files.")
    ctx.emit(str(written.path))
    return 0
