"""The whole logbook of a trajectory, page by page, and the correction of its lines in place.

A page of the logbook comes as the logbook's part of the trajectory page (HTMX) or as the whole page. A line
is edited, or deleted after a question, in its own table row; what follows a change is the trajectory page
with the change in its logbook and timeline. A deleted line can be put back for a few minutes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from netwerk.audit import log_inzage
from netwerk.duur import als_uren
from netwerk.gelijktijdig import Verouderd, conflict_tonen
from netwerk.invoer import fouten_op_formulier
from trajecten import rules, services
from trajecten.forms import HerstelForm, LogboekregelForm, RegelVerwijderenForm
from trajecten.models import Logboekregel, Traject
from trajecten.queries import minuten_som, trajecten_zichtbaar_voor
from trajecten.views.detail import detail_context, logboekpagina, logboekpaginanummer
from trajecten.views.gedeeld import traject_of_404

SJABLOON = "trajecten/traject_detail.html"


def _pagina(request: HttpRequest) -> int:
    return logboekpaginanummer(request.GET.get("pagina"))


def _logboek_url(traject: Traject, pagina: int) -> str:
    return f"{reverse('traject_logboek', args=[traject.pk])}?pagina={pagina}"


@require_safe
def traject_logboek(request: HttpRequest, pk: int) -> HttpResponse:
    """With HTMX the logbook's part only, read without the rest of the trajectory; without, the whole page."""
    pagina = _pagina(request)
    if request.htmx and not request.htmx.boosted:
        trajecten = trajecten_zichtbaar_voor(request.user).select_related("school", "leerling", "lsc")
        traject = traject_of_404(request, pk, trajecten.annotate(minuten_totaal=minuten_som()))
        context = {"traject": traject, "logboek": logboekpagina(request, traject, pagina)}
        sjabloon = SJABLOON + "#logboek"
    else:
        context = detail_context(request, pk, logboek_pagina=pagina)
        traject, sjabloon = context["traject"], SJABLOON
    log_inzage(door=request.user, soort="pagina", traject_id=traject.pk)
    return render(request, sjabloon, context)


def _regel_voor(request: HttpRequest, pk: int, regel_pk: int) -> tuple[Traject, Logboekregel, str]:
    """The trajectory if it is yours to see (404 otherwise), its line, and your right on it (403 without)."""
    traject = traject_of_404(request, pk)
    regel = get_object_or_404(
        Logboekregel.objects.select_related("ondersteuner__gebruiker"), pk=regel_pk, traject=traject
    )
    recht = rules.recht_op_logboekregel(request.user, regel, traject, vandaag=timezone.localdate())
    if recht is None:
        raise PermissionDenied
    return traject, regel, recht


def _gelukt(request: HttpRequest, traject: Traject, melding: str, pagina: int, **extra) -> HttpResponse:
    """The trajectory with its logbook at the page the change was made on: its total and timeline too."""
    if request.htmx:
        context = detail_context(request, traject.pk, logboek_pagina=pagina, logboek_melding=melding, **extra)
        return render(request, SJABLOON + "#traject", context)
    messages.success(request, melding)
    return redirect(_logboek_url(traject, pagina))


def _in_de_rij(request: HttpRequest, context: dict) -> HttpResponse:
    """The form in the line's row; a form with errors goes back into that row, not over the whole page."""
    if not request.htmx:
        return render(request, "trajecten/logboekregel.html", context)
    antwoord = render(request, "trajecten/logboekregel.html#rij", context)
    if request.method == "POST":
        antwoord = retarget(reswap(antwoord, "outerHTML"), f"#regel-{context['regel'].pk}")
    return antwoord


def _context(request: HttpRequest, traject: Traject, regel: Logboekregel, recht: str, formulier) -> dict:
    pagina = _pagina(request)
    return {
        "traject": traject,
        "regel": regel,
        "correctie": recht == rules.CORRECTIE,
        "formulier": formulier,
        "soort": "wijzigen" if isinstance(formulier, LogboekregelForm) else "verwijderen",
        "actie_url": f"{request.path}?pagina={pagina}",
        "terug": _logboek_url(traject, pagina),
    }


