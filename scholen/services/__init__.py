"""Writes about schools: one function per change, keyword-only, validated before anything is saved."""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerk import services as netwerk_services
from netwerk.audit import log_actie, verschil
from netwerk.gelijktijdig import Verouderd, stand_van
from netwerk.models import BELEIDSROLLEN, Clb, Gebruiker, Leersteuncentrum, Ondersteuner, Rol
from netwerk.rules import is_beheerder
from scholen import rules
from scholen.models import (
    Ankertoewijzing,
    Bediening,
    Bevestiging,
    School,
    Schooljaarcijfers,
    Schoolvoorstel,
    Verslagregister,
)
from scholen.queries import clbs_van_lsc

logger = logging.getLogger(__name__)


@transaction.atomic
def anker_toewijzen(
    *, door: Gebruiker, school: School, lsc: Leersteuncentrum, ondersteuner: Ondersteuner, schooljaar: int
) -> Ankertoewijzing:
    if ondersteuner.lsc_id != lsc.pk:
        raise ValidationError("Deze ondersteuner werkt niet voor dit leersteuncentrum.")
    if not Bediening.objects.filter(school=school, lsc=lsc).exists():
        raise ValidationError("Dit leersteuncentrum bedient deze school niet.")
    anker, nieuw = Ankertoewijzing.objects.get_or_create(
        school=school, lsc=lsc, schooljaar=schooljaar, ondersteuner=ondersteuner
    )
    if nieuw:
        logger.info("anker %s toegewezen aan school %s door account %s", ondersteuner.pk, school.pk, door.pk)
    return anker


@transaction.atomic
def anker_verwijderen(*, door: Gebruiker, anker: Ankertoewijzing) -> None:
    logger.info(
        "anker %s van school %s verwijderd door account %s", anker.ondersteuner_id, anker.school_id, door.pk
    )
    anker.delete()


@transaction.atomic
def school_bijwerken(*, door: Gebruiker, school: School, gegevens: dict, stand: str | None = None) -> School:
    """`stand` is what the editor saw of these fields: over another's change in between it is refused."""
    huidig = School.objects.select_for_update().get(pk=school.pk)
    if stand and stand_van(huidig, gegevens) != stand:
        raise Verouderd(
            "Iemand anders heeft de gegevens van deze school intussen gewijzigd. "
            "Je wijzigingen zijn niet bewaard.",
            verborgen={"stand": stand_van(huidig, gegevens)},
            huidig=huidig,
        )
    voor = {veld: getattr(huidig, veld) for veld in gegevens}
    for veld, waarde in gegevens.items():
        setattr(school, veld, waarde)
    school.full_clean()
    school.save(update_fields=list(gegevens))
    log_actie(door=door, actie="scholen.school.bijgewerkt", obj=school, wijzigingen=verschil(voor, gegevens))
    return school


def register_bijwerken(*, door: Gebruiker, school: School, soort: str, aantal: int, bewaarplaats: str):
    """Sets the count and place of one kind of report; a count of 0 with no place removes the line."""
    if aantal == 0 and not bewaarplaats:
        Verslagregister.objects.filter(school=school, soort=soort).delete()
        return None
    regel, _ = Verslagregister.objects.update_or_create(
        school=school,
        soort=soort,
        defaults={"aantal": aantal, "bewaarplaats": bewaarplaats, "bijgewerkt_door": door},
    )
    return regel


# Accounts from outside the LSC -------------------------------------------------------------------------


@transaction.atomic
def account_uitnodigen(
    *,
    uitnodiger: Gebruiker,
    naam: str,
    email: str,
    rol: str,
    lsc: Leersteuncentrum | None = None,
    regioteam=None,
    school: School | None = None,
    clb: Clb | None = None,
) -> Gebruiker:
    """Invites an account. Care staff join the school's care team; care and CLB staff invited by an LSC
    are vouched for by that LSC alone: every other LSC serving the school decides for itself."""
    borg = uitnodiger.lsc if uitnodiger.rol in BELEIDSROLLEN else None
    if borg is not None:
        if rol == Rol.ZORG and school is not None and not _bedient(borg.pk, school):
            raise ValidationError(_("Je leersteuncentrum bedient deze school niet."))
        if rol == Rol.CLB and clb is not None and not clbs_van_lsc(borg.pk).filter(pk=clb.pk).exists():
            raise ValidationError(_("Dit CLB begeleidt geen school die je leersteuncentrum bedient."))
    gebruiker = netwerk_services.gebruiker_uitnodigen(
        uitnodiger=uitnodiger, naam=naam, email=email, rol=rol, lsc=lsc, regioteam=regioteam, clb=clb
    )
    if rol == Rol.ZORG and school is not None:
        school.zorgmedewerkers.add(gebruiker)
        if borg is not None:
            _beslis(
                door=uitnodiger,
                gebruiker=gebruiker,
                lsc=borg,
                school=school,
                bron=Bevestiging.Bron.UITNODIGING,
            )
    if rol == Rol.CLB and clb is not None and borg is not None:
        _beslis(door=uitnodiger, gebruiker=gebruiker, lsc=borg, clb=clb, bron=Bevestiging.Bron.UITNODIGING)
    return gebruiker


