"""Letters and the binder:

    iep-tui letters [--json]                                   the document kinds
    iep-tui letter KIND [--case CASE] [--out PATH] [--text]    write a .docx (path printed last)
    iep-tui binder [--case CASE] [--out FILE.zip]              the case binder (path printed last)

Documents go to the workspace's exports/ folder unless --out names a file or folder; an
existing file is never overwritten (a "-2" suffix is added) unless --force replaces one of the
same kind; nothing is written inside data/ or through a symbolic link. With --text the email
text is printed instead (and the .docx is written only when --out is given too).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from iep_tui.cli.context import CliContext, add_case_option, add_command, add_force_option


def register(sub: argparse._SubParsersAction) -> None:
    add_command(sub, "letters", run_letters, "list the letters and documents iep-tui can write", json_flag=True)

    letter = add_command(sub, "letter", run_letter, "write a letter or document as .docx; prints its path last")
    letter.add_argument("kind", metavar="KIND", help="document kind (see `iep-tui letters`), e.g. compliance-notice")
    add_case_option(letter)
    letter.add_argument("--out", metavar="PATH", help="file (.docx) or folder to write to (default: exports/)")
    letter.add_argument("--text", action="store_true", help="print the plain-text email version instead")
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
    from iep_tui.export.letters import get_kind
    from iep_tui.services import export_service

    kind = get_kind(args.kind).name
    _, bundle = ctx.load_case(args)
    out = Path(args.out) if args.out else None
    if args.text:
        text = export_service.email_text(bundle, kind, ctx.today)
        if out is not None:
            written = export_service.write_letter(bundle, kind, ctx.today, ctx.workspace.exports, out, args.force)
            ctx.say(f"Wrote {written.path}")
        ctx.emit(text.rstrip("\n"))
        return 0
    written = export_service.write_letter(bundle, kind, ctx.today, ctx.workspace.exports, out, args.force)
    for warning in written.warnings:
        ctx.say(f"note: {warning}")
    ctx.emit(str(written.path))
    return 0


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
