"""A school's tijdskader as the school reads it: the hours, in words, why, and how much is used so far.

Whoever may see the school sees its frame, except the CLB: they read the consultation's report, not the
frame. LSC staff see their own LSC's frame; school care staff and admins see every LSC serving the school.
A constant number of queries, whatever the number of log lines or moves.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from capaciteit import queries
from capaciteit.models import Tijdskader, Verdeling
from capaciteit.rekenen import opvolging, uitleg
from capaciteit.rekenen.opvolging import Gebruik
from capaciteit.rekenen.woorden import Woorden, beschrijf
from netwerk.models import LSC_ROLLEN, Rol
from netwerk.schooljaar import als_tekst, schooljaar_uit_verzoek
from scholen.queries import scholen_zichtbaar_voor


@dataclass
class Kader:
    verdeling: Verdeling
    kader: Tijdskader
    woorden: Woorden
    invoer: list[tuple[str, str]]
    stappen: list[str]
    bewegingen: list[dict] = field(default_factory=list)
    opvolging: Gebruik | None = None


def _kader(kader: Tijdskader, *, cijferjaren: list[int], jaar: int, minuten: dict, vandaag: dt.date) -> Kader:
    """One frame with its words, its computation step by step, its moves and its use so far."""
    verdeling = kader.verdeling
    envelop = verdeling.envelop
    sleutel = uitleg.sleutelkeuze(
        verdeling.sleutel,
        gewicht_leerlingen=envelop.gewicht_leerlingen,
        venster_jaren=envelop.venster_jaren,
        referentiejaar=envelop.referentie,
        eenheid=envelop.eenheid,
    )
    invoer, stappen = uitleg.stappen(
        lsc=envelop.lsc.naam,
        schooljaar=envelop.schooljaar,
        sleutel=sleutel,
        envelop_uren=verdeling.uren,
        scholen=kader.scholen,
        leerlingen=kader.leerlingen,
        som_p=kader.som_p,
        verslagen=kader.gemiddelde_verslagen,
        som_r=kader.som_r,
        gewicht=kader.gewicht,
        quotum=kader.quotum,
        basis=kader.basis,
        extra=kader.extra,
        berekende_uren=kader.berekende_uren,
        jaren_met_cijfers=uitleg.jaren_met_cijfers(
            cijferjaren, schooljaar=jaar, venster_jaren=sleutel.venster_jaren
        ),
    )
    bewegingen = [
        {**h, "wanneer": timezone.localtime(dt.datetime.fromisoformat(h["wanneer"]))}
        for h in kader.bewegingen
    ]
    return Kader(
        verdeling=verdeling,
        kader=kader,
        woorden=beschrijf(kader.uren, envelop.schoolweken),
        invoer=invoer,
        stappen=stappen,
        bewegingen=opvolging.bewegingen(kader.pk, bewegingen),
        opvolging=opvolging.gebruik(
            uren=kader.uren,
            schoolweken=envelop.schoolweken,
            schooljaar=jaar,
            minuten=minuten.get(envelop.lsc_id, {}),
            vandaag=vandaag,
        ),
    )


def tijdskader_school(request: HttpRequest, school_pk: int) -> HttpResponse:
    if request.user.rol == Rol.CLB and not request.user.is_superuser:
        raise Http404  # CLB staff read the consultation's report, not the frame
    jaar = schooljaar_uit_verzoek(request)
    school = get_object_or_404(
        queries.met_cijferjaren(scholen_zichtbaar_voor(request.user), jaar), pk=school_pk
    )
    kaders = queries.tijdskaders_van_school(request.user, school, jaar)
    minuten: dict[int, dict] = {}
    if kaders:
        minuten = queries.minuten_op_school(school, [k.verdeling.envelop.lsc_id for k in kaders], jaar)
    vandaag = timezone.localdate()
    return render(
        request,
        "capaciteit/tijdskader_school.html",
        {
            "school": school,
            "jaar": jaar,
            "schooljaar": als_tekst(jaar),
            "vorig": jaar - 1,
            "volgend": jaar + 1,
            "kaders": [
                _kader(k, cijferjaren=school.cijferjaren, jaar=jaar, minuten=minuten, vandaag=vandaag)
                for k in kaders
            ],
            "drempels": opvolging.drempels(),
            # The solidarity advice (release hours for other schools) is the LSC's to weigh, not the school's.
            "lsc_medewerker": request.user.rol in LSC_ROLLEN,
        },
    )
