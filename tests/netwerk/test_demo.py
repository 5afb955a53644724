"""The demo network: its shape, its logins, that loading it twice changes nothing, and that it tells one
coherent story (envelope and staff agree, meetings on school days, logged time after the frames, reports
that quote their own frame)."""

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from capaciteit.models import Envelop
from capaciteit.queries import gepubliceerd, minuten_per_maand, tijdskaders_van, uren_uit_personeel
from capaciteit.rekenen import opvolging
from capaciteit.rekenen.cijfers import Signaal
from capaciteit.rekenen.woorden import beschrijf
from honingraat import demo
from honingraat.demo import laad_demo
from netwerk.kalender import waarom_geen_schooldag
from netwerk.models import Clb, Focus, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Afspraak, Schoolbeeldoverleg, Status
from scholen.models import Ankertoewijzing, Bediening, Bevestiging, School, Schooljaarcijfers
from trajecten.models import Evaluatie, Logboekregel, Traject

MODELLEN = [Leersteuncentrum, Clb, Regioteam, Gebruiker, Ondersteuner, School, Bediening, Schooljaarcijfers,
            Ankertoewijzing, School.zorgmedewerkers.through]  # fmt: skip


@pytest.fixture
def geladen():
    uitvoer: list[str] = []
    assert laad_demo(schrijf=uitvoer.append) is True
    return "\n".join(uitvoer)


def aantallen() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELLEN}


@pytest.mark.django_db
def test_twee_leersteuncentra_met_de_honingraat(geladen):
    algemeen = Leersteuncentrum.objects.get(soort=Leersteuncentrum.Soort.ALGEMEEN)
    assert Leersteuncentrum.objects.filter(soort=Leersteuncentrum.Soort.SPECIFIEK).count() == 1
    assert Leersteuncentrum.objects.count() == 2
    assert Clb.objects.count() == 4

    assert algemeen.regioteams.count() == 12
    coaches = Gebruiker.objects.filter(rol=Rol.TEAMCOACH, lsc=algemeen).annotate(
        teams=Count("gecoachte_regioteams")
    )
    assert sorted(c.teams for c in coaches) == [3, 3, 3, 3]
    assert not algemeen.regioteams.filter(coach=None).exists()

    ondersteuners = Ondersteuner.objects.filter(lsc=algemeen)
    assert 90 <= ondersteuners.count() <= 110
    assert not ondersteuners.filter(regioteam=None).exists()
    assert all(o.opdracht_procent in (50, 60, 80, 100) for o in ondersteuners)
    for focus in Focus:
        assert ondersteuners.filter(focusteams__contains=[focus]).count() >= 10, focus
    assert ondersteuners.filter(focusteams=[]).exists()
    assert Ondersteuner.objects.exclude(lsc=algemeen).count() >= 5


@pytest.mark.django_db
def test_scholen_bediening_en_cijfers(geladen):
    algemeen = Leersteuncentrum.objects.get(soort=Leersteuncentrum.Soort.ALGEMEEN)
    specifiek = Leersteuncentrum.objects.get(soort=Leersteuncentrum.Soort.SPECIFIEK)
    assert School.objects.count() == 150
    assert all(
        s.instellingsnummer.isdigit() and len(s.instellingsnummer) in (5, 6) for s in School.objects.all()
    )
    assert Bediening.objects.filter(lsc=algemeen, regioteam__isnull=False).count() == 150
    teams_met_scholen = Bediening.objects.filter(lsc=algemeen).values("regioteam").distinct().count()
    assert teams_met_scholen == 12
    assert 50 <= Bediening.objects.filter(lsc=specifiek).count() <= 70

    jaar = huidig_schooljaar()
    assert not Schooljaarcijfers.objects.filter(schooljaar__gte=jaar).exists()
    assert not Schooljaarcijfers.objects.filter(schooljaar__lt=jaar - 8).exists()
    met_zes_jaar = School.objects.annotate(jaren=Count("cijfers")).filter(jaren__gte=6).count()
    assert met_zes_jaar >= 140
    for cijfers in Schooljaarcijfers.objects.all():
        assert 80 <= cijfers.leerlingen <= 900
        assert cijfers.gc_verslagen <= cijfers.leerlingen * 0.1


