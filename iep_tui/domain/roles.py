"""Roles: the people of a case are named by what they do ('case-manager'), not by name.

A role is stored normalized (`normalize_role`: 'Case Manager' is 'case-manager'). Some
roles are spelled more than one way ('sped-director' is 'special-education-director');
every spelling finds the same contact, and a step or letter is addressed with the
spelling the case's own contacts use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iep_tui.domain.text import normalize_role

if TYPE_CHECKING:
    from iep_tui.domain.models import Case

ROLE_ALIASES: tuple[tuple[str, ...], ...] = (
    ("special-education-director", "sped-director", "director-of-special-education"),
    ("assistant-superintendent", "asst-superintendent"),
    ("state-agency", "state-education-agency", "sea"),
)
"""Spellings of the same role, the usual one first."""


def spellings(role: str) -> tuple[str, ...]:
    """Every spelling of `role`, the usual one first; `role` alone when it has no other."""
    wanted = normalize_role(role)
    return next((names for names in ROLE_ALIASES if wanted in names), (wanted,))


def same_role(role: str, other: str) -> bool:
    """True when both name the same role ('sped-director' is 'special-education-director')."""
    return normalize_role(other) in spellings(role)


def case_role(case: Case, role: str) -> str:
    """`role` spelled as the case's contacts spell it (else as given)."""
    contact = case.contact(role)
    return contact.role if contact is not None else role
