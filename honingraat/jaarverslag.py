"""The yearly report of an LSC for the bestuur and the leersteunraad: a PDF and an XLSX of the school year.

Every figure comes from the functions the pages use (the pictures of `honingraat.beelden`, the capacity
queries, the closing questions' summary), so the report and the screens cannot drift apart. A job renders
it (`jaarverslag_maken`), writing its progress after each part; the page polls that progress. A new run for
the same year replaces the old files. No pupil is named: the tables count, and the schools' quotes are
printed without school, class, trajectory or date, with every name known at the school blanked
out (its pupils' first names, the names of the LSC's people and the school's care staff).
"""

import datetime as dt
import re
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from capaciteit import queries as capaciteit_queries
from capaciteit.rekenen import cijfers
from honingraat import beelden
from honingraat.models import Jaarverslag
from netwerk import export, grafiek
from netwerk.audit import log_actie
from netwerk.models import Focus, Gebruiker, Leersteuncentrum
from netwerk.opmaak import getal
from netwerk.pdf import pdf_en_paginas
from netwerk.schooljaar import als_tekst
from netwerk.wachtrij import na_commit
from overleg import afsluiting
from overleg.queries import tweede_momenten_per_regioteam
from scholen.models import School
from scholen.queries import regioteams_zichtbaar_voor
from trajecten.models import Focusvraag, Leerling, Toewijzing
from trajecten.queries import focusvragen_per_focus, looptijden

GEEN = "—"
# Duration of a closed trajectory, in days from request to closure: (up to and including, label).
LOOPTIJDEN = (
    (30, "tot 1 maand"),
    (91, "1 tot 3 maanden"),
    (182, "3 tot 6 maanden"),
    (365, "6 tot 12 maanden"),
    (None, "meer dan een jaar"),
)
GETAL = re.compile(r"^-?\d+(,\d+)?$")


# A run still waiting or busy after this long has lost its worker (a crash, a restart): a new one may start.
VASTGELOPEN = dt.timedelta(minutes=30)


class JaarverslagGeweigerd(Exception):
    """A run that cannot start now; the message is Dutch and says why."""


@dataclass
class Tabel:
    titel: str
    blad: str  # the XLSX sheet's name (at most 31 characters)
    kop: tuple[str, ...]
    rijen: list[tuple]
    svg: str = ""

    @property
    def breed(self) -> bool:
        return len(self.kop) > 6


@dataclass
class Sectie:
    id: str
    titel: str
    uitleg: str = ""
    tabellen: list[Tabel] = field(default_factory=list)
    citaten: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)  # (text, how often)
    leeg: str = ""


def _uit_grafiek(g: grafiek.Grafiek, blad: str, *, met_beeld: bool = True) -> Tabel:
    return Tabel(g.titel, blad, g.kop, [tuple(r) for r in g.rijen], _met_stijl(g.svg) if met_beeld else "")


# The screen's chart colours as SVG attributes, class by class, later classes winning: WeasyPrint applies
# neither the page's stylesheet nor a <style> inside an inline SVG, but it does read presentation attributes.
KLEUREN = {
    "staaf": {"fill": "#f2b705", "stroke": "#7a4b00"},
    "reeks-0": {"fill": "#f2b705", "stroke": "#7a4b00"},
    "reeks-1": {"fill": "#0b5cad", "stroke": "none"},
    "reeks-2": {"fill": "#8c6bb1", "stroke": "none"},
    "reeks-3": {"fill": "#3fa34d", "stroke": "none"},
    "reeks-4": {"fill": "#c8ccd1", "stroke": "none"},
    "reeks-5": {"fill": "#b42318", "stroke": "none"},
    "band": {"fill": "#ece7d8"},
    "raster": {"stroke": "#e6e8eb"},
    "as": {"stroke": "#57606a"},
    "merk": {"stroke": "#1f2328", "stroke-width": "3"},
    "doel": {"stroke": "#b42318", "stroke-dasharray": "5 3", "stroke-width": "2"},
    "naamlabel": {"font-size": "12", "fill": "#1f2328", "text-anchor": "end"},
    "waardelabel": {"font-size": "12", "fill": "#1f2328"},
    "legendelabel": {"font-size": "12", "fill": "#1f2328"},
    "merklabel": {"font-size": "12", "fill": "#1f2328"},
    "puntlabel": {"font-size": "11", "fill": "#0b5cad"},
    "aslabel": {"font-size": "11", "fill": "#57606a", "text-anchor": "middle"},
    "aslabel-y": {"text-anchor": "end"},
    "waardelabel-boven": {"text-anchor": "middle"},
    "leeg": {"font-size": "13", "fill": "#57606a", "text-anchor": "middle"},
}
KLASSE = re.compile(r'class="([^"]*)"')


