"""One small URL per action on a trajectory. GET shows the form (a partial for HTMX, a page without it),
POST calls the service. A refused transition comes back as the service's Dutch message and stores nothing:
the services run in one transaction and check before they write.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from netwerk.duur import als_uren
from netwerk.gelijktijdig import Verouderd, conflict_tonen
from netwerk.invoer import fouten_op_formulier
from scholen.queries import zorgteam_bevestigd
from trajecten import services
from trajecten.forms import (
    AfrondenForm,
    AfsprakenForm,
    AntwoordForm,
    BetrokkeneForm,
    DoelForm,
    EvaluatieForm,
    RedenForm,
    StartForm,
    TijdForm,
    ToewijzingForm,
    TrajectForm,
)
from trajecten.models import Evaluatie, Traject
from trajecten.services import OvergangGeweigerd
from trajecten.views.detail import detail_context
from trajecten.views.gedeeld import ondersteuner_van, traject_voor_actie
from trajecten.views.lijsten import mijn_rijen


@dataclass(frozen=True)
class Actie:
    url: str
    titel: str
    knop: str
    formulier: type[TrajectForm]
    uitvoeren: Callable[[object, Traject, TrajectForm], str]
    overgang: str | None = None
    uitleg: str = ""
    context: Callable[[Traject], dict] | None = None


def _antwoorden(door, traject: Traject, formulier: AntwoordForm) -> str:
    services.antwoord_geven(door=door, traject=traject, antwoord=formulier.cleaned_data["antwoord"])
    return _("Het antwoord is bewaard. Het zorgteam van de school krijgt een mail met een link.")


def _starten(door, traject: Traject, formulier: StartForm) -> str:
    velden = {k: v for k, v in formulier.cleaned_data.items() if not k.startswith("doel_")}
    services.traject_starten(door=door, traject=traject, doelen=formulier.doelen(), **velden)
    return _("Het traject is gestart.")


def _doel_toevoegen(door, traject: Traject, formulier: DoelForm) -> str:
    services.doel_toevoegen(door=door, traject=traject, omschrijving=formulier.cleaned_data["omschrijving"])
    return _("Het doel is toegevoegd.")


def _evalueren(door, traject: Traject, formulier: EvaluatieForm) -> str:
    data = formulier.cleaned_data
    services.evaluatie_registreren(
        door=door,
        traject=traject,
        datum=data["datum"],
        beslissing=data["beslissing"],
        samenvatting=data["samenvatting"],
        doelen=formulier.per_doel(),
        volgende_evaluatie=data["volgende_evaluatie"],
        versie=data["versie"],
    )
    if data["beslissing"] == Evaluatie.Beslissing.AFRONDEN:
        return _(
            "De evaluatie is bewaard en het traject is afgerond. "
            "De school krijgt de twee afsluitvragen per mail."
        )
    return _("De evaluatie is bewaard.")


def _afronden(door, traject: Traject, formulier: AfrondenForm) -> str:
    services.traject_afronden(door=door, traject=traject)
    return _("Het traject is afgerond. De school krijgt de twee afsluitvragen per mail.")


def _stopzetten(door, traject: Traject, formulier: RedenForm) -> str:
    services.traject_stopzetten(door=door, traject=traject, reden=formulier.cleaned_data["reden"])
    return _("Het traject is stopgezet.")


def _heropenen(door, traject: Traject, formulier: RedenForm) -> str:
    services.traject_heropenen(door=door, traject=traject, reden=formulier.cleaned_data["reden"])
    return _("Het traject is heropend.")


def _toewijzen(door, traject: Traject, formulier: ToewijzingForm) -> str:
    toewijzing = services.ondersteuner_toewijzen(door=door, traject=traject, **formulier.cleaned_data)
    return _("%(naam)s is toegewezen.") % {"naam": toewijzing.ondersteuner}


def _afspraken(door, traject: Traject, formulier: AfsprakenForm) -> str:
    services.traject_bijwerken(
        door=door, traject=traject, versie=formulier.cleaned_data["versie"], gegevens=formulier.gegevens()
    )
    return _("De afspraken zijn bijgewerkt.")


def _betrokkene(door, traject: Traject, formulier: BetrokkeneForm) -> str:
    services.betrokkene_toevoegen(door=door, traject=traject, **formulier.cleaned_data)
    return _("De betrokkene is toegevoegd aan het netwerk rond de leerling.")


def _tijd_loggen(door, traject: Traject, formulier: TijdForm) -> str:
    ondersteuner = ondersteuner_van(door)
    if ondersteuner is None:
        raise ValidationError(_("Enkel leerondersteuners loggen tijd in het logboek."))
    data = formulier.cleaned_data
    regel = services.tijd_loggen(
        door=door,
        traject=traject,
        ondersteuner=ondersteuner,
        datum=data["datum"],
        minuten=data["minuten"],
        activiteit=data["activiteit"],
        notitie=data["notitie"],
    )
    traject.minuten_jaar = regel.traject.minuten_jaar  # the row of Mijn trajecten shows the new total
    return _("%(duur)s gelogd.") % {"duur": als_uren(regel.minuten)}


def _zorgteam(traject: Traject) -> dict:
    """Closing mails go to the care staff the LSC vouched for: say so when there is nobody to send them to."""
    return {
        "zorgteam_bekend": zorgteam_bevestigd(school_id=traject.school_id, lsc_id=traject.lsc_id).exists(),
        "geldig_dagen": services.AFSLUITVRAAG_GELDIG.days,
    }


ACTIES = {
    actie.url: actie
    for actie in [
        Actie(
            url="traject_antwoord",
            titel=gettext_lazy("Antwoord geven"),
            knop=gettext_lazy("Antwoord bewaren"),
            formulier=AntwoordForm,
            uitvoeren=_antwoorden,
            overgang="antwoorden",
        ),
        Actie(
            url="traject_starten",
            titel=gettext_lazy("Traject starten"),
            knop=gettext_lazy("Traject starten"),
            formulier=StartForm,
            uitvoeren=_starten,
            overgang="starten",
            uitleg=gettext_lazy("Leg vast wat jullie met de partners afspraken, met minstens één doel."),
        ),
        Actie(
            url="traject_doel",
            titel=gettext_lazy("Doel toevoegen"),
            knop=gettext_lazy("Doel toevoegen"),
            formulier=DoelForm,
            uitvoeren=_doel_toevoegen,
            overgang="doel_toevoegen",
        ),
        Actie(
            url="traject_evaluatie",
            titel=gettext_lazy("Evaluatie"),
            knop=gettext_lazy("Evaluatie bewaren"),
            formulier=EvaluatieForm,
            uitvoeren=_evalueren,
            overgang="evalueren",
            uitleg=gettext_lazy("De vooruitgang per doel, en wat jullie samen beslissen."),
            context=_zorgteam,
        ),
        Actie(
            url="traject_afronden",
            titel=gettext_lazy("Traject afronden"),
            knop=gettext_lazy("Traject afronden"),
            formulier=AfrondenForm,
            uitvoeren=_afronden,
            overgang="afronden",
            context=_zorgteam,
        ),
        Actie(
            url="traject_stopzetten",
            titel=gettext_lazy("Traject stopzetten"),
            knop=gettext_lazy("Traject stopzetten"),
            formulier=RedenForm,
            uitvoeren=_stopzetten,
            overgang="stopzetten",
        ),
        Actie(
            url="traject_heropenen",
            titel=gettext_lazy("Traject heropenen"),
            knop=gettext_lazy("Traject heropenen"),
            formulier=RedenForm,
            uitvoeren=_heropenen,
            overgang="heropenen",
        ),
        Actie(
            url="traject_toewijzen",
            titel=gettext_lazy("Ondersteuner toewijzen"),
            knop=gettext_lazy("Toewijzen"),
            formulier=ToewijzingForm,
            uitvoeren=_toewijzen,
            uitleg=gettext_lazy("Een ondersteuner van het leersteuncentrum, als anker of vanuit een focus."),
        ),
        Actie(
            url="traject_afspraken",
            titel=gettext_lazy("Afspraken bijwerken"),
            knop=gettext_lazy("Afspraken bewaren"),
            formulier=AfsprakenForm,
            uitvoeren=_afspraken,
            overgang="bijwerken",
            uitleg=gettext_lazy(
                "Intensiteit, frequentie, vorm en inhoud zoals nu afgesproken met de partners."
            ),
        ),
        Actie(
            url="traject_betrokkene",
            titel=gettext_lazy("Betrokkene toevoegen"),
            knop=gettext_lazy("Toevoegen"),
            formulier=BetrokkeneForm,
            uitvoeren=_betrokkene,
            overgang="bijwerken",
            uitleg=gettext_lazy("Wie rond de leerling betrokken is: rol en organisatie."),
        ),
        Actie(
            url="traject_tijd",
            titel=gettext_lazy("Tijd loggen"),
            knop=gettext_lazy("Tijd loggen"),
            formulier=TijdForm,
            uitvoeren=_tijd_loggen,
            overgang="loggen",
        ),
    ]
}


def _weigering(traject: Traject, actie: Actie) -> str | None:
    """The service's own reason when the status does not allow this action, to show before anyone types."""
    if actie.overgang is None:
        return None
    try:
        if actie.overgang == "loggen":
            services.controleer_logboek_open(traject, vandaag=timezone.localdate())
        else:
            services.controleer_overgang(traject, actie.overgang)
    except OvergangGeweigerd as fout:
        return fout.message
    return None


