"""What publishing a new version would do beside the published one: its frames, what becomes of each move of
hours in the published version (carried, let go, or not possible and why), and whether anything changes.

It works on rows already read, without a query of its own beyond the key's inputs: the planning page and
the publication page (which read them anyway) and the publication itself (which reads them under lock)
compute the same thing from the same rows. The arithmetic is `rekenen.verdeling` (`verdeel`,
`overnemen`); this module adds the schools' names and the Dutch words, and the rows the pages show of it.
"""

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.queries import invoer_voor
from capaciteit.rekenen.verdeling import (
    Aandeel,
    Lot,
    Overname,
    Sleutel,
    VerdelingFout,
    Verschuiving,
    overnemen,
    verdeel,
)
from netwerk.opmaak import afgerond

# What a frame stores of the computation; with `uren` (its hours now) that is the whole frame.
KADERVELDEN = ("leerlingen", "gemiddelde_verslagen", "gewicht", "quotum", "basis", "extra", "berekende_uren")


def sleutel_van(envelop: Envelop) -> Sleutel:
    return Sleutel(
        gewicht_leerlingen=Fraction(envelop.gewicht_leerlingen, 100),
        gewicht_verslagen=Fraction(envelop.gewicht_verslagen, 100),
        eenheid=envelop.eenheid,
    )


def verdeling_berekenen(envelop: Envelop) -> list[Aandeel]:
    """The distribution as it would be published now; VerdelingFout (a Dutch message) when it can't."""
    return verdeel(uren=envelop.uren, scholen=invoer_voor(envelop), sleutel=sleutel_van(envelop))


def kader_velden(aandeel: Aandeel) -> dict:
    """A school's share as its frame stores it (rounded half up, as the columns hold it), without its hours
    now."""
    return {
        "leerlingen": aandeel.leerlingen,
        "gemiddelde_verslagen": afgerond(aandeel.gemiddelde_verslagen, 4),
        "gewicht": afgerond(aandeel.gewicht, 10),
        "quotum": afgerond(aandeel.quotum, 4),
        "basis": aandeel.basis,
        "extra": aandeel.extra,
        "berekende_uren": aandeel.uren,
    }


def sleutel_van_publicatie(envelop: Envelop) -> dict:
    """The key as a version keeps it, beside its frames."""
    return {
        "gewicht_leerlingen": envelop.gewicht_leerlingen,
        "venster_jaren": envelop.venster_jaren,
        "verslagsoorten": envelop.verslagsoorten or ["gc"],
        "referentiejaar": envelop.referentie,
        "eenheid": envelop.eenheid,
    }


@dataclass(frozen=True)
class Verschuivingslot:
    """One move of the published version and what the new version does with it."""

    herverdeling: Herverdeling
    overname: Overname
    melding: str

    @property
    def lot(self) -> Lot:
        return self.overname.lot

    @property
    def overgenomen(self) -> bool:
        return self.lot == Lot.OVERGENOMEN

    @property
    def gekozen_vervallen(self) -> bool:
        return self.lot == Lot.VERVALLEN