def _met_stijl(svg: grafiek.Svg) -> grafiek.Svg:
    """The chart with its colours as attributes, for the PDF."""

    def kleuren(gevonden: re.Match) -> str:
        attributen: dict[str, str] = {}
        for klasse in gevonden[1].split():
            attributen.update(KLEUREN.get(klasse, {}))
        return gevonden[0] + "".join(f' {naam}="{waarde}"' for naam, waarde in attributen.items())

    return grafiek.Svg(KLASSE.sub(kleuren, svg))


# ------------------------------------------------------------------------------------ the content


@dataclass
class Bron:
    """What every part reads: the LSC, the year, all its regio teams, the day the figures stand at."""

    lsc: Leersteuncentrum
    jaar: int
    gebruiker: object
    teams: list
    vandaag: dt.date

    @property
    def ids(self) -> list[int]:
        return [t.pk for t in self.teams]

    @property
    def namen(self) -> dict[int, str]:
        return {t.pk: t.naam for t in self.teams}


def verdeling(bron: Bron) -> Sectie:
    """The published versions, the frames of the latest and the moves it carries, with their reasons."""
    sectie = Sectie("verdeling", _("Verdeling en solidariteit"))
    versies = capaciteit_queries.versies_van(lsc_id=bron.lsc.pk, schooljaar=bron.jaar)
    if not versies:
        sectie.leeg = _("Er is voor dit schooljaar geen verdeling gepubliceerd.")
        return sectie
    laatste = versies[0]
    zetten = defaultdict(int)
    for h in capaciteit_queries.alle_verschuivingen(laatste.envelop):
        zetten[h.verdeling_id] += 1
    sectie.uitleg = _(
        "De envelop van %(uren)s uur (brede types) is verdeeld volgens de verdeelsleutel; tijdens het jaar "
        "gaven scholen die minder nodig hadden uren door aan scholen met meer nood (solidariteit)."
    ) % {"uren": laatste.uren}
    sectie.tabellen.append(
        Tabel(
            _("Gepubliceerde versies"),
            _("Versies"),
            (_("Versie"), _("Gepubliceerd op"), _("Envelop (uur)"), _("Herverdelingen")),
            [
                (
                    str(v.versie),
                    f"{timezone.localtime(v.gepubliceerd_op):%d/%m/%Y}",
                    str(v.uren),
                    str(zetten[v.pk]),
                )
                for v in reversed(versies)
            ],
        )
    )
    kaders = list(capaciteit_queries.tijdskaders_van(laatste))
    sectie.tabellen.append(
        Tabel(
            _("Tijdskader per school, versie %(versie)s") % {"versie": laatste.versie},
            _("Verdeling"),
            (_("School"), _("Berekend (uur)"), _("Tijdskader (uur)"), _("Verschoven (uur)")),
            [
                (k.school.naam, str(k.berekende_uren), str(k.uren), _verschil(k.uren - k.berekende_uren))
                for k in kaders
            ]
            + [
                (
                    _("Totaal"),
                    str(sum(k.berekende_uren for k in kaders)),
                    str(sum(k.uren for k in kaders)),
                    _verschil(sum(k.uren - k.berekende_uren for k in kaders)),
                )
            ],
        )
    )
    sectie.tabellen.append(
        Tabel(
            _("Herverdelingen in versie %(versie)s") % {"versie": laatste.versie},
            _("Herverdelingen"),
            (_("Datum"), _("Van"), _("Naar"), _("Uren"), _("Reden")),
            [
                (
                    f"{timezone.localtime(h.wanneer):%d/%m/%Y}",
                    h.van.school.naam,
                    h.naar.school.naam,
                    str(h.uren),
                    h.reden,
                )
                for h in capaciteit_queries.verschuivingen_van(laatste)
            ],
        )
    )
    return sectie


def _verschil(waarde: int) -> str:
    return f"+{waarde}" if waarde > 0 else f"−{-waarde}" if waarde < 0 else "0"


