"""Role-scoped reads: every view gets its schools through these, so what is not yours is not found."""

from django.contrib.postgres.expressions import ArraySubquery
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
from django.db.models.functions import Coalesce, JSONObject

from netwerk.models import BELEIDSROLLEN, Clb, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam, Rol
from netwerk.queries import aantal
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, Bediening, Bevestiging, School, Schooljaarcijfers, Schoolvoorstel


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
        # Their anchor schools, and every school where they work on a trajectory of their LSC (a focus
        # supporter's schools). By the reverse relation's name: trajecten sits above scholen.
        werkt_er = School.objects.filter(
            trajecten__toewijzingen__ondersteuner__gebruiker=gebruiker, trajecten__lsc=gebruiker.lsc_id
        ).values("pk")
        ankerscholen = Ankertoewijzing.objects.filter(
            ondersteuner__gebruiker=gebruiker, schooljaar=huidig_schooljaar()
        ).values("school")
        # A UNION of ids, as trajecten_zichtbaar_voor: each half is read from an index.
        return School.objects.filter(pk__in=ankerscholen.union(werkt_er))
    if gebruiker.rol == Rol.ZORG:
        return School.objects.filter(zorgmedewerkers=gebruiker)
    if gebruiker.rol == Rol.CLB and gebruiker.clb_id:
        return School.objects.filter(clb=gebruiker.clb_id)
    return School.objects.none()


# Accounts from outside an LSC -------------------------------------------------------------------------
# A care-staff or CLB account sees an LSC's work (trajectories, frames, week visits, consultations) only
# where that LSC vouched for it: `Bevestiging`. Being on a school's care team alone shows the school's
# master data, nothing any LSC did there.


def door_coach_bediend(gebruiker) -> Exists:
    """Whether one of this coach's regio teams serves the row's school for the row's LSC (a row with
    `school` and `lsc`: a trajectory, a consultation)."""
    return Exists(
        Bediening.objects.filter(school=OuterRef("school"), lsc=OuterRef("lsc"), regioteam__coach=gebruiker)
    )


def door_lsc_bevestigd(gebruiker, *, school, lsc) -> Exists:
    """Whether `lsc` vouched for this care-staff account at `school` (values or OuterRefs)."""
    return Exists(Bevestiging.objects.filter(gebruiker=gebruiker, school=school, lsc=lsc, bevestigd=True))


def clb_door_lsc_bevestigd(gebruiker, *, clb, lsc) -> Exists:
    """Whether `lsc` vouched for this CLB account at `clb` (values or OuterRefs)."""
    return Exists(Bevestiging.objects.filter(gebruiker=gebruiker, clb=clb, lsc=lsc, bevestigd=True))


def zorgteam_bevestigd(*, school_id: int, lsc_id: int) -> QuerySet[Gebruiker]:
    """The school's active care staff that this LSC vouched for: who may hear of its work there."""
    return Gebruiker.objects.filter(
        Exists(
            Bevestiging.objects.filter(gebruiker=OuterRef("pk"), school=school_id, lsc=lsc_id, bevestigd=True)
        ),
        zorgscholen=school_id,
        rol=Rol.ZORG,
        is_active=True,
    )


def clb_bevestigd(*, clb_id: int, lsc_id: int) -> QuerySet[Gebruiker]:
    """The CLB's active staff that this LSC vouched for: who may read its shared reports."""
    return Gebruiker.objects.filter(
        Exists(Bevestiging.objects.filter(gebruiker=OuterRef("pk"), clb=clb_id, lsc=lsc_id, bevestigd=True)),
        clb=clb_id,
        rol=Rol.CLB,
        is_active=True,
    )


def clbs_van_lsc(lsc_id: int) -> QuerySet[Clb]:
    """The CLBs of the schools an LSC serves: the only CLBs it may attach staff to."""
    return Clb.objects.filter(
        Exists(
            School.objects.filter(
                Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=lsc_id)), clb=OuterRef("pk")
            )
        )
    )


def bediend_door(lsc_id: int, school: str = "pk") -> Exists:
    """Whether the school in the outer query's field `school` is served by this LSC."""
    return Exists(Bediening.objects.filter(school=OuterRef(school), lsc=lsc_id))


