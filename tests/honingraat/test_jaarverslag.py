"""The yearly report (issue 20, part 5): the policy team starts it, a job renders the PDF and the XLSX with
progress, a new run asks first, the files are the LSC's own and their download is audited; the report shows
the figures of the pages and names no pupil."""

import datetime as dt
import io
import os
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from honingraat import jaarverslag as dienst
from honingraat.celery import app as celery_app
from honingraat.demo import COORDINATOR, laad_demo
from honingraat.models import Jaarverslag
from netwerk.models import Gebruiker, Rol, Wijziging
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from tests import factories
from tests.support.omgeving import wacht_tot
from tests.support.werker import start_celery_worker, stop_celery_worker
from trajecten.models import Afsluitvraag, Leerling, Status, Traject

JAAR = huidig_schooljaar()
DELEN = (
    "Verdeling en solidariteit",
    "Gebruik van de tijdskaders",
    "Trajecten",
    "Inzet van de focusteams",
    "Schoolbeeldoverleg",
    "Wat de scholen zeggen bij de afsluiting",
    "Het team",
    "Vormingen",
)
# The sheets that carry a table of the pictures page, as that page shows it.
VAN_DE_BEELDEN = (
    "Kadergebruik school",
    "Trajecten status",
    "Trajecten type",
    "Antwoordtijden",
    "Overlegronde",
    "Team",
)


def _bestand(veld) -> bytes:
    veld.open("rb")
    with veld:
        return veld.read()


def _als_tekst(waarde) -> str:
    return str(waarde).replace(".", ",") if isinstance(waarde, int | float) else str(waarde)


