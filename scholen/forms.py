from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netwerk.gelijktijdig import stand_van
from netwerk.invoer import Invoerregels
from netwerk.models import Clb, Ondersteuner
from netwerk.rules import is_beheerder
from scholen.models import Bediening, Niveau, Onderwijsnet, School, Verslagsoort


class SchoolFilterForm(Invoerregels, forms.Form):
    q = forms.CharField(label=_("Zoek"), required=False, max_length=100)
    regioteam = forms.TypedChoiceField(label=_("Regioteam"), required=False, coerce=int, empty_value=None)
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    net = forms.ChoiceField(
        label=_("Net"), required=False, choices=[("", _("alle netten")), *Onderwijsnet.choices]
    )
    niveau = forms.ChoiceField(
        label=_("Niveau"), required=False, choices=[("", _("alle niveaus")), *Niveau.choices]
    )
    clb = forms.TypedChoiceField(label=_("CLB"), required=False, coerce=int, empty_value=None)
    zonder_anker = forms.BooleanField(label=_("Enkel scholen zonder anker"), required=False)

    def __init__(self, *args, regioteams, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regioteam"].choices = [("", _("alle regioteams")), *((r.pk, r.naam) for r in regioteams)]
        self.fields["gemeente"].choices = [("", _("alle gemeenten")), *((g, g) for g in gemeenten)]
        self.fields["clb"].choices = [("", _("alle CLB's")), *Clb.objects.values_list("pk", "naam")]

    def filters(self) -> dict:
        """Valid filters only: a tampered value is dropped instead of breaking the list."""
        if self.is_valid():
            return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}
        return {
            k: v for k, v in self.cleaned_data.items() if k not in self.errors and v not in (None, "", False)
        }


class SchoolForm(Invoerregels, forms.ModelForm):
    # The school's data as the editor saw them: another's save in between is not silently overwritten.
    stand = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    class Meta:
        model = School
        fields = [
            "naam",
            "straat",
            "postcode",
            "gemeente",
            "niveau",
            "net",
            "scholengemeenschap",
            "clb",
            "telefoon",
            "email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand"].initial = stand_van(self.instance, self._meta.fields)

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in self._meta.fields}


class AnkerForm(Invoerregels, forms.Form):
    ondersteuner = forms.ModelChoiceField(label=_("Ankerondersteuner"), queryset=Ondersteuner.objects.none())

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["ondersteuner"]
        veld.queryset = kandidaten
        veld.empty_label = _("Kies een ondersteuner")
        veld.label_from_instance = _kandidaat_label


def _kandidaat_label(ondersteuner) -> str:
    team = ondersteuner.regioteam or _("geen regioteam")
    aantal = getattr(ondersteuner, "aantal_ankerscholen", None)
    if aantal is None:
        return f"{ondersteuner.gebruiker.naam} ({team})"
    return ngettext(
        "%(naam)s (%(team)s, %(aantal)s ankerschool)", "%(naam)s (%(team)s, %(aantal)s ankerscholen)", aantal
    ) % {
        "naam": ondersteuner.gebruiker.naam,
        "team": team,
        "aantal": aantal,
    }


class RegisterForm(Invoerregels, forms.Form):
    soort = forms.ChoiceField(label=_("Soort verslag"), choices=[(k, k.upper()) for k in Verslagsoort.values])
    aantal = forms.IntegerField(label=_("Aantal"), min_value=0, max_value=10000)
    bewaarplaats = forms.CharField(label=_("Bewaarplaats"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("aantal") and not data.get("bewaarplaats"):
            self.add_error("bewaarplaats", _("Zeg waar de school deze verslagen bewaart."))
        return data


class ClbForm(Invoerregels, forms.ModelForm):
    """A CLB made or renamed by hand: its own explicit act, never a side effect of an import."""

    class Meta:
        model = Clb
        fields = ["naam", "gemeente"]


class SamenvoegenForm(Invoerregels, forms.Form):
    naar = forms.ModelChoiceField(label=_("Samenvoegen met"), queryset=Clb.objects.none())
    bevestigd = forms.BooleanField(label=_("Ik begrijp wat er verhuist en dat dit CLB verdwijnt."))

    def __init__(self, *args, van: Clb, gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        kandidaten = Clb.objects.exclude(pk=van.pk)
        if not is_beheerder(gebruiker):
            # Only CLBs whose schools the user's LSC alone serves (scholen.rules.mag_clb_wijzigen).
            ander_lsc = Bediening.objects.filter(school__clb=OuterRef("pk")).exclude(lsc=gebruiker.lsc_id)
            kandidaten = kandidaten.exclude(Exists(ander_lsc))
        self.fields["naar"].queryset = kandidaten.order_by("naam")
        self.fields["naar"].empty_label = _("Kies het CLB dat blijft")
