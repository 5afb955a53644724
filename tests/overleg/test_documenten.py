"""The consultation's three PDFs: what they say, their pages, the logo, that they name no pupil, that they
fetch nothing, and that a stored document is rendered again only when its content changed."""

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from capaciteit.models import Tijdskader
from netwerk import pdf as netwerkpdf
from netwerk.models import Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg import documenten, sjablonen
from overleg.models import Afspraak, Deelnemer, Document, Documentsoort, Schoolbeeldoverleg
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
BRUSSEL = ZoneInfo("Europe/Brussels")
DATUM = dt.datetime(2025, 10, 14, 13, 30, tzinfo=BRUSSEL)
TWEEDE = dt.date(2026, 2, 10)
OVERZICHT = "## Brede types\n- 6 aanvragen type 9, vooral in de tweede graad\n- 3 aanvragen basisaanbod"


def _tekst(pdf_bytes: bytes) -> list[str]:
    """The text of every page, whitespace folded, so a phrase broken over two lines still matches."""
    return [
        " ".join((pagina.extract_text() or "").split()) for pagina in PdfReader(io.BytesIO(pdf_bytes)).pages
    ]


def _pdf(overleg, soort) -> bytes:
    return documenten.pdf_en_paginas(documenten.html_voor(overleg, soort))[0]


def _png(breedte=120, hoogte=60, formaat="PNG", kleur=(31, 78, 121)) -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (breedte, hoogte), kleur).save(uit, format=formaat)
    return uit.getvalue()


def _afbeeldingen(pdf_bytes: bytes) -> int:
    """Images drawn on the pages, also inside form XObjects (WeasyPrint may wrap them)."""

    def tel(resources, gezien) -> int:
        aantal = 0
        xobjecten = (resources or {}).get("/XObject") or {}
        for ref in xobjecten.values():
            obj = ref.get_object()
            if id(obj) in gezien:
                continue
            gezien.add(id(obj))
            if obj.get("/Subtype") == "/Image":
                aantal += 1
            elif obj.get("/Subtype") == "/Form":
                aantal += tel(obj.get("/Resources"), gezien)
        return aantal

    return sum(tel(pagina.get("/Resources"), set()) for pagina in PdfReader(io.BytesIO(pdf_bytes)).pages)


def _maak_overleg(wereld, **velden) -> Schoolbeeldoverleg:
    overleg = Schoolbeeldoverleg.objects.create(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        schooljaar=huidig_schooljaar(),
        datum=DATUM,
        duur_minuten=90,
        plaats="Leraarskamer, Kerkstraat 12",
        **velden,
    )
    for rol, gebruiker in [
        (Deelnemer.Rol.ZORG, wereld.gebruikers[Rol.ZORG]),
        (Deelnemer.Rol.ANKER, wereld.anker.gebruiker),
        (Deelnemer.Rol.CLB, wereld.gebruikers[Rol.CLB]),
    ]:
        Deelnemer.objects.create(overleg=overleg, gebruiker=gebruiker, rol=rol, aanwezig=True)
    return overleg


@pytest.fixture
def overleg(wereld_met_trajecten):
    wereld = wereld_met_trajecten
    for gebruiker, naam in [
        (wereld.gebruikers[Rol.ZORG], "Katrien Zorgvuldig"),
        (wereld.anker.gebruiker, "Els Janssens"),
        (wereld.gebruikers[Rol.CLB], "Pieter Clbmans"),
    ]:
        gebruiker.naam = naam
        gebruiker.save()
    overleg = _maak_overleg(
        wereld,
        overzicht_trajecten=OVERZICHT,
        prioriteiten="- Leesbegrip in het derde leerjaar\n- Rust in de klas bij overgangen",
        verwachtingen_school="De school verwacht **ondersteuning van de leerkrachten** van de tweede graad.",
        verwachtingen_lsc="Het LSC verwacht een vast aanspreekpunt in het zorgteam.",
        verwachtingen_specifiek="Afstemming over de trajecten type 4.",
        verwachtingen_clb="Het CLB volgt de aanmeldingen op.",
        werkwijze="We werken klasondersteunend, met een overleg om de zes weken.",
        spreiding="gemiddeld een halve dag om de twee weken",
        verslag="# Samenvatting\nHet overleg verliep constructief.",
        tussentijds_op=TWEEDE,
        tussentijds_uur=dt.time(9, 0),
        tussentijds_plaats="Vergaderzaal",
        tussentijdse_effecten="Nog niet besproken.",
    )
    Afspraak.objects.create(
        overleg=overleg,
        omschrijving="Observatiemoment plannen in het derde leerjaar",
        eigenaar=wereld.anker.gebruiker,
        tegen=dt.date(2025, 11, 15),
    )
    Afspraak.objects.create(
        overleg=overleg,
        omschrijving="Zorgbeleid bezorgen aan het LSC",
        eigenaar=wereld.gebruikers[Rol.ZORG],
        tegen=dt.date(2025, 10, 31),
    )
    return overleg


