"""The coordinator's follow-up: every school's use of its tijdskader and every supporter's week.

Coordinators and directors of an LSC only, for their own LSC. A constant number of queries: the latest
published distribution, its frames, one aggregate of all logged minutes grouped by school and month, the
published week plan, the supporters, one aggregate of their visits and one read of their running
assignments. The figures are those of capaciteit.rekenen.cijfers, as on the frame page and the supporter page.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from capaciteit import queries
from capaciteit.rekenen import cijfers, opvolging
from capaciteit.views import gedeeld
from netwerk.schooljaar import als_tekst, schooljaar_uit_verzoek

# The first rows of each table (marked schools and supporters planned beyond their hours first); every row on
# ?alle. About three screens for the page's job: what needs a look.
KORT_RIJEN = 10


def capaciteit_opvolging(request: HttpRequest) -> HttpResponse:
    gedeeld.toegang(request)
    lsc_id = request.user.lsc_id
    jaar = schooljaar_uit_verzoek(request)
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
            queries.minuten_van_lsc(lsc_id, jaar),
            schoolweken=envelop.schoolweken,
            schooljaar=jaar,
            vandaag=timezone.localdate(),
            enkel_gemarkeerd=enkel_gemarkeerd,
            sorteer=sorteer,
        )
    else:
        envelop = queries.envelop_van(lsc_id, jaar)
    weekplan = queries.gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=jaar)
    planningen = queries.planningen(queries.actieve_ondersteuners(lsc_id), envelop=envelop, weekplan=weekplan)
    # `?ondersteuners=te_veel`: only the supporters planned beyond what they have available (home page).
    enkel_te_veel = request.GET.get("ondersteuners") == "te_veel"
    if enkel_te_veel:
        planningen = [p for p in planningen if p.te_veel]
    voltijds = opvolging.beschikbaar_bij(opdracht_procent=100, envelop=envelop)
    alle_rijen = "alle" in request.GET
    if not alle_rijen:
        planningen = sorted(planningen, key=lambda p: not p.te_veel)
    gepland_gedaan = queries.gepland_gedaan_gelogd(weekplan, lsc_id=lsc_id, schooljaar=jaar)
    parameters = request.GET.copy()
    parameters["alle"] = "1"
    return render(
        request,
        "capaciteit/opvolging.html",
        {
            "jaar": jaar,
            "schooljaar": als_tekst(jaar),
            "vorig": jaar - 1,
            "volgend": jaar + 1,
            "verdeling": verdeling,
            "rijen": rijen if alle_rijen else rijen[:KORT_RIJEN],
            "verborgen_scholen": 0 if alle_rijen else max(0, len(rijen) - KORT_RIJEN),
            "aantal_scholen": alle,
            "gemarkeerd": sum(1 for r in rijen if r.signaal.gemarkeerd),
            "enkel_gemarkeerd": enkel_gemarkeerd,
            "sorteer": sorteer,
            "weekplan": weekplan,
            "planningen": planningen if alle_rijen else planningen[:KORT_RIJEN],
            "verborgen_ondersteuners": 0 if alle_rijen else max(0, len(planningen) - KORT_RIJEN),
            "te_veel": sum(1 for p in planningen if p.te_veel),
            "alle_url": f"?{parameters.urlencode()}",
            "enkel_te_veel": enkel_te_veel,
            "voltijds": voltijds,
            "voltijds_tekst": cijfers.uren(voltijds.minuten_per_week),
            "drempels": opvolging.drempels(),
            "gepland_gedaan": gepland_gedaan,
            "gedaan_scholen": gepland_gedaan.scholen if alle_rijen else gepland_gedaan.scholen[:KORT_RIJEN],
            "gedaan_ondersteuners": gepland_gedaan.ondersteuners
            if alle_rijen
            else gepland_gedaan.ondersteuners[:KORT_RIJEN],
            "verborgen_gedaan": 0
            if alle_rijen
            else max(0, len(gepland_gedaan.scholen) - KORT_RIJEN)
            + max(0, len(gepland_gedaan.ondersteuners) - KORT_RIJEN),
        },
    )
