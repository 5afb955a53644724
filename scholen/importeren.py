"""Reading and checking a spreadsheet of schools or of school figures. It reads the database, never writes.

A file becomes a `Plan`: one `Rij` per data line, with its line number in the file (the header is line
1), the values read, what an import would do with it and, in Dutch, every reason it cannot. The preview
shows the plan, the services in `services_import` apply it, and the management commands print it.

The whole plan costs a fixed number of queries, however long the file: existing schools, figures and
CLBs are loaded once for all the keys in the file.

Reading is bounded before it starts and while it runs, because a small file can hold a great deal: an
XLSX of 281 KB unpacks into 32 million rows. Its unpacked size and its XML elements are counted before
openpyxl opens it; then every row read counts, empty ones and their cells too, and reading stops after
`MAX_LEESTIJD` seconds. Whatever limit is reached, the whole file is refused with the reason: a file is
never cut short and imported in part.
"""

import csv
import datetime as dt
import difflib
import io
import json
import re
import time
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import openpyxl
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl.utils.exceptions import InvalidFileException

from netwerk.invoer import een_regel
from netwerk.models import Clb, Leersteuncentrum
from netwerk.opmaak import getal
from netwerk.schooljaar import als_tekst, huidig_schooljaar, uit_tekst
from scholen.models import Bediening, Niveau, Onderwijsnet, School, Schooljaarcijfers, Schoolvoorstel

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
# The largest value a PositiveIntegerField holds in PostgreSQL.
MAX_GETAL = 2_147_483_647
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


SCHOLEN = Soort(
    "scholen",
    (
        "instellingsnummer",
        "naam",
        "straat",
        "postcode",
        "gemeente",
        "niveau",
        "net",
        "scholengemeenschap",
        "clb",
    ),
    frozenset({"instellingsnummer", "naam", "gemeente", "niveau", "net"}),
)
CIJFERS = Soort(
    "cijfers",
    ("instellingsnummer", "schooljaar", "leerlingen", "gc_verslagen", "iac_verslagen", "ov4_verslagen"),
    frozenset({"instellingsnummer", "schooljaar", "leerlingen"}),
)
SOORTEN = {SCHOLEN.naam: SCHOLEN, CIJFERS.naam: CIJFERS}
VERSLAGKOLOMMEN = ("gc_verslagen", "iac_verslagen", "ov4_verslagen")

