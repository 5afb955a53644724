"""Role-scoped reads of the school consultation: every view gets its consultations through here, so what is
not yours is not found.
"""

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from capaciteit.models import Tijdskader
from capaciteit.queries import gepubliceerd
from capaciteit.rekenen.woorden import beschrijf
from netwerk.models import BELEIDSROLLEN, Rol
from overleg.models import Afspraak, Deelnemer, Schoolbeeldoverleg, Status
from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers
from scholen.queries import clb_door_lsc_bevestigd, door_coach_bediend, door_lsc_bevestigd
from trajecten.models import OPEN_STATUSSEN, Toewijzing, Traject
from trajecten.queries import lopende_toewijzingen

# ------------------------------------------------------------------------------ the meeting and its report
# (helper "vergadering": visibility, the owner's agreements, the preparation's overview and figures)


def overleggen_zichtbaar_voor(gebruiker) -> QuerySet[Schoolbeeldoverleg]:
    """Coordinators and directors: their LSC's. Team coaches: the schools of their regio teams. Supporters:
    where they take part, or anchor or work at the school for that LSC. Care staff: their school's, of the
    LSCs that vouched for them (the content only once the report is shared: see `rules.mag_inhoud_zien`).
    CLB: the shared reports of their CLB's schools, of the LSCs that vouched for them. Admins: none, they
    keep the organisation, not its meetings."""
    if not gebruiker.is_authenticated:
        return Schoolbeeldoverleg.objects.none()
    if gebruiker.rol in BELEIDSROLLEN:
        return Schoolbeeldoverleg.objects.filter(lsc=gebruiker.lsc_id)
    if gebruiker.rol == Rol.TEAMCOACH:
        return Schoolbeeldoverleg.objects.filter(door_coach_bediend(gebruiker))
    if gebruiker.rol == Rol.ONDERSTEUNER:
        return Schoolbeeldoverleg.objects.filter(
            Exists(Deelnemer.objects.filter(overleg=OuterRef("pk"), gebruiker=gebruiker))
            | Q(lsc=gebruiker.lsc_id) & (Q(Exists(_als_anker(gebruiker))) | Q(Exists(_actief(gebruiker))))
        )
    if gebruiker.rol == Rol.ZORG:
        return Schoolbeeldoverleg.objects.filter(
            door_lsc_bevestigd(gebruiker, school=OuterRef("school"), lsc=OuterRef("lsc")),
            school__zorgmedewerkers=gebruiker,
        )
    if gebruiker.rol == Rol.CLB and gebruiker.clb_id:
        return Schoolbeeldoverleg.objects.filter(
            clb_door_lsc_bevestigd(gebruiker, clb=gebruiker.clb_id, lsc=OuterRef("lsc")),
            school__clb=gebruiker.clb_id,
            status=Status.GEDEELD,
        )
    return Schoolbeeldoverleg.objects.none()


def _als_anker(gebruiker) -> QuerySet[Ankertoewijzing]:
    return Ankertoewijzing.objects.filter(
        school=OuterRef("school"),
        lsc=OuterRef("lsc"),
        schooljaar=OuterRef("schooljaar"),
        ondersteuner__gebruiker=gebruiker,
    )


def _actief(gebruiker) -> QuerySet[Toewijzing]:
    return lopende_toewijzingen(
        traject__school=OuterRef("school"), traject__lsc=OuterRef("lsc"), ondersteuner__gebruiker=gebruiker
    )


def met_mijn_rol(overleggen: QuerySet[Schoolbeeldoverleg], gebruiker) -> QuerySet[Schoolbeeldoverleg]:
    """Whether the user is the school's anchor for that LSC and year, and whether they take part: what
    `rules.mag_overleg_bewerken` needs, in the same query as the consultation itself."""
    return overleggen.annotate(
        ik_anker=Exists(_als_anker(gebruiker)),
        ik_deelnemer=Exists(Deelnemer.objects.filter(overleg=OuterRef("pk"), gebruiker=gebruiker)),
    )


def overleggen_van_school(gebruiker, school: School) -> QuerySet[Schoolbeeldoverleg]:
    return (
        overleggen_zichtbaar_voor(gebruiker)
        .filter(school=school)
        .select_related("lsc")
        .order_by("-schooljaar", "lsc__naam")
    )


def gedeelde_verslagen_voor(gebruiker) -> QuerySet[Schoolbeeldoverleg]:
    """The shared reports a user can read, newest first: the CLB's home page."""
    return (
        overleggen_zichtbaar_voor(gebruiker)
        .filter(status=Status.GEDEELD)
        .select_related("school", "lsc")
        .order_by("-gedeeld_op", "-pk")
    )


def met_te_laat(afspraken: QuerySet[Afspraak]) -> QuerySet[Afspraak]:
    """`te_laat`: open and past its date, decided by the database in the same query."""
    vandaag = timezone.localdate()
    return afspraken.annotate(
        te_laat=ExpressionWrapper(Q(tegen__lt=vandaag, afgerond_op__isnull=True), output_field=BooleanField())
    )


def open_afspraken_van(gebruiker) -> QuerySet[Afspraak]:
    """The agreements a user owns and has not finished, the most urgent first (one query with the school)."""
    if not gebruiker.is_authenticated:
        return Afspraak.objects.none()
    return met_te_laat(
        Afspraak.objects.filter(eigenaar=gebruiker, afgerond_op__isnull=True)
        .select_related("overleg__school", "overleg__lsc")
        .order_by("tegen", "id")
    )


