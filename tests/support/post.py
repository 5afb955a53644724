"""Mail: a real SMTP server (aiosmtpd on localhost) that keeps what it accepted, and this process's
settings to send to it. `postbus` and `smtp_instellingen` are fixtures everywhere (tests/conftest.py)."""

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


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