# Codes and the labels coordinators type, lower case with single spaces.
# Codes, the labels coordinators type, and the labels of the Flemish open data on schools ("gewoon …").
NIVEAUS = {
    "kleuter": Niveau.KLEUTER,
    "kleuteronderwijs": Niveau.KLEUTER,
    "gewoon kleuteronderwijs": Niveau.KLEUTER,
    "lager": Niveau.LAGER,
    "lager onderwijs": Niveau.LAGER,
    "gewoon lager onderwijs": Niveau.LAGER,
    "basis": Niveau.BASIS,
    "basisonderwijs": Niveau.BASIS,
    "gewoon basisonderwijs": Niveau.BASIS,
    "kleuter en lager": Niveau.BASIS,
    "kleuter- en lager": Niveau.BASIS,
    "kleuter en lager onderwijs": Niveau.BASIS,
    "kleuter- en lager onderwijs": Niveau.BASIS,
    "kleuter- en lageronderwijs": Niveau.BASIS,
    "secundair": Niveau.SECUNDAIR,
    "secundair onderwijs": Niveau.SECUNDAIR,
    "gewoon secundair onderwijs": Niveau.SECUNDAIR,
}
NETTEN = {
    "go": Onderwijsnet.GO,
    "go!": Onderwijsnet.GO,
    "gemeenschapsonderwijs": Onderwijsnet.GO,
    "go! onderwijs van de vlaamse gemeenschap": Onderwijsnet.GO,
    "officieel": Onderwijsnet.OFFICIEEL,
    "ogo": Onderwijsnet.OFFICIEEL,
    "officieel gesubsidieerd": Onderwijsnet.OFFICIEEL,
    "officieel gesubsidieerd onderwijs": Onderwijsnet.OFFICIEEL,
    "gemeentelijk": Onderwijsnet.OFFICIEEL,
    "gemeentelijk onderwijs": Onderwijsnet.OFFICIEEL,
    "stedelijk": Onderwijsnet.OFFICIEEL,
    "stedelijk onderwijs": Onderwijsnet.OFFICIEEL,
    "provinciaal": Onderwijsnet.OFFICIEEL,
    "provinciaal onderwijs": Onderwijsnet.OFFICIEEL,
    "vrij": Onderwijsnet.VRIJ,
    "vgo": Onderwijsnet.VRIJ,
    "vrij gesubsidieerd": Onderwijsnet.VRIJ,
    "vrij gesubsidieerd onderwijs": Onderwijsnet.VRIJ,
    "katholiek": Onderwijsnet.VRIJ,
    "katholiek onderwijs": Onderwijsnet.VRIJ,
    "katholiek onderwijs vlaanderen": Onderwijsnet.VRIJ,
}
NIVEAU_UITLEG = "kleuter, lager, basis (ook ‘kleuter en lager’), secundair"
NET_UITLEG = (
    "GO! (gemeenschapsonderwijs), officieel (OGO: gemeentelijk, stedelijk, provinciaal), "
    "vrij (VGO: katholiek)"
)
# How alike a typed name and a known one must be to count as a typo of it (difflib's ratio).
GELIJKENIS = 0.85
TEKSTLENGTES = {"naam": 200, "straat": 200, "gemeente": 100, "scholengemeenschap": 200, "clb": 150}
_INSTELLINGSNUMMER = re.compile(r"^[0-9]{5,6}$")
_POSTCODE = re.compile(r"^[0-9]{4}$")
_WITRUIMTE = re.compile(r"\s+")


class Actie:
    NIEUW = "nieuw"
    BIJWERKEN = "bijwerken"
    # A school other LSCs serve too: its changes become a proposal they decide on.
    VOORSTEL = "voorstel"
    # A school other LSCs serve and this one not yet: a request to serve it too, nothing else changes.
    AANVRAAG = "aanvraag"
    ONGEWIJZIGD = "ongewijzigd"
    GEWEIGERD = "geweigerd"
    LABELS = {
        NIEUW: gettext_lazy("nieuw"),
        BIJWERKEN: gettext_lazy("bijwerken"),
        VOORSTEL: gettext_lazy("voorstel"),
        AANVRAAG: gettext_lazy("aanvraag"),
        ONGEWIJZIGD: gettext_lazy("ongewijzigd"),
        GEWEIGERD: gettext_lazy("geweigerd"),
    }


@dataclass(frozen=True, slots=True)
class Fout:
    kolom: str
    reden: str

    def __str__(self) -> str:
        return f"{self.kolom}: {self.reden}"


@dataclass(slots=True)
class Rij:
    regel: int
    waarden: dict
    # What the file says, as text: the preview shows it, also where it could not be read.
    cellen: dict = field(default_factory=dict)
    fouten: list[Fout] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)
    actie: str = Actie.NIEUW
    school_id: int | None = None
    # For a proposal: [(field, stored value, value in the file)]; the LSCs that decide on it.
    wijzigingen: list[tuple] = field(default_factory=list)
    andere_lscs: list[str] = field(default_factory=list)

    def weiger(self, kolom: str, reden: str) -> None:
        self.fouten.append(Fout(kolom, reden))

    @property
    def geweigerd(self) -> bool:
        return bool(self.fouten)

    @property
    def actie_label(self) -> str:
        return Actie.LABELS[self.actie]

    @property
    def instellingsnummer(self) -> str:
        return self.waarden.get("instellingsnummer") or ""


