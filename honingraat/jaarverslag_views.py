"""The yearly report's page (the policy team of an LSC): choose the year, start a run, follow its progress,
download the PDF and the XLSX (audited)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from honingraat import jaarverslag as dienst
from honingraat.models import Jaarverslag
from netwerk import export, rules
from netwerk.schooljaar import als_tekst, huidig_schooljaar, schooljaar_uit_verzoek

JAREN_TERUG = 5


def _toegang(request: HttpRequest) -> None:
    if not (rules.is_beleid(request.user) and request.user.lsc_id):
        raise PermissionDenied


def _verslag(lsc_id: int, jaar: int) -> Jaarverslag | None:
    return Jaarverslag.objects.filter(lsc_id=lsc_id, schooljaar=jaar).select_related("gevraagd_door").first()


@require_http_methods(["GET", "POST"])
def jaarverslag(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    jaar = schooljaar_uit_verzoek(request)
    verslag = _verslag(request.user.lsc_id, jaar)
    adres = f"{reverse('jaarverslag')}?schooljaar={jaar}"
    if request.method == "POST":
        if verslag is not None and not verslag.bezig and not request.POST.get("vervangen"):
            return _pagina(request, jaar, verslag, vraag_vervangen=True)
        try:
            dienst.jaarverslag_aanvragen(door=request.user, schooljaar=jaar)
        except dienst.JaarverslagGeweigerd as fout:
            messages.error(request, str(fout))
        return redirect(adres)
    if request.htmx and request.htmx.target == "voortgang":
        if verslag is not None and verslag.bezig:
            return render(
                request, "honingraat/jaarverslag.html#voortgang", {"verslag": verslag, "jaar": jaar}
            )
        antwoord = HttpResponse(status=204)
        antwoord["HX-Refresh"] = "true"  # the whole page changes, from progress to the downloads
        return antwoord
    return _pagina(request, jaar, verslag)


def _pagina(request: HttpRequest, jaar: int, verslag, *, vraag_vervangen: bool = False) -> HttpResponse:
    huidig = huidig_schooljaar()
    context = {
        "jaar": jaar,
        "schooljaar": als_tekst(jaar),
        "jaren": [(j, als_tekst(j)) for j in range(huidig, huidig - JAREN_TERUG, -1)],
        "verslag": verslag,
        "vraag_vervangen": vraag_vervangen,
    }
    return render(request, "honingraat/jaarverslag.html", context)


@require_GET
def jaarverslag_bestand(request: HttpRequest, jaar: int, formaat: str) -> FileResponse:
    _toegang(request)
    verslag = _verslag(request.user.lsc_id, jaar)
    bestand = (
        getattr(verslag, formaat, None) if verslag and verslag.status == Jaarverslag.Status.KLAAR else None
    )
    if not bestand:
        raise Http404
    dienst.jaarverslag_gedownload(door=request.user, jaarverslag=verslag, formaat=formaat)
    return FileResponse(
        bestand.open("rb"),
        as_attachment=True,
        filename=dienst.bestandsnaam(verslag, formaat),
        content_type=export.SOORTEN.get(formaat, "application/pdf"),
    )
