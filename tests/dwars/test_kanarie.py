"""The canary: markers seeded into one foreign school's and one foreign LSC's data never reach anyone else.

Every free-text and name field of the other LSC and of the school only it serves carries a marker
(`KANARIE-SCHOOL-B-7Q…` for the school and its pupils' trajectories and consultation, `KANARIE-LSC-B-3X…` for
the LSC itself: its name, regio team, staff, templates, envelope, moves, mail batch and week plan); the
school's figures and the LSC's envelope carry two marker numbers. Then each user of the own LSC and school,
in every role but admin, opens everything they can reach: every page of the role table with their own
objects, as a page and as HTMX fragments, with filters and searches aimed at the other side, the exports
(CSV, XLSX), the PDFs, the calendar feed, the import preview, the POST actions, and the mails of every
flow that writes to them. No byte of it may hold a marker or a link to a foreign object.

The admin is left out on purpose: an administrator keeps the whole organisation (the home page lists every
LSC, /beheer/ shows every row). CLB names are shared reference data (every school form offers all CLBs), so
the other school's CLB keeps an unmarked name; its staff member is marked.

Positive controls prove that the same inspection finds the markers where they belong, in every format (page,
fragment, CSV, XLSX, PDF, calendar file, mail and its attachments), so this test can fail. The number of
responses and files inspected goes to var/test/kanarie.json for docs/SECURITY.md.
"""

import datetime as dt
import email
import email.policy
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capaciteit import services as capaciteit_services
from capaciteit.models import Envelop, Planregel, Weekplan
from capaciteit.services import verdeling_publiceren
from capaciteit.services import weekplan as weekplannen
from honingraat import jaarverslag
from netwerk import meldingen
from netwerk import services as netwerk_services
from netwerk.models import (
    Aanwezigheid,
    Coachingsmoment,
    Gebruiker,
    Inschrijving,
    Kanaal,
    Meldingsoort,
    Meldingvoorkeur,
    Ondersteuner,
    Rol,
    Vorming,
)
from netwerk.schooljaar import huidig_schooljaar
from overleg import afstemming, bezorgdheid, documenten, outbox, sjablonen
from overleg import meldingen as overleg_meldingen
from overleg import services as overleg_services
from overleg.models import (
    Afsluitsuggestie,
    Afspraak,
    Bezorgdheid,
    Documentsoort,
    Mailsoort,
    Mailstatus,
    Schoolbeeldoverleg,
    Sjabloonsoort,
    Status,
    Uitgaandemail,
)
from overleg.services import ONDERDELEN, _deelnemers_vastleggen, overleg_voor
from overleg.views.werkpagina import overzicht_tekst
from scholen.models import Bediening, School, Schooljaarcijfers, Verslagregister
from tests import factories
from tests.support.omgeving import ROOT
from tests.support.rollen import ROLTABEL, url_kwargs
from trajecten import focus, mails, services
from trajecten import meldingen as traject_meldingen
from trajecten.models import (
    Collegavraag,
    Focusvraag,
    Intervisievraag,
    Leerling,
    Schoolaanvraag,
    Traject,
    Wisverzoek,
)

SCHOOL = "KANARIE-SCHOOL-B-7Q"
LSC = "KANARIE-LSC-B-3X"
GEDEELD = "KANARIE-GEDEELD-C"  # the other LSC's work at a school both LSCs serve
BUUR = "KANARIE-BUUR-D"  # the own LSC's work at a neighbouring school
LEERLINGEN = 731937  # the foreign school's pupils last school year
ENVELOP = 739185  # the foreign LSC's envelope in hours
_SCHEIDING = r"[.\s\u00a0\u202f]?"  # a number may be shown with a thousands separator
KANARIE = re.compile(rf"KANARIE-(?:SCHOOL|LSC)-B|731{_SCHEIDING}937|739{_SCHEIDING}185", re.IGNORECASE)
# Searches a user types: they hit the markers in the database, and the page may echo them, so none of them
# holds the distinctive part of a marker.
ZOEKTERMEN = ("kanarie", "7Q")
ROLLEN = [rol for rol in Rol if rol != Rol.ADMIN]
HTMX = {"HX-Request": "true"}
# Views that answer HTMX with a fragment of their own: the fragment each one serves, asked for as such.
HTMX_FRAGMENTEN = {
    "school_lijst": {**HTMX, "HX-Target": "resultaten"},
    "traject_lijst": {**HTMX, "HX-Target": "resultaten"},
    "mijn_trajecten": {**HTMX, "HX-Target": "resultaten"},
    "overleg_overzicht": {**HTMX, "HX-Target": "overzicht-rijen"},
    "weekplan_detail": {**HTMX, "HX-Target": "voortgang"},
    "school_dossier": {**HTMX, "HX-Target": "dossier-trajecten"},  # the dossier's trajectories (issue 19)
    "team_lijst": {**HTMX, "HX-Target": "rijen"},  # the staff list (issue 20)
}
HTMX_GEBOOST = {**HTMX, "HX-Boosted": "true"}
# Pages whose filters and searches combine: each one is tried on its own. Every other page gets all of them
# at once (a page that reads one parameter sees it there).
LIJSTPAGINAS = {
    "school_dossier",  # its trajectory filters (issue 19)
    "school_lijst",
    "school_export",
    "traject_lijst",
    "traject_export",
    "mijn_trajecten",
    "traject_nieuw",
    "weekplan_detail",
    "overleg_overzicht",
    "team_lijst",  # the staff list and its export (issue 20)
    "team_export",
}
TELLING_BESTAND = ROOT / "var" / "test" / "kanarie.json"
TELLING = {"controles": 0, "positieve_controles": 0, "lekken": 0, "per_onderdeel": {}}


# ------------------------------------------------------------------------------------------ inspection


def pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(pagina.extract_text() or "" for pagina in PdfReader(io.BytesIO(inhoud)).pages)