@transaction.atomic
def account_bevestigen(
    *,
    door: Gebruiker,
    gebruiker: Gebruiker,
    lsc: Leersteuncentrum,
    school: School | None = None,
    clb: Clb | None = None,
) -> Bevestiging:
    """`lsc` vouches for a care-staff account at `school` or a CLB account at `clb`. Who may: the LSC's
    coordinator or director, or (for care staff) a colleague on the same care team whom `lsc` vouched
    for at that school."""
    _controleer_beslissing(door=door, gebruiker=gebruiker, lsc=lsc, school=school, clb=clb, collega_mag=True)
    bron = Bevestiging.Bron.BELEID if door.rol in BELEIDSROLLEN else Bevestiging.Bron.COLLEGA
    return _beslis(door=door, gebruiker=gebruiker, lsc=lsc, school=school, clb=clb, bron=bron)


@transaction.atomic
def account_weigeren(
    *,
    door: Gebruiker,
    gebruiker: Gebruiker,
    lsc: Leersteuncentrum,
    school: School | None = None,
    clb: Clb | None = None,
) -> Bevestiging:
    """`lsc` does not (or no longer) vouch for the account there: it sees nothing of the LSC's work from
    now on. The refusal is kept, so the account is not shown as waiting again."""
    _controleer_beslissing(door=door, gebruiker=gebruiker, lsc=lsc, school=school, clb=clb, collega_mag=False)
    return _beslis(
        door=door,
        gebruiker=gebruiker,
        lsc=lsc,
        school=school,
        clb=clb,
        bron=Bevestiging.Bron.BELEID,
        ja=False,
    )


def _bedient(lsc_id: int, school: School) -> bool:
    return Bediening.objects.filter(lsc=lsc_id, school=school).exists()


def _controleer_beslissing(*, door, gebruiker, lsc, school, clb, collega_mag: bool) -> None:
    if (school is None) == (clb is None):
        raise ValueError("een bevestiging geldt voor een school of voor een CLB")
    if school is not None:
        if gebruiker.rol != Rol.ZORG or not school.zorgmedewerkers.filter(pk=gebruiker.pk).exists():
            raise ValidationError(_("Dit account hoort niet bij het zorgteam van deze school."))
        if not _bedient(lsc.pk, school):
            raise ValidationError(_("Dit leersteuncentrum bedient deze school niet."))
    else:
        if gebruiker.rol != Rol.CLB or gebruiker.clb_id != clb.pk:
            raise ValidationError(_("Dit account hoort niet bij dit CLB."))
        if not clbs_van_lsc(lsc.pk).filter(pk=clb.pk).exists():
            raise ValidationError(_("Dit CLB begeleidt geen school die dit leersteuncentrum bedient."))
    if door.rol in BELEIDSROLLEN and door.lsc_id == lsc.pk:
        return
    collega = (
        collega_mag
        and school is not None
        and door.rol == Rol.ZORG
        and door.pk != gebruiker.pk
        and Bevestiging.objects.filter(gebruiker=door, lsc=lsc, school=school, bevestigd=True).exists()
    )
    if not collega:
        raise PermissionDenied


def _beslis(*, door, gebruiker, lsc, bron: str, school=None, clb=None, ja: bool = True) -> Bevestiging:
    sleutel = {"gebruiker": gebruiker, "lsc": lsc, "school": school, "clb": clb}
    voor = Bevestiging.objects.select_for_update().filter(**sleutel).first()
    bevestiging, _nieuw = Bevestiging.objects.update_or_create(
        **sleutel, defaults={"bevestigd": ja, "bron": bron, "door": door}
    )
    log_actie(
        door=door,
        actie="scholen.bevestiging." + ("bevestigd" if ja else "geweigerd"),
        obj=bevestiging,
        wijzigingen={
            "gebruiker": [None, gebruiker.email],
            "lsc": [None, str(lsc)],
            "school" if school else "clb": [None, str(school or clb)],
            "bevestigd": [voor.bevestigd if voor else None, ja],
        },
    )
    return bevestiging


