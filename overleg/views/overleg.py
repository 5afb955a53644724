"""One school's consultation: planning it, preparing the leidraad, the meeting, its agreements and report,
and reading the shared report.

The LSC's staff work on `overleg_detail`; each part of it is edited in place (HTMX) and carries the version
it was opened with, so a part someone else changed meanwhile is refused and nothing is overwritten. The
school's care staff and the CLB read `overleg_verslag` once the report is shared. What is not yours to
see is not found (404), and that includes the edit URLs of a consultation you may only read.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg import documenten, opmaak, outbox, queries, rules, services
from overleg.forms import (
    AanwezigheidForm,
    AfspraakForm,
    VersieForm,
    onderdeel_form,
)
from overleg.models import Afspraak, Deelnemer, Documentsoort, Schoolbeeldoverleg, Status
from overleg.services import OverlegFout, afspraak_stand, onderdeel_stand
from scholen.queries import scholen_zichtbaar_voor
from trajecten.models import BREDE_TYPES, Gebondenheid

# The waiting page for a document asks once a second; after this many times it stops and says so.
MAX_POGINGEN = 90


# ------------------------------------------------------------------------------------------------ reads


def _overleggen(gebruiker) -> QuerySet[Schoolbeeldoverleg]:
    return queries.met_mijn_rol(queries.overleggen_zichtbaar_voor(gebruiker), gebruiker).select_related(
        "school__clb", "lsc", "gedeeld_door"
    )


def _zichtbaar_of_404(request: HttpRequest, pk: int) -> Schoolbeeldoverleg:
    return get_object_or_404(_overleggen(request.user), pk=pk)


def _bewerkbaar_of_404(request: HttpRequest, pk: int) -> Schoolbeeldoverleg:
    """Someone who may only read gets the same answer as someone who may not see it: not found."""
    overleg = _zichtbaar_of_404(request, pk)
    if not rules.mag_overleg_bewerken(request.user, overleg):
        raise Http404
    return overleg


def _afspraak_of_404(request: HttpRequest, pk: int) -> tuple[Afspraak, Schoolbeeldoverleg]:
    afspraak = get_object_or_404(Afspraak.objects.select_related("eigenaar"), pk=pk)
    overleg = _bewerkbaar_of_404(request, afspraak.overleg_id)
    return afspraak, overleg


@dataclass(frozen=True)
class Persoon:
    """A participant as shown: fixed (a Deelnemer row) or, before the invitation, as it will be asked."""

    gebruiker_id: int
    naam: str
    rol: str
    rol_label: str
    aanwezig: bool | None = None


def deelnemers_van(overleg: Schoolbeeldoverleg) -> tuple[list[Deelnemer], list[Persoon]]:
    """The fixed rows once invited (one query), else who `services.deelnemers_voor` would ask now."""
    vast = list(overleg.deelnemers.select_related("gebruiker").order_by("rol", "gebruiker__naam"))
    if vast or overleg.status != Status.VOORBEREIDING:
        personen = [
            Persoon(d.gebruiker_id, d.gebruiker.naam, d.rol, d.get_rol_display(), d.aanwezig) for d in vast
        ]
        return vast, personen
    rollen = dict(Deelnemer.Rol.choices)
    return [], [
        Persoon(k.gebruiker.pk, k.gebruiker.naam, k.rol, rollen[k.rol])
        for k in services.deelnemers_voor(overleg)
    ]


def eigenaars_uit(personen: list[Persoon]) -> list[tuple[int, str]]:
    return [
        (p.gebruiker_id, f"{p.naam} ({p.rol_label.lower()})")
        for p in personen
        if rules.kan_afspraak_dragen(p.rol)
    ]


def overzicht_tekst(overleg: Schoolbeeldoverleg) -> str:
    """The leidraad's overview in the consultation's markup: kind, type, class or group, phase, status and
    supporters of each open trajectory. Never a pupil's name, a question or a goal."""
    trajecten = list(queries.trajecten_voor_overzicht(overleg))
    if not trajecten:
        return _("Er zijn geen open leersteuntrajecten van %(lsc)s op deze school.") % {
            "lsc": overleg.lsc.naam
        }
    groepen = [
        (_("Brede types (binnen het tijdskader)"), [t for t in trajecten if t.type in BREDE_TYPES]),
        (_("Kleine types (buiten het tijdskader)"), [t for t in trajecten if t.type not in BREDE_TYPES]),
    ]
    blokken = [
        _("Aangemelde leersteuntrajecten van %(lsc)s op %(datum)s: %(aantal)s.")
        % {
            "lsc": overleg.lsc.naam,
            "datum": date_format(timezone.localdate(), "j F Y"),
            "aantal": len(trajecten),
        }
    ]
    for titel, groep in groepen:
        if groep:
            regels = [f"**{titel}: {len(groep)}**", *(f"- {_trajectregel(t)}" for t in groep)]
            blokken.append("\n".join(regels))
    return "\n\n".join(blokken)


