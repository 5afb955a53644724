"""A school's tijdskader as the school reads it: the hours, in words, why, and how much is used so far.

Whoever may see the school sees its frame, except the CLB: they read the consultation's report, not the
frame. LSC staff see their own LSC's frame; school care staff and admins see every LSC serving the school.
A constant number of queries, whatever the number of log lines or moves.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, DecimalField, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import JSONObject
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from capaciteit.cijfers import getal, procent
from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.opvolging import Gebruik, drempels, gebruik, minuten_per_maand
from capaciteit.queries import in_laatste_versie
from capaciteit.woorden import beschrijf
from netwerk.invoer import geheel_getal
from netwerk.models import LSC_ROLLEN, Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Bediening, School, Schooljaarcijfers
from scholen.queries import door_lsc_bevestigd, scholen_zichtbaar_voor
from trajecten.models import Logboekregel

SOORTNAMEN = {"gc": "GC", "iac": "IAC", "ov4": "OV4"}


@dataclass
class Kader:
    verdeling: Verdeling
    kader: Tijdskader
    woorden: object
    invoer: list[tuple[str, str]]
    stappen: list[str]
    bewegingen: list[dict] = field(default_factory=list)
    opvolging: Gebruik | None = None


def _schooljaar(request: HttpRequest) -> int:
    tekst = request.GET.get("schooljaar", "").strip()[:9]
    begin = geheel_getal(tekst.split("-")[0])
    if begin is not None and 1990 <= begin <= 2100:
        return begin
    return huidig_schooljaar()


def _kaders(request: HttpRequest, school: School, jaar: int) -> list[Tijdskader]:
    """The school's frame in the latest published version of each LSC serving it, with that version's
    totals (ΣP, ΣR, the number of schools) and the frame's moves of hours: one query."""
    kaders = Tijdskader.objects.filter(
        Exists(Bediening.objects.filter(school=school, lsc=OuterRef("verdeling__envelop__lsc"))),
        in_laatste_versie(),
        school=school,
        verdeling__envelop__schooljaar=jaar,
    )
    gebruiker = request.user
    if gebruiker.rol in LSC_ROLLEN and not gebruiker.is_superuser:
        kaders = kaders.filter(verdeling__envelop__lsc=gebruiker.lsc_id)
    elif gebruiker.rol == Rol.ZORG:
        kaders = kaders.filter(
            door_lsc_bevestigd(gebruiker, school=school, lsc=OuterRef("verdeling__envelop__lsc"))
        )
    zelfde_versie = Tijdskader.objects.filter(verdeling=OuterRef("verdeling")).order_by().values("verdeling")

    def totaal(som, veld):
        return Subquery(zelfde_versie.annotate(totaal=som).values("totaal"), output_field=veld)

    bewegingen = (
        Herverdeling.objects.filter(Q(van=OuterRef("pk")) | Q(naar=OuterRef("pk")))
        .order_by("wanneer", "id")
        .values(
            json=JSONObject(
                wanneer="wanneer",
                uren="uren",
                van_id="van_id",
                van="van__school__naam",
                naar="naar__school__naam",
                reden="reden",
            )
        )
    )
    kaders = kaders.select_related("verdeling__envelop__lsc").annotate(
        som_p=totaal(Sum("leerlingen"), IntegerField()),
        som_r=totaal(Sum("gemiddelde_verslagen"), DecimalField()),
        scholen=totaal(Count("pk"), IntegerField()),
        bewegingen=ArraySubquery(bewegingen),
    )
    return sorted(kaders, key=lambda k: k.verdeling.envelop.lsc.naam)


def _eenheid_tekst(eenheid: int) -> str:
    return "1 uur" if eenheid == Envelop.Eenheid.UUR else f"een halve dag ({eenheid} uur)"


