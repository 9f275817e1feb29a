"""The spellings of a role: 'sped-director' is 'special-education-director'.

Its own module because both the models (a case finds its contact under any spelling)
and `roles` (which checks a role against a case) need it; neither imports the other's.
"""

from __future__ import annotations

from iep_tui.domain.text import normalize_role

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
