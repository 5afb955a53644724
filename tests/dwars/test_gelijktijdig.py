"""Two people saving the same thing: the second is told, keeps what they typed, and overwrites nothing.

Per form that several people edit (a trajectory's agreements and evaluation, a part of the consultation
report, the capacity envelope, its publication and a move of hours, a school's data): two users with the
right role open the form, both save; the first wins, the second gets the form back with their own input,
what is stored now and the current version, and the database holds the first's values. The services
refuse a stale version on their own, and on PostgreSQL two transactions that read the same version and
save at the same time end with exactly one save: the second waits for the first's row lock, then sees the
new version.
"""

import datetime as dt
import re
import threading
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from capaciteit import services as capaciteit
from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from netwerk.gelijktijdig import Verouderd, stand_van
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Schoolbeeldoverleg
from scholen import services as scholen
from scholen.forms import SchoolForm
from scholen.models import School
from tests import factories
from tests.support.werelden import lopend_traject
from trajecten import services as trajecten
from trajecten.models import Doel, Evaluatie, Traject
from trajecten.services import VersieConflict

HTMX = {"HX-Request": "true"}
VANDAAG = timezone.localdate()
JAAR = huidig_schooljaar()


def _als(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def _verborgen(html: str, actie: str) -> dict[str, str]:
    """The hidden fields of the form that POSTs to `actie`, as the browser would send them back."""
    begin = html.index(f'method="post" action="{actie}"')
    formulier = html[begin : html.index("</form>", begin)]
    velden = re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', formulier)
    return {naam: unescape(waarde) for naam, waarde in velden}


def _tekst(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


# ------------------------------------------------------------------------------------------ trajectory


@pytest.fixture
def lopend(wereld) -> Traject:
    return lopend_traject(wereld)


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["pagina", "htmx"])
def test_afspraken_van_een_traject_tweede_bewerker_behoudt_zijn_invoer(wereld, lopend, htmx):
    url = reverse("traject_afspraken", args=[lopend.pk])
    koppen = HTMX if htmx else {}
    anker, coordinator = _als(wereld.anker.gebruiker), _als(wereld.gebruikers[Rol.COORDINATOR])
    gezien_anker = _verborgen(anker.get(url, headers=koppen).content.decode(), url)
    gezien_coordinator = _verborgen(coordinator.get(url, headers=koppen).content.decode(), url)
    assert gezien_anker["versie"] == gezien_coordinator["versie"] == str(lopend.versie)

    eerste = anker.post(
        url, {**gezien_anker, "intensiteit_minuten": "1u30", "frequentie": "2weken"}, headers=koppen
    )
    assert eerste.status_code in (200, 302)
    tweede = coordinator.post(
        url, {**gezien_coordinator, "intensiteit_minuten": "45 min", "frequentie": "maand"}, headers=koppen
    )

    assert tweede.status_code == 200
    html = tweede.content.decode()
    tekst = _tekst(html)
    assert "Iemand anders heeft dit traject intussen gewijzigd. Je wijzigingen zijn niet bewaard." in tekst
    assert "Nu bewaard: Intensiteit: 1u30; Frequentie: om de twee weken" in tekst
    assert 'name="intensiteit_minuten" value="45 min"' in html  # their own input, to save again or copy
    assert reverse("traject_detail", args=[lopend.pk]) in html  # the way to reload
    lopend.refresh_from_db()
    assert (lopend.intensiteit_minuten, lopend.frequentie) == (90, "2weken")
    # The form now carries the current version: saving again is the second editor's deliberate choice.
    assert _verborgen(html, url)["versie"] == str(lopend.versie)
    coordinator.post(
        url, {**_verborgen(html, url), "intensiteit_minuten": "45 min", "frequentie": "maand"}, headers=koppen
    )
    lopend.refresh_from_db()
    assert (lopend.intensiteit_minuten, lopend.frequentie) == (45, "maand")


@pytest.mark.django_db
def test_twee_evaluaties_tegelijk_de_tweede_overschrijft_de_doelen_niet(wereld, lopend):
    url = reverse("traject_evaluatie", args=[lopend.pk])
    doel, ander = lopend.doelen.all()
    anker, coordinator = _als(wereld.anker.gebruiker), _als(wereld.gebruikers[Rol.COORDINATOR])
    gezien = [_verborgen(c.get(url).content.decode(), url) for c in (anker, coordinator)]
    assert gezien[0]["versie"] == gezien[1]["versie"] == str(lopend.versie)

    def evaluatie(status: str, volgende: dt.date) -> dict:
        return {
            "datum": VANDAAG.isoformat(),
            "beslissing": "verderzetten",
            "volgende_evaluatie": volgende.isoformat(),
            f"doel_{doel.pk}_status": status,
            f"doel_{ander.pk}_status": "open",
        }

    anker.post(url, {**gezien[0], **evaluatie("bereikt", VANDAAG + dt.timedelta(days=30))})
    antwoord = coordinator.post(url, {**gezien[1], **evaluatie("niet", VANDAAG + dt.timedelta(days=60))})

    assert "Iemand anders heeft dit traject intussen gewijzigd." in _tekst(antwoord.content.decode())
    assert Evaluatie.objects.filter(traject=lopend).count() == 1
    assert Doel.objects.get(pk=doel.pk).status == "bereikt"
    assert Traject.objects.get(pk=lopend.pk).volgende_evaluatie == VANDAAG + dt.timedelta(days=30)


@pytest.mark.django_db
def test_evaluatie_met_een_oude_versie_wordt_door_de_dienst_geweigerd(wereld, lopend):
    gezien = lopend.versie
    trajecten.traject_bijwerken(
        door=wereld.anker.gebruiker, traject=lopend, versie=gezien, gegevens={"frequentie": "maand"}
    )
    with pytest.raises(VersieConflict, match="intussen gewijzigd"):
        trajecten.evaluatie_registreren(
            door=wereld.gebruikers[Rol.COORDINATOR],
            traject=lopend,
            datum=VANDAAG,
            beslissing="verderzetten",
            volgende_evaluatie=VANDAAG + dt.timedelta(days=30),
            versie=gezien,
        )
    assert not Evaluatie.objects.exists()


@pytest.mark.django_db
def test_een_statusovergang_die_een_ander_al_deed_wordt_geweigerd(wereld, lopend):
    """Status actions need no version: the status itself is what the second one saw wrongly."""
    url = reverse("traject_stopzetten", args=[lopend.pk])
    anker, coordinator = _als(wereld.anker.gebruiker), _als(wereld.gebruikers[Rol.COORDINATOR])
    anker.post(url, {"reden": "De school vraagt geen ondersteuning meer."})
    antwoord = coordinator.post(url, {"reden": "Verhuisd."})
    assert "kan niet stopgezet worden" in _tekst(antwoord.content.decode())
    assert Traject.objects.get(pk=lopend.pk).reden_stopzetting == "De school vraagt geen ondersteuning meer."


# ------------------------------------------------------------------------------- consultation report


@pytest.mark.django_db
def test_verslag_van_het_overleg_tweede_schrijver_behoudt_zijn_tekst(wereld):
    overleg = Schoolbeeldoverleg.objects.create(lsc=wereld.lsc, school=wereld.eigen_school, schooljaar=JAAR)
    url = reverse("overleg_onderdeel", args=[overleg.pk, "verslag"])
    anker, coordinator = _als(wereld.anker.gebruiker), _als(wereld.gebruikers[Rol.COORDINATOR])
    gezien = [_verborgen(c.get(url, headers=HTMX).content.decode(), url) for c in (anker, coordinator)]

    anker.post(
        url, {**gezien[0], "verslag": "We spraken af: co-teaching in het derde leerjaar."}, headers=HTMX
    )
    antwoord = coordinator.post(url, {**gezien[1], "verslag": "Mijn eigen verslag."}, headers=HTMX)

    html = antwoord.content.decode()
    assert "Iemand anders heeft dit onderdeel intussen gewijzigd." in _tekst(html)
    assert "Mijn eigen verslag." in html
    overleg.refresh_from_db()
    assert overleg.verslag == "We spraken af: co-teaching in het derde leerjaar."


# ------------------------------------------------------------------------------------------ capacity


@pytest.fixture
def gepubliceerd(wereld) -> Verdeling:
    """The own LSC's envelope over five schools, published once: hours to move between them."""
    for naam in ("School Twee", "School Drie", "School Vier", "School Vijf"):
        school = factories.SchoolFactory(naam=naam)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        factories.CijfersFactory(school=school)
    envelop = Envelop.objects.create(lsc=wereld.lsc, schooljaar=JAAR, uren=200, verslagsoorten=["gc"])
    return capaciteit.verdeling_publiceren(door=None, envelop=envelop)


HERVERDELEN = reverse("capaciteit_herverdelen")


def _planning(schooljaar: int = JAAR) -> str:
    return f"{reverse('capaciteit_planning')}?schooljaar={schooljaar}"


def _envelopformulier(client: Client) -> dict:
    return _verborgen(client.get(_planning()).content.decode(), reverse("capaciteit_planning"))


def _publicatieformulier(client: Client) -> dict:
    voorbeeld = f"{reverse('capaciteit_publiceren_voorbeeld')}?schooljaar={JAAR}"
    return _verborgen(client.get(voorbeeld).content.decode(), reverse("capaciteit_publiceren"))


ENVELOP = {
    "gewicht_leerlingen": 70,
    "venster_jaren": 6,
    "verslagsoorten": ["gc"],
    "eenheid": 1,
    "schoolweken": 36,
}


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["pagina", "htmx"])
def test_envelop_tweede_coordinator_wordt_verwittigd(wereld, htmx):
    koppen = HTMX if htmx else {}
    coordinator, directeur = _als(wereld.gebruikers[Rol.COORDINATOR]), _als(wereld.gebruikers[Rol.DIRECTEUR])
    gezien = [_envelopformulier(c) for c in (coordinator, directeur)]
    assert gezien[0]["stand"] == gezien[1]["stand"]

    coordinator.post(_planning(), {**gezien[0], **ENVELOP, "uren": 120}, headers=koppen)
    antwoord = directeur.post(
        _planning(), {**gezien[1], **ENVELOP, "uren": 80, "venster_jaren": 4}, headers=koppen
    )

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Iemand anders heeft de envelop of de verdeelsleutel intussen gewijzigd." in _tekst(html)
    assert "Nu bewaard: Envelop (uren ondersteuning, brede types): 120; Venster verslagen" in _tekst(html)
    assert 'name="uren" value="80"' in html and 'name="venster_jaren" value="4"' in html
    envelop = Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR)
    assert (envelop.uren, envelop.venster_jaren) == (120, 6)
    assert _verborgen(html, reverse("capaciteit_planning"))["stand"] == capaciteit.envelop_stand(envelop)


