"""One page per school, its dossier: what the school and the LSC share about it this school year.

The school's running and recent trajectories (filtered in place), its open requests, its time frames with
their use, what is left and how they were computed, who comes on which day, this year's consultation with
its agreements, the report register, the CLB and the contacts. "Mijn school" of care staff leads here.

Every section is read through the role-scoped queries the pages of its own app use, so a role sees here
exactly what it sees there: care staff only their own school and only the work of the LSCs that vouched
for them; the CLB no frame, no trajectories and no visits; nobody anything of another LSC. A section a
role may not see is left out, not shown empty. A constant number of queries, whatever the rows.
"""

import datetime as dt

from django.db.models import OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from capaciteit import queries as capaciteit_queries
from capaciteit.kaders import Kader, kaders_van_school
from capaciteit.rekenen import opvolging
from netwerk.audit import log_inzage
from netwerk.jsonrijen import Rijen, zet_terug
from netwerk.models import LSC_ROLLEN, Gebruiker, Inzage, Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg import queries as overleg_queries
from overleg import rules as overleg_rules
from overleg.models import Afspraak, Schoolbeeldoverleg
from scholen.models import Ankertoewijzing, School, Verslagregister
from scholen.queries import met_bevestigingen, scholen_zichtbaar_voor
from trajecten.forms import SchoolTrajectFilterForm
from trajecten.queries import DOSSIER_MAX, TOEWIJZINGEN, open_aanvragen_van_school, trajecten_van_school

# Who sees which section; the rows in each are scoped by the section's own query.
KADER_ROLLEN = {*LSC_ROLLEN, Rol.ZORG, Rol.ADMIN}  # the CLB reads the report, not the frame
BEZOEK_ROLLEN = {*LSC_ROLLEN, Rol.ZORG}
OVERLEG_ROLLEN = {*LSC_ROLLEN, Rol.ZORG, Rol.CLB}  # admins keep the organisation, not its meetings


# The school's short lists as JSON columns of the school's own query (netwerk/jsonrijen.py): its care team and
# its report register, in the order prefetch_related gave them.
ZORGTEAM = Rijen(Gebruiker.objects.filter(zorgscholen=OuterRef("pk")).order_by("naam", "pk"))
REGISTER = Rijen(Verslagregister.objects.filter(school=OuterRef("pk")).order_by("soort", "pk"))


def _ankers(jaar: int) -> Rijen:
    """The anchors of the school year, as met_ankers reads them."""
    return Rijen(
        Ankertoewijzing.objects.filter(school=OuterRef("pk"), schooljaar=jaar).order_by("pk"),
        samen=("ondersteuner", "ondersteuner__gebruiker", "lsc"),
    )


def _school_of_404(gebruiker, pk: int, jaar: int) -> School:
    ankers = _ankers(jaar)
    scholen = capaciteit_queries.met_cijferjaren(scholen_zichtbaar_voor(gebruiker), jaar)
    scholen = scholen.select_related("clb").annotate(
        json_ankers=ankers.expressie(), json_zorgteam=ZORGTEAM.expressie(), json_register=REGISTER.expressie()
    )
    if gebruiker.rol == Rol.ZORG:
        scholen = met_bevestigingen(scholen, gebruiker)
    school = get_object_or_404(scholen, pk=pk)
    zet_terug(school, "zorgmedewerkers", ZORGTEAM, school.json_zorgteam)
    zet_terug(school, "verslagregister", REGISTER, school.json_register)
    school.huidige_ankers = ankers.instanties(school.json_ankers)
    if gebruiker.rol == Rol.ZORG:
        # Care staff see the anchors of the LSCs that vouched for them, as on their home page.
        school.huidige_ankers = [a for a in school.huidige_ankers if a.lsc_id in set(school.bevestigd_door)]
    elif gebruiker.rol in LSC_ROLLEN:
        school.huidige_ankers = [a for a in school.huidige_ankers if a.lsc_id == gebruiker.lsc_id]
    return school


AFSPRAKEN = Rijen(
    Afspraak.objects.filter(overleg=OuterRef("pk")).order_by("tegen", "id"), samen=("eigenaar",)
)


def _trajecten(request: HttpRequest, school: School) -> tuple[SchoolTrajectFilterForm, list, bool]:
    """The filtered trajectories, at most DOSSIER_MAX, and whether there are more. Their names are a read
    of pupil data: logged as the overview logs its page."""
    formulier = SchoolTrajectFilterForm(request.GET or None)
    filters = formulier.filters() if request.GET else {}
    rijen = list(
        trajecten_van_school(request.user, school, filters)
        .select_related("leerling", "lsc")
        .annotate(json_toewijzingen=TOEWIJZINGEN.expressie())[: DOSSIER_MAX + 1]
    )
    for traject in rijen:
        zet_terug(traject, "toewijzingen", TOEWIJZINGEN, traject.json_toewijzingen)
    meer = len(rijen) > DOSSIER_MAX
    rijen = rijen[:DOSSIER_MAX]
    ids = [str(t.pk) for t in rijen if t.leerling_id]
    if ids:
        log_inzage(
            door=request.user, soort=Inzage.Soort.LIJST, omschrijving="dossier trajecten " + " ".join(ids)
        )
    return formulier, rijen, meer


