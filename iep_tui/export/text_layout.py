"""The plain-text (email) rendering of a `Letter`: the same blocks as the .docx.

Email is the timestamped record, so the text carries everything the Word letter
does: a Subject/To/Cc header to copy, the date, the "Re:" line, numbered requests,
tables as aligned text, signature, cc, enclosures, and the exhibits at the end.
Lines wrap at 76 columns; a long word (a URL, a pasted string) is broken rather
than overflowing.
"""

from __future__ import annotations

import textwrap
import unicodedata

from iep_tui.export.formatting import long_date
from iep_tui.export.letter import (
    Block,
    Bullets,
    Exhibit,
    Facts,
    Heading,
    Letter,
    Numbered,
    PageBreak,
    Para,
    Party,
    Table,
)

WIDTH = 76


def render_text(letter: Letter) -> str:
    """The whole letter as email text, ending with one newline."""
    out: list[str] = []
    if letter.is_letter:
        out.append(f"Subject: {letter.email_subject}")
        to = [p.email_address() for p in letter.recipients if p.email]
        cc = [p.email_address() for p in letter.cc if p.email]
        if to:
            out.append("To: " + ", ".join(to))
        if cc:
            out.append("Cc: " + ", ".join(cc))
        out.append("")
    if letter.draft_note:
        out.extend(_wrap(letter.draft_note))
        out.append("")
    if not letter.is_letter:
        out.append(letter.title.upper())
        out.append("")
    out.append(long_date(letter.dated))
    out.append("")
    if letter.is_letter:
        for party in letter.recipients:
            out.extend(party.block_lines())
            out.append("")
        if letter.delivery:
            out.append(letter.delivery)
            out.append("")
    out.extend(_wrap(f"Re: {letter.re}", indent="    "))
    out.append("")
    if letter.salutation:
        out.append(letter.salutation)
        out.append("")
    for block in letter.body:
        out.extend(_block(block))
    if letter.is_letter and letter.sender is not None:
        out.append(letter.closing)
        out.append("")
        out.append("")
        out.extend(letter.sender.block_lines())
        out.extend(letter.sender.contact_lines())
        out.append("")
    if letter.cc:
        out.extend(_wrap("cc: " + "; ".join(_cc(p) for p in letter.cc), indent="    "))
    if letter.enclosures:
        out.append("Enclosures:")
        out.extend(line for item in letter.enclosures for line in _wrap(item, first="  - ", indent="    "))
    if letter.cc or letter.enclosures:
        out.append("")
    for exhibit in letter.exhibits:
        out.extend(_exhibit(exhibit))
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _cc(party: Party) -> str:
    return ", ".join(x for x in (party.name, party.title) if x)


def _exhibit(exhibit: Exhibit) -> list[str]:
    heading = exhibit.heading
    lines = ["", "=" * min(WIDTH, max(20, _width(heading))), heading, "=" * min(WIDTH, max(20, _width(heading))), ""]
    for block in exhibit.blocks:
        lines.extend(_block(block))
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Para):
        text = f"{block.lead} {block.text}" if block.lead else block.text
        lines: list[str] = []
        for part in text.split("\n"):
            lines.extend(_wrap(part) or [""])
        return lines + [""]
    if isinstance(block, Heading):
        return [block.text.upper(), ""]
    if isinstance(block, Numbered):
        lines = []
        last = block.start + len(block.items) - 1
        pad = len(f"{last}. ")
        for n, item in enumerate(block.items, block.start):
            lines.extend(_wrap(item, first=f"{n}. ".ljust(pad), indent=" " * pad))
        return lines + [""]
    if isinstance(block, Bullets):
        lines = []
        for item in block.items:
            lines.extend(_wrap(item, first="  - ", indent="    "))
        return lines + [""]
    if isinstance(block, Facts):
        pad = max((_width(k) for k, _ in block.pairs), default=0) + 2
        lines = []
        for key, value in block.pairs:
            parts = value.split("\n")
            lines.extend(_wrap(parts[0], first=_ljust(f"{key}:", pad), indent=" " * pad))
            for more in parts[1:]:
                lines.extend(_wrap(more, first=" " * pad, indent=" " * pad))
        return lines + [""]
    if isinstance(block, Table):
        return _table(block) + [""]
    if isinstance(block, PageBreak):
        return []
    raise TypeError(f"unknown block {type(block).__name__}")


