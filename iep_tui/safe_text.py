"""Text safe to store and safe to print: one control-character rule for everything.

A leaf module (stdlib only), like `errors`, so the calendar import (the lowest
layer), the models and the CLI share it:

- `CONTROL` is the rule typed text is held to (`domain.text.Line` / `Paragraph`
  refuse what it matches): Unicode categories Cc and Cs and the two non-characters
  XML refuses. An ESC (U+001B) or a C1 CSI (U+009B) is how a terminal escape
  sequence starts: an OSC 52 in a calendar title would write the user's clipboard,
  an OSC 0 their window title.
- `clean_imported` applies that rule to text from a file by removing, not refusing,
  what it matches (one stray character must not block a whole district calendar or
  school log) and says what it removed, so the import can tell the user.
- `printable` makes any text safe for a terminal: whatever the rule matches is shown
  as a visible escape (`\\x1b`), never sent raw. Every line the CLI prints passes
  through it, so data stored before this rule existed cannot reach the terminal raw
  either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Unicode categories Cc and Cs, plus the two non-characters XML refuses."""
CONTROL_EXCEPT_NEWLINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""The same, allowing line feeds and tabs (a paragraph)."""

_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
"""A whole ANSI escape (OSC ... BEL/ST, CSI ... final byte, or ESC + one byte): removed as one,
so no payload (`52;c;...`) is left behind as text."""


@dataclass(frozen=True)
class Cleaned:
    """Text from a file after `clean_imported`, and what was taken out of it."""

    text: str
    removed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.removed)

    def note(self, where: str) -> str:
        """One sentence for the import report: what was removed, and where."""
        shown = ", ".join(sorted({_codepoint(piece) for piece in self.removed}))
        count = len(self.removed)
        plural = "s" if count != 1 else ""
        return f"{where}: removed {count} control sequence{plural} or character{plural} ({shown})."


def clean_imported(value: str, *, keep_newlines: bool = False) -> Cleaned:
    """Text from a calendar, school log or other file, held to the typed-text rule by removal.

    Whole escape sequences go first (an OSC title or clipboard write leaves nothing
    behind), then any control character left. Line breaks are kept when
    `keep_newlines` (as "\\n"), otherwise folded to spaces; runs of spaces are not
    touched here.
    """
    removed: list[str] = []

    def drop(match: re.Match[str]) -> str:
        removed.append(match.group())
        return ""

    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub(drop, text)
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    rule = CONTROL_EXCEPT_NEWLINES if keep_newlines else CONTROL
    text = rule.sub(drop, text)
    return Cleaned(text, tuple(removed))


def printable(value: object) -> str:
    """`value` as text a terminal shows as it is: line breaks and tabs kept, every other
    control character (and lone surrogates, which cannot even be encoded) shown as a
    visible `\\x1b`-style escape."""
    text = value if isinstance(value, str) else str(value)
    return CONTROL_EXCEPT_NEWLINES.sub(lambda m: _escape(m.group()), text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _codepoint(piece: str) -> str:
    """How a removed piece is named: by its first character (an ESC sequence is U+001B)."""
    return f"U+{ord(piece[0]):04X}"