def kadergebruik(bron: Bron) -> Sectie:
    """Frame use per school as on the pictures page (every school of the distribution), and its sum per
    regio team and for the LSC."""
    sectie = Sectie("kadergebruik", _("Gebruik van de tijdskaders"))
    g = beelden.kadergebruik_grafiek(bron.lsc.pk, bron.jaar, None, sorteer="naam", vandaag=bron.vandaag)
    if g is None:
        sectie.leeg = _("Er is voor dit schooljaar geen verdeling gepubliceerd.")
        return sectie
    sectie.uitleg = _("Gebruikt: de gelogde uren brede types.") + " " + _pro_rata_uitleg(bron)
    per_team = [
        _kadersom(team.naam, beelden.kaderrijen(bron.lsc.pk, bron.jaar, [team.pk], vandaag=bron.vandaag))
        for team in bron.teams
    ]
    per_team.append(
        _kadersom(_("Totaal"), beelden.kaderrijen(bron.lsc.pk, bron.jaar, None, vandaag=bron.vandaag))
    )
    sectie.tabellen.append(
        Tabel(
            _("Gebruik per regioteam"),
            _("Kadergebruik regioteam"),
            (
                _("Regioteam"),
                _("Scholen"),
                _("Tijdskader (uur)"),
                _("Gebruikt (uur)"),
                _("Pro rata (uur)"),
                _("Gebruikt van kader"),
            ),
            per_team,
        )
    )
    sectie.tabellen.append(_uit_grafiek(g, _("Kadergebruik school"), met_beeld=False))
    return sectie


def _pro_rata_uitleg(bron: Bron) -> str:
    """What "pro rata" stands at, by the pages' one rule (`cijfers.verstreken_deel`): the school days up to
    today, so a year whose school days are over counts its whole frame (100 %) and the current year its
    share up to today."""
    deel = cijfers.verstreken_deel(schooljaar=bron.jaar, vandaag=bron.vandaag)
    if deel == 1:
        return _(
            "Pro rata: alle schooldagen van dit schooljaar zijn voorbij, dus het volledige kader (100 %)."
        )
    if deel == 0:
        return _("Pro rata: dit schooljaar is nog niet begonnen, dus nog niets van het kader (0 %).")
    return _(
        "Pro rata: het deel van het kader dat de verstreken schooldagen dekken, op %(datum)s: %(procent)s %%."
    ) % {"datum": f"{bron.vandaag:%d/%m/%Y}", "procent": cijfers.procent(deel)}


def _kadersom(naam: str, rijen: list) -> tuple:
    """The frame-use rows of a group summed: the same rows the per-school table shows."""
    uren = sum(r.kader.uren for r in rijen)
    gebruikt = sum(r.opvolging.cijfers.gebruikt for r in rijen)
    return (
        naam,
        str(len(rijen)),
        getal(uren, 0),
        cijfers.uren(gebruikt),
        cijfers.uren(sum(r.opvolging.cijfers.pro_rata for r in rijen)),
        cijfers.procent(Fraction(gebruikt, uren * 60)) if uren else GEEN,
    )


def trajecten(bron: Bron) -> Sectie:
    sectie = Sectie(
        "trajecten",
        _("Trajecten"),
        _(
            "De trajecten die dit schooljaar liepen (aangemeld voor het einde, niet afgesloten voor het "
            "begin), "
            "per regioteam; de looptijd van de afgesloten trajecten en de antwoordtijd van de aanvragen."
        ),
    )
    bladen = {
        "status": _("Trajecten status"),
        "type": _("Trajecten type"),
        "gebondenheid": _("Trajecten soort"),
    }
    for g, indeling in zip(
        beelden.trajecten_grafieken(
            bron.lsc.pk, bron.jaar, bron.ids, bron.namen, indelingen=("status", "type", "gebondenheid")
        ),
        ("status", "type", "gebondenheid"),
        strict=True,
    ):
        sectie.tabellen.append(_uit_grafiek(g, bladen[indeling]))
    dagen = looptijden(lsc_id=bron.lsc.pk, schooljaar=bron.jaar, regioteam_ids=bron.ids)
    bakken = [0] * len(LOOPTIJDEN)
    for duur, aantal in dagen.items():
        bakken[next(i for i, (tot, _l) in enumerate(LOOPTIJDEN) if tot is None or duur <= tot)] += aantal
    labels = [label for _tot, label in LOOPTIJDEN]
    g = grafiek.kolommen(
        id="looptijden",
        titel=_("Looptijd van de afgesloten trajecten, %(jaar)s") % {"jaar": als_tekst(bron.jaar)},
        beschrijving=_(
            "Hoeveel trajecten die dit schooljaar afgesloten werden zo lang liepen, van aanmelding tot "
            "afsluiting."
        ),
        labels=labels,
        waarden=bakken,
        reeks=_("trajecten"),
        opmaak=lambda w: getal(w, 0),
        kop=(_("Looptijd"), _("Afgesloten trajecten")),
        tabelrijen=[(label, getal(w, 0)) for label, w in zip(labels, bakken, strict=True)]
        + [(_("Totaal"), getal(sum(bakken), 0))],
    )
    sectie.tabellen.append(_uit_grafiek(g, _("Looptijden")))
    g = beelden.antwoordtijden_grafiek(
        bron.lsc.pk, bron.jaar, bron.ids, termijn=bron.lsc.antwoordtermijn_dagen
    )
    sectie.tabellen.append(_uit_grafiek(g, _("Antwoordtijden")))
    return sectie


