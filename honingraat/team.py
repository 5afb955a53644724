"""The team: who works how much, where, and who is away or leaving (coordinator, director; a team coach for
the supporters of their own regio teams).

Here, on top, because one row gathers four apps: the assignment (netwerk), anchor schools (scholen),
running trajectories and logged hours (trajecten) and the published week plan (capaciteit). A constant
number of queries: the supporters with their counts and logged minutes as scalar subqueries, their
current and next leave, the envelope, the published week plan and one aggregate of its visits.
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from capaciteit import queries as capaciteit_queries
from capaciteit.rekenen import cijfers, opvolging
from honingraat.forms import AfwezigheidForm, OpdrachtwijzigingForm, TeamfilterForm, VertrekForm
from netwerk import export, rules, services, vorming
from netwerk.models import Afwezigheid, Ondersteuner, Rol
from netwerk.queries import aantal
from netwerk.schooljaar import als_tekst, huidig_schooljaar, schooljaar_grenzen
from scholen.models import Ankertoewijzing
from scholen.queries import ondersteuners_zichtbaar_voor, regioteams_zichtbaar_voor
from trajecten import vertrek
from trajecten.models import Logboekregel
from trajecten.queries import lopende_toewijzingen

GEEN = "—"


def _mag_lijst_zien(gebruiker) -> bool:
    return rules.is_beleid(gebruiker) or gebruiker.rol == Rol.TEAMCOACH


def _toegang(request: HttpRequest) -> None:
    if not _mag_lijst_zien(request.user):
        raise PermissionDenied


# ------------------------------------------------------------------------------------ the rows


@dataclass
class Teamrij:
    ondersteuner: Ondersteuner
    beschikbaar: cijfers.Beschikbaar
    gepland: Fraction | None  # minutes per week in the published week plan; None: none published
    vandaag: dt.date

    @property
    def uren_per_jaar(self) -> int | None:
        """opdracht % × the envelope's hours per full-time assignment; None without them."""
        if not self.beschikbaar.uren_per_voltijdse:
            return None
        return self.ondersteuner.opdracht_procent * self.beschikbaar.uren_per_voltijdse // 100

    @property
    def signaal(self) -> str:
        """Over: more planned than available; under: less than VER_ONDER of it; "" without a plan."""
        return cijfers.belasting(gepland=self.gepland, beschikbaar=self.beschikbaar.minuten_per_week)

    @property
    def signaal_tekst(self) -> str:
        return {
            "boven": _("boven opdracht"),
            "onder": _("onder opdracht"),
            "binnen": _("binnen opdracht"),
        }.get(self.signaal, GEEN)

    @property
    def gepland_tekst(self) -> str:
        return GEEN if self.gepland is None else cijfers.uren(self.gepland)

    @property
    def beschikbaar_tekst(self) -> str:
        return cijfers.uren(self.beschikbaar.minuten_per_week)

    @property
    def gelogd_tekst(self) -> str:
        return cijfers.uren(self.ondersteuner.gelogde_minuten)

    @property
    def afwezig(self) -> Afwezigheid | None:
        """The current leave, or else the next one."""
        return self.ondersteuner.komende_afwezigheden[0] if self.ondersteuner.komende_afwezigheden else None

    @property
    def afwezig_tekst(self) -> str:
        afwezig = self.afwezig
        if afwezig is None:
            return ""
        sjabloon = (
            _("nu: %(soort)s tot %(tot)s") if afwezig.van <= self.vandaag else _("%(soort)s %(van)s–%(tot)s")
        )
        return sjabloon % {
            "soort": afwezig.get_soort_display().lower(),
            "van": f"{afwezig.van:%d/%m/%Y}",
            "tot": f"{afwezig.tot:%d/%m/%Y}",
        }

    @property
    def groeifocus_tekst(self) -> str:
        """The chosen focus to grow in, with its focus area when one is chosen (issue 20 part 4)."""
        o = self.ondersteuner
        gebied = o.get_groeifocus_gebied_display() if o.groeifocus_gebied else ""
        return " · ".join(deel for deel in (o.groeifocus, str(gebied)) if deel)

    @property
    def vertrek_tekst(self) -> str:
        datum = self.ondersteuner.uit_dienst_op
        return _("uit dienst op %(datum)s") % {"datum": f"{datum:%d/%m/%Y}"} if datum else ""


