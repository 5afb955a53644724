"""The week planning's input read from the network: frames, capacities, candidates, anchors, continuity."""

from dataclasses import replace

import pytest
from django.urls import reverse

from capaciteit import gemeenten
from capaciteit.forms import WeekplanInstellingenForm, nadruk_van
from capaciteit.models import Envelop, Planregel, Weekplan
from capaciteit.queries import gepubliceerd_weekplan
from capaciteit.rekenen import weekplanning as wp
from capaciteit.services import verdeling_publiceren
from capaciteit.services import weekplan as weekplannen
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from trajecten.models import Status, Toewijzing


@pytest.fixture
def gepland(wereld):
    """The own LSC with an envelope of 360 hours (36 school weeks) over two schools of its regio team."""
    tweede = factories.SchoolFactory(naam="School Twee", gemeente="Lokeren")
    factories.BedieningFactory(lsc=wereld.lsc, school=tweede, regioteam=wereld.regioteam)
    factories.CijfersFactory(school=tweede)
    wereld.eigen_school.gemeente = "Dendermonde"
    wereld.eigen_school.save()
    wereld.anker.woonplaats = "Hamme"
    wereld.anker.werkdagen = [0, 1, 3]
    wereld.anker.opdracht_procent = 50
    wereld.anker.save()
    envelop = Envelop.objects.create(
        lsc=wereld.lsc,
        schooljaar=huidig_schooljaar(),
        uren=360,
        uren_per_voltijdse=1008,
        verslagsoorten=["gc"],
    )
    wereld.verdeling = verdeling_publiceren(door=None, envelop=envelop)
    wereld.tweede_school = tweede
    return wereld


def _invoer(wereld, **instellingen):
    return weekplannen.invoer_voor(
        lsc_id=wereld.lsc.pk,
        schooljaar=huidig_schooljaar(),
        instellingen=weekplannen.instellingen_uit(instellingen),
    )


@pytest.mark.django_db
def test_invoer_komt_uit_de_gepubliceerde_kaders_en_de_ondersteuners(gepland):
    invoer = _invoer(gepland)
    kaders = {k.school_id: k.uren for k in gepland.verdeling.tijdskaders.all()}
    assert sum(kaders.values()) == 360
    scholen = {s.id: s for s in invoer.scholen}
    assert set(scholen) == {s for s, uren in kaders.items() if uren > 0}
    for school_id, school in scholen.items():
        # hours per year ÷ 36 weeks, in half hours per week
        assert school.doel_blokken == round(kaders[school_id] * 2 / 36)
    eigen = scholen[gepland.eigen_school.pk]
    assert eigen.ankers == frozenset({gepland.anker.pk})
    assert eigen.positie == gemeenten.CENTRA["Dendermonde"]
    (anker,) = [o for o in invoer.ondersteuners if o.id == gepland.anker.pk]
    assert anker.werkdagen == frozenset({0, 1, 3})
    assert anker.capaciteit_blokken == 28  # 50 % of 1008 h ÷ 36 weeks = 14 h a week = 28 half hours
    assert anker.positie == gemeenten.CENTRA["Hamme"]
    assert anker.kandidaten == frozenset(scholen)  # both schools are in the anchor's regio team
    assert gepland.vreemde_school.pk not in scholen


@pytest.mark.django_db
def test_een_cyclus_van_twee_weken_verdubbelt_doel_en_capaciteit(gepland):
    een, twee = _invoer(gepland), _invoer(gepland, cyclus_weken=2)
    assert [s.doel_blokken * 2 for s in een.scholen] == [s.doel_blokken for s in twee.scholen]
    assert [o.capaciteit_blokken * 2 for o in een.ondersteuners] == [
        o.capaciteit_blokken for o in twee.ondersteuners
    ]


@pytest.mark.django_db
def test_wie_er_nu_werkt_telt_voor_de_continuiteit(gepland):

    focus = factories.OndersteunerFactory(lsc=gepland.lsc, regioteam=None)
    traject = factories.TrajectFactory(lsc=gepland.lsc, school=gepland.tweede_school, status=Status.LOPEND)
    Toewijzing.objects.create(traject=traject, ondersteuner=focus, rol=Toewijzing.Rol.FOCUS)
    invoer = _invoer(gepland)
    assert (focus.pk, gepland.tweede_school.pk) in invoer.huidig
    (persoon,) = [o for o in invoer.ondersteuners if o.id == focus.pk]
    assert persoon.kandidaten == frozenset({gepland.tweede_school.pk})  # no regio team: only where they work


