"""The school's requests (issue 19): its care staff submit one, follow its status in their own words, and
download its attachment. Ids only in the URLs; the attachment's file name carries the trajectory's number."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netwerk.audit import log_inzage, log_inzages
from netwerk.invoer import fouten_op_formulier
from netwerk.models import Rol
from scholen.models import School, Verslagregister
from scholen.queries import scholen_zichtbaar_voor
from trajecten import aanvragen
from trajecten.forms import SchoolaanvraagForm
from trajecten.models import Schoolaanvraag, Traject
from trajecten.queries import trajecten_zichtbaar_voor
from trajecten.views.gedeeld import traject_of_404


def _eigen_school(request: HttpRequest, school_pk: int) -> School:
    """Care staff only (403 for other roles), and only at a school whose care team they are on (404)."""
    if not request.user.is_authenticated or request.user.rol != Rol.ZORG:
        raise PermissionDenied
    return get_object_or_404(scholen_zichtbaar_voor(request.user), pk=school_pk)


def _dubbels(request: HttpRequest, school: School, formulier: SchoolaanvraagForm) -> list[dict]:
    """The open requests of the same pupil, each described only as far as the user may see it."""
    data = formulier.cleaned_data
    if formulier.leerling() is None:
        return []
    open_ = aanvragen.open_aanvragen_voor(
        school=school, voornaam=data["voornaam"], initiaal=data["initiaal"], klas=data["klas"]
    )
    zichtbaar = set(trajecten_zichtbaar_voor(request.user).filter(pk__in=open_).values_list("pk", flat=True))
    dubbels = []
    for traject in open_:
        if traject.pk in zichtbaar:
            status, _uitleg = aanvragen.schoolstatus(traject)
            dubbels.append({"traject": traject, "status": status})
        else:
            dubbels.append({"traject": None})
    return dubbels


def _indienen(request: HttpRequest, school: School, formulier: SchoolaanvraagForm) -> Schoolaanvraag:
    data = formulier.cleaned_data
    return aanvragen.aanvraag_indienen(
        door=request.user,
        school=school,
        gebondenheid=data["gebondenheid"],
        type=data["type"],
        fase=data["fase"],
        vraag_leerkracht=data["vraag_leerkracht"],
        vraag_leerling_ouders=data["vraag_leerling_ouders"],
        leerling=formulier.leerling(),
        groep=data["groep"],
        verslag_datum=data["verslag_datum"],
        verslag_bewaarplaats=data["verslag_bewaarplaats"],
        ouders=formulier.ouders(),
        bevestigd=data["bevestigd"],
        bijlage=data["bijlage"],
    )


@require_http_methods(["GET", "POST"])
def aanvraag_nieuw(request: HttpRequest, school_pk: int) -> HttpResponse:
    school = _eigen_school(request, school_pk)
    verstuurd = request.method == "POST"
    formulier = SchoolaanvraagForm(request.POST if verstuurd else None, request.FILES if verstuurd else None)
    dubbels = []
    if formulier.is_bound and formulier.is_valid():
        dubbels = _dubbels(request, school, formulier)
        if dubbels and not formulier.cleaned_data["toch_indienen"]:
            formulier.add_error(
                None,
                _(
                    "Er staat al een aanvraag open voor deze leerling. Kijk ze hierboven na; dien je toch "
                    "een nieuwe in, vink dat dan aan (en kies de bijlage opnieuw)."
                ),
            )
        else:
            try:
                aanvraag = _indienen(request, school, formulier)
            except ValidationError as fout:
                fouten_op_formulier(formulier, fout)
            else:
                messages.success(
                    request,
                    _("Je aanvraag is ingediend bij %(lsc)s. Je volgt de stand hier.")
                    % {"lsc": aanvraag.traject.lsc.naam},
                )
                return redirect(
                    reverse("school_aanvragen", kwargs={"school_pk": school.pk})
                    + f"#aanvraag-{aanvraag.traject_id}"
                )
    if formulier.errors and "bijlage" not in formulier.errors and request.FILES.get("bijlage"):
        # A browser never sends a file field back: say so rather than let the file silently disappear.
        messages.info(request, _("Kies de bijlage opnieuw: een browser stuurt ze niet mee terug."))
    register = Verslagregister.objects.filter(school=school).order_by("soort")
    return render(
        request,
        "trajecten/aanvraag_nieuw.html",
        {
            "school": school,
            "formulier": formulier,
            "dubbels": dubbels,
            "routes": aanvragen.routes(school),
            "register": register,
        },
    )


def _aanvragen_van(gebruiker, school: School) -> QuerySet[Traject]:
    return (
        trajecten_zichtbaar_voor(gebruiker)
        .filter(school=school)
        .select_related("lsc", "leerling", "schoolaanvraag")
        .order_by("-aangemeld_op", "-pk")
    )


@require_GET
def school_aanvragen(request: HttpRequest, school_pk: int) -> HttpResponse:
    school = _eigen_school(request, school_pk)
    trajecten = list(_aanvragen_van(request.user, school)[:200])
    rijen = []
    for traject in trajecten:
        status, uitleg = aanvragen.schoolstatus(traject)
        rijen.append({"traject": traject, "status": status, "uitleg": uitleg})
    log_inzages(door=request.user, soort="lijst", traject_ids=[t.pk for t in trajecten if t.leerling_id])
    return render(request, "trajecten/school_aanvragen.html", {"school": school, "rijen": rijen})


@require_GET
def aanvraag_bijlage(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF of a request, to whoever may read the request: as a download named by the number only."""
    traject = traject_of_404(request, pk, trajecten_zichtbaar_voor(request.user))
    aanvraag = Schoolaanvraag.objects.filter(traject=traject).exclude(bijlage="").first()
    if aanvraag is None:
        raise Http404
    try:
        bestand = aanvraag.bijlage.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    log_inzage(door=request.user, soort="pdf", traject_id=traject.pk, omschrijving="bijlage van de aanvraag")
    return FileResponse(
        bestand, as_attachment=True, filename=f"aanvraag-{traject.pk}.pdf", content_type="application/pdf"
    )
