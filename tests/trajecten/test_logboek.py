"""The logbook: which dates it takes, how a closed trajectory still takes its last visit, and who may correct
a line, how, and that every correction is in the timeline and the audit."""

import datetime as dt
import re
import time

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.models import Inzage, Rol, Wijziging
from netwerk.schooljaar import schooljaar_van
from tests import factories
from tests.support.queries import aantal_queries
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


# The whole logbook, page by page


def _regels_in(html: str) -> list[int]:
    logboek = html[html.index('id="logboek"') :]
    logboek = logboek[: logboek.index("</section>")]
    return [int(pk) for pk in re.findall(r'<tr id="regel-(\d+)"', logboek)]


def _volgende(html: str, rel: str) -> str | None:
    gevonden = re.search(rf'<a rel="{rel}" href="([^"]+)"', html)
    return gevonden.group(1) if gevonden else None


@pytest.fixture
def vol_logboek(wereld, lopend) -> list[int]:
    """45 lines over the trajectory's 10 days, many on one day: only the id tells those apart."""
    for nummer in range(45):
        factories.LogboekregelFactory(
            traject=lopend,
            ondersteuner=wereld.anker,
            datum=VANDAAG - dt.timedelta(days=nummer % 10),
            minuten=5 + nummer,
        )
    return list(lopend.logboek.order_by("-datum", "-pk").values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["pagina", "htmx"])
def test_het_hele_logboek_is_bereikbaar_per_pagina(client, wereld, lopend, vol_logboek, htmx):
    client = _als(client, wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("traject_detail", args=[lopend.pk])).content.decode()
    assert "Regels 1 tot 20 van 45, de nieuwste eerst." in html and "Pagina 1 van 3" in html
    paginas, volgende = [_regels_in(html)], _volgende(html, "next")
    while volgende:
        html = client.get(volgende.replace("&amp;", "&"), headers=HTMX if htmx else {}).content.decode()
        if htmx:
            assert html.lstrip().startswith('<section class="kaart" id="logboek"') and "<html" not in html
        paginas.append(_regels_in(html))
        volgende = _volgende(html, "next")
    assert [len(p) for p in paginas] == [20, 20, 5]
    assert [pk for p in paginas for pk in p] == vol_logboek
    assert "Regels 41 tot 45 van 45" in html and "Pagina 3 van 3" in html
    assert _volgende(html, "prev") == f"{reverse('traject_logboek', args=[lopend.pk])}?pagina=2"


@pytest.mark.django_db
@pytest.mark.parametrize("onzin", ["abc", "0", "-2", "4", "²", "9" * 30])
def test_een_vreemde_pagina_van_het_logboek_is_de_eerste(client, wereld, lopend, vol_logboek, onzin):
    client = _als(client, wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("traject_logboek", args=[lopend.pk]), {"pagina": onzin}).content.decode()
    assert _regels_in(html) == vol_logboek[:20]


@pytest.mark.django_db
def test_een_pagina_van_het_logboek_kost_evenveel_queries_met_1_en_45_regels(client, wereld, lopend):
    """Session and user (2), the trajectory with its total (1), the page with its count (1), the read (1)."""
    client = _als(client, wereld.anker.gebruiker)
    url = reverse("traject_logboek", args=[lopend.pk])
    factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker)
    bij_een = aantal_queries(client, url, data={"pagina": 1}, headers=HTMX)
    for nummer in range(44):
        factories.LogboekregelFactory(
            traject=lopend, ondersteuner=wereld.anker, datum=VANDAAG - dt.timedelta(days=nummer % 10)
        )
    assert bij_een == aantal_queries(client, url, data={"pagina": 2}, headers=HTMX) == 5


@pytest.mark.django_db
def test_elke_pagina_van_het_logboek_is_een_gelogde_inzage(client, wereld, lopend, vol_logboek):
    client = _als(client, wereld.anker.gebruiker)
    client.get(reverse("traject_logboek", args=[lopend.pk]), {"pagina": 2}, headers=HTMX)
    assert (
        Inzage.objects.filter(door=wereld.anker.gebruiker, traject_id=lopend.pk, soort="pagina").count() == 1
    )


# Correcting a line


def _wijzig_url(traject, regel, pagina: int = 1) -> str:
    return f"{reverse('traject_logboek_wijzigen', args=[traject.pk, regel.pk])}?pagina={pagina}"


def _verwijder_url(traject, regel, pagina: int = 1) -> str:
    return f"{reverse('traject_logboek_verwijderen', args=[traject.pk, regel.pk])}?pagina={pagina}"


