"""The overview's export holds exactly the trajectories of the list as the screen shows it: every page of the
current filters and search, in the same order, offered from the swapped part of the page itself.

A coordinator who filtered on one regio team through HTMX once got all open trajectories of the network,
because the export link sat outside the swapped part and kept the address of the first page load.
"""

import datetime as dt
import io
import random
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from netwerk.models import Focus, Inzage, Rol
from tests import factories
from tests.support.lijsten import HTMX, Lijstpagina, aantal_in_label, csv_rijen
from tests.support.queries import aantal_queries
from trajecten.models import Status, Type
from trajecten.views import lijsten

VANDAAG = timezone.localdate()
NAMEN = ["Mila", "Noah", "Lina"]
LIJST = "/trajecten/"
PER_PAGINA, TELGRENS = 4, 9  # small, so that a few dozen trajectories span pages and pass the cap


@pytest.fixture
def netwerk(wereld, monkeypatch):
    """The world's LSC with two regio teams, four schools and 40 trajectories of every kind: statuses,
    types, focuses, supporters, team-bound ones, late answers, evaluations due, many on the same day (the
    keyset's tie on the id), and the other LSC's trajectories that no filter may reveal."""
    monkeypatch.setattr(lijsten, "PER_PAGINA", PER_PAGINA)
    monkeypatch.setattr(lijsten, "TELGRENS", TELGRENS)
    toeval = random.Random(16)
    noord = factories.RegioteamFactory(lsc=wereld.lsc, naam="Regio Noord")
    scholen = [wereld.eigen_school]
    for naam, regioteam in [("De Linde", noord), ("Het Anker", noord), ("Klavertje", wereld.regioteam)]:
        school = factories.SchoolFactory(naam=naam)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=regioteam)
        scholen.append(school)
    ondersteuners = [
        wereld.anker,
        factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=noord, gebruiker__naam="Bo Peeters"),
    ]
    for nummer in range(40):
        status = toeval.choice(list(Status))
        team = nummer % 7 == 0
        traject = factories.TrajectFactory(
            lsc=wereld.lsc,
            school=toeval.choice(scholen),
            status=status,
            type=toeval.choice([Type.BASISAANBOD, Type.TYPE3, Type.TYPE9, Type.TYPE2]),
            focussen=toeval.sample([f.value for f in Focus], k=toeval.randint(0, 2)),
            aangemeld_op=VANDAAG - dt.timedelta(days=toeval.choice([0, 0, 3, 3, 3, 40, 90])),
            volgende_evaluatie=VANDAAG + dt.timedelta(days=toeval.randint(-5, 20))
            if status == Status.LOPEND
            else None,
            start=VANDAAG - dt.timedelta(days=10) if status == Status.LOPEND else None,
            intensiteit_minuten=toeval.choice([None, 60, 90]),
            gebondenheid="team" if team else "leerling",
            leerling=None if team else factories.LeerlingFactory(voornaam=toeval.choice(NAMEN)),
            groep="team lager" if team else "",
        )
        for ondersteuner in toeval.sample(ondersteuners, k=toeval.randint(0, 2)):
            factories.ToewijzingFactory(traject=traject, ondersteuner=ondersteuner)
    for _ in range(3):
        factories.TrajectFactory(
            lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school, leerling__voornaam="Mila"
        )
    wereld.scholen, wereld.noord, wereld.ondersteuners = scholen, noord, ondersteuners
    return wereld


def _zoek_of_filter(client, filters: dict, zoekterm: str | None):
    """The first page as the browser gets it after a change of filter (GET) or a search (POST): HTMX."""
    if zoekterm:
        query = urlencode(filters)
        return client.post(LIJST + (f"?{query}" if query else ""), {"q": zoekterm}, headers=HTMX)
    return client.get(LIJST, filters, headers=HTMX)


def _alle_paginas(client, filters: dict, zoekterm: str | None) -> list[Lijstpagina]:
    paginas = [Lijstpagina.lees(_zoek_of_filter(client, filters, zoekterm).content.decode())]
    while (volgende := paginas[-1].volgende(LIJST)) is not None:
        paginas.append(Lijstpagina.lees(volgende.doe(client, headers=HTMX).content.decode()))
        assert len(paginas) < 50, "de paginering eindigt niet"
    return paginas


def _ids(pagina: Lijstpagina) -> list[int]:
    """The trajectories on the page, by the links to their pages."""
    treffers = (re.fullmatch(r"/trajecten/(\d+)/", e.attrs.get("href", "")) for e in pagina.elementen)
    return [int(treffer.group(1)) for treffer in treffers if treffer]


FILTERWAARDEN = {
    "school": st.sampled_from(["eigen", "linde", "vreemd", "geen getal"]),
    "regioteam": st.sampled_from(["eigen", "noord", "vreemd"]),
    "type": st.sampled_from(["", "basisaanbod", "3", "9", "2", "7"]),
    "status": st.sampled_from(["", "alle", "alle", *Status.values]),
    "focus": st.sampled_from(["", *Focus.values]),
    "ondersteuner": st.sampled_from(["anker", "bo"]),
    "achterstallig": st.just("on"),
    "verschuldigd": st.just("on"),
}
# Up to three filters at once: more leave nothing of 40 trajectories, and an empty list proves little.
FILTERS = st.lists(st.sampled_from(sorted(FILTERWAARDEN)), max_size=3, unique=True).flatmap(
    lambda namen: st.fixed_dictionaries({naam: FILTERWAARDEN[naam] for naam in namen})
)
ZOEKTERMEN = st.sampled_from([None, None, None, "mila", "Linde", "team", "School", "niemand"])


