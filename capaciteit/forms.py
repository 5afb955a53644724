"""The envelope with its key, a move of hours between two schools, the choices of a publication, and the
week planning's settings as the coordinator chooses them (cycle, collegial day, tolerance, weights)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from capaciteit.models import Envelop, Planwijziging
from capaciteit.rekenen.weekplanning import DAGNAMEN
from capaciteit.services import ENVELOP_VELDEN, STANDAARD, envelop_stand
from capaciteit.services.kalender import ONGEDAAN
from netwerk.forms import AfwezigheidForm
from netwerk.invoer import ZOEKLIJST, Invoerregels
from netwerk.models import Afwezigheid

SOORTEN = [("gc", _("GC-verslagen")), ("iac", _("IAC-verslagen")), ("ov4", _("OV4-verslagen"))]


class EnvelopForm(Invoerregels, forms.ModelForm):
    afleiden = forms.BooleanField(
        label=_("Envelop afleiden uit personeel"),
        required=False,
        help_text=_("Opdracht % van de actieve ondersteuners × de uren per voltijdse opdracht."),
    )
    verslagsoorten = forms.MultipleChoiceField(
        label=_("Verslagen die meetellen"), choices=SOORTEN, widget=forms.CheckboxSelectMultiple
    )
    # The settings as the coordinator saw them: another's save in between is not silently overwritten.
    stand = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    class Meta:
        model = Envelop
        fields = list(ENVELOP_VELDEN)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand"].initial = envelop_stand(self.instance)

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in self._meta.fields}

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("afleiden") and not gegevens.get("uren_per_voltijdse"):
            self.add_error(
                "uren_per_voltijdse", _("Vul de uren per voltijdse opdracht in om de envelop af te leiden.")
            )
        return gegevens


class SnelleKeuzelijst(forms.Select):
    """A select for thousands of schools: the options as one string, not one template per option.

    Django's Select renders every option through its own template: for 3,500 schools, twice on a page,
    that was most of the planning page's second and a half.
    """

    def render(self, name, value, attrs=None, renderer=None):
        gekozen = "" if value is None else str(value)
        # One escape per value and label, no format_html per option: a fifth of the page at 3,500 schools.
        opties = mark_safe(  # noqa: S308 - every value and label is escaped here
            "".join(
                f'<option value="{conditional_escape(w)}"{" selected" if str(w) == gekozen else ""}>'
                f"{conditional_escape(label)}</option>"
                for w, label in self.choices
            )
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), opties
        )


class HerverdelingForm(Invoerregels, forms.Form):
    # Its own prefix: the envelope form on the same page has an `uren` field too (ids must be unique).
    prefix = "herverdeling"
    van = forms.TypedChoiceField(label=_("Van school"), coerce=int, widget=SnelleKeuzelijst(ZOEKLIJST))
    naar = forms.TypedChoiceField(label=_("Naar school"), coerce=int, widget=SnelleKeuzelijst(ZOEKLIJST))
    uren = forms.IntegerField(label=_("Uren"), min_value=1)
    reden = forms.CharField(label=_("Reden"), max_length=300)
    # What the coordinator saw: the version and its newest move (services.herverdeling_stand).
    verdeling = forms.IntegerField(widget=forms.HiddenInput, required=False)
    gezien = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

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


KEUZES = [("overnemen", _("Overnemen")), ("vervallen", _("Laten vervallen"))]


def keuzes_uit(gegevens, verschuivingen: list[int]) -> dict[str, str]:
    """Each move's choice as sent, carrying it where none was sent (the default the page starts from)."""
    return {f"keuze-{pk}": gegevens.get(f"keuze-{pk}") or "overnemen" for pk in verschuivingen}


class PublicatieForm(Invoerregels, forms.Form):
    """Publishing a new version: per move of the published version carry it or let it go, and what the
    coordinator saw (services.verdeling_publiceren checks it). The page writes the hidden values of now
    itself: a form bound to a request's choices would give back the values that request carried."""

    stand = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    gezien = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    uitkomst = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, verschuivingen: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.verschuivingen = verschuivingen
        for pk in verschuivingen:
            self.fields[f"keuze-{pk}"] = forms.ChoiceField(
                label=_("Keuze"), choices=KEUZES, required=False, widget=forms.RadioSelect
            )

    def vervallen(self) -> set[int]:
        """The moves let go; a move without a choice is carried."""
        return {pk for pk in self.verschuivingen if self.cleaned_data.get(f"keuze-{pk}") == "vervallen"}