def _stand(regel) -> str:
    return services.logboekregel_stand(Logboekregel.objects.get(pk=regel.pk))


def _regel(regel, **velden) -> dict:
    return {
        "stand": _stand(regel),
        "datum": regel.datum.isoformat(),
        "minuten": "1u",
        "activiteit": regel.activiteit,
        "notitie": regel.notitie,
        **velden,
    }


def _tijdlijn(html: str) -> str:
    return html[html.index('id="tijdlijn-titel"') :]


@pytest.mark.django_db
def test_een_ondersteuner_wijzigt_een_eigen_regel_in_de_rij_in_uren(client, wereld, lopend):
    regel = _loggen(wereld, lopend, VANDAAG, minuten=60)
    client = _als(client, wereld.anker.gebruiker)
    pagina = client.get(reverse("traject_detail", args=[lopend.pk])).content.decode()
    assert f'hx-get="{_wijzig_url(lopend, regel)}"' in pagina

    rij = client.get(_wijzig_url(lopend, regel), headers=HTMX).content.decode()
    assert rij.lstrip().startswith(f'<tr id="regel-{regel.pk}" class="rij-formulier">')
    assert 'name="minuten" value="1u"' in rij and 'name="stand"' in rij and "Reden" not in rij

    antwoord = client.post(
        _wijzig_url(lopend, regel),
        _regel(regel, minuten="1u30", activiteit="leerling", notitie="Na de speeltijd"),
        headers=HTMX,
    )
    html = antwoord.content.decode()
    assert html.lstrip().startswith('<div id="traject">')
    assert f"De regel van {_datum(VANDAAG)} is bewaard: 1u30." in html
    assert "In totaal 1u30 gelogd." in html and 'data-kop="Duur">1u30</td>' in html
    regel.refresh_from_db()
    assert (regel.minuten, regel.activiteit, regel.notitie) == (90, "leerling", "Na de speeltijd")
    wijziging = Wijziging.objects.get(actie="trajecten.logboekregel.gewijzigd")
    assert (wijziging.door, wijziging.traject_id, wijziging.object_id) == (
        wereld.anker.gebruiker,
        lopend.pk,
        regel.pk,
    )
    assert wijziging.wijzigingen == {
        "minuten": [60, 90],
        "activiteit": ["overleg", "leerling"],
        "notitie": ["", "Na de speeltijd"],
    }
    tijdlijn = _tijdlijn(html)
    assert "Logboekregel gewijzigd" in tijdlijn and "duur: 1u → 1u30" in tijdlijn
    assert "activiteit: overleg → begeleiding leerling" in tijdlijn


@pytest.mark.django_db
def test_een_regel_wijzigen_zonder_htmx_gaat_terug_naar_het_logboek(client, wereld, lopend):
    regel = _loggen(wereld, lopend, VANDAAG, minuten=60)
    client = _als(client, wereld.anker.gebruiker)
    formulier = client.get(_wijzig_url(lopend, regel, pagina=1)).content.decode()
    assert "<html" in formulier and "hx-post" not in formulier
    antwoord = client.post(_wijzig_url(lopend, regel), _regel(regel, minuten="45 min"), follow=True)
    assert antwoord.redirect_chain[-1][0] == f"{reverse('traject_logboek', args=[lopend.pk])}?pagina=1"
    assert f"De regel van {_datum(VANDAAG)} is bewaard: 45 min." in antwoord.content.decode()


@pytest.mark.django_db
def test_een_nieuwe_datum_volgt_de_regels_van_het_logboek(client, wereld, lopend):
    regel = _loggen(wereld, lopend, VANDAAG, minuten=60)
    client = _als(client, wereld.anker.gebruiker)
    for datum, melding in [
        (VANDAAG - dt.timedelta(days=11), "Deze datum ligt vóór de start van het traject"),
        (VANDAAG + dt.timedelta(days=1), "Je kan geen tijd loggen in de toekomst."),
    ]:
        html = client.post(_wijzig_url(lopend, regel), _regel(regel, datum=datum.isoformat()), headers=HTMX)
        assert html["HX-Retarget"] == f"#regel-{regel.pk}" and melding in html.content.decode()
    assert Logboekregel.objects.get(pk=regel.pk).datum == VANDAAG
    assert not Wijziging.objects.filter(actie="trajecten.logboekregel.gewijzigd").exists()


