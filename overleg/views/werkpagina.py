"""The consultation's working page as data: which consultations a user sees or may edit (the rest is not
found), who takes part, each part of the page with its form, and the context of the whole page. The views
of overleg.py, afspraken.py and verslag.py build on it."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from overleg import opmaak, queries, rules, services
from overleg.forms import (
    AanwezigheidForm,
    AfspraakForm,
    onderdeel_form,
)
from overleg.models import Afspraak, Deelnemer, Documentsoort, Schoolbeeldoverleg, Status
from overleg.services import afspraak_stand, onderdeel_stand
from trajecten.models import BREDE_TYPES, Gebondenheid


def overleggen(gebruiker) -> QuerySet[Schoolbeeldoverleg]:
    return queries.met_mijn_rol(queries.overleggen_zichtbaar_voor(gebruiker), gebruiker).select_related(
        "school__clb", "lsc", "gedeeld_door"
    )


def zichtbaar_of_404(request: HttpRequest, pk: int) -> Schoolbeeldoverleg:
    return get_object_or_404(overleggen(request.user), pk=pk)


def bewerkbaar_of_404(request: HttpRequest, pk: int) -> Schoolbeeldoverleg:
    """Someone who may only read gets the same answer as someone who may not see it: not found."""
    overleg = zichtbaar_of_404(request, pk)
    if not rules.mag_overleg_bewerken(request.user, overleg):
        raise Http404
    return overleg


def afspraak_of_404(request: HttpRequest, pk: int) -> tuple[Afspraak, Schoolbeeldoverleg]:
    afspraak = get_object_or_404(Afspraak.objects.select_related("eigenaar"), pk=pk)
    overleg = bewerkbaar_of_404(request, afspraak.overleg_id)
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


def eigenaars_van(overleg: Schoolbeeldoverleg) -> list[tuple[int, str]]:
    """Who can own an agreement of this consultation."""
    return eigenaars_uit(deelnemers_van(overleg)[1])


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
        if veld == "spreiding_uit_kader":
            continue  # shown as what it makes of the spreading: the frame's words
        modelveld = Schoolbeeldoverleg._meta.get_field(veld)
        waarde = queries.spreiding_van(overleg) if veld == "spreiding" else getattr(overleg, veld)
        soort = {"TextField": "tekst", "DateTimeField": "datum", "DateField": "dag", "TimeField": "uur"}.get(
            modelveld.get_internal_type(), "gewoon"
        )
        if soort == "tekst":
            waarde = opmaak.naar_html(waarde, kop_niveau=3) if waarde else ""
        rijen.append(
            {
                "veld": veld,
                "label": modelveld.verbose_name,
                "soort": soort,
                "waarde": waarde,
                "uit_kader": veld == "spreiding" and overleg.spreiding_uit_kader,
            }
        )
    return rijen


def _kaderwoorden_tonen(overleg: Schoolbeeldoverleg, formulier) -> None:
    """The spreading's choice names the frame's words it would take, or says there is no frame yet."""
    kader = queries.tijdskader_van(overleg)
    if kader is None:
        tekst = _("Er is nog geen gepubliceerd tijdskader voor deze school: beschrijf de spreiding zelf.")
    else:
        woorden = queries.kaderwoorden(uren=kader.uren, schoolweken=kader.verdeling.envelop.schoolweken)
        tekst = _(
            "Volgens het gepubliceerde tijdskader (%(uren)s uur): ‘%(woorden)s’. Je eigen tekst hieronder "
            "blijft bewaard en geldt weer als je dit uitvinkt."
        ) % {"uren": kader.uren, "woorden": woorden}
    formulier.fields["spreiding_uit_kader"].help_text = tekst


def sectie(
    overleg,
    onderdeel: services.Onderdeel,
    *,
    formulier=None,
    fout: str = "",
    melding: str = "",
    opgehaald=False,
) -> dict:
    if formulier is not None and "spreiding_uit_kader" in formulier.fields:
        _kaderwoorden_tonen(overleg, formulier)
    return {
        "opgehaald": opgehaald,
        "onderdeel": onderdeel,
        "rijen": _rijen(overleg, onderdeel),
        "open": overleg.status in onderdeel.statussen,
        "formulier": formulier,
        "fout": fout,
        "melding": melding,
    }


def leeg_onderdeelformulier(
    overleg: Schoolbeeldoverleg, onderdeel: services.Onderdeel, *, ophalen: bool = False
):
    initial = {veld: getattr(overleg, veld) for veld in onderdeel.velden}
    initial.update(versie=overleg.versie, stand=onderdeel_stand(overleg, onderdeel.velden))
    if ophalen and onderdeel.ophalen:
        initial["overzicht_trajecten"] = overzicht_tekst(overleg)
    return onderdeel_form(onderdeel.velden)(initial=initial, auto_id=f"id_{onderdeel.naam}_%s")


def knoppen_van(overleg: Schoolbeeldoverleg, mag_bewerken: bool, gebruiker) -> dict:
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


def afspraken_context(overleg, personen, mag_bewerken, **extra) -> dict:
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
        "acties": knoppen_van(overleg, mag_bewerken, gebruiker),
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
        **afspraken_context(overleg, personen, mag_bewerken),
    }
    context.update(extra)
    return context


def terug(overleg: Schoolbeeldoverleg, anker: str = "") -> HttpResponse:
    return redirect(reverse("overleg_detail", args=[overleg.pk]) + (f"#{anker}" if anker else ""))
