"""The invitation and its outbox, against a real SMTP server (aiosmtpd), PostgreSQL, Redis and Celery."""

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import threading
from collections import Counter

import pytest
from aiosmtpd.smtp import SMTP
from django.db import connection
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from honingraat.celery import app
from netwerk.models import Rol
from overleg import outbox, services, tasks
from overleg.models import Deelnemer, Mailstatus, Status, Uitgaandemail
from tests import factories
from tests.support.omgeving import ROOT, url_van_testdatabank, wacht_tot
from tests.support.werelden import uitnodigingswereld
from tests.support.werker import start_celery_worker, stop_celery_worker


def _pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(inhoud)).pages)


def _per_overleg_en_adres(postbus) -> Counter:
    """(consultation, address) of every accepted mail, read from its Message-ID."""
    return Counter(
        (int(o.bericht["Message-ID"].split("-")[1]), adres)
        for o in postbus.ontvangen
        for adres in o.ontvangers
    )


def _bijlagen(bericht) -> dict[str, tuple[str, bytes]]:
    return {
        deel.get_filename(): (deel.get_content_type(), deel.get_payload(decode=True))
        for deel in bericht.iter_attachments()
    }


@pytest.mark.django_db(transaction=True)
def test_uitnodiging_komt_aan_bij_de_juiste_mensen_met_leesbare_pdfs_en_geldige_ics(smtp_instellingen):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    leerling = overleg.school.leerlingen.first()

    batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    assert outbox.verstuur_wachtende(batch_id=batch.pk) == 3

    ontvangers = sorted(adres for o in postbus.ontvangen for adres in o.ontvangers)
    assert ontvangers == sorted(wereld.verwacht[overleg.pk])
    assert "anker@lsc.example" not in ontvangers  # the LSC's own anchor does not invite itself
    for ontvangen in postbus.ontvangen:
        bericht = ontvangen.bericht
        assert bericht["Subject"] == f"[Honingraat] Uitnodiging schoolbeeldoverleg {overleg.school.naam}"
        assert bericht["Reply-To"] == "anker@lsc.example"
        assert bericht["Message-ID"].startswith(f"<overleg-{overleg.pk}-mail-")
        tekst = bericht.get_body(preferencelist=("plain",)).get_content()
        assert overleg.plaats in tekst and f"/overleg/school/{overleg.school_id}/" in tekst
        bijlagen = _bijlagen(bericht)
        assert set(bijlagen) == {
            f"leidraad-{overleg.school.instellingsnummer}-{overleg.schooljaar_tekst}.pdf",
            f"afspraken-{overleg.school.instellingsnummer}-{overleg.schooljaar_tekst}.pdf",
            "uitnodiging.ics",
        }
        pdfs = {naam: inhoud for naam, (soort, inhoud) in bijlagen.items() if soort == "application/pdf"}
        teksten = {naam.split("-")[0]: _pdf_tekst(inhoud) for naam, inhoud in pdfs.items()}
        assert "Leidraad" in teksten["leidraad"] and overleg.school.naam in teksten["leidraad"]
        assert "Samenwerkingsafspraken" in teksten["afspraken"]
        soort, ics = bijlagen["uitnodiging.ics"]
        assert soort == "text/calendar"
        kalender = Calendar.from_ical(ics)
        assert str(kalender["METHOD"]) == "REQUEST"
        assert [str(z["TZID"]) for z in kalender.walk("VTIMEZONE")] == ["Europe/Brussels"]
        (gebeurtenis,) = kalender.walk("VEVENT")
        assert gebeurtenis.decoded("DTSTART") == overleg.datum
        assert gebeurtenis["DTSTART"].params["TZID"] == "Europe/Brussels"
        assert gebeurtenis.decoded("DTEND") == overleg.datum + dt.timedelta(minutes=overleg.duur_minuten)
        assert str(gebeurtenis["LOCATION"]) == overleg.plaats
        assert str(gebeurtenis["UID"]) == f"schoolbeeldoverleg-{overleg.pk}@honingraat"
        assert [str(a) for a in [gebeurtenis["ATTENDEE"]]] == [f"mailto:{ontvangen.ontvangers[0]}"]
        # No pupil data in the mail, its documents or the calendar file.
        alles = bericht.as_string() + "".join(teksten.values()) + ics.decode()
        assert leerling.voornaam not in alles

    overleg.refresh_from_db()
    assert overleg.status == Status.UITGENODIGD
    assert set(overleg.deelnemers.values_list("rol", flat=True)) == {
        Deelnemer.Rol.ZORG,
        Deelnemer.Rol.ANKER,
        Deelnemer.Rol.SPECIFIEK,
        Deelnemer.Rol.CLB,
    }
    assert not Uitgaandemail.objects.exclude(status=Mailstatus.VERSTUURD).exists()


