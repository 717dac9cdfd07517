"""Test helper: the text of a PDF, as a reader would copy it (poppler's pdftotext)."""

from __future__ import annotations

import shutil
import subprocess


def pdf_text(data: bytes, tmp_path) -> str:
    import pytest

    program = shutil.which("pdftotext")
    if program is None:
        pytest.fail("pdftotext (poppler-utils) is missing: run scripts/bootstrap.sh")
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    # A fixed program on a file the test wrote: no untrusted input reaches the command line.
    return subprocess.run([program, "-enc", "UTF-8", str(path), "-"], check=True,  # noqa: S603
                          capture_output=True, text=True).stdout
