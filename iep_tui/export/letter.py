"""A letter as a small structure of blocks, rendered twice: .docx and plain-text email.

Each letter module builds one `Letter` from the case view; `docx_layout` and
`text_layout` own every layout decision (date line, recipient block, "Re:" line,
numbering, tables, signature, cc, enclosures, exhibits), so letters never differ in
layout and never format anything themselves.

Every string is cleaned (`sanitize.clean_text`) when the block is created, so a
control character typed into a case can reach neither renderer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from iep_tui.export.sanitize import clean_line, clean_text


def _texts(items: Iterable[object]) -> tuple[str, ...]:
    return tuple(clean_text(i) for i in items)


def _clean_fields(obj: object, lines: tuple[str, ...] = (), texts: tuple[str, ...] = ()) -> None:
    """Clean string fields in place (frozen dataclasses): however a block is made, no
    control character reaches a renderer."""
    for name in lines:
        object.__setattr__(obj, name, clean_line(getattr(obj, name)))
    for name in texts:
        object.__setattr__(obj, name, clean_text(getattr(obj, name)))


@dataclass(frozen=True)
class Party:
    """Someone a letter is from or to: name, title, organization, address lines, email, phone."""

    name: str
    title: str = ""
    organization: str = ""
    address: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    role: str = ""
    """The case role this party was addressed by ('principal'), when it came from a contact."""

    def __post_init__(self) -> None:
        _clean_fields(self, lines=("name", "title", "organization", "email", "phone", "role"))
        object.__setattr__(self, "address", tuple(clean_line(a) for a in self.address if clean_line(a)))

    @classmethod
    def of(
        cls,
        name: object,
        title: object = "",
        organization: object = "",
        address: object = "",
        email: object = "",
        phone: object = "",
    ) -> Party:
        lines = tuple(line for line in clean_text(address).split("\n") if line)
        return cls(str(name), str(title), str(organization), lines, str(email), str(phone))

    def block_lines(self) -> list[str]:
        """Name, title, organization and address, one per line, blanks left out."""
        lines = [self.name, self.title]
        if self.organization and self.organization not in self.title:
            lines.append(self.organization)
        lines.extend(line for line in self.address if line not in lines)
        return [line for line in lines if line]

    def contact_lines(self) -> list[str]:
        return [x for x in (self.phone, self.email) if x]

    def email_address(self) -> str:
        """'Name <address>' for an email header, or '' without an address."""
        return f"{self.name} <{self.email}>" if self.email else ""


@dataclass(frozen=True)
class Para:
    """A body paragraph; `lead` is set in bold before it ("Service logs." ...)."""

    text: str
    lead: str = ""

    def __post_init__(self) -> None:
        _clean_fields(self, lines=("lead",), texts=("text",))

    @classmethod
    def of(cls, text: object, lead: object = "") -> Para:
        return cls(clean_text(text), clean_line(lead))


@dataclass(frozen=True)
class Heading:
    text: str

    def __post_init__(self) -> None:
        _clean_fields(self, lines=("text",))

    @classmethod
    def of(cls, text: object) -> Heading:
        return cls(clean_line(text))


@dataclass(frozen=True)
class Numbered:
    """A numbered list (requests); `start` continues an earlier list."""

    items: tuple[str, ...]
    start: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _texts(self.items))

    @classmethod
    def of(cls, items: Iterable[object], start: int = 1) -> Numbered:
        return cls(_texts(items), start)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _texts(self.items))

    @classmethod
    def of(cls, items: Iterable[object]) -> Bullets:
        return cls(_texts(items))


@dataclass(frozen=True)
class Facts:
    """Label: value lines (Student, School, Date of birth ...), in a borderless two-column block."""

    pairs: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "pairs", tuple((clean_line(k), clean_text(v)) for k, v in self.pairs))

    @classmethod
    def of(cls, pairs: Iterable[tuple[object, object]]) -> Facts:
        return cls(tuple((clean_line(k), clean_text(v)) for k, v in pairs if clean_text(v)))


@dataclass(frozen=True)
class Table:
    """A table whose header row repeats on every page; `widths` are relative column weights.

    `total` is an optional last row set in bold (e.g. the owed total).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    total: tuple[str, ...] = ()
    caption: str = ""
    by_row: bool = False
    """In plain text, print one block per row (for logs with long text) instead of columns."""
    compact: bool = False
    """Smaller type, for a table that must fit on one page (the checklist)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(clean_line(c) for c in self.columns))
        object.__setattr__(self, "rows", tuple(tuple(clean_text(c) for c in row) for row in self.rows))
        object.__setattr__(self, "total", _texts(self.total))
        _clean_fields(self, lines=("caption",))

    @classmethod
    def of(
        cls,
        columns: Sequence[object],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float] = (),
        total: Sequence[object] = (),
        caption: object = "",
        by_row: bool = False,
        compact: bool = False,
    ) -> Table:
        cols = tuple(clean_line(c) for c in columns)
        body = tuple(tuple(clean_text(cell) for cell in row) for row in rows)
        for row in body:
            if len(row) != len(cols):
                raise ValueError(f"row has {len(row)} cells, table has {len(cols)} columns")
        if widths and len(widths) != len(cols):
            raise ValueError("one width per column")
        tot = tuple(clean_text(c) for c in total)
        if tot and len(tot) != len(cols):
            raise ValueError("the total row needs one cell per column")
        return cls(cols, body, tuple(widths), tot, clean_line(caption), by_row, compact)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Para | Heading | Numbered | Bullets | Facts | Table | PageBreak


@dataclass(frozen=True)
class Exhibit:
    """An enclosure printed after the letter: 'Exhibit A: Missed and shortened sessions'.

    Its rows carry the numbers the letter cites (A-1, A-2 ...).
    """

    label: str
    title: str
    blocks: tuple[Block, ...]
    landscape: bool = False

    def __post_init__(self) -> None:
        _clean_fields(self, lines=("label", "title"))

    @property
    def heading(self) -> str:
        return f"Exhibit {self.label}: {self.title}"


@dataclass(frozen=True)
class Letter:
    """One document. With `recipients` it is a letter (recipient block, salutation,
    signature, cc, enclosures); without, a stand-alone document (checklist, timeline)."""

    kind: str
    title: str
    dated: date
    student: str
    re: str
    body: tuple[Block, ...]
    sender: Party | None = None
    recipients: tuple[Party, ...] = ()
    salutation: str = ""
    closing: str = "Sincerely,"
    cc: tuple[Party, ...] = ()
    enclosures: tuple[str, ...] = ()
    exhibits: tuple[Exhibit, ...] = ()
    delivery: str = ""
    draft_note: str = ""
    subject: str = ""
    landscape: bool = False
    warnings: tuple[str, ...] = ()
    """Told to the user when the document is written (a cc left out ...); never printed in it."""
    to_roles: tuple[str, ...] = ()
    cc_roles: tuple[str, ...] = ()
    """The case roles written to and copied: a draft step recorded for the letter gets them."""
    asks: tuple[str, ...] = ()
    """The letter's numbered requests, for the step's `asked`."""

    def __post_init__(self) -> None:
        _clean_fields(
            self,
            lines=("kind", "title", "student", "re", "salutation", "closing", "delivery", "subject"),
            texts=("draft_note",),
        )
        object.__setattr__(self, "enclosures", tuple(clean_line(e) for e in self.enclosures))

    @property
    def is_letter(self) -> bool:
        return bool(self.recipients)

    @property
    def email_subject(self) -> str:
        return self.subject or self.re


@dataclass
class LetterBuilder:
    """Collects blocks in order; the small helper every letter module uses."""

    blocks: list[Block] = field(default_factory=list)

    def para(self, text: object, lead: object = "") -> LetterBuilder:
        self.blocks.append(Para.of(text, lead))
        return self

    def heading(self, text: object) -> LetterBuilder:
        self.blocks.append(Heading.of(text))
        return self

    def numbered(self, items: Iterable[object], start: int = 1) -> LetterBuilder:
        items = list(items)
        if items:
            self.blocks.append(Numbered.of(items, start))
        return self

    def bullets(self, items: Iterable[object]) -> LetterBuilder:
        items = list(items)
        if items:
            self.blocks.append(Bullets.of(items))
        return self

    def facts(self, pairs: Iterable[tuple[object, object]]) -> LetterBuilder:
        self.blocks.append(Facts.of(pairs))
        return self

    def table(self, table: Table) -> LetterBuilder:
        self.blocks.append(table)
        return self

    def page_break(self) -> LetterBuilder:
        self.blocks.append(PageBreak())
        return self

    def build(self) -> tuple[Block, ...]:
        return tuple(self.blocks)
