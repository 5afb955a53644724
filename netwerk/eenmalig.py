"""One form sent twice in a row takes effect once: a double click, a browser that resends, htmx queueing a
second submit behind the first.

For every POST of a signed-in user the middleware claims the pair (user, URL) in `Verzending`, with a
fingerprint of the form (its fields and files; the CSRF token left out), in one statement of its own that
commits before the view runs, so a request running in parallel sees it. The unique key makes exactly one
of two simultaneous requests the owner. Then:

- an identical POST to the same URL while the first runs, or within EENMALIG_SECONDEN after it finished,
  is not run again: it waits for the first and answers as the first did (its redirect, or its htmx
  redirect), with a Dutch message; when the first did not redirect, only the message;
- a different POST to the same URL takes the pair over: A, then B, then A again does all three;
- a first request that failed (status 4xx or 5xx, nothing saved) lets go of the pair: sending it again is
  a retry, not a double.

PostgreSQL and not the cache, because this must hold while Redis is down. Only keyed hashes are stored, no
form content, and rows older than an hour are removed by the claims themselves. Search forms that are
POSTed to keep a pupil's name out of the URL change nothing and may be repeated (`HERHAALBAAR`).
"""

import logging
import secrets
import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, connection
from django.db.models.functions import Now
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.request import RawPostDataException
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from netwerk.models import Verzending

logger = logging.getLogger(__name__)

# POSTs that only read: a search, its pages and its export (the term stays out of URLs), a preview of a text.
HERHAALBAAR = frozenset({"traject_lijst", "traject_export", "sjabloon_voorbeeld"})
# Headers of the first answer that a repeat gives again: where the browser or htmx goes next.
DOORGEGEVEN = ("Location", "HX-Redirect", "HX-Location", "HX-Refresh")
OPRUIMEN_NA_SECONDEN = 3600
# A claim still unfinished after this long belongs to a process that died: the next request takes it over.
DOOD_NA_SECONDEN = 600
PEILEN_SECONDEN = 0.05

CLAIM = """
WITH opgeruimd AS (
    DELETE FROM netwerk_verzending WHERE id IN (
        SELECT id FROM netwerk_verzending
        WHERE ontvangen_op < clock_timestamp() - make_interval(secs => %(opruimen)s)
            AND sleutel <> %(sleutel)s
        FOR UPDATE SKIP LOCKED
    )
)
INSERT INTO netwerk_verzending AS v (sleutel, vingerafdruk, token, ontvangen_op, klaar_op, status, koppen)
VALUES (%(sleutel)s, %(vingerafdruk)s, %(token)s, clock_timestamp(), NULL, NULL, '{}')
ON CONFLICT (sleutel) DO UPDATE SET
    vingerafdruk = EXCLUDED.vingerafdruk, token = EXCLUDED.token, ontvangen_op = EXCLUDED.ontvangen_op,
    klaar_op = NULL, status = NULL, koppen = '{}'
WHERE v.vingerafdruk <> EXCLUDED.vingerafdruk
    OR v.klaar_op < EXCLUDED.ontvangen_op - make_interval(secs => %(venster)s)
    OR (v.klaar_op IS NULL AND v.ontvangen_op < EXCLUDED.ontvangen_op - make_interval(secs => %(dood)s))
RETURNING token
"""
DATABANK_WEG = (OperationalError, InterfaceError)


def venster() -> float:
    return float(settings.HONINGRAAT_EENMALIG_SECONDEN)


def _sleutel(request: HttpRequest) -> str:
    tekst = f"{request.user.pk}\n{request.get_full_path()}"
    return salted_hmac("honingraat.eenmalig.sleutel", tekst, algorithm="sha256").hexdigest()


def vingerafdruk(request: HttpRequest) -> str | None:
    """A keyed hash of what the form sends, without the CSRF token; None when the body cannot be read."""
    teller = salted_hmac("honingraat.eenmalig.inhoud", b"", algorithm="sha256")

    def voeg_toe(deel) -> None:
        gegevens = deel if isinstance(deel, bytes) else str(deel).encode()
        teller.update(b"%d:" % len(gegevens) + gegevens)

    try:
        if request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            for naam in sorted(request.POST):
                if naam != "csrfmiddlewaretoken":
                    voeg_toe(naam)
                    for waarde in request.POST.getlist(naam):
                        voeg_toe(waarde)
            for naam in sorted(request.FILES):
                for bestand in request.FILES.getlist(naam):
                    voeg_toe(f"{naam}\n{bestand.name}\n{bestand.size}")
                    for stuk in bestand.chunks():
                        teller.update(stuk)
                    bestand.seek(0)
        else:
            voeg_toe(request.body)
    except (RequestDataTooBig, RawPostDataException):
        return None
    return teller.hexdigest()


