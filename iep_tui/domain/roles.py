"""Roles: the people of a case are named by what they do ('case-manager'), not by name.

A role is stored normalized (`normalize_role`: 'Case Manager' is 'case-manager'). Some
roles are spelled more than one way ('sped-director' is 'special-education-director');
every spelling finds the same contact, and a step or letter is addressed with the
spelling the case's own contacts use.

A role typed for a step, a meeting or an incident must be one of `KNOWN_ROLES` (any
spelling) or a role the case has a contact for (`check_role`): 'case-manger' is an
error that suggests 'case-manager' rather than a step addressed to nobody. A role
that is new on purpose is accepted when the caller says so (`--new-role`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from iep_tui.domain.models import Case
from iep_tui.domain.role_spellings import spellings
from iep_tui.domain.text import normalize_role
from iep_tui.errors import InputError

KNOWN_ROLES: tuple[str, ...] = (
    "parent",
    "guardian",
    "student",
    "case-manager",
    "teacher",
    "special-education-teacher",
    "general-education-teacher",
    "para",
    "slp",
    "ot",
    "pt",
    "counselor",
    "psychologist",
    "nurse",
    "behavior-specialist",
    "principal",
    "assistant-principal",
    "special-education-director",
    "assistant-superintendent",
    "superintendent",
    "state-agency",
    "advocate",
    "attorney",
)
"""The roles people of a case are named by (the usual spelling; `ROLE_ALIASES` adds the others)."""


class UnknownRoleError(InputError):
    """A role that is neither known nor one of the case's contacts (a typo, most likely)."""

    def __init__(self, role: str, suggestion: str | None, known: Sequence[str]) -> None:
        self.role = role
        self.suggestion = suggestion
        self.known = tuple(known)
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(
            f"{role!r} is not a known role.{hint} Known roles: {', '.join(known)}. "
            "To record a new role anyway, repeat with --new-role."
        )


def _all_spellings(roles: Iterable[str]) -> list[str]:
    out: list[str] = []
    for role in roles:
        for name in spellings(role):
            if name not in out:
                out.append(name)
    return out


def check_role(role: str, case: Case | None = None, *, allow_new: bool = False) -> str:
    """`role` normalized ('Case Manager' -> 'case-manager'), when it is a known role (any
    spelling) or a role of the case's contacts; else UnknownRoleError naming the closest
    one (difflib). `allow_new` accepts any role."""
    wanted = normalize_role(role)
    if not wanted:
        raise InputError("A role is empty: name one such as case-manager.")
    contacts = [c.role for c in case.contacts] if case is not None else []
    names = _all_spellings([*KNOWN_ROLES, *contacts])
    if allow_new or wanted in names:
        return wanted
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    listed = list(dict.fromkeys([*KNOWN_ROLES, *contacts]))
    raise UnknownRoleError(wanted, close[0] if close else None, listed)


def check_roles(roles: Iterable[str], case: Case | None = None, *, allow_new: bool = False) -> list[str]:
    """`check_role` of each, in order."""
    return [check_role(role, case, allow_new=allow_new) for role in roles]


def same_role(role: str, other: str) -> bool:
    """True when both name the same role ('sped-director' is 'special-education-director')."""
    return normalize_role(other) in spellings(role)


def case_role(case: Case, role: str) -> str:
    """`role` spelled as the case's contacts spell it (else as given)."""
    contact = case.contact(role)
    return contact.role if contact is not None else role