def _overleggen(gebruiker, school: School, jaar: int) -> list[Schoolbeeldoverleg]:
    """This year's consultations the user may see, with their agreements once the content is theirs."""
    overleggen: QuerySet = (
        overleg_queries.overleggen_van_school(gebruiker, school)
        .filter(schooljaar=jaar)
        .annotate(json_afspraken=AFSPRAKEN.expressie())
    )
    resultaat = list(overleggen)
    for overleg in resultaat:
        overleg.alle_afspraken = AFSPRAKEN.instanties(overleg.json_afspraken)
        overleg.inhoud = overleg_rules.mag_inhoud_zien(gebruiker, overleg)
        overleg.pdf = overleg_rules.mag_document_downloaden(gebruiker, overleg, "verslag")
    return resultaat


def _met_spreiding(kaders: list[Kader], overleggen: list[Schoolbeeldoverleg]) -> list[Kader]:
    """Each frame with what this year's consultation of its LSC spreads it over: the report's spreading
    (the frame's own words when the report follows the frame) and its agreements."""
    per_lsc = {o.lsc_id: o for o in overleggen if o.inhoud}
    for kader in kaders:
        envelop = kader.verdeling.envelop
        overleg = per_lsc.get(envelop.lsc_id)
        kader.overleg = overleg
        kader.spreiding = (
            overleg_queries.spreiding_tekst(overleg, uren=kader.kader.uren, schoolweken=envelop.schoolweken)
            if overleg is not None
            else ""
        )
    return kaders


@require_safe
def school_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = request.user
    jaar = huidig_schooljaar()
    school = _school_of_404(gebruiker, pk, jaar)
    context: dict = {"school": school, "schooljaar": als_tekst(jaar), "jaar": jaar}
    if gebruiker.ziet_leerlinggegevens:
        formulier, trajecten, meer = _trajecten(request, school)
        context.update(toon_trajecten=True, formulier=formulier, trajecten=trajecten, meer=meer)
        if request.htmx and request.htmx.target == "dossier-trajecten":
            return render(request, "honingraat/dossier.html#trajecten", context)
        # Where the school's own requests will be made (a form of trajecten, added on merging): for now,
        # what waits for an answer.
        context["aanvragen"] = list(open_aanvragen_van_school(gebruiker, school).select_related("leerling"))
    overleggen = _overleggen(gebruiker, school, jaar) if gebruiker.rol in OVERLEG_ROLLEN else []
    if gebruiker.rol in KADER_ROLLEN:
        context.update(
            toon_kader=True,
            kaders=_met_spreiding(kaders_van_school(gebruiker, school, jaar), overleggen),
            drempels=opvolging.drempels(),
            lsc_medewerker=gebruiker.rol in LSC_ROLLEN,
        )
    if gebruiker.rol in BEZOEK_ROLLEN:
        bezoeken = list(capaciteit_queries.bezoeken_aan_school(gebruiker, school, jaar))
        # And on the calendar, this week and next (issue 21): holidays, absences and one-day changes.
        plannen = {b.weekplan_id: b.weekplan for b in bezoeken}.values()
        maandag = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
        context.update(
            toon_bezoeken=True,
            wie_komt_wanneer=capaciteit_queries.per_dag(bezoeken),
            wie_komt_op_datum=capaciteit_queries.school_op_datums(
                plannen, school.pk, van=maandag, tot=maandag + dt.timedelta(days=11)
            ),
        )
    context.update(
        toon_overleg=gebruiker.rol in OVERLEG_ROLLEN,
        overleggen=overleggen,
        register=list(school.verslagregister.all()),
        vandaag=timezone.localdate(),
    )
    return render(request, "honingraat/dossier.html", context)


@require_safe
def mijn_school(request: HttpRequest) -> HttpResponse:
    """Mijn school: care staff of one school go straight to its dossier; of several, to the list of
    their schools, each leading to its dossier. Everyone else: the list of their schools."""
    if request.user.rol == Rol.ZORG:
        scholen = list(scholen_zichtbaar_voor(request.user).values_list("pk", flat=True)[:2])
        if len(scholen) == 1:
            return redirect("school_dossier", pk=scholen[0])
    return redirect("school_lijst")
