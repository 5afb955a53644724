"""The figures audit (issue 16.5): every figure the capacity pages, the XLSX and the PDF show, recomputed from
the raw tables, must be equal.

Each seed builds a world: two LSCs that share some schools, figures over nine school years, an envelope
with a drawn key published in two or three versions with moves of hours between them (some carried, some
let go), supporters with their assignments and anchor schools, trajectories of broad and small types with
their logbook lines over the school year (and the year before), week plans (replaced, published, proposed)
and a day in the school year. Then the pages are read as their users read them: the frame page of every
school (the coordinator's and, for the schools both LSCs serve, the administrator's with both frames), the
follow-up, every supporter's page, the capacity planning, the published week plan, the XLSX of every
version and the PDF of the latest one. The figures are found through the templates' markers (`data-cijfer`
on a figure, `data-school`, `data-ondersteuner`, `data-maand`, ... on what it belongs to); the PDF and the
XLSX by their rows.

The expected figures are computed here, from rows read as plain values, with this module's own arithmetic
and own Dutch number format: the key (largest remainder, its ties), the moves per version, the school days
(the Flemish calendar of netwerk.kalender is the one input taken as given: its own tests check it against
published calendars), the pro rata, the signals and the weeks. Nothing of capaciteit is called to compute
an expected figure. Both sides are compared as whole sets: a figure shown but not expected, or expected but
not shown, fails as much as a different one.
"""

import datetime as dt
import io
import math
import random
import re
from collections import defaultdict
from fractions import Fraction
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capaciteit import services
from capaciteit.models import Envelop, Herverdeling, Planregel, Tijdskader, Verdeling, Weekplan
from honingraat import jaarverslag
from netwerk.duur import als_uren
from netwerk.models import Ondersteuner, Rol
from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers
from tests import factories
from tests.support.capaciteit import schooldagen
from trajecten.models import Logboekregel, Toewijzing, Traject

JAAR = 2026
SEEDS = list(range(1, 9))
BREED = {"basisaanbod", "3", "9"}
KLEIN = ["2", "4", "6", "7"]
# Letters only: the step texts are compared by the numbers in them, so no digit may hide in a name.
# fmt: off
NAMEN = [
    "Akker", "Beuk", "Ceder", "Duin", "Eik", "Feniks", "Gaai", "Haven", "Iris", "Jasmijn",
    "Kiem", "Linde", "Meander", "Noord", "Olm", "Parel", "Quercus", "Regenboog", "Spoor", "Tulp",
]
# fmt: on
BRUSSEL = ZoneInfo("Europe/Brussels")
MAANDEN = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)
# The thresholds the pages promise (issue 16.5), written here as the specification.
VER_BOVEN, VER_ONDER, MINSTE_WEKEN, VOLTIJDSE_WEEK = Fraction(6, 5), Fraction(1, 2), 6, 38


# ------------------------------------------------------------------------------------- numbers, as shown


def _half_op(waarde: Fraction, plaatsen: int) -> Fraction:
    geschaald = abs(waarde) * 10**plaatsen
    return Fraction(math.floor(geschaald + Fraction(1, 2)) * (1 if waarde >= 0 else -1), 10**plaatsen)


def _tekst(waarde, plaatsen: int = 1, *, nullen: bool = False) -> str:
    """A Dutch number, rounded half up; without trailing zeros unless `nullen`."""
    afgerond = _half_op(Fraction(waarde), plaatsen)
    teken = "-" if afgerond < 0 else ""
    geheel, rest = divmod(abs(afgerond) * 10**plaatsen, 10**plaatsen)
    tekst = f"{teken}{int(geheel)}"
    if plaatsen:
        decimalen = f"{int(rest):0{plaatsen}d}"
        if not nullen:
            decimalen = decimalen.rstrip("0")
        if decimalen:
            tekst += "," + decimalen
    return "0" if tekst == "-0" else tekst


def _uren(minuten, plaatsen: int = 1) -> str:
    return "—" if minuten is None else _tekst(Fraction(minuten) / 60, plaatsen)