@pytest.mark.django_db
def test_publiceren_na_een_wijziging_van_een_ander_publiceert_niets(wereld, gepubliceerd):
    coordinator, directeur = _als(wereld.gebruikers[Rol.COORDINATOR]), _als(wereld.gebruikers[Rol.DIRECTEUR])
    Envelop.objects.filter(pk=gepubliceerd.envelop_id).update(uren=210)  # something to publish
    gezien_directeur = _publicatieformulier(directeur)
    coordinator.post(_planning(), {**_envelopformulier(coordinator), **ENVELOP, "uren": 150})

    antwoord = directeur.post(
        reverse("capaciteit_publiceren"),
        {"schooljaar": JAAR, "stand": gezien_directeur["stand"]},
        follow=True,
    )

    assert "Iemand anders heeft intussen de envelop gewijzigd of een versie gepubliceerd" in _tekst(
        antwoord.content.decode()
    )
    assert list(Verdeling.objects.filter(envelop__lsc=wereld.lsc).values_list("versie", flat=True)) == [1]


@pytest.mark.django_db
def test_twee_keer_dezelfde_versie_publiceren_geeft_een_versie(wereld, gepubliceerd):
    coordinator, directeur = _als(wereld.gebruikers[Rol.COORDINATOR]), _als(wereld.gebruikers[Rol.DIRECTEUR])
    Envelop.objects.filter(pk=gepubliceerd.envelop_id).update(uren=210)  # something to publish
    standen = [_publicatieformulier(c) for c in (coordinator, directeur)]
    coordinator.post(reverse("capaciteit_publiceren"), standen[0])
    antwoord = directeur.post(reverse("capaciteit_publiceren"), standen[1], follow=True)
    assert "een versie gepubliceerd: er is niets gepubliceerd" in _tekst(antwoord.content.decode())
    assert sorted(Verdeling.objects.filter(envelop__lsc=wereld.lsc).values_list("versie", flat=True)) == [
        1,
        2,
    ]


