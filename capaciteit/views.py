"""The coordinator's capacity planning: the envelope and its key, a preview, versions, moves, exports."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from capaciteit import export, queries, rules, services
from capaciteit.cijfers import afgerond
from capaciteit.forms import EnvelopForm, HerverdelingForm, PublicatieForm, keuzes_uit
from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.publicatie import Publicatie, publicatie
from capaciteit.verdeling import VerdelingFout
from netwerk.gelijktijdig import Verouderd, conflict_tonen
from netwerk.schooljaar import als_tekst, huidig_schooljaar

BREEDTE, RIJ, LABEL, MARGE = 640, 20, 220, 8


@dataclass(frozen=True)
class Voorbeeldrij:
    instellingsnummer: str
    naam: str
    leerlingen: int
    gemiddelde_verslagen: Decimal
    gewicht: Decimal
    berekend: int  # by the key
    uren: int  # in the new version: computed, with the carried moves
    vorige: int | None

    @property
    def verschoven(self) -> int:
        return self.uren - self.berekend

    @property
    def verschoven_afstand(self) -> int:
        return abs(self.verschoven)

    @property
    def verschil(self) -> int | None:
        return None if self.vorige is None else self.uren - self.vorige

    @property
    def afstand(self) -> int:
        return abs(self.verschil or 0)


def _toegang(request: HttpRequest) -> None:
    if not rules.mag_capaciteit_plannen(request.user):
        raise PermissionDenied


def _schooljaar(request: HttpRequest) -> int:
    waarde = request.POST.get("schooljaar") or request.GET.get("schooljaar")
    huidig = huidig_schooljaar()
    try:
        jaar = int(waarde)
    except (TypeError, ValueError):
        return huidig
    return jaar if huidig - 10 <= jaar <= huidig + 5 else huidig


def _envelop(request: HttpRequest, schooljaar: int) -> Envelop:
    """The year's envelope, or a new one not saved yet: only the saved form makes it, a GET writes nothing."""
    envelop = Envelop.objects.filter(lsc_id=request.user.lsc_id, schooljaar=schooljaar).first()
    return envelop or services.nieuwe_envelop(lsc_id=request.user.lsc_id, schooljaar=schooljaar)


def _envelop_en_versies(request: HttpRequest, schooljaar: int) -> tuple[Envelop, list[Verdeling]]:
    """The envelope and its published versions, newest first: one query once a version exists (the
    versions bring their envelope along), else the envelope on its own (or a new one, not saved)."""
    versies = list(
        Verdeling.objects.filter(envelop__lsc=request.user.lsc_id, envelop__schooljaar=schooljaar)
        .select_related("envelop", "gepubliceerd_door")
        .order_by("-versie")
    )
    if not versies:
        return _envelop(request, schooljaar), []
    envelop = versies[0].envelop
    for versie in versies:
        versie.envelop = envelop
    return envelop, versies


def _planning_url(schooljaar: int) -> str:
    return f"{reverse('capaciteit_planning')}?schooljaar={schooljaar}"


def _publicatie(
    envelop: Envelop,
    laatste: Verdeling | None,
    kaders: list[Tijdskader],
    herverdelingen: list[Herverdeling],
    vervallen: set[int] = frozenset(),
) -> tuple[Publicatie | None, str | None]:
    """What publishing now would do (`herverdelingen`: the moves of `laatste`, oldest first), or the key's
    Dutch message when it cannot distribute the envelope."""
    try:
        aandelen = services.verdeling_berekenen(envelop)
    except VerdelingFout as fout:
        return None, str(fout)
    return publicatie(
        envelop=envelop,
        aandelen=aandelen,
        vorige=laatste,
        kaders=kaders,
        herverdelingen=herverdelingen,
        vervallen=vervallen,
    ), None


def _voorbeeld(voorstel: Publicatie | None, huidige: dict[str, int] | None) -> list[Voorbeeldrij]:
    if voorstel is None:
        return []
    return [
        Voorbeeldrij(
            instellingsnummer=a.instellingsnummer,
            naam=a.naam,
            leerlingen=a.leerlingen,
            gemiddelde_verslagen=afgerond(a.gemiddelde_verslagen, 2),
            gewicht=afgerond(a.gewicht * 100, 2),
            berekend=a.uren,
            uren=voorstel.uren[a.instellingsnummer],
            vorige=None if huidige is None else huidige.get(a.instellingsnummer, 0),
        )
        for a in voorstel.aandelen
    ]


