"""What waits for the policy team and the team coaches: counts, each leading to the filtered list.

Every count here is the number of rows of the page its link opens, asked the way that page asks it: the
trajectory list's filters (`achterstallig`, `verschuldigd`), the consultation overview's filters, the
follow-up's marked schools and supporters, the requests and concerns still open. The SQL counts ride in one
query as scalar subqueries; the capacity signals are the follow-up's own computation (a fixed handful of
queries, whatever the number of schools).
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from capaciteit import queries as capaciteit_queries
from capaciteit.models import Tijdskader
from capaciteit.rekenen import cijfers
from capaciteit.rekenen import opvolging as capaciteit_opvolging
from netwerk.jsonrijen import Rijen
from netwerk.models import BELEIDSROLLEN, Gebruiker, Melding
from netwerk.queries import aantal
from netwerk.schooljaar import huidig_schooljaar
from overleg.afstemming import afstemmingen_zichtbaar_voor
from overleg.bezorgdheid import lijst_voor as zorgen_voor
from overleg.models import Afstemmingsstatus, Mailstatus, Schoolbeeldoverleg, Status, Uitgaandemail
from scholen.models import Bediening
from trajecten.models import Traject, Wisverzoek
from trajecten.queries import achterstallig, evaluatie_verschuldigd, trajecten_zichtbaar_voor


@dataclass(frozen=True)
class Wachtend:
    sleutel: str
    aantal: int
    tekst: str
    url: str


def _uitnodigen(lsc_id: int, jaar: int):
    """As the consultation overview's filter `uitnodigen`: a served school without a consultation this year,
    or with one still in preparation."""
    al_verder = Schoolbeeldoverleg.objects.filter(
        lsc_id=lsc_id, schooljaar=jaar, school=OuterRef("school")
    ).exclude(status=Status.VOORBEREIDING)
    return Bediening.objects.filter(lsc_id=lsc_id).filter(~Exists(al_verder))


def _verslag_open(lsc_id: int, jaar: int):
    """As the overview's filter `verslag`: a served school whose consultation's report is not shared."""
    open_ = Schoolbeeldoverleg.objects.filter(
        lsc_id=lsc_id, schooljaar=jaar, school=OuterRef("school")
    ).exclude(status=Status.GEDEELD)
    return Bediening.objects.filter(lsc_id=lsc_id).filter(Exists(open_))


def mislukte_mails(lsc_id: int):
    """The outbox's mails that could not be sent, of this LSC's consultations, batches and alignment talks."""
    return Uitgaandemail.objects.filter(
        Q(overleg__lsc_id=lsc_id) | Q(batch__lsc_id=lsc_id) | Q(afstemming__lsc_id=lsc_id),
        status=Mailstatus.MISLUKT,
    )


def mislukte_meldingmails(lsc_id: int):
    """Notifications to this LSC's people whose mail failed after every attempt (the notification itself
    stays in the app). The coordination sees who and what kind, never the title."""
    return Melding.objects.filter(ontvanger__lsc_id=lsc_id, mail=Melding.Mail.MISLUKT)


def _delen(gebruiker, vandaag: dt.date) -> dict:
    """Every count that SQL can give, as querysets to count."""
    trajecten = trajecten_zichtbaar_voor(gebruiker)
    delen = {
        "achterstallig": achterstallig(trajecten, vandaag=vandaag),
        "verschuldigd": evaluatie_verschuldigd(trajecten, tegen=vandaag),
        "afstemming": afstemmingen_zichtbaar_voor(gebruiker).filter(status=Afstemmingsstatus.GEVRAAGD),
        "zorgen": zorgen_voor(gebruiker).filter(aan_mij=True, afgehandeld_op__isnull=True),
    }
    if gebruiker.rol in BELEIDSROLLEN:
        jaar = huidig_schooljaar()
        lsc_id = gebruiker.lsc_id
        delen.update(
            wisverzoeken=Wisverzoek.objects.filter(lsc=lsc_id, status=Wisverzoek.Status.OPEN),
            uitnodigen=_uitnodigen(lsc_id, jaar),
            verslag=_verslag_open(lsc_id, jaar),
            mails=mislukte_mails(lsc_id),
            meldingmails=mislukte_meldingmails(lsc_id),
        )
    return delen


def _sql_tellingen(gebruiker, vandaag: dt.date) -> dict[str, int]:
    """Every count that SQL can give, in one query (scalar subqueries on the user's own row)."""
    delen = _delen(gebruiker, vandaag)
    rij = Gebruiker.objects.filter(pk=gebruiker.pk).annotate(**{k: aantal(qs) for k, qs in delen.items()})
    return rij.values(*delen).get()


# The capacity figures' inputs as JSON columns of a row the page reads anyway (the home page's LSC row):
# the latest published version with its envelope and frames, the envelope, the published week plan and the
# active supporters, each the very queryset capaciteit.queries reads them with.
def _capaciteitsrijen(lsc_id: int, jaar: int) -> dict[str, Rijen]:
    versies = capaciteit_queries.gepubliceerde_versies(lsc_id=lsc_id, schooljaar=jaar)
    return {
        "verdeling": Rijen(versies[:1], samen=("envelop",)),
        "envelop": Rijen(capaciteit_queries.enveloppen(lsc_id, jaar)[:1]),
        "weekplan": Rijen(capaciteit_queries.gepubliceerde_weekplannen(lsc_id=lsc_id, schooljaar=jaar)[:1]),
        "kaders": Rijen(
            Tijdskader.objects.filter(verdeling=Subquery(versies.values("pk")[:1]))
            .select_related("school")
            .order_by("school__naam"),
            samen=("school",),
        ),
        "ondersteuners": Rijen(capaciteit_queries.actieve_ondersteuners_qs(lsc_id), samen=("gebruiker",)),
    }


def kolommen(gebruiker, *, vandaag: dt.date | None = None) -> dict:
    """What `wat_wacht` reads, as columns for a row of the caller's own query (see `wat_wacht(rij=...)`)."""
    vandaag = vandaag or timezone.localdate()
    uit = {f"wacht_{k}": aantal(qs) for k, qs in _delen(gebruiker, vandaag).items()}
    if gebruiker.rol in BELEIDSROLLEN:
        rijen = _capaciteitsrijen(gebruiker.lsc_id, huidig_schooljaar())
        uit.update({f"wacht_json_{naam}": r.expressie() for naam, r in rijen.items()})
    return uit


def _capaciteit(lsc_id: int, vandaag: dt.date, rij=None) -> dict:
    """The follow-up's own signals: schools far above or below their frame, supporters planned beyond what
    they have available, and the frame used so far against pro rata over all schools. With `rij` (a row
    that carries `kolommen`), the version, envelope, week plan, frames and supporters come from it."""
    jaar = huidig_schooljaar()
    if rij is not None:
        rijen = _capaciteitsrijen(lsc_id, jaar)
        gelezen = {naam: r.instanties(getattr(rij, f"wacht_json_{naam}")) for naam, r in rijen.items()}
        verdeling = next(iter(gelezen["verdeling"]), None)
        weekplan = next(iter(gelezen["weekplan"]), None)
        ondersteuners = gelezen["ondersteuners"]
        kaders = gelezen["kaders"]
        for kader in kaders:
            kader.verdeling = verdeling
        envelop = verdeling.envelop if verdeling is not None else next(iter(gelezen["envelop"]), None)
    else:
        verdeling = capaciteit_queries.gepubliceerd(lsc_id=lsc_id, schooljaar=jaar)
        kaders = list(capaciteit_queries.tijdskaders_van(verdeling)) if verdeling is not None else []
        envelop = verdeling.envelop if verdeling is not None else capaciteit_queries.envelop_van(lsc_id, jaar)
        weekplan = capaciteit_queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=jaar)
        ondersteuners = capaciteit_queries.actieve_ondersteuners(lsc_id)
    gemarkeerd, gebruikt, pro_rata = 0, Fraction(0), Fraction(0)
    if verdeling is not None:
        rijen_ = capaciteit_opvolging.schoolrijen(
            kaders,
            capaciteit_queries.minuten_van_lsc(lsc_id, jaar),
            schoolweken=envelop.schoolweken,
            schooljaar=jaar,
            vandaag=vandaag,
        )
        gemarkeerd = sum(1 for r in rijen_ if r.signaal.gemarkeerd)
        gebruikt = sum((r.opvolging.cijfers.gebruikt for r in rijen_), Fraction(0))
        pro_rata = sum((r.opvolging.cijfers.pro_rata for r in rijen_), Fraction(0))
    planningen = capaciteit_queries.planningen(ondersteuners, envelop=envelop, weekplan=weekplan)
    return {
        "gemarkeerd": gemarkeerd,
        "te_veel": sum(1 for p in planningen if p.te_veel),
        "te_weinig": sum(1 for p in planningen if p.te_weinig),
        "kaderverbruik": cijfers.procent(gebruikt / pro_rata) if pro_rata else None,
    }


