"""The year transition: the coordinator sees what carries over to the next school year and what is asked,
confirms once, and the anchors and the envelope of the new year exist; run again, nothing is made twice.
Every figure of the page is recomputed here from the stored rows."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from capaciteit.models import Envelop
from capaciteit.services.jaarovergang import overgangsplan
from netwerk.models import Rol, Wijziging
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Ankertoewijzing, Schooljaarcijfers
from tests import factories
from tests.support.queries import aantal_queries

URL = reverse("capaciteit_jaarovergang")
JAAR = huidig_schooljaar()


def _tekst(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _regel(html: str, id_: str) -> str:
    return _tekst(re.search(rf'<li id="{id_}"[^>]*>(.*?)</li>', html, re.S)[1])


def _stand(html: str) -> str:
    return re.search(r'name="stand" value="([0-9a-f]+)"', html)[1]


@pytest.fixture
def coordinator(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    return wereld.gebruikers[Rol.COORDINATOR]


@pytest.fixture
def jaar(wereld):
    """Three schools of the own LSC: anchors, one of them leaving; trajectories running and closed; last
    year's envelope with a key of its own."""
    scholen = [wereld.eigen_school]
    for naam in ("Tweede school", "Derde school"):
        school = factories.SchoolFactory(naam=naam, clb=wereld.clb)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        scholen.append(school)
    factories.CijfersFactory(school=scholen[1], schooljaar=JAAR)
    tweede_anker = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.AnkerFactory(school=scholen[1], ondersteuner=tweede_anker)
    factories.AnkerFactory(school=scholen[1], ondersteuner=wereld.anker)
    vertrekker = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.AnkerFactory(school=scholen[2], ondersteuner=vertrekker)
    vertrekker.gebruiker.is_active = False
    vertrekker.gebruiker.save()
    for status in ("lopend", "lopend", "aangemeld"):
        factories.TrajectFactory(lsc=wereld.lsc, school=scholen[0], status=status)
    factories.TrajectFactory(
        lsc=wereld.lsc, school=scholen[1], status="afgerond", afgesloten_op=dt.date(JAAR, 12, 1)
    )
    factories.TrajectFactory(  # closed the year before: not this year's
        lsc=wereld.lsc, school=scholen[1], status="stopgezet", afgesloten_op=dt.date(JAAR - 1, 12, 1)
    )
    factories.TrajectFactory(
        lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school, status="lopend"
    )
    Envelop.objects.create(
        lsc=wereld.lsc,
        schooljaar=JAAR,
        uren=900,
        gewicht_leerlingen=60,
        venster_jaren=4,
        verslagsoorten=["gc", "iac"],
        eenheid=4,
        schoolweken=35,
    )
    return scholen


@pytest.mark.django_db
def test_het_overzicht_telt_wat_de_rijen_zeggen(client, wereld, coordinator, jaar):
    html = client.get(URL).content.decode()
    naar = als_tekst(JAAR + 1)
    # Recomputed from the rows: active anchors of this year at the LSC's schools, not yet in the next.
    mee = Ankertoewijzing.objects.filter(
        lsc=wereld.lsc, schooljaar=JAAR, ondersteuner__gebruiker__is_active=True
    ).count()
    assert mee == 3
    assert _regel(html, "overgang-ankers") == f"{mee} ankers gaan mee naar {naar}."
    lopend = wereld.lsc.trajecten.filter(status__in=["aangemeld", "in_behandeling", "lopend"]).count()
    assert _regel(html, "overgang-lopend").startswith(f"{lopend} lopende of aangemelde trajecten lopen door")
    assert _regel(html, "overgang-afgesloten").startswith(
        f"1 traject dat in {als_tekst(JAAR)} afgesloten werd"
    )
    vertrokken = _regel(html, "overgang-vertrokken")
    assert "Derde school" in vertrokken and "niet meer" in vertrokken
    zonder_anker = _regel(html, "overgang-zonder-anker")
    assert zonder_anker.startswith("1 school heeft in") and "Derde school" in zonder_anker
    zonder_cijfers = {s.pk for s in jaar} - set(
        Schooljaarcijfers.objects.filter(schooljaar=JAAR).values_list("school_id", flat=True)
    )
    assert _regel(html, "overgang-cijfers").startswith(f"Voor {len(zonder_cijfers)} scholen ontbreken")
    assert "nog geen envelop" in _regel(html, "overgang-envelop")
    assert "School Vreemd" not in html
    assert not Ankertoewijzing.objects.filter(schooljaar=JAAR + 1).exists(), "a look writes nothing"


@pytest.mark.django_db
def test_bevestigen_zet_het_jaar_klaar_en_een_tweede_keer_maakt_niets(client, wereld, coordinator, jaar):
    stand = _stand(client.get(URL).content.decode())
    antwoord = client.post(URL, {"stand": stand, "envelop_uren": "1000"}, follow=True)
    html = antwoord.content.decode()
    assert f"Schooljaar {als_tekst(JAAR + 1)} staat klaar: 3 ankers overgezet." in _tekst(html)
    nieuw = set(
        Ankertoewijzing.objects.filter(schooljaar=JAAR + 1).values_list("school_id", "ondersteuner_id")
    )
    oud = set(
        Ankertoewijzing.objects.filter(
            lsc=wereld.lsc, schooljaar=JAAR, ondersteuner__gebruiker__is_active=True
        ).values_list("school_id", "ondersteuner_id")
    )
    assert nieuw == oud
    envelop = Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR + 1)
    assert (envelop.uren, envelop.gewicht_leerlingen, envelop.venster_jaren) == (1000, 60, 4)
    assert (envelop.verslagsoorten, envelop.eenheid, envelop.schoolweken) == (["gc", "iac"], 4, 35)
    assert Wijziging.objects.filter(actie="capaciteit.jaarovergang.uitgevoerd").count() == 1
    assert "er is niets meer over te zetten" in _tekst(html)
    assert 'name="stand"' not in html

    # Again, by a second tab that still holds the first page's form: refused, nothing doubled.
    client.post(URL, {"stand": stand, "envelop_uren": "5"})
    assert Ankertoewijzing.objects.filter(schooljaar=JAAR + 1).count() == len(oud)
    assert Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR + 1).uren == 1000


@pytest.mark.django_db
def test_een_tweede_run_na_een_nieuw_anker_zet_enkel_dat_anker_over(client, wereld, coordinator, jaar):
    client.post(URL, {"stand": _stand(client.get(URL).content.decode()), "envelop_uren": ""})
    assert not Envelop.objects.filter(schooljaar=JAAR + 1).exists(), "left empty: no envelope"
    later = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.AnkerFactory(school=jaar[2], ondersteuner=later)
    html = client.get(URL).content.decode()
    assert _regel(html, "overgang-ankers").startswith("1 anker gaat mee")
    client.post(URL, {"stand": _stand(html), "envelop_uren": "700"})
    assert Ankertoewijzing.objects.filter(schooljaar=JAAR + 1).count() == 4
    assert Envelop.objects.get(schooljaar=JAAR + 1, lsc=wereld.lsc).uren == 700


@pytest.mark.django_db
def test_een_verouderd_overzicht_zet_niets_over(client, wereld, coordinator, jaar):
    stand = _stand(client.get(URL).content.decode())
    nieuw = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.AnkerFactory(school=jaar[2], ondersteuner=nieuw)
    html = client.post(URL, {"stand": stand, "envelop_uren": "1000"}).content.decode()
    assert "er is niets overgezet" in _tekst(html)
    assert not Ankertoewijzing.objects.filter(schooljaar=JAAR + 1).exists()
    assert not Envelop.objects.filter(schooljaar=JAAR + 1).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("uren", "melding"),
    [("0", "minstens 1 uur"), ("abc", "geheel getal"), ("9999999", "kijk het getal na")],
)
def test_foute_invoer_zegt_wat_en_schrijft_niets(client, wereld, coordinator, jaar, uren, melding):
    stand = _stand(client.get(URL).content.decode())
    antwoord = client.post(URL, {"stand": stand, "envelop_uren": uren})
    assert antwoord.status_code == 200
    assert melding in _tekst(antwoord.content.decode())
    assert f'value="{uren}"' in antwoord.content.decode(), "the input stays"
    assert not Ankertoewijzing.objects.filter(schooljaar=JAAR + 1).exists()


@pytest.mark.django_db
def test_een_bestaande_envelop_blijft_zoals_ze_is(client, wereld, coordinator, jaar):
    Envelop.objects.create(lsc=wereld.lsc, schooljaar=JAAR + 1, uren=444, verslagsoorten=["gc"])
    html = client.get(URL).content.decode()
    assert "De envelop van" in _regel(html, "overgang-envelop") and "444 uur" in _regel(
        html, "overgang-envelop"
    )
    assert 'name="envelop_uren"' not in html
    client.post(URL, {"stand": _stand(html), "envelop_uren": "1"})
    assert Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR + 1).uren == 444


@pytest.mark.django_db
def test_het_plan_is_zes_queries_hoeveel_scholen_ook(wereld, jaar, django_assert_num_queries):
    with django_assert_num_queries(6):
        plan = overgangsplan(lsc_id=wereld.lsc.pk, van=JAAR)
    assert len(plan.scholen) == 3
    for _ in range(10):
        school = factories.SchoolFactory(clb=wereld.clb)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        factories.AnkerFactory(school=school, ondersteuner=factories.OndersteunerFactory(lsc=wereld.lsc))
        factories.TrajectFactory(lsc=wereld.lsc, school=school, status="lopend")
    with django_assert_num_queries(6):
        plan = overgangsplan(lsc_id=wereld.lsc.pk, van=JAAR)
    assert len(plan.scholen) == 13 and plan.aantal_ankers == 13


@pytest.mark.django_db
def test_de_pagina_blijft_bij_evenveel_queries(client, wereld, coordinator, jaar):
    eerst = aantal_queries(client, URL)
    for _ in range(5):
        school = factories.SchoolFactory(clb=wereld.clb)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        factories.AnkerFactory(school=school, ondersteuner=factories.OndersteunerFactory(lsc=wereld.lsc))
    assert aantal_queries(client, URL) == eerst