@pytest.mark.django_db
def test_de_afgesproken_intensiteit_van_lopende_trajecten_is_wat_het_plan_vraagt(gepland):
    focus = factories.OndersteunerFactory(lsc=gepland.lsc, regioteam=None)
    tweede, eigen = gepland.tweede_school, gepland.eigen_school

    def traject(school, ondersteuner, minuten, frequentie, *, soort="9", status=Status.LOPEND):
        t = factories.TrajectFactory(
            lsc=gepland.lsc,
            school=school,
            status=status,
            type=soort,
            intensiteit_minuten=minuten,
            frequentie=frequentie,
        )
        Toewijzing.objects.create(traject=t, ondersteuner=ondersteuner, rol=Toewijzing.Rol.FOCUS)

    traject(tweede, focus, 90, "week")  # 90 min a week
    traject(tweede, focus, 60, "2weken", soort="3")  # 30 min a week: 120 in all, 4 half hours
    traject(tweede, focus, 120, "week", soort="2")  # a kleine type: outside the frame, asks nothing
    traject(tweede, focus, 120, "week", status=Status.AANGEMELD)  # not running yet
    traject(eigen, gepland.anker, 45, "maand")  # 11.25 min a week: no half hour in a week, one in two
    een, twee = _invoer(gepland), _invoer(gepland, cyclus_weken=2)
    assert dict(een.vraag) == {(focus.pk, tweede.pk): 4}
    assert dict(twee.vraag) == {(focus.pk, tweede.pk): 8, (gepland.anker.pk, eigen.pk): 1}
    # Another LSC's trajectory at the same school asks nothing of this plan.
    vreemd = factories.TrajectFactory(
        school=tweede, status=Status.LOPEND, intensiteit_minuten=60, frequentie="week"
    )
    Toewijzing.objects.create(traject=vreemd, ondersteuner=focus, rol=Toewijzing.Rol.ANKER)
    assert dict(_invoer(gepland).vraag) == {(focus.pk, tweede.pk): 4}


def _twee_teams() -> wp.Invoer:
    """Two regio teams of two schools, each with an anchor of its own: solved per team."""
    ondersteuners = [
        wp.Ondersteuner(
            id=f"O{t}", naam=f"O{t}", capaciteit_blokken=32, kandidaten=frozenset({f"T{t}A", f"T{t}B"})
        )
        for t in range(2)
    ]
    scholen = [
        wp.School(id=f"T{t}{k}", naam=f"T{t}{k}", doel_blokken=6, ankers=frozenset({f"O{t}"}))
        for t in range(2)
        for k in "AB"
    ]
    inst = wp.Instellingen(tijdslimiet_s=weekplannen.PER_TEAM_VANAF_S, collegiale_dag=None)
    return wp.Invoer(ondersteuners, scholen, inst)


@pytest.mark.django_db
def test_een_netwerk_van_meer_teams_wordt_per_team_opgelost_en_schrijft_eerlijke_voortgang(gepland, settings):
    invoer = _twee_teams()
    assert len(wp.teams(invoer)) == 2
    # Off (the standard): in one piece, whatever the teams.
    settings.HONINGRAAT_WEEKPLAN_PER_TEAM = False
    uit = Weekplan.objects.create(lsc=gepland.lsc, schooljaar=huidig_schooljaar(), status="bezig")
    assert "teams" not in weekplannen._zoek_met_voortgang(uit.pk, invoer).kengetallen
    settings.HONINGRAAT_WEEKPLAN_PER_TEAM = True
    plan = Weekplan.objects.create(lsc=gepland.lsc, schooljaar=huidig_schooljaar(), status="bezig")
    uitkomst = weekplannen._zoek_met_voortgang(plan.pk, invoer)
    assert uitkomst.heeft_plan and uitkomst.kengetallen["teams"] == 2
    plan.refresh_from_db()
    assert plan.kengetallen == {"teams": 2, "teams_klaar": 2}
    assert (plan.objectief, plan.grens) == (uitkomst.objectief, uitkomst.grens)
    # One team: one search, no teams to count.
    een = Weekplan.objects.create(lsc=gepland.lsc, schooljaar=huidig_schooljaar(), status="bezig")
    invoer = wp.Invoer(invoer.ondersteuners[:1], invoer.scholen[:2], invoer.instellingen)
    uitkomst = weekplannen._zoek_met_voortgang(een.pk, invoer)
    assert "teams" not in uitkomst.kengetallen
    een.refresh_from_db()
    assert een.kengetallen == {} and een.objectief == uitkomst.objectief
    # A short time limit: in one piece too, the teams' shares would be too small.
    kort = Weekplan.objects.create(lsc=gepland.lsc, schooljaar=huidig_schooljaar(), status="bezig")
    invoer = _twee_teams()
    invoer = replace(invoer, instellingen=replace(invoer.instellingen, tijdslimiet_s=5))
    assert "teams" not in weekplannen._zoek_met_voortgang(kort.pk, invoer).kengetallen


