"""The logbook: which dates it takes, how a closed trajectory still takes its last visit, and who may correct
a line, how, and that every correction is in the timeline and the audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.schooljaar import schooljaar_van
from tests import factories
from trajecten import services
from trajecten.models import Logboekregel, Status, Traject
from trajecten.services import LeerlingGegevens

VANDAAG = timezone.localdate()
HTMX = {"HX-Request": "true"}


def _datum(datum: dt.date) -> str:
    return date_format(datum, "j F Y")


def _aanmelding(wereld, *, dagen_geleden: int = 20) -> Traject:
    return services.traject_aanmelden(
        door=wereld.anker.gebruiker,
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        gebondenheid="leerling",
        leerling=LeerlingGegevens(voornaam="Mila", initiaal="V", geboortejaar=2016, klas="4B", verslag="gc"),
        type="9",
        fase=2,
        vraag_leerkracht="Hoe geef ik Mila rust bij overgangen?",
        aangemeld_op=VANDAAG - dt.timedelta(days=dagen_geleden),
        anker=wereld.anker,
    )


@pytest.fixture
def in_behandeling(wereld) -> Traject:
    traject = _aanmelding(wereld)
    return services.antwoord_geven(door=wereld.anker.gebruiker, traject=traject, antwoord="We komen langs.")


def _starten(wereld, traject: Traject, start: dt.date) -> Traject:
    return services.traject_starten(
        door=wereld.anker.gebruiker,
        traject=traject,
        start=start,
        geplande_einde=None,
        doelen=["Rustig overgaan naar de speelplaats"],
        volgende_evaluatie=VANDAAG + dt.timedelta(days=30),
    )


@pytest.fixture
def lopend(wereld, in_behandeling) -> Traject:
    return _starten(wereld, in_behandeling, VANDAAG - dt.timedelta(days=10))


def _loggen(wereld, traject: Traject, datum: dt.date, minuten: int = 60) -> Logboekregel:
    return services.tijd_loggen(
        door=wereld.anker.gebruiker,
        traject=Traject.objects.get(pk=traject.pk),
        ondersteuner=wereld.anker,
        datum=datum,
        minuten=minuten,
        activiteit="overleg",
    )


def _als(client, gebruiker):
    client.force_login(gebruiker)
    return client


# Dates


@pytest.mark.django_db
def test_tijd_voor_de_start_wordt_geweigerd(wereld, lopend):
    with pytest.raises(ValidationError) as fout:
        _loggen(wereld, lopend, VANDAAG - dt.timedelta(days=11))
    start = _datum(VANDAAG - dt.timedelta(days=10))
    assert fout.value.message_dict == {"datum": [f"Deze datum ligt vóór de start van het traject ({start})."]}
    assert not Logboekregel.objects.exists()
    assert _loggen(wereld, lopend, VANDAAG - dt.timedelta(days=10)).minuten == 60


@pytest.mark.django_db
def test_voor_de_start_telt_de_intake_vanaf_de_aanmelding(wereld, in_behandeling):
    assert _loggen(wereld, in_behandeling, VANDAAG - dt.timedelta(days=20))
    with pytest.raises(ValidationError, match="vóór de aanmelding van het traject"):
        _loggen(wereld, in_behandeling, VANDAAG - dt.timedelta(days=21))


@pytest.mark.django_db
def test_een_traject_start_uiterlijk_op_zijn_eerste_gelogde_tijd(wereld, in_behandeling):
    """The intake's time belongs to the trajectory: a later start would leave it before the start."""
    _loggen(wereld, in_behandeling, VANDAAG - dt.timedelta(days=5))
    with pytest.raises(ValidationError) as fout:
        _starten(wereld, Traject.objects.get(pk=in_behandeling.pk), VANDAAG)
    eerste = _datum(VANDAAG - dt.timedelta(days=5))
    assert fout.value.message_dict == {
        "start": [f"Er staat al tijd in het logboek op {eerste}: de start ligt uiterlijk die dag."]
    }
    assert Traject.objects.get(pk=in_behandeling.pk).status == Status.IN_BEHANDELING
    traject = _starten(wereld, Traject.objects.get(pk=in_behandeling.pk), VANDAAG - dt.timedelta(days=5))
    assert traject.status == Status.LOPEND


@pytest.mark.django_db
def test_na_de_afsluiting_neemt_het_logboek_nog_enkele_dagen_tijd(wereld, lopend, settings):
    """The last visit, logged after the trajectory was closed, must still fit."""
    settings.LOGBOEK_NA_AFSLUITING_DAGEN = 5
    afgesloten = VANDAAG - dt.timedelta(days=5)
    services.traject_afronden(door=wereld.anker.gebruiker, traject=lopend, op=afgesloten)
    regel = _loggen(wereld, lopend, VANDAAG, minuten=90)
    assert (regel.traject.status, regel.minuten) == (Status.AFGEROND, 90)

    settings.LOGBOEK_NA_AFSLUITING_DAGEN = 4
    with pytest.raises(ValidationError) as fout:
        _loggen(wereld, lopend, VANDAAG)
    assert fout.value.messages == [
        f"Dit traject is afgesloten op {_datum(afgesloten)}: tijd loggen kon tot 4 dagen daarna."
    ]
    assert Logboekregel.objects.count() == 1