@dataclass
class Plan:
    soort: Soort
    kolommen: tuple[str, ...]
    rijen: list[Rij]

    def tel(self, actie: str) -> int:
        return sum(1 for rij in self.rijen if rij.actie == actie)

    @property
    def tellingen(self) -> dict[str, int]:
        return {actie: self.tel(actie) for actie in Actie.LABELS}

    @property
    def geweigerd(self) -> list[Rij]:
        return [rij for rij in self.rijen if rij.geweigerd]

    @property
    def toe_te_passen(self) -> list[Rij]:
        return [rij for rij in self.rijen if rij.actie in {Actie.NIEUW, Actie.BIJWERKEN}]

    @property
    def voorstellen(self) -> list[Rij]:
        return [rij for rij in self.rijen if rij.actie == Actie.VOORSTEL]

    @property
    def aanvragen(self) -> list[Rij]:
        return [rij for rij in self.rijen if rij.actie == Actie.AANVRAAG]


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


# Reading -----------------------------------------------------------------------------------------


def plan_scholen(pad: Path, *, lsc: Leersteuncentrum | None, beheerder: bool = False) -> Plan:
    """Reads and checks a file of schools; `lsc` None means a new LSC that serves none of them yet.
    `beheerder`: an administrator imports, who decides for every LSC: shared schools change at once."""
    return scholen_controleren(lees_bestand(pad, soort=SCHOLEN), lsc=lsc, beheerder=beheerder)


def plan_cijfers(pad: Path, *, lsc: Leersteuncentrum | None = None) -> Plan:
    """Reads and checks a file of figures; with an `lsc`, only that LSC's schools may be named, and the
    figures of a school other LSCs serve too become a proposal to them."""
    return cijfers_controleren(lees_bestand(pad, soort=CIJFERS), lsc=lsc)


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
                    % {"max": _grens(MAX_LEGE_RIJEN), "regel": regel}
                )
        if cellen > MAX_CELLEN:
            raise Bestandsfout(
                _(
                    "Het bestand heeft meer dan %(max)s cellen, lege cellen meegeteld (gestopt bij regel "
                    "%(regel)s). Verwijder lege kolommen naast je gegevens, of splits het op in kleinere "
                    "bestanden."
                )
                % {"max": _grens(MAX_CELLEN), "regel": regel}
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
                % {"max": _grens(MAX_ELEMENTEN)}
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
                    % {"max": _grens(MAX_KOLOMMEN)}
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
                        "max": _grens(MAX_RIJEN + MAX_LEGE_RIJEN),
                        "rijen": _grens(MAX_RIJEN),
                        "leeg": _grens(MAX_LEGE_RIJEN),
                    }
                )


def _grens(aantal: int) -> str:
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
    grens = _grens(csv.field_size_limit())
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
                % {"max": _grens(MAX_RIJEN)}
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


# Checking values -----------------------------------------------------------------------------------


def _instellingsnummer(rij: Rij, tekst: str) -> None:
    nummer = _WITRUIMTE.sub("", tekst)
    if not nummer:
        rij.weiger("instellingsnummer", _("ontbreekt"))
    elif not _INSTELLINGSNUMMER.match(nummer):
        rij.weiger(
            "instellingsnummer",
            _("‘%(waarde)s’ is geen instellingsnummer: dat zijn 5 of 6 cijfers") % {"waarde": tekst},
        )
    else:
        rij.waarden["instellingsnummer"] = nummer


def _tekst(rij: Rij, kolom: str, tekst: str, *, verplicht: bool) -> None:
    waarde = _WITRUIMTE.sub(" ", tekst).strip()
    try:
        een_regel(waarde)
    except ValidationError as fout:
        rij.weiger(kolom, " ".join(fout.messages))
        return
    if verplicht and not waarde:
        rij.weiger(kolom, _("ontbreekt"))
    elif len(waarde) > TEKSTLENGTES[kolom]:
        rij.weiger(
            kolom,
            _("is langer dan %(max)s tekens (%(lengte)s)")
            % {"max": TEKSTLENGTES[kolom], "lengte": len(waarde)},
        )
    else:
        rij.waarden[kolom] = waarde