def _getallen(tekst: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+(?:,\d+)?", tekst))


def _verschil(waarde: int) -> str:
    return f"+{waarde}" if waarde > 0 else f"−{-waarde}" if waarde < 0 else "0"


# ---------------------------------------------------------------------------------- what a page shows

LEGE_ELEMENTEN = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Figures inside sentences are compared by the numbers in them.
ZINNEN = ("invoer_", "stap_", "beweging_", "formule", "voltijds")


class _Markeringen(HTMLParser):
    """Each element with data-cijfer: its text (or its data-signaal), keyed by its ancestors' data-*."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stapel: list[tuple[str, dict]] = []
        self.open: list[tuple[int, list[str]]] = []
        self.gevonden: dict[tuple, list] = defaultdict(list)

    def handle_starttag(self, tag, attrs):
        # data-kop names a column on a phone (stacked rows): a label, not where a figure belongs.
        data = {k: v or "" for k, v in attrs if k.startswith("data-") and k != "data-kop"}
        if tag in LEGE_ELEMENTEN:
            return
        self.stapel.append((tag, data))
        if "data-cijfer" in data:
            self.open.append((len(self.stapel) - 1, []))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in LEGE_ELEMENTEN:
            self.handle_endtag(tag)

    def handle_data(self, data):
        for _, delen in self.open:
            delen.append(data)

    def handle_endtag(self, tag):
        for i in range(len(self.stapel) - 1, -1, -1):
            if self.stapel[i][0] == tag:
                break
        else:
            return
        while self.open and self.open[-1][0] >= i:
            index, delen = self.open.pop()
            self._bewaar(index, " ".join("".join(delen).split()))
        del self.stapel[i:]

    def _bewaar(self, index: int, tekst: str) -> None:
        context = {}
        for _, data in self.stapel[: index + 1]:
            context.update(data)
        naam = context.pop("data-cijfer")
        waarde = context.pop("data-signaal") if "data-signaal" in self.stapel[index][1] else tekst
        context.pop("data-signaal", None)
        if naam.startswith("beweging_"):
            waarde = (*_getallen(tekst), "uit" if "afgegeven" in tekst else "in")
        elif naam.startswith(ZINNEN):
            waarde = _getallen(tekst)
        sleutel = (*sorted((k.removeprefix("data-"), v) for k, v in context.items()), naam)
        self.gevonden[sleutel].append(waarde)


def _getoond(html: str, pagina: str) -> dict:
    lezer = _Markeringen()
    lezer.feed(html)
    lezer.close()
    return {(pagina, *k): v[0] if len(v) == 1 else v for k, v in lezer.gevonden.items()}


def _sleutel(pagina: str, *naam, **context) -> tuple:
    return (pagina, *sorted((k, str(v)) for k, v in context.items()), *naam)


# ---------------------------------------------------------------------------------------------- the world


def _bouw(rng: random.Random, vandaag: dt.date) -> dict:
    """The world of one seed; returns who to log in as and what to read."""
    a = factories.LscFactory(naam="LSC Audit Noord")
    b = factories.LscFactory(naam="LSC Audit Zuid")
    coordinator = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=a, naam="Coördinator Audit")
    coordinator_b = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=b, naam="Coördinator Zuid")
    admin = factories.GebruikerFactory(rol=Rol.ADMIN, lsc=None, is_staff=True, is_superuser=True)
    namen = rng.sample(NAMEN, rng.randint(5, 15) + 2)
    scholen = [factories.SchoolFactory(naam=f"School {n}") for n in namen[:-2]]
    eigen_b = [factories.SchoolFactory(naam=f"School {n}") for n in namen[-2:]]
    gedeeld = rng.sample(scholen, rng.randint(1, min(4, len(scholen))))
    for school in scholen:
        factories.BedieningFactory(lsc=a, school=school)
    for school in gedeeld + eigen_b:
        factories.BedieningFactory(lsc=b, school=school)
    for school in scholen + eigen_b:
        for jaar in range(JAAR - 9, JAAR):
            if jaar >= JAAR - 2 or rng.random() < 0.8:  # the reference years always, the window mostly
                factories.CijfersFactory(
                    school=school,
                    schooljaar=jaar,
                    leerlingen=rng.randint(40, 900),
                    gc_verslagen=rng.randint(0, 25),
                    iac_verslagen=rng.randint(0, 8),
                    ov4_verslagen=rng.randint(0, 4),
                )
    envelop = _envelop(rng, a)
    _versies(rng, envelop, scholen, coordinator)
    envelop_b = _envelop(rng, b)
    services.verdeling_publiceren(door=coordinator_b, envelop=envelop_b)

    ondersteuners = [
        factories.OndersteunerFactory(
            lsc=a,
            opdracht_procent=rng.choice([50, 60, 80, 100, rng.randint(1, 100)]),
            gebruiker__naam=f"Ondersteuner {naam}",
        )
        for naam in rng.sample(NAMEN, rng.randint(3, 8))
    ]
    inactief = ondersteuners[-1]
    inactief.gebruiker.is_active = rng.random() < 0.5
    inactief.gebruiker.save()
    ondersteuners_b = [factories.OndersteunerFactory(lsc=b, gebruiker__naam="Ondersteuner Zuid")]
    for school in scholen:
        for jaar in (JAAR, JAAR - 1):
            if rng.random() < 0.7:
                factories.AnkerFactory(school=school, ondersteuner=rng.choice(ondersteuners), schooljaar=jaar)
    _trajecten(rng, a, scholen, ondersteuners, vandaag)
    _trajecten(rng, b, gedeeld, ondersteuners_b, vandaag)
    weekplan = _weekplannen(rng, a, scholen, ondersteuners)
    if rng.random() < 0.5:  # the envelope changed after the last publication: the preview differs
        envelop.uren += envelop.eenheid * rng.randint(1, 40)
        envelop.save()
    return {
        "a": a,
        "b": b,
        "coordinator": coordinator,
        "admin": admin,
        "scholen": scholen,
        "gedeeld": gedeeld,
        "ondersteuners": ondersteuners,
        "weekplan": weekplan,
    }


def _envelop(rng: random.Random, lsc) -> Envelop:
    eenheid = rng.choice([1, 1, 4])
    return Envelop.objects.create(
        lsc=lsc,
        schooljaar=JAAR,
        uren=eenheid * rng.randint(500, 5000),
        eenheid=eenheid,
        uren_per_voltijdse=rng.choice([None, 1000, rng.randint(600, 1400)]),
        gewicht_leerlingen=rng.choice([70, 70, 50, 80, 100, rng.randint(0, 100)]),
        venster_jaren=rng.choice([6, 6, 8, rng.randint(1, 8)]),
        verslagsoorten=rng.sample(["gc", "iac", "ov4"], rng.randint(1, 3)),
        referentiejaar=rng.choice([None, None, JAAR - 2]),
        schoolweken=rng.choice([36, 36, rng.randint(34, 38)]),
    )


def _verschuif(rng: random.Random, verdeling: Verdeling, scholen, door, aantal: int) -> None:
    for _ in range(aantal):
        van, naar = rng.sample(scholen, 2)
        beschikbaar = Tijdskader.objects.get(verdeling=verdeling, school=van).uren
        if beschikbaar:
            services.uren_verschuiven(
                door=door,
                verdeling=verdeling,
                van_school_id=van.pk,
                naar_school_id=naar.pk,
                uren=rng.randint(1, min(beschikbaar, 60)),
                reden=rng.choice(["Minder nood na de herfstvakantie", "Nieuwe aanmeldingen", "Solidariteit"]),
            )


def _versies(rng: random.Random, envelop: Envelop, scholen, door) -> None:
    verdeling = services.verdeling_publiceren(door=door, envelop=envelop)
    _verschuif(rng, verdeling, scholen, door, rng.randint(1, 4))
    for _ in range(rng.randint(1, 2)):
        envelop.uren += envelop.eenheid * rng.randint(-30, 60) or envelop.eenheid
        envelop.gewicht_leerlingen = rng.choice([envelop.gewicht_leerlingen, rng.randint(0, 100)])
        envelop.save()
        zetten = list(verdeling.herverdelingen.values_list("pk", flat=True))
        vervallen = [pk for pk in zetten if rng.random() < 0.3]
        verdeling = services.verdeling_publiceren(door=door, envelop=envelop, vervallen=vervallen)
        _verschuif(rng, verdeling, scholen, door, rng.randint(0, 3))


def _trajecten(rng: random.Random, lsc, scholen, ondersteuners, vandaag: dt.date) -> None:
    """Trajectories of broad and small types, and logbook lines: per school, on its broad types, about a
    drawn share (20 % to 180 %) of what its frame allows so far, so that every signal occurs; and lines of
    every kind on any day since June of the year before (outside the school year, or on small types)."""
    kaders = dict(
        Tijdskader.objects.filter(verdeling__envelop__lsc=lsc)
        .order_by("verdeling__versie")
        .values_list("school_id", "uren")
    )
    september = dt.date(JAAR, 9, 1)
    verstreken = min(max((vandaag - september).days + 1, 0), 303) / 303
    regels = []

    def regel(traject, wie, van: dt.date, minuten: int) -> Logboekregel:
        return Logboekregel(
            traject=traject,
            ondersteuner=rng.choice(wie),
            datum=van + dt.timedelta(days=rng.randint(0, max((vandaag - van).days, 0))),
            minuten=minuten,
            activiteit="observatie",
        )

    for school in scholen:
        trajecten = []
        for nummer in range(rng.randint(1, 4)):
            traject = factories.TrajectFactory(
                lsc=lsc,
                school=school,
                type=rng.choice(sorted(BREED) if nummer == 0 else [*BREED, *KLEIN]),
                status=rng.choice(
                    ["lopend", "lopend", "afgerond", "aangemeld", "in_behandeling", "stopgezet"]
                ),
                intensiteit_minuten=rng.choice([None, 30, 45, 60, 90, 120, 240, 480]),
                frequentie=rng.choice(["", "week", "2weken", "maand"]),
            )
            wie = rng.sample(ondersteuners, rng.randint(1, min(2, len(ondersteuners))))
            for ondersteuner in wie:
                factories.ToewijzingFactory(traject=traject, ondersteuner=ondersteuner)
            trajecten.append((traject, wie))
        doel = kaders.get(school.pk, 0) * 60 * verstreken * rng.uniform(0.2, 1.8)
        breed = [(t, wie) for t, wie in trajecten if t.type in BREED]
        gelogd = 0
        while gelogd < doel and vandaag >= september:
            traject, wie = rng.choice(breed)
            regels.append(regel(traject, wie, september, rng.choice([30, 45, 60, 90, 120, 180, 240, 360])))
            gelogd += regels[-1].minuten
        for _ in range(rng.randint(0, 8)):
            traject, wie = rng.choice(trajecten)
            regels.append(regel(traject, wie, dt.date(JAAR - 1, 6, 1), rng.choice([5, 15, 25, 60, 120, 600])))
    Logboekregel.objects.bulk_create(regels)


def _weekplannen(rng: random.Random, lsc, scholen, ondersteuners) -> Weekplan:
    gepubliceerd = None
    for status, versie in (
        (Weekplan.Status.VERVANGEN, 1),
        (Weekplan.Status.GEPUBLICEERD, 2),
        (Weekplan.Status.VOORSTEL, None),
    ):
        cyclus = rng.choice([1, 2])
        plan = Weekplan.objects.create(
            lsc=lsc,
            schooljaar=JAAR,
            status=status,
            versie=versie,
            instellingen={"cyclus_weken": cyclus},
            gepubliceerd_op=timezone.now() if versie else None,
        )
        bezoeken = {}
        for ondersteuner in ondersteuners:
            for _ in range(rng.randint(0, 8)):
                bezoeken[ondersteuner.pk, rng.choice(scholen).pk, rng.randrange(5 * cyclus)] = rng.randint(
                    1, 16
                )
        Planregel.objects.bulk_create(
            Planregel(weekplan=plan, ondersteuner_id=o, school_id=s, dag=d, blokken=n)
            for (o, s, d), n in bezoeken.items()
        )
        if status == Weekplan.Status.GEPUBLICEERD:
            gepubliceerd = plan
    return gepubliceerd


# --------------------------------------------------------------------------- the figures, from raw rows


def _verdeel(rijen: list[dict], *, uren: int, gewicht_leerlingen: int, eenheid: int) -> dict[str, dict]:
    """The key, from scratch: W = wP·P/ΣP + wR·R/ΣR (all by pupils when ΣR = 0), ⌊N·W⌋ units each, the
    units left one each to the largest remainders, ties to the larger W, then the lower number."""
    som_p = sum(r["P"] for r in rijen)
    som_r = sum(r["R"] for r in rijen)
    n = uren // eenheid
    uit = {}
    for r in rijen:
        if som_r:
            w = (
                Fraction(gewicht_leerlingen, 100) * Fraction(r["P"], som_p)
                + Fraction(100 - gewicht_leerlingen, 100) * r["R"] / som_r
            )
        else:
            w = Fraction(r["P"], som_p)
        uit[r["nummer"]] = {**r, "W": w, "quotum": n * w, "basis": math.floor(n * w), "extra": 0}
    volgorde = sorted(uit.values(), key=lambda s: (-(s["quotum"] - s["basis"]), -s["W"], int(s["nummer"])))
    for s in volgorde[: n - sum(s["basis"] for s in uit.values())]:
        s["extra"] = 1
    for s in uit.values():
        s["berekend"] = (s["basis"] + s["extra"]) * eenheid
    return uit


def _invoer(lsc_id: int, *, referentie: int, venster: int, soorten: list[str]) -> list[dict]:
    """P, R and the years with figures of every school the LSC serves, from Schooljaarcijfers."""
    ids = set(Bediening.objects.filter(lsc=lsc_id).values_list("school_id", flat=True))
    scholen = {
        s["pk"]: s for s in School.objects.filter(pk__in=ids).values("pk", "instellingsnummer", "naam")
    }
    per_school = defaultdict(dict)
    for c in Schooljaarcijfers.objects.filter(school_id__in=ids).values():
        per_school[c["school_id"]][c["schooljaar"]] = c
    rijen = []
    for pk, school in scholen.items():
        jaren = per_school[pk]
        in_venster = [jaren[j] for j in range(JAAR - venster, JAAR) if j in jaren]
        verslagen = [sum(c[f"{s}_verslagen"] for s in soorten) for c in in_venster]
        rijen.append(
            {
                "school": pk,
                "nummer": school["instellingsnummer"],
                "naam": school["naam"],
                "P": jaren[referentie]["leerlingen"],
                "R": Fraction(sum(verslagen), len(verslagen)) if verslagen else Fraction(0),
                "jaren": len({j for j in jaren if JAAR - venster <= j < JAAR}),
            }
        )
    return rijen


def _versie(verdeling: dict) -> dict:
    """A published version recomputed: its key from its own settings, its hours now with its moves."""
    sleutel = verdeling["sleutel"]
    rijen = _invoer(
        verdeling["envelop__lsc"],
        referentie=sleutel["referentiejaar"],
        venster=sleutel["venster_jaren"],
        soorten=sleutel["verslagsoorten"],
    )
    uit = _verdeel(
        rijen,
        uren=verdeling["uren"],
        gewicht_leerlingen=sleutel["gewicht_leerlingen"],
        eenheid=sleutel["eenheid"],
    )
    per_school = {s["school"]: s for s in uit.values()}
    kader_school = dict(Tijdskader.objects.filter(verdeling=verdeling["pk"]).values_list("pk", "school_id"))
    for s in per_school.values():
        s["nu"], s["bewegingen"] = s["berekend"], []
    for h in Herverdeling.objects.filter(verdeling=verdeling["pk"]).order_by("wanneer", "pk").values():
        van, naar = kader_school[h["van_id"]], kader_school[h["naar_id"]]
        per_school[van]["nu"] -= h["uren"]
        per_school[naar]["nu"] += h["uren"]
        datum = h["wanneer"].astimezone(BRUSSEL)
        per_school[van]["bewegingen"].append((str(datum.day), str(datum.year), str(h["uren"]), "uit"))
        per_school[naar]["bewegingen"].append((str(datum.day), str(datum.year), str(h["uren"]), "in"))
    return {**verdeling, "scholen": per_school, "som_p": sum(s["P"] for s in per_school.values())}


def _versies_van(lsc) -> list[dict]:
    return [
        _versie(v)
        for v in Verdeling.objects.filter(envelop__lsc=lsc, envelop__schooljaar=JAAR)
        .order_by("versie")
        .values("pk", "versie", "uren", "sleutel", "envelop__lsc")
    ]


def _minuten(lsc_id: int) -> dict[int, dict[tuple[int, int], list[int]]]:
    """Per school, per (year, month): [brede, kleine] minutes logged for the LSC this school year."""
    soort = dict(Traject.objects.filter(lsc=lsc_id).values_list("pk", "type"))
    school = dict(Traject.objects.filter(lsc=lsc_id).values_list("pk", "school_id"))
    uit: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in Logboekregel.objects.filter(traject__lsc=lsc_id).values("traject_id", "datum", "minuten"):
        if dt.date(JAAR, 9, 1) <= r["datum"] < dt.date(JAAR + 1, 9, 1):
            uit[school[r["traject_id"]]][r["datum"].year, r["datum"].month][
                0 if soort[r["traject_id"]] in BREED else 1
            ] += r["minuten"]
    return uit


def _gebruik(*, uren: int, weken: int, per_maand: dict, vandaag: dt.date, dagen: list[dt.date]) -> dict:
    verstreken = Fraction(sum(1 for d in dagen if d <= vandaag), len(dagen))
    kader = uren * 60
    gebruikt = sum(m[0] for m in per_maand.values())
    pro_rata = kader * verstreken
    weken_nu = weken * verstreken
    if weken_nu < MINSTE_WEKEN:
        signaal = "te_vroeg"
    elif gebruikt > VER_BOVEN * pro_rata:
        signaal = "boven"
    elif gebruikt < VER_ONDER * pro_rata:
        signaal = "onder"
    else:
        signaal = "binnen"
    maanden = []
    for m in (*MAANDEN, 7, 8):
        jaar = JAAR if m >= 9 else JAAR + 1
        if m in (7, 8) and (jaar, m) not in per_maand:
            continue
        in_maand = sum(1 for d in dagen if (d.year, d.month) == (jaar, m))
        breed, klein = per_maand.get((jaar, m), (0, 0))
        maanden.append((f"{jaar}-{m:02d}", kader * Fraction(in_maand, len(dagen)), breed, klein))
    return {
        "gebruikt": gebruikt,
        # What is left of the frame for the rest of the year; used beyond it, 0 and the hours above.
        "resterend": max(kader - gebruikt, 0),
        "boven_kader": max(gebruikt - kader, 0),
        "klein": sum(m[1] for m in per_maand.values()),
        "pro_rata": pro_rata,
        "weken": weken_nu,
        "signaal": signaal,
        "procent": None if signaal == "te_vroeg" or not pro_rata else _tekst(gebruikt / pro_rata * 100, 0),
        "projectie": None if signaal == "te_vroeg" else _uren(gebruikt / verstreken, 0),
        "maanden": maanden,
    }


def _week(
    ondersteuner: dict, envelop: dict | None, plan: dict | None, visits: dict, afgesproken: dict
) -> dict:
    if envelop and envelop["uren_per_voltijdse"]:
        voltijds = Fraction(envelop["uren_per_voltijdse"] * 60, envelop["schoolweken"])
    else:
        voltijds = Fraction(VOLTIJDSE_WEEK * 60)
    beschikbaar = voltijds * ondersteuner["opdracht_procent"] / 100
    gepland = None
    if plan is not None:
        gepland = Fraction(
            visits.get(ondersteuner["id"], 0) * 30, plan["instellingen"].get("cyclus_weken", 1)
        )
    breed, klein = afgesproken.get(ondersteuner["id"], (0, 0))
    return {
        "beschikbaar": beschikbaar,
        "voltijds": voltijds,
        "gepland": gepland,
        "te_veel": gepland is not None and gepland > beschikbaar,
        "breed": breed,
        "klein": klein,
    }


def _gepland_gedaan_gelogd(pagina: str, lsc_id: int, plan: dict, vandaag: dt.date, dagen) -> dict:
    """The follow-up's "gepland, gedaan en gelogd", from the raw rows: the published plan's visits on the
    school days from 1 September up to today (the cycle's weeks counted from the week of 1 September, no
    absences or changes in this world), the marks of done visits (none here: 0), the logbook's minutes on the
    LSC's trajectories in those days; a row per school and per supporter with a dated visit."""
    maandag = dt.date(JAAR, 9, 1) - dt.timedelta(days=dt.date(JAAR, 9, 1).weekday())
    cyclus = plan["instellingen"].get("cyclus_weken", 1)
    per_dag = defaultdict(list)
    for r in Planregel.objects.filter(weekplan=plan["id"]).values(
        "ondersteuner_id", "school_id", "dag", "blokken"
    ):
        per_dag[r["dag"]].append(r)
    gepland = {"school": defaultdict(int), "ondersteuner": defaultdict(int)}
    for dag in dagen:
        if dag > vandaag:
            continue
        week = ((dag - maandag).days // 7) % cyclus
        for r in per_dag[week * 5 + dag.weekday()]:
            gepland["school"][r["school_id"]] += 30 * r["blokken"]
            gepland["ondersteuner"][r["ondersteuner_id"]] += 30 * r["blokken"]
    gelogd = {"school": defaultdict(int), "ondersteuner": defaultdict(int)}
    for r in Logboekregel.objects.filter(
        traject__lsc=lsc_id, datum__gte=dt.date(JAAR, 9, 1), datum__lte=vandaag
    ).values("traject__school_id", "ondersteuner_id", "minuten"):
        gelogd["school"][r["traject__school_id"]] += r["minuten"]
        gelogd["ondersteuner"][r["ondersteuner_id"]] += r["minuten"]
    verwacht = {}
    for soort, rijen in gepland.items():
        for pk, minuten in rijen.items():
            verwacht[_sleutel(pagina, "datum_gepland", **{soort: pk})] = als_uren(minuten)
            verwacht[_sleutel(pagina, "datum_gedaan", **{soort: pk})] = als_uren(0)
            verwacht[_sleutel(pagina, "datum_gelogd", **{soort: pk})] = als_uren(gelogd[soort][pk])
    return verwacht


def _afgesproken(lsc_id: int) -> dict[int, tuple[Fraction, Fraction]]:
    keer = {"week": Fraction(1), "2weken": Fraction(1, 2), "maand": Fraction(1, 4)}
    uit: dict = defaultdict(lambda: [Fraction(0), Fraction(0)])
    trajecten = {t["id"]: t for t in Traject.objects.filter(lsc=lsc_id).values()}
    for t in Toewijzing.objects.filter(traject__lsc=lsc_id).values("traject_id", "ondersteuner_id"):
        traject = trajecten[t["traject_id"]]
        if traject["status"] == "lopend" and traject["intensiteit_minuten"] and traject["frequentie"] in keer:
            per_week = traject["intensiteit_minuten"] * keer[traject["frequentie"]]
            uit[t["ondersteuner_id"]][0 if traject["type"] in BREED else 1] += per_week
    return {k: tuple(v) for k, v in uit.items()}


# ----------------------------------------------------------------------------------- expected, per page


def _kader_verwacht(
    pagina: str, lsc_id: int, versie: dict, school_id: int, envelop: dict, gebruik: dict
) -> dict:
    s = versie["scholen"][school_id]
    sleutel, eenheid = versie["sleutel"], versie["sleutel"]["eenheid"]
    uit = {}

    def zet(naam, waarde, **context):
        uit[_sleutel(pagina, naam, lsc=lsc_id, **context)] = waarde

    zet("uren", str(s["nu"]))
    if s["nu"]:
        zet("per_week", f"{_tekst(Fraction(s['nu'], envelop['schoolweken']), 1, nullen=True)} uur per week")
    venster = sleutel["venster_jaren"]
    w_p = sleutel["gewicht_leerlingen"]
    w = _tekst(s["W"] * 100, 4)
    zet("invoer_1", (str(s["P"]),))
    zet(
        "invoer_2",
        (
            _tekst(s["R"], 2),
            str(s["jaren"]),
            str(venster),
            *_getallen(f"{JAAR - venster}-{JAAR - venster + 1}"),
            str(JAAR - 1),
            str(JAAR),
        ),
    )
    zet("invoer_3", (w,))
    n = versie["uren"] // eenheid
    zet(
        "stap_1",
        (str(JAAR), str(JAAR + 1), str(versie["uren"]), str(len(versie["scholen"])), str(eenheid), str(n)),
    )
    # ΣR as the version keeps its R's: each rounded to four decimals (the column), then added up.
    som_r = sum(_half_op(x["R"], 4) for x in versie["scholen"].values())
    if som_r:
        zet(
            "stap_2",
            (
                str(w_p),
                str(100 - w_p),
                str(w_p),
                str(100 - w_p),
                str(w_p),
                str(s["P"]),
                str(versie["som_p"]),
                str(100 - w_p),
                _tekst(s["R"], 2),
                _tekst(som_r, 2),
                w,
            ),
        )
    else:
        zet("stap_2", (str(s["P"]), str(versie["som_p"]), w))
    zet("stap_3", (str(n), w, _tekst(s["quotum"], 4)))
    zet("stap_4", (str(s["basis"]), str(s["basis"] * eenheid)))
    zet("stap_5", (str(eenheid),) if s["extra"] else ())
    zet("stap_6", (str(s["berekend"]),))
    for i, beweging in enumerate(s["bewegingen"], start=1):
        zet(f"beweging_{i}", beweging)
    zet("uren_nu", str(s["nu"]))
    zet("gebruikt", _uren(gebruik["gebruikt"]))
    zet("resterend", _uren(gebruik["resterend"]))
    if gebruik["boven_kader"]:
        zet("boven_kader", _uren(gebruik["boven_kader"]))
    zet("verstreken_weken", _tekst(gebruik["weken"], 1))
    zet("pro_rata", _uren(gebruik["pro_rata"]))
    if gebruik["procent"] is not None:
        zet("procent", gebruik["procent"])
    if gebruik["signaal"] != "te_vroeg":
        zet("projectie", gebruik["projectie"])
    zet("signaal", gebruik["signaal"])
    for maand, kader, breed, klein in gebruik["maanden"]:
        zet("kader", _uren(kader), maand=maand)
        zet("gebruikt", _uren(breed), maand=maand)
        zet("klein", _uren(klein), maand=maand)
    zet("klein", _uren(gebruik["klein"]))
    return uit


def _alles_van(lsc, vandaag: dt.date, dagen: list[dt.date]) -> dict:
    versies = _versies_van(lsc)
    envelop = Envelop.objects.filter(lsc=lsc, schooljaar=JAAR).values().get()
    minuten = _minuten(lsc.pk)
    laatste = versies[-1]
    gebruik = {
        school_id: _gebruik(
            uren=s["nu"],
            weken=envelop["schoolweken"],
            per_maand=minuten.get(school_id, {}),
            vandaag=vandaag,
            dagen=dagen,
        )
        for school_id, s in laatste["scholen"].items()
    }
    return {"versies": versies, "laatste": laatste, "envelop": envelop, "gebruik": gebruik}


# -------------------------------------------------------------------------------------------- the test


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_elk_getoond_cijfer_volgt_uit_de_ruwe_tabellen(client, monkeypatch, settings, tmp_path, seed):
    rng = random.Random(seed)
    vandaag = dt.date(JAAR, 9, 1) + dt.timedelta(days=rng.randint(0, 364))
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: vandaag)
    w = _bouw(rng, vandaag)
    dagen = schooldagen(JAAR)
    a, b = _alles_van(w["a"], vandaag, dagen), _alles_van(w["b"], vandaag, dagen)
    getoond, verwacht = {}, {}

    # The frame page: the coordinator's (their LSC's frame), the administrator's (every LSC's) where shared.
    client.force_login(w["coordinator"])
    for school in w["scholen"]:
        url = reverse("tijdskader_school", args=[school.pk]) + f"?schooljaar={JAAR}"
        getoond |= _getoond(client.get(url).content.decode(), f"kader {school.pk}")
        verwacht |= _kader_verwacht(
            f"kader {school.pk}", w["a"].pk, a["laatste"], school.pk, a["envelop"], a["gebruik"][school.pk]
        )
    client.force_login(w["admin"])
    for school in w["gedeeld"]:
        url = reverse("tijdskader_school", args=[school.pk]) + f"?schooljaar={JAAR}"
        getoond |= _getoond(client.get(url).content.decode(), f"admin {school.pk}")
        for lsc, x in ((w["a"], a), (w["b"], b)):
            verwacht |= _kader_verwacht(
                f"admin {school.pk}", lsc.pk, x["laatste"], school.pk, x["envelop"], x["gebruik"][school.pk]
            )

    # The follow-up: every school's row, every active supporter's week.
    # Every row on ?alle; the page itself shows the first rows of each table, each of them right too.
    client.force_login(w["coordinator"])
    pagina = "opvolging"
    url = reverse("capaciteit_opvolging") + f"?schooljaar={JAAR}"
    getoond |= _getoond(client.get(url + "&alle=1").content.decode(), pagina)
    opvolging_kort = _getoond(client.get(url).content.decode(), pagina)
    for school_id, s in a["laatste"]["scholen"].items():
        g = a["gebruik"][school_id]
        rij = {"school": school_id}
        verwacht[_sleutel(pagina, "uren", **rij)] = str(s["nu"])
        verwacht[_sleutel(pagina, "gebruikt", **rij)] = _uren(g["gebruikt"])
        verwacht[_sleutel(pagina, "pro_rata", **rij)] = _uren(g["pro_rata"])
        verwacht[_sleutel(pagina, "procent", **rij)] = g["procent"] or "—"
        verwacht[_sleutel(pagina, "projectie", **rij)] = g["projectie"] or "—"
        verwacht[_sleutel(pagina, "signaal", **rij)] = g["signaal"]
        verwacht[_sleutel(pagina, "klein", **rij)] = _uren(g["klein"])
    plan = Weekplan.objects.filter(lsc=w["a"], schooljaar=JAAR, status="gepubliceerd").values().first()
    visits = defaultdict(int)
    for r in Planregel.objects.filter(weekplan=plan["id"]).values("ondersteuner_id", "blokken"):
        visits[r["ondersteuner_id"]] += r["blokken"]
    afgesproken = _afgesproken(w["a"].pk)
    actief = list(Ondersteuner.objects.filter(lsc=w["a"], gebruiker__is_active=True).values())
    for o in actief:
        wk = _week(o, a["envelop"], plan, visits, afgesproken)
        rij = {"ondersteuner": o["id"]}
        verwacht[_sleutel(pagina, "opdracht", **rij)] = str(o["opdracht_procent"])
        verwacht[_sleutel(pagina, "beschikbaar", **rij)] = _uren(wk["beschikbaar"])
        verwacht[_sleutel(pagina, "gepland", **rij)] = _uren(wk["gepland"])
        verwacht[_sleutel(pagina, "te_veel", **rij)] = "te_veel" if wk["te_veel"] else ""
        verwacht[_sleutel(pagina, "afgesproken_breed", **rij)] = _uren(wk["breed"])
        verwacht[_sleutel(pagina, "afgesproken_klein", **rij)] = _uren(wk["klein"])
    verwacht[_sleutel(pagina, "gemarkeerd")] = str(
        sum(
            1
            for school_id in a["laatste"]["scholen"]
            if a["gebruik"][school_id]["signaal"] in ("boven", "onder")
        )
    )
    verwacht[_sleutel(pagina, "te_veel_aantal")] = str(
        sum(1 for o in actief if _week(o, a["envelop"], plan, visits, afgesproken)["te_veel"])
    )
    voltijds = _week({"id": 0, "opdracht_procent": 100}, a["envelop"], None, {}, {})["voltijds"]
    if a["envelop"]["uren_per_voltijdse"]:
        verwacht[_sleutel(pagina, "voltijds")] = (
            str(a["envelop"]["uren_per_voltijdse"]),
            str(a["envelop"]["schoolweken"]),
            _uren(voltijds),
        )
    else:
        verwacht[_sleutel(pagina, "voltijds")] = (_uren(voltijds),)

    verwacht |= _gepland_gedaan_gelogd(pagina, w["a"].pk, plan, vandaag, dagen)

    fout_kort = sorted((k, v, verwacht.get(k)) for k, v in opvolging_kort.items() if verwacht.get(k) != v)
    assert not fout_kort, f"de korte opvolging: {fout_kort[:20]}"

    # Every active supporter's page.
    for o in actief:
        pagina = f"ondersteuner {o['id']}"
        getoond |= _getoond(
            client.get(reverse("ondersteuner_detail", args=[o["id"]])).content.decode(), pagina
        )
        wk = _week(o, a["envelop"], plan, visits, afgesproken)
        rij = {"ondersteuner": o["id"]}
        verwacht[_sleutel(pagina, "opdracht")] = str(o["opdracht_procent"])
        verwacht[_sleutel(pagina, "ankerscholen")] = str(
            Ankertoewijzing.objects.filter(ondersteuner=o["id"], schooljaar=JAAR).count()
        )
        verwacht[_sleutel(pagina, "beschikbaar", **rij)] = _uren(wk["beschikbaar"])
        verwacht[_sleutel(pagina, "gepland", **rij)] = _uren(wk["gepland"])
        if wk["te_veel"]:
            verwacht[_sleutel(pagina, "te_veel", **rij)] = "te_veel"
        verwacht[_sleutel(pagina, "afgesproken_breed", **rij)] = _uren(wk["breed"])
        verwacht[_sleutel(pagina, "afgesproken_klein", **rij)] = _uren(wk["klein"])
        if a["envelop"]["uren_per_voltijdse"]:
            verwacht[_sleutel(pagina, "formule")] = (
                str(o["opdracht_procent"]),
                str(a["envelop"]["uren_per_voltijdse"]),
                str(a["envelop"]["schoolweken"]),
                _uren(wk["beschikbaar"]),
            )
        else:
            verwacht[_sleutel(pagina, "formule")] = (
                str(o["opdracht_procent"]),
                str(VOLTIJDSE_WEEK),
                _uren(wk["beschikbaar"]),
            )

    # The published week plan: each supporter's week, each visit's hours.
    pagina = "weekplan"
    # Every regio team at once ("alle regioteams"): the grid shows one team by default.
    url = reverse("weekplan_detail", args=[plan["id"]]) + "?regioteam=alle"
    getoond |= _getoond(client.get(url).content.decode(), pagina)
    alle = {o["id"]: o for o in Ondersteuner.objects.filter(lsc=w["a"]).values()}
    for o_id in visits:
        wk = _week(alle[o_id], a["envelop"], plan, visits, {})
        verwacht[_sleutel(pagina, "gepland", ondersteuner=o_id)] = _uren(wk["gepland"])
        verwacht[_sleutel(pagina, "beschikbaar", ondersteuner=o_id)] = _uren(wk["beschikbaar"])
    for r in Planregel.objects.filter(weekplan=plan["id"]).values("pk", "blokken"):
        verwacht[_sleutel(pagina, "uren", regel=r["pk"])] = _tekst(Fraction(r["blokken"], 2), 1)

    # The capacity planning: the versions, the frames now, the moves, the envelope from staff, the preview.
    # The page leads with a summary and the largest changes; "alle scholen" (?alle) shows every row. Both are
    # read: every figure is on the full page, and each figure of the short page must be right too.
    pagina = "planning"
    url = reverse("capaciteit_planning") + f"?schooljaar={JAAR}"
    getoond |= _getoond(client.get(url + "&alle").content.decode(), pagina)
    kort = _getoond(client.get(url).content.decode(), pagina)
    verwacht |= _planning_verwacht(pagina, w, a)
    fout_kort = sorted((k, v, verwacht.get(k)) for k, v in kort.items() if verwacht.get(k) != v)
    assert not fout_kort, f"de korte planningspagina: {fout_kort[:20]}"

    # The XLSX of every version and the PDF of the latest, as the leersteunraad gets them.
    for versie in a["versies"]:
        getoond |= _xlsx(client, versie["pk"], f"xlsx v{versie['versie']}")
        verwacht |= _export_verwacht(f"xlsx v{versie['versie']}", versie, xlsx=True)
    laatste = a["laatste"]
    getoond |= _pdf(client, laatste["pk"], "pdf")
    verwacht |= _export_verwacht("pdf", laatste, xlsx=False)

    # The yearly report (issue 20.5): its frame use per school and for the whole LSC, in its XLSX and PDF.
    settings.MEDIA_ROOT = tmp_path
    verslag = jaarverslag.jaarverslag_aanvragen(door=w["coordinator"], schooljaar=JAAR)
    verslag = jaarverslag.jaarverslag_maken(jaarverslag_id=verslag.pk)
    getoond |= _jaarverslag_xlsx(verslag.xlsx)
    getoond |= _jaarverslag_pdf(verslag.pdf)
    verwacht |= _jaarverslag_verwacht(a)

    ontbreekt = sorted(set(verwacht) - set(getoond))
    te_veel = sorted(set(getoond) - set(verwacht))
    anders = sorted(
        (k, getoond[k], verwacht[k]) for k in set(getoond) & set(verwacht) if getoond[k] != verwacht[k]
    )
    print(f"seed {seed} ({vandaag}): {len(verwacht)} cijfers vergeleken")
    assert not anders, "\n".join(f"{k}: getoond {g!r}, verwacht {v!r}" for k, g, v in anders[:40])
    assert not ontbreekt, f"niet getoond: {ontbreekt[:20]}"
    assert not te_veel, f"getoond maar niet verwacht: {te_veel[:20]}"
    assert len(verwacht) > 300


def _planning_verwacht(pagina: str, w: dict, a: dict) -> dict:
    uit = {}
    envelop, laatste = a["envelop"], a["laatste"]
    if envelop["uren_per_voltijdse"]:
        procent = sum(
            Ondersteuner.objects.filter(lsc=w["a"], gebruiker__is_active=True).values_list(
                "opdracht_procent", flat=True
            )
        )
        uit[_sleutel(pagina, "uit_personeel")] = str(procent * envelop["uren_per_voltijdse"] // 100)
    for versie in a["versies"]:
        uit[_sleutel(pagina, "envelop", versie=versie["versie"])] = str(
            sum(s["berekend"] for s in versie["scholen"].values())
        )
    for school_id, s in laatste["scholen"].items():
        uit[_sleutel(pagina, "berekend", tabel="nu", school=school_id)] = str(s["berekend"])
        uit[_sleutel(pagina, "uren", tabel="nu", school=school_id)] = str(s["nu"])
    uit[_sleutel(pagina, "berekend", tabel="nu", school="totaal")] = str(
        sum(s["berekend"] for s in laatste["scholen"].values())
    )
    uit[_sleutel(pagina, "uren", tabel="nu", school="totaal")] = str(
        sum(s["nu"] for s in laatste["scholen"].values())
    )
    for h in Herverdeling.objects.filter(verdeling__envelop__lsc=w["a"]).values("pk", "uren"):
        uit[_sleutel(pagina, "uren", verschuiving=h["pk"])] = str(h["uren"])
    # The preview: the envelope as it is now, the latest version's moves carried in their order.
    rijen = _invoer(
        w["a"].pk,
        referentie=envelop["referentiejaar"] or JAAR - 1,
        venster=envelop["venster_jaren"],
        soorten=envelop["verslagsoorten"],
    )
    nieuw = _verdeel(
        rijen,
        uren=envelop["uren"],
        gewicht_leerlingen=envelop["gewicht_leerlingen"],
        eenheid=envelop["eenheid"],
    )
    per_school = {s["school"]: s for s in nieuw.values()}
    for s in per_school.values():
        s["uren"] = s["berekend"]
    kader_school = dict(Tijdskader.objects.filter(verdeling=laatste["pk"]).values_list("pk", "school_id"))
    zetten = list(Herverdeling.objects.filter(verdeling=laatste["pk"]).order_by("pk").values())
    for h in zetten:
        van, naar = per_school.get(kader_school[h["van_id"]]), per_school.get(kader_school[h["naar_id"]])
        if van is not None and naar is not None and van["uren"] >= h["uren"]:
            van["uren"] -= h["uren"]
            naar["uren"] += h["uren"]
    for s in per_school.values():
        rij = {"tabel": "voorbeeld", "nummer": s["nummer"]}
        nu = laatste["scholen"][s["school"]]["nu"]
        uit[_sleutel(pagina, "leerlingen", **rij)] = str(s["P"])
        uit[_sleutel(pagina, "verslagen", **rij)] = _tekst(s["R"], 2, nullen=True)
        uit[_sleutel(pagina, "gewicht", **rij)] = _tekst(s["W"] * 100, 2, nullen=True)
        if zetten:
            uit[_sleutel(pagina, "berekend", **rij)] = str(s["berekend"])
            uit[_sleutel(pagina, "verschoven", **rij)] = _verschil(s["uren"] - s["berekend"])
        uit[_sleutel(pagina, "uren", **rij)] = str(s["uren"])
        uit[_sleutel(pagina, "nu", **rij)] = str(nu)
        uit[_sleutel(pagina, "verschil", **rij)] = _verschil(s["uren"] - nu)
        uit[_sleutel(pagina, "uren", staaf=s["naam"])] = str(s["uren"])
    rij = {"tabel": "voorbeeld", "nummer": "totaal"}
    uit[_sleutel(pagina, "leerlingen", **rij)] = str(sum(s["P"] for s in per_school.values()))
    uit[_sleutel(pagina, "gewicht", **rij)] = "100,00"
    if zetten:
        uit[_sleutel(pagina, "berekend", **rij)] = str(sum(s["berekend"] for s in per_school.values()))
        uit[_sleutel(pagina, "verschoven", **rij)] = "0"
    uit[_sleutel(pagina, "uren", **rij)] = str(sum(s["uren"] for s in per_school.values()))
    uit[_sleutel(pagina, "nu", **rij)] = str(sum(s["nu"] for s in laatste["scholen"].values()))
    # The summary on top: the envelope, what the preview and the latest version hand out, what changes, and
    # the schools the follow-up marks as far above or below their frame.
    rij = {"tabel": "samenvatting"}
    uit[_sleutel(pagina, "envelop", **rij)] = str(envelop["uren"])
    uit[_sleutel(pagina, "uren", **rij)] = str(sum(s["uren"] for s in per_school.values()))
    uit[_sleutel(pagina, "nu", **rij)] = str(sum(s["nu"] for s in laatste["scholen"].values()))
    uit[_sleutel(pagina, "gewijzigd", **rij)] = str(
        sum(1 for s in per_school.values() if s["uren"] != laatste["scholen"][s["school"]]["nu"])
    )
    uit[_sleutel(pagina, "buiten_kader", **rij)] = str(
        sum(1 for school_id in laatste["scholen"] if a["gebruik"][school_id]["signaal"] in ("boven", "onder"))
    )
    return uit


def _export_verwacht(pagina: str, versie: dict, *, xlsx: bool) -> dict:
    uit = {}
    scholen = versie["scholen"].values()
    for s in scholen:
        r, w = _half_op(s["R"], 2), _half_op(s["W"] * 100, 2)
        waarden = (
            (s["P"], r, w, s["berekend"], s["nu"])
            if xlsx
            else (
                str(s["P"]),
                _tekst(r, 2, nullen=True),
                _tekst(w, 2, nullen=True),
                str(s["berekend"]),
                str(s["nu"]),
            )
        )
        uit[(pagina, s["nummer"])] = (s["naam"], *waarden)
    totaal = (
        sum(s["P"] for s in scholen),
        100,
        sum(s["berekend"] for s in scholen),
        sum(s["nu"] for s in scholen),
    )
    uit[(pagina, "Totaal")] = totaal if xlsx else (str(totaal[0]), "100,00", str(totaal[2]), str(totaal[3]))
    if not xlsx:
        sleutel = versie["sleutel"]
        uit[(pagina, "envelop")] = str(versie["uren"])
        uit[(pagina, "gewichten")] = (
            str(sleutel["gewicht_leerlingen"]),
            str(100 - sleutel["gewicht_leerlingen"]),
        )
    return uit


def _xlsx(client, verdeling_id: int, pagina: str) -> dict:
    antwoord = client.get(reverse("capaciteit_export", args=[verdeling_id, "xlsx"]))
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.content), read_only=True).active
    kop, *rijen, totaal = list(blad.iter_rows(values_only=True))
    assert kop[0] == "instellingsnummer"
    uit = {}
    for nummer, naam, p, r, w, berekend, nu in rijen:
        uit[(pagina, nummer)] = (naam, p, Fraction(str(r)), Fraction(str(w)), berekend, nu)
    uit[(pagina, "Totaal")] = (totaal[2], totaal[4], totaal[5], totaal[6])
    return uit


