"""A school's tijdskader as the school reads it: the hours, in words, why, and how much is used so far.

Whoever may see the school sees its frame, except the CLB: they read the consultation's report, not the
frame. LSC staff see their own LSC's frame; school care staff and admins see every LSC serving the school.
A constant number of queries, whatever the number of log lines or moves (`capaciteit.kaders`).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from capaciteit import queries
from capaciteit.kaders import kaders_van_school
from capaciteit.rekenen import opvolging
from netwerk.models import LSC_ROLLEN, Rol
from netwerk.schooljaar import als_tekst, schooljaar_uit_verzoek
from scholen.queries import scholen_zichtbaar_voor


def tijdskader_school(request: HttpRequest, school_pk: int) -> HttpResponse:
    if request.user.rol == Rol.CLB and not request.user.is_superuser:
        raise Http404  # CLB staff read the consultation's report, not the frame
    jaar = schooljaar_uit_verzoek(request)
    school = get_object_or_404(
        queries.met_cijferjaren(scholen_zichtbaar_voor(request.user), jaar), pk=school_pk
    )
    return render(
        request,
        "capaciteit/tijdskader_school.html",
        {
            "school": school,
            "jaar": jaar,
            "schooljaar": als_tekst(jaar),
            "vorig": jaar - 1,
            "volgend": jaar + 1,
            "kaders": kaders_van_school(request.user, school, jaar),
            "drempels": opvolging.drempels(),
            # The solidarity advice (release hours for other schools) is the LSC's to weigh, not the school's.
            "lsc_medewerker": request.user.rol in LSC_ROLLEN,
        },
    )
