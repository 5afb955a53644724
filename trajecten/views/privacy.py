"""A pupil's file (JSON, and a page to print), requests to erase a pupil, and the coordination's decision.

Ids only in every URL. The pupil is found through the trajectories the user may see, so another LSC's pupil
is simply not found (404). Every download or print of the file is logged as a read of each trajectory.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from netwerk.audit import log_inzages
from netwerk.invoer import fouten_op_formulier
from netwerk.models import BELEIDSROLLEN
from trajecten import privacy, rules
from trajecten.forms import WisbeslissingForm, WisverzoekForm
from trajecten.models import Leerling, Traject, Wisverzoek
from trajecten.queries import trajecten_zichtbaar_voor

VERZOEKEN_BESLIST = 50


def _leerling_of_404(request: HttpRequest, pk: int) -> tuple[Leerling, QuerySet[Traject]]:
    zichtbaar = trajecten_zichtbaar_voor(request.user)
    gevonden = (
        Leerling.objects.filter(Exists(zichtbaar.filter(leerling=OuterRef("pk"))), pk=pk)
        .select_related("school")
        .first()
    )
    if gevonden is None:
        raise Http404
    return gevonden, zichtbaar


def _dossier(request: HttpRequest, pk: int, formaat: str) -> dict:
    leerling, zichtbaar = _leerling_of_404(request, pk)
    if not rules.mag_leerlingdossier_downloaden(request.user):
        raise PermissionDenied
    dossier = privacy.leerlingdossier(leerling=leerling, trajecten=zichtbaar, door=request.user)
    log_inzages(
        door=request.user,
        soort="export",
        traject_ids=[traject["id"] for traject in dossier["trajecten"]],
        omschrijving=f"leerlingdossier {leerling.pk} ({formaat})",
    )
    return dossier


@never_cache
@require_safe
def leerling_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the pupil as JSON, for a request for access or to take along."""
    dossier = _dossier(request, pk, "json")
    antwoord = HttpResponse(
        json.dumps(dossier, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    antwoord["Content-Disposition"] = f'attachment; filename="leerling-{pk}.json"'
    return antwoord


@never_cache
@require_safe
def leerling_dossier_afdruk(request: HttpRequest, pk: int) -> HttpResponse:
    """The same file as a page to read or print."""
    return render(request, "trajecten/leerling_dossier.html", {"dossier": _dossier(request, pk, "afdruk")})


@never_cache
@require_http_methods(["GET", "POST"])
def leerling_wissen(request: HttpRequest, pk: int) -> HttpResponse:
    leerling, zichtbaar = _leerling_of_404(request, pk)
    trajecten = list(zichtbaar.filter(leerling=leerling).order_by("pk"))
    if not rules.mag_wissing_aanvragen(request.user, trajecten):
        raise PermissionDenied
    formulier = WisverzoekForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and formulier.is_valid():
        try:
            privacy.wissing_aanvragen(
                door=request.user, leerling=leerling, reden=formulier.cleaned_data["reden"]
            )
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            messages.success(
                request,
                _(
                    "Het verzoek is bewaard. Een coördinator of de directeur die het niet zelf aanvroeg, "
                    "beslist erover; tot dan blijft alles zoals het is."
                ),
            )
            return redirect("traject_detail", trajecten[0].pk)
    context = {
        "leerling": leerling,
        "trajecten": trajecten,
        "formulier": formulier,
        "open_verzoek": leerling.wisverzoeken.filter(status=Wisverzoek.Status.OPEN).first(),
    }
    return render(request, "trajecten/leerling_wissen.html", context)


def _verzoeken_van(gebruiker) -> QuerySet[Wisverzoek]:
    if not (gebruiker.is_authenticated and gebruiker.rol in BELEIDSROLLEN):
        return Wisverzoek.objects.none()
    trajecten = Prefetch(
        "leerling__trajecten", queryset=Traject.objects.only("pk", "leerling").order_by("pk")
    )
    return (
        Wisverzoek.objects.filter(lsc=gebruiker.lsc_id)
        .select_related("leerling__school", "aangevraagd_door", "beslist_door")
        .prefetch_related(trajecten)
    )


@require_safe
def wisverzoek_lijst(request: HttpRequest) -> HttpResponse:
    """The requests waiting for a decision, oldest first, and the last decisions. No pupil names here."""
    if not rules.mag_leerlingdossier_downloaden(request.user):
        raise PermissionDenied
    verzoeken = _verzoeken_van(request.user)
    context = {
        "open_verzoeken": verzoeken.filter(status=Wisverzoek.Status.OPEN).order_by("aangevraagd_op", "pk"),
        "beslist": verzoeken.exclude(status=Wisverzoek.Status.OPEN).order_by("-beslist_op", "-pk")[
            :VERZOEKEN_BESLIST
        ],
        "aantal_beslist": VERZOEKEN_BESLIST,
    }
    return render(request, "trajecten/wisverzoeken.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def wisverzoek_beslissen(request: HttpRequest, pk: int) -> HttpResponse:
    verzoek = get_object_or_404(_verzoeken_van(request.user), pk=pk)
    formulier = WisbeslissingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and formulier.is_valid():
        try:
            privacy.wissing_beslissen(
                door=request.user,
                verzoek=verzoek,
                goedkeuren=formulier.cleaned_data["beslissing"] == "goedkeuren",
                toelichting=formulier.cleaned_data["toelichting"],
            )
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            goedgekeurd = formulier.cleaned_data["beslissing"] == "goedkeuren"
            messages.success(
                request,
                _("De leerlinggegevens zijn gewist.") if goedgekeurd else _("Het verzoek is geweigerd."),
            )
            return redirect("wisverzoek_lijst")
    trajecten = list(verzoek.leerling.trajecten.all())
    if verzoek.status == Wisverzoek.Status.OPEN:  # the page names the pupil: a read of its file
        log_inzages(
            door=request.user,
            soort="pagina",
            traject_ids=[t.pk for t in trajecten],
            omschrijving=f"wisverzoek {verzoek.pk}",
        )
    context = {
        "verzoek": verzoek,
        "trajecten": trajecten,
        "formulier": formulier,
        "zelf_aangevraagd": verzoek.aangevraagd_door_id == request.user.pk,
    }
    return render(request, "trajecten/wisverzoek.html", context)
