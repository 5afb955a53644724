"""A brake on password guessing that a stranger cannot turn into a lock-out of the account's owner.

allauth's own limit counted failures per account: five wrong passwords from anywhere shut the account for
everyone, its owner with the right password included. Here failed logins are counted three ways, in the
cache (PostgreSQL: the counts hold while Redis is down):

- per account *and* address: five failures are free, then that address waits 1, 5, 15 and then 60
  minutes after each further failure (forgotten a day after the last one, or at a login that succeeds
  from there). Only that address waits: the owner elsewhere logs in as usual;
- per address over all accounts (password spraying): 30 failures in an hour, then that address waits
  15 minutes after each further failure;
- per account over all addresses (a botnet against one account): 50 failures in an hour, then every
  browser the account never logged in from waits 15 minutes after each further failure.

A browser in which the account completed a login (password and second factor) keeps a signed cookie
naming the account (`toestel_onthouden`). For that account it is counted on its own, per browser instead of
per address, and the last two limits do not hold it back. So a pupil who guesses at a teacher's password
from the school's network, or a botnet that runs up the account's ceiling, slows down itself and new
browsers, not the owner at the computer she always uses.

The trade-off: the ceiling lets a botnet make about 50 guesses an hour against one account (1,200 a day,
against passwords of at least 12 characters that are not common ones and a second factor for every role
that sees pupil data), and while it is reached the owner cannot log in from a *new* browser either; she
gets a mail, and a password reset (the mail says so) frees the account at once. Lower the ceiling and a
botnet guesses less but locks out new browsers sooner; without it, guesses from many addresses are limited
only by the number of addresses.

At the first wait of an episode the account's owner gets one mail (`waarschuwing_versturen`), at most one
a day, whatever the number of failures after it.
"""

import datetime as dt
import hashlib
import ipaddress
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netwerk.models import Gebruiker
from netwerk.wachtrij import na_commit

klok = time.time  # tests move it; the cache's own expiry only has to outlast the windows below


@dataclass(frozen=True)
class Regel:
    """`vrij` failures within `geheugen` seconds are free; after the (vrij + k)-th the next attempt waits
    `wachten[k]` seconds from that failure (the last step repeats)."""

    vrij: int
    wachten: tuple[int, ...]
    geheugen: int

    def recent(self, fouten: list[float], *, nu: float) -> list[float]:
        return sorted(t for t in fouten if t > nu - self.geheugen)

    def wachttijd(self, fouten: list[float], *, nu: float) -> float:
        """Seconds until the next attempt may be made; 0 when it may be made now."""
        recent = self.recent(fouten, nu=nu)
        teveel = len(recent) - self.vrij
        if teveel < 0:
            return 0.0
        return max(0.0, recent[-1] + self.wachten[min(teveel, len(self.wachten) - 1)] - nu)


MINUUT, UUR = 60, 3600
PER_ACCOUNT_EN_ADRES = Regel(
    vrij=5, wachten=(1 * MINUUT, 5 * MINUUT, 15 * MINUUT, 60 * MINUUT), geheugen=24 * UUR
)
PER_ADRES = Regel(vrij=30, wachten=(15 * MINUUT,), geheugen=UUR)
PER_ACCOUNT = Regel(vrij=50, wachten=(15 * MINUUT,), geheugen=UUR)
EPISODE = 24 * UUR  # at most one warning mail per account in this time
MAX_ONTHOUDEN = 100  # failures kept per count: more than any rule looks at

TOESTEL_COOKIE = "honingraat_toestel"
TOESTEL_GELDIG = 180 * 24 * UUR
_TOESTEL_ZOUT = "netwerk.inlogrem.toestel"
_SLOTKLASSE = 0x494E4C47  # "INLG": the first key of the counts' advisory locks


class Geremd(Exception):
    def __init__(self, seconden: float):
        super().__init__(seconden)
        self.seconden = seconden

    @property
    def melding(self) -> str:
        minuten = max(1, math.ceil(self.seconden / 60))
        return ngettext(
            "Te veel mislukte pogingen om aan te melden. Probeer het opnieuw over %(minuten)d minuut. "
            "Wachtwoord vergeten? Vraag dan een nieuw aan.",
            "Te veel mislukte pogingen om aan te melden. Probeer het opnieuw over %(minuten)d minuten. "
            "Wachtwoord vergeten? Vraag dan een nieuw aan.",
            minuten,
        ) % {"minuten": minuten}


