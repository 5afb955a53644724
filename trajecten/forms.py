"""The forms of the trajectory screens. They check input; the services in services.py decide the rest.

Why one module of this length: one form per trajectory screen (23), each short; they share the
input rules and the choices of the supporter's school, and the screens import them from one place.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.duur import als_uren
from netwerk.invoer import ZOEKLIJST, DuurVeld, Invoerregels
from netwerk.models import Focus, Ondersteuner
from scholen.models import School
from scholen.queries import ankerkandidaten
from trajecten import aanvragen, afsluitextra, services
from trajecten.models import (
    Activiteit,
    Betrokkene,
    Doel,
    Evaluatie,
    Frequentie,
    Gebondenheid,
    Inhoud,
    Schoolaanvraag,
    Status,
    Toewijzing,
    Type,
    Verslag,
    Vorm,
)
from trajecten.services import LeerlingGegevens

MAX_DOELEN = 8
SNELKEUZE_MINUTEN = (30, 60, 90, 120)
# A logbook line: as the model allows (5 minutes to a working day of 10 hours). An intensity: up to 100 hours.
REGEL_MINIMUM, REGEL_MAXIMUM = 5, 600
INTENSITEIT_MAXIMUM = 6000
DUURHULP = _("Bijvoorbeeld 1u30, 1,5 (uur) of 45 min.")
STATUSKEUZES = [("", _("open trajecten")), *Status.choices, ("alle", _("alle statussen"))]
TYPEKEUZES = [("", _("alle types")), *Type.choices]


class Datumveld(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _tekstvak(rijen: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rijen})


def _keuzes_met_leeg(leeg: str, keuzes) -> list:
    return [("", leeg), *keuzes]


def _intensiteit() -> DuurVeld:
    return DuurVeld(
        label=_("Intensiteit"),
        minimum=REGEL_MINIMUM,
        maximum=INTENSITEIT_MAXIMUM,
        required=False,
        help_text=_("De tijd per keer zoals in de frequentie, bijvoorbeeld 1u30 of 45 min."),
    )


# Filters


class FilterForm(Invoerregels, forms.Form):
    def filters(self) -> dict:
        """Valid filters only: a tampered value is dropped instead of breaking the list."""
        self.is_valid()
        return {
            k: v for k, v in self.cleaned_data.items() if k not in self.errors and v not in (None, "", False)
        }


class MijnFilterForm(FilterForm):
    bereik = forms.ChoiceField(
        label=_("Welke trajecten"),
        required=False,
        choices=[
            ("", _("aan mij toegewezen")),
            ("anker", _("van mijn ankerscholen")),
            ("alle", _("toegewezen en van mijn ankerscholen")),
        ],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSKEUZES)
    school = forms.TypedChoiceField(
        label=_("School"), required=False, coerce=int, empty_value=None, widget=forms.Select(ZOEKLIJST)
    )
    type = forms.ChoiceField(label=_("Type"), required=False, choices=TYPEKEUZES)

    def __init__(self, *args, scholen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = _keuzes_met_leeg(_("alle scholen"), scholen)


class TrajectFilterForm(FilterForm):
    school = forms.TypedChoiceField(
        label=_("School"), required=False, coerce=int, empty_value=None, widget=forms.Select(ZOEKLIJST)
    )
    regioteam = forms.TypedChoiceField(label=_("Regioteam"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=TYPEKEUZES)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSKEUZES)
    focus = forms.ChoiceField(
        label=_("Focus"), required=False, choices=_keuzes_met_leeg(_("alle focussen"), Focus.choices)
    )
    ondersteuner = forms.TypedChoiceField(
        label=_("Ondersteuner"), required=False, coerce=int, empty_value=None, widget=forms.Select(ZOEKLIJST)
    )
    achterstallig = forms.BooleanField(label=_("Zonder antwoord na de termijn"), required=False)
    verschuldigd = forms.BooleanField(label=_("Evaluatie verschuldigd"), required=False)

    def __init__(self, *args, scholen, regioteams, ondersteuners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = _keuzes_met_leeg(_("alle scholen"), scholen)
        self.fields["regioteam"].choices = _keuzes_met_leeg(_("alle regioteams"), regioteams)
        self.fields["ondersteuner"].choices = _keuzes_met_leeg(_("alle ondersteuners"), ondersteuners)
        # A filter with nothing to choose from (care staff have no regio teams) only clutters the form.
        for naam in ("regioteam", "ondersteuner"):
            if len(self.fields[naam].choices) <= 1:
                del self.fields[naam]

    def keuzevelden(self) -> list:
        return [veld for veld in self if not isinstance(veld.field, forms.BooleanField)]

    def vinkjes(self) -> list:
        return [veld for veld in self if isinstance(veld.field, forms.BooleanField)]


class SchoolTrajectFilterForm(FilterForm):
    """The trajectories of one school in its dossier: running and recent unless a status is chosen."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("lopend en recent")), *Status.choices, ("alle", _("alle statussen"))],
    )
    type = forms.ChoiceField(label=_("Type"), required=False, choices=TYPEKEUZES)
    gebondenheid = forms.ChoiceField(
        label=_("Gebonden aan"),
        required=False,
        choices=_keuzes_met_leeg(_("leerling, leerkracht of team"), Gebondenheid.choices),
    )


