"""Importing schools and figures in the browser: upload, a preview of every row, then one commit.

The uploaded file is kept under MEDIA_ROOT/imports/ by a random name; the session of the user who
uploaded it maps that name to what it is. Another user's key is not found. The preview and the
commit read and check the file again, so the commit acts on the database as it is then.
"""

import datetime as dt
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netwerk import rules
from netwerk.invoer import Invoerregels
from netwerk.models import Leersteuncentrum
from scholen.exporteren import als_csv
from scholen.importeren import (
    CIJFERS,
    SCHOLEN,
    SOORTEN,
    Bestandsfout,
    controleer_grootte,
    formaat_van,
    plan_cijfers,
    plan_scholen,
)
from scholen.services_import import ImportGeweigerd, cijfers_importeren, scholen_importeren

SESSIESLEUTEL = "honingraat_imports"
IMPORTMAP = "imports"
# Files of previews nobody confirmed or cancelled are removed after this time, at the next upload.
BEWAARTIJD = dt.timedelta(days=1)
VOORBEELD_MAX = 200

KOLOMUITLEG = {
    "scholen": [
        ("instellingsnummer", gettext_lazy("5 of 6 cijfers; een bestaande school wordt bijgewerkt")),
        ("naam", gettext_lazy("naam van de school")),
        ("straat", gettext_lazy("straat en nummer")),
        ("postcode", gettext_lazy("4 cijfers")),
        ("gemeente", gettext_lazy("gemeente")),
        ("niveau", gettext_lazy("kleuter, lager, basis of secundair")),
        ("net", gettext_lazy("GO!, officieel (OGO) of vrij (VGO)")),
        ("scholengemeenschap", gettext_lazy("naam van de scholengemeenschap")),
        ("clb", gettext_lazy("naam van het CLB; een onbekend CLB wordt aangemaakt")),
    ],
    "cijfers": [
        ("instellingsnummer", gettext_lazy("een school die al in Honingraat staat")),
        ("schooljaar", gettext_lazy("zoals 2025-2026")),
        ("leerlingen", gettext_lazy("geheel getal, 0 of meer")),
        ("gc_verslagen", gettext_lazy("geheel getal, niet meer dan het aantal leerlingen; leeg is 0")),
        ("iac_verslagen", gettext_lazy("idem")),
        ("ov4_verslagen", gettext_lazy("idem")),
    ],
}


