"""The yearly report (issue 20, part 5): the policy team starts it, a job renders the PDF and the XLSX with
progress, a new run asks first, the files are the LSC's own and their download is audited; the report shows
the figures of the pages and names no pupil."""

import datetime as dt
import io
import os
import re
from collections import Counter, defaultdict
from fractions import Fraction

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capaciteit.models import Envelop, Tijdskader
from capaciteit.services import verdeling_publiceren
from honingraat import jaarverslag as dienst
from honingraat.celery import app as celery_app
from honingraat.demo import COORDINATOR, laad_demo
from honingraat.models import Jaarverslag
from netwerk.models import Focus, Gebruiker, Rol, Wijziging
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg.models import Schoolbeeldoverleg
from scholen.models import Bediening
from tests import factories
from tests.support.capaciteit import schooldagen
from tests.support.omgeving import wacht_tot
from tests.support.tabellen import tabellen
from tests.support.werker import start_celery_worker, stop_celery_worker
from trajecten.models import Afsluitvraag, Focusvraag, Gebondenheid, Leerling, Status, Traject

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
    adres = reverse("beleid_beelden") + f"?schooljaar={JAAR}&sorteer=naam&alle=1&beeld=alle"
    pagina = client.get(adres).content.decode()
    op_de_pagina = [tuple(t) for t in tabellen(pagina)]
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
    assert len(blad) > 2 and blad[1:] in [tuple(t[1:]) for t in tabellen(samenvatting)]

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


# ------------------------------------------------------------------------------------------------------------
# The figures that stand on no other page (kind, duration, focus teams, second moments): recomputed here from
# the stored rows, on a world whose edge cases sit on the school year's bounds, so an off-by-one shows.

BEGIN, EINDE = dt.date(JAAR, 9, 1), dt.date(JAAR + 1, 9, 1)  # the school year: [BEGIN, EINDE)


def _lokaal(dag: dt.date, uur: int, minuut: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, minuut)))


