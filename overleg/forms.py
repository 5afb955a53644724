"""The forms of the consultation's screens. They check input; the services in services.py decide the rest.

Every form that changes the consultation carries what the editor saw: `versie` (the consultation's
version) and `stand` (a fingerprint of the values the form was opened with). A form whose own values were
changed by someone else in the meantime is refused; a change elsewhere on the page does not block it.
"""

import datetime as dt

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from netwerk.invoer import Invoerregels
from netwerk.kalender import waarom_geen_schooldag
from overleg.models import (
    Afstemmingsstatus,
    Bezorgdheidontvanger,
    Deelnemer,
    Partner,
    Schoolbeeldoverleg,
)


class Datumveld(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DatumUurveld(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class Uurveld(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


# ------------------------------------------------------------------------------ days without school


class Bevestigvakje(forms.CheckboxInput):
    """'Toch bewaren': its value is the days it was shown for, so it confirms those days and no other (a
    box ticked before the date was changed again confirms nothing). Never ticked in advance."""

    def __init__(self, sleutel: str):
        super().__init__(check_test=lambda waarde: False)
        self.sleutel = sleutel

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")

    def get_context(self, name, value, attrs):
        return super().get_context(name, self.sleutel, attrs)


class Schooldagen(Invoerregels, forms.Form):
    """A date on a weekend, in a school holiday or on a public holiday is not refused but asked about first:
    the form comes back with the reason and a box 'Toch bewaren' for exactly those days. A date kept as it
    was (`vorige`) is not asked about again."""

    SCHOOLDAGVELDEN: tuple[str, ...] = ()

    toch_bewaren = forms.CharField(
        label=_("Toch bewaren op een dag zonder school"),
        required=False,
        max_length=200,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, vorige: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.vorige = vorige or {}
        self.fields["toch_bewaren"] = self.fields.pop("toch_bewaren")  # last, under the dates it confirms

    @staticmethod
    def _dag(waarde) -> dt.date | None:
        if isinstance(waarde, dt.datetime):
            return timezone.localdate(waarde) if timezone.is_aware(waarde) else waarde.date()
        return waarde

    def clean(self):
        cleaned = super().clean()
        vragen = []
        for veld in self.SCHOOLDAGVELDEN:
            dag = self._dag(cleaned.get(veld))
            if dag is None or (veld in self.vorige and dag == self._dag(self.vorige[veld])):
                continue
            if reden := waarom_geen_schooldag(dag):
                vragen.append((veld, dag, reden))
        sleutel = " ".join(f"{veld}={dag.isoformat()}" for veld, dag, _reden in vragen)
        if vragen and cleaned.get("toch_bewaren") != sleutel:
            for veld, dag, reden in vragen:
                self.add_error(
                    None,
                    _("%(veld)s: %(dag)s is geen schooldag (%(reden)s). Toch bewaren?")
                    % {
                        "veld": str(self.fields[veld].label).capitalize(),
                        "dag": date_format(dag, "l j F Y"),
                        "reden": reden,
                    },
                )
            self.fields["toch_bewaren"].widget = Bevestigvakje(sleutel)
            self.fields["toch_bewaren"].help_text = _("Vink aan en bewaar opnieuw om deze dag toch te nemen.")
        return cleaned


# ------------------------------------------------------------------------------------- consultation parts

TEKSTVAK_RIJEN = {"overzicht_trajecten": 12, "verslag": 14, "werkwijze": 6, "tussentijdse_effecten": 6}


class OnderdeelForm(Schooldagen):
    """One part of the consultation (the fields of a `services.Onderdeel`), with what the editor saw.
    The meeting's date and the second moment's are asked about when no school is held that day."""

    SCHOOLDAGVELDEN = ("datum", "tussentijds_op")

    versie = forms.IntegerField(widget=forms.HiddenInput)
    stand = forms.CharField(widget=forms.HiddenInput, max_length=40)

    velden: tuple[str, ...] = ()

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in self.velden}

    def clean(self):
        cleaned = super().clean()
        if (
            "tussentijds_uur" in self.fields
            and cleaned.get("tussentijds_uur")
            and not cleaned.get("tussentijds_op")
        ):
            self.add_error("tussentijds_uur", _("Kies eerst de dag van het tweede moment."))
        return cleaned


def _widget(veld: str, modelveld):
    if veld == "datum":
        return DatumUurveld()
    if veld == "tussentijds_op":
        return Datumveld()
    if veld == "tussentijds_uur":
        return Uurveld()
    if modelveld.get_internal_type() == "TextField":
        return forms.Textarea(attrs={"rows": TEKSTVAK_RIJEN.get(veld, 5)})
    return None


def onderdeel_form(velden: tuple[str, ...]) -> type[OnderdeelForm]:
    """A form for these fields of Schoolbeeldoverleg, with the model's labels, limits and help texts."""
    model_velden = {veld: Schoolbeeldoverleg._meta.get_field(veld) for veld in velden}
    widgets = {veld: w for veld, modelveld in model_velden.items() if (w := _widget(veld, modelveld))}
    attributen = fields_for_model(Schoolbeeldoverleg, fields=velden, widgets=widgets)
    if "tussentijds_uur" in attributen:
        attributen["tussentijds_uur"].help_text = _("Leeg laten zolang het uur niet vastligt.")
    attributen["velden"] = velden
    return type("OnderdeelForm_" + "_".join(velden), (OnderdeelForm,), attributen)


class VersieForm(Invoerregels, forms.Form):
    """A button that changes the consultation's status: it acts on the version the user saw."""

    versie = forms.IntegerField(widget=forms.HiddenInput)


# ------------------------------------------------------------------------------------------- agreements


class AfspraakForm(Schooldagen):
    """An agreement: what, who (a participant, never the CLB) and by when (asked about on a day without
    school)."""

    SCHOOLDAGVELDEN = ("tegen",)

    omschrijving = forms.CharField(
        label=_("Afspraak"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Beschrijf de afspraak.")},
    )
    eigenaar = forms.TypedChoiceField(
        label=_("Wie"),
        coerce=int,
        error_messages={
            "required": _("Kies wie de afspraak opneemt."),
            "invalid_choice": _("Kies iemand die deelneemt aan het overleg (niet het CLB)."),
        },
    )
    tegen = forms.DateField(
        label=_("Tegen"), widget=Datumveld(), error_messages={"required": _("Kies een datum.")}
    )
    stand = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, eigenaars: list[tuple[int, str]], vorige_tegen=None, **kwargs):
        super().__init__(*args, vorige={"tegen": vorige_tegen} if vorige_tegen else None, **kwargs)
        self.fields["eigenaar"].choices = [("", "—"), *eigenaars]
        self.vorige_tegen = vorige_tegen

    def clean_omschrijving(self) -> str:
        omschrijving = self.cleaned_data["omschrijving"].strip()
        if not omschrijving:
            raise forms.ValidationError(_("Beschrijf de afspraak."))
        return omschrijving

    def clean_tegen(self):
        tegen = self.cleaned_data["tegen"]
        # A date kept as it was may lie in the past by now; a new or moved one may not.
        if tegen != self.vorige_tegen and tegen < timezone.localdate():
            raise forms.ValidationError(_("Die datum ligt in het verleden."))
        return tegen


class AanwezigheidForm(Invoerregels, forms.Form):
    aanwezig = forms.TypedMultipleChoiceField(
        label=_("Aanwezig"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].choices = [
            (d.pk, f"{d.gebruiker.naam} ({d.get_rol_display().lower()})") for d in deelnemers
        ]


# ------------------------------------------------------------ the afstemmingsgesprek and concerns (issue 19)


class AfstemmingVragenForm(Invoerregels, forms.Form):
    lsc = forms.TypedChoiceField(label=_("Aan welk leersteuncentrum?"), coerce=int, choices=())
    onderwerp = forms.CharField(
        label=_("Waarover wil je samen afstemmen?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Over de samenwerking op school. Noem geen leerlingen: het gesprek gaat niet per kind."),
        error_messages={"required": _("Schrijf kort waarover je wil afstemmen.")},
    )
    partners = forms.MultipleChoiceField(
        label=_("Met welke partners?"),
        choices=Partner.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    andere_partners = forms.CharField(label=_("Andere partners"), max_length=300, required=False)
    voorkeur_momenten = forms.CharField(
        label=_("Voorkeursmomenten"),
        max_length=500,
        required=False,
        help_text=_("Bv. ‘dinsdagnamiddag of donderdag na 15 uur’."),
    )

    def __init__(self, *args, lscs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lsc"].choices = [(lsc.pk, lsc.naam) for lsc in lscs]
        if len(lscs) == 1:
            self.fields["lsc"].initial = lscs[0].pk
            self.fields["lsc"].widget = forms.HiddenInput()


class AfstemmingPlannenForm(Invoerregels, forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    datum = forms.DateTimeField(
        label=_("Datum en uur"),
        widget=DatumUurveld(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        error_messages={
            "required": _("Kies een datum en uur."),
            "invalid": _("Geef een geldige datum en uur."),
        },
    )
    duur_minuten = forms.IntegerField(
        label=_("Duur (minuten)"),
        min_value=15,
        max_value=480,
        initial=60,
        error_messages={
            "min_value": _("De duur is minstens 15 minuten."),
            "max_value": _("De duur is hoogstens 480 minuten."),
        },
    )
    plaats = forms.CharField(
        label=_("Plaats"), max_length=200, error_messages={"required": _("Vul de plaats in.")}
    )
    externe_deelnemers = forms.CharField(
        label=_("Deelnemers zonder account"),
        max_length=300,
        required=False,
        help_text=_("Bv. de pedagogisch begeleider of de ouders: de school nodigt hen zelf uit."),
    )
    deelnemers = forms.TypedMultipleChoiceField(
        label=_("Deelnemers"),
        coerce=int,
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie al uitgenodigd is, blijft deelnemer en krijgt een wijziging in de agenda."),
    )

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemers"].choices = [
            (k.gebruiker.pk, f"{k.gebruiker.naam or k.gebruiker.email} ({Deelnemer.Rol(k.rol).label})")
            for k in kandidaten
        ]


class AfstemmingAfsluitenForm(Invoerregels, forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    uitkomst = forms.ChoiceField(
        choices=[
            (Afstemmingsstatus.GEHOUDEN, _("Gehouden")),
            (Afstemmingsstatus.GEANNULEERD, _("Geannuleerd")),
        ],
        error_messages={"required": _("Kies gehouden of geannuleerd.")},
    )


class BezorgdheidForm(Invoerregels, forms.Form):
    ondersteuner = forms.TypedChoiceField(
        label=_("Over welke leerondersteuner?"),
        coerce=int,
        choices=(),
        error_messages={"required": _("Kies de leerondersteuner.")},
    )
    tekst = forms.CharField(
        label=_("Je bezorgdheid"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Beschrijf je bezorgdheid.")},
    )
    al_besproken = forms.TypedChoiceField(
        label=_("Heb je dit al met de leerondersteuner zelf besproken?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Zeg of je het al met de leerondersteuner besprak.")},
    )
    naar = forms.ChoiceField(
        label=_("Naar wie gaat je bezorgdheid?"),
        choices=Bezorgdheidontvanger.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies naar wie je bezorgdheid gaat.")},
    )

    def __init__(self, *args, ondersteuners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ondersteuner"].choices = [("", "—")] + [
            (o.pk, f"{o.gebruiker.naam or o.gebruiker.email} ({o.lsc.naam})") for o in ondersteuners
        ]


class AfhandelingForm(Invoerregels, forms.Form):
    afhandeling = forms.CharField(
        label=_("Korte toelichting voor de school"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort voor de school hoe je de bezorgdheid opvolgde.")},
    )
