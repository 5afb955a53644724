"""Reading the shared report, and its PDF documents (made by the worker while a small page waits)."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from overleg import documenten, outbox, queries, rules, services
from overleg.models import Documentsoort
from overleg.views.werkpagina import (
    deelnemers_van,
    sectie,
    zichtbaar_of_404,
)

# The waiting page for a document asks once a second; after this many times it stops and says so.
MAX_POGINGEN = 90


@require_safe
def overleg_verslag(request: HttpRequest, pk: int) -> HttpResponse:
    """The report, read-only. Care staff see when, where and who before it is shared, the rest after.

    Not logged as an inzage: the report is about the school and holds no pupil data (the trajectory
    overview of the leidraad is left out of it on purpose)."""
    overleg = zichtbaar_of_404(request, pk)
    gebruiker = request.user
    inhoud = rules.mag_inhoud_zien(gebruiker, overleg)
    _vast, personen = deelnemers_van(overleg)
    context = {
        "overleg": overleg,
        "school": overleg.school,
        "inhoud": inhoud,
        "personen": personen,
        "werkpagina": rules.mag_werkpagina_zien(gebruiker),
        "pdf": rules.mag_document_downloaden(gebruiker, overleg, Documentsoort.VERSLAG),
    }
    if inhoud:
        teksten = [
            services.ONDERDELEN[naam] for naam in ("prioriteiten", "verwachtingen", "werkwijze", "verslag")
        ]
        context.update(
            teksten=[sectie(overleg, onderdeel) for onderdeel in teksten],
            spreiding=sectie(overleg, services.ONDERDELEN["spreiding"]),
            tussentijds=sectie(overleg, services.ONDERDELEN["tussentijds"]),
            afspraken=list(
                queries.met_te_laat(overleg.afspraken.select_related("eigenaar")).order_by("tegen", "id")
            ),
            tijdskader=queries.tijdskader_van(overleg) if rules.mag_tijdskader_zien(gebruiker) else None,
        )
    return render(request, "overleg/verslag.html", context)


@require_safe
def overleg_document(request: HttpRequest, pk: int, soort: str) -> HttpResponse:
    """The PDF from storage when it matches the content; otherwise it is made by the worker while a small
    page asks every second (HTMX) and offers the download once it is there."""
    overleg = zichtbaar_of_404(request, pk)
    if not rules.mag_document_downloaden(request.user, overleg, soort):
        raise Http404
    document = documenten.bewaard_document(overleg, soort)
    context = {"overleg": overleg, "soort": soort, "soort_label": Documentsoort(soort).label}
    if document is not None and not request.htmx:
        return FileResponse(
            document.bestand.open("rb"),
            as_attachment=True,
            filename=documenten.bestandsnaam(overleg, soort),
            content_type="application/pdf",
        )
    if document is not None:
        return render(request, "overleg/document.html#wacht", {**context, "klaar": True})
    try:
        poging = max(int(request.GET.get("poging", "0")), 0)
    except ValueError:
        poging = 0
    if not request.htmx:
        # Asked for once per visit; the polls only look whether it is there.
        outbox.document_laten_maken(overleg_id=overleg.pk, soort=soort)
    context.update(poging=poging + 1, opgegeven=poging >= MAX_POGINGEN)
    return render(
        request, "overleg/document.html#wacht" if request.htmx else "overleg/document.html", context
    )


urlpatterns = [
    path("<int:pk>/verslag/", overleg_verslag, name="overleg_verslag"),
    path("<int:pk>/document/<str:soort>/", overleg_document, name="overleg_document"),
]
