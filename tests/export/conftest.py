"""Helpers for the export tests: the demo case's view, and a .docx read back as text."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from iep_tui.demo.demo_case import build_demo_bundle
from iep_tui.domain.case_view import CaseView
from iep_tui.domain.models import CaseBundle

TODAY = date(2026, 11, 28)
"""tests/conftest.py fixes IEP_TUI_TODAY to the same day."""


@pytest.fixture(scope="session")
def demo_bundle() -> CaseBundle:
    return build_demo_bundle()


@pytest.fixture(scope="session")
def demo_view(demo_bundle: CaseBundle) -> CaseView:
    from iep_tui.services.export_service import case_view

    return case_view(demo_bundle, TODAY)


class DocxText:
    """A .docx read back with python-docx: body paragraphs, tables, footers."""

    def __init__(self, data: bytes | Path) -> None:
        from docx import Document

        source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
        self.doc = Document(source)
        self.paragraphs = [p.text for p in self.doc.paragraphs]
        self.tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in self.doc.tables]
        self.footers = [s.footer.paragraphs[0].text for s in self.doc.sections]

    @property
    def text(self) -> str:
        cells = "\n".join(" | ".join(row) for table in self.tables for row in table)
        return "\n".join(self.paragraphs) + "\n" + cells

    def table_with(self, header: str) -> list[list[str]]:
        """The first table whose header row has a cell starting with `header`."""
        for table in self.tables:
            if table and any(cell.startswith(header) for cell in table[0]):
                return table
        raise AssertionError(f"no table with a {header!r} column; tables: {[t[0] for t in self.tables if t]}")

    def row(self, table: list[list[str]], first: str) -> list[str]:
        for row in table:
            if row[0] == first:
                return row
        raise AssertionError(f"no row starting {first!r}")


@pytest.fixture(scope="session")
def read_docx():
    """DocxText(bytes or path): a .docx read back."""
    return DocxText


@pytest.fixture(scope="session")
def demo_docs(demo_view: CaseView):
    """kind -> (the .docx read back, the email text, the Letter), built once per session."""
    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter
    from iep_tui.export.text_layout import render_text

    cache: dict[str, tuple[DocxText, str, object]] = {}

    def get(kind: str) -> tuple[DocxText, str, object]:
        if kind not in cache:
            letter = build_letter(kind, demo_view)
            cache[kind] = (DocxText(render_docx(letter)), render_text(letter), letter)
        return cache[kind]

    return get