def _pdf(client, verdeling_id: int, pagina: str) -> dict:
    """The PDF's key and its table, from its text (a long school name wraps onto a line of its own)."""
    antwoord = client.get(reverse("capaciteit_export", args=[verdeling_id, "pdf"]))
    regels = [
        regel
        for blad in PdfReader(io.BytesIO(antwoord.content)).pages
        for regel in blad.extract_text().splitlines()
        # The running head and foot of every page, and the table's head repeated on each, are no rows.
        if not (regel.startswith("Versie ") and " pagina " in regel)
        and "Verdeling van de envelop" not in regel
        and not regel.upper().startswith("INSTELLINGSNUMMER")
    ]
    tekst = " ".join(" ".join(regels).split())
    uit = {(pagina, "envelop"): re.search(r"Envelop \(brede types\) (\d+) uur", tekst)[1]}
    uit[(pagina, "gewichten")] = (
        re.search(r"Gewicht leerlingen (\d+) %", tekst)[1],
        re.search(r"Gewicht verslagen (\d+) %", tekst)[1],
    )
    tabel = tekst[tekst.index("Tijdskader per school") :]
    rij = r"(\d{6}) (.+?) (\d+) (\d+,\d\d) (\d+,\d\d) (\d+) (\d+)(?= \d{6} | TOTAAL )"
    for gevonden in re.finditer(rij, tabel):
        uit[(pagina, gevonden[1])] = gevonden.groups()[1:]
    totaal = re.search(r"TOTAAL (\d+) (100,00) (\d+) (\d+)", tabel)
    uit[(pagina, "Totaal")] = totaal.groups()
    return uit