class _Tabellen(HTMLParser):
    """Every table of a page as rows of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tabellen: list[list[tuple[str, ...]]] = []
        self.rij: list[str] | None = None
        self.cel: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tabellen.append([])
        elif tag == "tr":
            self.rij = []
        elif tag in {"td", "th"}:
            self.cel = []

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self.cel is not None and self.rij is not None:
            self.rij.append(" ".join("".join(self.cel).split()))
            self.cel = None
        elif tag == "tr" and self.rij is not None and self.tabellen:
            self.tabellen[-1].append(tuple(self.rij))
            self.rij = None

    def handle_data(self, data):
        if self.cel is not None:
            self.cel.append(data)


def _tabellen(html: str) -> list[list[tuple[str, ...]]]:
    lezer = _Tabellen()
    lezer.feed(html)
    return lezer.tabellen


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    laad_demo(schrijf=lambda _: None)
    return Gebruiker.objects.get(email=COORDINATOR)


@pytest.mark.django_db
def test_het_jaarverslag_van_de_demo_toont_de_cijfers_van_de_paginas_en_geen_leerling(client, demo):
    # A school writes a pupil's first name in its answer: the report leaves it out.
    traject = (
        Traject.objects.filter(
            lsc=demo.lsc_id, status=Status.AFGEROND, afsluitvraag__beantwoord_op__isnull=False
        )
        .filter(afgesloten_op__year__gte=JAAR)
        .select_related("leerling")
        .first()
    )
    assert traject is not None, "de demo heeft een beantwoorde afsluitvraag dit schooljaar"
    naam = traject.leerling.voornaam
    Afsluitvraag.objects.filter(traject=traject).update(
        wat_neem_je_mee=f"Met {naam} werkten we aan rust in de klas; dat nemen we mee."
    )

    verslag = dienst.jaarverslag_aanvragen(door=demo, schooljaar=JAAR)
    verslag = dienst.jaarverslag_maken(jaarverslag_id=verslag.pk)
    assert verslag.status == Jaarverslag.Status.KLAAR and verslag.stap == verslag.stappen == dienst.STAPPEN

    # The XLSX: each sheet that comes from the pictures page is one of that page's tables, figure for figure.
    client.force_login(demo)
    # In full (`alle=1`): the page draws only a long chart's extremes unless asked, the report holds all rows.
    adres = reverse("beleid_beelden") + f"?schooljaar={JAAR}&sorteer=naam&alle=1"
    pagina = client.get(adres).content.decode()
    op_de_pagina = [tuple(t) for t in _tabellen(pagina)]
    boek = openpyxl.load_workbook(io.BytesIO(_bestand(verslag.xlsx)), read_only=True)
    for blad in VAN_DE_BEELDEN:
        rijen = tuple(tuple(_als_tekst(w) for w in rij) for rij in boek[blad].iter_rows(values_only=True))
        assert len(rijen) > 2, blad
        assert rijen in op_de_pagina, f"{blad}: niet als tabel op de pagina"
    # The closing questions: the counts of the summary page, per school.
    samenvatting = client.get(reverse("afsluit_samenvatting") + f"?schooljaar={JAAR}").content.decode()
    blad = tuple(
        tuple(_als_tekst(w) for w in rij) for rij in boek["Afsluitvragen"].iter_rows(values_only=True)
    )
    assert len(blad) > 2 and blad[1:] in [tuple(t[1:]) for t in _tabellen(samenvatting)]

    # The PDF: a cover, a table of contents with page numbers, every part, page numbers on the pages.
    lezer = PdfReader(io.BytesIO(_bestand(verslag.pdf)))
    teksten = [blad.extract_text() for blad in lezer.pages]
    assert len(teksten) == verslag.paginas > 5
    assert f"Jaarverslag {als_tekst(JAAR)}" in teksten[0] and "leersteunraad" in teksten[0]
    assert "Inhoud" in teksten[1]
    for nummer, titel in enumerate(DELEN, start=1):
        gevonden = re.search(rf"{nummer}\. {titel}[ .…]*(\d+)", teksten[1])
        assert gevonden, titel
        assert f"{nummer}. {titel}" in teksten[int(gevonden[1]) - 1], f"{titel}: pagina {gevonden[1]}"
    assert f"pagina 3 van {len(teksten)}" in teksten[2]
    assert "Nog geen vormingen geregistreerd." in teksten[-1]

    # No pupil: no "first name + initial", and the first name written in the quote is gone.
    alles = " ".join(teksten) + " ".join(
        str(w) for blad in boek.worksheets for rij in blad.iter_rows(values_only=True) for w in rij if w
    )
    for leerling in Leerling.objects.filter(school__bedieningen__lsc=demo.lsc_id):
        assert f"{leerling.voornaam} {leerling.initiaal}." not in alles
    assert "werkten we aan rust in de klas" in alles
    assert not re.search(rf"\b{re.escape(naam)}\b werkten", alles)


@pytest.mark.django_db
def test_een_nieuw_verslag_vraagt_eerst_en_vervangt_het_oude(client, wereld, settings, tmp_path,
                                                             django_capture_on_commit_callbacks):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    client.force_login(coordinator)
    url = reverse("jaarverslag") + f"?schooljaar={JAAR}"
    with django_capture_on_commit_callbacks() as taken:
        antwoord = client.post(url, {"schooljaar": JAAR})
    assert antwoord.status_code == 302 and len(taken) == 1
    verslag = Jaarverslag.objects.get(lsc=wereld.lsc, schooljaar=JAAR)
    html = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in html and "Wacht op de verwerking" in html
    assert f'<progress id="voortgang-balk" max="{dienst.STAPPEN}" value="0"' in html

    # While it runs, a second run is refused.
    with django_capture_on_commit_callbacks() as taken:
        antwoord = client.post(url, {"schooljaar": JAAR, "vervangen": "1"}, follow=True)
    assert "wordt al gemaakt" in antwoord.content.decode() and not taken
    # A run that has waited longer than VASTGELOPEN lost its worker: a new one may start.
    Jaarverslag.objects.filter(pk=verslag.pk).update(gevraagd_op=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks() as taken:
        client.post(url, {"schooljaar": JAAR, "vervangen": "1"})
    assert len(taken) == 1

    dienst.jaarverslag_maken(jaarverslag_id=verslag.pk)
    verslag.refresh_from_db()
    oud_pdf = verslag.pdf.name
    stuk = client.get(url, headers={"HX-Request": "true", "HX-Target": "voortgang"})
    assert stuk.status_code == 204 and stuk["HX-Refresh"] == "true"
    html = client.get(url).content.decode()
    assert "Het jaarverslag is klaar" in html
    assert reverse("jaarverslag_bestand", args=[str(JAAR), "xlsx"]) in html

    # A new run asks first and says what is lost; nothing starts until confirmed.
    with django_capture_on_commit_callbacks() as taken:
        html = client.post(url, {"schooljaar": JAAR}).content.decode()
    assert "vervangt de PDF en de XLSX" in html and not taken
    assert Jaarverslag.objects.get(pk=verslag.pk).status == Jaarverslag.Status.KLAAR
    with django_capture_on_commit_callbacks() as taken:
        client.post(url, {"schooljaar": JAAR, "vervangen": "1"})
    assert len(taken) == 1
    dienst.jaarverslag_maken(jaarverslag_id=verslag.pk)
    verslag.refresh_from_db()
    assert verslag.status == Jaarverslag.Status.KLAAR
    assert Jaarverslag.objects.filter(lsc=wereld.lsc, schooljaar=JAAR).count() == 1
    assert not verslag.pdf.storage.exists(oud_pdf) or verslag.pdf.name == oud_pdf
    assert Wijziging.objects.filter(actie="honingraat.jaarverslag.aangevraagd", door=coordinator).count() == 3


@pytest.mark.django_db
def test_downloaden_is_voor_het_eigen_lsc_en_wordt_gelogd(client, wereld, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    directeur = wereld.gebruikers[Rol.DIRECTEUR]
    verslag = dienst.jaarverslag_aanvragen(door=directeur, schooljaar=JAAR)
    dienst.jaarverslag_maken(jaarverslag_id=verslag.pk)
    client.force_login(directeur)
    for formaat, begin in (("pdf", b"%PDF"), ("xlsx", b"PK")):
        antwoord = client.get(reverse("jaarverslag_bestand", args=[str(JAAR), formaat]))
        assert antwoord.status_code == 200 and b"".join(antwoord.streaming_content).startswith(begin)
        assert f"jaarverslag-{als_tekst(JAAR)}.{formaat}" in antwoord["Content-Disposition"]
    assert Wijziging.objects.filter(actie="honingraat.jaarverslag.gedownload", door=directeur).count() == 2

    # The other LSC's policy team finds no report of that year, and others may not ask.
    ander = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=wereld.vreemd_regioteam.lsc)
    client.force_login(ander)
    assert client.get(reverse("jaarverslag_bestand", args=[str(JAAR), "pdf"])).status_code == 404
    assert "Het jaarverslag is klaar" not in client.get(reverse("jaarverslag")).content.decode()
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    assert client.get(reverse("jaarverslag_bestand", args=[str(JAAR), "pdf"])).status_code == 403


@pytest.mark.django_db
def test_een_mislukt_verslag_zegt_in_het_nederlands_wat_er_is(client, wereld, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    verslag = dienst.jaarverslag_aanvragen(door=coordinator, schooljaar=JAAR)
    Jaarverslag.objects.filter(pk=verslag.pk).update(gevraagd_door=None)
    with pytest.raises(dienst.JaarverslagGeweigerd):
        dienst.jaarverslag_maken(jaarverslag_id=verslag.pk)
    client.force_login(coordinator)
    html = client.get(reverse("jaarverslag")).content.decode()
    assert "Het jaarverslag is niet gelukt" in html
    assert "werkt niet meer voor dit leersteuncentrum" in html
    assert client.get(reverse("jaarverslag_bestand", args=[str(JAAR), "pdf"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 3])
def test_de_pagina_telt_evenveel_queries_met_meer_verslagen(client, wereld, settings, tmp_path, aantal,
                                                           django_assert_num_queries):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    for jaar in range(JAAR - aantal + 1, JAAR + 1):
        verslag = dienst.jaarverslag_aanvragen(door=coordinator, schooljaar=jaar)
        dienst.jaarverslag_maken(jaarverslag_id=verslag.pk)
    client.force_login(coordinator)
    client.get(reverse("jaarverslag"))  # the session and the user are read once warm
    with django_assert_num_queries(3):
        antwoord = client.get(reverse("jaarverslag") + f"?schooljaar={JAAR}")
    assert "Het jaarverslag is klaar" in antwoord.content.decode()


@pytest.fixture
def verslagwerker(settings, monkeypatch, tmp_path, transactional_db):
    """A real worker on a queue of this test database only; started by the test when it wants it."""
    wachtrij = f"honingraat-test-{os.environ.get('HONINGRAAT_TEST_DB_SUFFIX', 'honingraat')}-jaarverslag"
    voor = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE = wachtrij
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("CELERY_QUEUE", wachtrij)
    processen = []
    try:
        yield lambda: processen.append(start_celery_worker(tmp_path, MEDIA_ROOT=str(settings.MEDIA_ROOT)))
    finally:
        for proces in processen:
            stop_celery_worker(proces)
        celery_app.conf.task_default_queue = voor


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_een_echte_worker_maakt_het_verslag_met_voortgang(client, wereld, verslagwerker):
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    client.force_login(coordinator)
    url = reverse("jaarverslag") + f"?schooljaar={JAAR}"
    assert client.post(url, {"schooljaar": JAAR}).status_code == 302
    # Queued, no worker yet: the page shows the progress and polls it.
    stuk = client.get(url, headers={"HX-Request": "true", "HX-Target": "voortgang"}).content.decode()
    assert stuk.lstrip().startswith('<section id="voortgang"') and "Stap 0 van" in stuk

    verslagwerker()
    wacht_tot(
        lambda: client.get(url, headers={"HX-Request": "true", "HX-Target": "voortgang"}).status_code == 204,
        timeout=120,
    )
    verslag = Jaarverslag.objects.get(lsc=wereld.lsc, schooljaar=JAAR)
    assert verslag.status == Jaarverslag.Status.KLAAR and verslag.stap == verslag.stappen
    antwoord = client.get(reverse("jaarverslag_bestand", args=[str(JAAR), "pdf"]))
    tekst = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(antwoord.streaming_content))).pages
    )
    assert f"Jaarverslag {als_tekst(JAAR)}" in tekst and wereld.lsc.naam in tekst
    antwoord = client.get(reverse("jaarverslag_bestand", args=[str(JAAR), "xlsx"]))
    boek = openpyxl.load_workbook(io.BytesIO(b"".join(antwoord.streaming_content)), read_only=True)
    assert {"Trajecten status", "Afsluitvragen", "Team"} <= set(boek.sheetnames)
