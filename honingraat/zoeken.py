"""One search field in the header: schools, supporters and, for those who may read pupil data, pupils by
first name and initial. Every kind is read through the same scoped queryset as its own page, so a result
always opens and nothing outside the user's reach is found.

The term comes POSTed, as on the trajectory list: it may be a pupil's name, which must stay out of URLs and
logs. A search that shows pupils is logged as a read of those trajectories, as a list page is."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from netwerk.audit import log_inzage
from netwerk.models import Inzage
from scholen.queries import ondersteuners_zichtbaar_voor, scholen_zichtbaar_voor
from trajecten.queries import trajecten_zichtbaar_voor

PER_SOORT = 8  # a few of each kind: a search field is for finding one thing, the lists are for browsing
MINSTENS = 2


class ZoekveldForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        max_length=60,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )


@dataclass
class Uitkomst:
    """What one search found, at most PER_SOORT of each kind; `meer_*` says the kind had more."""

    term: str = ""
    scholen: list = field(default_factory=list)
    ondersteuners: list = field(default_factory=list)
    leerlingen: list = field(default_factory=list)
    meer_scholen: bool = False
    meer_ondersteuners: bool = False
    meer_leerlingen: bool = False
    leerlingen_gezocht: bool = False

    @property
    def aantal(self) -> int:
        return len(self.scholen) + len(self.ondersteuners) + len(self.leerlingen)


def _eerste(queryset) -> tuple[list, bool]:
    rijen = list(queryset[: PER_SOORT + 1])
    return rijen[:PER_SOORT], len(rijen) > PER_SOORT


def leerlingfilter(term: str) -> Q:
    """ "Mila" finds first names starting so; "Mila V" or "Mila V." also needs the initial. A prefix on the
    upper-cased first name, which the index leerling_voornaam_zoek serves at a million pupils."""
    voornaam, _spatie, rest = term.partition(" ")
    filter_ = Q(leerling__voornaam__istartswith=voornaam, leerling__geanonimiseerd_op__isnull=True)
    if initiaal := rest.strip().rstrip(".")[:2]:
        filter_ &= Q(leerling__initiaal__iexact=initiaal)
    return filter_


def zoek(gebruiker, term: str) -> Uitkomst:
    uitkomst = Uitkomst(term=term)
    if len(term) < MINSTENS:
        return uitkomst
    scholen = scholen_zichtbaar_voor(gebruiker).filter(
        Q(naam__icontains=term) | Q(gemeente__istartswith=term) | Q(instellingsnummer=term)
    )
    uitkomst.scholen, uitkomst.meer_scholen = _eerste(scholen.order_by("naam", "pk").only("naam", "gemeente"))
    ondersteuners = (
        ondersteuners_zichtbaar_voor(gebruiker)
        .filter(gebruiker__naam__icontains=term)
        .select_related("gebruiker", "regioteam")
        .only("gebruiker__naam", "uit_dienst_op", "regioteam__naam")
        .order_by("gebruiker__naam", "pk")
    )
    uitkomst.ondersteuners, uitkomst.meer_ondersteuners = _eerste(ondersteuners)
    if gebruiker.ziet_leerlinggegevens and not any(teken.isdigit() for teken in term):
        uitkomst.leerlingen_gezocht = True
        trajecten = (
            trajecten_zichtbaar_voor(gebruiker)
            .filter(leerlingfilter(term))
            .select_related("leerling", "school")
            .only(
                "status", "type", "aangemeld_op",
                "leerling__voornaam", "leerling__initiaal", "leerling__klas", "school__naam",
            )
            .order_by("leerling__voornaam", "leerling__initiaal", "-aangemeld_op", "-pk")
        )  # fmt: skip
        uitkomst.leerlingen, uitkomst.meer_leerlingen = _eerste(trajecten)
    return uitkomst


@never_cache
@require_http_methods(["GET", "POST"])
def zoeken(request: HttpRequest) -> HttpResponse:
    """GET: the search page with an empty field (where a phone's header has only the button). POST: the
    results, as a page or, for the header's live field, as the panel under it."""
    formulier = ZoekveldForm(request.POST if request.method == "POST" else None)
    term = formulier.cleaned_data["q"] if formulier.is_bound and formulier.is_valid() else ""
    uitkomst = zoek(request.user, term)
    if ids := [str(traject.pk) for traject in uitkomst.leerlingen]:
        log_inzage(
            door=request.user, soort=Inzage.Soort.LIJST, omschrijving="zoekresultaten " + " ".join(ids)
        )
    context = {"formulier": formulier, "uitkomst": uitkomst, "minstens": MINSTENS}
    if request.htmx and request.htmx.target == "kopzoek-resultaten":
        return render(request, "honingraat/zoeken.html#resultaten", {**context, "in_kop": True})
    return render(request, "honingraat/zoeken.html", context)