@pytest.mark.django_db(transaction=True)
def test_een_school_zonder_datum_houdt_de_hele_batch_tegen(smtp_instellingen):
    wereld = uitnodigingswereld(2)
    zonder = wereld.overleggen[1]
    zonder.datum = None
    zonder.save()
    with pytest.raises(services.OverlegFout, match="School 001: Er is nog geen datum"):
        services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
    assert not Uitgaandemail.objects.exists()
    wereld.overleggen[0].refresh_from_db()
    assert wereld.overleggen[0].status == Status.VOORBEREIDING


@pytest.mark.django_db(transaction=True)
def test_tijdelijke_fout_wacht_met_backoff_en_definitieve_fout_is_opnieuw_te_versturen(smtp_instellingen):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
    postbus.antwoorden = ["451 4.3.0 Probeer later opnieuw", "550 5.1.1 Onbekende brievenbus"]

    assert outbox.verstuur_wachtende(batch_id=batch.pk) == 3
    mails = list(batch.mails.order_by("id"))
    assert [m.status for m in mails] == [Mailstatus.WACHTEND, Mailstatus.MISLUKT, Mailstatus.VERSTUURD]
    uitgesteld = mails[0]
    assert uitgesteld.pogingen == 1 and "451" in uitgesteld.laatste_fout
    assert uitgesteld.volgende_poging > timezone.now() + dt.timedelta(seconds=20)
    assert "550" in mails[1].laatste_fout
    # Not due yet: a sweep now leaves it alone.
    assert outbox.verstuur_wachtende(batch_id=batch.pk) == 0
    Uitgaandemail.objects.filter(pk=uitgesteld.pk).update(volgende_poging=timezone.now())
    assert outbox.verstuur_wachtende(batch_id=batch.pk) == 1
    assert outbox.voortgang(batch) | {} == {
        "totaal": 3,
        "verstuurd": 2,
        "mislukt": 1,
        "wachtend": 0,
        "klaar": True,
        "procent": 100,
    }
    assert outbox.opnieuw_proberen(batch=batch, door=wereld.coordinator) == 1
    assert outbox.verstuur_wachtende(batch_id=batch.pk) == 1
    assert Counter(a for o in postbus.ontvangen for a in o.ontvangers) == Counter(
        dict.fromkeys(wereld.verwacht[wereld.overleggen[0].pk], 1)
    )


def test_wachttijd_verdubbelt_tot_een_uur():
    assert [outbox.wachttijd(n).total_seconds() for n in range(1, 9)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
    ]


@pytest.mark.django_db(transaction=True)
def test_onbereikbare_mailserver_verliest_niets(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    wereld = uitnodigingswereld(1)
    batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
    assert outbox.verstuur_wachtende(batch_id=batch.pk) == 3
    assert set(batch.mails.values_list("status", "pogingen")) == {(Mailstatus.WACHTEND, 1)}
    fouten = batch.mails.values_list("laatste_fout", flat=True)
    assert all("refused" in f.lower() or "111" in f for f in fouten)


@pytest.mark.django_db(transaction=True)
def test_twee_werkers_tegelijk_versturen_elke_mail_een_keer(smtp_instellingen):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(6, clbs=2)
    batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
    tellingen = []

    def werker():
        try:
            tellingen.append(outbox.verstuur_wachtende(batch_id=batch.pk))
        finally:
            connection.close()

    draden = [threading.Thread(target=werker) for _ in range(3)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)
    assert sum(tellingen) == 18
    verwacht = Counter((pk, adres) for pk, adressen in wereld.verwacht.items() for adres in adressen)
    ontvangen = _per_overleg_en_adres(postbus)
    assert ontvangen == verwacht


@pytest.mark.django_db(transaction=True)
def test_zonder_redis_wachten_de_mails_in_postgresql_tot_de_veegbeurt(smtp_instellingen, tmp_path):
    """A web process whose Redis is down still commits the invitation; the rows wait for the sweep."""
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    script = (
        "from netwerk.models import Gebruiker; from overleg import services; "
        "from overleg.models import Schoolbeeldoverleg as S; "
        f"b = services.uitnodigingen_versturen(door=Gebruiker.objects.get(pk={wereld.coordinator.pk}), "
        f"overleggen=[S.objects.get(pk={wereld.overleggen[0].pk})]); print('batch', b.pk)"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url_van_testdatabank(),
        "REDIS_URL": "redis://127.0.0.1:9/0",
        "DEBUG": "true",
        "HONINGRAAT_VAR": str(tmp_path),
    }
    uit = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uit.returncode == 0, uit.stderr[-2000:]
    assert "batch" in uit.stdout and "wachtrij is niet bereikbaar" in uit.stderr
    assert Uitgaandemail.objects.filter(status=Mailstatus.WACHTEND).count() == 3
    assert not postbus.ontvangen

    assert tasks.verstuur_wachtende.apply().get() == 3  # what the beat runs every minute
    assert len(postbus.ontvangen) == 3


@pytest.mark.django_db(transaction=True)
def test_werker_gedood_midden_in_een_batch_van_150_scholen_verliest_en_verdubbelt_niets(
    postbus, tmp_path, settings
):
    """SIGKILL while the SMTP server holds mail number n (its data sent, no answer yet); a new worker
    picks the batch up by itself. Every recipient of every school gets exactly one invitation."""
    wereld = uitnodigingswereld(150)
    verwacht = Counter((pk, adres) for pk, adressen in wereld.verwacht.items() for adres in adressen)
    halverwege = len(verwacht) // 2
    postbus.pauzeer_bij = halverwege

    eerste = start_celery_worker(tmp_path, EMAIL_URL=postbus.url)
    try:
        batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
        assert postbus.gepauzeerd.wait(timeout=300), (tmp_path / "worker.log").read_text()[-3000:]
        os.kill(eerste.pid, signal.SIGKILL)
        eerste.wait(timeout=10)
    finally:
        if eerste.poll() is None:
            stop_celery_worker(eerste)
    wacht_tot(lambda: postbus.afgebroken == 1, timeout=10)
    verstuurd_bij_dood = batch.mails.filter(status=Mailstatus.VERSTUURD).count()
    assert verstuurd_bij_dood == halverwege - 1
    assert len(postbus.ontvangen) == halverwege - 1

    tweede = start_celery_worker(tmp_path, EMAIL_URL=postbus.url)
    try:
        wacht_tot(lambda: not batch.mails.filter(status=Mailstatus.WACHTEND).exists(), timeout=300)
    finally:
        stop_celery_worker(tweede)

    ontvangen = _per_overleg_en_adres(postbus)
    assert ontvangen == verwacht  # 0 lost, 0 duplicated
    assert batch.mails.filter(status=Mailstatus.VERSTUURD).count() == len(verwacht)


@pytest.mark.django_db(transaction=True)
def test_een_werker_die_start_verstuurt_wat_wacht(postbus, tmp_path):
    """No nudge reached a worker (Redis was down): the next worker to start sweeps the outbox itself."""
    wereld = uitnodigingswereld(1)
    batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)

    app.control.purge()  # the nudge is gone, as if Redis had lost it
    werker = start_celery_worker(tmp_path, EMAIL_URL=postbus.url)
    try:
        wacht_tot(lambda: not batch.mails.filter(status=Mailstatus.WACHTEND).exists(), timeout=60)
    finally:
        stop_celery_worker(werker)
    assert len(postbus.ontvangen) == 3


