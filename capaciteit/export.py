"""A published distribution for the leersteunraad: the rows, then XLSX bytes or a PDF (offline)."""

from collections.abc import Iterator
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from capaciteit.models import Envelop, Tijdskader, Verdeling
from capaciteit.rekenen.uitleg import SOORTNAMEN
from netwerk import export
from netwerk.opmaak import afgerond
from netwerk.pdf import html_naar_pdf
from netwerk.schooljaar import als_tekst

KOLOMMEN = [
    "instellingsnummer",
    "naam",
    "leerlingen",
    "gemiddelde_verslagen",
    "gewicht",
    "berekende_uren",
    "uren_nu",
]


def gewicht_procent(tijdskader: Tijdskader) -> Decimal:
    return afgerond(tijdskader.gewicht * 100, 2)


def verdelingsrijen(tijdskaders: list[Tijdskader]) -> Iterator[list]:
    """The header, one row per school, then the totals."""
    yield KOLOMMEN
    for kader in tijdskaders:
        yield [
            kader.school.instellingsnummer,
            kader.school.naam,
            kader.leerlingen,
            afgerond(kader.gemiddelde_verslagen, 2),
            gewicht_procent(kader),
            kader.berekende_uren,
            kader.uren,
        ]
    yield [
        "Totaal",
        "",
        sum(k.leerlingen for k in tijdskaders),
        "",
        Decimal(100) if tijdskaders else Decimal(0),
        sum(k.berekende_uren for k in tijdskaders),
        sum(k.uren for k in tijdskaders),
    ]


def als_xlsx(tijdskaders: list[Tijdskader]) -> bytes:
    return export.als_xlsx(verdelingsrijen(tijdskaders), blad="Verdeling")


def regel_in_woorden(sleutel: dict, schooljaar: int) -> str:
    """The key of a published version as a sentence, from the settings stored with that version."""
    gewicht = sleutel.get("gewicht_leerlingen", 70)
    venster = sleutel.get("venster_jaren", 6)
    soorten = " + ".join(SOORTNAMEN.get(s, s) for s in sleutel.get("verslagsoorten") or ["gc"])
    referentie = sleutel.get("referentiejaar", schooljaar - 1)
    eenheid = sleutel.get("eenheid", Envelop.Eenheid.UUR)
    stap = "een halve dag (4 uur)" if eenheid == Envelop.Eenheid.HALVE_DAG else "1 uur"
    return (
        f"Elke school krijgt een deel van de envelop: {gewicht} % volgens haar aantal leerlingen in "
        f"{als_tekst(referentie)} en {100 - gewicht} % volgens het gemiddelde aantal {soorten}-verslagen "
        f"over de {venster} schooljaren voor {als_tekst(schooljaar)}. De uren worden verdeeld in eenheden "
        f"van {stap}; de eenheden die na het afronden overblijven, gaan één per school naar de grootste "
        "resten, zodat de som precies de envelop is."
    )


def als_pdf(verdeling: Verdeling, tijdskaders: list[Tijdskader]) -> bytes:
    envelop = verdeling.envelop
    sleutel = verdeling.sleutel or {}
    html = render_to_string(
        "capaciteit/pdf/verdeling.html",
        {
            "verdeling": verdeling,
            "lsc": envelop.lsc,
            "schooljaar": als_tekst(envelop.schooljaar),
            "sleutel": sleutel,
            "gewicht_verslagen": 100 - sleutel.get("gewicht_leerlingen", 70),
            "soorten": ", ".join(SOORTNAMEN.get(s, s) for s in sleutel.get("verslagsoorten") or ["gc"]),
            "referentiejaar": als_tekst(sleutel.get("referentiejaar", envelop.schooljaar - 1)),
            "halve_dag": sleutel.get("eenheid") == Envelop.Eenheid.HALVE_DAG,
            "regel": regel_in_woorden(sleutel, envelop.schooljaar),
            "rijen": [(k, gewicht_procent(k)) for k in tijdskaders],
            "totaal_leerlingen": sum(k.leerlingen for k in tijdskaders),
            "totaal_berekend": sum(k.berekende_uren for k in tijdskaders),
            "totaal_uren": sum(k.uren for k in tijdskaders),
            "afgedrukt_op": timezone.localdate(),
        },
    )
    return html_naar_pdf(html)