def _trajectregel(traject) -> str:
    if traject.gebondenheid == Gebondenheid.LEERLING and traject.leerling_id:
        waar = _("klas %(klas)s") % {"klas": traject.leerling.klas}
    elif traject.groep:
        waar = _("groep %(groep)s") % {"groep": traject.groep}
    else:
        waar = ""
    ondersteuners = ", ".join(t.ondersteuner.gebruiker.naam for t in traject.toewijzingen.all())
    delen = [
        traject.get_type_display(),
        traject.get_gebondenheid_display().lower(),
        waar,
        _("fase %(fase)s") % {"fase": traject.fase},
        traject.get_status_display().lower(),
        ondersteuners or _("nog niemand toegewezen"),
    ]
    return " · ".join(deel for deel in delen if deel)


def _rijen(overleg: Schoolbeeldoverleg, onderdeel: services.Onderdeel) -> list[dict]:
    rijen = []
    for veld in onderdeel.velden:
        modelveld = Schoolbeeldoverleg._meta.get_field(veld)
        waarde = getattr(overleg, veld)
        soort = {"TextField": "tekst", "DateTimeField": "datum", "DateField": "dag", "TimeField": "uur"}.get(
            modelveld.get_internal_type(), "gewoon"
        )
        if soort == "tekst":
            waarde = opmaak.naar_html(waarde, kop_niveau=3) if waarde else ""
        rijen.append({"veld": veld, "label": modelveld.verbose_name, "soort": soort, "waarde": waarde})
    return rijen


def sectie(
    overleg,
    onderdeel: services.Onderdeel,
    *,
    formulier=None,
    fout: str = "",
    melding: str = "",
    opgehaald=False,
) -> dict:
    return {
        "opgehaald": opgehaald,
        "onderdeel": onderdeel,
        "rijen": _rijen(overleg, onderdeel),
        "open": overleg.status in onderdeel.statussen,
        "formulier": formulier,
        "fout": fout,
        "melding": melding,
    }


def _leeg_onderdeelformulier(
    overleg: Schoolbeeldoverleg, onderdeel: services.Onderdeel, *, ophalen: bool = False
):
    initial = {veld: getattr(overleg, veld) for veld in onderdeel.velden}
    initial.update(versie=overleg.versie, stand=onderdeel_stand(overleg, onderdeel.velden))
    if ophalen and onderdeel.ophalen:
        initial["overzicht_trajecten"] = overzicht_tekst(overleg)
    return onderdeel_form(onderdeel.velden)(initial=initial, auto_id=f"id_{onderdeel.naam}_%s")


def _acties(overleg: Schoolbeeldoverleg, mag_bewerken: bool, gebruiker) -> dict:
    if not mag_bewerken:
        return {}
    begonnen = overleg.datum is not None and overleg.datum <= timezone.now()
    return {
        "annuleren": overleg.status == Status.UITGENODIGD and rules.mag_overleg_annuleren(gebruiker, overleg),
        # Once an invited meeting's hour has passed, what is left to do is mark it held, not invite again.
        "uitnodigen": overleg.status == Status.VOORBEREIDING
        or (overleg.status == Status.UITGENODIGD and not begonnen),
        "niet_klaar": services.klaar_voor_uitnodiging(overleg),
        "gehouden": overleg.status == Status.UITGENODIGD,
        "delen": overleg.status in {Status.GEHOUDEN, Status.GEDEELD},
    }


def _stappen(overleg: Schoolbeeldoverleg) -> list[dict]:
    huidig = services.STAPPEN.index(overleg.status)
    return [
        {"label": Status(status).label, "gedaan": i < huidig, "huidig": i == huidig}
        for i, status in enumerate(services.STAPPEN)
    ]


