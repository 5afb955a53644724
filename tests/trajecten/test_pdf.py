"""The trajectory PDF for the school file: its content, its pages, its privacy and that it fetches nothing."""

import base64
import datetime as dt
import io
import os
import re
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from weasyprint.urls import URLFetcher

from netwerk import pdf as netwerkpdf
from netwerk.models import Rol
from tests import factories
from trajecten import pdf, services
from trajecten.models import Afsluitvraag, Betrokkene, Doel, Evaluatie, Frequentie, Inhoud, Toewijzing, Vorm
from trajecten.services import LeerlingGegevens

ROOT = Path(__file__).resolve().parents[2]
AANGEMELD = dt.date(2025, 9, 8)
START = dt.date(2025, 9, 29)
AFGEROND = dt.date(2026, 6, 26)
DOELEN = [
    "Lotte plant haar weektaak zelfstandig",
    "Lotte vraagt zelf een pauze wanneer het te druk wordt",
]
BESLISSINGEN = [Evaluatie.Beslissing.VERDERZETTEN, Evaluatie.Beslissing.BIJSTUREN]


def _tekst(pdf_bytes: bytes) -> list[str]:
    """The text of every page, whitespace folded, so a phrase broken over two lines still matches."""
    return [
        " ".join((pagina.extract_text() or "").split()) for pagina in PdfReader(io.BytesIO(pdf_bytes)).pages
    ]


def _maak_traject(
    wereld,
    *,
    evaluaties: int = 1,
    vraag_leerkracht: str = "Hoe help ik Lotte om haar werk te plannen en rust te vinden in de klas?",
    afsluiten: bool = True,
):
    """A pupil-bound trajectory through the services, from request to answered closing questions."""
    door = wereld.gebruikers[Rol.COORDINATOR]
    traject = services.traject_aanmelden(
        door=door,
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        gebondenheid="leerling",
        leerling=LeerlingGegevens(voornaam="Lotte", initiaal="V", geboortejaar=2016, klas="4B", verslag="gc"),
        type="9",
        fase=3,
        focussen=["ass"],
        vraag_leerkracht=vraag_leerkracht,
        vraag_leerling_ouders=(
            "De ouders vragen dat Lotte minder overprikkeld thuiskomt; "
            "ze is geïnteresseerd in één vaste plek."
        ),
        aangemeld_op=AANGEMELD,
        anker=wereld.anker,
    )
    focus = factories.OndersteunerFactory(
        lsc=wereld.lsc, regioteam=wereld.regioteam, gebruiker__naam="Sofie Claeys"
    )
    services.ondersteuner_toewijzen(door=door, traject=traject, ondersteuner=focus, rol=Toewijzing.Rol.FOCUS)
    Betrokkene.objects.create(traject=traject, rol=Betrokkene.Rol.OUDERS, naam="Familie Vermeulen")
    Betrokkene.objects.create(
        traject=traject,
        rol=Betrokkene.Rol.ZORGCOORDINATOR,
        naam="An Vermeulen",
        organisatie=wereld.eigen_school.naam,
    )
    Betrokkene.objects.create(traject=traject, rol=Betrokkene.Rol.CLB, organisatie=wereld.clb.naam)
    services.antwoord_geven(
        door=door,
        traject=traject,
        antwoord=(
            "We starten met een observatie in de klas en een overleg met de leerkracht en de zorgcoördinator."
        ),
        op=AANGEMELD + dt.timedelta(days=7),
    )
    traject = services.traject_starten(
        door=door,
        traject=traject,
        start=START,
        geplande_einde=AFGEROND,
        doelen=DOELEN,
        intensiteit_minuten=90,
        frequentie=Frequentie.TWEE_WEKEN,
        vormen=[Vorm.KLAS, Vorm.LEERKRACHT],
        inhoud=[Inhoud.OVERLEG, Inhoud.PLAN],
        volgende_evaluatie=START + dt.timedelta(days=42),
    )
    doelen = list(Doel.objects.filter(traject=traject).order_by("volgorde"))
    for i in range(evaluaties):
        laatste = i == evaluaties - 1
        services.evaluatie_registreren(
            door=wereld.anker.gebruiker,
            traject=traject,
            # The last decides to close, and so closes the trajectory on its date.
            datum=AFGEROND if laatste and afsluiten else START + dt.timedelta(days=7 * (i + 1)),
            beslissing=Evaluatie.Beslissing.AFRONDEN if laatste and afsluiten else BESLISSINGEN[i % 2],
            samenvatting=f"Evaluatie {i + 1}: met de leerkracht en de zorgcoördinator geëvalueerd.",
            doelen={
                doelen[0].pk: (
                    "bereikt" if i == evaluaties - 1 else "bezig",
                    f"Weektaak {i + 1}: lukt beter",
                ),
                doelen[1].pk: ("deels", "Vraagt pauze met de kaart"),
            },
        )
    if afsluiten:
        vraag = Afsluitvraag.objects.get(traject=traject)
        sleutel = services.afsluitsleutel(traject_id=traject.pk, verloopt_op=vraag.verloopt_op)
        services.afsluitvragen_beantwoorden(
            sleutel=sleutel,
            wat_neem_je_mee="De weekplanning op het bord voor de hele klas.",
            waar_liggen_kansen="Een rustige hoek in elke klas van de tweede graad.",
        )
    return traject