def _keuze(rij: Rij, kolom: str, tekst: str, keuzes: dict, uitleg: str) -> None:
    """A choice by one of its accepted words; a word that is neither the code nor the label itself is
    shown as read ("net: ‘katholiek’ → Vrij gesubsidieerd"), so nobody wonders what it became."""
    sleutel = _WITRUIMTE.sub(" ", tekst).strip().lower()
    if not sleutel:
        rij.weiger(kolom, _("ontbreekt"))
    elif sleutel not in keuzes:
        rij.weiger(
            kolom, _("‘%(waarde)s’ is onbekend; kies uit %(uitleg)s") % {"waarde": tekst, "uitleg": uitleg}
        )
    else:
        keuze = keuzes[sleutel]
        rij.waarden[kolom] = str(keuze)
        if sleutel not in {str(keuze.value).lower(), str(keuze.label).lower()}:
            rij.opmerkingen.append(
                _("%(kolom)s: ‘%(woord)s’ → %(label)s")
                % {"kolom": kolom, "woord": tekst.strip(), "label": keuze.label}
            )


def _postcode(rij: Rij, tekst: str) -> None:
    postcode = _WITRUIMTE.sub("", tekst)
    if postcode and not _POSTCODE.match(postcode):
        rij.weiger("postcode", _("‘%(waarde)s’ is geen Belgische postcode (4 cijfers)") % {"waarde": tekst})
    else:
        rij.waarden["postcode"] = postcode


def _aantal(rij: Rij, kolom: str, tekst: str, *, verplicht: bool) -> None:
    # Spaces only: in nl-BE "1.250" means 1250 and "1,5" one and a half, so separators are refused.
    getal = _WITRUIMTE.sub("", tekst)
    if not getal:
        if verplicht:
            rij.weiger(kolom, _("ontbreekt"))
        else:
            rij.waarden[kolom] = 0
    elif re.fullmatch(r"-\d+", getal):
        rij.weiger(kolom, _("%(waarde)s is negatief; een aantal is 0 of meer") % {"waarde": getal})
    elif not getal.isdigit() or not getal.isascii():
        rij.weiger(kolom, _("‘%(waarde)s’ is geen geheel getal") % {"waarde": tekst})
    elif int(getal) > MAX_GETAL:
        rij.weiger(kolom, _("%(waarde)s is te groot") % {"waarde": getal})
    else:
        rij.waarden[kolom] = int(getal)


def _schooljaar(rij: Rij, tekst: str) -> None:
    if not tekst:
        rij.weiger("schooljaar", _("ontbreekt"))
        return
    try:
        jaar = uit_tekst(tekst)
    except ValueError as fout:
        rij.weiger("schooljaar", str(fout))
        return
    if jaar > huidig_schooljaar():
        rij.weiger("schooljaar", _("%(jaar)s ligt in de toekomst") % {"jaar": tekst})
        return
    rij.waarden["schooljaar"] = jaar


def _markeer_dubbels(rijen: list[Rij], sleutel, omschrijving) -> None:
    """Every line with a repeated key is refused and names the others: which one is right is for the user."""
    per_sleutel = defaultdict(list)
    for rij in rijen:
        if (waarde := sleutel(rij)) is not None:
            per_sleutel[waarde].append(rij)
    for waarde, groep in per_sleutel.items():
        if len(groep) < 2:
            continue
        for rij in groep:
            andere = ", ".join(str(ander.regel) for ander in groep if ander is not rij)
            rij.weiger(
                "instellingsnummer",
                ngettext(
                    "%(wat)s staat ook op regel %(regels)s",
                    "%(wat)s staat ook op de regels %(regels)s",
                    len(groep) - 1,
                )
                % {"wat": omschrijving(waarde), "regels": andere},
            )


def _afsluiten(rijen: list[Rij]) -> None:
    for rij in rijen:
        if rij.geweigerd:
            rij.actie = Actie.GEWEIGERD


# Schools ---------------------------------------------------------------------------------------------


