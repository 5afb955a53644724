"""Writes for the distribution of the frames: save the envelope and its key, publish a version, move hours
between schools. Validated, logged, atomic."""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q

from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.queries import envelop_van, school_ids_per_nummer, uren_uit_personeel, versies_van
from capaciteit.rekenen.verdeling import VerdelingFout
from capaciteit.services.publicatie import (
    Publicatie,
    kader_velden,
    publicatie,
    sleutel_van_publicatie,
    verdeling_berekenen,
)
from netwerk.audit import log_actie, verschil
from netwerk.gelijktijdig import Verouderd, stand_van
from netwerk.models import Gebruiker

# The envelope's settings as the coordinator edits them: what a preview, and so a publication, rests on.
ENVELOP_VELDEN = (
    "uren",
    "uren_per_voltijdse",
    "gewicht_leerlingen",
    "venster_jaren",
    "verslagsoorten",
    "referentiejaar",
    "eenheid",
    "schoolweken",
)


def _standaarden() -> dict:
    """What a new envelope starts from, before the coordinator sets it (a fresh list each time)."""
    return {"uren": 0, "verslagsoorten": ["gc"]}


def nieuwe_envelop(*, lsc_id: int, schooljaar: int) -> Envelop:
    """An envelope not saved yet: the form shows its defaults, `envelop_bewaren` makes it."""
    return Envelop(lsc_id=lsc_id, schooljaar=schooljaar, **_standaarden())


def envelop_of_nieuw(*, lsc_id: int, schooljaar: int) -> Envelop:
    """The year's envelope, or a new one not saved yet: only `envelop_bewaren` makes it, a read writes
    nothing."""
    return envelop_van(lsc_id, schooljaar) or nieuwe_envelop(lsc_id=lsc_id, schooljaar=schooljaar)


def envelop_en_versies(*, lsc_id: int, schooljaar: int) -> tuple[Envelop, list[Verdeling]]:
    """The envelope and its published versions, newest first: one query once a version exists (the versions
    bring their envelope along), else the envelope on its own (or a new one, not saved)."""
    versies = versies_van(lsc_id=lsc_id, schooljaar=schooljaar)
    if not versies:
        return envelop_of_nieuw(lsc_id=lsc_id, schooljaar=schooljaar), []
    return versies[0].envelop, versies


def envelop_stand(envelop: Envelop) -> str:
    return stand_van(envelop, ENVELOP_VELDEN)


def _hoogste_versie(envelop: Envelop) -> int:
    return envelop.verdelingen.aggregate(hoogste=Max("versie"))["hoogste"] or 0


def publicatiestand(envelop: Envelop, hoogste_versie: int) -> str:
    """What a publication rests on: the settings of the preview and the version it would follow."""
    return stand_van(envelop, ENVELOP_VELDEN, hoogste_versie)


@transaction.atomic
def envelop_bewaren(
    *, door: Gebruiker, envelop: Envelop, gegevens: dict, stand: str | None = None, afleiden: bool = False
) -> Envelop:
    """Saves the envelope and its key; an envelope not saved yet (`nieuwe_envelop`) is made here. `stand` is
    what the editor saw: over another's change it is refused, also over an envelope another just made.
    With `afleiden` the envelope's hours come from the staff: their assignments × the hours per full-time
    assignment (`queries.uren_uit_personeel`, by the values on `envelop` as the editor set them), 0 when the
    envelope sets no hours per full-time assignment."""
    if afleiden:
        gegevens = {**gegevens, "uren": uren_uit_personeel(envelop) or 0}
    nieuw = envelop.pk is None
    if nieuw:
        envelop, nieuw = Envelop.objects.get_or_create(
            lsc_id=envelop.lsc_id, schooljaar=envelop.schooljaar, defaults=_standaarden()
        )
    huidig = Envelop.objects.select_for_update().get(pk=envelop.pk)
    if stand and envelop_stand(huidig) != stand:
        raise Verouderd(
            "Iemand anders heeft de envelop of de verdeelsleutel intussen gewijzigd. "
            "Je wijzigingen zijn niet bewaard.",
            verborgen={"stand": envelop_stand(huidig)},
            huidig=huidig,
        )
    voor = {veld: getattr(huidig, veld) for veld in gegevens}
    for veld, waarde in gegevens.items():
        setattr(huidig, veld, waarde)
    huidig.full_clean()
    huidig.save()
    if nieuw:
        log_actie(
            door=door, actie="capaciteit.envelop.aangemaakt", obj=huidig, wijzigingen=verschil({}, gegevens)
        )
    elif wijzigingen := verschil(voor, gegevens):
        log_actie(door=door, actie="capaciteit.envelop.bijgewerkt", obj=huidig, wijzigingen=wijzigingen)
    return huidig