def _paginanummers_kloppen(paginas: list[str]) -> None:
    for nummer, tekst in enumerate(paginas, start=1):
        assert f"pagina {nummer} van {len(paginas)}" in tekst, (nummer, tekst[-120:])
        assert "LSC Eigen" in tekst, nummer


def test_de_leidraad_met_het_overleg_en_de_secties_van_het_sjabloon(overleg):
    paginas = _tekst(_pdf(overleg, Documentsoort.LEIDRAAD))
    tekst = " ".join(paginas)

    for verwacht in [
        "Leidraad schoolbeeldoverleg",
        "School Eigen",
        f"schooljaar {als_tekst(huidig_schooljaar())}",
        "dinsdag 14 oktober 2025, 13.30–15.00 uur",
        "Leraarskamer, Kerkstraat 12",
        "Zorgteam school, Ankerondersteuner, CLB-medewerker",
        "Doel van het overleg",
        "Prioriteiten van de school voor dit schooljaar",
        "Verwachtingen van elke partner",
        "Het specifiek leersteuncentrum",
        "Het CLB",
        "Waaraan en hoe we werken",
        "Overzicht van de aangemelde leersteuntrajecten",
        "6 aanvragen type 9, vooral in de tweede graad",
        "Tweede moment",
    ]:
        assert verwacht in tekst, verwacht
    # The supporters' overview stands where the template puts it: under its heading, before the 2nd moment.
    assert (
        tekst.index("Overzicht van de aangemelde leersteuntrajecten")
        < tekst.index("6 aanvragen type 9")
        < tekst.index("Tweede moment")
    )
    assert "[trajecten]" not in tekst
    _paginanummers_kloppen(paginas)


def test_de_blanco_leidraad_zegt_dat_het_overzicht_nog_komt(wereld):
    overleg = Schoolbeeldoverleg.objects.create(
        lsc=wereld.lsc, school=wereld.eigen_school, schooljaar=huidig_schooljaar()
    )

    tekst = " ".join(_tekst(_pdf(overleg, Documentsoort.LEIDRAAD)))

    assert "De leerondersteuners vullen dit overzicht in vóór het overleg." in tekst
    assert "nog te plannen" in tekst and "nog te bepalen" in tekst
    # No participants fixed yet: every partner's role is listed.
    assert "Zorgteam school, Ankerondersteuner, Leerondersteuner, Leerondersteuner specifiek LSC" in tekst


def test_zonder_plaatsregel_komt_het_overzicht_achteraan(overleg, wereld):
    sjablonen.sjabloon_bewaren(
        door=wereld.gebruikers[Rol.COORDINATOR],
        lsc=wereld.lsc,
        soort="leidraad",
        titel="Korte leidraad",
        tekst="# Doel\nSamen afspreken.\n\n# Tweede moment\nIn februari.",
    )

    tekst = " ".join(_tekst(_pdf(overleg, Documentsoort.LEIDRAAD)))

    assert "Korte leidraad" in tekst
    assert tekst.index("In februari.") < tekst.index("Overzicht van de aangemelde leersteuntrajecten")
    assert tekst.index("Overzicht van de aangemelde") < tekst.index("6 aanvragen type 9")


def test_de_samenwerkingsafspraken(overleg):
    paginas = _tekst(_pdf(overleg, Documentsoort.AFSPRAKEN))
    tekst = " ".join(paginas)

    for verwacht in [
        "Samenwerkingsafspraken",
        "School Eigen",
        "CLB-medewerkers worden niet betrokken bij de samenwerkingsafspraken",
        "maximum tijdskader",
        "gemiddeld een halve dag om de twee weken",
        "maximum 2 scholen per dag",
        "leerondersteuners dat effectief op één school komt",
        "Kleine types buiten het tijdskader",
        "open envelop",
    ]:
        assert verwacht in tekst, verwacht
    _paginanummers_kloppen(paginas)