def xlsx_tekst(inhoud: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        return "\n".join(
            unescape(archief.read(naam).decode("utf-8", "replace"))
            for naam in archief.namelist()
            if naam.endswith((".xml", ".rels"))
        )


def als_tekst(inhoud: bytes, soort: str) -> str:
    """What a person could read in a file: PDF text (line breaks dropped), XLSX cells, unfolded iCalendar."""
    if inhoud[:5] == b"%PDF-":
        tekst = pdf_tekst(inhoud)
        return tekst + "\n" + re.sub(r"\s+", "", tekst)
    if inhoud[:2] == b"PK":
        return xlsx_tekst(inhoud)
    tekst = inhoud.decode("utf-8", "replace")
    if "calendar" in soort or tekst.startswith("BEGIN:VCALENDAR"):
        tekst = re.sub(r"\r?\n[ \t]", "", tekst)
    return tekst


@dataclass
class Inspectie:
    """Counts what it reads and keeps where a marker (or a link to a foreign object) showed up."""

    onderdeel: str
    verboden_paden: tuple[str, ...] = ()
    aantal: int = 0
    vondsten: list[str] = field(default_factory=list)

    def tekst(self, bron: str, tekst: str, *, negeer: tuple[str, ...] = ()) -> list[str]:
        for weg in negeer:
            tekst = tekst.replace(weg, "")
        self.aantal += 1
        gevonden = [tekst[max(m.start() - 50, 0) : m.end() + 30] for m in KANARIE.finditer(tekst)]
        gevonden += [pad for pad in self.verboden_paden if pad in tekst]
        self.vondsten += [f"{bron}: …{stuk}…" for stuk in gevonden]
        return gevonden

    def bestand(self, bron: str, inhoud: bytes, soort: str = "", **kwargs) -> list[str]:
        return self.tekst(bron, als_tekst(inhoud, soort), **kwargs)

    def antwoord(self, bron: str, antwoord, **kwargs) -> list[str]:
        if getattr(antwoord, "streaming", False):
            inhoud = b"".join(antwoord.streaming_content)  # the test client closes it once read
        else:
            inhoud = antwoord.content
        koppen = "\n".join(f"{naam}: {waarde}" for naam, waarde in antwoord.headers.items())
        soort = antwoord.get("Content-Type", "")
        return self.tekst(bron, koppen + "\n" + als_tekst(inhoud, soort), **kwargs)

    def mail(self, bron: str, bericht: email.message.EmailMessage) -> list[str]:
        gevonden = self.tekst(bron + " (koppen)", "\n".join(f"{k}: {v}" for k, v in bericht.items()))
        for deel in bericht.walk():
            if deel.is_multipart():
                continue
            inhoud = deel.get_payload(decode=True) or b""
            naam = deel.get_filename() or deel.get_content_type()
            gevonden += self.bestand(f"{bron} [{naam}]", inhoud, deel.get_content_type())
        return gevonden

    def zonder_lekken(self, record_property) -> None:
        TELLING["controles"] += self.aantal
        TELLING["lekken"] += len(self.vondsten)
        TELLING["per_onderdeel"][self.onderdeel] = self.aantal
        record_property("kanarie_controles", self.aantal)
        _schrijf_telling()
        assert self.vondsten == [], "Kanarie gevonden:\n" + "\n".join(self.vondsten[:40])
        assert self.aantal > 0


def _schrijf_telling() -> None:
    TELLING_BESTAND.parent.mkdir(parents=True, exist_ok=True)
    TELLING_BESTAND.write_text(json.dumps(TELLING, indent=2, sort_keys=True) + "\n")


def verboden_paden(wereld) -> tuple[str, ...]:
    """Links to the other side's objects: a page of the own side that holds one has leaked it."""
    return (
        reverse("school_detail", args=[wereld.vreemde_school.pk]) + '"',
        reverse("tijdskader_school", args=[wereld.vreemde_school.pk]) + '"',
        reverse("school_detail", args=[wereld.tweede_vreemde_school.pk]) + '"',
        *(reverse("traject_detail", args=[pk]) for pk in wereld.vreemde_trajecten),
        reverse("overleg_detail", args=[wereld.vreemd_overleg.pk]),
        reverse("overleg_school", args=[wereld.vreemde_school.pk]),
        reverse("weekplan_detail", args=[wereld.vreemd_weekplan.pk]),
        reverse("ondersteuner_detail", args=[wereld.vreemde_ondersteuner.pk]) + '"',
        reverse("regioteam_detail", args=[wereld.vreemd_regioteam.pk]) + '"',
        reverse("afstemming_detail", args=[wereld.vreemde_afstemming.pk]),
        reverse("bezorgdheid_detail", args=[wereld.vreemde_bezorgdheid.pk]),
    )


# ---------------------------------------------------------------------------------------------- the world


def _gebruiker(rol, naam: str, **velden):
    adres = naam.lower().replace(" ", "-") + "@proef.example"
    return factories.GebruikerFactory(naam=naam, email=adres, rol=rol, **velden)


def _aanmelden(*, door, school, anker, merk: str, gebondenheid: str = "leerling"):
    """A request of `door`'s LSC at the school: its pupil (or group) and questions carry `merk`."""

    leerling = services.LeerlingGegevens(
        voornaam=f"{merk}-voornaam", initiaal="K", geboortejaar=2016, klas=f"{merk}-klas", verslag="gc"
    )
    return services.traject_aanmelden(
        door=door,
        lsc=door.lsc,
        school=school,
        gebondenheid=gebondenheid,
        leerling=leerling if gebondenheid == "leerling" else None,
        groep=f"{merk}-groep",
        type="9",
        fase=2,
        vraag_leerkracht=f"{merk}-vraag-leerkracht",
        vraag_leerling_ouders=f"{merk}-vraag-ouders",
        anker=anker,
    )


def _doorlopen(traject, *, door, anker, merk: str, vandaag: dt.date, doelen: int = 1):
    """Answered, started with goals, time logged, evaluated, someone involved: every text carries `merk`."""

    services.antwoord_geven(door=door, traject=traject, antwoord=f"{merk}-antwoord")
    services.ondersteuner_toewijzen(door=door, traject=traject, ondersteuner=anker, rol="anker")
    traject = services.traject_starten(
        door=door,
        traject=traject,
        start=vandaag,
        geplande_einde=vandaag + dt.timedelta(days=90),
        doelen=[f"{merk}-doel-{i}" for i in range(1, doelen + 1)],
        volgende_evaluatie=vandaag + dt.timedelta(days=3),
    )
    services.tijd_loggen(
        door=anker.gebruiker,
        traject=traject,
        ondersteuner=anker,
        datum=vandaag,
        minuten=60,
        activiteit="leerling",
        notitie=f"{merk}-notitie",
    )
    services.evaluatie_registreren(
        door=anker.gebruiker,
        traject=traject,
        datum=vandaag,
        beslissing="bijsturen",
        samenvatting=f"{merk}-samenvatting",
        doelen={d.pk: ("deels", f"{merk}-vooruitgang") for d in traject.doelen.all()},
        volgende_evaluatie=vandaag + dt.timedelta(days=3),
    )
    services.betrokkene_toevoegen(
        door=anker.gebruiker,
        traject=traject,
        rol="therapeut",
        naam=f"{merk}-betrokkene",
        organisatie=f"{merk}-organisatie",
    )
    return traject


def _gedeeld_overleg(*, lsc, school, merk: str, eigenaar):
    """This year's consultation, held and its report shared, with every text and its agreement marked."""

    toen = timezone.now() - dt.timedelta(days=20)
    velden = ("plaats", "overzicht_trajecten", "prioriteiten", "werkwijze", "spreiding", "verslag")
    overleg = Schoolbeeldoverleg.objects.create(
        lsc=lsc,
        school=school,
        schooljaar=huidig_schooljaar(),
        status=Status.GEDEELD,
        datum=toen,
        gehouden_op=toen,
        gedeeld_op=toen,
        **{veld: f"{merk}-{veld}" for veld in velden},
    )
    _deelnemers_vastleggen(overleg)
    Afspraak.objects.create(
        overleg=overleg, omschrijving=f"{merk}-afspraak", eigenaar=eigenaar, tegen=toen.date()
    )
    return overleg


def _eigen_kant(wereld, vandaag: dt.date) -> None:
    """The own side in every state its pages can show: running and closed trajectories, a published week
    plan, a register row and the consultation's documents."""

    coordinator, anker = wereld.gebruikers[Rol.COORDINATOR], wereld.anker
    _doorlopen(wereld.eigen_traject, door=coordinator, anker=anker, merk="Eigen", vandaag=vandaag)
    tweede = _aanmelden(
        door=coordinator, school=wereld.eigen_school, anker=anker, merk="Eigen", gebondenheid="leerkracht"
    )
    tweede = _doorlopen(tweede, door=coordinator, anker=anker, merk="Eigen groep", vandaag=vandaag)
    _tweede, wereld.eigen_afsluitsleutel = services.traject_afronden(door=coordinator, traject=tweede)
    wereld.eigen_tweede_traject = tweede
    Verslagregister.objects.create(
        school=wereld.eigen_school, soort="gc", aantal=3, bewaarplaats="Secretariaat"
    )
    weekplannen.weekplan_publiceren(door=coordinator, weekplan=wereld.eigen_weekplan)
    # The own supporter is in focus team ASS: their list of open questions would show the other LSC's.
    Ondersteuner.objects.filter(pk=anker.pk).update(focusteams=["ass"])
    for soort in Documentsoort.values:
        documenten.actueel_document(wereld.eigen_overleg, soort)


def _vreemde_gebruikers(wereld) -> dict:
    lsc, school = wereld.vreemde_ondersteuner.lsc, wereld.vreemde_school
    gebruikers = {
        Rol.COORDINATOR: _gebruiker(Rol.COORDINATOR, f"{LSC}-coordinator", lsc=lsc),
        Rol.DIRECTEUR: _gebruiker(Rol.DIRECTEUR, f"{LSC}-directeur", lsc=lsc),
        Rol.TEAMCOACH: _gebruiker(Rol.TEAMCOACH, f"{LSC}-teamcoach", lsc=lsc),
        Rol.ZORG: _gebruiker(Rol.ZORG, f"{SCHOOL}-zorg", lsc=None),
        Rol.CLB: factories.clb_bevestigd(_gebruiker(Rol.CLB, f"{SCHOOL}-clb", lsc=None, clb=school.clb)),
    }
    factories.in_zorgteam(school, gebruikers[Rol.ZORG])
    wereld.vreemd_regioteam.naam = f"{LSC}-regioteam"
    wereld.vreemd_regioteam.coach = gebruikers[Rol.TEAMCOACH]
    wereld.vreemd_regioteam.save()
    anker = wereld.vreemde_ondersteuner
    anker.gebruiker.naam, anker.gebruiker.email = f"{LSC}-anker", "kanarie-lsc-b-3x-anker@proef.example"
    anker.gebruiker.save()
    anker.woonplaats, anker.regioteam = f"{LSC}-woonplaats", wereld.vreemd_regioteam
    anker.save()
    gebruikers[Rol.ONDERSTEUNER] = anker.gebruiker
    wereld.vreemde_focus = factories.OndersteunerFactory(
        lsc=lsc,
        regioteam=wereld.vreemd_regioteam,
        gebruiker__naam=f"{LSC}-focus",
        gebruiker__email="kanarie-lsc-b-3x-focus@proef.example",
        woonplaats=f"{LSC}-woonplaats-focus",
    )
    return gebruikers


def _vreemde_school(wereld) -> None:

    school, lsc = wereld.vreemde_school, wereld.vreemde_ondersteuner.lsc
    lsc.naam, lsc.gemeente = f"{LSC}-naam", f"{LSC}-gemeente"
    lsc.save()
    school.naam, school.straat, school.gemeente = f"{SCHOOL}-naam", f"{SCHOOL}-straat 7", f"{SCHOOL}-gemeente"
    school.scholengemeenschap, school.telefoon = f"{SCHOOL}-scholengemeenschap", f"{SCHOOL}-tel"
    school.email = "kanarie-school-b-7q@school.example"
    school.save()
    Schooljaarcijfers.objects.filter(school=school).update(leerlingen=LEERLINGEN)
    Verslagregister.objects.create(school=school, soort="gc", aantal=4, bewaarplaats=f"{SCHOOL}-bewaarplaats")
    tweede = factories.SchoolFactory(naam=f"{LSC}-tweede-school", gemeente=f"{LSC}-gemeente-2")
    Bediening.objects.create(lsc=lsc, school=tweede, regioteam=wereld.vreemd_regioteam)
    factories.CijfersFactory(school=tweede)
    wereld.tweede_vreemde_school = tweede


def _vreemde_trajecten(wereld, vandaag: dt.date) -> None:

    coordinator, anker = wereld.vreemde_gebruikers[Rol.COORDINATOR], wereld.vreemde_ondersteuner
    school = wereld.vreemde_school
    Leerling.objects.filter(pk=wereld.vreemd_traject.leerling_id).update(
        voornaam=f"{SCHOOL}-voornaam", klas=f"{SCHOOL}-klas"
    )
    Traject.objects.filter(pk=wereld.vreemd_traject.pk).update(
        vraag_leerkracht=f"{SCHOOL}-vraag-leerkracht",
        vraag_leerling_ouders=f"{SCHOOL}-vraag-ouders",
        focussen=["ass"],
    )
    traject = Traject.objects.get(pk=wereld.vreemd_traject.pk)
    services.ondersteuner_toewijzen(
        door=coordinator, traject=traject, ondersteuner=wereld.vreemde_focus, rol="focus"
    )
    traject = _doorlopen(traject, door=coordinator, anker=anker, merk=SCHOOL, vandaag=vandaag, doelen=2)
    services.doel_toevoegen(door=anker.gebruiker, traject=traject, omschrijving=f"{SCHOOL}-doel-3")
    groep = _aanmelden(
        door=coordinator, school=school, anker=anker, merk=f"{SCHOOL}-2", gebondenheid="leerkracht"
    )
    groep = _doorlopen(groep, door=coordinator, anker=anker, merk=f"{SCHOOL}-2", vandaag=vandaag)
    _groep, sleutel = services.traject_afronden(door=coordinator, traject=groep)
    services.afsluitvragen_beantwoorden(
        sleutel=sleutel, wat_neem_je_mee=f"{SCHOOL}-mee", waar_liggen_kansen=f"{SCHOOL}-kansen"
    )
    gestopt = _aanmelden(door=coordinator, school=school, anker=anker, merk=f"{SCHOOL}-3")
    services.traject_stopzetten(door=coordinator, traject=gestopt, reden=f"{SCHOOL}-stopreden")
    Wisverzoek.objects.filter(pk=wereld.vreemd_wisverzoek.pk).update(reden=f"{SCHOOL}-wisreden")
    # Its focus team ASS called in, a colleague asked and answered, its regio team's intervisie agenda.
    Focusvraag.objects.filter(pk=wereld.vreemde_focusvraag.pk).update(vraag=f"{SCHOOL}-focusvraag")
    Collegavraag.objects.filter(pk=wereld.vreemde_collegavraag.pk).update(
        vraag=f"{SCHOOL}-collegavraag", antwoord=f"{SCHOOL}-collega-antwoord", beantwoord_op=timezone.now()
    )
    Gebruiker.objects.filter(pk=wereld.vreemde_focuscollega.gebruiker_id).update(naam=f"{LSC}-focuscollega")
    Intervisievraag.objects.create(
        regioteam=wereld.vreemd_regioteam,
        ondersteuner=anker,
        datum=focus.volgende_woensdag(vandaag),
        vraag=f"{LSC}-intervisievraag",
    )
    wereld.vreemde_trajecten = [traject.pk, groep.pk, gestopt.pk]
    wereld.vreemde_groep_sleutel = sleutel
    # The school's own request on its trajectory (issue 19): what it recorded of the report and the parents.
    Schoolaanvraag.objects.filter(traject=wereld.vreemd_traject).update(
        verslag_bewaarplaats=f"{SCHOOL}-bewaarplaats", ouders_wie=f"{SCHOOL}-ouders", ouders_hoe="gesprek"
    )


def _vreemd_overleg_en_capaciteit(wereld) -> None:

    coordinator, lsc = wereld.vreemde_gebruikers[Rol.COORDINATOR], wereld.vreemde_ondersteuner.lsc
    overleg = wereld.vreemd_overleg
    for veld in (
        "plaats",
        "overzicht_trajecten",
        "prioriteiten",
        "verwachtingen_school",
        "verwachtingen_lsc",
        "verwachtingen_specifiek",
        "verwachtingen_clb",
        "werkwijze",
        "spreiding",
        "verslag",
        "tussentijds_plaats",
        "tussentijdse_effecten",
    ):
        setattr(overleg, veld, f"{SCHOOL}-{veld}")
    overleg.tussentijds_op = overleg.datum + dt.timedelta(days=60)
    overleg.save()
    _deelnemers_vastleggen(overleg)
    overleg.afspraken.update(omschrijving=f"{SCHOOL}-afspraak")
    for soort in Sjabloonsoort.values:
        sjablonen.sjabloon_bewaren(
            door=coordinator,
            lsc=lsc,
            soort=soort,
            titel=f"{LSC}-titel-{soort}",
            tekst=f"# {LSC}-kop\n\n{LSC}-tekst",
        )
    Uitgaandemail.objects.create(
        batch=overleg.batch,
        overleg=overleg,
        soort=Mailsoort.UITNODIGING,
        ontvanger=wereld.vreemde_gebruikers[Rol.ZORG],
        adres=wereld.vreemde_gebruikers[Rol.ZORG].email,
        kenmerk=f"{SCHOOL}-kenmerk",
        status=Mailstatus.MISLUKT,
        laatste_fout=f"{LSC}-fout",
    )
    envelop = Envelop.objects.get(lsc=lsc, schooljaar=huidig_schooljaar())
    envelop.uren = ENVELOP
    envelop.save()
    verdeling = capaciteit_services.verdeling_publiceren(door=coordinator, envelop=envelop)
    capaciteit_services.uren_verschuiven(
        door=coordinator,
        verdeling=verdeling,
        van_school_id=wereld.vreemde_school.pk,
        naar_school_id=wereld.tweede_vreemde_school.pk,
        uren=5,
        reden=f"{LSC}-herverdeling",
    )
    wereld.vreemde_verdeling = verdeling
    plan = wereld.vreemd_weekplan
    Planregel.objects.create(
        weekplan=plan,
        ondersteuner=wereld.vreemde_focus,
        school=wereld.tweede_vreemde_school,
        dag=2,
        blokken=6,
    )
    Weekplan.objects.filter(pk=plan.pk).update(redenen=[f"{LSC}-reden"])
    weekplannen.weekplan_publiceren(door=coordinator, weekplan=plan)
    weekplannen.agendasleutel_maken(door=None, ondersteuner=wereld.vreemde_ondersteuner)


@pytest.fixture
def kanarie(wereld_met_overleg):
    """The role table's world, the own side filled out and the other side marked in every field."""
    wereld = wereld_met_overleg
    vandaag = timezone.localdate()
    _eigen_kant(wereld, vandaag)
    wereld.vreemde_gebruikers = _vreemde_gebruikers(wereld)
    _vreemde_school(wereld)
    _vreemde_trajecten(wereld, vandaag)
    _vreemd_overleg_en_capaciteit(wereld)
    _meldingen(wereld, vandaag)
    _afstemming_en_bezorgdheid_gemerkt(wereld)
    _vorming_gemerkt(wereld)
    return wereld


def _meldingen(wereld, vandaag: dt.date) -> None:
    """Notifications of every kind this part raises, on both sides, each person's in the daily mail."""
    mensen = [
        *wereld.gebruikers.values(),
        *wereld.vreemde_gebruikers.values(),
        wereld.vreemde_focus.gebruiker,
    ]
    Meldingvoorkeur.objects.bulk_create(
        Meldingvoorkeur(gebruiker=g, soort=s, kanaal=Kanaal.DIGEST) for g in mensen for s in Meldingsoort
    )
    overleg_meldingen.afspraken_melden(vandaag=vandaag)
    traject_meldingen.evaluaties_melden(vandaag=vandaag + dt.timedelta(days=365))
    for verzoek in (wereld.eigen_wisverzoek, wereld.vreemd_wisverzoek):
        traject_meldingen.wisverzoek_melden(verzoek)
    for overleg, door in (
        (wereld.eigen_overleg, wereld.gebruikers[Rol.COORDINATOR]),
        (wereld.vreemd_overleg, wereld.vreemde_gebruikers[Rol.COORDINATOR]),
    ):
        overleg_meldingen.verplaatsing_melden(overleg=overleg, door=door)


# ----------------------------------------------------------------------------------- what a user reaches


def _extra_urls(wereld) -> list[tuple[str, str]]:
    """Variants the role table reaches with one argument only: every format, document and part."""

    overleg, traject = wereld.eigen_overleg, wereld.eigen_traject
    urls = [
        ("school_export", reverse("school_export", kwargs={"formaat": "xlsx"})),
        ("traject_export", reverse("traject_export", kwargs={"formaat": "xlsx"})),
        ("team_export", reverse("team_export", kwargs={"formaat": "xlsx"})),  # issue 20
        ("jaarverslag_bestand", reverse("jaarverslag_bestand", args=[str(huidig_schooljaar()), "xlsx"])),
        ("capaciteit_export", reverse("capaciteit_export", args=[wereld.eigen_verdeling.pk, "pdf"])),
        ("import_sjabloon", reverse("import_sjabloon", args=["cijfers"])),
        ("traject_detail", reverse("traject_detail", args=[wereld.eigen_tweede_traject.pk])),
        ("traject_pdf", reverse("traject_pdf", args=[wereld.eigen_tweede_traject.pk])),
        ("traject_tijd", reverse("traject_tijd", args=[traject.pk]) + "?weergave=rij"),
        ("traject_tijd", reverse("traject_tijd", args=[traject.pk]) + "?weergave=rij&sluit=1"),
        ("afsluitvragen", reverse("afsluitvragen", args=[wereld.eigen_afsluitsleutel])),
        (
            "weekplan_agenda",
            reverse(
                "weekplan_agenda",
                args=[weekplannen.agendasleutel_maken(door=None, ondersteuner=wereld.anker)],
            ),
        ),
    ]
    urls += [
        ("overleg_document", reverse("overleg_document", args=[overleg.pk, s])) for s in Documentsoort.values
    ]
    for naam in ONDERDELEN:
        pad = reverse("overleg_onderdeel", args=[overleg.pk, naam])
        urls += [("overleg_onderdeel", pad), ("overleg_onderdeel", pad + "?ophalen=1&annuleren=1")]
    for soort in Sjabloonsoort.values:
        urls += [(n, reverse(n, args=[soort])) for n in ("sjabloon_bewerken", "sjabloon_pdf")]
    return urls


def _tabel_urls(wereld) -> list[tuple[str, str]]:
    return [(naam, reverse(naam, kwargs=url_kwargs(naam, "eigen", wereld))) for naam in ROLTABEL]


def _urls(wereld) -> list[tuple[str, str]]:
    return _tabel_urls(wereld) + _extra_urls(wereld)


def _zoekvarianten(wereld) -> list[tuple[dict, tuple[str, ...]]]:
    """Filters and searches aimed at the other side: its ids, and what a user could type about it.

    A search for a full marker is echoed in the search box: that echo (and only the exact text typed) is
    left out of the inspection; a leaked row still shows its other fields and its link."""
    school = wereld.vreemde_school
    getypt = [school.naam, school.gemeente, f"{SCHOOL}-voornaam", school.instellingsnummer]
    return [
        *(({"q": term, "zoek": term}, ()) for term in ZOEKTERMEN),
        *(({"q": tekst, "zoek": tekst}, (tekst,)) for tekst in getypt),
        ({"gemeente": school.gemeente}, (school.gemeente,)),
        ({"school": school.pk}, ()),
        ({"school": wereld.tweede_vreemde_school.pk}, ()),
        ({"regioteam": wereld.vreemd_regioteam.pk}, ()),
        ({"ondersteuner": wereld.vreemde_ondersteuner.pk}, ()),
        ({"clb": school.clb_id}, ()),
        ({"van": wereld.vreemd_weekplan.pk}, ()),
        ({"overleg": wereld.vreemd_overleg.pk}, ()),
        ({"status": "alle", "bereik": "alle", "filter": "alle", "alle": "1"}, ()),
        ({"schooljaar": huidig_schooljaar() - 1}, ()),
    ]


def _alles_samen(zoekvarianten: list) -> dict:
    samen = {}
    for parameters, negeer in zoekvarianten:
        if not negeer:
            samen.update(parameters)
    return samen


def _bekijk(client, inspectie: Inspectie, bron: str, url: str, *, methode="get", negeer=(), **kwargs):
    """One request, and the page a redirect leads to (its Location is inspected with the headers)."""
    antwoord = getattr(client, methode)(url, **kwargs)
    if antwoord.status_code == 405:
        return antwoord
    inspectie.antwoord(f"{bron} {methode.upper()} {url}", antwoord, negeer=negeer)
    if 300 <= antwoord.status_code < 400 and antwoord["Location"].startswith("/"):
        doel = client.get(antwoord["Location"], headers=kwargs.get("headers"))
        if doel.status_code != 405:
            inspectie.antwoord(f"{bron} → {antwoord['Location']}", doel, negeer=negeer)
    return antwoord


def _rondgang(client, inspectie: Inspectie, bron: str, urls: list, zoekvarianten: list) -> None:
    """Every URL as a page and as HTMX fragments; list pages with each filter and search of their own."""
    samen = _alles_samen(zoekvarianten)
    for naam, url in urls:
        antwoord = _bekijk(client, inspectie, bron, url)
        if antwoord.status_code == 405:
            continue
        if antwoord.get("Content-Type", "").startswith("text/html"):
            fragmenten = [HTMX_FRAGMENTEN[naam], HTMX_GEBOOST] if naam in HTMX_FRAGMENTEN else []
            for koppen in [HTMX, *fragmenten]:
                _bekijk(client, inspectie, f"{bron} {koppen}", url, headers=koppen)
        if "?" in url:
            continue
        _bekijk(client, inspectie, bron, url, data=samen)
        if naam in LIJSTPAGINAS:
            for parameters, negeer in zoekvarianten:
                _bekijk(client, inspectie, bron, url, data=parameters, negeer=negeer)
                if naam in HTMX_FRAGMENTEN:
                    koppen = HTMX_FRAGMENTEN[naam]
                    _bekijk(client, inspectie, bron, url, data=parameters, negeer=negeer, headers=koppen)
    # The trajectory search is a POST: a pupil's first name stays out of URLs.
    for parameters, negeer in zoekvarianten:
        if "q" in parameters:
            lijst = reverse("traject_lijst")
            _bekijk(client, inspectie, bron, lijst, methode="post", data=parameters, negeer=negeer)


def _acties(client, wereld, inspectie: Inspectie, bron: str) -> None:
    """The role table's POST rows, empty and with the other side's ids, in its order (destructive last)."""
    vijandig = _alles_samen(_zoekvarianten(wereld))
    for naam, rij in ROLTABEL.items():
        if "post" not in rij.get("methoden", [rij.get("methode", "get")]):
            continue
        url = reverse(naam, kwargs=url_kwargs(naam, "eigen", wereld))
        _bekijk(client, inspectie, bron, url, methode="post")
        _bekijk(client, inspectie, bron, url, methode="post", data=vijandig, headers=HTMX)


def _importvoorbeeld(client, wereld, inspectie: Inspectie, bron: str) -> None:
    """Files that name the other school by its number: the preview shows the file, never the database."""
    nummer, jaar = wereld.vreemde_school.instellingsnummer, huidig_schooljaar() - 1
    for soort, rij in (
        ("scholen", f"{nummer};Andere naam;Straat 1;9000;Gent;basis;vrij;;"),
        ("cijfers", f"{nummer};{jaar}-{jaar + 1};100;1;0;0"),
    ):
        kop = client.get(reverse("import_sjabloon", args=[soort])).content.decode("utf-8-sig").strip()
        bestand = io.BytesIO(f"{kop}\n{rij}\n".encode())
        bestand.name = f"{soort}.csv"
        antwoord = client.post(reverse("import_start"), {"soort": soort, f"{soort}-bestand": bestand})
        assert antwoord.status_code == 302, antwoord.content.decode()[:500]
        voorbeeld = antwoord["Location"]
        _bekijk(client, inspectie, f"{bron} importvoorbeeld {soort}", voorbeeld)
        _bekijk(client, inspectie, f"{bron} importvoorbeeld {soort}", voorbeeld, headers=HTMX)
        _bekijk(client, inspectie, bron, voorbeeld + "annuleren/", methode="post")


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_kanarie_nergens_voor_de_andere_kant(client, kanarie, rol, record_property):
    """Everything the own side's user in this role can reach holds no marker of the other side."""
    wereld = kanarie
    inspectie = Inspectie(f"pagina's {rol}", verboden_paden(wereld))
    client.force_login(wereld.gebruikers[rol])
    if rol in {Rol.COORDINATOR, Rol.DIRECTEUR}:
        _jaarverslag_gemaakt(wereld.gebruikers[rol])  # issue 20.5: the downloads below then hold files
    _rondgang(client, inspectie, rol, _urls(wereld), _zoekvarianten(wereld))
    if rol in {Rol.COORDINATOR, Rol.DIRECTEUR}:
        _importvoorbeeld(client, wereld, inspectie, rol)
    _acties(client, wereld, inspectie, rol)
    inspectie.zonder_lekken(record_property)


@pytest.mark.django_db
def test_kanarie_niet_op_de_publieke_paginas(kanarie, record_property):
    """The school's closing questions and the calendar feed: no login, only the secret in the URL."""
    wereld = kanarie
    inspectie = Inspectie("publieke pagina's", verboden_paden(wereld))
    anoniem = Client()
    for naam, url in _extra_urls(wereld):
        if naam in {"afsluitvragen", "weekplan_agenda"}:
            _bekijk(anoniem, inspectie, "anoniem", url)
            _bekijk(anoniem, inspectie, "anoniem", url, headers=HTMX)
    afsluiting = reverse("afsluitvragen", args=[wereld.eigen_afsluitsleutel])
    _bekijk(anoniem, inspectie, "anoniem", afsluiting, methode="post", data={"wat_neem_je_mee": "Veel"})
    _bekijk(anoniem, inspectie, "anoniem", afsluiting)
    inspectie.zonder_lekken(record_property)


# ---------------------------------------------------------------------------------- a school both serve


@pytest.fixture
def gedeelde_school(wereld_met_overleg):
    """A school the own LSC and the other LSC both serve, each anchoring it. The other LSC's trajectory and
    consultation there are marked; its name and its staff's names are not: at a shared school the LSCs meet,
    so the school's page names every LSC that serves it and every supporter at work there, by design."""

    wereld = wereld_met_overleg
    vandaag = timezone.localdate()
    lsc_b, anker_b = wereld.vreemde_ondersteuner.lsc, wereld.vreemde_ondersteuner
    coordinator_b = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=lsc_b)
    school = factories.SchoolFactory(naam="Gedeelde school", clb=None)
    Bediening.objects.create(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
    Bediening.objects.create(lsc=lsc_b, school=school, regioteam=wereld.vreemd_regioteam)
    factories.CijfersFactory(school=school)
    factories.AnkerFactory(school=school, ondersteuner=wereld.anker)
    factories.AnkerFactory(school=school, ondersteuner=anker_b)
    traject = _aanmelden(door=coordinator_b, school=school, anker=anker_b, merk=GEDEELD)
    traject = _doorlopen(traject, door=coordinator_b, anker=anker_b, merk=GEDEELD, vandaag=vandaag)
    overleg_b = _gedeeld_overleg(lsc=lsc_b, school=school, merk=GEDEELD, eigenaar=anker_b.gebruiker)
    # The own LSC works there too: a trajectory, and a consultation whose leidraad lists its trajectories.
    eigen_traject = factories.TrajectFactory(lsc=wereld.lsc, school=school)
    factories.ToewijzingFactory(traject=eigen_traject, ondersteuner=wereld.anker)
    overleg = overleg_voor(lsc=wereld.lsc, school=school)
    overleg.datum, overleg.plaats = timezone.now() + dt.timedelta(days=10), "Refter"
    overleg.overzicht_trajecten = overzicht_tekst(overleg)
    overleg.save()
    documenten.actueel_document(overleg, "leidraad")
    # Both LSCs publish a frame for it.
    for lsc, door in ((wereld.lsc, wereld.gebruikers[Rol.COORDINATOR]), (lsc_b, coordinator_b)):
        envelop = Envelop.objects.get(lsc=lsc, schooljaar=huidig_schooljaar())
        verdeling_publiceren(door=door, envelop=envelop)
    wereld.gedeelde_school, wereld.gedeeld_overleg, wereld.overleg_b = school, overleg, overleg_b
    wereld.traject_b, wereld.eigen_gedeeld_traject = traject, eigen_traject
    return wereld


def _gedeelde_urls(wereld) -> list[tuple[str, str]]:
    school, overleg = wereld.gedeelde_school.pk, wereld.gedeeld_overleg.pk
    return [
        ("home", reverse("home")),
        ("school_lijst", reverse("school_lijst")),
        ("school_detail", reverse("school_detail", args=[school])),
        ("school_export", reverse("school_export", args=["xlsx"])),
        ("tijdskader_school", reverse("tijdskader_school", args=[school])),
        ("school_dossier", reverse("school_dossier", args=[school])),  # issue 19
        ("overleg_school", reverse("overleg_school", args=[school])),
        ("overleg_overzicht", reverse("overleg_overzicht")),
        ("traject_lijst", reverse("traject_lijst")),
        ("traject_export", reverse("traject_export", args=["xlsx"])),
        ("traject_export", reverse("traject_export", args=["csv"])),
        ("mijn_trajecten", reverse("mijn_trajecten")),
        ("traject_detail", reverse("traject_detail", args=[wereld.eigen_gedeeld_traject.pk])),
        ("traject_pdf", reverse("traject_pdf", args=[wereld.eigen_gedeeld_traject.pk])),
        ("overleg_detail", reverse("overleg_detail", args=[overleg])),
        ("overleg_verslag", reverse("overleg_verslag", args=[overleg])),
        ("overleg_onderdeel", reverse("overleg_onderdeel", args=[overleg, "overzicht"]) + "?ophalen=1"),
        ("overleg_document", reverse("overleg_document", args=[overleg, "leidraad"])),
        ("capaciteit_planning", reverse("capaciteit_planning")),
        ("capaciteit_opvolging", reverse("capaciteit_opvolging")),
        ("ondersteuner_detail", reverse("ondersteuner_detail", args=[wereld.anker.pk])),
        ("regioteam_detail", reverse("regioteam_detail", args=[wereld.regioteam.pk])),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ONDERSTEUNER])
