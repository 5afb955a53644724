from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk.invoer import Invoerregels
from netwerk.models import Afwezigheid, Focus, Gebruiker, Ondersteuner, Regioteam, Rol


class CoachForm(Invoerregels, forms.Form):
    coach = forms.ModelChoiceField(label=_("Teamcoach"), queryset=Gebruiker.objects.none(), required=False)

    def __init__(self, *args, lsc_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = Gebruiker.objects.filter(
            lsc=lsc_id, rol=Rol.TEAMCOACH, is_active=True
        )
        self.fields["coach"].empty_label = _("geen teamcoach")


DAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]


class OndersteunerForm(Invoerregels, forms.ModelForm):
    focusteams = forms.MultipleChoiceField(
        label=_("Focusteams"), choices=Focus.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    werkdagen = forms.TypedMultipleChoiceField(
        label=_("Werkdagen"),
        choices=list(enumerate(DAGEN)),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Geen enkele aangevinkt: elke weekdag."),
    )
    onbeschikbaar = forms.TypedMultipleChoiceField(
        label=_("Niet beschikbaar (weekplanning)"),
        choices=[
            (week * 5 + dag, f"{naam}, week {week + 1}")
            for week in range(2)
            for dag, naam in enumerate(DAGEN)
        ],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Vaste dagen waarop de ondersteuner niet op school kan komen. "
            "Bij een cyclus van één week telt week 1."
        ),
    )

    class Meta:
        model = Ondersteuner
        fields = ["regioteam", "opdracht_procent", "focusteams", "woonplaats", "werkdagen", "onbeschikbaar"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regioteam"].queryset = Regioteam.objects.filter(lsc=self.instance.lsc_id)
        self.fields["opdracht_procent"].widget.attrs.update(min=1, max=100)


class AfwezigheidForm(Invoerregels, forms.Form):
    """The kind of leave only: no medical details, also not in a free text."""

    soort = forms.ChoiceField(label=_("Soort"), choices=Afwezigheid.Soort.choices)
    van = forms.DateField(
        label=_("Van"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Geef een geldige datum.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Geef een geldige datum.")},
    )

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De laatste dag ligt voor de eerste."))
        return gegevens
