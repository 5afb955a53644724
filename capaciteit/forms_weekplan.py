"""The week planning's settings as the coordinator chooses them: cycle, collegial day, tolerance, weights."""

from django import forms
from django.utils.translation import gettext_lazy as _

from capaciteit import weekplannen
from capaciteit import weekplanning as wp
from netwerk.invoer import Invoerregels

GEEN_DAG = -1


def _gewicht(label, uitleg) -> forms.IntegerField:
    """One of the coordinator's four weights: a whole number from 0 (ignore) to 1000."""
    return forms.IntegerField(label=label, min_value=0, max_value=1000, help_text=uitleg)


class WeekplanInstellingenForm(Invoerregels, forms.Form):
    cyclus_weken = forms.TypedChoiceField(
        label=_("Cyclus"),
        choices=[(1, _("1 week: elke week hetzelfde")), (2, _("2 weken: even en oneven weken"))],
        coerce=int,
    )
    collegiale_dag = forms.TypedChoiceField(
        label=_("Collegiale dag"),
        choices=[(GEEN_DAG, _("geen"))] + [(i, naam) for i, naam in enumerate(wp.DAGNAMEN)],
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
    gewicht_kader = _gewicht(
        _("Gewicht: tijdskader"),
        _("Per half uur dat een school van haar kader afwijkt; buiten de tolerantie tien keer zwaarder."),
    )
    gewicht_ondersteuners = _gewicht(
        _("Gewicht: ondersteuners per school"),
        _("Per ondersteuner op een school naast haar ankers: hoger geeft scholen minder gezichten."),
    )
    gewicht_reistijd = _gewicht(
        _("Gewicht: reisweg"),
        _("Per kilometer heen en terug van elk bezoek: hoger houdt ondersteuners dichter bij huis."),
    )
    gewicht_continuiteit = _gewicht(
        _("Gewicht: continuïteit"),
        _("Per ondersteuner die niet meer naar een school gaat waar die nu werkt."),
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
        begin = {**weekplannen.STANDAARD, **(waarden or {})}
        if begin["collegiale_dag"] in (None, ""):
            begin["collegiale_dag"] = GEEN_DAG
        return cls(data, initial=begin)

    def instellingen(self) -> dict:
        waarden = dict(self.cleaned_data)
        if waarden["collegiale_dag"] == GEEN_DAG:
            waarden["collegiale_dag"] = None
        return waarden
