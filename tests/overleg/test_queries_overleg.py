"""Who sees which consultation, whose agreements are open, and what the leidraad's overview may hold."""

import datetime as dt

import pytest
from django.utils import timezone

from netwerk.models import Leersteuncentrum, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import queries, rules
from overleg.models import Afspraak, Deelnemer, Schoolbeeldoverleg, Status
from overleg.views.werkpagina import overzicht_tekst
from tests import factories
from tests.support.werelden import overleg_van
from trajecten.models import Status as Trajectstatus


def _zichtbaar(gebruiker) -> set[int]:
    return set(queries.overleggen_zichtbaar_voor(gebruiker).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG])
def test_eigen_overleg_zichtbaar_vreemd_niet(wereld, rol):
    eigen, vreemd = overleg_van(wereld), overleg_van(wereld, vreemd=True)
    zichtbaar = _zichtbaar(wereld.gebruikers[rol])
    assert eigen.pk in zichtbaar
    assert vreemd.pk not in zichtbaar


@pytest.mark.django_db
def test_beheerder_ziet_geen_overleggen(wereld):
    overleg_van(wereld, status=Status.GEDEELD)
    assert _zichtbaar(wereld.gebruikers[Rol.ADMIN]) == set()


@pytest.mark.django_db
def test_clb_ziet_enkel_gedeelde_overleggen_van_eigen_scholen(wereld):
    clb = wereld.gebruikers[Rol.CLB]
    eigen = overleg_van(wereld, status=Status.GEHOUDEN)
    assert _zichtbaar(clb) == set()
    eigen.status = Status.GEDEELD
    eigen.save()
    vreemd = overleg_van(wereld, vreemd=True, status=Status.GEDEELD)
    assert _zichtbaar(clb) == {eigen.pk}
    assert vreemd.pk not in _zichtbaar(clb)


@pytest.mark.django_db
def test_zorg_van_een_andere_school_ziet_niets(wereld):
    overleg_van(wereld, status=Status.GEDEELD)
    andere_zorg = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(wereld.vreemde_school, andere_zorg)
    assert _zichtbaar(andere_zorg) == set()


@pytest.mark.django_db
def test_ondersteuner_ziet_overleg_als_deelnemer_of_als_actief_op_de_school(wereld):
    overleg = overleg_van(wereld)
    collega = factories.OndersteunerFactory(lsc=wereld.lsc)
    assert _zichtbaar(collega.gebruiker) == set()
    traject = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, status=Trajectstatus.LOPEND
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=collega)
    assert _zichtbaar(collega.gebruiker) == {overleg.pk}

    specifiek = factories.OndersteunerFactory(
        lsc=factories.LscFactory(soort=Leersteuncentrum.Soort.SPECIFIEK)
    )
    assert _zichtbaar(specifiek.gebruiker) == set()
    Deelnemer.objects.create(overleg=overleg, gebruiker=specifiek.gebruiker, rol=Deelnemer.Rol.SPECIFIEK)
    assert _zichtbaar(specifiek.gebruiker) == {overleg.pk}


@pytest.mark.django_db
def test_anker_van_vorig_jaar_ziet_het_overleg_van_dit_jaar_niet(wereld):
    overleg = overleg_van(wereld)
    vorig = factories.OndersteunerFactory(lsc=wereld.lsc)
    factories.AnkerFactory(school=wereld.eigen_school, ondersteuner=vorig, schooljaar=huidig_schooljaar() - 1)
    assert overleg.pk not in _zichtbaar(vorig.gebruiker)


@pytest.mark.django_db
def test_bewerken_enkel_voor_coordinatie_anker_en_deelnemende_ondersteuners(wereld):
    overleg = overleg_van(wereld)
    mag = {rol: rules.mag_overleg_bewerken(wereld.gebruikers[rol], overleg) for rol in Rol}
    assert mag == {
        Rol.COORDINATOR: True,
        Rol.DIRECTEUR: True,
        Rol.TEAMCOACH: False,
        Rol.ONDERSTEUNER: True,  # the anchor
        Rol.ZORG: False,
        Rol.CLB: False,
        Rol.ADMIN: False,
    }
    collega = factories.OndersteunerFactory(lsc=wereld.lsc)
    assert not rules.mag_overleg_bewerken(collega.gebruiker, overleg)
    Deelnemer.objects.create(overleg=overleg, gebruiker=collega.gebruiker, rol=Deelnemer.Rol.ONDERSTEUNER)
    assert rules.mag_overleg_bewerken(collega.gebruiker, overleg)
    # The CLB stays a reader even when it takes part.
    Deelnemer.objects.create(overleg=overleg, gebruiker=wereld.gebruikers[Rol.CLB], rol=Deelnemer.Rol.CLB)
    assert not rules.mag_overleg_bewerken(wereld.gebruikers[Rol.CLB], overleg)