def _url(naam: str, query: str = "") -> str:
    return reverse(naam) + (f"?{query}" if query else "")


def wat_wacht(gebruiker, *, vandaag: dt.date | None = None, rij=None) -> tuple[list[Wachtend], dict]:
    """The items waiting for this coordinator, director or team coach (only the counts above zero), and
    the figures the page shows beside them. `rij`: a row read with `kolommen(gebruiker)` (no query of its
    own for the counts and the capacity's inputs)."""
    vandaag = vandaag or timezone.localdate()
    if rij is None:
        n = _sql_tellingen(gebruiker, vandaag)
    else:
        n = {k: getattr(rij, f"wacht_{k}") for k in _delen(gebruiker, vandaag)}
    cijfers_ = {}
    if gebruiker.rol in BELEIDSROLLEN:
        cijfers_ = _capaciteit(gebruiker.lsc_id, vandaag, rij)
        n.update(
            gemarkeerd=cijfers_["gemarkeerd"], te_veel=cijfers_["te_veel"], te_weinig=cijfers_["te_weinig"]
        )
    teksten = {
        "wisverzoeken": (
            lambda a: ngettext("wisverzoek om te beslissen", "wisverzoeken om te beslissen", a),
            _url("wisverzoek_lijst"),
        ),
        "achterstallig": (
            lambda a: ngettext(
                "aanmelding zonder antwoord na de termijn", "aanmeldingen zonder antwoord na de termijn", a
            ),
            _url("traject_lijst", "achterstallig=on"),
        ),
        "verschuldigd": (
            lambda a: ngettext("evaluatie verschuldigd", "evaluaties verschuldigd", a),
            _url("traject_lijst", "verschuldigd=on"),
        ),
        "uitnodigen": (
            lambda a: ngettext(
                "school nog uit te nodigen voor het overleg", "scholen nog uit te nodigen voor het overleg", a
            ),
            _url("overleg_overzicht", "filter=uitnodigen"),
        ),
        "verslag": (
            lambda a: ngettext("overlegverslag nog niet gedeeld", "overlegverslagen nog niet gedeeld", a),
            _url("overleg_overzicht", "filter=verslag"),
        ),
        "gemarkeerd": (
            lambda a: ngettext("school ver buiten haar tijdskader", "scholen ver buiten hun tijdskader", a),
            _url("capaciteit_opvolging", "gemarkeerd=1"),
        ),
        "te_veel": (
            lambda a: ngettext(
                "ondersteuner met meer gepland dan beschikbaar",
                "ondersteuners met meer gepland dan beschikbaar",
                a,
            ),
            _url("capaciteit_opvolging", "ondersteuners=te_veel") + "#ondersteuners",
        ),
        "te_weinig": (
            lambda a: ngettext(
                "ondersteuner met minder dan de helft van de opdracht gepland",
                "ondersteuners met minder dan de helft van hun opdracht gepland",
                a,
            ),
            _url("team_lijst", "belasting=onder"),
        ),
        "afstemming": (
            lambda a: ngettext("afstemmingsgesprek gevraagd", "afstemmingsgesprekken gevraagd", a),
            _url("afstemming_lijst", "status=gevraagd"),
        ),
        "zorgen": (
            lambda a: ngettext("bezorgdheid om af te handelen", "bezorgdheden om af te handelen", a),
            _url("zorgen_lijst", "open=1"),
        ),
        "mails": (
            lambda a: ngettext("mail niet verstuurd", "mails niet verstuurd", a),
            _url("mislukte_mails"),
        ),
        "meldingmails": (
            lambda a: ngettext("melding niet gemaild", "meldingen niet gemaild", a),
            _url("mislukte_mails") + "#meldingen",
        ),
    }
    items = [
        Wachtend(sleutel, n[sleutel], tekst(n[sleutel]), url)
        for sleutel, (tekst, url) in teksten.items()
        if n.get(sleutel)
    ]
    return items, cijfers_