def _waarden(filters: dict, wereld) -> dict:
    """The drawn filters as the form sends them: names of things become their ids."""
    ids = {
        "school": {
            "eigen": wereld.eigen_school.pk,
            "linde": wereld.scholen[1].pk,
            "vreemd": wereld.vreemde_school.pk,
        },
        "regioteam": {
            "eigen": wereld.regioteam.pk,
            "noord": wereld.noord.pk,
            "vreemd": wereld.vreemd_regioteam.pk,
        },
        "ondersteuner": {"anker": wereld.ondersteuners[0].pk, "bo": wereld.ondersteuners[1].pk},
    }
    return {naam: ids.get(naam, {}).get(waarde, waarde) for naam, waarde in filters.items()}


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(filters=FILTERS, zoekterm=ZOEKTERMEN, formaat=st.sampled_from(["csv", "xlsx"]))
def test_export_bevat_de_trajecten_van_alle_paginas_in_dezelfde_volgorde(
    client, netwerk, filters, zoekterm, formaat
):
    """Whatever filters and search: the export offered on the swapped list holds the ids of every page,
    in the list's order, and its button says how many."""
    client.force_login(netwerk.gebruikers[Rol.COORDINATOR])
    paginas = _alle_paginas(client, _waarden(filters, netwerk), zoekterm)
    op_het_scherm = [pk for pagina in paginas for pk in _ids(pagina)]
    assert len(op_het_scherm) == len(set(op_het_scherm)), "een traject staat op twee pagina's"

    pad = reverse("traject_export", args=[formaat])
    verzoeken = [pagina.export(pad) for pagina in paginas]
    assert verzoeken[0] is not None, "de vervangen lijst biedt geen export aan"
    assert all(v == verzoeken[0] for v in verzoeken), "de export hangt af van de pagina"
    meer, aantal = aantal_in_label(verzoeken[0].label)
    assert (meer, aantal) == (
        (True, TELGRENS) if len(op_het_scherm) > TELGRENS else (False, len(op_het_scherm))
    )

    antwoord = verzoeken[0].doe(client)
    assert antwoord.status_code == 200
    if formaat == "csv":
        kop, *rijen = csv_rijen(antwoord.content)
        in_de_export = [int(rij[0]) for rij in rijen]
    else:
        kop, *rijen = load_workbook(io.BytesIO(antwoord.content)).worksheets[0].iter_rows(values_only=True)
        in_de_export = [rij[0] for rij in rijen]
    assert kop[0] == "Traject"
    assert in_de_export == op_het_scherm
    tekst = antwoord.content.decode("utf-8", errors="replace") if formaat == "csv" else ""
    assert not any(naam in tekst for naam in NAMEN), "een naam van een leerling in de export"


@pytest.mark.django_db
def test_een_lege_lijst_geeft_een_export_met_enkel_de_kop_en_de_pagina_zegt_het(client, netwerk):
    client.force_login(netwerk.gebruikers[Rol.COORDINATOR])
    pagina = Lijstpagina.lees(
        client.get(LIJST, {"type": "7", "status": "alle"}, headers=HTMX).content.decode()
    )
    assert "Geen traject past bij deze filters" in pagina.html
    assert "De export bevat dan enkel de kolomkoppen." in pagina.html
    for formaat in ("csv", "xlsx"):
        verzoek = pagina.export(reverse("traject_export", args=[formaat]))
        assert verzoek is not None and aantal_in_label(verzoek.label) == (False, 0)
        inhoud = verzoek.doe(client).content
        if formaat == "csv":
            assert [rij[0] for rij in csv_rijen(inhoud)] == ["Traject"]
        else:
            blad = load_workbook(io.BytesIO(inhoud)).worksheets[0]
            assert [rij[0] for rij in blad.iter_rows(values_only=True)] == ["Traject"]


@pytest.mark.django_db
def test_de_volle_pagina_biedt_dezelfde_export_als_de_vervangen_lijst(client, netwerk):
    """Without JavaScript (a full page load) the export follows the filters just as well."""
    client.force_login(netwerk.gebruikers[Rol.COORDINATOR])
    filters = {"regioteam": netwerk.noord.pk, "status": "alle"}
    pad = reverse("traject_export", args=["csv"])
    vol = Lijstpagina.lees(client.get(LIJST, filters).content.decode()).export(pad)
    gewisseld = Lijstpagina.lees(client.get(LIJST, filters, headers=HTMX).content.decode()).export(pad)
    assert vol is not None and vol == gewisseld
    assert f"regioteam={netwerk.noord.pk}" in vol.url


def _laatste_inzage() -> int:
    """The read log only grows (a trigger refuses deletes): a test looks at what came after this id."""
    return Inzage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.django_db
