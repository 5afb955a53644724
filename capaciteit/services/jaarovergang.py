"""The year transition: what carries over from one school year to the next, and the step that does it.

Running trajectories simply run on (they belong to no year: their anchors and supporters stay with them),
closed ones stay in the year they were closed in, the report register is per school and stays as it is.
What is per year and must be made for the new one: the anchors of every school (copied, unless the
supporter has left), the envelope (asked for: its hours are the coordinator's, its key is last year's) and
the figures of the year that ends (asked for: the key of the new year counts that year's pupils).

The plan is read without writing anything; the transition writes in one transaction, under a lock on the
LSC, and what already exists is left as it is: run twice, it makes nothing the second time.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from capaciteit.models import Envelop
from capaciteit.services.verdeling import envelop_bewaren, nieuwe_envelop
from netwerk.audit import log_actie
from netwerk.models import Gebruiker, Leersteuncentrum
from netwerk.schooljaar import als_tekst, schooljaar_begin, schooljaar_einde
from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers, Verslagregister
from trajecten.models import OPEN_STATUSSEN, Traject

logger = logging.getLogger(__name__)

# What a new year's envelope takes over from the year before: the key, never the hours.
SLEUTELVELDEN = [
    "uren_per_voltijdse",
    "gewicht_leerlingen",
    "venster_jaren",
    "verslagsoorten",
    "eenheid",
    "schoolweken",
]


@dataclass
class Schoolovergang:
    school: School
    ankers: list[str] = field(default_factory=list)  # names of the anchors that carry over
    al_gezet: list[str] = field(default_factory=list)  # anchors the new year already has
    niet_over: list[str] = field(default_factory=list)  # anchors who left: the school needs a new one
    lopend: int = 0
    afgesloten: int = 0
    heeft_cijfers: bool = False

    @property
    def zonder_anker(self) -> bool:
        return not self.ankers and not self.al_gezet


@dataclass
class Overgangsplan:
    van: int
    scholen: list[Schoolovergang]
    te_maken: list[tuple[int, int]]  # (school, supporter) anchor pairs the transition makes
    envelop_van: Envelop | None
    envelop_naar: Envelop | None
    registerrijen: int

    @property
    def naar(self) -> int:
        return self.van + 1

    @property
    def van_tekst(self) -> str:
        return als_tekst(self.van)

    @property
    def naar_tekst(self) -> str:
        return als_tekst(self.naar)

    @property
    def stand(self) -> str:
        """What the coordinator saw: the anchors to make. A transition on another plan is refused."""
        tekst = ";".join(f"{s}-{o}" for s, o in self.te_maken)
        return hashlib.sha256(tekst.encode()).hexdigest()[:16]

    @property
    def aantal_ankers(self) -> int:
        return len(self.te_maken)

    @property
    def aantal_al_gezet(self) -> int:
        return sum(len(s.al_gezet) for s in self.scholen)

    @property
    def vertrokken(self) -> list[Schoolovergang]:
        return [s for s in self.scholen if s.niet_over]

    @property
    def zonder_anker(self) -> list[Schoolovergang]:
        return [s for s in self.scholen if s.zonder_anker]

    @property
    def lopend(self) -> int:
        return sum(s.lopend for s in self.scholen)

    @property
    def afgesloten(self) -> int:
        return sum(s.afgesloten for s in self.scholen)

    @property
    def zonder_cijfers(self) -> list[Schoolovergang]:
        return [s for s in self.scholen if not s.heeft_cijfers]

    @property
    def al_gedaan(self) -> bool:
        """Nothing left to carry and the envelope exists: running the transition again changes nothing."""
        return not self.te_maken and self.envelop_naar is not None


def overgangsplan(*, lsc_id: int, van: int) -> Overgangsplan:
    """What the transition from `van` to the next year would do, per school the LSC serves. Six queries
    (schools, anchors, trajectories, figures, envelopes, register), whatever the number of schools."""
    scholen = list(
        School.objects.filter(Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc_id=lsc_id)))
        .order_by("naam")
        .only("pk", "naam", "gemeente")
    )
    per_school = {s.pk: Schoolovergang(school=s) for s in scholen}
    ankers = (
        Ankertoewijzing.objects.filter(lsc_id=lsc_id, schooljaar__in=[van, van + 1], school__in=per_school)
        .select_related("ondersteuner__gebruiker")
        .order_by("school_id", "ondersteuner__gebruiker__naam")
    )
    nieuw_jaar = {(a.school_id, a.ondersteuner_id) for a in ankers if a.schooljaar == van + 1}
    te_maken = []
    for anker in ankers:
        overgang = per_school[anker.school_id]
        naam = anker.ondersteuner.gebruiker.naam or anker.ondersteuner.gebruiker.email
        if anker.schooljaar == van + 1:
            overgang.al_gezet.append(naam)
        elif (anker.school_id, anker.ondersteuner_id) in nieuw_jaar:
            continue
        elif not anker.ondersteuner.gebruiker.is_active or _vertrokken_voor(anker.ondersteuner, van + 1):
            overgang.niet_over.append(naam)
        else:
            overgang.ankers.append(naam)
            te_maken.append((anker.school_id, anker.ondersteuner_id))
    begin, einde = schooljaar_begin(van), schooljaar_einde(van)
    tellingen = (
        Traject.objects.filter(lsc_id=lsc_id, school__in=per_school)
        .values("school_id")
        .annotate(
            lopend=Count("pk", filter=Q(status__in=OPEN_STATUSSEN)),
            afgesloten=Count(
                "pk", filter=Q(afgesloten_op__range=(begin, einde)) & ~Q(status__in=OPEN_STATUSSEN)
            ),
        )
    )
    for rij in tellingen:
        per_school[rij["school_id"]].lopend = rij["lopend"]
        per_school[rij["school_id"]].afgesloten = rij["afgesloten"]
    for school_id in Schooljaarcijfers.objects.filter(school__in=per_school, schooljaar=van).values_list(
        "school_id", flat=True
    ):
        per_school[school_id].heeft_cijfers = True
    enveloppen = {
        e.schooljaar: e for e in Envelop.objects.filter(lsc_id=lsc_id, schooljaar__in=[van, van + 1])
    }
    return Overgangsplan(
        van=van,
        scholen=list(per_school.values()),
        te_maken=sorted(te_maken),
        envelop_van=enveloppen.get(van),
        envelop_naar=enveloppen.get(van + 1),
        registerrijen=Verslagregister.objects.filter(school__in=per_school).count(),
    )


@dataclass
class Overgangsresultaat:
    ankers: int
    envelop: Envelop | None
    envelop_nieuw: bool


def jaarovergang_uitvoeren(
    *, door: Gebruiker, lsc: Leersteuncentrum, van: int, stand: str, envelop_uren: int | None
) -> Overgangsresultaat:
    """Carries the anchors over and makes the new year's envelope (with last year's key and the hours the
    coordinator gave), in one transaction. Refused when the plan changed since the coordinator saw it."""
    with transaction.atomic():
        Leersteuncentrum.objects.select_for_update().filter(pk=lsc.pk).first()  # one transition at a time
        plan = overgangsplan(lsc_id=lsc.pk, van=van)
        if plan.stand != stand:
            raise ValidationError(
                "Sinds je het overzicht opende, is er iets veranderd aan de ankers. Bekijk het opnieuw: "
                "er is niets overgezet."
            )
        gemaakt = Ankertoewijzing.objects.bulk_create(
            [
                Ankertoewijzing(
                    school_id=school_id, lsc=lsc, schooljaar=plan.naar, ondersteuner_id=ondersteuner_id
                )
                for school_id, ondersteuner_id in plan.te_maken
            ],
            ignore_conflicts=True,
        )
        envelop, nieuw = plan.envelop_naar, False
        if envelop is None and envelop_uren is not None:
            envelop = _nieuwe_envelop(lsc=lsc, plan=plan, uren=envelop_uren, door=door)
            nieuw = True
        log_actie(
            door=door,
            actie="capaciteit.jaarovergang.uitgevoerd",
            obj=lsc,
            wijzigingen={
                "van": als_tekst(plan.van),
                "naar": als_tekst(plan.naar),
                "ankers": len(gemaakt),
                "envelop": envelop_uren if nieuw else None,
            },
        )
    logger.info(
        "jaarovergang %s → %s voor lsc %s door account %s: %d ankers",
        plan.van,
        plan.naar,
        lsc.pk,
        door.pk,
        len(gemaakt),
    )
    return Overgangsresultaat(ankers=len(gemaakt), envelop=envelop, envelop_nieuw=nieuw)


def _nieuwe_envelop(*, lsc: Leersteuncentrum, plan: Overgangsplan, uren: int, door: Gebruiker) -> Envelop:
    """The new year's envelope through the planning's own service (its checks, its audit): last year's key,
    the coordinator's hours."""
    if uren <= 0:
        raise ValidationError("De envelop van het nieuwe schooljaar moet meer dan 0 uur zijn.")
    sleutel = {veld: getattr(plan.envelop_van, veld) for veld in SLEUTELVELDEN} if plan.envelop_van else {}
    return envelop_bewaren(
        door=door,
        envelop=nieuwe_envelop(lsc_id=lsc.pk, schooljaar=plan.naar),
        gegevens={**sleutel, "uren": uren},
    )


def _vertrokken_voor(ondersteuner, schooljaar: int) -> bool:
    """A supporter leaving by the first day of `schooljaar` is, for that year, as an inactive one."""
    vertrek = ondersteuner.uit_dienst_op
    return vertrek is not None and vertrek <= schooljaar_begin(schooljaar)