# Shared schools: nothing changes before the LSCs that serve the school agree ----------------------------


def andere_lsc_ids(school: School, *, lsc_id: int | None) -> set[int]:
    return set(Bediening.objects.filter(school=school).exclude(lsc=lsc_id).values_list("lsc_id", flat=True))


def wijziging(veld: str, oud, nieuw, *, schooljaar: int | None = None) -> dict:
    """One change of a proposal, as JSON: a CLB by id, with its name to show."""
    rij = {"veld": veld, "oud": oud, "nieuw": nieuw}
    if schooljaar is not None:
        rij["schooljaar"] = schooljaar
    return rij


@transaction.atomic
def school_wijzigen(*, door: Gebruiker, school: School, gegevens: dict, stand: str | None = None):
    """The school edit form's save. A school only this LSC serves (or an administrator's edit) changes at
    once; a school other LSCs serve too gets a proposal they decide on. Returns the school, or the
    proposal (None when nothing changed)."""
    lsc_id = door.lsc_id if door.rol in BELEIDSROLLEN else None
    if lsc_id is None or not andere_lsc_ids(school, lsc_id=lsc_id):
        return school_bijwerken(door=door, school=school, gegevens=gegevens, stand=stand)
    huidig = School.objects.select_for_update().get(pk=school.pk)
    if stand and stand_van(huidig, gegevens) != stand:
        raise Verouderd(
            _(
                "Iemand anders heeft de gegevens van deze school intussen gewijzigd. "
                "Je voorstel is niet bewaard."
            ),
            verborgen={"stand": stand_van(huidig, gegevens)},
            huidig=huidig,
        )
    wijzigingen = [
        wijziging(veld, getattr(huidig, _kolom(veld)), _id(waarde))
        for veld, waarde in gegevens.items()
        if getattr(huidig, _kolom(veld)) != _id(waarde)
    ]
    if not wijzigingen:
        return None
    return voorstel_indienen(
        door=door, school=huidig, lsc=door.lsc, soort=Schoolvoorstel.Soort.GEGEVENS, wijzigingen=wijzigingen
    )


def _kolom(veld: str) -> str:
    return "clb_id" if veld == "clb" else veld


def _id(waarde):
    return waarde.pk if hasattr(waarde, "pk") else waarde


@transaction.atomic
def voorstel_indienen(
    *,
    door: Gebruiker | None,
    school: School,
    lsc: Leersteuncentrum,
    soort: str,
    wijzigingen: list | None = None,
) -> Schoolvoorstel:
    """A request to serve a school too, or a change of a shared school's data, for the other LSCs."""
    if soort == Schoolvoorstel.Soort.BEDIENING:
        if _bedient(lsc.pk, school):
            raise ValidationError(_("Je leersteuncentrum bedient deze school al."))
        bestaand = Schoolvoorstel.objects.filter(
            school=school, lsc=lsc, soort=soort, status=Schoolvoorstel.Status.OPEN
        ).first()
        if bestaand is not None:
            return bestaand
    elif not _bedient(lsc.pk, school):
        raise ValidationError(_("Je leersteuncentrum bedient deze school niet."))
    voorstel = Schoolvoorstel(
        school=school, lsc=lsc, soort=soort, wijzigingen=wijzigingen or [], aangevraagd_door=door
    )
    voorstel.full_clean()
    voorstel.save()
    log_actie(
        door=door,
        actie="scholen.voorstel.ingediend",
        obj=voorstel,
        wijzigingen={"soort": [None, soort], "school": [None, str(school)], "lsc": [None, str(lsc)]},
    )
    return voorstel


