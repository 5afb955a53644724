"""The coordinator's overview of this year's consultations, the batch invitation and its live progress.

The overview costs a fixed number of queries whatever the number of schools: the LSC's schools with their
regio team, this year's consultations with their counts, and the anchors.
"""

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netwerk.invoer import geheel_getal
from netwerk.models import BELEIDSROLLEN, Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar, schooljaar_uit_verzoek
from overleg import outbox, services
from overleg.models import Mailbatch, Mailsoort, Mailstatus, Schoolbeeldoverleg, Status, Uitgaandemail
from overleg.queries import overleggen_zichtbaar_voor
from scholen.models import Ankertoewijzing, Bediening

PER_PAGINA = 15  # about two screens of rows (a row wraps to two or three lines), under the stand per status

FILTERS = {
    "alle": gettext_lazy("Alle scholen"),
    "uitnodigen": gettext_lazy("Nog uit te nodigen"),
    "verslag": gettext_lazy("Verslag nog niet gedeeld"),
    "tussentijds": gettext_lazy("Tweede moment niet gepland"),
}


def _is_beleid(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol in BELEIDSROLLEN and gebruiker.lsc_id is not None


@dataclass
class Rij:
    school: object
    regioteam: object
    ankers: list
    overleg: Schoolbeeldoverleg | None

    @property
    def klaar_reden(self) -> str | None:
        if self.overleg is None:
            return _("Nog geen overleg gepland.")
        return services.klaar_voor_uitnodiging(self.overleg)

    @property
    def uit_te_nodigen(self) -> bool:
        return self.overleg is None or self.overleg.status == Status.VOORBEREIDING

    @property
    def verslag_open(self) -> bool:
        return self.overleg is not None and self.overleg.status != Status.GEDEELD

    @property
    def tussentijds_open(self) -> bool:
        return self.overleg is None or self.overleg.tussentijds_op is None


def overzichtsrijen(*, lsc_id: int, schooljaar: int) -> list[Rij]:
    bedieningen = (
        Bediening.objects.filter(lsc_id=lsc_id).select_related("school", "regioteam").order_by("school__naam")
    )
    uitgenodigd = Uitgaandemail.objects.filter(
        overleg=OuterRef("pk"), soort=Mailsoort.UITNODIGING, status=Mailstatus.VERSTUURD
    )
    overleggen = {
        o.school_id: o
        for o in Schoolbeeldoverleg.objects.filter(lsc_id=lsc_id, schooljaar=schooljaar).annotate(
            open_afspraken=Count("afspraken", filter=Q(afspraken__afgerond_op__isnull=True)),
            mails_verstuurd=Exists(uitgenodigd),
        )
    }
    ankers: dict[int, list[str]] = {}
    for school_id, naam in Ankertoewijzing.objects.filter(lsc_id=lsc_id, schooljaar=schooljaar).values_list(
        "school_id", "ondersteuner__gebruiker__naam"
    ):
        ankers.setdefault(school_id, []).append(naam)
    return [
        Rij(b.school, b.regioteam, ankers.get(b.school_id, []), overleggen.get(b.school_id))
        for b in bedieningen
    ]


def _gefilterd(rijen: list[Rij], filter_: str, zoek: str) -> list[Rij]:
    if filter_ == "uitnodigen":
        # Those ready to invite first: the work of the day stays on the first page.
        rijen = sorted((r for r in rijen if r.uit_te_nodigen), key=lambda r: r.klaar_reden is not None)
    elif filter_ == "verslag":
        rijen = [r for r in rijen if r.verslag_open]
    elif filter_ == "tussentijds":
        rijen = [r for r in rijen if r.tussentijds_open]
    if zoek:
        zoek = zoek.casefold()
        rijen = [r for r in rijen if zoek in r.school.naam.casefold() or zoek in r.school.gemeente.casefold()]
    return rijen


def overleg_overzicht(request: HttpRequest) -> HttpResponse:
    """Coordinators manage the year's consultations; everyone else sees those they take part in."""
    if not request.user.is_authenticated:
        raise Http404
    if not _is_beleid(request.user):
        return _mijn_overleggen(request)
    jaar = schooljaar_uit_verzoek(request)
    alle = overzichtsrijen(lsc_id=request.user.lsc_id, schooljaar=jaar)
    filter_ = request.GET.get("filter", "alle")
    filter_ = filter_ if filter_ in FILTERS else "alle"
    zoek = request.GET.get("zoek", "").strip()[:100]
    rijen = _gefilterd(alle, filter_, zoek)
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    tellingen = {
        "alle": len(alle),
        "uitnodigen": sum(r.uit_te_nodigen for r in alle),
        "verslag": sum(r.verslag_open for r in alle),
        "tussentijds": sum(r.tussentijds_open for r in alle),
    }
    context = {
        "jaar": jaar,
        "schooljaar": als_tekst(jaar),
        "huidig": jaar == huidig_schooljaar(),
        "rijen": pagina.object_list,
        "aantal_rijen": len(rijen),
        "pagina": pagina,
        "per_status": _per_status(alle),
        "filters": [(sleutel, label, tellingen[sleutel]) for sleutel, label in FILTERS.items()],
        "filter": filter_,
        "zoek": zoek,
        "klaar": sum(1 for r in alle if r.uit_te_nodigen and r.klaar_reden is None),
        "gekozen": {
            pk for tekst in request.GET.getlist("overleg") if (pk := geheel_getal(tekst)) is not None
        },
        "batches": Mailbatch.objects.filter(lsc_id=request.user.lsc_id).select_related("door")[:5],
    }
    template = "overleg/overzicht.html"
    if request.htmx and request.htmx.target == "overzicht-rijen":
        template += "#rijen"
    return render(request, template, context)


def _per_status(rijen: list[Rij]) -> list[tuple[str, str, int]]:
    """The round's progress on top: how many schools stand at each step (no consultation yet first)."""
    aantallen = Counter(r.overleg.status if r.overleg else "" for r in rijen)
    return [("", _("Niet gepland"), aantallen[""])] + [
        (status.value, status.label, aantallen[status.value]) for status in Status
    ]


def _mijn_overleggen(request: HttpRequest) -> HttpResponse:

    if request.user.rol == Rol.ADMIN:
        raise Http404
    overleggen = (
        overleggen_zichtbaar_voor(request.user)
        .select_related("school", "lsc")
        .order_by("-schooljaar", "datum", "school__naam")
    )
    return render(request, "overleg/mijn_overleggen.html", {"overleggen": overleggen})


@require_POST
def overleg_uitnodigen(request: HttpRequest) -> HttpResponse:
    """Invitations for the chosen schools (or every school that is ready) as one batch."""
    if not _is_beleid(request.user):
        raise Http404
    jaar = huidig_schooljaar()
    eigen = Schoolbeeldoverleg.objects.filter(lsc_id=request.user.lsc_id, schooljaar=jaar).select_related(
        "school", "lsc"
    )
    if request.POST.get("alle_klaar"):
        gekozen = [
            o for o in eigen.filter(status=Status.VOORBEREIDING) if services.klaar_voor_uitnodiging(o) is None
        ]
    else:
        ids = [pk for tekst in request.POST.getlist("overleg") if (pk := geheel_getal(tekst)) is not None]
        gekozen = list(eigen.filter(pk__in=ids))
        if len(gekozen) != len(set(ids)):
            raise Http404
    try:
        batch = services.uitnodigingen_versturen(door=request.user, overleggen=gekozen)
    except services.OverlegFout as fout:
        messages.error(request, str(fout))
        terug = reverse("overleg_overzicht") + "?filter=uitnodigen"
        terug += "".join(f"&overleg={o.pk}" for o in gekozen)
        return redirect(terug)
    return redirect("overleg_batch", pk=batch.pk)


def _batch_voor(request: HttpRequest, pk: int) -> Mailbatch:
    """A batch is followed by whoever sent it and by the coordination of its LSC."""
    gebruiker = request.user
    if not gebruiker.is_authenticated or gebruiker.lsc_id is None:
        raise Http404
    zichtbaar = Mailbatch.objects.filter(lsc_id=gebruiker.lsc_id)
    if gebruiker.rol not in BELEIDSROLLEN:
        zichtbaar = zichtbaar.filter(door=gebruiker)
    return get_object_or_404(zichtbaar, pk=pk)


def overleg_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_voor(request, pk)
    stand = outbox.voortgang(batch)
    context = {"batch": batch, "stand": stand}
    if stand["klaar"]:
        context["mislukt"] = batch.mails.filter(status=Mailstatus.MISLUKT).select_related(
            "overleg__school", "ontvanger"
        )
        context["scholen"] = (
            Schoolbeeldoverleg.objects.filter(mails__batch=batch)
            .distinct()
            .select_related("school")
            .order_by("school__naam")
        )
    template = "overleg/batch.html"
    if request.htmx:
        template += "#voortgang"
    return render(request, template, context)


@require_POST
def overleg_batch_opnieuw(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_voor(request, pk)
    aantal = outbox.opnieuw_proberen(batch=batch, door=request.user)
    if aantal:
        bericht = _("%(n)d mislukte mail(s) staan weer klaar om te vertrekken.") % {"n": aantal}
        messages.success(request, bericht)
    else:
        messages.info(request, _("Er waren geen mislukte mails in deze batch."))
    return redirect("overleg_batch", pk=batch.pk)


urlpatterns = [
    path("", overleg_overzicht, name="overleg_overzicht"),
    path("uitnodigen/", overleg_uitnodigen, name="overleg_uitnodigen"),
    path("batches/<int:pk>/", overleg_batch, name="overleg_batch"),
    path("batches/<int:pk>/opnieuw/", overleg_batch_opnieuw, name="overleg_batch_opnieuw"),
]
