"""The policy team's pictures (/beelden/): every table under a chart is recomputed here from the stored rows,
a team coach sees their own regio teams only, and another LSC's data never shows."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Rol
from netwerk.opmaak import getal
from netwerk.schooljaar import huidig_schooljaar, schooljaar_begin
from overleg.models import Schoolbeeldoverleg
from tests import factories
from tests.support.tabellen import tabellen_per_id
from trajecten.models import BREDE_TYPES, Logboekregel, Status, Traject

URL = reverse("beleid_beelden")


def tabellen(html: str) -> dict[str, list[list[str]]]:
    """The page's tables with an id, each row a list of its cells' texts (head row first)."""
    return {naam: [list(rij) for rij in rijen] for naam, rijen in tabellen_per_id(html).items()}


def _begin() -> dt.date:
    return schooljaar_begin(huidig_schooljaar())


@pytest.fixture
def beeldwereld(wereld_met_trajecten):
    """The world with a second regio team of the own LSC (another coach's), answered requests, logbook lines,
    consultations, and the other LSC with the same of its own (its names must never show)."""
    w = wereld_met_trajecten
    andere_coach = factories.GebruikerFactory(email="coach2@proef.example", rol=Rol.TEAMCOACH, lsc=w.lsc)
    w.tweede_regio = factories.RegioteamFactory(lsc=w.lsc, naam="Regio Tweede", coach=andere_coach)
    w.tweede_school = factories.SchoolFactory(naam="School Tweede", clb=w.clb)
    factories.BedieningFactory(lsc=w.lsc, school=w.tweede_school, regioteam=w.tweede_regio)
    w.tweede_ondersteuner = factories.OndersteunerFactory(
        lsc=w.lsc, regioteam=w.tweede_regio, gebruiker__naam="Tine Tweede"
    )
    begin = _begin()
    for school, lsc in (
        (w.eigen_school, w.lsc),
        (w.tweede_school, w.lsc),
        (w.vreemde_school, w.vreemde_ondersteuner.lsc),
    ):
        for dagen, soort, status in (
            (3, "9", Status.LOPEND),
            (12, "7", Status.LOPEND),
            (40, "basisaanbod", Status.AFGEROND),
        ):
            factories.TrajectFactory(
                lsc=lsc,
                school=school,
                type=soort,
                status=status,
                aangemeld_op=begin + dt.timedelta(days=1),
                beantwoord_op=begin + dt.timedelta(days=1 + dagen),
            )
    # Closed before this school year: not counted.
    factories.TrajectFactory(
        lsc=w.lsc,
        school=w.eigen_school,
        status=Status.AFGEROND,
        aangemeld_op=begin - dt.timedelta(days=300),
        afgesloten_op=begin - dt.timedelta(days=10),
    )
    for traject, ondersteuner, minuten in (
        (w.eigen_traject, w.anker, 240),
        (w.eigen_traject, w.anker, 90),
        (Traject.objects.filter(school=w.tweede_school).first(), w.tweede_ondersteuner, 120),
        (w.vreemd_traject, w.vreemde_ondersteuner, 600),
    ):
        factories.LogboekregelFactory(
            traject=traject, ondersteuner=ondersteuner, minuten=minuten, datum=begin + dt.timedelta(days=2)
        )
    for school, lsc, status in (
        (w.eigen_school, w.lsc, "gehouden"),
        (w.tweede_school, w.lsc, "gedeeld"),
        (w.vreemde_school, w.vreemde_ondersteuner.lsc, "gedeeld"),
    ):
        Schoolbeeldoverleg.objects.create(
            lsc=lsc, school=school, schooljaar=huidig_schooljaar(), status=status
        )
    return w


def _pagina(client, gebruiker, **params) -> str:
    """The page with every picture at once (?beeld=alle), unless a picture is asked for."""
    params.setdefault("beeld", "alle")
    client.force_login(gebruiker)
    antwoord = client.get(URL, params)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def _eigen_trajecten(w, teams):
    begin, einde = _begin(), dt.date(huidig_schooljaar() + 1, 9, 1)
    return [
        t
        for t in Traject.objects.filter(lsc=w.lsc).select_related("school")
        if t.aangemeld_op < einde
        and (t.afgesloten_op is None or t.afgesloten_op >= begin)
        and t.school.bedieningen.get(lsc=w.lsc).regioteam in teams
    ]


@pytest.mark.django_db
def test_de_coordinator_ziet_vijf_beelden_met_hun_cijfers_herberekend(client, beeldwereld):
    w = beeldwereld
    html = _pagina(client, w.gebruikers[Rol.COORDINATOR])
    t = tabellen(html)
    teams = [w.regioteam, w.tweede_regio]

    # Trajectories per regio team and status: counted again from the rows.
    trajecten = _eigen_trajecten(w, teams)
    kop, *rijen = t["trajecten-status-tabel"]
    for rij in rijen:
        team = next(r for r in teams if r.naam == rij[0])
        tellingen = Counter(
            str(Status(x.status).label)
            for x in trajecten
            if x.school.bedieningen.get(lsc=w.lsc).regioteam == team
        )
        assert {k: int(v) for k, v in zip(kop[1:-1], rij[1:-1], strict=True)} == {
            k: tellingen[k] for k in kop[1:-1]
        }
        assert int(rij[-1]) == sum(tellingen.values())
    assert sorted(r[0] for r in rijen) == ["Regio Eigen", "Regio Tweede"]
    kop, *rijen = t["trajecten-type-tabel"]
    assert sum(int(r[-1]) for r in rijen) == len(trajecten) == 7

    # Answer times: the days between request and answer, a week per bin.
    kop, *rijen = t["antwoordtijden-tabel"]
    verwacht = Counter(
        (x.beantwoord_op - x.aangemeld_op).days // 7
        for x in Traject.objects.filter(lsc=w.lsc, beantwoord_op__isnull=False)
    )
    assert {i: int(r[1]) for i, r in enumerate(rijen) if int(r[1])} == dict(verwacht)
    wachtend = Traject.objects.filter(lsc=w.lsc, status=Status.AANGEMELD).count()
    assert f"Nu wacht {wachtend} aanvraag op een antwoord" in html

    # Supporters' load: logged hours this year, from the logbook.
    kop, *rijen = t["belasting-tabel"]
    gelogd = {r[0]: r[-1] for r in rijen}
    for ondersteuner in (w.anker, w.tweede_ondersteuner):
        minuten = sum(
            r.minuten for r in Logboekregel.objects.filter(ondersteuner=ondersteuner, datum__gte=_begin())
        )
        assert gelogd[ondersteuner.gebruiker.naam] == getal(Fraction(minuten, 60), 1)

    # The consultation round: each school once, in its consultation's status.
    kop, *rijen = t["overlegronde-tabel"]
    per_team = {r[0]: dict(zip(kop[1:], r[1:], strict=True)) for r in rijen}
    assert per_team["Regio Eigen"]["Gehouden"] == "1" and per_team["Regio Eigen"]["Scholen"] == "1"
    assert per_team["Regio Tweede"]["Verslag gedeeld"] == "100"  # percent of its schools
    assert per_team["Regio Tweede"]["Nog geen overleg"] == "0"

    # Frame use: the published frame and the hours logged on brede types at each school.
    kop, *rijen = t["kadergebruik-tabel"]
    kaders = {k.school.naam: k.uren for k in w.eigen_verdeling.tijdskaders.select_related("school")}
    assert {r[0]: r[1] for r in rijen} == {naam: str(uren) for naam, uren in kaders.items()}
    brede = {
        naam: sum(
            r.minuten
            for r in Logboekregel.objects.filter(
                traject__school__naam=naam,
                traject__lsc=w.lsc,
                traject__type__in=BREDE_TYPES,
                datum__gte=_begin(),
            )
        )
        for naam in kaders
    }
    assert {r[0]: r[2] for r in rijen} == {naam: getal(Fraction(m, 60), 1) for naam, m in brede.items()}

    assert "School Vreemd" not in html and "Regio Vreemd" not in html


@pytest.mark.django_db
def test_elk_beeld_is_toegankelijke_svg_met_tabel_eronder(client, beeldwereld):
    html = _pagina(client, beeldwereld.gebruikers[Rol.DIRECTEUR])
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 6  # frames, trajectories twice, answer times, load, consultations
    for svg in svgs:
        boom = ET.fromstring(svg)  # noqa: S314 - our own markup, parsed to check it
        assert boom.get("role") == "img"
        titel, beschrijving = boom.get("aria-labelledby"), boom.get("aria-describedby")
        ns = "{http://www.w3.org/2000/svg}"
        assert boom.find(f"{ns}title").get("id") == titel and boom.find(f"{ns}title").text
        assert boom.find(f"{ns}desc").get("id") == beschrijving and boom.find(f"{ns}desc").text
        assert "style=" not in svg and "<script" not in svg
    assert html.count('<details class="grafiektabel">') == 6


@pytest.mark.django_db
def test_de_teamcoach_ziet_enkel_de_eigen_regioteams(client, beeldwereld):
    w = beeldwereld
    html = _pagina(client, w.gebruikers[Rol.TEAMCOACH])
    assert "Regio Eigen" in html and "School Eigen" in html
    assert "Regio Tweede" not in html and "School Tweede" not in html and "Tine Tweede" not in html
    t = tabellen(html)
    assert [r[0] for r in t["overlegronde-tabel"][1:]] == ["Regio Eigen"]
    # Another regio team's id in the address is not found.
    client.force_login(w.gebruikers[Rol.TEAMCOACH])
    assert client.get(URL, {"regioteam": w.tweede_regio.pk}).status_code == 404
    assert client.get(URL, {"regioteam": w.vreemd_regioteam.pk}).status_code == 404


@pytest.mark.django_db
def test_filter_per_regioteam_en_sorteren(client, beeldwereld):
    w = beeldwereld
    factories.SchoolFactory  # noqa: B018 - the frames come from the world's published distribution
    html = _pagina(client, w.gebruikers[Rol.COORDINATOR], regioteam=w.tweede_regio.pk)
    t = tabellen(html)
    assert [r[0] for r in t["trajecten-status-tabel"][1:]] == ["Regio Tweede"]
    assert "Tine Tweede" in html and w.anker.gebruiker.naam not in html
    op_naam = [
        r[0]
        for r in tabellen(_pagina(client, w.gebruikers[Rol.COORDINATOR], sorteer="naam"))[
            "kadergebruik-tabel"
        ][1:]
    ]
    assert op_naam == sorted(op_naam)


@pytest.mark.django_db
def test_andere_rollen_worden_geweigerd(client, beeldwereld):
    for rol in (Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB, Rol.ADMIN):
        client.force_login(beeldwereld.gebruikers[rol])
        assert client.get(URL).status_code == 403


@pytest.mark.django_db
def test_het_aantal_queries_groeit_niet_met_de_gegevens(client, beeldwereld):
    w = beeldwereld
    client.force_login(w.gebruikers[Rol.COORDINATOR])
    with CaptureQueriesContext(connection) as weinig:
        client.get(URL, {"beeld": "alle"})
    for i in range(4):
        school = factories.SchoolFactory(naam=f"School Extra {i}", clb=w.clb)
        factories.BedieningFactory(lsc=w.lsc, school=school, regioteam=w.tweede_regio)
        traject = factories.TrajectFactory(lsc=w.lsc, school=school, beantwoord_op=timezone.localdate())
        o = factories.OndersteunerFactory(lsc=w.lsc, regioteam=w.tweede_regio)
        factories.LogboekregelFactory(traject=traject, ondersteuner=o)
        Schoolbeeldoverleg.objects.create(lsc=w.lsc, school=school, schooljaar=huidig_schooljaar())
    with CaptureQueriesContext(connection) as veel:
        client.get(URL, {"beeld": "alle"})
    assert len(veel) == len(weinig)


@pytest.mark.django_db
def test_meer_types_dan_kleuren_komen_samen_onder_andere(client, wereld_met_trajecten):
    w = wereld_met_trajecten
    for soort in ("basisaanbod", "2", "3", "4", "6", "7"):
        factories.TrajectFactory(lsc=w.lsc, school=w.eigen_school, type=soort)
    kop, *rijen = tabellen(_pagina(client, w.gebruikers[Rol.COORDINATOR]))["trajecten-type-tabel"]
    assert len(kop) == 1 + 6 + 1 and kop[-2] == "andere"
    assert rijen == [["Regio Eigen", "1", "1", "1", "1", "1", "2", "7"]]  # types 7 and 9 under "andere"


@pytest.mark.django_db
def test_een_lang_beeld_toont_de_uitersten_en_op_vraag_alles(client, wereld_met_trajecten):
    """With more than 20 schools or supporters, a chart draws the 10 highest and the 10 lowest (recomputed
    here: minutes logged on brede types against the frame's hours) and says so, with a link to all of them.
    Sorted by name, or with ?alle=1, every row is drawn."""
    from capaciteit.models import Envelop, Tijdskader  # noqa: PLC0415
    from capaciteit.services import verdeling_publiceren  # noqa: PLC0415

    w = wereld_met_trajecten
    for nummer in range(24):
        school = factories.SchoolFactory(naam=f"Lange School {nummer:02d}", clb=w.clb)
        factories.BedieningFactory(lsc=w.lsc, school=school, regioteam=w.regioteam)
        factories.CijfersFactory(school=school)
        traject = factories.TrajectFactory(lsc=w.lsc, school=school, type="9", status=Status.LOPEND)
        factories.LogboekregelFactory(
            traject=traject, ondersteuner=w.anker, minuten=15 * (nummer + 1), datum=_begin()
        )
        factories.OndersteunerFactory(lsc=w.lsc, regioteam=w.regioteam)
    verdeling = verdeling_publiceren(door=None, envelop=Envelop.objects.get(lsc=w.lsc))
    gebruikt = Counter()
    for regel in Logboekregel.objects.filter(traject__lsc=w.lsc, traject__type__in=BREDE_TYPES):
        gebruikt[regel.traject.school_id] += regel.minuten
    kaders = Tijdskader.objects.filter(verdeling=verdeling).select_related("school")
    volgorde = sorted(
        kaders, key=lambda k: (-Fraction(gebruikt[k.school_id], 60 * (k.uren or 1)), k.school.naam)
    )
    verwacht = [k.school.naam for k in volgorde[:10] + volgorde[-10:]]

    html = _pagina(client, w.gebruikers[Rol.COORDINATOR])
    rijen = [rij[0] for rij in tabellen(html)["kadergebruik-tabel"][1:]]
    assert rijen == verwacht
    assert f"20 van de {len(volgorde)} scholen" in html
    assert len(tabellen(html)["belasting-tabel"]) - 1 == 20
    assert "ondersteuners tonen" in html

    for params in ({"alle": "1"}, {"sorteer": "naam"}):
        alles = _pagina(client, w.gebruikers[Rol.COORDINATOR], **params)
        assert len(tabellen(alles)["kadergebruik-tabel"]) - 1 == len(volgorde), params
    alles = _pagina(client, w.gebruikers[Rol.COORDINATOR], alle="1")
    assert 'data-ingekort="' not in alles
    assert len(tabellen(alles)["belasting-tabel"]) - 1 == 25  # the world's anchor and the 24


@pytest.mark.django_db
def test_een_beeld_per_tab_en_enkel_zijn_cijfers_worden_opgevraagd(client, beeldwereld):
    """The page opens on the frames picture; each tab shows its own picture only (and queries only its own
    figures), keeps the year, team and sorting in its link, and "alle" shows the five."""
    w = beeldwereld
    client.force_login(w.gebruikers[Rol.COORDINATOR])
    html = client.get(URL, {"regioteam": w.regioteam.pk, "sorteer": "naam"}).content.decode()
    assert set(tabellen(html)) == {"kadergebruik-tabel"}
    assert re.search(r'<a href="\?[^"]*beeld=kader[^"]*" aria-current="page">Tijdskader per school</a>', html)
    navigatie = re.search(r'<nav class="beeldtabs".*?</nav>', html, flags=re.S).group(0)
    tabs = {
        naam: adres.replace("&amp;", "&")
        for adres, naam in re.findall(r'<a href="\?([^"]+)"[^>]*>([^<]+)</a>', navigatie)
    }
    assert list(tabs) == [
        "Tijdskader per school",
        "Trajecten",
        "Antwoordtijd",
        "Belasting van de ondersteuners",
        "Schoolbeeldoverleg",
        "Alle beelden op één pagina",
    ]
    verwacht = {
        "Trajecten": {"trajecten-status-tabel", "trajecten-type-tabel"},
        "Antwoordtijd": {"antwoordtijden-tabel"},
        "Belasting van de ondersteuners": {"belasting-tabel"},
        "Schoolbeeldoverleg": {"overlegronde-tabel"},
    }
    with CaptureQueriesContext(connection) as alle:
        alles = client.get(URL + "?" + tabs["Alle beelden op één pagina"]).content.decode()
    assert set(tabellen(alles)) == {"kadergebruik-tabel"}.union(*verwacht.values())
    for naam, tabelnamen in verwacht.items():
        assert f"regioteam={w.regioteam.pk}" in tabs[naam] and "sorteer=naam" in tabs[naam]
        with CaptureQueriesContext(connection) as een:
            pagina = client.get(URL + "?" + tabs[naam]).content.decode()
        assert set(tabellen(pagina)) == tabelnamen, naam
        assert len(een) < len(alle), naam
    # An unknown picture is the first one, not an error.
    assert set(tabellen(client.get(URL, {"beeld": "iets"}).content.decode())) == {"kadergebruik-tabel"}
