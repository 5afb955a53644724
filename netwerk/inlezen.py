"""Reading a spreadsheet (CSV or XLSX) into a `Tabel` of text cells under a known header, bounded before it
starts and while it runs. It reads no database: what the rows mean is for the import that called it.

A small file can hold a great deal: an XLSX of 281 KB unpacks into 32 million rows. Its unpacked size and
its XML elements are counted before openpyxl opens it; then every row read counts, empty ones and their
cells too, and reading stops after `MAX_LEESTIJD` seconds. Whatever limit is reached, the whole file is
refused with the reason in Dutch (`Bestandsfout`): a file is never cut short and imported in part.

Why one module of this length: the limits must hold the same for both formats and at every step (the
package is measured, then its XML, then every row), so the CSV and XLSX readers share one budget object and
one set of messages here rather than passing them between modules.
"""

import csv
import datetime as dt
import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import openpyxl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl.utils.exceptions import InvalidFileException

from netwerk.opmaak import getal

_WITRUIMTE = re.compile(r"\s+")
MAX_GROOTTE = 10 * 1024 * 1024
# A small XLSX can unpack into millions of rows: the plan keeps every row, so its length is bounded too.
MAX_RIJEN = 100_000
# Empty rows are counted, not skipped unseen: a sheet of millions of them is refused, never walked through.
MAX_LEGE_RIJEN = 50_000
# Cells read, empty ones included: a row is as wide as its last cell, wherever a program put it (100,000
# rows of 30 columns).
MAX_CELLEN = 3_000_000
# Excel's own number of columns. openpyxl holds all the cells of a row at once: a longer row is refused
# before it is opened.
MAX_KOLOMMEN = 16_384
# An XLSX is a zip of XML. A real spreadsheet packs 5 to 15 times, so an upload of at most 10 MB unpacks
# to well under these; a zip bomb does not, and is refused on what its parts say they unpack to (Python's
# zipfile never unpacks more than that). One part is the sheet itself or its shared strings.
MAX_UITGEPAKT = 200 * 1024 * 1024
MAX_ONDERDEEL = 120 * 1024 * 1024
# XML elements in the whole package: openpyxl builds objects for them, and reads a sheet without a
# <dimension> from end to end just to open it. 100,000 rows of 9 columns of text are 2.7 million.
MAX_ELEMENTEN = 10_000_000
# Reading stops after this time, its file refused. 100,000 rows of 9 columns of text take about 10 s on
# one quiet core; the commands and the job share the limit (a file small enough to be read in the request,
# `KLEIN`, takes well under a second).
MAX_LEESTIJD = 60
# Up to this size a file is read in the request, above it in a job: bytes of CSV, or of unpacked XLSX
# (the size of an XLSX on disk says nothing about its rows).
KLEIN = 256 * 1024
VOORTGANG_ELKE = 1_000
# How Excel and other programs pack an XLSX; Python reads no other method (an encrypted part neither).
LEESBARE_COMPRESSIE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


class Bestandsfout(Exception):
    """The file as a whole cannot be read (size, encoding, header): no row of it is checked."""


@dataclass(frozen=True)
class Soort:
    naam: str
    kolommen: tuple[str, ...]
    verplicht: frozenset[str]

    @property
    def kopregel(self) -> str:
        return ";".join(self.kolommen)


@dataclass
class Tabel:
    kolommen: tuple[str, ...]
    rijen: list[tuple[int, dict[str, str]]]

    def naar_json(self) -> str:
        """As text: PostgreSQL's jsonb refuses the NUL a cell may hold, which the check must still see."""
        return json.dumps({"kolommen": self.kolommen, "rijen": self.rijen})

    @classmethod
    def van_json(cls, tekst: str) -> "Tabel":
        data = json.loads(tekst)
        return cls(tuple(data["kolommen"]), [(regel, cellen) for regel, cellen in data["rijen"]])


def controleer_grootte(grootte: int) -> None:
    if grootte > MAX_GROOTTE:
        raise Bestandsfout(
            _("Het bestand is %(grootte)s groot; de grens is %(grens)s. Splits het op in kleinere bestanden.")
            % {"grootte": _megabytes(grootte), "grens": _megabytes(MAX_GROOTTE)}
        )


