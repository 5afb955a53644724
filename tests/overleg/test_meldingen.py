"""The consultation's notifications reach exactly the right people: a moved meeting its LSC's anchors at the
school and its coordinators (never the mover, never the other LSC), an agreement due its owner, once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.models import Melding, Meldingsoort, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import meldingen as overleg_meldingen
from overleg import services
from overleg.models import Afspraak, Schoolbeeldoverleg, Status
from tests import factories


def _ontvangers(soort) -> set:
    return set(Melding.objects.filter(soort=soort).values_list("ontvanger__email", flat=True))


@pytest.fixture
def uitgenodigd(wereld):
    """The world's own consultation, invited; a second coordinator and a colleague of the own LSC who is no
    anchor at the school; the other LSC's consultation with its anchor and a coordinator there."""
    wereld.coordinator2 = factories.GebruikerFactory(email="coordinator2@proef.example", lsc=wereld.lsc)
    wereld.collega = factories.OndersteunerFactory(lsc=wereld.lsc, gebruiker__email="collega@proef.example")
    ander_lsc = wereld.vreemde_ondersteuner.lsc
    wereld.vreemde_coordinator = factories.GebruikerFactory(email="vreemd-coord@proef.example", lsc=ander_lsc)
    factories.GebruikerFactory(email="weg@proef.example", lsc=wereld.lsc, is_active=False)
    datum = (timezone.now() + dt.timedelta(days=14)).replace(second=0, microsecond=0)
    for attribuut, lsc, school in (
        ("overleg", wereld.lsc, wereld.eigen_school),
        ("vreemd_overleg", ander_lsc, wereld.vreemde_school),
    ):
        overleg = Schoolbeeldoverleg.objects.create(
            lsc=lsc,
            school=school,
            schooljaar=huidig_schooljaar(),
            status=Status.UITGENODIGD,
            datum=datum,
            plaats="Leraarskamer",
        )
        setattr(wereld, attribuut, overleg)
    return wereld


def _verplaats(overleg, door, **gegevens):
    overleg.refresh_from_db()
    return services.onderdeel_bewaren(
        door=door,
        overleg=overleg,
        onderdeel=services.ONDERDELEN["planning"],
        versie=overleg.versie,
        stand="",
        gegevens=gegevens or {"plaats": "Refter"},
    )


@pytest.mark.django_db
def test_verplaatst_door_de_coordinator_hoort_het_anker_en_de_andere_coordinator(uitgenodigd):
    wereld = uitgenodigd
    _verplaats(wereld.overleg, wereld.gebruikers[Rol.COORDINATOR])
    assert _ontvangers(Meldingsoort.OVERLEG_VERPLAATST) == {
        "anker@proef.example",
        "coordinator2@proef.example",
    }
    melding = Melding.objects.filter(soort=Meldingsoort.OVERLEG_VERPLAATST).first()
    assert melding.url == reverse("overleg_detail", args=[wereld.overleg.pk])
    assert melding.titel == "Schoolbeeldoverleg School Eigen: nieuwe datum, uur of plaats"


@pytest.mark.django_db
def test_verplaatst_door_het_anker_horen_de_coordinatoren(uitgenodigd):
    wereld = uitgenodigd
    nieuw = (timezone.now() + dt.timedelta(days=21)).replace(second=0, microsecond=0)
    _verplaats(wereld.overleg, wereld.anker.gebruiker, datum=nieuw)
    assert _ontvangers(Meldingsoort.OVERLEG_VERPLAATST) == {
        "coordinator@proef.example",
        "coordinator2@proef.example",
    }


@pytest.mark.django_db
def test_geen_melding_zonder_verplaatsing_of_voor_de_uitnodiging(uitgenodigd):
    wereld = uitgenodigd
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    _verplaats(wereld.overleg, coordinator, plaats="Leraarskamer")  # nothing changed
    wereld.overleg.refresh_from_db()
    services.onderdeel_bewaren(
        door=coordinator,
        overleg=wereld.overleg,
        onderdeel=services.ONDERDELEN["prioriteiten"],
        versie=wereld.overleg.versie,
        stand="",
        gegevens={"prioriteiten": "Rust in de klas"},
    )
    Schoolbeeldoverleg.objects.filter(pk=wereld.overleg.pk).update(status=Status.VOORBEREIDING)
    _verplaats(wereld.overleg, coordinator)  # not invited yet: nobody's calendar holds it
    assert not Melding.objects.exists()


@pytest.mark.django_db
def test_het_andere_lsc_hoort_alleen_van_zijn_eigen_overleg(uitgenodigd):
    wereld = uitgenodigd
    _verplaats(wereld.vreemd_overleg, wereld.vreemde_coordinator)
    assert _ontvangers(Meldingsoort.OVERLEG_VERPLAATST) == {wereld.vreemde_ondersteuner.gebruiker.email}


# ---------------------------------------------------------------------------------------- agreements due


@pytest.mark.django_db
def test_een_afspraak_die_vervalt_meldt_haar_eigenaar_eenmaal(uitgenodigd):
    wereld = uitgenodigd
    vandaag = timezone.localdate()
    anker, zorg, coach = wereld.anker.gebruiker, wereld.gebruikers[Rol.ZORG], wereld.gebruikers[Rol.TEAMCOACH]
    collega = wereld.collega.gebruiker
    vreemd = wereld.vreemde_ondersteuner.gebruiker

    def afspraak(overleg, eigenaar, tegen, **extra):
        return Afspraak.objects.create(
            overleg=overleg, omschrijving="Observatie bij Mila in 4B", eigenaar=eigenaar, tegen=tegen, **extra
        )

    binnenkort = afspraak(wereld.overleg, anker, vandaag + dt.timedelta(days=2))
    afspraak(wereld.overleg, zorg, vandaag - dt.timedelta(days=1))  # overdue: still to do
    afspraak(wereld.overleg, coach, vandaag + dt.timedelta(days=10))  # not yet
    afspraak(wereld.overleg, collega, vandaag, afgerond_op=timezone.now())  # done
    afspraak(wereld.vreemd_overleg, vreemd, vandaag + dt.timedelta(days=1))

    assert overleg_meldingen.afspraken_melden(vandaag=vandaag) == 3
    assert overleg_meldingen.afspraken_melden(vandaag=vandaag + dt.timedelta(days=1)) == 0
    assert _ontvangers(Meldingsoort.AFSPRAAK_VERVALT) == {anker.email, zorg.email, vreemd.email}
    melding = Melding.objects.get(ontvanger=anker)
    assert melding.url == reverse("overleg_school", args=[wereld.eigen_school.pk])
    assert "Mila" not in melding.titel and "Observatie" not in melding.titel
    assert melding.titel.endswith(f"vervalt op {date_format(binnenkort.tegen, 'j F Y')}")

    # A new due date is notified again.
    Afspraak.objects.filter(pk=binnenkort.pk).update(tegen=vandaag + dt.timedelta(days=3))
    assert overleg_meldingen.afspraken_melden(vandaag=vandaag) == 1
    assert Melding.objects.filter(ontvanger=anker).count() == 2
