"""Mijn kilometers (issue 21, part 2): per school day of a month one route, home → the day's schools → home;
the visits marked done, else the planned ones (and the day says so); the month's total; the CSV and XLSX
have exactly the screen's rows. Every figure is recomputed here from the rows, leg by leg."""

import csv
import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from capaciteit import gemeenten
from capaciteit.models import Bezoekgedaan, Planregel
from capaciteit.rekenen.weekplanning.typen import km
from netwerk.kalender import is_schooldag
from netwerk.models import Rol
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.weekplan import gepubliceerd_plan

VANDAAG = timezone.localdate()
URL = reverse("mijn_kilometers")


def _maand_met_schooldagen() -> dt.date:
    """This month if it has a school day up to today, else the month before."""
    eerste = VANDAAG.replace(day=1)
    if not any(is_schooldag(eerste + dt.timedelta(days=i)) for i in range((VANDAAG - eerste).days + 1)):
        eerste = (eerste - dt.timedelta(days=1)).replace(day=1)
    return eerste


@pytest.fixture
def wereld_km(wereld):
    """The anchor lives in Hamme; School Eigen (Dendermonde) on Mondays and Wednesdays, School Twee (Lokeren)
    on Mondays, Wednesdays and Thursdays: on Mondays and Wednesdays a route past both."""
    w = wereld
    w.anker.woonplaats = "Hamme"
    w.anker.save()
    w.eigen_school.gemeente = "Dendermonde"
    w.eigen_school.breedtegraad = w.eigen_school.lengtegraad = None
    w.eigen_school.save()
    w.twee = factories.SchoolFactory(naam="School Twee", gemeente="Lokeren")
    factories.BedieningFactory(lsc=w.lsc, school=w.twee)
    dagen = ((w.eigen_school, 0), (w.eigen_school, 2), (w.twee, 0), (w.twee, 2), (w.twee, 3))
    w.plan = gepubliceerd_plan(w.lsc, *((w.anker, school, dag, 4) for school, dag in dagen))
    return w


def _verwacht(w, eerste):
    """Per day (date, schools, done, km) recomputed from the plan's rows and the marks, leg by leg."""
    thuis = gemeenten.positie("Hamme")
    assert thuis is not None
    plek = {w.eigen_school.pk: gemeenten.positie("Dendermonde"), w.twee.pk: gemeenten.positie("Lokeren")}
    naam = {w.eigen_school.pk: "School Eigen", w.twee.pk: "School Twee"}
    gedaan = set(Bezoekgedaan.objects.filter(ondersteuner=w.anker).values_list("school_id", "datum"))
    dagen = []
    dag = eerste
    while dag <= VANDAAG and dag.month == eerste.month:
        if is_schooldag(dag):
            gepland = sorted(
                {r.school_id for r in Planregel.objects.filter(weekplan=w.plan, dag=dag.weekday())}
            )
            if gepland:
                klaar = [s for s in gepland if (s, dag) in gedaan]
                scholen = klaar or gepland
                if len(scholen) == 1:
                    afstand = 2 * km(thuis, plek[scholen[0]])
                else:
                    a, b = (plek[s] for s in scholen)
                    afstand = min(km(thuis, a), km(thuis, b)) + km(a, b) + max(km(thuis, a), km(thuis, b))
                dagen.append(
                    (
                        dag,
                        " + ".join(sorted(naam[s] for s in scholen)),
                        bool(klaar),
                        Decimal(str(afstand)).quantize(Decimal("0.1"), ROUND_HALF_UP),
                    )
                )
        dag += dt.timedelta(days=1)
    return dagen


def _getal(tekst: str) -> Decimal:
    return Decimal(tekst.strip().replace(".", "").replace(",", "."))


