"""The policy team's pictures: five charts of a school year, for the coordinator and the director of an LSC
and for a team coach over their own regio teams.

Every figure is an SQL aggregate of the apps' queries (capaciteit, trajecten, overleg), drawn by
`netwerk.grafiek` with its numbers as a table under the chart. A constant number of queries, whatever the
number of schools, supporters or trajectories.
"""

from collections import defaultdict
from fractions import Fraction

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from capaciteit import queries as capaciteit_queries
from capaciteit.rekenen import cijfers, opvolging
from netwerk import grafiek
from netwerk.models import BELEIDSROLLEN, Leersteuncentrum, Rol
from netwerk.opmaak import getal
from netwerk.schooljaar import als_tekst, schooljaar_uit_verzoek
from overleg.models import Status as OverlegStatus
from overleg.queries import voortgang_per_regioteam
from scholen.queries import regioteams_zichtbaar_voor
from trajecten.models import Gebondenheid, Status, Type
from trajecten.queries import antwoordtijden, tellingen_per_regioteam, wachtende_aanvragen

BAKDAGEN = 7  # the histogram's bins: a week of answer time each
MAX_BAKKEN = 10  # the last bin holds everything from nine weeks on
SORTERINGEN = {"naam", "gebruik"}
# A chart of more rows than this shows its extremes (the UITERSTEN highest and lowest), with a link to all:
# 150 schools or 110 supporters as bars ran the page to 21,000 px, where the outliers are what is looked for.
UITERSTEN = 10
# The page shows one picture at a time, each a tab (five at once ran to ~9 screens); "alle" puts them on one
# page (to print, or to read through). Only the chosen picture's figures are queried.
BEELDEN = (
    ("kader", gettext_lazy("Tijdskader per school")),
    ("trajecten", gettext_lazy("Trajecten")),
    ("antwoord", gettext_lazy("Antwoordtijd")),
    ("belasting", gettext_lazy("Belasting van de ondersteuners")),
    ("overleg", gettext_lazy("Schoolbeeldoverleg")),
)
ALLE_BEELDEN = "alle"


def uitersten(rijen: list, *, alle: bool) -> tuple[list, int]:
    """The rows, sorted from high to low, cut to the UITERSTEN first and last unless `alle`; and how many
    there are in all (the page says "20 of 150")."""
    if alle or len(rijen) <= 2 * UITERSTEN:
        return rijen, len(rijen)
    return rijen[:UITERSTEN] + rijen[-UITERSTEN:], len(rijen)


