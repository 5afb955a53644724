"""Benchmark: rendering the consultation's report (verslag) as PDF, per page, at about 1, 3 and 10 pages.

    .venv/bin/python bench/pdf_verslag.py [--runs 10] [--bewaar DIR]

Works in a scratch database `honingraat_bench_verslag` on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/…; only the server is taken from it), which it drops if it exists,
creates, migrates and drops again at the end; files go to a temporary MEDIA_ROOT. Production-like
settings (DEBUG off, a dummy SECRET_KEY).

Three consultations with a realistic report of about 2, 3 and 10 pages (no report is shorter than 2: every
section is printed, empty ones as "Niet ingevuld"): the report text, the expectations and the number of
participants and agreements grow with the size. Each report's HTML is built once (`html_voor`, timed
apart: queries + template), then rendered `--runs` times through `pdf_en_paginas`, the call
`actueel_document` makes (WeasyPrint with `AlleenDataUrls`). Baseline in the same run: "<p>Hallo</p>"
through `trajecten.pdf.html_naar_pdf`, the same WeasyPrint call; ratio = ms per page / baseline. Since the
second step that call reuses the thread's font configuration, which made the blank page itself about twice
as cheap; a "cold" baseline, the same "<p>Hallo</p>" with a new FontConfiguration each time (as every render
began before), is measured alongside so the ratios stay comparable with the first table. A second floor,
the report's own head (stylesheet, running header and footer) around the same "<p>Hallo</p>", tells the
stylesheet's cost from the content's. `--bewaar DIR` keeps each report's HTML and PDF to look at.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import kladdatabank

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "honingraat_bench_verslag"

# (name, participants per role, agreements, report paragraphs, paragraphs per expectation, sentences per
# paragraph or None for 3–5). The smallest is a short report of a meeting of three. No report is one page:
# the template prints every section (empty ones as "Niet ingevuld"), and even an empty report takes 2.
GROOTTES = [
    ("kort", 0, 1, 1, 1, 1),
    ("gemiddeld", 2, 6, 5, 1, None),
    ("lang", 4, 25, 36, 4, None),
]

ZINNEN = [
    "De school wil het leesbegrip in de tweede graad versterken en vraagt ondersteuning in de klas.",
    "De ankerondersteuner observeert twee lessen en bespreekt de bevindingen met de klasleerkracht.",
    "Het zorgteam brengt de aanmeldingen van dit schooljaar in kaart en deelt ze voor het volgende overleg.",
    "We spreken af dat de ondersteuning vooral klasondersteunend is, met aandacht voor het hele team.",
    "Het CLB volgt de aanmeldingen op en sluit aan bij het multidisciplinair overleg waar nodig.",
    "De leerkrachten vragen concrete tips voor rust bij overgangen en voor differentiatie bij instructie.",
    "Het specifiek leersteuncentrum brengt expertise rond autisme in, afgestemd op de trajecten type 9.",
    "Na de herfstvakantie evalueren we samen of de gekozen werkwijze het verwachte effect heeft.",
]


def tekst(alineas: int, *, met_koppen: bool, begin: int = 0, zinnen: int | None = None) -> str:
    """Report-like markup (`overleg.opmaak`): paragraphs of 3–5 sentences (or `zinnen`), now and then a
    heading and a list."""
    blokken = []
    for i in range(alineas):
        if met_koppen and i % 6 == 0:
            blokken.append(f"## Onderwerp {i // 6 + 1}")
        deze = [ZINNEN[(begin + i + j) % len(ZINNEN)] for j in range(zinnen or 3 + i % 3)]
        if i % 4 == 3:
            blokken.append("\n".join(f"- {zin}" for zin in deze))
        else:
            blokken.append(" ".join(deze).replace("leesbegrip", "**leesbegrip**", 1))
    return "\n\n".join(blokken)


def main() -> None:
    argumenten = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumenten.add_argument("--runs", type=int, default=10)
    argumenten.add_argument(
        "--bewaar", type=Path, help="map om elk verslag als HTML en PDF in te bewaren (om te bekijken)"
    )
    opties = argumenten.parse_args()
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honingraat")
    kladdatabank.maak_database(server, BENCH_DB)
    try:
        with tempfile.TemporaryDirectory() as media:
            os.environ.update(
                DATABASE_URL=kladdatabank.met_naam(server, BENCH_DB),
                DJANGO_SETTINGS_MODULE="honingraat.settings",
                SECRET_KEY="bench-" + "x" * 50,
                DEBUG="false",
                HTTPS="false",
                MEDIA_ROOT=media,
                LOG_LEVEL="WARNING",
            )
            sys.path.insert(0, str(ROOT))
            import django

            django.setup()
            _meet(opties.runs, opties.bewaar)
    finally:
        kladdatabank.verwijder_database(server, BENCH_DB)


def _meet(runs: int, bewaar: Path | None) -> None:
    from django.core.management import call_command

    from netwerk.pdf import _weasyprint
    from overleg.documenten import html_voor, pdf_en_paginas
    from overleg.models import Documentsoort
    from trajecten.pdf import html_naar_pdf

    call_command("migrate", verbosity=0)
    overleggen = _overleggen()

    html_naar_pdf("<p>Hallo</p>")  # fonts and WeasyPrint's caches loaded once, outside every timing
    weasyprint, alleen_data_urls = _weasyprint()

    def koud(html: str) -> bytes:
        """A render as every render began before the second step: a new font configuration each time."""
        return weasyprint.HTML(string=html, base_url=None, url_fetcher=alleen_data_urls()).write_pdf()

    rijen = []
    basis = []
    koude_basis = []
    for naam, overleg in overleggen:
        html_tijden = []
        for _ in range(runs):
            begin = time.perf_counter()
            html = html_voor(overleg, Documentsoort.VERSLAG)
            html_tijden.append((time.perf_counter() - begin) * 1000)
        tijden = []
        for _ in range(runs):
            begin = time.perf_counter()
            pdf, paginas = pdf_en_paginas(html)
            tijden.append((time.perf_counter() - begin) * 1000)
            # The baseline interleaved with the runs it is compared with: both see the same load.
            begin = time.perf_counter()
            html_naar_pdf("<p>Hallo</p>")
            basis.append((time.perf_counter() - begin) * 1000)
            begin = time.perf_counter()
            koud("<p>Hallo</p>")
            koude_basis.append((time.perf_counter() - begin) * 1000)
        assert pdf.startswith(b"%PDF")
        if bewaar:
            bewaar.mkdir(parents=True, exist_ok=True)
            (bewaar / f"{naam.split(':')[0]}.html").write_text(html)
            (bewaar / f"{naam.split(':')[0]}.pdf").write_bytes(pdf)
        rijen.append((naam, paginas, len(html), len(pdf), html_tijden, tijden))
    # A second floor: the report's own head (stylesheet, running header and footer, page numbers) around
    # "<p>Hallo</p>", to tell the cost of the stylesheet from the cost of the content.
    met_stijl = html.split("<body>")[0] + "<body><p>Hallo</p></body></html>"
    stijl = []
    for _ in range(runs):
        begin = time.perf_counter()
        _, stijl_paginas = pdf_en_paginas(met_stijl)
        stijl.append((time.perf_counter() - begin) * 1000)

    basis_mediaan = statistics.median(basis)
    koud_mediaan = statistics.median(koude_basis)
    print(f"runs: {runs} per size; baseline: {len(basis)} renders of <p>Hallo</p>")
    print(
        "| verslag | pagina's | HTML (kB) | PDF (kB) | html_voor mediaan (ms) | render mediaan (ms) "
        "| render max (ms) | ms per pagina | verhouding tot basislijn | verhouding tot koude basislijn |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")

    def rij(naam: str, paginas: int, html_kb: str, pdf_kb: str, html_ms: str, tijden: list[float]) -> None:
        mediaan = statistics.median(tijden)
        per_pagina = mediaan / paginas
        print(
            f"| {naam} | {paginas} | {html_kb} | {pdf_kb} | {html_ms} | {mediaan:.1f} | {max(tijden):.1f} "
            f"| {per_pagina:.1f} | {per_pagina / basis_mediaan:.1f}× | {per_pagina / koud_mediaan:.1f}× |"
        )

    rij("basislijn: <p>Hallo</p> via html_naar_pdf", 1, "0.0", "–", "–", basis)
    rij(
        "koude basislijn: <p>Hallo</p>, elke keer een nieuwe FontConfiguration",
        1,
        "0.0",
        "–",
        "–",
        koude_basis,
    )
    rij(
        "basislijn 2: <p>Hallo</p> met de kop en stijl van het verslag",
        stijl_paginas,
        f"{len(met_stijl) / 1024:.1f}",
        "–",
        "–",
        stijl,
    )
    for naam, paginas, html_grootte, pdf_grootte, html_tijden, tijden in rijen:
        rij(
            naam,
            paginas,
            f"{html_grootte / 1024:.1f}",
            f"{pdf_grootte / 1024:.1f}",
            f"{statistics.median(html_tijden):.1f}",
            tijden,
        )


def _overleggen() -> list:
    """One LSC, one school, one consultation per size, held, with its participants and agreements."""
    import datetime as dt

    from django.utils import timezone

    from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Rol
    from netwerk.schooljaar import huidig_schooljaar
    from overleg.models import Afspraak, Deelnemer, Schoolbeeldoverleg, Status
    from scholen.models import School

    jaar = huidig_schooljaar()
    lsc = Leersteuncentrum.objects.create(naam="Leersteuncentrum Waas en Dender")
    clb = Clb.objects.create(naam="CLB Waasland")
    rollen = {
        Deelnemer.Rol.ZORG: (Rol.ZORG, None),
        Deelnemer.Rol.ANKER: (Rol.ONDERSTEUNER, lsc),
        Deelnemer.Rol.ONDERSTEUNER: (Rol.ONDERSTEUNER, lsc),
        Deelnemer.Rol.SPECIFIEK: (Rol.ONDERSTEUNER, None),
        Deelnemer.Rol.CLB: (Rol.CLB, None),
    }
    uit = []
    datum = timezone.localtime() - dt.timedelta(days=7)
    datum = datum.replace(hour=13, minute=30, second=0, microsecond=0)
    for n, (naam, per_rol, afspraken, alineas, verwachting, zinnen) in enumerate(GROOTTES):

        def t(aantal: int, begin: int, *, koppen: bool = False, zinnen: int | None = zinnen) -> str:
            return tekst(aantal, met_koppen=koppen, begin=begin, zinnen=zinnen)

        school = School.objects.create(
            instellingsnummer=f"{200000 + n}",
            naam=f"Basisschool De Regenboog {naam}",
            gemeente="Sint-Niklaas",
            niveau="basis",
            net="vrij",
            clb=clb,
        )
        overleg = Schoolbeeldoverleg.objects.create(
            lsc=lsc,
            school=school,
            schooljaar=jaar,
            status=Status.GEHOUDEN,
            datum=datum,
            plaats="Leraarskamer, Kerkstraat 12",
            gehouden_op=datum,
            overzicht_trajecten=t(2, 0),
            prioriteiten="\n".join(f"- {z}" for z in ZINNEN[: 1 + verwachting]),
            verwachtingen_school=t(verwachting, 1),
            verwachtingen_lsc=t(verwachting, 2),
            verwachtingen_specifiek=t(verwachting, 3) if per_rol else "",
            verwachtingen_clb=t(verwachting, 4),
            werkwijze=t(verwachting, 5),
            spreiding="gemiddeld een halve dag om de twee weken",
            verslag=t(alineas, 6, koppen=alineas > 1),
            tussentijds_op=(datum + dt.timedelta(days=120)).date(),
            tussentijds_uur=dt.time(9, 0),
            tussentijds_plaats="Vergaderzaal",
            tussentijdse_effecten=t(alineas // 6, 7),
        )
        mensen = []
        for rol, (gebruikersrol, gebruikers_lsc) in rollen.items():
            # The smallest meeting: one care coordinator, the anchor and the CLB.
            aantal = per_rol or int(rol in {Deelnemer.Rol.ZORG, Deelnemer.Rol.ANKER, Deelnemer.Rol.CLB})
            for i in range(aantal):
                gebruiker = Gebruiker.objects.create(
                    email=f"{rol}{i}-{naam}@bench.example",
                    naam=f"{rol.label} {i + 1} {naam.capitalize()}",
                    rol=gebruikersrol,
                    lsc=gebruikers_lsc,
                )
                Deelnemer.objects.create(overleg=overleg, gebruiker=gebruiker, rol=rol, aanwezig=i != 1)
                mensen.append(gebruiker)
        for i in range(afspraken):
            Afspraak.objects.create(
                overleg=overleg,
                omschrijving=ZINNEN[i % len(ZINNEN)][:-1] + f" (afspraak {i + 1})",
                eigenaar=mensen[i % len(mensen)],
                tegen=datum.date() + dt.timedelta(days=14 * (i + 1)),
            )
        uit.append((f"{naam}: {len(mensen)} deelnemers, {afspraken} afspraken, {alineas} alinea's", overleg))
    return uit


if __name__ == "__main__":
    main()