def _afspraken_context(overleg, personen, mag_bewerken, **extra) -> dict:
    afspraken = list(
        queries.met_te_laat(overleg.afspraken.select_related("eigenaar")).order_by("tegen", "id")
    )
    for afspraak in afspraken:
        afspraak.stand = afspraak_stand(afspraak)
    eigenaars = eigenaars_uit(personen)
    context = {
        "overleg": overleg,
        "afspraken": afspraken,
        "mag_bewerken": mag_bewerken,
        "nieuwe_afspraak": AfspraakForm(eigenaars=eigenaars, auto_id="id_nieuw_%s") if mag_bewerken else None,
        "zonder_eigenaars": mag_bewerken and not eigenaars,
    }
    context.update(extra)
    return context


def detail_context(request: HttpRequest, overleg: Schoolbeeldoverleg, **extra) -> dict:
    """Everything on the working page, in a fixed number of queries however many agreements it holds."""
    gebruiker = request.user
    mag_bewerken = rules.mag_overleg_bewerken(gebruiker, overleg)
    vast, personen = deelnemers_van(overleg)
    secties = {naam: sectie(overleg, onderdeel) for naam, onderdeel in services.ONDERDELEN.items()}
    if bewerkt := extra.pop("bewerkt_onderdeel", None):
        secties[bewerkt["onderdeel"].naam] = bewerkt
    context = {
        "overleg": overleg,
        "school": overleg.school,
        "mag_bewerken": mag_bewerken,
        "stappen": _stappen(overleg),
        "acties": _acties(overleg, mag_bewerken, gebruiker),
        "personen": personen,
        "aanwezigheid": AanwezigheidForm(
            initial={"aanwezig": [d.pk for d in vast if d.aanwezig]}, deelnemers=vast
        )
        if mag_bewerken and vast
        else None,
        "planning": secties["planning"],
        "voorbereiding": [secties[n] for n in services.VOORBEREIDING],
        "vergadering": [secties[n] for n in services.VERGADERING],
        "verslagdelen": [secties[n] for n in services.VERSLAG],
        "tijdskader": queries.tijdskader_van(overleg),
        "cijfers": queries.laatste_cijfers(overleg),
        "documenten": Documentsoort.choices,
        **_afspraken_context(overleg, personen, mag_bewerken),
    }
    context.update(extra)
    return context


# ------------------------------------------------------------------------------------------------ views


@require_safe
def overleg_school(request: HttpRequest, school_pk: int) -> HttpResponse:
    """The school's consultation of this year with the user's LSC; readers get the school's list."""
    gebruiker = request.user
    if rules.is_lezer(gebruiker):
        school = get_object_or_404(scholen_zichtbaar_voor(gebruiker), pk=school_pk)
        context = {"school": school, "overleggen": queries.overleggen_van_school(gebruiker, school)}
        return render(request, "overleg/school.html", context)
    if not rules.mag_werkpagina_zien(gebruiker):
        raise Http404
    jaar = huidig_schooljaar()
    bestaand = (
        queries.overleggen_zichtbaar_voor(gebruiker)
        .filter(school=school_pk, lsc=gebruiker.lsc_id, schooljaar=jaar)
        .values_list("pk", flat=True)
        .first()
    )
    if bestaand:
        return redirect("overleg_detail", pk=bestaand)
    school = get_object_or_404(scholen_zichtbaar_voor(gebruiker), pk=school_pk)
    context = {
        "school": school,
        "schooljaar": als_tekst(jaar),
        "lsc": gebruiker.lsc,
        "mag_plannen": rules.mag_overleg_plannen(gebruiker, school, jaar),
        "overleggen": queries.overleggen_van_school(gebruiker, school),
    }
    return render(request, "overleg/school.html", context)


@require_POST
def overleg_plannen(request: HttpRequest, school_pk: int) -> HttpResponse:
    """Makes this year's consultation: only on a POST, never by opening a page."""
    gebruiker = request.user
    school = get_object_or_404(scholen_zichtbaar_voor(gebruiker), pk=school_pk)
    jaar = huidig_schooljaar()
    if rules.is_lezer(gebruiker) or not rules.mag_overleg_plannen(gebruiker, school, jaar):
        raise Http404
    overleg, nieuw = services.overleg_plannen(door=gebruiker, school=school, schooljaar=jaar)
    if nieuw:
        messages.success(
            request, _("Het schoolbeeldoverleg %(jaar)s is aangemaakt.") % {"jaar": als_tekst(jaar)}
        )
    return redirect("overleg_detail", pk=overleg.pk)