@transaction.atomic
def verdeling_publiceren(
    *,
    door: Gebruiker,
    envelop: Envelop,
    stand: str | None = None,
    gezien: int | None = None,
    vervallen: Collection[int] = (),
    uitkomst: str | None = None,
) -> Verdeling:
    """A new version, computed afresh, with the moves of the published version carried onto it where they
    still fit, except those in `vervallen` (ids); earlier versions stay as they were published.

    What the coordinator saw is checked: `stand` (`publicatiestand`: the settings and the version it
    follows), `gezien` (the newest move of that version) and `uitkomst` (`Publicatie.uitkomst`: every frame
    and what becomes of every move). A publication over anything else is refused, and so is one that
    would publish the same frames and moves again.
    """
    envelop = Envelop.objects.select_for_update().get(pk=envelop.pk)
    hoogste = _hoogste_versie(envelop)
    if stand and publicatiestand(envelop, hoogste) != stand:
        raise ValidationError(
            "Iemand anders heeft intussen de envelop gewijzigd of een versie gepubliceerd: er is niets "
            "gepubliceerd. Bekijk het nieuwe voorstel en publiceer opnieuw als het klopt."
        )
    vorige = envelop.verdelingen.get(versie=hoogste) if hoogste else None
    # The published frames locked in a fixed order, as a move locks its two: a move started meanwhile is
    # either in `herverdelingen` below, or waits and then finds the new version (uren_verschuiven).
    kaders = (
        list(
            Tijdskader.objects.select_for_update(of=("self",))
            .filter(verdeling=vorige)
            .select_related("school")
            .order_by("pk")
        )
        if vorige
        else []
    )
    herverdelingen = list(vorige.herverdelingen.order_by("pk")) if vorige else []
    if gezien is not None and any(h.pk > gezien for h in herverdelingen):
        raise ValidationError(
            f"Iemand anders heeft intussen uren verschoven in versie {hoogste}: er is niets gepubliceerd. "
            "Bekijk de verschuivingen en kies opnieuw wat je overneemt."
        )
    if set(vervallen) - {h.pk for h in herverdelingen}:
        raise ValidationError(
            f"Een verschuiving die je liet vervallen, hoort niet bij versie {hoogste}: "
            "er is niets gepubliceerd."
        )
    try:
        aandelen = verdeling_berekenen(envelop)
    except VerdelingFout as fout:
        raise ValidationError(str(fout)) from fout
    nieuw = publicatie(
        envelop=envelop,
        aandelen=aandelen,
        vorige=vorige,
        kaders=kaders,
        herverdelingen=herverdelingen,
        vervallen=vervallen,
    )
    if uitkomst and nieuw.uitkomst != uitkomst:
        raise ValidationError(
            "Wat publiceren doet, is veranderd sinds je het bekeek (je keuzes, of de cijfers van een "
            "school): er is niets gepubliceerd. Bekijk hieronder wat er nu gebeurt en bevestig opnieuw."
        )
    if nieuw.ongewijzigd:
        raise ValidationError(
            f"Er is niets veranderd sinds versie {hoogste}: dezelfde tijdskaders en dezelfde "
            "verschuivingen. Er is niets gepubliceerd."
        )
    verdeling = _versie_maken(door=door, envelop=envelop, nieuw=nieuw, vorige_kaders=kaders)
    log_actie(
        door=door,
        actie="capaciteit.verdeling.gepubliceerd",
        obj=verdeling,
        wijzigingen={
            "versie": [hoogste or None, verdeling.versie],
            "verschuivingen": [len(herverdelingen), len(nieuw.overgenomen)],
        },
    )
    for lot in nieuw.verloren:
        log_actie(
            door=door,
            actie="capaciteit.herverdeling.vervallen",
            obj=lot.herverdeling,
            wijzigingen={"versie": [hoogste, verdeling.versie], "lot": [None, str(lot.lot)]},
        )
    return verdeling


