"""The agreements of a consultation: added, edited, removed and marked done in place (HTMX), each change
refused when someone else changed the agreement meanwhile."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from overleg import queries, rules, services
from overleg.forms import (
    AfspraakForm,
)
from overleg.models import Afspraak
from overleg.services import OverlegFout, afspraak_stand
from overleg.views.werkpagina import (
    afspraak_of_404,
    afspraken_context,
    bewerkbaar_of_404,
    deelnemers_van,
    detail_context,
    eigenaars_van,
    overleggen,
    terug,
)


def _afspraken_antwoord(request: HttpRequest, overleg, *, melding="", fout="", **extra) -> HttpResponse:
    if not request.htmx:
        if melding or fout:
            (messages.error if fout else messages.success)(request, fout or melding)
        if extra:
            return render(request, "overleg/detail.html", detail_context(request, overleg, **extra))
        return terug(overleg, "afspraken")
    _vast, personen = deelnemers_van(overleg)
    context = afspraken_context(overleg, personen, True, afspraken_melding=melding, afspraken_fout=fout)
    context.update(extra)
    return render(request, "overleg/detail.html#afspraken", context)


@require_POST
def overleg_afspraak_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = bewerkbaar_of_404(request, pk)
    formulier = AfspraakForm(request.POST, eigenaars=eigenaars_van(overleg), auto_id="id_nieuw_%s")
    if not formulier.is_valid():
        return _afspraken_antwoord(request, overleg, nieuwe_afspraak=formulier)
    data = formulier.cleaned_data
    services.afspraak_toevoegen(
        door=request.user,
        overleg=overleg,
        omschrijving=data["omschrijving"],
        eigenaar_id=data["eigenaar"],
        tegen=data["tegen"],
    )
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is toegevoegd."))


@require_http_methods(["GET", "POST"])
def afspraak_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    afspraak, overleg = afspraak_of_404(request, pk)
    eigenaars = eigenaars_van(overleg)
    if afspraak.eigenaar_id not in dict(eigenaars):
        # The owner is kept even if they no longer take part: the agreement was made with them.
        eigenaars.append((afspraak.eigenaar_id, afspraak.eigenaar.naam))
    kwargs = {
        "eigenaars": eigenaars,
        "vorige_tegen": afspraak.tegen,
        "auto_id": f"id_afspraak_{afspraak.pk}_%s",
    }
    if request.method == "GET":
        initial = {
            "omschrijving": afspraak.omschrijving,
            "eigenaar": afspraak.eigenaar_id,
            "tegen": afspraak.tegen,
            "stand": afspraak_stand(afspraak),
        }
        formulier = AfspraakForm(initial=initial, **kwargs)
        return _afspraken_antwoord(request, overleg, bewerk_pk=afspraak.pk, bewerk_formulier=formulier)
    formulier = AfspraakForm(request.POST, **kwargs)
    if not formulier.is_valid():
        return _afspraken_antwoord(request, overleg, bewerk_pk=afspraak.pk, bewerk_formulier=formulier)
    data = formulier.cleaned_data
    try:
        services.afspraak_wijzigen(
            door=request.user,
            afspraak=afspraak,
            stand=data["stand"],
            omschrijving=data["omschrijving"],
            eigenaar_id=data["eigenaar"],
            tegen=data["tegen"],
        )
    except OverlegFout as fout:
        formulier.add_error(None, str(fout))
        return _afspraken_antwoord(request, overleg, bewerk_pk=afspraak.pk, bewerk_formulier=formulier)
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is bijgewerkt."))


@require_POST
def afspraak_verwijderen_view(request: HttpRequest, pk: int) -> HttpResponse:
    afspraak, overleg = afspraak_of_404(request, pk)
    try:
        services.afspraak_verwijderen(
            door=request.user, afspraak=afspraak, stand=request.POST.get("stand", "")
        )
    except OverlegFout as fout:
        return _afspraken_antwoord(request, overleg, fout=str(fout))
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is verwijderd."))


@require_POST
def afspraak_afronden_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner (from their home page) or whoever may edit the consultation marks an agreement done."""
    afspraak = get_object_or_404(Afspraak.objects.select_related("overleg__school"), pk=pk)
    overleg = overleggen(request.user).filter(pk=afspraak.overleg_id).first()
    mag_bewerken = overleg is not None and rules.mag_overleg_bewerken(request.user, overleg)
    if afspraak.eigenaar_id != request.user.pk and not mag_bewerken:
        raise Http404
    afspraak = services.afspraak_afronden(door=request.user, afspraak=afspraak)
    if request.POST.get("vanuit") == "home" or not mag_bewerken:
        if not request.htmx:
            messages.success(request, _("De afspraak is afgerond."))
            return redirect("home")
        afspraak = queries.met_te_laat(Afspraak.objects.select_related("overleg__school")).get(pk=afspraak.pk)
        return render(
            request, "overleg/_mijn_afspraken.html#rij", {"afspraak": afspraak, "net_afgerond": True}
        )
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is afgerond."))


urlpatterns = [
    path("<int:pk>/afspraak/", overleg_afspraak_nieuw, name="overleg_afspraak_nieuw"),
    path("afspraak/<int:pk>/bewerken/", afspraak_bewerken, name="afspraak_bewerken"),
    path("afspraak/<int:pk>/verwijderen/", afspraak_verwijderen_view, name="afspraak_verwijderen"),
    path("afspraak/<int:pk>/afronden/", afspraak_afronden_view, name="afspraak_afronden"),
]