@pytest.fixture
def traject(wereld):
    """Evaluated on 6 October 2025, and closed by the decision of the evaluation of 26 June 2026."""
    return _maak_traject(wereld, evaluaties=2)


def test_de_pdf_bevat_het_hele_traject(traject):
    gegevens = pdf.traject_pdf(traject)

    assert gegevens.startswith(b"%PDF-")
    paginas = _tekst(gegevens)
    tekst = " ".join(paginas)
    for verwacht in [
        "LSC Eigen",
        "Leersteuntraject",
        "School Eigen",
        "Lotte V.",
        "4B",
        "GC-verslag",
        "Leerlinggebonden",
        "Type 9 (autismespectrumstoornis)",
        "Breed type",
        "ASS",
        "Fase 3",
        "Afgerond",
        "Hoe help ik Lotte om haar werk te plannen",
        "De ouders vragen dat Lotte minder overprikkeld thuiskomt",
        "We starten met een observatie in de klas",
        "29 september 2025",
        "26 juni 2026",
        "1u30 om de twee weken",
        "Klasondersteunend, Ondersteuner van de leerkracht",
        "Overleg, Plan van aanpak",
        "Sofie Claeys",
        "Focusondersteuner",
        "Ankerondersteuner",
        "CLB-medewerker",
        "CLB Eigen",
        *DOELEN,
        "Bereikt",
        "Deels bereikt",
        "6 oktober 2025",
        "Afronden",
        "Evaluatie 1: met de leerkracht en de zorgcoördinator geëvalueerd.",
        "Weektaak 1: lukt beter",
        "Afgerond op 26 juni 2026",
        "Wat neem je als school mee?",
        "De weekplanning op het bord voor de hele klas.",
        "Waar liggen nog kansen?",
        "Een rustige hoek in elke klas van de tweede graad.",
        "pagina 1 van",
    ]:
        assert verwacht in tekst, verwacht
    assert paginas[0].count("pagina 1 van") == 1
    assert "Vertrouwelijk" in paginas[0]


def test_de_familienaam_van_de_leerling_staat_nergens(traject):
    """Only the initial: the network is printed as role and organisation, never with the names in it."""
    tekst = " ".join(_tekst(pdf.traject_pdf(traject)))

    assert "Lotte V." in tekst
    assert "Vermeulen" not in tekst
    assert "Vermeulen" not in pdf.traject_html(traject)
    assert "2016" not in tekst


