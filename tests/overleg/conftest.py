"""A real SMTP server (aiosmtpd on localhost) that keeps what it accepted; consultations ready to invite."""

import asyncio
import datetime as dt
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from netwerk.models import Leersteuncentrum, Rol
from overleg.models import Schoolbeeldoverleg
from tests import factories


@dataclass
class Ontvangen:
    afzender: str
    ontvangers: list[str]
    bericht: email.message.EmailMessage


@dataclass
class Postbus:
    """The aiosmtpd handler. A mail counts as delivered once the server answered 250 to it.

    `antwoorden` lets a test script the server's answers ("451 …", "550 …") for the next mails; with
    `pauzeer_bij` = n the server holds the n-th mail after its data arrived and before it answers, until
    `doorgaan` is set: a test can kill the client in exactly that moment.
    """

    ontvangen: list[Ontvangen] = field(default_factory=list)
    antwoorden: list[str] = field(default_factory=list)
    pauzeer_bij: int | None = None
    gepauzeerd: threading.Event = field(default_factory=threading.Event)
    doorgaan: threading.Event = field(default_factory=threading.Event)
    afgebroken: int = 0
    _slot: threading.Lock = field(default_factory=threading.Lock)
    _gezien: int = 0

    async def handle_DATA(self, server, session, envelope):
        with self._slot:
            self._gezien += 1
            volgnummer = self._gezien
            antwoord = self.antwoorden.pop(0) if self.antwoorden else "250 OK"
        if self.pauzeer_bij == volgnummer:
            self.gepauzeerd.set()
            try:
                while not self.doorgaan.is_set():
                    await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                # aiosmtpd cancels the handler when the client's connection is gone: never acknowledged.
                self.afgebroken += 1
                raise
        if antwoord.startswith("250"):
            bericht = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            with self._slot:
                self.ontvangen.append(Ontvangen(envelope.mail_from, list(envelope.rcpt_tos), bericht))
        return antwoord

    def aan(self, adres: str) -> list[email.message.EmailMessage]:
        return [o.bericht for o in self.ontvangen if adres in o.ontvangers]


@pytest.fixture
def postbus():
    """A real SMTP server on a free localhost port; `postbus.url` goes into EMAIL_URL."""
    handler = Postbus()
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=poort, data_size_limit=50_000_000)
    controller.start()
    handler.host, handler.port = "127.0.0.1", poort
    handler.url = f"smtp://{handler.host}:{handler.port}"
    try:
        yield handler
    finally:
        handler.doorgaan.set()
        controller.stop()


@pytest.fixture
def smtp_instellingen(settings, postbus):
    """This process sends to the test SMTP server too."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = postbus.host
    settings.EMAIL_PORT = postbus.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    return postbus


def overleg_klaar(*, lsc, school, datum=None, plaats: str = "Leraarskamer") -> Schoolbeeldoverleg:
    return Schoolbeeldoverleg.objects.create(
        lsc=lsc,
        school=school,
        schooljaar=_jaar(),
        datum=datum or (timezone.now() + dt.timedelta(days=14)).replace(second=0, microsecond=0),
        plaats=plaats,
    )


def _jaar() -> int:
    from netwerk.schooljaar import huidig_schooljaar

    return huidig_schooljaar()


@dataclass
class Uitnodigingswereld:
    lsc: object
    coordinator: object
    overleggen: list
    verwacht: dict  # overleg pk -> set of addresses that must get the invitation


def uitnodigingswereld(aantal_scholen: int, *, clbs: int = 3) -> Uitnodigingswereld:
    """`aantal_scholen` schools of one LSC, each with a care coordinator, an anchor, a supporter of a
    specific LSC at work there, and one of `clbs` CLBs with one staff member; each consultation ready."""
    from scholen.models import Ankertoewijzing
    from trajecten.models import Status, Toewijzing

    lsc = factories.LscFactory(naam="LSC Proef")
    specifiek = factories.LscFactory(naam="SLSC Proef", soort=Leersteuncentrum.Soort.SPECIFIEK)
    coordinator = factories.GebruikerFactory(email="coord@lsc.example", rol=Rol.COORDINATOR, lsc=lsc)
    anker = factories.OndersteunerFactory(lsc=lsc, gebruiker__email="anker@lsc.example")
    slsc = factories.OndersteunerFactory(lsc=specifiek, gebruiker__email="slsc@slsc.example")
    clb_lijst, clb_accounts = [], []
    for i in range(clbs):
        clb = factories.ClbFactory(naam=f"CLB {i}")
        clb_accounts.append(
            factories.GebruikerFactory(email=f"clb{i}@clb.example", rol=Rol.CLB, lsc=None, clb=clb)
        )
        clb_lijst.append(clb)
    overleggen, verwacht = [], {}
    for i in range(aantal_scholen):
        clb = clb_lijst[i % clbs]
        school = factories.SchoolFactory(naam=f"School {i:03d}", clb=clb)
        factories.BedieningFactory(lsc=lsc, school=school)
        factories.BedieningFactory(lsc=specifiek, school=school)
        zorg = factories.GebruikerFactory(email=f"zorg{i}@school.example", rol=Rol.ZORG, lsc=None)
        factories.in_zorgteam(school, zorg)
        if i < clbs:  # the first school of each CLB: its LSCs vouch for the CLB's account
            factories.clb_bevestigd(clb_accounts[i])
        Ankertoewijzing.objects.create(school=school, lsc=lsc, schooljaar=_jaar(), ondersteuner=anker)
        traject = factories.TrajectFactory(lsc=specifiek, school=school, status=Status.LOPEND)
        Toewijzing.objects.create(traject=traject, ondersteuner=slsc, rol=Toewijzing.Rol.FOCUS)
        overleg = overleg_klaar(lsc=lsc, school=school)
        overleggen.append(overleg)
        verwacht[overleg.pk] = {zorg.email, slsc.gebruiker.email, f"clb{i % clbs}@clb.example"}
    return Uitnodigingswereld(lsc, coordinator, overleggen, verwacht)