def zorgaccounts_voor(*, lsc_id: int):
    """Care staff of the schools this LSC serves, each with this LSC's decision (None: not yet decided)."""
    koppeling = School.zorgmedewerkers.through
    beslissing = Bevestiging.objects.filter(
        gebruiker=OuterRef("gebruiker"), school=OuterRef("school"), lsc=lsc_id
    )
    return (
        koppeling.objects.filter(bediend_door(lsc_id, "school"), gebruiker__is_active=True)
        .annotate(
            bevestigd=Subquery(beslissing.values("bevestigd")[:1]),
            bron=Subquery(beslissing.values("bron")[:1]),
            beslist_op=Subquery(beslissing.values("op")[:1]),
            uitgenodigd_door=_uitnodigend_lsc("gebruiker"),
        )
        .select_related("gebruiker", "school")
        .order_by("school__naam", "gebruiker__naam")
    )


def _uitnodigend_lsc(gebruiker: str) -> Subquery:
    """The LSC that invited the account, if an LSC did (not an administrator): shown to the others."""
    uitnodiging = Bevestiging.objects.filter(gebruiker=OuterRef(gebruiker), bron=Bevestiging.Bron.UITNODIGING)
    return Subquery(uitnodiging.values("lsc__naam")[:1])


def clbaccounts_voor(*, lsc_id: int) -> QuerySet[Gebruiker]:
    """CLB staff of the CLBs of the schools this LSC serves, each with this LSC's decision."""
    beslissing = Bevestiging.objects.filter(gebruiker=OuterRef("pk"), clb=OuterRef("clb"), lsc=lsc_id)
    return (
        Gebruiker.objects.filter(rol=Rol.CLB, is_active=True, clb__in=clbs_van_lsc(lsc_id))
        .annotate(
            bevestigd=Subquery(beslissing.values("bevestigd")[:1]),
            bron=Subquery(beslissing.values("bron")[:1]),
            beslist_op=Subquery(beslissing.values("op")[:1]),
            uitgenodigd_door=_uitnodigend_lsc("pk"),
        )
        .select_related("clb")
        .order_by("clb__naam", "naam")
    )


def te_beslissen(*, lsc_id: int) -> list[QuerySet]:
    """What waits for this LSC's decision: care and CLB accounts to vouch for, other LSCs' proposals about
    its schools. Counted as subqueries of the home page's one query (`netwerk.queries.aantal`)."""
    return [
        zorgaccounts_voor(lsc_id=lsc_id).filter(bevestigd__isnull=True),
        clbaccounts_voor(lsc_id=lsc_id).filter(bevestigd__isnull=True),
        voorstellen_voor(lsc_id=lsc_id),
    ]


# Proposals about shared schools -----------------------------------------------------------------------


def voorstellen_voor(*, lsc_id: int) -> QuerySet[Schoolvoorstel]:
    """Open proposals of other LSCs about schools this LSC serves that still wait for this LSC."""
    return (
        Schoolvoorstel.objects.filter(bediend_door(lsc_id, "school"), status=Schoolvoorstel.Status.OPEN)
        .exclude(lsc=lsc_id)
        .exclude(akkoord__contains=[lsc_id])
        .select_related("school", "lsc", "aangevraagd_door")
        .order_by("aangevraagd_op", "pk")
    )


def eigen_voorstellen(*, lsc_id: int) -> QuerySet[Schoolvoorstel]:
    return Schoolvoorstel.objects.filter(lsc=lsc_id).select_related("school", "beslist_door")


def andere_lscs_van(school: School, *, lsc_id: int | None) -> list:
    """The other LSCs serving a school: who must agree before its data change."""
    return list(
        Leersteuncentrum.objects.filter(bedieningen__school=school).exclude(pk=lsc_id).order_by("naam")
    )


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


def met_bevestigingen(scholen: QuerySet[School], gebruiker) -> QuerySet[School]:
    """Adds to each school of a care-staff account `bevestigd_door` (ids of the LSCs that vouched for it
    there) and `niet_bevestigd` (names of the serving LSCs that did not yet), in the same query."""
    mijne = Bevestiging.objects.filter(gebruiker=gebruiker, bevestigd=True, school=OuterRef("pk"))
    nog_niet = Bediening.objects.filter(school=OuterRef("pk")).filter(
        ~Exists(
            Bevestiging.objects.filter(
                gebruiker=gebruiker, bevestigd=True, school=OuterRef("school"), lsc=OuterRef("lsc")
            )
        )
    )
    return scholen.annotate(
        bevestigd_door=ArraySubquery(mijne.values("lsc_id")),
        niet_bevestigd=ArraySubquery(nog_niet.order_by("lsc__naam").values("lsc__naam")),
    )