def test_kanarie_op_een_gedeelde_school(client, gedeelde_school, rol, record_property):
    """At a school both LSCs serve, the own LSC's staff never see the other LSC's trajectory or
    consultation there; their links answer 404. (The school's care staff and its CLB see every LSC at
    their school by design, so they are not asked here.)"""
    wereld = gedeelde_school
    verboden = (
        reverse("traject_detail", args=[wereld.traject_b.pk]),
        reverse("overleg_detail", args=[wereld.overleg_b.pk]),
    )
    inspectie = Inspectie(f"gedeelde school {rol}", verboden)
    client.force_login(wereld.gebruikers[rol])
    zoekvarianten = [
        ({"q": "kanarie", "zoek": "kanarie"}, ()),
        *(({"q": tekst, "zoek": tekst}, (tekst,)) for tekst in (f"{GEDEELD}-voornaam", "Gedeelde")),
        ({"school": wereld.gedeelde_school.pk, "status": "alle", "bereik": "alle"}, ()),
        ({"ondersteuner": wereld.vreemde_ondersteuner.pk}, ()),
        ({"regioteam": wereld.vreemd_regioteam.pk}, ()),
    ]
    _rondgang(client, inspectie, rol, _gedeelde_urls(wereld), zoekvarianten)
    for url in (
        *verboden,
        reverse("traject_pdf", args=[wereld.traject_b.pk]),
        reverse("overleg_verslag", args=[wereld.overleg_b.pk]),
        reverse("overleg_document", args=[wereld.overleg_b.pk, "verslag"]),
    ):
        assert _bekijk(client, inspectie, rol, url).status_code == 404, url
    # The school's frame page shows the own LSC's frame only, not the other LSC's.
    kader = client.get(reverse("tijdskader_school", args=[wereld.gedeelde_school.pk])).content.decode()
    assert wereld.lsc.naam in kader and wereld.vreemde_ondersteuner.lsc.naam not in kader
    inspectie.zonder_lekken(record_property)