# ------------------------------------------------------------------------------------ the week plan

GEEN_DAG = -1


def _gewicht(label, uitleg, *, hoogstens: int) -> forms.IntegerField:
    """One of the five weights, as a slider from 0 (let this wish go) to `hoogstens`; the help says what
    moving it up buys and what it costs. Any whole number up to 1000 is accepted from a form."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=1000,
        help_text=uitleg,
        required=False,
        widget=forms.NumberInput(attrs={"type": "range", "min": 0, "max": hoogstens, "step": 1}),
    )


# The coordinator's choice of what matters most, each a set of the five weights (kader, ondersteuners,
# reistijd, continuïteit, traject). "evenwichtig" is the standard; "zelf" uses the sliders.
NADRUK = {
    "evenwichtig": (_("Evenwichtig"), _("Alles telt mee zoals het leersteuncentrum het standaard afweegt.")),
    "kaders": (
        _("Tijdskaders eerst"),
        _("Elke school zo dicht mogelijk bij haar tijdskader, ook als dat meer gezichten of km kost."),
    ),
    "gezichten": (
        _("Weinig verschillende ondersteuners per school"),
        _("Zo weinig mogelijk gezichten naast de ankers, ook als een school wat verder van haar kader zit."),
    ),
    "kilometers": (
        _("Weinig kilometers"),
        _("Ondersteuners zo dicht mogelijk bij huis, ook als dat meer wissels per school geeft."),
    ),
    "continuiteit": (
        _("Continuïteit"),
        _("Wie nu op een school werkt, blijft er zoveel mogelijk, ook als de kaders minder mooi uitkomen."),
    ),
    "trajecten": (
        _("Trajecten eerst"),
        _(
            "Elk lopend traject krijgt de afgesproken uren bij wie het begeleidt, ook als er op een school "
            "een gezicht bijkomt of ze wat verder van haar kader zit."
        ),
    ),
}
GEWICHTVELDEN = (
    "gewicht_kader",
    "gewicht_ondersteuners",
    "gewicht_reistijd",
    "gewicht_continuiteit",
    "gewicht_traject",
)
NADRUK_GEWICHTEN = {
    "evenwichtig": tuple(STANDAARD[veld] for veld in GEWICHTVELDEN),  # the planning's standard weights
    "kaders": (40, 20, 1, 15, 20),
    "gezichten": (10, 120, 1, 30, 10),
    "kilometers": (10, 30, 6, 20, 20),
    "continuiteit": (10, 30, 1, 120, 40),
    "trajecten": (10, 30, 1, 30, 80),
}
ZELF = "zelf"


def nadruk_van(instellingen: dict) -> str:
    """The emphasis whose weights these settings carry, or "zelf" when the sliders were set by hand. A plan
    from before the trajectories' weight existed carries the standard one."""
    gewichten = tuple(instellingen.get(veld, STANDAARD[veld]) for veld in GEWICHTVELDEN)
    for sleutel, waarden in NADRUK_GEWICHTEN.items():
        if gewichten == waarden:
            return sleutel
    return ZELF