class ZoekForm(Invoerregels, forms.Form):
    q = forms.CharField(label=_("Zoek op school, groep of de voornaam van een leerling"), max_length=100)


# The request


class AanmeldingForm(Invoerregels, forms.Form):
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.none(), widget=forms.Select(ZOEKLIJST)
    )
    gebondenheid = forms.ChoiceField(
        label=_("Het traject is"),
        choices=Gebondenheid.choices,
        widget=forms.RadioSelect,
        initial=Gebondenheid.LEERLING,
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=50, required=False)
    initiaal = forms.CharField(label=_("Initiaal van de familienaam"), max_length=2, required=False)
    geboortejaar = forms.IntegerField(label=_("Geboortejaar"), min_value=1995, max_value=2030, required=False)
    klas = forms.CharField(label=_("Klas"), max_length=30, required=False)
    verslag = forms.ChoiceField(
        label=_("Verslag"), required=False, choices=_keuzes_met_leeg(_("kies het verslag"), Verslag.choices)
    )
    groep = forms.CharField(
        label=_("Klas of groep"),
        max_length=60,
        required=False,
        help_text=_("Bijvoorbeeld ‘3de leerjaar’ of ‘team lager’."),
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=_keuzes_met_leeg(_("kies een type"), Type.choices),
        help_text=_(
            "Brede types (basisaanbod, 3, 9) vallen binnen het tijdskader, kleine types (2, 4, 6, 7) niet."
        ),
    )
    fase = forms.TypedChoiceField(
        label=_("Fase van het zorgcontinuüm"),
        coerce=int,
        choices=[(2, _("Fase 2: uitbreiding van zorg")), (3, _("Fase 3: individueel aangepast curriculum"))],
        widget=forms.RadioSelect,
    )
    focussen = forms.MultipleChoiceField(
        label=_("Focus"), required=False, choices=Focus.choices, widget=forms.CheckboxSelectMultiple
    )
    vraag_leerkracht = forms.CharField(
        label=_("Ondersteuningsvraag van de leerkracht(en)"), max_length=2000, widget=_tekstvak(4)
    )
    vraag_leerling_ouders = forms.CharField(
        label=_("Vraag van de leerling of de ouders"), max_length=2000, required=False, widget=_tekstvak(3)
    )

    LEERLINGVELDEN = ("voornaam", "initiaal", "geboortejaar", "klas", "verslag")

    def __init__(self, *args, scholen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen

    def clean_initiaal(self) -> str:
        return self.cleaned_data["initiaal"].strip(" .").upper()

    def clean(self):
        data = super().clean()
        if data.get("gebondenheid") == Gebondenheid.LEERLING:
            for veld in self.LEERLINGVELDEN:
                if data.get(veld) in (None, "") and veld not in self.errors:
                    self.add_error(veld, _("Vul dit in voor een leerlinggebonden traject."))
        elif data.get("gebondenheid") and not data.get("groep"):
            self.add_error("groep", _("Vul de klas of groep in waarvoor het traject is."))
        return data

    def leerling(self) -> LeerlingGegevens | None:
        if self.cleaned_data["gebondenheid"] != Gebondenheid.LEERLING:
            return None
        return LeerlingGegevens(**{veld: self.cleaned_data[veld] for veld in self.LEERLINGVELDEN})

    def velden(self, *namen: str) -> list:
        return [self[naam] for naam in namen]

    def algemeen(self) -> list:
        return self.velden("school", "gebondenheid")

    def leerlingvelden(self) -> list:
        return self.velden(*self.LEERLINGVELDEN)

    def groepvelden(self) -> list:
        return self.velden("groep")

    def inhoudvelden(self) -> list:
        return self.velden("type", "fase", "focussen", "vraag_leerkracht", "vraag_leerling_ouders")


class SchoolaanvraagForm(AanmeldingForm):
    """The school's own request (trajecten/aanvragen.py): the request's fields without the school (it is in
    the URL) and the focus (the LSC's to choose), plus the report it rests on, the parents' agreement, the
    confirmation of what cannot be checked, an optional PDF, and the go-ahead after a duplicate warning."""

    verslag_datum = forms.DateField(label=_("Datum van het verslag"), required=False, widget=Datumveld())
    verslag_bewaarplaats = forms.CharField(
        label=_("Waar bewaart de school het verslag?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld ‘zorgdossier, secretariaat’."),
    )
    ouders_akkoord = forms.BooleanField(
        label=_("De ouders zijn geïnformeerd en gaan akkoord met deze aanvraag"), required=False
    )
    ouders_wie = forms.CharField(
        label=_("Wie gaf het akkoord?"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld ‘moeder’, ‘beide ouders’ of ‘voogd’."),
    )
    ouders_op = forms.DateField(label=_("Wanneer?"), required=False, widget=Datumveld())
    ouders_hoe = forms.ChoiceField(
        label=_("Hoe?"),
        required=False,
        choices=_keuzes_met_leeg(_("kies hoe"), Schoolaanvraag.OudersHoe.choices),
    )
    bijlage = forms.FileField(
        label=_("Bijlage (optioneel, PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Bijvoorbeeld een scan van het verslag. Enkel PDF, hoogstens 10 MB."),
    )
    bevestigd = forms.BooleanField(
        label=_(
            "Ik bevestig dat de vraag van de leerkracht(en) komt en dat het verslag bestaat en bewaard wordt "
            "zoals hierboven vermeld."
        ),
        required=False,
    )
    toch_indienen = forms.BooleanField(
        label=_("Ik weet dat er al een aanvraag openstaat en dien toch een nieuwe in."), required=False
    )

    OUDERVELDEN = ("ouders_akkoord", "ouders_wie", "ouders_op", "ouders_hoe")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, scholen=School.objects.none(), **kwargs)
        del self.fields["school"], self.fields["focussen"]
        self.fields["gebondenheid"].label = _("De aanvraag is")
        self.fields["vraag_leerling_ouders"].help_text = _(
            "Verplicht voor een leerlinggebonden aanvraag: naast de vraag van de leerkracht ook die van de "
            "leerling of de ouders."
        )
        self.fields["verslag"].help_text = _(
            "Sinds 1 september 2023: GC-, IAC- of OV4-verslag; daarvoor: gemotiveerd verslag of verslag."
        )

    def clean_bijlage(self):
        bestand = self.cleaned_data.get("bijlage")
        if not bestand:
            return None
        try:
            aanvragen.controleer_bijlage(bestand, maximum=settings.HONINGRAAT_BIJLAGE_MAX_BYTES)
        except ValidationError as fout:
            raise forms.ValidationError(fout.messages) from None
        return bestand

    def clean(self):
        data = super().clean()
        if data.get("ouders_akkoord"):
            for veld in ("ouders_wie", "ouders_op", "ouders_hoe"):
                if data.get(veld) in (None, "") and veld not in self.errors:
                    self.add_error(veld, _("Vul in wie, wanneer en hoe de ouders akkoord gingen."))
        return data

    def ouders(self) -> "aanvragen.Ouderakkoord | None":
        data = self.cleaned_data
        if not data.get("ouders_akkoord"):
            return None
        return aanvragen.Ouderakkoord(wie=data["ouders_wie"], op=data["ouders_op"], hoe=data["ouders_hoe"])

    def algemeen(self) -> list:
        return self.velden("gebondenheid")

    def inhoudvelden(self) -> list:
        return self.velden("type", "fase", "vraag_leerkracht", "vraag_leerling_ouders")

    def verslagvelden(self) -> list:
        return self.velden("verslag_datum", "verslag_bewaarplaats")

    def oudervelden(self) -> list:
        return self.velden(*self.OUDERVELDEN)

    def slotvelden(self) -> list:
        return self.velden("bijlage", "bevestigd")

    def dubbelvelden(self) -> list:
        return self.velden("toch_indienen")


# Actions on a trajectory: every form takes the trajectory, so one view can build any of them.


class TrajectForm(Invoerregels, forms.Form):
    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject


class AntwoordForm(TrajectForm):
    antwoord = forms.CharField(
        label=_("Antwoord van het leersteuncentrum"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "autofocus": True}),
        help_text=_("Elke aanmelding krijgt een antwoord, van heel beperkt tot uitgebreid."),
    )


