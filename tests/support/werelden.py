"""Shared worlds beyond tests/conftest.py's `wereld`: consultations ready to invite, a network of schools
to invite for, this year's consultation of a world, a running trajectory, and the fixture
`wereld_met_overleg` (registered for every folder in tests/conftest.py)."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from capaciteit.models import Planregel, Weekplan
from capaciteit.services.weekplan import STANDAARD
from netwerk.audit import log_actie
from netwerk.models import Leersteuncentrum, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import (
    Afspraak,
    Afstemmingsgesprek,
    Bezorgdheid,
    Bezorgdheidontvanger,
    Mailbatch,
    Schoolbeeldoverleg,
)
from overleg.models import Status as OverlegStatus
from overleg.services import _deelnemers_vastleggen
from scholen.models import Ankertoewijzing, Importbestand, Schoolvoorstel
from tests import factories
from trajecten import services as trajectservices
from trajecten.models import (
    Betrokkene,
    Collegavraag,
    Doelevaluatie,
    Focusvraag,
    Schoolaanvraag,
    Status,
    Toewijzing,
    Traject,
    Wisverzoek,
)
from trajecten.services import LeerlingGegevens


def _kleine_pdf() -> bytes:
    """A valid one-page PDF with an empty page, its cross-reference table at the right offsets."""
    objecten = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    inhoud, plaatsen = b"%PDF-1.4\n", []
    for nummer, obj in enumerate(objecten, start=1):
        plaatsen.append(len(inhoud))
        inhoud += b"%d 0 obj\n" % nummer + obj + b"\nendobj\n"
    xref = len(inhoud)
    inhoud += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    inhoud += b"".join(b"%010d 00000 n \n" % plaats for plaats in plaatsen)
    inhoud += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objecten) + 1, xref)
    return inhoud


# The attachment of a school's request in the worlds and tests (trajecten/aanvragen.py checks it).
KLEINE_PDF = _kleine_pdf()

# ------------------------------------------------------------------------------------------- consultations


def overleg_klaar(*, lsc, school, datum=None, plaats: str = "Leraarskamer") -> Schoolbeeldoverleg:
    return Schoolbeeldoverleg.objects.create(
        lsc=lsc,
        school=school,
        schooljaar=_jaar(),
        datum=datum or (timezone.now() + dt.timedelta(days=14)).replace(second=0, microsecond=0),
        plaats=plaats,
    )


def _jaar() -> int:

    return huidig_schooljaar()


@dataclass
class Uitnodigingswereld:
    lsc: object
    coordinator: object
    overleggen: list
    verwacht: dict  # overleg pk -> set of addresses that must get the invitation


def uitnodigingswereld(aantal_scholen: int, *, clbs: int = 3) -> Uitnodigingswereld:
    """`aantal_scholen` schools of one LSC, each with a care coordinator, an anchor, a supporter of a
    specific LSC at work there, and one of `clbs` CLBs with one staff member; each consultation ready."""

    lsc = factories.LscFactory(naam="LSC Proef")
    specifiek = factories.LscFactory(naam="SLSC Proef", soort=Leersteuncentrum.Soort.SPECIFIEK)
    coordinator = factories.GebruikerFactory(email="coord@lsc.example", rol=Rol.COORDINATOR, lsc=lsc)
    anker = factories.OndersteunerFactory(lsc=lsc, gebruiker__email="anker@lsc.example")
    slsc = factories.OndersteunerFactory(lsc=specifiek, gebruiker__email="slsc@slsc.example")
    clb_lijst, clb_accounts = [], []
    for i in range(clbs):
        clb = factories.ClbFactory(naam=f"CLB {i}")
        clb_accounts.append(
            factories.GebruikerFactory(email=f"clb{i}@clb.example", rol=Rol.CLB, lsc=None, clb=clb)
        )
        clb_lijst.append(clb)
    overleggen, verwacht = [], {}
    for i in range(aantal_scholen):
        clb = clb_lijst[i % clbs]
        school = factories.SchoolFactory(naam=f"School {i:03d}", clb=clb)
        factories.BedieningFactory(lsc=lsc, school=school)
        factories.BedieningFactory(lsc=specifiek, school=school)
        zorg = factories.GebruikerFactory(email=f"zorg{i}@school.example", rol=Rol.ZORG, lsc=None)
        factories.in_zorgteam(school, zorg)
        if i < clbs:  # the first school of each CLB: its LSCs vouch for the CLB's account
            factories.clb_bevestigd(clb_accounts[i])
        Ankertoewijzing.objects.create(school=school, lsc=lsc, schooljaar=_jaar(), ondersteuner=anker)
        traject = factories.TrajectFactory(lsc=specifiek, school=school, status=Status.LOPEND)
        Toewijzing.objects.create(traject=traject, ondersteuner=slsc, rol=Toewijzing.Rol.FOCUS)
        overleg = overleg_klaar(lsc=lsc, school=school)
        overleggen.append(overleg)
        verwacht[overleg.pk] = {zorg.email, slsc.gebruiker.email, f"clb{i % clbs}@clb.example"}
    return Uitnodigingswereld(lsc, coordinator, overleggen, verwacht)


def overleg_van(wereld, *, vreemd: bool = False, **velden) -> Schoolbeeldoverleg:
    """This year's consultation of the world's own school (or the other LSC's school)."""
    lsc = wereld.vreemde_ondersteuner.lsc if vreemd else wereld.lsc
    school = wereld.vreemde_school if vreemd else wereld.eigen_school
    return Schoolbeeldoverleg.objects.create(lsc=lsc, school=school, schooljaar=huidig_schooljaar(), **velden)


# ------------------------------------------------------------------------------------------- trajectories

VANDAAG = timezone.localdate()


def nieuwe_aanmelding(wereld, **extra) -> Traject:
    """A pupil-bound request of the world's anchor at its own school, twenty days ago."""
    velden = {
        "door": wereld.anker.gebruiker,
        "lsc": wereld.lsc,
        "school": wereld.eigen_school,
        "gebondenheid": "leerling",
        "leerling": LeerlingGegevens(
            voornaam="Mila", initiaal="V", geboortejaar=2016, klas="4B", verslag="gc"
        ),
        "type": "9",
        "fase": 2,
        "vraag_leerkracht": "Hoe geef ik Mila rust bij overgangen?",
        "aangemeld_op": VANDAAG - dt.timedelta(days=20),
        "anker": wereld.anker,
    }
    return trajectservices.traject_aanmelden(**{**velden, **extra})


def gestart(wereld, traject: Traject, *, evaluatie_over: int = 30) -> Traject:
    """The request answered and started, with two goals; the next evaluation in `evaluatie_over` days."""
    trajectservices.antwoord_geven(
        door=wereld.anker.gebruiker, traject=traject, antwoord="We starten met observatie."
    )
    return trajectservices.traject_starten(
        door=wereld.anker.gebruiker,
        traject=traject,
        start=VANDAAG - dt.timedelta(days=10),
        geplande_einde=VANDAAG + dt.timedelta(days=90),
        doelen=["Rustig overgaan naar de speelplaats", "Zelf een pauze vragen"],
        intensiteit_minuten=120,
        frequentie="week",
        volgende_evaluatie=VANDAAG + dt.timedelta(days=evaluatie_over),
    )


def lopend_traject(wereld) -> Traject:
    """A running trajectory of the world's anchor, with two goals."""
    return gestart(wereld, nieuwe_aanmelding(wereld))


# ------------------------------------------------------------------------- every kind of object, own and not


@pytest.fixture
def wereld_met_overleg(wereld_met_trajecten):
    """Each LSC's school with this year's consultation, held and shared, an agreement and a batch."""

    wereld = wereld_met_trajecten
    toen = timezone.now() - dt.timedelta(days=30)
    for attribuut, lsc, school, eigenaar, door in (
        ("eigen_overleg", wereld.lsc, wereld.eigen_school, wereld.anker.gebruiker,
         wereld.gebruikers[Rol.COORDINATOR]),
        ("vreemd_overleg", wereld.vreemde_ondersteuner.lsc, wereld.vreemde_school,
         wereld.vreemde_ondersteuner.gebruiker, None),
    ):  # fmt: skip
        overleg = Schoolbeeldoverleg.objects.create(
            lsc=lsc,
            school=school,
            schooljaar=huidig_schooljaar(),
            status=OverlegStatus.GEDEELD,
            datum=toen,
            plaats="Leraarskamer",
            gehouden_op=toen,
            gedeeld_op=toen,
            verslag="We spraken af hoe we de leersteun inzetten.",
        )
        _deelnemers_vastleggen(overleg)
        Afspraak.objects.create(
            overleg=overleg, omschrijving="Observatie in de klas", eigenaar=eigenaar, tegen=toen.date()
        )
        overleg.batch = Mailbatch.objects.create(lsc=lsc, door=door, scholen=1)
        setattr(wereld, attribuut, overleg)
        # And a week plan proposal with one visit.
        plan = Weekplan.objects.create(
            lsc=lsc, schooljaar=huidig_schooljaar(), status=Weekplan.Status.VOORSTEL, instellingen=STANDAARD
        )
        Planregel.objects.create(
            weekplan=plan, ondersteuner=eigenaar.ondersteuner, school=school, dag=0, blokken=4
        )
        setattr(wereld, attribuut.replace("overleg", "weekplan"), plan)
    # And an upload read and waiting for its preview, by the other LSC's coordinator.

    wereld.vreemd_importbestand = Importbestand.objects.create(
        door=factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=wereld.vreemde_ondersteuner.lsc),
        soort="cijfers",
        naam="cijfers.csv",
        status=Importbestand.Status.KLAAR,
        tabel='{"kolommen": ["instellingsnummer", "schooljaar", "leerlingen"], "rijen": []}',
    )
    # And a request to erase each LSC's pupil, asked by a supporter there.

    for attribuut, traject, door in (
        ("eigen_wisverzoek", wereld.eigen_traject, wereld.anker.gebruiker),
        ("vreemd_wisverzoek", wereld.vreemd_traject, wereld.vreemde_ondersteuner.gebruiker),
    ):
        verzoek = Wisverzoek.objects.create(
            lsc=traject.lsc, leerling=traject.leerling, reden="De ouders vragen het.", aangevraagd_door=door
        )
        setattr(wereld, attribuut, verzoek)
    # And a line in each trajectory's logbook, by a supporter of its LSC.
    wereld.eigen_logboekregel = factories.LogboekregelFactory(
        traject=wereld.eigen_traject, ondersteuner=wereld.anker
    )
    wereld.vreemde_logboekregel = factories.LogboekregelFactory(
        traject=wereld.vreemd_traject, ondersteuner=wereld.vreemde_ondersteuner
    )
    # And on each trajectory a question to the focus team ASS and one to a colleague, both by a supporter
    # of its LSC; the colleague is in that focus team.
    for soort, traject, door in (
        ("eigen", wereld.eigen_traject, wereld.anker),
        ("vreemd", wereld.vreemd_traject, wereld.vreemde_ondersteuner),
    ):
        collega = factories.OndersteunerFactory(lsc=traject.lsc, focusteams=["ass"])
        focusvraag = Focusvraag.objects.create(
            traject=traject,
            lsc=traject.lsc,
            focus="ass",
            vraag="Hoe bieden we rust?",
            gevraagd_door=door.gebruiker,
        )
        collegavraag = Collegavraag.objects.create(
            traject=traject,
            lsc=traject.lsc,
            gesteld_door=door.gebruiker,
            aan=collega.gebruiker,
            vraag="Tips?",
        )
        eigen = soort == "eigen"
        setattr(wereld, "eigen_focusvraag" if eigen else "vreemde_focusvraag", focusvraag)
        setattr(wereld, "eigen_collegavraag" if eigen else "vreemde_collegavraag", collegavraag)
        setattr(wereld, "focuscollega" if eigen else "vreemde_focuscollega", collega)
    # And a third LSC that asks to serve each of the two schools.

    derde = factories.LscFactory(naam="LSC Derde")
    for attribuut, school, lsc in (
        ("eigen_voorstel", wereld.eigen_school, derde),
        ("vreemd_voorstel", wereld.vreemde_school, derde),
    ):
        voorstel = Schoolvoorstel.objects.create(school=school, lsc=lsc, soort=Schoolvoorstel.Soort.BEDIENING)
        setattr(wereld, attribuut, voorstel)
    # And on each trajectory the school's own request, with a PDF attached (issue 19).
    for traject in (wereld.eigen_traject, wereld.vreemd_traject):
        aanvraag = Schoolaanvraag(
            traject=traject, verslag="gc", bevestigd=True, bijlage_grootte=len(KLEINE_PDF)
        )
        aanvraag.bijlage.save("aanvraag.pdf", ContentFile(KLEINE_PDF), save=True)
    _afstemming_en_bezorgdheid(wereld)
    return wereld