def _kader(verdeling: Verdeling, naam: str) -> Tijdskader:
    return verdeling.tijdskaders.select_related("school").get(school__naam=naam)


def _verschuiven(client: Client, gezien: dict, van: Tijdskader, naar: Tijdskader, uren: int):
    return client.post(
        HERVERDELEN,
        {
            **gezien,
            "herverdeling-van": van.school_id,
            "herverdeling-naar": naar.school_id,
            "herverdeling-uren": uren,
            "herverdeling-reden": "Minder nood dan verwacht",
        },
        headers=HTMX,
    )


@pytest.mark.django_db
def test_uren_verschuiven_op_uren_die_intussen_verschoven_zijn_wordt_geweigerd(wereld, gepubliceerd):
    twee, drie, vier = (_kader(gepubliceerd, n) for n in ("School Twee", "School Drie", "School Vier"))
    eigen, vijf = _kader(gepubliceerd, "School Eigen"), _kader(gepubliceerd, "School Vijf")
    url = reverse("capaciteit_herverdelen") + f"?schooljaar={JAAR}"
    coordinator, directeur = _als(wereld.gebruikers[Rol.COORDINATOR]), _als(wereld.gebruikers[Rol.DIRECTEUR])
    gezien = [
        _verborgen(c.get(url, headers=HTMX).content.decode(), HERVERDELEN) for c in (coordinator, directeur)
    ]
    assert gezien[0]["herverdeling-gezien"] == "0"

    _verschuiven(coordinator, gezien[0], twee, drie, 5)
    antwoord = _verschuiven(directeur, gezien[1], twee, vier, 3)

    html = antwoord.content.decode()
    assert (
        f"Iemand anders heeft intussen uren verschoven van of naar deze scholen: School Twee heeft nu "
        f"{twee.uren - 5} uur, School Vier {vier.uren} uur. Er is niets verschoven."
    ) in _tekst(html)
    assert 'name="herverdeling-uren" value="3"' in html
    assert Herverdeling.objects.count() == 1
    assert Tijdskader.objects.get(pk=vier.pk).uren == vier.uren
    # With the refreshed form the refused move can be made deliberately.
    _verschuiven(directeur, _verborgen(html, HERVERDELEN), twee, vier, 3)
    assert Tijdskader.objects.get(pk=vier.pk).uren == vier.uren + 3
    # A move between two other schools rests on hours nobody touched: the old form still goes through.
    _verschuiven(coordinator, gezien[0], eigen, vijf, 2)
    assert Herverdeling.objects.count() == 3


