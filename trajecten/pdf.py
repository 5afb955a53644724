"""A trajectory as a PDF for the school file, rendered offline by netwerk.pdf (WeasyPrint) from a Django
template; free text is escaped by the template and nothing is fetched from outside.

The pupil appears as first name + initial, class and report kind, never with a family name: the network
around the pupil is printed as role and organisation, without the names that may hold it.
"""

import datetime as dt

from django.db.models import Count, Prefetch, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from netwerk.duur import als_uren
from netwerk.models import Focus
from netwerk.pdf import html_naar_pdf
from trajecten.models import (
    Activiteit,
    Afsluitvraag,
    Betrokkene,
    Doelevaluatie,
    Evaluatie,
    Frequentie,
    Gebondenheid,
    Inhoud,
    Logboekregel,
    Toewijzing,
    Traject,
    Vorm,
)

SJABLOON = "trajecten/pdf/traject.html"

FASEN = {
    2: "Fase 2: uitbreiding van zorg",
    3: "Fase 3: individueel aangepast curriculum",
}

ROLLEN_ONDERSTEUNER = {
    Toewijzing.Rol.ANKER: "Ankerondersteuner",
    Toewijzing.Rol.FOCUS: "Focusondersteuner",
}

_VOLGORDE_BETROKKENEN = {waarde: i for i, waarde in enumerate(Betrokkene.Rol.values)}


def _traject_met_alles(pk: int) -> Traject:
    """The trajectory with everything the document shows, in a fixed number of queries."""
    doelevaluaties = Doelevaluatie.objects.select_related("doel").order_by("doel__volgorde", "doel__id")
    return (
        Traject.objects.select_related("lsc", "school", "leerling", "afsluitvraag")
        .prefetch_related(
            Prefetch(
                "toewijzingen",
                queryset=Toewijzing.objects.select_related("ondersteuner__gebruiker").order_by(
                    "rol", "ondersteuner__gebruiker__naam"
                ),
            ),
            Prefetch("betrokkenen", queryset=Betrokkene.objects.order_by("id")),
            "doelen",
            Prefetch(
                "evaluaties",
                queryset=Evaluatie.objects.select_related("door")
                .order_by("datum", "id")
                .prefetch_related(Prefetch("doelen", queryset=doelevaluaties)),
            ),
        )
        .get(pk=pk)
    )


def intensiteit_in_woorden(minuten: int | None, frequentie: str) -> str:
    """90 and "2weken" → "1u30 om de twee weken", as the screens write it; without minutes: ""."""
    if not minuten:
        return ""
    if frequentie:
        return f"{als_uren(minuten)} {Frequentie(frequentie).label}"
    return als_uren(minuten)


def logboek_per_activiteit(traject: Traject) -> dict:
    """The time in the logbook, in all and per activity (one query): the file says how much support there
    was, not every visit."""
    rijen = sorted(
        Logboekregel.objects.filter(traject=traject)
        .order_by()
        .values("activiteit")
        .annotate(minuten=Sum("minuten"), regels=Count("pk")),
        key=lambda rij: Activiteit.values.index(rij["activiteit"]),
    )
    return {
        "per_activiteit": [
            {
                "activiteit": str(Activiteit(rij["activiteit"]).label),
                "duur": als_uren(rij["minuten"]),
                "regels": rij["regels"],
            }
            for rij in rijen
        ],
        "totaal": als_uren(sum(rij["minuten"] for rij in rijen)),
        "regels": sum(rij["regels"] for rij in rijen),
    }


def _labels(keuzes, waarden) -> list[str]:
    return [str(keuzes(w).label) if w in keuzes.values else w for w in waarden]


def _afsluitvraag(traject: Traject) -> Afsluitvraag | None:
    try:
        vraag = traject.afsluitvraag
    except Afsluitvraag.DoesNotExist:
        return None
    if vraag.beantwoord_op and (vraag.wat_neem_je_mee or vraag.waar_liggen_kansen):
        return vraag
    return None


def _context(traject: Traject) -> dict:
    brede = traject.brede_type
    betrokkenen = sorted(
        traject.betrokkenen.all(), key=lambda b: (_VOLGORDE_BETROKKENEN.get(b.rol, 99), b.pk)
    )
    return {
        "traject": traject,
        "lsc": traject.lsc,
        "school": traject.school,
        "leerling": traject.leerling if traject.gebondenheid == Gebondenheid.LEERLING else None,
        "soort_type": (
            "Breed type: telt mee in het tijdskader van de school"
            if brede
            else "Klein type: buiten het tijdskader (open envelop)"
        ),
        "brede_type": brede,
        "fase": FASEN.get(traject.fase, traject.get_fase_display()),
        "focussen": _labels(Focus, traject.focussen),
        "vormen": _labels(Vorm, traject.vormen),
        "inhoud": _labels(Inhoud, traject.inhoud),
        "intensiteit": intensiteit_in_woorden(traject.intensiteit_minuten, traject.frequentie),
        "ondersteuners": [
            {"naam": str(t.ondersteuner), "rol": ROLLEN_ONDERSTEUNER.get(t.rol, t.get_rol_display())}
            for t in traject.toewijzingen.all()
        ],
        "betrokkenen": [{"rol": b.get_rol_display(), "organisatie": b.organisatie} for b in betrokkenen],
        "doelen": list(traject.doelen.all()),
        "evaluaties": list(traject.evaluaties.all()),
        "afsluitvraag": _afsluitvraag(traject),
        "logboek": logboek_per_activiteit(traject),
        "afgedrukt_op": timezone.localdate(),
    }


def traject_html(traject: Traject) -> str:
    """The document as HTML, in Dutch with Belgian dates ("12 januari 2027")."""
    traject = _traject_met_alles(traject.pk)
    with translation.override("nl-be"):
        return render_to_string(SJABLOON, _context(traject))


def traject_pdf(traject: Traject) -> bytes:
    """The trajectory for the school file: A4, LSC in the header, "pagina X van Y" in the footer."""
    return html_naar_pdf(traject_html(traject))


def bestandsnaam(traject: Traject, *, op: dt.date | None = None) -> str:
    """A file name without the pupil's name: trajecten travel as attachments and downloads."""
    return f"leersteuntraject-{traject.pk}-{(op or timezone.localdate()).isoformat()}.pdf"