def _jaarverslag_verwacht(a: dict) -> dict:
    uit = {}
    scholen = a["laatste"]["scholen"]
    for school_id, s in scholen.items():
        g = a["gebruik"][school_id]
        procent = _tekst(Fraction(g["gebruikt"] * 100, s["nu"] * 60), 0) if s["nu"] else "—"
        waarden = (str(s["nu"]), _uren(g["gebruikt"]), _uren(g["pro_rata"]), procent)
        uit[("jaarverslag xlsx", s["naam"])] = waarden
        uit[("jaarverslag pdf", s["naam"])] = waarden
    uren = sum(s["nu"] for s in scholen.values())
    gebruikt = sum(a["gebruik"][i]["gebruikt"] for i in scholen)
    uit[("jaarverslag xlsx", "Totaal")] = (
        str(len(scholen)),
        str(uren),
        _uren(gebruikt),
        _uren(sum(a["gebruik"][i]["pro_rata"] for i in scholen)),
        _tekst(Fraction(gebruikt * 100, uren * 60), 0) if uren else "—",
    )
    return uit


def _als_tekst(waarde) -> str:
    """A cell as the page writes it: 12.5 → "12,5"."""
    return str(waarde).replace(".", ",") if isinstance(waarde, int | float) else str(waarde)


