"""The toast after a save: at most two lines (what was saved, the number that changed, and that
there are notes); the whole confirmation and its warnings stay under the panes (`#last-saved`).

At 80x24 a toast is 54 columns wide and sits over the panes for seconds, so a CLI
confirmation of three lines and its warnings covered the numbers it was about.
"""

from __future__ import annotations

TOAST_CHARS = 104
"""Two lines of a toast at 80 columns."""


def brief(text: str, limit: int) -> str:
    """`text` on one line, cut at a word with … when longer than `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def full_confirmation(result: object) -> str | None:
    """The service's own confirmation (as the CLI prints it) and its warnings, when `result` (any service's
    result: a LogResult, a record, a case...) has one."""
    confirm = getattr(result, "confirmation", None)
    if confirm is None:
        return None
    return "\n".join([confirm(), *(getattr(result, "warnings", None) or [])])


def saved_message(result: object, label: str) -> str:
    """What a save's toast says, in at most two lines."""
    warnings = list(getattr(result, "warnings", None) or [])
    session, requirement, ledger = (getattr(result, name, None) for name in ("session", "requirement", "ledger"))
    if session is not None and requirement is not None and ledger is not None:
        day = session.date.strftime("%a %d %b").replace(" 0", " ")
        head = f"Logged {requirement.name} {session.status} {day}: {ledger.owed_minutes} min owed."
    else:
        confirm = getattr(result, "confirmation", None)
        head = confirm().split(". ")[0].rstrip(".") + "." if confirm is not None else f"Saved: {label}."
    if not warnings:
        return brief(head, TOAST_CHARS)
    note = f" ⚠ {len(warnings)} note{'s' if len(warnings) > 1 else ''} below."
    return brief(head, TOAST_CHARS - len(note)) + note


def draft_saved_message(what: str, keys: tuple[str, str, str], shown_here: bool) -> tuple[str, str]:
    """A step saved as a DRAFT from a suggestion (`!`, `n`): (the toast, the details under the panes).

    `keys`: the user's keys for the Escalation tab, a letter and "mark sent". The user stays on
    their tab (on Escalation, `s` marks a step sent, so moving there after a save turned the next
    Dashboard `s` into "mark sent"): the words say where the draft waits and the key that shows
    it, or, when its tab is the one shown, that the cursor is on it."""
    tab, letter, sent = keys
    if shown_here:
        toast = f"{what}: a DRAFT, not marked sent. The cursor is on it."
        where = "The cursor is on it"
    else:
        toast = f"{what}: a DRAFT, not marked sent. It waits on the Escalation tab ({tab})."
        where = f"It waits on the Escalation tab: {tab} shows it with the cursor on it"
    details = (
        f"{what} saved as a DRAFT: nothing is marked sent. {where}; {letter} opens the letters to write it, "
        f"and once you have sent it, {sent} there marks it sent."
    )
    return brief(toast, TOAST_CHARS), details