def focus(bron: Bron) -> Sectie:
    sectie = Sectie(
        "focus",
        _("Inzet van de focusteams"),
        _("De vragen aan een focusteam die dit schooljaar gesteld werden, per focus en hoe ver ze nu staan."),
    )
    tellingen: dict = defaultdict(lambda: defaultdict(int))
    for rij in focusvragen_per_focus(lsc_id=bron.lsc.pk, schooljaar=bron.jaar):
        tellingen[rij["focus"]][rij["status"]] += rij["aantal"]
    statussen = Focusvraag.Status.choices
    rijen = [
        (str(label), *(str(tellingen[f][s]) for s, _l in statussen), str(sum(tellingen[f].values())))
        for f, label in Focus.choices
    ]
    rijen.append(
        (
            _("Totaal"),
            *(str(sum(tellingen[f][s] for f in tellingen)) for s, _l in statussen),
            str(sum(sum(t.values()) for t in tellingen.values())),
        )
    )
    sectie.tabellen.append(
        Tabel(
            _("Vragen aan de focusteams"),
            _("Focusteams"),
            (_("Focusteam"), *(str(label) for _s, label in statussen), _("Totaal")),
            rijen,
        )
    )
    return sectie


def overlegronde(bron: Bron) -> Sectie:
    sectie = Sectie(
        "overleg",
        _("Schoolbeeldoverleg"),
        _("Hoe ver het schoolbeeldoverleg van elke school staat, en de tweede momenten later in het jaar."),
    )
    sectie.tabellen.append(
        _uit_grafiek(
            beelden.overlegronde_grafiek(bron.lsc.pk, bron.jaar, bron.ids, bron.namen), _("Overlegronde")
        )
    )
    per_team = {
        r["regioteam"]: r
        for r in tweede_momenten_per_regioteam(
            lsc_id=bron.lsc.pk, schooljaar=bron.jaar, regioteam_ids=bron.ids
        )
    }
    rijen = []
    for team in bron.teams:
        r = per_team.get(team.pk, {})
        rijen.append((team.naam, *(str(r.get(k, 0)) for k in ("gehouden", "gepland", "bijgestuurd"))))
    rijen.append(
        (
            _("Totaal"),
            *(
                str(sum(r.get(k, 0) for r in per_team.values()))
                for k in ("gehouden", "gepland", "bijgestuurd")
            ),
        )
    )
    sectie.tabellen.append(
        Tabel(
            _("Tweede momenten per regioteam"),
            _("Tweede momenten"),
            (_("Regioteam"), _("Overleg gehouden"), _("Tweede moment gepland"), _("Bijsturing genoteerd")),
            rijen,
        )
    )
    return sectie


