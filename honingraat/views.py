"""The home page of each role, the invitation of new accounts and the health endpoint."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Window
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from capaciteit import queries as capaciteit_queries
from capaciteit.models import Planregel, Weekplan
from honingraat import werk
from honingraat.forms import UitnodigingForm
from netwerk import gezondheid as gezondheidscheck
from netwerk import rules, services
from netwerk.forms import CoachForm, OndersteunerForm
from netwerk.jsonrijen import Rijen, zet_terug
from netwerk.models import BELEIDSROLLEN, Leersteuncentrum, Ondersteuner, Regioteam, Rol
from netwerk.queries import aantal
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg.queries import gedeelde_verslagen_voor, open_afspraken_van
from scholen.models import Ankertoewijzing, Schooljaarcijfers
from scholen.queries import (
    ankerscholen_van,
    collegas_te_bevestigen,
    met_ankers,
    met_bevestigingen,
    met_tellingen,
    ondersteuners_met_belasting,
    ondersteuners_zichtbaar_voor,
    regioteams_met_tellingen,
    regioteams_zichtbaar_voor,
    scholen_zichtbaar_voor,
    scholen_zonder_anker,
    te_beslissen,
)
from scholen.services import account_uitnodigen
from trajecten.queries import tellingen_voor_ondersteuner

HOME_LIJST_MAX = 12
# Who can own an agreement of a school consultation: their open ones are on their home page.
ROLLEN_MET_AFSPRAKEN = {*BELEIDSROLLEN, Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG}


def _mijn_afspraken(gebruiker) -> list:
    """One query: the most urgent open agreements, each row carrying the total (a window count)."""
    return list(open_afspraken_van(gebruiker).annotate(totaal=Window(Count("pk")))[:HOME_LIJST_MAX])


def home(request: HttpRequest) -> HttpResponse:
    gebruiker = request.user
    context = {"schooljaar": als_tekst(huidig_schooljaar())}
    if rules.is_beheerder(gebruiker):
        context["lscs"] = met_tellingen(Leersteuncentrum.objects.all())
        return render(request, "honingraat/home_admin.html", context)
    if gebruiker.rol in BELEIDSROLLEN:
        return _home_beleid(request, context)  # their agreements come with their LSC's row
    if gebruiker.rol in ROLLEN_MET_AFSPRAKEN:
        context["mijn_afspraken"] = _mijn_afspraken(gebruiker)
    if gebruiker.rol == Rol.TEAMCOACH:
        context["regioteams"] = regioteams_met_tellingen(gebruiker.gecoachte_regioteams.all())
        context["wachtend"], _cijfers = werk.wat_wacht(gebruiker)
        return render(request, "honingraat/home_teamcoach.html", context)
    if gebruiker.rol == Rol.ONDERSTEUNER:
        ondersteuner = (
            Ondersteuner.objects.select_related("regioteam", "lsc").filter(gebruiker=gebruiker).first()
        )
        context["ondersteuner"] = ondersteuner
        context["ankers"] = ankerscholen_van(ondersteuner) if ondersteuner else []
        context["trajecten"] = tellingen_voor_ondersteuner(gebruiker)
        return render(request, "honingraat/home_ondersteuner.html", context)
    if gebruiker.rol == Rol.ZORG:
        return _home_zorg(request, context)
    if gebruiker.rol == Rol.CLB:
        context["scholen"] = scholen_zichtbaar_voor(gebruiker).order_by("naam")
        context["verslagen"] = list(gedeelde_verslagen_voor(gebruiker)[:HOME_LIJST_MAX])
        return render(request, "honingraat/home_clb.html", context)
    return render(request, "honingraat/home_geen_rol.html", context)


# The care staff's home page: each school's anchors, its figures and this year's visits of the published week
# plans read as JSON columns of the schools' own query (netwerk/jsonrijen.py), however many schools.
ZORG_CIJFERS = Rijen(Schooljaarcijfers.objects.filter(school=OuterRef("pk")).order_by("-schooljaar", "pk"))


def _zorg_ankers() -> Rijen:
    return Rijen(
        Ankertoewijzing.objects.filter(school=OuterRef("pk"), schooljaar=huidig_schooljaar()).order_by("pk"),
        samen=("ondersteuner", "ondersteuner__gebruiker", "lsc"),
    )


def _wie_komt_wanneer() -> Rijen:
    """The visits of this year's published week plans at the school, day by day."""
    return Rijen(
        Planregel.objects.filter(
            school=OuterRef("pk"),
            weekplan__status=Weekplan.Status.GEPUBLICEERD,
            weekplan__schooljaar=huidig_schooljaar(),
        ).order_by("dag", "ondersteuner__gebruiker__naam", "pk"),
        samen=("ondersteuner", "ondersteuner__gebruiker", "weekplan"),
    )