def formaat_van(begin: bytes) -> str:
    """`xlsx` or `csv`, from the first bytes of the file: its name is the client's and proves nothing."""
    if begin.startswith(b"PK\x03\x04"):
        return "xlsx"
    if begin.startswith(b"\xd0\xcf\x11\xe0"):
        raise Bestandsfout(
            _("Dit is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als ‘CSV UTF-8’.")
        )
    return "csv"


def lees_bestand(
    pad: Path, *, soort: Soort, voortgang: Callable[[int, int | None], None] | None = None
) -> Tabel:
    """The first sheet of an XLSX, or a CSV, as a table; a `Bestandsfout` at the first limit it passes.

    `voortgang(gelezen, totaal)` hears how many lines were read out of about how many, every
    `VOORTGANG_ELKE` lines (the total is counted before reading, so it may be None or a little off)."""
    einde = _nu() + MAX_LEESTIJD
    pad = Path(pad)
    controleer_grootte(pad.stat().st_size)
    with pad.open("rb") as bestand:
        begin = bestand.read(8)
    if formaat_van(begin) == "xlsx":
        totaal = _meet_xlsx(pad, einde=einde)
        regels = _lees_xlsx(pad)
    else:
        data = pad.read_bytes()
        totaal = data.count(b"\n") + 1
        regels = _lees_csv(data)
    return _tabel(_geteld(regels, einde=einde, totaal=totaal, voortgang=voortgang), soort)


def is_klein(pad: Path) -> bool:
    """Whether the file may be read within the request: up to `KLEIN` bytes of CSV or of unpacked XLSX.
    A file that is neither is refused at its first bytes, so it is small too."""
    pad = Path(pad)
    with pad.open("rb") as bestand:
        begin = bestand.read(8)
    if not begin.startswith(b"PK\x03\x04"):
        return pad.stat().st_size <= KLEIN
    try:
        with zipfile.ZipFile(pad) as archief:
            return sum(onderdeel.file_size for onderdeel in archief.infolist()) <= KLEIN
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True


def _nu() -> float:
    """The reading's clock: one name for a test to replace."""
    return time.monotonic()


def _te_lang() -> Bestandsfout:
    return Bestandsfout(
        _(
            "Het lezen van het bestand duurde langer dan %(seconden)s seconden en is gestopt; er is niets "
            "ingelezen. Verwijder lege rijen en kolommen, of splits het op in kleinere bestanden."
        )
        % {"seconden": MAX_LEESTIJD}
    )


def _geteld(
    regels: Iterable[tuple[int, list[str]]],
    *,
    einde: float,
    totaal: int | None,
    voortgang: Callable[[int, int | None], None] | None,
) -> Iterator[tuple[int, list[str]]]:
    """The lines as read, each one counted with its cells, empty or not, against the limits and the clock."""
    leeg = cellen = gelezen = 0
    if voortgang:
        voortgang(0, totaal)
    for gelezen, (regel, waarden) in enumerate(regels, start=1):
        cellen += len(waarden)
        if not any(waarden):
            leeg += 1
            if leeg > MAX_LEGE_RIJEN:
                raise Bestandsfout(
                    _(
                        "Het bestand heeft meer dan %(max)s lege rijen (gestopt bij regel %(regel)s). Een "
                        "rekenblad bewaart soms rijen die leeg lijken: kopieer enkel je gegevens naar een "
                        "nieuw blad, of verwijder de lege rijen, en laad het opnieuw op."
                    )
                    % {"max": _aantal(MAX_LEGE_RIJEN), "regel": regel}
                )
        if cellen > MAX_CELLEN:
            raise Bestandsfout(
                _(
                    "Het bestand heeft meer dan %(max)s cellen, lege cellen meegeteld (gestopt bij regel "
                    "%(regel)s). Verwijder lege kolommen naast je gegevens, of splits het op in kleinere "
                    "bestanden."
                )
                % {"max": _aantal(MAX_CELLEN), "regel": regel}
            )
        if _nu() > einde:
            raise _te_lang()
        if voortgang and gelezen % VOORTGANG_ELKE == 0:
            voortgang(gelezen, totaal)
        yield regel, waarden
    if voortgang:
        voortgang(gelezen, gelezen)