def _claim(sleutel: str, afdruk: str) -> str | None:
    """The claim's token when this request may run, None when an identical one holds the pair."""
    token = secrets.token_hex(16)
    with connection.cursor() as cursor:
        cursor.execute(
            CLAIM,
            {
                "sleutel": sleutel,
                "vingerafdruk": afdruk,
                "token": token,
                "venster": venster(),
                "dood": float(DOOD_NA_SECONDEN),
                "opruimen": float(OPRUIMEN_NA_SECONDEN),
            },
        )
        rij = cursor.fetchone()
    return token if rij is not None else None


def _wacht_op_eerste(sleutel: str, afdruk: str) -> Verzending | None:
    """The first request's row once it finished (or when waiting took too long); None when it let go."""
    einde = time.monotonic() + float(settings.HONINGRAAT_EENMALIG_WACHTEN)
    while True:
        eerste = Verzending.objects.filter(sleutel=sleutel).first()
        if eerste is None or eerste.vingerafdruk != afdruk:
            return None
        if eerste.klaar_op is not None or time.monotonic() >= einde:
            return eerste
        time.sleep(PEILEN_SECONDEN)


def _terug(request: HttpRequest) -> str:
    vorige = request.headers.get("Referer", "")
    veilig = url_has_allowed_host_and_scheme(
        vorige, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return vorige if veilig else "/"


def _melding(request: HttpRequest, tekst: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        # What the first request swapped in stays; the message goes where the page shows its messages.
        antwoord = HttpResponse(
            format_html(
                '<div role="status"><ul class="berichten"><li class="bericht info">{}</li></ul></div>', tekst
            )
        )
        antwoord["HX-Retarget"] = "#berichten"
        antwoord["HX-Reswap"] = "innerHTML"
        return antwoord
    context = {"melding": tekst, "terug": _terug(request)}
    return render(request, "netwerk/al_verstuurd.html", context, status=409)


def _herhaling(request: HttpRequest, eerste: Verzending) -> HttpResponse:
    """The answer to a repeat: where the first went, or a message."""
    if eerste.klaar_op is None:
        return _melding(
            request,
            _("Dit formulier werd net al verstuurd en wordt nog verwerkt. Herlaad de pagina straks."),
        )
    al_verstuurd = _("Dit formulier werd net al verstuurd: het is één keer verwerkt.")
    if not eerste.koppen:
        return _melding(request, al_verstuurd)
    koppen = dict(eerste.koppen)
    antwoord = HttpResponseRedirect(koppen.pop("Location")) if "Location" in koppen else HttpResponse()
    antwoord.status_code = eerste.status
    for kop, waarde in koppen.items():
        antwoord[kop] = waarde
    messages.info(request, al_verstuurd)
    return antwoord


class EenmaligVerzendenMiddleware:
    """Runs after CSRF, login and htmx: a POST refused at the door never claims anything."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        antwoord = self.get_response(request)
        claim = getattr(request, "_eenmalig", None)
        if claim is not None:
            self._afronden(*claim, antwoord)
        return antwoord

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        if request.resolver_match.url_name in HERHAALBAAR:
            return None
        afdruk = vingerafdruk(request)
        if afdruk is None:
            return None
        sleutel = _sleutel(request)
        try:
            for _poging in range(3):
                if token := _claim(sleutel, afdruk):
                    request._eenmalig = (sleutel, token)
                    return None
                eerste = _wacht_op_eerste(sleutel, afdruk)
                if eerste is not None:
                    return _herhaling(request, eerste)
        except DATABANK_WEG:
            # Without the database the view cannot do anything twice either: it fails in its own way.
            logger.warning("dubbele verzendingen niet na te gaan: databank onbereikbaar")
        return None

    def _afronden(self, sleutel: str, token: str, antwoord: HttpResponse) -> None:
        mijn_claim = Verzending.objects.filter(sleutel=sleutel, token=token)
        try:
            if antwoord.status_code >= 400:
                mijn_claim.delete()
                return
            koppen = {kop: antwoord[kop] for kop in DOORGEGEVEN if antwoord.has_header(kop)}
            mijn_claim.update(klaar_op=Now(), status=antwoord.status_code, koppen=koppen)
        except DATABANK_WEG:
            logger.warning("verzending niet afgerond: databank onbereikbaar")
