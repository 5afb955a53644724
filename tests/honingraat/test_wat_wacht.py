"""Issue 20 part 1: the home pages of the coordinator, director and team coach show what waits for them, each
a count that leads to the filtered list of exactly that many rows. Every count is recomputed here from the
stored rows, and the link is followed and its rows counted."""

import datetime as dt
import re
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from capaciteit.models import Planregel, Tijdskader, Weekplan
from capaciteit.rekenen import cijfers
from capaciteit.services.weekplan import STANDAARD
from netwerk.models import Melding, Meldingsoort, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Afstemmingsgesprek, Mailsoort, Mailstatus, Uitgaandemail
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.werelden import wereld_met_overleg  # noqa: F401 - a fixture
from trajecten.models import Status, Traject, Wisverzoek

VANDAAG = timezone.localdate()


def _tbody_rijen(html: str, tabel: str) -> int:
    """The rows in the body of the first table whose class starts with `tabel` (0 when it is absent)."""
    begin = html.find(f'<table class="{tabel}')
    if begin < 0:
        return 0
    body = html[html.index("<tbody>", begin) : html.index("</tbody>", begin)]
    return body.count("<tr")


def _rijen(sleutel: str, html: str) -> int:
    if sleutel in {"achterstallig", "verschuldigd"}:
        return _tbody_rijen(html, "trajecten")
    if sleutel in {"uitnodigen", "verslag"}:
        return _tbody_rijen(html, "overleg-overzicht")
    if sleutel == "afstemming":
        return _tbody_rijen(html, "stapel afstemming-lijst")
    if sleutel == "zorgen":
        return _tbody_rijen(html, "stapel bezorgdheid-lijst")
    if sleutel == "wisverzoeken":
        deel = html[html.index('id="open-titel"') :].split("</section>")[0]
        return deel[deel.index("<tbody>") :].count("<tr") if "<tbody>" in deel else 0
    if sleutel == "mails":
        return _tbody_rijen(html, "stapel mislukte-mails")
    if sleutel == "meldingmails":
        return _tbody_rijen(html, "stapel mislukte-meldingen")
    if sleutel == "gemarkeerd":
        return len(re.findall(r"<tr[^>]*data-school=", html))
    if sleutel == "te_veel":
        return len(re.findall(r"<tr[^>]*data-ondersteuner=", html))
    raise AssertionError(sleutel)


def _wachtend(html: str) -> dict[str, tuple[int, str]]:
    gevonden = re.findall(
        r'<li data-wachtend="(\w+)"><a href="([^"]+)"><span class="getal">(\d+)</span>', html
    )
    return {sleutel: (int(aantal), url.replace("&amp;", "&")) for sleutel, url, aantal in gevonden}


def _werk_klaarzetten(wereld) -> None:
    """Own LSC: 3 requests past the term, 2 evaluations overdue, 1 erasure request, 1 failed mail, the
    care staff's request for an afstemmingsgesprek. The other LSC: the same kinds, none of which may count."""
    vreemd_lsc = wereld.vreemde_ondersteuner.lsc
    for lsc, school in ((wereld.lsc, wereld.eigen_school), (vreemd_lsc, wereld.vreemde_school)):
        termijn = lsc.antwoordtermijn_dagen
        for _ in range(3):
            factories.TrajectFactory(
                lsc=lsc, school=school, aangemeld_op=VANDAAG - dt.timedelta(days=termijn + 5)
            )
        factories.TrajectFactory(lsc=lsc, school=school, aangemeld_op=VANDAAG)  # within the term
        for dagen in (3, 40):
            factories.TrajectFactory(
                lsc=lsc,
                school=school,
                status=Status.LOPEND,
                volgende_evaluatie=VANDAAG - dt.timedelta(days=dagen),
            )
        factories.TrajectFactory(
            lsc=lsc, school=school, status=Status.LOPEND, volgende_evaluatie=VANDAAG + dt.timedelta(days=9)
        )
        traject = factories.TrajectFactory(
            lsc=lsc, school=school, status=Status.AFGEROND, afgesloten_op=VANDAAG
        )
        Wisverzoek.objects.create(
            lsc=lsc, leerling=traject.leerling, reden="Ouders", aangevraagd_door=wereld.anker.gebruiker
        )
    for ontvanger in (wereld.anker.gebruiker, wereld.anker.gebruiker, wereld.vreemde_ondersteuner.gebruiker):
        Melding.objects.create(
            ontvanger=ontvanger,
            soort=Meldingsoort.values[0],
            titel="Nieuwe aanmelding",
            url="/",
            mail="mislukt",
        )
    for overleg in (wereld.eigen_overleg, wereld.vreemd_overleg):
        zorg = wereld.gebruikers[Rol.ZORG]
        Uitgaandemail.objects.create(
            batch=overleg.batch,
            overleg=overleg,
            soort=Mailsoort.UITNODIGING,
            ontvanger=zorg,
            adres=zorg.email,
            status=Mailstatus.MISLUKT,
        )