def scholen_controleren(tabel: Tabel, *, lsc: Leersteuncentrum | None, beheerder: bool = False) -> Plan:
    rijen = [_schoolrij(regel, cellen) for regel, cellen in tabel.rijen]
    _markeer_dubbels(
        rijen,
        lambda rij: rij.waarden.get("instellingsnummer"),
        lambda nummer: _("instellingsnummer %(nummer)s") % {"nummer": nummer},
    )
    nummers = {rij.instellingsnummer for rij in rijen if rij.instellingsnummer}
    bestaand = _bestaande_scholen(nummers, lsc)
    referenties = Referenties.laden()
    for rij in rijen:
        referenties.controleer(rij)
        if not rij.geweigerd:
            _schoolactie(rij, bestaand.get(rij.instellingsnummer), referenties)
            if lsc is not None and not beheerder:
                _gedeeld(rij, bestaand.get(rij.instellingsnummer), referenties)
    _afsluiten(rijen)
    return Plan(SCHOLEN, tabel.kolommen, rijen)


def _schoolrij(regel: int, cellen: dict[str, str]) -> Rij:
    rij = Rij(regel, {}, cellen)
    _instellingsnummer(rij, cellen["instellingsnummer"])
    _tekst(rij, "naam", cellen["naam"], verplicht=True)
    _tekst(rij, "gemeente", cellen["gemeente"], verplicht=True)
    _keuze(rij, "niveau", cellen["niveau"], NIVEAUS, NIVEAU_UITLEG)
    _keuze(rij, "net", cellen["net"], NETTEN, NET_UITLEG)
    if "straat" in cellen:
        _tekst(rij, "straat", cellen["straat"], verplicht=False)
    if "postcode" in cellen:
        _postcode(rij, cellen["postcode"])
    if "scholengemeenschap" in cellen:
        _tekst(rij, "scholengemeenschap", cellen["scholengemeenschap"], verplicht=False)
    if "clb" in cellen:
        _tekst(rij, "clb", cellen["clb"], verplicht=False)
    return rij


def _bestaande_scholen(nummers: set[str], lsc: Leersteuncentrum | None) -> dict[str, dict]:
    """The schools of the file that exist, with whether `lsc` serves them, the other LSCs that do, and
    whether `lsc` already asked to serve them."""
    velden = [kolom for kolom in SCHOLEN.kolommen if kolom != "clb"]
    scholen = School.objects.filter(instellingsnummer__in=nummers)
    if lsc is None:
        return {
            rij["instellingsnummer"]: {**rij, "bediend": False, "anderen": [], "gevraagd": False}
            for rij in scholen.values("pk", "clb_id", *velden)
        }
    anderen = Bediening.objects.filter(school=OuterRef("pk")).exclude(lsc=lsc).order_by("lsc__naam")
    scholen = scholen.annotate(
        bediend=Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=lsc)),
        anderen=ArraySubquery(anderen.values("lsc__naam")),
        gevraagd=Exists(
            Schoolvoorstel.objects.filter(
                school=OuterRef("pk"),
                lsc=lsc,
                soort=Schoolvoorstel.Soort.BEDIENING,
                status=Schoolvoorstel.Status.OPEN,
            )
        ),
    )
    return {
        rij["instellingsnummer"]: rij
        for rij in scholen.values("pk", "clb_id", "bediend", "anderen", "gevraagd", *velden)
    }


