"""The consultation's documents as PDF: rendered from HTML by WeasyPrint, stored, served from storage.

A document is stored with the hash of the HTML it came from; `actueel_document` renders again only when
that HTML changed (a template edited, a date moved, the report rewritten).
"""

import hashlib
import time

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from overleg.models import Document, Documentsoort, Schoolbeeldoverleg
from trajecten.pdf import AlleenDataUrls

SJABLONEN = {
    Documentsoort.LEIDRAAD: "overleg/pdf/leidraad.html",
    Documentsoort.AFSPRAKEN: "overleg/pdf/afspraken.html",
    Documentsoort.VERSLAG: "overleg/pdf/verslag.html",
}


def _context(overleg: Schoolbeeldoverleg, soort: str) -> dict:
    return {"overleg": overleg, "school": overleg.school, "lsc": overleg.lsc, "soort": soort}


def html_voor(overleg: Schoolbeeldoverleg, soort: str) -> str:
    with translation.override("nl-be"):
        return render_to_string(SJABLONEN[soort], _context(overleg, soort))


def _hash(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def bestandsnaam(overleg: Schoolbeeldoverleg, soort: str) -> str:
    return f"{soort}-{overleg.school.instellingsnummer}-{overleg.schooljaar_tekst}.pdf"


def bewaard_document(overleg: Schoolbeeldoverleg, soort: str) -> Document | None:
    """The stored document if it still matches the content, else None."""
    document = Document.objects.filter(overleg=overleg, soort=soort).first()
    if document and document.inhoud_hash == _hash(html_voor(overleg, soort)) and document.bestand:
        return document
    return None


def actueel_document(overleg: Schoolbeeldoverleg, soort: str) -> Document:
    """The stored document, rendered (again) first when its content changed."""
    html = html_voor(overleg, soort)
    inhoud_hash = _hash(html)
    document = Document.objects.filter(overleg=overleg, soort=soort).first()
    if document and document.inhoud_hash == inhoud_hash and document.bestand:
        return document
    begin = time.perf_counter()
    gerenderd = HTML(string=html, base_url=None, url_fetcher=AlleenDataUrls()).render()
    pdf = gerenderd.write_pdf()
    render_ms = round((time.perf_counter() - begin) * 1000)

    document = document or Document(overleg=overleg, soort=soort)
    oud = document.bestand.name if document.bestand else None
    document.inhoud_hash = inhoud_hash
    document.render_ms = render_ms
    document.gerenderd_op = timezone.now()
    document.bestand.save(bestandsnaam(overleg, soort), ContentFile(pdf), save=False)
    document.paginas = len(gerenderd.pages)
    document.save()
    if oud and oud != document.bestand.name:
        document.bestand.storage.delete(oud)
    return document