def test_nederlandse_letters_met_accenten_en_een_ingebed_lettertype(traject):
    gegevens = pdf.traject_pdf(traject)
    tekst = " ".join(_tekst(gegevens))

    for woord in ["geïnteresseerd", "één", "geëvalueerd", "Zorgcoördinator", "zorgcontinuüm"]:
        assert woord in tekst, woord
    lettertypes = {
        str(font["/BaseFont"])
        for pagina in PdfReader(io.BytesIO(gegevens)).pages
        for font in pagina["/Resources"]["/Font"].values()
    }
    assert lettertypes and all("DejaVuSans" in naam.replace("-", "") for naam in lettertypes), lettertypes


def test_een_lang_traject_telt_zijn_paginas(wereld):
    traject = _maak_traject(wereld, evaluaties=30)

    paginas = _tekst(pdf.traject_pdf(traject))

    totaal = len(paginas)
    assert totaal >= 3
    for nummer, tekst in enumerate(paginas, start=1):
        assert f"pagina {nummer} van {totaal}" in tekst, (nummer, tekst[-200:])
        assert "LSC Eigen" in tekst, nummer
    alles = " ".join(paginas)
    assert "Evaluatie 30: met de leerkracht" in alles
    assert "Weektaak 30: lukt beter" in alles
    assert "Een rustige hoek in elke klas" in paginas[-1]


def test_de_pdf_telt_de_tijd_in_het_logboek_in_uren_per_activiteit(wereld):
    traject = _maak_traject(wereld, afsluiten=False)
    for minuten, activiteit in [(90, "leerling"), (45, "overleg"), (30, "overleg"), (60, "leerling")]:
        factories.LogboekregelFactory(
            traject=traject, ondersteuner=wereld.anker, datum=START, minuten=minuten, activiteit=activiteit
        )
    tekst = " ".join(_tekst(pdf.traject_pdf(traject)))
    assert "In totaal 3u45 ondersteuning in 4 regels." in tekst
    assert "Overleg 2 1u15" in tekst and "Begeleiding leerling 2 2u30" in tekst
    assert "minuten" not in tekst


def test_het_aantal_queries_hangt_niet_af_van_de_lengte(wereld):
    kort = _maak_traject(wereld, evaluaties=1)
    lang = _maak_traject(wereld, evaluaties=12)

    with CaptureQueriesContext(connection) as bij_kort:
        pdf.traject_html(kort)
    with CaptureQueriesContext(connection) as bij_lang:
        pdf.traject_html(lang)

    # The trajectory with its lsc, school, pupil and closing answers; supporters, network, goals,
    # evaluations with their goals; the logbook's time per activity (7, 6 before the logbook summary).
    assert len(bij_kort) == len(bij_lang) == 7


def test_markup_in_vrije_tekst_wordt_tekst_en_er_wordt_niets_opgehaald(wereld, monkeypatch):
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
    traject = _maak_traject(
        wereld,
        vraag_leerkracht='Zie <img src="file:///etc/passwd"> en <img src="http://127.0.0.1:9/x.png">',
    )

    html = pdf.traject_html(traject)
    tekst = " ".join(_tekst(pdf.traject_pdf(traject)))

    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert '<img src="file:///etc/passwd">' not in html
    assert '<img src="file:///etc/passwd">' in tekst
    assert '<img src="http://127.0.0.1:9/x.png">' in tekst
    assert "root:" not in tekst
    assert [url for url in gevraagd if not url.startswith("data:")] == []
    assert opgehaald == []


