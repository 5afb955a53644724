"""The overview as rows for a spreadsheet.

A pupil appears as "Leerling" with a class, never by name; free text (questions, answers, notes) stays
out too, because anyone may have written a name in it. The LSC's leersteunraad needs figures, not people.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerk.models import Focus
from scholen.models import Bediening
from trajecten.models import Frequentie, Gebondenheid, Toewijzing, Traject, Verslag
from trajecten.queries import minuten_dit_schooljaar

SOORT = {
    Gebondenheid.LEERLING: gettext_lazy("Leerling"),
    Gebondenheid.LEERKRACHT: gettext_lazy("Leerkracht"),
    Gebondenheid.TEAM: gettext_lazy("Team"),
}


def kolommen() -> list[str]:
    return [
        _("Traject"),
        _("School"),
        _("Instellingsnummer"),
        _("Regioteam"),
        _("Gebonden aan"),
        _("Klas of groep"),
        _("Verslag"),
        _("Type"),
        _("Brede of kleine type"),
        _("Fase"),
        _("Focus"),
        _("Status"),
        _("Aangemeld op"),
        _("Beantwoord op"),
        _("Start"),
        _("Gepland einde"),
        _("Volgende evaluatie"),
        _("Afgesloten op"),
        _("Intensiteit (uur)"),
        _("Frequentie"),
        _("Ondersteuners"),
        _("Minuten dit schooljaar"),
        _("Uren dit schooljaar"),
    ]


@dataclass(frozen=True)
class Trajectexport:
    rijen: list[list]  # the header, then one row per trajectory
    leerlingtrajecten: list[int]  # the rows with pupil-level data (class, report): each a read to log


def trajectexport(trajecten: QuerySet[Traject]) -> Trajectexport:
    """The rows in the order of `trajecten`; two queries in all (the rows, their supporters)."""
    regioteam = Bediening.objects.filter(school=OuterRef("school"), lsc=OuterRef("lsc")).values(
        "regioteam__naam"
    )[:1]
    toewijzingen = Toewijzing.objects.select_related("ondersteuner__gebruiker").order_by(
        "rol", "ondersteuner__gebruiker__naam"
    )
    gevonden = list(
        trajecten.select_related("school", "leerling")
        .annotate(regioteam_naam=Subquery(regioteam), minuten_jaar=minuten_dit_schooljaar())
        .prefetch_related(Prefetch("toewijzingen", queryset=toewijzingen))
    )
    return Trajectexport(
        rijen=[kolommen(), *(_rij(traject) for traject in gevonden)],
        leerlingtrajecten=[traject.pk for traject in gevonden if traject.leerling_id],
    )


def _rij(traject: Traject) -> list:
    leerling = traject.leerling
    return [
        traject.pk,
        traject.school.naam,
        traject.school.instellingsnummer,
        traject.regioteam_naam or "",
        str(SOORT[traject.gebondenheid]),
        leerling.klas if leerling else traject.groep,
        str(Verslag(leerling.verslag).label) if leerling else "",
        traject.get_type_display(),
        _("brede type") if traject.brede_type else _("kleine type"),
        traject.fase,
        ", ".join(str(Focus(f).label) for f in traject.focussen),
        traject.get_status_display(),
        traject.aangemeld_op,
        traject.beantwoord_op,
        traject.start,
        traject.geplande_einde,
        traject.volgende_evaluatie,
        traject.afgesloten_op,
        _uren(traject.intensiteit_minuten) if traject.intensiteit_minuten else None,
        str(Frequentie(traject.frequentie).label) if traject.frequentie else "",
        ", ".join(f"{t.ondersteuner} ({t.get_rol_display()})" for t in traject.toewijzingen.all()),
        traject.minuten_jaar,
        _uren(traject.minuten_jaar),
    ]


def _uren(minuten: int) -> Decimal:
    """Hours with two decimals, as the time frames count: 95 minutes are 1,58 hours."""
    return (Decimal(minuten) / 60).quantize(Decimal("0.01"))
