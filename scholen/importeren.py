"""Reading and checking a spreadsheet of schools or of school figures. It reads the database, never writes.

A file becomes a `Plan`: one `Rij` per data line, with its line number in the file (the header is line
1), the values read, what an import would do with it and, in Dutch, every reason it cannot. The preview
shows the plan, the services in `services.importeren` apply it, and the management commands print it.

The whole plan costs a fixed number of queries, however long the file: existing schools, figures and
CLBs are loaded once for all the keys in the file.

The file itself is read by `netwerk.inlezen`, bounded before it starts and while it runs.

Why one module of this length: the checks of both kinds of file share the cell rules, the references
(CLBs, schools, LSCs) and the way a row is refused, and each rule is written once for both.
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netwerk.inlezen import Soort, Tabel, lees_bestand
from netwerk.invoer import een_regel
from netwerk.models import Clb, Leersteuncentrum
from netwerk.schooljaar import als_tekst, huidig_schooljaar, uit_tekst
from scholen.models import Bediening, Niveau, Onderwijsnet, School, Schooljaarcijfers, Schoolvoorstel

# The largest value a PositiveIntegerField holds in PostgreSQL.
MAX_GETAL = 2_147_483_647


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


# Reading ---------------------------------------------------------------------------------------------


def plan_scholen(pad: Path, *, lsc: Leersteuncentrum | None, beheerder: bool = False) -> Plan:
    """Reads and checks a file of schools; `lsc` None means a new LSC that serves none of them yet.
    `beheerder`: an administrator imports, who decides for every LSC: shared schools change at once."""
    return scholen_controleren(lees_bestand(pad, soort=SCHOLEN), lsc=lsc, beheerder=beheerder)


def plan_cijfers(pad: Path, *, lsc: Leersteuncentrum | None = None) -> Plan:
    """Reads and checks a file of figures; with an `lsc`, only that LSC's schools may be named, and the
    figures of a school other LSCs serve too become a proposal to them."""
    return cijfers_controleren(lees_bestand(pad, soort=CIJFERS), lsc=lsc)


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
