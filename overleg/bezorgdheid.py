"""A school's concern about a supporter's functioning.

"Bezorgdheden over het functioneren van een ondersteuner bespreekt u eerst met de ondersteuner zelf, en
anders met de regioverantwoordelijke of de coördinator." A care staff member chooses a supporter at work at
their school (an anchor of the year or a supporter on an open trajectory there, of an LSC that vouched for
them), writes the concern, says whether they talked with the supporter first, and sends it to one of
three: the supporter, the coach of the supporter's regio team, or the LSC's coordinator(s).

Who the concern reaches is fixed when it is sent (`Bezorgdheid.ontvangers`): only they and the sender find
it (everyone else gets a 404, other schools, other supporters, the CLB and other LSCs alike). A recipient
marks it handled with a short note the sender reads. Every step is in the audit log; the text itself is
not copied into the log or any notification (a mail carries the school's name and a link).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from netwerk.audit import log_actie
from netwerk.meldingen import melden
from netwerk.models import Gebruiker, Meldingsoort, Ondersteuner, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Bezorgdheid, Bezorgdheidontvanger
from overleg.services import OverlegFout
from scholen.models import Ankertoewijzing, Bevestiging, School
from trajecten.queries import lopende_toewijzingen

GEEN_COACH = (
    "Het regioteam van deze leerondersteuner heeft geen teamcoach. Kies de leerondersteuner zelf of de "
    "coördinator."
)


def _ontvanger(gebruiker) -> Exists:
    return Exists(
        Bezorgdheid.ontvangers.through.objects.filter(bezorgdheid=OuterRef("pk"), gebruiker=gebruiker)
    )


def bezorgdheden_zichtbaar_voor(gebruiker) -> QuerySet[Bezorgdheid]:
    """The sender's own concerns and those sent to this person; nothing else, whatever the role."""
    if not gebruiker.is_authenticated:
        return Bezorgdheid.objects.none()
    return Bezorgdheid.objects.filter(Q(door=gebruiker) | Q(_ontvanger(gebruiker)))


def lijst_voor(gebruiker) -> QuerySet[Bezorgdheid]:
    """The list page in one query: open ones first, newest first."""
    return (
        bezorgdheden_zichtbaar_voor(gebruiker)
        .annotate(aan_mij=_ontvanger(gebruiker))
        .select_related("school", "ondersteuner__gebruiker")
        .order_by(F("afgehandeld_op").desc(nulls_first=True), "-aangemaakt_op", "-pk")
    )