def grafiek(uren_per_school: list[tuple[str, int]]) -> dict | None:
    """Horizontal bars of hours per school, largest first, scaled to the largest (no script, CSP-safe)."""
    if not uren_per_school:
        return None
    rijen = sorted(uren_per_school, key=lambda r: (-r[1], r[0]))
    hoogste = max(uren for _naam, uren in rijen) or 1
    bruikbaar = BREEDTE - LABEL - 2 * MARGE - 48
    staven = [
        {
            "naam": naam,
            "uren": uren,
            "y": MARGE + i * RIJ,
            "tekst_y": MARGE + i * RIJ + RIJ * 0.7,
            "breedte": round(bruikbaar * uren / hoogste, 1),
            "waarde_x": round(LABEL + bruikbaar * uren / hoogste + 6, 1),
        }
        for i, (naam, uren) in enumerate(rijen)
    ]
    return {
        "breedte": BREEDTE,
        "hoogte": 2 * MARGE + len(rijen) * RIJ,
        "label_x": LABEL - 6,
        "staaf_x": LABEL,
        "staafhoogte": RIJ - 6,
        "staven": staven,
    }


MAX_RIJEN = 200  # beyond this a page of rows helps nobody: the XLSX holds them all
MAX_STAVEN = 40


def _planning_context(
    request: HttpRequest, envelop: Envelop, versies: list[Verdeling] | None = None, **extra
) -> dict:
    # The versions and the moves of hours are read once each: the latest version and the newest move in it
    # (what the move form carries, as services.herverdeling_stand) come from those lists.
    nieuw = envelop.pk is None
    if versies is None and nieuw:
        versies = []
    elif versies is None:
        versies = list(envelop.verdelingen.select_related("gepubliceerd_door").order_by("-versie"))
    herverdelingen = (
        []
        if nieuw
        else list(
            Herverdeling.objects.filter(verdeling__envelop=envelop).select_related(
                "van__school", "naar__school", "door", "verdeling", "overgenomen_van__verdeling"
            )
        )
    )
    laatste = versies[0] if versies else None
    kaders = list(queries.tijdskaders_van(laatste)) if laatste else []
    huidige = {k.school.instellingsnummer: k.uren for k in kaders} if laatste else None
    in_laatste = sorted((h for h in herverdelingen if laatste and h.verdeling_id == laatste.pk), key=_pk)
    # No preview of an envelope that does not exist yet: nothing could be published from it.
    voorstel, fout = (None, None) if nieuw else _publicatie(envelop, laatste, kaders, in_laatste)
    voorbeeld = _voorbeeld(voorstel, huidige)
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
        # The largest differences first: with thousands of schools those are the rows to check.
        voorbeeld_getoond = sorted(voorbeeld, key=lambda r: (-r.afstand, r.naam))[:MAX_RIJEN]
    else:
        voorbeeld_getoond = voorbeeld if alle else voorbeeld[:MAX_RIJEN]
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
        "kaders_getoond": kaders if alle else kaders[:MAX_RIJEN],
        "verborgen_kaders": 0 if alle else max(0, len(kaders) - MAX_RIJEN),
        "voorbeeld_totaal": sum(r.uren for r in voorbeeld),
        "berekend_totaal": sum(r.berekend for r in voorbeeld),
        "voorstel": voorstel,
        "publiceren_url": _publiceren_url(envelop.schooljaar),
        "voorbeeld_leerlingen": sum(r.leerlingen for r in voorbeeld),
        "vorig_totaal": sum(huidige.values()) if huidige is not None else None,
        "fout": fout,
        "laatste": laatste,
        "kaders": kaders,
        "kaders_totaal": sum(k.uren for k in kaders),
        "versies": versies,
        "herverdelingen": herverdelingen,
        "grafiek": grafiek(bron),
        "publicatiestand": services.publicatiestand(envelop, laatste.versie if laatste else 0),
        **extra,
    }


def _pk(obj) -> int:
    return obj.pk


def _scholen(kaders: list[Tijdskader]) -> list[tuple[int, str]]:
    return [(k.school_id, f"{k.school.naam} ({k.uren} uur)") for k in kaders]


