"""Case commands: `cases`, `case new|export|import|show`, `demo`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from iep_tui.cli.context import CliContext, Subcommands, add_case_option, add_command, add_force_option
from iep_tui.errors import InputError


def register(sub: Subcommands) -> None:
    listing = add_command(sub, "cases", run_cases, "list the cases in the workspace", json_flag=True)
    listing.add_argument("--all", action="store_true", help="archived cases too (marked as such)")

    case = sub.add_parser(
        "case", help="create, export or import a case", description="Create, export or import a case."
    )
    case_sub = case.add_subparsers(title="case commands", metavar="ACTION", required=True)

    new = add_command(case_sub, "new", run_case_new, "create a case; prints the new case id last")
    new.add_argument("--student", required=True, help="student's name or initials")
    new.add_argument("--state", required=True, help="two-letter state code, e.g. WA")
    new.add_argument("--district", default="")
    new.add_argument("--school", default="")
    new.add_argument("--grade", default="")
    new.add_argument("--address", default="", help="family's mailing address (for letters)")

    export = add_command(
        case_sub, "export", run_case_export, "print the whole case as versioned JSON (or write it with --out)"
    )
    export.add_argument("case", metavar="CASE", help="case id, id prefix, or part of the student's name")
    export.add_argument(
        "--out", metavar="FILE.json", help="write the JSON to this file or folder instead of printing it"
    )
    add_force_option(export, ".json")

    imp = add_command(case_sub, "import", run_case_import, "import a case exported as JSON ('-' reads stdin)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--as-copy", action="store_true", help="give the case a new id if its id already exists")

    setter = add_command(case_sub, "set", run_case_set, "change case details (only the options given)")
    setter.add_argument("case", metavar="CASE")
    for name in ("student", "school", "district", "state", "grade", "address", "notes"):
        setter.add_argument(f"--{name}")
    for name in ("iep-effective", "annual-review-due", "reevaluation-due"):
        setter.add_argument(f"--{name}", metavar="YYYY-MM-DD")
    setter.add_argument(
        "--dob", dest="date_of_birth", metavar="YYYY-MM-DD", help="student's date of birth (letters show it)"
    )
    setter.add_argument("--student-id", metavar="ID", help="the district's student ID (letters show it)")

    archive = add_command(
        case_sub,
        "archive",
        run_case_archive,
        "hide a case from the caseload and `cases` (kept on disk; --undo brings it back)",
    )
    archive.add_argument("case", metavar="CASE")
    archive.add_argument("--undo", action="store_true", help="bring an archived case back")

    delete = add_command(
        case_sub,
        "delete",
        run_case_delete,
        "delete a case (asks for the student's name; a backup is kept for `iep-tui restore`)",
    )
    delete.add_argument("case", metavar="CASE")
    delete.add_argument("--confirm", metavar="NAME", help="the student's name, typed in full (instead of the prompt)")

    contact = sub.add_parser(
        "contact", help="the people letters go to, by role", description="Add, list or remove contacts by role."
    )
    contact_sub = contact.add_subparsers(title="contact commands", metavar="ACTION", required=True)
    put = add_command(contact_sub, "set", run_contact_set, "add or update the contact for a role")
    put.add_argument("role", metavar="ROLE", help="e.g. parent, case-manager, principal, sped-director")
    for name in ("name", "title", "email", "phone", "address"):
        put.add_argument(f"--{name}")
    add_case_option(put)
    listing = add_command(contact_sub, "list", run_contact_list, "list contacts", json_flag=True)
    add_case_option(listing)
    remove = add_command(contact_sub, "remove", run_contact_remove, "remove the contact for a role")
    remove.add_argument("role", metavar="ROLE")
    add_case_option(remove)

    add_command(sub, "demo", run_demo, "add the demo case unless present; prints its id last")


def run_cases(ctx: CliContext, args: argparse.Namespace) -> int:
    if not ctx.workspace.root.exists():
        ctx.say(
            f"The workspace {ctx.workspace.root} does not exist (nothing was created). "
            "`iep-tui case new` or `iep-tui demo` creates it."
        )
        if ctx.json:
            ctx.emit_json([])
        return 0
    everything = ctx.store.summaries()
    summaries = everything if args.all else [s for s in everything if not s.get("archived")]
    if ctx.json:
        ctx.emit_json(summaries)
        return 0
    if not summaries:
        ctx.say(
            f"No cases in {ctx.workspace.root}. Add one with `iep-tui case new` or `iep-tui demo`."
            + (f" ({len(everything)} archived: `iep-tui cases --all`.)" if everything else "")
        )
        return 0
    for s in summaries:
        school = " / ".join(x for x in (s.get("school"), s.get("district")) if x)
        mark = "  (archived)" if s.get("archived") else ""
        ctx.emit(f"{s['id']}  {s.get('student', '')}  {s.get('state', '')}  {school}".rstrip() + mark)
    hidden = len(everything) - len(summaries)
    if hidden:
        ctx.say(f"{hidden} archived case{'s' if hidden != 1 else ''} not listed: `iep-tui cases --all`.")
    return 0


def run_case_archive(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.cases import set_archived

    case = set_archived(ctx.store, ctx.case_id(args), not args.undo)
    if args.undo:
        ctx.say(f"{case.student} is back in the caseload.")
    else:
        ctx.say(
            f"Archived {case.student}: hidden from the caseload, kept on disk "
            f"(`iep-tui case archive {case.id} --undo` brings it back)."
        )
    return 0


def run_case_delete(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.cases import delete_case

    case_id = ctx.case_id(args)
    typed = args.confirm
    if typed is None:
        from iep_tui.safe_text import printable

        student = printable(ctx.store.load(case_id).case.student)
        if not sys.stdin.isatty():
            raise InputError(f"To delete {student}'s case, confirm with --confirm \"{student}\" (the student's name).")
        typed = input(f"Delete the case of {student} ({case_id})? Type the student's name to confirm: ")
    kept = delete_case(ctx.store, case_id, typed)
    ctx.say(f"Deleted case {case_id}. Its file is kept as {kept}: `iep-tui restore {case_id}` brings it back.")
    return 0


def run_case_new(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.cases import create_case

    case = create_case(
        ctx.store,
        student=args.student,
        state=args.state,
        district=args.district,
        school=args.school,
        grade=args.grade,
        address=args.address,
    )
    ctx.say(f"Created case for {case.student} ({case.state}).")
    ctx.emit(case.id)
    return 0


def run_case_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.cases import export_document

    case_id, bundle = ctx.load_case(args)
    if args.out is None:
        ctx.emit_json(export_document(bundle))
        return 0
    from iep_tui.services import output_file

    kind = output_file.CASE_EXPORT
    target, named = output_file.output_target(ctx.workspace, args.out, f"{case_id}.json", kind)
    payload = json.dumps(export_document(bundle), ensure_ascii=False, indent=2).encode() + b"\n"
    ctx.emit(str(output_file.write_output(target, payload, kind, force=args.force, named=named)))
    return 0


def run_case_import(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.limits import CASE_FILE_BYTES_MAX, byte_size
    from iep_tui.services.cases import import_case, parse_import

    path = Path(args.file)
    source = "standard input" if args.file == "-" else str(path)
    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read(CASE_FILE_BYTES_MAX + 1)
        else:
            with open(path, "rb") as handle:  # no more than the limit is ever read
                raw = handle.read(CASE_FILE_BYTES_MAX + 1)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist.") from None
    except OSError as error:
        raise InputError(f"Cannot read {source}: {error.strerror or error}.") from None
    if len(raw) > CASE_FILE_BYTES_MAX:
        raise InputError(
            f"{source} is larger than {byte_size(CASE_FILE_BYTES_MAX)}, far more than a case export; "
            "nothing was imported."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{source} is not UTF-8 text ({error.reason} at byte {error.start}).") from None
    bundle = import_case(ctx.store, parse_import(text, source), as_copy=args.as_copy)
    ctx.say(
        f"Imported {bundle.case.student}: {len(bundle.requirements)} requirements, "
        f"{len(bundle.sessions)} sessions, {len(bundle.incidents)} incidents."
    )
    ctx.emit(bundle.case.id)
    return 0


def run_demo(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.demo import ensure_demo

    case_id, added = ensure_demo(ctx.store)
    ctx.say("Added the demo case." if added else "The demo case is already in this workspace.")
    ctx.emit(case_id)
    return 0


def run_case_set(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.cases import update_case_fields

    changes = {
        name.replace("-", "_"): getattr(args, name.replace("-", "_"))
        for name in (
            "student",
            "school",
            "district",
            "state",
            "grade",
            "address",
            "notes",
            "iep-effective",
            "annual-review-due",
            "reevaluation-due",
            "date-of-birth",
            "student-id",
        )
    }
    case = update_case_fields(ctx.store, ctx.case_id(args), **changes)
    ctx.say(f"Saved the details of {case.student}.")
    return 0


def run_contact_set(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.cases import set_contact

    saved = set_contact(
        ctx.store,
        ctx.case_id(args),
        args.role,
        name=args.name,
        title=args.title,
        email=args.email,
        phone=args.phone,
        address=args.address,
    )
    ctx.say(f"Saved {saved.role}: {saved.name or '(no name)'}.")
    return 0


def run_contact_list(ctx: CliContext, args: argparse.Namespace) -> int:
    _, bundle = ctx.load_case(args)
    case = bundle.case
    if ctx.json:
        ctx.emit_json([c.model_dump(mode="json") for c in case.contacts])
        return 0
    for c in case.contacts:
        ctx.emit("  ".join(x for x in (f"{c.role:<20}", c.name, c.title, c.email, c.phone) if x).rstrip())
    if not case.contacts:
        ctx.say("No contacts yet: add one with `iep-tui contact set ROLE --name NAME`.")
    return 0


def run_contact_remove(ctx: CliContext, args: argparse.Namespace) -> int:
    from iep_tui.services.cases import remove_contact

    remove_contact(ctx.store, ctx.case_id(args), args.role)
    ctx.say(f"Removed the {args.role} contact.")
    return 0
