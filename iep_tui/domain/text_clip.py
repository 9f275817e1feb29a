"""The one rule for shortening a user's text to fit a place: a table cell, a list row, a choice.

Used by the letters' checklist ("observed instead"), the escalation code's evidence
summaries and the TUI's pickers, so a long incident reads the same way everywhere:

- whitespace (newlines included) collapses to single spaces; text that fits is kept whole;
- otherwise the cut is at the last sentence end, else clause end (`; `, `: `, `, `, a dash)
  that keeps at least half the room, else at the last word end, so no word is cut unless
  a single word is longer than the room; punctuation left at the cut is dropped;
- the cut is marked by one ellipsis character `…` right after the last word kept, and
  the result is never longer than `limit`.

A letter's fact is different (`clauses_only`): a district reads "was found by the front gate…"
as a fact cut short, so there the cut is only ever at a sentence or clause end, however early,
and a first clause longer than `limit` is kept whole (the cell grows rather than cut a fact).
"""

from __future__ import annotations

ELLIPSIS = "\u2026"

_BREAKS: tuple[tuple[str, ...], ...] = ((". ", "? ", "! "), ("; ", ": "), (", ", " \u2013 ", " \u2014 ", " - "))
"""Where a cut may fall, best first: a sentence end, then a clause end."""


def clip_text(text: str, limit: int, clauses_only: bool = False) -> str:
    """`text` on one line, whole when it fits in `limit` characters, else cut by the module's rule
    (`clauses_only`: at a sentence or clause end only, as a letter's fact is)."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    room = max(limit - len(ELLIPSIS), 0)
    for marks in _BREAKS:
        cut = max(line.rfind(mark, 0, room) for mark in marks)
        if cut > 0 and (clauses_only or cut >= room // 2):
            return _mark(line[:cut])
    if clauses_only:
        ends = [i for marks in _BREAKS for i in (line.find(mark) for mark in marks) if i > 0]
        return _mark(line[: min(ends)]) if ends else line
    space = line.rfind(" ", 0, room + 1)
    return _mark(line[:space] if space > 0 else line[:room])


def _mark(kept: str) -> str:
    return kept.rstrip(" ,;:.\u2013\u2014-") + ELLIPSIS