# ------------------------------------------------------- accounts and imports aimed at the other LSC


OVERNAME = f"{LSC}-overname"  # the other LSC's work at the own school, once it serves that school too


@pytest.fixture
def overname(kanarie):
    """The other (marked) LSC serves the own school too and has a trajectory, a shared report and a frame
    there; the own coordinator then does what the review did: invites a care and a CLB account for that
    school, imports the other LSC's schools with a new name and CLB, and edits the shared school's CLB."""

    wereld = kanarie
    lsc_b, coordinator_b = wereld.vreemde_ondersteuner.lsc, wereld.vreemde_gebruikers[Rol.COORDINATOR]
    Bediening.objects.create(lsc=lsc_b, school=wereld.eigen_school, regioteam=wereld.vreemd_regioteam)
    factories.AnkerFactory(school=wereld.eigen_school, ondersteuner=wereld.vreemde_ondersteuner)
    traject = _aanmelden(
        door=coordinator_b, school=wereld.eigen_school, anker=wereld.vreemde_ondersteuner, merk=OVERNAME
    )
    wereld.overname_traject = _doorlopen(
        traject,
        door=coordinator_b,
        anker=wereld.vreemde_ondersteuner,
        merk=OVERNAME,
        vandaag=timezone.localdate(),
    )
    wereld.overname_overleg = _gedeeld_overleg(
        lsc=lsc_b, school=wereld.eigen_school, merk=OVERNAME, eigenaar=wereld.vreemde_ondersteuner.gebruiker
    )
    verdeling_publiceren(
        door=coordinator_b, envelop=Envelop.objects.get(lsc=lsc_b, schooljaar=huidig_schooljaar())
    )
    return wereld


