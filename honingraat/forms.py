"""The invitation of a new account: who may be invited to what follows from who invites, across the
organisation and the schools (an LSC invites into itself; care staff for a school it serves)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk import meldingen, rules
from netwerk.forms import AfwezigheidForm  # noqa: F401  (the team page's form, shared with the week plan)
from netwerk.invoer import Invoerregels
from netwerk.models import (
    Clb,
    Focus,
    Gebruiker,
    Kanaal,
    Leersteuncentrum,
    Meldingsoort,
    Regioteam,
    Rol,
)
from scholen.models import School
from scholen.queries import clbs_van_lsc, scholen_zichtbaar_voor

ROLLEN_VOOR_BELEID = [Rol.ONDERSTEUNER, Rol.TEAMCOACH, Rol.ZORG, Rol.CLB, Rol.COORDINATOR, Rol.DIRECTEUR]


class UitnodigingForm(Invoerregels, forms.Form):
    """Who may be invited, and to what, follows from who invites: an LSC invites into itself."""

    naam = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    rol = forms.ChoiceField(label=_("Rol"))
    lsc = forms.ModelChoiceField(
        label=_("Leersteuncentrum"), queryset=Leersteuncentrum.objects.none(), required=False
    )
    regioteam = forms.ModelChoiceField(
        label=_("Regioteam"), queryset=Regioteam.objects.none(), required=False
    )
    school = forms.ModelChoiceField(
        label=_("School (voor het zorgteam)"), queryset=School.objects.none(), required=False
    )
    clb = forms.ModelChoiceField(label=_("CLB"), queryset=Clb.objects.all(), required=False)

    def __init__(self, *args, uitnodiger: Gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        self.uitnodiger = uitnodiger
        self.beheerder = rules.is_beheerder(uitnodiger)
        rollen = Rol.choices if self.beheerder else [(r.value, r.label) for r in ROLLEN_VOOR_BELEID]
        self.fields["rol"].choices = [("", "—"), *rollen]
        if self.beheerder:
            self.fields["lsc"].queryset = Leersteuncentrum.objects.all()
            self.fields["regioteam"].queryset = Regioteam.objects.select_related("lsc")
        else:
            del self.fields["lsc"]
            self.fields["regioteam"].queryset = Regioteam.objects.filter(lsc=uitnodiger.lsc_id)
            # An LSC vouches for CLB staff of the CLBs of its own schools only.
            self.fields["clb"].queryset = clbs_van_lsc(uitnodiger.lsc_id).order_by("naam")
        self.fields["school"].queryset = scholen_zichtbaar_voor(uitnodiger).order_by("naam")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if Gebruiker.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er bestaat al een account met dit e-mailadres."))
        return email

    def clean(self) -> dict:
        data = super().clean()
        rol = data.get("rol")
        if not self.beheerder:
            data["lsc"] = self.uitnodiger.lsc
        if rol in {Rol.ONDERSTEUNER, Rol.TEAMCOACH, Rol.COORDINATOR, Rol.DIRECTEUR} and not data.get("lsc"):
            self.add_error("lsc", _("Kies het leersteuncentrum van deze medewerker."))
        if rol == Rol.ZORG and not data.get("school"):
            self.add_error("school", _("Kies de school van deze zorgmedewerker."))
        if rol == Rol.CLB and not data.get("clb"):
            self.add_error("clb", _("Kies het CLB van deze medewerker."))
        if rol not in {Rol.ONDERSTEUNER, Rol.TEAMCOACH, Rol.COORDINATOR, Rol.DIRECTEUR}:
            data["lsc"] = None
        regioteam = data.get("regioteam")
        if regioteam and data.get("lsc") and regioteam.lsc_id != data["lsc"].pk:
            self.add_error("regioteam", _("Dit regioteam hoort niet bij het gekozen leersteuncentrum."))
        return data


class MeldingvoorkeurForm(Invoerregels, forms.Form):
    """Per kind of notification of the user's role: in the app only, one mail a day, or a mail at once."""

    FOUT = _("Kies hoe deze melding je bereikt: alleen in Honingraat, één mail per dag of meteen een mail.")

    def __init__(self, *args, gebruiker: Gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        for soort, kanaal in meldingen.voorkeuren(gebruiker).items():
            self.fields[soort] = forms.ChoiceField(
                label=Meldingsoort(soort).label,
                choices=Kanaal.choices,
                initial=kanaal,
                widget=forms.RadioSelect,
                error_messages={"required": self.FOUT, "invalid_choice": self.FOUT},
            )


# The team (issue 20): the staff list's filters, assignment changes, leave and the leaving step --------------


class Datumveld(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TeamfilterForm(Invoerregels, forms.Form):
    """The staff list's filters, as GET: a link or a bookmark shows the same rows, and so does the export."""

    zoek = forms.CharField(label=_("Naam"), max_length=100, required=False)
    regioteam = forms.ModelChoiceField(
        label=_("Regioteam"), queryset=Regioteam.objects.none(), required=False
    )
    focus = forms.ChoiceField(label=_("Focusteam"), required=False, choices=[("", _("alle")), *Focus.choices])
    belasting = forms.ChoiceField(
        label=_("Belasting"),
        required=False,
        choices=[
            ("", _("alle")),
            ("boven", _("boven opdracht")),
            ("onder", _("onder opdracht")),
            ("binnen", _("binnen opdracht")),
        ],
    )

    def __init__(self, *args, regioteams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regioteam"].queryset = regioteams
        self.fields["regioteam"].empty_label = _("alle")


class OpdrachtwijzigingForm(Invoerregels, forms.Form):
    opdracht_procent = forms.IntegerField(
        label=_("Nieuwe opdracht (% van een voltijdse)"),
        min_value=1,
        max_value=100,
        error_messages={
            "min_value": _("Een opdracht is minstens 1 %%."),
            "max_value": _("Een opdracht is hoogstens 100 %%."),
            "invalid": _("Geef een heel getal tussen 1 en 100."),
        },
    )
    vanaf = forms.DateField(
        label=_("Vanaf"), widget=Datumveld(), error_messages={"invalid": _("Geef een geldige datum.")}
    )


class VertrekForm(Invoerregels, forms.Form):
    """The leaving date and, per anchor school and open trajectory, the colleague who takes it over: one
    select each, set to the proposed colleague, so the form is the preview of what will happen."""

    uit_dienst_op = forms.DateField(
        label=_("Uit dienst op"),
        widget=Datumveld(),
        help_text=_("Vanaf deze dag kan het account niet meer aanmelden; het wordt nooit gewist."),
        error_messages={"invalid": _("Geef een geldige datum.")},
    )

    def __init__(self, *args, kandidaten, items: list[tuple[str, str]], standaard=None, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [("", _("— kies een collega —"))]
        keuzes += [
            (str(k.pk), f"{k.gebruiker.naam} ({k.regioteam.naam if k.regioteam else _('geen regioteam')})")
            for k in kandidaten
        ]
        self.items = items
        for sleutel, omschrijving in items:
            self.fields[sleutel] = forms.ChoiceField(
                label=omschrijving,
                choices=keuzes,
                required=False,
                initial=str(standaard.pk) if standaard is not None else "",
            )

    def opvolgers(self) -> dict[str, int]:
        return {
            sleutel: int(self.cleaned_data[sleutel])
            for sleutel, _o in self.items
            if self.cleaned_data.get(sleutel)
        }

    def item_velden(self):
        return [self[sleutel] for sleutel, _o in self.items]