@dataclass(frozen=True)
class Weergave:
    """Where the action was started: the trajectory page (default) or a row of Mijn trajecten."""

    rij: bool = False

    def gelukt(self, request: HttpRequest, traject: Traject, melding: str) -> HttpResponse:
        if self.rij:
            return rij_antwoord(request, traject.pk, melding=melding, rij=traject)
        if request.htmx:
            context = detail_context(request, traject.pk, melding=melding)
            return render(request, "trajecten/traject_detail.html#traject", context)
        messages.success(request, melding)
        return redirect("traject_detail", pk=traject.pk)

    def tonen(self, request: HttpRequest, traject: Traject, actie: Actie, formulier) -> HttpResponse:
        context = {
            "traject": traject,
            "actie": actie,
            "formulier": formulier,
            "weigering": _weigering(traject, actie),
            "rij": self.rij,
            **(actie.context(traject) if actie.context else {}),
        }
        if not request.htmx:
            return render(request, "trajecten/actie.html", context)
        if self.rij:
            return render(request, "trajecten/mijn_trajecten.html#rij_formulier", context)
        # The form posts to the whole page; only a form with errors goes back into its panel.
        antwoord = render(request, "trajecten/actie.html#formulier", context)
        return retarget(reswap(antwoord, "innerHTML"), "#actiepaneel")


