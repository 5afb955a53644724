"""The coordinator's overview of the year's consultations, the batch invitation and its progress page."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Mailbatch, Mailstatus, Schoolbeeldoverleg, Status, Uitgaandemail
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.werelden import overleg_klaar


@pytest.fixture
def coordinator(wereld):
    return wereld.gebruikers[Rol.COORDINATOR]


def _scholen(wereld, aantal: int, *, vanaf: int = 0) -> list:
    scholen = []
    for i in range(vanaf, vanaf + aantal):
        school = factories.SchoolFactory(naam=f"Extra school {i:02d}", clb=wereld.clb)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        zorg = factories.GebruikerFactory(email=f"zorg-extra{i}@proef.example", rol=Rol.ZORG, lsc=None)
        factories.in_zorgteam(school, zorg)
        scholen.append(school)
    return scholen


@pytest.mark.django_db
def test_overzicht_toont_elke_school_met_de_stand_van_haar_overleg(client, wereld, coordinator):
    klaar, zonder_datum = _scholen(wereld, 2)
    overleg_klaar(lsc=wereld.lsc, school=klaar)
    Schoolbeeldoverleg.objects.create(lsc=wereld.lsc, school=zonder_datum, schooljaar=_jaar())
    client.force_login(coordinator)

    pagina = client.get(reverse("overleg_overzicht")).content.decode()

    assert "School Eigen" in pagina and "niet gepland" in pagina  # no consultation yet
    assert "klaar om te versturen" in pagina
    assert "Er is nog geen datum en uur voor het overleg." in pagina
    assert "School Vreemd" not in pagina  # another LSC's school
    assert 'name="overleg"' in pagina and "Alle 1 klare school uitnodigen" in pagina


@pytest.mark.django_db
def test_filters_tonen_wat_nog_moet_gebeuren(client, wereld, coordinator):
    gedeeld_school, gehouden_school = _scholen(wereld, 2)
    gedeeld = overleg_klaar(lsc=wereld.lsc, school=gedeeld_school)
    Schoolbeeldoverleg.objects.filter(pk=gedeeld.pk).update(
        status=Status.GEDEELD, tussentijds_op=timezone.now() + dt.timedelta(days=60)
    )
    gehouden = overleg_klaar(lsc=wereld.lsc, school=gehouden_school)
    Schoolbeeldoverleg.objects.filter(pk=gehouden.pk).update(status=Status.GEHOUDEN)
    client.force_login(coordinator)

    def scholen(filter_: str) -> set[str]:
        pagina = client.get(reverse("overleg_overzicht"), {"filter": filter_}).content.decode()
        return {naam for naam in ("School Eigen", "Extra school 00", "Extra school 01") if naam in pagina}

    assert scholen("uitnodigen") == {"School Eigen"}
    assert scholen("verslag") == {"Extra school 01"}
    assert scholen("tussentijds") == {"School Eigen", "Extra school 01"}
    assert scholen("alle") == {"School Eigen", "Extra school 00", "Extra school 01"}


@pytest.mark.django_db
def test_zoeken_met_htmx_geeft_enkel_de_rijen(client, wereld, coordinator):
    _scholen(wereld, 2)
    client.force_login(coordinator)
    antwoord = client.get(
        reverse("overleg_overzicht"),
        {"zoek": "extra school 01"},
        headers={"HX-Request": "true", "HX-Target": "overzicht-rijen"},
    )
    inhoud = antwoord.content.decode()
    assert inhoud.lstrip().startswith('<div id="overzicht-rijen"')
    assert "Extra school 01" in inhoud and "Extra school 00" not in inhoud


@pytest.mark.django_db
def test_overzicht_kost_evenveel_queries_voor_1_als_voor_30_scholen(client, wereld, coordinator):
    client.force_login(coordinator)
    url = reverse("overleg_overzicht")
    for school in _scholen(wereld, 1):
        overleg_klaar(lsc=wereld.lsc, school=school)
    een = aantal_queries(client, url)
    for school in _scholen(wereld, 29, vanaf=1):
        overleg_klaar(lsc=wereld.lsc, school=school)
    assert aantal_queries(client, url) == een == 6


@pytest.mark.django_db
def test_uitnodigen_maakt_een_batch_en_toont_de_voortgang(client, wereld, coordinator):
    eerste, tweede = _scholen(wereld, 2)
    overleggen = [overleg_klaar(lsc=wereld.lsc, school=s) for s in (eerste, tweede)]
    client.force_login(coordinator)

    antwoord = client.post(reverse("overleg_uitnodigen"), {"overleg": [o.pk for o in overleggen]})

    batch = Mailbatch.objects.get()
    assert antwoord["Location"] == reverse("overleg_batch", args=[batch.pk])
    assert batch.scholen == 2 and batch.door == coordinator
    # Care staff and CLB of each school (the world's CLB has one staff member).
    assert sorted(batch.mails.values_list("adres", flat=True)) == sorted(
        ["zorg-extra0@proef.example", "zorg-extra1@proef.example", *["clb@proef.example"] * 2]
    )
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Bezig met versturen" in pagina and 'hx-trigger="every 1s"' in pagina
    assert "0 van 4 mails afgehandeld" in pagina

    # The worker's work, done here by hand: the poll then returns the summary and stops polling.
    batch.mails.update(status=Mailstatus.VERSTUURD)
    stuk = client.get(antwoord["Location"], headers={"HX-Request": "true"}).content.decode()
    assert stuk.lstrip().startswith('<section id="voortgang"')
    assert "Alle mails zijn vertrokken." in stuk and "every 1s" not in stuk


@pytest.mark.django_db
def test_alle_klare_scholen_in_een_keer(client, wereld, coordinator):
    scholen = _scholen(wereld, 3)
    for school in scholen[:2]:
        overleg_klaar(lsc=wereld.lsc, school=school)
    Schoolbeeldoverleg.objects.create(lsc=wereld.lsc, school=scholen[2], schooljaar=_jaar())  # no date
    client.force_login(coordinator)
    client.post(reverse("overleg_uitnodigen"), {"alle_klaar": "1"})
    assert Mailbatch.objects.get().scholen == 2


@pytest.mark.django_db
def test_een_school_die_niet_klaar_is_houdt_alles_tegen_en_de_keuze_blijft(client, wereld, coordinator):
    klaar_school, verleden_school = _scholen(wereld, 2)
    klaar = overleg_klaar(lsc=wereld.lsc, school=klaar_school)
    verleden = overleg_klaar(
        lsc=wereld.lsc, school=verleden_school, datum=timezone.now() - dt.timedelta(days=1)
    )
    client.force_login(coordinator)
    antwoord = client.post(reverse("overleg_uitnodigen"), {"overleg": [klaar.pk, verleden.pk]}, follow=True)
    pagina = antwoord.content.decode()
    assert "Niet verstuurd. Extra school 01: De datum van het overleg ligt in het verleden." in pagina
    assert f'value="{klaar.pk}" id="kies-{klaar.pk}" checked' in pagina  # the choice is kept
    assert not Mailbatch.objects.exists() and not Uitgaandemail.objects.exists()
    klaar.refresh_from_db()
    assert klaar.status == Status.VOORBEREIDING


@pytest.mark.django_db
def test_uitnodigen_voor_het_overleg_van_een_ander_lsc_is_niet_gevonden(client, wereld, coordinator):
    vreemd = overleg_klaar(lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school)
    client.force_login(coordinator)
    assert client.post(reverse("overleg_uitnodigen"), {"overleg": [vreemd.pk]}).status_code == 404
    assert not Uitgaandemail.objects.exists()


@pytest.mark.django_db
def test_mislukte_mails_opnieuw_versturen(client, wereld, coordinator):
    (school,) = _scholen(wereld, 1)
    overleg = overleg_klaar(lsc=wereld.lsc, school=school)
    client.force_login(coordinator)
    client.post(reverse("overleg_uitnodigen"), {"overleg": [overleg.pk]})
    batch = Mailbatch.objects.get()
    batch.mails.update(status=Mailstatus.MISLUKT, laatste_fout="550 5.1.1 Onbekende brievenbus", pogingen=1)

    pagina = client.get(reverse("overleg_batch", args=[batch.pk])).content.decode()
    assert "550 5.1.1 Onbekende brievenbus" in pagina and "De 2 mislukte mails opnieuw versturen" in pagina

    antwoord = client.post(reverse("overleg_batch_opnieuw", args=[batch.pk]), follow=True)
    assert "2 mislukte mail(s) staan weer klaar om te vertrekken." in antwoord.content.decode()
    stand = set(batch.mails.values_list("status", "pogingen", "laatste_fout"))
    assert stand == {(Mailstatus.WACHTEND, 0, "")}


@pytest.mark.django_db
def test_de_anker_volgt_zijn_eigen_batch_maar_niet_die_van_een_ander(client, wereld, coordinator):
    van_coordinator = Mailbatch.objects.create(lsc=wereld.lsc, door=coordinator, scholen=1)
    van_anker = Mailbatch.objects.create(lsc=wereld.lsc, door=wereld.anker.gebruiker, scholen=1)
    client.force_login(wereld.anker.gebruiker)
    assert client.get(reverse("overleg_batch", args=[van_anker.pk])).status_code == 200
    assert client.get(reverse("overleg_batch", args=[van_coordinator.pk])).status_code == 404


def _jaar() -> int:

    return huidig_schooljaar()


# --- issue 20 part 3: the overview leads with the round's stand per status and pages its rows.
@pytest.mark.django_db
def test_overzicht_telt_per_status_en_toont_de_scholen_per_pagina(client, wereld, coordinator):
    scholen = _scholen(wereld, 30)
    for school in scholen[:4]:
        overleg_klaar(lsc=wereld.lsc, school=school)
    Schoolbeeldoverleg.objects.filter(school__in=scholen[:2]).update(status=Status.GEDEELD)
    client.force_login(coordinator)
    html = client.get(reverse("overleg_overzicht")).content.decode()

    # Recomputed from the rows: 31 schools served (School Eigen too), 4 consultations, 2 of them shared.
    per_status = dict(re.findall(r'data-status="(\w+)">(\d+)<', html))
    assert per_status == {
        "niet_gepland": "27",
        Status.VOORBEREIDING.value: "2",
        Status.UITGENODIGD.value: "0",
        Status.GEHOUDEN.value: "0",
        Status.GEDEELD.value: "2",
    }
    assert "31 scholen · pagina 1 van 3" in html
    assert html.count("<tr>") - 1 == 15  # the header row and 15 schools
    tweede = client.get(reverse("overleg_overzicht") + "?filter=alle&zoek=Extra&pagina=2").content.decode()
    assert "30 scholen · pagina 2 van 2" in tweede
    assert "Extra school 29" in tweede and "Extra school 00" not in tweede
    assert 'rel="prev" href="?filter=alle&amp;zoek=Extra&amp;pagina=1"' in tweede