def _jaarverslag_xlsx(bestand) -> dict:
    bestand.open("rb")
    with bestand:
        boek = openpyxl.load_workbook(io.BytesIO(bestand.read()), read_only=True)
    uit = {}
    kop, *rijen = list(boek["Kadergebruik school"].iter_rows(values_only=True))
    assert kop[:2] == ("School", "Tijdskader (uur)")
    for naam, *waarden in rijen:
        uit[("jaarverslag xlsx", naam)] = tuple(_als_tekst(w) for w in waarden)
    *_teams, totaal = list(boek["Kadergebruik regioteam"].iter_rows(values_only=True))
    assert totaal[0] == "Totaal"
    uit[("jaarverslag xlsx", "Totaal")] = tuple(_als_tekst(w) for w in totaal[1:])
    return uit


def _jaarverslag_pdf(bestand) -> dict:
    """The per-school table of the report's frame-use part, from its text."""
    bestand.open("rb")
    with bestand:
        lezer = PdfReader(io.BytesIO(bestand.read()))
    tekst = " ".join(" ".join(blad.extract_text() for blad in lezer.pages).split())
    begin = tekst.index("Gebruik van het tijdskader per school")
    deel = tekst[begin : tekst.index("3. Trajecten", begin)]
    rij = r"(School [A-Za-z]+) (\d+) (\d+(?:,\d)?) (\d+(?:,\d)?) (\d+|—)"
    return {("jaarverslag pdf", m[1]): m.groups()[1:] for m in re.finditer(rij, deel)}
