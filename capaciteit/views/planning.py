"""The coordinator's capacity planning: the envelope and its key, a preview, versions, moves, exports."""

from fractions import Fraction

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from capaciteit import export, queries, services
from capaciteit.forms import EnvelopForm, HerverdelingForm
from capaciteit.models import Envelop, Verdeling
from capaciteit.rekenen import cijfers
from capaciteit.rekenen.grafiek import uren_grafiek
from capaciteit.views import gedeeld
from netwerk.gelijktijdig import Verouderd, conflict_tonen
from netwerk.schooljaar import als_tekst, huidig_schooljaar, schooljaar_uit_verzoek

MAX_STAVEN = 40
# The page leads with the largest changes; every school is one link away (?alle), the full list in the XLSX.
KORT_RIJEN = 8
KORT_VERSCHUIVINGEN = 5


def _planning_context(
    request: HttpRequest,
    envelop: Envelop,
    versies: list[Verdeling] | None = None,
    herverdelingen: list | None = None,
    **extra,
) -> dict:
    # The versions and the moves of hours are read once each: the latest version and the newest move in it
    # (what the move form carries, as services.herverdeling_stand) come from those lists.
    nieuw = envelop.pk is None
    if versies is None and nieuw:
        versies = []
    elif versies is None:
        versies = list(envelop.verdelingen.select_related("gepubliceerd_door").order_by("-versie"))
    if herverdelingen is None:
        herverdelingen = queries.alle_verschuivingen(envelop)
    laatste = versies[0] if versies else None
    kaders = queries.tijdskaders_voor_planning(laatste) if laatste else []
    huidige = {k.school.instellingsnummer: k.uren for k in kaders} if laatste else None
    in_laatste = sorted((h for h in herverdelingen if laatste and h.verdeling_id == laatste.pk), key=_pk)
    # No preview of an envelope that does not exist yet: nothing could be published from it.
    voorstel, fout = (None, None) if nieuw else services.publicatie_nu(envelop, laatste, kaders, in_laatste)
    voorbeeld = services.voorbeeld(voorstel, huidige)
    if "formulier" not in extra:
        extra["formulier"] = EnvelopForm(instance=envelop, initial={"verslagsoorten": envelop.verslagsoorten})
    if "herverdelingsformulier" not in extra and laatste:
        gezien = max((h.pk for h in herverdelingen if h.verdeling_id == laatste.pk), default=0)
        extra["herverdelingsformulier"] = HerverdelingForm(
            scholen=_scholen(kaders), initial={"verdeling": laatste.pk, "gezien": gezien}
        )
    bron = [(r.naam, r.uren) for r in voorbeeld] or [(k.school.naam, k.uren) for k in kaders]
    bron = sorted(bron, key=lambda r: (-r[1], r[0]))[:MAX_STAVEN]
    alle = "alle" in request.GET
    if laatste and not alle:
        # The largest differences first: those are the rows to check before publishing.
        voorbeeld_getoond = sorted(voorbeeld, key=lambda r: (-r.afstand, r.naam))[:KORT_RIJEN]
    else:
        voorbeeld_getoond = voorbeeld if alle else voorbeeld[:KORT_RIJEN]
    huidig = huidig_schooljaar()
    return {
        "envelop": envelop,
        "nieuw": nieuw,
        "schooljaar": envelop.schooljaar,
        "schooljaar_tekst": als_tekst(envelop.schooljaar),
        "schooljaren": [(j, als_tekst(j)) for j in range(huidig - 1, huidig + 3)],
        "uit_personeel": queries.uren_uit_personeel(envelop),
        "voorbeeld": voorbeeld,
        "voorbeeld_getoond": voorbeeld_getoond,
        "verborgen_rijen": len(voorbeeld) - len(voorbeeld_getoond),
        "alle": alle,
        "kaders_getoond": kaders if alle else [],
        "herverdelingen_getoond": herverdelingen if alle else herverdelingen[:KORT_VERSCHUIVINGEN],
        "gewijzigd": sum(1 for r in voorbeeld if r.verschil) if laatste else None,
        "buiten_kader": _buiten_kader(envelop, kaders) if laatste else None,
        "voorbeeld_totaal": sum(r.uren for r in voorbeeld),
        "berekend_totaal": sum(r.berekend for r in voorbeeld),
        "voorstel": voorstel,
        "publiceren_url": gedeeld.publiceren_url(envelop.schooljaar),
        "voorbeeld_leerlingen": sum(r.leerlingen for r in voorbeeld),
        "vorig_totaal": sum(huidige.values()) if huidige is not None else None,
        "fout": fout,
        "laatste": laatste,
        "kaders": kaders,
        "kaders_totaal": sum(k.uren for k in kaders),
        "versies": versies,
        "herverdelingen": herverdelingen,
        "grafiek": uren_grafiek(bron),
        "publicatiestand": services.publicatiestand(envelop, laatste.versie if laatste else 0),
        **extra,
    }