# ---------------------------------------------------- issue 19: afstemmingsgesprek and concerns (own block)


def _afstemming_en_bezorgdheid(wereld) -> None:
    """Each school's care staff asked an afstemmingsgesprek of its LSC, and sent a concern about the
    school's anchor to that anchor (the other school has a care staff member of its own for it)."""
    vreemde_zorg = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None, email="zorg@vreemd.example")
    factories.in_zorgteam(wereld.vreemde_school, vreemde_zorg)
    for soort, lsc, school, zorg, anker in (
        ("eigen", wereld.lsc, wereld.eigen_school, wereld.gebruikers[Rol.ZORG], wereld.anker),
        ("vreemd", wereld.vreemde_ondersteuner.lsc, wereld.vreemde_school, vreemde_zorg,
         wereld.vreemde_ondersteuner),
    ):  # fmt: skip
        gesprek = Afstemmingsgesprek.objects.create(
            lsc=lsc,
            school=school,
            schooljaar=huidig_schooljaar(),
            onderwerp="Samen afstemmen",
            gevraagd_door=zorg,
        )
        bezorgdheid = Bezorgdheid.objects.create(
            school=school,
            lsc=lsc,
            ondersteuner=anker,
            tekst="Een bezorgdheid over de opvolging.",
            al_besproken=True,
            naar=Bezorgdheidontvanger.ONDERSTEUNER,
            door=zorg,
        )
        bezorgdheid.ontvangers.set([anker.gebruiker])
        eigen = soort == "eigen"
        setattr(wereld, "eigen_afstemming" if eigen else "vreemde_afstemming", gesprek)
        setattr(wereld, "eigen_bezorgdheid" if eigen else "vreemde_bezorgdheid", bezorgdheid)


