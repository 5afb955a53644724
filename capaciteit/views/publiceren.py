"""Publishing a new version of the frames: the preview of what it does, and the publication itself."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from capaciteit import queries, services
from capaciteit.forms import PublicatieForm, keuzes_uit
from capaciteit.models import Envelop, Verdeling
from capaciteit.views import gedeeld
from netwerk.schooljaar import als_tekst, schooljaar_uit_verzoek


def _envelop_of_terug(request: HttpRequest) -> tuple[Envelop, Verdeling | None] | HttpResponse:
    """The coordinator's envelope of the year asked for and its latest published version, or the way back
    to the planning page when that year has no envelope yet."""
    gedeeld.toegang(request)
    envelop, versies = services.envelop_en_versies(
        lsc_id=request.user.lsc_id, schooljaar=schooljaar_uit_verzoek(request)
    )
    if envelop.pk is not None:
        return envelop, versies[0] if versies else None
    messages.error(
        request,
        _("Voor %(jaar)s is er nog geen envelop: vul eerst de envelop en de verdeelsleutel in.")
        % {"jaar": als_tekst(envelop.schooljaar)},
    )
    return redirect(gedeeld.planning_url(envelop.schooljaar))


def capaciteit_publiceren_voorbeeld(request: HttpRequest) -> HttpResponse:
    """What publishing a new version would do: each move of the published version with its choice (carry it,
    or let it go) and its fate, the schools whose hours change, what is lost, and the confirmation. HTMX
    swaps the page's part when a choice changes; without script the publication refuses an outcome the
    coordinator did not see and brings them back here with their choices."""
    gelezen = _envelop_of_terug(request)
    if isinstance(gelezen, HttpResponse):
        return gelezen
    envelop, laatste = gelezen
    herverdelingen = queries.verschuivingen_van(laatste)
    verschuivingen = [h.pk for h in herverdelingen]
    formulier = PublicatieForm(keuzes_uit(request.GET, verschuivingen), verschuivingen=verschuivingen)
    vervallen = formulier.vervallen() if formulier.is_valid() else set()
    kaders = list(queries.tijdskaders_van(laatste)) if laatste else []
    voorstel, fout = services.publicatie_nu(envelop, laatste, kaders, herverdelingen, vervallen)
    veranderd = services.scholen_die_veranderen(voorstel, kaders)
    getoond = veranderd if "alle" in request.GET else veranderd[: gedeeld.MAX_RIJEN]
    context = {
        "envelop": envelop,
        "schooljaar": envelop.schooljaar,
        "schooljaar_tekst": als_tekst(envelop.schooljaar),
        "laatste": laatste,
        "versie": (laatste.versie if laatste else 0) + 1,
        "fout": fout,
        "voorstel": voorstel,
        "verschuivingen": [
            (lot, formulier[f"keuze-{lot.herverdeling.pk}"]) for lot in (voorstel.loten if voorstel else [])
        ],
        "publicatiestand": services.publicatiestand(envelop, laatste.versie if laatste else 0),
        "gezien": verschuivingen[-1] if verschuivingen else 0,
        "planning_url": gedeeld.planning_url(envelop.schooljaar),
        "alle_url": gedeeld.publiceren_url(envelop.schooljaar, vervallen) + "&alle",
        "veranderd": getoond,
        "aantal_veranderd": len(veranderd),
        "verborgen_scholen": len(veranderd) - len(getoond),
    }
    template = "capaciteit/publiceren.html"
    if request.htmx:
        template += "#publicatie"
    return render(request, template, context)


@require_POST
def capaciteit_publiceren(request: HttpRequest) -> HttpResponse:
    """Publishes the new version with the choices and what the coordinator saw on the preview (the first
    version straight from the planning page: there is nothing before it to carry or compare)."""
    gelezen = _envelop_of_terug(request)
    if isinstance(gelezen, HttpResponse):
        return gelezen
    envelop, laatste = gelezen
    verschuivingen = (
        list(laatste.herverdelingen.order_by("pk").values_list("pk", flat=True)) if laatste else []
    )
    formulier = PublicatieForm(request.POST, verschuivingen=verschuivingen)
    vervallen = formulier.vervallen() if formulier.is_valid() else set()
    terug = (
        gedeeld.publiceren_url(envelop.schooljaar, vervallen)
        if laatste
        else gedeeld.planning_url(envelop.schooljaar)
    )
    if not formulier.is_valid():
        messages.error(request, _("Het formulier is niet volledig: er is niets gepubliceerd."))
        return redirect(terug)
    gegevens = formulier.cleaned_data
    try:
        verdeling = services.verdeling_publiceren(
            door=request.user,
            envelop=envelop,
            stand=gegevens["stand"] or None,
            gezien=gegevens["gezien"],
            vervallen=vervallen,
            uitkomst=gegevens["uitkomst"] or None,
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(terug)
    messages.success(request, _bericht(verdeling, verschuivingen))
    return redirect(gedeeld.planning_url(envelop.schooljaar))


def _bericht(verdeling: Verdeling, verschuivingen: list[int]) -> str:
    bericht = _("Versie %(versie)s gepubliceerd.") % {"versie": verdeling.versie}
    if verschuivingen:
        overgenomen = verdeling.herverdelingen.count()
        bericht += " " + ngettext(
            "%(aantal)s verschuiving overgenomen", "%(aantal)s verschuivingen overgenomen", overgenomen
        ) % {"aantal": overgenomen}
        if verloren := len(verschuivingen) - overgenomen:
            bericht += ", " + ngettext("%(aantal)s vervallen", "%(aantal)s vervallen", verloren) % {
                "aantal": verloren
            }
        bericht += "."
    return bericht