def _probeer(formulier, herladen: str, service, **kwargs):
    """The service's result; or None, with its refusal on the form (a change seen too late, a rule)."""
    try:
        return service(**kwargs)
    except Verouderd as fout:
        conflict_tonen(formulier, fout, herladen=herladen)
    except ValidationError as fout:
        fouten_op_formulier(formulier, fout)
    return None


def _beschrijving(regel: Logboekregel) -> dict:
    return {"datum": date_format(regel.datum, "j F Y"), "duur": als_uren(regel.minuten)}


def _regelformulier(formulierklasse, data, traject, regel, recht):
    """A form about one line, with ids of its own: several lines can be open at once."""
    return formulierklasse(
        data,
        traject=traject,
        regel=regel,
        correctie=recht == rules.CORRECTIE,
        auto_id=f"id_regel_{regel.pk}_%s",
    )


@require_http_methods(["GET", "POST"])
def traject_logboek_wijzigen(request: HttpRequest, pk: int, regel: int) -> HttpResponse:
    traject, regel, recht = _regel_voor(request, pk, regel)
    data = request.POST if request.method == "POST" else None
    formulier = _regelformulier(LogboekregelForm, data, traject, regel, recht)
    if data is not None and formulier.is_valid():
        herladen = _logboek_url(traject, _pagina(request))
        gegevens = formulier.gegevens()
        gewijzigd = _probeer(
            formulier,
            herladen,
            services.logboekregel_wijzigen,
            door=request.user,
            traject=traject,
            regel=regel,
            **gegevens,
        )
        if gewijzigd is not None:
            melding = _("De regel van %(datum)s is bewaard: %(duur)s.") % _beschrijving(gewijzigd)
            return _gelukt(request, traject, melding, _pagina(request))
    return _in_de_rij(request, _context(request, traject, regel, recht, formulier))


@require_http_methods(["GET", "POST"])
def traject_logboek_verwijderen(request: HttpRequest, pk: int, regel: int) -> HttpResponse:
    """GET asks first; POST deletes, and the message that says so can put the line back."""
    traject, regel, recht = _regel_voor(request, pk, regel)
    data = request.POST if request.method == "POST" else None
    formulier = _regelformulier(RegelVerwijderenForm, data, traject, regel, recht)
    if data is not None and formulier.is_valid():
        beschrijving = _beschrijving(regel)
        sleutel = _probeer(
            formulier,
            _logboek_url(traject, _pagina(request)),
            services.logboekregel_verwijderen,
            door=request.user,
            traject=traject,
            regel=regel,
            stand=formulier.cleaned_data["stand"],
            reden=formulier.cleaned_data.get("reden", ""),
        )
        if sleutel is not None:
            melding = _("De regel van %(datum)s (%(duur)s) is verwijderd.") % beschrijving
            herstel = HerstelForm(initial={"sleutel": sleutel})
            return _gelukt(request, traject, melding, _pagina(request), herstel=herstel)
    return _in_de_rij(request, _context(request, traject, regel, recht, formulier))


@require_POST
def traject_logboek_herstellen(request: HttpRequest, pk: int) -> HttpResponse:
    """Only with the key from the message of a deletion a moment ago (services.logboekregel_herstellen)."""
    traject = traject_of_404(request, pk)
    if not rules.mag_traject_bewerken(request.user, traject):
        raise PermissionDenied
    formulier = HerstelForm(request.POST)
    try:
        if not formulier.is_valid():
            raise ValidationError(_("Deze regel kan niet teruggezet worden."))
        regel = services.logboekregel_herstellen(
            door=request.user, traject=traject, sleutel=formulier.cleaned_data["sleutel"]
        )
    except ValidationError as fout:
        if request.htmx:
            context = detail_context(request, traject.pk, logboek_fout=" ".join(fout.messages))
            return render(request, SJABLOON + "#traject", context)
        messages.error(request, " ".join(fout.messages))
        return redirect("traject_detail", pk=traject.pk)
    melding = _("De regel van %(datum)s (%(duur)s) staat weer in het logboek.") % _beschrijving(regel)
    return _gelukt(request, traject, melding, 1)