def afsluitvragen(bron: Bron) -> Sectie:
    sectie = Sectie(
        "afsluitvragen",
        _("Wat de scholen zeggen bij de afsluiting"),
        _(
            "Bij de afronding van een traject krijgt de school twee vragen: wat neemt ze mee, en waar liggen "
            "nog kansen. De citaten staan zonder school, klas, traject of datum; namen van leerlingen, "
            "ondersteuners en zorgmedewerkers zijn weggelaten (…)."
        ),
    )
    rijen = afsluiting.samenvatting(bron.gebruiker, bron.jaar)
    totalen = afsluiting.totalen(rijen)
    sectie.tabellen.append(
        Tabel(
            _("Afsluitvragen per school"),
            _("Afsluitvragen"),
            (
                _("School"),
                _("Afgeronde trajecten"),
                _("Afsluitvragen verstuurd"),
                _("Afsluitvragen beantwoord"),
            ),
            [(r.school, str(r.afgerond), str(r.verstuurd), str(r.beantwoord)) for r in rijen]
            + [
                (_("Totaal"), str(totalen["afgerond"]), str(totalen["verstuurd"]), str(totalen["beantwoord"]))
            ],
        )
    )
    namen = _namen_per_school(bron, [r.school_id for r in rijen])
    per_vraag: dict[str, Counter] = {}
    for rij in rijen:
        for vraag, tekst in rij.citaten:
            per_vraag.setdefault(vraag, Counter())[zonder_namen(tekst, namen[rij.school_id])] += 1
    # The same answer given more than once is printed once, with how often: by text, nothing else.
    sectie.citaten = [(vraag, sorted(teksten.items())) for vraag, teksten in per_vraag.items()]
    return sectie


# Words of a surname that name no one on their own ("Van den Broeck": "Van" and "den" stay, "Broeck" goes).
TUSSENVOEGSELS = frozenset(
    {"van", "von", "de", "der", "den", "d'", "t", "ten", "ter", "te", "het", "la", "le", "du", "des", "del"}
    | {"della", "di", "da", "dos", "das", "vande", "vanden", "vander"}
)
WEGGELATEN = "…"


def _namen_per_school(bron: Bron, school_ids: list) -> dict[int, set[str]]:
    """Per school, the names no quote of it may carry: the first name of every pupil known at the school (any
    trajectory, any LSC, any year; an anonymised pupil's placeholder is no name), and the first and last
    names of the people around it: every account of the LSC, the school's care staff, and every supporter who
    worked on a trajectory there. Four queries however many schools."""
    gedeeld = set().union(
        *(_naamdelen(n) for n in Gebruiker.objects.filter(lsc=bron.lsc).values_list("naam", flat=True))
    )
    per_school: dict[int, set[str]] = {pk: set(gedeeld) for pk in school_ids}
    for school_id, voornaam in Leerling.objects.filter(
        school__in=school_ids, geanonimiseerd_op__isnull=True
    ).values_list("school_id", "voornaam"):
        per_school[school_id] |= _naamdelen(voornaam)
    for school_id, naam in School.zorgmedewerkers.through.objects.filter(school__in=school_ids).values_list(
        "school_id", "gebruiker__naam"
    ):
        per_school[school_id] |= _naamdelen(naam)
    for school_id, naam in (
        Toewijzing.objects.filter(traject__school__in=school_ids)
        .values_list("traject__school_id", "ondersteuner__gebruiker__naam")
        .distinct()
    ):
        per_school[school_id] |= _naamdelen(naam)
    return per_school


def _naamdelen(naam: str | None) -> set[str]:
    """A person's name as the words a quote may use for them: the whole name, the first name, the surname,
    and the surname's last word when it has particles ("Sofie Van den Broeck": also "Sofie", "Van den
    Broeck", "Broeck"). A single letter is no name."""
    woorden = (naam or "").split()
    if not woorden:
        return set()
    delen = {" ".join(woorden), woorden[0]}
    if len(woorden) > 1:
        delen.add(" ".join(woorden[1:]))
        if _gevouwen(woorden[-1])[0] not in TUSSENVOEGSELS:
            delen.add(woorden[-1])
    return {d for d in delen if len(d) > 1 and _gevouwen(d)[0] not in TUSSENVOEGSELS}


def _gevouwen(tekst: str) -> tuple[str, list[int]]:
    """The text without case or accents ("Zoë" → "zoe"), and for each of its characters the position of the
    character it came from, so a match in the folded text can be cut from the original."""
    letters, herkomst = [], []
    for plaats, teken in enumerate(tekst):
        for letter in unicodedata.normalize("NFKD", teken).casefold():
            if not unicodedata.combining(letter):
                letters.append(letter)
                herkomst.append(plaats)
    return "".join(letters), herkomst


