"""The coordinator's templates for the consultation: edit with a live preview, versions, a PDF preview,
and the LSC's logo on the documents. Coordinators and directors of the LSC only; anyone else gets a 404.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from netwerk.invoer import Invoerregels, fouten_op_formulier
from netwerk.models import BELEIDSROLLEN, Leersteuncentrum
from netwerk.pdf import pdf_en_paginas
from overleg import documenten, sjablonen
from overleg.models import Sjabloon, Sjabloonsoort
from overleg.opmaak import naar_html

PAGINA = "overleg/sjablonen/bewerken.html"


class SjabloonForm(Invoerregels, forms.Form):
    titel = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    tekst = forms.CharField(
        label=gettext_lazy("Tekst"),
        max_length=sjablonen.MAX_TEKST,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "true", "class": "sjabloon-tekst"}),
    )


class LogoForm(Invoerregels, forms.Form):
    logo = forms.FileField(
        label=gettext_lazy("Nieuw logo"),
        help_text=gettext_lazy("PNG of JPEG, hoogstens 1 MB. Het staat bovenaan elk document."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )


def _lsc_van(request: HttpRequest) -> Leersteuncentrum:
    """The user's LSC, for its coordinators and directors: for anyone else these pages do not exist."""
    gebruiker = request.user
    if gebruiker.rol not in BELEIDSROLLEN or not gebruiker.lsc_id:
        raise Http404
    return gebruiker.lsc


def _soort(soort: str) -> str:
    if soort not in Sjabloonsoort.values:
        raise Http404
    return soort


@require_safe
def sjabloon_lijst(request: HttpRequest) -> HttpResponse:
    lsc = _lsc_van(request)
    huidige = [sjablonen.huidig_sjabloon(lsc=lsc, soort=soort) for soort in Sjabloonsoort.values]
    return render(
        request,
        "overleg/sjablonen/lijst.html",
        {"lsc": lsc, "sjablonen": huidige, "logo": documenten.logo_als_data_url(lsc)},
    )


def _bewerken_context(lsc: Leersteuncentrum, soort: str, formulier: SjabloonForm, tekst: str) -> dict:
    huidig = sjablonen.huidig_sjabloon(lsc=lsc, soort=soort)
    return {
        "lsc": lsc,
        "soort": soort,
        "soort_label": Sjabloonsoort(soort).label,
        "huidig": huidig,
        "formulier": formulier,
        "voorbeeld": _voorbeeld(soort, tekst),
        "versies": sjablonen.sjabloon_versies(lsc=lsc, soort=soort),
        "plaats_trajecten": sjablonen.PLAATS_TRAJECTEN,
    }


def _voorbeeld(soort: str, tekst: str) -> dict:
    """The preview in the page; the leidraad's `[trajecten]` line shows as the box it will become."""
    if soort == Sjabloonsoort.LEIDRAAD:
        voor, na, gevonden = documenten.leidraad_delen(tekst)
        return {"voor": voor, "na": na, "plaats_gevonden": gevonden, "leidraad": True}
    return {"voor": naar_html(tekst), "na": "", "plaats_gevonden": False, "leidraad": False}


@require_http_methods(["GET", "HEAD", "POST"])
def sjabloon_bewerken(request: HttpRequest, soort: str) -> HttpResponse:
    lsc = _lsc_van(request)
    soort = _soort(soort)
    if request.method != "POST":
        huidig = sjablonen.huidig_sjabloon(lsc=lsc, soort=soort)
        formulier = SjabloonForm(initial={"titel": huidig.titel, "tekst": huidig.tekst})
        return render(request, PAGINA, _bewerken_context(lsc, soort, formulier, huidig.tekst))
    formulier = SjabloonForm(request.POST)
    if formulier.is_valid():
        try:
            sjabloon, nieuw = sjablonen.sjabloon_bewaren(
                door=request.user, lsc=lsc, soort=soort, **formulier.cleaned_data
            )
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            if nieuw:
                messages.success(request, _("Versie %(versie)s bewaard.") % {"versie": sjabloon.versie})
            else:
                messages.info(request, _("Niets gewijzigd: er is geen nieuwe versie gemaakt."))
            return redirect("sjabloon_bewerken", soort=soort)
    tekst = request.POST.get("tekst", "")
    return render(request, PAGINA, _bewerken_context(lsc, soort, formulier, tekst), status=200)


