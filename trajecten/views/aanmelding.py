"""A new request (aanmelding): the anchor or the coordination registers a school's support question."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netwerk.invoer import fouten_op_formulier
from scholen.models import Bediening, School
from scholen.queries import scholen_zichtbaar_voor
from trajecten import rules, services
from trajecten.forms import AanmeldingForm
from trajecten.models import Traject
from trajecten.views.gedeeld import ondersteuner_van


def _scholen(gebruiker) -> QuerySet[School]:
    """Schools the user may see and that their own LSC serves: a request is always to one's own LSC."""
    bediend = Bediening.objects.filter(school=OuterRef("pk"), lsc=gebruiker.lsc_id)
    return scholen_zichtbaar_voor(gebruiker).filter(Exists(bediend)).order_by("naam")


def _aanmelden(gebruiker, formulier: AanmeldingForm) -> Traject:
    data = formulier.cleaned_data
    return services.traject_aanmelden(
        door=gebruiker,
        lsc=gebruiker.lsc,
        school=data["school"],
        gebondenheid=data["gebondenheid"],
        type=data["type"],
        fase=data["fase"],
        vraag_leerkracht=data["vraag_leerkracht"],
        vraag_leerling_ouders=data["vraag_leerling_ouders"],
        leerling=formulier.leerling(),
        groep=data["groep"],
        focussen=data["focussen"],
        anker=ondersteuner_van(gebruiker),
    )


@require_http_methods(["GET", "POST"])
def traject_nieuw(request: HttpRequest) -> HttpResponse:
    if not rules.mag_traject_aanmaken(request.user):
        raise PermissionDenied
    scholen = _scholen(request.user)
    formulier = AanmeldingForm(
        request.POST if request.method == "POST" else None,
        scholen=scholen,
        initial={"school": request.GET.get("school")},
    )
    if formulier.is_bound and formulier.is_valid():
        try:
            traject = _aanmelden(request.user, formulier)
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            messages.success(
                request,
                _("De aanmelding is geregistreerd."),
            )
            return redirect("traject_detail", pk=traject.pk)
    return render(
        request, "trajecten/traject_nieuw.html", {"formulier": formulier, "heeft_scholen": scholen.exists()}
    )