@dataclass
class Referenties:
    """What a file of schools may name but never create: CLBs (by name), and the municipalities and
    scholengemeenschappen the network already knows, to tell a typo from a new one. Three queries."""

    clbs: dict[str, tuple[int, str]]  # lower-case name → (id, name as stored)
    gemeenten: dict[str, str]  # lower-case → as stored
    scholengemeenschappen: dict[str, str]

    @classmethod
    def laden(cls) -> "Referenties":
        def bekend(veld: str) -> dict[str, str]:
            waarden = School.objects.exclude(**{veld: ""}).order_by(veld).values_list(veld, flat=True)
            return {waarde.lower(): waarde for waarde in waarden.distinct()}

        clbs = {naam.lower(): (pk, naam) for pk, naam in Clb.objects.values_list("pk", "naam")}
        return cls(clbs, bekend("gemeente"), bekend("scholengemeenschap"))

    def clb_naam(self, clb_id: int | None) -> str:
        return next((naam for pk, naam in self.clbs.values() if pk == clb_id), "—")

    def controleer(self, rij: Rij) -> None:
        if clb := rij.waarden.get("clb"):
            gevonden = self.clbs.get(clb.lower())
            if gevonden is None:
                rij.weiger(
                    "clb",
                    _(
                        "‘%(naam)s’ is geen CLB in Honingraat%(bedoel)s Een nieuw CLB maak je eerst "
                        "aan onder Scholen → CLB's; een import maakt er geen."
                    )
                    % {
                        "naam": clb,
                        "bedoel": _bedoel_je(clb, [naam for _pk, naam in self.clbs.values()]) or ".",
                    },
                )
            else:
                rij.waarden["clb_id"], rij.waarden["clb"] = gevonden
        elif "clb" in rij.waarden:
            rij.waarden["clb_id"] = None
        for kolom, bekend, soort in (
            ("gemeente", self.gemeenten, _("gemeente")),
            ("scholengemeenschap", self.scholengemeenschappen, _("scholengemeenschap")),
        ):
            if waarde := rij.waarden.get(kolom):
                self._naam(rij, kolom, waarde, bekend, soort)

    @staticmethod
    def _naam(rij: Rij, kolom: str, waarde: str, bekend: dict[str, str], soort: str) -> None:
        """A known name in another case is the known one; a name very like a known one is a typo
        (refused, with the known one); any other name is new, and said so."""
        if (opgeslagen := bekend.get(waarde.lower())) is not None:
            rij.waarden[kolom] = opgeslagen
            return
        if gelijkend := difflib.get_close_matches(waarde.lower(), bekend, n=3, cutoff=GELIJKENIS):
            rij.weiger(
                kolom,
                _("‘%(waarde)s’ lijkt op een tikfout%(bedoel)s")
                % {"waarde": waarde, "bedoel": _bedoel_je(waarde, [bekend[g] for g in gelijkend])},
            )
            return
        if bekend:
            rij.opmerkingen.append(_("nieuwe %(soort)s ‘%(waarde)s’") % {"soort": soort, "waarde": waarde})


def _bedoel_je(tekst: str, namen: list[str]) -> str:
    gelijkend = difflib.get_close_matches(tekst.lower(), {n.lower(): n for n in namen}, n=3, cutoff=0.6)
    opties = {n.lower(): n for n in namen}
    if not gelijkend:
        return ""
    return _("; bedoel je %(namen)s?") % {"namen": _(" of ").join(f"‘{opties[g]}’" for g in gelijkend)}


def _schoolactie(rij: Rij, bestaand: dict | None, referenties: Referenties) -> None:
    if bestaand is None:
        return
    rij.school_id = bestaand["pk"]
    gewijzigd = [
        kolom
        for kolom in SCHOLEN.kolommen
        if kolom in rij.waarden and kolom != "clb" and rij.waarden[kolom] != bestaand[kolom]
    ]
    if "clb" in rij.waarden and rij.waarden["clb_id"] != bestaand["clb_id"]:
        gewijzigd.append("clb")
    rij.wijzigingen = [
        (kolom, bestaand["clb_id"] if kolom == "clb" else bestaand[kolom], rij.waarden[_kolom_id(kolom)])
        for kolom in gewijzigd
    ]
    if gewijzigd:
        rij.opmerkingen.append(
            _("wijzigt %(wat)s") % {"wat": _wijzigingen_tekst(rij.wijzigingen, referenties)}
        )
    if not bestaand["bediend"]:
        rij.opmerkingen.append(_("bestaande school, wordt aan het leersteuncentrum gekoppeld"))
    rij.actie = Actie.BIJWERKEN if gewijzigd or not bestaand["bediend"] else Actie.ONGEWIJZIGD


def _kolom_id(kolom: str) -> str:
    return "clb_id" if kolom == "clb" else kolom


def _wijzigingen_tekst(wijzigingen: list[tuple], referenties: Referenties) -> str:
    """ "CLB: Vrij CLB A → Vrij CLB B; naam: De Wilg → De Wilg Zuid": what changes, never buried."""
    delen = []
    for kolom, oud, nieuw, *_jaar in wijzigingen:
        if kolom == "clb":
            oud, nieuw, kolom = referenties.clb_naam(oud), referenties.clb_naam(nieuw), "CLB"
        delen.append(f"{kolom}: {oud or '—'} → {nieuw or '—'}")
    return "; ".join(delen)