@require_POST
def sjabloon_voorbeeld(request: HttpRequest, soort: str) -> HttpResponse:
    """The preview of the text being typed. Through HTMX only the preview; without JS the whole page."""
    lsc = _lsc_van(request)
    soort = _soort(soort)
    tekst = request.POST.get("tekst", "")[: sjablonen.MAX_TEKST * 2]
    if request.htmx:
        return render(request, f"{PAGINA}#voorbeeld", {"soort": soort, "voorbeeld": _voorbeeld(soort, tekst)})
    formulier = SjabloonForm(initial={"titel": request.POST.get("titel", ""), "tekst": tekst})
    return render(request, PAGINA, _bewerken_context(lsc, soort, formulier, tekst))


@require_POST
def sjabloon_herstellen(request: HttpRequest, soort: str, versie: int) -> HttpResponse:
    lsc = _lsc_van(request)
    soort = _soort(soort)
    try:
        sjabloon = sjablonen.sjabloon_herstellen(door=request.user, lsc=lsc, soort=soort, versie=versie)
    except Sjabloon.DoesNotExist as fout:
        raise Http404 from fout
    if versie == 0:
        tekst = _("De standaardtekst is teruggezet als versie %(nieuw)s.") % {"nieuw": sjabloon.versie}
    else:
        tekst = _("Versie %(oud)s is teruggezet als versie %(nieuw)s.") % {
            "oud": versie,
            "nieuw": sjabloon.versie,
        }
    messages.success(request, tekst)
    return redirect("sjabloon_bewerken", soort=soort)


@require_safe
def sjabloon_pdf(request: HttpRequest, soort: str) -> HttpResponse:
    """The newest version as the school will receive it, for an example school."""
    lsc = _lsc_van(request)
    soort = _soort(soort)
    sjabloon = sjablonen.huidig_sjabloon(lsc=lsc, soort=soort)
    pdf, _paginas = pdf_en_paginas(documenten.voorbeeld_html(lsc=lsc, sjabloon=sjabloon))
    antwoord = HttpResponse(pdf, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'inline; filename="{soort}-voorbeeld.pdf"'
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


@require_http_methods(["GET", "HEAD", "POST"])
def lsc_logo(request: HttpRequest) -> HttpResponse:
    lsc = _lsc_van(request)
    formulier = LogoForm()
    if request.method == "POST":
        if "verwijderen" in request.POST:
            sjablonen.logo_verwijderen(door=request.user, lsc=lsc)
            messages.success(request, _("Het logo is verwijderd; de documenten tonen nu de initialen."))
            return redirect("sjabloon_lijst")
        formulier = LogoForm(request.POST, request.FILES)
        if formulier.is_valid():
            try:
                sjablonen.logo_bewaren(door=request.user, lsc=lsc, bestand=formulier.cleaned_data["logo"])
            except ValidationError as fout:
                formulier.add_error("logo", fout)
            else:
                messages.success(request, _("Het logo is bewaard. Het staat voortaan op elk document."))
                return redirect("sjabloon_lijst")
    return render(
        request,
        "overleg/sjablonen/logo.html",
        {
            "lsc": lsc,
            "formulier": formulier,
            "logo": documenten.logo_als_data_url(lsc),
            "initialen": documenten.initialen(lsc.naam),
            "max_mb": sjablonen.LOGO_MAX_BYTES // (1024 * 1024),
        },
    )


urlpatterns = [
    path("sjablonen/", sjabloon_lijst, name="sjabloon_lijst"),
    path("sjablonen/logo/", lsc_logo, name="lsc_logo"),
    path("sjablonen/<str:soort>/", sjabloon_bewerken, name="sjabloon_bewerken"),
    path("sjablonen/<str:soort>/voorbeeld/", sjabloon_voorbeeld, name="sjabloon_voorbeeld"),
    path("sjablonen/<str:soort>/pdf/", sjabloon_pdf, name="sjabloon_pdf"),
    path("sjablonen/<str:soort>/<int:versie>/herstellen/", sjabloon_herstellen, name="sjabloon_herstellen"),
]
