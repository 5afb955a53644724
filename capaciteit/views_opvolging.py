"""The coordinator's follow-up: every school's use of its tijdskader and every supporter's week.

Coordinators and directors of an LSC only, for their own LSC. A constant number of queries: the latest
published distribution, its frames, one aggregate of all logged minutes grouped by school and month, the
published week plan, the supporters, one aggregate of their visits and one read of their running
assignments. The figures are those of capaciteit.cijfers, as on the frame page and the supporter page.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from capaciteit import cijfers, opvolging, queries, rules
from netwerk.invoer import geheel_getal
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from trajecten.models import Logboekregel


def _schooljaar(request: HttpRequest) -> int:
    huidig = huidig_schooljaar()
    jaar = geheel_getal(request.GET.get("schooljaar", "").strip()[:9].split("-")[0])
    if jaar is not None and huidig - 10 <= jaar <= huidig + 5:
        return jaar
    return huidig


def capaciteit_opvolging(request: HttpRequest) -> HttpResponse:
    if not rules.mag_capaciteit_plannen(request.user):
        raise PermissionDenied
    lsc_id = request.user.lsc_id
    jaar = _schooljaar(request)
    enkel_gemarkeerd = request.GET.get("gemarkeerd") == "1"
    sorteer = "naam" if request.GET.get("sorteer") == "naam" else "signaal"
    verdeling = queries.gepubliceerd(lsc_id=lsc_id, schooljaar=jaar)
    rijen, alle = [], 0
    if verdeling is not None:
        envelop = verdeling.envelop
        kaders = list(queries.tijdskaders_van(verdeling))
        alle = len(kaders)
        rijen = opvolging.schoolrijen(
            kaders,
            opvolging.minuten_per_maand(
                Logboekregel.objects.filter(traject__lsc=lsc_id), per="traject__school", schooljaar=jaar
            ),
            schoolweken=envelop.schoolweken,
            schooljaar=jaar,
            vandaag=timezone.localdate(),
            enkel_gemarkeerd=enkel_gemarkeerd,
            sorteer=sorteer,
        )
    else:
        envelop = opvolging.envelop_van(lsc_id, jaar)
    weekplan = queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=jaar)
    planningen = opvolging.planningen(
        opvolging.actieve_ondersteuners(lsc_id), envelop=envelop, weekplan=weekplan
    )
    voltijds = opvolging.beschikbaar_bij(opdracht_procent=100, envelop=envelop)
    return render(
        request,
        "capaciteit/opvolging.html",
        {
            "jaar": jaar,
            "schooljaar": als_tekst(jaar),
            "vorig": jaar - 1,
            "volgend": jaar + 1,
            "verdeling": verdeling,
            "rijen": rijen,
            "aantal_scholen": alle,
            "enkel_gemarkeerd": enkel_gemarkeerd,
            "sorteer": sorteer,
            "weekplan": weekplan,
            "planningen": planningen,
            "voltijds": voltijds,
            "voltijds_tekst": cijfers.uren(voltijds.minuten_per_week),
            "drempels": opvolging.drempels(),
        },
    )