def _de_aanval(client, wereld) -> dict:
    """The own coordinator's moves through the app's own doors; returns the accounts it made."""

    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    accounts = {}
    for rol, velden in (
        (Rol.ZORG, {"school": wereld.eigen_school.pk}),
        (Rol.CLB, {"clb": wereld.eigen_school.clb_id}),
    ):
        adres = f"overname-{rol}@proef.example"
        antwoord = client.post(
            reverse("gebruiker_uitnodigen"), {"naam": f"Overname {rol}", "email": adres, "rol": rol, **velden}
        )
        assert antwoord.status_code == 302, antwoord.content.decode()[:1000]
        accounts[rol] = Gebruiker.objects.get(email=adres)
    # A CLB of the other LSC's school only is not on offer, not even by its id.
    antwoord = client.post(
        reverse("gebruiker_uitnodigen"),
        {
            "naam": "Elders",
            "email": "elders@proef.example",
            "rol": Rol.CLB,
            "clb": wereld.vreemde_school.clb_id,
        },
    )
    assert antwoord.status_code == 200 and not Gebruiker.objects.filter(email="elders@proef.example").exists()
    regels = [
        f"{school.instellingsnummer};Overgenomen {i};Straat 1;9000;Gent;basis;vrij;;{wereld.clb.naam}"
        for i, school in enumerate((wereld.vreemde_school, wereld.tweede_vreemde_school))
    ]
    kop = client.get(reverse("import_sjabloon", args=["scholen"])).content.decode("utf-8-sig").strip()
    bestand = io.BytesIO("\n".join([kop, *regels, ""]).encode())
    bestand.name = "scholen.csv"
    antwoord = client.post(reverse("import_start"), {"soort": "scholen", "scholen-bestand": bestand})
    voorbeeld = antwoord["Location"]
    wereld.overname_voorbeeld = client.get(voorbeeld).content.decode()
    assert "2 aanvraag om mee te bedienen" in re.sub(
        r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", wereld.overname_voorbeeld))
    )
    assert client.post(voorbeeld + "bevestigen/", {"actie": "alles"}).status_code == 302
    formulier = client.get(reverse("school_bewerken", args=[wereld.eigen_school.pk])).context["formulier"]
    gegevens = {naam: waarde for naam, waarde in formulier.initial.items() if waarde is not None}
    gegevens.update(clb=wereld.vreemde_school.clb_id, stand=formulier.fields["stand"].initial)
    client.post(reverse("school_bewerken", args=[wereld.eigen_school.pk]), gegevens)
    return accounts