def test_het_verslag(overleg, wereld_met_trajecten):
    kader = Tijdskader.objects.get(verdeling=wereld_met_trajecten.eigen_verdeling, school=overleg.school)

    paginas = _tekst(_pdf(overleg, Documentsoort.VERSLAG))
    tekst = " ".join(paginas)

    for verwacht in [
        "Verslag van het schoolbeeldoverleg",
        "School Eigen",
        "dinsdag 14 oktober 2025",
        "Leraarskamer, Kerkstraat 12",
        "Zorgteam school Katrien Zorgvuldig",
        "Ankerondersteuner Els Janssens",
        "CLB-medewerker Pieter Clbmans",
        "Leesbegrip in het derde leerjaar",
        "De school verwacht ondersteuning van de leerkrachten",
        "Het LSC verwacht een vast aanspreekpunt",
        "Afstemming over de trajecten type 4.",
        "Het CLB volgt de aanmeldingen op.",
        "We werken klasondersteunend",
        "Observatiemoment plannen in het derde leerjaar",
        "15 november 2025",
        "Zorgbeleid bezorgen aan het LSC",
        "31 oktober 2025",
        f"Tijdskader {als_tekst(huidig_schooljaar())}",
        f"{kader.uren} uur",
        "Spreiding: gemiddeld een halve dag om de twee weken",
        "kleine types",
        "dinsdag 10 februari 2026, 09.00 uur",
        "Vergaderzaal",
        "Nog niet besproken.",
        "Samenvatting",
        "Het overleg verliep constructief.",
    ]:
        assert verwacht in tekst, verwacht
    # Agreements by due date; sections in the order of the meeting.
    assert tekst.index("Zorgbeleid bezorgen") < tekst.index("Observatiemoment plannen")
    volgorde = ["Deelnemers", "Prioriteiten", "Verwachtingen", "Waaraan en hoe", "Afspraken", "Tijdskader"]
    posities = [tekst.index(kop) for kop in volgorde]
    assert posities == sorted(posities)
    assert kader.uren > 0
    _paginanummers_kloppen(paginas)


def test_het_verslag_zonder_gepubliceerd_tijdskader(wereld):
    overleg = _maak_overleg(wereld)

    tekst = " ".join(_tekst(_pdf(overleg, Documentsoort.VERSLAG)))

    assert "Het tijdskader van de school is nog niet gepubliceerd." in tekst
    assert "nog af te spreken" in tekst
    assert "Geen afspraken genoteerd." in tekst


def test_een_afwezige_deelnemer_staat_erbij_als_afwezig(overleg):
    overleg.deelnemers.filter(rol=Deelnemer.Rol.CLB).update(aanwezig=False)

    tekst = " ".join(_tekst(_pdf(overleg, Documentsoort.VERSLAG)))

    assert "Pieter Clbmans (afwezig)" in tekst


def test_geen_enkele_leerling_staat_in_de_documenten(overleg, wereld_met_trajecten):
    leerling = wereld_met_trajecten.eigen_traject.leerling
    leerling.voornaam = "Jorinde"
    leerling.save()

    for soort in Documentsoort.values:
        html = documenten.html_voor(overleg, soort)
        assert "Jorinde" not in html, soort
        assert "Jorinde" not in " ".join(_tekst(documenten.pdf_en_paginas(html)[0])), soort


def test_markup_in_sjabloon_en_verslag_wordt_tekst_en_er_wordt_niets_opgehaald(overleg, wereld, monkeypatch):
    gevraagd, opgehaald = [], []
    eigen_fetch, ouder_fetch = netwerkpdf.AlleenDataUrls.fetch, URLFetcher.fetch

    def fetch_spion(self, url, headers=None):
        gevraagd.append(url)
        return eigen_fetch(self, url, headers)

    def ouder_spion(self, url, headers=None):
        opgehaald.append(url)
        return ouder_fetch(self, url, headers)

    monkeypatch.setattr(netwerkpdf.AlleenDataUrls, "fetch", fetch_spion)
    monkeypatch.setattr(URLFetcher, "fetch", ouder_spion)
    sjablonen.sjabloon_bewaren(
        door=wereld.gebruikers[Rol.COORDINATOR],
        lsc=wereld.lsc,
        soort="afspraken",
        titel="Afspraken <b>vet</b>",
        tekst='# Kop\nZie <img src="file:///etc/passwd"> en <script>alert(1)</script>',
    )
    overleg.verslag = '<link rel="stylesheet" href="http://127.0.0.1:9/a.css"> **echt vet**'
    overleg.save()

    html = documenten.html_voor(overleg, Documentsoort.AFSPRAKEN)
    tekst = " ".join(_tekst(documenten.pdf_en_paginas(html)[0]))
    verslag_html = documenten.html_voor(overleg, Documentsoort.VERSLAG)
    verslag = " ".join(_tekst(documenten.pdf_en_paginas(verslag_html)[0]))

    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert '<img src="file' not in html and "<script>" not in html and "<b>" not in html
    assert '<img src="file:///etc/passwd">' in tekst
    assert "<script>alert(1)</script>" in tekst
    assert "Afspraken <b>vet</b>" in tekst
    assert "<link" not in verslag_html and "<strong>echt vet</strong>" in verslag_html
    assert '<link rel="stylesheet" href="http://127.0.0.1:9/a.css">' in verslag
    assert "root:" not in tekst
    assert [url for url in gevraagd if not url.startswith("data:")] == []
    assert opgehaald == []