class WeekplanInstellingenForm(Invoerregels, forms.Form):
    cyclus_weken = forms.TypedChoiceField(
        label=_("Cyclus"),
        choices=[(1, _("1 week: elke week hetzelfde")), (2, _("2 weken: even en oneven weken"))],
        coerce=int,
    )
    collegiale_dag = forms.TypedChoiceField(
        label=_("Collegiale dag"),
        choices=[(GEEN_DAG, _("geen"))] + [(i, naam) for i, naam in enumerate(DAGNAMEN)],
        coerce=int,
        help_text=_("De weekdag waarop het leersteuncentrum samenkomt."),
    )
    collegiale_dag_blokken = forms.TypedChoiceField(
        label=_("Op de collegiale dag"),
        choices=[(0, _("vrij gehouden")), (8, _("halve dag vrij (4 uur op school)"))],
        coerce=int,
    )
    tolerantie_procent = forms.IntegerField(
        label=_("Tolerantie op het tijdskader (%)"),
        min_value=0,
        max_value=50,
        help_text=_(
            "Zoveel mag een school boven of onder haar tijdskader zitten zonder dat het zwaar weegt."
        ),
    )
    nadruk = forms.ChoiceField(
        label=_("Waar ligt de nadruk?"),
        choices=[(k, v[0]) for k, v in NADRUK.items()] + [(ZELF, _("Zelf afstellen met de schuifjes"))],
        required=False,
        widget=forms.RadioSelect,
    )
    gewicht_kader = _gewicht(
        _("Tijdskaders"),
        _(
            "Naar rechts: scholen dichter bij hun kader (buiten de tolerantie telt het tien keer zwaarder). "
            "Kost: meer verschillende ondersteuners en kilometers."
        ),
        hoogstens=50,
    )
    gewicht_ondersteuners = _gewicht(
        _("Weinig gezichten per school"),
        _(
            "Naar rechts: minder ondersteuners op een school naast haar ankers. Kost: scholen verder van "
            "hun kader, meer kilometers."
        ),
        hoogstens=150,
    )
    gewicht_reistijd = _gewicht(
        _("Weinig kilometers"),
        _(
            "Naar rechts: ondersteuners dichter bij huis. Kost: meer wissels per school, kaders minder "
            "precies."
        ),
        hoogstens=10,
    )
    gewicht_continuiteit = _gewicht(
        _("Continuïteit"),
        _(
            "Naar rechts: wie nu op een school werkt, blijft er. Kost: minder ruimte om kaders en "
            "kilometers te verbeteren."
        ),
        hoogstens=150,
    )
    gewicht_traject = _gewicht(
        _("Trajecten krijgen hun afgesproken uren"),
        _(
            "Naar rechts: wie een lopend traject op een school heeft, krijgt er de uren die met de school "
            "zijn afgesproken. Kost: meer gezichten per school, kaders minder precies."
        ),
        hoogstens=100,
    )
    tijdslimiet_s = forms.IntegerField(
        label=_("Rekentijd (seconden)"),
        min_value=5,
        max_value=600,
        help_text=_("De planner geeft na deze tijd het beste plan dat hij vond."),
    )

    @classmethod
    def met_waarden(cls, waarden: dict | None = None, data=None):
        """The form filled with the standard settings, overlaid with those of an earlier plan."""
        begin = {**STANDAARD, **(waarden or {})}
        if begin["collegiale_dag"] in (None, ""):
            begin["collegiale_dag"] = GEEN_DAG
        begin["nadruk"] = nadruk_van(begin)
        return cls(data, initial=begin)

    def clean(self):
        data = super().clean()
        nadruk = data.get("nadruk") or ZELF
        if nadruk != ZELF:
            data.update(zip(GEWICHTVELDEN, NADRUK_GEWICHTEN[nadruk], strict=True))
        else:
            if data.get("gewicht_traject") is None and "gewicht_traject" not in self.errors:
                data["gewicht_traject"] = STANDAARD["gewicht_traject"]  # a page from before this slider
            for veld in GEWICHTVELDEN:
                if data.get(veld) is None and veld not in self.errors:
                    self.add_error(veld, _("Zet dit schuifje, of kies hierboven een nadruk."))
        data["nadruk"] = nadruk
        return data

    def instellingen(self) -> dict:
        waarden = dict(self.cleaned_data)
        if waarden["collegiale_dag"] == GEEN_DAG:
            waarden["collegiale_dag"] = None
        return waarden

    def nadrukken(self) -> list[tuple[str, str, str, bool]]:
        """The emphases as radio choices with what each means: (value, label, description, chosen)."""
        gekozen = self["nadruk"].value() or ZELF
        return [
            (sleutel, label, uitleg, sleutel == gekozen) for sleutel, (label, uitleg) in NADRUK.items()
        ] + [(ZELF, _("Zelf afstellen"), _("Met de schuifjes hieronder."), gekozen == ZELF)]

    def gewichtvelden(self) -> list:
        return [self[veld] for veld in GEWICHTVELDEN]

    def weekvelden(self) -> list:
        return [self[veld] for veld in self.fields if veld not in GEWICHTVELDEN and veld != "nadruk"]


# ------------------------------------------------------------------------------------ the year transition