def mag_melden(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol == Rol.ZORG


def mag_afhandelen(gebruiker, bezorgdheid: Bezorgdheid) -> bool:
    if hasattr(bezorgdheid, "aan_mij"):
        return bezorgdheid.aan_mij
    return bezorgdheid.ontvangers.filter(pk=gebruiker.pk).exists()


def ondersteuners_voor(gebruiker, school: School) -> QuerySet[Ondersteuner]:
    """The supporters at work at the school, of the LSCs that vouched for this care-staff account there:
    its anchors of this year and whoever works on an open trajectory of the school."""
    vertrouwd = Bevestiging.objects.filter(gebruiker=gebruiker, school=school, bevestigd=True).values("lsc")
    is_anker = Ankertoewijzing.objects.filter(
        ondersteuner=OuterRef("pk"), school=school, schooljaar=huidig_schooljaar()
    )
    werkt_er = lopende_toewijzingen(ondersteuner=OuterRef("pk"), traject__school=school)
    return (
        Ondersteuner.objects.filter(lsc__in=vertrouwd, gebruiker__is_active=True)
        .filter(Exists(is_anker) | Exists(werkt_er))
        .select_related("gebruiker", "lsc", "regioteam__coach")
        .order_by("gebruiker__naam", "pk")
    )


def ontvangers_voor(ondersteuner: Ondersteuner, naar: str) -> list[Gebruiker]:
    if naar == Bezorgdheidontvanger.ONDERSTEUNER:
        return [ondersteuner.gebruiker]
    if naar == Bezorgdheidontvanger.TEAMCOACH:
        coach = ondersteuner.regioteam.coach if ondersteuner.regioteam_id else None
        if coach is None or not coach.is_active:
            raise OverlegFout(GEEN_COACH)
        return [coach]
    if naar == Bezorgdheidontvanger.COORDINATOR:
        coordinatoren = list(
            Gebruiker.objects.filter(rol=Rol.COORDINATOR, lsc=ondersteuner.lsc_id, is_active=True).order_by(
                "pk"
            )
        )
        if not coordinatoren:
            raise OverlegFout(
                "Dit leersteuncentrum heeft geen coördinator in Honingraat. Kies iemand anders."
            )
        return coordinatoren
    raise OverlegFout("Kies naar wie je bezorgdheid gaat.")


@transaction.atomic
def bezorgdheid_melden(
    *, door: Gebruiker, school: School, ondersteuner_id: int, tekst: str, al_besproken: bool, naar: str
) -> Bezorgdheid:
    ondersteuner = ondersteuners_voor(door, school).filter(pk=ondersteuner_id).first()
    if ondersteuner is None:
        raise OverlegFout("Kies een leerondersteuner die op je school werkt.")
    ontvangers = ontvangers_voor(ondersteuner, naar)
    bezorgdheid = Bezorgdheid(
        school=school,
        lsc=ondersteuner.lsc,
        ondersteuner=ondersteuner,
        tekst=tekst.strip(),
        al_besproken=al_besproken,
        naar=naar,
        door=door,
    )
    try:
        bezorgdheid.full_clean()
    except ValidationError as fout:
        raise OverlegFout(" ".join(fout.messages)) from fout
    bezorgdheid.save()
    bezorgdheid.ontvangers.set(ontvangers)
    log_actie(
        door=door,
        actie="overleg.bezorgdheid.gemeld",
        obj=bezorgdheid,
        wijzigingen={
            "school": school.pk,
            "ondersteuner": ondersteuner.pk,
            "naar": naar,
            "ontvangers": [g.pk for g in ontvangers],
            "al_besproken": al_besproken,
        },
    )
    melden(
        soort=Meldingsoort.BEZORGDHEID,
        ontvangers=ontvangers,
        titel=f"{school.naam} deelt een bezorgdheid met jou",
        url=reverse("bezorgdheid_detail", kwargs={"pk": bezorgdheid.pk}),
    )
    return bezorgdheid


@transaction.atomic
def bezorgdheid_afhandelen(*, door: Gebruiker, bezorgdheid: Bezorgdheid, afhandeling: str) -> Bezorgdheid:
    bezorgdheid = Bezorgdheid.objects.select_for_update().select_related("school").get(pk=bezorgdheid.pk)
    if not bezorgdheid.ontvangers.filter(pk=door.pk).exists():
        raise OverlegFout("Enkel wie de bezorgdheid ontving, handelt ze af.")
    if bezorgdheid.afgehandeld_op is not None:
        raise OverlegFout("Deze bezorgdheid is al afgehandeld.")
    if not afhandeling.strip():
        raise OverlegFout("Schrijf kort voor de school hoe je de bezorgdheid opvolgde.")
    bezorgdheid.afhandeling = afhandeling.strip()
    bezorgdheid.afgehandeld_op = timezone.now()
    bezorgdheid.afgehandeld_door = door
    bezorgdheid.full_clean()
    bezorgdheid.save(update_fields=["afhandeling", "afgehandeld_op", "afgehandeld_door"])
    log_actie(door=door, actie="overleg.bezorgdheid.afgehandeld", obj=bezorgdheid)
    melden(
        soort=Meldingsoort.BEZORGDHEID_AFGEHANDELD,
        ontvangers=[bezorgdheid.door],
        titel=f"Je bezorgdheid ({bezorgdheid.school.naam}) is afgehandeld",
        url=reverse("bezorgdheid_detail", kwargs={"pk": bezorgdheid.pk}),
    )
    return bezorgdheid
