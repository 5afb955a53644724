"""No pupil data in logs, mails, URLs or calendar files.

A pupil with a marker first name, and the marker in every free text, goes through the main flows on the
screens (request, answer, start, evaluation, logbook, network, search, exports, closure with the school's
link, the daily reminder, the pupil's file, erasure) and the retention job runs on a second one, while every
log record at DEBUG of every logger, every mail (body, headers, attachments: calendar files and PDF text),
every URL asked for or offered (links, form actions, HTMX attributes, redirects, links in mails) and every
calendar file (the week plan feed, the consultation invitation) is kept. The marker must be in none of them.
A second test does the same through a real Celery worker logging at DEBUG.
"""

import datetime as dt
import io
import logging
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capaciteit.models import Planregel, Weekplan
from capaciteit.services import weekplan as weekplannen
from honingraat.celery import app
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import outbox
from overleg import services as overleg_services
from tests import factories
from tests.support.omgeving import wacht_tot
from tests.support.werelden import overleg_klaar
from tests.support.werker import start_celery_worker, stop_celery_worker
from trajecten import services, tasks
from trajecten.models import Leerling, Status, Traject, Wisverzoek
from trajecten.services import LeerlingGegevens

MERK = "Zwaluwstaart"
URL_ATTRIBUTEN = re.compile(r'(?:href|src|action|hx-get|hx-post|hx-put|hx-delete|hx-push-url)="([^"]*)"')
KOPPEN = ("Location", "HX-Redirect", "HX-Location", "HX-Push-Url", "Content-Disposition")


def _bevat_merk(tekst: str) -> bool:
    return MERK.lower() in unquote(tekst).lower()


class Spoor:
    """Everything that left the application outside the page bodies: URLs, headers, calendar files."""

    def __init__(self, client, na_commit):
        self.client, self.na_commit = client, na_commit
        self.urls: list[str] = []
        self.koppen: list[str] = []
        self.agenda: list[str] = []
        self.paginas: list[str] = []

    def vraag(self, methode: str, url: str, data=None, *, verwacht=(200, 302), **extra):
        self.urls.append(url)
        with self.na_commit(execute=True):
            antwoord = getattr(self.client, methode)(url, data or {}, **extra)
        assert antwoord.status_code in verwacht, (methode, url, antwoord.status_code)
        self.koppen += [f"{kop}: {antwoord[kop]}" for kop in KOPPEN if antwoord.has_header(kop)]
        self.urls += [antwoord[kop] for kop in KOPPEN[:4] if antwoord.has_header(kop)]
        soort = antwoord.get("Content-Type", "")
        if soort.startswith("text/html"):
            html = antwoord.content.decode()
            self.paginas.append(html)
            self.urls += URL_ATTRIBUTEN.findall(html)
        if soort.startswith("text/calendar"):
            self.agenda.append(antwoord.content.decode())
        return antwoord


def _mailtekst(bericht, agenda: list[str]) -> str:
    """Subject, headers, body, alternatives and attachments of a sent mail, PDFs as their text."""
    delen = [bericht.subject, bericht.body, " ".join(bericht.to), str(dict(bericht.extra_headers))]
    delen += [inhoud for inhoud, _soort in getattr(bericht, "alternatives", [])]
    for bijlage in bericht.attachments:
        naam, inhoud, soort = (
            bijlage if isinstance(bijlage, tuple) else (bijlage.get_filename(), bijlage.get_payload(), "")
        )
        if isinstance(inhoud, bytes) and inhoud.startswith(b"%PDF"):
            inhoud = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
        elif isinstance(inhoud, bytes):
            inhoud = inhoud.decode()
        if (naam and naam.endswith(".ics")) or "calendar" in (soort or ""):
            agenda.append(inhoud)
        delen += [naam or "", inhoud]
    return "\n".join(map(str, delen))