def _maanddelen(gebruiker, vandaag: dt.date) -> dict:
    deze = vandaag.replace(day=1)
    vorige = (deze - dt.timedelta(days=1)).replace(day=1)
    trajecten = Traject.objects.filter(lsc=gebruiker.lsc_id)
    return {
        "geopend_deze": trajecten.filter(aangemeld_op__gte=deze, aangemeld_op__lte=vandaag),
        "geopend_vorige": trajecten.filter(aangemeld_op__gte=vorige, aangemeld_op__lt=deze),
        "gesloten_deze": trajecten.filter(afgesloten_op__gte=deze, afgesloten_op__lte=vandaag),
        "gesloten_vorige": trajecten.filter(afgesloten_op__gte=vorige, afgesloten_op__lt=deze),
    }


def maandkolommen(gebruiker, *, vandaag: dt.date | None = None) -> dict:
    """The director's trend as columns for a row of the caller's own query (`maandcijfers(rij=...)`)."""
    delen = _maanddelen(gebruiker, vandaag or timezone.localdate())
    return {f"maand_{k}": aantal(qs) for k, qs in delen.items()}


def maandcijfers(gebruiker, *, vandaag: dt.date | None = None, rij=None) -> dict[str, int]:
    """The director's trend: trajectories requested and closed this month and last month, one query (none
    with `rij`, a row read with `maandkolommen`)."""
    vandaag = vandaag or timezone.localdate()
    delen = _maanddelen(gebruiker, vandaag)
    if rij is not None:
        return {k: getattr(rij, f"maand_{k}") for k in delen}
    rij = Gebruiker.objects.filter(pk=gebruiker.pk).annotate(**maandkolommen(gebruiker, vandaag=vandaag))
    return dict(zip(delen, rij.values_list(*(f"maand_{k}" for k in delen)).get(), strict=True))
