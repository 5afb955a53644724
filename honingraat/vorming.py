"""Professional development (issue 20, part 4): the LSC's trainings, the growth focus, coaching moments.

Trainings are read by the LSC's own people and kept by the policy team; supporters register themselves.
Coaching moments are read only by their coach, the supporter and the policy team: everyone else gets 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from honingraat.team import teamleden
from honingraat.vormingformulieren import (
    AanwezigheidVormingForm,
    CoachingsmomentForm,
    GroeifocusForm,
    InschrijvenForm,
    NieuweSessiesFormSet,
    SessieFormSet,
    VormingForm,
)
from netwerk import export, rules
from netwerk import vorming as dienst
from netwerk.invoer import fouten_op_formulier
from netwerk.models import LSC_ROLLEN, Ondersteuner, Rol, Vorming
from scholen.queries import ondersteuners_zichtbaar_voor


def _lsc_toegang(request: HttpRequest) -> None:
    if request.user.rol not in LSC_ROLLEN or not request.user.lsc_id:
        raise PermissionDenied


def _beleid(request: HttpRequest) -> None:
    if not rules.is_beleid(request.user):
        raise PermissionDenied


def _vorming(request: HttpRequest, pk: int) -> Vorming:
    _lsc_toegang(request)
    return get_object_or_404(dienst.vormingen_zichtbaar_voor(request.user), pk=pk)


def _eigen_ondersteuner(gebruiker) -> Ondersteuner | None:
    return Ondersteuner.objects.filter(gebruiker=gebruiker).select_related("regioteam").first()


# ------------------------------------------------------------------------------------ trainings


@require_GET
def vorming_lijst(request: HttpRequest) -> HttpResponse:
    """The offer, upcoming and past; a supporter also sees their own focus, trainings and coaching."""
    _lsc_toegang(request)
    vormingen = list(dienst.met_cijfers(dienst.vormingen_zichtbaar_voor(request.user), request.user))
    komend, voorbij = dienst.komend_en_voorbij(vormingen, timezone.localdate())
    ondersteuner = _eigen_ondersteuner(request.user) if request.user.rol == Rol.ONDERSTEUNER else None
    return render(
        request,
        "honingraat/vorming_lijst.html",
        {
            "komend": komend,
            "voorbij": voorbij,
            "ondersteuner": ondersteuner,
            "mijn_vormingen": dienst.vormingen_van_ondersteuner(ondersteuner) if ondersteuner else [],
            "mag_beheren": rules.is_beleid(request.user),
            "ziet_intervisie": request.user.rol in {Rol.ONDERSTEUNER, Rol.TEAMCOACH},
        },
    )


def _vorming_formulier(request: HttpRequest, vorming: Vorming) -> HttpResponse:
    nieuw = vorming.pk is None
    data = request.POST if request.method == "POST" else None
    formulier = VormingForm(data, instance=vorming)
    sessies = (NieuweSessiesFormSet if nieuw else SessieFormSet)(data, instance=vorming, prefix="sessies")
    if data is not None and formulier.is_valid() and sessies.is_valid():
        try:
            with transaction.atomic():
                vorming = dienst.vorming_bewaren(
                    door=request.user, vorming=formulier.save(commit=False), sessieformulieren=sessies
                )
        except ValidationError as fout:
            vorming.pk = None if nieuw else vorming.pk
            fouten_op_formulier(formulier, fout)
        else:
            messages.success(request, _("De vorming is bewaard."))
            return redirect("vorming_detail", pk=vorming.pk)
    return render(
        request,
        "honingraat/vorming_formulier.html",
        {"formulier": formulier, "sessies": sessies, "vorming": None if nieuw else vorming},
    )


def vorming_nieuw(request: HttpRequest) -> HttpResponse:
    _lsc_toegang(request)
    _beleid(request)
    return _vorming_formulier(request, Vorming())


def vorming_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    vorming = _vorming(request, pk)
    _beleid(request)
    if vorming.geannuleerd_op:
        messages.error(request, _("Een geannuleerde vorming wijzig je niet meer."))
        return redirect("vorming_detail", pk=pk)
    return _vorming_formulier(request, vorming)


def _detail_context(request: HttpRequest, vorming: Vorming) -> dict:
    sessies = list(vorming.sessies.order_by("datum", "van", "pk"))
    inschrijvingen = dienst.inschrijvingen_van(vorming)
    mijn = next((i for i in inschrijvingen if i.ondersteuner.gebruiker_id == request.user.pk), None)
    vandaag = timezone.localdate()
    begonnen = bool(sessies) and sessies[0].datum <= vandaag
    beleid = rules.is_beleid(request.user)
    coach = request.user.rol == Rol.TEAMCOACH
    zichtbaar = inschrijvingen
    if coach:  # the registrants of their own regio teams, as on the team list; nobody else's
        eigen = set(teamleden(request.user).values_list("pk", flat=True))
        zichtbaar = [i for i in inschrijvingen if i.ondersteuner_id in eigen]
    return {
        "vorming": vorming,
        "sessies": sessies,
        "rijen": dienst.aanwezigheidsrijen(vorming, sessies, zichtbaar) if beleid or coach else [],
        "ziet_teamleden": coach,
        "aantal_ingeschreven": sum(1 for i in inschrijvingen if not i.wachtlijst),
        "aantal_wachtlijst": sum(1 for i in inschrijvingen if i.wachtlijst),
        "mijn": mijn,
        "begonnen": begonnen,
        "is_ondersteuner": request.user.rol == Rol.ONDERSTEUNER,
        "mag_beheren": beleid,
        "inschrijfformulier": InschrijvenForm(lsc_id=vorming.lsc_id) if beleid else None,
        "volzet": vorming.max_plaatsen is not None
        and sum(1 for i in inschrijvingen if not i.wachtlijst) >= vorming.max_plaatsen,
    }


@require_GET
def vorming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vorming = _vorming(request, pk)
    return render(request, "honingraat/vorming_detail.html", _detail_context(request, vorming))


def _wie(request: HttpRequest, vorming: Vorming, zonder_keuze: str) -> Ondersteuner | None:
    """Whom a (un)registration is about: the supporter themselves, or the colleague the policy team chose
    (None, with a message, when it chose none of its LSC); anyone else is refused."""
    if rules.is_beleid(request.user):
        formulier = InschrijvenForm(request.POST, lsc_id=vorming.lsc_id)
        if formulier.is_valid():
            return formulier.cleaned_data["ondersteuner"]
        messages.error(request, zonder_keuze)
        return None
    if request.user.rol == Rol.ONDERSTEUNER:
        return get_object_or_404(Ondersteuner, gebruiker=request.user)
    raise PermissionDenied


@require_POST
def vorming_inschrijven(request: HttpRequest, pk: int) -> HttpResponse:
    """A supporter registers themselves; the policy team registers the colleague it chooses."""
    vorming = _vorming(request, pk)
    ondersteuner = _wie(request, vorming, _("Kies een ondersteuner om in te schrijven."))
    if ondersteuner is None:
        return redirect("vorming_detail", pk=pk)
    try:
        inschrijving = dienst.inschrijven(door=request.user, vorming=vorming, ondersteuner=ondersteuner)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        zelf = ondersteuner.gebruiker_id == request.user.pk
        if inschrijving.wachtlijst:
            messages.warning(
                request,
                _(
                    "De vorming is volzet: je staat op de wachtlijst. Komt er een plaats vrij, "
                    "dan krijg je een melding."
                )
                if zelf
                else _("De vorming is volzet: %(naam)s staat op de wachtlijst.") % {"naam": ondersteuner},
            )
        else:
            messages.success(
                request,
                _("Je bent ingeschreven.")
                if zelf
                else _("%(naam)s is ingeschreven.") % {"naam": ondersteuner},
            )
    return redirect("vorming_detail", pk=pk)


@require_POST
def vorming_uitschrijven(request: HttpRequest, pk: int) -> HttpResponse:
    vorming = _vorming(request, pk)
    ondersteuner = _wie(request, vorming, _("Kies wie je wilt uitschrijven."))
    if ondersteuner is None:
        return redirect("vorming_detail", pk=pk)
    try:
        opgeschoven = dienst.uitschrijven(door=request.user, vorming=vorming, ondersteuner=ondersteuner)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("De inschrijving is geschrapt."))
        if opgeschoven is not None and rules.is_beleid(request.user):
            messages.info(
                request, _("%(naam)s schuift op van de wachtlijst.") % {"naam": opgeschoven.ondersteuner}
            )
    return redirect("vorming_detail", pk=pk)


def vorming_aanwezigheid(request: HttpRequest, pk: int) -> HttpResponse:
    vorming = _vorming(request, pk)
    _beleid(request)
    sessies = list(vorming.sessies.order_by("datum", "van", "pk"))
    rijen = dienst.aanwezigheidsrijen(vorming, sessies, dienst.inschrijvingen_van(vorming))
    formulier = AanwezigheidVormingForm(request.POST or None, rijen=rijen, sessies=sessies)
    if request.method == "POST" and formulier.is_valid():
        try:
            gewijzigd = dienst.aanwezigheid_registreren(
                door=request.user, vorming=vorming, statussen=formulier.statussen()
            )
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            messages.success(
                request, _("De aanwezigheden zijn bewaard (%(aantal)s gewijzigd).") % {"aantal": gewijzigd}
            )
            return redirect("vorming_detail", pk=pk)
    return render(
        request,
        "honingraat/vorming_aanwezigheid.html",
        {"vorming": vorming, "sessies": sessies, "formulier": formulier, "vandaag": timezone.localdate()},
    )


def vorming_annuleren(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first and names who is registered; they are notified."""
    vorming = _vorming(request, pk)
    _beleid(request)
    if request.method == "POST":
        try:
            aantal = dienst.vorming_annuleren(door=request.user, vorming=vorming)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(
                request,
                _("De vorming is geannuleerd; %(aantal)s ingeschrevenen kregen een melding.")
                % {"aantal": aantal},
            )
        return redirect("vorming_detail", pk=pk)
    return render(
        request,
        "honingraat/vorming_annuleren.html",
        {"vorming": vorming, "inschrijvingen": dienst.inschrijvingen_van(vorming)},
    )


