"""The writes of an import: a checked plan in, one transaction of bulk statements, the counts out.

A plan with refused rows stores nothing, unless the caller explicitly leaves those rows out: a half
imported file would leave the coordinator guessing which half.
"""

import logging
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netwerk.inlezen import Soort
from netwerk.models import Leersteuncentrum
from scholen.importeren import CIJFERS, SCHOLEN, VERSLAGKOLOMMEN, Actie, Plan, Rij
from scholen.models import Bediening, School, Schooljaarcijfers, Schoolvoorstel
from scholen.services import voorstel_indienen, wijziging

logger = logging.getLogger(__name__)

BATCH = 2000
SCHOOLVELDEN = ("naam", "straat", "postcode", "gemeente", "niveau", "net", "scholengemeenschap")
CIJFERVELDEN = ("leerlingen", *VERSLAGKOLOMMEN)


class ImportGeweigerd(ValidationError):
    """The plan has refused rows and the caller did not choose to leave them out."""


@dataclass(frozen=True)
class Telling:
    nieuw: int
    bijgewerkt: int
    ongewijzigd: int
    overgeslagen: int
    voorgesteld: int = 0
    aangevraagd: int = 0

    def __str__(self) -> str:
        tekst = _(
            "%(nieuw)s nieuw, %(bijgewerkt)s bijgewerkt, %(ongewijzigd)s ongewijzigd, "
            "%(overgeslagen)s overgeslagen"
        ) % asdict(self)
        if self.voorgesteld:
            tekst += _(", %(voorgesteld)s wijzigingen voorgesteld aan de andere leersteuncentra") % asdict(
                self
            )
        if self.aangevraagd:
            tekst += _(", %(aangevraagd)s scholen aangevraagd om mee te bedienen") % asdict(self)
        return tekst


@transaction.atomic
def scholen_importeren(
    *, plan: Plan, lsc: Leersteuncentrum, door=None, zonder_geweigerde: bool = False
) -> Telling:
    """Creates or updates schools by instellingsnummer and has `lsc` serve them; other LSCs' links stay."""
    _controleer(plan, SCHOLEN, zonder_geweigerde=zonder_geweigerde)
    rijen = plan.toe_te_passen
    velden = [veld for veld in SCHOOLVELDEN if veld in plan.kolommen]
    if "clb" in plan.kolommen:
        velden.append("clb")
    # The plan checked every value against the model's rules, for all rows at once: no full_clean per row.
    scholen = School.objects.bulk_create(
        [_school(rij) for rij in rijen],
        update_conflicts=True,
        unique_fields=["instellingsnummer"],
        update_fields=velden,
        batch_size=BATCH,
    )
    Bediening.objects.bulk_create(
        [Bediening(lsc=lsc, school_id=school.pk) for school in scholen],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    _voorstellen(plan, lsc=lsc, door=door)
    return _gelogd(plan, door=door, waar=lsc)


def _voorstellen(plan: Plan, *, lsc: Leersteuncentrum, door) -> None:
    """Shared schools: a request to serve each one not served yet, a proposal of each row's changes."""
    scholen = School.objects.in_bulk({rij.school_id for rij in [*plan.aanvragen, *plan.voorstellen]})
    for rij in plan.aanvragen:
        voorstel_indienen(
            door=door, school=scholen[rij.school_id], lsc=lsc, soort=Schoolvoorstel.Soort.BEDIENING
        )
    for rij in plan.voorstellen:
        voorstel_indienen(
            door=door,
            school=scholen[rij.school_id],
            lsc=lsc,
            soort=Schoolvoorstel.Soort.GEGEVENS,
            wijzigingen=[wijziging(*w[:3], schooljaar=w[3] if len(w) > 3 else None) for w in rij.wijzigingen],
        )


@transaction.atomic
def cijfers_importeren(
    *, plan: Plan, door=None, lsc: Leersteuncentrum | None = None, zonder_geweigerde: bool = False
) -> Telling:
    """Creates or updates figures per school and year; a column missing from the file keeps its values."""
    _controleer(plan, CIJFERS, zonder_geweigerde=zonder_geweigerde)
    velden = [veld for veld in CIJFERVELDEN if veld in plan.kolommen]
    Schooljaarcijfers.objects.bulk_create(
        [
            Schooljaarcijfers(
                school_id=rij.school_id,
                schooljaar=rij.waarden["schooljaar"],
                **{veld: rij.waarden[veld] for veld in velden},
            )
            for rij in plan.toe_te_passen
        ],
        update_conflicts=True,
        unique_fields=["school", "schooljaar"],
        update_fields=velden,
        batch_size=BATCH,
    )
    if plan.voorstellen:
        if lsc is None:
            raise ValueError("voorstellen over gedeelde scholen horen bij een leersteuncentrum")
        _voorstellen(plan, lsc=lsc, door=door)
    return _gelogd(plan, door=door, waar=None)


def _controleer(plan: Plan, soort: Soort, *, zonder_geweigerde: bool) -> None:
    if plan.soort is not soort:
        raise ValueError(f"een plan voor {plan.soort.naam} is geen plan voor {soort.naam}")
    aantal = len(plan.geweigerd)
    if aantal and not zonder_geweigerde:
        raise ImportGeweigerd(
            ngettext(
                "%(aantal)s rij is geweigerd, dus er is niets opgeslagen. Verbeter het bestand, "
                "of importeer uitdrukkelijk zonder die rij.",
                "%(aantal)s rijen zijn geweigerd, dus er is niets opgeslagen. Verbeter het bestand, "
                "of importeer uitdrukkelijk zonder die rijen.",
                aantal,
            )
            % {"aantal": aantal},
            code="geweigerd",
        )


def _school(rij: Rij) -> School:
    """The row as a school; its CLB is one that exists (the plan refuses any other: an import never makes
    one)."""
    school = School(
        **{veld: rij.waarden[veld] for veld in ("instellingsnummer", *SCHOOLVELDEN) if veld in rij.waarden}
    )
    if "clb_id" in rij.waarden:
        school.clb_id = rij.waarden["clb_id"]
    return school


def _gelogd(plan: Plan, *, door, waar) -> Telling:
    tellingen = plan.tellingen
    telling = Telling(
        nieuw=tellingen[Actie.NIEUW],
        bijgewerkt=tellingen[Actie.BIJWERKEN],
        ongewijzigd=tellingen[Actie.ONGEWIJZIGD],
        overgeslagen=tellingen[Actie.GEWEIGERD],
        voorgesteld=tellingen[Actie.VOORSTEL],
        aangevraagd=tellingen[Actie.AANVRAAG],
    )
    logger.info(
        "import van %s%s door %s: %s",
        plan.soort.naam,
        f" voor {waar}" if waar else "",
        f"account {door.pk}" if door else "beheerscommando",
        telling,
    )
    return telling