@pytest.mark.django_db
def test_kanarie_niet_via_accounts_en_imports_van_een_ander_lsc(client, overname, record_property):
    """Accounts one LSC creates for a school it shares, and its imports and edits of the other LSC's
    schools, give nobody sight of the other LSC's work: nothing of it reaches the new accounts, the
    schools keep their name, CLB and LSCs, and the importing LSC gains no school."""

    wereld = overname
    voor = {
        s.pk: (s.naam, s.clb_id, set(s.bedieningen.values_list("lsc_id", flat=True)))
        for s in School.objects.filter(
            pk__in=[wereld.vreemde_school.pk, wereld.tweede_vreemde_school.pk, wereld.eigen_school.pk]
        )
    }
    accounts = _de_aanval(client, wereld)
    na = {
        s.pk: (s.naam, s.clb_id, set(s.bedieningen.values_list("lsc_id", flat=True)))
        for s in School.objects.filter(pk__in=voor)
    }
    assert na == voor
    assert not Bediening.objects.filter(lsc=wereld.lsc, school=wereld.vreemde_school).exists()

    # At a school both serve, its page names the LSCs and the supporters there (they meet at the school):
    # those names are not what is looked for here.
    vreemde_anker = wereld.vreemde_ondersteuner.gebruiker.naam
    inspectie = Inspectie("accounts en imports van een ander LSC", (*verboden_paden(wereld), OVERNAME))
    verboden = [
        reverse("traject_detail", args=[wereld.overname_traject.pk]),
        reverse("traject_pdf", args=[wereld.overname_traject.pk]),
        reverse("overleg_detail", args=[wereld.overname_overleg.pk]),
        reverse("overleg_verslag", args=[wereld.overname_overleg.pk]),
        reverse("overleg_document", args=[wereld.overname_overleg.pk, "verslag"]),
    ]
    eigen = wereld.eigen_school.pk
    urls = [
        ("home", reverse("home")),
        ("school_lijst", reverse("school_lijst")),
        ("school_detail", reverse("school_detail", args=[eigen])),
        ("tijdskader_school", reverse("tijdskader_school", args=[eigen])),
        ("overleg_overzicht", reverse("overleg_overzicht")),
        ("overleg_school", reverse("overleg_school", args=[eigen])),
        ("traject_lijst", reverse("traject_lijst")),
    ]
    zoekvarianten = [({"q": "kanarie", "zoek": "kanarie"}, ()), ({"school": eigen, "status": "alle"}, ())]
    negeer = (wereld.vreemde_ondersteuner.lsc.naam, vreemde_anker)
    for rol, account in accounts.items():
        client.force_login(account)
        for _naam, url in urls:
            _bekijk(client, inspectie, f"nieuw {rol}", url, negeer=negeer)
            _bekijk(client, inspectie, f"nieuw {rol}", url, negeer=negeer, headers=HTMX)
        for parameters, _negeer in zoekvarianten:
            _bekijk(
                client, inspectie, f"nieuw {rol}", reverse("traject_lijst"), data=parameters, negeer=negeer
            )
        for url in verboden:
            assert _bekijk(client, inspectie, f"nieuw {rol}", url).status_code in {302, 404}, (rol, url)
    # The importing coordinator: the preview, the requests page and the lists tell nothing of the schools.
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    for url in (reverse("aanvragen"), reverse("school_lijst")):
        _bekijk(client, inspectie, "aanvaller", url, negeer=negeer)
    inspectie.tekst("aanvaller: importvoorbeeld", wereld.overname_voorbeeld)
    inspectie.zonder_lekken(record_property)

    # Positive control: once the other LSC vouches for the care account, the same look finds its work.
    positief = Inspectie("accounts van een ander LSC, positief")
    client.force_login(wereld.vreemde_gebruikers[Rol.COORDINATOR])
    client.post(
        reverse("account_beslissen"),
        {"gebruiker": accounts[Rol.ZORG].pk, "school": eigen, "actie": "bevestigen"},
    )
    client.force_login(accounts[Rol.ZORG])
    gevonden = positief.antwoord(
        "bevestigd", client.get(reverse("traject_detail", args=[wereld.overname_traject.pk]))
    )
    TELLING["positieve_controles"] += 1
    assert gevonden, "de positieve controle vond de kanarie niet"


# ------------------------------------------------------------------------- a neighbour in the same LSC


@pytest.fixture
def buurschool(wereld_met_overleg):
    """A second school of the own LSC, in the same regio team, with an anchor, care staff and a CLB of its
    own: its pupils, trajectory, register and consultation are marked. Its name is not (the regio team's
    page names its schools for the team's supporters), nor its anchor's (the team's page names them)."""

    wereld = wereld_met_overleg
    vandaag, coordinator = timezone.localdate(), wereld.gebruikers[Rol.COORDINATOR]
    school = factories.SchoolFactory(naam="Buurschool", clb=factories.ClbFactory(naam="CLB Buur"))
    Bediening.objects.create(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
    anker = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.AnkerFactory(school=school, ondersteuner=anker)
    zorg = _gebruiker(Rol.ZORG, f"{BUUR}-zorg", lsc=None)
    factories.in_zorgteam(school, zorg)
    factories.clb_bevestigd(_gebruiker(Rol.CLB, f"{BUUR}-clb", lsc=None, clb=school.clb))
    Verslagregister.objects.create(school=school, soort="gc", aantal=2, bewaarplaats=f"{BUUR}-bewaarplaats")
    traject = _aanmelden(door=coordinator, school=school, anker=anker, merk=BUUR)
    traject = _doorlopen(traject, door=coordinator, anker=anker, merk=BUUR, vandaag=vandaag)
    overleg = _gedeeld_overleg(lsc=wereld.lsc, school=school, merk=BUUR, eigenaar=zorg)
    wereld.buurschool, wereld.buur_traject, wereld.buur_overleg = school, traject, overleg
    return wereld


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ZORG, Rol.ONDERSTEUNER, Rol.CLB])
def test_kanarie_niet_bij_de_buurschool(client, buurschool, rol, record_property):
    """Care staff, the anchor and the CLB of one school see nothing of a neighbouring school of the same
    LSC: not its pupils, trajectory, register or consultation; its pages answer 404."""
    wereld = buurschool
    school, traject, overleg = wereld.buurschool, wereld.buur_traject, wereld.buur_overleg
    verboden = (
        reverse("school_detail", args=[school.pk]) + '"',
        reverse("traject_detail", args=[traject.pk]),
        reverse("overleg_verslag", args=[overleg.pk]),
    )
    inspectie = Inspectie(f"buurschool {rol}", verboden)
    client.force_login(wereld.gebruikers[rol])
    zoekvarianten = [
        ({"q": "kanarie", "zoek": "kanarie"}, ()),
        ({"q": f"{BUUR}-voornaam", "zoek": "Buurschool"}, (f"{BUUR}-voornaam", "Buurschool")),
        ({"school": school.pk, "status": "alle", "bereik": "alle"}, ()),
    ]
    _rondgang(client, inspectie, rol, _tabel_urls(wereld), zoekvarianten)
    for naam, args in (
        ("school_detail", [school.pk]),
        ("tijdskader_school", [school.pk]),
        ("overleg_school", [school.pk]),
        ("traject_detail", [traject.pk]),
        ("traject_pdf", [traject.pk]),
        ("overleg_verslag", [overleg.pk]),
        ("overleg_document", [overleg.pk, "verslag"]),
    ):
        assert _bekijk(client, inspectie, rol, reverse(naam, args=args)).status_code == 404, naam
    inspectie.zonder_lekken(record_property)


# ------------------------------------------------------------------------------------------------ mails