def trajecten_voor_overzicht(overleg: Schoolbeeldoverleg):
    """The LSC's open trajectories at the school, with only the fields the leidraad's overview may show.

    `only()` keeps the pupil's name and the case texts out of memory altogether: the overview is about the
    school, not about pupils (the source: "niet de bedoeling … op casusniveau te bespreken").
    """
    toewijzingen = Toewijzing.objects.select_related("ondersteuner__gebruiker").only(
        "traject_id", "rol", "ondersteuner__gebruiker__naam"
    )
    return (
        Traject.objects.filter(lsc=overleg.lsc_id, school=overleg.school_id, status__in=OPEN_STATUSSEN)
        .select_related("leerling")
        .only("type", "gebondenheid", "groep", "fase", "status", "leerling__klas")
        .prefetch_related(
            Prefetch("toewijzingen", queryset=toewijzingen.order_by("ondersteuner__gebruiker__naam"))
        )
        .order_by("type", "leerling__klas", "groep", "pk")
    )


def laatste_cijfers(overleg: Schoolbeeldoverleg) -> Schooljaarcijfers | None:
    """The school's most recent figures up to the consultation's school year (pupils and reports)."""
    return (
        Schooljaarcijfers.objects.filter(school=overleg.school_id, schooljaar__lte=overleg.schooljaar)
        .order_by("-schooljaar")
        .first()
    )


def tijdskader_van(overleg: Schoolbeeldoverleg) -> Tijdskader | None:
    """The school's time frame in the LSC's published distribution of the year, or None (two queries)."""
    verdeling = gepubliceerd(lsc_id=overleg.lsc_id, schooljaar=overleg.schooljaar)
    if verdeling is None:
        return None
    return (
        Tijdskader.objects.filter(verdeling=verdeling, school=overleg.school_id)
        .select_related("verdeling__envelop")
        .first()
    )


def kaderwoorden(*, uren: int, schoolweken: int) -> str:
    """A frame of `uren` hours over `schoolweken` in words: the one computation every frame page shows
    (`beschrijf`, as `capaciteit.kaders.woorden_van`)."""
    return beschrijf(uren, schoolweken).zin


def spreiding_tekst(overleg: Schoolbeeldoverleg, *, uren: int | None, schoolweken: int | None) -> str:
    """The report's spreading: when it follows the frame, the words of the published frame of `uren` hours
    over `schoolweken` (empty while there is none); else the free text as written."""
    if not overleg.spreiding_uit_kader:
        return overleg.spreiding
    if uren is None or schoolweken is None:
        return ""
    return kaderwoorden(uren=uren, schoolweken=schoolweken)


def spreiding_van(overleg: Schoolbeeldoverleg) -> str:
    """`spreiding_tekst`, reading the published frame only when the report follows it (two queries)."""
    if not overleg.spreiding_uit_kader:
        return overleg.spreiding
    kader = tijdskader_van(overleg)
    if kader is None:
        return ""
    return spreiding_tekst(overleg, uren=kader.uren, schoolweken=kader.verdeling.envelop.schoolweken)


# -------------------------------------------------------------------------- end of the "vergadering" block


# ------------------------------------------------------------------------------ the policy team's pictures


def voortgang_per_regioteam(*, lsc_id: int, schooljaar: int, regioteam_ids: list[int]) -> list[dict]:
    """The consultation round: per regio team, how many of its schools have their consultation in each status
    ("geen" for none yet; a cancelled one counts as none). Rows {regioteam, status, aantal}. One query."""
    overleg = Schoolbeeldoverleg.objects.filter(
        lsc=lsc_id, schooljaar=schooljaar, school=OuterRef("school"), geannuleerd_op__isnull=True
    ).order_by("-pk")
    return list(
        Bediening.objects.filter(lsc=lsc_id, regioteam__in=regioteam_ids)
        .annotate(status=Coalesce(Subquery(overleg.values("status")[:1]), Value("geen")))
        .values("regioteam", "status")
        .annotate(aantal=Count("pk"))
        .order_by()
    )


def tweede_momenten_per_regioteam(*, lsc_id: int, schooljaar: int, regioteam_ids: list[int]) -> list[dict]:
    """The second moments of the year's consultations (cancelled ones left out), per regio team: how many
    consultations were held, have a second moment planned, and have its interim effects written down. Rows
    {regioteam, gehouden, gepland, bijgestuurd}. One query."""
    return list(
        Schoolbeeldoverleg.objects.filter(
            lsc=lsc_id,
            schooljaar=schooljaar,
            geannuleerd_op__isnull=True,
            school__bedieningen__lsc=lsc_id,
            school__bedieningen__regioteam__in=regioteam_ids,
        )
        .values(regioteam=F("school__bedieningen__regioteam"))
        .annotate(
            gehouden=Count("pk", filter=Q(gehouden_op__isnull=False)),
            gepland=Count("pk", filter=Q(tussentijds_op__isnull=False)),
            bijgestuurd=Count("pk", filter=~Q(tussentijdse_effecten="")),
        )
        .order_by()
    )