@dataclass(frozen=True)
class Publicatie:
    """A new version as it would be published now, beside the published one (`vorige`, None for the first)."""

    versie: int
    vorige: Verdeling | None
    aandelen: list[Aandeel]
    uren: dict[str, int]  # per instellingsnummer: the hours in the new version, the carried moves included
    loten: list[Verschuivingslot]
    ongewijzigd: bool  # the same frames and the same moves as the published version: nothing to publish

    @property
    def overgenomen(self) -> list[Verschuivingslot]:
        return [lot for lot in self.loten if lot.overgenomen]

    @property
    def verloren(self) -> list[Verschuivingslot]:
        """The moves the new version does not have: let go by choice, or not possible."""
        return [lot for lot in self.loten if not lot.overgenomen]

    @property
    def vervallen(self) -> list[Verschuivingslot]:
        return [lot for lot in self.loten if lot.gekozen_vervallen]

    @property
    def niet_mogelijk(self) -> list[Verschuivingslot]:
        return [lot for lot in self.loten if not lot.overgenomen and not lot.gekozen_vervallen]

    @property
    def uitkomst(self) -> str:
        """A fingerprint of what this publication does: what the coordinator confirms is what is published."""
        delen = [str(self.versie), str(self.vorige.pk if self.vorige else 0)]
        delen += [f"{a.instellingsnummer}:{a.uren}:{self.uren[a.instellingsnummer]}" for a in self.aandelen]
        delen += [f"{lot.herverdeling.pk}:{lot.lot}" for lot in self.loten]
        return hashlib.sha256("\x1f".join(delen).encode()).hexdigest()[:20]

    def samenvatting(self) -> str:
        """'3 verschuivingen: 2 overnemen, 1 laten vervallen' in words, with what is not possible."""
        if not self.loten:
            return ""
        delen = [
            ngettext("%(aantal)s wordt overgenomen", "%(aantal)s worden overgenomen", len(self.overgenomen))
            % {"aantal": len(self.overgenomen)}
        ]
        if self.vervallen:
            delen.append(
                ngettext("%(aantal)s laat je vervallen", "%(aantal)s laat je vervallen", len(self.vervallen))
                % {"aantal": len(self.vervallen)}
            )
        if self.niet_mogelijk:
            delen.append(
                ngettext(
                    "%(aantal)s kan niet overgenomen worden",
                    "%(aantal)s kunnen niet overgenomen worden",
                    len(self.niet_mogelijk),
                )
                % {"aantal": len(self.niet_mogelijk)}
            )
        kop = ngettext(
            "%(aantal)s verschuiving sinds versie %(versie)s",
            "%(aantal)s verschuivingen sinds versie %(versie)s",
            len(self.loten),
        ) % {"aantal": len(self.loten), "versie": self.vorige.versie}
        return f"{kop}: {', '.join(delen)}."


def publicatie(
    *,
    envelop: Envelop,
    aandelen: list[Aandeel],
    vorige: Verdeling | None,
    kaders: Sequence[Tijdskader],
    herverdelingen: Sequence[Herverdeling],
    vervallen: Collection[int] = (),
) -> Publicatie:
    """The new version from the computed `aandelen` and the published version `vorige` with its frames (their
    school read along) and its moves, oldest first; the moves in `vervallen` (ids) are let go."""
    versie = (vorige.versie if vorige else 0) + 1
    nummer = {k.pk: k.school.instellingsnummer for k in kaders}
    naam = {k.pk: k.school.naam for k in kaders}
    berekend = {a.instellingsnummer: a.uren for a in aandelen}
    uren, overnames = overnemen(
        uren=berekend,
        verschuivingen=[
            Verschuiving(nummer[h.van_id], nummer[h.naar_id], h.uren, h.pk not in vervallen)
            for h in herverdelingen
        ],
    )
    loten = []
    for h, overname in zip(herverdelingen, overnames, strict=True):
        melding = _melding(
            overname,
            versie=versie,
            van=naam[h.van_id],
            naar=naam[h.naar_id],
            berekend=berekend.get(nummer[h.van_id]),
        )
        loten.append(Verschuivingslot(h, overname, melding))
    ongewijzigd = (
        vorige is not None
        and all(lot.overgenomen for lot in loten)
        and vorige.uren == envelop.uren
        and vorige.sleutel == sleutel_van_publicatie(envelop)
        and {k.school.instellingsnummer: _opgeslagen(k) for k in kaders}
        == {a.instellingsnummer: {**kader_velden(a), "uren": uren[a.instellingsnummer]} for a in aandelen}
    )
    return Publicatie(versie, vorige, aandelen, uren, loten, ongewijzigd)


def _opgeslagen(kader: Tijdskader) -> dict:
    return {**{veld: getattr(kader, veld) for veld in KADERVELDEN}, "uren": kader.uren}


def _melding(overname: Overname, *, versie: int, van: str, naar: str, berekend: int | None) -> str:
    v = overname.verschuiving
    if overname.lot == Lot.OVERGENOMEN:
        return _("Wordt overgenomen in versie %(versie)s.") % {"versie": versie}
    if overname.lot == Lot.VERVALLEN:
        return _("Vervalt: je neemt deze verschuiving niet over in versie %(versie)s.") % {"versie": versie}
    if overname.lot in (Lot.GEVER_WEG, Lot.ONTVANGER_WEG):
        school = van if overname.lot == Lot.GEVER_WEG else naar
        return _(
            "Kan niet overgenomen worden: %(school)s zit niet in versie %(versie)s "
            "(het leersteuncentrum bedient de school niet meer)."
        ) % {"school": school, "versie": versie}
    if overname.beschikbaar == berekend:
        return _(
            "Kan niet overgenomen worden: %(school)s heeft in versie %(versie)s maar %(beschikbaar)s uur, "
            "de verschuiving neemt er %(uren)s weg."
        ) % {"school": van, "versie": versie, "beschikbaar": overname.beschikbaar, "uren": v.uren}
    return _(
        "Kan niet overgenomen worden: %(school)s heeft in versie %(versie)s, na de verschuivingen ervoor, "
        "maar %(beschikbaar)s uur, de verschuiving neemt er %(uren)s weg."
    ) % {"school": van, "versie": versie, "beschikbaar": overname.beschikbaar, "uren": v.uren}