@pytest.mark.django_db
def test_uren_verschuiven_in_een_versie_die_intussen_vervangen_is_wordt_geweigerd(wereld, gepubliceerd):
    twee, drie = _kader(gepubliceerd, "School Twee"), _kader(gepubliceerd, "School Drie")
    coordinator = _als(wereld.gebruikers[Rol.COORDINATOR])
    gezien = _verborgen(coordinator.get(HERVERDELEN, headers=HTMX).content.decode(), HERVERDELEN)
    Envelop.objects.filter(pk=gepubliceerd.envelop_id).update(uren=210)
    nieuw = capaciteit.verdeling_publiceren(door=None, envelop=gepubliceerd.envelop)

    html = _verschuiven(coordinator, gezien, twee, drie, 4).content.decode()

    assert "Er is intussen een nieuwere verdeling gepubliceerd: verschuif in die versie." in _tekst(html)
    assert not Herverdeling.objects.exists()
    assert _verborgen(html, HERVERDELEN)["herverdeling-verdeling"] == str(nieuw.pk)


@pytest.mark.django_db
def test_diensten_van_capaciteit_weigeren_een_oude_stand(wereld, gepubliceerd):
    envelop = gepubliceerd.envelop
    oud = capaciteit.envelop_stand(envelop)
    oude_publicatie = capaciteit.publicatiestand(envelop, 1)
    capaciteit.envelop_bewaren(door=None, envelop=envelop, gegevens={"uren": 180}, stand=oud)
    with pytest.raises(Verouderd, match="intussen gewijzigd"):
        capaciteit.envelop_bewaren(door=None, envelop=envelop, gegevens={"uren": 160}, stand=oud)
    with pytest.raises(ValidationError, match="niets gepubliceerd"):
        capaciteit.verdeling_publiceren(door=None, envelop=envelop, stand=oude_publicatie)
    twee, drie = _kader(gepubliceerd, "School Twee"), _kader(gepubliceerd, "School Drie")
    capaciteit.uren_verschuiven(
        door=None, verdeling=gepubliceerd, van_school_id=twee.school_id, naar_school_id=drie.school_id,
        uren=1, reden="Eerste", gezien=0,
    )  # fmt: skip
    with pytest.raises(Verouderd, match="intussen uren verschoven"):
        capaciteit.uren_verschuiven(
            door=None, verdeling=gepubliceerd, van_school_id=drie.school_id, naar_school_id=twee.school_id,
            uren=1, reden="Tweede", gezien=0,
        )  # fmt: skip
    envelop.refresh_from_db()
    assert envelop.uren == 180 and gepubliceerd.herverdelingen.count() == 1


