"""The toast after a save: at most two lines (what was saved, the number that changed, and that
there are notes); the whole confirmation and its warnings stay under the panes (`#last-saved`).

At 80x24 a toast is 54 columns wide and sits over the panes for seconds, so a CLI
confirmation of three lines and its warnings covered the numbers it was about.
"""

from __future__ import annotations

from textwrap import wrap

TOAST_WIDTH = 51
"""The text columns of a toast at 80 columns (app.tcss: 54 drawn, less its left border and padding)."""
TOAST_LINES = 2


def brief(text: str, limit: int) -> str:
    """`text` on one line, cut at a word with … when longer than `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _lines(text: str, width: int) -> int:
    return len(wrap(text, width, break_on_hyphens=False))


def toast_text(text: str, tail: str = "", width: int = TOAST_WIDTH) -> str:
    """`text` then `tail`, on at most two lines of a toast `width` columns wide: `text` is cut at a
    word with … (a word-wrapped line holds fewer characters than its width, so characters are not
    counted); `tail` (what the toast must not lose: the notes below, the key to press) is kept."""
    text = " ".join(text.split())
    if _lines(text + tail, width) <= TOAST_LINES:
        return text + tail
    words = text.split(" ")
    while len(words) > 1 and _lines(" ".join(words).rstrip(",;:") + "…" + tail, width) > TOAST_LINES:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…" + tail


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
        return toast_text(head)
    return toast_text(head, f" ⚠ {len(warnings)} note{'s' if len(warnings) > 1 else ''} below.")


def draft_saved_message(what: str, keys: tuple[str, str, str], shown_here: bool) -> tuple[str, str]:
    """A step saved as a DRAFT from a suggestion (`!`, `n`): (the toast, the details under the panes).

    `keys`: the user's keys for the Escalation tab, a letter and "mark sent". The user stays on
    their tab (on Escalation, `s` marks a step sent, so moving there after a save turned the next
    Dashboard `s` into "mark sent"): the words say where the draft waits and the key that shows
    it, or, when its tab is the one shown, that the cursor is on it."""
    tab, letter, sent = keys
    if shown_here:
        toast, tail = f"{what}: a DRAFT, not marked sent.", " The cursor is on it."
        where = "The cursor is on it"
    else:
        toast, tail = f"{what}: a DRAFT, not marked sent.", f" On the Escalation tab ({tab})."
        where = f"It waits on the Escalation tab: {tab} shows it with the cursor on it"
    details = (
        f"{what} saved as a DRAFT: nothing is marked sent. {where}; {letter} opens the letters to write it, "
        f"and once you have sent it, {sent} there marks it sent."
    )
    return toast_text(toast, tail), details


def first_sentence(result: object) -> str:
    """The first sentence of a save's confirmation, without its remarks in brackets ("Logged incident on Thu
    2026-12-03"), or ''."""
    confirm = getattr(result, "confirmation", None)
    return confirm().split(". ")[0].split(" (")[0].strip().rstrip(".") if confirm is not None else ""


def undone_message(label: str, what: str) -> str:
    """What the line under the panes says after `u`: the change taken back, not the confirmation it replaces."""
    return f"Undone: {label}" + (f" ({what})" if what else "") + ". The record is as it was before it."