@require_GET
def vorming_export(request: HttpRequest, pk: int, formaat: str) -> HttpResponse:
    """The registrations and attendance exactly as the training's page shows them to the policy team."""
    vorming = _vorming(request, pk)
    _beleid(request)
    sessies = list(vorming.sessies.order_by("datum", "van", "pk"))
    rijen = dienst.exportrijen(
        vorming, sessies, dienst.aanwezigheidsrijen(vorming, sessies, dienst.inschrijvingen_van(vorming))
    )
    inhoud = export.als_xlsx(rijen, blad=_("Inschrijvingen")) if formaat == "xlsx" else export.als_csv(rijen)
    return export.antwoord(inhoud, formaat=formaat, bestandsnaam=f"vorming-{vorming.pk}-aanwezigheden")


# ------------------------------------------------------------------------------------ growth and coaching


def _ondersteuner_voor_groei(request: HttpRequest, pk: int) -> Ondersteuner:
    """The supporter themselves, their coach and the policy team; others of the LSC 403, strangers 404."""
    _lsc_toegang(request)
    return get_object_or_404(
        ondersteuners_zichtbaar_voor(request.user).select_related("gebruiker", "regioteam"), pk=pk
    )


def groeifocus(request: HttpRequest, pk: int) -> HttpResponse:
    ondersteuner = _ondersteuner_voor_groei(request, pk)
    formulier = GroeifocusForm(request.POST or None, instance=ondersteuner)
    if request.method == "POST" and formulier.is_valid():
        try:
            dienst.groeifocus_bewaren(
                door=request.user,
                ondersteuner=Ondersteuner.objects.get(pk=ondersteuner.pk),
                groeifocus=formulier.cleaned_data["groeifocus"],
                groeifocus_gebied=formulier.cleaned_data["groeifocus_gebied"],
            )
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            messages.success(request, _("De groeifocus is bewaard."))
            zelf = ondersteuner.gebruiker_id == request.user.pk
            return redirect("vorming_lijst" if zelf else "team_ondersteuner", **({} if zelf else {"pk": pk}))
    return render(
        request, "honingraat/groeifocus.html", {"ondersteuner": ondersteuner, "formulier": formulier}
    )