@pytest.mark.django_db
def test_een_ondersteuner_wijzigt_geen_regel_van_een_collega(client, wereld, lopend):
    collega = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.ToewijzingFactory(traject=lopend, ondersteuner=collega, rol="focus")
    regel = factories.LogboekregelFactory(traject=lopend, ondersteuner=collega)
    client = _als(client, wereld.anker.gebruiker)
    assert (
        _wijzig_url(lopend, regel).split("?")[0]
        not in client.get(reverse("traject_detail", args=[lopend.pk])).content.decode()
    )
    assert client.get(_wijzig_url(lopend, regel)).status_code == 403
    assert client.post(_wijzig_url(lopend, regel), _regel(regel, minuten="2u")).status_code == 403
    assert client.post(_verwijder_url(lopend, regel), {"stand": _stand(regel)}).status_code == 403
    assert Logboekregel.objects.get(pk=regel.pk).minuten == 60


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.TEAMCOACH, Rol.ZORG])
def test_wie_meeleest_ziet_geen_knoppen_op_de_regels(client, wereld, lopend, rol):
    regel = _loggen(wereld, lopend, VANDAAG)
    client = _als(client, wereld.gebruikers[rol])
    html = client.get(reverse("traject_detail", args=[lopend.pk])).content.decode()
    assert f'<tr id="regel-{regel.pk}">' in html and "/wijzigen/" not in html and "/verwijderen/" not in html
    assert client.get(_wijzig_url(lopend, regel)).status_code == 403


@pytest.mark.django_db
def test_een_oude_eigen_regel_corrigeert_de_coordinatie_met_een_reden(client, wereld, lang_lopend, settings):
    settings.LOGBOEK_BEWERKEN_TOT = "30"
    regel = factories.LogboekregelFactory(
        traject=lang_lopend, ondersteuner=wereld.anker, datum=VANDAAG - dt.timedelta(days=40), minuten=120
    )
    anker = _als(client, wereld.anker.gebruiker)
    assert anker.get(_wijzig_url(lang_lopend, regel)).status_code == 403
    with pytest.raises(ValidationError, match="enkel de coördinatie kan hem nog corrigeren"):
        services.logboekregel_wijzigen(
            door=wereld.anker.gebruiker,
            traject=lang_lopend,
            regel=regel,
            stand=_stand(regel),
            datum=regel.datum,
            minuten=60,
            activiteit=regel.activiteit,
        )

    coordinator = _als(client, wereld.gebruikers[Rol.COORDINATOR])
    rij = coordinator.get(_wijzig_url(lang_lopend, regel), headers=HTMX).content.decode()
    assert "Reden van de correctie" in rij and "Je corrigeert als coördinatie" in rij
    zonder = coordinator.post(_wijzig_url(lang_lopend, regel), _regel(regel), headers=HTMX).content.decode()
    assert "Dit veld is verplicht." in zonder and Logboekregel.objects.get(pk=regel.pk).minuten == 120
    html = coordinator.post(
        _wijzig_url(lang_lopend, regel),
        _regel(regel, reden="Dubbel ingegeven: één uur was het."),
        headers=HTMX,
    ).content.decode()
    assert Logboekregel.objects.get(pk=regel.pk).minuten == 60
    tijdlijn = _tijdlijn(html)
    assert "duur: 2u → 1u" in tijdlijn and "reden: Dubbel ingegeven: één uur was het." in tijdlijn
    assert f"door {wereld.gebruikers[Rol.COORDINATOR].naam}" in tijdlijn


@pytest.mark.django_db
def test_wie_een_regel_bewaart_die_intussen_wijzigde_krijgt_een_conflict(client, wereld, lopend):
    regel = _loggen(wereld, lopend, VANDAAG, minuten=60)
    gezien = _stand(regel)
    services.logboekregel_wijzigen(
        door=wereld.gebruikers[Rol.COORDINATOR],
        traject=lopend,
        regel=regel,
        stand=gezien,
        datum=VANDAAG,
        minuten=120,
        activiteit="overleg",
        reden="Het overleg duurde langer.",
    )
    client = _als(client, wereld.anker.gebruiker)
    antwoord = client.post(
        _wijzig_url(lopend, regel), {**_regel(regel, minuten="45 min"), "stand": gezien}, headers=HTMX
    )
    html = antwoord.content.decode()
    assert "Iemand anders heeft deze regel intussen gewijzigd." in html and "Nu bewaard: Duur: 2u" in html
    assert 'name="minuten" value="45 min"' in html  # their own input stays
    assert Logboekregel.objects.get(pk=regel.pk).minuten == 120