def _home_zorg(request: HttpRequest, context: dict) -> HttpResponse:
    """Each school of the care team, with of every LSC serving it only what that LSC vouched for: its
    anchors and its visits. The LSCs that did not (yet) are named, and so are the colleagues this user may
    vouch for."""
    gebruiker = request.user
    ankers, bezoeken = _zorg_ankers(), _wie_komt_wanneer()
    scholen = met_bevestigingen(scholen_zichtbaar_voor(gebruiker).select_related("clb"), gebruiker).annotate(
        json_ankers=ankers.expressie(),
        json_cijfers=ZORG_CIJFERS.expressie(),
        json_bezoeken=bezoeken.expressie(),
    )
    scholen = list(scholen)
    collegas = collegas_te_bevestigen(gebruiker)
    for school in scholen:
        mijn_lscs = set(school.bevestigd_door)
        zet_terug(school, "cijfers", ZORG_CIJFERS, school.json_cijfers)
        school.huidige_ankers = [a for a in ankers.instanties(school.json_ankers) if a.lsc_id in mijn_lscs]
        school.wie_komt_wanneer = capaciteit_queries.per_dag(
            [b for b in bezoeken.instanties(school.json_bezoeken) if b.weekplan.lsc_id in mijn_lscs]
        )
        school.collegas = collegas.get(school.pk, [])
    context["scholen"] = scholen
    return render(request, "honingraat/home_zorg.html", context)


def _home_beleid(request: HttpRequest, context: dict) -> HttpResponse:
    """The LSC's row brings the page's short lists as JSON columns (netwerk/jsonrijen.py): the user's most
    urgent open agreements, the first schools without an anchor and the regio teams with their counts, each
    with its total beside it."""
    gebruiker, lsc_id = request.user, request.user.lsc_id
    wachtend = te_beslissen(lsc_id=lsc_id)
    afspraken = Rijen(open_afspraken_van(gebruiker)[:HOME_LIJST_MAX], samen=("overleg", "overleg__school"))
    zonder = Rijen(scholen_zonder_anker(lsc_id=lsc_id)[:HOME_LIJST_MAX])
    regioteams = Rijen(
        regioteams_met_tellingen(Regioteam.objects.filter(lsc=OuterRef("pk"))), samen=("coach",)
    )
    lsc = (
        met_tellingen(Leersteuncentrum.objects.filter(pk=lsc_id))
        .annotate(**{f"te_beslissen_{i}": aantal(qs) for i, qs in enumerate(wachtend)})
        .annotate(
            json_afspraken=afspraken.expressie(),
            aantal_afspraken=aantal(open_afspraken_van(gebruiker)),
            json_zonder_anker=zonder.expressie(),
            aantal_zonder_anker=aantal(scholen_zonder_anker(lsc_id=lsc_id)),
            json_regioteams=regioteams.expressie(),
            **werk.kolommen(gebruiker),  # what waits, and the capacity signals' inputs
            **(werk.maandkolommen(gebruiker) if gebruiker.rol == Rol.DIRECTEUR else {}),
        )
        .get()
    )
    lsc.te_beslissen = sum(getattr(lsc, f"te_beslissen_{i}") for i in range(len(wachtend)))
    mijn_afspraken = afspraken.instanties(lsc.json_afspraken)
    for afspraak in mijn_afspraken:
        afspraak.totaal = lsc.aantal_afspraken
    context.update(
        lsc=lsc,
        mijn_afspraken=mijn_afspraken,
        regioteams=regioteams.instanties(lsc.json_regioteams),
        zonder_anker=zonder.instanties(lsc.json_zonder_anker),
        aantal_zonder_anker=lsc.aantal_zonder_anker,
    )
    context["wachtend"], context["cijfers"] = werk.wat_wacht(gebruiker, rij=lsc)
    if gebruiker.rol == Rol.DIRECTEUR:
        context["maand"] = werk.maandcijfers(gebruiker, rij=lsc)
        return render(request, "honingraat/home_directeur.html", context)
    return render(request, "honingraat/home_coordinator.html", context)


@require_safe
def mislukte_mails(request: HttpRequest) -> HttpResponse:
    """The coordination's mails that could not be sent, each with the batch where it can be sent again."""
    if not (request.user.rol in BELEIDSROLLEN and request.user.lsc_id):
        raise PermissionDenied
    mails = (
        werk.mislukte_mails(request.user.lsc_id)
        .select_related("overleg__school", "afstemming__school", "ontvanger", "batch")
        .order_by("-aangemaakt_op", "-pk")
    )
    meldingen = (
        werk.mislukte_meldingmails(request.user.lsc_id)
        .select_related("ontvanger")
        .only("soort", "aangemaakt_op", "ontvanger__naam", "ontvanger__email")
        .order_by("-aangemaakt_op", "-pk")
    )
    context = {"mails": list(mails), "meldingen": list(meldingen)}
    return render(request, "honingraat/mislukte_mails.html", context)