@pytest.mark.django_db
def test_elke_dag_een_rit_en_het_totaal_zoals_herberekend(client, wereld_km):
    w = wereld_km
    eerste = _maand_met_schooldagen()
    schooldagen = [
        d
        for d in (eerste + dt.timedelta(days=i) for i in range(31))
        if d <= VANDAAG and d.month == eerste.month and is_schooldag(d) and d.weekday() in (0, 2, 3)
    ]
    assert schooldagen, "geen schooldag met een bezoek in deze maand"
    # On a Monday (two schools planned) only School Twee marked done: the route goes to School Twee only.
    maandag = next(d for d in schooldagen if d.weekday() == 0)
    Bezoekgedaan.objects.create(ondersteuner=w.anker, school=w.twee, datum=maandag)
    client.force_login(w.gebruikers[Rol.ONDERSTEUNER])
    html = client.get(URL, {"maand": f"{eerste:%Y-%m}"}).content.decode()
    verwacht = _verwacht(w, eerste)
    assert len(verwacht) == len(schooldagen)
    for dag, scholen, gedaan, afstand in verwacht:
        rij = re.search(rf'<tr data-datum="{dag:%Y-%m-%d}">(.*?)</tr>', html, re.S)[1]
        assert scholen in rij
        assert ("niet als gedaan aangeduid" in rij) is (not gedaan)
        assert _getal(re.search(r'data-cijfer="km">([^<]*)<', rij)[1]) == afstand
    totaal = sum(d[3] for d in verwacht)
    assert _getal(re.search(r'data-cijfer="totaal">([^<]*)<', html)[1]) == totaal
    assert [(d[1], d[2]) for d in verwacht if d[0] == maandag] == [("School Twee", True)]
    assert any(" + " in d[1] for d in verwacht), "geen dag met twee scholen om de route te toetsen"

    # The files: exactly the screen's rows.
    rijen = [
        [dag, scholen, "gedaan" if g else "gepland (niet als gedaan aangeduid)", a]
        for dag, scholen, g, a in verwacht
    ]
    antwoord = client.get(reverse("mijn_kilometers_export", args=["csv"]), {"maand": f"{eerste:%Y-%m}"})
    gelezen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert gelezen[0] == ["Datum", "Scholen", "Bron", "Km"]
    assert gelezen[1:-1] == [[d.isoformat(), s, b, str(a).replace(".", ",")] for d, s, b, a in rijen]
    assert gelezen[-1] == ["Totaal", "", "", str(totaal).replace(".", ",")]
    antwoord = client.get(reverse("mijn_kilometers_export", args=["xlsx"]), {"maand": f"{eerste:%Y-%m}"})
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    waarden = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert [[w_[0].date(), w_[1], w_[2], Decimal(str(w_[3]))] for w_ in waarden[1:-1]] == rijen
    assert Decimal(str(waarden[-1][3])) == totaal


@pytest.mark.django_db
def test_enkel_de_ondersteuner_zelf_en_vaste_queries(client, wereld_km):
    w = wereld_km
    for rol in (Rol.COORDINATOR, Rol.ZORG):
        client.force_login(w.gebruikers[rol])
        assert client.get(URL).status_code == 403
    client.force_login(w.gebruikers[Rol.ONDERSTEUNER])
    eerste = _maand_met_schooldagen()
    url = f"{URL}?maand={eerste:%Y-%m}"
    weinig = aantal_queries(client, url)
    for dag in range(1, 29):
        datum = eerste.replace(day=dag)
        if datum <= VANDAAG and is_schooldag(datum):
            Bezoekgedaan.objects.get_or_create(ondersteuner=w.anker, school=w.eigen_school, datum=datum)
    assert aantal_queries(client, url) == weinig
    # A month that is no month: this month, no error.
    assert client.get(URL, {"maand": "2026-13"}).status_code == 200
    assert client.get(reverse("mijn_kilometers_export", args=["pdf"])).status_code == 404
    # Mijn week links to it.
    assert f'href="{URL}"' in client.get(reverse("mijn_week")).content.decode()


@pytest.mark.django_db
def test_de_coordinatie_ziet_dezelfde_cijfers_per_ondersteuner(client, wereld_km):
    w = wereld_km
    eerste = _maand_met_schooldagen()
    client.force_login(w.gebruikers[Rol.ONDERSTEUNER])
    eigen = client.get(URL, {"maand": f"{eerste:%Y-%m}"}).content.decode()
    eigen_csv = client.get(
        reverse("mijn_kilometers_export", args=["csv"]), {"maand": f"{eerste:%Y-%m}"}
    ).content
    client.force_login(w.gebruikers[Rol.COORDINATOR])
    url = reverse("kilometers_ondersteuner", args=[w.anker.pk])
    html = client.get(url, {"maand": f"{eerste:%Y-%m}"}).content.decode()

    def cijfers(pagina):
        return re.findall(r'data-cijfer="(?:km|totaal)">([^<]*)<', pagina)

    assert cijfers(html) == cijfers(eigen) and len(cijfers(html)) == len(_verwacht(w, eerste)) + 1
    export = reverse("kilometers_ondersteuner_export", args=[w.anker.pk, "csv"])
    assert client.get(export, {"maand": f"{eerste:%Y-%m}"}).content == eigen_csv
    # From the follow-up's table of supporters; another LSC's supporter is not found.
    assert f'href="{url}"' in client.get(reverse("capaciteit_opvolging"), {"alle": "1"}).content.decode()
    assert client.get(reverse("kilometers_ondersteuner", args=[w.vreemde_ondersteuner.pk])).status_code == 404