class JaarovergangForm(Invoerregels, forms.Form):
    """The year transition's confirmation: what the coordinator saw, and the new year's envelope when it has
    none yet (left empty, the envelope is made later on the planning page)."""

    stand = forms.CharField(widget=forms.HiddenInput, max_length=40)
    envelop_uren = forms.IntegerField(
        label=_("Envelop van het nieuwe schooljaar (uren)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=_("Leeg laten mag: dan vul je de envelop later in bij Capaciteit."),
        error_messages={
            "min_value": _("De envelop moet minstens 1 uur zijn."),
            "max_value": _("Zoveel uren kan geen envelop tellen: kijk het getal na."),
            "invalid": _("Geef het aantal uren als een geheel getal."),
        },
    )


class Datumveld(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


GELDIGE_DATUM = {"invalid": _("Geef een geldige datum."), "required": _("Kies een datum.")}


class PlanwijzigingForm(Invoerregels, forms.Form):
    """One visit on one date: cancel it, send it to another school or date, have another supporter go, or
    undo the change it has. The schools and supporters offered are the LSC's own."""

    ONGEDAAN = ONGEDAAN

    datum = forms.DateField(label=_("Datum van het bezoek"), widget=Datumveld(), error_messages=GELDIGE_DATUM)
    soort = forms.ChoiceField(
        label=_("Wat gebeurt er met het bezoek?"),
        widget=forms.RadioSelect,
        choices=[*Planwijziging.Soort.choices, (ONGEDAAN, _("Zoals gepland (wijziging ongedaan maken)"))],
        error_messages={"required": _("Kies wat er met het bezoek gebeurt.")},
    )
    school = forms.TypedChoiceField(label=_("Andere school"), coerce=int, required=False, empty_value=None)
    nieuwe_datum = forms.DateField(
        label=_("Nieuwe datum"), widget=Datumveld(), required=False, error_messages=GELDIGE_DATUM
    )
    ondersteuner = forms.TypedChoiceField(
        label=_("Andere ondersteuner"), coerce=int, required=False, empty_value=None
    )
    reden = forms.CharField(label=_("Reden (voor de ondersteuner)"), max_length=200, required=False)

    def __init__(self, *args, scholen=(), ondersteuners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [("", "—"), *((s.pk, s.naam) for s in scholen)]
        self.fields["ondersteuner"].choices = [("", "—"), *((o.pk, o.gebruiker.naam) for o in ondersteuners)]

    def clean(self):
        gegevens = super().clean()
        soort = gegevens.get("soort")
        nodig = {
            Planwijziging.Soort.ANDERE_SCHOOL: ("school", _("Kies de school waar het bezoek naartoe gaat.")),
            Planwijziging.Soort.VERPLAATST: (
                "nieuwe_datum",
                _("Kies de datum waarnaar het bezoek verhuist."),
            ),
            Planwijziging.Soort.ANDERE_ONDERSTEUNER: (
                "ondersteuner",
                _("Kies de ondersteuner die in de plaats gaat."),
            ),
        }
        if soort in nodig:
            veld, melding = nodig[soort]
            if gegevens.get(veld) is None and veld not in self.errors:
                self.add_error(veld, melding)
        return gegevens


class WeekplanAfwezigheidForm(AfwezigheidForm):
    """The team page's leave form on "Weekplan op datum": for a supporter of the LSC, the kind of leave
    optional (no kind: "Andere"). The kind stays with the LSC: schools never see it."""

    ondersteuner = forms.TypedChoiceField(
        label=_("Wie is afwezig"),
        coerce=int,
        error_messages={"required": _("Kies de ondersteuner die afwezig is.")},
    )
    field_order = ["ondersteuner", "van", "tot", "soort"]

    def __init__(self, *args, ondersteuners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ondersteuner"].choices = [("", "—"), *((o.pk, o.gebruiker.naam) for o in ondersteuners)]
        soort = self.fields["soort"]
        soort.required = False
        soort.choices = [("", _("— geen reden —")), *Afwezigheid.Soort.choices]
        soort.label = _("Reden (nooit zichtbaar voor de school)")
        for veld in ("van", "tot"):
            self.fields[veld].error_messages["required"] = _("Kies een datum.")

    def clean_soort(self):
        return self.cleaned_data.get("soort") or Afwezigheid.Soort.ANDERE