def _herberekend(wereld, gebruiker) -> dict[str, int]:
    """The counts from the stored rows, without the code under test."""
    lsc = wereld.lsc
    eigen = Traject.objects.filter(lsc=lsc)
    if gebruiker.rol == Rol.TEAMCOACH:
        eigen = eigen.filter(school__bedieningen__regioteam__coach=gebruiker, school__bedieningen__lsc=lsc)
    grens = VANDAAG - dt.timedelta(days=lsc.antwoordtermijn_dagen)
    verwacht = {
        "achterstallig": eigen.filter(status=Status.AANGEMELD, aangemeld_op__lt=grens).count(),
        "verschuldigd": eigen.filter(status=Status.LOPEND, volgende_evaluatie__lte=VANDAAG).count(),
        "afstemming": Afstemmingsgesprek.objects.filter(lsc=lsc, status="gevraagd").count(),
    }
    if gebruiker.rol != Rol.TEAMCOACH:
        verwacht["wisverzoeken"] = Wisverzoek.objects.filter(lsc=lsc, status="open").count()
        verwacht["mails"] = Uitgaandemail.objects.filter(overleg__lsc=lsc, status=Mailstatus.MISLUKT).count()
        verwacht["meldingmails"] = Melding.objects.filter(
            ontvanger__lsc=lsc, mail=Melding.Mail.MISLUKT
        ).count()
    return {k: v for k, v in verwacht.items() if v}


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH])
def test_elke_telling_leidt_naar_zoveel_rijen(client, wereld_met_overleg, rol):  # noqa: F811
    wereld = wereld_met_overleg
    _werk_klaarzetten(wereld)
    gebruiker = wereld.gebruikers[rol]
    client.force_login(gebruiker)
    html = client.get(reverse("home")).content.decode()
    wachtend = _wachtend(html)
    verwacht = _herberekend(wereld, gebruiker)
    assert verwacht["achterstallig"] == 3
    assert verwacht["verschuldigd"] == 2
    for sleutel, aantal in verwacht.items():
        assert wachtend[sleutel][0] == aantal, sleutel
    if rol != Rol.TEAMCOACH:
        assert {"mails", "meldingmails", "wisverzoeken"} <= set(wachtend)
    else:
        assert not {"wisverzoeken", "mails", "gemarkeerd", "te_veel", "uitnodigen"} & set(wachtend)
    for sleutel, (aantal, url) in wachtend.items():
        pagina = client.get(url)
        assert pagina.status_code == 200, (sleutel, url)
        assert _rijen(sleutel, pagina.content.decode()) == aantal, (sleutel, url)


@pytest.mark.django_db
def test_niets_wacht(client, wereld):
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    assert "Niets wacht op je" in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_directeur_en_coordinator_hebben_elk_hun_startpagina(client, wereld_met_trajecten):
    wereld = wereld_met_trajecten
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, aangemeld_op=VANDAAG)
    client.force_login(wereld.gebruikers[Rol.DIRECTEUR])
    html = client.get(reverse("home")).content.decode()
    assert "Trajecten deze maand" in html
    eerste = VANDAAG.replace(day=1)
    deze_maand = Traject.objects.filter(
        lsc=wereld.lsc, aangemeld_op__gte=eerste, aangemeld_op__lte=VANDAAG
    ).count()
    rij = re.search(r'data-cijfer="geopend"><th scope="row">[^<]+</th><td class="getal">(\d+)<', html)
    assert int(rij.group(1)) == deze_maand
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    coordinator = client.get(reverse("home")).content.decode()
    assert "Trajecten deze maand" not in coordinator
    for pagina in (html, coordinator):  # the sections both keep
        for kop in (
            "Wat op je wacht",
            "Scholen zonder ankerondersteuner",
            "Regioteams",
            "Samen met de scholen",
        ):
            assert f">{kop}</h2>" in pagina, kop
        assert wereld.regioteam.naam in pagina


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH])
def test_startpagina_queries_groeien_niet_met_het_werk(client, wereld_met_overleg, rol):  # noqa: F811
    wereld = wereld_met_overleg
    plan = Weekplan.objects.create(
        lsc=wereld.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.GEPUBLICEERD,
        instellingen=STANDAARD,
    )
    client.force_login(wereld.gebruikers[rol])
    voor = aantal_queries(client, reverse("home"))
    _werk_klaarzetten(wereld)
    for school in (wereld.eigen_school, factories.SchoolFactory()):
        Planregel.objects.create(weekplan=plan, ondersteuner=wereld.anker, school=school, dag=0, blokken=4)
    na = aantal_queries(client, reverse("home"))
    assert voor == na