def coaching_lijst(request: HttpRequest, pk: int) -> HttpResponse:
    """A supporter's coaching moments as far as the viewer may read them; their coach records new ones."""
    ondersteuner = _ondersteuner_voor_groei(request, pk)
    mag_noteren = dienst.is_coach_van(request.user, ondersteuner)
    formulier = None
    if mag_noteren:
        formulier = CoachingsmomentForm(request.POST or None, initial={"datum": timezone.localdate()})
        if request.method == "POST" and formulier.is_valid():
            moment = formulier.save(commit=False)
            moment.ondersteuner = ondersteuner
            try:
                dienst.coachingsmoment_bewaren(door=request.user, moment=moment)
            except ValidationError as fout:
                fouten_op_formulier(formulier, fout)
            else:
                messages.success(request, _("Het coachingsmoment is bewaard."))
                return redirect("coaching_lijst", pk=pk)
    elif request.method == "POST":
        raise PermissionDenied
    momenten = dienst.coachingsmomenten_zichtbaar_voor(request.user).filter(ondersteuner=ondersteuner)
    return render(
        request,
        "honingraat/coaching_lijst.html",
        {
            "ondersteuner": ondersteuner,
            "momenten": momenten.select_related("coach"),
            "formulier": formulier,
            "zelf": ondersteuner.gebruiker_id == request.user.pk,
        },
    )


def coaching_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One moment; its coach changes it here. Anyone else than coach, supporter and policy team: 404."""
    _lsc_toegang(request)
    moment = get_object_or_404(
        dienst.coachingsmomenten_zichtbaar_voor(request.user).select_related(
            "coach", "ondersteuner__gebruiker", "ondersteuner__regioteam"
        ),
        pk=pk,
    )
    mag_wijzigen = moment.coach_id == request.user.pk
    formulier = CoachingsmomentForm(request.POST or None, instance=moment) if mag_wijzigen else None
    if request.method == "POST":
        if not mag_wijzigen:
            raise PermissionDenied
        if formulier.is_valid():
            try:
                dienst.coachingsmoment_bewaren(door=request.user, moment=formulier.save(commit=False))
            except ValidationError as fout:
                fouten_op_formulier(formulier, fout)
            else:
                messages.success(request, _("Het coachingsmoment is bijgewerkt."))
                return redirect("coaching_lijst", pk=moment.ondersteuner_id)
    return render(request, "honingraat/coaching_detail.html", {"moment": moment, "formulier": formulier})