def test_elke_export_is_een_gelogde_inzage_van_de_leerlingen_zonder_de_zoekterm(client, netwerk):
    """Every pupil-bound trajectory in the file is a read of that pupil (so their access report shows
    it); the search term, perhaps a first name, stays out of the log as it stays out of the URL."""
    coordinator = netwerk.gebruikers[Rol.COORDINATOR]
    client.force_login(coordinator)
    pagina = Lijstpagina.lees(_zoek_of_filter(client, {"status": "alle"}, "mila").content.decode())
    verzoek = pagina.export(reverse("traject_export", args=["xlsx"]))
    assert verzoek is not None and verzoek.methode == "post" and "mila" not in verzoek.url
    voor = _laatste_inzage()
    inhoud = verzoek.doe(client).content
    rijen = list(load_workbook(io.BytesIO(inhoud)).worksheets[0].iter_rows(values_only=True))[1:]
    leerlingen = {rij[0] for rij in rijen if rij[4] == "Leerling"}
    assert leerlingen
    inzages = list(Inzage.objects.filter(pk__gt=voor))
    assert {i.door_id for i in inzages} == {coordinator.pk}
    assert {i.traject_id for i in inzages} == leerlingen
    assert {i.soort for i in inzages} == {Inzage.Soort.EXPORT}
    assert all("mila" not in i.omschrijving.lower() for i in inzages)
    assert all("zoekterm" in i.omschrijving for i in inzages)


@pytest.mark.django_db
def test_een_lege_export_wordt_ook_gelogd(client, netwerk):
    coordinator = netwerk.gebruikers[Rol.COORDINATOR]
    client.force_login(coordinator)
    voor = _laatste_inzage()
    client.get(reverse("traject_export", args=["csv"]), {"type": "7"})
    assert list(Inzage.objects.filter(pk__gt=voor).values_list("door", "soort", "traject_id")) == [
        (coordinator.pk, "export", None)
    ]


@pytest.mark.django_db
def test_de_xlsx_is_bruikbaar_voor_een_coordinator(client, netwerk):
    """A sheet named after what it holds, the header frozen and filterable, columns as wide as their
    content, dates as date cells shown dd/mm/jjjj, minutes and hours as numbers."""
    client.force_login(netwerk.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("traject_export", args=["xlsx"]), {"status": "lopend"})
    assert antwoord["Content-Disposition"].startswith('attachment; filename="trajecten-')
    assert "no-store" in antwoord["Cache-Control"]
    blad = load_workbook(io.BytesIO(antwoord.content)).worksheets[0]
    assert blad.title == "Trajecten"
    assert blad.freeze_panes == "A2"
    kop = [cel.value for cel in blad[1]]
    assert blad.auto_filter.ref == f"A1:{blad.cell(1, len(kop)).column_letter}{blad.max_row}"
    assert all(cel.font.b for cel in blad[1])
    assert all(blad.column_dimensions[cel.column_letter].width >= len(str(cel.value)) for cel in blad[1])
    kolom = {naam: index + 1 for index, naam in enumerate(kop)}
    lopend = [rij for rij in blad.iter_rows(min_row=2) if rij[kolom["Start"] - 1].value]
    assert lopend
    for rij in lopend:
        for naam in ("Aangemeld op", "Start", "Volgende evaluatie"):
            cel = rij[kolom[naam] - 1]
            assert cel.is_date and cel.number_format == "dd/mm/yyyy", (naam, cel.value, cel.number_format)
        for naam in ("Minuten dit schooljaar", "Uren dit schooljaar"):
            assert isinstance(rij[kolom[naam] - 1].value, int | float), naam


@pytest.mark.django_db
def test_de_uren_zijn_de_minuten_gedeeld_door_zestig(client, wereld):
    traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status=Status.LOPEND)
    for minuten in (45, 50):
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker, minuten=minuten)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    inhoud = client.get(reverse("traject_export", args=["xlsx"])).content
    kop, rij = load_workbook(io.BytesIO(inhoud)).worksheets[0].iter_rows(values_only=True)
    waarden = dict(zip(kop, rij, strict=True))
    assert (waarden["Minuten dit schooljaar"], waarden["Uren dit schooljaar"]) == (95, pytest.approx(1.58))
    csv_kop, csv_rij = csv_rijen(client.get(reverse("traject_export", args=["csv"])).content)
    assert dict(zip(csv_kop, csv_rij, strict=True))["Uren dit schooljaar"] == "1,58"  # nl-BE Excel


# Session and user (2), the filter choices (1), the trajectories with their regio team and minutes (1),
# their supporters (1), the read log of their pupils (1).
@pytest.mark.django_db
def test_de_export_kost_evenveel_queries_met_1_en_30_trajecten(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("traject_export", args=["xlsx"])
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
    bij_een = aantal_queries(client, url, data={"status": "alle"})
    for nummer in range(29):
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
        factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
        if nummer % 2:
            factories.ToewijzingFactory(traject=traject, rol="focus")
    assert bij_een == aantal_queries(client, url, data={"status": "alle"}) == 6