def _meet_xlsx(pad: Path, *, einde: float) -> int:
    """Measures the package before openpyxl opens it: what its parts unpack to, then its XML elements as
    expat streams them (rows, cells per row, all of them). Returns the number of rows it holds."""
    try:
        with zipfile.ZipFile(pad) as archief:
            onderdelen = archief.infolist()
            if any(onderdeel.compress_type not in LEESBARE_COMPRESSIE for onderdeel in onderdelen):
                raise Bestandsfout(
                    _(
                        "Dit Excel-bestand kan niet gelezen worden. Open het in Excel en sla het opnieuw "
                        "op als .xlsx."
                    )
                )
            uitgepakt = sum(onderdeel.file_size for onderdeel in onderdelen)
            if uitgepakt > MAX_UITGEPAKT:
                raise Bestandsfout(
                    _(
                        "Uitgepakt is dit Excel-bestand %(grootte)s groot; de grens is %(grens)s. Dat "
                        "komt meestal door lege rijen of kolommen die toch bewaard zijn: kopieer enkel je "
                        "gegevens naar een nieuw bestand, of splits het op."
                    )
                    % {"grootte": _megabytes(uitgepakt), "grens": _megabytes(MAX_UITGEPAKT)}
                )
            grootste = max((onderdeel.file_size for onderdeel in onderdelen), default=0)
            if grootste > MAX_ONDERDEEL:
                raise Bestandsfout(
                    _(
                        "Een onderdeel van dit Excel-bestand (meestal het blad zelf) is uitgepakt "
                        "%(grootte)s groot; de grens is %(grens)s. Dat komt meestal door lege rijen of "
                        "kolommen die toch bewaard zijn: kopieer enkel je gegevens naar een nieuw bestand, "
                        "of splits het op."
                    )
                    % {"grootte": _megabytes(grootste), "grens": _megabytes(MAX_ONDERDEEL)}
                )
            teller = _Teller()
            for onderdeel in onderdelen:
                with archief.open(onderdeel) as bron:
                    teller.tel(bron, einde=einde)
            return teller.rijen
    except (
        zipfile.BadZipFile,
        RuntimeError,
        EOFError,
        OSError,
        ValueError,
        zlib.error,
    ) as fout:
        raise Bestandsfout(
            _("Dit Excel-bestand kan niet gelezen worden. Open het in Excel en sla het opnieuw op als .xlsx.")
        ) from fout


class _Teller:
    """Counts XML elements by their name without its prefix, as expat reports their start."""

    def __init__(self) -> None:
        self.elementen = self.rijen = self.in_rij = 0

    def tel(self, bron, *, einde: float) -> None:
        lezer = expat.ParserCreate()
        lezer.StartElementHandler = self._begin
        self.in_rij = 0
        try:
            while stuk := bron.read(64 * 1024):
                lezer.Parse(stuk, False)
                if _nu() > einde:
                    raise _te_lang()
            lezer.Parse(b"", True)
        except expat.ExpatError:
            # Not XML (an image), or XML that breaks off here: openpyxl, on expat too, gets no further.
            return

    def _begin(self, naam: str, _attributen) -> None:
        self.elementen += 1
        if self.elementen > MAX_ELEMENTEN:
            raise Bestandsfout(
                _(
                    "Dit Excel-bestand bevat meer dan %(max)s XML-elementen (cellen, opmaak, teksten). "
                    "Kopieer enkel je gegevens naar een nieuw bestand, of sla het op als ‘CSV UTF-8’."
                )
                % {"max": _aantal(MAX_ELEMENTEN)}
            )
        lokaal = naam[naam.find(":") + 1 :]
        if lokaal == "c":
            self.in_rij += 1
            if self.in_rij > MAX_KOLOMMEN:
                raise Bestandsfout(
                    _(
                        "Een rij van dit Excel-bestand heeft meer dan %(max)s cellen, meer dan Excel zelf "
                        "toelaat. Open het in Excel en sla het opnieuw op als .xlsx."
                    )
                    % {"max": _aantal(MAX_KOLOMMEN)}
                )
        elif lokaal == "row":
            self.rijen += 1
            self.in_rij = 0
            if self.rijen > MAX_RIJEN + MAX_LEGE_RIJEN + 1:
                raise Bestandsfout(
                    _(
                        "Het bestand heeft meer dan %(max)s rijen onder de kopregel, lege rijen meegeteld "
                        "(de grens is %(rijen)s rijen met gegevens en %(leeg)s lege). Een rekenblad bewaart "
                        "soms rijen die leeg lijken: kopieer enkel je gegevens naar een nieuw blad, of "
                        "splits het op in kleinere bestanden."
                    )
                    % {
                        "max": _aantal(MAX_RIJEN + MAX_LEGE_RIJEN),
                        "rijen": _aantal(MAX_RIJEN),
                        "leeg": _aantal(MAX_LEGE_RIJEN),
                    }
                )


