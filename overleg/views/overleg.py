"""One school's consultation: planning it, preparing the leidraad and the meeting, each part edited in
place.

The LSC's staff work on `overleg_detail`; each part of it is edited in place (HTMX) and carries the version
it was opened with, so a part someone else changed meanwhile is refused and nothing is overwritten. What is
not yours to see is not found (404), and that includes the edit URLs of a consultation you may only read.
The agreements are in afspraken.py, the shared report and its documents in verslag.py.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg import queries, rules, services
from overleg.forms import (
    AanwezigheidForm,
    VersieForm,
    onderdeel_form,
)
from overleg.models import Status
from overleg.services import OverlegFout
from overleg.views.werkpagina import (
    bewerkbaar_of_404,
    deelnemers_van,
    detail_context,
    knoppen_van,
    leeg_onderdeelformulier,
    sectie,
    terug,
    zichtbaar_of_404,
)
from scholen.queries import scholen_zichtbaar_voor


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
    overleg = zichtbaar_of_404(request, pk)
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
        "acties": knoppen_van(overleg, True, request.user),
        "mag_bewerken": True,
        "oob": True,
    }
    html += render_to_string("overleg/detail.html#acties", acties, request=request)
    return HttpResponse(html)


@require_http_methods(["GET", "POST"])
def overleg_onderdeel(request: HttpRequest, pk: int, onderdeel: str) -> HttpResponse:
    """GET: the part's form (`?ophalen=1`: the overview filled from the trajectories; `?annuleren=1`: the
    part as it is). POST: saves it, or gives the form back with the reason and the user's text."""
    overleg = bewerkbaar_of_404(request, pk)
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
        formulier = leeg_onderdeelformulier(overleg, deel, ophalen=ophalen)
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
    overleg = zichtbaar_of_404(request, pk)
    melding = _("%(titel)s: bewaard.") % {"titel": deel.titel}
    if overleg.agenda_volgnummer != volgnummer:
        melding += " " + _("Wie uitgenodigd is, krijgt de wijziging in de agenda.")
    if not request.htmx:
        messages.success(request, melding)
        return redirect(reverse("overleg_detail", args=[overleg.pk]) + f"#onderdeel-{deel.naam}")
    return _onderdeel_antwoord(request, overleg, sectie(overleg, deel, melding=melding))


@require_POST
def overleg_uitnodigen_een(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = bewerkbaar_of_404(request, pk)
    try:
        batch = services.uitnodigingen_versturen(door=request.user, overleggen=[overleg])
    except OverlegFout as fout:
        messages.error(request, str(fout))
        return terug(overleg)
    messages.success(request, _("De uitnodigingen vertrekken: je volgt ze hieronder."))
    try:
        return redirect(reverse("overleg_batch", args=[batch.pk]))
    except NoReverseMatch:
        return terug(overleg)


def _versie_uit(request: HttpRequest) -> int | None:
    formulier = VersieForm(request.POST)
    return formulier.cleaned_data["versie"] if formulier.is_valid() else None


@require_POST
def overleg_gehouden_view(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = bewerkbaar_of_404(request, pk)
    try:
        services.overleg_gehouden(door=request.user, overleg=overleg, versie=_versie_uit(request))
    except OverlegFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("Het overleg is gehouden. Vul nu het verslag aan en deel het."))
    return terug(overleg)


@require_POST
def overleg_delen(request: HttpRequest, pk: int) -> HttpResponse:
    overleg = bewerkbaar_of_404(request, pk)
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
    return terug(overleg)


@require_http_methods(["GET", "POST"])
def overleg_annuleren(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first (what happens, to whom); POST calls the meeting off. Only for who may plan it."""
    overleg = bewerkbaar_of_404(request, pk)
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
            overleg = bewerkbaar_of_404(request, pk)
        else:
            messages.success(
                request,
                _("Het overleg is geannuleerd. %(aantal)s deelnemers krijgen een annulering in hun agenda.")
                % {"aantal": aantal},
            )
            return terug(overleg)
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
    overleg = bewerkbaar_of_404(request, pk)
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
        return terug(overleg, "deelnemers")
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
]