def uitvoeren(request: HttpRequest, pk: int, actie: Actie, weergave: Weergave | None = None) -> HttpResponse:
    weergave = weergave or Weergave()
    # From a row of Mijn trajecten the trajectory is read as that row (with the user's rights on it), so
    # that the answer, the row with its new total, needs no second read.
    traject = traject_voor_actie(
        request, pk, mijn_rijen(request.user) if weergave.rij else None, actie=actie.url
    )
    data = request.POST if request.method == "POST" else None
    formulier = actie.formulier(data, traject=traject, auto_id=f"id_{traject.pk}_%s")
    if data is not None and formulier.is_valid():
        try:
            melding = actie.uitvoeren(request.user, traject, formulier)
        except Verouderd as fout:
            conflict_tonen(formulier, fout, herladen=reverse("traject_detail", args=[traject.pk]))
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            return weergave.gelukt(request, traject, melding)
    return weergave.tonen(request, traject, actie, formulier)


def rij_antwoord(
    request: HttpRequest, pk: int, melding: str = "", rij: Traject | None = None
) -> HttpResponse:
    """The row of Mijn trajecten with its new total; without HTMX, back to the list. `rij`: the row as read
    before the action, its total brought up to date by the action."""
    if not request.htmx:
        if melding:
            messages.success(request, melding)
        return redirect("mijn_trajecten")
    context = {"t": rij if rij is not None else mijn_rijen(request.user).get(pk=pk), "melding": melding}
    return render(request, "trajecten/mijn_trajecten.html#rij", context)


def _actieview(naam: str) -> Callable:
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return uitvoeren(request, pk, ACTIES[naam])

    view.__name__ = naam
    return view


traject_antwoord = _actieview("traject_antwoord")
traject_starten = _actieview("traject_starten")
traject_doel = _actieview("traject_doel")
traject_evaluatie = _actieview("traject_evaluatie")
traject_afronden = _actieview("traject_afronden")
traject_stopzetten = _actieview("traject_stopzetten")
traject_heropenen = _actieview("traject_heropenen")
traject_toewijzen = _actieview("traject_toewijzen")
traject_betrokkene = _actieview("traject_betrokkene")
traject_afspraken = _actieview("traject_afspraken")


@require_http_methods(["GET", "POST"])
def traject_tijd(request: HttpRequest, pk: int) -> HttpResponse:
    """The logbook: from the trajectory page, or inline in a row of Mijn trajecten (`weergave=rij`)."""
    rij = "rij" in (request.GET.get("weergave"), request.POST.get("weergave"))
    if rij and request.method == "GET" and request.GET.get("sluit"):
        traject_voor_actie(request, pk)
        return rij_antwoord(request, pk)
    return uitvoeren(request, pk, ACTIES["traject_tijd"], Weergave(rij=rij))