@dataclass(frozen=True)
class Teller:
    sleutel: str
    regel: Regel
    remt: bool  # False: only counted (the owner's own browser is not held back by strangers' failures)
    vergeten_bij_succes: bool  # a good login from this client forgets all its failures


@dataclass(frozen=True)
class Poging:
    login: str
    adres: str
    tellers: tuple[Teller, ...]
    tijdstip: float


def account_sleutel(login: str) -> str:
    """The account in cache keys and cookies: keyed, so neither shows an e-mail address."""
    waarde = login.strip().lower().encode(errors="surrogatepass")
    return salted_hmac("netwerk.inlogrem.account", waarde, algorithm="sha256").hexdigest()[:32]


def _netwerk_van(adres: str) -> str:
    """An IPv6 address counts as its /64: one home or phone gets a whole /64 and could use a fresh address
    for every guess (allauth's RATE_LIMIT_IPV6_PREFIX does the same for its limits)."""
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return adres
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _tellers(*, login: str, adres: str, toestel: str | None) -> tuple[Teller, ...]:
    account = account_sleutel(login)
    if toestel is not None:
        return (
            Teller(
                f"inlogrem:toestel:{account}:{toestel}",
                PER_ACCOUNT_EN_ADRES,
                remt=True,
                vergeten_bij_succes=True,
            ),
            Teller(f"inlogrem:account:{account}", PER_ACCOUNT, remt=False, vergeten_bij_succes=False),
        )
    adres_sleutel = hashlib.sha256(_netwerk_van(adres).encode()).hexdigest()[:32]
    return (
        Teller(
            f"inlogrem:paar:{account}:{adres_sleutel}",
            PER_ACCOUNT_EN_ADRES,
            remt=True,
            vergeten_bij_succes=True,
        ),
        Teller(f"inlogrem:adres:{adres_sleutel}", PER_ADRES, remt=True, vergeten_bij_succes=False),
        Teller(f"inlogrem:account:{account}", PER_ACCOUNT, remt=True, vergeten_bij_succes=False),
    )


@contextmanager
def _vergrendeld(tellers: tuple[Teller, ...]) -> Iterator[dict[str, list[float]]]:
    """The counts of `tellers`, read and written by one request at a time: parallel guesses against one
    account cannot all pass the check before any of them is counted. Advisory locks in a fixed order, held
    until the transaction commits; the cache table is in the same database."""
    with transaction.atomic(), connection.cursor() as cursor:
        for sleutel in sorted(t.sleutel for t in tellers):
            slot = int.from_bytes(hashlib.sha256(sleutel.encode()).digest()[:4], "big", signed=True)
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_SLOTKLASSE, slot])
        yield cache.get_many([t.sleutel for t in tellers])


def _bewaar(teller: Teller, fouten: list[float]) -> None:
    cache.set(teller.sleutel, fouten[-MAX_ONTHOUDEN:], timeout=teller.regel.geheugen)


def poging_beginnen(*, login: str, adres: str, toestel: str | None = None) -> Poging:
    """Counts the attempt as a failure before the password is checked (undone by `poging_gelukt`), so that
    a burst of parallel guesses is counted in full. Raises Geremd while this client must wait."""
    tellers = _tellers(login=login, adres=adres, toestel=toestel)
    nu = klok()
    with _vergrendeld(tellers) as standen:
        wachten = [t.regel.wachttijd(standen.get(t.sleutel, []), nu=nu) for t in tellers if t.remt]
        if max(wachten) > 0:
            raise Geremd(max(wachten))
        for teller in tellers:
            _bewaar(teller, [*teller.regel.recent(standen.get(teller.sleutel, []), nu=nu), nu])
    return Poging(login=login, adres=adres, tellers=tellers, tijdstip=nu)