@transaction.atomic
def voorstel_aanvaarden(*, door: Gebruiker, voorstel: Schoolvoorstel) -> Schoolvoorstel:
    """A request to serve: one yes from a serving LSC (or an administrator) suffices. A change of data:
    applied once every other serving LSC agreed (an administrator's yes decides alone), and only where the
    school still holds what the proposal saw; else it lapses and says why."""
    voorstel = Schoolvoorstel.objects.select_for_update().get(pk=voorstel.pk)
    if not rules.mag_voorstel_beslissen(door, voorstel):
        raise PermissionDenied
    beheerder = is_beheerder(door)
    if voorstel.soort == Schoolvoorstel.Soort.BEDIENING:
        Bediening.objects.get_or_create(lsc=voorstel.lsc, school=voorstel.school)
        return _afgesloten(voorstel, door=door, status=Schoolvoorstel.Status.AANVAARD)
    if not beheerder:
        voorstel.akkoord = sorted({*voorstel.akkoord, door.lsc_id})
        voorstel.save(update_fields=["akkoord"])
        log_actie(
            door=door,
            actie="scholen.voorstel.akkoord",
            obj=voorstel,
            wijzigingen={"lsc": [None, str(door.lsc)]},
        )
        if andere_lsc_ids(voorstel.school, lsc_id=voorstel.lsc_id) - set(voorstel.akkoord):
            return voorstel
    verouderd = _toepassen(voorstel, door=door)
    if verouderd:
        reden = _("De gegevens zijn intussen gewijzigd (%(velden)s); dien een nieuw voorstel in.") % {
            "velden": ", ".join(verouderd)
        }
        return _afgesloten(voorstel, door=door, status=Schoolvoorstel.Status.VERVALLEN, reden=reden)
    return _afgesloten(voorstel, door=door, status=Schoolvoorstel.Status.AANVAARD)


@transaction.atomic
def voorstel_weigeren(*, door: Gebruiker, voorstel: Schoolvoorstel, reden: str = "") -> Schoolvoorstel:
    voorstel = Schoolvoorstel.objects.select_for_update().get(pk=voorstel.pk)
    if not rules.mag_voorstel_beslissen(door, voorstel):
        raise PermissionDenied
    return _afgesloten(voorstel, door=door, status=Schoolvoorstel.Status.GEWEIGERD, reden=reden)


@transaction.atomic
def voorstel_intrekken(*, door: Gebruiker, voorstel: Schoolvoorstel) -> Schoolvoorstel:
    voorstel = Schoolvoorstel.objects.select_for_update().get(pk=voorstel.pk)
    if voorstel.status != Schoolvoorstel.Status.OPEN or not (
        door.rol in BELEIDSROLLEN and door.lsc_id == voorstel.lsc_id
    ):
        raise PermissionDenied
    return _afgesloten(voorstel, door=door, status=Schoolvoorstel.Status.INGETROKKEN)


def _afgesloten(voorstel: Schoolvoorstel, *, door, status: str, reden: str = "") -> Schoolvoorstel:
    voor = voorstel.status
    voorstel.status, voorstel.beslist_door, voorstel.beslist_op = status, door, timezone.now()
    voorstel.reden = reden[:300]
    voorstel.save(update_fields=["status", "beslist_door", "beslist_op", "reden"])
    log_actie(
        door=door,
        actie=f"scholen.voorstel.{status}",
        obj=voorstel,
        wijzigingen={"status": [voor, status], **({"reden": [None, reden]} if reden else {})},
    )
    return voorstel


def _toepassen(voorstel: Schoolvoorstel, *, door) -> list[str]:
    """Writes the proposal's changes; returns the fields that no longer hold what it saw (then nothing)."""
    school = School.objects.select_for_update().get(pk=voorstel.school_id)
    stam = [w for w in voorstel.wijzigingen if "schooljaar" not in w]
    cijfers = [w for w in voorstel.wijzigingen if "schooljaar" in w]
    verouderd = [w["veld"] for w in stam if getattr(school, _kolom(w["veld"])) != w["oud"]]
    bestaande = {
        (c.schooljaar): c
        for c in Schooljaarcijfers.objects.select_for_update().filter(
            school=school, schooljaar__in={w["schooljaar"] for w in cijfers}
        )
    }
    for w in cijfers:
        rij = bestaande.get(w["schooljaar"])
        if (getattr(rij, w["veld"]) if rij else None) != w["oud"]:
            verouderd.append(f"{w['veld']} {w['schooljaar']}")
    if verouderd:
        return verouderd
    if stam:
        school_bijwerken(
            door=door,
            school=school,
            gegevens={_kolom(w["veld"]): w["nieuw"] for w in stam},
        )
    per_jaar: dict[int, dict] = {}
    for w in cijfers:
        per_jaar.setdefault(w["schooljaar"], {})[w["veld"]] = w["nieuw"]
    for jaar, velden in per_jaar.items():
        rij = bestaande.get(jaar) or Schooljaarcijfers(school=school, schooljaar=jaar)
        voor = {veld: getattr(rij, veld, None) for veld in velden}
        for veld, waarde in velden.items():
            setattr(rij, veld, waarde)
        rij.full_clean()
        rij.save()
        log_actie(door=door, actie="scholen.cijfers.bijgewerkt", obj=rij, wijzigingen=verschil(voor, velden))
    return []