def _gedeeld(rij: Rij, bestaand: dict | None, referenties: Referenties) -> None:
    """A school other LSCs serve: this LSC's file changes nothing of it by itself. Not served yet: a
    request to serve it too, its data stay as they are (and the file's author learns nothing of them, nor
    who serves it, until one of them accepts). Served together: the changes become a proposal."""
    if bestaand is None or not bestaand["anderen"]:
        return
    rij.opmerkingen.clear()
    if not bestaand["bediend"]:
        rij.wijzigingen = []
        if bestaand["gevraagd"]:
            rij.opmerkingen.append(_("je vroeg al om deze school mee te bedienen; de aanvraag loopt nog"))
            rij.actie = Actie.ONGEWIJZIGD
            return
        rij.opmerkingen.append(
            _(
                "school van een ander leersteuncentrum: je vraagt om ze mee te bedienen; dat "
                "leersteuncentrum beslist. De gegevens van de school blijven zoals ze zijn"
            )
        )
        rij.actie = Actie.AANVRAAG
        return
    rij.andere_lscs = bestaand["anderen"]
    if rij.wijzigingen:
        rij.opmerkingen.append(
            _("gedeelde school: de wijziging gaat als voorstel naar %(anderen)s (%(wat)s)")
            % {
                "anderen": ", ".join(bestaand["anderen"]),
                "wat": _wijzigingen_tekst(rij.wijzigingen, referenties),
            }
        )
        rij.actie = Actie.VOORSTEL


# Figures ---------------------------------------------------------------------------------------------


def cijfers_controleren(tabel: Tabel, *, lsc: Leersteuncentrum | None) -> Plan:
    rijen = [_cijferrij(regel, cellen) for regel, cellen in tabel.rijen]
    _markeer_dubbels(
        rijen,
        lambda rij: (
            (rij.waarden.get("instellingsnummer"), rij.waarden.get("schooljaar"))
            if {"instellingsnummer", "schooljaar"} <= rij.waarden.keys()
            else None
        ),
        lambda sleutel: (
            _("instellingsnummer %(nummer)s met schooljaar %(jaar)s")
            % {"nummer": sleutel[0], "jaar": als_tekst(sleutel[1])}
        ),
    )
    nummers = {rij.instellingsnummer for rij in rijen if rij.instellingsnummer}
    scholen = _scholen_voor_cijfers(nummers, lsc)
    jaren = {rij.waarden["schooljaar"] for rij in rijen if "schooljaar" in rij.waarden}
    bestaand = _bestaande_cijfers({school[0] for school in scholen.values()}, jaren)
    for rij in rijen:
        school = scholen.get(rij.instellingsnummer)
        _cijferschool(rij, school, lsc)
        if not rij.geweigerd:
            vorige = bestaand.get((rij.school_id, rij.waarden["schooljaar"]))
            _cijferactie(rij, vorige, tabel.kolommen)
            if school[2]:
                _cijfers_gedeeld(rij, vorige, school[2], tabel.kolommen)
    _afsluiten(rijen)
    return Plan(CIJFERS, tabel.kolommen, rijen)


def _cijferrij(regel: int, cellen: dict[str, str]) -> Rij:
    rij = Rij(regel, {}, cellen)
    _instellingsnummer(rij, cellen["instellingsnummer"])
    _schooljaar(rij, cellen["schooljaar"])
    _aantal(rij, "leerlingen", cellen["leerlingen"], verplicht=True)
    for kolom in VERSLAGKOLOMMEN:
        if kolom in cellen:
            _aantal(rij, kolom, cellen[kolom], verplicht=False)
    leerlingen = rij.waarden.get("leerlingen")
    for kolom in VERSLAGKOLOMMEN:
        verslagen = rij.waarden.get(kolom)
        if leerlingen is not None and verslagen is not None and verslagen > leerlingen:
            rij.weiger(
                kolom,
                _("%(verslagen)s verslagen is meer dan het aantal leerlingen (%(leerlingen)s)")
                % {"verslagen": verslagen, "leerlingen": leerlingen},
            )
    return rij