def test_ook_echte_markup_haalt_geen_bestand_of_server_op(monkeypatch):
    """The second lock: should markup reach WeasyPrint, only `data:` URLs are read."""
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
    png = base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cf000000030101005dd5a4f50000000049454e44ae426082"
        )
    ).decode()
    html = (
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<style>@import url("http://127.0.0.1:9/a.css");</style>'
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        f'<img src="data:image/png;base64,{png}"><p>Alleen dit.</p>'
    )

    tekst = " ".join(_tekst(pdf.html_naar_pdf(html)))

    assert "Alleen dit." in tekst and "root:" not in tekst
    assert {"file:///etc/passwd", "http://127.0.0.1:9/x.png"} <= set(gevraagd)
    assert opgehaald and all(url.startswith("data:") for url in opgehaald)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        " file:///etc/passwd",
        "http://127.0.0.1/",
        "https://x.example/",
    ],
)
def test_de_fetcher_weigert_alles_behalve_data(url):
    with pytest.raises(ValueError, match="geen externe bronnen"):
        netwerkpdf.AlleenDataUrls().fetch(url)


def test_de_fetcher_leest_data_urls():
    antwoord = netwerkpdf.AlleenDataUrls().fetch("data:text/plain;base64,aGFsbG8=")
    assert antwoord.read() == b"hallo"


def _maak_team_traject(wereld):
    """A team-bound request for a small type, stopped before it started."""
    door = wereld.gebruikers[Rol.COORDINATOR]
    traject = services.traject_aanmelden(
        door=door,
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        gebondenheid="team",
        groep="Team tweede graad",
        type="4",
        fase=2,
        vraag_leerkracht="Hoe richten we de klassen toegankelijk in?",
        aangemeld_op=AANGEMELD,
    )
    return services.traject_stopzetten(
        door=door, traject=traject, reden="De school kiest een andere aanpak.", op=START
    )


def test_teamgebonden_traject_toont_de_groep_en_stopgezet_de_reden(wereld):
    traject = _maak_team_traject(wereld)

    tekst = " ".join(_tekst(pdf.traject_pdf(traject)))

    for verwacht in [
        "Team tweede graad",
        "Teamgebonden",
        "Type 4 (motorische beperking)",
        "Klein type",
        "Stopgezet op 29 september 2025",
        "De school kiest een andere aanpak.",
        "Nog niet beantwoord.",
        "Het traject is niet gestart: er zijn geen afspraken, doelen of evaluaties.",
    ]:
        assert verwacht in tekst, verwacht
    assert "Leerling " not in tekst
    assert "Wat neem je als school mee?" not in tekst
    assert "Evaluaties" not in tekst


def _maak_lang_traject(wereld):
    """Every free text at its longest, with an unbroken URL and newlines: the layout must hold it."""
    url = "https://voorbeeld.example/" + "heel-lang-pad-zonder-spaties-" * 5
    woord = "Onafgebrokenwoordzonderspatiesofkoppeltekens" * 3
    alinea = "Lotte werkt geconcentreerd wanneer de taak in stappen op haar bank ligt. " * 6
    traject = _maak_traject(
        wereld, evaluaties=3, vraag_leerkracht=(f"{alinea}\n\nZie {url} {woord}\n{alinea}" * 3)[:2000]
    )
    doel = Doel.objects.filter(traject=traject).first()
    doel.omschrijving = ("Lotte plant haar weektaak zelfstandig met een stappenplan op haar bank, " * 5)[:300]
    doel.save()
    Betrokkene.objects.create(traject=traject, rol=Betrokkene.Rol.THERAPEUT, organisatie="Centrum " * 18)
    evaluatie = Evaluatie.objects.filter(traject=traject).first()
    evaluatie.samenvatting = (alinea * 5)[:2000]
    evaluatie.save()
    evaluatie.doelen.update(vooruitgang=(f"Lukt steeds beter; {woord} {url} " * 3)[:500])
    return traject