@pytest.fixture
def jaarwereld(wereld, settings, tmp_path):
    """The own LSC with two regio teams and four schools; trajectories, focus questions and consultations
    on both sides of each bound of the year; the same kinds of rows of another LSC, at one of our schools."""
    settings.MEDIA_ROOT = tmp_path / "media"
    lsc, ander = wereld.lsc, wereld.vreemde_ondersteuner.lsc
    tweede = factories.RegioteamFactory(lsc=lsc, naam="Regio Tweede")
    eigen = wereld.eigen_school
    derde = factories.SchoolFactory(naam="School Derde")
    tweede_school = factories.SchoolFactory(naam="School Tweede")
    vierde = factories.SchoolFactory(naam="School Vierde")
    factories.BedieningFactory(lsc=lsc, school=derde, regioteam=wereld.regioteam)
    factories.BedieningFactory(lsc=lsc, school=vierde, regioteam=wereld.regioteam)
    factories.BedieningFactory(lsc=lsc, school=tweede_school, regioteam=tweede)
    factories.BedieningFactory(lsc=ander, school=eigen, regioteam=wereld.vreemd_regioteam)

    def traject(school, soort, aangemeld, afgesloten=None, status=None, *, van=lsc):
        return factories.TrajectFactory(
            lsc=van,
            school=school,
            gebondenheid=soort,
            leerling=factories.LeerlingFactory(school=school) if soort == "leerling" else None,
            aangemeld_op=aangemeld,
            afgesloten_op=afgesloten,
            status=status or (Status.AFGEROND if afgesloten else Status.LOPEND),
        )

    d = dt.timedelta
    t = {
        # requested last year, closed on the year's first day
        "vorig_jaar": traject(eigen, "leerling", dt.date(JAAR - 1, 10, 1), BEGIN),
        "lopend": traject(eigen, "leerkracht", dt.date(JAAR, 9, 15)),
        "maand": traject(tweede_school, "team", dt.date(JAAR, 10, 1), dt.date(JAAR, 10, 31)),  # 30 days
        "stopgezet": traject(
            tweede_school, "leerling", dt.date(JAAR, 10, 1), dt.date(JAAR, 11, 1), Status.STOPGEZET
        ),  # 31 days
        "net_voorbij": traject(
            eigen, "leerling", dt.date(JAAR - 2, 9, 10), BEGIN - d(1)
        ),  # closed the day before
        "laatste_dag": traject(derde, "leerkracht", EINDE - d(1), status=Status.AANGEMELD),
        "volgend_jaar": traject(derde, "team", EINDE, status=Status.AANGEMELD),
        "twee_jaar": traject(
            derde, "leerling", dt.date(JAAR - 1, 9, 1), EINDE - d(1)
        ),  # closed on the last day
        "drie_maanden": traject(
            tweede_school, "leerkracht", dt.date(JAAR, 9, 2), dt.date(JAAR, 9, 2) + d(92)
        ),
        "negentig": traject(eigen, "leerling", BEGIN, BEGIN + d(91)),
        "na_het_jaar": traject(tweede_school, "team", dt.date(JAAR + 1, 5, 4), EINDE),  # closed the day after
        "ander_lsc": traject(eigen, "leerling", dt.date(JAAR, 9, 20), dt.date(JAAR, 9, 30), van=ander),
        "ander_lsc_elders": traject(wereld.vreemde_school, "team", dt.date(JAAR, 9, 20), van=ander),
    }

    focusondersteuner = factories.OndersteunerFactory(lsc=lsc, regioteam=tweede)

    def focusvraag(traject_, focus, status, gevraagd_op, *, van=lsc):
        genomen = (
            {} if status == Focusvraag.Status.OPEN else {"ondersteuner": focusondersteuner, "einde": EINDE}
        )
        return Focusvraag.objects.create(
            traject=traject_,
            lsc=van,
            focus=focus,
            vraag="Hoe verder?",
            status=status,
            gevraagd_op=gevraagd_op,
            **genomen,
        )

    F, S = Focus, Focusvraag.Status
    focusvraag(t["lopend"], F.ASS, S.OPEN, _lokaal(BEGIN, 0, 30))  # just after midnight on the first day
    focusvraag(t["lopend"], F.GEDRAG, S.BEEINDIGD, _lokaal(BEGIN - d(1), 23, 30))  # just before: last year
    focusvraag(t["maand"], F.ASS, S.LOPEND, _lokaal(dt.date(JAAR + 1, 1, 15), 10, 0))
    focusvraag(t["maand"], F.GEDRAG, S.BEEINDIGD, _lokaal(dt.date(JAAR, 11, 3), 9, 0))
    focusvraag(t["drie_maanden"], F.TYPE2, S.BEEINDIGD, _lokaal(EINDE - d(1), 23, 30))  # the last evening
    focusvraag(t["drie_maanden"], F.BASISAANBOD, S.OPEN, _lokaal(EINDE, 0, 30))  # next year
    focusvraag(t["ander_lsc_elders"], F.ASS, S.OPEN, _lokaal(dt.date(JAAR, 10, 1), 9, 0), van=ander)

    def overleg(
        school, jaar=JAAR, *, van=lsc, gehouden=False, tweede_moment=False, bijgestuurd=False, **velden
    ):
        return Schoolbeeldoverleg.objects.create(
            lsc=van, school=school, schooljaar=jaar,
            gehouden_op=_lokaal(dt.date(jaar, 10, 7), 14, 0) if gehouden else None,
            tussentijds_op=dt.date(jaar + 1, 2, 10) if tweede_moment else None,
            tussentijdse_effecten="De afspraken rond rust werken; we sturen bij." if bijgestuurd else "",
            **velden,
        )  # fmt: skip

    overleg(eigen, gehouden=True, tweede_moment=True, bijgestuurd=True)
    overleg(tweede_school, gehouden=True, tweede_moment=True)
    overleg(derde, gehouden=True)
    overleg(vierde, gehouden=True, tweede_moment=True, geannuleerd_op=timezone.now())  # cancelled
    overleg(eigen, JAAR - 1, gehouden=True, tweede_moment=True, bijgestuurd=True)  # last year
    overleg(eigen, van=ander, gehouden=True, tweede_moment=True, bijgestuurd=True)  # the other LSC's
    wereld.trajecten = t
    return wereld


