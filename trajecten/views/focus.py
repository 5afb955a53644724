"""Focus teams and colleagues on a trajectory, and the intervisie agenda: pages that call trajecten/focus.py.

A question is found only by whoever may see it (404 otherwise); who may act on it is asked of the rules
(403). Pages name a trajectory by its number; only the trajectory page itself shows its pupil.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from netwerk.invoer import ZOEKLIJST, Invoerregels, fouten_op_formulier
from netwerk.models import BELEIDSROLLEN, Focus, Gebruiker, Ondersteuner, Rol
from trajecten import focus, rules
from trajecten.forms import Datumveld
from trajecten.models import Focusvraag
from trajecten.queries import trajecten_zichtbaar_voor
from trajecten.views.gedeeld import traject_voor_actie

LSC_WERKERS = {*BELEIDSROLLEN, Rol.TEAMCOACH, Rol.ONDERSTEUNER}
GEEN_NAMEN = gettext_lazy("Noem geen leerling bij naam: wie de vraag krijgt, ziet enkel het trajectnummer.")

# ----------------------------------------------------------------------------------------------- forms


class FocusvraagForm(Invoerregels, forms.Form):
    focus = forms.ChoiceField(label=gettext_lazy("Focusteam"), choices=Focus.choices)
    vraag = forms.CharField(
        label=gettext_lazy("Vraag aan het focusteam"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=GEEN_NAMEN,
    )


class EindeForm(Invoerregels, forms.Form):
    einde = forms.DateField(
        label=gettext_lazy("Einde van het focustraject"),
        widget=Datumveld(),
        help_text=gettext_lazy("Een focustraject is steeds afgebakend in tijd."),
    )


class ToewijzenForm(EindeForm):
    ondersteuner = forms.ModelChoiceField(
        label=gettext_lazy("Focusondersteuner"), queryset=Ondersteuner.objects.none()
    )

    field_order = ["ondersteuner", "einde"]

    def __init__(self, *args, vraag: Focusvraag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ondersteuner"].queryset = focus.kandidaten(vraag)


class OverdrachtForm(Invoerregels, forms.Form):
    overdracht = forms.CharField(
        label=gettext_lazy("Overdracht aan het anker"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Wat werkte, wat het anker en de school verder opnemen."),
    )


class CollegavraagForm(Invoerregels, forms.Form):
    aan = forms.ModelChoiceField(
        label=gettext_lazy("Aan een collega"),
        queryset=Gebruiker.objects.none(),
        required=False,
        widget=forms.Select(ZOEKLIJST),
    )
    focus = forms.ChoiceField(
        label=gettext_lazy("Of aan een focusteam"), choices=[("", "—"), *Focus.choices], required=False
    )
    vraag = forms.CharField(
        label=gettext_lazy("Vraag"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=GEEN_NAMEN,
    )

    def __init__(self, *args, lsc_id: int, door: Gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aan"].queryset = focus.collegas(lsc_id=lsc_id, behalve=door)

    def clean(self):
        data = super().clean()
        if bool(data.get("aan")) == bool(data.get("focus")):
            raise ValidationError(_("Kies een collega of een focusteam, niet allebei."))
        return data


class AntwoordForm(Invoerregels, forms.Form):
    antwoord = forms.CharField(
        label=gettext_lazy("Je antwoord"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )


class IntervisieForm(Invoerregels, forms.Form):
    datum = forms.DateField(label=gettext_lazy("Woensdag"), widget=Datumveld())
    vraag = forms.CharField(
        label=gettext_lazy("Vraag voor de intervisie"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Een situatie zonder namen van leerlingen."),
    )


# ------------------------------------------------------------------------------------------- helpers


def _bewaren(formulier: forms.Form, service, **kwargs):
    """Runs the service; a refusal goes on the form. Returns the result, or None when refused."""
    try:
        return service(**kwargs)
    except ValidationError as fout:
        fouten_op_formulier(formulier, fout)
        return None


def _focusvraag(request: HttpRequest, pk: int) -> Focusvraag:
    vragen = focus.focusvragen_zichtbaar_voor(request.user).select_related(
        "traject__school", "ondersteuner__gebruiker"
    )
    return get_object_or_404(vragen, pk=pk)


def _alleen(request: HttpRequest, rollen) -> None:
    if request.user.rol not in rollen:
        raise PermissionDenied


# ------------------------------------------------------------------------------------ the trajectory's


@require_http_methods(["GET", "POST"])
def traject_focus_inroepen(request: HttpRequest, pk: int) -> HttpResponse:
    traject = traject_voor_actie(request, pk)
    if not rules.mag_traject_actie(request.user, traject, "traject_focus_inroepen"):
        raise PermissionDenied
    formulier = FocusvraagForm(request.POST if request.method == "POST" else None)
    weigering = None if traject.is_open else _("Een focusteam roep je in op een traject dat nog loopt.")
    if weigering is None and request.method == "POST" and formulier.is_valid():
        data = formulier.cleaned_data
        vraag = _bewaren(
            formulier,
            focus.focus_vragen,
            door=request.user,
            traject=traject,
            focus=data["focus"],
            vraag=data["vraag"],
        )
        if vraag is not None:
            messages.success(
                request,
                _("Het focusteam %(focus)s is ingeroepen. Zijn leden zien je vraag.")
                % {"focus": vraag.get_focus_display()},
            )
            return redirect("traject_detail", pk=traject.pk)
    context = {"traject": traject, "formulier": formulier, "weigering": weigering}
    return render(request, "trajecten/focus/inroepen.html", context)


@require_http_methods(["GET", "POST"])
def traject_collegavraag(request: HttpRequest, pk: int) -> HttpResponse:
    traject = traject_voor_actie(request, pk)
    if not rules.mag_traject_actie(request.user, traject, "traject_collegavraag"):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    formulier = CollegavraagForm(data, lsc_id=traject.lsc_id, door=request.user)
    if data is not None and formulier.is_valid():
        gegevens = formulier.cleaned_data
        vraag = _bewaren(
            formulier,
            focus.collegavraag_stellen,
            door=request.user,
            traject=traject,
            vraag=gegevens["vraag"],
            aan=gegevens["aan"],
            focus=gegevens["focus"],
        )
        if vraag is not None:
            messages.success(request, _("Je vraag is gesteld. Het antwoord komt bij dit traject."))
            return redirect("traject_detail", pk=traject.pk)
    return render(
        request, "trajecten/focus/collegavraag_nieuw.html", {"traject": traject, "formulier": formulier}
    )


# --------------------------------------------------------------------------------------- focus teams


@require_safe
def focusvraag_lijst(request: HttpRequest) -> HttpResponse:
    """The open questions of the user's focus teams across their LSC (a coach: of their regio teams' schools),
    and the focus parts they work on now."""
    _alleen(request, LSC_WERKERS)
    ondersteuner = focus.ondersteuner_van(request.user)
    context = {
        "open": list(focus.open_focusvragen_voor(request.user)),
        "lopend": list(focus.lopende_focusvragen_van(request.user)),
        "focusteams": ondersteuner.focusteam_labels if ondersteuner else [],
        "mag_nemen": ondersteuner is not None,
        "mag_toewijzen": request.user.rol in {*BELEIDSROLLEN, Rol.TEAMCOACH},
        "standaard_einde": focus.standaard_einde(),
    }
    return render(request, "trajecten/focus/lijst.html", context)


@require_POST
def focusvraag_nemen(request: HttpRequest, pk: int) -> HttpResponse:
    vraag = _focusvraag(request, pk)
    if not focus.mag_nemen(request.user, vraag):
        raise PermissionDenied
    formulier = EindeForm(request.POST)
    einde = None  # no date given: the default duration
    if request.POST.get("einde"):
        if not formulier.is_valid():
            fouten = [fout for lijst in formulier.errors.values() for fout in lijst]
            messages.warning(request, " ".join(fouten))
            return redirect("focusvraag_lijst")
        einde = formulier.cleaned_data["einde"]
    try:
        vraag = focus.focusvraag_nemen(door=request.user, vraag=vraag, einde=einde)
    except ValidationError as fout:
        messages.warning(request, " ".join(fout.messages))
        return redirect("focusvraag_lijst")
    messages.success(
        request,
        _("Je werkt nu mee aan traject %(nummer)s, tot %(einde)s.")
        % {"nummer": vraag.traject_id, "einde": date_format(vraag.einde, "j F Y")},
    )
    return redirect("traject_detail", pk=vraag.traject_id)


@require_http_methods(["GET", "POST"])
def focusvraag_toewijzen(request: HttpRequest, pk: int) -> HttpResponse:
    vraag = _focusvraag(request, pk)
    if not focus.mag_toewijzen(request.user, vraag):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    formulier = ToewijzenForm(data, vraag=vraag, initial={"einde": focus.standaard_einde()})
    weigering = None
    if vraag.status != Focusvraag.Status.OPEN:
        weigering = _("Deze vraag is al opgenomen door %(naam)s.") % {"naam": vraag.ondersteuner}
    elif data is not None and formulier.is_valid():
        gegevens = formulier.cleaned_data
        gelukt = _bewaren(
            formulier,
            focus.focusvraag_toewijzen,
            door=request.user,
            vraag=vraag,
            ondersteuner=gegevens["ondersteuner"],
            einde=gegevens["einde"],
        )
        if gelukt is not None:
            messages.success(request, _("%(naam)s is toegewezen.") % {"naam": gelukt.ondersteuner})
            return redirect("focusvraag_lijst")
    return render(
        request,
        "trajecten/focus/toewijzen.html",
        {"vraag": vraag, "formulier": formulier, "weigering": weigering},
    )


@require_http_methods(["GET", "POST"])
def focusdeel_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    vraag = _focusvraag(request, pk)
    if not focus.mag_beeindigen(request.user, vraag):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    formulier = OverdrachtForm(data)
    weigering = None
    if vraag.status != Focusvraag.Status.LOPEND:
        weigering = _("Enkel een lopend focustraject kan beëindigd worden.")
    elif data is not None and formulier.is_valid():
        gelukt = _bewaren(
            formulier,
            focus.focusdeel_beeindigen,
            door=request.user,
            vraag=vraag,
            overdracht=formulier.cleaned_data["overdracht"],
        )
        if gelukt is not None:
            messages.success(
                request, _("Het focustraject is beëindigd; het anker leest je overdracht bij het traject.")
            )
            if rules.mag_traject_bewerken(request.user, vraag.traject):
                return redirect("traject_detail", pk=vraag.traject_id)
            return redirect("focusvraag_lijst")
    return render(
        request,
        "trajecten/focus/beeindigen.html",
        {"vraag": vraag, "formulier": formulier, "weigering": weigering},
    )


# ------------------------------------------------------------------------------------------ colleagues


@require_safe
def collegavraag_lijst(request: HttpRequest) -> HttpResponse:
    _alleen(request, {Rol.ONDERSTEUNER})
    context = {
        "gekregen": list(focus.collegavragen_aan(request.user)[:100]),
        "gesteld": list(focus.collegavragen_van(request.user)[:100]),
    }
    return render(request, "trajecten/focus/collegavragen.html", context)


def _collegavraag(request: HttpRequest, pk: int):
    vragen = focus.collegavragen_zichtbaar_voor(request.user).select_related(
        "gesteld_door", "aan", "beantwoord_door"
    )
    return get_object_or_404(vragen, pk=pk)


@require_safe
def collegavraag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The question and the trajectory's number: the pupil stays on the trajectory page, for its people."""
    vraag = _collegavraag(request, pk)
    gevraagd = focus.is_gevraagd(request.user, vraag)
    context = {
        "vraag": vraag,
        "formulier": AntwoordForm() if gevraagd and vraag.beantwoord_op is None else None,
        "traject_zichtbaar": trajecten_zichtbaar_voor(request.user).filter(pk=vraag.traject_id).exists(),
    }
    return render(request, "trajecten/focus/collegavraag.html", context)