def capaciteit_planning(request: HttpRequest) -> HttpResponse:
    _toegang(request)
    if request.method == "GET":
        envelop, versies = _envelop_en_versies(request, _schooljaar(request))
        return render(request, "capaciteit/planning.html", _planning_context(request, envelop, versies))
    schooljaar = _schooljaar(request)
    envelop = _envelop(request, schooljaar)
    formulier = None
    if request.method == "POST":
        formulier = EnvelopForm(request.POST, instance=envelop)
        if formulier.is_valid():
            gegevens = formulier.gegevens()
            if formulier.cleaned_data["afleiden"]:
                gegevens["uren"] = queries.uren_uit_personeel(envelop) or 0
            try:
                envelop = services.envelop_bewaren(
                    door=request.user,
                    envelop=envelop,
                    gegevens=gegevens,
                    stand=formulier.cleaned_data["stand"],
                )
            except Verouderd as fout:
                envelop = _envelop(request, schooljaar)
                conflict_tonen(formulier, fout, herladen=_planning_url(schooljaar))
            else:
                if not request.htmx:
                    messages.success(request, _("De instellingen zijn bewaard. Bekijk de nieuwe verdeling."))
                    return redirect(_planning_url(envelop.schooljaar))
                formulier = None
        else:
            # The form wrote its values on the instance: the page shows the envelope as it is stored.
            envelop = _envelop(request, schooljaar)
    extra = {"formulier": formulier} if formulier is not None else {}
    template = "capaciteit/planning.html"
    if request.htmx and request.method == "POST":
        template += "#instellingen"
    return render(request, template, _planning_context(request, envelop, **extra))


def _publiceren_url(schooljaar: int, vervallen=()) -> str:
    keuzes = [(f"keuze-{pk}", "vervallen") for pk in sorted(vervallen)]
    return f"{reverse('capaciteit_publiceren_voorbeeld')}?{urlencode([('schooljaar', schooljaar), *keuzes])}"


def _verschuivingen_van(verdeling: Verdeling | None) -> list[Herverdeling]:
    """The moves of a version in the order they were made, with what the page shows of each."""
    if verdeling is None:
        return []
    return list(
        verdeling.herverdelingen.select_related(
            "van__school", "naar__school", "door", "overgenomen_van__verdeling"
        ).order_by("pk")
    )


def _envelop_of_terug(request: HttpRequest) -> tuple[Envelop, list[Verdeling]] | HttpResponse:
    envelop, versies = _envelop_en_versies(request, _schooljaar(request))
    if envelop.pk is not None:
        return envelop, versies
    messages.error(
        request,
        _("Voor %(jaar)s is er nog geen envelop: vul eerst de envelop en de verdeelsleutel in.")
        % {"jaar": als_tekst(envelop.schooljaar)},
    )
    return redirect(_planning_url(envelop.schooljaar))


def capaciteit_publiceren_voorbeeld(request: HttpRequest) -> HttpResponse:
    """What publishing a new version would do: each move of the published version with its choice (carry it,
    or let it go) and its fate, the schools whose hours change, what is lost, and the confirmation. HTMX
    swaps the page's part when a choice changes; without script the publication refuses an outcome the
    coordinator did not see and brings them back here with their choices."""
    _toegang(request)
    gelezen = _envelop_of_terug(request)
    if isinstance(gelezen, HttpResponse):
        return gelezen
    envelop, versies = gelezen
    laatste = versies[0] if versies else None
    herverdelingen = _verschuivingen_van(laatste)
    verschuivingen = [h.pk for h in herverdelingen]
    formulier = PublicatieForm(keuzes_uit(request.GET, verschuivingen), verschuivingen=verschuivingen)
    vervallen = formulier.vervallen() if formulier.is_valid() else set()
    kaders = list(queries.tijdskaders_van(laatste)) if laatste else []
    voorstel, fout = _publicatie(envelop, laatste, kaders, herverdelingen, vervallen)
    context = {
        "envelop": envelop,
        "schooljaar": envelop.schooljaar,
        "schooljaar_tekst": als_tekst(envelop.schooljaar),
        "laatste": laatste,
        "versie": (laatste.versie if laatste else 0) + 1,
        "fout": fout,
        "voorstel": voorstel,
        "verschuivingen": [
            (lot, formulier[f"keuze-{lot.herverdeling.pk}"]) for lot in (voorstel.loten if voorstel else [])
        ],
        "publicatiestand": services.publicatiestand(envelop, laatste.versie if laatste else 0),
        "gezien": verschuivingen[-1] if verschuivingen else 0,
        "planning_url": _planning_url(envelop.schooljaar),
        "alle_url": _publiceren_url(envelop.schooljaar, vervallen) + "&alle",
        **_scholen_die_veranderen(voorstel, kaders, alle="alle" in request.GET),
    }
    template = "capaciteit/publiceren.html"
    if request.htmx:
        template += "#publicatie"
    return render(request, template, context)


@require_POST
def capaciteit_publiceren(request: HttpRequest) -> HttpResponse:
    """Publishes the new version with the choices and what the coordinator saw on the preview (the first
    version straight from the planning page: there is nothing before it to carry or compare)."""
    _toegang(request)
    gelezen = _envelop_of_terug(request)
    if isinstance(gelezen, HttpResponse):
        return gelezen
    envelop, versies = gelezen
    laatste = versies[0] if versies else None
    verschuivingen = (
        list(laatste.herverdelingen.order_by("pk").values_list("pk", flat=True)) if laatste else []
    )
    return _publiceren(request, envelop, laatste, verschuivingen)