@pytest.mark.django_db
def test_ankers_dit_schooljaar(geladen):
    jaar = huidig_schooljaar()
    zonder_anker = School.objects.exclude(ankers__schooljaar=jaar)
    assert zonder_anker.count() == 3

    for anker in Ankertoewijzing.objects.filter(schooljaar=jaar).select_related("ondersteuner", "school"):
        bediening = Bediening.objects.get(school=anker.school, lsc=anker.lsc)
        assert anker.ondersteuner.regioteam_id == bediening.regioteam_id
    per_ondersteuner = Ondersteuner.objects.annotate(n=Count("ankerscholen")).values_list("n", flat=True)
    assert max(per_ondersteuner) <= 3


@pytest.mark.django_db
def test_iedere_school_heeft_een_zorgaccount(geladen):
    """One care account per school, vouched for by every LSC that serves it; the demo care team has a new
    colleague no LSC vouched for yet (the coordinator's and the care login's confirmation to give)."""

    assert Gebruiker.objects.filter(rol=Rol.ZORG).count() == 151
    assert School.objects.annotate(n=Count("zorgmedewerkers")).filter(n=1).count() == 149
    nieuw = Gebruiker.objects.get(email="zorg.nieuw@example.org")
    assert nieuw.zorgscholen.get() == Gebruiker.objects.get(email="zorg@example.org").zorgscholen.get()
    assert not Bevestiging.objects.filter(gebruiker=nieuw).exists()
    assert Bevestiging.objects.filter(school__isnull=False).count() == Bediening.objects.count()
    assert Gebruiker.objects.filter(rol=Rol.CLB, clb__isnull=False).count() == 4
    assert Bevestiging.objects.filter(clb__isnull=False, bevestigd=True).count() >= 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "rol"),
    [
        ("coordinator@example.org", Rol.COORDINATOR),
        ("directeur@example.org", Rol.DIRECTEUR),
        ("teamcoach@example.org", Rol.TEAMCOACH),
        ("anker@example.org", Rol.ONDERSTEUNER),
        ("focus@example.org", Rol.ONDERSTEUNER),
        ("zorg@example.org", Rol.ZORG),
        ("clb@example.org", Rol.CLB),
        ("admin@example.org", Rol.ADMIN),
    ],
)
def test_demo_logins_melden_aan(geladen, email, rol):
    gebruiker = authenticate(username=email, password="demo-honingraat")
    assert gebruiker is not None
    assert gebruiker.rol == rol
    assert email in geladen


@pytest.mark.django_db
def test_logins_passen_bij_elkaar(geladen):
    jaar = huidig_schooljaar()
    coordinator = Gebruiker.objects.get(email="coordinator@example.org")
    assert coordinator.lsc.soort == Leersteuncentrum.Soort.ALGEMEEN

    anker = Ondersteuner.objects.get(gebruiker__email="anker@example.org")
    ankerscholen = School.objects.filter(ankers__ondersteuner=anker, ankers__schooljaar=jaar)
    assert 2 <= ankerscholen.count() <= 3
    coach = Gebruiker.objects.get(email="teamcoach@example.org")
    assert anker.regioteam.coach == coach

    zorgschool = School.objects.get(zorgmedewerkers__email="zorg@example.org")
    assert zorgschool in ankerscholen
    assert not Gebruiker.objects.filter(email=f"zorg.{zorgschool.instellingsnummer}@example.org").exists()
    assert Gebruiker.objects.get(email="clb@example.org").clb == zorgschool.clb

    focus = Ondersteuner.objects.get(gebruiker__email="focus@example.org")
    assert Focus.ASS in focus.focusteams
    assert not focus.ankerscholen.exists()

    admin = Gebruiker.objects.get(email="admin@example.org")
    assert admin.is_staff and admin.is_superuser


@pytest.mark.django_db
def test_tweede_keer_laden_verandert_niets(geladen):
    voor = aantallen()
    uitvoer: list[str] = []
    assert laad_demo(schrijf=uitvoer.append) is False
    assert aantallen() == voor
    assert uitvoer == []


@pytest.mark.django_db
def test_het_wachtwoord_wordt_een_keer_gehasht(monkeypatch):
    oproepen = []
    echte = demo.make_password
    monkeypatch.setattr(demo, "make_password", lambda *a, **k: oproepen.append(a) or echte(*a, **k))
    laad_demo(schrijf=lambda _: None)
    assert len(oproepen) == 1
    assert Gebruiker.objects.values("password").distinct().count() == 1