def _woorden_voorbij_de_marge(pdf_bytes: bytes, tmp_path) -> list[str]:
    """Words whose box ends right of the page's right margin (18 mm), with a small tolerance."""
    bestand = tmp_path / "traject.pdf"
    bestand.write_bytes(pdf_bytes)
    uit = subprocess.run(
        ["pdftotext", "-bbox", str(bestand), "-"], capture_output=True, text=True, check=True
    )
    rechts = (210 - 18) / 25.4 * 72 + 1
    return [
        f"{woord} ({float(x):.0f} > {rechts:.0f})"
        for x, woord in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', uit.stdout)
        if float(x) > rechts
    ]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) ontbreekt")
def test_lange_teksten_blijven_binnen_de_marges(wereld, tmp_path):
    traject = _maak_lang_traject(wereld)

    gegevens = pdf.traject_pdf(traject)

    assert _woorden_voorbij_de_marge(gegevens, tmp_path) == []
    tekst = "".join(" ".join(_tekst(gegevens)).split())
    assert "heel-lang-pad-zonder-spaties-heel-lang-pad" in tekst
    assert "Onafgebrokenwoordzonderspatiesofkoppeltekens" * 3 in tekst


@pytest.mark.parametrize(
    ("minuten", "frequentie", "verwacht"),
    [
        (90, "2weken", "1u30 om de twee weken"),
        (60, "week", "1u per week"),
        (45, "maand", "45 min per maand"),
        (125, "", "2u05"),
        (None, "week", ""),
    ],
)
def test_intensiteit_in_woorden(minuten, frequentie, verwacht):
    assert pdf.intensiteit_in_woorden(minuten, frequentie) == verwacht


def test_bestandsnaam_zonder_leerling(traject):
    naam = pdf.bestandsnaam(traject, op=dt.date(2026, 7, 1))
    assert naam == f"leersteuntraject-{traject.pk}-2026-07-01.pdf"


@pytest.mark.skipif(not os.environ.get("HONINGRAAT_PDF_VOORBEELD"), reason="zet HONINGRAAT_PDF_VOORBEELD=1")
def test_voorbeeld_en_rendertijd(wereld, capsys):
    """Writes var/pdf/traject-voorbeeld.pdf to look at, and prints the median render time per page."""
    uit = ROOT / "var" / "pdf"
    uit.mkdir(parents=True, exist_ok=True)
    wereld.lsc.naam = "Leersteuncentrum Waas en Dender"
    wereld.lsc.save()
    wereld.eigen_school.naam, wereld.eigen_school.gemeente = "Vrije Basisschool De Regenboog", "Lokeren"
    wereld.eigen_school.save()
    wereld.clb.naam = "Vrij CLB Waas-Dender"
    wereld.clb.save()
    wereld.anker.gebruiker.naam = "Els Janssens"
    wereld.anker.gebruiker.save()
    team = _maak_team_traject(wereld)
    kort = _maak_traject(wereld, evaluaties=2)
    lang = _maak_traject(wereld, evaluaties=30)
    (uit / "traject-voorbeeld.pdf").write_bytes(pdf.traject_pdf(kort))
    (uit / "traject-lang.pdf").write_bytes(pdf.traject_pdf(lang))
    (uit / "traject-randgevallen.pdf").write_bytes(pdf.traject_pdf(_maak_lang_traject(wereld)))
    (uit / "traject-team.pdf").write_bytes(pdf.traject_pdf(team))
    with capsys.disabled():
        for naam, traject in [("team", team), ("kort", kort), ("lang", lang)]:
            tijden, paginas = [], 0
            for _ in range(5):
                begin = time.perf_counter()
                gegevens = pdf.traject_pdf(traject)
                tijden.append(time.perf_counter() - begin)
                paginas = len(PdfReader(io.BytesIO(gegevens)).pages)
            mediaan = statistics.median(tijden)
            print(
                f"\n{naam}: {paginas} pagina's, mediaan {mediaan * 1000:.0f} ms "
                f"({mediaan / paginas * 1000:.0f} ms per pagina; alle: {[round(t * 1000) for t in tijden]})"
            )
