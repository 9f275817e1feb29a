"""Text rules shared by every model: no control characters in what users type.

A control character pasted into a name breaks Word documents and terminal
rendering, so it is refused with a message rather than stored.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Unicode categories Cc and Cs, plus the two non-characters XML refuses."""
_CONTROL_EXCEPT_NEWLINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _reject_controls(value: str, allow_newlines: bool) -> str:
    found = (_CONTROL_EXCEPT_NEWLINES if allow_newlines else _CONTROL).search(value)
    if found:
        raise ValueError(
            f"contains a control character (U+{ord(found.group()):04X}); remove it and type the text again"
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
