"""Dates that fit the school year, and calendars that follow a moved or cancelled consultation.

- A consultation date, a second moment or an agreement's due date on a day without school is asked about
  before it is saved ("… is geen schooldag (kerstvakantie). Toch bewaren?"), never refused.
- A change of date, hour or place of an invited consultation, and its cancellation, reach everyone invited
  through the outbox and a real SMTP server: the same UID, SEQUENCE one higher, METHOD:REQUEST or CANCEL,
  and the anchor as ORGANIZER.
- A second moment whose hour is not known yet shows its day only, never 00:00.
"""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from netwerk.kalender import is_schooldag, schoolvakanties
from netwerk.models import Gebruiker, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import outbox, services
from overleg.documenten import html_voor
from overleg.models import (
    Afspraak,
    Deelnemer,
    Documentsoort,
    Mailbatch,
    Mailsoort,
    Mailstatus,
    Status,
    Uitgaandemail,
)
from tests import factories
from tests.support.werelden import overleg_van, uitnodigingswereld

HTMX = {"HX-Request": "true"}
UID = "schoolbeeldoverleg-{pk}@honingraat"


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
def test_tweede_moment_op_een_zaterdag_wordt_gevraagd_en_zonder_uur_nooit_als_0000_getoond(client, wereld):
    overleg = overleg_van(wereld, datum=_lokaal(_schooldag(1)), plaats="Leraarskamer")
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    zaterdag = _zaterdag(60)
    velden = {"tussentijds_op": zaterdag.isoformat(), "tussentijds_uur": "", "tussentijds_plaats": "Refter"}

    antwoord = _bewaar(client, overleg, "tussentijds", **velden)
    html = unescape(antwoord.content.decode())
    assert (
        "Tussentijds overleg op: zaterdag" in html and "is geen schooldag (zaterdag). Toch bewaren?" in html
    )
    antwoord = _bewaar(
        client, overleg, "tussentijds", **velden, toch_bewaren=f"tussentijds_op={zaterdag.isoformat()}"
    )
    html = unescape(antwoord.content.decode())
    assert "Tweede moment: bewaard." in html
    overleg.refresh_from_db()
    assert overleg.tussentijds_op == zaterdag and overleg.tussentijds_uur is None
    assert "Nog te bepalen." in html and "00:00" not in html

    verslag = unescape(client.get(reverse("overleg_verslag", args=[overleg.pk])).content.decode())
    assert "uur nog te bepalen" in verslag and "00:00" not in verslag
    pdf_html = html_voor(overleg, Documentsoort.VERSLAG)
    assert "uur nog te bepalen" in pdf_html and "00.00" not in pdf_html

    # With an hour, the hour is shown.
    schooldag = _schooldag(70)
    _bewaar(client, overleg, "tussentijds", tussentijds_op=schooldag.isoformat(), tussentijds_uur="15:30")
    overleg.refresh_from_db()
    assert overleg.tussentijds_uur == dt.time(15, 30)
    assert "15.30 uur" in html_voor(overleg, Documentsoort.VERSLAG)


