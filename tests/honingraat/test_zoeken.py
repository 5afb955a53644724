"""The header's search (issue 20.6): schools, supporters and pupils, each kind scoped as its own page."""

import json
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from netwerk.models import Inzage, Rol
from tests import factories
from trajecten.models import Leerling, Traject

URL = "/zoeken/"


def _zoek(client, term: str, **extra):
    return client.post(URL, {"q": term}, **extra)


def _links(html: str) -> list[str]:
    blok = html.split('id="zoek-uitkomst"', 1)[1]
    return re.findall(r'<a href="(/(?:scholen|ondersteuners|trajecten)/\d+/)"', blok)


@pytest.fixture
def leerlingen(wereld_met_trajecten):
    """Mila V. at the own school (the world's request) and a Mila V. of the other LSC at its school."""
    wereld = wereld_met_trajecten
    Leerling.objects.filter(pk=wereld.eigen_traject.leerling_id).update(voornaam="Mila", initiaal="V")
    Leerling.objects.filter(pk=wereld.vreemd_traject.leerling_id).update(voornaam="Mila", initiaal="V")
    return wereld


@pytest.mark.django_db
@pytest.mark.parametrize("rol", list(Rol))
def test_elk_resultaat_opent_voor_wie_zocht_en_niets_van_een_ander_lsc(client, leerlingen, rol):
    wereld = leerlingen
    gebruiker = wereld.gebruikers[rol]
    client.force_login(gebruiker)
    gevonden = []
    for term in ("School", "Mila", "Gebruiker", "Regio", wereld.anker.gebruiker.naam[:5]):
        antwoord = _zoek(client, term)
        assert antwoord.status_code == 200
        inhoud = antwoord.content.decode()
        if rol != Rol.ADMIN:
            assert "School Vreemd" not in inhoud
            assert f"/trajecten/{wereld.vreemd_traject.pk}/" not in inhoud
            assert f"/ondersteuners/{wereld.vreemde_ondersteuner.pk}/" not in inhoud
        gevonden += _links(inhoud)
    for link in set(gevonden):
        assert client.get(link).status_code == 200, (rol, link)
    verwacht = {
        Rol.COORDINATOR: {"school", "ondersteuner", "leerling"},
        Rol.DIRECTEUR: {"school", "ondersteuner", "leerling"},
        Rol.TEAMCOACH: {"school", "ondersteuner", "leerling"},
        Rol.ONDERSTEUNER: {"school", "ondersteuner", "leerling"},
        Rol.ZORG: {"school", "leerling"},
        Rol.CLB: {"school"},
        Rol.ADMIN: {"school", "ondersteuner"},
    }[rol]
    soorten = {
        "school" if "/scholen/" in link else "ondersteuner" if "/ondersteuners/" in link else "leerling"
        for link in gevonden
    }
    assert soorten == verwacht


@pytest.mark.django_db
def test_een_leerling_op_voornaam_en_initiaal_en_nooit_in_de_url_of_het_log(client, leerlingen):
    wereld = leerlingen
    factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, leerling__voornaam="Milan", leerling__initiaal="K"
    )
    factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, leerling__voornaam="Mila", leerling__initiaal="D"
    )
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert len([link for link in _links(_zoek(client, "mil").content.decode()) if "/trajecten/" in link]) == 3
    enkel_v = _links(_zoek(client, "Mila V.").content.decode())
    assert enkel_v == [f"/trajecten/{wereld.eigen_traject.pk}/"]
    assert _links(_zoek(client, "ila").content.decode()) == []  # the start of the first name, not inside it
    assert _links(client.get(URL, {"q": "Mila"}).content.decode()) == []  # a GET never searches
    inzage = Inzage.objects.filter(door=wereld.gebruikers[Rol.COORDINATOR]).latest("pk")
    assert inzage.soort == Inzage.Soort.LIJST
    assert inzage.omschrijving == f"zoekresultaten {wereld.eigen_traject.pk}"
    assert "Mila" not in " ".join(Inzage.objects.values_list("omschrijving", flat=True))


@pytest.mark.django_db
def test_wie_geen_leerlinggegevens_ziet_vindt_geen_leerling_en_er_komt_geen_inzage(client, leerlingen):
    client.force_login(leerlingen.gebruikers[Rol.CLB])
    assert _links(_zoek(client, "Mila").content.decode()) == []
    assert not Inzage.objects.exists()


@pytest.mark.django_db
def test_een_geanonimiseerde_leerling_wordt_niet_gevonden(client, leerlingen):
    from django.utils import timezone  # noqa: PLC0415

    Leerling.objects.filter(pk=leerlingen.eigen_traject.leerling_id).update(geanonimiseerd_op=timezone.now())
    client.force_login(leerlingen.gebruikers[Rol.COORDINATOR])
    assert _links(_zoek(client, "Mila").content.decode()) == []