def publicatie_nu(
    envelop: Envelop,
    laatste: Verdeling | None,
    kaders: list[Tijdskader],
    herverdelingen: list[Herverdeling],
    vervallen: Collection[int] = frozenset(),
) -> tuple[Publicatie | None, str | None]:
    """What publishing now would do (`herverdelingen`: the moves of `laatste`, oldest first), or the key's
    Dutch message when it cannot distribute the envelope."""
    try:
        aandelen = verdeling_berekenen(envelop)
    except VerdelingFout as fout:
        return None, str(fout)
    return publicatie(
        envelop=envelop,
        aandelen=aandelen,
        vorige=laatste,
        kaders=kaders,
        herverdelingen=herverdelingen,
        vervallen=vervallen,
    ), None


# ------------------------------------------------------------------------------- what the pages show of it


@dataclass(frozen=True)
class Voorbeeldrij:
    """A school in the preview of the new version."""

    instellingsnummer: str
    naam: str
    leerlingen: int
    gemiddelde_verslagen: Decimal
    gewicht: Decimal
    berekend: int  # by the key
    uren: int  # in the new version: computed, with the carried moves
    vorige: int | None

    @property
    def verschoven(self) -> int:
        return self.uren - self.berekend

    @property
    def verschoven_afstand(self) -> int:
        return abs(self.verschoven)

    @property
    def verschil(self) -> int | None:
        return None if self.vorige is None else self.uren - self.vorige

    @property
    def afstand(self) -> int:
        return abs(self.verschil or 0)


def voorbeeld(voorstel: Publicatie | None, huidige: dict[str, int] | None) -> list[Voorbeeldrij]:
    """The new version's rows beside the published hours (`huidige`, per instellingsnummer; None: no
    version yet), with the figures rounded as the page shows them."""
    if voorstel is None:
        return []
    return [
        Voorbeeldrij(
            instellingsnummer=a.instellingsnummer,
            naam=a.naam,
            leerlingen=a.leerlingen,
            gemiddelde_verslagen=afgerond(a.gemiddelde_verslagen, 2),
            gewicht=afgerond(a.gewicht * 100, 2),
            berekend=a.uren,
            uren=voorstel.uren[a.instellingsnummer],
            vorige=None if huidige is None else huidige.get(a.instellingsnummer, 0),
        )
        for a in voorstel.aandelen
    ]


@dataclass(frozen=True)
class Schoolverschil:
    """A school whose hours in the new version differ from those in the published one."""

    naam: str
    nu: int | None  # None: the school has no frame in the published version
    berekend: int | None  # None: nor in the new one (the LSC no longer serves it)
    uren: int

    @property
    def verschoven(self) -> int:
        return self.uren - (self.berekend or 0)

    @property
    def verschoven_afstand(self) -> int:
        return abs(self.verschoven)

    @property
    def verschil(self) -> int:
        return self.uren - (self.nu or 0)

    @property
    def afstand(self) -> int:
        return abs(self.verschil)


def scholen_die_veranderen(voorstel: Publicatie | None, kaders: list[Tijdskader]) -> list[Schoolverschil]:
    """The schools whose hours differ from the published version's, the largest differences first."""
    if voorstel is None:
        return []
    nu = {k.school.instellingsnummer: k.uren for k in kaders}
    rijen = [
        Schoolverschil(a.naam, nu.get(a.instellingsnummer), a.uren, voorstel.uren[a.instellingsnummer])
        for a in voorstel.aandelen
        if voorstel.uren[a.instellingsnummer] != nu.get(a.instellingsnummer)
    ]
    rijen += [
        Schoolverschil(k.school.naam, k.uren, None, 0)
        for k in kaders
        if k.school.instellingsnummer not in voorstel.uren
    ]
    rijen.sort(key=lambda r: (-r.afstand, r.naam))
    return rijen
