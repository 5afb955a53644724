"""The consultation's documents as PDF: rendered from HTML by WeasyPrint, stored, served from storage.

Three documents: the leidraad (the LSC's guide, with the school's meeting on top and the supporters'
overview of registered trajectories), the samenwerkingsafspraken (the LSC's agreements text) and the
verslag (the report, built from what was written in and after the meeting). The two first come from the
coordinator's templates (`overleg.sjablonen`); every free text goes through `overleg.opmaak`, which
escapes before it adds a tag. No pupil is named anywhere: the documents are about the school.

A document is stored with the hash of the HTML it came from; `actueel_document` renders again only when
that HTML changed (a template edited, a date moved, the report rewritten, a new logo). So the HTML holds
nothing that changes by itself, such as the day it was printed.

WeasyPrint reads nothing from outside (`netwerk.pdf`): the logo is embedded in the HTML
as a `data:` URL, read from storage here.
"""

import base64
import hashlib
import re
import time
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation

from capaciteit.models import Tijdskader
from capaciteit.queries import in_laatste_versie
from netwerk.models import Leersteuncentrum
from netwerk.pdf import pdf_en_paginas
from netwerk.schooljaar import huidig_schooljaar
from overleg import queries
from overleg.models import Afspraak, Deelnemer, Document, Documentsoort, Schoolbeeldoverleg, Sjabloon
from overleg.opmaak import naar_html
from overleg.sjablonen import PLAATS_TRAJECTEN, huidig_sjabloon
from scholen.models import School

SJABLONEN = {
    Documentsoort.LEIDRAAD: "overleg/pdf/leidraad.html",
    Documentsoort.AFSPRAKEN: "overleg/pdf/afspraken.html",
    Documentsoort.VERSLAG: "overleg/pdf/verslag.html",
}
TITELS = {Documentsoort.VERSLAG: "Verslag van het schoolbeeldoverleg"}

_PLAATS_TRAJECTEN = re.compile(rf"^[ \t]*{re.escape(PLAATS_TRAJECTEN)}[ \t]*$", re.MULTILINE)
_ROLVOLGORDE = {rol: i for i, rol in enumerate(Deelnemer.Rol.values)}
_PNG, _JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"


@dataclass(frozen=True)
class Rolgroep:
    rol: str
    deelnemers: list[Deelnemer]


def logo_als_data_url(lsc: Leersteuncentrum) -> str | None:
    """The LSC's logo as a `data:` URL, or None without one (or when the file is gone or not an image)."""
    if not lsc.logo:
        return None
    try:
        with lsc.logo.open("rb") as bestand:
            gegevens = bestand.read()
    except OSError:
        return None
    for begin, mime in ((_PNG, "image/png"), (_JPEG, "image/jpeg")):
        if gegevens.startswith(begin):
            return f"data:{mime};base64,{base64.b64encode(gegevens).decode('ascii')}"
    return None


def initialen(naam: str) -> str:
    """The text mark without a logo: 'Leersteuncentrum Waas en Dender' → 'LWD', 'LSC Eigen' → 'EI'.

    'LSC' and words of two letters or less are skipped; one word left gives its first two letters."""
    woorden = [w for w in re.findall(r"\w+", naam) if w.upper() not in {"LSC", "SLSC"} and len(w) > 2]
    if len(woorden) == 1:
        return woorden[0][:2].upper()
    return "".join(w[0] for w in woorden[:3]).upper() or naam[:2].upper()


