"""Text rules shared by every model: no control characters in what users type.

A control character pasted into a name breaks Word documents and terminal
rendering, so it is refused with a message rather than stored.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator


def _reject_controls(value: str, allow_newlines: bool) -> str:
    for ch in value:
        if ch in "\n\t" and allow_newlines:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            raise ValueError(
                f"contains a control character (U+{ord(ch):04X}); remove it and type the text again"
            )
    return value


def _line(value: str) -> str:
    return _reject_controls(value, allow_newlines=False)


def _paragraph(value: str) -> str:
    return _reject_controls(value.replace("\r\n", "\n"), allow_newlines=True)


Line = Annotated[str, AfterValidator(_line)]
"""A one-line field: a name, a role, a label."""

Paragraph = Annotated[str, AfterValidator(_paragraph)]
"""A free-text field that may hold line breaks: IEP wording, notes, impact."""


def normalize_role(value: str) -> str:
    """'Case Manager' and 'case_manager' are the same role: 'case-manager'."""
    return "-".join(value.strip().lower().replace("_", " ").split())


Role = Annotated[str, AfterValidator(lambda v: normalize_role(_line(v)))]