@pytest.mark.django_db
def test_te_kort_en_niets_gevonden_zeggen_het(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert "Typ minstens 2 tekens." in _zoek(client, "S").content.decode()
    assert "Niets gevonden voor “Qwzx”." in _zoek(client, "Qwzx").content.decode()


@pytest.mark.django_db
def test_het_paneel_in_de_kop_krijgt_enkel_de_resultaten(client, leerlingen):
    client.force_login(leerlingen.gebruikers[Rol.COORDINATOR])
    antwoord = _zoek(client, "Mila", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="kopzoek-resultaten")
    inhoud = antwoord.content.decode()
    assert "<html" not in inhoud and "<h1" not in inhoud
    assert f"/trajecten/{leerlingen.eigen_traject.pk}/" in inhoud
    assert "Alle resultaten op een pagina" in inhoud
    leeg = _zoek(client, "", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="kopzoek-resultaten").content.decode()
    assert "Typ minstens" not in leeg  # an emptied field closes the panel


@pytest.mark.django_db
def test_elk_soort_toont_er_hoogstens_acht_en_zegt_dat_er_meer_zijn(client, wereld):
    for nummer in range(10):
        school = factories.SchoolFactory(naam=f"Zoekschool {nummer:02d}")
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    inhoud = _zoek(client, "Zoekschool").content.decode()
    assert len([link for link in _links(inhoud) if "/scholen/" in link]) == 8
    assert "Er zijn meer scholen" in inhoud
    assert "?q=Zoekschool" in inhoud


def _queries(client, term):
    with CaptureQueriesContext(connection) as vastgelegd:
        assert _zoek(client, term).status_code == 200
    return len(vastgelegd)


@pytest.mark.django_db
@pytest.mark.parametrize(("rol", "verwacht"), [(Rol.COORDINATOR, 8), (Rol.ONDERSTEUNER, 8), (Rol.ZORG, 7)])
def test_zoeken_kost_een_vast_aantal_queries(client, leerlingen, rol, verwacht):
    client.force_login(leerlingen.gebruikers[rol])
    bij_weinig = _queries(client, "Mila")
    for _nummer in range(12):
        factories.TrajectFactory(
            lsc=leerlingen.lsc, school=leerlingen.eigen_school, leerling__voornaam="Mila", status="lopend"
        )
    assert bij_weinig == _queries(client, "Mila") == verwacht


TABELLEN = {"trajecten_traject", "trajecten_leerling"}


def _onbegrensd(plan: dict) -> list[str]:
    """Scans of the big tables that read them whole: a sequential scan, or an index scan without a
    condition (the primary key's index walked from end to end is a full read as well)."""
    gevonden = []
    if plan.get("Relation Name") in TABELLEN and (
        plan["Node Type"] == "Seq Scan"
        or (plan["Node Type"] in {"Index Scan", "Index Only Scan"} and "Index Cond" not in plan)
    ):
        gevonden.append(f"{plan['Node Type']} {plan['Relation Name']}")
    for kind in plan.get("Plans", []):
        gevonden += _onbegrensd(kind)
    return gevonden


def _indexen(plan: dict) -> set[str]:
    return {plan.get("Index Name")} - {None} | {n for kind in plan.get("Plans", []) for n in _indexen(kind)}


def _plannen(queries) -> list[dict]:
    plannen = []
    for query in queries:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
            plan = cursor.fetchone()[0]
        plannen.append((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])
    return plannen


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG])
def test_leerlingen_zoeken_leest_enkel_uit_indexen(client, leerlingen, rol):
    """As tests/dwars/test_explain.py, stricter: with sequential scans priced out, the pupil search reads
    the trajectories and the pupils (a million of each at V) only through an index with a condition; where
    the name is all that narrows (the policy team's whole LSC), through the first-name index."""
    client.force_login(leerlingen.gebruikers[rol])
    with CaptureQueriesContext(connection) as vastgelegd:
        _zoek(client, "Mila V")
    zoekvragen = [q for q in vastgelegd.captured_queries if "trajecten_leerling" in q["sql"]]
    assert len(zoekvragen) == 1, "the search must really query the pupils, once"
    plan = _plannen(zoekvragen)[0]
    assert _onbegrensd(plan) == []
    if rol == Rol.COORDINATOR:
        assert "leerling_voornaam_zoek" in _indexen(plan)


@pytest.mark.django_db
def test_de_controle_ziet_een_volledige_lezing_van_de_leerlingen():
    with CaptureQueriesContext(connection) as vastgelegd:
        list(Traject.objects.filter(leerling__klas__contains="4"))
    assert _onbegrensd(_plannen(vastgelegd.captured_queries)[0])


@pytest.mark.django_db
def test_willekeurige_zoektermen_geven_nooit_een_fout(client, leerlingen):
    """Any text (control characters, NUL, percent signs and underscores that LIKE would read as wildcards,
    too long) gives a page: a 200 and never a result of another LSC."""
    from hypothesis import given, settings  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    client.force_login(leerlingen.gebruikers[Rol.COORDINATOR])

    @settings(max_examples=60, deadline=None)
    @given(st.text(max_size=80) | st.sampled_from(["%", "_", "%%", "M%a", "\x00Mila", "Mila\nV", "'; --"]))
    def zoeken(term):
        antwoord = _zoek(client, term)
        assert antwoord.status_code == 200
        assert f"/trajecten/{leerlingen.vreemd_traject.pk}/" not in antwoord.content.decode()

    zoeken()
    assert _links(_zoek(client, "%").content.decode()) == []  # a wildcard is a character like any other
