"""The audit tables only grow: the database itself refuses to change or remove changes and reads.

Through the ORM and through raw SQL on the application's own connection; INSERT keeps working, and the
maintenance flag `honingraat.audit_onderhoud` (set only inside the owner's anonymising function, migration
trajecten 0003) is the one way to change or remove rows on purpose.
"""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from netwerk.audit import audit_anonimiseren, log_actie, log_inzage
from netwerk.models import Gebruiker, Inzage, Rol, Wijziging
from tests import factories
from tests.support.privacy import bewaard, volledige_leerling, weg
from trajecten import privacy

pytestmark = pytest.mark.django_db

MELDING = "auditgegevens kunnen niet gewijzigd of verwijderd worden"
TABELLEN = ["netwerk_wijziging", "netwerk_inzage"]


@pytest.fixture
def rijen(wereld):
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    wijziging = log_actie(
        door=coordinator, actie="aangemaakt", obj=wereld.eigen_school, wijzigingen={"a": [1, 2]}
    )
    log_inzage(door=coordinator, soort="pagina", traject_id=7)
    return wijziging, Inzage.objects.get(traject_id=7)


def _geweigerd(sql: str, *parameters):
    with pytest.raises(DatabaseError, match=MELDING), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, parameters)


def test_schrijven_werkt_en_log_actie_ook(wereld, rijen):
    wijziging, inzage = rijen
    assert Wijziging.objects.get().wijzigingen == {"a": [1, 2]}
    assert wijziging.door == wereld.gebruikers[Rol.COORDINATOR] and inzage.soort == "pagina"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO netwerk_inzage (wanneer, soort, omschrijving) VALUES (now(), 'export', 'rauw')"
        )
    assert Inzage.objects.count() == 2


def test_de_orm_kan_niets_wijzigen_of_verwijderen(rijen):
    wijziging, inzage = rijen
    for obj, veld, waarde in [(wijziging, "actie", "vervalst"), (inzage, "soort", "pdf")]:
        setattr(obj, veld, waarde)
        with pytest.raises(DatabaseError, match=MELDING), transaction.atomic():
            obj.save()
        with pytest.raises(DatabaseError, match=MELDING), transaction.atomic():
            type(obj).objects.update(**{veld: waarde})
        with pytest.raises(DatabaseError, match=MELDING), transaction.atomic():
            obj.delete()
        with pytest.raises(DatabaseError, match=MELDING), transaction.atomic():
            type(obj).objects.all().delete()
    assert Wijziging.objects.get().actie == "aangemaakt" and Inzage.objects.get().soort == "pagina"


@pytest.mark.parametrize("tabel", TABELLEN)
def test_rauwe_sql_op_de_eigen_verbinding_kan_niets_wijzigen_of_verwijderen(rijen, tabel):
    _geweigerd(f"UPDATE {tabel} SET door_id = NULL")  # noqa: S608 - table names from the list above
    _geweigerd(f"DELETE FROM {tabel}")  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        # A test database allows TRUNCATE for Django's flush (see the migration); 'uit' is production.
        cursor.execute("SET LOCAL honingraat.audit_onderhoud = 'uit'")
        _geweigerd(f"TRUNCATE {tabel}")
        _geweigerd(f"TRUNCATE {tabel} CASCADE")
    assert Wijziging.objects.count() == Inzage.objects.count() == 1


