"""The text of a PDF, as a reader would search it."""

import io
from pathlib import Path

from pypdf import PdfReader


def pdf_tekst(pad: Path) -> str:
    """All pages' text with whitespace folded, so a phrase broken over two lines still matches."""
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pad.read_bytes())).pages
    )
