"""The schools' closing answers for the LSC's policy: figures and quotes per school and school year.

At closure a school answers "Wat neem je als school mee?" and "Waar liggen nog kansen?" (trajecten,
`Afsluitvraag`), and may add free suggestions to the LSC (asked on the same form from here, kept in
`Afsluitsuggestie`). The coordination (and a team coach for their regio teams) reads them together: per
school, how many trajectories closed in the year, how many closing questionnaires went out and how many came
back, and the answers as quotes. Nothing that points at a pupil: no name, class, trajectory id or date of
closure; the quotes of a school are sorted by their text, not by trajectory, and an anonymised answer
(past its retention) is left out. The CSV holds exactly these rows.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from netwerk.models import BELEIDSROLLEN, Rol
from netwerk.schooljaar import schooljaar_begin, schooljaar_einde
from overleg.models import Afsluitsuggestie
from scholen.queries import door_coach_bediend
from trajecten.models import Afsluitvraag, Status, Traject

GEANONIMISEERD = "[geanonimiseerd]"
VRAGEN = (
    ("wat_neem_je_mee", "Wat neem je als school mee?"),
    ("waar_liggen_kansen", "Waar liggen nog kansen?"),
)
SUGGESTIES = "suggesties"
SUGGESTIES_VRAAG = "Suggesties voor het leersteuncentrum"


# ------------------------------------------------------------- the question on the school's closing form


def suggestieveld() -> forms.Field:
    return forms.CharField(
        label=_("Suggesties voor het leersteuncentrum"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vrij: wat kan het leersteuncentrum beter doen of behouden? Noem geen leerlingen."),
    )


def suggesties_bewaren(vraag: Afsluitvraag, tekst: str) -> None:
    """In the transaction of the school's answers (trajecten.services.afsluitvragen_beantwoorden)."""
    if tekst:
        Afsluitsuggestie.objects.update_or_create(traject_id=vraag.traject_id, defaults={"tekst": tekst})


def suggesties_lezen(traject_ids: list[int]) -> dict[int, str]:
    """For the pupil's file (trajecten.privacy.leerlingdossier): everything held per trajectory."""
    return dict(Afsluitsuggestie.objects.filter(traject__in=traject_ids).values_list("traject_id", "tekst"))


# ----------------------------------------------------------------------------------------- the summary


def mag_lezen(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol in {*BELEIDSROLLEN, Rol.TEAMCOACH}


def _trajecten(gebruiker, schooljaar: int) -> QuerySet[Traject]:
    trajecten = Traject.objects.filter(
        status=Status.AFGEROND,
        afgesloten_op__gte=schooljaar_begin(schooljaar),
        afgesloten_op__lte=schooljaar_einde(schooljaar),
    )
    if gebruiker.rol in BELEIDSROLLEN:
        return trajecten.filter(lsc=gebruiker.lsc_id)
    if gebruiker.rol == Rol.TEAMCOACH:
        return trajecten.filter(door_coach_bediend(gebruiker))
    return trajecten.none()


@dataclass
class Schoolrij:
    school: str
    afgerond: int
    verstuurd: int
    beantwoord: int
    citaten: list[tuple[str, str]] = field(default_factory=list)  # (question, answer)
    school_id: int | None = None  # for the yearly report, which blanks the names known at that school


def samenvatting(gebruiker, schooljaar: int) -> list[Schoolrij]:
    """Per school with a trajectory closed in the year, by name: two queries however many schools."""
    trajecten = _trajecten(gebruiker, schooljaar)
    rijen = {
        r["school_id"]: Schoolrij(
            r["school__naam"], r["afgerond"], r["verstuurd"], r["beantwoord"], school_id=r["school_id"]
        )
        for r in trajecten.values("school_id", "school__naam")
        .annotate(
            afgerond=Count("pk"),
            verstuurd=Count("afsluitvraag"),
            beantwoord=Count("afsluitvraag", filter=Q(afsluitvraag__beantwoord_op__isnull=False)),
        )
        .order_by("school__naam", "school_id")
    }
    suggestie = Afsluitsuggestie.objects.filter(traject=OuterRef("traject")).values("tekst")
    antwoorden = (
        Afsluitvraag.objects.filter(traject__in=trajecten.values("pk"), beantwoord_op__isnull=False)
        .annotate(suggesties=Subquery(suggestie))
        .values_list("traject__school_id", *(veld for veld, _vraag in VRAGEN), "suggesties")
    )
    citaten: dict[int, list[tuple[str, str]]] = {}
    for school_id, *teksten in antwoorden:
        for vraag, tekst in zip([v for _veld, v in VRAGEN] + [SUGGESTIES_VRAAG], teksten, strict=True):
            if tekst and tekst.strip() and tekst.strip() != GEANONIMISEERD:
                citaten.setdefault(school_id, []).append((vraag, tekst.strip()))
    volgorde = {vraag: i for i, vraag in enumerate([v for _veld, v in VRAGEN] + [SUGGESTIES_VRAAG])}
    for school_id, lijst in citaten.items():
        # By question in the form's order, then by text: nothing in the order points at a trajectory.
        rijen[school_id].citaten = sorted(lijst, key=lambda c: (volgorde[c[0]], c[1]))
    return list(rijen.values())


def totalen(rijen: list[Schoolrij]) -> dict:
    return {
        "afgerond": sum(r.afgerond for r in rijen),
        "verstuurd": sum(r.verstuurd for r in rijen),
        "beantwoord": sum(r.beantwoord for r in rijen),
    }


def als_tabel(rijen: list[Schoolrij], schooljaar_tekst: str) -> list[list]:
    """The CSV: a row of figures per school, then a row per quote of that school."""
    tabel = [
        [
            "Schooljaar",
            "School",
            "Afgeronde trajecten",
            "Afsluitvragen verstuurd",
            "Afsluitvragen beantwoord",
            "Vraag",
            "Antwoord",
        ]
    ]
    for rij in rijen:
        tabel.append([schooljaar_tekst, rij.school, rij.afgerond, rij.verstuurd, rij.beantwoord, "", ""])
        tabel += [[schooljaar_tekst, rij.school, "", "", "", vraag, tekst] for vraag, tekst in rij.citaten]
    return tabel