def rijk_traject(wereld):
    """A running trajectory of the anchor with goals, an evaluation, its network and a long logbook line."""
    anker = wereld.anker
    vandaag = timezone.localdate()
    traject = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        status=Status.LOPEND,
        antwoord="We starten met een observatie in de klas en een gesprek met de leerkracht.",
        beantwoord_op=vandaag,
        start=vandaag,
        intensiteit_minuten=90,
        frequentie="week",
        volgende_evaluatie=vandaag - dt.timedelta(days=3),
        aangemeld_op=vandaag - dt.timedelta(days=40),
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=anker)
    doelen = [
        factories.DoelFactory(traject=traject, omschrijving=tekst)
        for tekst in ("Rustig starten na de speeltijd", "Zelf hulp vragen aan de leerkracht")
    ]
    evaluatie = factories.EvaluatieFactory(traject=traject, door=anker.gebruiker)
    Doelevaluatie.objects.create(
        evaluatie=evaluatie, doel=doelen[0], status="bereikt", vooruitgang="Lukt na de voormiddagspeeltijd"
    )
    lang = "Observatie in de klas, daarna een gesprek met de zorgcoördinator"
    for minuten, notitie in ((135, lang), (45, "")):
        factories.LogboekregelFactory(traject=traject, ondersteuner=anker, minuten=minuten, notitie=notitie)
    Betrokkene.objects.create(traject=traject, rol="clb", organisatie="CLB Eigen")
    log_actie(
        door=anker.gebruiker,
        actie="trajecten.traject.gestart",
        obj=traject,
        traject_id=traject.pk,
        wijzigingen={"status": [None, "lopend"]},
    )
    return traject
