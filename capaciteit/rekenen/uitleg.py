"""How a school's tijdskader was computed, step by step in Dutch, from the numbers its version stores.

Pure: the key a version was published with, the school's inputs (P, R, W) and the version's totals in;
the inputs as a list of (label, value) and the steps as sentences out. The arithmetic itself is
`capaciteit.rekenen.verdeling`; this module only says in words what it did.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from capaciteit.rekenen.cijfers import procent
from netwerk.kalender import als_tekst
from netwerk.opmaak import getal

SOORTNAMEN = {"gc": "GC", "iac": "IAC", "ov4": "OV4"}
UUR = 1  # the unit of one hour (Envelop.Eenheid.UUR); a half day is 4


@dataclass(frozen=True)
class Sleutelkeuze:
    """The key of a version: as published with it, else (versions from before it was kept) the envelope's."""

    gewicht_leerlingen: int  # %; the reports weigh the rest
    venster_jaren: int
    referentiejaar: int
    eenheid: int  # hours per unit
    verslagsoorten: tuple[str, ...]


def sleutelkeuze(
    opgeslagen: Mapping | None,
    *,
    gewicht_leerlingen: int,
    venster_jaren: int,
    referentiejaar: int,
    eenheid: int,
) -> Sleutelkeuze:
    sleutel = opgeslagen or {}
    return Sleutelkeuze(
        gewicht_leerlingen=int(sleutel.get("gewicht_leerlingen", gewicht_leerlingen)),
        venster_jaren=int(sleutel.get("venster_jaren", venster_jaren)),
        referentiejaar=int(sleutel.get("referentiejaar", referentiejaar)),
        eenheid=int(sleutel.get("eenheid", eenheid)),
        verslagsoorten=tuple(sleutel.get("verslagsoorten", ["gc"])),
    )


def jaren_met_cijfers(cijferjaren: Iterable[int], *, schooljaar: int, venster_jaren: int) -> int:
    """How many school years of the key's window (the `venster_jaren` before `schooljaar`) have figures."""
    return len(set(cijferjaren) & set(range(schooljaar - venster_jaren, schooljaar)))


def eenheid_tekst(eenheid: int) -> str:
    return "1 uur" if eenheid == UUR else f"een halve dag ({eenheid} uur)"


def stappen(
    *,
    lsc: str,
    schooljaar: int,
    sleutel: Sleutelkeuze,
    envelop_uren: int,
    scholen: int,
    leerlingen: int,
    som_p: int | None,
    verslagen: Decimal,
    som_r: Decimal | None,
    gewicht: Decimal,
    quotum: Decimal,
    basis: int,
    extra: int,
    berekende_uren: int,
    jaren_met_cijfers: int,
) -> tuple[list[tuple[str, str]], list[str]]:
    """The inputs (label, value) and the steps from the envelope to the school's computed frame."""
    w_p = sleutel.gewicht_leerlingen
    w_r = 100 - w_p
    venster, eenheid = sleutel.venster_jaren, sleutel.eenheid
    soorten = "/".join(SOORTNAMEN.get(s, s) for s in sleutel.verslagsoorten)
    eenheden = envelop_uren // eenheid
    som_p, som_r = som_p or 0, som_r or Decimal(0)
    w = procent(gewicht, 4)  # four decimals: 12000 × W must visibly give the quotum the next step shows
    invoer = [
        (f"Leerlingen in {als_tekst(sleutel.referentiejaar)} (P)", str(leerlingen)),
        (
            f"Gemiddeld aantal {soorten}-verslagen per schooljaar (R)",
            f"{getal(verslagen, 2)}, over {jaren_met_cijfers} "
            f"{'schooljaar' if jaren_met_cijfers == 1 else 'schooljaren'} met cijfers in het venster van "
            f"{venster} schooljaren ({als_tekst(schooljaar - venster)} tot {als_tekst(schooljaar - 1)})",
        ),
        ("Aandeel van de school (W)", f"{w} %"),
    ]
    uitleg = [
        f"De envelop van {lsc} voor {als_tekst(schooljaar)} is U = {envelop_uren} uur ondersteuning "
        f"voor de brede types, verdeeld over {scholen} scholen in eenheden van "
        f"{eenheid_tekst(eenheid)}: N = {eenheden} eenheden.",
    ]
    if som_r:
        uitleg.append(
            f"Het aandeel weegt {w_p} % leerlingen en {w_r} % verslagen: W = {w_p} % × P/ΣP + {w_r} % × R/ΣR "
            f"= {w_p} % × {leerlingen}/{som_p} + {w_r} % × {getal(verslagen, 2)}/"
            f"{getal(som_r, 2)} = {w} %."
        )
    else:
        uitleg.append(
            f"Geen enkele school had verslagen in het venster, dus telt enkel het aantal leerlingen: "
            f"W = P/ΣP = {leerlingen}/{som_p} = {w} %."
        )
    uitleg.append(f"Quotum: N × W = {eenheden} × {w} % = {getal(quotum, 4)} eenheden.")
    uitleg.append(
        f"Elke school krijgt eerst het gehele deel van haar quotum: {basis} "
        f"{'eenheid' if basis == 1 else 'eenheden'} = {basis * eenheid} uur."
    )
    if extra:
        uitleg.append(
            f"De eenheden die na die afronding overblijven, gaan één per school naar de grootste resten: "
            f"deze school kreeg er één bij (+{extra * eenheid} uur)."
        )
    else:
        uitleg.append(
            "De eenheden die na die afronding overblijven, gaan één per school naar de grootste resten: "
            "deze school kreeg er geen bij."
        )
    uitleg.append(f"Berekend tijdskader: {berekende_uren} uur. Samen precies de envelop, geen uur meer.")
    return invoer, uitleg


def in_gewone_taal(
    *,
    lsc: str,
    sleutel: Sleutelkeuze,
    envelop_uren: int,
    scholen: int,
    uren: int,
    schoolweken: int,
    per_week: str,
    zin: str,
    verschoven: bool,
) -> list[str]:
    """How the frame came about, for the school: the same key as `stappen`, without a formula."""
    soorten = "/".join(SOORTNAMEN.get(s, s) for s in sleutel.verslagsoorten)
    w_p = sleutel.gewicht_leerlingen
    zinnen = [
        f"{lsc} krijgt elk schooljaar een vaste envelop aan ondersteuningstijd voor de brede types "
        f"(basisaanbod, type 3 en type 9): dit schooljaar {envelop_uren} uur, te verdelen over de "
        f"{scholen} {'school' if scholen == 1 else 'scholen'} die het bedient.",
        f"Het deel van elke school hangt voor {w_p} % af van haar aantal leerlingen en voor {100 - w_p} % "
        f"van het gemiddelde aantal {soorten}-verslagen van de voorbije {sleutel.venster_jaren} schooljaren. "
        f"Zo krijgt een school met meer leerlingen of meer verslagen meer tijd, en telt de verdeling samen "
        f"precies de envelop: geen uur meer of minder.",
        f"Voor jullie school komt dat op {uren} uur dit schooljaar. Over {schoolweken} schoolweken is dat "
        f"{per_week}, of {zin}.",
    ]
    if verschoven:
        zinnen.append(
            "Tijdens het schooljaar kunnen uren tussen scholen verschuiven, met een reden die hieronder "
            "staat: het totaal van de envelop blijft gelijk."
        )
    zinnen.append(
        "De kleine types (2, 4, 6 en 7) vallen buiten het tijdskader: zij hebben hun eigen intensiteit "
        "per traject."
    )
    return zinnen
