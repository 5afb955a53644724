"""The afstemmingsgesprek: a school asks its anchor for a meeting with the partners, the anchor plans it.

"Indien u graag als school samen met de partners … een afstemmingsgesprek wenst, kan u dit aanvragen via
de ankerpersoon." The school's care staff ask (what about, which partners, preferred moments); the
school's anchors of that LSC hear of it (or its coordinators, where the school has no anchor this year).
The anchor or the coordination plans it with the consultation's machinery: participants as `Deelnemer`
rows, the invitation with its `.ics` through the outbox (`overleg.outbox`), a change or cancellation under
the next calendar sequence. The mails carry the school, the moment, the place and a link, never the
school's own words (they may name a pupil).

Reads (`*_zichtbaar_voor`), permissions and writes of this one feature live together here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from netwerk.audit import log_actie, verschil
from netwerk.meldingen import melden
from netwerk.models import BELEIDSROLLEN, Gebruiker, Leersteuncentrum, Meldingsoort, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import outbox
from overleg.models import (
    Afstemmingsgesprek,
    Afstemmingsstatus,
    Deelnemer,
    Mailsoort,
    Mailstatus,
    Partner,
    Uitgaandemail,
)
from overleg.services import DUUR_MAXIMUM, DUUR_MINIMUM, IN_DE_AGENDA, OverlegFout, deelnemers_voor
from scholen.models import Ankertoewijzing, Bediening, Bevestiging, School
from scholen.queries import door_coach_bediend, door_lsc_bevestigd

CONFLICT = "Het afstemmingsgesprek is intussen gewijzigd. Herlaad de pagina en bekijk het opnieuw."

# Which participants a wish for a partner ticks by default when the anchor plans.
ROLLEN_PER_PARTNER = {
    Partner.CLB: Deelnemer.Rol.CLB,
    Partner.SPECIFIEK: Deelnemer.Rol.SPECIFIEK,
    Partner.ONDERSTEUNERS: Deelnemer.Rol.ONDERSTEUNER,
}


# ------------------------------------------------------------------------------------------------ reads


def _als_anker(gebruiker) -> QuerySet[Ankertoewijzing]:
    return Ankertoewijzing.objects.filter(
        school=OuterRef("school"),
        lsc=OuterRef("lsc"),
        schooljaar=OuterRef("schooljaar"),
        ondersteuner__gebruiker=gebruiker,
    )


def _deelnemer(gebruiker) -> Exists:
    return Exists(Deelnemer.objects.filter(afstemming=OuterRef("pk"), gebruiker=gebruiker))


def afstemmingen_zichtbaar_voor(gebruiker) -> QuerySet[Afstemmingsgesprek]:
    """Coordination: their LSC's. Team coaches: their regio teams' schools. Supporters: where they anchor
    the school or take part. Care staff: their school's, of an LSC that vouched for them. CLB staff: where
    they take part. Admins: none."""
    alle = Afstemmingsgesprek.objects.all()
    if not gebruiker.is_authenticated:
        return alle.none()
    if gebruiker.rol in BELEIDSROLLEN:
        return alle.filter(lsc=gebruiker.lsc_id)
    if gebruiker.rol == Rol.TEAMCOACH:
        return alle.filter(door_coach_bediend(gebruiker))
    if gebruiker.rol == Rol.ONDERSTEUNER:
        return alle.filter(Q(Exists(_als_anker(gebruiker))) | Q(_deelnemer(gebruiker)))
    if gebruiker.rol == Rol.ZORG:
        return alle.filter(
            door_lsc_bevestigd(gebruiker, school=OuterRef("school"), lsc=OuterRef("lsc")),
            school__zorgmedewerkers=gebruiker,
        )
    if gebruiker.rol == Rol.CLB:
        return alle.filter(_deelnemer(gebruiker))
    return alle.none()


def met_mijn_rol(gesprekken: QuerySet[Afstemmingsgesprek], gebruiker) -> QuerySet[Afstemmingsgesprek]:
    """Whether the user anchors the school for that LSC and year: what `mag_plannen` needs, in one query."""
    return gesprekken.annotate(ik_anker=Exists(_als_anker(gebruiker)))


def lijst_voor(gebruiker) -> QuerySet[Afstemmingsgesprek]:
    """The list page: one query, the open requests first."""
    return (
        met_mijn_rol(afstemmingen_zichtbaar_voor(gebruiker), gebruiker)
        .select_related("school", "lsc")
        .order_by("-gevraagd_op", "-pk")
    )


def lscs_om_te_vragen(gebruiker, school: School) -> QuerySet[Leersteuncentrum]:
    """The LSCs that serve the school and vouched for this care-staff account there: whom it may ask."""
    return Leersteuncentrum.objects.filter(
        Exists(Bediening.objects.filter(school=school, lsc=OuterRef("pk"))),
        Exists(
            Bevestiging.objects.filter(gebruiker=gebruiker, school=school, lsc=OuterRef("pk"), bevestigd=True)
        ),
    ).order_by("naam")


# ---------------------------------------------------------------------------------------------- rules


def mag_vragen(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol == Rol.ZORG


def mag_plannen(gebruiker, gesprek: Afstemmingsgesprek) -> bool:
    """The school's anchor of that LSC and year, and the LSC's coordination."""
    if not gebruiker.is_authenticated or gebruiker.lsc_id != gesprek.lsc_id:
        return False
    if gebruiker.rol in BELEIDSROLLEN:
        return True
    if gebruiker.rol != Rol.ONDERSTEUNER:
        return False
    if hasattr(gesprek, "ik_anker"):
        return gesprek.ik_anker
    return Ankertoewijzing.objects.filter(
        school=gesprek.school_id,
        lsc=gesprek.lsc_id,
        schooljaar=gesprek.schooljaar,
        ondersteuner__gebruiker=gebruiker,
    ).exists()


def open_voor_planning(gesprek: Afstemmingsgesprek) -> bool:
    return gesprek.status in {Afstemmingsstatus.GEVRAAGD, Afstemmingsstatus.GEPLAND}


# --------------------------------------------------------------------------------------------- writes


def wie_hoort_van_vraag(gesprek: Afstemmingsgesprek) -> QuerySet[Gebruiker]:
    """The school's anchors of that LSC this year; without an anchor, the LSC's coordinators."""
    ankers = Gebruiker.objects.filter(
        is_active=True,
        pk__in=Ankertoewijzing.objects.filter(
            school=gesprek.school_id, lsc=gesprek.lsc_id, schooljaar=gesprek.schooljaar
        ).values("ondersteuner__gebruiker_id"),
    )
    if ankers.exists():
        return ankers
    return Gebruiker.objects.filter(is_active=True, rol=Rol.COORDINATOR, lsc=gesprek.lsc_id)


def _url(gesprek: Afstemmingsgesprek) -> str:
    return reverse("afstemming_detail", kwargs={"pk": gesprek.pk})


@transaction.atomic
def afstemming_vragen(
    *,
    door: Gebruiker,
    school: School,
    lsc: Leersteuncentrum,
    onderwerp: str,
    partners: list[str],
    andere_partners: str = "",
    voorkeur_momenten: str = "",
) -> Afstemmingsgesprek:
    if not lscs_om_te_vragen(door, school).filter(pk=lsc.pk).exists():
        raise OverlegFout("Dit leersteuncentrum werkt niet met jou samen op deze school.")
    gesprek = Afstemmingsgesprek(
        lsc=lsc,
        school=school,
        schooljaar=huidig_schooljaar(),
        onderwerp=onderwerp.strip(),
        partners=[p for p in Partner.values if p in partners],
        andere_partners=andere_partners.strip(),
        voorkeur_momenten=voorkeur_momenten.strip(),
        gevraagd_door=door,
    )
    try:
        gesprek.full_clean()
    except ValidationError as fout:
        raise OverlegFout(" ".join(fout.messages)) from fout
    gesprek.save()
    log_actie(
        door=door,
        actie="overleg.afstemming.gevraagd",
        obj=gesprek,
        wijzigingen={"school": school.pk, "lsc": lsc.pk, "partners": gesprek.partners},
    )
    melden(
        soort=Meldingsoort.AFSTEMMING_GEVRAAGD,
        ontvangers=wie_hoort_van_vraag(gesprek),
        titel=f"{school.naam} vraagt een afstemmingsgesprek",
        url=_url(gesprek),
    )
    return gesprek


def kandidaten(gesprek: Afstemmingsgesprek):
    """Who can be invited: as for the school consultation (`deelnemers_voor`), the school's vouched care
    staff, the LSC's anchor and supporters there, a specific LSC's supporters and the vouched CLB staff."""
    return deelnemers_voor(gesprek)


def standaard_deelnemers(gesprek: Afstemmingsgesprek, kandidaten_lijst) -> list[int]:
    """Ticked when planning: the care staff, the anchor, and the partners the school asked for."""
    rollen = {Deelnemer.Rol.ZORG, Deelnemer.Rol.ANKER}
    rollen |= {ROLLEN_PER_PARTNER[p] for p in gesprek.partners if p in ROLLEN_PER_PARTNER}
    return [k.gebruiker.pk for k in kandidaten_lijst if k.rol in rollen]


def _agendarijen(gesprek: Afstemmingsgesprek):
    return Uitgaandemail.objects.filter(afstemming=gesprek, soort__in=IN_DE_AGENDA).exclude(
        status=Mailstatus.VERVALLEN
    )


def _vergrendeld(gesprek: Afstemmingsgesprek, versie: int) -> Afstemmingsgesprek:
    gesprek = (
        Afstemmingsgesprek.objects.select_for_update().select_related("school", "lsc").get(pk=gesprek.pk)
    )
    if gesprek.versie != versie:
        raise OverlegFout(CONFLICT)
    return gesprek


@transaction.atomic
def afstemming_plannen(
    *,
    door: Gebruiker,
    gesprek: Afstemmingsgesprek,
    versie: int,
    datum,
    duur_minuten: int,
    plaats: str,
    externe_deelnemers: str,
    deelnemer_ids: list[int],
) -> int:
    """Plans (or moves) the meeting and invites its participants through the outbox; returns the number of
    mails queued. Someone invited before stays a participant. A moved meeting reaches everyone invited under
    the next calendar sequence (a change where an invitation arrived, else a fresh invitation)."""
    gesprek = _vergrendeld(gesprek, versie)
    if not open_voor_planning(gesprek):
        raise OverlegFout("Een gehouden of geannuleerd afstemmingsgesprek plan je niet meer.")
    if datum is None or datum < timezone.now():
        raise OverlegFout("Kies een datum en uur in de toekomst.")
    if not DUUR_MINIMUM <= duur_minuten <= DUUR_MAXIMUM:
        raise OverlegFout(f"De duur ligt tussen {DUUR_MINIMUM} en {DUUR_MAXIMUM} minuten.")
    if not plaats.strip():
        raise OverlegFout("Vul de plaats in.")
    mogelijk = {k.gebruiker.pk: k for k in kandidaten(gesprek)}
    bestaande = {d.gebruiker_id: d for d in gesprek.deelnemers.select_related("gebruiker")}
    onbekend = set(deelnemer_ids) - set(mogelijk) - set(bestaande)
    if onbekend:
        raise OverlegFout("Kies de deelnemers uit de lijst.")
    if not (set(deelnemer_ids) | set(bestaande)) - {door.pk}:
        raise OverlegFout("Kies minstens één deelnemer.")
    for pk in deelnemer_ids:
        if pk not in bestaande:
            bestaande[pk] = Deelnemer.objects.create(
                afstemming=gesprek, gebruiker=mogelijk[pk].gebruiker, rol=mogelijk[pk].rol
            )

    voor = {"datum": gesprek.datum, "duur_minuten": gesprek.duur_minuten, "plaats": gesprek.plaats}
    oud_kenmerk = outbox.agendakenmerk(gesprek) if gesprek.status == Afstemmingsstatus.GEPLAND else None
    gesprek.datum, gesprek.duur_minuten, gesprek.plaats = datum, duur_minuten, plaats.strip()
    gesprek.externe_deelnemers = externe_deelnemers.strip()
    kenmerk = outbox.agendakenmerk(gesprek)
    rijen = list(_agendarijen(gesprek).values_list("ontvanger_id", "status", "kenmerk", "volgnummer"))
    if oud_kenmerk is not None and kenmerk != oud_kenmerk:
        gesprek.agenda_volgnummer += 1  # moved: every calendar that holds it is updated
    bereikt = {o for o, status, _k, _v in rijen if status == Mailstatus.VERSTUURD}
    actueel = {
        o
        for o, status, k, v in rijen
        if k == kenmerk and v == gesprek.agenda_volgnummer and status != Mailstatus.MISLUKT
    }
    nieuw = [
        Uitgaandemail(
            afstemming=gesprek,
            soort=Mailsoort.WIJZIGING if d.gebruiker_id in bereikt else Mailsoort.UITNODIGING,
            ontvanger=d.gebruiker,
            adres=d.gebruiker.email,
            kenmerk=kenmerk,
            volgnummer=gesprek.agenda_volgnummer,
        )
        for d in sorted(bestaande.values(), key=lambda d: d.gebruiker_id)
        if d.gebruiker_id != door.pk
        and d.gebruiker_id not in actueel
        and d.gebruiker.is_active
        and d.gebruiker.email
    ]
    Uitgaandemail.objects.bulk_create(nieuw)
    eerste_keer = gesprek.status == Afstemmingsstatus.GEVRAAGD
    gesprek.status = Afstemmingsstatus.GEPLAND
    gesprek.gepland_door = door
    gesprek.versie += 1
    gesprek.save()
    wijzigingen = verschil(voor, {"datum": datum, "duur_minuten": duur_minuten, "plaats": gesprek.plaats})
    wijzigingen |= {"deelnemers": sorted(bestaande), "mails": len(nieuw)}
    log_actie(
        door=door,
        actie="overleg.afstemming.gepland" if eerste_keer else "overleg.afstemming.gewijzigd",
        obj=gesprek,
        wijzigingen=wijzigingen,
    )
    melden(
        soort=Meldingsoort.AFSTEMMING_BIJGEWERKT,
        ontvangers=[gesprek.gevraagd_door] if gesprek.gevraagd_door_id != door.pk else [],
        titel=f"Afstemmingsgesprek {gesprek.school.naam}: gepland",
        url=_url(gesprek),
    )
    outbox.aanporren()
    return len(nieuw)


@transaction.atomic
def afstemming_afsluiten(*, door: Gebruiker, gesprek: Afstemmingsgesprek, versie: int, uitkomst: str) -> int:
    """Held (after its hour) or cancelled (a cancellation for every calendar it reached). Returns the
    number of mails queued."""
    gesprek = _vergrendeld(gesprek, versie)
    if not open_voor_planning(gesprek):
        raise OverlegFout("Dit afstemmingsgesprek is al afgesloten.")
    aantal = 0
    if uitkomst == Afstemmingsstatus.GEHOUDEN:
        if gesprek.status != Afstemmingsstatus.GEPLAND or gesprek.datum > timezone.now():
            raise OverlegFout("Een gesprek markeer je als gehouden na het geplande moment.")
    elif uitkomst == Afstemmingsstatus.GEANNULEERD:
        if gesprek.status == Afstemmingsstatus.GEPLAND:
            bereikt = set(
                _agendarijen(gesprek)
                .filter(status=Mailstatus.VERSTUURD)
                .values_list("ontvanger_id", flat=True)
            )
            kenmerk = outbox.agendakenmerk(gesprek)
            gesprek.agenda_volgnummer += 1
            rijen = [
                Uitgaandemail(
                    afstemming=gesprek,
                    soort=Mailsoort.ANNULERING,
                    ontvanger=g,
                    adres=g.email,
                    kenmerk=kenmerk,
                    volgnummer=gesprek.agenda_volgnummer,
                )
                for g in Gebruiker.objects.filter(pk__in=bereikt, is_active=True).order_by("pk")
            ]
            Uitgaandemail.objects.bulk_create(rijen)
            aantal = len(rijen)
    else:
        raise OverlegFout("Kies gehouden of geannuleerd.")
    gesprek.status = uitkomst
    gesprek.afgesloten_op = timezone.now()
    gesprek.versie += 1
    gesprek.save()
    log_actie(door=door, actie=f"overleg.afstemming.{uitkomst}", obj=gesprek, wijzigingen={"mails": aantal})
    melden(
        soort=Meldingsoort.AFSTEMMING_BIJGEWERKT,
        ontvangers=[gesprek.gevraagd_door] if gesprek.gevraagd_door_id != door.pk else [],
        titel=f"Afstemmingsgesprek {gesprek.school.naam}: {Afstemmingsstatus(uitkomst).label.lower()}",
        url=_url(gesprek),
    )
    if aantal:
        outbox.aanporren()
    return aantal