def _scholen_voor_cijfers(
    nummers: set[str], lsc: Leersteuncentrum | None
) -> dict[str, tuple[int, bool, list[str]]]:
    """(id, served by `lsc`, the other LSCs serving it) per number; without an `lsc` (an administrator)
    every school counts as served and none as shared."""
    scholen = School.objects.filter(instellingsnummer__in=nummers)
    if lsc is None:
        return {nummer: (pk, True, []) for nummer, pk in scholen.values_list("instellingsnummer", "pk")}
    anderen = Bediening.objects.filter(school=OuterRef("pk")).exclude(lsc=lsc).order_by("lsc__naam")
    scholen = scholen.annotate(
        bediend=Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=lsc)),
        anderen=ArraySubquery(anderen.values("lsc__naam")),
    )
    return {
        nummer: (pk, bediend, anderen)
        for nummer, pk, bediend, anderen in scholen.values_list(
            "instellingsnummer", "pk", "bediend", "anderen"
        )
    }


def _bestaande_cijfers(school_ids: set[int], jaren: set[int]) -> dict[tuple[int, int], dict]:
    cijfers = Schooljaarcijfers.objects.filter(school_id__in=school_ids, schooljaar__in=jaren)
    return {
        (rij["school_id"], rij["schooljaar"]): rij
        for rij in cijfers.values("school_id", "schooljaar", "leerlingen", *VERSLAGKOLOMMEN)
    }


def _cijferschool(rij: Rij, school: tuple | None, lsc: Leersteuncentrum | None) -> None:
    nummer = rij.waarden.get("instellingsnummer")
    if nummer is None:
        return
    if school is None:
        rij.weiger(
            "instellingsnummer",
            _(
                "onbekende school: er is geen school met instellingsnummer %(nummer)s "
                "(importeer eerst de school)"
            )
            % {"nummer": nummer},
        )
    elif not school[1]:
        rij.weiger(
            "instellingsnummer",
            _("school %(nummer)s hoort niet bij %(lsc)s") % {"nummer": nummer, "lsc": lsc},
        )
    else:
        rij.school_id = school[0]


def _cijferactie(rij: Rij, bestaand: dict | None, kolommen: tuple[str, ...]) -> None:
    if bestaand is None:
        return
    gewijzigd = [
        kolom
        for kolom in ("leerlingen", *VERSLAGKOLOMMEN)
        if kolom in kolommen and rij.waarden[kolom] != bestaand[kolom]
    ]
    if gewijzigd:
        rij.opmerkingen.append(
            _("wijzigt: %(kolommen)s")
            % {
                "kolommen": ", ".join(
                    f"{kolom} {bestaand[kolom]} → {rij.waarden[kolom]}" for kolom in gewijzigd
                )
            }
        )
    rij.actie = Actie.BIJWERKEN if gewijzigd else Actie.ONGEWIJZIGD


def _cijfers_gedeeld(rij: Rij, vorige: dict | None, anderen: list[str], kolommen: tuple[str, ...]) -> None:
    """Figures of a school other LSCs serve too weigh in their distribution: a change is a proposal."""
    if rij.actie not in {Actie.NIEUW, Actie.BIJWERKEN}:
        return
    rij.andere_lscs = anderen
    rij.wijzigingen = [
        (kolom, vorige[kolom] if vorige else None, rij.waarden[kolom], rij.waarden["schooljaar"])
        for kolom in ("leerlingen", *VERSLAGKOLOMMEN)
        if kolom in kolommen and (vorige is None or vorige[kolom] != rij.waarden[kolom])
    ]
    rij.opmerkingen.append(
        _("gedeelde school: de cijfers gaan als voorstel naar %(anderen)s") % {"anderen": ", ".join(anderen)}
    )
    rij.actie = Actie.VOORSTEL