def _overleg_met_alles(pk: int, soort: str) -> Schoolbeeldoverleg:
    """The consultation with what the document shows: one query, plus one per kind of row it lists. The
    same query reads the stored document (`document_id`, `document_hash`, `document_bestand`) and, for the
    report, the school's hours in the LSC's latest published distribution (`tijdskader_uren`)."""
    rijen = []
    if soort != Documentsoort.AFSPRAKEN:
        rijen.append(Prefetch("deelnemers", queryset=Deelnemer.objects.select_related("gebruiker")))
    if soort == Documentsoort.VERSLAG:
        rijen.append(
            Prefetch(
                "afspraken", queryset=Afspraak.objects.select_related("eigenaar").order_by("tegen", "id")
            )
        )
    bewaard = Document.objects.filter(overleg=OuterRef("pk"), soort=soort)
    extra = {
        "document_id": Subquery(bewaard.values("pk")),
        "document_hash": Subquery(bewaard.values("inhoud_hash")),
        "document_bestand": Subquery(bewaard.values("bestand")),
    }
    if soort == Documentsoort.VERSLAG:
        kader = Tijdskader.objects.filter(
            in_laatste_versie(),
            school=OuterRef("school"),
            verdeling__envelop__lsc=OuterRef("lsc"),
            verdeling__envelop__schooljaar=OuterRef("schooljaar"),
        )
        extra["tijdskader_uren"] = Subquery(kader.values("uren"))
        extra["tijdskader_schoolweken"] = Subquery(kader.values("verdeling__envelop__schoolweken"))
    return (
        Schoolbeeldoverleg.objects.select_related("lsc", "school")
        .prefetch_related(*rijen)
        .annotate(**extra)
        .get(pk=pk)
    )


def _per_rol(deelnemers) -> list[Rolgroep]:
    groepen: dict[str, list[Deelnemer]] = {}
    for deelnemer in sorted(
        deelnemers, key=lambda d: (_ROLVOLGORDE.get(d.rol, 99), d.gebruiker.naam.lower(), d.pk or 0)
    ):
        groepen.setdefault(deelnemer.rol, []).append(deelnemer)
    return [Rolgroep(Deelnemer.Rol(rol).label, lijst) for rol, lijst in groepen.items()]


def _rollen_voor_leidraad(groepen: list[Rolgroep]) -> list[str]:
    """Who sits at the table, by role: the fixed participants, or every partner before they are fixed."""
    return [g.rol for g in groepen] or [str(rol.label) for rol in Deelnemer.Rol]


def leidraad_delen(tekst: str) -> tuple[str, str, bool]:
    """The template's text before and after the line `[trajecten]`; without that line, all before."""
    gevonden = _PLAATS_TRAJECTEN.search(tekst)
    if not gevonden:
        return naar_html(tekst), "", False
    return naar_html(tekst[: gevonden.start()]), naar_html(tekst[gevonden.end() :]), True


def _context(
    overleg: Schoolbeeldoverleg,
    soort: str,
    *,
    deelnemers: list[Deelnemer],
    afspraken: list[Afspraak],
    tijdskader_uren: int | None,
    sjabloon: Sjabloon | None,
) -> dict:
    groepen = _per_rol(deelnemers)
    context = {
        "overleg": overleg,
        "school": overleg.school,
        "lsc": overleg.lsc,
        "soort": soort,
        "logo": logo_als_data_url(overleg.lsc),
        "initialen": initialen(overleg.lsc.naam),
        "titel": sjabloon.titel if sjabloon else TITELS[soort],
        "rollen": _rollen_voor_leidraad(groepen),
    }
    if soort == Documentsoort.LEIDRAAD:
        voor, na, met_plaats = leidraad_delen(sjabloon.tekst)
        context |= {
            "tekst_voor": voor,
            "tekst_na": na,
            "plaats_gevonden": met_plaats,
            "overzicht": naar_html(overleg.overzicht_trajecten, kop_niveau=3),
        }
    elif soort == Documentsoort.AFSPRAKEN:
        context["tekst"] = naar_html(sjabloon.tekst)
    else:
        context |= {
            "groepen": groepen,
            "afspraken": afspraken,
            "tijdskader": None if tijdskader_uren is None else {"uren": tijdskader_uren},
            "spreiding": queries.spreiding_tekst(
                overleg, uren=tijdskader_uren, schoolweken=getattr(overleg, "tijdskader_schoolweken", None)
            ),
            "prioriteiten": naar_html(overleg.prioriteiten, kop_niveau=3),
            "verwachtingen": [
                ("De school", naar_html(overleg.verwachtingen_school, kop_niveau=4)),
                ("Het leersteuncentrum", naar_html(overleg.verwachtingen_lsc, kop_niveau=4)),
                ("Het specifiek leersteuncentrum", naar_html(overleg.verwachtingen_specifiek, kop_niveau=4)),
                ("Het CLB", naar_html(overleg.verwachtingen_clb, kop_niveau=4)),
            ],
            "werkwijze": naar_html(overleg.werkwijze, kop_niveau=3),
            "tussentijdse_effecten": naar_html(overleg.tussentijdse_effecten, kop_niveau=3),
            "verslag": naar_html(overleg.verslag, kop_niveau=3),
        }
    return context