@pytest.mark.django_db
def test_teamcoach_leest_het_weekplan_van_zijn_teams(client, wereld_met_overleg):  # noqa: F811
    wereld = wereld_met_overleg
    coach = wereld.gebruikers[Rol.TEAMCOACH]
    client.force_login(coach)
    leeg = client.get(reverse("weekplan_teams")).content.decode()
    assert "nog geen weekplan gepubliceerd" in leeg
    plan = Weekplan.objects.create(
        lsc=wereld.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.GEPUBLICEERD,
        instellingen=STANDAARD,
    )
    eigen = Planregel.objects.create(
        weekplan=plan, ondersteuner=wereld.anker, school=wereld.eigen_school, dag=0, blokken=4
    )
    buiten = factories.SchoolFactory(naam="School van een ander team")
    ander_team = factories.RegioteamFactory(lsc=wereld.lsc)
    factories.BedieningFactory(lsc=wereld.lsc, school=buiten, regioteam=ander_team)
    Planregel.objects.create(weekplan=plan, ondersteuner=wereld.anker, school=buiten, dag=1, blokken=2)
    # The canary: another LSC's published plan with a visit at its school never shows, not even when this
    # coach's regio team serves that school for their own LSC too (a shared school).
    factories.BedieningFactory(lsc=wereld.lsc, school=wereld.vreemde_school, regioteam=wereld.regioteam)
    vreemd_plan = Weekplan.objects.create(
        lsc=wereld.vreemde_ondersteuner.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.GEPUBLICEERD,
        instellingen=STANDAARD,
    )
    Planregel.objects.create(
        weekplan=vreemd_plan,
        ondersteuner=wereld.vreemde_ondersteuner,
        school=wereld.vreemde_school,
        dag=0,
        blokken=4,
    )
    html = client.get(reverse("weekplan_teams")).content.decode()
    assert f'data-bezoek="{eigen.pk}"' in html
    assert wereld.eigen_school.naam in html
    assert "School van een ander team" not in html
    assert wereld.vreemde_school.naam not in html
    assert "publiceren" not in html.split("<main", 1)[-1].lower().replace("publiceert", "")
    assert reverse("weekplan_teams") in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_kaderverbruik_van_de_directeur_uit_de_logboeken(client, wereld_met_trajecten):
    """Frame use = the minutes logged this school year on brede types at the distribution's schools, against
    the frames' minutes times the part of the school year gone by (pro rata)."""
    wereld = wereld_met_trajecten
    for minuten, type_ in ((600, "9"), (300, "9"), (240, "7")):  # type 7 is klein: outside the frame
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, type=type_)
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker, minuten=minuten)
    factories.LogboekregelFactory(
        traject=factories.TrajectFactory(lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school),
        ondersteuner=wereld.vreemde_ondersteuner,
        minuten=5000,
    )
    kaders = Tijdskader.objects.filter(verdeling=wereld.eigen_verdeling)
    kader_minuten = sum(k.uren for k in kaders) * 60
    deel = cijfers.verstreken_deel(schooljaar=huidig_schooljaar(), vandaag=VANDAAG)
    verwacht = cijfers.procent(Fraction(900) / (kader_minuten * deel))
    client.force_login(wereld.gebruikers[Rol.DIRECTEUR])
    html = client.get(reverse("home")).content.decode()
    assert re.search(rf'data-cijfer="kaderverbruik"><span class="getal">{re.escape(verwacht)} %', html)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR])
def test_ondersteuners_onder_hun_opdracht_leiden_naar_de_teamlijst(client, wereld_met_trajecten, rol):
    """A supporter with less than half of their week planned counts, and the link lists exactly them: the
    anchor with one block, not the colleague with a full week, not a supporter of the other LSC."""
    wereld = wereld_met_trajecten
    plan = Weekplan.objects.create(
        lsc=wereld.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.GEPUBLICEERD,
        instellingen=STANDAARD,
    )
    vol = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam, opdracht_procent=20)
    Planregel.objects.create(
        weekplan=plan, ondersteuner=wereld.anker, school=wereld.eigen_school, dag=0, blokken=1
    )
    for dag in range(4):  # 4 h of the 7,6 h a 20 % assignment has per week: more than half
        Planregel.objects.create(
            weekplan=plan, ondersteuner=vol, school=wereld.eigen_school, dag=dag, blokken=2
        )
    client.force_login(wereld.gebruikers[rol])
    wachtend = _wachtend(client.get(reverse("home")).content.decode())
    aantal, url = wachtend["te_weinig"]
    lijst = client.get(url).content.decode()
    assert aantal == _tbody_rijen(lijst, "stapel team") == 1
    assert wereld.anker.gebruiker.naam in lijst and vol.gebruiker.naam not in lijst