def _table(table: Table) -> list[str]:
    """Aligned columns when they fit in 76 characters without breaking a word; otherwise one
    block per row (first columns on a line, then 'Column: value' lines), which reads well in email."""
    lines: list[str] = []
    if table.caption:
        lines.extend(_wrap(table.caption))
    widths = None if table.by_row else _column_widths(table)
    if widths is None:
        return lines + _records(table)
    rows = [table.columns, *table.rows] + ([table.total] if table.total else [])
    gap = "  "
    for index, row in enumerate(rows):
        cells = [_wrap_cell(cell, widths[i]) for i, cell in enumerate(row)]
        height = max(len(c) for c in cells)
        for h in range(height):
            parts = [_ljust(c[h] if h < len(c) else "", widths[i]) for i, c in enumerate(cells)]
            lines.append(gap.join(parts).rstrip())
        if index == 0 or (table.total and index == len(rows) - 2):
            lines.append(gap.join("-" * w for w in widths))
    return lines


MAX_WORD_COLUMN = 18
"""A column is never narrower than its longest word, up to this many characters."""
SHORT_COLUMN = 14
"""A column this narrow (a date, a number) is never wrapped."""


def _column_widths(table: Table) -> list[int] | None:
    """Natural widths when they fit; else each column at least its longest header word and
    its cells (a short cell, such as a date or a number, is never wrapped; a long one may
    wrap at words), the spare room shared in proportion to what each column would like.
    None when even that does not fit."""
    rows = [table.columns, *table.rows] + ([table.total] if table.total else [])
    count = len(table.columns)
    budget = WIDTH - 2 * (count - 1)
    natural = [max(3, max(_width(line) for row in rows for line in row[i].split("\n"))) for i in range(count)]
    if sum(natural) <= budget:
        return natural
    body = rows[1:]
    least = []
    for i in range(count):
        header_word = max((_width(w) for w in table.columns[i].split()), default=3)
        cell = max((_width(line) for row in body for line in row[i].split("\n")), default=0)
        word = max((_width(w) for row in body for w in row[i].split()), default=0)
        need = cell if cell <= SHORT_COLUMN else min(word, MAX_WORD_COLUMN)
        least.append(max(3, header_word, need))
    if sum(least) > budget:
        return None
    spare = budget - sum(least)
    extra = [max(0, natural[i] - least[i]) for i in range(count)]
    total_extra = sum(extra) or 1
    return [least[i] + (spare * extra[i]) // total_extra for i in range(count)]


def _records(table: Table) -> list[str]:
    """One block per row: the first columns on a line, then 'Column: value' pairs packed
    onto indented lines (a long value gets a line of its own)."""
    natural = [max((_width(row[i]) for row in table.rows), default=0) for i in range(len(table.columns))]
    lead = 1
    while lead < min(3, len(table.columns)) and sum(natural[: lead + 1]) + 2 * lead <= WIDTH - 16:
        lead += 1
    indent = "    "
    lines: list[str] = []
    for row in [*table.rows] + ([table.total] if table.total else []):
        head = "  ".join(cell for cell in row[:lead] if cell)
        lines.extend(_wrap(head) or [""])
        current = ""
        for column, cell in zip(table.columns[lead:], row[lead:], strict=True):
            if not cell:
                continue
            item = f"{column}: {cell}"
            joined = f"{current} \u00b7 {item}" if current else item
            if "\n" not in item and _width(indent + joined) <= WIDTH:
                current = joined
                continue
            if current:
                lines.append(indent + current)
            if "\n" in item or _width(indent + item) > WIDTH:
                lines.extend(_wrap(item.replace("\n", " "), first=indent, indent=indent + "  "))
                current = ""
            else:
                current = item
        if current:
            lines.append(indent + current)
        lines.append("")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def _wrap_cell(text: str, width: int) -> list[str]:
    out: list[str] = []
    for part in text.split("\n"):
        out.extend(textwrap.wrap(part, width=width, break_long_words=True, break_on_hyphens=False) or [""])
    return out


def _wrap(text: str, first: str = "", indent: str = "") -> list[str]:
    if not text:
        return [first.rstrip()] if first.strip() else []
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    )


def _width(text: str) -> int:
    """Display width: combining marks take no column; wide (CJK) characters take two."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))
