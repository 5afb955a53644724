"""The envelope with its key, and a move of hours between two schools."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capaciteit.models import Envelop

SOORTEN = [("gc", _("GC-verslagen")), ("iac", _("IAC-verslagen")), ("ov4", _("OV4-verslagen"))]


class EnvelopForm(forms.ModelForm):
    afleiden = forms.BooleanField(
        label=_("Envelop afleiden uit personeel"),
        required=False,
        help_text=_("Opdracht % van de actieve ondersteuners × de uren per voltijdse opdracht."),
    )
    verslagsoorten = forms.MultipleChoiceField(
        label=_("Verslagen die meetellen"), choices=SOORTEN, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Envelop
        fields = [
            "uren",
            "uren_per_voltijdse",
            "gewicht_leerlingen",
            "venster_jaren",
            "verslagsoorten",
            "referentiejaar",
            "eenheid",
            "schoolweken",
        ]

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("afleiden") and not gegevens.get("uren_per_voltijdse"):
            self.add_error(
                "uren_per_voltijdse", _("Vul de uren per voltijdse opdracht in om de envelop af te leiden.")
            )
        return gegevens


class HerverdelingForm(forms.Form):
    van = forms.TypedChoiceField(label=_("Van school"), coerce=int)
    naar = forms.TypedChoiceField(label=_("Naar school"), coerce=int)
    uren = forms.IntegerField(label=_("Uren"), min_value=1)
    reden = forms.CharField(label=_("Reden"), max_length=300)

    def __init__(self, *args, scholen: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [("", _("Kies een school")), *scholen]
        self.fields["van"].choices = keuzes
        self.fields["naar"].choices = keuzes

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("van") is not None and gegevens.get("van") == gegevens.get("naar"):
            self.add_error("naar", _("Kies twee verschillende scholen."))
        return gegevens