def test_het_logo_staat_in_de_kop_en_anders_de_initialen(overleg, wereld):
    zonder = _pdf(overleg, Documentsoort.AFSPRAKEN)
    assert _afbeeldingen(zonder) == 0
    assert "EI" in _tekst(zonder)[0]  # "LSC Eigen" → the text mark

    sjablonen.logo_bewaren(
        door=wereld.gebruikers[Rol.COORDINATOR],
        lsc=wereld.lsc,
        bestand=SimpleUploadedFile("logo.png", _png(), content_type="image/png"),
    )
    overleg.refresh_from_db()
    html = documenten.html_voor(overleg, Documentsoort.AFSPRAKEN)
    met = documenten.pdf_en_paginas(html)[0]

    assert 'src="data:image/png;base64,' in html
    paginas = PdfReader(io.BytesIO(met)).pages
    assert _afbeeldingen(met) >= len(paginas) >= 1


def test_een_verdwenen_logobestand_geeft_de_initialen(overleg, wereld):
    sjablonen.logo_bewaren(
        door=None, lsc=wereld.lsc, bestand=SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    )
    default_storage.delete(wereld.lsc.logo.name)

    html = documenten.html_voor(overleg, Documentsoort.LEIDRAAD)

    assert "data:image" not in html and 'class="teken"' in html


def test_opnieuw_gemaakt_alleen_als_de_inhoud_veranderde(
    overleg, monkeypatch, django_capture_on_commit_callbacks
):
    gemaakt = []
    echt = documenten.pdf_en_paginas

    def tellen(html):
        gemaakt.append(html)
        return echt(html)

    monkeypatch.setattr(documenten, "pdf_en_paginas", tellen)

    eerste = documenten.actueel_document(overleg, Documentsoort.VERSLAG)
    zelfde = documenten.actueel_document(overleg, Documentsoort.VERSLAG)

    assert len(gemaakt) == 1
    assert zelfde.pk == eerste.pk and zelfde.bestand.name == eerste.bestand.name
    assert eerste.paginas == len(PdfReader(eerste.bestand.open("rb")).pages) >= 1
    assert eerste.render_ms >= 0
    assert documenten.bewaard_document(overleg, Documentsoort.VERSLAG) == eerste
    assert eerste.bestand.name.endswith(".pdf") and default_storage.exists(eerste.bestand.name)
    assert documenten.bestandsnaam(overleg, "verslag") == (
        f"verslag-{overleg.school.instellingsnummer}-{overleg.schooljaar_tekst}.pdf"
    )

    overleg.verslag += "\n\nEen zin erbij."
    overleg.save()
    assert documenten.bewaard_document(overleg, Documentsoort.VERSLAG) is None
    with django_capture_on_commit_callbacks(execute=True) as na_commit:
        nieuw = documenten.actueel_document(overleg, Documentsoort.VERSLAG)
    assert len(na_commit) == 1  # the old file goes only once the new row is committed

    assert len(gemaakt) == 2
    assert nieuw.pk == eerste.pk and nieuw.inhoud_hash != eerste.inhoud_hash
    assert "Een zin erbij." in " ".join(_tekst(nieuw.bestand.open("rb").read()))
    assert not default_storage.exists(eerste.bestand.name) or eerste.bestand.name == nieuw.bestand.name
    assert Document.objects.filter(overleg=overleg).count() == 1


def test_een_nieuwe_sjabloonversie_maakt_de_leidraad_opnieuw(overleg, wereld):
    eerste = documenten.actueel_document(overleg, Documentsoort.LEIDRAAD)
    hash_ervoor = eerste.inhoud_hash
    assert documenten.actueel_document(overleg, Documentsoort.LEIDRAAD).inhoud_hash == hash_ervoor

    sjablonen.sjabloon_bewaren(
        door=wereld.gebruikers[Rol.COORDINATOR],
        lsc=wereld.lsc,
        soort="leidraad",
        titel="Leidraad schoolbeeldoverleg",
        tekst=sjablonen.standaard_tekst("leidraad") + "\n# Nog een vraag\nWat wil je nog kwijt?",
    )
    nieuw = documenten.actueel_document(overleg, Documentsoort.LEIDRAAD)

    assert nieuw.inhoud_hash != hash_ervoor
    assert "Wat wil je nog kwijt?" in " ".join(_tekst(nieuw.bestand.open("rb").read()))
    # The other documents do not depend on the leidraad.
    assert documenten.bewaard_document(overleg, Documentsoort.LEIDRAAD) == nieuw