def test_de_uitzondering_voor_testdatabases_geldt_enkel_truncate(rijen):
    """Django empties all tables with one TRUNCATE between transactional tests: only that passes here."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0].startswith("test_")
    _geweigerd("DELETE FROM netwerk_wijziging")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE netwerk_wijziging, netwerk_inzage")
        assert Wijziging.objects.count() == Inzage.objects.count() == 0
        transaction.set_rollback(True)
    assert Wijziging.objects.count() == 1


def test_onderhoud_mag_wijzigen_en_verwijderen_binnen_zijn_transactie(rijen):
    wijziging, _ = rijen
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL honingraat.audit_onderhoud = 'aan'")
        Wijziging.objects.filter(pk=wijziging.pk).update(door=None)
        Inzage.objects.all().delete()
        cursor.execute("TRUNCATE netwerk_wijziging")
        # As the anonymising function does at its end: the enclosing transaction is strict again.
        cursor.execute("SET LOCAL honingraat.audit_onderhoud = ''")
    assert not Wijziging.objects.exists() and not Inzage.objects.exists()
    log_actie(door=None, actie="aangemaakt", obj=factories.LscFactory())
    with pytest.raises(DatabaseError, match=MELDING), transaction.atomic():
        Wijziging.objects.all().delete()  # the flag is off again


def test_een_account_verwijderen_laat_de_geschiedenis_staan(wereld, rijen):
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    Gebruiker.objects.filter(pk=coordinator.pk).delete()
    wijziging = Wijziging.objects.select_related("door").get()
    assert wijziging.door_id == coordinator.pk and wijziging.door is None
    assert Inzage.objects.get().door_id == coordinator.pk


# Coordinators see who read a pupil's file


def test_coordinatie_ziet_wie_het_dossier_las(client, wereld_met_trajecten):
    traject = wereld_met_trajecten.eigen_traject
    lezer = wereld_met_trajecten.gebruikers[Rol.ONDERSTEUNER]
    log_inzage(door=lezer, soort="pdf", traject_id=traject.pk)
    url = reverse("traject_detail", args=[traject.pk])
    for rol in (Rol.COORDINATOR, Rol.DIRECTEUR):
        client.force_login(wereld_met_trajecten.gebruikers[rol])
        inhoud = client.get(url).content.decode()
        assert "Wie las dit dossier" in inhoud and lezer.naam in inhoud and "PDF" in inhoud
    client.force_login(lezer)
    assert "Wie las dit dossier" not in client.get(url).content.decode()


# The application's own database role (manage.py databankrollen): no owner, so no way around the audit.


@pytest.fixture
def app_rol(rijen):
    """A role made as in production, inside the test's transaction (CREATE ROLE is rolled back with it)."""

    rol = f"app_{connection.settings_dict['NAME']}"[:60]
    call_command("databankrollen", rol=rol, stdout=io.StringIO())
    return rol


def _als(rol: str, opdracht: str, *parameters):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{rol}"')
        cursor.execute("SELECT set_config('honingraat.audit_onderhoud', 'aan', true)")
        cursor.execute(opdracht, parameters)


@pytest.mark.parametrize("tabel", TABELLEN)
@pytest.mark.parametrize(
    "opdracht",
    [
        "UPDATE {t} SET door_id = NULL",
        "DELETE FROM {t}",
        "TRUNCATE {t}",
        "ALTER TABLE {t} DISABLE TRIGGER USER",
        "DROP TRIGGER {t}_alleen_toevoegen ON {t}",
        "ALTER TABLE {t} OWNER TO CURRENT_USER",
    ],
)
def test_de_rol_van_de_toepassing_kan_de_audit_niet_wijzigen_ook_niet_met_de_onderhoudsvlag(
    app_rol, tabel, opdracht
):
    with pytest.raises(DatabaseError, match=r"permission denied|must be owner|machtiging|eigenaar"):
        _als(app_rol, opdracht.format(t=tabel))
    assert Wijziging.objects.count() == 1 and Inzage.objects.count() == 1


def test_de_rol_van_de_toepassing_leest_en_schrijft_de_rest_en_voegt_audit_toe(
    client, app_rol, wereld_met_trajecten, settings
):
    settings.HONINGRAAT_MFA_VERPLICHT = False
    traject = wereld_met_trajecten.eigen_traject
    coordinator = wereld_met_trajecten.gebruikers[Rol.COORDINATOR]
    client.force_login(coordinator)
    voor = Inzage.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{app_rol}"')  # the rest of the test runs as the application's role
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_rol
    assert client.get(reverse("traject_detail", args=[traject.pk])).status_code == 200
    assert Inzage.objects.count() == voor + 1
    log_actie(door=coordinator, actie="proef", obj=wereld_met_trajecten.eigen_school)
    Gebruiker.objects.filter(pk=coordinator.pk).update(naam="Bijgewerkt")
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def test_een_superuser_als_rol_van_de_toepassing_wordt_geweigerd(rijen):

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        eigenaar = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="superuser"):
        call_command("databankrollen", rol=eigenaar, stdout=io.StringIO())