@pytest.mark.django_db
def test_verwijderen_vraagt_eerst_en_kan_ongedaan_gemaakt_worden(client, wereld, lopend):
    regel = _loggen(wereld, lopend, VANDAAG, minuten=90)
    client = _als(client, wereld.anker.gebruiker)
    vraag = client.get(_verwijder_url(lopend, regel), headers=HTMX).content.decode()
    assert vraag.lstrip().startswith(f'<tr id="regel-{regel.pk}" class="rij-formulier">')
    assert "Deze regel verwijderen?" in vraag and ">Verwijderen</button>" in vraag
    assert Logboekregel.objects.filter(pk=regel.pk).exists()

    html = client.post(_verwijder_url(lopend, regel), {"stand": _stand(regel)}, headers=HTMX).content.decode()
    assert f"De regel van {_datum(VANDAAG)} (1u30) is verwijderd." in html and "Ongedaan maken" in html
    assert not Logboekregel.objects.filter(pk=regel.pk).exists() and "In totaal 0u gelogd." in html
    wijziging = Wijziging.objects.get(actie="trajecten.logboekregel.verwijderd")
    assert wijziging.wijzigingen == {
        "datum": [VANDAAG.isoformat(), None],
        "minuten": [90, None],
        "activiteit": ["overleg", None],
        "ondersteuner": [str(wereld.anker), None],
    }
    assert "Logboekregel verwijderd" in _tijdlijn(html)

    sleutel = re.search(r'name="sleutel" value="([^"]+)"', html).group(1)
    herstellen = reverse("traject_logboek_herstellen", args=[lopend.pk])
    html = client.post(herstellen, {"sleutel": sleutel}, headers=HTMX).content.decode()
    assert f"De regel van {_datum(VANDAAG)} (1u30) staat weer in het logboek." in html
    terug = Logboekregel.objects.get(pk=regel.pk)
    assert (terug.minuten, terug.ondersteuner, terug.datum) == (90, wereld.anker, VANDAAG)
    assert "In totaal 1u30 gelogd." in html and "Verwijderde logboekregel teruggezet" in _tijdlijn(html)
    nog_eens = client.post(herstellen, {"sleutel": sleutel, "x": "1"}, headers=HTMX).content.decode()
    assert "Deze regel is al teruggezet." in nog_eens and Logboekregel.objects.count() == 1


@pytest.mark.django_db
def test_terugzetten_enkel_door_wie_verwijderde_en_kort_daarna(client, wereld, lopend, monkeypatch):
    regel = _loggen(wereld, lopend, VANDAAG)
    sleutel = services.logboekregel_verwijderen(
        door=wereld.anker.gebruiker, traject=lopend, regel=regel, stand=_stand(regel)
    )
    herstellen = reverse("traject_logboek_herstellen", args=[lopend.pk])
    coordinator = _als(client, wereld.gebruikers[Rol.COORDINATOR])
    html = coordinator.post(herstellen, {"sleutel": sleutel}, headers=HTMX).content.decode()
    assert "Deze regel kan niet teruggezet worden." in html and not Logboekregel.objects.exists()
    assert coordinator.post(herstellen, {"sleutel": sleutel[:-2]}).status_code == 302
    assert not Logboekregel.objects.exists()

    anker = _als(client, wereld.anker.gebruiker)
    nu = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: nu + services.HERSTEL_GELDIG.total_seconds() + 1)
    html = anker.post(herstellen, {"sleutel": sleutel}, headers=HTMX).content.decode()
    assert "Terugzetten kon tot 10 minuten na het verwijderen." in html and not Logboekregel.objects.exists()


@pytest.mark.django_db
def test_een_coordinator_verwijdert_een_regel_enkel_met_een_reden(client, wereld, lopend):
    regel = _loggen(wereld, lopend, VANDAAG)
    client = _als(client, wereld.gebruikers[Rol.COORDINATOR])
    html = client.post(_verwijder_url(lopend, regel), {"stand": _stand(regel)}, headers=HTMX).content.decode()
    assert "Dit veld is verplicht." in html and Logboekregel.objects.filter(pk=regel.pk).exists()
    html = client.post(
        _verwijder_url(lopend, regel),
        {"stand": _stand(regel), "reden": "Op het verkeerde traject."},
        headers=HTMX,
    ).content.decode()
    assert not Logboekregel.objects.filter(pk=regel.pk).exists()
    assert "reden: Op het verkeerde traject." in _tijdlijn(html)
