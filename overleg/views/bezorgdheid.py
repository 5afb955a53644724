"""A concern about a supporter: the care staff's form (`zorg_melden`), the list of one's own and received
concerns (`zorgen_lijst`), and the concern itself, where a recipient marks it handled. Whoever did not send
or receive it does not find it (404)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from netwerk.models import Rol
from overleg import bezorgdheid as zorgen
from overleg.forms import AfhandelingForm, BezorgdheidForm
from overleg.services import OverlegFout
from scholen.queries import scholen_zichtbaar_voor


@require_http_methods(["GET", "POST"])
def zorg_melden(request: HttpRequest, school_pk: int) -> HttpResponse:
    if not zorgen.mag_melden(request.user):
        raise PermissionDenied
    school = get_object_or_404(scholen_zichtbaar_voor(request.user), pk=school_pk)
    ondersteuners = list(zorgen.ondersteuners_voor(request.user, school))
    formulier = BezorgdheidForm(
        request.POST if request.method == "POST" else None, ondersteuners=ondersteuners
    )
    if formulier.is_bound and formulier.is_valid():
        data = formulier.cleaned_data
        try:
            bezorgdheid = zorgen.bezorgdheid_melden(
                door=request.user,
                school=school,
                ondersteuner_id=data["ondersteuner"],
                tekst=data["tekst"],
                al_besproken=data["al_besproken"],
                naar=data["naar"],
            )
        except OverlegFout as fout:
            formulier.add_error(None, str(fout))
        else:
            messages.success(request, _("Je bezorgdheid is verstuurd, enkel naar wie je koos."))
            return redirect("bezorgdheid_detail", pk=bezorgdheid.pk)
    context = {"school": school, "formulier": formulier, "ondersteuners": ondersteuners}
    return render(request, "overleg/bezorgdheid/melden.html", context)


@require_safe
def zorgen_lijst(request: HttpRequest) -> HttpResponse:
    if request.user.rol in {Rol.CLB, Rol.ADMIN}:
        raise PermissionDenied
    bezorgdheden = zorgen.lijst_voor(request.user)
    # `?open=1`: only those sent to this user and not yet handled (the count on the home page leads here).
    enkel_open = request.GET.get("open") == "1"
    if enkel_open:
        bezorgdheden = bezorgdheden.filter(aan_mij=True, afgehandeld_op__isnull=True)
    context = {"bezorgdheden": list(bezorgdheden), "enkel_open": enkel_open}
    return render(request, "overleg/bezorgdheid/lijst.html", context)


def _detail(request: HttpRequest, bezorgdheid, formulier=None) -> HttpResponse:
    kan_afhandelen = zorgen.mag_afhandelen(request.user, bezorgdheid) and bezorgdheid.afgehandeld_op is None
    context = {
        "bezorgdheid": bezorgdheid,
        "formulier": (formulier or AfhandelingForm()) if kan_afhandelen else None,
        "ontvangers": list(bezorgdheid.ontvangers.order_by("naam").values_list("naam", flat=True)),
    }
    return render(request, "overleg/bezorgdheid/detail.html", context)


def _zichtbaar_of_404(request: HttpRequest, pk: int):
    return get_object_or_404(
        zorgen.lijst_voor(request.user).select_related("afgehandeld_door", "door", "lsc"), pk=pk
    )


@require_safe
def bezorgdheid_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _zichtbaar_of_404(request, pk))


@require_POST
def bezorgdheid_afhandelen(request: HttpRequest, pk: int) -> HttpResponse:
    """Only a recipient acts on a concern: for everyone else, the sender too, there is nothing here (404)."""
    bezorgdheid = _zichtbaar_of_404(request, pk)
    if not zorgen.mag_afhandelen(request.user, bezorgdheid):
        raise Http404
    if bezorgdheid.afgehandeld_op is not None:
        messages.error(request, _("Deze bezorgdheid is al afgehandeld."))
        return redirect("bezorgdheid_detail", pk=bezorgdheid.pk)
    formulier = AfhandelingForm(request.POST)
    if formulier.is_valid():
        try:
            zorgen.bezorgdheid_afhandelen(
                door=request.user, bezorgdheid=bezorgdheid, afhandeling=formulier.cleaned_data["afhandeling"]
            )
        except OverlegFout as fout:
            formulier.add_error(None, str(fout))
        else:
            messages.success(request, _("Afgehandeld: de school leest je toelichting."))
            return redirect("bezorgdheid_detail", pk=bezorgdheid.pk)
    return _detail(request, bezorgdheid, formulier)


urlpatterns = [
    path("bezorgdheden/", zorgen_lijst, name="zorgen_lijst"),
    path("bezorgdheden/school/<int:school_pk>/", zorg_melden, name="zorg_melden"),
    path("bezorgdheden/<int:pk>/", bezorgdheid_detail, name="bezorgdheid_detail"),
    path("bezorgdheden/<int:pk>/afhandelen/", bezorgdheid_afhandelen, name="bezorgdheid_afhandelen"),
]
