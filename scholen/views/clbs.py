"""The CLBs: reference data every school form and import names. Made, renamed and merged here, by hand,
and only here: an import refuses a CLB it does not know."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netwerk.models import Clb
from scholen import rules, services
from scholen.forms import ClbForm, SamenvoegenForm


def _toegang(request: HttpRequest) -> None:
    if not rules.mag_clbs_beheren(request.user):
        raise PermissionDenied


def _clbs():
    return Clb.objects.annotate(
        aantal_scholen=Count("scholen", distinct=True), aantal_medewerkers=Count("medewerkers", distinct=True)
    ).order_by("naam")


@require_http_methods(["GET", "POST"])
def clb_lijst(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    formulier = ClbForm(request.POST or None)
    if request.method == "POST" and formulier.is_valid():
        try:
            clb = services.clb_aanmaken(door=request.user, **formulier.cleaned_data)
        except ValidationError as fout:
            formulier.add_error(None, fout)
        else:
            messages.success(request, _("CLB ‘%(naam)s’ is aangemaakt.") % {"naam": clb.naam})
            return redirect("clb_lijst")
    clbs = list(_clbs())
    for clb in clbs:
        clb.mag_wijzigen = rules.mag_clb_wijzigen(request.user, clb)
    return render(request, "scholen/clbs.html", {"clbs": clbs, "formulier": formulier})


@require_http_methods(["GET", "POST"])
def clb_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    _toegang(request)
    clb = get_object_or_404(Clb, pk=pk)
    if not rules.mag_clb_wijzigen(request.user, clb):
        raise PermissionDenied
    formulier = ClbForm(request.POST or None, instance=Clb.objects.get(pk=pk))
    if request.method == "POST" and formulier.is_valid():
        try:
            services.clb_bijwerken(door=request.user, clb=clb, **formulier.cleaned_data)
        except ValidationError as fout:
            formulier.add_error(None, fout)
        else:
            messages.success(
                request, _("CLB ‘%(naam)s’ is bewaard.") % {"naam": formulier.cleaned_data["naam"]}
            )
            return redirect("clb_lijst")
    return render(request, "scholen/clb_bewerken.html", {"clb": clb, "formulier": formulier})


@require_http_methods(["GET", "POST"])
def clb_samenvoegen(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first: what moves to which CLB, and that this one disappears."""
    _toegang(request)
    van = get_object_or_404(Clb, pk=pk)
    if not rules.mag_clb_wijzigen(request.user, van):
        raise PermissionDenied
    formulier = SamenvoegenForm(request.POST or None, van=van, gebruiker=request.user)
    if request.method == "POST" and formulier.is_valid():
        naar = formulier.cleaned_data["naar"]
        try:
            verhuis = services.clb_samenvoegen(door=request.user, van=van, naar=naar)
        except ValidationError as fout:
            formulier.add_error(None, fout)
        except PermissionDenied:
            formulier.add_error(
                "naar",
                _("‘%(naam)s’ begeleidt ook scholen van andere leersteuncentra: vraag het aan de beheerder.")
                % {"naam": naar.naam},
            )
        else:
            messages.success(
                request,
                _(
                    "‘%(van)s’ is samengevoegd met ‘%(naar)s’: %(scholen)s scholen en %(medewerkers)s "
                    "accounts verhuisden."
                )
                % {
                    "van": van.naam,
                    "naar": naar.naam,
                    "scholen": verhuis.scholen,
                    "medewerkers": verhuis.medewerkers,
                },
            )
            return redirect("clb_lijst")
    context = {"clb": van, "formulier": formulier, "verhuis": services.clb_verhuis(van=van)}
    return render(request, "scholen/clb_samenvoegen.html", context)
