"""A person's notifications: the list (unread first in style, newest first in order), opening one (marks it
read and follows its link), marking all read, and per kind how they reach the person.

Only the person's own rows: another person's notification is not found (404), never forbidden.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from honingraat.forms import MeldingvoorkeurForm
from netwerk import meldingen as service
from netwerk.models import Melding

PER_PAGINA = 25


@require_safe
def meldingen(request: HttpRequest) -> HttpResponse:
    """One query for the page's rows and one for the count (the paginator's)."""
    rijen = (
        service.zichtbaar(request.user)
        .only("pk", "titel", "aangemaakt_op", "gelezen_op", "soort")
        .order_by("-aangemaakt_op", "-pk")
    )
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    ongelezen = getattr(request.user, "meldingen_ongelezen", None)
    context = {
        "pagina": pagina,
        "ongelezen": service.ongelezen(request.user) if ongelezen is None else ongelezen,
    }
    return render(request, "honingraat/meldingen.html", context)


@require_safe
def melding_openen(request: HttpRequest, pk: int) -> HttpResponse:
    melding = get_object_or_404(Melding, pk=pk, ontvanger=request.user)
    service.melding_lezen(gebruiker=request.user, melding=melding)
    # The link was written by the app itself; should a row ever hold another host, stay here.
    if not url_has_allowed_host_and_scheme(melding.url, allowed_hosts={request.get_host()}):
        return redirect("meldingen")
    return redirect(melding.url)


@require_POST
def meldingen_gelezen(request: HttpRequest) -> HttpResponse:
    aantal = service.alles_gelezen(gebruiker=request.user)
    if aantal:
        messages.success(request, _("Alle meldingen zijn gelezen."))
    return redirect("meldingen")


def meldingvoorkeuren(request: HttpRequest) -> HttpResponse:
    form = MeldingvoorkeurForm(request.POST or None, gebruiker=request.user)
    # A role without kinds has nothing to save: its page only says so.
    if request.method == "POST" and form.fields and form.is_valid():
        service.voorkeuren_bewaren(gebruiker=request.user, keuzes=form.cleaned_data)
        messages.success(request, _("Je keuzes zijn bewaard."))
        return redirect("meldingvoorkeuren")
    return render(request, "honingraat/meldingvoorkeuren.html", {"form": form})
