"""Case-level use cases: find a case by what the user typed, create, export, import."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from iep_tui.domain.models import RECORD_TABLES, SCHEMA_VERSION, Case, CaseBundle, Contact, Record, new_id
from iep_tui.domain.validation import explain
from iep_tui.errors import AmbiguousError, ConflictError, InputError, NewerSchemaError, NotFoundError
from iep_tui.store.case_store import CaseStore, CaseSummary


def resolve_case(store: CaseStore, text: str | None) -> str:
    """A case id from an id, a unique id prefix, or a unique part of the student's name.

    With nothing typed, the workspace's only case is meant; with several, the user is
    asked to name one.
    """
    summaries = store.summaries()
    if not summaries and not store.workspace.root.exists():
        raise NotFoundError(
            f"The workspace {store.workspace.root} does not exist (nothing was created): check the path, or "
            "add a case there with `iep-tui case new --student NAME --state XX` (which creates it)."
        )
    if not summaries:
        raise NotFoundError(
            f"The workspace {store.workspace.root} has no cases yet: add one with "
            "`iep-tui case new --student NAME --state XX` or try `iep-tui demo`."
        )
    if not text:
        if len(summaries) == 1:
            return summaries[0]["id"]
        raise AmbiguousError("This workspace has several cases: name one with --case " + _listing(summaries))
    wanted = text.strip().lower()
    exact = [s for s in summaries if s["id"] == wanted]
    if exact:
        return exact[0]["id"]
    by_prefix = [s for s in summaries if s["id"].startswith(wanted)]
    if len(by_prefix) == 1:
        return by_prefix[0]["id"]
    by_name = [s for s in summaries if wanted in str(s.get("student", "")).lower()]
    matches = by_prefix or by_name
    if len(matches) == 1:
        return matches[0]["id"]
    if not matches:
        raise NotFoundError(f"No case matches {text!r}. Cases: " + _listing(summaries))
    raise AmbiguousError(f"{text!r} matches several cases: " + _listing(matches))


def _listing(summaries: Sequence[CaseSummary]) -> str:
    return "; ".join(f"{s['id']} ({s.get('student', '')})" for s in summaries[:10])


def create_case(store: CaseStore, **fields: Any) -> Case:
    """Validate and store a new case; a bad field is one clear sentence."""
    try:
        case = Case(**fields)
    except ValidationError as error:
        raise InputError(explain(error)) from None
    return store.create(CaseBundle(case=case)).case


def export_document(bundle: CaseBundle) -> dict[str, Any]:
    """The interchange format: the whole case as versioned JSON (see README)."""
    return bundle.model_dump(mode="json")


def parse_import(text: str, source: str) -> CaseBundle:
    """Validate a whole exported case before anything is written.

    Stricter than JSON itself: a key twice in one object (which value would count?),
    NaN or Infinity, nesting deeper than the stack, and a schema_version that is not a
    whole number from 1 are refused in one sentence.
    """
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InputError(f"{source} is not JSON (line {error.lineno}, column {error.colno}: {error.msg}).") from None
    except ValueError as error:
        raise InputError(f"{source}: {error}.") from None
    except RecursionError:
        raise InputError(f"{source} is nested too deeply to be an iep-tui case export.") from None
    if not isinstance(data, dict) or data.get("format") != "iep-tui-case":
        raise InputError(f'{source} is not an iep-tui case export (it has no "format": "iep-tui-case").')
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            f"{source}: schema_version is {json.dumps(version)}; an iep-tui export has a whole number from 1 "
            f"to {SCHEMA_VERSION} there."
        )
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{source} was exported by a newer iep-tui (schema {version}; this one reads up to {SCHEMA_VERSION})."
        )
    try:
        bundle = CaseBundle.model_validate(data)
    except ValidationError as error:
        raise InputError(f"{source}: {explain(error)}") from None
    _check_references(bundle, source)
    return bundle


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise ValueError(f"the key {twice!r} appears twice in one object; an iep-tui export never repeats a key")
    return dict(pairs)


def _no_constant(token: str) -> Any:
    raise ValueError(f"{token} is not a number an iep-tui export holds")


def _check_references(bundle: CaseBundle, source: str) -> None:
    from iep_tui.store.case_check import broken_references

    broken = broken_references(
        requirements=bundle.requirements,
        sessions=bundle.sessions,
        incidents=bundle.incidents,
        escalations=bundle.escalations,
    )
    lists: dict[str, list[Record]] = {name: getattr(bundle, name) for name in RECORD_TABLES.values()}
    if broken:
        more = f" ({len(broken) - 1} more)" if len(broken) > 1 else ""
        raise InputError(f"{source}: {broken[0]}{more}")
    for name, records in lists.items():
        ids = [r.id for r in records]
        if len(ids) != len(set(ids)):
            raise InputError(f"{source}: two {name} share an id.")


def import_case(store: CaseStore, bundle: CaseBundle, as_copy: bool = False) -> CaseBundle:
    """Store an imported case; an existing id is refused unless `as_copy` renames it.

    Every record keeps its version and updated time (only a copy's case id is new)."""
    if store.exists(bundle.case.id):
        if not as_copy:
            raise InputError(
                f"A case with id {bundle.case.id} ({bundle.case.student}) already exists in this workspace; "
                "use --as-copy to import it under a new id."
            )
        bundle = bundle.model_copy(update={"case": bundle.case.model_copy(update={"id": new_id()})})
    return store.create(bundle, keep_stamps=True)


CASE_FIELDS_SETTABLE = (
    "student",
    "school",
    "district",
    "state",
    "grade",
    "address",
    "iep_effective",
    "annual_review_due",
    "reevaluation_due",
    "notes",
    "date_of_birth",
    "student_id",
)


def update_case_fields(store: CaseStore, case_id: str, **changes: Any) -> Case:
    """Change case details (validated as a whole); None values are left alone."""
    changes = {k: v for k, v in changes.items() if v is not None}
    unknown = set(changes) - set(CASE_FIELDS_SETTABLE)
    if unknown:
        raise InputError(f"Cannot set {', '.join(sorted(unknown))}; settable: {', '.join(CASE_FIELDS_SETTABLE)}.")
    with store.transaction(case_id) as tx:
        case = tx.case()
        try:
            updated = Case.model_validate({**case.model_dump(), **changes})
        except ValidationError as error:
            raise InputError(explain(error)) from None
        return tx.put_case(updated)


def set_contact(store: CaseStore, case_id: str, role: str, **fields: Any) -> Contact:
    """Add the contact for a role, or update the one already there (one contact per role);
    returns the contact as saved. An email is checked loosely (`text.email_problem`)."""
    from iep_tui.domain.text import email_problem, normalize_role

    wanted = normalize_role(role)
    problem = email_problem(fields.get("email") or "")
    if problem:
        raise InputError(problem + ".")
    with store.transaction(case_id) as tx:
        case = tx.case()
        contacts = list(case.contacts)
        index = next((i for i, c in enumerate(contacts) if c.role == wanted), None)
        base = contacts[index].model_dump() if index is not None else {}
        given = {k: v for k, v in fields.items() if v is not None}
        try:
            contact = Contact.model_validate({**base, **given, "role": role})
        except ValidationError as error:
            raise InputError(explain(error)) from None
        if index is None:
            contacts.append(contact)
        else:
            contacts[index] = contact
        tx.put_case(case.model_copy(update={"contacts": contacts}))
        return contact


def remove_contact(store: CaseStore, case_id: str, role: str, as_shown: Contact | None = None) -> Case:
    """Remove the contact for `role`. `as_shown` is the contact as a screen showed it: if it
    changed elsewhere since, nothing is removed (a conflict)."""
    from iep_tui.domain.text import normalize_role

    wanted = normalize_role(role)
    with store.transaction(case_id) as tx:
        case = tx.case()
        kept = [c for c in case.contacts if c.role != wanted]
        if len(kept) == len(case.contacts):
            roles = ", ".join(c.role for c in case.contacts) or "none"
            raise NotFoundError(f"No contact with role {wanted}; roles on file: {roles}.")
        _contact_as_shown(case, wanted, as_shown)
        return tx.put_case(case.model_copy(update={"contacts": kept}))


def _contact_as_shown(case: Case, role: str | None, as_shown: Contact | None) -> None:
    """A contact has no version of its own (it is part of the case): an edit made on a form is
    checked against the contact as the form showed it, so a change saved elsewhere meanwhile
    (another window, the CLI) is refused, never overwritten."""
    if as_shown is None:
        return
    current = next((c for c in case.contacts if c.role == role), None)
    if current != as_shown:
        raise ConflictError(
            f"Not saved: the {as_shown.role} contact changed elsewhere since you opened it. "
            "Close the form, look at the other change, then make yours again."
        )


# ---------------------------------------------------------------- details, lifecycle


CASE_DETAILS = (
    "student",
    "school",
    "district",
    "state",
    "grade",
    "address",
    "iep_effective",
    "annual_review_due",
    "reevaluation_due",
    "date_of_birth",
    "student_id",
)
"""What the case details form shows and saves, every field at once (a blank one is cleared)."""


def save_case_details(store: CaseStore, case_id: str, details: dict[str, Any], read_at: int | None = None) -> Case:
    """Save the case details form: every field of CASE_DETAILS as given (None or '' clears it).

    `read_at` is the case version the form was opened on: a change made meanwhile elsewhere
    is a conflict, not silently overwritten.
    """
    unknown = set(details) - set(CASE_DETAILS)
    if unknown:
        raise InputError(f"Cannot set {', '.join(sorted(unknown))}; the details are: {', '.join(CASE_DETAILS)}.")
    with store.transaction(case_id) as tx:
        case = tx.case()
        if read_at is not None and case.version != read_at:
            raise ConflictError(
                "Not saved: the case details changed elsewhere since you opened them. "
                "Close the form, look at the other change, then make yours again."
            )
        try:
            updated = Case.model_validate({**case.model_dump(), **details})
        except ValidationError as error:
            raise InputError(explain(error)) from None
        return tx.put_case(updated)


def replace_contact(
    store: CaseStore, case_id: str, old_role: str | None, role: str, as_shown: Contact | None = None, **fields: Any
) -> Contact:
    """Save a contact edited in the contacts form: under `role`, and no longer under `old_role`
    when the role itself was changed (one save). Fields left out or None are cleared.
    `as_shown` is the contact the form opened on (None for a new one): a conflict if it changed since."""
    from iep_tui.domain.text import email_problem, normalize_role

    problem = email_problem(fields.get("email") or "")
    if problem:
        raise InputError(problem + ".")
    wanted = normalize_role(role)
    previous = normalize_role(old_role) if old_role else None
    with store.transaction(case_id) as tx:
        case = tx.case()
        _contact_as_shown(case, previous, as_shown)
        try:
            contact = Contact.model_validate({**{k: v or "" for k, v in fields.items()}, "role": role})
        except ValidationError as error:
            raise InputError(explain(error)) from None
        clash = wanted != previous and any(c.role == wanted for c in case.contacts)
        if clash:
            raise InputError(f"There is already a {wanted} contact: edit that one, or choose another role.")
        places = [i for i, c in enumerate(case.contacts) if c.role in {wanted, previous}]
        contacts = [c for i, c in enumerate(case.contacts) if i not in places[1:]]
        if places:
            contacts[places[0]] = contact  # where the old one was
        else:
            contacts.append(contact)
        tx.put_case(case.model_copy(update={"contacts": contacts}))
        return contact


def set_archived(store: CaseStore, case_id: str, archived: bool = True) -> Case:
    """Archive a case (hidden from the caseload and `cases`, kept on disk, still named by its id) or
    bring it back."""
    from iep_tui.store.numbers_cache import forget

    with store.transaction(case_id) as tx:
        case = tx.case()
        if case.archived == archived:
            raise InputError(f"{case.student} is {'already' if archived else 'not'} archived.")
        saved = tx.put_case(case.model_copy(update={"archived": archived}))
    forget(store.workspace.data, case_id)
    return saved


DELETED_TAG = "deleted"
"""Tag of the backup a deleted case's file is kept as (`iep-tui restore CASE` brings it back)."""


def names_match(typed: str, student: str) -> bool:
    """The confirmation typed for a deletion names the student (spaces and letter case aside)."""
    return " ".join(typed.split()).casefold() == " ".join(student.split()).casefold() != ""


def delete_case(store: CaseStore, case_id: str, typed_name: str) -> Path:
    """Delete a case once its student's name has been typed in full; the file is kept as a backup
    first (returned), so `iep-tui restore CASE` brings it back."""
    from iep_tui.store.backups import keep_previous
    from iep_tui.store.numbers_cache import forget

    case = store.load(case_id).case
    if not names_match(typed_name, case.student):
        raise InputError(
            f"Not deleted: type the student's name exactly as it is on the case ({case.student!r}) to confirm."
        )
    with store.case_lock(case_id):
        path = store.case_path(case_id)
        kept = keep_previous(store.workspace.backups, case_id, path, tag=DELETED_TAG)
        if kept is None:
            raise NotFoundError(f"There is no case {case_id} in {store.workspace.root}.")
        path.unlink()
    forget(store.workspace.data, case_id)
    store.summaries()  # the index forgets it
    return kept