def _verslag_van(wereld, jaar: int = JAAR) -> tuple[dict, dienst.Bron]:
    """The XLSX of a real run, as {sheet: rows}, and the run's source for the content functions."""
    verslag = dienst.jaarverslag_aanvragen(door=wereld.gebruikers[Rol.COORDINATOR], schooljaar=jaar)
    bron = dienst._bron(verslag)
    verslag = dienst.jaarverslag_maken(jaarverslag_id=verslag.pk)
    boek = openpyxl.load_workbook(io.BytesIO(_bestand(verslag.xlsx)), read_only=True)
    return {
        blad.title: [tuple(rij) for rij in blad.iter_rows(values_only=True)] for blad in boek.worksheets
    }, bron


def _als_tabel(rijen) -> dict:
    """Rows under a head row as {first cell: {column: figure}}, zero cells left out, figures as int."""
    kop, *rest = rijen
    return {rij[0]: {k: int(w) for k, w in zip(kop[1:], rij[1:], strict=True) if int(w)} for rij in rest}


def _tabel(sectie, blad: str) -> list[tuple]:
    tabel = next(t for t in sectie.tabellen if t.blad == blad)
    return [tabel.kop, *tabel.rijen]


def _regioteam_van(lsc) -> dict[int, str]:
    """School → the name of its regio team in `lsc`: how the LSC places the school."""
    return dict(
        Bediening.objects.filter(lsc=lsc, regioteam__isnull=False).values_list("school", "regioteam__naam")
    )


def _met_totaal(per_team: dict[str, Counter], teams) -> dict:
    uit = {team: {k: n for k, n in per_team.get(team, Counter()).items() if n} for team in teams}
    uit["Totaal"] = {k: n for k, n in sum(per_team.values(), Counter()).items() if n}
    return uit


@pytest.mark.django_db
def test_trajecten_per_soort_tellen_wat_in_het_schooljaar_liep(jaarwereld):
    bladen, bron = _verslag_van(jaarwereld)
    teams = _regioteam_van(jaarwereld.lsc)
    # Alive in the year: requested before its end and not closed before its start; the own LSC's only.
    levend = [
        t
        for t in Traject.objects.filter(lsc=jaarwereld.lsc)
        if t.aangemeld_op < EINDE and (t.afgesloten_op is None or t.afgesloten_op >= BEGIN)
    ]
    per_team: dict[str, Counter] = defaultdict(Counter)
    for t in levend:
        per_team[teams[t.school_id]][Gebondenheid(t.gebondenheid).label] += 1
    for team in per_team.values():
        team["Totaal"] = sum(team.values())
    verwacht = {naam: dict(n) for naam, n in per_team.items()}
    assert verwacht == {
        "Regio Eigen": {"Leerlinggebonden": 3, "Leerkrachtgebonden": 2, "Totaal": 5},
        "Regio Tweede": {"Leerlinggebonden": 1, "Leerkrachtgebonden": 1, "Teamgebonden": 2, "Totaal": 4},
    }, "the world has the edge cases this test is about"

    assert _als_tabel(bladen["Trajecten soort"]) == verwacht
    inhoud = dienst.trajecten(bron)
    assert _als_tabel(_tabel(inhoud, "Trajecten soort")) == verwacht


LOOPTIJD_GRENZEN = (
    (30, "tot 1 maand"),
    (91, "1 tot 3 maanden"),
    (182, "3 tot 6 maanden"),
    (365, "6 tot 12 maanden"),
)


@pytest.mark.django_db
def test_de_looptijd_telt_de_trajecten_afgesloten_in_het_schooljaar_van_aanmelding_tot_afsluiting(jaarwereld):
    bladen, bron = _verslag_van(jaarwereld)
    teams = _regioteam_van(jaarwereld.lsc)
    per_looptijd = Counter()
    for t in Traject.objects.filter(lsc=jaarwereld.lsc, afgesloten_op__isnull=False):
        if BEGIN <= t.afgesloten_op < EINDE and t.school_id in teams:
            dagen = (t.afgesloten_op - t.aangemeld_op).days
            per_looptijd[
                next((label for tot, label in LOOPTIJD_GRENZEN if dagen <= tot), "meer dan een jaar")
            ] += 1
    per_looptijd["Totaal"] = sum(per_looptijd.values())
    assert per_looptijd == {
        "tot 1 maand": 1,
        "1 tot 3 maanden": 2,
        "3 tot 6 maanden": 1,
        "6 tot 12 maanden": 1,
        "meer dan een jaar": 1,
        "Totaal": 6,
    }, "the world has the edge cases this test is about"

    assert {r[0]: r[1] for r in bladen["Looptijden"][1:]} == per_looptijd
    inhoud = dienst.trajecten(bron)
    assert {r[0]: int(r[1]) for r in _tabel(inhoud, "Looptijden")[1:]} == per_looptijd


