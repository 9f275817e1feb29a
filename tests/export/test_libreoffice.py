"""Word-compatible software opens every letter: LibreOffice converts each to PDF.

Skipped (with the reason) where LibreOffice is not installed; `.ci/run` installs it
(libreoffice-writer-nogui) before the tests, so CI always runs this.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from iep_tui.export.letters import KIND_NAMES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui"
)


def test_every_demo_document_converts_to_pdf(demo_view, tmp_path: Path) -> None:
    from iep_tui.export.docx_layout import render_docx
    from iep_tui.export.letters import build_letter

    sources = []
    for kind in KIND_NAMES:
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(render_docx(build_letter(kind, demo_view)))
        sources.append(path)
    profile = tmp_path / "lo-profile"  # its own profile: no clash with another soffice running
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for kind in KIND_NAMES:
        pdf = tmp_path / "pdf" / f"{kind}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 5000, f"{kind}: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF")
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        for kind in ("checklist", "at-a-glance"):
            info = subprocess.run([pdfinfo, str(tmp_path / "pdf" / f"{kind}.pdf")], capture_output=True, text=True)
            pages = next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
            assert pages == "1", f"{kind} is meant to fit on one page, it has {pages}"