def _uitleg(verdeling: Verdeling, kader: Tijdskader, jaren_met_cijfers: int) -> tuple:
    sleutel = verdeling.sleutel or {}
    envelop = verdeling.envelop
    jaar = envelop.schooljaar
    w_p = int(sleutel.get("gewicht_leerlingen", envelop.gewicht_leerlingen))
    w_r = 100 - w_p
    venster = int(sleutel.get("venster_jaren", envelop.venster_jaren))
    referentie = int(sleutel.get("referentiejaar", envelop.referentie))
    eenheid = int(sleutel.get("eenheid", envelop.eenheid))
    soorten = "/".join(SOORTNAMEN.get(s, s) for s in sleutel.get("verslagsoorten", ["gc"]))
    eenheden = verdeling.uren // eenheid
    som_p, som_r = kader.som_p or 0, kader.som_r or Decimal(0)
    w = procent(kader.gewicht, 4)  # four decimals: 12000 × W must visibly give the quotum the next step shows
    invoer = [
        (f"Leerlingen in {als_tekst(referentie)} (P)", str(kader.leerlingen)),
        (
            f"Gemiddeld aantal {soorten}-verslagen per schooljaar (R)",
            f"{getal(kader.gemiddelde_verslagen, 2)}, over {jaren_met_cijfers} "
            f"{'schooljaar' if jaren_met_cijfers == 1 else 'schooljaren'} met cijfers in het venster van "
            f"{venster} schooljaren ({als_tekst(jaar - venster)} tot {als_tekst(jaar - 1)})",
        ),
        ("Aandeel van de school (W)", f"{w} %"),
    ]
    stappen = [
        f"De envelop van {envelop.lsc.naam} voor {als_tekst(jaar)} is U = {verdeling.uren} uur ondersteuning "
        f"voor de brede types, verdeeld over {kader.scholen} scholen in eenheden van "
        f"{_eenheid_tekst(eenheid)}: N = {eenheden} eenheden.",
    ]
    if som_r:
        stappen.append(
            f"Het aandeel weegt {w_p} % leerlingen en {w_r} % verslagen: W = {w_p} % × P/ΣP + {w_r} % × R/ΣR "
            f"= {w_p} % × {kader.leerlingen}/{som_p} + {w_r} % × {getal(kader.gemiddelde_verslagen, 2)}/"
            f"{getal(som_r, 2)} = {w} %."
        )
    else:
        stappen.append(
            f"Geen enkele school had verslagen in het venster, dus telt enkel het aantal leerlingen: "
            f"W = P/ΣP = {kader.leerlingen}/{som_p} = {w} %."
        )
    stappen.append(f"Quotum: N × W = {eenheden} × {w} % = {getal(kader.quotum, 4)} eenheden.")
    stappen.append(
        f"Elke school krijgt eerst het gehele deel van haar quotum: {kader.basis} "
        f"{'eenheid' if kader.basis == 1 else 'eenheden'} = {kader.basis * eenheid} uur."
    )
    if kader.extra:
        stappen.append(
            f"De eenheden die na die afronding overblijven, gaan één per school naar de grootste resten: "
            f"deze school kreeg er één bij (+{kader.extra * eenheid} uur)."
        )
    else:
        stappen.append(
            "De eenheden die na die afronding overblijven, gaan één per school naar de grootste resten: "
            "deze school kreeg er geen bij."
        )
    stappen.append(
        f"Berekend tijdskader: {kader.berekende_uren} uur. Samen precies de envelop, geen uur meer."
    )
    return invoer, stappen


def _bewegingen(kader: Tijdskader) -> list[dict]:
    """The moves of hours in and out of this frame, oldest first (`kader.bewegingen`, read as JSON)."""
    bewegingen = []
    for h in kader.bewegingen:
        uit = h["van_id"] == kader.pk
        bewegingen.append(
            {
                "wanneer": timezone.localtime(dt.datetime.fromisoformat(h["wanneer"])),
                "uren": -h["uren"] if uit else h["uren"],
                "zin": f"{h['uren']} uur {'afgegeven aan' if uit else 'ontvangen van'} "
                f"{h['naar'] if uit else h['van']}",
                "reden": h["reden"],
            }
        )
    return bewegingen


def tijdskader_school(request: HttpRequest, school_pk: int) -> HttpResponse:
    if request.user.rol == Rol.CLB and not request.user.is_superuser:
        raise Http404  # CLB staff read the consultation's report, not the frame
    jaar = _schooljaar(request)
    cijferjaren = Schooljaarcijfers.objects.filter(school=OuterRef("pk"), schooljaar__lt=jaar).values(
        "schooljaar"
    )
    school = get_object_or_404(
        scholen_zichtbaar_voor(request.user).annotate(cijferjaren=ArraySubquery(cijferjaren)), pk=school_pk
    )
    kaders = _kaders(request, school, jaar)
    minuten: dict[int, dict] = {}
    if kaders:
        regels = Logboekregel.objects.filter(
            traject__school=school, traject__lsc__in=[k.verdeling.envelop.lsc_id for k in kaders]
        )
        minuten = minuten_per_maand(regels, per="traject__lsc", schooljaar=jaar)
    vandaag = timezone.localdate()
    resultaat = []
    for kader in kaders:
        verdeling = kader.verdeling
        envelop = verdeling.envelop
        venster = int((verdeling.sleutel or {}).get("venster_jaren", envelop.venster_jaren))
        met_cijfers = len(set(school.cijferjaren) & set(range(jaar - venster, jaar)))
        invoer, stappen = _uitleg(verdeling, kader, met_cijfers)
        resultaat.append(
            Kader(
                verdeling=verdeling,
                kader=kader,
                woorden=beschrijf(kader.uren, envelop.schoolweken),
                invoer=invoer,
                stappen=stappen,
                bewegingen=_bewegingen(kader),
                opvolging=gebruik(
                    uren=kader.uren,
                    schoolweken=envelop.schoolweken,
                    schooljaar=jaar,
                    minuten=minuten.get(envelop.lsc_id, {}),
                    vandaag=vandaag,
                ),
            )
        )
    return render(
        request,
        "capaciteit/tijdskader_school.html",
        {
            "school": school,
            "jaar": jaar,
            "schooljaar": als_tekst(jaar),
            "vorig": jaar - 1,
            "volgend": jaar + 1,
            "kaders": resultaat,
            "drempels": drempels(),
            # The solidarity advice (release hours for other schools) is the LSC's to weigh, not the school's.
            "lsc_medewerker": request.user.rol in LSC_ROLLEN,
        },
    )