class AfsprakenVelden(TrajectForm):
    """What is agreed for a trajectory: when it ends, how often, in which forms, when it is evaluated."""

    geplande_einde = forms.DateField(label=_("Gepland einde"), required=False, widget=Datumveld())
    intensiteit_minuten = _intensiteit()
    frequentie = forms.ChoiceField(
        label=_("Frequentie"), required=False, choices=_keuzes_met_leeg("—", Frequentie.choices)
    )
    vormen = forms.MultipleChoiceField(
        label=_("Vormen"), required=False, choices=Vorm.choices, widget=forms.CheckboxSelectMultiple
    )
    inhoud = forms.MultipleChoiceField(
        label=_("Inhoud"), required=False, choices=Inhoud.choices, widget=forms.CheckboxSelectMultiple
    )
    volgende_evaluatie = forms.DateField(label=_("Volgende evaluatie"), required=False, widget=Datumveld())


class StartForm(AfsprakenVelden):
    field_order = ["start"]

    start = forms.DateField(label=_("Start"), widget=Datumveld(attrs={"autofocus": True}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].initial = timezone.localdate()
        for nummer in range(1, MAX_DOELEN + 1):
            self.fields[f"doel_{nummer}"] = forms.CharField(
                label=_("Doel %(nummer)s") % {"nummer": nummer}, max_length=300, required=False
            )

    def clean(self):
        data = super().clean()
        if not self.doelen():
            self.add_error(
                "doel_1", _("Een traject start met minstens één doel, afgesproken met de partners.")
            )
        start, evaluatie = data.get("start"), data.get("volgende_evaluatie")
        if start and evaluatie and evaluatie < start:
            self.add_error("volgende_evaluatie", _("De volgende evaluatie ligt vóór de start."))
        return data

    def doelen(self) -> list[str]:
        return [
            tekst.strip()
            for nummer in range(1, MAX_DOELEN + 1)
            if (tekst := self.cleaned_data.get(f"doel_{nummer}", "")).strip()
        ]

    def afspraken(self) -> list:
        return [veld for veld in self if not veld.name.startswith("doel_")]

    def doelvelden(self) -> list:
        return [veld for veld in self if veld.name.startswith("doel_")]


class DoelForm(TrajectForm):
    omschrijving = forms.CharField(
        label=_("Nieuw doel"), max_length=300, widget=forms.TextInput(attrs={"autofocus": True})
    )


class EvaluatieForm(TrajectForm):
    # The version the evaluator saw: the evaluation sets goals and the next date, a colleague's too.
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
    datum = forms.DateField(label=_("Datum van de evaluatie"), widget=Datumveld(attrs={"autofocus": True}))
    beslissing = forms.ChoiceField(
        label=_("Beslissing"),
        choices=Evaluatie.Beslissing.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Afronden sluit het traject meteen af, op de datum van deze evaluatie: "
            "de school krijgt de twee afsluitvragen per mail."
        ),
    )
    samenvatting = forms.CharField(
        label=_("Samenvatting"), max_length=2000, required=False, widget=_tekstvak()
    )
    volgende_evaluatie = forms.DateField(
        label=_("Volgende evaluatie"),
        required=False,
        widget=Datumveld(),
        help_text=_("Nodig tenzij jullie beslissen om af te ronden."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        self.fields["versie"].initial = self.traject.versie
        self.doelen = list(self.traject.doelen.all())
        for doel in self.doelen:
            self.fields[f"doel_{doel.pk}_status"] = forms.ChoiceField(
                label=_("Status"), choices=Doel.Status.choices, initial=doel.status
            )
            self.fields[f"doel_{doel.pk}_vooruitgang"] = forms.CharField(
                label=_("Vooruitgang"), max_length=500, required=False, widget=_tekstvak(2)
            )

    def clean(self):
        data = super().clean()
        datum, volgende = data.get("datum"), data.get("volgende_evaluatie")
        if data.get("beslissing") != Evaluatie.Beslissing.AFRONDEN and not volgende:
            self.add_error("volgende_evaluatie", _("Plan de volgende evaluatie."))
        if datum and volgende and volgende <= datum:
            self.add_error("volgende_evaluatie", _("De volgende evaluatie ligt na deze evaluatie."))
        return data

    def algemene_velden(self) -> list:
        namen = ("versie", "datum", "beslissing", "samenvatting", "volgende_evaluatie")
        return [self[naam] for naam in namen]

    def doelvelden(self) -> list:
        return [
            (doel, self[f"doel_{doel.pk}_status"], self[f"doel_{doel.pk}_vooruitgang"])
            for doel in self.doelen
        ]

    def per_doel(self) -> dict[int, tuple[str, str]]:
        return {
            doel.pk: (
                self.cleaned_data[f"doel_{doel.pk}_status"],
                self.cleaned_data[f"doel_{doel.pk}_vooruitgang"].strip(),
            )
            for doel in self.doelen
        }


class AfrondenForm(TrajectForm):
    """Nothing to fill in: the confirmation itself is the form."""


class RedenForm(TrajectForm):
    reden = forms.CharField(
        label=_("Reden"), max_length=300, widget=forms.Textarea(attrs={"rows": 3, "autofocus": True})
    )


class ToewijzingForm(TrajectForm):
    ondersteuner = forms.ModelChoiceField(label=_("Ondersteuner"), queryset=Ondersteuner.objects.none())
    rol = forms.ChoiceField(
        label=_("Rol in dit traject"),
        choices=Toewijzing.Rol.choices,
        widget=forms.RadioSelect,
        initial=Toewijzing.Rol.FOCUS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["ondersteuner"]
        veld.queryset = ankerkandidaten(lsc_id=self.traject.lsc_id, school=self.traject.school)
        veld.label_from_instance = lambda o: f"{o.gebruiker.naam} ({o.regioteam or _('geen regioteam')})"


class AfsprakenForm(AfsprakenVelden):
    """The agreements of a trajectory, edited later. `versie` is the version the editor saw."""

    field_order = ["versie"]

    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            for veld in self.fields:
                self.fields[veld].initial = getattr(self.traject, veld)

    def gegevens(self) -> dict:
        gegevens = {k: v for k, v in self.cleaned_data.items() if k != "versie"}
        gegevens["frequentie"] = gegevens.get("frequentie") or ""
        return gegevens


class BetrokkeneForm(TrajectForm):
    rol = forms.ChoiceField(label=_("Rol"), choices=Betrokkene.Rol.choices)
    organisatie = forms.CharField(label=_("Organisatie"), max_length=150, required=False)
    naam = forms.CharField(
        label=_("Naam"),
        max_length=100,
        required=False,
        help_text=_("Enkel als het nodig is: geen namen van ouders of de leerling, geen diagnoses."),
    )


class TijdVelden(Invoerregels, forms.Form):
    """Time as a supporter enters it: a quick duration or a typed one (the typed one wins), the activity and
    a short note. The single entry (TijdForm) and a row of the day sheet (DagregelForm) share the fields
    and their check."""

    snel = forms.TypedChoiceField(
        label=_("Duur"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(m, als_uren(m)) for m in SNELKEUZE_MINUTEN],
        widget=forms.RadioSelect,
    )
    # Named after what it cleans to (and what the model stores): minutes, however they were typed.
    minuten = DuurVeld(
        label=_("Of een andere duur"),
        minimum=REGEL_MINIMUM,
        maximum=REGEL_MAXIMUM,
        required=False,
        help_text=DUURHULP,
    )
    activiteit = forms.ChoiceField(label=_("Activiteit"), choices=Activiteit.choices)
    notitie = forms.CharField(
        label=_("Korte notitie"),
        max_length=200,
        required=False,
        help_text=_("Geen namen of details over de leerling."),
    )

    def clean(self):
        data = super().clean()
        # A typed number wins over a quick choice: it is the more deliberate of the two.
        data["minuten"] = data.get("minuten") or data.get("snel")
        if not data["minuten"] and "minuten" not in self.errors:
            self.add_error("minuten", _("Kies of vul de duur in."))
        return data


class TijdForm(TrajectForm, TijdVelden):
    field_order = ["datum", "snel", "minuten", "activiteit", "notitie"]
    datum = forms.DateField(label=_("Datum"), widget=Datumveld(attrs={"autofocus": True}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()


# Correcting a line of the logbook. `correctie`: the coordination corrects (any line, with a reason);
# otherwise the supporter changes their own. `stand` is what the editor saw of the line.


def _reden() -> forms.CharField:
    return forms.CharField(
        label=_("Reden van de correctie"),
        max_length=300,
        help_text=_("Staat in de tijdlijn van het traject. Geen namen of details over de leerling."),
    )


class LogboekregelForm(TrajectForm):
    stand = forms.CharField(widget=forms.HiddenInput)
    datum = forms.DateField(label=_("Datum"), widget=Datumveld(attrs={"autofocus": True}))
    minuten = DuurVeld(label=_("Duur"), minimum=REGEL_MINIMUM, maximum=REGEL_MAXIMUM, help_text=DUURHULP)
    activiteit = forms.ChoiceField(label=_("Activiteit"), choices=Activiteit.choices)
    notitie = forms.CharField(
        label=_("Korte notitie"),
        max_length=200,
        required=False,
        help_text=_("Geen namen of details over de leerling."),
    )

    def __init__(self, *args, regel, correctie: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.regel = regel
        if correctie:
            self.fields["reden"] = _reden()
        if not self.is_bound:
            for veld in services.LOGBOEKVELDEN:
                self.fields[veld].initial = getattr(regel, veld)
            self.fields["stand"].initial = services.logboekregel_stand(regel)

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in ("stand", *services.LOGBOEKVELDEN)} | {
            "reden": self.cleaned_data.get("reden", "")
        }


class RegelVerwijderenForm(TrajectForm):
    """The question before a line is deleted: with a reason when it is the coordination's correction."""

    stand = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, regel, correctie: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.regel = regel
        if correctie:
            self.fields["reden"] = _reden()
        self.fields["stand"].initial = services.logboekregel_stand(regel)


class HerstelForm(Invoerregels, forms.Form):
    """Puts a line deleted a moment ago back: the key came with the message that it was deleted."""

    sleutel = forms.CharField(widget=forms.HiddenInput, max_length=2000)


# The school's closing answers, through the link in its mail


class AfsluitvragenForm(Invoerregels, forms.Form):
    wat_neem_je_mee = forms.CharField(
        label=_("Wat neem je als school mee?"), max_length=3000, required=False, widget=_tekstvak(5)
    )
    waar_liggen_kansen = forms.CharField(
        label=_("Waar liggen nog kansen?"), max_length=3000, required=False, widget=_tekstvak(5)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for vraag in afsluitextra.extravragen():  # asked by an app above (trajecten/afsluitextra.py)
            self.fields[vraag.naam] = vraag.veld()


# Privacy: erasure of a pupil on request


class WisverzoekForm(Invoerregels, forms.Form):
    reden = forms.CharField(
        label=_("Waarom moeten de gegevens van deze leerling gewist worden?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
        help_text=_(
            "Bijvoorbeeld: de ouders vragen het, of de leerling werd nooit ondersteund. "
            "Geen namen of details over de leerling: de reden wordt mee gewist."
        ),
    )


class WisbeslissingForm(Invoerregels, forms.Form):
    beslissing = forms.ChoiceField(
        label=_("Beslissing"),
        choices=[("goedkeuren", _("Goedkeuren en nu wissen")), ("weigeren", _("Weigeren"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of weigeren.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij een weigering: de aanvrager leest waarom."),
    )

    def clean(self):
        data = super().clean()
        if data.get("beslissing") == "weigeren" and not (data.get("toelichting") or "").strip():
            self.add_error("toelichting", _("Zeg waarom het verzoek geweigerd wordt."))
        return data


# The day sheet: the day and the form's one-time key, then one row per trajectory (prefix `t<id>`).


class DagbladForm(Invoerregels, forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=Datumveld())
    sleutel = forms.CharField(widget=forms.HiddenInput, max_length=64)


class DagregelForm(TijdVelden):
    """A trajectory's row: a quick duration or a typed one, the activity and a note. A row without a
    duration and without a note is left out; `vorige` (minutes, activity) is the supporter's last line,
    offered as a quick choice and the activity to start from."""

    def __init__(self, *args, vorige: tuple[int, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        snel = list(SNELKEUZE_MINUTEN)
        if vorige and vorige[0] not in snel and REGEL_MINIMUM <= vorige[0] <= REGEL_MAXIMUM:
            snel = sorted([*snel, vorige[0]])
        self.fields["snel"].choices = [(m, als_uren(m)) for m in snel]
        if vorige:
            self.fields["activiteit"].initial = vorige[1]
        self.vorige = vorige

    @property
    def leeg(self) -> bool:
        """Nothing typed or chosen but the activity, which starts filled in."""
        return self.is_bound and not any(
            (self.data.get(self.add_prefix(veld)) or "").strip() for veld in ("snel", "minuten", "notitie")
        )
