"""Text Word can hold and file names that stay in exports/ (writing files: tests/hardening/test_output_files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from iep_tui.export.sanitize import clean_line, clean_text, file_name, inside, safe_stem


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Lena\x00 Marsh", "Lena Marsh"),
        ("a\x0bb\x0cc\x1fd\x7fe\x85f\x9fg", "abcdefg"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("non\ufffechar\uffff", "nonchar"),
        ("evil \u202eesrever\u202c name \u2066iso\u2069", "evil esrever name iso"),
        ("line one\r\nline two\rthree", "line one\nline two\nthree"),
        ("tab\there", "tab here"),
        ("  trailing  \n\n", "  trailing"),
        (None, ""),
        (42, "42"),
    ],
)
def test_clean_text_removes_what_xml_and_bidi_cannot_carry(raw: object, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Zoë", "O'Brien", "Арсений", "דנה כהן", "دانا", "李小龍", "e\u0301"])
def test_names_in_any_script_survive(name: str) -> None:
    import unicodedata

    assert clean_text(name) == unicodedata.normalize("NFC", name)


def test_clean_line_folds_lines() -> None:
    assert clean_line("1427 Alder Lane\nOlympia") == "1427 Alder Lane Olympia"


@pytest.mark.parametrize(
    "raw, stem",
    [
        ("Lena Marsh", "lena-marsh"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Zoë O'Brien", "zoe-o-brien"),
        ("Арсений", "арсений"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\windows\\system32", "windows-system32"),
        ("/absolute/path", "absolute-path"),
        (".hidden", "hidden"),
        ("CON", "con-case"),
        ("", "case"),
        ("\x00\x01", "case"),
        ("???***", "case"),
        ("a" * 500, "a" * 60),
    ],
)
def test_safe_stem(raw: str, stem: str) -> None:
    assert safe_stem(raw) == stem
    assert "/" not in stem and "\\" not in stem and not stem.startswith(".")


def test_file_name_joins_safe_parts() -> None:
    assert file_name("Zoë O'Brien", "compliance-notice", "2026-11-28", suffix=".docx") == (
        "zoe-o-brien-compliance-notice-2026-11-28.docx"
    )
    assert file_name("", "", suffix=".zip") == "export.zip"


def test_inside_refuses_names_that_leave_the_folder(tmp_path: Path) -> None:
    assert inside(tmp_path, "letter.docx") == (tmp_path / "letter.docx").resolve()
    for bad in ("../letter.docx", "a/b.docx", "..", ".", "", "a\\b.docx"):
        with pytest.raises(ValueError):
            inside(tmp_path, bad)
