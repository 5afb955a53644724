"""Publishing distributions and moving hours, on PostgreSQL: versions stay, the sum never changes."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from capaciteit import services
from capaciteit.models import Herverdeling, Tijdskader
from netwerk.models import Rol, Wijziging
from tests import factories
from tests.support.capaciteit import planningsenvelop


@pytest.mark.django_db
def test_publiceren_bewaart_een_versie_per_keer(wereld):
    envelop = planningsenvelop(wereld, jaren=2)[0]
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    assert sum(eerste.tijdskaders.values_list("uren", flat=True)) == 1000
    envelop.uren = 1200
    envelop.save()
    tweede = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    assert (eerste.versie, tweede.versie) == (1, 2)
    assert sum(eerste.tijdskaders.values_list("uren", flat=True)) == 1000  # the old version stays
    assert sum(tweede.tijdskaders.values_list("uren", flat=True)) == 1200
    assert Wijziging.objects.filter(actie="capaciteit.verdeling.gepubliceerd").count() == 2


@pytest.mark.django_db
def test_school_zonder_leerlingen_in_het_referentiejaar_houdt_het_publiceren_tegen(wereld):
    envelop = planningsenvelop(wereld, jaren=2)[0]
    nieuw = factories.SchoolFactory(naam="Nieuwe School")
    factories.BedieningFactory(lsc=wereld.lsc, school=nieuw)
    with pytest.raises(ValidationError, match="Nieuwe School"):
        services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=envelop)
    assert not envelop.verdelingen.exists()


@pytest.mark.django_db
def test_uren_verschuiven_houdt_de_som(wereld):
    envelop = planningsenvelop(wereld, jaren=2)[0]
    verdeling = services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=envelop)
    van, naar = list(verdeling.tijdskaders.order_by("pk")[:2])
    services.uren_verschuiven(
        door=wereld.gebruikers[Rol.COORDINATOR], verdeling=verdeling, van_school_id=van.school_id,
        naar_school_id=naar.school_id, uren=10, reden="School A heeft minder nodig dit trimester",
    )  # fmt: skip
    assert Tijdskader.objects.get(pk=van.pk).uren == van.uren - 10
    assert Tijdskader.objects.get(pk=naar.pk).uren == naar.uren + 10
    assert sum(verdeling.tijdskaders.values_list("uren", flat=True)) == 1000
    with pytest.raises(ValidationError, match="heeft nog"):
        services.uren_verschuiven(
            door=wereld.gebruikers[Rol.COORDINATOR], verdeling=verdeling, van_school_id=van.school_id,
            naar_school_id=naar.school_id, uren=10_000, reden="te veel",
        )  # fmt: skip
    assert Herverdeling.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_de_databank_weigert_een_som_die_niet_klopt(wereld):
    envelop = planningsenvelop(wereld, jaren=2)[0]
    verdeling = services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=envelop)
    kader = verdeling.tijdskaders.first()
    fout = pytest.raises(IntegrityError, match="tellen op tot 1001 uur, de envelop is 1000 uur")
    with fout, transaction.atomic():
        Tijdskader.objects.filter(pk=kader.pk).update(uren=kader.uren + 1)
    assert sum(verdeling.tijdskaders.values_list("uren", flat=True)) == 1000


@pytest.mark.django_db(transaction=True)
def test_twee_coordinatoren_tegelijk_verliezen_geen_uur(wereld):
    """Two threads, two connections, moving hours between the same schools at the same moment."""
    envelop = planningsenvelop(wereld, jaren=2)[0]
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    verdeling = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    a, b = list(verdeling.tijdskaders.order_by("pk")[:2])
    start = threading.Barrier(2)
    fouten = []

    def verschuif(van, naar):
        try:
            start.wait()
            for _ in range(5):
                services.uren_verschuiven(
                    door=coordinator, verdeling=verdeling, van_school_id=van, naar_school_id=naar, uren=1,
                    reden="tegelijk",
                )  # fmt: skip
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [
        threading.Thread(target=verschuif, args=(a.school_id, b.school_id)),
        threading.Thread(target=verschuif, args=(b.school_id, a.school_id)),
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    assert fouten == []
    assert Herverdeling.objects.count() == 10
    assert sum(verdeling.tijdskaders.values_list("uren", flat=True)) == 1000
    assert Tijdskader.objects.get(pk=a.pk).uren == a.uren and Tijdskader.objects.get(pk=b.pk).uren == b.uren
