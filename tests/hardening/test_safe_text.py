"""The one control-character rule: removed from imported text, escaped when printed."""

from __future__ import annotations

import json

from iep_tui.cli.context import json_text
from iep_tui.safe_text import clean_imported, printable


def test_clean_imported_removes_whole_escape_sequences_and_says_so() -> None:
    # OSC 52 (BEL-terminated), OSC 0 (ST-terminated), CSI 2J, then a lone BEL and a C1 CSI
    raw = "No\x1b]52;c;ZWNobw==\x07 School\x1b]0;title\x1b\\ -\x1b[2J Teacher\x07 Workday\x9b"
    cleaned = clean_imported(raw)
    assert cleaned.text == "No School - Teacher Workday"
    # five pieces: three whole sequences, the BEL, the C1 CSI
    assert len(cleaned.removed) == 5
    assert cleaned.note("line 4") == ("line 4: removed 5 control sequences or characters (U+0007, U+001B, U+009B).")


def test_clean_imported_keeps_ordinary_text_of_any_script() -> None:
    for text in ("Día de los Muertos – no school", "עברית", "Zoë O'Brien", "春节"):
        assert clean_imported(text).text == text and not clean_imported(text).changed


def test_line_breaks_fold_unless_kept() -> None:
    assert clean_imported("a\r\nb\tc").text == "a b c"
    assert clean_imported("a\r\nb", keep_newlines=True).text == "a\nb"


def test_printable_shows_controls_as_visible_escapes() -> None:
    assert printable("ok\x1b]0;x\x07") == "ok\\x1b]0;x\\x07"
    assert printable("csi\x9b2J del\x7f") == "csi\\x9b2J del\\x7f"
    assert printable("lone \ud800 surrogate") == "lone \\ud800 surrogate"
    assert printable("two\nlines\tand a tab") == "two\nlines\tand a tab"
    printable("lone \ud800").encode("utf-8")  # encodable: a lone surrogate cannot crash the print


def test_json_text_escapes_what_the_json_module_leaves_raw() -> None:
    document = {"label": "a\x1b]0;x\x07b\x9b\x7f\ud800", "name": "Zoë"}
    text = json_text(document)
    assert not any(ch in text for ch in "\x1b\x07\x9b\x7f")
    assert "Zoë" in text  # readable, not ASCII-escaped
    assert json.loads(text)["label"] == document["label"]  # the same string back