@require_safe
def overleg_detail(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = _zichtbaar_of_404(request, pk)
    if not rules.mag_werkpagina_zien(request.user):
        return redirect("overleg_verslag", pk=overleg.pk)
    return render(request, "overleg/detail.html", detail_context(request, overleg))


def _onderdeel_antwoord(request: HttpRequest, overleg, bewerkt: dict) -> HttpResponse:
    """The part in place (HTMX) with the status buttons refreshed out of band, or the whole page."""
    if not request.htmx:
        return render(
            request, "overleg/detail.html", detail_context(request, overleg, bewerkt_onderdeel=bewerkt)
        )
    context = {"overleg": overleg, "sectie": bewerkt, "mag_bewerken": True}
    html = render_to_string("overleg/_onderdeel.html", context, request=request)
    acties = {
        "overleg": overleg,
        "acties": _acties(overleg, True, request.user),
        "mag_bewerken": True,
        "oob": True,
    }
    html += render_to_string("overleg/detail.html#acties", acties, request=request)
    return HttpResponse(html)


@require_http_methods(["GET", "POST"])
def overleg_onderdeel(request: HttpRequest, pk: int, onderdeel: str) -> HttpResponse:
    """GET: the part's form (`?ophalen=1`: the overview filled from the trajectories; `?annuleren=1`: the
    part as it is). POST: saves it, or gives the form back with the reason and the user's text."""
    overleg = _bewerkbaar_of_404(request, pk)
    deel = services.ONDERDELEN.get(onderdeel)
    if deel is None:
        raise Http404
    if request.method == "GET":
        if request.GET.get("annuleren"):
            if not request.htmx:
                return redirect(reverse("overleg_detail", args=[overleg.pk]) + f"#onderdeel-{deel.naam}")
            return _onderdeel_antwoord(request, overleg, sectie(overleg, deel))
        if overleg.status not in deel.statussen:
            return _onderdeel_antwoord(request, overleg, sectie(overleg, deel, fout=str(deel.gesloten)))
        ophalen = deel.ophalen and bool(request.GET.get("ophalen"))
        formulier = _leeg_onderdeelformulier(overleg, deel, ophalen=ophalen)
        return _onderdeel_antwoord(
            request, overleg, sectie(overleg, deel, formulier=formulier, opgehaald=ophalen)
        )
    if overleg.status not in deel.statussen:  # closed: no question about its days either
        return _onderdeel_antwoord(request, overleg, sectie(overleg, deel, fout=str(deel.gesloten)))
    formulier = onderdeel_form(deel.velden)(
        request.POST,
        auto_id=f"id_{deel.naam}_%s",
        vorige={veld: getattr(overleg, veld) for veld in deel.velden},
    )
    if not formulier.is_valid():
        return _onderdeel_antwoord(request, overleg, sectie(overleg, deel, formulier=formulier))
    volgnummer = overleg.agenda_volgnummer
    try:
        overleg = services.onderdeel_bewaren(
            door=request.user,
            overleg=overleg,
            onderdeel=deel,
            versie=formulier.cleaned_data["versie"],
            stand=formulier.cleaned_data["stand"],
            gegevens=formulier.gegevens(),
        )
    except OverlegFout as fout:
        return _onderdeel_antwoord(
            request, overleg, sectie(overleg, deel, formulier=formulier, fout=str(fout))
        )
    overleg = _zichtbaar_of_404(request, pk)
    melding = _("%(titel)s: bewaard.") % {"titel": deel.titel}
    if overleg.agenda_volgnummer != volgnummer:
        melding += " " + _("Wie uitgenodigd is, krijgt de wijziging in de agenda.")
    if not request.htmx:
        messages.success(request, melding)
        return redirect(reverse("overleg_detail", args=[overleg.pk]) + f"#onderdeel-{deel.naam}")
    return _onderdeel_antwoord(request, overleg, sectie(overleg, deel, melding=melding))


def _terug(overleg: Schoolbeeldoverleg, anker: str = "") -> HttpResponse:
    return redirect(reverse("overleg_detail", args=[overleg.pk]) + (f"#{anker}" if anker else ""))


@require_POST
def overleg_uitnodigen_een(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = _bewerkbaar_of_404(request, pk)
    try:
        batch = services.uitnodigingen_versturen(door=request.user, overleggen=[overleg])
    except OverlegFout as fout:
        messages.error(request, str(fout))
        return _terug(overleg)
    messages.success(request, _("De uitnodigingen vertrekken: je volgt ze hieronder."))
    try:
        return redirect(reverse("overleg_batch", args=[batch.pk]))
    except NoReverseMatch:
        return _terug(overleg)


def _versie_uit(request: HttpRequest) -> int | None:
    formulier = VersieForm(request.POST)
    return formulier.cleaned_data["versie"] if formulier.is_valid() else None


@require_POST
def overleg_gehouden_view(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = _bewerkbaar_of_404(request, pk)
    try:
        services.overleg_gehouden(door=request.user, overleg=overleg, versie=_versie_uit(request))
    except OverlegFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("Het overleg is gehouden. Vul nu het verslag aan en deel het."))
    return _terug(overleg)


@require_POST
def overleg_delen(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = _bewerkbaar_of_404(request, pk)
    try:
        aantal = services.verslag_delen_zoals_gezien(
            door=request.user, overleg=overleg, versie=_versie_uit(request)
        )
    except OverlegFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            _("Het verslag is gedeeld met het zorgteam van de school en het CLB (%(aantal)s mails).")
            % {"aantal": aantal},
        )
    return _terug(overleg)


@require_http_methods(["GET", "POST"])
def overleg_annuleren(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first (what happens, to whom); POST calls the meeting off. Only for who may plan it."""
    overleg = _bewerkbaar_of_404(request, pk)
    if not rules.mag_overleg_annuleren(request.user, overleg):
        raise Http404
    fout = ""
    if request.method == "POST":
        versie = _versie_uit(request)
        try:
            if versie is None:
                raise OverlegFout(services.CONFLICT_OVERLEG)
            aantal = services.overleg_annuleren(door=request.user, overleg=overleg, versie=versie)
        except OverlegFout as reden:
            fout = str(reden)
            overleg = _bewerkbaar_of_404(request, pk)
        else:
            messages.success(
                request,
                _("Het overleg is geannuleerd. %(aantal)s deelnemers krijgen een annulering in hun agenda.")
                % {"aantal": aantal},
            )
            return _terug(overleg)
    context = {
        "overleg": overleg,
        "school": overleg.school,
        "kan": overleg.status == Status.UITGENODIGD,
        "ontvangers": services.ontvangers_annulering(overleg),
        "fout": fout,
    }
    return render(request, "overleg/annuleren.html", context)


@require_POST
def overleg_aanwezig(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = _bewerkbaar_of_404(request, pk)
    vast, _personen = deelnemers_van(overleg)
    formulier = AanwezigheidForm(request.POST, deelnemers=vast)
    fout, melding = "", ""
    if formulier.is_valid():
        try:
            services.aanwezigheid_bewaren(
                door=request.user, overleg=overleg, aanwezig=set(formulier.cleaned_data["aanwezig"])
            )
            melding = _("De aanwezigheden zijn bewaard.")
        except OverlegFout as reden:
            fout = str(reden)
    else:
        fout = _("Kies enkel deelnemers van dit overleg.")
    if not request.htmx:
        (messages.error if fout else messages.success)(request, fout or melding)
        return _terug(overleg, "deelnemers")
    vast, personen = deelnemers_van(overleg)
    context = {
        "overleg": overleg,
        "personen": personen,
        "mag_bewerken": True,
        "aanwezigheid": AanwezigheidForm(
            initial={"aanwezig": [d.pk for d in vast if d.aanwezig]}, deelnemers=vast
        ),
        "deelnemers_fout": fout,
        "deelnemers_melding": melding,
    }
    return render(request, "overleg/detail.html#deelnemers", context)


def _afspraken_antwoord(request: HttpRequest, overleg, *, melding="", fout="", **extra) -> HttpResponse:
    if not request.htmx:
        if melding or fout:
            (messages.error if fout else messages.success)(request, fout or melding)
        if extra:
            return render(request, "overleg/detail.html", detail_context(request, overleg, **extra))
        return _terug(overleg, "afspraken")
    _vast, personen = deelnemers_van(overleg)
    context = _afspraken_context(overleg, personen, True, afspraken_melding=melding, afspraken_fout=fout)
    context.update(extra)
    return render(request, "overleg/detail.html#afspraken", context)


def _eigenaars(overleg) -> list[tuple[int, str]]:
    return eigenaars_uit(deelnemers_van(overleg)[1])


@require_POST
def overleg_afspraak_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = _bewerkbaar_of_404(request, pk)
    formulier = AfspraakForm(request.POST, eigenaars=_eigenaars(overleg), auto_id="id_nieuw_%s")
    if not formulier.is_valid():
        return _afspraken_antwoord(request, overleg, nieuwe_afspraak=formulier)
    data = formulier.cleaned_data
    services.afspraak_toevoegen(
        door=request.user,
        overleg=overleg,
        omschrijving=data["omschrijving"],
        eigenaar_id=data["eigenaar"],
        tegen=data["tegen"],
    )
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is toegevoegd."))


@require_http_methods(["GET", "POST"])
def afspraak_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    afspraak, overleg = _afspraak_of_404(request, pk)
    eigenaars = _eigenaars(overleg)
    if afspraak.eigenaar_id not in dict(eigenaars):
        # The owner is kept even if they no longer take part: the agreement was made with them.
        eigenaars.append((afspraak.eigenaar_id, afspraak.eigenaar.naam))
    kwargs = {
        "eigenaars": eigenaars,
        "vorige_tegen": afspraak.tegen,
        "auto_id": f"id_afspraak_{afspraak.pk}_%s",
    }
    if request.method == "GET":
        initial = {
            "omschrijving": afspraak.omschrijving,
            "eigenaar": afspraak.eigenaar_id,
            "tegen": afspraak.tegen,
            "stand": afspraak_stand(afspraak),
        }
        formulier = AfspraakForm(initial=initial, **kwargs)
        return _afspraken_antwoord(request, overleg, bewerk_pk=afspraak.pk, bewerk_formulier=formulier)
    formulier = AfspraakForm(request.POST, **kwargs)
    if not formulier.is_valid():
        return _afspraken_antwoord(request, overleg, bewerk_pk=afspraak.pk, bewerk_formulier=formulier)
    data = formulier.cleaned_data
    try:
        services.afspraak_wijzigen(
            door=request.user,
            afspraak=afspraak,
            stand=data["stand"],
            omschrijving=data["omschrijving"],
            eigenaar_id=data["eigenaar"],
            tegen=data["tegen"],
        )
    except OverlegFout as fout:
        formulier.add_error(None, str(fout))
        return _afspraken_antwoord(request, overleg, bewerk_pk=afspraak.pk, bewerk_formulier=formulier)
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is bijgewerkt."))


@require_POST
def afspraak_verwijderen_view(request: HttpRequest, pk: int) -> HttpResponse:
    afspraak, overleg = _afspraak_of_404(request, pk)
    try:
        services.afspraak_verwijderen(
            door=request.user, afspraak=afspraak, stand=request.POST.get("stand", "")
        )
    except OverlegFout as fout:
        return _afspraken_antwoord(request, overleg, fout=str(fout))
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is verwijderd."))


@require_POST
def afspraak_afronden_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner (from their home page) or whoever may edit the consultation marks an agreement done."""
    afspraak = get_object_or_404(Afspraak.objects.select_related("overleg__school"), pk=pk)
    overleg = _overleggen(request.user).filter(pk=afspraak.overleg_id).first()
    mag_bewerken = overleg is not None and rules.mag_overleg_bewerken(request.user, overleg)
    if afspraak.eigenaar_id != request.user.pk and not mag_bewerken:
        raise Http404
    afspraak = services.afspraak_afronden(door=request.user, afspraak=afspraak)
    if request.POST.get("vanuit") == "home" or not mag_bewerken:
        if not request.htmx:
            messages.success(request, _("De afspraak is afgerond."))
            return redirect("home")
        afspraak = queries.met_te_laat(Afspraak.objects.select_related("overleg__school")).get(pk=afspraak.pk)
        return render(
            request, "overleg/_mijn_afspraken.html#rij", {"afspraak": afspraak, "net_afgerond": True}
        )
    return _afspraken_antwoord(request, overleg, melding=_("De afspraak is afgerond."))


# ------------------------------------------------------------------------------------- reading the report


@require_safe
def overleg_verslag(request: HttpRequest, pk: int) -> HttpResponse:
    """The report, read-only. Care staff see when, where and who before it is shared, the rest after.

    Not logged as an inzage: the report is about the school and holds no pupil data (the trajectory
    overview of the leidraad is left out of it on purpose)."""
    overleg = _zichtbaar_of_404(request, pk)
    gebruiker = request.user
    inhoud = rules.mag_inhoud_zien(gebruiker, overleg)
    _vast, personen = deelnemers_van(overleg)
    context = {
        "overleg": overleg,
        "school": overleg.school,
        "inhoud": inhoud,
        "personen": personen,
        "werkpagina": rules.mag_werkpagina_zien(gebruiker),
        "pdf": rules.mag_document_downloaden(gebruiker, overleg, Documentsoort.VERSLAG),
    }
    if inhoud:
        teksten = [
            services.ONDERDELEN[naam] for naam in ("prioriteiten", "verwachtingen", "werkwijze", "verslag")
        ]
        context.update(
            teksten=[sectie(overleg, onderdeel) for onderdeel in teksten],
            spreiding=sectie(overleg, services.ONDERDELEN["spreiding"]),
            tussentijds=sectie(overleg, services.ONDERDELEN["tussentijds"]),
            afspraken=list(
                queries.met_te_laat(overleg.afspraken.select_related("eigenaar")).order_by("tegen", "id")
            ),
            tijdskader=queries.tijdskader_van(overleg) if rules.mag_tijdskader_zien(gebruiker) else None,
        )
    return render(request, "overleg/verslag.html", context)


@require_safe
def overleg_document(request: HttpRequest, pk: int, soort: str) -> HttpResponse:
    """The PDF from storage when it matches the content; otherwise it is made by the worker while a small
    page asks every second (HTMX) and offers the download once it is there."""
    overleg = _zichtbaar_of_404(request, pk)
    if not rules.mag_document_downloaden(request.user, overleg, soort):
        raise Http404
    document = documenten.bewaard_document(overleg, soort)
    context = {"overleg": overleg, "soort": soort, "soort_label": Documentsoort(soort).label}
    if document is not None and not request.htmx:
        return FileResponse(
            document.bestand.open("rb"),
            as_attachment=True,
            filename=documenten.bestandsnaam(overleg, soort),
            content_type="application/pdf",
        )
    if document is not None:
        return render(request, "overleg/document.html#wacht", {**context, "klaar": True})
    try:
        poging = max(int(request.GET.get("poging", "0")), 0)
    except ValueError:
        poging = 0
    if not request.htmx:
        # Asked for once per visit; the polls only look whether it is there.
        outbox.document_laten_maken(overleg_id=overleg.pk, soort=soort)
    context.update(poging=poging + 1, opgegeven=poging >= MAX_POGINGEN)
    return render(
        request, "overleg/document.html#wacht" if request.htmx else "overleg/document.html", context
    )


urlpatterns = [
    path("school/<int:school_pk>/", overleg_school, name="overleg_school"),
    path("school/<int:school_pk>/plannen/", overleg_plannen, name="overleg_plannen"),
    path("<int:pk>/", overleg_detail, name="overleg_detail"),
    path("<int:pk>/onderdeel/<str:onderdeel>/", overleg_onderdeel, name="overleg_onderdeel"),
    path("<int:pk>/uitnodigen/", overleg_uitnodigen_een, name="overleg_uitnodigen_een"),
    path("<int:pk>/gehouden/", overleg_gehouden_view, name="overleg_gehouden"),
    path("<int:pk>/annuleren/", overleg_annuleren, name="overleg_annuleren"),
    path("<int:pk>/delen/", overleg_delen, name="overleg_delen"),
    path("<int:pk>/aanwezig/", overleg_aanwezig, name="overleg_aanwezig"),
    path("<int:pk>/afspraak/", overleg_afspraak_nieuw, name="overleg_afspraak_nieuw"),
    path("<int:pk>/verslag/", overleg_verslag, name="overleg_verslag"),
    path("<int:pk>/document/<str:soort>/", overleg_document, name="overleg_document"),
    path("afspraak/<int:pk>/bewerken/", afspraak_bewerken, name="afspraak_bewerken"),
    path("afspraak/<int:pk>/verwijderen/", afspraak_verwijderen_view, name="afspraak_verwijderen"),
    path("afspraak/<int:pk>/afronden/", afspraak_afronden_view, name="afspraak_afronden"),
]