# ------------------------------------------------------------------------------------------ a school

SCHOOL = {"naam": "School Eigen", "gemeente": "Gent", "niveau": "lager", "net": "go", "postcode": "9000"}


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["pagina", "htmx"])
def test_schoolgegevens_tweede_bewerker_wordt_verwittigd(wereld, htmx):
    koppen = HTMX if htmx else {}
    url = reverse("school_bewerken", args=[wereld.eigen_school.pk])
    coordinator, directeur = _als(wereld.gebruikers[Rol.COORDINATOR]), _als(wereld.gebruikers[Rol.DIRECTEUR])
    gezien = [_verborgen(c.get(url, headers=koppen).content.decode(), url) for c in (coordinator, directeur)]

    coordinator.post(url, {**gezien[0], **SCHOOL, "telefoon": "09 111 11 11"}, headers=koppen)
    antwoord = directeur.post(url, {**gezien[1], **SCHOOL, "telefoon": "09 222 22 22"}, headers=koppen)

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Iemand anders heeft de gegevens van deze school intussen gewijzigd." in _tekst(html)
    assert "Nu bewaard: Telefoon: 09 111 11 11" in _tekst(html)
    assert 'value="09 222 22 22"' in html
    assert School.objects.get(pk=wereld.eigen_school.pk).telefoon == "09 111 11 11"


@pytest.mark.django_db
def test_school_bijwerken_met_een_oude_stand_wordt_door_de_dienst_geweigerd(wereld):
    school = wereld.eigen_school
    oud = stand_van(school, SchoolForm._meta.fields)
    gegevens = SchoolForm(instance=school).initial | {"telefoon": "09 111 11 11"}
    gegevens = {veld: gegevens[veld] for veld in SchoolForm._meta.fields}
    gegevens["clb"] = school.clb
    scholen.school_bijwerken(
        door=wereld.gebruikers[Rol.COORDINATOR], school=school, gegevens=gegevens, stand=oud
    )
    with pytest.raises(Verouderd, match="intussen gewijzigd"):
        scholen.school_bijwerken(
            door=wereld.gebruikers[Rol.DIRECTEUR],
            school=School.objects.get(pk=school.pk),
            gegevens={**gegevens, "telefoon": "09 222 22 22"},
            stand=oud,
        )
    assert School.objects.get(pk=school.pk).telefoon == "09 111 11 11"


# --------------------------------------------------------------------------- at the same time, for real