@pytest.fixture
def alle_logs_op_debug(caplog, settings):
    """The root and every logger at DEBUG, as with LOG_LEVEL=DEBUG, into caplog (put back after the test).

    Only the loggers that the settings deliberately hold at a higher level keep it: that is the protection
    under test. factory_boy's own DEBUG lines are the test's tooling, not the application: left out."""
    caplog.set_level(logging.DEBUG)
    for naam in list(logging.root.manager.loggerDict):
        if naam not in settings.LOGGING["loggers"] and not naam.startswith("factory"):
            caplog.set_level(logging.DEBUG, logger=naam)
    return caplog


@pytest.fixture
def celery_ter_plaatse():
    """The mail tasks run in the test's process, so their mails land in mail.outbox."""

    vorige = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = vorige


def _weekplan_en_overleg(wereld):
    """A published week with the anchor's visit to the pupil's school, and that school's consultation."""

    plan = Weekplan.objects.create(
        lsc=wereld.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.VOORSTEL,
        instellingen=weekplannen.STANDAARD,
    )
    Planregel.objects.create(
        weekplan=plan, ondersteuner=wereld.anker, school=wereld.eigen_school, dag=1, blokken=4
    )
    weekplannen.weekplan_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], weekplan=plan)
    overleg = overleg_klaar(lsc=wereld.lsc, school=wereld.eigen_school)
    batch = overleg_services.uitnodigingen_versturen(
        door=wereld.gebruikers[Rol.COORDINATOR], overleggen=[overleg]
    )
    assert outbox.verstuur_wachtende(batch_id=batch.pk) >= 1


def _lang_afgesloten(wereld) -> Traject:
    """A second pupil with the marker name, closed long ago: the retention job's next one."""
    return factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        leerling__voornaam=MERK,
        status=Status.AFGEROND,
        afgesloten_op=dt.date(2020, 3, 1),
    )