@pytest.mark.django_db
def test_de_focusteams_tellen_de_vragen_gesteld_in_het_schooljaar_naar_hun_stand(jaarwereld):
    bladen, bron = _verslag_van(jaarwereld)
    # Asked in the year by the LSC's own calendar (Brussels), not by UTC: a question at 00:30 on 1 September
    # belongs to the new year.
    per_focus: dict[str, Counter] = defaultdict(Counter)
    for v in Focusvraag.objects.filter(lsc=jaarwereld.lsc):
        if BEGIN <= timezone.localtime(v.gevraagd_op).date() < EINDE:
            per_focus[Focus(v.focus).label][Focusvraag.Status(v.status).label] += 1
    for focus in per_focus.values():
        focus["Totaal"] = sum(focus.values())
    verwacht = _met_totaal(per_focus, [label for _w, label in Focus.choices])
    verwacht["Totaal"]["Totaal"] = sum(f["Totaal"] for f in per_focus.values())
    assert verwacht["Totaal"] == {
        "Wacht op een focusondersteuner": 1,
        "Lopend": 1,
        "Beëindigd": 2,
        "Totaal": 4,
    }, "the world has the edge cases this test is about"

    assert _als_tabel(bladen["Focusteams"]) == verwacht
    assert _als_tabel(_tabel(dienst.focus(bron), "Focusteams")) == verwacht


@pytest.mark.django_db
def test_de_tweede_momenten_tellen_de_overleggen_van_het_jaar_zonder_de_geannuleerde(jaarwereld):
    bladen, bron = _verslag_van(jaarwereld)
    teams = _regioteam_van(jaarwereld.lsc)
    kolommen = {
        "Overleg gehouden": lambda o: o.gehouden_op is not None,
        "Tweede moment gepland": lambda o: o.tussentijds_op is not None,
        "Bijsturing genoteerd": lambda o: bool(o.tussentijdse_effecten.strip()),
    }
    per_team: dict[str, Counter] = defaultdict(Counter)
    for o in Schoolbeeldoverleg.objects.filter(
        lsc=jaarwereld.lsc, schooljaar=JAAR, geannuleerd_op__isnull=True
    ):
        for kolom, telt in kolommen.items():
            per_team[teams[o.school_id]][kolom] += telt(o)
    verwacht = _met_totaal(per_team, ["Regio Eigen", "Regio Tweede"])
    assert verwacht == {
        "Regio Eigen": {"Overleg gehouden": 2, "Tweede moment gepland": 1, "Bijsturing genoteerd": 1},
        "Regio Tweede": {"Overleg gehouden": 1, "Tweede moment gepland": 1},
        "Totaal": {"Overleg gehouden": 3, "Tweede moment gepland": 2, "Bijsturing genoteerd": 1},
    }, "the world has the edge cases this test is about"

    assert _als_tabel(bladen["Tweede momenten"]) == verwacht
    assert _als_tabel(_tabel(dienst.overlegronde(bron), "Tweede momenten")) == verwacht


