from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk.invoer import Invoerregels
from netwerk.models import Focus, Gebruiker, Ondersteuner, Regioteam, Rol


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
