"""Role-scoped reads: every view gets its schools through these, so what is not yours is not found."""

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from netwerk.models import BELEIDSROLLEN, Ondersteuner, Regioteam, Rol
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers


def scholen_zichtbaar_voor(gebruiker) -> QuerySet[School]:
    """The schools this user may open: their LSC's, their regio teams', their own, or their CLB's."""
    if not gebruiker.is_authenticated:
        return School.objects.none()
    if gebruiker.is_superuser or gebruiker.rol == Rol.ADMIN:
        return School.objects.all()
    if gebruiker.rol in BELEIDSROLLEN:
        return School.objects.filter(
            Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=gebruiker.lsc_id))
        )
    if gebruiker.rol == Rol.TEAMCOACH:
        return School.objects.filter(
            Exists(Bediening.objects.filter(school=OuterRef("pk"), regioteam__coach=gebruiker))
        )
    if gebruiker.rol == Rol.ONDERSTEUNER:
        return School.objects.filter(
            Exists(
                Ankertoewijzing.objects.filter(
                    school=OuterRef("pk"), ondersteuner__gebruiker=gebruiker, schooljaar=huidig_schooljaar()
                )
            )
        )
    if gebruiker.rol == Rol.ZORG:
        return School.objects.filter(zorgmedewerkers=gebruiker)
    if gebruiker.rol == Rol.CLB and gebruiker.clb_id:
        return School.objects.filter(clb=gebruiker.clb_id)
    return School.objects.none()


def regioteams_zichtbaar_voor(gebruiker) -> QuerySet[Regioteam]:
    if gebruiker.is_superuser or gebruiker.rol == Rol.ADMIN:
        return Regioteam.objects.all()
    if gebruiker.rol in BELEIDSROLLEN:
        return Regioteam.objects.filter(lsc=gebruiker.lsc_id)
    if gebruiker.rol == Rol.TEAMCOACH:
        return Regioteam.objects.filter(coach=gebruiker)
    if gebruiker.rol == Rol.ONDERSTEUNER:
        return Regioteam.objects.filter(ondersteuners__gebruiker=gebruiker)
    return Regioteam.objects.none()


def ondersteuners_zichtbaar_voor(gebruiker) -> QuerySet[Ondersteuner]:
    if gebruiker.is_superuser or gebruiker.rol == Rol.ADMIN:
        return Ondersteuner.objects.all()
    if gebruiker.rol in BELEIDSROLLEN:
        return Ondersteuner.objects.filter(lsc=gebruiker.lsc_id)
    if gebruiker.rol == Rol.TEAMCOACH:
        return Ondersteuner.objects.filter(regioteam__coach=gebruiker)
    if gebruiker.rol == Rol.ONDERSTEUNER:
        return Ondersteuner.objects.filter(gebruiker=gebruiker)
    return Ondersteuner.objects.none()


def met_ankers(scholen: QuerySet[School], *, schooljaar: int | None = None) -> QuerySet[School]:
    """Adds the anchors of the school year (one extra query for the whole page)."""
    jaar = schooljaar if schooljaar is not None else huidig_schooljaar()
    ankers = Ankertoewijzing.objects.filter(schooljaar=jaar).select_related("ondersteuner__gebruiker", "lsc")
    return scholen.prefetch_related(Prefetch("ankers", queryset=ankers, to_attr="huidige_ankers"))


def zonder_anker(scholen: QuerySet[School], *, lsc_id: int | None, schooljaar: int | None = None):
    jaar = schooljaar if schooljaar is not None else huidig_schooljaar()
    ankers = Ankertoewijzing.objects.filter(school=OuterRef("pk"), schooljaar=jaar)
    if lsc_id:
        ankers = ankers.filter(lsc=lsc_id)
    return scholen.exclude(Exists(ankers))


def scholen_zonder_anker(*, lsc_id: int, schooljaar: int | None = None) -> QuerySet[School]:
    bediend = School.objects.filter(Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=lsc_id)))
    return zonder_anker(bediend, lsc_id=lsc_id, schooljaar=schooljaar).order_by("naam")


def scholen_gefilterd(scholen: QuerySet[School], filters: dict, *, lsc_id: int | None) -> QuerySet[School]:
    """Applies the list's filters; every one of them is a WHERE clause, none a Python loop."""
    if zoek := filters.get("q"):
        scholen = scholen.filter(
            Q(naam__icontains=zoek) | Q(gemeente__icontains=zoek) | Q(instellingsnummer__startswith=zoek)
        )
    if regioteam := filters.get("regioteam"):
        scholen = scholen.filter(Exists(Bediening.objects.filter(school=OuterRef("pk"), regioteam=regioteam)))
    if gemeente := filters.get("gemeente"):
        scholen = scholen.filter(gemeente=gemeente)
    for veld in ("net", "niveau", "clb"):
        if waarde := filters.get(veld):
            scholen = scholen.filter(**{veld: waarde})
    if filters.get("zonder_anker"):
        scholen = zonder_anker(scholen, lsc_id=lsc_id)
    return scholen


def gemeenten_van(scholen: QuerySet[School]) -> list[str]:
    return list(scholen.order_by("gemeente").values_list("gemeente", flat=True).distinct())


def actieve_ondersteuners(school: School) -> QuerySet[Ondersteuner]:
    """Supporters working at the school now: assigned to one of its open trajectories."""
    from trajecten.models import OPEN_STATUSSEN, Toewijzing

    lopend = Toewijzing.objects.filter(
        ondersteuner=OuterRef("pk"), traject__school=school, traject__status__in=OPEN_STATUSSEN
    )
    return Ondersteuner.objects.filter(Exists(lopend)).select_related("gebruiker").order_by("gebruiker__naam")


def cijfers_van(school: School) -> QuerySet[Schooljaarcijfers]:
    return school.cijfers.order_by("schooljaar")


def ankerkandidaten(*, lsc_id: int, school: School) -> QuerySet[Ondersteuner]:
    """Supporters of the LSC, those of the school's own regio team first."""
    regioteam_id = (
        Bediening.objects.filter(school=school, lsc=lsc_id).values_list("regioteam_id", flat=True).first()
    )
    ankerscholen = Ankertoewijzing.objects.filter(ondersteuner=OuterRef("pk"), schooljaar=huidig_schooljaar())
    telling = ankerscholen.order_by().values("ondersteuner").annotate(n=Count("*")).values("n")
    return (
        Ondersteuner.objects.filter(lsc=lsc_id, gebruiker__is_active=True)
        .select_related("gebruiker", "regioteam")
        .annotate(aantal_ankerscholen=Coalesce(Subquery(telling, output_field=IntegerField()), 0))
        .order_by(
            Case(When(regioteam_id=regioteam_id, then=0), default=1), "regioteam__naam", "gebruiker__naam"
        )
    )
