"""The afstemmingsgesprek's pages: the school asks (`afstemming_vragen`), everyone involved follows the list
(`afstemming_lijst`) and the detail, the anchor or coordination plans and closes it. What is not yours is
not found (404); a role that never asks or plans gets a 403 on the forms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from overleg import afstemming
from overleg.forms import AfstemmingAfsluitenForm, AfstemmingPlannenForm, AfstemmingVragenForm
from overleg.models import Afstemmingsgesprek, Afstemmingsstatus
from overleg.services import OverlegFout
from scholen.queries import scholen_zichtbaar_voor


def _zichtbaar_of_404(request: HttpRequest, pk: int) -> Afstemmingsgesprek:
    gesprekken = afstemming.met_mijn_rol(afstemming.afstemmingen_zichtbaar_voor(request.user), request.user)
    return get_object_or_404(gesprekken.select_related("school", "lsc", "gevraagd_door"), pk=pk)


def _planbaar_of_404(request: HttpRequest, pk: int) -> Afstemmingsgesprek:
    gesprek = _zichtbaar_of_404(request, pk)
    if not afstemming.mag_plannen(request.user, gesprek):
        raise Http404
    return gesprek


@require_http_methods(["GET", "POST"])
def afstemming_vragen(request: HttpRequest, school_pk: int) -> HttpResponse:
    if not afstemming.mag_vragen(request.user):
        raise PermissionDenied
    school = get_object_or_404(scholen_zichtbaar_voor(request.user), pk=school_pk)
    lscs = list(afstemming.lscs_om_te_vragen(request.user, school))
    formulier = AfstemmingVragenForm(request.POST if request.method == "POST" and lscs else None, lscs=lscs)
    if formulier.is_bound and formulier.is_valid():
        data = formulier.cleaned_data
        try:
            gesprek = afstemming.afstemming_vragen(
                door=request.user,
                school=school,
                lsc=next(lsc for lsc in lscs if lsc.pk == data["lsc"]),
                onderwerp=data["onderwerp"],
                partners=data["partners"],
                andere_partners=data["andere_partners"],
                voorkeur_momenten=data["voorkeur_momenten"],
            )
        except OverlegFout as fout:
            formulier.add_error(None, str(fout))
        else:
            messages.success(
                request,
                _("Je vraag is bij de ankerondersteuner. Je ziet hier wanneer het gesprek gepland is."),
            )
            return redirect("afstemming_detail", pk=gesprek.pk)
    context = {"school": school, "formulier": formulier, "lscs": lscs}
    return render(request, "overleg/afstemming/vragen.html", context)


@require_safe
def afstemming_lijst(request: HttpRequest) -> HttpResponse:
    if request.user.rol == "admin":
        raise PermissionDenied
    gesprekken = afstemming.lijst_voor(request.user)
    # `?status=gevraagd`: only the requests still to plan (the count on the home page leads here).
    enkel_gevraagd = request.GET.get("status") == Afstemmingsstatus.GEVRAAGD
    if enkel_gevraagd:
        gesprekken = gesprekken.filter(status=Afstemmingsstatus.GEVRAAGD)
    context = {"gesprekken": list(gesprekken), "enkel_gevraagd": enkel_gevraagd}
    return render(request, "overleg/afstemming/lijst.html", context)


@require_safe
def afstemming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gesprek = _zichtbaar_of_404(request, pk)
    context = {
        "gesprek": gesprek,
        "deelnemers": list(gesprek.deelnemers.select_related("gebruiker").order_by("rol", "gebruiker__naam")),
        "mag_plannen": afstemming.mag_plannen(request.user, gesprek)
        and afstemming.open_voor_planning(gesprek),
    }
    return render(request, "overleg/afstemming/detail.html", context)


@require_http_methods(["GET", "POST"])
def afstemming_plannen(request: HttpRequest, pk: int) -> HttpResponse:
    gesprek = _planbaar_of_404(request, pk)
    kandidaten = afstemming.kandidaten(gesprek)
    al = list(gesprek.deelnemers.values_list("gebruiker_id", flat=True))
    if request.method == "POST":
        formulier = AfstemmingPlannenForm(request.POST, kandidaten=kandidaten)
    else:
        formulier = AfstemmingPlannenForm(
            initial={
                "versie": gesprek.versie,
                "datum": gesprek.datum,
                "duur_minuten": gesprek.duur_minuten,
                "plaats": gesprek.plaats,
                "externe_deelnemers": gesprek.externe_deelnemers,
                "deelnemers": al or afstemming.standaard_deelnemers(gesprek, kandidaten),
            },
            kandidaten=kandidaten,
        )
    if formulier.is_bound and formulier.is_valid():
        data = formulier.cleaned_data
        try:
            aantal = afstemming.afstemming_plannen(
                door=request.user,
                gesprek=gesprek,
                versie=data["versie"],
                datum=data["datum"],
                duur_minuten=data["duur_minuten"],
                plaats=data["plaats"],
                externe_deelnemers=data["externe_deelnemers"],
                deelnemer_ids=data["deelnemers"],
            )
        except OverlegFout as fout:
            formulier.add_error(None, str(fout))
        else:
            messages.success(
                request, _("Het gesprek is gepland: %(n)d uitnodiging(en) vertrekken.") % {"n": aantal}
            )
            return redirect("afstemming_detail", pk=gesprek.pk)
    context = {"gesprek": gesprek, "formulier": formulier, "open": afstemming.open_voor_planning(gesprek)}
    return render(request, "overleg/afstemming/plannen.html", context)


@require_POST
def afstemming_afsluiten(request: HttpRequest, pk: int) -> HttpResponse:
    gesprek = _planbaar_of_404(request, pk)
    formulier = AfstemmingAfsluitenForm(request.POST)
    if not formulier.is_valid():
        messages.error(request, _("Kies gehouden of geannuleerd en probeer opnieuw."))
        return redirect("afstemming_detail", pk=gesprek.pk)
    try:
        afstemming.afstemming_afsluiten(
            door=request.user,
            gesprek=gesprek,
            versie=formulier.cleaned_data["versie"],
            uitkomst=formulier.cleaned_data["uitkomst"],
        )
    except OverlegFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("Het afstemmingsgesprek is afgesloten."))
    return redirect("afstemming_detail", pk=gesprek.pk)


urlpatterns = [
    path("afstemming/", afstemming_lijst, name="afstemming_lijst"),
    path("afstemming/school/<int:school_pk>/", afstemming_vragen, name="afstemming_vragen"),
    path("afstemming/<int:pk>/", afstemming_detail, name="afstemming_detail"),
    path("afstemming/<int:pk>/plannen/", afstemming_plannen, name="afstemming_plannen"),
    path("afstemming/<int:pk>/afsluiten/", afstemming_afsluiten, name="afstemming_afsluiten"),
]