def met_teamcijfers(ondersteuners: QuerySet[Ondersteuner], *, schooljaar: int, vandaag: dt.date):
    """Anchor schools of the year, open trajectories, minutes logged since 1 September and the current and
    next leave: scalar subqueries and one prefetch, so the rows multiply nothing."""
    begin, einde = schooljaar_grenzen(schooljaar)
    gelogd = (
        Logboekregel.objects.filter(ondersteuner=OuterRef("pk"), datum__gte=begin)
        .filter(datum__lt=einde)
        .order_by()
        .values("ondersteuner")
        .annotate(som=Sum("minuten"))
        .values("som")
    )
    afwezigheden = Afwezigheid.objects.filter(tot__gte=vandaag).order_by("van")
    return (
        ondersteuners.select_related("gebruiker", "regioteam")
        .annotate(
            aantal_ankers=aantal(
                Ankertoewijzing.objects.filter(ondersteuner=OuterRef("pk"), schooljaar=schooljaar)
            ),
            aantal_trajecten=aantal(lopende_toewijzingen(ondersteuner=OuterRef("pk"))),
            gelogde_minuten=Coalesce(Subquery(gelogd, output_field=IntegerField()), 0),
        )
        .prefetch_related(Prefetch("afwezigheden", queryset=afwezigheden, to_attr="komende_afwezigheden"))
        .order_by("gebruiker__naam", "pk")
    )


def teamleden(gebruiker) -> QuerySet[Ondersteuner]:
    """Whom the team list shows a viewer: the active supporters of their LSC for the policy team, of their
    own regio teams for a team coach (the trainings' page names registrants in this same scope)."""
    return ondersteuners_zichtbaar_voor(gebruiker).filter(gebruiker__is_active=True)


def teamrijen(gebruiker, filters: dict) -> list[Teamrij]:
    """The staff list as the screen shows it, filters applied: the page and the export read this alone."""
    jaar, vandaag = huidig_schooljaar(), timezone.localdate()
    ondersteuners = teamleden(gebruiker)
    if filters.get("regioteam"):
        ondersteuners = ondersteuners.filter(regioteam=filters["regioteam"])
    if filters.get("focus"):
        ondersteuners = ondersteuners.filter(focusteams__contains=[filters["focus"]])
    if filters.get("zoek"):
        ondersteuners = ondersteuners.filter(gebruiker__naam__icontains=filters["zoek"])
    gevonden = list(met_teamcijfers(ondersteuners, schooljaar=jaar, vandaag=vandaag))
    lsc_id = gebruiker.lsc_id
    envelop = capaciteit_queries.envelop_van(lsc_id, jaar)
    weekplan = capaciteit_queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=jaar)
    gepland = capaciteit_queries.geplande_minuten(weekplan, [o.pk for o in gevonden])
    rijen = [Teamrij(o, opvolging.beschikbaar_van(o, envelop), gepland[o.pk], vandaag) for o in gevonden]
    if filters.get("belasting"):
        rijen = [r for r in rijen if r.signaal == filters["belasting"]]
    return rijen


def exportrijen(rijen: list[Teamrij]) -> list[list]:
    kop = [
        _("Naam"),
        _("Regioteam"),
        _("Focusteams"),
        _("Groeifocus"),
        _("Opdracht (%)"),
        _("Uren per jaar"),
        _("Ankerscholen"),
        _("Lopende trajecten"),
        _("Beschikbaar (u/week)"),
        _("Gepland (u/week)"),
        _("Gelogd dit schooljaar (u)"),
        _("Belasting"),
        _("Afwezig"),
        _("Vertrek"),
    ]
    return [
        kop,
        *(
            [
                r.ondersteuner.gebruiker.naam,
                r.ondersteuner.regioteam.naam if r.ondersteuner.regioteam else "",
                ", ".join(str(label) for label in r.ondersteuner.focusteam_labels),
                r.groeifocus_tekst,
                r.ondersteuner.opdracht_procent,
                r.uren_per_jaar if r.uren_per_jaar is not None else "",
                r.ondersteuner.aantal_ankers,
                r.ondersteuner.aantal_trajecten,
                r.beschikbaar_tekst,
                r.gepland_tekst,
                r.gelogd_tekst,
                r.signaal_tekst,
                r.afwezig_tekst,
                r.vertrek_tekst,
            ]
            for r in rijen
        ),
    ]