def collegas_te_bevestigen(gebruiker) -> dict[int, list[tuple]]:
    """{school id: [(colleague, {"id", "naam"} of an LSC)]}: colleagues on this user's care teams whom an
    LSC that vouched for this user there has not decided on yet; this user may vouch for them. One query."""
    koppeling = School.zorgmedewerkers.through
    nog_open = (
        Bevestiging.objects.filter(gebruiker=gebruiker, bevestigd=True, school=OuterRef("school"))
        .filter(
            ~Exists(
                Bevestiging.objects.filter(
                    gebruiker=OuterRef(OuterRef("gebruiker")), school=OuterRef("school"), lsc=OuterRef("lsc")
                )
            )
        )
        .order_by("lsc__naam")
        .values(json=JSONObject(id="lsc_id", naam="lsc__naam"))
    )
    paren = (
        koppeling.objects.filter(
            school__in=Bevestiging.objects.filter(gebruiker=gebruiker, bevestigd=True).values("school"),
            gebruiker__is_active=True,
            gebruiker__rol=Rol.ZORG,
        )
        .exclude(gebruiker=gebruiker)
        .annotate(open_lscs=ArraySubquery(nog_open))
        .filter(open_lscs__len__gt=0)
        .select_related("gebruiker")
        .order_by("gebruiker__naam")
    )
    resultaat: dict[int, list[tuple]] = {}
    for paar in paren:
        for lsc in paar.open_lscs:
            resultaat.setdefault(paar.school_id, []).append((paar.gebruiker, lsc))
    return resultaat


def met_open_voorstellen(scholen: QuerySet[School]) -> QuerySet[School]:
    """Adds `open_voorstellen`: the open proposals about each school (id, LSC, kind, date), in the same
    query."""
    voorstellen = (
        Schoolvoorstel.objects.filter(school=OuterRef("pk"), status=Schoolvoorstel.Status.OPEN)
        .order_by("aangevraagd_op", "pk")
        .values(json=JSONObject(id="pk", lsc="lsc__naam", soort="soort", op="aangevraagd_op"))
    )
    return scholen.annotate(open_voorstellen=ArraySubquery(voorstellen))


# The organisation's pages: regio teams, LSCs and supporters with what they hold of schools ---------------


def regioteams_met_tellingen(regioteams: QuerySet[Regioteam]) -> QuerySet[Regioteam]:
    return (
        regioteams.select_related("coach")
        .annotate(
            aantal_ondersteuners=aantal(Ondersteuner.objects.filter(regioteam=OuterRef("pk"))),
            aantal_scholen=aantal(Bediening.objects.filter(regioteam=OuterRef("pk"))),
        )
        .order_by("naam")
    )


def met_tellingen(lscs: QuerySet[Leersteuncentrum]) -> QuerySet[Leersteuncentrum]:
    return lscs.annotate(
        aantal_scholen=aantal(Bediening.objects.filter(lsc=OuterRef("pk"))),
        aantal_ondersteuners=aantal(Ondersteuner.objects.filter(lsc=OuterRef("pk"))),
        aantal_regioteams=aantal(Regioteam.objects.filter(lsc=OuterRef("pk"))),
        aantal_medewerkers=aantal(Gebruiker.objects.filter(lsc=OuterRef("pk"), is_active=True)),
    ).order_by("naam")


def ankerscholen_van(ondersteuner: Ondersteuner) -> QuerySet[Ankertoewijzing]:
    return (
        Ankertoewijzing.objects.filter(ondersteuner=ondersteuner, schooljaar=huidig_schooljaar())
        .select_related("school", "lsc")
        .order_by("school__naam")
    )


def ondersteuners_met_belasting(ondersteuners: QuerySet[Ondersteuner]) -> QuerySet[Ondersteuner]:
    """Each supporter with the number of schools they anchor this school year."""
    return (
        ondersteuners.select_related("gebruiker", "regioteam")
        .annotate(
            aantal_ankerscholen=aantal(
                Ankertoewijzing.objects.filter(ondersteuner=OuterRef("pk"), schooljaar=huidig_schooljaar())
            )
        )
        .order_by("gebruiker__naam")
    )