def _consultaties_doorlopen(wereld) -> None:
    """Both consultations invited (leidraad and agreements as PDF, an .ics) and their reports shared."""

    later = (timezone.now() + dt.timedelta(days=14)).replace(second=0, microsecond=0)
    for overleg, door in (
        (wereld.eigen_overleg, wereld.gebruikers[Rol.COORDINATOR]),
        (wereld.vreemd_overleg, wereld.vreemde_gebruikers[Rol.COORDINATOR]),
    ):
        Schoolbeeldoverleg.objects.filter(pk=overleg.pk).update(
            status=Status.VOORBEREIDING, datum=later, tussentijds_op=later + dt.timedelta(days=60)
        )
        overleg.refresh_from_db()
        overleg_services.uitnodigingen_versturen(door=door, overleggen=[overleg])
        Schoolbeeldoverleg.objects.filter(pk=overleg.pk).update(status=Status.GEHOUDEN)
        overleg_services.verslag_delen(door=door, overleg=overleg)
    assert outbox.verstuur_wachtende() > 0


def _trajectmails(wereld, vandaag: dt.date) -> None:

    for traject_id in (wereld.eigen_traject.pk, wereld.vreemde_trajecten[0]):
        # With the school's status mails of issue 19 (started, stopped).
        for soort in ("aangemeld", "beantwoord", "gestart", "stopgezet"):
            mails.trajectmail_versturen(traject_id=traject_id, soort=soort)
    mails.afsluitvraag_versturen(
        traject_id=wereld.eigen_tweede_traject.pk, sleutel=wereld.eigen_afsluitsleutel
    )
    mails.afsluitvraag_versturen(traject_id=wereld.vreemde_trajecten[1], sleutel=wereld.vreemde_groep_sleutel)
    assert mails.herinneringen_versturen(vandaag=vandaag) >= 2


def _accountmails(wereld, client) -> list[str]:
    """A new account on each side, and a password reset asked for by the own coordinator."""

    nieuw = []
    for uitnodiger, naam in (
        (wereld.gebruikers[Rol.COORDINATOR], "Nieuwe Eigen"),
        (wereld.vreemde_gebruikers[Rol.COORDINATOR], f"{LSC}-nieuw"),
    ):
        gebruiker = netwerk_services.gebruiker_uitnodigen(
            uitnodiger=uitnodiger,
            naam=naam,
            email=naam.lower().replace(" ", "-") + "@proef.example",
            rol=Rol.ONDERSTEUNER,
            lsc=uitnodiger.lsc,
        )
        netwerk_services.uitnodiging_versturen(gebruiker_id=gebruiker.pk)
        nieuw.append(gebruiker.email)
    client.post(reverse("account_reset_password"), {"email": wereld.gebruikers[Rol.COORDINATOR].email})
    return nieuw


@pytest.mark.django_db
def test_kanarie_niet_in_mails(kanarie, smtp_instellingen, client, record_property):
    """Every flow that mails, run on both sides through a real SMTP server: what reaches the own side holds
    no marker, in its headers, body, PDFs or calendar file; what reaches the other side does."""
    wereld, smtp = kanarie, smtp_instellingen
    _consultaties_doorlopen(wereld)
    _trajectmails(wereld, timezone.localdate())
    assert meldingen.digest_versturen() >= 6
    eigen_nieuw, vreemd_nieuw = _accountmails(wereld, client)
    eigen = {g.email for rol, g in wereld.gebruikers.items() if rol != Rol.ADMIN} | {eigen_nieuw}
    vreemd = {g.email for g in wereld.vreemde_gebruikers.values()} | {vreemd_nieuw}

    inspectie = Inspectie("mails", verboden_paden(wereld))
    positief = Inspectie("mails, positieve controle")
    bereikt = set()
    for ontvangen in smtp.ontvangen:
        ontvangers = set(ontvangen.ontvangers)
        assert not (ontvangers & eigen and ontvangers & vreemd), ontvangen.bericht["Subject"]
        if ontvangers & eigen:
            bereikt |= ontvangers & eigen
            inspectie.mail(
                f"mail aan {sorted(ontvangers)}: {ontvangen.bericht['Subject']}", ontvangen.bericht
            )
        elif ontvangers & {wereld.vreemde_gebruikers[Rol.ZORG].email}:
            assert positief.mail(ontvangen.bericht["Subject"], ontvangen.bericht), ontvangen.bericht[
                "Subject"
            ]
    # The own side was reached by every kind of mail: invitation, report, trajectory, closing questions,
    # reminder, new account, password reset, the notifications of the day (the director's: an erasure).
    assert bereikt == {
        wereld.gebruikers[rol].email
        for rol in (Rol.COORDINATOR, Rol.DIRECTEUR, Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB)
    } | {eigen_nieuw}
    onderwerpen = [o.bericht["Subject"] for o in smtp.ontvangen if set(o.ontvangers) & eigen]
    woorden = (
        "Uitnodiging",
        "Verslag",
        "aanmelding",
        "afronding",
        "vandaag",
        "account",
        "wachtwoord",
        "meldingen",
    )
    for woord in woorden:
        assert any(woord.lower() in onderwerp.lower() for onderwerp in onderwerpen), (woord, onderwerpen)
    _bijlagen_gevonden(smtp, wereld, positief)
    # The other side's anchor's notifications of the day name its school: the inspection finds it there.
    anker = wereld.vreemde_gebruikers[Rol.ONDERSTEUNER].email
    (dagmail,) = [
        o.bericht for o in smtp.ontvangen if anker in o.ontvangers and "meldingen" in o.bericht["Subject"]
    ]
    assert positief.mail("meldingen van de andere kant", dagmail)
    TELLING["positieve_controles"] += positief.aantal
    inspectie.zonder_lekken(record_property)


def _bijlagen_gevonden(smtp, wereld, positief: Inspectie) -> None:
    """The other side's invitation: its PDFs and its calendar file each hold the marker on their own."""
    zorg = wereld.vreemde_gebruikers[Rol.ZORG].email
    (uitnodiging,) = [
        o.bericht for o in smtp.ontvangen if zorg in o.ontvangers and "Uitnodiging" in o.bericht["Subject"]
    ]
    bijlagen = list(uitnodiging.iter_attachments())
    assert {deel.get_content_type() for deel in bijlagen} == {"application/pdf", "text/calendar"}
    for deel in bijlagen:
        inhoud = deel.get_payload(decode=True)
        assert positief.bestand(deel.get_filename(), inhoud, deel.get_content_type()), deel.get_filename()


# ------------------------------------------------------------------------------------ positive controls


@pytest.mark.django_db
def test_kanarie_wel_zichtbaar_voor_de_eigen_kant(client, kanarie, record_property):
    """The same inspection finds the markers on the other side's own pages, in every format it reads:
    the canary can sing."""

    wereld = kanarie
    school, traject, overleg = wereld.vreemde_school, wereld.vreemde_trajecten[0], wereld.vreemd_overleg
    documenten.actueel_document(overleg, Documentsoort.VERSLAG)
    verdeling = wereld.vreemde_verdeling
    per_rol = {
        Rol.COORDINATOR: [
            (reverse("school_detail", args=[school.pk]), {}),
            (reverse("school_lijst") + "?q=kanarie", {"HX-Request": "true"}),
            (reverse("school_export", args=["csv"]), {}),
            (reverse("school_export", args=["xlsx"]), {}),
            (reverse("traject_detail", args=[traject]), {}),
            (reverse("traject_pdf", args=[traject]), {}),
            (reverse("traject_export", args=["xlsx"]), {}),
            (reverse("capaciteit_planning"), {}),
            (reverse("capaciteit_export", args=[verdeling.pk, "xlsx"]), {}),
            (reverse("capaciteit_export", args=[verdeling.pk, "pdf"]), {}),
            (reverse("sjabloon_bewerken", args=["leidraad"]), {}),
            (reverse("sjabloon_pdf", args=["afspraken"]), {}),
            (reverse("overleg_detail", args=[overleg.pk]), {}),
            (reverse("overleg_batch", args=[overleg.batch.pk]), {}),
            (reverse("weekplan_detail", args=[wereld.vreemd_weekplan.pk]), {}),
            # The plan on dates (issue 21): that LSC's supporters and, for one of them, their schools.
            (reverse("weekplan_kalender") + f"?ondersteuner={wereld.vreemde_ondersteuner.pk}", {}),
            (reverse("regioteam_detail", args=[wereld.vreemd_regioteam.pk]), {}),
            (reverse("leerling_dossier", args=[wereld.vreemd_traject.leerling_id]), {}),
            (reverse("wisverzoek_beslissen", args=[wereld.vreemd_wisverzoek.pk]), {}),
            (reverse("focusvraag_lijst"), {}),
            (reverse("collegavraag_detail", args=[wereld.vreemde_collegavraag.pk]), {}),
            # The staff list and its export (issue 20).
            (reverse("team_lijst"), {}),
            (reverse("team_export", args=["xlsx"]), {}),
            (reverse("team_ondersteuner", args=[wereld.vreemde_ondersteuner.pk]), {}),
            # The yearly report of that side (issue 20.5), made below before the round.
            (reverse("jaarverslag_bestand", args=[str(huidig_schooljaar()), "pdf"]), {}),
            (reverse("jaarverslag_bestand", args=[str(huidig_schooljaar()), "xlsx"]), {}),
            # Trainings, growth focus and coaching (issue 20 part 4).
            (reverse("vorming_lijst"), {}),
            (reverse("vorming_detail", args=[wereld.vreemde_vorming.pk]), {}),
            (reverse("vorming_export", args=[wereld.vreemde_vorming.pk, "xlsx"]), {}),
            (reverse("coaching_detail", args=[wereld.vreemd_coachingsmoment.pk]), {}),
        ],
        Rol.TEAMCOACH: [(reverse("intervisie"), {})],
        Rol.ONDERSTEUNER: [
            (reverse("meldingen"), {}),
            (reverse("mijn_week"), {}),
            (
                reverse(
                    "weekplan_agenda",
                    args=[
                        weekplannen.agendasleutel_maken(door=None, ondersteuner=wereld.vreemde_ondersteuner)
                    ],
                ),
                {},
            ),
            (reverse("traject_tijd", args=[traject]) + "?weergave=rij", {"HX-Request": "true"}),
            (reverse("collegavraag_lijst"), {}),
            (reverse("intervisie"), {}),
        ],
        Rol.ZORG: [
            (reverse("home"), {}),
            (reverse("overleg_verslag", args=[overleg.pk]), {}),
            (reverse("overleg_document", args=[overleg.pk, "verslag"]), {}),
            (reverse("tijdskader_school", args=[school.pk]), {}),
            (reverse("school_aanvragen", args=[school.pk]), {}),
            (reverse("school_dossier", args=[school.pk]), {}),  # issue 19
        ],
    }
    _jaarverslag_gemaakt(wereld.vreemde_gebruikers[Rol.COORDINATOR])
    positief = Inspectie("positieve controles", verboden_paden(wereld))
    for rol, urls in per_rol.items():
        client.force_login(wereld.vreemde_gebruikers[rol])
        for url, koppen in urls:
            antwoord = client.get(url, headers=koppen)
            assert antwoord.status_code == 200, (rol, url, antwoord.status_code)
            assert positief.antwoord(f"{rol} {url}", antwoord), f"geen kanarie in {url} voor {rol}"
    # The marker numbers are found as the pages show them.
    client.force_login(wereld.vreemde_gebruikers[Rol.COORDINATOR])
    planning = positief.antwoord("envelop", client.get(reverse("capaciteit_planning")))
    assert any(re.search(rf"739{_SCHEIDING}185", stuk) for stuk in planning), planning
    cijfers = positief.antwoord("cijfers", client.get(reverse("school_detail", args=[school.pk])))
    assert any(re.search(rf"731{_SCHEIDING}937", stuk) for stuk in cijfers), cijfers
    TELLING["positieve_controles"] += positief.aantal
    record_property("kanarie_positieve_controles", positief.aantal)
    _schrijf_telling()