def zonder_namen(tekst: str, namen: set[str]) -> str:
    """`tekst` with each of `namen` as a whole word (case and accents aside) replaced by "…", the longest
    name first; the rest of the text as written ("Noor" goes, "noordelijk" stays)."""
    gevouwen, herkomst = _gevouwen(tekst)
    genomen = [False] * len(tekst)
    stukken: list[tuple[int, int]] = []
    for naam in sorted({_gevouwen(n)[0] for n in namen}, key=len, reverse=True):
        patroon = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in naam.split()) + r"(?!\w)"
        for gevonden in re.finditer(patroon, gevouwen):
            begin, einde = herkomst[gevonden.start()], herkomst[gevonden.end() - 1] + 1
            if not any(genomen[begin:einde]):
                genomen[begin:einde] = [True] * (einde - begin)
                stukken.append((begin, einde))
    for begin, einde in sorted(stukken, reverse=True):
        tekst = tekst[:begin] + WEGGELATEN + tekst[einde:]
    return tekst


def team(bron: Bron) -> Sectie:
    sectie = Sectie(
        "team",
        _("Het team"),
        _("Per ondersteuner de opdracht, de uren die ze beschikbaar maakt en wat gepland en gelogd is."),
    )
    g = beelden.belasting_grafiek(bron.lsc.pk, bron.jaar, bron.ids, vandaag=bron.vandaag)
    sectie.tabellen.append(_uit_grafiek(g, _("Team"), met_beeld=False))
    return sectie


def vormingen(bron: Bron) -> Sectie:
    # --- issue 20 part 4 (trainings) is built beside this: once its model is on main, list them here.
    return Sectie("vormingen", _("Vormingen"), leeg=_("Nog geen vormingen geregistreerd."))


DELEN = (verdeling, kadergebruik, trajecten, focus, overlegronde, afsluitvragen, team, vormingen)
STAPPEN = len(DELEN) + 2  # the parts, then the PDF and the XLSX


# ------------------------------------------------------------------------------------ the files


def als_pdf(*, lsc, jaar: int, secties: list[Sectie], gemaakt_op: dt.datetime) -> tuple[bytes, int]:
    html = render_to_string(
        "honingraat/pdf/jaarverslag.html",
        {"lsc": lsc, "schooljaar": als_tekst(jaar), "secties": secties, "gemaakt_op": gemaakt_op},
    )
    return pdf_en_paginas(html)


def _cel(waarde):
    """A figure as a number in the spreadsheet ("12,5" → 12.5), text as text: the same value as on screen."""
    if isinstance(waarde, str) and GETAL.match(waarde):
        return int(waarde) if "," not in waarde else Decimal(waarde.replace(",", "."))
    return waarde


def als_xlsx(*, jaar: int, secties: list[Sectie]) -> bytes:
    bladen = []
    for sectie in secties:
        for tabel in sectie.tabellen:
            bladen.append((tabel.blad, [list(tabel.kop), *([_cel(w) for w in rij] for rij in tabel.rijen)]))
        if sectie.citaten:
            bladen.append(
                (
                    _("Citaten"),
                    [
                        [_("Vraag"), _("Antwoord"), _("Aantal keer")],
                        *([v, t, n] for v, teksten in sectie.citaten for t, n in teksten),
                    ],
                )
            )
    return export.als_xlsx_bladen(bladen)


def bestandsnaam(jaarverslag: Jaarverslag, formaat: str) -> str:
    return f"jaarverslag-{als_tekst(jaarverslag.schooljaar)}.{formaat}"


# ------------------------------------------------------------------------------------ services


def jaarverslag_aanvragen(*, door, schooljaar: int) -> Jaarverslag:
    """Queues a new run for the year of `door`'s LSC; a finished report of that year is replaced once the
    new one is ready. Refused while a run of that year is still going (unless it is stuck, VASTGELOPEN)."""
    with transaction.atomic():
        verslag, _nieuw = Jaarverslag.objects.select_for_update().get_or_create(
            lsc_id=door.lsc_id, schooljaar=schooljaar, defaults={"gevraagd_door": door}
        )
        if not _nieuw and verslag.bezig and verslag.gevraagd_op > timezone.now() - VASTGELOPEN:
            raise JaarverslagGeweigerd(
                _("Het jaarverslag %(jaar)s wordt al gemaakt: wacht tot het klaar is.")
                % {"jaar": als_tekst(schooljaar)}
            )
        verslag.status = Jaarverslag.Status.WACHTRIJ
        verslag.stap, verslag.stappen, verslag.fout = 0, STAPPEN, ""
        verslag.gevraagd_door = door
        verslag.gevraagd_op = timezone.now()
        verslag.begonnen_op = verslag.klaar_op = None
        verslag.save()
        log_actie(
            door=door,
            actie="honingraat.jaarverslag.aangevraagd",
            obj=verslag,
            wijzigingen={"schooljaar": als_tekst(schooljaar)},
        )
        na_commit("honingraat.tasks.maak_jaarverslag", verslag.pk)
    return verslag


