"""Text that Word can hold and file names that cannot escape `exports/`.

Every string that goes into a document passes through `clean_text`: characters XML
1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) make
python-docx fail, and bidi overrides pasted with a name can reverse the rest of a
line, so both are removed. Names in any script stay as typed (Nguyễn, Zoë, O'Brien,
Арсений, right-to-left text): the Unicode bidi algorithm places them.

Files are written by `iep_tui.services.output_file` (never overwrite, owner-only).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: invisible, and a stray one reorders what follows."""

MAX_STEM = 60
"""File-name stems are cut here: long enough for a name and a kind, short enough for any OS."""

_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)


def _allowed(ch: str, keep_newlines: bool) -> bool:
    code = ord(ch)
    if ch in "\n\t":
        return keep_newlines
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return False
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return False
    return ch not in _BIDI_OVERRIDES


def clean_text(value: object, *, keep_newlines: bool = True) -> str:
    """`value` as text Word can hold: no control or XML-invalid characters, NFC form.

    Line breaks are kept (as "\\n") unless `keep_newlines` is False, when every run
    of whitespace becomes one space. Tabs become spaces. Trailing spaces are trimmed.
    """
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\t", " ")
    text = "".join(ch for ch in text if _allowed(ch, keep_newlines=True))
    text = unicodedata.normalize("NFC", text)
    if not keep_newlines:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def clean_line(value: object) -> str:
    """One line: like `clean_text`, with line breaks folded to spaces."""
    return clean_text(value, keep_newlines=False)


def safe_stem(text: str, fallback: str = "case") -> str:
    """A file-name stem from free text: letters and digits of any script, joined by '-'.

    Accents are dropped where a plain letter remains (Nguyễn -> Nguyen, Zoë -> Zoe);
    other scripts stay (Арсений). No path separators, no leading dot, no reserved
    Windows device name, at most MAX_STEM characters; `fallback` when nothing is left.
    """
    plain = "".join(_plain_latin(ch) for ch in clean_line(text))
    words = re.split(r"[^\w]+|_", plain)
    stem = "-".join(w for w in words if w).lower()[:MAX_STEM].strip("-")
    if not stem or stem in _WINDOWS_RESERVED:
        stem = fallback if stem not in _WINDOWS_RESERVED else f"{stem}-{fallback}"
    return stem


def _plain_latin(ch: str) -> str:
    """'ễ' -> 'e', 'ë' -> 'e'; a letter of another script ('й') is kept whole."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base.isascii() and base else ch


def file_name(*parts: str, suffix: str) -> str:
    """'lena-marsh-compliance-notice-2026-11-28.docx' from its parts, each made safe."""
    stems = [safe_stem(p, fallback="") for p in parts]
    stem = "-".join(s for s in stems if s)[: MAX_STEM * 2].strip("-") or "export"
    return stem + suffix


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, refusing any name that would land elsewhere."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise ValueError(f"not a plain file name: {name!r}")
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise ValueError(f"{name!r} would be written outside {folder}")
    return target