@require_http_methods(["GET", "POST"])
def collegavraag_antwoord(request: HttpRequest, pk: int) -> HttpResponse:
    vraag = _collegavraag(request, pk)
    if not focus.is_gevraagd(request.user, vraag):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    formulier = AntwoordForm(data)
    if vraag.beantwoord_op is not None:
        messages.info(request, _("Deze vraag is al beantwoord."))
        return redirect("collegavraag_detail", pk=vraag.pk)
    if data is not None and formulier.is_valid():
        gelukt = _bewaren(
            formulier,
            focus.collegavraag_beantwoorden,
            door=request.user,
            vraag=vraag,
            antwoord=formulier.cleaned_data["antwoord"],
        )
        if gelukt is not None:
            messages.success(request, _("Je antwoord is bewaard bij het traject."))
            return redirect("collegavraag_detail", pk=vraag.pk)
    context = {"vraag": vraag, "formulier": formulier, "traject_zichtbaar": False}
    return render(request, "trajecten/focus/collegavraag.html", context)


# ------------------------------------------------------------------------------------------ intervisie


@require_http_methods(["GET", "POST"])
def intervisie(request: HttpRequest) -> HttpResponse:
    """The Wednesday intervisie: a supporter puts a question on their regio team's agenda and reads it; the
    coach reads the agendas of the regio teams they coach."""
    _alleen(request, {Rol.ONDERSTEUNER, Rol.TEAMCOACH})
    ondersteuner = focus.ondersteuner_van(request.user)
    formulier = None
    if ondersteuner is not None and ondersteuner.regioteam_id is not None:
        data = request.POST if request.method == "POST" else None
        formulier = IntervisieForm(data, initial={"datum": focus.volgende_woensdag()})
        if data is not None and formulier.is_valid():
            gelukt = _bewaren(
                formulier,
                focus.intervisie_agenderen,
                door=request.user,
                vraag=formulier.cleaned_data["vraag"],
                datum=formulier.cleaned_data["datum"],
            )
            if gelukt is not None:
                messages.success(
                    request,
                    _("Je vraag staat op de agenda van %(datum)s.")
                    % {"datum": date_format(gelukt.datum, "j F Y")},
                )
                return redirect("intervisie")
    elif request.method == "POST":
        raise PermissionDenied
    agenda = (
        focus.intervisie_zichtbaar_voor(request.user)
        .filter(datum__gte=timezone.localdate())
        .select_related("regioteam", "ondersteuner__gebruiker")
    )
    context = {"formulier": formulier, "agenda": list(agenda[:200]), "ondersteuner": ondersteuner}
    return render(request, "trajecten/focus/intervisie.html", context)
