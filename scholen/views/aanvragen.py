"""What waits for an LSC's decision: accounts of care and CLB staff to vouch for, and other LSCs' requests
and proposals about the schools it serves; and what it asked of them itself."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from netwerk import rules
from netwerk.invoer import geheel_getal
from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Rol
from netwerk.schooljaar import als_tekst
from scholen import services
from scholen.models import Bediening, Bevestiging, School, Schoolvoorstel
from scholen.queries import (
    clbaccounts_voor,
    eigen_voorstellen,
    scholen_zichtbaar_voor,
    voorstellen_voor,
    zorgaccounts_voor,
)

EIGEN_MAX = 50
CIJFERLABELS = {
    "leerlingen": gettext_lazy("leerlingen"),
    "gc_verslagen": gettext_lazy("GC-verslagen"),
    "iac_verslagen": gettext_lazy("IAC-verslagen"),
    "ov4_verslagen": gettext_lazy("OV4-verslagen"),
}


def leesbaar(voorstellen: list[Schoolvoorstel]) -> list[Schoolvoorstel]:
    """Each proposal's changes as the user reads them (`voorstel.regels`): field labels, CLB names and
    choice labels instead of ids and codes; one query for all the CLBs named."""
    clb_ids = {
        waarde
        for voorstel in voorstellen
        for w in voorstel.wijzigingen
        if w["veld"] == "clb"
        for waarde in (w["oud"], w["nieuw"])
        if waarde
    }
    clbs = dict(Clb.objects.filter(pk__in=clb_ids).values_list("pk", "naam")) if clb_ids else {}
    for voorstel in voorstellen:
        voorstel.regels = [_regel(w, clbs) for w in voorstel.wijzigingen]
    return voorstellen


def _regel(w: dict, clbs: dict) -> tuple[str, str, str]:
    veld = w["veld"]
    if "schooljaar" in w:
        label = f"{CIJFERLABELS.get(veld, veld)} {als_tekst(w['schooljaar'])}"
        return label, _tekst(w["oud"]), _tekst(w["nieuw"])
    model_veld = School._meta.get_field(veld)
    if veld == "clb":
        return str(model_veld.verbose_name), clbs.get(w["oud"], "—"), clbs.get(w["nieuw"], "—")
    keuzes = dict(model_veld.choices or ())
    return (
        str(model_veld.verbose_name),
        _tekst(keuzes.get(w["oud"], w["oud"])),
        _tekst(keuzes.get(w["nieuw"], w["nieuw"])),
    )


def _tekst(waarde) -> str:
    return "—" if waarde in (None, "") else str(waarde)


def mag_aanvragen_zien(gebruiker) -> bool:
    return rules.is_beheerder(gebruiker) or (rules.is_beleid(gebruiker) and gebruiker.lsc_id is not None)


@require_GET
def aanvragen(request: HttpRequest) -> HttpResponse:
    gebruiker = request.user
    if not mag_aanvragen_zien(gebruiker):
        raise PermissionDenied
    if rules.is_beheerder(gebruiker):
        context = {
            "beheerder": True,
            "binnenkomend": leesbaar(
                list(
                    Schoolvoorstel.objects.filter(status=Schoolvoorstel.Status.OPEN)
                    .select_related("school", "lsc", "aangevraagd_door")
                    .order_by("aangevraagd_op", "pk")
                )
            ),
        }
        return render(request, "scholen/aanvragen.html", context)
    lsc_id = gebruiker.lsc_id
    zorg = list(zorgaccounts_voor(lsc_id=lsc_id))
    clb = list(clbaccounts_voor(lsc_id=lsc_id))
    context = {
        "zorg_wachtend": [k for k in zorg if k.bevestigd is None],
        "clb_wachtend": [g for g in clb if g.bevestigd is None],
        "zorg_beslist": [k for k in zorg if k.bevestigd is not None],
        "clb_beslist": [g for g in clb if g.bevestigd is not None],
        "aantal_beslist": sum(1 for rij in [*zorg, *clb] if rij.bevestigd is not None),
        "bronnen": dict(Bevestiging.Bron.choices),
        "binnenkomend": leesbaar(list(voorstellen_voor(lsc_id=lsc_id))),
        "eigen": leesbaar(list(eigen_voorstellen(lsc_id=lsc_id)[:EIGEN_MAX])),
    }
    return render(request, "scholen/aanvragen.html", context)


@require_POST
def account_beslissen(request: HttpRequest) -> HttpResponse:
    """Vouch for an account, or refuse or withdraw this LSC's vouch. A coordinator decides for their own
    LSC; care staff vouch for a colleague for an LSC that vouched for them at that school."""
    door = request.user
    beleid = rules.is_beleid(door) and door.lsc_id is not None
    if not (beleid or door.rol == Rol.ZORG):
        raise PermissionDenied
    gebruiker = get_object_or_404(
        Gebruiker, pk=geheel_getal(request.POST.get("gebruiker")), rol__in=[Rol.ZORG, Rol.CLB]
    )
    if beleid:
        lsc = door.lsc
        scholen = School.objects.filter(lscs=lsc)
    else:
        lsc = get_object_or_404(Leersteuncentrum, pk=geheel_getal(request.POST.get("lsc")))
        scholen = scholen_zichtbaar_voor(door)
    school = clb = None
    if request.POST.get("school"):
        school = get_object_or_404(scholen, pk=geheel_getal(request.POST.get("school")))
    else:
        clb = get_object_or_404(Clb, pk=geheel_getal(request.POST.get("clb")))
    actie = request.POST.get("actie")
    if actie not in {"bevestigen", "weigeren"}:
        raise PermissionDenied
    dienst = services.account_bevestigen if actie == "bevestigen" else services.account_weigeren
    try:
        dienst(door=door, gebruiker=gebruiker, lsc=lsc, school=school, clb=clb)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        waar = school or clb
        if actie == "bevestigen":
            melding = _("%(naam)s is bevestigd voor %(waar)s: het account ziet nu het werk van %(lsc)s daar.")
        else:
            melding = _("%(naam)s ziet het werk van %(lsc)s bij %(waar)s niet (meer).")
        messages.success(request, melding % {"naam": gebruiker.naam, "waar": waar, "lsc": lsc})
    return redirect("home" if door.rol == Rol.ZORG else "aanvragen")


@require_POST
def voorstel_beslissen(request: HttpRequest, pk: int) -> HttpResponse:
    door = request.user
    if not mag_aanvragen_zien(door):
        raise PermissionDenied
    voorstellen = Schoolvoorstel.objects.select_related("school", "lsc")
    if not rules.is_beheerder(door):
        # About a school it serves, or its own (a request to serve one it does not serve yet).
        voorstellen = voorstellen.filter(
            Q(Exists(Bediening.objects.filter(school=OuterRef("school"), lsc=door.lsc_id)))
            | Q(lsc=door.lsc_id)
        )
    voorstel = get_object_or_404(voorstellen, pk=pk)
    actie = request.POST.get("actie")
    try:
        if actie == "aanvaarden":
            voorstel = services.voorstel_aanvaarden(door=door, voorstel=voorstel)
        elif actie == "weigeren":
            reden = (request.POST.get("reden") or "").strip()
            voorstel = services.voorstel_weigeren(door=door, voorstel=voorstel, reden=reden)
        elif actie == "intrekken":
            voorstel = services.voorstel_intrekken(door=door, voorstel=voorstel)
        else:
            raise PermissionDenied
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("aanvragen")
    messages.success(request, _melding(voorstel))
    return redirect("aanvragen")


def _melding(voorstel: Schoolvoorstel) -> str:
    waarden = {"school": voorstel.school.naam, "lsc": voorstel.lsc}
    if voorstel.status == Schoolvoorstel.Status.OPEN:
        return (
            _("Je akkoord is bewaard; het voorstel over %(school)s wacht nog op de andere leersteuncentra.")
            % waarden
        )
    if voorstel.status == Schoolvoorstel.Status.AANVAARD:
        if voorstel.soort == Schoolvoorstel.Soort.BEDIENING:
            return _("%(lsc)s bedient nu ook %(school)s.") % waarden
        return _("De gegevens van %(school)s zijn gewijzigd zoals %(lsc)s voorstelde.") % waarden
    if voorstel.status == Schoolvoorstel.Status.VERVALLEN:
        return voorstel.reden
    if voorstel.status == Schoolvoorstel.Status.INGETROKKEN:
        return _("Je aanvraag of voorstel is ingetrokken.")
    return _("Het voorstel van %(lsc)s over %(school)s is geweigerd.") % waarden
