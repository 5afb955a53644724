"""Small import files with one kind of fault each, and what the user is told about it.

The figures files name school 123456 (served by the world's own LSC) and school 999999 (unknown).
Both the command tests and the browser tests read these, so the two say the same thing.
"""

from dataclasses import dataclass
from pathlib import Path

MAP = Path(__file__).parent
BEKENDE_SCHOOL = "123456"


@dataclass(frozen=True)
class Foutgeval:
    bestand: str
    soort: str
    regel: int | None  # None: the file as a whole is refused
    kolom: str | None
    reden: str

    @property
    def pad(self) -> Path:
        return MAP / self.bestand

    @property
    def commandoregel(self) -> str:
        return f"regel {self.regel}, kolom {self.kolom}: {self.reden}"

    def __str__(self) -> str:
        return self.bestand


FOUTGEVALLEN = [
    Foutgeval(
        "cijfers_onbekende_school.csv",
        "cijfers",
        3,
        "instellingsnummer",
        "onbekende school: er is geen school met instellingsnummer 999999 (importeer eerst de school)",
    ),
    Foutgeval(
        "cijfers_fout_schooljaar.csv",
        "cijfers",
        3,
        "schooljaar",
        "schooljaar '2024-2026': het tweede jaar moet het eerste plus één zijn",
    ),
    Foutgeval("cijfers_negatief.csv", "cijfers", 2, "leerlingen", "-5 is negatief; een aantal is 0 of meer"),
    Foutgeval("cijfers_geen_getal.csv", "cijfers", 2, "gc_verslagen", "‘veel’ is geen geheel getal"),
    Foutgeval(
        "cijfers_meer_verslagen_dan_leerlingen.csv",
        "cijfers",
        2,
        "gc_verslagen",
        "300 verslagen is meer dan het aantal leerlingen (250)",
    ),
    Foutgeval(
        "cijfers_dubbel.csv",
        "cijfers",
        4,
        "instellingsnummer",
        "instellingsnummer 123456 met schooljaar 2024-2025 staat ook op regel 2",
    ),
    Foutgeval(
        "cijfers_foute_kopregel.csv",
        "cijfers",
        None,
        None,
        "Regel 1: de kopregel mist de kolommen instellingsnummer, schooljaar. Verwacht: "
        "instellingsnummer;schooljaar;leerlingen;gc_verslagen;iac_verslagen;ov4_verslagen",
    ),
    Foutgeval("cijfers_leeg.csv", "cijfers", None, None, "Het bestand is leeg."),
    Foutgeval(
        "cijfers_enkel_kopregel.csv",
        "cijfers",
        None,
        None,
        "Het bestand heeft enkel een kopregel en geen gegevens.",
    ),
    Foutgeval(
        "scholen_fout_niveau.csv",
        "scholen",
        3,
        "niveau",
        "‘middelbaar’ is onbekend; kies uit kleuter, lager, basis, secundair",
    ),
    Foutgeval(
        "scholen_dubbel.csv",
        "scholen",
        4,
        "instellingsnummer",
        "instellingsnummer 223344 staat ook op regel 2",
    ),
    Foutgeval(
        "scholen_geen_utf8.csv",
        "scholen",
        None,
        None,
        "Het bestand is geen UTF-8-tekst (regel 2 bevat een teken dat niet te lezen is",
    ),
]


def groot_bestand(map_: Path, *, megabytes: int = 20) -> Path:
    """A valid-looking figures file of about `megabytes` MB, made on the spot rather than kept in git."""
    pad = map_ / "groot.csv"
    regel = f"{BEKENDE_SCHOOL};2024-2025;250;5;1;0\n".encode()
    with pad.open("wb") as uit:
        uit.write(b"instellingsnummer;schooljaar;leerlingen;gc_verslagen;iac_verslagen;ov4_verslagen\n")
        uit.write(regel * (megabytes * 1024 * 1024 // len(regel) + 1))
    return pad
