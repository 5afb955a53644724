"""Importing schools and figures in the browser: upload, a preview of every row, then one commit.

An upload becomes an `Importbestand` under a random key, found by its uploader only (anyone else's key
is not found). It is read once (`services.inlezen`): a small file before the redirect, a larger one in a
job whose progress the preview polls, as the week planner's page does. The preview and the commit check
the table read then against the database as it is at that moment; neither reads the file again.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netwerk import export, rules
from netwerk.inlezen import Bestandsfout, controleer_grootte, formaat_van
from netwerk.invoer import Invoerregels
from netwerk.models import Leersteuncentrum
from scholen.importeren import CIJFERS, SCHOLEN, SOORTEN, cijfers_controleren, scholen_controleren
from scholen.models import Importbestand
from scholen.services.importeren import ImportGeweigerd, cijfers_importeren, scholen_importeren
from scholen.services.inlezen import (
    importbestand_opslaan,
    importbestand_tabel,
    importbestand_vergeten,
)

VOORBEELD_MAX = 200
OPENSTAAND_MAX = 10

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
        ("clb", gettext_lazy("naam van een CLB dat al in Honingraat staat (een import maakt er geen)")),
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
        invoer = importbestand_opslaan(
            door=request.user,
            soort=soort,
            bestand=formulier.cleaned_data["bestand"],
            formaat=formulier.formaat,
            lsc=formulier.cleaned_data.get("lsc"),
        )
        return redirect("import_voorbeeld", sleutel=invoer.sleutel)
    context = {
        "secties": [
            {"soort": naam, "formulier": formulier, "kolommen": _kolommen(naam)}
            for naam, formulier in formulieren.items()
        ],
        "lsc": None if beheerder else request.user.lsc,
        # A large file is read in a job: whoever left its page finds it here again.
        "openstaand": Importbestand.objects.filter(door=request.user)
        .only("sleutel", "naam", "soort", "status", "aangemaakt_op")
        .order_by("-aangemaakt_op")[:OPENSTAAND_MAX],
    }
    return render(request, "scholen/importeren/start.html", context)


@require_GET
def import_sjabloon(request: HttpRequest, soort: str) -> HttpResponse:
    _toegang(request)
    if soort not in SOORTEN:
        raise Http404
    antwoord = HttpResponse(export.als_csv([SOORTEN[soort].kolommen]), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="sjabloon-{soort}.csv"'
    return antwoord


@require_GET
def import_voorbeeld(request: HttpRequest, sleutel: uuid.UUID) -> HttpResponse:
    peilen = bool(request.htmx) and request.htmx.target == "voortgang"
    invoer = _importbestand(request, sleutel, met_tabel=not peilen)
    context = {"invoer": invoer, "sleutel": sleutel, "soort": SOORTEN[invoer.soort]}
    if peilen:
        if invoer.bezig:
            context.update(voortgang=_voortgang(invoer))
            return render(request, "scholen/importeren/voorbeeld.html#voortgang", context)
        antwoord = HttpResponse(status=204)
        antwoord["HX-Refresh"] = "true"  # read: the whole page changes, from progress to the preview
        return antwoord
    if invoer.bezig:
        context.update(voortgang=_voortgang(invoer))
        return render(request, "scholen/importeren/voorbeeld.html", context)
    if invoer.status == Importbestand.Status.MISLUKT:
        return render(request, "scholen/importeren/voorbeeld.html", {**context, "bestandsfout": invoer.fout})
    plan, lsc = _plan(request, invoer)
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
    invoer = _importbestand(request, sleutel)
    zonder = request.POST.get("actie") == "zonder"
    if invoer.bezig:
        messages.info(request, _("Het bestand wordt nog gelezen: wacht tot het voorbeeld verschijnt."))
        return redirect("import_voorbeeld", sleutel=sleutel)
    if zonder and not request.POST.get("weglaten_bevestigd"):
        messages.error(
            request, _("Vink aan dat de geweigerde rijen niet ingevoerd worden, of verbeter het bestand.")
        )
        return redirect("import_voorbeeld", sleutel=sleutel)
    try:
        if invoer.status == Importbestand.Status.MISLUKT:
            raise Bestandsfout(invoer.fout)
        plan, lsc = _plan(request, invoer)
        if zonder and str(len(plan.geweigerd)) != request.POST.get("geweigerd"):
            # The database changed since the preview: the user agreed to leave out other rows than these.
            raise Bestandsfout(
                _("Bij de nieuwe controle zijn %(aantal)s rijen geweigerd: bekijk het voorbeeld opnieuw.")
                % {"aantal": len(plan.geweigerd)}
            )
        telling = _toepassen(request, plan, lsc, zonder_geweigerde=zonder)
    except (Bestandsfout, ImportGeweigerd, IntegrityError) as fout:
        messages.error(request, _foutmelding(fout))
        return redirect("import_voorbeeld", sleutel=sleutel)
    importbestand_vergeten(invoer=invoer)
    if lsc is not None:
        melding = _("Scholen geïmporteerd voor %(lsc)s: %(telling)s.") % {"lsc": lsc, "telling": telling}
    else:
        melding = _("Cijfers geïmporteerd: %(telling)s.") % {"telling": telling}
    messages.success(request, melding)
    return redirect("school_lijst")


@require_POST
def import_annuleer(request: HttpRequest, sleutel: uuid.UUID) -> HttpResponse:
    importbestand_vergeten(invoer=_importbestand(request, sleutel, met_tabel=False))
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


def _importbestand(request: HttpRequest, sleutel: uuid.UUID, *, met_tabel: bool = True) -> Importbestand:
    """The user's own upload; polling its progress leaves its table (megabytes, maybe) in the database."""
    _toegang(request)
    rijen = Importbestand.objects.select_related("lsc")
    if not met_tabel:
        rijen = rijen.defer("tabel")
    return get_object_or_404(rijen, sleutel=sleutel, door=request.user)


def _voortgang(invoer: Importbestand) -> dict:
    totaal = invoer.regels_totaal
    gelezen = min(invoer.regels_gelezen, totaal) if totaal else invoer.regels_gelezen
    return {
        "gelezen": gelezen,
        "totaal": totaal,
        "procent": round(100 * gelezen / totaal) if totaal else 0,
    }


def _plan(request: HttpRequest, invoer: Importbestand):
    """The stored table checked against the database now and, for schools, the LSC that will serve them."""
    tabel = importbestand_tabel(invoer)
    beheerder = rules.is_beheerder(request.user)
    if invoer.soort == SCHOLEN.naam:
        lsc = invoer.lsc if beheerder else request.user.lsc
        if lsc is None:
            raise Http404
        return scholen_controleren(tabel, lsc=lsc, beheerder=beheerder), lsc
    assert invoer.soort == CIJFERS.naam
    return cijfers_controleren(tabel, lsc=None if beheerder else request.user.lsc), None


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
