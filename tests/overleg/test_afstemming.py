"""The afstemmingsgesprek: the school asks its anchor, the anchor plans it, the invitation with its .ics
leaves through the real outbox to a real SMTP server; the school follows the status.

- the care staff's request reaches the school's anchors of that LSC (a notification), nobody else;
- planning fixes the participants and queues one outbox row each: the mail and its calendar file carry the
  school, the moment, the place and a link, never the school's own words (which may name a pupil);
- a moved meeting sends a change under the same UID and the next SEQUENCE, a cancellation METHOD:CANCEL;
- the school sees "gevraagd", "gepland" with the date, and "geannuleerd" or "gehouden";
- another school's care staff and another LSC find nothing (404).
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from netwerk.models import Melding, Meldingsoort, Rol, Wijziging
from overleg import afstemming, outbox
from overleg.models import (
    Afstemmingsgesprek,
    Afstemmingsstatus,
    Deelnemer,
    Mailsoort,
    Mailstatus,
    Uitgaandemail,
)
from tests import factories

ONDERWERP = "Hoe stemmen we de ondersteuning van Zoë af met het CLB?"


def _vraag(client, wereld, **extra):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    data = {"lsc": wereld.lsc.pk, "onderwerp": ONDERWERP, "partners": ["clb", "ouders"], **extra}
    antwoord = client.post(reverse("afstemming_vragen", args=[wereld.eigen_school.pk]), data)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    return Afstemmingsgesprek.objects.get()


def _moment(dagen: int, uur: int = 14) -> dt.datetime:
    dag = timezone.localdate() + dt.timedelta(days=dagen)
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, 0)))


def _plan(client, gesprek, gebruiker, moment, *, deelnemers=None, plaats="Zorgklas"):
    client.force_login(gebruiker)
    url = reverse("afstemming_plannen", args=[gesprek.pk])
    formulier = client.get(url).content.decode()
    aangevinkt = [int(pk) for pk in re.findall(r'name="deelnemers" value="(\d+)"[^>]*checked', formulier)]
    gesprek.refresh_from_db()
    data = {
        "versie": gesprek.versie,
        "datum": timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M"),
        "duur_minuten": 60,
        "plaats": plaats,
        "externe_deelnemers": "Pedagogisch begeleider",
        "deelnemers": aangevinkt if deelnemers is None else deelnemers,
    }
    return client.post(url, data), aangevinkt


@pytest.mark.django_db
def test_de_vraag_bereikt_enkel_de_ankers_van_de_school(client, wereld):
    ander = factories.OndersteunerFactory(lsc=wereld.lsc)
    gesprek = _vraag(client, wereld)

    assert gesprek.school == wereld.eigen_school and gesprek.lsc == wereld.lsc
    assert gesprek.status == Afstemmingsstatus.GEVRAAGD
    assert gesprek.partners == ["clb", "ouders"]
    ontvangers = set(
        Melding.objects.filter(soort=Meldingsoort.AFSTEMMING_GEVRAAGD).values_list("ontvanger", flat=True)
    )
    assert ontvangers == {wereld.anker.gebruiker.pk}
    assert ander.gebruiker.pk not in ontvangers
    melding = Melding.objects.get(soort=Meldingsoort.AFSTEMMING_GEVRAAGD)
    assert "Zoë" not in melding.titel
    assert Wijziging.objects.filter(actie="overleg.afstemming.gevraagd", object_id=gesprek.pk).exists()

    # The school sees its request as asked; the anchor finds it in the list.
    pagina = client.get(reverse("afstemming_detail", args=[gesprek.pk])).content.decode()
    assert "Gevraagd" in pagina and "Gesprek plannen" not in pagina
    client.force_login(wereld.anker.gebruiker)
    lijst = client.get(reverse("afstemming_lijst")).content.decode()
    assert wereld.eigen_school.naam in lijst and reverse("afstemming_detail", args=[gesprek.pk]) in lijst


@pytest.mark.django_db
def test_zonder_anker_gaat_de_vraag_naar_de_coordinator(client, wereld):
    wereld.eigen_school.ankers.all().delete()
    _vraag(client, wereld)
    ontvangers = set(
        Melding.objects.filter(soort=Meldingsoort.AFSTEMMING_GEVRAAGD).values_list("ontvanger", flat=True)
    )
    assert ontvangers == {wereld.gebruikers[Rol.COORDINATOR].pk}


@pytest.mark.django_db
def test_een_lege_vraag_wordt_in_het_nederlands_geweigerd_en_verliest_niets(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.post(
        reverse("afstemming_vragen", args=[wereld.eigen_school.pk]),
        {"lsc": wereld.lsc.pk, "onderwerp": "", "voorkeur_momenten": "dinsdagnamiddag"},
    )
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "Schrijf kort waarover je wil afstemmen." in pagina
    assert "dinsdagnamiddag" in pagina
    assert not Afstemmingsgesprek.objects.exists()


@pytest.mark.django_db
def test_een_andere_school_en_een_ander_lsc_vinden_niets(client, wereld):
    gesprek = _vraag(client, wereld)
    vreemde_zorg = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(wereld.vreemde_school, vreemde_zorg)
    vreemd_coord = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=wereld.vreemde_ondersteuner.lsc)
    for gebruiker in (vreemde_zorg, wereld.vreemde_ondersteuner.gebruiker, vreemd_coord):
        client.force_login(gebruiker)
        assert client.get(reverse("afstemming_detail", args=[gesprek.pk])).status_code == 404
        assert client.get(reverse("afstemming_plannen", args=[gesprek.pk])).status_code == 404
        assert wereld.eigen_school.naam not in client.get(reverse("afstemming_lijst")).content.decode()
    # Care staff cannot ask for a school that is not theirs.
    client.force_login(vreemde_zorg)
    assert client.get(reverse("afstemming_vragen", args=[wereld.eigen_school.pk])).status_code == 404


@pytest.mark.django_db
def test_de_school_plant_niet_zelf_en_een_gewone_collega_ook_niet(client, wereld):
    gesprek = _vraag(client, wereld)
    collega = factories.OndersteunerFactory(lsc=wereld.lsc)
    for gebruiker in (wereld.gebruikers[Rol.ZORG], collega.gebruiker):
        client.force_login(gebruiker)
        assert client.get(reverse("afstemming_plannen", args=[gesprek.pk])).status_code == 404
        assert client.post(reverse("afstemming_afsluiten", args=[gesprek.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_gepland_gesprek_vertrekt_met_ics_door_de_outbox_en_volgt_wijziging_en_annulering(
    client, wereld, smtp_instellingen
):
    postbus = smtp_instellingen
    leerling = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school).leerling
    gesprek = _vraag(client, wereld, onderwerp=f"Afstemmen over {leerling.voornaam} en het CLB")
    anker = wereld.anker.gebruiker
    zorg, clb = wereld.gebruikers[Rol.ZORG], wereld.gebruikers[Rol.CLB]
    moment = _moment(10)

    antwoord, aangevinkt = _plan(client, gesprek, anker, moment)
    assert antwoord.status_code == 302
    # The school asked for the CLB: care staff, anchor and CLB are ticked by default.
    assert set(aangevinkt) == {zorg.pk, anker.pk, clb.pk}
    assert outbox.verstuur_wachtende() == 2  # the anchor who plans does not invite itself

    assert sorted(a for o in postbus.ontvangen for a in o.ontvangers) == sorted([zorg.email, clb.email])
    for ontvangen in postbus.ontvangen:
        bericht = ontvangen.bericht
        assert bericht["Subject"] == f"[Honingraat] Uitnodiging afstemmingsgesprek {wereld.eigen_school.naam}"
        assert bericht["Message-ID"].startswith(f"<afstemming-{gesprek.pk}-mail-")
        assert bericht["Reply-To"] == anker.email
        (ics,) = [
            d.get_payload(decode=True)
            for d in bericht.iter_attachments()
            if d.get_filename() == "uitnodiging.ics"
        ]
        kalender = Calendar.from_ical(ics)
        assert str(kalender["METHOD"]) == "REQUEST"
        (gebeurtenis,) = kalender.walk("VEVENT")
        assert str(gebeurtenis["UID"]) == f"afstemmingsgesprek-{gesprek.pk}@honingraat"
        assert gebeurtenis.decoded("DTSTART") == moment
        assert gebeurtenis.decoded("DTEND") == moment + dt.timedelta(minutes=60)
        assert str(gebeurtenis["LOCATION"]) == "Zorgklas"
        assert int(gebeurtenis["SEQUENCE"]) == 0
        assert str(gebeurtenis["ORGANIZER"]) == f"mailto:{anker.email}"
        alles = bericht.as_string() + ics.decode()
        assert leerling.voornaam not in alles and "Afstemmen over" not in alles
        assert "Pedagogisch begeleider" not in alles  # the school's own free text stays in the app
        assert reverse("afstemming_detail", args=[gesprek.pk]) in alles

    gesprek.refresh_from_db()
    assert gesprek.status == Afstemmingsstatus.GEPLAND
    assert set(gesprek.deelnemers.values_list("rol", flat=True)) == {
        Deelnemer.Rol.ZORG,
        Deelnemer.Rol.ANKER,
        Deelnemer.Rol.CLB,
    }
    # The school sees it planned, with its date, and was notified.
    client.force_login(zorg)
    pagina = client.get(reverse("afstemming_detail", args=[gesprek.pk])).content.decode()
    assert "Gepland" in pagina and "Zorgklas" in pagina
    assert Melding.objects.filter(ontvanger=zorg, soort=Meldingsoort.AFSTEMMING_BIJGEWERKT).count() == 1

    # Moved: a change for both, same UID, next sequence.
    postbus.ontvangen.clear()
    antwoord, _ = _plan(client, gesprek, anker, _moment(11, 10))
    assert antwoord.status_code == 302
    assert outbox.verstuur_wachtende() == 2
    for ontvangen in postbus.ontvangen:
        assert ontvangen.bericht["Subject"].startswith("[Honingraat] Gewijzigd: afstemmingsgesprek")
        (ics,) = [d.get_payload(decode=True) for d in ontvangen.bericht.iter_attachments()]
        (gebeurtenis,) = Calendar.from_ical(ics).walk("VEVENT")
        assert int(gebeurtenis["SEQUENCE"]) == 1
        assert gebeurtenis.decoded("DTSTART") == _moment(11, 10)

    # Cancelled: a CANCEL for everyone it reached.
    postbus.ontvangen.clear()
    gesprek.refresh_from_db()
    client.force_login(anker)
    client.post(
        reverse("afstemming_afsluiten", args=[gesprek.pk]),
        {"versie": gesprek.versie, "uitkomst": "geannuleerd"},
    )
    assert outbox.verstuur_wachtende() == 2
    for ontvangen in postbus.ontvangen:
        (ics,) = [d.get_payload(decode=True) for d in ontvangen.bericht.iter_attachments()]
        kalender = Calendar.from_ical(ics)
        assert str(kalender["METHOD"]) == "CANCEL"
        (gebeurtenis,) = kalender.walk("VEVENT")
        assert int(gebeurtenis["SEQUENCE"]) == 2
        assert str(gebeurtenis["STATUS"]) == "CANCELLED"
    gesprek.refresh_from_db()
    assert gesprek.status == Afstemmingsstatus.GEANNULEERD
    client.force_login(zorg)
    assert "Geannuleerd" in client.get(reverse("afstemming_detail", args=[gesprek.pk])).content.decode()
    assert not Uitgaandemail.objects.exclude(status__in=[Mailstatus.VERSTUURD, Mailstatus.VERVALLEN]).exists()
    assert Uitgaandemail.objects.filter(afstemming=gesprek, soort=Mailsoort.ANNULERING).count() == 2


@pytest.mark.django_db
def test_gehouden_pas_na_het_moment_en_een_datum_in_het_verleden_wordt_geweigerd(client, wereld):
    gesprek = _vraag(client, wereld)
    anker = wereld.anker.gebruiker
    antwoord, _ = _plan(client, gesprek, anker, _moment(-2))
    assert "Kies een datum en uur in de toekomst." in antwoord.content.decode()
    assert not Uitgaandemail.objects.exists()

    _plan(client, gesprek, anker, _moment(3))
    gesprek.refresh_from_db()
    with pytest.raises(afstemming.OverlegFout, match="na het geplande moment"):
        afstemming.afstemming_afsluiten(
            door=anker, gesprek=gesprek, versie=gesprek.versie, uitkomst="gehouden"
        )
    Afstemmingsgesprek.objects.filter(pk=gesprek.pk).update(datum=_moment(-1))
    gesprek.refresh_from_db()
    afstemming.afstemming_afsluiten(door=anker, gesprek=gesprek, versie=gesprek.versie, uitkomst="gehouden")
    gesprek.refresh_from_db()
    assert gesprek.status == Afstemmingsstatus.GEHOUDEN
    client.force_login(wereld.gebruikers[Rol.ZORG])
    assert "Gehouden" in client.get(reverse("afstemming_detail", args=[gesprek.pk])).content.decode()


@pytest.mark.django_db
def test_een_verouderde_versie_bewaart_niets(client, wereld):
    gesprek = _vraag(client, wereld)
    with pytest.raises(afstemming.OverlegFout, match="intussen gewijzigd"):
        afstemming.afstemming_plannen(
            door=wereld.anker.gebruiker,
            gesprek=gesprek,
            versie=gesprek.versie - 1,
            datum=_moment(5),
            duur_minuten=60,
            plaats="Zorgklas",
            externe_deelnemers="",
            deelnemer_ids=[wereld.gebruikers[Rol.ZORG].pk],
        )
    gesprek.refresh_from_db()
    assert gesprek.status == Afstemmingsstatus.GEVRAAGD and not gesprek.deelnemers.exists()