@require_safe
def beleid_beelden(request: HttpRequest) -> HttpResponse:
    gebruiker = request.user
    if gebruiker.rol not in BELEIDSROLLEN and gebruiker.rol != Rol.TEAMCOACH:
        raise PermissionDenied
    jaar = schooljaar_uit_verzoek(request)
    teams = list(regioteams_zichtbaar_voor(gebruiker).order_by("naam"))
    gekozen = _gekozen_team(request, teams)
    ids = [gekozen.pk] if gekozen else [t.pk for t in teams]
    namen = {t.pk: t.naam for t in teams}
    sorteer = request.GET.get("sorteer") if request.GET.get("sorteer") in SORTERINGEN else "gebruik"
    alle = request.GET.get("alle") == "1"
    beeld = request.GET.get("beeld") or BEELDEN[0][0]
    if beeld != ALLE_BEELDEN and beeld not in dict(BEELDEN):
        beeld = BEELDEN[0][0]
    toon = set(dict(BEELDEN)) if beeld == ALLE_BEELDEN else {beeld}
    lsc = Leersteuncentrum.objects.get(pk=gebruiker.lsc_id)
    vandaag = timezone.localdate()
    context = {
        "jaar": jaar,
        "schooljaar": als_tekst(jaar),
        "vorig": jaar - 1,
        "volgend": jaar + 1,
        "teams": teams,
        "gekozen": gekozen,
        "sorteer": sorteer,
        "alle": alle,
        "uitersten": UITERSTEN,
        "alle_query": _met(request, alle="1"),
        "beeld": beeld,
        "toon": toon,
        "tabs": [(sleutel, naam, _met(request, beeld=sleutel)) for sleutel, naam in BEELDEN],
        "alle_beelden_query": _met(request, beeld=ALLE_BEELDEN),
        "termijn": lsc.antwoordtermijn_dagen,
    }
    if "kader" in toon:
        context["kadergebruik"] = kadergebruik_grafiek(
            lsc.pk, jaar, ids, sorteer=sorteer, vandaag=vandaag, alle=alle or sorteer == "naam"
        )
    if "trajecten" in toon:
        context["trajecten"] = trajecten_grafieken(lsc.pk, jaar, ids, namen)
    if "antwoord" in toon:
        context["wachtend"] = wachtende_aanvragen(
            lsc_id=lsc.pk, regioteam_ids=ids, termijn_dagen=lsc.antwoordtermijn_dagen, vandaag=vandaag
        )
        context["antwoordtijden"] = antwoordtijden_grafiek(
            lsc.pk, jaar, ids, termijn=lsc.antwoordtermijn_dagen
        )
    if "belasting" in toon:
        context["belasting"] = belasting_grafiek(lsc.pk, jaar, ids, vandaag=vandaag, alle=alle)
    if "overleg" in toon:
        context["overlegronde"] = overlegronde_grafiek(lsc.pk, jaar, ids, namen)
    return render(request, "honingraat/beleid_beelden.html", context)


def _met(request: HttpRequest, **waarden: str) -> str:
    """This page's query with `waarden` set: the tabs and links keep the year, team and sorting."""
    query = request.GET.copy()
    for sleutel, waarde in waarden.items():
        query[sleutel] = waarde
    return query.urlencode()


def _gekozen_team(request: HttpRequest, teams: list):
    waarde = request.GET.get("regioteam") or ""
    if not waarde:
        return None
    for team in teams:
        if str(team.pk) == waarde:
            return team
    raise Http404(_("Dit regioteam is niet van jou."))


def _uren(minuten) -> str:
    return getal(Fraction(minuten) / 60, 1)


def kadergebruik_grafiek(
    lsc_id: int, jaar: int, ids: list[int] | None, *, sorteer: str, vandaag, alle: bool = True
) -> grafiek.Grafiek | None:
    """Frame use per school as bullet charts: the frame as a band, the hours used as the bar, pro rata as a
    mark. Sorted by use, and not `alle`: the schools of the highest and the lowest use only.
    None while no distribution of the year is published."""
    rijen = kaderrijen(lsc_id, jaar, ids, vandaag=vandaag)
    if rijen is None:
        return None
    if sorteer == "gebruik":
        rijen.sort(key=lambda r: (-(r.opvolging.cijfers.gebruikt / (r.kader.uren or 1)), r.kader.school.naam))
    rijen, totaal = uitersten(rijen, alle=alle)
    staven = [
        grafiek.Rij(
            label=r.kader.school.naam,
            waarden=(r.opvolging.cijfers.gebruikt / 60,),
            band=r.kader.uren,
            merktekens=((float(r.opvolging.cijfers.pro_rata) / 60, "prorata", _("pro rata")),),
        )
        for r in rijen
    ]
    tabel = [
        (
            r.kader.school.naam,
            getal(r.kader.uren, 0),
            r.opvolging.gebruikt,
            r.opvolging.pro_rata,
            cijfers.procent(Fraction(r.opvolging.cijfers.gebruikt, r.kader.uren * 60))
            if r.kader.uren
            else "—",
        )
        for r in rijen
    ]
    return grafiek.staven(
        rijen_in_het_geheel=totaal,
        id="kadergebruik",
        titel=_("Gebruik van het tijdskader per school, schooljaar %(jaar)s") % {"jaar": als_tekst(jaar)},
        beschrijving=_(
            "Per school een staaf met de gebruikte uren brede types, over een lichte band met het tijdskader "
            "van het jaar; het streepje staat bij het deel van het kader dat de verstreken schooldagen "
            "dekken (pro rata)."
        ),
        reeksen=[_("gebruikt (uur)")],
        rijen=staven,
        band=_("tijdskader van het jaar"),
        eenheid=" " + _("uur"),
        kop=(
            _("School"),
            _("Tijdskader (uur)"),
            _("Gebruikt (uur)"),
            _("Pro rata (uur)"),
            _("Gebruikt van kader"),
        ),
        tabelrijen=tabel,
        klasse="kogelgrafiek",
        # Wider than the default, for the schools' names (~34 characters): a name cut to "Vrije Basisscho…"
        # does not say which school it is.
        breedte=600,
        labelbreedte=250,
    )


