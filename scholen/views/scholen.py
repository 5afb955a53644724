"""The schools a user may see: a filtered list, a school page with edits in place, and exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from netwerk import export
from netwerk.gelijktijdig import Verouderd, conflict_tonen
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen import rules, services
from scholen.exporteren import schoolrijen
from scholen.forms import AnkerForm, RegisterForm, SchoolFilterForm, SchoolForm
from scholen.grafiek import leerlingen_grafiek
from scholen.models import Ankertoewijzing, School, Schoolvoorstel
from scholen.queries import (
    andere_lscs_van,
    ankerkandidaten,
    cijfers_van,
    gemeenten_van,
    met_ankers,
    met_open_voorstellen,
    regioteams_zichtbaar_voor,
    scholen_gefilterd,
    scholen_zichtbaar_voor,
)
from scholen.views.importeren import mag_importeren

PER_PAGINA = 25


def _filterformulier(request: HttpRequest) -> SchoolFilterForm:
    zichtbaar = scholen_zichtbaar_voor(request.user)
    return SchoolFilterForm(
        request.GET or None,
        regioteams=regioteams_zichtbaar_voor(request.user).order_by("naam"),
        gemeenten=gemeenten_van(zichtbaar),
    )


def _huidige_lijst(request: HttpRequest) -> tuple[SchoolFilterForm, dict, QuerySet[School]]:
    """The schools as the user has narrowed the list, in its order: the list and its export both ask here,
    so they cannot differ."""
    formulier = _filterformulier(request)
    filters = formulier.filters() if request.GET else {}
    scholen = scholen_gefilterd(
        scholen_zichtbaar_voor(request.user).select_related("clb"), filters, lsc_id=request.user.lsc_id
    ).order_by("naam", "instellingsnummer")
    return formulier, filters, scholen


def school_lijst(request: HttpRequest) -> HttpResponse:
    formulier, filters, scholen = _huidige_lijst(request)
    pagina = Paginator(met_ankers(scholen), PER_PAGINA).get_page(request.GET.get("pagina"))
    zoekopdracht = request.GET.copy()
    zoekopdracht.pop("pagina", None)
    template = "scholen/school_lijst.html"
    if request.htmx and not request.htmx.boosted:
        template += "#resultaten"
    return render(
        request,
        template,
        {
            "pagina": pagina,
            "formulier": formulier,
            "filters": filters,
            "zoekopdracht": zoekopdracht.urlencode(),
            "schooljaar": als_tekst(huidig_schooljaar()),
            "mag_exporteren": rules.mag_exporteren(request.user),
            "mag_importeren": mag_importeren(request.user),
        },
    )


def _school_of_404(request: HttpRequest, pk: int) -> School:
    scholen = (
        scholen_zichtbaar_voor(request.user).select_related("clb").prefetch_related("lscs", "zorgmedewerkers")
    )
    return get_object_or_404(met_open_voorstellen(met_ankers(scholen)), pk=pk)


def _detail_context(request: HttpRequest, school: School, **extra) -> dict:
    lsc_id = request.user.lsc_id
    kan_anker = rules.mag_anker_toewijzen(request.user) and lsc_id is not None
    cijfers = list(cijfers_van(school))
    return {
        "school": school,
        "cijfers": cijfers,
        "grafiek": leerlingen_grafiek(cijfers),
        "schooljaar": als_tekst(huidig_schooljaar()),
        "register": list(school.verslagregister.select_related("bijgewerkt_door")),
        "mag_bewerken": rules.mag_school_bewerken(request.user),
        "mag_register": rules.mag_register_bijwerken(request.user),
        "ankerformulier": AnkerForm(kandidaten=ankerkandidaten(lsc_id=lsc_id, school=school))
        if kan_anker
        else None,
        "registerformulier": RegisterForm(),
        "andere_lscs": [lsc for lsc in school.lscs.all() if lsc.pk != lsc_id] if lsc_id else [],
        "open_voorstellen": _voorstellen(school) if rules.mag_school_bewerken(request.user) else [],
        **extra,
    }


def _voorstellen(school: School) -> list[dict]:
    soorten = dict(Schoolvoorstel.Soort.choices)
    return [
        {**v, "soort": soorten.get(v["soort"], v["soort"]), "op": parse_datetime(v["op"])}
        for v in getattr(school, "open_voorstellen", [])
    ]


def school_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school_of_404(request, pk)
    return render(request, "scholen/school_detail.html", _detail_context(request, school))


def school_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school_of_404(request, pk)
    if not rules.mag_school_bewerken(request.user):
        raise PermissionDenied
    formulier = SchoolForm(request.POST or None, instance=school)
    if request.method == "POST" and formulier.is_valid():
        try:
            resultaat = services.school_wijzigen(
                door=request.user,
                school=school,
                gegevens=formulier.gegevens(),
                stand=formulier.cleaned_data["stand"],
            )
        except Verouderd as fout:
            school.refresh_from_db(fields=list(formulier.gegevens()))
            conflict_tonen(formulier, fout, herladen=reverse("school_detail", args=[school.pk]))
            return _schoolformulier(request, school, formulier)
        if not isinstance(resultaat, School):
            school.refresh_from_db()
            melding = (
                _("Er is niets gewijzigd.")
                if resultaat is None
                else _("Je voorstel is verstuurd naar %(lscs)s. De gegevens wijzigen zodra zij akkoord gaan.")
                % {"lscs": ", ".join(str(lsc) for lsc in andere_lscs_van(school, lsc_id=request.user.lsc_id))}
            )
            if request.htmx:
                context = _detail_context(request, school, voorstel_melding=melding)
                return render(request, "scholen/school_detail.html#gegevens", context)
            messages.info(request, melding)
            return redirect("school_detail", pk=school.pk)
        if request.htmx:
            context = _detail_context(request, school, bijgewerkt=True)
            return render(request, "scholen/school_detail.html#gegevens", context)
        messages.success(request, _("De gegevens van %(school)s zijn bewaard.") % {"school": school.naam})
        return redirect("school_detail", pk=school.pk)
    return _schoolformulier(request, school, formulier)


def _schoolformulier(request: HttpRequest, school: School, formulier: SchoolForm) -> HttpResponse:
    template = (
        "scholen/school_detail.html#gegevens_formulier" if request.htmx else "scholen/school_bewerken.html"
    )
    return render(request, template, {"school": school, "formulier": formulier})


@require_POST
def anker_toewijzen(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school_of_404(request, pk)
    if not rules.mag_anker_toewijzen(request.user) or request.user.lsc_id is None:
        raise PermissionDenied
    formulier = AnkerForm(request.POST, kandidaten=ankerkandidaten(lsc_id=request.user.lsc_id, school=school))
    fout = None
    if formulier.is_valid():
        try:
            services.anker_toewijzen(
                door=request.user,
                school=school,
                lsc=request.user.lsc,
                ondersteuner=formulier.cleaned_data["ondersteuner"],
                schooljaar=huidig_schooljaar(),
            )
        except ValidationError as e:
            fout = " ".join(e.messages)
    else:
        fout = _("Kies een ondersteuner uit de lijst.")
    return _ankers_antwoord(request, school.pk, fout, _("Anker toegewezen."))


@require_POST
def anker_verwijderen(request: HttpRequest, pk: int, anker_pk: int) -> HttpResponse:
    school = _school_of_404(request, pk)
    if not rules.mag_anker_toewijzen(request.user) or request.user.lsc_id is None:
        raise PermissionDenied
    anker = get_object_or_404(Ankertoewijzing, pk=anker_pk, school=school, lsc=request.user.lsc_id)
    services.anker_verwijderen(door=request.user, anker=anker)
    return _ankers_antwoord(request, school.pk, None, _("Anker verwijderd."))


def _ankers_antwoord(request: HttpRequest, pk: int, fout: str | None, bericht: str) -> HttpResponse:
    if fout and not request.htmx:
        messages.error(request, fout)
    if not request.htmx:
        return redirect("school_detail", pk=pk)
    school = _school_of_404(request, pk)
    return render(
        request, "scholen/school_detail.html#ankers", _detail_context(request, school, ankerfout=fout)
    )


@require_POST
def register_bijwerken(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school_of_404(request, pk)
    if not rules.mag_register_bijwerken(request.user):
        raise PermissionDenied
    formulier = RegisterForm(request.POST)
    if formulier.is_valid():
        services.register_bijwerken(door=request.user, school=school, **formulier.cleaned_data)
        formulier = RegisterForm()
    elif not request.htmx:
        messages.error(request, " ".join(e for fouten in formulier.errors.values() for e in fouten))
    if not request.htmx:
        return redirect("school_detail", pk=school.pk)
    return render(
        request,
        "scholen/school_detail.html#register",
        _detail_context(request, school, registerformulier=formulier),
    )


@require_safe
def school_export(request: HttpRequest, formaat: str) -> HttpResponse:
    """Every school of the list as the user sees it (all pages, in its order), with the figures of the
    last eight school years. No pupil data: not a read to log."""
    if not rules.mag_exporteren(request.user):
        raise PermissionDenied
    _formulier, _filters, scholen = _huidige_lijst(request)
    laatste = huidig_schooljaar() - 1
    rijen = schoolrijen(scholen, jaren=range(laatste - 7, laatste + 1))
    inhoud = export.als_xlsx(rijen, blad=_("Scholen")) if formaat == "xlsx" else export.als_csv(rijen)
    return export.antwoord(inhoud, formaat=formaat, bestandsnaam=f"scholen-{als_tekst(huidig_schooljaar())}")