@pytest.mark.django_db
def test_de_naam_van_een_leerling_staat_in_geen_log_mail_url_of_agenda(
    client, wereld, alle_logs_op_debug, celery_ter_plaatse, django_capture_on_commit_callbacks
):
    vandaag = timezone.localdate()
    spoor = Spoor(client, django_capture_on_commit_callbacks)
    coordinator, anker = wereld.gebruikers[Rol.COORDINATOR], wereld.anker.gebruiker

    # The coordination registers the request (the anchor gets a mail) and assigns the anchor.
    client.force_login(coordinator)
    spoor.vraag("get", reverse("traject_nieuw"))
    spoor.vraag(
        "post",
        reverse("traject_nieuw"),
        {
            "school": wereld.eigen_school.pk,
            "gebondenheid": "leerling",
            "voornaam": MERK,
            "initiaal": "Q",
            "geboortejaar": 2016,
            "klas": "2B",
            "verslag": "gc",
            "type": "9",
            "fase": 2,
            "vraag_leerkracht": f"Hoe helpen we {MERK} bij overgangen?",
            "vraag_leerling_ouders": f"{MERK} wil rust.",
        },
    )
    traject = Traject.objects.get(leerling__voornaam=MERK)
    detail = reverse("traject_detail", args=[traject.pk])
    spoor.vraag("get", detail)
    spoor.vraag(
        "post",
        reverse("traject_toewijzen", args=[traject.pk]),
        {"ondersteuner": wereld.anker.pk, "rol": "anker"},
    )

    # The anchor answers, starts with goals, evaluates, logs time, maps the network.
    client.force_login(anker)
    spoor.vraag("get", reverse("mijn_trajecten"))
    spoor.vraag(
        "post", reverse("traject_antwoord", args=[traject.pk]), {"antwoord": f"We observeren {MERK}."}
    )
    spoor.vraag(
        "post",
        reverse("traject_starten", args=[traject.pk]),
        {"start": vandaag.isoformat(), "doel_1": f"{MERK} vraagt een pauze", "intensiteit_minuten": "1u"},
    )
    doel = traject.doelen.get()
    spoor.vraag(
        "post",
        reverse("traject_evaluatie", args=[traject.pk]),
        {
            "versie": Traject.objects.get(pk=traject.pk).versie,
            "datum": vandaag.isoformat(),
            "beslissing": "verderzetten",
            "samenvatting": f"{MERK} gaat vooruit.",
            "volgende_evaluatie": (vandaag + dt.timedelta(days=3)).isoformat(),
            f"doel_{doel.pk}_status": "bezig",
            f"doel_{doel.pk}_vooruitgang": f"{MERK} vraagt het soms",
        },
    )
    htmx = {"headers": {"HX-Request": "true"}}
    spoor.vraag(
        "post",
        reverse("traject_tijd", args=[traject.pk]),
        {"datum": vandaag.isoformat(), "snel": 60, "activiteit": "leerling", "notitie": f"met {MERK}"},
        **htmx,
    )
    spoor.vraag(
        "post",
        reverse("traject_betrokkene", args=[traject.pk]),
        {"rol": "ouders", "naam": f"Mama van {MERK}", "organisatie": ""},
    )
    spoor.vraag("get", detail)
    spoor.vraag("get", reverse("traject_pdf", args=[traject.pk]))
    # The daily reminder (an evaluation is due in three days).
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.herinneringen_versturen.apply().get() == 1

    # Searching by first name goes in the body of a POST, never in the URL.
    client.force_login(coordinator)
    spoor.vraag("post", reverse("traject_lijst"), {"q": MERK})
    spoor.vraag("post", reverse("traject_lijst"), {"q": MERK}, **htmx)
    spoor.vraag("get", reverse("traject_lijst"), {"status": "alle"})
    for formaat in ("csv", "xlsx"):
        export = spoor.vraag("get", reverse("traject_export", args=[formaat]))
        assert MERK.encode() not in export.content

    # Closure: the school answers through the link in its mail, without logging in.
    client.force_login(anker)
    spoor.vraag("post", reverse("traject_afronden", args=[traject.pk]))
    [afsluitmail] = [m for m in mail.outbox if "Twee vragen bij de afronding" in m.subject]
    link = re.search(r"https?://\S+", afsluitmail.body)[0]
    client.logout()
    spoor.vraag("get", link)
    spoor.vraag("post", link, {"wat_neem_je_mee": f"Rust voor {MERK}", "waar_liggen_kansen": "Meer pauzes"})

    # Calendar files: the anchor's week feed and the consultation's invitation, for the pupil's school.
    _weekplan_en_overleg(wereld)
    client.force_login(anker)
    spoor.vraag("post", reverse("mijn_week_nieuwe_link"))
    week = spoor.vraag("get", reverse("mijn_week")).content.decode()  # the link, shown this once
    spoor.vraag("get", re.search(r"/weekplan/agenda/[^\"\s<]+\.ics", week)[0])

    # The pupil's file, then its erasure after approval.
    client.force_login(coordinator)
    leerling = traject.leerling_id
    spoor.vraag("get", reverse("leerling_dossier", args=[leerling]))
    spoor.vraag("get", reverse("leerling_dossier_afdruk", args=[leerling]))
    client.force_login(anker)
    spoor.vraag("get", reverse("leerling_wissen", args=[leerling]))
    spoor.vraag(
        "post", reverse("leerling_wissen", args=[leerling]), {"reden": f"De ouders van {MERK} vragen het."}
    )
    client.force_login(coordinator)
    verzoek = Wisverzoek.objects.get()
    spoor.vraag("get", reverse("wisverzoek_lijst"))
    spoor.vraag("get", reverse("wisverzoek_beslissen", args=[verzoek.pk]))
    spoor.vraag("post", reverse("wisverzoek_beslissen", args=[verzoek.pk]), {"beslissing": "goedkeuren"})
    assert Leerling.objects.get(pk=leerling).voornaam == "Leerling"

    # Retention on a second pupil with the same name, through the nightly task.
    oud = _lang_afgesloten(wereld)
    assert tasks.bewaartermijn_toepassen.apply().get() == 1
    assert Leerling.objects.get(pk=oud.leerling_id).voornaam == "Leerling"

    # The flows really carried the marker: the pages showed it to those who may see it.
    assert any(MERK in html for html in spoor.paginas)
    # Every kind of mail was sent, and none carries the name.
    onderwerpen = " | ".join(m.subject for m in mail.outbox)
    for soort in ("Nieuwe aanmelding", "Antwoord op een aanmelding", "Je trajecten vandaag", "Twee vragen"):
        assert soort in onderwerpen, onderwerpen
    assert "Uitnodiging schoolbeeldoverleg" in onderwerpen
    mails = [_mailtekst(bericht, spoor.agenda) for bericht in mail.outbox]
    assert [m[:80] for m in mails if _bevat_merk(m)] == []
    spoor.urls += [url for m in mails for url in re.findall(r"https?://\S+", m)]
    # Calendar files: the feed and the invitation, both about the pupil's school, neither with the name.
    assert len(spoor.agenda) >= 2
    assert all(wereld.eigen_school.naam in ics for ics in spoor.agenda)
    assert [ics[:80] for ics in spoor.agenda if _bevat_merk(ics)] == []
    assert [url for url in spoor.urls if _bevat_merk(url)] == []
    assert [kop for kop in spoor.koppen if _bevat_merk(kop)] == []
    # And no log line at any level, with its arguments and any traceback.
    assert len(alle_logs_op_debug.records) > 0
    opmaak = logging.Formatter("%(name)s %(levelname)s %(message)s")
    logregels = [opmaak.format(r) for r in alle_logs_op_debug.records if not r.name.startswith("factory")]
    assert [regel[:200] for regel in logregels if _bevat_merk(regel)] == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_ook_een_echte_worker_logt_en_mailt_geen_namen(wereld, tmp_path, monkeypatch):
    """The trajectory's mails and the retention job through a real worker on Redis, logging at DEBUG."""
    monkeypatch.setenv("HONINGRAAT_WORKER_LOG", "DEBUG")
    worker = start_celery_worker(tmp_path, LOG_LEVEL="DEBUG")
    maildir = tmp_path / "mail"
    try:
        coordinator, anker = wereld.gebruikers[Rol.COORDINATOR], wereld.anker.gebruiker
        traject = services.traject_aanmelden(
            door=coordinator,
            lsc=wereld.lsc,
            school=wereld.eigen_school,
            gebondenheid="leerling",
            leerling=LeerlingGegevens(
                voornaam=MERK, initiaal="Q", geboortejaar=2016, klas="2B", verslag="gc"
            ),
            type="9",
            fase=2,
            vraag_leerkracht=f"Hoe helpen we {MERK}?",
            anker=wereld.anker,
        )
        services.antwoord_geven(door=anker, traject=traject, antwoord=f"We observeren {MERK}.")
        services.traject_starten(
            door=anker,
            traject=traject,
            start=timezone.localdate(),
            geplande_einde=None,
            doelen=[f"{MERK} rust"],
        )
        services.traject_afronden(door=anker, traject=traject)
        oud = _lang_afgesloten(wereld)
        tasks.bewaartermijn_toepassen.delay()
        # The request's mail to the anchor, the answer's and the closing questions to the school.
        wacht_tot(lambda: len(list(maildir.glob("*.eml"))) >= 3, timeout=60)
        wacht_tot(lambda: Leerling.objects.get(pk=oud.leerling_id).geanonimiseerd_op is not None, timeout=60)
    finally:
        stop_celery_worker(worker)
    log = (tmp_path / "worker.log").read_text()
    assert "trajecten.tasks.stuur_afsluitvraag" in log and "trajecten.tasks.bewaartermijn_toepassen" in log
    assert "DEBUG" in log
    assert not _bevat_merk(log), [regel for regel in log.splitlines() if _bevat_merk(regel)][:5]
    for eml in maildir.glob("*.eml"):
        assert not _bevat_merk(Path(eml).read_text(errors="replace")), eml.name