def _aantal(aantal: int) -> str:
    """A limit as a message names it: 1.000.000."""
    return getal(aantal, 0, duizendtallen=True)


def _megabytes(grootte: int) -> str:
    return f"{getal(Fraction(grootte, 1024 * 1024), 1, vast=True)} MB"


def _decodeer(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Bestandsfout(
            _("Het bestand is UTF-16-tekst. Sla het in Excel op via ‘Opslaan als’ → ‘CSV UTF-8’.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        regel = data[: fout.start].count(b"\n") + 1
        raise Bestandsfout(
            _(
                "Het bestand is geen UTF-8-tekst (regel %(regel)s bevat een teken dat niet te lezen is, "
                "bijvoorbeeld een é uit een ouder Windows-formaat). Sla het in Excel op via ‘Opslaan als’ "
                "→ ‘CSV UTF-8 (door komma's gescheiden)’ en laad het opnieuw op."
            )
            % {"regel": regel}
        ) from fout


def _lees_csv(data: bytes) -> Iterator[tuple[int, list[str]]]:
    tekst = _decodeer(data)
    if (nul := tekst.find("\x00")) >= 0:
        # Python's reader takes a NUL as any other character, PostgreSQL refuses it in any text.
        raise Bestandsfout(_csv_fout("NUL", tekst.count("\n", 0, nul) + 1))
    kop = tekst.split("\n", 1)[0]
    # Excel writes `;` where the decimal sign is a comma (nl-BE) and `,` elsewhere: the header tells which.
    scheiding = "," if kop.count(",") > kop.count(";") else ";"
    # Strict: a quote that is never closed or text after a closing quote is refused with its line, where the
    # lenient reader would quietly swallow the rest of the file into one cell or drop the quotes.
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    regel = 1
    try:
        for cellen in lezer:
            yield regel, [cel.strip() for cel in cellen]
            regel = lezer.line_num + 1
    except csv.Error as fout:
        raise Bestandsfout(_csv_fout(str(fout), regel)) from fout


# The csv module's errors carry no code, only English text: each one it can raise is recognised by a piece of
# that text and told in Dutch; an unknown one gets the general message, never the English.
_CSV_FOUTEN = (
    (
        "field larger than field limit",
        gettext_lazy(
            "Regel %(regel)s heeft een cel van meer dan %(grens)s tekens. Meestal ontbreekt er een "
            'afsluitend aanhalingsteken ("), zodat de rest van het bestand in één cel belandt.'
        ),
    ),
    (
        "NUL",
        gettext_lazy(
            "Regel %(regel)s bevat een NUL-teken (een teken met code 0). Dat staat nooit in een gewone "
            "tekst: het bestand is beschadigd of geen CSV. Sla het in Excel opnieuw op als ‘CSV UTF-8’."
        ),
    ),
    (
        "unexpected end of data",
        gettext_lazy(
            'Regel %(regel)s: een cel begint met een aanhalingsteken (") dat nergens gesloten wordt. Sluit '
            "het aanhalingsteken, of haal het weg."
        ),
    ),
    (
        "expected after",
        gettext_lazy(
            'Regel %(regel)s: na het aanhalingsteken (") dat een cel sluit, staat nog tekst in dezelfde '
            "cel. Zet de hele cel tussen aanhalingstekens en schrijf een aanhalingsteken in de cel "
            'dubbel ("").'
        ),
    ),
    (
        "new-line character",
        gettext_lazy(
            "Regel %(regel)s heeft een regeleinde midden in een cel die niet tussen aanhalingstekens staat. "
            "Sla het bestand in Excel opnieuw op als ‘CSV UTF-8’."
        ),
    ),
)
_CSV_ALGEMEEN = gettext_lazy(
    "Regel %(regel)s is geen geldige CSV. Open het bestand in Excel en sla het opnieuw op als ‘CSV UTF-8’."
)


def _csv_fout(tekst: str, regel: int) -> str:
    melding = next((melding for stuk, melding in _CSV_FOUTEN if stuk in tekst), _CSV_ALGEMEEN)
    grens = _aantal(csv.field_size_limit())
    return str(melding) % {"regel": regel, "grens": grens}


def _lees_xlsx(pad: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        boek = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ParseError, ValueError, OSError) as fout:
        raise Bestandsfout(
            _("Dit Excel-bestand kan niet gelezen worden. Open het in Excel en sla het opnieuw op als .xlsx.")
        ) from fout
    try:
        blad = boek.worksheets[0]
        # Some programs write a wrong size in the sheet: read what is there instead.
        blad.reset_dimensions()
        for regel, cellen in enumerate(blad.iter_rows(values_only=True), start=1):
            yield regel, [_als_tekst(waarde) for waarde in cellen]
    except (ParseError, KeyError, ValueError, IndexError) as fout:
        raise Bestandsfout(_("Dit Excel-bestand is beschadigd en kan niet gelezen worden.")) from fout
    finally:
        boek.close()


def _als_tekst(waarde) -> str:
    """Excel keeps 250 as 250.0 and 12345 as a number: whole floats become whole numbers again."""
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    return str(waarde).strip()


def kolomnaam(tekst: str) -> str:
    return _WITRUIMTE.sub("_", tekst.strip().lower().replace("-", " "))


def _tabel(regels: Iterable[tuple[int, list[str]]], soort: Soort) -> Tabel:
    regels = iter(regels)
    eerste = next(regels, None)
    if eerste is None or not any(eerste[1]):
        if any(any(cellen) for _regel, cellen in regels):
            raise Bestandsfout(
                _("Regel 1 is leeg: de eerste regel moet de kopregel zijn (%(kop)s).")
                % {"kop": soort.kopregel}
            )
        raise Bestandsfout(_("Het bestand is leeg."))
    posities = _kopregel(eerste[1], soort)
    rijen = []
    for regel, cellen in regels:
        if not any(cellen):
            continue
        if len(rijen) >= MAX_RIJEN:
            raise Bestandsfout(
                _("Het bestand heeft meer dan %(max)s rijen. Splits het op in kleinere bestanden.")
                % {"max": _aantal(MAX_RIJEN)}
            )
        rijen.append((regel, {kolom: _cel(cellen, i) for kolom, i in posities.items()}))
    if not rijen:
        raise Bestandsfout(_("Het bestand heeft enkel een kopregel en geen gegevens."))
    return Tabel(tuple(kolom for kolom in soort.kolommen if kolom in posities), rijen)


def _cel(cellen: list[str], index: int) -> str:
    return cellen[index] if index < len(cellen) else ""


def _kopregel(cellen: list[str], soort: Soort) -> dict[str, int]:
    posities: dict[str, int] = {}
    for index, tekst in enumerate(cellen):
        naam = kolomnaam(tekst)
        if naam in soort.kolommen:
            if naam in posities:
                raise Bestandsfout(
                    _("Regel 1: de kolom ‘%(kolom)s’ staat twee keer in de kopregel.") % {"kolom": naam}
                )
            posities[naam] = index
    ontbrekend = [kolom for kolom in soort.kolommen if kolom in soort.verplicht and kolom not in posities]
    if ontbrekend:
        raise Bestandsfout(
            ngettext(
                "Regel 1: de kopregel mist de kolom %(kolommen)s. Verwacht: %(kop)s",
                "Regel 1: de kopregel mist de kolommen %(kolommen)s. Verwacht: %(kop)s",
                len(ontbrekend),
            )
            % {"kolommen": ", ".join(ontbrekend), "kop": soort.kopregel}
        )
    return posities