def _render(soort: str, context: dict) -> str:
    with translation.override("nl-be"), timezone.override(timezone.get_default_timezone()):
        return render_to_string(SJABLONEN[soort], context)


def html_voor(overleg: Schoolbeeldoverleg, soort: str) -> str:
    """The document's HTML, in a fixed number of queries however many participants or agreements:
    leidraad 3 (consultation, participants, template), afspraken 2, verslag 3 (… agreements)."""
    return _html_en_overleg(overleg.pk, soort)[0]


def _html_en_overleg(pk: int, soort: str) -> tuple[str, Schoolbeeldoverleg]:
    overleg = _overleg_met_alles(pk, soort)
    sjabloon = None
    if soort in {Documentsoort.LEIDRAAD, Documentsoort.AFSPRAKEN}:
        sjabloon = huidig_sjabloon(lsc=overleg.lsc, soort=soort)
    context = _context(
        overleg,
        soort,
        deelnemers=list(overleg.deelnemers.all()) if soort != Documentsoort.AFSPRAKEN else [],
        afspraken=list(overleg.afspraken.all()) if soort == Documentsoort.VERSLAG else [],
        tijdskader_uren=getattr(overleg, "tijdskader_uren", None),
        sjabloon=sjabloon,
    )
    return _render(soort, context), overleg


def voorbeeld_html(*, lsc: Leersteuncentrum, sjabloon: Sjabloon) -> str:
    """A template as it will be mailed, for an example school without a meeting planned yet."""
    school = School(naam="Voorbeeldschool", gemeente=lsc.gemeente)
    overleg = Schoolbeeldoverleg(lsc=lsc, school=school, schooljaar=huidig_schooljaar())
    context = _context(
        overleg, sjabloon.soort, deelnemers=[], afspraken=[], tijdskader_uren=None, sjabloon=sjabloon
    )
    return _render(sjabloon.soort, context | {"voorbeeld": True})


def _hash(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def bestandsnaam(overleg: Schoolbeeldoverleg, soort: str) -> str:
    return f"{soort}-{overleg.school.instellingsnummer}-{overleg.schooljaar_tekst}.pdf"


def bewaard_document(overleg: Schoolbeeldoverleg, soort: str) -> Document | None:
    """The stored document if it still matches the content, else None. Read with the content in the same
    queries (`_overleg_met_alles`): the row it gives holds what serving the file needs, nothing to save."""
    html, geladen = _html_en_overleg(overleg.pk, soort)
    if geladen.document_id is None or not geladen.document_bestand or geladen.document_hash != _hash(html):
        return None
    return Document(
        pk=geladen.document_id,
        overleg=geladen,
        soort=soort,
        inhoud_hash=geladen.document_hash,
        bestand=geladen.document_bestand,
    )


def actueel_document(overleg: Schoolbeeldoverleg, soort: str) -> Document:
    """The stored document, rendered (again) first when its content changed."""
    html = html_voor(overleg, soort)
    inhoud_hash = _hash(html)
    document = Document.objects.filter(overleg=overleg, soort=soort).first()
    if document and document.inhoud_hash == inhoud_hash and document.bestand:
        return document
    begin = time.perf_counter()
    pdf, paginas = pdf_en_paginas(html)
    render_ms = round((time.perf_counter() - begin) * 1000)

    document = document or Document(overleg=overleg, soort=soort)
    oud = document.bestand.name if document.bestand else None
    document.inhoud_hash = inhoud_hash
    document.render_ms = render_ms
    document.gerenderd_op = timezone.now()
    document.bestand.save(bestandsnaam(overleg, soort), ContentFile(pdf), save=False)
    document.paginas = paginas
    document.save()
    if oud and oud != document.bestand.name:
        # Only once the new row is committed: a rollback must not leave the row pointing at nothing.
        opslag = document.bestand.storage
        transaction.on_commit(lambda: opslag.delete(oud))
    return document