def poging_gelukt(poging: Poging) -> None:
    """The right password: this client's own count starts again; what counts over several accounts or
    addresses only loses this attempt (a login of the attacker's own in between wipes nothing)."""
    with _vergrendeld(poging.tellers) as standen:
        for teller in poging.tellers:
            if teller.vergeten_bij_succes:
                cache.delete(teller.sleutel)
            else:
                _bewaar(teller, [t for t in standen.get(teller.sleutel, []) if t != poging.tijdstip])


def poging_mislukt(poging: Poging) -> None:
    """A wrong password (already counted). When it makes this account wait, the owner hears of it: once an
    episode."""
    nu = klok()
    per_account = [t for t in poging.tellers if t.regel is not PER_ADRES]
    standen = cache.get_many([t.sleutel for t in per_account])
    if not any(t.regel.wachttijd(standen.get(t.sleutel, []), nu=nu) > 0 for t in per_account):
        return
    aantal = max(len(t.regel.recent(standen.get(t.sleutel, []), nu=nu)) for t in per_account)
    if not cache.add(f"inlogrem:gemeld:{account_sleutel(poging.login)}", True, timeout=EPISODE):
        return
    gebruiker = Gebruiker.objects.filter(email=poging.login.strip().lower(), is_active=True).first()
    if gebruiker is not None:
        taak = "netwerk.tasks.stuur_inlogwaarschuwing"
        na_commit(taak, gebruiker.pk, aantal, poging.adres, nu, ter_plaatse=True)


def account_vrijgeven(*, login: str, adres: str, toestel: str | None) -> None:
    """After a password reset: whoever chose the new password may try it at once, from this browser and
    address, and new browsers are no longer held back by the account's ceiling."""
    tellers = (
        *_tellers(login=login, adres=adres, toestel=toestel),
        *_tellers(login=login, adres=adres, toestel=None),
    )
    cache.delete_many({t.sleutel for t in tellers if t.regel is not PER_ADRES})


def waarschuwing_versturen(*, gebruiker_id: int, aantal: int, adres: str, tijdstip: float) -> None:
    """The mail to the owner: how often, from where, when, and what to do; no secret, no link with a key."""
    gebruiker = Gebruiker.objects.filter(pk=gebruiker_id, is_active=True).first()
    if gebruiker is None:
        return
    context = {
        "gebruiker": gebruiker,
        "aantal": aantal,
        "adres": adres,
        "moment": timezone.localtime(dt.datetime.fromtimestamp(tijdstip, tz=dt.UTC)),
        "wachtwoord_wijzigen": f"{settings.SITE_URL}{reverse('account_change_password')}",
        "wachtwoord_vergeten": f"{settings.SITE_URL}{reverse('account_reset_password')}",
    }
    send_mail(
        subject=_("[Honingraat] Mislukte pogingen om aan te melden op je account"),
        message=render_to_string("netwerk/mail/inlogwaarschuwing.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[gebruiker.email],
    )


# ---------------------------------------------------------------------------------- a known browser


def _toestel_van(request) -> tuple[str, list[str]] | None:
    waarde = request.COOKIES.get(TOESTEL_COOKIE)
    if not waarde:
        return None
    try:
        gegevens = signing.loads(waarde, salt=_TOESTEL_ZOUT, max_age=TOESTEL_GELDIG)
        return str(gegevens["t"]), [str(a) for a in gegevens["a"]]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def toestel_voor(request, *, login: str) -> str | None:
    """This browser's id when the account `login` completed a login in it; None otherwise."""
    toestel = _toestel_van(request)
    if toestel is None or account_sleutel(login) not in toestel[1]:
        return None
    return toestel[0]


def toestel_onthouden(request, response, *, login: str) -> None:
    """After a complete login: this browser is a known one for the account (a few accounts per browser,
    for a computer a school's staff share)."""
    toestel, accounts = _toestel_van(request) or (get_random_string(22), [])
    account = account_sleutel(login)
    accounts = [*(a for a in accounts if a != account), account][-5:]
    response.set_cookie(
        TOESTEL_COOKIE,
        signing.dumps({"t": toestel, "a": accounts}, salt=_TOESTEL_ZOUT),
        max_age=TOESTEL_GELDIG,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