@pytest.mark.django_db
def test_commando_laadt_en_meldt_daarna_dat_het_er_al_is():
    eerste, tweede = io.StringIO(), io.StringIO()
    call_command("demo", stdout=eerste)
    assert "Demonetwerk geladen" in eerste.getvalue()
    assert "teamcoach@example.org" in eerste.getvalue()

    call_command("demo", stdout=tweede)
    assert "al geladen" in tweede.getvalue()
    assert "coordinator@example.org" in tweede.getvalue()


@pytest.mark.django_db
def test_schoolbeeldoverleggen_in_elke_fase_en_de_demologins_hebben_er_werk_aan(geladen):
    overleggen = Schoolbeeldoverleg.objects.filter(schooljaar=huidig_schooljaar())
    assert set(overleggen.values_list("status", flat=True)) == set(Status.values)
    assert "schoolbeeldoverleggen" in geladen
    anker = Gebruiker.objects.get(email=demo.ANKER)
    ankerscholen = overleggen.filter(school__ankers__ondersteuner__gebruiker=anker).order_by("school__naam")
    assert {o.status for o in ankerscholen} == {Status.GEDEELD, Status.UITGENODIGD, Status.VOORBEREIDING}
    zorgschool = Gebruiker.objects.get(email=demo.ZORG).zorgscholen.get()
    gedeeld = overleggen.get(school=zorgschool)
    assert gedeeld.status == Status.GEDEELD and gedeeld.verslag
    assert gedeeld.deelnemers.filter(gebruiker__email=demo.CLB).exists()
    # The newest report of its CLB: the CLB login's home page lists the newest ones.
    van_het_clb = overleggen.filter(status=Status.GEDEELD, school__clb=zorgschool.clb)
    assert van_het_clb.latest("gedeeld_op") == gedeeld
    assert Afspraak.objects.filter(eigenaar=anker, afgerond_op__isnull=True).exists()
    # Ready to invite: a date ahead and a place, still in preparation.
    assert overleggen.filter(status=Status.VOORBEREIDING, datum__isnull=False).exclude(plaats="").count() >= 3


# --- one coherent story ---------------------------------------------------------------------------------


def _tijdskaders():
    """The general LSC's envelope of this school year and its published frames (school id → hours)."""
    algemeen = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    envelop = Envelop.objects.get(lsc=algemeen, schooljaar=huidig_schooljaar())
    verdeling = gepubliceerd(lsc_id=algemeen.pk, schooljaar=envelop.schooljaar)
    return envelop, verdeling, dict(verdeling.tijdskaders.values_list("school_id", "uren"))


@pytest.mark.django_db
def test_de_envelop_is_wat_het_personeel_afleidt(geladen):
    """The planning page shows one number: the envelope and 'Envelop afleiden uit personeel' agree."""
    envelop, verdeling, kaders = _tijdskaders()
    assert envelop.uren == uren_uit_personeel(envelop)
    assert verdeling.uren == envelop.uren == sum(kaders.values())
    assert f"een envelop van {envelop.uren} uur" in geladen


@pytest.mark.django_db
def test_vergaderingen_bezoeken_en_termijnen_vallen_op_schooldagen(geladen):
    """No consultation on a Sunday, All Saints' Day or in the Christmas holidays; no logged visit, due date or
    evaluation either. Every kind is listed with the days it got wrong."""
    overleggen = Schoolbeeldoverleg.objects.all()
    datums = {
        "overleg": [timezone.localdate(d) for d in overleggen.values_list("datum", flat=True) if d],
        "tussentijds overleg": overleggen.values_list("tussentijds_op", flat=True),
        "afspraak tegen": Afspraak.objects.values_list("tegen", flat=True),
        "logboekregel": Logboekregel.objects.values_list("datum", flat=True).distinct(),
        "evaluatie": Evaluatie.objects.values_list("datum", flat=True),
    }
    for veld in ["aangemeld_op", "beantwoord_op", "start", "volgende_evaluatie", "afgesloten_op"]:
        datums[f"traject {veld}"] = Traject.objects.values_list(veld, flat=True)
    fout = {}
    for soort, lijst in datums.items():
        lijst = [d for d in lijst if d is not None]
        assert lijst, f"de demo heeft geen {soort}"
        verkeerd = sorted({f"{d} ({reden})" for d in lijst if (reden := waarom_geen_schooldag(d))})
        if verkeerd:
            fout[soort] = [*verkeerd[:5], f"… {len(verkeerd)} in totaal"]
    assert fout == {}


