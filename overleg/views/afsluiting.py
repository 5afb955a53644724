"""The schools' closing answers for the LSC's policy (`afsluit_samenvatting`) and their CSV, which holds
exactly the rows on the screen. No pupil data: see overleg/afsluiting.py."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from netwerk.export import als_csv, antwoord
from netwerk.schooljaar import als_tekst, huidig_schooljaar, schooljaar_uit_verzoek
from overleg import afsluiting


def _context(request: HttpRequest) -> dict:
    if not afsluiting.mag_lezen(request.user):
        raise PermissionDenied
    schooljaar = schooljaar_uit_verzoek(request)
    rijen = afsluiting.samenvatting(request.user, schooljaar)
    huidig = huidig_schooljaar()
    return {
        "schooljaar": schooljaar,
        "schooljaar_tekst": als_tekst(schooljaar),
        "jaren": [(jaar, als_tekst(jaar)) for jaar in range(huidig, huidig - 6, -1)],
        "rijen": rijen,
        "totalen": afsluiting.totalen(rijen),
    }


@require_safe
def afsluit_samenvatting(request: HttpRequest) -> HttpResponse:
    return render(request, "overleg/afsluiting/samenvatting.html", _context(request))


@require_safe
def afsluit_samenvatting_export(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    tabel = afsluiting.als_tabel(context["rijen"], context["schooljaar_tekst"])
    return antwoord(
        als_csv(tabel), formaat="csv", bestandsnaam=f"afsluitvragen-{context['schooljaar_tekst']}"
    )


urlpatterns = [
    path("afsluitvragen/", afsluit_samenvatting, name="afsluit_samenvatting"),
    path("afsluitvragen/export.csv", afsluit_samenvatting_export, name="afsluit_samenvatting_export"),
]