@pytest.mark.django_db
def test_tijd_loggen_staat_op_de_schermen_zolang_het_logboek_open_is(client, wereld, lopend, settings):
    settings.LOGBOEK_NA_AFSLUITING_DAGEN = 3
    services.traject_stopzetten(
        door=wereld.anker.gebruiker,
        traject=lopend,
        reden="De school ziet af.",
        op=VANDAAG - dt.timedelta(days=3),
    )
    client = _als(client, wereld.anker.gebruiker)
    tijd = reverse("traject_tijd", args=[lopend.pk])
    pagina = reverse("traject_detail", args=[lopend.pk])
    assert tijd in client.get(pagina).content.decode()
    assert tijd in client.get(reverse("mijn_trajecten"), {"status": "alle"}).content.decode()

    settings.LOGBOEK_NA_AFSLUITING_DAGEN = 2
    assert tijd not in client.get(pagina).content.decode()
    assert tijd not in client.get(reverse("mijn_trajecten"), {"status": "alle"}).content.decode()
    html = client.get(tijd).content.decode()
    assert "tijd loggen kon tot 2 dagen daarna" in html and 'name="minuten"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("afsluiten", ["afronden", "stopzetten"])
def test_afsluiten_voor_de_start_wordt_geweigerd(wereld, in_behandeling, afsluiten):
    traject = _starten(wereld, in_behandeling, VANDAAG + dt.timedelta(days=7))
    with pytest.raises(ValidationError) as fout:
        if afsluiten == "afronden":
            services.traject_afronden(door=wereld.anker.gebruiker, traject=traject)
        else:
            services.traject_stopzetten(
                door=wereld.anker.gebruiker, traject=traject, reden="Geen vraag meer."
            )
    start = _datum(VANDAAG + dt.timedelta(days=7))
    assert fout.value.messages == [f"Het traject start op {start}: afsluiten kan niet vóór die dag."]
    traject.refresh_from_db()
    assert (traject.status, traject.afgesloten_op) == (Status.LOPEND, None)


@pytest.mark.django_db
def test_afsluiten_zo_vroeg_dat_gelogde_tijd_erbuiten_valt_wordt_geweigerd(wereld, lopend, settings):
    settings.LOGBOEK_NA_AFSLUITING_DAGEN = 3
    _loggen(wereld, lopend, VANDAAG)
    with pytest.raises(ValidationError) as fout:
        services.traject_afronden(
            door=wereld.anker.gebruiker, traject=lopend, op=VANDAAG - dt.timedelta(days=4)
        )
    assert fout.value.messages == [
        f"Er staat tijd in het logboek op {_datum(VANDAAG)}, meer dan 3 dagen later: sluit af op of na "
        f"{_datum(VANDAAG - dt.timedelta(days=3))}."
    ]
    services.traject_afronden(door=wereld.anker.gebruiker, traject=lopend, op=VANDAAG - dt.timedelta(days=3))


@pytest.fixture
def lang_lopend(wereld) -> Traject:
    """Running for over a year, its anchor assigned: every date of the past year fits it."""
    traject = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        status=Status.LOPEND,
        aangemeld_op=VANDAAG - dt.timedelta(days=420),
        start=VANDAAG - dt.timedelta(days=410),
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
    return traject


@pytest.mark.django_db
def test_eigen_tijd_in_een_afgesloten_schooljaar_zet_een_ondersteuner_niet_meer(
    wereld, lang_lopend, settings
):
    settings.LOGBOEK_BEWERKEN_TOT = "schooljaar"
    begin = dt.date(schooljaar_van(VANDAAG), 9, 1)
    with pytest.raises(ValidationError) as fout:
        _loggen(wereld, lang_lopend, begin - dt.timedelta(days=1))
    assert fout.value.message_dict == {
        "datum": [
            f"{_datum(begin - dt.timedelta(days=1))} ligt in een afgesloten schooljaar: tijd van vóór "
            f"{_datum(begin)} zet of wijzigt enkel de coördinatie, met een reden."
        ]
    }
    assert _loggen(wereld, lang_lopend, begin)


@pytest.mark.django_db
def test_de_periode_kan_ook_een_aantal_dagen_zijn(wereld, lang_lopend, settings):
    settings.LOGBOEK_BEWERKEN_TOT = "30"
    with pytest.raises(ValidationError, match="ligt meer dan 30 dagen terug"):
        _loggen(wereld, lang_lopend, VANDAAG - dt.timedelta(days=31))
    assert _loggen(wereld, lang_lopend, VANDAAG - dt.timedelta(days=30))
