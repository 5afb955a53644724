"""Role-scoped reads: every view gets its schools through these, so what is not yours is not found."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from netwerk.models import BELEIDSROLLEN, Rol
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


def met_ankers(scholen: QuerySet[School], *, schooljaar: int | None = None) -> QuerySet[School]:
    """Adds the anchors of the school year (one extra query for the whole page)."""
    jaar = schooljaar if schooljaar is not None else huidig_schooljaar()
    ankers = Ankertoewijzing.objects.filter(schooljaar=jaar).select_related("ondersteuner__gebruiker", "lsc")
    return scholen.prefetch_related(Prefetch("ankers", queryset=ankers, to_attr="huidige_ankers"))


def scholen_zonder_anker(*, lsc_id: int, schooljaar: int | None = None) -> QuerySet[School]:
    jaar = schooljaar if schooljaar is not None else huidig_schooljaar()
    return (
        School.objects.filter(Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=lsc_id)))
        .exclude(Exists(Ankertoewijzing.objects.filter(school=OuterRef("pk"), lsc=lsc_id, schooljaar=jaar)))
        .order_by("naam")
    )


def cijfers_van(school: School) -> QuerySet[Schooljaarcijfers]:
    return school.cijfers.order_by("schooljaar")