# ------------------------------------------- issue 20 part 4: trainings and coaching (own block)


def _vorming_gemerkt(wereld) -> None:
    """The other LSC's training (title, description, place), its supporter registered and present, their
    growth focus and a coaching moment (topic, notes, agreements), all marked."""
    vandaag = timezone.localdate()
    vorming = Vorming.objects.create(
        lsc=wereld.vreemde_ondersteuner.lsc,
        titel=f"{LSC}-vorming",
        soort=Vorming.Soort.COACHING,
        beschrijving=f"{LSC}-vormingsbeschrijving",
    )
    sessie = vorming.sessies.create(datum=vandaag, van=dt.time(9), tot=dt.time(12), plaats=f"{LSC}-plaats")
    inschrijving = Inschrijving.objects.create(vorming=vorming, ondersteuner=wereld.vreemde_ondersteuner)
    Aanwezigheid.objects.create(inschrijving=inschrijving, sessie=sessie, status="aanwezig")
    Ondersteuner.objects.filter(pk=wereld.vreemde_ondersteuner.pk).update(groeifocus=f"{LSC}-groeifocus")
    wereld.vreemde_vorming = vorming
    wereld.vreemd_coachingsmoment = Coachingsmoment.objects.create(
        ondersteuner=wereld.vreemde_ondersteuner,
        coach=wereld.vreemde_gebruikers[Rol.TEAMCOACH],
        datum=vandaag,
        onderwerp=f"{LSC}-coachingsonderwerp",
        notities=f"{LSC}-coachingsnotities",
        afspraken=f"{LSC}-coachingsafspraken",
    )


# ------------------------------------------- issue 19: afstemmingsgesprek and concerns (own block)


def _afstemming_en_bezorgdheid_gemerkt(wereld) -> None:
    """The other school's request for an afstemmingsgesprek and its concern about its anchor, marked in every
    text; the concern was handled with a marked note (the closing answers: see _vreemde_trajecten)."""
    gesprek = wereld.vreemde_afstemming
    for veld in ("onderwerp", "andere_partners", "voorkeur_momenten", "plaats", "externe_deelnemers"):
        setattr(gesprek, veld, f"{SCHOOL}-{veld}")
    gesprek.save()
    Bezorgdheid.objects.filter(pk=wereld.vreemde_bezorgdheid.pk).update(
        tekst=f"{SCHOOL}-bezorgdheid", afhandeling=f"{SCHOOL}-afhandeling", afgehandeld_op=timezone.now()
    )
    # The school's free suggestions beside its closing answers (the closed, answered group trajectory).
    Afsluitsuggestie.objects.create(traject_id=wereld.vreemde_trajecten[1], tekst=f"{SCHOOL}-suggestie")


@pytest.mark.django_db
def test_kanarie_niet_in_afstemmingsmails_en_bezorgdheden(
    kanarie, smtp_instellingen, client, record_property
):
    """Both schools' afstemmingsgesprek planned and a concern sent on each side: the own side's mails and
    notifications hold no marker; the other side's invitation does (the canary can sing)."""
    wereld, smtp = kanarie, smtp_instellingen
    later = (timezone.now() + dt.timedelta(days=9)).replace(second=0, microsecond=0)
    for gesprek, door in (
        (wereld.eigen_afstemming, wereld.anker.gebruiker),
        (wereld.vreemde_afstemming, wereld.vreemde_ondersteuner.gebruiker),
    ):
        gesprek.refresh_from_db()
        zorg = gesprek.gevraagd_door
        afstemming.afstemming_plannen(
            door=door,
            gesprek=gesprek,
            versie=gesprek.versie,
            datum=later,
            duur_minuten=60,
            plaats=gesprek.plaats or "Zorgklas",
            externe_deelnemers=gesprek.externe_deelnemers,
            deelnemer_ids=[zorg.pk],
        )
    vreemde_zorg = wereld.vreemde_afstemming.gevraagd_door
    bezorgdheid.bezorgdheid_melden(
        door=vreemde_zorg,
        school=wereld.vreemde_school,
        ondersteuner_id=wereld.vreemde_ondersteuner.pk,
        tekst=f"{SCHOOL}-tweede-bezorgdheid",
        al_besproken=False,
        naar="ondersteuner",
    )
    assert outbox.verstuur_wachtende() == 2
    assert meldingen.digest_versturen() >= 1
    inspectie = Inspectie("afstemming en bezorgdheid", verboden_paden(wereld))
    positief = Inspectie("afstemming en bezorgdheid, positieve controle")
    eigen = {g.email for rol, g in wereld.gebruikers.items() if rol != Rol.ADMIN}
    for ontvangen in smtp.ontvangen:
        if set(ontvangen.ontvangers) & eigen:
            inspectie.mail(ontvangen.bericht["Subject"], ontvangen.bericht)
        elif (
            vreemde_zorg.email in ontvangen.ontvangers
            and "afstemmingsgesprek" in ontvangen.bericht["Subject"]
        ):
            assert positief.mail(ontvangen.bericht["Subject"], ontvangen.bericht)
    assert positief.aantal and inspectie.aantal
    # In the app: the own side's notifications and lists, each role.
    for rol in ROLLEN:
        client.force_login(wereld.gebruikers[rol])
        for naam in ("meldingen", "afstemming_lijst", "zorgen_lijst"):
            _bekijk(client, inspectie, rol, reverse(naam))
        for naam, pk in (
            ("afstemming_detail", wereld.vreemde_afstemming.pk),
            ("bezorgdheid_detail", wereld.vreemde_bezorgdheid.pk),
        ):
            assert _bekijk(client, inspectie, rol, reverse(naam, args=[pk])).status_code == 404
    # The other side's own people do read theirs: the coordination its schools' closing answers and
    # suggestions, the school its request and its concern.
    client.force_login(wereld.vreemde_gebruikers[Rol.COORDINATOR])
    samenvatting = positief.antwoord("samenvatting", client.get(reverse("afsluit_samenvatting")))
    assert any("suggestie" in stuk for stuk in samenvatting), samenvatting
    client.force_login(vreemde_zorg)
    for naam, pk in (
        ("afstemming_detail", wereld.vreemde_afstemming.pk),
        ("bezorgdheid_detail", wereld.vreemde_bezorgdheid.pk),
    ):
        assert positief.antwoord(naam, client.get(reverse(naam, args=[pk])))
    TELLING["positieve_controles"] += positief.aantal
    inspectie.zonder_lekken(record_property)


# ------------------------------------------------------------------ issue 20 part 5: the yearly report


def _jaarverslag_gemaakt(door) -> None:
    """The report of the current year of `door`'s LSC, rendered here (the job's body, without a worker)."""
    verslag = jaarverslag.jaarverslag_aanvragen(door=door, schooljaar=huidig_schooljaar())
    jaarverslag.jaarverslag_maken(jaarverslag_id=verslag.pk)