def _tegelijk(eerste, tweede) -> tuple[dict, bool]:
    """Runs `eerste` in a transaction that stays open until `tweede` has started beside it, each on a
    connection of its own. Returns each outcome (a value or the exception) and whether `tweede` was still
    busy while the first held its transaction open."""
    vast, los = threading.Event(), threading.Event()
    uitkomst: dict = {}

    def draai(naam, functie, vasthouden):
        try:
            with transaction.atomic():
                uitkomst[naam] = functie()
                if vasthouden:
                    vast.set()
                    los.wait(30)
        except Exception as fout:  # the outcome, whatever it is, is what the test looks at
            uitkomst[naam] = fout
        finally:
            vast.set()
            connection.close()

    een = threading.Thread(target=draai, args=("eerste", eerste, True))
    een.start()
    assert vast.wait(30)
    twee = threading.Thread(target=draai, args=("tweede", tweede, False))
    twee.start()
    twee.join(0.5)  # time for the second to read the row and reach the lock
    wachtte = twee.is_alive()
    los.set()
    een.join(30)
    twee.join(30)
    return uitkomst, wachtte


def _een_gelukt(uitkomst: dict) -> None:
    assert not isinstance(uitkomst["eerste"], Exception), uitkomst["eerste"]
    assert isinstance(uitkomst["tweede"], Verouderd), uitkomst["tweede"]


@pytest.mark.django_db(transaction=True)
def test_traject_twee_transacties_met_dezelfde_versie_een_bewaart(wereld, lopend):
    gezien = lopend.versie

    def bewaar(minuten):
        return lambda: trajecten.traject_bijwerken(
            door=wereld.anker.gebruiker,
            traject=Traject.objects.get(pk=lopend.pk),
            versie=gezien,
            gegevens={"intensiteit_minuten": minuten},
        )

    uitkomst, wachtte = _tegelijk(bewaar(90), bewaar(30))

    _een_gelukt(uitkomst)
    assert wachtte
    traject = Traject.objects.get(pk=lopend.pk)
    assert (traject.intensiteit_minuten, traject.versie) == (90, gezien + 1)


@pytest.mark.django_db(transaction=True)
def test_envelop_twee_transacties_met_dezelfde_stand_een_bewaart(wereld):
    envelop = Envelop.objects.create(lsc=wereld.lsc, schooljaar=JAAR, uren=100, verslagsoorten=["gc"])
    gezien = capaciteit.envelop_stand(envelop)

    def bewaar(uren):
        return lambda: capaciteit.envelop_bewaren(
            door=None, envelop=envelop, gegevens={"uren": uren}, stand=gezien
        )

    uitkomst, wachtte = _tegelijk(bewaar(120), bewaar(80))

    _een_gelukt(uitkomst)
    assert wachtte
    assert Envelop.objects.get(pk=envelop.pk).uren == 120


@pytest.mark.django_db(transaction=True)
def test_uren_verschuiven_twee_transacties_op_dezelfde_scholen_een_verschuift(wereld, gepubliceerd):
    twee, drie, vier = (_kader(gepubliceerd, n) for n in ("School Twee", "School Drie", "School Vier"))

    def verschuif(naar):
        return lambda: capaciteit.uren_verschuiven(
            door=None, verdeling=gepubliceerd, van_school_id=twee.school_id, naar_school_id=naar.school_id,
            uren=2, reden="Tegelijk", gezien=0,
        )  # fmt: skip

    uitkomst, wachtte = _tegelijk(verschuif(drie), verschuif(vier))

    _een_gelukt(uitkomst)
    assert wachtte
    assert list(Herverdeling.objects.values_list("naar__school__naam", flat=True)) == ["School Drie"]
    assert sum(Tijdskader.objects.filter(verdeling=gepubliceerd).values_list("uren", flat=True)) == 200


@pytest.mark.django_db(transaction=True)
def test_school_twee_transacties_met_dezelfde_stand_een_bewaart(wereld):
    school = wereld.eigen_school
    gezien = stand_van(school, ["telefoon"])

    def bewaar(telefoon):
        return lambda: scholen.school_bijwerken(
            door=wereld.gebruikers[Rol.COORDINATOR],
            school=School.objects.get(pk=school.pk),
            gegevens={"telefoon": telefoon},
            stand=gezien,
        )

    uitkomst, wachtte = _tegelijk(bewaar("09 111 11 11"), bewaar("09 222 22 22"))

    _een_gelukt(uitkomst)
    assert wachtte
    assert School.objects.get(pk=school.pk).telefoon == "09 111 11 11"