@pytest.mark.django_db
def test_een_uur_zonder_dag_voor_het_tweede_moment_wordt_geweigerd(client, wereld):
    overleg = overleg_van(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = _bewaar(client, overleg, "tussentijds", tussentijds_op="", tussentijds_uur="10:00")
    assert "Kies eerst de dag van het tweede moment." in unescape(antwoord.content.decode())


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


# --------------------------------------------------------------------- calendars that follow the meeting


def _ics(bericht) -> tuple[str, Calendar]:
    """The calendar attachment: the METHOD its Content-Type names, and the parsed calendar."""
    (deel,) = [d for d in bericht.iter_attachments() if d.get_content_type() == "text/calendar"]
    return deel.get_param("method"), Calendar.from_ical(deel.get_payload(decode=True))


def _gebeurtenis(kalender: Calendar):
    (gebeurtenis,) = kalender.walk("VEVENT")
    return gebeurtenis


def _verstuur(postbus) -> list:
    voor = len(postbus.ontvangen)
    outbox.verstuur_wachtende()
    return postbus.ontvangen[voor:]


@pytest.mark.django_db(transaction=True)
def test_verplaatst_overleg_stuurt_iedereen_een_bijgewerkte_ics_met_zelfde_uid_en_hogere_sequence(
    client, smtp_instellingen
):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    uitgenodigd = wereld.verwacht[overleg.pk]
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    eerste = _verstuur(postbus)
    assert {a for o in eerste for a in o.ontvangers} == uitgenodigd
    _type, kalender = _ics(eerste[0].bericht)
    sequence = int(_gebeurtenis(kalender)["SEQUENCE"])
    organisator = _gebeurtenis(kalender)["ORGANIZER"]
    assert str(organisator) == "mailto:anker@lsc.example"  # a person, not the no-reply address
    anker = overleg.school.ankers.get().ondersteuner.gebruiker
    assert organisator.params["CN"] == anker.naam

    nieuwe_dag = _schooldag(21)
    client.force_login(wereld.coordinator)
    antwoord = _bewaar(
        client,
        overleg,
        "planning",
        datum=f"{nieuwe_dag.isoformat()}T10:30",
        duur_minuten=60,
        plaats="Refter",
    )
    assert "Wie uitgenodigd is, krijgt de wijziging in de agenda." in unescape(antwoord.content.decode())
    tweede = _verstuur(postbus)

    assert sorted(a for o in tweede for a in o.ontvangers) == sorted(uitgenodigd)  # each once
    for ontvangen in tweede:
        bericht = ontvangen.bericht
        assert bericht["Subject"] == f"[Honingraat] Gewijzigd: schoolbeeldoverleg {overleg.school.naam}"
        assert bericht["Reply-To"] == "anker@lsc.example"
        assert not [d for d in bericht.iter_attachments() if d.get_content_type() == "application/pdf"]
        tekst = bericht.get_body(preferencelist=("plain",)).get_content()
        assert "Refter" in tekst and "10:30" in tekst
        inhoudstype, kalender = _ics(bericht)
        assert inhoudstype == "REQUEST"
        assert str(kalender["METHOD"]) == "REQUEST"
        gebeurtenis = _gebeurtenis(kalender)
        assert str(gebeurtenis["UID"]) == UID.format(pk=overleg.pk)
        assert int(gebeurtenis["SEQUENCE"]) == sequence + 1
        assert gebeurtenis.decoded("DTSTART") == _lokaal(nieuwe_dag).replace(hour=10, minute=30)
        assert gebeurtenis.decoded("DTEND") == _lokaal(nieuwe_dag).replace(hour=11, minute=30)
        assert str(gebeurtenis["LOCATION"]) == "Refter"
        assert str(gebeurtenis["ORGANIZER"]) == "mailto:anker@lsc.example"
        assert [str(gebeurtenis["ATTENDEE"])] == [f"mailto:{ontvangen.ontvangers[0]}"]
    assert set(Uitgaandemail.objects.filter(soort=Mailsoort.WIJZIGING).values_list("status", flat=True)) == {
        Mailstatus.VERSTUURD
    }

    # Inviting again reaches nobody: everyone has the change already.
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    assert _verstuur(postbus) == []


@pytest.mark.django_db(transaction=True)
def test_twee_wijzigingen_voor_het_vertrek_geven_een_mail_met_de_laatste_stand(client, smtp_instellingen):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    _verstuur(postbus)
    client.force_login(wereld.coordinator)
    _bewaar(
        client, overleg, "planning", datum=f"{_schooldag(21).isoformat()}T10:30", duur_minuten=60, plaats="A"
    )
    _bewaar(
        client, overleg, "planning", datum=f"{_schooldag(21).isoformat()}T10:30", duur_minuten=60, plaats="B"
    )
    tweede = _verstuur(postbus)
    assert sorted(a for o in tweede for a in o.ontvangers) == sorted(wereld.verwacht[overleg.pk])
    for ontvangen in tweede:
        gebeurtenis = _gebeurtenis(_ics(ontvangen.bericht)[1])
        assert str(gebeurtenis["LOCATION"]) == "B"
    overleg.refresh_from_db()
    assert int(gebeurtenis["SEQUENCE"]) == overleg.agenda_volgnummer
    assert Uitgaandemail.objects.filter(status=Mailstatus.VERVALLEN).count() == 3
    # The overtaken batch is done without a mail to count, the last one sent them all.
    eerste, laatste = Mailbatch.objects.filter(mails__soort=Mailsoort.WIJZIGING).distinct().order_by("pk")
    stand = outbox.voortgang(eerste)
    assert (stand["totaal"], stand["klaar"], stand["procent"]) == (0, True, 100)
    assert outbox.voortgang(laatste)["verstuurd"] == 3


@pytest.mark.django_db(transaction=True)
def test_wie_de_uitnodiging_nog_niet_kreeg_krijgt_na_een_wijziging_de_uitnodiging_zelf(
    client, smtp_instellingen
):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    client.force_login(wereld.coordinator)
    _bewaar(
        client, overleg, "planning", datum=f"{_schooldag(21).isoformat()}T09:00", duur_minuten=60, plaats="C"
    )
    ontvangen = _verstuur(postbus)
    assert sorted(a for o in ontvangen for a in o.ontvangers) == sorted(wereld.verwacht[overleg.pk])
    for mail in ontvangen:
        assert mail.bericht["Subject"].startswith("[Honingraat] Uitnodiging schoolbeeldoverleg")
        namen = {d.get_filename() for d in mail.bericht.iter_attachments()}
        assert "uitnodiging.ics" in namen and any(n.startswith("leidraad-") for n in namen)
        assert str(_gebeurtenis(_ics(mail.bericht)[1])["LOCATION"]) == "C"


@pytest.mark.django_db(transaction=True)
def test_overleg_annuleren_vraagt_eerst_en_stuurt_een_cancel_aan_wie_uitgenodigd_is(
    client, smtp_instellingen
):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    gepland = overleg.datum
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    sequence = int(_gebeurtenis(_ics(_verstuur(postbus)[0].bericht)[1])["SEQUENCE"])
    overleg.refresh_from_db()

    client.force_login(wereld.coordinator)
    detail = client.get(reverse("overleg_detail", args=[overleg.pk])).content.decode()
    assert reverse("overleg_annuleren", args=[overleg.pk]) in detail
    vraag = unescape(client.get(reverse("overleg_annuleren", args=[overleg.pk])).content.decode())
    assert "Overleg annuleren" in vraag and "Ja, annuleren" in vraag
    for adres in wereld.verwacht[overleg.pk]:
        assert Gebruiker.objects.get(email=adres).naam in vraag
    assert not Uitgaandemail.objects.filter(soort=Mailsoort.ANNULERING).exists()  # asking sends nothing

    antwoord = client.post(reverse("overleg_annuleren", args=[overleg.pk]), {"versie": overleg.versie})
    assert antwoord.status_code == 302
    geannuleerd = _verstuur(postbus)
    assert sorted(a for o in geannuleerd for a in o.ontvangers) == sorted(wereld.verwacht[overleg.pk])
    for ontvangen in geannuleerd:
        bericht = ontvangen.bericht
        assert bericht["Subject"] == f"[Honingraat] Geannuleerd: schoolbeeldoverleg {overleg.school.naam}"
        tekst = bericht.get_body(preferencelist=("plain",)).get_content()
        assert "gaat niet door" in tekst and "Leraarskamer" in tekst
        inhoudstype, kalender = _ics(bericht)
        assert inhoudstype == "CANCEL"
        assert str(kalender["METHOD"]) == "CANCEL"
        gebeurtenis = _gebeurtenis(kalender)
        assert str(gebeurtenis["UID"]) == UID.format(pk=overleg.pk)
        assert int(gebeurtenis["SEQUENCE"]) == sequence + 1
        assert str(gebeurtenis["STATUS"]) == "CANCELLED"
        assert gebeurtenis.decoded("DTSTART") == gepland
        assert str(gebeurtenis["ORGANIZER"]) == "mailto:anker@lsc.example"
    overleg.refresh_from_db()
    assert overleg.status == Status.VOORBEREIDING and overleg.geannuleerd_op is not None
    detail = unescape(client.get(reverse("overleg_detail", args=[overleg.pk])).content.decode())
    assert "Het overleg is geannuleerd op" in detail

    # Invited again: everyone, with a sequence above the cancellation's, so calendars take it back.
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    opnieuw = _verstuur(postbus)
    assert sorted(a for o in opnieuw for a in o.ontvangers) == sorted(wereld.verwacht[overleg.pk])
    for ontvangen in opnieuw:
        gebeurtenis = _gebeurtenis(_ics(ontvangen.bericht)[1])
        assert int(gebeurtenis["SEQUENCE"]) == sequence + 2


@pytest.mark.django_db(transaction=True)
def test_annuleren_enkel_voor_wie_het_overleg_mag_plannen(client, smtp_instellingen):
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    deelnemer = factories.OndersteunerFactory(lsc=wereld.lsc)
    Deelnemer.objects.create(overleg=overleg, gebruiker=deelnemer.gebruiker, rol=Deelnemer.Rol.ONDERSTEUNER)
    url = reverse("overleg_annuleren", args=[overleg.pk])
    client.force_login(deelnemer.gebruiker)
    assert client.get(reverse("overleg_detail", args=[overleg.pk])).status_code == 200
    assert client.get(url).status_code == 404
    assert client.post(url, {"versie": overleg.versie}).status_code == 404
    anker = overleg.school.ankers.get().ondersteuner.gebruiker
    client.force_login(anker)
    assert client.get(url).status_code == 200
    overleg.refresh_from_db()
    assert client.post(url, {"versie": overleg.versie}).status_code == 302
    overleg.refresh_from_db()
    assert overleg.status == Status.VOORBEREIDING


@pytest.mark.django_db(transaction=True)
def test_uitnodiging_noemt_het_tweede_moment_zonder_0000_als_het_uur_niet_vastligt(smtp_instellingen):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    overleg.tussentijds_op = _schooldag(90)
    overleg.save()
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    (ontvangen, *_rest) = _verstuur(postbus)
    tekst = ontvangen.bericht.get_body(preferencelist=("plain",)).get_content()
    assert "(uur nog te bepalen)" in tekst and "00:00" not in tekst
    beschrijving = str(_gebeurtenis(_ics(ontvangen.bericht)[1])["DESCRIPTION"])
    assert "Tweede moment:" in beschrijving and "(uur nog te bepalen)" in beschrijving
    assert "00:00" not in beschrijving
