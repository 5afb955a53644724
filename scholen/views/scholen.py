"""The schools a user may see: a searchable list and a school page. Anything else answers 404."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.grafiek import leerlingen_grafiek
from scholen.queries import cijfers_van, met_ankers, scholen_zichtbaar_voor

PER_PAGINA = 25


def school_lijst(request: HttpRequest) -> HttpResponse:
    scholen = scholen_zichtbaar_voor(request.user).select_related("clb").order_by("naam", "instellingsnummer")
    zoek = request.GET.get("q", "").strip()[:100]
    if zoek:
        scholen = scholen.filter(
            Q(naam__icontains=zoek) | Q(gemeente__icontains=zoek) | Q(instellingsnummer__startswith=zoek)
        )
    pagina = Paginator(met_ankers(scholen), PER_PAGINA).get_page(request.GET.get("pagina"))
    template = "scholen/school_lijst.html"
    if request.htmx:
        template += "#resultaten"
    return render(
        request,
        template,
        {"pagina": pagina, "zoek": zoek, "schooljaar": als_tekst(huidig_schooljaar())},
    )


def school_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_object_or_404(
        met_ankers(scholen_zichtbaar_voor(request.user).select_related("clb").prefetch_related("lscs")), pk=pk
    )
    cijfers = list(cijfers_van(school))
    return render(
        request,
        "scholen/school_detail.html",
        {
            "school": school,
            "cijfers": cijfers,
            "grafiek": leerlingen_grafiek(cijfers),
            "schooljaar": als_tekst(huidig_schooljaar()),
        },
    )