@dataclass(frozen=True)
class Schoolverschil:
    """A school whose hours in the new version differ from those in the published one."""

    naam: str
    nu: int | None  # None: the school has no frame in the published version
    berekend: int | None  # None: nor in the new one (the LSC no longer serves it)
    uren: int

    @property
    def verschoven(self) -> int:
        return self.uren - (self.berekend or 0)

    @property
    def verschoven_afstand(self) -> int:
        return abs(self.verschoven)

    @property
    def verschil(self) -> int:
        return self.uren - (self.nu or 0)

    @property
    def afstand(self) -> int:
        return abs(self.verschil)


def _scholen_die_veranderen(voorstel: Publicatie | None, kaders: list[Tijdskader], *, alle: bool) -> dict:
    """The schools whose hours differ from the published version's, the largest differences first."""
    if voorstel is None:
        return {"veranderd": [], "aantal_veranderd": 0, "verborgen_scholen": 0}
    nu = {k.school.instellingsnummer: k.uren for k in kaders}
    rijen = [
        Schoolverschil(a.naam, nu.get(a.instellingsnummer), a.uren, voorstel.uren[a.instellingsnummer])
        for a in voorstel.aandelen
        if voorstel.uren[a.instellingsnummer] != nu.get(a.instellingsnummer)
    ]
    rijen += [
        Schoolverschil(k.school.naam, k.uren, None, 0)
        for k in kaders
        if k.school.instellingsnummer not in voorstel.uren
    ]
    rijen.sort(key=lambda r: (-r.afstand, r.naam))
    getoond = rijen if alle else rijen[:MAX_RIJEN]
    return {
        "veranderd": getoond,
        "aantal_veranderd": len(rijen),
        "verborgen_scholen": len(rijen) - len(getoond),
    }


def _publiceren(
    request: HttpRequest, envelop: Envelop, laatste: Verdeling | None, verschuivingen: list[int]
) -> HttpResponse:
    formulier = PublicatieForm(request.POST, verschuivingen=verschuivingen)
    vervallen = formulier.vervallen() if formulier.is_valid() else set()
    terug = _publiceren_url(envelop.schooljaar, vervallen) if laatste else _planning_url(envelop.schooljaar)
    if not formulier.is_valid():
        messages.error(request, _("Het formulier is niet volledig: er is niets gepubliceerd."))
        return redirect(terug)
    gegevens = formulier.cleaned_data
    try:
        verdeling = services.verdeling_publiceren(
            door=request.user,
            envelop=envelop,
            stand=gegevens["stand"] or None,
            gezien=gegevens["gezien"],
            vervallen=vervallen,
            uitkomst=gegevens["uitkomst"] or None,
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(terug)
    bericht = _("Versie %(versie)s gepubliceerd.") % {"versie": verdeling.versie}
    if verschuivingen:
        overgenomen = verdeling.herverdelingen.count()
        bericht += " " + ngettext(
            "%(aantal)s verschuiving overgenomen", "%(aantal)s verschuivingen overgenomen", overgenomen
        ) % {"aantal": overgenomen}
        if verloren := len(verschuivingen) - overgenomen:
            bericht += ", " + ngettext("%(aantal)s vervallen", "%(aantal)s vervallen", verloren) % {
                "aantal": verloren
            }
        bericht += "."
    messages.success(request, bericht)
    return redirect(_planning_url(envelop.schooljaar))


def _gezien_of(laatste: Verdeling, verdeling_id: int | None) -> Verdeling:
    """The version the coordinator moved hours in, if it is one of this envelope's; else the latest."""
    if verdeling_id is None or verdeling_id == laatste.pk:
        return laatste
    return laatste.envelop.verdelingen.filter(pk=verdeling_id).first() or laatste


def capaciteit_herverdelen(request: HttpRequest) -> HttpResponse:
    """Moves hours in the latest published version; GET gives the form (a partial for HTMX)."""
    _toegang(request)
    schooljaar = _schooljaar(request)
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
                verdeling=_gezien_of(laatste, formulier.cleaned_data["verdeling"]),
                van_school_id=formulier.cleaned_data["van"],
                naar_school_id=formulier.cleaned_data["naar"],
                uren=formulier.cleaned_data["uren"],
                reden=formulier.cleaned_data["reden"],
                gezien=formulier.cleaned_data["gezien"],
            )
        except Verouderd as fout:
            conflict_tonen(formulier, fout, herladen=_planning_url(schooljaar))
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
                antwoord["HX-Redirect"] = _planning_url(schooljaar)
                return antwoord
            return redirect(_planning_url(schooljaar))
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
    _toegang(request)
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