def _buiten_kader(envelop: Envelop, kaders: list[queries.Kaderrij]) -> int:
    """Schools far above or below their frame so far: the follow-up's own signal, not a second formula."""
    return ver_buiten_kader(
        kaders,
        queries.brede_minuten_per_school(envelop.lsc_id, envelop.schooljaar),
        schoolweken=envelop.schoolweken,
        schooljaar=envelop.schooljaar,
        vandaag=timezone.localdate(),
    )


def ver_buiten_kader(
    kaders: list, gebruikt: dict[int, int], *, schoolweken: int, schooljaar: int, vandaag
) -> int:
    """How many of `kaders` `opvolging.schoolrijen(..., enkel_gemarkeerd=True)` lists, without its month
    tables: the signal (`cijfers.signaal`) from what `cijfers.kadergebruik` gives it, per school the minutes
    used on brede types (`gebruikt`, per school id) and the frame pro rata; the share of the year elapsed is
    one for all schools. tests/capaciteit/test_planning.py checks it against `schoolrijen` on random frames
    and minutes."""
    deel = cijfers.verstreken_deel(schooljaar=schooljaar, vandaag=vandaag)
    weken = schoolweken * deel
    return sum(
        cijfers.signaal(
            gebruikt=Fraction(gebruikt.get(k.school_id, 0)),
            pro_rata=k.uren * 60 * deel,
            verstreken_weken=weken,
        ).gemarkeerd
        for k in kaders
    )


def _pk(obj) -> int:
    return obj.pk


def _scholen(kaders: list) -> list[tuple[int, str]]:
    """The move form's schools from frames (models, or the planning page's `queries.Kaderrij`)."""
    return [(k.school_id, f"{k.school.naam} ({k.uren} uur)") for k in kaders]


def capaciteit_planning(request: HttpRequest) -> HttpResponse:
    gedeeld.toegang(request)
    lsc_id, schooljaar = request.user.lsc_id, schooljaar_uit_verzoek(request)
    if request.method == "GET":
        # The versions bring their envelope and their moves of hours: one query once a version exists
        # (without one there are no moves either).
        versies, herverdelingen = queries.versies_met_verschuivingen(lsc_id=lsc_id, schooljaar=schooljaar)
        envelop = (
            versies[0].envelop if versies else services.envelop_of_nieuw(lsc_id=lsc_id, schooljaar=schooljaar)
        )
        context = _planning_context(request, envelop, versies, herverdelingen)
        return render(request, "capaciteit/planning.html", context)
    envelop = services.envelop_of_nieuw(lsc_id=lsc_id, schooljaar=schooljaar)
    formulier = None
    if request.method == "POST":
        formulier = EnvelopForm(request.POST, instance=envelop)
        if formulier.is_valid():
            try:
                envelop = services.envelop_bewaren(
                    door=request.user,
                    envelop=envelop,
                    gegevens=formulier.gegevens(),
                    stand=formulier.cleaned_data["stand"],
                    afleiden=formulier.cleaned_data["afleiden"],
                )
            except Verouderd as fout:
                envelop = services.envelop_of_nieuw(lsc_id=lsc_id, schooljaar=schooljaar)
                conflict_tonen(formulier, fout, herladen=gedeeld.planning_url(schooljaar))
            else:
                if not request.htmx:
                    messages.success(request, _("De instellingen zijn bewaard. Bekijk de nieuwe verdeling."))
                    return redirect(gedeeld.planning_url(envelop.schooljaar))
                formulier = None
        else:
            # The form wrote its values on the instance: the page shows the envelope as it is stored.
            envelop = services.envelop_of_nieuw(lsc_id=lsc_id, schooljaar=schooljaar)
    extra = {"formulier": formulier} if formulier is not None else {}
    template = "capaciteit/planning.html"
    if request.htmx and request.method == "POST":
        template += "#instellingen"
    return render(request, template, _planning_context(request, envelop, **extra))


