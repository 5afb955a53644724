"""The school's tijdskader page: who sees it, the numbers and steps, the follow-up and the query count."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from capaciteit import services
from capaciteit.models import Envelop, Tijdskader
from netwerk.models import Rol
from tests import factories
from tests.support.queries import aantal_queries

JAAR = 2026


def _publiceer(wereld, uren=100):
    """School Eigen: P = 300, R = (4 + 6) / 2 = 5; a second school: P = 100, R = 2 over one year.

    ΣP = 400, ΣR = 7, W = 0.7 · 300/400 + 0.3 · 5/7 = 73.93 %, quotum 73.9286: 73 + 1 = 74 hours.
    """
    wereld.eigen_school.cijfers.all().delete()
    tweede = factories.SchoolFactory(naam="School Twee")
    factories.BedieningFactory(lsc=wereld.lsc, school=tweede)
    factories.CijfersFactory(school=wereld.eigen_school, schooljaar=JAAR - 1, leerlingen=300, gc_verslagen=6)
    factories.CijfersFactory(school=wereld.eigen_school, schooljaar=JAAR - 2, leerlingen=280, gc_verslagen=4)
    factories.CijfersFactory(school=tweede, schooljaar=JAAR - 1, leerlingen=100, gc_verslagen=2)
    envelop = Envelop.objects.create(lsc=wereld.lsc, schooljaar=JAAR, uren=uren, verslagsoorten=["gc"])
    verdeling = services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=envelop)
    return verdeling, tweede


def _url(school, jaar=JAAR):
    return reverse("tijdskader_school", args=[school.pk]) + f"?schooljaar={jaar}"


@pytest.mark.django_db
def test_zorg_ziet_het_tijdskader_en_de_uitleg_van_de_eigen_school(client, wereld):
    _publiceer(wereld)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.get(_url(wereld.eigen_school))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    [kader] = antwoord.context["kaders"]
    assert kader.kader.uren == 74
    assert (kader.kader.leerlingen, kader.kader.basis, kader.kader.extra) == (300, 73, 1)
    assert '<strong><span data-cijfer="uren">74</span> uur</strong>' in html
    assert "2,1 uur per week" in html
    assert "gemiddeld 2 uur per week" in html
    assert "Waarom dit tijdskader?" in html
    assert dict(kader.invoer)["Leerlingen in 2025-2026 (P)"] == "300"
    assert dict(kader.invoer)["Aandeel van de school (W)"] == "73,9286 %"
    assert (
        "5, over 2 schooljaren met cijfers"
        in dict(kader.invoer)["Gemiddeld aantal GC-verslagen per schooljaar (R)"]
    )
    for stap in (
        "U = 100 uur",
        "verdeeld over 2 scholen",
        "W = 70 % × P/ΣP + 30 % × R/ΣR = 70 % × 300/400 + 30 % × 5/7 = 73,9286 %.",
        "Quotum: N × W = 100 × 73,9286 % = 73,9286 eenheden.",
        "73 eenheden = 73 uur",
        "deze school kreeg er één bij (+1 uur)",
        "Berekend tijdskader: 74 uur.",
        'Tijdskader nu: <span data-cijfer="uren_nu">74</span> uur.',
    ):
        assert stap in html, stap


@pytest.mark.django_db
def test_de_maanden_van_de_grafiek_heten_zoals_elke_datum(client, wereld):
    """The chart's months are abbreviated as Dutch dates are ("mrt"), not cut off ("maa")."""
    _publiceer(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    labels = re.findall(r'<text class="aslabel"[^>]*>([^<]+)</text>', html)
    assert labels == ["sep", "okt", "nov", "dec", "jan", "feb", "mrt", "apr", "mei", "jun"]


@pytest.mark.django_db
def test_zorg_krijgt_404_voor_een_andere_school_en_clb_altijd(client, wereld):
    _, tweede = _publiceer(wereld)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    assert client.get(_url(tweede)).status_code == 404
    assert client.get(_url(wereld.vreemde_school)).status_code == 404
    client.force_login(wereld.gebruikers[Rol.CLB])
    assert client.get(_url(wereld.eigen_school)).status_code == 404
    assert client.get(_url(wereld.vreemde_school)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "eigen", "vreemd"),
    [
        (Rol.COORDINATOR, 200, 404),
        (Rol.DIRECTEUR, 200, 404),
        (Rol.TEAMCOACH, 200, 404),
        (Rol.ONDERSTEUNER, 200, 404),
        (Rol.ZORG, 200, 404),
        (Rol.CLB, 404, 404),
        (Rol.ADMIN, 200, 200),
    ],
)
def test_wie_het_tijdskader_ziet(client, wereld, rol, eigen, vreemd):
    _publiceer(wereld)
    client.force_login(wereld.gebruikers[rol])
    assert client.get(_url(wereld.eigen_school)).status_code == eigen
    assert client.get(_url(wereld.vreemde_school)).status_code == vreemd


@pytest.mark.django_db
def test_nog_niets_gepubliceerd(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.get(_url(wereld.eigen_school))
    assert antwoord.status_code == 200
    assert (
        "Het leersteuncentrum heeft voor 2026-2027 nog geen tijdskader gepubliceerd."
        in antwoord.content.decode()
    )


@pytest.mark.django_db
def test_de_laatste_versie_telt(client, wereld):
    verdeling, _ = _publiceer(wereld)
    verdeling.envelop.uren = 200
    verdeling.envelop.save()
    services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=verdeling.envelop)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    [kader] = client.get(_url(wereld.eigen_school)).context["kaders"]
    assert kader.verdeling.versie == 2
    assert kader.kader.uren == 148


def _traject(wereld, type_, school=None, lsc=None):
    return factories.TrajectFactory(lsc=lsc or wereld.lsc, school=school or wereld.eigen_school, type=type_)


@pytest.mark.django_db
def test_opvolging_telt_enkel_brede_types(client, wereld):
    _publiceer(wereld)
    breed, klein = _traject(wereld, "9"), _traject(wereld, "2")
    basis = _traject(wereld, "basisaanbod")
    factories.LogboekregelFactory(
        traject=breed, ondersteuner=wereld.anker, datum=dt.date(JAAR, 10, 5), minuten=90
    )
    factories.LogboekregelFactory(
        traject=basis, ondersteuner=wereld.anker, datum=dt.date(JAAR, 11, 2), minuten=30
    )
    factories.LogboekregelFactory(
        traject=klein, ondersteuner=wereld.anker, datum=dt.date(JAAR, 10, 6), minuten=120
    )
    # Other school year, other LSC: not counted.
    factories.LogboekregelFactory(
        traject=breed, ondersteuner=wereld.anker, datum=dt.date(JAAR, 8, 30), minuten=60
    )
    ander = _traject(wereld, "9", lsc=wereld.vreemde_ondersteuner.lsc)
    factories.LogboekregelFactory(
        traject=ander, ondersteuner=wereld.vreemde_ondersteuner, datum=dt.date(JAAR, 10, 7), minuten=60
    )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.get(_url(wereld.eigen_school))
    [kader] = antwoord.context["kaders"]
    assert kader.opvolging.cijfers.gebruikt == 120
    assert kader.opvolging.cijfers.klein == 120
    oktober = next(m for m in kader.opvolging.maanden if m["label"] == "oktober 2026")
    # The frame of 74 hours follows the school days: 22 of the year's 183 fall in October.
    assert (oktober["gebruikt"], oktober["klein"], oktober["kader"]) == ("1,5", "2", "8,9")
    html = antwoord.content.decode()
    assert "<svg" in html and "polyline" in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


@pytest.mark.django_db
def test_een_verschuiving_staat_op_de_pagina_met_haar_reden(client, wereld):
    verdeling, tweede = _publiceer(wereld)
    services.uren_verschuiven(
        door=wereld.gebruikers[Rol.COORDINATOR],
        verdeling=verdeling,
        van_school_id=wereld.eigen_school.pk,
        naar_school_id=tweede.pk,
        uren=6,
        reden="Minder nood na de herfstvakantie",
    )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    assert "6 uur afgegeven aan School Twee" in html
    assert "Minder nood na de herfstvakantie" in html
    assert 'Tijdskader nu: <span data-cijfer="uren_nu">68</span> uur.' in html
    assert "Berekend tijdskader: 74 uur." in html
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(_url(tweede)).content.decode()
    assert "6 uur ontvangen van School Eigen" in html


@pytest.mark.django_db
def test_aantal_queries_hangt_niet_af_van_logboek_of_verschuivingen(client, wereld):
    verdeling, tweede = _publiceer(wereld)
    breed = _traject(wereld, "9")
    client.force_login(wereld.gebruikers[Rol.ZORG])

    def meer(aantal):
        for i in range(aantal):
            factories.LogboekregelFactory(
                traject=breed, ondersteuner=wereld.anker, datum=dt.date(JAAR, 9 + i % 4, 1 + i), minuten=30
            )
            services.uren_verschuiven(
                door=wereld.gebruikers[Rol.COORDINATOR],
                verdeling=verdeling,
                van_school_id=wereld.eigen_school.pk if i % 2 else tweede.pk,
                naar_school_id=tweede.pk if i % 2 else wereld.eigen_school.pk,
                uren=1,
                reden=f"reden {i}",
            )

    meer(1)
    een = aantal_queries(client, _url(wereld.eigen_school))
    meer(9)
    tien = aantal_queries(client, _url(wereld.eigen_school))
    assert Tijdskader.objects.get(verdeling=verdeling, school=wereld.eigen_school).uren == 74 + 2
    assert een == tien == 5  # session, user, school with its years of figures, frames, logbook


@pytest.mark.django_db
def test_links_naar_het_tijdskader(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    url = reverse("tijdskader_school", args=[wereld.eigen_school.pk])
    assert url in client.get(reverse("home")).content.decode()
    assert url in client.get(reverse("school_detail", args=[wereld.eigen_school.pk])).content.decode()