@pytest.mark.django_db
def test_de_voortgang_per_team_toont_hoeveel_teams_een_plan_hebben(client, gepland):
    plan = Weekplan.objects.create(
        lsc=gepland.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.BEZIG,
        instellingen={**weekplannen.STANDAARD, "tijdslimiet_s": 20},
        grens=80,
        kengetallen={"teams": 3, "teams_klaar": 1},
    )
    client.force_login(gepland.gebruikers["coordinator"])
    html = client.get(reverse("weekplan_detail", args=[plan.pk])).content.decode()
    assert '<span class="getal weekplan-teams-klaar">1</span> van de 3 regioteams hebben al een plan' in html
    assert "weekplan-oplossingen" not in html
    assert '<span class="getal weekplan-grens">80</span>' in html
    assert '<span class="getal weekplan-objectief">—</span>' in html
    Weekplan.objects.filter(pk=plan.pk).update(objectief=95, oplossingen=1)
    html = client.get(reverse("weekplan_detail", args=[plan.pk])).content.decode()
    assert "weekplan-teams-klaar" not in html
    assert '<span class="getal weekplan-oplossingen">1</span>' in html


@pytest.mark.django_db
def test_trajecten_eerst_en_het_schuifje_voor_de_afgesproken_uren(client, gepland):
    gegevens = {**weekplannen.STANDAARD, "nadruk": "trajecten"}
    formulier = WeekplanInstellingenForm(gegevens)
    assert formulier.is_valid(), formulier.errors
    assert weekplannen.instellingen_uit(formulier.instellingen()).gewichten.traject == 80
    assert nadruk_van(formulier.instellingen()) == "trajecten"
    # A page from before the slider (no value for it) keeps the standard weight; so does an older plan.
    gegevens = {**weekplannen.STANDAARD, "nadruk": "zelf"}
    del gegevens["gewicht_traject"]
    formulier = WeekplanInstellingenForm(gegevens)
    assert formulier.is_valid(), formulier.errors
    assert formulier.instellingen()["gewicht_traject"] == weekplannen.STANDAARD["gewicht_traject"] == 20
    assert nadruk_van(gegevens) == "evenwichtig"
    client.force_login(gepland.gebruikers["coordinator"])
    html = client.get(reverse("weekplan_overzicht")).content.decode()
    assert '<input type="range" name="gewicht_traject"' in html
    assert "Trajecten krijgen hun afgesproken uren" in html and ">Trajecten eerst</label>" in html


@pytest.mark.django_db
def test_zonder_gepubliceerde_verdeling_een_duidelijke_melding(wereld):
    with pytest.raises(weekplannen.WeekplanFout, match="nog geen verdeling"):
        _invoer(wereld)


@pytest.mark.django_db
def test_publiceren_nummert_de_versies_en_vervangt_de_vorige(gepland):
    coordinator = gepland.gebruikers["coordinator"]
    eerste = Weekplan.objects.create(lsc=gepland.lsc, schooljaar=huidig_schooljaar(), status="voorstel")
    tweede = Weekplan.objects.create(lsc=gepland.lsc, schooljaar=huidig_schooljaar(), status="voorstel")
    weekplannen.weekplan_publiceren(door=coordinator, weekplan=eerste)
    weekplannen.weekplan_publiceren(door=coordinator, weekplan=tweede)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.versie, eerste.status) == (1, Weekplan.Status.VERVANGEN)
    assert (tweede.versie, tweede.status) == (2, Weekplan.Status.GEPUBLICEERD)
    assert gepubliceerd_weekplan(lsc_id=gepland.lsc.pk, schooljaar=huidig_schooljaar()) == tweede
    with pytest.raises(weekplannen.WeekplanFout):
        weekplannen.weekplan_publiceren(door=coordinator, weekplan=tweede)