@pytest.mark.django_db(transaction=True)
def test_opnieuw_uitnodigen_bereikt_enkel_wie_nog_niets_kreeg_tenzij_het_overleg_verplaatst_is(
    smtp_instellingen,
):

    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    overleg = wereld.overleggen[0]
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    outbox.verstuur_wachtende()
    nieuw = factories.GebruikerFactory(email="nieuw@school.example", rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(overleg.school, nieuw)

    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    outbox.verstuur_wachtende()
    assert Counter(a for o in postbus.ontvangen for a in o.ontvangers)["nieuw@school.example"] == 1
    assert len(postbus.ontvangen) == 4  # only the new colleague got it the second time

    overleg.refresh_from_db()
    overleg.plaats = "Refter"
    overleg.save()
    services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=[overleg])
    outbox.verstuur_wachtende()
    assert len(postbus.ontvangen) == 8  # moved: everyone hears of the new place
    assert "Refter" in postbus.ontvangen[-1].bericht.as_string()


@pytest.mark.django_db(transaction=True)
def test_een_uitnodiging_zonder_datum_vertrekt_niet_en_wordt_gemeld(smtp_instellingen):
    postbus = smtp_instellingen
    wereld = uitnodigingswereld(1)
    batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
    wereld.overleggen[0].__class__.objects.filter(pk=wereld.overleggen[0].pk).update(datum=None)
    assert outbox.verstuur_wachtende(batch_id=batch.pk) == 3
    assert not postbus.ontvangen
    assert set(batch.mails.values_list("status", flat=True)) == {Mailstatus.MISLUKT}
    assert "geen datum meer" in batch.mails.first().laatste_fout


@pytest.mark.django_db(transaction=True)
def test_na_een_fout_gaat_de_batch_verder_over_een_verbinding(smtp_instellingen):
    """One 4xx answer closes the connection; the next mail opens one again and the rest shares it."""

    postbus = smtp_instellingen
    verbindingen = []
    oud = SMTP.connection_made

    def geteld(self, transport):
        verbindingen.append(transport)
        return oud(self, transport)

    SMTP.connection_made = geteld
    try:
        wereld = uitnodigingswereld(3, clbs=1)
        batch = services.uitnodigingen_versturen(door=wereld.coordinator, overleggen=wereld.overleggen)
        postbus.antwoorden = ["250 OK", "451 4.3.0 Even niet"]
        assert outbox.verstuur_wachtende(batch_id=batch.pk) == 9
    finally:
        SMTP.connection_made = oud
    assert len(postbus.ontvangen) == 8
    assert len(verbindingen) == 2  # the first, and one after the error: not one per mail