@pytest.mark.django_db
def test_bezoeken_op_de_werkdagen_van_de_ondersteuner_en_niet_op_woensdag(geladen):
    """A supporter logs visits on their own working days; Wednesday is the team's day (the week planning keeps
    it free), so no visit and no consultation falls on it."""
    woensdag = 2
    ondersteuners = Ondersteuner.objects.filter(logboek__isnull=False).distinct()
    assert ondersteuners.count() >= 50
    for ondersteuner in ondersteuners:
        dagen = {d.weekday() for d in ondersteuner.logboek.values_list("datum", flat=True)}
        assert dagen <= set(ondersteuner.werkdagen) - {woensdag}, ondersteuner
    vergaderingen = Schoolbeeldoverleg.objects.exclude(datum=None).values_list("datum", flat=True)
    assert woensdag not in {timezone.localtime(d).weekday() for d in vergaderingen}
    # One visit a day per trajectory and supporter: a long day is one line, not four.
    per_dag = Logboekregel.objects.values("traject", "ondersteuner", "datum").annotate(n=Count("id"))
    assert not per_dag.filter(n__gt=1).exists()
    assert not Logboekregel.objects.filter(minuten__gt=8 * 60).exists()


@pytest.mark.django_db
def test_de_gelogde_tijd_volgt_de_tijdskaders_met_enkele_uitschieters(geladen):
    """Read as the follow-up page reads it: most schools used about their frame's share up to today, a few
    clearly more or less (and are flagged), none on the edge of a band."""
    envelop, verdeling, _ = _tijdskaders()
    regels = Logboekregel.objects.filter(traject__lsc=envelop.lsc_id)
    rijen = opvolging.schoolrijen(
        list(tijdskaders_van(verdeling)),
        minuten_per_maand(regels, per="traject__school", schooljaar=envelop.schooljaar),
        schoolweken=envelop.schoolweken,
        schooljaar=envelop.schooljaar,
        vandaag=timezone.localdate(),
    )
    verhouding = {r.kader.school.naam: float(r.opvolging.cijfers.verhouding) for r in rijen}
    normaal = {n for n, v in verhouding.items() if 0.8 <= v <= 1.15}
    boven = {n for n, v in verhouding.items() if v >= 1.35}
    onder = {n for n, v in verhouding.items() if v <= 0.4}
    enkele = range(2, len(rijen) // 10 + 1)
    assert len(normaal) >= 0.9 * len(rijen), sorted(verhouding.values())
    assert len(boven) in enkele, sorted(verhouding.values())
    assert len(onder) in enkele, sorted(verhouding.values())
    assert normaal | boven | onder == set(verhouding), "scholen op de rand van een band"
    if rijen[0].signaal != Signaal.TE_VROEG:  # the page flags nothing in the first school weeks
        gemarkeerd = {r.kader.school.naam: r.signaal for r in rijen if r.signaal.gemarkeerd}
        assert gemarkeerd == dict.fromkeys(boven, "boven") | dict.fromkeys(onder, "onder")


@pytest.mark.django_db
def test_verslagen_citeren_het_eigen_tijdskader_in_woorden(geladen):
    """A held consultation agreed the spread of the school's own published frame, in words; its report
    quotes no other frame (no 'gemiddeld 1 dag per maand' for a school of 'een dag per week')."""
    envelop, verdeling, kaders = _tijdskaders()
    gehouden = Schoolbeeldoverleg.objects.filter(status__in=[Status.GEDEELD, Status.GEHOUDEN])
    assert verdeling.gepubliceerd_op < min(gehouden.values_list("datum", flat=True)), "kader na het overleg"
    assert gehouden.filter(status=Status.GEDEELD).count() >= 50
    for overleg in gehouden.select_related("school"):
        uren = kaders[overleg.school_id]
        zin = beschrijf(uren, envelop.schoolweken).zin
        assert overleg.spreiding == zin, overleg.school.naam
        if overleg.status == Status.GEDEELD:
            assert zin in overleg.verslag and f"{uren} uur" in overleg.verslag, overleg.school.naam
        rest = f"{overleg.spreiding}\n{overleg.verslag}".replace(zin, "")
        assert not re.search(r"per week|per maand|om de twee weken", rest), (overleg.school.naam, rest)
        assert set(re.findall(r"(\d+) uur", rest)) <= {str(uren)}, (overleg.school.naam, rest)