# ------------------------------------------------------------------------------------ the pages


def _filterformulier(request: HttpRequest) -> tuple[TeamfilterForm, dict]:
    formulier = TeamfilterForm(request.GET or None, regioteams=regioteams_zichtbaar_voor(request.user))
    filters = formulier.cleaned_data if formulier.is_bound and formulier.is_valid() else {}
    return formulier, filters


PER_PAGINA = 25


@require_GET
def team_lijst(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    formulier, filters = _filterformulier(request)
    rijen = teamrijen(request.user, filters)
    template = "honingraat/team_lijst.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rijen"
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        template,
        {
            "formulier": formulier,
            "rijen": rijen,
            # 25 a page: 110 supporters in one table ran the page to 9,700 px; the export holds every page.
            "pagina": Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina")),
            "schooljaar": als_tekst(huidig_schooljaar()),
            "query": query.urlencode(),
            "mag_wijzigen": rules.is_beleid(request.user),
            "drempel_onder": cijfers.procent(cijfers.VER_ONDER),
        },
    )


@require_GET
def team_export(request: HttpRequest, formaat: str) -> HttpResponse:
    """Exactly the rows of the screen with the same filters: no pupil, no leave reason beyond its kind."""
    _toegang(request)
    _formulier, filters = _filterformulier(request)
    rijen = exportrijen(teamrijen(request.user, filters))
    inhoud = export.als_xlsx(rijen, blad=_("Team")) if formaat == "xlsx" else export.als_csv(rijen)
    return export.antwoord(inhoud, formaat=formaat, bestandsnaam=f"team-{timezone.localdate():%Y-%m-%d}")


def _ondersteuner_van(request: HttpRequest, pk: int) -> Ondersteuner:
    """404 for a supporter outside the user's view (another LSC, another coach's team)."""
    _toegang(request)
    return get_object_or_404(
        ondersteuners_zichtbaar_voor(request.user).select_related("gebruiker", "regioteam"), pk=pk
    )


# The two forms of a supporter's page: which one was sent, what saves it, what the user is told.
WIJZIGINGEN = {
    "opdracht": (
        OpdrachtwijzigingForm,
        services.opdracht_wijzigen,
        _lazy("De opdrachtwijziging is bewaard."),
    ),
    "afwezig": (AfwezigheidForm, services.afwezigheid_registreren, _lazy("De afwezigheid is bewaard.")),
}


def team_ondersteuner(request: HttpRequest, pk: int) -> HttpResponse:
    """A supporter's assignment history and leave; the policy team records new ones here."""
    ondersteuner = _ondersteuner_van(request, pk)
    formulieren = {welk: klasse() for welk, (klasse, _service, _bericht) in WIJZIGINGEN.items()}
    if request.method == "POST":
        if not rules.is_beleid(request.user):
            raise PermissionDenied
        welk = request.POST.get("formulier")
        if welk not in WIJZIGINGEN:
            messages.error(request, _("Kies wat je wilt bewaren."))
        else:
            klasse, service, bericht = WIJZIGINGEN[welk]
            formulier = formulieren[welk] = klasse(request.POST)
            if formulier.is_valid():
                try:
                    service(door=request.user, ondersteuner=ondersteuner, **formulier.cleaned_data)
                except ValidationError as fout:
                    formulier.add_error(None, fout)
                else:
                    messages.success(request, bericht)
                    return redirect("team_ondersteuner", pk=pk)
    return render(
        request,
        "honingraat/team_ondersteuner.html",
        {
            "ondersteuner": ondersteuner,
            "wijzigingen": ondersteuner.opdrachtwijzigingen.select_related("door"),
            "afwezigheden": ondersteuner.afwezigheden.order_by("-van"),
            "opdrachtformulier": formulieren["opdracht"],
            "afwezigheidformulier": formulieren["afwezig"],
            "mag_wijzigen": rules.is_beleid(request.user),
            # issue 20 part 4: growth focus, trainings with attendance, coaching moments
            "vormingen": vorming.vormingen_van_ondersteuner(ondersteuner),
        },
    )


