"""The forms of professional development (issue 20, part 4): a training and its sessions, registering a
colleague, attendance, the growth focus and a coaching moment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from honingraat.forms import Datumveld
from netwerk.invoer import Invoerregels
from netwerk.models import Aanwezigheid, Coachingsmoment, Focus, Ondersteuner, Vorming, Vormingsessie


class Uurveld(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class VormingForm(Invoerregels, forms.ModelForm):
    class Meta:
        model = Vorming
        fields = ["titel", "soort", "max_plaatsen", "beschrijving"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "titel": {"required": _("Geef de vorming een titel.")},
            "soort": {"required": _("Kies de soort vorming.")},
            "max_plaatsen": {"invalid": _("Geef een heel getal, of laat het leeg.")},
        }


class SessieForm(Invoerregels, forms.ModelForm):
    class Meta:
        model = Vormingsessie
        fields = ["datum", "van", "tot", "plaats"]
        widgets = {"datum": Datumveld(), "van": Uurveld(), "tot": Uurveld()}
        error_messages = {
            "datum": {"required": _("Geef de datum van de sessie."), "invalid": _("Geef een geldige datum.")},
            "van": {"required": _("Geef het beginuur."), "invalid": _("Geef een geldig uur (uu:mm).")},
            "tot": {"required": _("Geef het einduur."), "invalid": _("Geef een geldig uur (uu:mm).")},
            "plaats": {"required": _("Geef de plaats van de sessie.")},
        }

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and tot <= van:
            self.add_error("tot", _("Het einduur ligt na het beginuur."))
        return gegevens

    def validate_constraints(self, exclude=None):
        pass  # the end-after-start constraint is checked in clean(), with its own message


class BasisSessies(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:  # only a saved session can be removed (can_delete_extra=False)
            form.fields["DELETE"].label = _("Deze sessie schrappen")


def _sessies(extra: int):
    return forms.inlineformset_factory(
        Vorming,
        Vormingsessie,
        form=SessieForm,
        formset=BasisSessies,
        extra=extra,
        max_num=20,
        validate_max=True,
        can_delete=True,
        can_delete_extra=False,
    )


# A training's sessions: one empty row beside the saved ones; a new training offers three rows at once (a
# basic training runs over several days), the empty ones are ignored.
SessieFormSet = _sessies(extra=1)
NieuweSessiesFormSet = _sessies(extra=3)


class InschrijvenForm(Invoerregels, forms.Form):
    """The policy team registers a colleague of its LSC."""

    ondersteuner = forms.ModelChoiceField(
        label=_("Ondersteuner"),
        queryset=Ondersteuner.objects.none(),
        error_messages={
            "required": _("Kies een ondersteuner."),
            "invalid_choice": _("Kies een ondersteuner."),
        },
    )

    def __init__(self, *args, lsc_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ondersteuner"].queryset = Ondersteuner.objects.filter(
            lsc=lsc_id, gebruiker__is_active=True
        ).select_related("gebruiker")
        self.fields["ondersteuner"].label_from_instance = lambda o: o.gebruiker.naam
        self.fields["ondersteuner"].empty_label = _("— kies een collega —")


class AanwezigheidVormingForm(Invoerregels, forms.Form):
    """One select per registration and held session."""

    KEUZES = [("", _("— niet ingevuld —")), *Aanwezigheid.Status.choices]

    def __init__(self, *args, rijen, sessies, **kwargs):
        super().__init__(*args, **kwargs)
        self.cellen = []
        for inschrijving, statussen in rijen:
            if inschrijving.wachtlijst:
                continue
            rij = []
            for sessie, aanwezigheid in zip(sessies, statussen, strict=True):
                naam = f"a-{inschrijving.pk}-{sessie.pk}"
                self.fields[naam] = forms.ChoiceField(
                    label=f"{inschrijving.ondersteuner.gebruiker.naam}, {sessie.datum:%d/%m/%Y}",
                    choices=self.KEUZES,
                    required=False,
                    initial=aanwezigheid.status if aanwezigheid else "",
                )
                rij.append((sessie, naam))
            self.cellen.append((inschrijving, rij))

    def tabel(self):
        """Per registration its bound selects, one per session: what the template lays out."""
        return [
            (inschrijving, [(sessie, self[naam]) for sessie, naam in rij])
            for inschrijving, rij in self.cellen
        ]

    def statussen(self) -> dict[tuple[int, int], str]:
        uit = {}
        for naam, waarde in self.cleaned_data.items():
            _a, inschrijving, sessie = naam.split("-")
            uit[(int(inschrijving), int(sessie))] = waarde
        return uit


class GroeifocusForm(Invoerregels, forms.ModelForm):
    groeifocus_gebied = forms.ChoiceField(
        label=_("Focusgebied (optioneel)"), choices=[("", _("geen")), *Focus.choices], required=False
    )

    class Meta:
        model = Ondersteuner
        fields = ["groeifocus", "groeifocus_gebied"]
        labels = {"groeifocus": _("Waarin wil je verder groeien?")}
        help_texts = {
            "groeifocus": _("Bv. ‘oplossingsgericht werken met leerkrachten’. Hoogstens 300 tekens.")
        }


class CoachingsmomentForm(Invoerregels, forms.ModelForm):
    class Meta:
        model = Coachingsmoment
        fields = ["datum", "onderwerp", "notities", "afspraken"]
        widgets = {
            "datum": Datumveld(),
            "notities": forms.Textarea(attrs={"rows": 5}),
            "afspraken": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"notities": _("Alleen jij, de ondersteuner en het beleidsteam lezen dit.")}
        error_messages = {
            "datum": {"required": _("Geef de datum."), "invalid": _("Geef een geldige datum.")},
            "onderwerp": {"required": _("Geef een onderwerp.")},
        }