def kaderrijen(lsc_id: int, jaar: int, ids: list[int] | None, *, vandaag) -> list | None:
    """The frame-use rows of the schools in `ids`' regio teams (None: every school of the distribution), by
    name, as the follow-up computes them; None while no distribution of the year is published."""
    verdeling = capaciteit_queries.gepubliceerd(lsc_id=lsc_id, schooljaar=jaar)
    if verdeling is None:
        return None
    kaders = (
        capaciteit_queries.tijdskaders_van(verdeling)
        if ids is None
        else capaciteit_queries.tijdskaders_in_regioteams(verdeling, ids)
    )
    return opvolging.schoolrijen(
        kaders,
        capaciteit_queries.minuten_van_lsc(lsc_id, jaar),
        schoolweken=verdeling.envelop.schoolweken,
        schooljaar=jaar,
        vandaag=vandaag,
        sorteer="naam",
    )


TRAJECTINDELINGEN = {
    "status": (Status.choices, gettext_lazy("Trajecten per regioteam en status")),
    "type": (Type.choices, gettext_lazy("Trajecten per regioteam en type")),
    "gebondenheid": (Gebondenheid.choices, gettext_lazy("Trajecten per regioteam en gebonden aan")),
}


def trajecten_grafieken(
    lsc_id: int, jaar: int, ids: list[int], namen: dict, *, indelingen=("status", "type")
) -> list[grafiek.Grafiek]:
    """A stacked bar chart per regio team for each of `indelingen`: the trajectories by status, type, ..."""
    tellingen_per: dict = {i: defaultdict(lambda: defaultdict(int)) for i in indelingen}
    for rij in tellingen_per_regioteam(lsc_id=lsc_id, schooljaar=jaar, regioteam_ids=ids):
        for indeling in indelingen:
            tellingen_per[indeling][rij["regioteam"]][rij[indeling]] += rij["aantal"]
    teams = [pk for pk in namen if pk in ids]
    grafieken = []
    for indeling in indelingen:
        sleutel, tellingen = f"trajecten-{indeling}", tellingen_per[indeling]
        keuzes, titel = TRAJECTINDELINGEN[indeling]
        gebruikt = [(w, label) for w, label in keuzes if any(tellingen[pk][w] for pk in teams)]
        if len(gebruikt) > grafiek.MAX_SERIES:
            gebruikt = gebruikt[: grafiek.MAX_SERIES - 1]  # the rest together as "andere"
        overige = [w for w, _label in keuzes if w not in {g[0] for g in gebruikt}]
        reeksen = [str(label).split(" (")[0] for _w, label in gebruikt] + (
            [_("andere")] if any(tellingen[pk][w] for pk in teams for w in overige) else []
        )
        rijen = [
            grafiek.Rij(
                label=namen[pk],
                waarden=tuple(tellingen[pk][w] for w, _label in gebruikt)
                + ((sum(tellingen[pk][w] for w in overige),) if len(reeksen) > len(gebruikt) else ()),
            )
            for pk in teams
        ]
        grafieken.append(
            grafiek.staven(
                id=sleutel,
                titel=f"{titel}, {als_tekst(jaar)}",
                beschrijving=_(
                    "Per regioteam één staaf met de trajecten die dit schooljaar liepen (aangemeld voor het "
                    "einde, niet afgesloten voor het begin), opgedeeld in kleuren volgens de legende."
                ),
                reeksen=reeksen,
                rijen=rijen,
                opmaak=lambda w: getal(w, 0),
                kop=(_("Regioteam"), *reeksen, _("Totaal")),
                tabelrijen=[
                    (r.label, *(getal(w, 0) for w in r.waarden), getal(sum(r.waarden), 0)) for r in rijen
                ],
            )
        )
    return grafieken


