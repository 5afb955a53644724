"""The life of a trajectory through its services: allowed transitions, refused ones, history, mails."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Rol, Wijziging
from tests.factories import OndersteunerFactory
from tests.support.werelden import gestart
from trajecten import services
from trajecten.mails import herinneringen_versturen
from trajecten.models import Afsluitvraag, Doel, Logboekregel, Status, Traject
from trajecten.queries import achterstallig
from trajecten.services import LeerlingGegevens, OvergangGeweigerd

VANDAAG = timezone.localdate()


@pytest.fixture
def aanmelding(wereld):
    return services.traject_aanmelden(
        door=wereld.anker.gebruiker,
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        gebondenheid="leerling",
        leerling=LeerlingGegevens(voornaam="Mila", initiaal="V", geboortejaar=2016, klas="4B", verslag="gc"),
        type="9",
        fase=2,
        vraag_leerkracht="Hoe geef ik Mila rust bij overgangen?",
        aangemeld_op=VANDAAG - dt.timedelta(days=20),
        anker=wereld.anker,
    )


@pytest.mark.django_db
def test_volledige_levensloop_met_geschiedenis(wereld, aanmelding):
    traject = gestart(wereld, aanmelding, evaluatie_over=3)
    assert traject.status == Status.LOPEND and traject.doelen.count() == 2
    doel = traject.doelen.first()
    services.tijd_loggen(
        door=wereld.anker.gebruiker,
        traject=traject,
        ondersteuner=wereld.anker,
        datum=VANDAAG,
        minuten=60,
        activiteit="observatie",
    )
    # The decision to close closes: no second step.
    services.evaluatie_registreren(
        door=wereld.anker.gebruiker,
        traject=traject,
        datum=VANDAAG,
        beslissing="afronden",
        doelen={doel.pk: ("bereikt", "Lukt bijna altijd")},
    )
    traject = Traject.objects.get(pk=traject.pk)
    assert traject.status == Status.AFGEROND and Doel.objects.get(pk=doel.pk).status == "bereikt"
    vraag = Afsluitvraag.objects.get(traject=traject)
    sleutel = services.afsluitsleutel(traject_id=traject.pk, verloopt_op=vraag.verloopt_op)
    acties = list(
        Wijziging.objects.filter(traject_id=traject.pk).order_by("pk").values_list("actie", flat=True)
    )
    assert acties == [
        "trajecten.traject.aangemeld",
        "trajecten.traject.beantwoord",
        "trajecten.traject.gestart",
        "trajecten.logboekregel.toegevoegd",
        "trajecten.doel.bijgewerkt",
        "trajecten.evaluatie.geregistreerd",
        "trajecten.traject.afgerond",
    ]
    assert Wijziging.objects.filter(traject_id=traject.pk, door=wereld.anker.gebruiker).count() == len(acties)

    services.afsluitvragen_beantwoorden(
        sleutel=sleutel, wat_neem_je_mee="Pictogrammen", waar_liggen_kansen=""
    )
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.afsluitvragen_beantwoorden(
            sleutel=sleutel, wat_neem_je_mee="Nog eens", waar_liggen_kansen=""
        )
    assert Afsluitvraag.objects.get(traject=traject).wat_neem_je_mee == "Pictogrammen"

    services.traject_heropenen(
        door=wereld.anker.gebruiker, traject=traject, reden="Nieuwe vraag na de paasvakantie"
    )
    assert Traject.objects.get(pk=traject.pk).status == Status.LOPEND


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actie", "melding"),
    [
        (
            lambda w, t: services.traject_starten(
                door=w.anker.gebruiker, traject=t, start=VANDAAG, geplande_einde=None, doelen=["x"]
            ),
            "Een traject met status ‘aangemeld’ kan niet starten; dat kan enkel bij status in behandeling.",
        ),
        (
            lambda w, t: services.traject_afronden(door=w.anker.gebruiker, traject=t),
            "Een traject met status ‘aangemeld’ kan niet afgerond worden; dat kan enkel bij status lopend.",
        ),
        (
            lambda w, t: services.traject_heropenen(door=w.anker.gebruiker, traject=t, reden="x"),
            "kan niet heropend worden",
        ),
        (
            lambda w, t: services.evaluatie_registreren(
                door=w.anker.gebruiker, traject=t, datum=VANDAAG, beslissing="verderzetten"
            ),
            "kan niet geëvalueerd worden",
        ),
    ],
)
def test_verboden_overgangen_worden_geweigerd_en_bewaren_niets(wereld, aanmelding, actie, melding):
    voor = (Wijziging.objects.count(), Doel.objects.count(), Traject.objects.get(pk=aanmelding.pk).status)
    with pytest.raises(OvergangGeweigerd) as fout:
        actie(wereld, aanmelding)
    assert melding in fout.value.messages[0]
    assert (
        Wijziging.objects.count(),
        Doel.objects.count(),
        Traject.objects.get(pk=aanmelding.pk).status,
    ) == voor


@pytest.mark.django_db
def test_starten_zonder_doel_wordt_geweigerd(wereld, aanmelding):
    services.antwoord_geven(door=wereld.anker.gebruiker, traject=aanmelding, antwoord="Ja")
    with pytest.raises(ValidationError, match="minstens één doel"):
        services.traject_starten(
            door=wereld.anker.gebruiker,
            traject=aanmelding,
            start=VANDAAG,
            geplande_einde=None,
            doelen=["", "  "],
        )
    assert Traject.objects.get(pk=aanmelding.pk).status == Status.IN_BEHANDELING


@pytest.mark.django_db
def test_enkel_toegewezen_ondersteuners_loggen_tijd(wereld, aanmelding):

    traject = gestart(wereld, aanmelding, evaluatie_over=3)
    vreemde = OndersteunerFactory(lsc=wereld.lsc)
    with pytest.raises(ValidationError, match="toegewezen"):
        services.tijd_loggen(
            door=vreemde.gebruiker,
            traject=traject,
            ondersteuner=vreemde,
            datum=VANDAAG,
            minuten=30,
            activiteit="overleg",
        )
    with pytest.raises(ValidationError):
        services.tijd_loggen(
            door=wereld.anker.gebruiker,
            traject=traject,
            ondersteuner=wereld.anker,
            datum=VANDAAG,
            minuten=2,
            activiteit="overleg",
        )
    assert not Logboekregel.objects.exists()


@pytest.mark.django_db
def test_tweede_bewerker_krijgt_een_versieconflict(wereld, aanmelding):
    gezien = aanmelding.versie
    services.traject_bijwerken(
        door=wereld.anker.gebruiker,
        traject=aanmelding,
        versie=gezien,
        gegevens={"vraag_leerling_ouders": "Eerste"},
    )
    with pytest.raises(services.VersieConflict, match="intussen gewijzigd"):
        services.traject_bijwerken(
            door=wereld.gebruikers[Rol.COORDINATOR],
            traject=aanmelding,
            versie=gezien,
            gegevens={"vraag_leerling_ouders": "Tweede"},
        )
    assert Traject.objects.get(pk=aanmelding.pk).vraag_leerling_ouders == "Eerste"


@pytest.mark.django_db
def test_verlopen_afsluitlink_werkt_niet(wereld, aanmelding):
    traject = gestart(wereld, aanmelding, evaluatie_over=3)
    _, sleutel = services.traject_afronden(door=wereld.anker.gebruiker, traject=traject)
    Afsluitvraag.objects.update(verloopt_op=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="verlopen"):
        services.afsluitvragen_beantwoorden(sleutel=sleutel, wat_neem_je_mee="x", waar_liggen_kansen="y")
    with pytest.raises(ValidationError, match="niet geldig"):
        services.afsluitvragen_beantwoorden(sleutel="fout", wat_neem_je_mee="x", waar_liggen_kansen="y")


@pytest.mark.django_db
def test_heropenen_maakt_de_afsluitlink_ongeldig_en_een_nieuwe_afronding_geeft_een_nieuwe(wereld, aanmelding):
    traject = gestart(wereld, aanmelding, evaluatie_over=3)
    traject, oud = services.traject_afronden(door=wereld.anker.gebruiker, traject=traject)
    traject = services.traject_heropenen(door=wereld.anker.gebruiker, traject=traject, reden="Nieuwe vraag")
    with pytest.raises(ValidationError, match="niet meer geldig: het traject is heropend"):
        services.afsluitvragen_beantwoorden(sleutel=oud, wat_neem_je_mee="x", waar_liggen_kansen="y")
    assert Afsluitvraag.objects.get(traject=traject).beantwoord_op is None
    # Closed again: the school gets a new link, and the old one stays dead.
    _, nieuw = services.traject_afronden(door=wereld.anker.gebruiker, traject=traject)
    with pytest.raises(ValidationError, match="niet geldig"):
        services.afsluitvragen_beantwoorden(sleutel=oud, wat_neem_je_mee="x", waar_liggen_kansen="y")
    services.afsluitvragen_beantwoorden(sleutel=nieuw, wat_neem_je_mee="Rustkaart", waar_liggen_kansen="")
    assert Afsluitvraag.objects.get(traject=traject).wat_neem_je_mee == "Rustkaart"


@pytest.mark.django_db
def test_aanmelding_zonder_vraag_van_de_leerkracht_wordt_geweigerd(wereld):
    voor = Traject.objects.count()
    with pytest.raises(ValidationError, match="ondersteuningsvraag van de leerkracht"):
        services.traject_aanmelden(
            door=wereld.anker.gebruiker,
            lsc=wereld.lsc,
            school=wereld.eigen_school,
            gebondenheid="team",
            type="basisaanbod",
            fase=2,
            vraag_leerkracht="   ",
            groep="Team lagere school",
        )
    assert Traject.objects.count() == voor


@pytest.mark.django_db
def test_achterstallige_aanmeldingen_volgen_de_termijn_van_het_lsc(wereld, aanmelding):

    assert list(achterstallig(Traject.objects.all())) == [aanmelding]  # 20 days > 14; the others are new
    wereld.lsc.antwoordtermijn_dagen = 30
    wereld.lsc.save()
    assert not achterstallig(Traject.objects.all()).exists()


@pytest.mark.django_db
def test_dagelijkse_herinnering_zonder_leerlinggegevens(wereld, aanmelding, settings):

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert herinneringen_versturen() == 1
    bericht = mail.outbox[-1]
    assert bericht.to == [wereld.anker.gebruiker.email]
    assert "1 aanmelding die nog op een antwoord wacht" in bericht.body
    for geheim in ("Mila", "4B", "rust bij overgangen", "Mila V"):
        assert geheim not in bericht.body and geheim not in bericht.subject


@pytest.mark.django_db
def test_betrokkene_toevoegen_via_de_trajectpagina(client, wereld, aanmelding):
    client.force_login(wereld.anker.gebruiker)
    url = reverse("traject_betrokkene", args=[aanmelding.pk])
    antwoord = client.post(url, {"rol": "clb", "organisatie": "CLB Eigen", "naam": ""}, follow=True)
    assert "De betrokkene is toegevoegd" in antwoord.content.decode()
    assert list(aanmelding.betrokkenen.values_list("rol", "organisatie")) == [("clb", "CLB Eigen")]
    assert Wijziging.objects.filter(
        traject_id=aanmelding.pk, actie="trajecten.betrokkene.toegevoegd"
    ).exists()
    client.force_login(wereld.gebruikers[Rol.ZORG])
    assert client.post(url, {"rol": "ouders"}).status_code == 403
    assert aanmelding.betrokkenen.count() == 1


@pytest.mark.django_db
def test_afspraken_bijwerken_en_de_tweede_bewerker_wordt_verwittigd(client, wereld, aanmelding):
    traject = gestart(wereld, aanmelding, evaluatie_over=3)
    url = reverse("traject_afspraken", args=[traject.pk])
    gezien = traject.versie
    client.force_login(wereld.anker.gebruiker)
    formulier = client.get(url).content.decode()
    assert f'name="versie" value="{gezien}"' in formulier and 'value="2u"' in formulier
    gegevens = {"versie": gezien, "intensiteit_minuten": "1u30", "frequentie": "2weken", "vormen": ["klas"]}
    antwoord = client.post(url, gegevens, follow=True)
    assert "De afspraken zijn bijgewerkt." in antwoord.content.decode()
    traject.refresh_from_db()
    assert (traject.intensiteit_minuten, traject.frequentie, traject.vormen) == (90, "2weken", ["klas"])
    # A colleague who opened the form before that save is told, and overwrites nothing.
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(url, {**gegevens, "intensiteit_minuten": "30 min"})
    assert "Iemand anders heeft dit traject intussen gewijzigd." in antwoord.content.decode()
    assert "Intensiteit: 1u30" in antwoord.content.decode()  # what is stored now, in hours
    traject.refresh_from_db()
    assert traject.intensiteit_minuten == 90