# CLBs: made, renamed and merged by hand (an import never makes one) ----------------------------------------


def _dubbel_clb(naam: str, *, behalve: int | None = None) -> None:
    if Clb.objects.filter(naam__iexact=naam.strip()).exclude(pk=behalve).exists():
        raise ValidationError({"naam": _("Er is al een CLB met deze naam.")})


@transaction.atomic
def clb_aanmaken(*, door: Gebruiker, naam: str, gemeente: str = "") -> Clb:
    _dubbel_clb(naam)
    clb = Clb(naam=naam.strip(), gemeente=gemeente.strip())
    clb.full_clean()
    clb.save()
    log_actie(door=door, actie="scholen.clb.aangemaakt", obj=clb, wijzigingen={"naam": [None, clb.naam]})
    return clb


@transaction.atomic
def clb_bijwerken(*, door: Gebruiker, clb: Clb, naam: str, gemeente: str) -> Clb:
    if not rules.mag_clb_wijzigen(door, clb):
        raise PermissionDenied
    clb = Clb.objects.select_for_update().get(pk=clb.pk)
    _dubbel_clb(naam, behalve=clb.pk)
    voor = {"naam": clb.naam, "gemeente": clb.gemeente}
    clb.naam, clb.gemeente = naam.strip(), gemeente.strip()
    clb.full_clean()
    clb.save(update_fields=["naam", "gemeente"])
    na = {"naam": clb.naam, "gemeente": clb.gemeente}
    log_actie(door=door, actie="scholen.clb.bijgewerkt", obj=clb, wijzigingen=verschil(voor, na))
    return clb


@dataclass(frozen=True)
class Verhuis:
    """What merging one CLB into another moves: shown before, done after."""

    scholen: int
    medewerkers: int
    bevestigingen: int


def clb_verhuis(*, van: Clb) -> Verhuis:
    return Verhuis(
        scholen=School.objects.filter(clb=van).count(),
        medewerkers=Gebruiker.objects.filter(clb=van).count(),
        bevestigingen=Bevestiging.objects.filter(clb=van).count(),
    )


@transaction.atomic
def clb_samenvoegen(*, door: Gebruiker, van: Clb, naar: Clb) -> Verhuis:
    """Two records of one CLB become one: its schools, staff and the LSCs' confirmations of that staff move
    to `naar`, then `van` goes. A confirmation `naar` already has for the same account and LSC wins."""
    if van.pk == naar.pk:
        raise ValidationError(_("Een CLB samenvoegen met zichzelf kan niet."))
    if not rules.mag_clb_wijzigen(door, van, naar):
        raise PermissionDenied
    # Both rows locked in a fixed order, so two merges of the same pair the other way round cannot deadlock.
    vergrendeld = {
        clb.pk: clb for clb in Clb.objects.select_for_update().filter(pk__in=[van.pk, naar.pk]).order_by("pk")
    }
    van, naar = vergrendeld[van.pk], vergrendeld[naar.pk]
    verhuis = clb_verhuis(van=van)
    School.objects.filter(clb=van).update(clb=naar)
    Gebruiker.objects.filter(clb=van).update(clb=naar)
    al_bevestigd = Bevestiging.objects.filter(clb=naar, gebruiker=OuterRef("gebruiker"), lsc=OuterRef("lsc"))
    Bevestiging.objects.filter(clb=van).filter(Exists(al_bevestigd)).delete()
    Bevestiging.objects.filter(clb=van).update(clb=naar)
    log_actie(
        door=door,
        actie="scholen.clb.samengevoegd",
        obj=naar,
        wijzigingen={
            "samengevoegd": [van.naam, naar.naam],
            "scholen": [None, verhuis.scholen],
            "medewerkers": [None, verhuis.medewerkers],
        },
    )
    van.delete()
    return verhuis