class ImportForm(Invoerregels, forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Bestand (CSV of XLSX)"),
        error_messages={"empty": gettext_lazy("Het bestand is leeg.")},
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        try:
            controleer_grootte(bestand.size)
            self.formaat = formaat_van(bestand.read(8))
        except Bestandsfout as fout:
            raise forms.ValidationError(str(fout)) from fout
        bestand.seek(0)
        return bestand


class ScholenImportForm(ImportForm):
    lsc = forms.ModelChoiceField(
        label=gettext_lazy("Leersteuncentrum dat deze scholen bedient"),
        queryset=Leersteuncentrum.objects.all(),
    )
    field_order = ["lsc", "bestand"]

    def __init__(self, *args, beheerder: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not beheerder:
            del self.fields["lsc"]


def mag_importeren(gebruiker) -> bool:
    return rules.is_beheerder(gebruiker) or (rules.is_beleid(gebruiker) and gebruiker.lsc_id is not None)


def _toegang(request: HttpRequest) -> None:
    if not mag_importeren(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    beheerder = rules.is_beheerder(request.user)
    soort = request.POST.get("soort")
    formulieren = {
        "scholen": ScholenImportForm(
            *_gegevens(request, soort == "scholen"), prefix="scholen", beheerder=beheerder
        ),
        "cijfers": ImportForm(*_gegevens(request, soort == "cijfers"), prefix="cijfers"),
    }
    formulier = formulieren.get(soort)
    if formulier is not None and formulier.is_valid():
        sleutel = _bewaar(request, soort, formulier)
        return redirect("import_voorbeeld", sleutel=sleutel)
    context = {
        "secties": [
            {"soort": naam, "formulier": formulier, "kolommen": _kolommen(naam)}
            for naam, formulier in formulieren.items()
        ],
        "lsc": None if beheerder else request.user.lsc,
    }
    return render(request, "scholen/importeren/start.html", context)


@require_GET
def import_sjabloon(request: HttpRequest, soort: str) -> HttpResponse:
    _toegang(request)
    if soort not in SOORTEN:
        raise Http404
    antwoord = HttpResponse(als_csv([SOORTEN[soort].kolommen]), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="sjabloon-{soort}.csv"'
    return antwoord


@require_GET
def import_voorbeeld(request: HttpRequest, sleutel: uuid.UUID) -> HttpResponse:
    _toegang(request)
    invoer = _invoer(request, sleutel)
    context = {"invoer": invoer, "sleutel": sleutel, "soort": SOORTEN[invoer["soort"]]}
    try:
        plan, lsc = _plan(request, invoer)
    except Bestandsfout as fout:
        return render(request, "scholen/importeren/voorbeeld.html", {**context, "bestandsfout": str(fout)})
    except FileNotFoundError:
        return _verlopen(request, sleutel)
    geweigerd = plan.geweigerd
    andere = [rij for rij in plan.rijen if not rij.geweigerd]
    context.update(
        plan=plan,
        lsc=lsc,
        tellingen=plan.tellingen,
        geweigerd=geweigerd,
        andere=bool(andere),
        getoond=[*geweigerd, *andere[:VOORBEELD_MAX]],
        verborgen=max(len(andere) - VOORBEELD_MAX, 0),
    )
    return render(request, "scholen/importeren/voorbeeld.html", context)


@require_POST
def import_bevestig(request: HttpRequest, sleutel: uuid.UUID) -> HttpResponse:
    _toegang(request)
    invoer = _invoer(request, sleutel)
    zonder = request.POST.get("actie") == "zonder"
    if zonder and not request.POST.get("weglaten_bevestigd"):
        messages.error(
            request, _("Vink aan dat de geweigerde rijen niet ingevoerd worden, of verbeter het bestand.")
        )
        return redirect("import_voorbeeld", sleutel=sleutel)
    try:
        plan, lsc = _plan(request, invoer)
        if zonder and str(len(plan.geweigerd)) != request.POST.get("geweigerd"):
            # The database changed since the preview: the user agreed to leave out other rows than these.
            raise Bestandsfout(
                _("Bij de nieuwe controle zijn %(aantal)s rijen geweigerd: bekijk het voorbeeld opnieuw.")
                % {"aantal": len(plan.geweigerd)}
            )
        telling = _toepassen(request, plan, lsc, zonder_geweigerde=zonder)
    except FileNotFoundError:
        return _verlopen(request, sleutel)
    except (Bestandsfout, ImportGeweigerd, IntegrityError) as fout:
        messages.error(request, _foutmelding(fout))
        return redirect("import_voorbeeld", sleutel=sleutel)
    _vergeet(request, sleutel)
    if lsc is not None:
        melding = _("Scholen geïmporteerd voor %(lsc)s: %(telling)s.") % {"lsc": lsc, "telling": telling}
    else:
        melding = _("Cijfers geïmporteerd: %(telling)s.") % {"telling": telling}
    messages.success(request, melding)
    return redirect("school_lijst")


@require_POST
def import_annuleer(request: HttpRequest, sleutel: uuid.UUID) -> HttpResponse:
    _toegang(request)
    _invoer(request, sleutel)
    _vergeet(request, sleutel)
    messages.info(
        request, _("De import is geannuleerd en het bestand is verwijderd; er is niets opgeslagen.")
    )
    return redirect("import_start")


def _gegevens(request: HttpRequest, gekozen: bool) -> tuple:
    return (request.POST, request.FILES) if gekozen else (None, None)


def _kolommen(soort: str) -> list[dict]:
    verplicht = SOORTEN[soort].verplicht
    return [
        {"naam": naam, "uitleg": uitleg, "verplicht": naam in verplicht}
        for naam, uitleg in KOLOMUITLEG[soort]
    ]


def _map() -> Path:
    return Path(settings.MEDIA_ROOT) / IMPORTMAP


def _bewaar(request: HttpRequest, soort: str, formulier: ImportForm) -> uuid.UUID:
    """Stores the upload by a random name: the client's file name is only shown, never used as a path."""
    map_ = _map()
    map_.mkdir(parents=True, exist_ok=True)
    _ruim_op(map_)
    sleutel = uuid.uuid4()
    pad = map_ / f"{sleutel}.{formulier.formaat}"
    with pad.open("xb") as uit:
        for stuk in formulier.cleaned_data["bestand"].chunks():
            uit.write(stuk)
    lsc = formulier.cleaned_data.get("lsc")
    imports = request.session.get(SESSIESLEUTEL, {})
    imports[str(sleutel)] = {
        "soort": soort,
        "bestand": pad.name,
        "naam": formulier.cleaned_data["bestand"].name[:100],
        "lsc": lsc.pk if lsc else None,
    }
    request.session[SESSIESLEUTEL] = imports
    return sleutel


def _ruim_op(map_: Path) -> None:
    grens = time.time() - BEWAARTIJD.total_seconds()
    for pad in map_.iterdir():
        if pad.is_file() and pad.stat().st_mtime < grens:
            pad.unlink(missing_ok=True)


def _invoer(request: HttpRequest, sleutel: uuid.UUID) -> dict:
    invoer = request.session.get(SESSIESLEUTEL, {}).get(str(sleutel))
    if invoer is None:
        raise Http404
    return invoer


def _vergeet(request: HttpRequest, sleutel: uuid.UUID) -> None:
    imports = request.session.get(SESSIESLEUTEL, {})
    invoer = imports.pop(str(sleutel), None)
    request.session[SESSIESLEUTEL] = imports
    if invoer:
        (_map() / invoer["bestand"]).unlink(missing_ok=True)


def _verlopen(request: HttpRequest, sleutel: uuid.UUID) -> HttpResponse:
    _vergeet(request, sleutel)
    messages.error(request, _("Dit voorbeeld is verlopen. Laad het bestand opnieuw op."))
    return redirect("import_start")


def _plan(request: HttpRequest, invoer: dict):
    """The plan of the stored file and, for schools, the LSC that will serve them."""
    pad = _map() / invoer["bestand"]
    beheerder = rules.is_beheerder(request.user)
    if invoer["soort"] == SCHOLEN.naam:
        lsc = get_object_or_404(Leersteuncentrum, pk=invoer["lsc"]) if beheerder else request.user.lsc
        return plan_scholen(pad, lsc=lsc, beheerder=beheerder), lsc
    assert invoer["soort"] == CIJFERS.naam
    return plan_cijfers(pad, lsc=None if beheerder else request.user.lsc), None


def _toepassen(request: HttpRequest, plan, lsc, *, zonder_geweigerde: bool):
    if lsc is not None:
        return scholen_importeren(plan=plan, lsc=lsc, door=request.user, zonder_geweigerde=zonder_geweigerde)
    return cijfers_importeren(
        plan=plan, door=request.user, lsc=request.user.lsc, zonder_geweigerde=zonder_geweigerde
    )


def _foutmelding(fout: Exception) -> str:
    if isinstance(fout, ImportGeweigerd):
        return " ".join(fout.messages)
    if isinstance(fout, IntegrityError):
        return _("De gegevens zijn intussen gewijzigd; er is niets opgeslagen. Probeer het opnieuw.")
    return _("Het bestand is geweigerd, er is niets opgeslagen: %(fout)s") % {"fout": fout}
