"""Dates that fit the school year: a consultation date, a second moment or an agreement's due date on a day
without school is asked about before it is saved ("… is geen schooldag (kerstvakantie). Toch bewaren?"),
never refused."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.kalender import is_schooldag, schoolvakanties
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import services
from overleg.models import Afspraak
from tests.overleg.test_queries_overleg import overleg_van

HTMX = {"HX-Request": "true"}


def _kerstdag() -> dt.date:
    """A Tuesday in next school year's Christmas holiday: always ahead, whatever today is."""
    return schoolvakanties(huidig_schooljaar() + 1)[1].van + dt.timedelta(days=1)


def _schooldag(na_dagen: int) -> dt.date:
    dag = timezone.localdate() + dt.timedelta(days=na_dagen)
    while not is_schooldag(dag):
        dag += dt.timedelta(days=1)
    return dag


def _zaterdag(na_dagen: int) -> dt.date:
    dag = timezone.localdate() + dt.timedelta(days=na_dagen)
    return dag + dt.timedelta(days=(5 - dag.weekday()) % 7)


def _lokaal(dag: dt.date, uur: int = 14) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, 0)))


def _bewaar(client, overleg, naam: str, **velden):
    """Opens the part's form as the user would, then posts it with the given fields."""
    url = reverse("overleg_onderdeel", args=[overleg.pk, naam])
    formulier = client.get(url, headers=HTMX).content.decode()
    verborgen = dict(re.findall(r'name="(versie|stand)" value="([^"]*)"', formulier))
    return client.post(url, {**verborgen, **velden}, headers=HTMX)


def _bevestigvakje(html: str) -> str | None:
    gevonden = re.search(r'<input type="checkbox" name="toch_bewaren" value="([^"]*)"', html)
    return unescape(gevonden[1]) if gevonden else None


# ------------------------------------------------------------------------------- days without school


@pytest.mark.django_db
def test_overleg_in_de_kerstvakantie_wordt_eerst_gevraagd_en_pas_na_bevestigen_bewaard(client, wereld):
    overleg = overleg_van(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    kerstdag = _kerstdag()
    datum = f"{kerstdag.isoformat()}T14:00"

    antwoord = _bewaar(client, overleg, "planning", datum=datum, duur_minuten=90, plaats="Refter")
    html = unescape(antwoord.content.decode())
    assert "is geen schooldag (kerstvakantie). Toch bewaren?" in html
    assert "Datum en uur: dinsdag" in html
    assert _bevestigvakje(html) == f"datum={kerstdag.isoformat()}"
    vakje = re.search(r'<input type="checkbox" name="toch_bewaren"[^>]*>', html)[0]
    assert "checked" not in vakje  # never ticked in advance
    overleg.refresh_from_db()
    assert overleg.datum is None and overleg.plaats == ""

    # A box ticked for another day confirms nothing.
    andere = _kerstdag() + dt.timedelta(days=1)
    antwoord = _bewaar(
        client,
        overleg,
        "planning",
        datum=f"{andere.isoformat()}T14:00",
        duur_minuten=90,
        plaats="Refter",
        toch_bewaren=f"datum={kerstdag.isoformat()}",
    )
    assert "Toch bewaren?" in unescape(antwoord.content.decode())
    overleg.refresh_from_db()
    assert overleg.datum is None

    antwoord = _bewaar(
        client,
        overleg,
        "planning",
        datum=datum,
        duur_minuten=90,
        plaats="Refter",
        toch_bewaren=f"datum={kerstdag.isoformat()}",
    )
    assert "Datum en plaats: bewaard." in unescape(antwoord.content.decode())
    overleg.refresh_from_db()
    assert timezone.localtime(overleg.datum) == _lokaal(kerstdag)


@pytest.mark.django_db
def test_een_schooldag_en_een_ongewijzigde_dag_worden_niet_gevraagd(client, wereld):
    zaterdag = _zaterdag(20)
    overleg = overleg_van(wereld, datum=_lokaal(zaterdag), plaats="Leraarskamer")
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    # The hour and the place change, the day (confirmed before) does not: nothing to ask.
    antwoord = _bewaar(
        client, overleg, "planning", datum=f"{zaterdag.isoformat()}T10:00", duur_minuten=60, plaats="Refter"
    )
    assert "Datum en plaats: bewaard." in unescape(antwoord.content.decode())
    schooldag = _schooldag(30)
    antwoord = _bewaar(
        client, overleg, "planning", datum=f"{schooldag.isoformat()}T10:00", duur_minuten=60, plaats="Refter"
    )
    assert "Datum en plaats: bewaard." in unescape(antwoord.content.decode())
    overleg.refresh_from_db()
    assert timezone.localdate(overleg.datum) == schooldag


@pytest.mark.django_db
def test_afspraak_tegen_een_feestdag_wordt_gevraagd_en_na_bevestigen_bewaard(client, wereld):
    overleg = overleg_van(wereld, datum=_lokaal(_schooldag(1)), plaats="Leraarskamer")
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    services._deelnemers_vastleggen(overleg)
    eigenaar = wereld.anker.gebruiker
    kerstdag = _kerstdag()
    url = reverse("overleg_afspraak_nieuw", args=[overleg.pk])
    data = {"omschrijving": "Observatie in de klas", "eigenaar": eigenaar.pk, "tegen": kerstdag.isoformat()}

    html = unescape(client.post(url, data, headers=HTMX).content.decode())
    assert f"Tegen: {kerstdag.day}" not in html  # the day is named with its weekday
    assert "is geen schooldag (kerstvakantie). Toch bewaren?" in html
    assert not Afspraak.objects.exists()
    html = unescape(
        client.post(url, {**data, "toch_bewaren": _bevestigvakje(html)}, headers=HTMX).content.decode()
    )
    assert "De afspraak is toegevoegd." in html
    assert Afspraak.objects.get().tegen == kerstdag
