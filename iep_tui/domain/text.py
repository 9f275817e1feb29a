"""Text rules shared by every model: no control characters in what users type.

A control character pasted into a name breaks Word documents and terminal
rendering, so it is refused with a message rather than stored. The rule itself
lives in `iep_tui.safe_text` (a leaf module), so text imported from files is held
to the same one, by removal (`safe_text.clean_imported`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from iep_tui.limits import LINE_MAX, PARAGRAPH_MAX
from iep_tui.safe_text import CONTROL as _CONTROL
from iep_tui.safe_text import CONTROL_EXCEPT_NEWLINES as _CONTROL_EXCEPT_NEWLINES


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


Line = Annotated[str, StringConstraints(max_length=LINE_MAX), AfterValidator(_line)]
"""A one-line field: a name, a title, a label (at most LINE_MAX characters)."""

Paragraph = Annotated[str, StringConstraints(max_length=PARAGRAPH_MAX), AfterValidator(_paragraph)]
"""A free-text field that may hold line breaks: IEP wording, notes, impact (at most PARAGRAPH_MAX)."""


def normalize_role(value: str) -> str:
    """'Case Manager' and 'case_manager' are the same role: 'case-manager'."""
    return "-".join(value.strip().lower().replace("_", " ").split())


def _role(value: str) -> str:
    role = normalize_role(_line(value))
    if not role:
        raise ValueError("a role is required, such as case-manager")
    return role


Role = Annotated[str, StringConstraints(max_length=LINE_MAX), AfterValidator(_role)]
"""Who someone is to the case ('case-manager'): never blank, normalized (`normalize_role`)."""

OptionalRole = Annotated[
    str, StringConstraints(max_length=LINE_MAX), AfterValidator(lambda v: normalize_role(_line(v)))
]
"""A role that may be left blank (a requirement's provider when the IEP names none)."""


def email_problem(value: str) -> str | None:
    """Why `value` does not look like an email address (None when it does, or is empty).

    Loose on purpose: one @, something before it, and a domain with a dot and no empty
    part ('tquinn@pps' is refused, 'tquinn@pps.net' accepted); no spaces.
    """
    text = value.strip()
    if not text:
        return None
    example = "such as name@district.org"
    if " " in text or text.count("@") != 1:
        return f"{text!r} is not an email address: it needs one @ and no spaces, {example}"
    local, domain = text.split("@")
    parts = domain.split(".")
    if not local or len(parts) < 2 or not all(parts):
        return (
            f"{text!r} is not a complete email address: the part after @ needs a domain with a dot, "
            f"such as {local or 'name'}@{domain.strip('.') or 'district'}.org"
        )
    return None