def jaarverslag_maken(*, jaarverslag_id: int) -> Jaarverslag | None:
    """The job: every part in turn (progress after each), then the PDF and the XLSX, stored."""
    with transaction.atomic():
        verslag = Jaarverslag.objects.select_for_update().filter(pk=jaarverslag_id).first()
        if verslag is None or verslag.status != Jaarverslag.Status.WACHTRIJ:
            return verslag  # a second delivery of a run that is busy or done
        verslag.status, verslag.begonnen_op, verslag.stap = Jaarverslag.Status.BEZIG, timezone.now(), 0
        verslag.save(update_fields=["status", "begonnen_op", "stap"])
    try:
        bron = _bron(verslag)
        secties = []
        for deel in DELEN:
            secties.append(deel(bron))
            _stap(verslag)
        begin = time.perf_counter()
        pdf, paginas = als_pdf(lsc=bron.lsc, jaar=bron.jaar, secties=secties, gemaakt_op=timezone.localtime())
        verslag.render_ms = round((time.perf_counter() - begin) * 1000)
        _stap(verslag)
        xlsx = als_xlsx(jaar=bron.jaar, secties=secties)
        _stap(verslag)
    except Exception as fout:
        Jaarverslag.objects.filter(pk=verslag.pk).update(
            status=Jaarverslag.Status.MISLUKT,
            klaar_op=timezone.now(),
            fout=str(fout)
            if isinstance(fout, JaarverslagGeweigerd)
            else _(
                "Het jaarverslag kon niet gemaakt worden door een fout in de verwerking. Probeer het "
                "opnieuw; "
                "blijft het mislukken, meld het dan aan de beheerder."
            ),
        )
        raise
    oud = [f.name for f in (verslag.pdf, verslag.xlsx) if f]
    verslag.pdf.save(bestandsnaam(verslag, "pdf"), ContentFile(pdf), save=False)
    verslag.xlsx.save(bestandsnaam(verslag, "xlsx"), ContentFile(xlsx), save=False)
    verslag.paginas = paginas
    verslag.status, verslag.klaar_op = Jaarverslag.Status.KLAAR, timezone.now()
    verslag.save()
    opslag = verslag.pdf.storage
    for naam in oud:
        if naam not in {verslag.pdf.name, verslag.xlsx.name}:
            opslag.delete(naam)
    return verslag


def wachtende_ids() -> list[int]:
    """The runs no worker has taken yet; a second delivery of one is harmless (the job takes only these)."""
    return list(Jaarverslag.objects.filter(status=Jaarverslag.Status.WACHTRIJ).values_list("pk", flat=True))


def _bron(verslag: Jaarverslag) -> Bron:
    door = verslag.gevraagd_door
    if door is None or door.lsc_id != verslag.lsc_id:
        raise JaarverslagGeweigerd(_("Wie het jaarverslag vroeg, werkt niet meer voor dit leersteuncentrum."))
    return Bron(
        lsc=Leersteuncentrum.objects.get(pk=verslag.lsc_id),
        jaar=verslag.schooljaar,
        gebruiker=door,
        teams=list(regioteams_zichtbaar_voor(door).order_by("naam")),
        vandaag=timezone.localdate(),
    )


def _stap(verslag: Jaarverslag) -> None:
    verslag.stap += 1
    Jaarverslag.objects.filter(pk=verslag.pk).update(stap=verslag.stap)


def jaarverslag_gedownload(*, door, jaarverslag: Jaarverslag, formaat: str) -> None:
    log_actie(
        door=door,
        actie="honingraat.jaarverslag.gedownload",
        obj=jaarverslag,
        wijzigingen={"schooljaar": als_tekst(jaarverslag.schooljaar), "formaat": formaat},
    )