def antwoordtijden_grafiek(lsc_id: int, jaar: int, ids: list[int], *, termijn: int) -> grafiek.Grafiek:
    """A histogram of the days from request to answer, a week per bin, with the LSC's answer term as a
    line."""
    dagen = antwoordtijden(lsc_id=lsc_id, schooljaar=jaar, regioteam_ids=ids)
    bakken = [0] * MAX_BAKKEN
    for duur, aantal in dagen.items():
        bakken[min(duur // BAKDAGEN, MAX_BAKKEN - 1)] += aantal
    while len(bakken) > 1 and bakken[-1] == 0 and (len(bakken) - 1) * BAKDAGEN > termijn:
        bakken.pop()
    labels = [
        f"{i * BAKDAGEN}–{(i + 1) * BAKDAGEN - 1}" if i < MAX_BAKKEN - 1 else f"≥ {i * BAKDAGEN}"
        for i in range(len(bakken))
    ]
    return grafiek.kolommen(
        id="antwoordtijden",
        titel=_("Antwoordtijd van de aanvragen, %(jaar)s") % {"jaar": als_tekst(jaar)},
        beschrijving=_(
            "Hoeveel aanvragen dit schooljaar een antwoord kregen na zoveel dagen, per week gegroepeerd; "
            "de lijn staat bij de antwoordtermijn van %(termijn)s dagen."
        )
        % {"termijn": termijn},
        labels=labels,
        waarden=bakken,
        reeks=_("aanvragen"),
        lijn=grafiek.Lijn(
            positie=(termijn + 1) / BAKDAGEN, label=_("termijn %(dagen)s d") % {"dagen": termijn}
        ),
        opmaak=lambda w: getal(w, 0),
        kop=(_("Dagen tot antwoord"), _("Aanvragen")),
        tabelrijen=[(label, getal(w, 0)) for label, w in zip(labels, bakken, strict=True)],
    )


def belasting_grafiek(
    lsc_id: int, jaar: int, ids: list[int], *, vandaag, alle: bool = True
) -> grafiek.Grafiek:
    """Per supporter, hours per week: planned in the published week plan and logged on average per elapsed
    school week, beside a mark at what their assignment makes available. Not `alle`: from the most to the
    least planned against what is available, the supporters at both ends only."""
    ondersteuners = [o for o in capaciteit_queries.actieve_ondersteuners(lsc_id) if o.regioteam_id in ids]
    envelop = capaciteit_queries.envelop_van(lsc_id, jaar)
    weekplan = capaciteit_queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=jaar)
    planningen = capaciteit_queries.planningen(ondersteuners, envelop=envelop, weekplan=weekplan)
    if not alle:
        planningen.sort(
            key=lambda p: (
                -(Fraction(p.gepland or 0) / (p.beschikbaar.minuten_per_week or 1)),
                p.ondersteuner.pk,
            )
        )
    planningen, totaal = uitersten(planningen, alle=alle)
    gelogd = capaciteit_queries.gelogde_minuten([o.pk for o in ondersteuners], jaar)
    schoolweken = envelop.schoolweken if envelop else cijfers.STANDAARD_SCHOOLWEKEN
    weken = cijfers.verstreken_deel(schooljaar=jaar, vandaag=vandaag) * schoolweken
    rijen, tabel = [], []
    for planning in planningen:
        o = planning.ondersteuner
        gepland = Fraction(planning.gepland or 0) / 60
        per_week = Fraction(gelogd[o.pk], 60) / weken if weken else Fraction(0)
        beschikbaar = Fraction(planning.beschikbaar.minuten_per_week) / 60
        rijen.append(
            grafiek.Rij(
                label=o.gebruiker.naam,
                waarden=(float(gepland), float(per_week)),
                merktekens=((float(beschikbaar), "doel", _("opdracht")),),
            )
        )
        tabel.append(
            (
                o.gebruiker.naam,
                f"{o.opdracht_procent} %",
                getal(beschikbaar, 1),
                getal(gepland, 1) if planning.gepland is not None else "—",
                getal(per_week, 1),
                _uren(gelogd[o.pk]),
            )
        )
    return grafiek.staven(
        rijen_in_het_geheel=totaal,
        id="belasting",
        titel=_("Belasting van de ondersteuners, uren per week, %(jaar)s") % {"jaar": als_tekst(jaar)},
        beschrijving=_(
            "Per ondersteuner twee staven: de uren per week in het gepubliceerde weekplan en de gelogde uren "
            "gemiddeld per verstreken schoolweek; het streepje staat bij de uren die de opdracht "
            "beschikbaar maakt."
        ),
        reeksen=[_("gepland"), _("gelogd")],
        rijen=rijen,
        gegroepeerd=True,
        breedte=480,
        labelbreedte=170,
        eenheid=" " + _("uur per week"),
        kop=(
            _("Ondersteuner"),
            _("Opdracht"),
            _("Beschikbaar (uur/week)"),
            _("Gepland (uur/week)"),
            _("Gelogd (uur/week)"),
            _("Gelogd dit jaar (uur)"),
        ),
        tabelrijen=tabel,
    )


OVERLEG_REEKSEN = [
    (OverlegStatus.GEDEELD, OverlegStatus.GEDEELD.label),
    (OverlegStatus.GEHOUDEN, OverlegStatus.GEHOUDEN.label),
    (OverlegStatus.UITGENODIGD, OverlegStatus.UITGENODIGD.label),
    (OverlegStatus.VOORBEREIDING, OverlegStatus.VOORBEREIDING.label),
    ("geen", gettext_lazy("Nog geen overleg")),
]


def overlegronde_grafiek(lsc_id: int, jaar: int, ids: list[int], namen: dict) -> grafiek.Grafiek:
    """The consultation round per regio team: its schools by how far their consultation is, as 100 %."""
    tellingen: dict = defaultdict(lambda: defaultdict(int))
    for rij in voortgang_per_regioteam(lsc_id=lsc_id, schooljaar=jaar, regioteam_ids=ids):
        tellingen[rij["regioteam"]][rij["status"]] += rij["aantal"]
    teams = [pk for pk in namen if pk in ids]
    reeksen = [str(label) for _w, label in OVERLEG_REEKSEN]
    rijen = [
        grafiek.Rij(label=namen[pk], waarden=tuple(tellingen[pk][w] for w, _label in OVERLEG_REEKSEN))
        for pk in teams
    ]
    tabel = []
    for r in rijen:
        totaal = sum(r.waarden)
        klaar = r.waarden[0]
        tabel.append(
            (
                r.label,
                *(getal(w, 0) for w in r.waarden),
                getal(totaal, 0),
                cijfers.procent(Fraction(klaar, totaal)) if totaal else "—",
            )
        )
    return grafiek.staven(
        id="overlegronde",
        titel=_("Schoolbeeldoverleg per regioteam, %(jaar)s") % {"jaar": als_tekst(jaar)},
        beschrijving=_(
            "Per regioteam een balk van 100 %: het deel van zijn scholen waar het verslag gedeeld is, het "
            "overleg gehouden, uitgenodigd, in voorbereiding, of nog geen overleg heeft."
        ),
        reeksen=reeksen,
        rijen=rijen,
        relatief=True,
        opmaak=lambda w: getal(w, 0),
        kop=(_("Regioteam"), *reeksen, _("Scholen"), _("Verslag gedeeld")),
        tabelrijen=tabel,
    )