@require_http_methods(["GET", "POST"])
def gebruiker_uitnodigen(request: HttpRequest) -> HttpResponse:
    if not rules.mag_uitnodigen(request.user):
        raise PermissionDenied
    form = UitnodigingForm(request.POST or None, uitnodiger=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            gebruiker = account_uitnodigen(uitnodiger=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
            return render(request, "honingraat/uitnodigen.html", {"form": form})
        messages.success(
            request,
            _("%(naam)s is uitgenodigd: de uitnodiging gaat naar %(email)s.")
            % {"naam": gebruiker.naam, "email": gebruiker.email},
        )
        return redirect("gebruiker_uitnodigen")
    return render(request, "honingraat/uitnodigen.html", {"form": form})


@login_not_required
def naar_account(request: HttpRequest, rest: str) -> HttpResponsePermanentRedirect:
    """/accounts/… is allauth's default prefix; Honingraat's is /account/. Only the path moves: the query
    goes along, and a path that does not exist there is a 404 there."""
    doel = "/account/" + rest
    if request.META.get("QUERY_STRING"):
        doel += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(doel)


@login_not_required
@never_cache
def gezondheid(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker compose: up (200) or down (503), as PostgreSQL answers. The
    monitoring's token or a staff login also reads the parts: database, broker, the worker's heartbeat."""
    if gezondheidscheck.mag_details(request):
        resultaat = gezondheidscheck.controleer()
    else:
        resultaat = gezondheidscheck.op_of_neer()
    return JsonResponse(resultaat, status=200 if resultaat["ok"] else 503)


def regioteam_detail(request: HttpRequest, pk: int) -> HttpResponse:
    regioteam = get_object_or_404(
        regioteams_met_tellingen(regioteams_zichtbaar_voor(request.user)).select_related("lsc"), pk=pk
    )
    mag_bewerken = rules.is_beleid(request.user) and regioteam.lsc_id == request.user.lsc_id
    formulier = CoachForm(
        request.POST or None, lsc_id=regioteam.lsc_id, initial={"coach": regioteam.coach_id}
    )
    if request.method == "POST":
        if not mag_bewerken:
            raise PermissionDenied
        if formulier.is_valid():
            try:
                services.regioteam_coach_instellen(
                    door=request.user, regioteam=regioteam, coach=formulier.cleaned_data["coach"]
                )
                messages.success(
                    request, _("De teamcoach van %(team)s is bewaard.") % {"team": regioteam.naam}
                )
                return redirect("regioteam_detail", pk=regioteam.pk)
            except ValidationError as fout:
                formulier.add_error("coach", fout)
    scholen = met_ankers(
        scholen_zichtbaar_voor(request.user).filter(bedieningen__regioteam=regioteam).order_by("naam")
    )
    return render(
        request,
        "honingraat/regioteam_detail.html",
        {
            "regioteam": regioteam,
            "ondersteuners": ondersteuners_met_belasting(regioteam.ondersteuners.all()),
            "scholen": scholen,
            "formulier": formulier if mag_bewerken else None,
            "schooljaar": als_tekst(huidig_schooljaar()),
        },
    )


def ondersteuner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ondersteuner = get_object_or_404(
        ondersteuners_met_belasting(ondersteuners_zichtbaar_voor(request.user)).select_related("lsc"),
        pk=pk,
    )
    mag_bewerken = rules.is_beleid(request.user) and ondersteuner.lsc_id == request.user.lsc_id
    # The form gets a copy: an invalid one has already written its values (an opdracht of 10^40 %) onto its
    # instance, and the page around it must show the supporter as stored.
    formulier = OndersteunerForm(request.POST or None, instance=copy.copy(ondersteuner))
    if request.method == "POST":
        if not mag_bewerken:
            raise PermissionDenied
        if formulier.is_valid():
            try:
                services.ondersteuner_bijwerken(
                    door=request.user, ondersteuner=ondersteuner, gegevens=formulier.cleaned_data
                )
                messages.success(
                    request, _("De gegevens van %(naam)s zijn bewaard.") % {"naam": ondersteuner}
                )
                return redirect("ondersteuner_detail", pk=ondersteuner.pk)
            except ValidationError as fout:
                formulier.add_error(None, fout)
    return render(
        request,
        "honingraat/ondersteuner_detail.html",
        {
            "ondersteuner": ondersteuner,
            "ankers": ankerscholen_van(ondersteuner),
            "formulier": formulier if mag_bewerken else None,
            "schooljaar": als_tekst(huidig_schooljaar()),
            "planning": capaciteit_queries.planning_van(ondersteuner),
        },
    )
