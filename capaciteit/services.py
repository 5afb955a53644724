"""Writes for capacity: publish a distribution, move hours between schools. Validated, logged, atomic."""

from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.queries import invoer_voor, school_ids_per_nummer
from capaciteit.verdeling import Aandeel, Sleutel, VerdelingFout, verdeel
from netwerk.audit import log_actie
from netwerk.models import Gebruiker


def sleutel_van(envelop: Envelop) -> Sleutel:
    return Sleutel(
        gewicht_leerlingen=Fraction(envelop.gewicht_leerlingen, 100),
        gewicht_verslagen=Fraction(envelop.gewicht_verslagen, 100),
        eenheid=envelop.eenheid,
    )


def verdeling_berekenen(envelop: Envelop) -> list[Aandeel]:
    """The distribution as it would be published now; VerdelingFout (a Dutch message) when it can't."""
    return verdeel(uren=envelop.uren, scholen=invoer_voor(envelop), sleutel=sleutel_van(envelop))


def _decimaal(waarde: Fraction, plaatsen: int) -> Decimal:
    return round(Decimal(waarde.numerator) / Decimal(waarde.denominator), plaatsen)


@transaction.atomic
def verdeling_publiceren(*, door: Gebruiker, envelop: Envelop) -> Verdeling:
    """A new version, computed afresh; earlier versions stay as they were published."""
    envelop = Envelop.objects.select_for_update().get(pk=envelop.pk)
    try:
        aandelen = verdeling_berekenen(envelop)
    except VerdelingFout as fout:
        raise ValidationError(str(fout)) from fout
    versie = (envelop.verdelingen.aggregate(hoogste=Max("versie"))["hoogste"] or 0) + 1
    verdeling = Verdeling.objects.create(
        envelop=envelop,
        versie=versie,
        uren=envelop.uren,
        gepubliceerd_door=door,
        sleutel={
            "gewicht_leerlingen": envelop.gewicht_leerlingen,
            "venster_jaren": envelop.venster_jaren,
            "verslagsoorten": envelop.verslagsoorten or ["gc"],
            "referentiejaar": envelop.referentie,
            "eenheid": envelop.eenheid,
        },
    )
    school_ids = school_ids_per_nummer(envelop)
    Tijdskader.objects.bulk_create(
        Tijdskader(
            verdeling=verdeling,
            school_id=school_ids[a.instellingsnummer],
            leerlingen=a.leerlingen,
            gemiddelde_verslagen=_decimaal(a.gemiddelde_verslagen, 4),
            gewicht=_decimaal(a.gewicht, 10),
            quotum=_decimaal(a.quotum, 4),
            basis=a.basis,
            extra=a.extra,
            berekende_uren=a.uren,
            uren=a.uren,
        )
        for a in aandelen
    )
    log_actie(
        door=door, actie="verdeling gepubliceerd", obj=verdeling, wijzigingen={"versie": [None, versie]}
    )
    return verdeling


@transaction.atomic
def uren_verschuiven(
    *, door: Gebruiker, verdeling: Verdeling, van_school_id: int, naar_school_id: int, uren: int, reden: str
) -> Herverdeling:
    """Moves hours between two schools of the latest published version; the total never changes."""
    if van_school_id == naar_school_id:
        raise ValidationError("Kies twee verschillende scholen.")
    if uren < 1:
        raise ValidationError("Verschuif minstens één uur.")
    if not reden.strip():
        raise ValidationError("Zeg waarom de uren verschuiven: elke wijziging is na te gaan.")
    if verdeling.envelop.verdelingen.filter(versie__gt=verdeling.versie).exists():
        raise ValidationError("Er is intussen een nieuwere verdeling gepubliceerd: verschuif in die versie.")
    # Both rows locked in a fixed order, so two coordinators moving at once wait instead of deadlocking.
    kaders = {
        k.school_id: k
        for k in Tijdskader.objects.select_for_update()
        .select_related("school")
        .filter(verdeling=verdeling, school_id__in=[van_school_id, naar_school_id])
        .order_by("pk")
    }
    if len(kaders) != 2:
        raise ValidationError("Beide scholen moeten in deze verdeling zitten.")
    van, naar = kaders[van_school_id], kaders[naar_school_id]
    if van.uren < uren:
        raise ValidationError(f"{van.school.naam} heeft nog {van.uren} uur; je kan er niet {uren} wegnemen.")
    Tijdskader.objects.filter(pk=van.pk).update(uren=F("uren") - uren)
    Tijdskader.objects.filter(pk=naar.pk).update(uren=F("uren") + uren)
    herverdeling = Herverdeling.objects.create(
        verdeling=verdeling, van=van, naar=naar, uren=uren, reden=reden.strip(), door=door
    )
    log_actie(
        door=door,
        actie="uren verschoven",
        obj=herverdeling,
        wijzigingen={
            van.school.naam: [van.uren, van.uren - uren],
            naar.school.naam: [naar.uren, naar.uren + uren],
        },
    )
    return herverdeling
