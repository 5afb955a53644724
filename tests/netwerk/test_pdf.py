"""netwerk.pdf: the stylesheet lifted out of the HTML is parsed once per text and still styles the page."""

import io

import weasyprint
from pypdf import PdfReader

from netwerk import pdf as netwerkpdf


def _html(stijl: str) -> str:
    return f"<html><head><style>{stijl}</style></head><body><p>Hallo</p></body></html>"


def _paginamaat(pdf_bytes: bytes) -> tuple[int, int]:
    pagina = PdfReader(io.BytesIO(pdf_bytes)).pages[0]
    return round(pagina.mediabox.width), round(pagina.mediabox.height)


def test_het_stijlblad_wordt_een_keer_gelezen_en_elke_tekst_telt(monkeypatch):
    gelezen = []
    echte_css = weasyprint.CSS

    def tellende_css(*args, **kwargs):
        gelezen.append(kwargs["string"])
        return echte_css(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "CSS", tellende_css)
    # A size no other test uses, so this thread's cache cannot hold it yet.
    a5 = "@page { size: 148mm 210mm; margin: 11mm }"
    a6 = "@page { size: 105mm 148mm; margin: 11mm }"

    eerste, _ = netwerkpdf.pdf_en_paginas(_html(a5))
    tweede, _ = netwerkpdf.pdf_en_paginas(_html(a5))
    derde, _ = netwerkpdf.pdf_en_paginas(_html(a6))

    assert gelezen == [a5, a6]
    # The parsed stylesheet styles the page as the inline one did, and another text is not served the
    # first one's parse.
    assert _paginamaat(eerste) == _paginamaat(tweede) == (420, 595)
    assert _paginamaat(derde) == (298, 420)
