"""Notifications: made once per key in the change's transaction, reaching each person their own way, read
and marked by their owner only, mailed exactly once (at once or in one daily mail) with links only."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from honingraat.celery import SOORT_VAN_TAAK, app
from netwerk import meldingen, tasks
from netwerk.models import Kanaal, Melding, Meldingsoort, Meldingvoorkeur, Rol
from tests import factories
from tests.support.omgeving import wacht_tot
from tests.support.queries import aantal_queries
from tests.support.werker import start_celery_worker, stop_celery_worker

SOORT = Meldingsoort.EVALUATIE_VERVALT


def _melding(ontvanger, *, titel="Traject 1: de evaluatie is aan de beurt", url="/trajecten/1/", **extra):
    return Melding.objects.create(ontvanger=ontvanger, soort=SOORT, titel=titel, url=url, **extra)


def _kies(gebruiker, kanaal, soort=SOORT):
    Meldingvoorkeur.objects.create(gebruiker=gebruiker, soort=soort, kanaal=kanaal)


def _ondersteuner(**kwargs):
    return factories.OndersteunerFactory(**kwargs).gebruiker


# ------------------------------------------------------------------------------------------- making them


@pytest.mark.django_db
def test_melden_maakt_een_melding_eenmaal_per_sleutel():
    persoon = _ondersteuner()
    for _ in range(3):
        meldingen.melden(
            soort=SOORT, ontvangers=[persoon], titel="Traject 7", url="/t/7/", sleutel="7:2026-12-14"
        )
    meldingen.melden(
        soort=SOORT, ontvangers=[persoon], titel="Traject 7", url="/t/7/", sleutel="7:2027-01-11"
    )
    assert Melding.objects.filter(ontvanger=persoon).count() == 2
    # Without a key each call is a notification of its own (a meeting moved twice).
    meldingen.melden(soort=Meldingsoort.OVERLEG_VERPLAATST, ontvangers=[persoon], titel="x", url="/")
    meldingen.melden(soort=Meldingsoort.OVERLEG_VERPLAATST, ontvangers=[persoon], titel="x", url="/")
    assert Melding.objects.filter(ontvanger=persoon).count() == 4


@pytest.mark.django_db
def test_elke_persoon_krijgt_de_melding_langs_het_kanaal_dat_die_koos():
    app_alleen, dagelijks, meteen, vertrokken = (_ondersteuner() for _ in range(4))
    _kies(dagelijks, Kanaal.DIGEST)
    _kies(meteen, Kanaal.MAIL)
    _kies(app_alleen, Kanaal.MAIL, soort=Meldingsoort.AFSLUITVRAGEN)  # another kind: not this one
    vertrokken.is_active = False
    vertrokken.save()
    meldingen.melden(
        soort=SOORT, ontvangers=[app_alleen, dagelijks, meteen, vertrokken, None], titel="T", url="/"
    )
    assert dict(Melding.objects.values_list("ontvanger_id", "mail")) == {
        app_alleen.pk: Melding.Mail.GEEN,
        dagelijks.pk: Melding.Mail.DIGEST,
        meteen.pk: Melding.Mail.WACHTEND,
    }


@pytest.mark.django_db
def test_een_teruggedraaide_wijziging_laat_geen_melding_na():
    persoon = _ondersteuner()
    with pytest.raises(RuntimeError), transaction.atomic():
        meldingen.melden(soort=SOORT, ontvangers=[persoon], titel="T", url="/")
        raise RuntimeError
    assert not Melding.objects.exists()


# ---------------------------------------------------------------------------------------------- the pages


@pytest.mark.django_db
def test_de_lijst_toont_ongelezen_en_gelezen_en_alleen_de_eigen(client):
    persoon, ander = _ondersteuner(), _ondersteuner()
    _melding(persoon, titel="Traject 11: nieuw")
    _melding(persoon, titel="Traject 12: al gezien", gelezen_op=timezone.now())
    _melding(ander, titel="Traject 13: van een ander")
    client.force_login(persoon)
    antwoord = client.get(reverse("meldingen"))
    inhoud = antwoord.content.decode()
    assert 'class="meldingrij ongelezen"' in inhoud and "Traject 11: nieuw" in inhoud
    assert "Ongelezen:" in inhoud  # said in words for a screen reader, not by style alone
    assert "Traject 12: al gezien" in inhoud and "gelezen</span>" in inhoud.replace(" · ", "")
    assert "Traject 13" not in inhoud
    assert "1 ongelezen melding" in inhoud


@pytest.mark.django_db
def test_zonder_meldingen_een_lege_staat(client):
    client.force_login(_ondersteuner())
    inhoud = client.get(reverse("meldingen")).content.decode()
    assert "Geen meldingen" in inhoud
    assert "Alles als gelezen markeren" not in inhoud


@pytest.mark.django_db
def test_veel_meldingen_staan_op_paginas(client):
    persoon = _ondersteuner()
    nu = timezone.now()
    Melding.objects.bulk_create(
        Melding(
            ontvanger=persoon,
            soort=SOORT,
            titel=f"Traject {i}",
            url="/",
            aangemaakt_op=nu - dt.timedelta(minutes=i),
        )
        for i in range(30)
    )
    client.force_login(persoon)
    eerste = client.get(reverse("meldingen")).content.decode()
    assert "Traject 0<" in eerste and "Traject 24<" in eerste and "Traject 25<" not in eerste
    assert "Pagina 1 van 2" in eerste
    tweede = client.get(reverse("meldingen"), {"pagina": "2"}).content.decode()
    assert "Traject 29<" in tweede and "Traject 0<" not in tweede


@pytest.mark.django_db
def test_openen_markeert_gelezen_en_volgt_de_link(client):
    persoon = _ondersteuner()
    melding = _melding(persoon, url="/trajecten/4401/")
    client.force_login(persoon)
    antwoord = client.get(reverse("melding_openen", args=[melding.pk]))
    assert antwoord.status_code == 302 and antwoord["Location"] == "/trajecten/4401/"
    melding.refresh_from_db()
    assert melding.gelezen_op is not None


@pytest.mark.django_db
def test_de_melding_van_een_ander_bestaat_niet(client):
    persoon, ander = _ondersteuner(), _ondersteuner()
    van_ander = _melding(ander)
    client.force_login(persoon)
    assert client.get(reverse("melding_openen", args=[van_ander.pk])).status_code == 404
    van_ander.refresh_from_db()
    assert van_ander.gelezen_op is None


@pytest.mark.django_db
def test_een_link_naar_een_andere_site_wordt_niet_gevolgd(client):
    persoon = _ondersteuner()
    melding = _melding(persoon, url="https://elders.example/")
    client.force_login(persoon)
    assert client.get(reverse("melding_openen", args=[melding.pk]))["Location"] == reverse("meldingen")


@pytest.mark.django_db
def test_alles_gelezen_raakt_alleen_de_eigen_meldingen(client):
    persoon, ander = _ondersteuner(), _ondersteuner()
    for _ in range(3):
        _melding(persoon)
    van_ander = _melding(ander)
    client.force_login(persoon)
    assert client.get(reverse("meldingen_gelezen")).status_code == 405
    antwoord = client.post(reverse("meldingen_gelezen"), follow=True)
    assert "Alle meldingen zijn gelezen." in antwoord.content.decode()
    assert not Melding.objects.filter(ontvanger=persoon, gelezen_op__isnull=True).exists()
    van_ander.refresh_from_db()
    assert van_ander.gelezen_op is None


# ----------------------------------------------------------------------------------------- preferences


@pytest.mark.django_db
def test_voorkeuren_tonen_alleen_de_soorten_van_de_rol(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    inhoud = client.get(reverse("meldingvoorkeuren")).content.decode()
    for soort in meldingen.SOORTEN_PER_ROL[Rol.ONDERSTEUNER]:
        assert str(soort.label) in inhoud
    assert str(Meldingsoort.WISVERZOEK.label) not in inhoud
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    inhoud = client.get(reverse("meldingvoorkeuren")).content.decode()
    assert str(Meldingsoort.WISVERZOEK.label) in inhoud
    assert str(Meldingsoort.FOCUS_INGEROEPEN.label) not in inhoud
    client.force_login(wereld.gebruikers[Rol.CLB])
    inhoud = client.get(reverse("meldingvoorkeuren")).content.decode()
    assert "Voor jouw rol zijn er geen meldingen om in te stellen." in inhoud


@pytest.mark.django_db
def test_voorkeuren_bewaren(client, wereld):
    persoon = wereld.gebruikers[Rol.DIRECTEUR]
    client.force_login(persoon)
    antwoord = client.post(
        reverse("meldingvoorkeuren"),
        {Meldingsoort.WISVERZOEK: Kanaal.MAIL, Meldingsoort.AFSPRAAK_VERVALT: Kanaal.DIGEST},
        follow=True,
    )
    assert "Je keuzes zijn bewaard." in antwoord.content.decode()
    assert meldingen.voorkeuren(persoon) == {"wisverzoek": "mail", "afspraak_vervalt": "digest"}
    # And the page shows the choice made.
    inhoud = client.get(reverse("meldingvoorkeuren")).content.decode()
    gekozen = re.findall(r'<input type="radio" name="(\w+)" value="(\w+)"[^>]*checked', inhoud)
    assert sorted(gekozen) == [("afspraak_vervalt", "digest"), ("wisverzoek", "mail")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "gegevens",
    [
        {"wisverzoek": "mail", "afspraak_vervalt": "fax"},  # an unknown channel
        {"wisverzoek": "mail"},  # a kind left without a choice
        {"wisverzoek": "mail\x00", "afspraak_vervalt": "app"},
    ],
)
def test_voorkeuren_met_foute_invoer_bewaren_niets(client, wereld, gegevens):
    persoon = wereld.gebruikers[Rol.DIRECTEUR]
    client.force_login(persoon)
    antwoord = client.post(reverse("meldingvoorkeuren"), gegevens)
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Er is niets bewaard: kijk de keuzes hieronder na." in inhoud
    assert "Kies hoe deze melding je bereikt" in inhoud
    assert not Meldingvoorkeur.objects.filter(gebruiker=persoon).exists()


@pytest.mark.django_db
def test_een_soort_buiten_de_rol_wordt_niet_bewaard(client, wereld):
    persoon = wereld.gebruikers[Rol.ZORG]
    client.force_login(persoon)
    # Care staff also hear of their afstemmingsgesprek and of a concern handled (issue 19).
    eigen = {"afspraak_vervalt": "digest", "afstemming_bijgewerkt": "app", "bezorgdheid_afgehandeld": "mail"}
    client.post(reverse("meldingvoorkeuren"), {**eigen, "wisverzoek": "mail"})
    assert dict(Meldingvoorkeur.objects.filter(gebruiker=persoon).values_list("soort", "kanaal")) == eigen
    with pytest.raises(ValueError):
        meldingen.voorkeuren_bewaren(gebruiker=persoon, keuzes={"wisverzoek": "mail"})


# ------------------------------------------------------------------------------------------------ the bell


@pytest.mark.django_db
def test_de_bel_zegt_hoeveel_ongelezen_zonder_eigen_query(client, wereld):
    persoon = wereld.gebruikers[Rol.ONDERSTEUNER]
    client.force_login(persoon)
    zonder = aantal_queries(client, reverse("home"))
    assert 'aria-label="Meldingen, geen ongelezen"' in client.get(reverse("home")).content.decode()
    for _ in range(3):
        _melding(persoon)
    _melding(persoon, gelezen_op=timezone.now())
    _melding(wereld.gebruikers[Rol.COORDINATOR])
    assert aantal_queries(client, reverse("home")) == zonder
    inhoud = client.get(reverse("home")).content.decode()
    assert 'aria-label="Meldingen, 3 ongelezen"' in inhoud
    assert '<span class="teller" aria-hidden="true">3</span>' in inhoud


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_elke_rol_heeft_de_bel(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    assert 'aria-label="Meldingen, geen ongelezen"' in client.get(reverse("meldingen")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 3])
def test_de_lijst_kost_vier_queries_hoeveel_meldingen_ook(client, aantal):
    """Session, user (with the bell's count), the page's rows, the paginator's count."""
    persoon = _ondersteuner()
    for _ in range(aantal):
        _melding(persoon)
    client.force_login(persoon)
    assert aantal_queries(client, reverse("meldingen")) == 4


# ------------------------------------------------------------------------------------------- the mailing


@pytest.mark.django_db(transaction=True)
def test_meteen_gemaild_eenmaal_met_enkel_een_link(smtp_instellingen):
    postbus = smtp_instellingen
    persoon = _ondersteuner(gebruiker__email="meteen@lsc.example")
    _kies(persoon, Kanaal.MAIL)
    meldingen.melden(
        soort=SOORT, ontvangers=[persoon], titel="Traject 4401: evaluatie", url="/trajecten/4401/"
    )
    assert meldingen.mailen() == 1
    assert meldingen.mailen() == 0
    assert [o.ontvangers for o in postbus.ontvangen] == [["meteen@lsc.example"]]
    bericht = postbus.ontvangen[0].bericht
    assert bericht["Subject"] == "[Honingraat] Traject 4401: evaluatie"
    # The link is the notification's own: opening it marks it read and leads on to /trajecten/4401/.
    assert f"/meldingen/{Melding.objects.get().pk}/" in bericht.get_content()
    assert Melding.objects.get().mail == Melding.Mail.VERSTUURD


@pytest.mark.django_db(transaction=True)
def test_een_geweigerde_mail_wacht_en_komt_later_eenmaal(smtp_instellingen):
    postbus = smtp_instellingen
    postbus.antwoorden = ["451 4.3.0 Probeer later opnieuw"]
    persoon = _ondersteuner()
    _kies(persoon, Kanaal.MAIL)
    meldingen.melden(soort=SOORT, ontvangers=[persoon], titel="T", url="/")
    assert meldingen.mail_een() is False
    melding = Melding.objects.get()
    assert melding.mail == Melding.Mail.WACHTEND and melding.mail_pogingen == 1
    assert melding.mail_volgende_poging > timezone.now()
    assert meldingen.mailen() == 0  # not due yet
    Melding.objects.update(mail_volgende_poging=timezone.now())
    assert meldingen.mailen() == 1
    assert len(postbus.ontvangen) == 1


@pytest.mark.django_db(transaction=True)
def test_de_dagelijkse_mail_bundelt_per_persoon_en_vertrekt_eenmaal(smtp_instellingen):
    postbus = smtp_instellingen
    eerste = _ondersteuner(gebruiker__email="eerste@lsc.example")
    tweede = _ondersteuner(gebruiker__email="tweede@lsc.example")
    alleen_app = _ondersteuner(gebruiker__email="app@lsc.example")
    for persoon in (eerste, tweede):
        _kies(persoon, Kanaal.DIGEST)
    for nummer in (4401, 4402, 4403):
        meldingen.melden(
            soort=SOORT,
            ontvangers=[eerste, alleen_app],
            titel=f"Traject {nummer}: evaluatie",
            url=f"/trajecten/{nummer}/",
        )
    meldingen.melden(
        soort=SOORT, ontvangers=[tweede], titel="Traject 5501: evaluatie", url="/trajecten/5501/"
    )
    assert meldingen.mailen() == 0  # the daily ones do not leave at once

    assert meldingen.digest_versturen() == 2
    assert meldingen.digest_versturen() == 0
    assert sorted(a for o in postbus.ontvangen for a in o.ontvangers) == [
        "eerste@lsc.example",
        "tweede@lsc.example",
    ]
    tekst = postbus.aan("eerste@lsc.example")[0].get_content()
    eigen = Melding.objects.filter(ontvanger=eerste)
    assert eigen.count() == 3 and all(f"/meldingen/{m.pk}/" in tekst for m in eigen)
    assert "Er zijn 3 nieuwe meldingen" in tekst
    assert not Melding.objects.filter(mail=Melding.Mail.DIGEST).exists()


@pytest.mark.django_db(transaction=True)
def test_een_geweigerde_dagelijkse_mail_komt_met_de_veegbeurt(smtp_instellingen):
    postbus = smtp_instellingen
    postbus.antwoorden = ["451 4.3.0 Probeer later opnieuw"]
    persoon = _ondersteuner()
    _kies(persoon, Kanaal.DIGEST)
    meldingen.melden(soort=SOORT, ontvangers=[persoon], titel="T1", url="/1/")
    meldingen.melden(soort=SOORT, ontvangers=[persoon], titel="T2", url="/2/")
    assert meldingen.digest_versturen() == 0
    assert set(Melding.objects.values_list("mail", "mail_pogingen")) == {(Melding.Mail.DIGEST, 1)}
    assert tasks.meldingen_mailen.apply().get() == 0  # the minute sweep: the retry is not due yet
    Melding.objects.update(mail_volgende_poging=timezone.now())
    assert tasks.meldingen_mailen.apply().get() == 1
    tekst = postbus.ontvangen[0].bericht.get_content() if len(postbus.ontvangen) == 1 else ""
    assert all(f"/meldingen/{m.pk}/" in tekst for m in Melding.objects.all())


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_met_een_echte_werker_meteen_eenmaal_en_dagelijks_in_een_mail(postbus, tmp_path):
    """A real worker and SMTP server: the nudge after commit mails at once (once); the daily task sends one
    mail with every link. No mail carries a pupil's name."""
    wereld_lsc = factories.LscFactory()
    meteen = _ondersteuner(lsc=wereld_lsc, gebruiker__email="meteen@lsc.example")
    dagelijks = _ondersteuner(lsc=wereld_lsc, gebruiker__email="dagelijks@lsc.example")
    _kies(meteen, Kanaal.MAIL)
    _kies(dagelijks, Kanaal.DIGEST)
    leerling = factories.LeerlingFactory(voornaam="Zoë")
    trajecten = [
        factories.TrajectFactory(lsc=wereld_lsc, leerling=leerling, school=leerling.school) for _ in range(2)
    ]

    werker = start_celery_worker(tmp_path, EMAIL_URL=postbus.url)
    try:
        with transaction.atomic():
            for traject in trajecten:
                meldingen.melden(
                    soort=SOORT,
                    ontvangers=[meteen, dagelijks],
                    titel=f"Traject {traject.pk}: de evaluatie is aan de beurt",
                    url=reverse("traject_detail", args=[traject.pk]),
                )
        wacht_tot(lambda: len(postbus.aan("meteen@lsc.example")) == 2, timeout=60)
        tasks.meldingen_digest.delay()
        wacht_tot(lambda: postbus.aan("dagelijks@lsc.example"), timeout=60)
        tasks.meldingen_mailen.delay()  # another sweep and another daily run: nothing is sent twice
        tasks.meldingen_digest.delay()
        # One worker takes its tasks in order: once this last one arrives, the runs before it are done.
        meldingen.melden(soort=SOORT, ontvangers=[meteen], titel="Traject 1: laatste", url="/trajecten/1/")
        wacht_tot(lambda: len(postbus.aan("meteen@lsc.example")) == 3, timeout=60)
    finally:
        stop_celery_worker(werker)

    assert len(postbus.aan("meteen@lsc.example")) == 3
    [digest] = postbus.aan("dagelijks@lsc.example")
    tekst = digest.get_content()
    for traject in trajecten:
        [melding] = Melding.objects.filter(
            ontvanger__email="dagelijks@lsc.example", url=reverse("traject_detail", args=[traject.pk])
        )
        assert reverse("melding_openen", args=[melding.pk]) in tekst
    for ontvangen in postbus.ontvangen:
        assert "Zoë" not in ontvangen.bericht.as_string() and "Zo=C3=AB" not in ontvangen.bericht.as_string()
        assert "Zoë" not in ontvangen.bericht.get_content()
    assert len(postbus.ontvangen) == 4
    assert not Melding.objects.filter(mail__in=["wachtend", "digest"]).exists()


def test_de_beat_mailt_elke_minuut_en_elke_ochtend_om_zeven_na_de_zoektochten():
    """The sweep every minute; agreements and evaluations found before the 07:00 digest lists them; all
    of it on the mail queue."""
    schema = settings.CELERY_BEAT_SCHEDULE
    assert schema["meldingen"] == {"task": "netwerk.tasks.meldingen_mailen", "schedule": 60.0}
    digest = schema["meldingen_digest"]["schedule"]
    assert digest.hour == {7} and digest.minute == {0} and settings.CELERY_TIMEZONE == "Europe/Brussels"
    for naam in ("afspraken_melden", "evaluaties_melden"):
        zoektocht = schema[naam]["schedule"]
        assert (min(zoektocht.hour), min(zoektocht.minute)) < (7, 0), naam
    for taak in ("netwerk.tasks.meldingen_mailen", "netwerk.tasks.meldingen_digest"):
        assert SOORT_VAN_TAAK[taak] == "mail"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_een_werker_die_start_mailt_wat_zonder_duwtje_wachtte(postbus, tmp_path):
    """The nudge was lost (Redis down when the change committed): the next worker to start sweeps."""
    persoon = _ondersteuner(gebruiker__email="wacht@lsc.example")
    vertrokken = _ondersteuner(gebruiker__email="weg@lsc.example")
    for gebruiker in (persoon, vertrokken):
        _melding(gebruiker, mail=Melding.Mail.WACHTEND)
    vertrokken.is_active = False
    vertrokken.save()
    app.control.purge()  # no nudge of an earlier test waits in the queue: only the start's own sweep
    werker = start_celery_worker(tmp_path, EMAIL_URL=postbus.url)
    try:
        wacht_tot(lambda: not Melding.objects.filter(mail=Melding.Mail.WACHTEND).exists(), timeout=60)
    finally:
        stop_celery_worker(werker)
    assert [o.ontvangers for o in postbus.ontvangen] == [["wacht@lsc.example"]]
    assert Melding.objects.get(ontvanger=vertrokken).mail == Melding.Mail.GEEN
