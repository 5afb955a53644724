"""Small import files with one kind of fault each, and what the user is told about it.

The figures files name school 123456 (served by the world's own LSC) and school 999999 (unknown).
Both the command tests and the browser tests read these, so the two say the same thing.
"""

import zipfile
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
        "‘middelbaar’ is onbekend; kies uit kleuter, lager, basis (ook ‘kleuter en lager’), secundair",
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


_PAKKET = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Cijfers" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        "</Relationships>"
    ),
}
CIJFERKOP = (
    "instellingsnummer",
    "schooljaar",
    "leerlingen",
    "gc_verslagen",
    "iac_verslagen",
    "ov4_verslagen",
)
BLOK = 100_000


def _rij(regel: int, waarden) -> bytes:
    cellen = "".join(
        f'<c r="{kolom}{regel}" t="inlineStr"><is><t>{waarde}</t></is></c>'
        for kolom, waarde in zip("ABCDEF", waarden, strict=False)
    )
    return f'<row r="{regel}">{cellen}</row>'.encode()


def rekenblad_met_lege_rijen(pad: Path, *, lege_rijen: int, vorm: str = "rijen") -> Path:
    """An XLSX written by hand, as a zip of XML: the figures header, one school's figures on line 2, then
    `lege_rijen` empty rows in one of the forms a program (or an attacker) writes them:

    - "rijen": an element `<row/>` per empty row; they pack so well that 32 million fit in 281 KB;
    - "gat": no elements at all, the next row is simply numbered 2 + `lege_rijen` + 1 (with figures);
    - "breed": rows of one empty cell in Excel's last column, XFD, so every row is 16,384 cells wide;
    - "kolommen": not rows but one row of `lege_rijen` empty cells (more than Excel itself allows).

    The sheet claims the whole grid in its <dimension>, as such files do. Written in blocks, so that a
    file of millions of rows costs little memory to make.
    """
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archief:
        for naam, tekst in _PAKKET.items():
            archief.writestr(naam, tekst)
        with archief.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as blad:
            blad.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<dimension ref="A1:XFD1048576"/><sheetData>'
            )
            blad.write(_rij(1, CIJFERKOP))
            blad.write(_rij(2, (BEKENDE_SCHOOL, "2024-2025", 250, 5, 1, 0)))
            if vorm == "rijen":
                for begin in range(0, lege_rijen, BLOK):
                    blad.write(b"<row/>" * min(BLOK, lege_rijen - begin))
            elif vorm == "breed":
                for regel in range(3, 3 + lege_rijen):
                    blad.write(f'<row r="{regel}"><c r="XFD{regel}"/></row>'.encode())
            elif vorm == "kolommen":
                blad.write(b'<row r="3">' + b"<c/>" * lege_rijen + b"</row>")
            else:
                assert vorm == "gat", vorm
                blad.write(_rij(3 + lege_rijen, (BEKENDE_SCHOOL, "2023-2024", 240, 4, 1, 0)))
            blad.write(b"</sheetData></worksheet>")
    return pad