@pytest.mark.django_db
def test_coordinator_van_een_ander_lsc_mag_niet_bewerken(wereld):
    vreemd = overleg_van(wereld, vreemd=True)
    assert not rules.mag_overleg_bewerken(wereld.gebruikers[Rol.COORDINATOR], vreemd)


@pytest.mark.django_db
def test_open_afspraken_van_de_eigenaar_dringendste_eerst(wereld):
    overleg = overleg_van(wereld)
    anker = wereld.anker.gebruiker
    vandaag = timezone.localdate()
    later = Afspraak.objects.create(
        overleg=overleg, omschrijving="Later", eigenaar=anker, tegen=vandaag + dt.timedelta(days=30)
    )
    te_laat = Afspraak.objects.create(
        overleg=overleg, omschrijving="Te laat", eigenaar=anker, tegen=vandaag - dt.timedelta(days=1)
    )
    Afspraak.objects.create(
        overleg=overleg, omschrijving="Gedaan", eigenaar=anker, tegen=vandaag, afgerond_op=timezone.now()
    )
    Afspraak.objects.create(
        overleg=overleg, omschrijving="Van iemand anders", eigenaar=wereld.gebruikers[Rol.ZORG], tegen=vandaag
    )
    rijen = list(queries.open_afspraken_van(anker))
    assert [a.pk for a in rijen] == [te_laat.pk, later.pk]
    assert [a.te_laat for a in rijen] == [True, False]


@pytest.mark.django_db
def test_overzicht_noemt_geen_leerling_en_geen_casusinformatie(wereld):
    overleg = overleg_van(wereld)
    leerling = factories.LeerlingFactory(school=wereld.eigen_school, voornaam="Zoë", klas="3A")
    traject = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        leerling=leerling,
        status=Trajectstatus.LOPEND,
        vraag_leerkracht="Geheime ondersteuningsvraag",
    )
    factories.DoelFactory(traject=traject, omschrijving="Geheim doel")
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
    factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        gebondenheid="team",
        leerling=None,
        groep="Kleuters",
        type="4",
    )
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status=Trajectstatus.AFGEROND)
    factories.TrajectFactory(lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.eigen_school)

    tekst = overzicht_tekst(overleg)

    assert "Zoë" not in tekst
    assert "Geheim" not in tekst
    assert "klas 3A" in tekst
    assert "groep Kleuters" in tekst
    assert wereld.anker.gebruiker.naam in tekst
    assert "**Brede types (binnen het tijdskader): 1**" in tekst
    assert "**Kleine types (buiten het tijdskader): 1**" in tekst
    assert ": 2." in tekst  # the closed one and the other LSC's are not in it


@pytest.mark.django_db
def test_overzicht_laadt_de_naam_van_de_leerling_zelfs_niet(wereld, django_assert_max_num_queries):
    overleg = overleg_van(wereld)
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status=Trajectstatus.LOPEND)
    with django_assert_max_num_queries(2) as opgevangen:
        list(queries.trajecten_voor_overzicht(overleg))
    assert "voornaam" not in opgevangen.captured_queries[0]["sql"]


@pytest.mark.django_db
def test_tijdskader_uit_de_gepubliceerde_verdeling(wereld_met_trajecten):
    wereld = wereld_met_trajecten
    overleg = overleg_van(wereld)
    kader = queries.tijdskader_van(overleg)
    assert kader is not None
    assert kader.school_id == wereld.eigen_school.pk
    assert kader.verdeling_id == wereld.eigen_verdeling.pk
    vorig = Schoolbeeldoverleg.objects.create(
        lsc=wereld.lsc, school=wereld.eigen_school, schooljaar=huidig_schooljaar() - 1
    )
    assert queries.tijdskader_van(vorig) is None