@pytest.mark.django_db
def test_citaten_laten_elke_naam_van_de_school_weg_maar_geen_woord_dat_er_een_bevat(
    wereld, settings, tmp_path
):
    """Blanked: a pupil of an older trajectory (any year), this year's pupil, a supporter's first name and
    surname, the care coordinator in lower case, a name without its accent, a specific LSC's supporter who
    worked at the school. Kept: a word that contains a name ("noordelijke"), and "leerling", which is only an
    anonymised pupil's placeholder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    school, lsc = wereld.eigen_school, wereld.lsc
    Gebruiker.objects.filter(pk=wereld.anker.gebruiker.pk).update(naam="Sofie Van den Broeck")
    Gebruiker.objects.filter(pk=wereld.gebruikers[Rol.ZORG].pk).update(naam="Els Peeters")
    ouder = factories.LeerlingFactory(school=school, voornaam="Zoë")
    factories.TrajectFactory(
        lsc=lsc, school=school, leerling=ouder, status=Status.AFGEROND,
        aangemeld_op=dt.date(JAAR - 3, 10, 1), afgesloten_op=dt.date(JAAR - 2, 3, 1),
    )  # fmt: skip
    factories.LeerlingFactory(school=school, voornaam="Leerling", geanonimiseerd_op=timezone.now())
    traject = factories.TrajectFactory(
        lsc=lsc, school=school, leerling=factories.LeerlingFactory(school=school, voornaam="Noor"),
        status=Status.AFGEROND, aangemeld_op=dt.date(JAAR - 1, 10, 1), afgesloten_op=dt.date(JAAR, 9, 6),
    )  # fmt: skip
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
    specifiek = wereld.vreemde_ondersteuner.lsc
    factories.ToewijzingFactory(
        traject=factories.TrajectFactory(lsc=specifiek, school=school, status=Status.LOPEND),
        ondersteuner=factories.OndersteunerFactory(lsc=specifiek, gebruiker__naam="Jef Claes"),
    )
    Afsluitvraag.objects.create(
        traject=traject,
        sleutel_hash="x" * 64,
        verloopt_op=timezone.now(),
        beantwoord_op=timezone.now(),
        wat_neem_je_mee=(
            "Dankzij Sofie en mevrouw Van den Broeck kreeg ZOE meer rust in de klas; els peeters volgt het "
            "op. Noor leest nu in de noordelijke leeshoek, en de leerling vraagt zelf om Sofie's aanpak. "
            "Meneer Claes kwam twee keer."
        ),
    )
    verwacht = (
        "Dankzij … en mevrouw … kreeg … meer rust in de klas; … volgt het op. "
        "… leest nu in de noordelijke leeshoek, en de leerling vraagt zelf om …'s aanpak. "
        "Meneer … kwam twee keer."
    )

    bladen, bron = _verslag_van(wereld)
    assert bladen["Citaten"][1:] == [("Wat neem je als school mee?", verwacht, 1)]
    assert dienst.afsluitvragen(bron).citaten == [("Wat neem je als school mee?", [(verwacht, 1)])]


@pytest.mark.django_db
@pytest.mark.parametrize("jaar", [JAAR - 1, JAAR], ids=["voorbij", "huidig"])
def test_pro_rata_is_het_hele_kader_voor_een_voorbij_jaar_en_tot_vandaag_voor_het_huidige(
    wereld, settings, tmp_path, jaar
):
    settings.MEDIA_ROOT = tmp_path / "media"
    if jaar < JAAR:  # the key's reference year (the world has the current year's)
        factories.CijfersFactory(school=wereld.eigen_school, schooljaar=jaar - 1)
    envelop = Envelop.objects.create(lsc=wereld.lsc, schooljaar=jaar, uren=137, verslagsoorten=["gc"])
    verdeling = verdeling_publiceren(door=None, envelop=envelop)
    kader = sum(Tijdskader.objects.filter(verdeling=verdeling).values_list("uren", flat=True))
    dagen = schooldagen(jaar)
    verstreken = Fraction(len([d for d in dagen if d <= timezone.localdate()]), len(dagen))
    if jaar < JAAR:
        assert verstreken == 1, "a year whose school days are over"
    verwacht = Fraction(kader) * verstreken  # hours

    bladen, bron = _verslag_van(wereld, jaar)
    kop, *rijen = bladen["Kadergebruik regioteam"]
    totaal = dict(zip(kop, rijen[-1], strict=True))
    assert totaal["Regioteam"] == "Totaal" and totaal["Tijdskader (uur)"] == kader == 137
    assert abs(Fraction(str(totaal["Pro rata (uur)"])) - verwacht) <= Fraction(1, 20)
    uitleg = dienst.kadergebruik(bron).uitleg
    if verstreken == 1:
        assert totaal["Pro rata (uur)"] == kader
        assert "het volledige kader (100 %)" in uitleg
    else:  # the current year under way (in July and August its school days are over too)
        assert totaal["Pro rata (uur)"] < kader
        gevonden = re.search(rf"op {timezone.localdate():%d/%m/%Y}: (\d+) %", uitleg)
        assert gevonden and abs(int(gevonden[1]) - verstreken * 100) <= Fraction(1, 2), uitleg