def _versie_maken(
    *, door: Gebruiker, envelop: Envelop, nieuw: Publicatie, vorige_kaders: list[Tijdskader]
) -> Verdeling:
    """The version's rows: its frames with their hours now, and a row per carried move that points to the
    move it carries and keeps its date, author and reason. Computed, not typed: the database's constraints
    and its sum trigger (migration 0002) check them at commit."""
    verdeling = Verdeling.objects.create(
        envelop=envelop,
        versie=nieuw.versie,
        uren=envelop.uren,
        gepubliceerd_door=door,
        sleutel=sleutel_van_publicatie(envelop),
    )
    school_ids = school_ids_per_nummer(envelop)
    kaders = Tijdskader.objects.bulk_create(
        Tijdskader(
            verdeling=verdeling,
            school_id=school_ids[a.instellingsnummer],
            uren=nieuw.uren[a.instellingsnummer],
            **kader_velden(a),
        )
        for a in nieuw.aandelen
    )
    kader_per_school = {k.school_id: k for k in kaders}
    oud_per_kader = {k.pk: k.school_id for k in vorige_kaders}
    overgenomen = Herverdeling.objects.bulk_create(
        Herverdeling(
            verdeling=verdeling,
            van=kader_per_school[oud_per_kader[lot.herverdeling.van_id]],
            naar=kader_per_school[oud_per_kader[lot.herverdeling.naar_id]],
            uren=lot.herverdeling.uren,
            reden=lot.herverdeling.reden,
            door_id=lot.herverdeling.door_id,
            wanneer=lot.herverdeling.wanneer,
            overgenomen_van=lot.herverdeling,
        )
        for lot in nieuw.overgenomen
    )
    for rij in overgenomen:
        log_actie(
            door=door,
            actie="capaciteit.herverdeling.overgenomen",
            obj=rij,
            wijzigingen={"overgenomen_van": [None, rij.overgenomen_van_id], "uren": [None, rij.uren]},
        )
    return verdeling


def laatste_herverdeling(verdeling: Verdeling) -> int:
    """The newest move in this version (0: none yet): a form to move hours carries the one its user saw."""
    return verdeling.herverdelingen.aggregate(hoogste=Max("pk"))["hoogste"] or 0


def herverdeling_stand(verdeling: Verdeling) -> dict:
    return {"verdeling": verdeling.pk, "gezien": laatste_herverdeling(verdeling)}


@transaction.atomic
def uren_verschuiven(
    *,
    door: Gebruiker,
    verdeling: Verdeling,
    van_school_id: int,
    naar_school_id: int,
    uren: int,
    reden: str,
    gezien: int | None = None,
) -> Herverdeling:
    """Moves hours between two schools of the latest published version; the total never changes.

    `verdeling` and `gezien` (the newest move) are what the coordinator saw: a move decided on hours that
    changed since (a newer version, or a move from or to one of the two schools) is refused.
    """
    if van_school_id == naar_school_id:
        raise ValidationError("Kies twee verschillende scholen.")
    if uren < 1:
        raise ValidationError("Verschuif minstens één uur.")
    if not reden.strip():
        raise ValidationError("Zeg waarom de uren verschuiven: elke wijziging is na te gaan.")
    # Both rows locked in a fixed order, so two coordinators moving at once wait instead of deadlocking.
    kaders = {
        k.school_id: k
        for k in Tijdskader.objects.select_for_update()
        .select_related("school")
        .filter(verdeling=verdeling, school_id__in=[van_school_id, naar_school_id])
        .order_by("pk")
    }
    # Only under the lock: a publication holds this version's frames while it carries their moves, so a
    # move that waited for it finds the new version here instead of landing, unseen, in the old one.
    nieuwere = verdeling.envelop.verdelingen.filter(versie__gt=verdeling.versie).order_by("-versie").first()
    if nieuwere is not None:
        raise Verouderd(
            "Er is intussen een nieuwere verdeling gepubliceerd: verschuif in die versie.",
            verborgen=herverdeling_stand(nieuwere),
        )
    if len(kaders) != 2:
        raise ValidationError("Beide scholen moeten in deze verdeling zitten.")
    van, naar = kaders[van_school_id], kaders[naar_school_id]
    beide = (van, naar)
    sindsdien = verdeling.herverdelingen.filter(pk__gt=gezien or 0)
    if gezien is not None and sindsdien.filter(Q(van__in=beide) | Q(naar__in=beide)).exists():
        raise Verouderd(
            f"Iemand anders heeft intussen uren verschoven van of naar deze scholen: {van.school.naam} heeft "
            f"nu {van.uren} uur, {naar.school.naam} {naar.uren} uur. Er is niets verschoven.",
            verborgen=herverdeling_stand(verdeling),
        )
    if van.uren < uren:
        raise ValidationError(f"{van.school.naam} heeft nog {van.uren} uur; je kan er niet {uren} wegnemen.")
    Tijdskader.objects.filter(pk=van.pk).update(uren=F("uren") - uren)
    Tijdskader.objects.filter(pk=naar.pk).update(uren=F("uren") + uren)
    herverdeling = Herverdeling.objects.create(
        verdeling=verdeling, van=van, naar=naar, uren=uren, reden=reden.strip(), door=door
    )
    log_actie(
        door=door,
        actie="capaciteit.uren.verschoven",
        obj=herverdeling,
        wijzigingen={
            van.school.naam: [van.uren, van.uren - uren],
            naar.school.naam: [naar.uren, naar.uren + uren],
        },
    )
    return herverdeling