# Anonymising is the one change the application may make: through a function that only accepts the marker.

MARKERING = "[geanonimiseerd]"


def _als_app(rol: str):
    cursor = connection.cursor()
    cursor.execute(f'SET ROLE "{rol}"')
    return cursor


def test_de_rol_van_de_toepassing_anonimiseert_via_de_functie(app_rol, rijen):

    wijziging, inzage = rijen
    with _als_app(app_rol) as cursor:
        aantal = audit_anonimiseren(
            wijzigingen={wijziging.pk: {"a": [MARKERING, None]}}, inzage_ids=[inzage.pk], vervanging=MARKERING
        )
        cursor.execute("RESET ROLE")
    assert aantal == 1
    assert Wijziging.objects.get().wijzigingen == {"a": [MARKERING, None]}
    assert Inzage.objects.get().omschrijving == MARKERING
    # The flag is back as it was: a plain UPDATE after the function is refused again.
    _geweigerd("UPDATE netwerk_wijziging SET actie = 'x'")


@pytest.mark.parametrize(
    ("nieuw", "melding"),
    [
        ({"a": ["iets anders", 2]}, "mag enkel door de markering vervangen worden"),
        ({"a": [MARKERING, 3]}, "mag enkel door de markering vervangen worden"),
        ({}, "geen velden toevoegen of weglaten"),
        ({"a": [1, 2], "b": MARKERING}, "geen velden toevoegen of weglaten"),
    ],
)
def test_de_functie_weigert_alles_wat_geen_anonimisering_is(app_rol, rijen, nieuw, melding):

    wijziging, _inzage = rijen
    with pytest.raises(DatabaseError, match=melding), transaction.atomic(), _als_app(app_rol):
        audit_anonimiseren(wijzigingen={wijziging.pk: nieuw}, inzage_ids=[], vervanging=MARKERING)
    assert Wijziging.objects.get().wijzigingen == {"a": [1, 2]}


def test_de_functie_weigert_een_lege_markering(rijen):

    wijziging, inzage = rijen
    with pytest.raises(DatabaseError, match="herkenbare markering"), transaction.atomic():
        audit_anonimiseren(wijzigingen={wijziging.pk: {"a": ["", ""]}}, inzage_ids=[inzage.pk], vervanging="")
    assert Inzage.objects.get().omschrijving == ""


def test_de_bewaartermijn_loopt_als_de_rol_van_de_toepassing(app_rol, wereld, settings):
    """The nightly job runs in the worker, as the application's role: it anonymises, audit included."""

    settings.LOGBOEK_BEWERKEN_TOT = "36500"  # the pupil's history lies in a school year gone by

    traject = volledige_leerling(wereld)
    bewaard(traject)
    with _als_app(app_rol) as cursor:
        assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 31)) == 1
        cursor.execute("RESET ROLE")
    weg(traject)


@pytest.mark.parametrize(
    ("rol", "pagina"), [(Rol.COORDINATOR, "traject_lijst"), (Rol.ONDERSTEUNER, "mijn_trajecten")]
)
def test_een_lijst_met_leerlingen_is_ook_een_inzage(client, wereld_met_trajecten, settings, rol, pagina):
    settings.HONINGRAAT_MFA_VERPLICHT = False
    traject = wereld_met_trajecten.eigen_traject
    assert traject.leerling_id is not None
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld_met_trajecten.anker)
    gebruiker = wereld_met_trajecten.gebruikers[rol]
    client.force_login(gebruiker)
    assert client.get(reverse(pagina), {"status": "alle"}).status_code == 200
    inzage = Inzage.objects.get(soort=Inzage.Soort.LIJST)
    assert inzage.door_id == gebruiker.pk and inzage.omschrijving == f"trajecten {traject.pk}"
    # Filtered to nothing: no pupil on the page, no read.
    assert traject.status != "afgerond"
    assert client.get(reverse(pagina), {"status": "afgerond"}).status_code == 200
    assert Inzage.objects.filter(soort=Inzage.Soort.LIJST).count() == 1