def standaard_opvolger(ondersteuner: Ondersteuner, kandidaten: list[Ondersteuner]) -> Ondersteuner | None:
    """A colleague of the same regio team with the most room: available minus planned minutes per week
    (agreed minutes in running trajectories where no week plan is published); ties by name."""
    collegas = [k for k in kandidaten if k.regioteam_id and k.regioteam_id == ondersteuner.regioteam_id]
    if not collegas:
        return None
    jaar = huidig_schooljaar()
    planningen = capaciteit_queries.planningen(
        collegas,
        envelop=capaciteit_queries.envelop_van(ondersteuner.lsc_id, jaar),
        weekplan=capaciteit_queries.gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=jaar),
    )

    def ruimte(planning) -> Fraction:
        bezet = planning.gepland if planning.gepland is not None else planning.afgesproken_breed
        return planning.beschikbaar.minuten_per_week - bezet

    # `kandidaten` come by name and max() keeps the first of equals: ties go to the first name.
    return max(planningen, key=ruimte).ondersteuner


def team_vertrek(request: HttpRequest, pk: int) -> HttpResponse:
    """The guided step: a leaving date, and for each anchor school and open trajectory who takes it over.
    The table is the preview; confirming does exactly what it shows, or nothing."""
    ondersteuner = _ondersteuner_van(request, pk)
    if not rules.is_beleid(request.user):
        raise PermissionDenied
    datum = (
        _datum_uit(request.POST.get("uit_dienst_op")) or ondersteuner.uit_dienst_op or timezone.localdate()
    )
    kandidaten = list(vertrek.opvolgers_mogelijk(ondersteuner, uit_dienst_op=datum))
    ankers = list(vertrek.ankers_van_vertrekker(ondersteuner))
    toewijzingen = list(vertrek.trajecten_van_vertrekker(ondersteuner))
    standaard = standaard_opvolger(ondersteuner, kandidaten)
    formulier = VertrekForm(
        request.POST or None,
        kandidaten=kandidaten,
        items=[
            *((vertrek.anker_sleutel(a), vertrek.anker_omschrijving(a)) for a in ankers),
            *((vertrek.traject_sleutel(t), vertrek.traject_omschrijving(t)) for t in toewijzingen),
        ],
        standaard=standaard,
        initial={"uit_dienst_op": ondersteuner.uit_dienst_op},
    )
    if request.method == "POST" and formulier.is_valid():
        try:
            gedaan = vertrek.vertrek_verwerken(
                door=request.user,
                ondersteuner=ondersteuner,
                uit_dienst_op=formulier.cleaned_data["uit_dienst_op"],
                opvolgers=formulier.opvolgers(),
            )
        except ValidationError as fout:
            formulier.add_error(None, fout)
        else:
            if gedaan.iets_gedaan:
                messages.success(
                    request,
                    _(
                        "Het vertrek is vastgelegd: %(ankers)s ankerscholen en %(trajecten)s trajecten "
                        "overgedragen."
                    )
                    % {"ankers": gedaan.ankers, "trajecten": gedaan.trajecten},
                )
            else:
                messages.info(request, _("Er was niets meer over te dragen; er is niets gewijzigd."))
            return redirect("team_lijst")
    return render(
        request,
        "honingraat/team_vertrek.html",
        {
            "ondersteuner": ondersteuner,
            "formulier": formulier,
            "standaard": standaard,
            "aantal_items": len(ankers) + len(toewijzingen),
        },
    )


def _datum_uit(waarde) -> dt.date | None:
    try:
        return dt.date.fromisoformat(waarde) if waarde else None
    except ValueError:
        return None