@pytest.mark.django_db
def test_verplaatsen_naar_een_dag_met_hetzelfde_bezoek_voegt_ze_samen_en_zet_vast(gepland):
    plan = Weekplan.objects.create(lsc=gepland.lsc, schooljaar=huidig_schooljaar(), status="voorstel")
    maandag = Planregel.objects.create(
        weekplan=plan, ondersteuner=gepland.anker, school=gepland.eigen_school, dag=0, blokken=4
    )
    Planregel.objects.create(
        weekplan=plan, ondersteuner=gepland.anker, school=gepland.eigen_school, dag=1, blokken=2
    )
    samen = weekplannen.regel_verplaatsen(door=None, regel=maandag, dag=1)
    assert (samen.dag, samen.blokken, samen.vastgezet) == (1, 6, True)
    assert plan.regels.count() == 1
    with pytest.raises(weekplannen.WeekplanFout, match="bestaat niet"):
        weekplannen.regel_verplaatsen(door=None, regel=samen, dag=7)


@pytest.mark.django_db
def test_het_oplossen_bewaart_een_voorstel_met_kengetallen_en_houdt_pins(gepland):
    coordinator = gepland.gebruikers["coordinator"]
    eerste = weekplannen.weekplan_voorstellen(
        door=coordinator,
        lsc_id=gepland.lsc.pk,
        schooljaar=huidig_schooljaar(),
        instellingen={"tijdslimiet_s": 5},
    )
    plan = weekplannen.weekplan_oplossen(weekplan_id=eerste.pk)
    assert plan.status == Weekplan.Status.VOORSTEL, plan.redenen
    assert plan.kengetallen["plan"]["dagen_boven_max"] == 0
    assert plan.objectief is not None and plan.grens is not None
    regel = plan.regels.first()
    weekplannen.regel_vastzetten(door=coordinator, regel=regel, vast=True)

    opnieuw = weekplannen.weekplan_voorstellen(
        door=coordinator,
        lsc_id=gepland.lsc.pk,
        schooljaar=huidig_schooljaar(),
        instellingen={"tijdslimiet_s": 5},
        van=plan,
    )
    opnieuw = weekplannen.weekplan_oplossen(weekplan_id=opnieuw.pk)
    assert opnieuw.status == Weekplan.Status.VOORSTEL
    assert opnieuw.regels.filter(
        ondersteuner=regel.ondersteuner,
        school=regel.school,
        dag=regel.dag,
        blokken=regel.blokken,
        vastgezet=True,
    ).exists()


@pytest.mark.django_db
def test_de_coordinator_legt_werkdagen_en_vaste_afwezigheden_vast_en_de_planning_volgt(client, gepland):

    anker = gepland.anker
    client.force_login(gepland.gebruikers["coordinator"])
    antwoord = client.post(
        reverse("ondersteuner_detail", args=[anker.pk]),
        {
            "regioteam": anker.regioteam_id,
            "opdracht_procent": 80,
            "woonplaats": "Hamme",
            "werkdagen": ["0", "1", "2", "3"],
            "onbeschikbaar": ["1", "8"],  # Tuesday of week 1, Thursday of week 2
        },
    )
    assert antwoord.status_code == 302
    anker.refresh_from_db()
    assert (anker.werkdagen, anker.onbeschikbaar) == ([0, 1, 2, 3], [1, 8])
    (een,) = [o for o in _invoer(gepland).ondersteuners if o.id == anker.pk]
    assert (een.werkdagen, een.onbeschikbaar) == (frozenset({0, 1, 2, 3}), frozenset({1}))
    (twee,) = [o for o in _invoer(gepland, cyclus_weken=2).ondersteuners if o.id == anker.pk]
    assert twee.onbeschikbaar == frozenset({1, 8})
