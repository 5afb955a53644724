"""The home page of each role, the invitation of new accounts and the health endpoint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Window
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from netwerk import gezondheid as gezondheidscheck
from netwerk import queries, rules
from netwerk.forms import UitnodigingForm
from netwerk.models import BELEIDSROLLEN, Leersteuncentrum, Ondersteuner, Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from netwerk.services import gebruiker_uitnodigen as uitnodigen
from scholen.queries import met_ankers, scholen_zichtbaar_voor, scholen_zonder_anker

HOME_LIJST_MAX = 12


def home(request: HttpRequest) -> HttpResponse:
    gebruiker = request.user
    context = {"schooljaar": als_tekst(huidig_schooljaar())}
    if rules.is_beheerder(gebruiker):
        context["lscs"] = queries.met_tellingen(Leersteuncentrum.objects.all())
        return render(request, "netwerk/home_admin.html", context)
    if gebruiker.rol in BELEIDSROLLEN:
        return _home_beleid(request, context)
    if gebruiker.rol == Rol.TEAMCOACH:
        context["regioteams"] = queries.regioteams_met_tellingen(gebruiker.gecoachte_regioteams.all())
        return render(request, "netwerk/home_teamcoach.html", context)
    if gebruiker.rol == Rol.ONDERSTEUNER:
        ondersteuner = (
            Ondersteuner.objects.select_related("regioteam", "lsc").filter(gebruiker=gebruiker).first()
        )
        context["ondersteuner"] = ondersteuner
        context["ankers"] = queries.ankerscholen_van(ondersteuner) if ondersteuner else []
        return render(request, "netwerk/home_ondersteuner.html", context)
    if gebruiker.rol == Rol.ZORG:
        scholen = met_ankers(scholen_zichtbaar_voor(gebruiker).select_related("clb"))
        context["scholen"] = scholen.prefetch_related("cijfers")
        return render(request, "netwerk/home_zorg.html", context)
    if gebruiker.rol == Rol.CLB:
        context["scholen"] = scholen_zichtbaar_voor(gebruiker).order_by("naam")
        return render(request, "netwerk/home_clb.html", context)
    return render(request, "netwerk/home_geen_rol.html", context)


def _home_beleid(request: HttpRequest, context: dict) -> HttpResponse:
    lsc = queries.met_tellingen(Leersteuncentrum.objects.filter(pk=request.user.lsc_id)).get()
    # The window count rides along with the first rows: one query for the list and its total.
    zonder_anker = list(
        scholen_zonder_anker(lsc_id=lsc.pk).annotate(totaal=Window(Count("pk")))[:HOME_LIJST_MAX]
    )
    context.update(
        lsc=lsc,
        regioteams=queries.regioteams_met_tellingen(lsc.regioteams.all()),
        zonder_anker=zonder_anker,
        aantal_zonder_anker=zonder_anker[0].totaal if zonder_anker else 0,
    )
    return render(request, "netwerk/home_beleid.html", context)


@require_http_methods(["GET", "POST"])
def gebruiker_uitnodigen(request: HttpRequest) -> HttpResponse:
    if not rules.mag_uitnodigen(request.user):
        raise PermissionDenied
    form = UitnodigingForm(request.POST or None, uitnodiger=request.user)
    if request.method == "POST" and form.is_valid():
        gebruiker = uitnodigen(uitnodiger=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(naam)s is uitgenodigd: de uitnodiging gaat naar %(email)s.")
            % {"naam": gebruiker.naam, "email": gebruiker.email},
        )
        return redirect("gebruiker_uitnodigen")
    return render(request, "netwerk/uitnodigen.html", {"form": form})


@login_not_required
@never_cache
def gezondheid(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker compose: database, broker and the worker's last heartbeat."""
    resultaat = gezondheidscheck.controleer()
    return JsonResponse(resultaat, status=200 if resultaat["ok"] else 503)