@pytest.mark.parametrize(("soort", "verwacht"), [("leidraad", 3), ("afspraken", 2), ("verslag", 3)])
def test_het_aantal_queries_hangt_niet_af_van_deelnemers_of_afspraken(wereld_met_trajecten, soort, verwacht):
    wereld = wereld_met_trajecten
    klein = _maak_overleg(wereld)
    school = factories.SchoolFactory(naam="School Groot")
    factories.BedieningFactory(lsc=wereld.lsc, school=school)
    groot = Schoolbeeldoverleg.objects.create(lsc=wereld.lsc, school=school, schooljaar=huidig_schooljaar())
    for i in range(8):
        gebruiker = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
        Deelnemer.objects.create(overleg=groot, gebruiker=gebruiker, rol=Deelnemer.Rol.ZORG)
        Afspraak.objects.create(
            overleg=groot, omschrijving=f"Afspraak {i}", eigenaar=gebruiker, tegen=dt.date(2025, 12, i + 1)
        )

    with CaptureQueriesContext(connection) as bij_klein:
        documenten.html_voor(klein, soort)
    with CaptureQueriesContext(connection) as bij_groot:
        documenten.html_voor(groot, soort)

    assert len(bij_klein) == len(bij_groot) == verwacht, [q["sql"][:90] for q in bij_groot]


def test_het_voorbeeld_van_een_sjabloon_voor_een_voorbeeldschool(wereld):
    sjabloon = sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort="leidraad")

    with CaptureQueriesContext(connection) as vastgelegd:
        html = documenten.voorbeeld_html(lsc=wereld.lsc, sjabloon=sjabloon)
    tekst = " ".join(_tekst(documenten.pdf_en_paginas(html)[0]))

    assert len(vastgelegd) == 0
    assert "Voorbeeldschool" in tekst and "Leidraad schoolbeeldoverleg" in tekst
    assert "De leerondersteuners vullen dit overzicht in vóór het overleg." in tekst


@pytest.mark.parametrize(
    ("naam", "verwacht"),
    [("LSC Eigen", "EI"), ("Leersteuncentrum Waas en Dender", "LWD"), ("LSC", "LS"), ("SLSC 467", "46")],
)
def test_initialen(naam, verwacht):
    assert documenten.initialen(naam) == verwacht


@pytest.mark.skipif(not os.environ.get("HONINGRAAT_PDF_VOORBEELD"), reason="zet HONINGRAAT_PDF_VOORBEELD=1")
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) ontbreekt")
def test_voorbeelden_om_te_bekijken(overleg, wereld):
    """Writes var/pdf/overleg-*.pdf and var/schermafdrukken/overleg-*.png (60 dpi) for a person to look at."""
    wereld.lsc.naam = "Leersteuncentrum Waas en Dender"
    wereld.lsc.save()
    wereld.eigen_school.naam, wereld.eigen_school.gemeente = "Vrije Basisschool De Regenboog", "Lokeren"
    wereld.eigen_school.save()
    pdfmap, pngmap = ROOT / "var" / "pdf", ROOT / "var" / "schermafdrukken"
    pdfmap.mkdir(parents=True, exist_ok=True)
    pngmap.mkdir(parents=True, exist_ok=True)
    if os.environ.get("HONINGRAAT_PDF_LOGO"):
        beeld = Image.new("RGB", (480, 160), (255, 255, 255))
        for x in range(0, 160):
            for y in range(20, 140):
                beeld.putpixel((x, y), (232, 170, 20) if (x // 20 + y // 20) % 2 else (31, 78, 121))
        uit = io.BytesIO()
        beeld.save(uit, format="PNG")
        sjablonen.logo_bewaren(door=None, lsc=wereld.lsc, bestand=SimpleUploadedFile("l.png", uit.getvalue()))
    for soort in Documentsoort.values:
        naam = f"overleg-{soort}"
        (pdfmap / f"{naam}.pdf").write_bytes(_pdf(overleg, soort))
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdfmap / f"{naam}.pdf"), str(pngmap / naam)], check=True
        )
