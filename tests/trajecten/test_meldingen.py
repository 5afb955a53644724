"""The trajectory's notifications reach exactly the right people: the closing answers and a due evaluation
the trajectory's supporters, an erasure request whoever may decide on it; never the other LSC, never the
person who acted, and no title names a pupil."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Melding, Meldingsoort, Rol
from tests import factories
from tests.support.werelden import lopend_traject
from trajecten import meldingen as traject_meldingen
from trajecten import privacy, services
from trajecten.models import Toewijzing, Traject


def _ontvangers(soort) -> set:
    return set(Melding.objects.filter(soort=soort).values_list("ontvanger__email", flat=True))


@pytest.fixture
def met_collegas(wereld_met_trajecten):
    """A running trajectory of the anchor with a focus colleague beside it; a colleague of the same LSC not
    on it; the other LSC's running trajectory of its supporter; a second director, and one who left."""
    wereld = wereld_met_trajecten
    wereld.traject = lopend_traject(wereld)
    wereld.focus = factories.OndersteunerFactory(lsc=wereld.lsc, gebruiker__email="focus@proef.example")
    services.ondersteuner_toewijzen(
        door=wereld.gebruikers[Rol.COORDINATOR],
        traject=wereld.traject,
        ondersteuner=wereld.focus,
        rol=Toewijzing.Rol.FOCUS,
    )
    factories.OndersteunerFactory(lsc=wereld.lsc, gebruiker__email="niet-erbij@proef.example")
    Traject.objects.filter(pk=wereld.vreemd_traject.pk).update(
        status="lopend", volgende_evaluatie=timezone.localdate() + dt.timedelta(days=2)
    )
    Toewijzing.objects.create(
        traject=wereld.vreemd_traject, ondersteuner=wereld.vreemde_ondersteuner, rol="anker"
    )
    factories.GebruikerFactory(email="directeur2@proef.example", rol=Rol.DIRECTEUR, lsc=wereld.lsc)
    factories.GebruikerFactory(
        email="weg@proef.example", rol=Rol.COORDINATOR, lsc=wereld.lsc, is_active=False
    )
    factories.GebruikerFactory(
        email="vreemd-coord@proef.example", rol=Rol.COORDINATOR, lsc=wereld.vreemde_ondersteuner.lsc
    )
    return wereld


@pytest.mark.django_db
def test_de_antwoorden_op_de_afsluitvragen_horen_de_ondersteuners_van_het_traject(met_collegas):
    wereld = met_collegas
    _traject, sleutel = services.traject_afronden(door=wereld.anker.gebruiker, traject=wereld.traject)
    assert not Melding.objects.exists()
    services.afsluitvragen_beantwoorden(
        sleutel=sleutel, wat_neem_je_mee="Rustmomenten", waar_liggen_kansen=""
    )
    assert _ontvangers(Meldingsoort.AFSLUITVRAGEN) == {"anker@proef.example", "focus@proef.example"}
    melding = Melding.objects.filter(soort=Meldingsoort.AFSLUITVRAGEN).first()
    assert melding.titel == f"Traject {wereld.traject.pk}: de school beantwoordde de afsluitvragen"
    assert melding.url == reverse("traject_detail", args=[wereld.traject.pk])


@pytest.mark.django_db
def test_een_evaluatie_die_eraan_komt_meldt_de_ondersteuners_eenmaal_per_datum(met_collegas):
    wereld = met_collegas
    vandaag = timezone.localdate()
    assert traject_meldingen.evaluaties_melden(vandaag=vandaag) == 1  # only the other LSC's is due
    assert _ontvangers(Meldingsoort.EVALUATIE_VERVALT) == {wereld.vreemde_ondersteuner.gebruiker.email}

    datum = vandaag + dt.timedelta(days=5)
    Traject.objects.filter(pk=wereld.traject.pk).update(volgende_evaluatie=datum)
    assert traject_meldingen.evaluaties_melden(vandaag=vandaag) == 2
    assert traject_meldingen.evaluaties_melden(vandaag=vandaag + dt.timedelta(days=1)) == 0
    eigen = Melding.objects.filter(
        soort=Meldingsoort.EVALUATIE_VERVALT, url=f"/trajecten/{wereld.traject.pk}/"
    )
    assert set(eigen.values_list("ontvanger__email", flat=True)) == {
        "anker@proef.example",
        "focus@proef.example",
    }
    assert set(eigen.values_list("sleutel", flat=True)) == {f"{wereld.traject.pk}:{datum.isoformat()}"}
    assert "Mila" not in eigen.first().titel

    # After the evaluation the next date is notified again; a closed trajectory is not.
    Traject.objects.filter(pk=wereld.traject.pk).update(volgende_evaluatie=datum + dt.timedelta(days=1))
    Traject.objects.filter(pk=wereld.vreemd_traject.pk).update(status="afgerond")
    assert traject_meldingen.evaluaties_melden(vandaag=vandaag) == 2
    assert Melding.objects.filter(soort=Meldingsoort.EVALUATIE_VERVALT).count() == 5


@pytest.mark.django_db
def test_een_wisverzoek_wacht_bij_wie_erover_beslist_en_niet_bij_wie_het_vroeg(met_collegas):
    wereld = met_collegas
    verzoek = privacy.wissing_aanvragen(
        door=wereld.anker.gebruiker, leerling=wereld.traject.leerling, reden="De ouders vragen het."
    )
    assert _ontvangers(Meldingsoort.WISVERZOEK) == {
        "coordinator@proef.example",
        "directeur@proef.example",
        "directeur2@proef.example",
    }
    melding = Melding.objects.filter(soort=Meldingsoort.WISVERZOEK).first()
    assert melding.url == reverse("wisverzoek_beslissen", args=[verzoek.pk])
    assert "Mila" not in melding.titel
    assert Melding.objects.count() == 3


@pytest.mark.django_db
def test_vraagt_de_coordinator_het_wissen_dan_beslissen_de_anderen(met_collegas):
    wereld = met_collegas
    privacy.wissing_aanvragen(
        door=wereld.gebruikers[Rol.COORDINATOR], leerling=wereld.traject.leerling, reden="Verhuisd."
    )
    assert _ontvangers(Meldingsoort.WISVERZOEK) == {"directeur@proef.example", "directeur2@proef.example"}
