"""Query counts of the list pages and home pages: fixed numbers that do not grow with the rows."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from capaciteit.models import Planregel, Weekplan
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Afspraak, Afstemmingsgesprek, Bezorgdheid
from scholen.models import Verslagregister
from tests import factories
from tests.support.capaciteit import planning_queries
from tests.support.queries import aantal_queries
from trajecten.models import Afsluitvraag


def _meer_scholen(wereld, aantal: int) -> None:
    for nummer in range(aantal):
        school = factories.SchoolFactory(clb=wereld.clb)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        factories.CijfersFactory(school=school)
        if nummer % 3:
            anker = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
            factories.AnkerFactory(school=school, ondersteuner=anker)
        factories.in_zorgteam(school, wereld.gebruikers[Rol.ZORG])


# Session and user (2) + the page's own queries. The school list: its filter choices (regio teams,
# municipalities, CLBs: 3), the count, the page and the anchors of the page. Every home page but the
# admin's has one query for the school consultation: the user's open agreements, or (CLB) shared reports.
VERWACHT = {
    ("school_lijst", Rol.COORDINATOR): 8,
    # Coordination: the LSC's row carries its counts, the open agreements, the schools without an anchor, the
    # regio teams, every count of "wat op je wacht", the director's months and the follow-up signals' inputs
    # (published version, envelope, week plan, frames, supporters) as columns (1); the supporters' agreed
    # minutes (1). 12 and 13 when each was a query of its own. With a published version and week plan: the
    # logged and planned minutes too (tests/dwars/test_querytelling.py).
    ("home", Rol.COORDINATOR): 4,
    ("home", Rol.DIRECTEUR): 4,
    ("home", Rol.TEAMCOACH): 5,  # + one query for the counts of their regio teams
    ("home", Rol.ONDERSTEUNER): 6,
    # + colleagues to vouch for; the schools bring their anchors, figures and this year's visits of the
    # published week plans as JSON columns (8 when those were three queries of their own).
    ("home", Rol.ZORG): 5,
    ("home", Rol.CLB): 5,
    ("home", Rol.ADMIN): 3,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("pagina", "rol"), list(VERWACHT))
def test_queries_groeien_niet_met_het_aantal_scholen(client, wereld, pagina, rol):
    client.force_login(wereld.gebruikers[rol])
    bij_een = aantal_queries(client, reverse(pagina))
    _meer_scholen(wereld, 29)
    bij_dertig = aantal_queries(client, reverse(pagina))
    assert bij_een == bij_dertig == VERWACHT[(pagina, rol)]


@pytest.mark.django_db
def test_schoolpagina_queries_groeien_niet(client, wereld):
    """The school page: school, anchors, LSCs, care staff, figures, register, supporters at work there,
    anchor candidates (2)."""
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("school_detail", args=[wereld.eigen_school.pk])
    bij_weinig = aantal_queries(client, url)
    for jaar in range(2015, 2024):
        factories.CijfersFactory(school=wereld.eigen_school, schooljaar=jaar)
    for _ in range(3):
        anker = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
        factories.AnkerFactory(school=wereld.eigen_school, ondersteuner=anker)
        factories.in_zorgteam(wereld.eigen_school, factories.GebruikerFactory(rol=Rol.ZORG, lsc=None))
    assert bij_weinig == aantal_queries(client, url) == 11


@pytest.mark.django_db
@pytest.mark.parametrize("pagina", ["regioteam_detail", "ondersteuner_detail"])
def test_organisatiepaginas_queries_groeien_niet(client, wereld, pagina):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    pk = wereld.regioteam.pk if pagina == "regioteam_detail" else wereld.anker.pk
    bij_een = aantal_queries(client, reverse(pagina, args=[pk]))
    _meer_scholen(wereld, 29)
    for jaar in range(2015, 2020):
        factories.AnkerFactory(school=factories.SchoolFactory(), ondersteuner=wereld.anker, schooljaar=jaar)
    assert bij_een == aantal_queries(client, reverse(pagina, args=[pk]))


@pytest.mark.django_db
def test_capaciteitsplanning_kost_een_vast_aantal_queries(client, wereld):
    """Session and user (2), the published versions with their envelope and their moves of hours, that
    version's frames, the schools with their figures for the preview, the logged minutes per school and
    month for the summary's schools far outside their frame: 6 (10 before the latest version and the newest
    move were taken from the lists the page reads anyway, 8 before the versions brought their envelope and
    the schools their figures, 7 before the versions brought their moves). The same with 3 and 30 schools:
    tests/capaciteit/test_planning.py."""

    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert planning_queries(client, wereld, 3) == 6


# The school's own request list (issue 19): one card per request, its LSC, pupil and attachment joined.
# Session, user, the school, the requests, the read log (one insert for all rows).
@pytest.mark.django_db
def test_schoolaanvragen_queries_groeien_niet(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    url = reverse("school_aanvragen", args=[wereld.eigen_school.pk])
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
    bij_een = aantal_queries(client, url)
    for gebondenheid in ("leerling", "team"):
        factories.TrajectFactory(
            lsc=wereld.lsc,
            school=wereld.eigen_school,
            gebondenheid=gebondenheid,
            leerling=None
            if gebondenheid == "team"
            else factories.LeerlingFactory(school=wereld.eigen_school),
            groep="team lager" if gebondenheid == "team" else "",
        )
    assert bij_een == aantal_queries(client, url) == 5


# ---- The school's dossier (issue 19): a fixed number of queries whatever its trajectories, log lines,
# agreements, visits and register rows. Session and user (2); the school with its figures' years, CLB,
# confirmations, anchors, care staff and register (1: its lists as JSON columns, netwerk/jsonrijen.py); the
# trajectories with their supporters (1), the read logged (1), the open requests (1); this year's
# consultation with its agreements (1); the frame and its use (2); the visits (1), and on dates per LSC's
# plan its changes, visits and absences (3, issue 21). The CLB: no trajectories, frame or visits. 18 and 8
# when the school's, the trajectories' and the consultation's lists were queries of their own.
DOSSIER_VERWACHT = {Rol.COORDINATOR: 13, Rol.ZORG: 13, Rol.ONDERSTEUNER: 13, Rol.CLB: 4}


def _dossier_vullen(wereld, aantal: int) -> None:
    school, jaar = wereld.eigen_school, huidig_schooljaar()
    plan = Weekplan.objects.filter(lsc=wereld.lsc, status=Weekplan.Status.GEPUBLICEERD).first()
    for nummer in range(aantal):
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=school, type="9" if nummer % 2 else "2")
        factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker, datum=dt.date(jaar, 10, 2))
        Afspraak.objects.create(
            overleg=wereld.eigen_overleg,
            omschrijving=f"Afspraak {nummer}",
            eigenaar=wereld.anker.gebruiker,
            tegen=dt.date(jaar, 12, 1),
        )
        if plan is not None and nummer < 8:
            ondersteuner = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
            Planregel.objects.create(
                weekplan=plan, ondersteuner=ondersteuner, school=school, dag=nummer % 5, blokken=2
            )
    for soort in ("gc", "iac", "ov4"):
        Verslagregister.objects.get_or_create(
            school=school, soort=soort, defaults={"aantal": aantal, "bewaarplaats": "Zorgkast"}
        )


@pytest.mark.django_db
@pytest.mark.parametrize("rol", list(DOSSIER_VERWACHT))
def test_dossier_queries_groeien_niet(client, wereld_met_overleg, rol):

    wereld = wereld_met_overleg
    plan = Weekplan.objects.create(
        lsc=wereld.lsc,
        schooljaar=wereld.eigen_overleg.schooljaar,
        status=Weekplan.Status.GEPUBLICEERD,
        versie=1,
    )
    Planregel.objects.create(
        weekplan=plan, ondersteuner=wereld.anker, school=wereld.eigen_school, dag=0, blokken=4
    )
    client.force_login(wereld.gebruikers[rol])
    url = reverse("school_dossier", args=[wereld.eigen_school.pk])
    bij_weinig = aantal_queries(client, url)
    _dossier_vullen(wereld, 12)
    assert bij_weinig == aantal_queries(client, url) == DOSSIER_VERWACHT[rol]


# ---- end of the dossier's block
# ---------------------------------------------------- issue 19: afstemmingsgesprek, concerns (own block)


def _afstemmingen_en_zorgen(wereld, aantal: int) -> None:
    """`aantal` requests and concerns of the own school's care staff (each at a school of its own for the
    summary: a closed trajectory with its answered closing questions)."""
    zorg = wereld.gebruikers[Rol.ZORG]
    for _ in range(aantal):
        Afstemmingsgesprek.objects.create(
            lsc=wereld.lsc,
            school=wereld.eigen_school,
            schooljaar=huidig_schooljaar(),
            onderwerp="X",
            gevraagd_door=zorg,
        )
        bezorgdheid = Bezorgdheid.objects.create(
            school=wereld.eigen_school, lsc=wereld.lsc, ondersteuner=wereld.anker, tekst="X",
            al_besproken=True, naar="ondersteuner", door=zorg,
        )  # fmt: skip
        bezorgdheid.ontvangers.set([wereld.anker.gebruiker])
        school = factories.SchoolFactory()
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        traject = factories.TrajectFactory(
            lsc=wereld.lsc,
            school=school,
            status="afgerond",
            afgesloten_op=dt.date(huidig_schooljaar(), 10, 1),
        )
        Afsluitvraag.objects.create(
            traject=traject, sleutel_hash=uuid.uuid4().hex, verloopt_op=timezone.now(),
            beantwoord_op=timezone.now(), wat_neem_je_mee="Veel", waar_liggen_kansen="Meer",
        )  # fmt: skip


# Session and user (2) + the page's own: the list in one query (afstemming, concerns); the summary's figures
# per school and its quotes (2).
VERWACHT_AFSTEMMING = {
    ("afstemming_lijst", Rol.COORDINATOR): 3,
    ("afstemming_lijst", Rol.ONDERSTEUNER): 3,
    ("afstemming_lijst", Rol.ZORG): 3,
    ("zorgen_lijst", Rol.ONDERSTEUNER): 3,
    ("zorgen_lijst", Rol.ZORG): 3,
    ("afsluit_samenvatting", Rol.COORDINATOR): 4,
    ("afsluit_samenvatting", Rol.TEAMCOACH): 4,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("pagina", "rol"), list(VERWACHT_AFSTEMMING))
def test_afstemming_en_zorgen_queries_groeien_niet(client, wereld, pagina, rol):
    client.force_login(wereld.gebruikers[rol])
    _afstemmingen_en_zorgen(wereld, 1)
    bij_een = aantal_queries(client, reverse(pagina))
    _afstemmingen_en_zorgen(wereld, 4)
    bij_vijf = aantal_queries(client, reverse(pagina))
    assert (bij_een, bij_vijf) == (VERWACHT_AFSTEMMING[(pagina, rol)],) * 2


# ------------------------------------------------------------------ issue 20: the team (own block)


def _teamleden(wereld, aantal: int) -> None:
    """`aantal` more supporters in the coach's team, each with an anchor school, an open trajectory with
    logged time, a visit in the published week plan and a leave to come."""
    plan = Weekplan.objects.filter(lsc=wereld.lsc, status=Weekplan.Status.GEPUBLICEERD).first()
    if plan is None:
        plan = Weekplan.objects.create(
            lsc=wereld.lsc, schooljaar=huidig_schooljaar(), status=Weekplan.Status.GEPUBLICEERD, versie=1
        )
    for _nummer in range(aantal):
        ondersteuner = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
        school = factories.SchoolFactory(clb=wereld.clb)
        factories.AnkerFactory(school=school, ondersteuner=ondersteuner)
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=school)
        factories.ToewijzingFactory(traject=traject, ondersteuner=ondersteuner)
        factories.LogboekregelFactory(traject=traject, ondersteuner=ondersteuner, datum=timezone.localdate())
        Planregel.objects.create(weekplan=plan, ondersteuner=ondersteuner, school=school, dag=0, blokken=4)
        ondersteuner.afwezigheden.create(
            van=timezone.localdate(), tot=timezone.localdate() + dt.timedelta(days=3), soort="verlof"
        )


# Session and user (2) + the supporters with their counts and logged minutes (1), their leave (1), the
# envelope (1), the published week plan (1), its visits per supporter (1); the page also lists the regio
# teams of its filter (1), the export does not.
VERWACHT_TEAM = {
    ("team_lijst", Rol.COORDINATOR): 8,
    ("team_lijst", Rol.TEAMCOACH): 8,
    ("team_export", Rol.COORDINATOR): 7,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("pagina", "rol"), list(VERWACHT_TEAM))
def test_team_queries_groeien_niet(client, wereld, pagina, rol):
    client.force_login(wereld.gebruikers[rol])
    url = reverse(pagina, args=["csv"] if pagina == "team_export" else [])
    _teamleden(wereld, 1)
    bij_een = aantal_queries(client, url)
    _teamleden(wereld, 4)
    bij_vijf = aantal_queries(client, url)
    assert (bij_een, bij_vijf) == (VERWACHT_TEAM[(pagina, rol)],) * 2


# --- issue 20 part 2: the policy team's pictures (/beelden/). Session and user (2), the regio teams, the LSC,
# the waiting requests, the published distribution, its frames, the minutes per school and month, the
# trajectory counts, the answer times, the supporters, the envelope, the week plan, their agreed
# minutes (one more with a published week plan), their logged minutes, the consultation round. The coach's
# page is the same. That is every picture at once (?beeld=alle); the page opens on the frames alone:
# session and user, the regio teams, the LSC, the distribution, its frames, the minutes per school and
# month (7).
@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.TEAMCOACH])
def test_beelden_kosten_een_vast_aantal_queries(client, wereld_met_trajecten, rol):
    wereld = wereld_met_trajecten
    client.force_login(wereld.gebruikers[rol])
    alle_beelden = reverse("beleid_beelden") + "?beeld=alle"
    bij_een = aantal_queries(client, alle_beelden)
    eerste_beeld = aantal_queries(client, reverse("beleid_beelden"))
    _meer_scholen(wereld, 29)
    for school in wereld.lsc.bedieningen.values_list("school", flat=True):
        traject = factories.TrajectFactory(
            lsc=wereld.lsc, school_id=school, beantwoord_op=timezone.localdate()
        )
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker)
    assert bij_een == aantal_queries(client, alle_beelden) == 16
    # The page opens on one picture (the frames): the others' figures are not queried.
    assert eerste_beeld == aantal_queries(client, reverse("beleid_beelden")) == 7