def capaciteit_herverdelen(request: HttpRequest) -> HttpResponse:
    """Moves hours in the latest published version; GET gives the form (a partial for HTMX)."""
    gedeeld.toegang(request)
    schooljaar = schooljaar_uit_verzoek(request)
    laatste = queries.gepubliceerd(lsc_id=request.user.lsc_id, schooljaar=schooljaar)
    kaders = list(queries.tijdskaders_van(laatste)) if laatste else []
    formulier = HerverdelingForm(
        request.POST or None,
        scholen=_scholen(kaders),
        initial=services.herverdeling_stand(laatste) if laatste else None,
    )
    if request.method == "POST" and laatste and formulier.is_valid():
        try:
            herverdeling = services.uren_verschuiven(
                door=request.user,
                verdeling=queries.versie_gezien(laatste, formulier.cleaned_data["verdeling"]),
                van_school_id=formulier.cleaned_data["van"],
                naar_school_id=formulier.cleaned_data["naar"],
                uren=formulier.cleaned_data["uren"],
                reden=formulier.cleaned_data["reden"],
                gezien=formulier.cleaned_data["gezien"],
            )
        except Verouderd as fout:
            conflict_tonen(formulier, fout, herladen=gedeeld.planning_url(schooljaar))
        except ValidationError as fout:
            formulier.add_error(None, " ".join(fout.messages))
        else:
            bericht = _("%(uren)s uur verschoven van %(van)s naar %(naar)s.") % {
                "uren": herverdeling.uren,
                "van": herverdeling.van.school.naam,
                "naar": herverdeling.naar.school.naam,
            }
            messages.success(request, bericht)
            if request.htmx:
                antwoord = HttpResponse(status=204)
                antwoord["HX-Redirect"] = gedeeld.planning_url(schooljaar)
                return antwoord
            return redirect(gedeeld.planning_url(schooljaar))
    context = {
        "laatste": laatste,
        "schooljaar": schooljaar,
        "schooljaar_tekst": als_tekst(schooljaar),
        "herverdelingsformulier": formulier,
    }
    template = (
        "capaciteit/planning.html#herverdelen" if request.htmx else "capaciteit/planning_herverdelen.html"
    )
    return render(request, template, context)


def capaciteit_export(request: HttpRequest, pk: int, formaat: str) -> HttpResponse:
    gedeeld.toegang(request)
    verdeling = get_object_or_404(
        Verdeling.objects.select_related("envelop__lsc", "gepubliceerd_door"),
        pk=pk,
        envelop__lsc=request.user.lsc_id,
    )
    kaders = list(queries.tijdskaders_van(verdeling).order_by("school__instellingsnummer"))
    naam = f"verdeling-{als_tekst(verdeling.envelop.schooljaar)}-v{verdeling.versie}.{formaat}"
    if formaat == "xlsx":
        inhoud = export.als_xlsx(kaders)
        soort = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif formaat == "pdf":
        inhoud, soort = export.als_pdf(verdeling, kaders), "application/pdf"
    else:
        raise Http404
    antwoord = HttpResponse(inhoud, content_type=soort)
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord
