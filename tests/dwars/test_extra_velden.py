"""Extra POST fields are ignored on every form: what a user may change follows from who they are.

Every URL of the role table that takes a POST has a case below: a valid form (or an action button) in the
state it needs, posted by a user allowed to post it, together with extra fields that name the other LSC's
objects (`school`, `lsc`, `eigenaar`, `owner`, `gebruiker`, `ondersteuner`, `leerling`, `traject`, …) and a
higher role (`rol=admin`, `is_staff`, `is_superuser`). The whole database is compared before and after:
the post must have written what the form says, and no row it created, changed or removed may belong to,
or point at, the other LSC's side; no existing account may change role, LSC, CLB or staff rights.

Fields a form really has with such a name (the school of a request, the supporter to assign, the owner of
an agreement, …) are also posted with the other side's object alone: the form refuses it and nothing is
written. Which URLs take a POST is asked of the application itself (a POST that does not answer 405), so a
new form without a case fails `test_elke_postbare_url_heeft_een_geval`.
"""

import datetime as dt
import io
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from capaciteit.models import (
    Agendasleutel,
    Bezoekgedaan,
    Envelop,
    Herverdeling,
    Planregel,
    Planwijziging,
    Tijdskader,
    Verdeling,
    Weekplan,
)
from capaciteit.rekenen.weekplanning.kalender import dag_van_de_cyclus
from capaciteit.services import agendasleutel_maken, verdeling_publiceren, weekplan_publiceren
from capaciteit.services.jaarovergang import overgangsplan
from netwerk.kalender import is_schooldag
from netwerk.meldingen import SOORTEN_PER_ROL
from netwerk.models import (
    Coachingsmoment,
    Gebruiker,
    Inschrijving,
    Melding,
    Meldingsoort,
    Ondersteuner,
    Regioteam,
    Rol,
    Vorming,
    Vormingsessie,
)
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import (
    Afspraak,
    Afstemmingsgesprek,
    Bezorgdheid,
    Deelnemer,
    Document,
    Mailbatch,
    Mailsoort,
    Mailstatus,
    Schoolbeeldoverleg,
    Sjabloon,
    Uitgaandemail,
)
from overleg.services import afspraak_stand, onderdeel_stand
from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers, Verslagregister
from tests import factories
from tests.support.omgeving import ROOT
from tests.support.rollen import PUBLIEK, ROLTABEL, url_kwargs
from trajecten import focus, services, vertrek
from trajecten import models as t
from trajecten.models import Doel, Logboekregel, Traject, Wisverzoek
from trajecten.services import logboekregel_stand

GECONTROLEERDE_APPS = {
    "netwerk",
    "scholen",
    "trajecten",
    "capaciteit",
    "overleg",
    "honingraat",
    "account",
    "mfa",
    "auth",
}
# Request machinery, not data: the last POST per user and URL, kept against double submits (keyed hashes).
MACHINERIE = {"netwerk.verzending"}
# What an account may never gain through a form it posts.
ACCOUNTVELDEN = ("rol", "lsc_id", "clb_id", "is_staff", "is_superuser", "is_active", "email")
VANDAAG = timezone.localdate
TELLING_BESTAND = ROOT / "var" / "test" / "extra_velden.json"
TELLING = {"posts": 0, "extra_velden": 0, "vreemde_keuzes": 0, "rijen_vergeleken": 0, "urls": []}


# ------------------------------------------------------------------------------------ the whole database


def momentopname() -> dict[tuple[str, object], dict]:
    """Every row of the application's tables (the test world is small), by model and primary key."""
    rijen = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in GECONTROLEERDE_APPS or model._meta.label_lower in MACHINERIE:
            continue
        label, sleutel = model._meta.label_lower, model._meta.pk.attname
        for rij in model.objects.order_by().values():
            rijen[(label, rij[sleutel])] = rij
    return rijen


@dataclass
class Verschil:
    nieuw: dict = field(default_factory=dict)
    gewijzigd: dict = field(default_factory=dict)  # (label, pk) -> (before, after)
    weg: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.nieuw or self.gewijzigd or self.weg)

    def van(self, label: str) -> list[dict]:
        """The rows of one model that were created or changed (as they are now)."""
        return [rij for (soort, _pk), rij in self.nieuw.items() if soort == label] + [
            na for (soort, _pk), (_voor, na) in self.gewijzigd.items() if soort == label
        ]


def verschil(voor: dict, na: dict) -> Verschil:
    return Verschil(
        nieuw={k: v for k, v in na.items() if k not in voor},
        gewijzigd={k: (voor[k], na[k]) for k in na.keys() & voor.keys() if voor[k] != na[k]},
        weg={k: v for k, v in voor.items() if k not in na},
    )


def _pks(queryset) -> set:
    return set(queryset.values_list("pk", flat=True))


def vreemde_rijen(wereld) -> dict[str, set]:
    """Every row that belongs to the other LSC or to the school only it serves, by model label."""

    lsc = wereld.vreemde_ondersteuner.lsc
    scholen = School.objects.filter(bedieningen__lsc=lsc).exclude(bedieningen__lsc=wereld.lsc)
    gebruikers = (
        Gebruiker.objects.filter(lsc=lsc)
        | Gebruiker.objects.filter(zorgscholen__in=scholen)
        | Gebruiker.objects.filter(clb__in=scholen.values("clb"))
        | Gebruiker.objects.filter(rol=Rol.ADMIN)
    )
    return {
        "netwerk.leersteuncentrum": {lsc.pk},
        "netwerk.regioteam": _pks(Regioteam.objects.filter(lsc=lsc)),
        "netwerk.ondersteuner": _pks(Ondersteuner.objects.filter(lsc=lsc)),
        "netwerk.gebruiker": _pks(gebruikers),
        "netwerk.clb": set(scholen.values_list("clb", flat=True)) - {wereld.eigen_school.clb_id},
        "scholen.school": _pks(scholen),
        "scholen.bediening": _pks(Bediening.objects.filter(lsc=lsc)),
        "scholen.ankertoewijzing": _pks(Ankertoewijzing.objects.filter(lsc=lsc)),
        "scholen.schooljaarcijfers": _pks(Schooljaarcijfers.objects.filter(school__in=scholen)),
        "scholen.verslagregister": _pks(Verslagregister.objects.filter(school__in=scholen)),
        "trajecten.traject": _pks(t.Traject.objects.filter(lsc=lsc)),
        "trajecten.leerling": _pks(t.Leerling.objects.filter(school__in=scholen)),
        **{
            f"trajecten.{model.__name__.lower()}": _pks(model.objects.filter(traject__lsc=lsc))
            for model in (
                t.Doel,
                t.Evaluatie,
                t.Logboekregel,
                t.Betrokkene,
                t.Toewijzing,
                t.Afsluitvraag,
                t.Focusvraag,
                t.Collegavraag,
            )
        },
        "trajecten.intervisievraag": _pks(t.Intervisievraag.objects.filter(regioteam__lsc=lsc)),
        "trajecten.doelevaluatie": _pks(t.Doelevaluatie.objects.filter(evaluatie__traject__lsc=lsc)),
        "trajecten.wisverzoek": _pks(t.Wisverzoek.objects.filter(lsc=lsc)),
        "overleg.schoolbeeldoverleg": _pks(Schoolbeeldoverleg.objects.filter(lsc=lsc)),
        **{
            f"overleg.{model.__name__.lower()}": _pks(model.objects.filter(overleg__lsc=lsc))
            for model in (Afspraak, Document)
        },
        # A participant or mail of a consultation or of an afstemmingsgesprek (issue 19).
        **{
            f"overleg.{model.__name__.lower()}": _pks(
                model.objects.filter(Q(overleg__lsc=lsc) | Q(afstemming__lsc=lsc))
            )
            for model in (Deelnemer, Uitgaandemail)
        },
        "overleg.afstemmingsgesprek": _pks(Afstemmingsgesprek.objects.filter(lsc=lsc)),
        "overleg.bezorgdheid": _pks(Bezorgdheid.objects.filter(lsc=lsc)),
        "overleg.mailbatch": _pks(Mailbatch.objects.filter(lsc=lsc)),
        "overleg.sjabloon": _pks(Sjabloon.objects.filter(lsc=lsc)),
        "capaciteit.envelop": _pks(Envelop.objects.filter(lsc=lsc)),
        "capaciteit.verdeling": _pks(Verdeling.objects.filter(envelop__lsc=lsc)),
        "capaciteit.tijdskader": _pks(Tijdskader.objects.filter(verdeling__envelop__lsc=lsc)),
        "capaciteit.herverdeling": _pks(Herverdeling.objects.filter(verdeling__envelop__lsc=lsc)),
        "capaciteit.weekplan": _pks(Weekplan.objects.filter(lsc=lsc)),
        "capaciteit.planregel": _pks(Planregel.objects.filter(weekplan__lsc=lsc)),
        "capaciteit.agendasleutel": _pks(Agendasleutel.objects.filter(ondersteuner__lsc=lsc)),
        "capaciteit.planwijziging": _pks(Planwijziging.objects.filter(weekplan__lsc=lsc)),
        # issue 20 part 4: trainings and coaching moments of the other LSC
        "netwerk.vorming": _pks(Vorming.objects.filter(lsc=lsc)),
        "netwerk.vormingsessie": _pks(Vormingsessie.objects.filter(vorming__lsc=lsc)),
        "netwerk.inschrijving": _pks(Inschrijving.objects.filter(vorming__lsc=lsc)),
        "netwerk.coachingsmoment": _pks(Coachingsmoment.objects.filter(ondersteuner__lsc=lsc)),
    }


def _verwijzingen(label: str, rij: dict) -> list[tuple[str, str, object]]:
    """(field, target model, value) of every foreign key of a row, and the audit rows' loose references."""
    model = apps.get_model(label)
    verwijzingen = [
        (veld.name, veld.related_model._meta.label_lower, rij[veld.attname])
        for veld in model._meta.concrete_fields
        if veld.is_relation and rij.get(veld.attname) is not None
    ]
    if label in {"netwerk.wijziging", "netwerk.inzage"} and rij.get("traject_id") is not None:
        verwijzingen.append(("traject_id", "trajecten.traject", rij["traject_id"]))
    if label == "netwerk.wijziging":
        verwijzingen.append(("object", rij["object_soort"], rij["object_id"]))
    return verwijzingen


def buiten_eigen_kant(wereld, wijziging: Verschil, vreemd: dict[str, set]) -> list[str]:
    """What a post wrote that belongs to, or points at, the other side; and every account it raised."""
    fouten = []
    rijen = [
        *((k, rij, "nieuw") for k, rij in wijziging.nieuw.items()),
        *((k, rij, "gewijzigd") for k, (_voor, rij) in wijziging.gewijzigd.items()),
        *((k, voor, "gewijzigd (was)") for k, (voor, _na) in wijziging.gewijzigd.items()),
        *((k, rij, "verwijderd") for k, rij in wijziging.weg.items()),
    ]
    for (label, pk), rij, hoe in rijen:
        if pk in vreemd.get(label, ()):
            fouten.append(f"{hoe}: {label} {pk} is van de andere kant")
        for veld, doel, waarde in _verwijzingen(label, rij):
            if waarde in vreemd.get(doel, ()):
                fouten.append(f"{hoe}: {label} {pk}.{veld} wijst naar {doel} {waarde} van de andere kant")
    for (label, pk), (voor, na) in wijziging.gewijzigd.items():
        if label == "netwerk.gebruiker":
            veranderd = [veld for veld in ACCOUNTVELDEN if voor[veld] != na[veld]]
            if veranderd:
                fouten.append(f"account {pk} kreeg andere {veranderd}")
    for (label, pk), rij in wijziging.nieuw.items():
        if label == "netwerk.gebruiker" and (
            rij["is_staff"] or rij["is_superuser"] or rij["rol"] == Rol.ADMIN
        ):
            fouten.append(f"nieuw account {pk} is beheerder")
    return fouten


def extra_velden(wereld) -> dict:
    """Fields no form of an LSC's user has, naming the other side's objects and the highest role."""

    vreemde_gebruiker = wereld.vreemde_ondersteuner.gebruiker.pk
    traject, overleg = wereld.vreemd_traject, wereld.vreemd_overleg
    waarden = {
        "school": wereld.vreemde_school.pk,
        "lsc": wereld.vreemde_ondersteuner.lsc_id,
        "eigenaar": vreemde_gebruiker,
        "owner": vreemde_gebruiker,
        "gebruiker": vreemde_gebruiker,
        "door": vreemde_gebruiker,
        "ontvanger": vreemde_gebruiker,
        "coach": vreemde_gebruiker,
        "ondersteuner": wereld.vreemde_ondersteuner.pk,
        "leerling": traject.leerling_id,
        "traject": traject.pk,
        "doel": Doel.objects.filter(traject=traject).values_list("pk", flat=True).first() or "",
        "regioteam": wereld.vreemd_regioteam.pk,
        "clb": wereld.vreemde_school.clb_id,
        "overleg": overleg.pk,
        "afspraak": overleg.afspraken.values_list("pk", flat=True).first(),
        "batch": overleg.batch.pk,
        "weekplan": wereld.vreemd_weekplan.pk,
        "wisverzoek": wereld.vreemd_wisverzoek.pk,
        "verdeling": wereld.vreemde_verdeling.pk,
        "envelop": wereld.vreemde_verdeling.envelop_id,
    }
    return {
        **waarden,
        **{f"{naam}_id": waarde for naam, waarde in waarden.items()},
        "id": traject.pk,
        "pk": traject.pk,
        "rol": Rol.ADMIN,
        "is_staff": "on",
        "is_superuser": "on",
        "is_active": "on",
        "email": "indringer@proef.example",
    }


# ------------------------------------------------------------------------------------------------ states


def _traject(wereld):

    return Traject.objects.get(pk=wereld.eigen_traject.pk)


def _in_behandeling(wereld, _client=None) -> None:

    services.antwoord_geven(door=wereld.gebruikers[Rol.COORDINATOR], traject=_traject(wereld), antwoord="Ja")


def _lopend(wereld, _client=None) -> None:

    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    _in_behandeling(wereld)
    services.ondersteuner_toewijzen(
        door=coordinator, traject=_traject(wereld), ondersteuner=wereld.anker, rol="anker"
    )
    services.traject_starten(
        door=coordinator, traject=_traject(wereld), start=VANDAAG(), geplande_einde=None, doelen=["Rust"]
    )


def _afronden(wereld) -> str:
    """Closes the own trajectory; returns the key of the school's closing questions."""

    _lopend(wereld)
    _afgerond_traject, sleutel = services.traject_afronden(
        door=wereld.gebruikers[Rol.COORDINATOR], traject=_traject(wereld)
    )
    return sleutel


def _afgerond(wereld, _client=None) -> None:
    _afronden(wereld)


def _regelstand(wereld) -> str:

    return logboekregel_stand(Logboekregel.objects.get(pk=wereld.eigen_logboekregel.pk))


def _regel_verwijderd(wereld, _client=None) -> None:
    """The own line deleted by its supporter: the key to put it back comes with the message."""

    wereld.herstelsleutel = services.logboekregel_verwijderen(
        door=wereld.anker.gebruiker,
        traject=_traject(wereld),
        regel=wereld.eigen_logboekregel,
        stand=_regelstand(wereld),
    )


def _dag_bewaard(wereld, _client=None) -> dict:
    """The own trajectory running, and a day sheet with one line on it saved by its supporter."""

    _lopend(wereld)
    verzending, _nieuw = services.dag_loggen(
        door=wereld.anker.gebruiker,
        ondersteuner=wereld.anker,
        school=wereld.eigen_school,
        datum=VANDAAG(),
        regels=[services.Dagregel(wereld.eigen_traject.pk, 60, "observatie")],
        sleutel="dag-extra-velden",
    )
    return {"sleutel": verzending.sleutel}


def _zonder_open_wisverzoek(wereld, _client=None) -> None:

    Wisverzoek.objects.filter(pk=wereld.eigen_wisverzoek.pk).update(status=Wisverzoek.Status.GEWEIGERD)


def _dubbel_clb(wereld, _client=None) -> dict:

    wereld.dubbel_clb = factories.ClbFactory(naam="CLB Eigen (dubbel)")
    school = factories.SchoolFactory(clb=wereld.dubbel_clb)
    Bediening.objects.create(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
    return {"pk": wereld.dubbel_clb.pk}


def _nieuwe_zorgcollega(wereld, _client=None) -> None:
    wereld.collega = factories.GebruikerFactory(email="collega@proef.example", rol=Rol.ZORG, lsc=None)
    wereld.eigen_school.zorgmedewerkers.add(wereld.collega)


def _tweede_ondersteuner(wereld, _client=None) -> None:
    wereld.tweede = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)


def _tweede_school(wereld, _client=None) -> None:

    wereld.tweede_school = factories.SchoolFactory(naam="Tweede Eigen", clb=wereld.clb)
    Bediening.objects.create(lsc=wereld.lsc, school=wereld.tweede_school, regioteam=wereld.regioteam)
    factories.CijfersFactory(school=wereld.tweede_school)


def _laatste_verdeling(wereld):
    return wereld.eigen_verdeling.envelop.verdelingen.order_by("-versie").first()


def _twee_kaders(wereld, _client=None) -> None:

    _tweede_school(wereld)
    verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=wereld.eigen_verdeling.envelop)


def _overleg_status(status: str, *, later: bool):
    def zetten(wereld, _client=None) -> None:

        datum = timezone.now() + dt.timedelta(days=10 if later else -10)
        Schoolbeeldoverleg.objects.filter(pk=wereld.eigen_overleg.pk).update(
            status=status, datum=datum.replace(microsecond=0), plaats="Refter"
        )

    return zetten


def _mislukte_mail(wereld, _client=None) -> None:

    for overleg in (wereld.eigen_overleg, wereld.vreemd_overleg):
        zorg = overleg.school.zorgmedewerkers.first() or overleg.deelnemers.first().gebruiker
        Uitgaandemail.objects.create(
            batch=overleg.batch,
            overleg=overleg,
            soort=Mailsoort.UITNODIGING,
            ontvanger=zorg,
            adres=zorg.email,
            status=Mailstatus.MISLUKT,
        )


def _agendasleutels(wereld, _client=None) -> None:

    agendasleutel_maken(door=None, ondersteuner=wereld.anker)
    agendasleutel_maken(door=None, ondersteuner=wereld.vreemde_ondersteuner)


def _gepubliceerd_met_tweede_school(wereld, _client=None) -> None:
    """The own proposal published (a date's change needs the plan in force), and a second school of the LSC
    to send its Monday visit to."""
    weekplan_publiceren(door=None, weekplan=wereld.eigen_weekplan)
    wereld.tweede_school = factories.SchoolFactory(naam="School Twee")
    factories.BedieningFactory(lsc=wereld.lsc, school=wereld.tweede_school, regioteam=wereld.regioteam)


def _bezoek_gepland(wereld, _client=None) -> None:
    """The own plan published with the anchor's visit to their school on the last school day (issue 21),
    marked done by the anchor and, at the other side, the other LSC's supporter's visit marked done too."""
    weekplan_publiceren(door=None, weekplan=wereld.eigen_weekplan)
    dag = timezone.localdate()
    while not is_schooldag(dag):
        dag -= dt.timedelta(days=1)
    wereld.bezoekdag = dag
    plan = wereld.eigen_weekplan
    Planregel.objects.get_or_create(
        weekplan=plan,
        ondersteuner=wereld.anker,
        school=wereld.eigen_school,
        dag=dag_van_de_cyclus(dag, cyclus_weken=plan.cyclus_weken),
        defaults={"blokken": 4},
    )
    Bezoekgedaan.objects.create(
        ondersteuner=wereld.vreemde_ondersteuner, school=wereld.vreemde_school, datum=dag
    )


def _bezoek_gedaan(wereld, client=None) -> None:
    _bezoek_gepland(wereld, client)
    Bezoekgedaan.objects.create(ondersteuner=wereld.anker, school=wereld.eigen_school, datum=wereld.bezoekdag)


def _eerste_schoolmaandag() -> dt.date:
    dag = dt.date(huidig_schooljaar(), 10, 5)
    return dag + dt.timedelta(days=-dag.weekday() % 7)


def _schoolbestand(nummer: str = "654321") -> io.BytesIO:
    bestand = io.BytesIO(
        f"instellingsnummer;naam;gemeente;niveau;net\n{nummer};Nieuwe School;Gent;basis;vrij\n".encode()
    )
    bestand.name = "scholen.csv"
    return bestand


def _upload(wereld, client) -> dict:
    """An uploaded school file waiting in its preview; the upload itself carried the extra fields too."""
    antwoord = client.post(
        reverse("import_start"),
        {**extra_velden(wereld), "soort": "scholen", "scholen-bestand": _schoolbestand()},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:400]
    return {"sleutel": uuid.UUID(antwoord["Location"].rstrip("/").rsplit("/", 1)[1])}


def _png() -> io.BytesIO:

    bestand = io.BytesIO()
    Image.new("RGB", (60, 30), "navy").save(bestand, "PNG")
    bestand.name = "logo.png"
    bestand.seek(0)
    return bestand


# ---------------------------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Geval:
    """One POST URL: who posts what, in which state, and what must have been written."""

    naam: str
    rol: Rol | None  # None: without login (the school's link)
    data: Callable = lambda w: {}
    voorbereiden: Callable | None = None  # (world, client) -> URL kwargs or None
    kwargs: Callable | None = None  # world -> URL kwargs, default the role table's own object
    controle: Callable | None = None  # (world, Verschil) -> None: what was written, and to whom
    vreemde_keuzes: Callable = lambda w: {}  # the form's own fields, set to the other side's objects
    schrijft: bool = True
    id: str = ""

    def __str__(self) -> str:
        return self.id or self.naam


def _rijen(wijziging: Verschil, label: str) -> list[dict]:
    rijen = wijziging.van(label)
    assert rijen, f"niets geschreven in {label}"
    return rijen


def _tweede_bezoek(wereld, _client) -> None:
    """A second visit in the own proposal, on another day, for a swap to have a partner: the anchor's own
    school on Thursday."""
    regel = wereld.eigen_weekplan.regels.first()
    wereld.eigen_weekplan.regels.create(
        ondersteuner=regel.ondersteuner, school=regel.school, dag=3, blokken=2
    )


def _traject_controle(wereld, wijziging: Verschil) -> None:
    (rij,) = [r for r in _rijen(wijziging, "trajecten.traject") if r["id"] == wereld.eigen_traject.pk]
    assert rij["lsc_id"] == wereld.lsc.pk and rij["school_id"] == wereld.eigen_school.pk


def _nieuw_traject(wereld, wijziging: Verschil) -> None:
    (traject,) = [r for k, r in wijziging.nieuw.items() if k[0] == "trajecten.traject"]
    assert (traject["lsc_id"], traject["school_id"]) == (wereld.lsc.pk, wereld.eigen_school.pk)
    (leerling,) = [r for k, r in wijziging.nieuw.items() if k[0] == "trajecten.leerling"]
    assert leerling["school_id"] == wereld.eigen_school.pk and traject["leerling_id"] == leerling["id"]


def _aanmelding(wereld) -> dict:
    return {
        "school": wereld.eigen_school.pk,
        "gebondenheid": "leerling",
        "voornaam": "Mila",
        "initiaal": "D",
        "geboortejaar": 2016,
        "klas": "3A",
        "verslag": "gc",
        "type": "9",
        "fase": 2,
        "vraag_leerkracht": "Hoe helpen we bij overgangen?",
    }


def _school_formulier(wereld) -> dict:
    return {
        "naam": "School Eigen (nieuw)",
        "straat": "Kerkstraat 1",
        "postcode": "9000",
        "gemeente": "Gent",
        "niveau": "basis",
        "net": "vrij",
        "scholengemeenschap": "",
        "clb": wereld.clb.pk,
        "telefoon": "",
        "email": "",
    }


def _evaluatie(wereld) -> dict:
    doel = _traject(wereld).doelen.get()
    morgen = VANDAAG() + dt.timedelta(days=14)
    return {
        "datum": VANDAAG().isoformat(),
        "beslissing": "verderzetten",
        "samenvatting": "Goed bezig",
        "volgende_evaluatie": morgen.isoformat(),
        f"doel_{doel.pk}_status": "bezig",
        f"doel_{doel.pk}_vooruitgang": "Stappen gezet",
    }


def _vreemd_doel(wereld) -> dict:
    """A goal of the other LSC's trajectory, named as if the form had a field for it."""

    doel = Doel.objects.filter(traject=wereld.vreemd_traject).first()
    return {f"doel_{doel.pk}_status": "bereikt", f"doel_{doel.pk}_vooruitgang": "Vreemd"}


def _onderdeel(wereld) -> dict:

    overleg = Schoolbeeldoverleg.objects.get(pk=wereld.eigen_overleg.pk)
    return {
        "versie": overleg.versie,
        "stand": onderdeel_stand(overleg, ("prioriteiten",)),
        "prioriteiten": "Lezen en rust",
    }


def _versie(wereld) -> dict:

    return {"versie": Schoolbeeldoverleg.objects.get(pk=wereld.eigen_overleg.pk).versie}


def _afspraak(wereld):
    return wereld.eigen_overleg.afspraken.get()


def _afspraak_formulier(wereld) -> dict:

    afspraak = _afspraak(wereld)
    return {
        "omschrijving": "Observatie in de klas, herzien",
        "eigenaar": wereld.anker.gebruiker.pk,
        "tegen": afspraak.tegen.isoformat(),
        "stand": afspraak_stand(afspraak),
    }


def _eigen_deelnemers(wereld) -> list[int]:
    return list(wereld.eigen_overleg.deelnemers.values_list("pk", flat=True))


def _weekplaninstellingen(wereld) -> dict:
    return {
        "cyclus_weken": 1,
        "collegiale_dag": -1,
        "collegiale_dag_blokken": 0,
        "tolerantie_procent": 10,
        "gewicht_kader": 10,
        "gewicht_ondersteuners": 10,
        "gewicht_reistijd": 1,
        "gewicht_continuiteit": 5,
        "tijdslimiet_s": 10,
    }


def _envelop(wereld) -> dict:
    return {
        "schooljaar": huidig_schooljaar(),
        "uren": 120,
        "uren_per_voltijdse": "",
        "gewicht_leerlingen": 60,
        "venster_jaren": 6,
        "verslagsoorten": ["gc"],
        "referentiejaar": "",
        "eenheid": 1,
        "schoolweken": 36,
    }


def _envelop_groter(wereld, _client=None) -> None:
    """A version equal to the published one is not published: more hours make a new one."""

    Envelop.objects.filter(pk=wereld.eigen_verdeling.envelop_id).update(uren=F("uren") + 50)


def _eigen(label: str, veld: str, waarde: Callable):
    """A check: every written row of `label` has `veld` equal to the world's own `waarde`."""

    def controle(wereld, wijziging: Verschil) -> None:
        for rij in _rijen(wijziging, label):
            assert rij[veld] == waarde(wereld), (label, veld, rij)

    return controle


def _eigen_lsc(label: str, veld: str = "lsc_id"):
    return _eigen(label, veld, lambda w: w.lsc.pk)


def _eigen_weg(label: str, veld: str, waarde: Callable):
    """A check for a removal: the removed rows of `label` were the world's own."""

    def controle(wereld, wijziging: Verschil) -> None:
        weg = [rij for (soort, _pk), rij in wijziging.weg.items() if soort == label]
        assert weg and all(rij[veld] == waarde(wereld) for rij in weg), (label, weg)

    return controle


def _alle(*controles: Callable) -> Callable:
    def controle(wereld, wijziging: Verschil) -> None:
        for een in controles:
            een(wereld, wijziging)

    return controle


def _nieuwe_gebruiker(wereld, wijziging: Verschil) -> None:
    (gebruiker,) = [r for k, r in wijziging.nieuw.items() if k[0] == "netwerk.gebruiker"]
    assert (gebruiker["rol"], gebruiker["lsc_id"]) == (Rol.ONDERSTEUNER, wereld.lsc.pk)
    assert not gebruiker["is_staff"] and not gebruiker["is_superuser"]
    assert gebruiker["email"] == "nieuwe.collega@proef.example"
    (ondersteuner,) = _rijen(wijziging, "netwerk.ondersteuner")
    assert (ondersteuner["lsc_id"], ondersteuner["regioteam_id"]) == (wereld.lsc.pk, wereld.regioteam.pk)


def _import_controle(wereld, wijziging: Verschil) -> None:
    (school,) = [r for k, r in wijziging.nieuw.items() if k[0] == "scholen.school"]
    assert school["instellingsnummer"] == "654321"
    assert [r["lsc_id"] for r in _rijen(wijziging, "scholen.bediening")] == [wereld.lsc.pk]


def _afsluitvraag(wereld, wijziging: Verschil) -> None:
    (vraag,) = _rijen(wijziging, "trajecten.afsluitvraag")
    assert vraag["traject_id"] == wereld.eigen_traject.pk and vraag["wat_neem_je_mee"] == "Rustmomenten"


def _afsluitvragen_klaar(wereld, _client) -> dict:

    sleutel = _afronden(wereld)
    vreemd_door = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=wereld.vreemde_ondersteuner.lsc)
    vreemd = wereld.vreemd_traject
    services.antwoord_geven(door=vreemd_door, traject=vreemd, antwoord="Ja")
    services.traject_starten(
        door=vreemd_door, traject=vreemd, start=VANDAAG(), geplande_einde=None, doelen=["X"]
    )
    services.traject_afronden(door=vreemd_door, traject=vreemd)
    return {"sleutel": sleutel}


def _ongelezen_meldingen(wereld, _client) -> None:
    """An unread notification for the anchor and one for the other LSC's supporter."""
    for gebruiker in (wereld.anker.gebruiker, wereld.vreemde_ondersteuner.gebruiker):
        Melding.objects.create(ontvanger=gebruiker, soort=Meldingsoort.AFSPRAAK_VERVALT, titel="T", url="/")


BELEID = Rol.COORDINATOR
GEVALLEN = [
    # Pages that answer a POST as they answer a GET: nothing is written, whatever is posted.
    *(
        Geval(naam, rol, schrijft=False)
        for naam, rol in (
            ("home", BELEID),
            ("school_lijst", BELEID),
            ("school_detail", BELEID),
            ("capaciteit_publiceren_voorbeeld", BELEID),
            ("capaciteit_opvolging", BELEID),
            ("capaciteit_export", BELEID),
            ("tijdskader_school", BELEID),
            ("overleg_overzicht", BELEID),
            ("overleg_batch", BELEID),
            ("weekplan_overzicht", BELEID),
            ("weekplan_detail", BELEID),
            ("mijn_week", Rol.ONDERSTEUNER),
        )
    ),
    Geval("traject_lijst", BELEID, data=lambda w: {"q": "Leerling"}, schrijft=False),
    # A search's export is a POST too (the term stays out of URLs); it writes only the read log.
    Geval("traject_export", BELEID, data=lambda w: {"q": "Leerling"}, schrijft=False),
    Geval("sjabloon_voorbeeld", BELEID, data=lambda w: {"tekst": "# Kop", "titel": "T"}, schrijft=False),
    # The header's search (issue 20.6): a POST that writes only the read log of the pupils it shows.
    Geval("zoeken", BELEID, data=lambda w: {"q": "Leerling"}, schrijft=False),
    # Schools.
    Geval(
        "school_bewerken",
        BELEID,
        data=_school_formulier,
        controle=_eigen("scholen.school", "id", lambda w: w.eigen_school.pk),
    ),
    Geval(
        "register_bijwerken",
        Rol.ONDERSTEUNER,
        data=lambda w: {"soort": "gc", "aantal": 3, "bewaarplaats": "Zorgkast"},
        controle=_eigen("scholen.verslagregister", "school_id", lambda w: w.eigen_school.pk),
    ),
    Geval(
        "anker_toewijzen",
        Rol.TEAMCOACH,
        voorbereiden=_tweede_ondersteuner,
        data=lambda w: {"ondersteuner": w.tweede.pk},
        vreemde_keuzes=lambda w: {"ondersteuner": w.vreemde_ondersteuner.pk},
        controle=_eigen_lsc("scholen.ankertoewijzing"),
    ),
    Geval(
        "anker_verwijderen",
        BELEID,
        controle=_eigen_weg("scholen.ankertoewijzing", "lsc_id", lambda w: w.lsc.pk),
    ),
    # The upload only keeps what the file holds for its preview, as its uploader's own Importbestand; the
    # confirmation writes (the case after it).
    Geval(
        "import_start",
        BELEID,
        data=lambda w: {"soort": "scholen", "scholen-bestand": _schoolbestand()},
        schrijft=False,
    ),
    Geval("import_bevestig", BELEID, voorbereiden=_upload, controle=_import_controle),
    Geval("import_annuleer", BELEID, voorbereiden=_upload, schrijft=False),
    # The organisation.
    Geval(
        "gebruiker_uitnodigen",
        BELEID,
        data=lambda w: {
            "naam": "Nieuwe Collega",
            "email": "nieuwe.collega@proef.example",
            "rol": Rol.ONDERSTEUNER,
            "regioteam": w.regioteam.pk,
            "school": "",
            "clb": "",
        },
        vreemde_keuzes=lambda w: {"regioteam": w.vreemd_regioteam.pk, "school": w.vreemde_school.pk},
        controle=_nieuwe_gebruiker,
    ),
    Geval(
        "regioteam_detail",
        BELEID,
        data=lambda w: {"coach": ""},
        vreemde_keuzes=lambda w: {
            "coach": factories.GebruikerFactory(rol=Rol.TEAMCOACH, lsc=w.vreemde_ondersteuner.lsc).pk
        },
        controle=_eigen("netwerk.regioteam", "id", lambda w: w.regioteam.pk),
    ),
    Geval(
        "ondersteuner_detail",
        BELEID,
        data=lambda w: {
            "regioteam": w.regioteam.pk,
            "opdracht_procent": 80,
            "focusteams": ["ass"],
            "woonplaats": "Gent",
            "werkdagen": [0, 1, 3],
            "onbeschikbaar": [4],
        },
        vreemde_keuzes=lambda w: {"regioteam": w.vreemd_regioteam.pk},
        controle=_eigen("netwerk.ondersteuner", "id", lambda w: w.anker.pk),
    ),
    # Trajectories.
    Geval(
        "traject_nieuw",
        BELEID,
        data=_aanmelding,
        vreemde_keuzes=lambda w: {"school": w.vreemde_school.pk},
        controle=_nieuw_traject,
        id="traject_nieuw-coordinator",
    ),
    Geval(
        "traject_nieuw",
        Rol.ONDERSTEUNER,
        data=_aanmelding,
        vreemde_keuzes=lambda w: {"school": w.vreemde_school.pk},
        controle=_nieuw_traject,
        id="traject_nieuw-ondersteuner",
    ),
    Geval(
        "traject_antwoord", BELEID, data=lambda w: {"antwoord": "We komen langs."}, controle=_traject_controle
    ),
    Geval(
        "traject_starten",
        Rol.ONDERSTEUNER,
        voorbereiden=_in_behandeling,
        data=lambda w: {
            "start": VANDAAG().isoformat(),
            "doel_1": "Rust bij overgangen",
            "frequentie": "week",
        },
        controle=_alle(
            _traject_controle, _eigen("trajecten.doel", "traject_id", lambda w: w.eigen_traject.pk)
        ),
    ),
    Geval(
        "traject_doel",
        BELEID,
        voorbereiden=_lopend,
        data=lambda w: {"omschrijving": "Samen spelen"},
        controle=_eigen("trajecten.doel", "traject_id", lambda w: w.eigen_traject.pk),
    ),
    Geval(
        "traject_evaluatie",
        Rol.ONDERSTEUNER,
        voorbereiden=_lopend,
        data=lambda w: {**_vreemd_doel(w), **_evaluatie(w)},
        controle=_alle(
            _eigen("trajecten.evaluatie", "traject_id", lambda w: w.eigen_traject.pk),
            _eigen("trajecten.doelevaluatie", "doel_id", lambda w: _traject(w).doelen.get().pk),
        ),
    ),
    Geval(
        "traject_afronden",
        BELEID,
        voorbereiden=_lopend,
        controle=_eigen("trajecten.afsluitvraag", "traject_id", lambda w: w.eigen_traject.pk),
    ),
    Geval(
        "traject_stopzetten",
        BELEID,
        data=lambda w: {"reden": "De school ziet af."},
        controle=_traject_controle,
    ),
    Geval(
        "traject_heropenen",
        BELEID,
        voorbereiden=_afgerond,
        data=lambda w: {"reden": "Nieuwe vraag."},
        controle=_traject_controle,
    ),
    Geval(
        "traject_toewijzen",
        BELEID,
        voorbereiden=_tweede_ondersteuner,
        data=lambda w: {"ondersteuner": w.tweede.pk, "rol": "focus"},
        vreemde_keuzes=lambda w: {"ondersteuner": w.vreemde_ondersteuner.pk},
        controle=_eigen("trajecten.toewijzing", "traject_id", lambda w: w.eigen_traject.pk),
    ),
    Geval(
        "traject_tijd",
        Rol.ONDERSTEUNER,
        voorbereiden=_lopend,
        data=lambda w: {
            "datum": VANDAAG().isoformat(),
            "snel": 60,
            "activiteit": "observatie",
            "notitie": "Klas",
        },
        controle=_alle(
            _eigen("trajecten.logboekregel", "traject_id", lambda w: w.eigen_traject.pk),
            _eigen("trajecten.logboekregel", "ondersteuner_id", lambda w: w.anker.pk),
        ),
    ),
    Geval(
        "dagblad_school",
        Rol.ONDERSTEUNER,
        voorbereiden=_lopend,
        data=lambda w: {
            "datum": VANDAAG().isoformat(),
            "sleutel": "dag-extra-velden",
            f"t{w.eigen_traject.pk}-snel": 60,
            f"t{w.eigen_traject.pk}-activiteit": "observatie",
        },
        controle=_alle(
            _eigen("trajecten.logboekregel", "traject_id", lambda w: w.eigen_traject.pk),
            _eigen("trajecten.logboekregel", "ondersteuner_id", lambda w: w.anker.pk),
            _eigen("trajecten.dagverzending", "ondersteuner_id", lambda w: w.anker.pk),
            _eigen("trajecten.dagverzending", "school_id", lambda w: w.eigen_school.pk),
        ),
    ),
    Geval(
        "dagblad_ongedaan",
        Rol.ONDERSTEUNER,
        voorbereiden=_dag_bewaard,
        controle=_eigen_weg("trajecten.logboekregel", "ondersteuner_id", lambda w: w.anker.pk),
    ),
    Geval(
        "traject_logboek_wijzigen",
        Rol.ONDERSTEUNER,
        data=lambda w: {
            "stand": _regelstand(w),
            "datum": VANDAAG().isoformat(),
            "minuten": "1u30",
            "activiteit": "leerkracht",
            "notitie": "Klas",
        },
        controle=_alle(
            _eigen("trajecten.logboekregel", "id", lambda w: w.eigen_logboekregel.pk),
            _eigen("trajecten.logboekregel", "ondersteuner_id", lambda w: w.anker.pk),
        ),
    ),
    Geval(
        "traject_logboek_verwijderen",
        BELEID,
        data=lambda w: {"stand": _regelstand(w), "reden": "Dubbel ingegeven."},
        controle=_eigen_weg("trajecten.logboekregel", "traject_id", lambda w: w.eigen_traject.pk),
    ),
    Geval(
        "traject_logboek_herstellen",
        Rol.ONDERSTEUNER,
        voorbereiden=_regel_verwijderd,
        kwargs=lambda w: {"pk": w.eigen_traject.pk},
        data=lambda w: {"sleutel": w.herstelsleutel},
        controle=_alle(
            _eigen("trajecten.logboekregel", "traject_id", lambda w: w.eigen_traject.pk),
            _eigen("trajecten.logboekregel", "ondersteuner_id", lambda w: w.anker.pk),
        ),
    ),
    Geval(
        "traject_betrokkene",
        BELEID,
        data=lambda w: {"rol": "leerkracht", "organisatie": "School Eigen", "naam": ""},
        controle=_eigen("trajecten.betrokkene", "traject_id", lambda w: w.eigen_traject.pk),
    ),
    Geval(
        "traject_afspraken",
        BELEID,
        voorbereiden=_lopend,
        data=lambda w: {
            "versie": _traject(w).versie,
            "intensiteit_minuten": "1u30",
            "frequentie": "week",
            "vormen": ["klas"],
        },
        controle=_traject_controle,
    ),
    Geval(
        "afsluitvragen",
        None,
        voorbereiden=_afsluitvragen_klaar,
        data=lambda w: {"wat_neem_je_mee": "Rustmomenten", "waar_liggen_kansen": "Samen lezen"},
        controle=_afsluitvraag,
    ),
    # A pupil's erasure: asked by someone on the case, decided by a coordinator who did not ask.
    Geval(
        "leerling_wissen",
        Rol.ONDERSTEUNER,
        voorbereiden=_zonder_open_wisverzoek,
        data=lambda w: {"reden": "De ouders vragen het."},
        controle=_alle(
            _eigen_lsc("trajecten.wisverzoek"),
            _eigen("trajecten.wisverzoek", "leerling_id", lambda w: w.eigen_traject.leerling_id),
        ),
    ),
    Geval(
        "wisverzoek_beslissen",
        BELEID,
        data=lambda w: {"beslissing": "goedkeuren", "toelichting": ""},
        controle=_alle(
            _eigen("trajecten.wisverzoek", "id", lambda w: w.eigen_wisverzoek.pk),
            _eigen("trajecten.leerling", "id", lambda w: w.eigen_traject.leerling_id),
        ),
    ),
    # Accounts from outside the LSC and other LSCs' requests: the own LSC decides for itself only.
    Geval(
        "account_beslissen",
        BELEID,
        voorbereiden=_nieuwe_zorgcollega,
        data=lambda w: {"gebruiker": w.collega.pk, "school": w.eigen_school.pk, "actie": "bevestigen"},
        vreemde_keuzes=lambda w: {"school": w.vreemde_school.pk},
        controle=_alle(
            _eigen_lsc("scholen.bevestiging"),
            _eigen("scholen.bevestiging", "school_id", lambda w: w.eigen_school.pk),
        ),
    ),
    Geval(
        "clb_lijst",
        BELEID,
        data=lambda w: {"naam": "CLB Nieuw Proef", "gemeente": "Gent"},
        controle=_eigen("netwerk.clb", "naam", lambda w: "CLB Nieuw Proef"),
    ),
    Geval(
        "clb_bewerken",
        BELEID,
        data=lambda w: {"naam": "CLB Eigen Hernoemd", "gemeente": "Gent"},
        controle=_eigen("netwerk.clb", "id", lambda w: w.clb.pk),
    ),
    Geval(
        "clb_samenvoegen",
        BELEID,
        voorbereiden=_dubbel_clb,
        data=lambda w: {"naar": w.clb.pk, "bevestigd": "1"},
        vreemde_keuzes=lambda w: {"naar": w.vreemde_school.clb_id},
        controle=_eigen("scholen.school", "clb_id", lambda w: w.clb.pk),
    ),
    Geval(
        "voorstel_beslissen",
        BELEID,
        data=lambda w: {"actie": "aanvaarden"},
        controle=_eigen("scholen.bediening", "school_id", lambda w: w.eigen_school.pk),
    ),
    # Capacity and the week planning.
    Geval("capaciteit_planning", BELEID, data=_envelop, controle=_eigen_lsc("capaciteit.envelop")),
    Geval(
        "capaciteit_publiceren",
        BELEID,
        voorbereiden=_envelop_groter,
        data=lambda w: {"schooljaar": huidig_schooljaar()},
        controle=_eigen("capaciteit.verdeling", "envelop_id", lambda w: w.eigen_verdeling.envelop_id),
    ),
    Geval(
        "capaciteit_herverdelen",
        BELEID,
        voorbereiden=_twee_kaders,
        data=lambda w: {
            "schooljaar": huidig_schooljaar(),
            "herverdeling-van": w.eigen_school.pk,
            "herverdeling-naar": w.tweede_school.pk,
            "herverdeling-uren": 1,
            "herverdeling-reden": "Solidariteit",
        },
        vreemde_keuzes=lambda w: {"herverdeling-van": w.vreemde_school.pk},
        controle=_eigen("capaciteit.herverdeling", "verdeling_id", lambda w: _laatste_verdeling(w).pk),
    ),
    Geval(
        "capaciteit_jaarovergang",
        BELEID,
        data=lambda w: {
            "stand": overgangsplan(lsc_id=w.lsc.pk, van=huidig_schooljaar()).stand,
            "envelop_uren": 500,
        },
        controle=_eigen_lsc("scholen.ankertoewijzing"),
    ),
    Geval(
        "weekplan_voorstellen", BELEID, data=_weekplaninstellingen, controle=_eigen_lsc("capaciteit.weekplan")
    ),
    Geval(
        "weekplan_regel_vastzetten",
        BELEID,
        data=lambda w: {"vast": "1"},
        controle=_eigen("capaciteit.planregel", "weekplan_id", lambda w: w.eigen_weekplan.pk),
    ),
    Geval(
        "weekplan_regel_verplaatsen",
        BELEID,
        data=lambda w: {"dag": "3", "ondersteuner": str(w.anker.pk)},
        controle=_eigen("capaciteit.planregel", "ondersteuner_id", lambda w: w.anker.pk),
        vreemde_keuzes=lambda w: {"ondersteuner": str(w.vreemde_ondersteuner.pk)},
    ),
    Geval(
        "weekplan_regel_ruilen",
        BELEID,
        voorbereiden=_tweede_bezoek,
        data=lambda w: {"met": str(w.eigen_weekplan.regels.order_by("pk").last().pk)},
        controle=_eigen("capaciteit.planregel", "weekplan_id", lambda w: w.eigen_weekplan.pk),
        vreemde_keuzes=lambda w: {"met": str(w.vreemd_weekplan.regels.first().pk)},
    ),
    Geval(
        "weekplan_week_vastzetten",
        BELEID,
        data=lambda w: {"ondersteuner": str(w.anker.pk), "vast": "1"},
        controle=_eigen("capaciteit.planregel", "weekplan_id", lambda w: w.eigen_weekplan.pk),
    ),
    Geval("weekplan_opnieuw", BELEID, controle=_eigen_lsc("capaciteit.weekplan")),
    Geval("weekplan_publiceren", BELEID, controle=_eigen_lsc("capaciteit.weekplan")),
    Geval(
        "weekplan_afwezigheid",
        BELEID,
        voorbereiden=_gepubliceerd_met_tweede_school,
        data=lambda w: {
            "ondersteuner": str(w.anker.pk),
            "van": _eerste_schoolmaandag().isoformat(),
            "tot": _eerste_schoolmaandag().isoformat(),
            "soort": "verlof",
        },
        controle=_eigen("netwerk.afwezigheid", "ondersteuner_id", lambda w: w.anker.pk),
        vreemde_keuzes=lambda w: {"ondersteuner": str(w.vreemde_ondersteuner.pk)},
    ),
    Geval(
        "weekplan_afwezigheid_verwijderen",
        BELEID,
        controle=_eigen_weg("netwerk.afwezigheid", "ondersteuner_id", lambda w: w.anker.pk),
    ),
    Geval(
        "weekplan_regel_wijzigen",
        BELEID,
        voorbereiden=_gepubliceerd_met_tweede_school,
        data=lambda w: {
            "datum": _eerste_schoolmaandag().isoformat(),
            "soort": "andere_school",
            "school": w.tweede_school.pk,
            # The page sends its other fields along, empty.
            "nieuwe_datum": "",
            "ondersteuner": "",
            "reden": "",
        },
        controle=_eigen("capaciteit.planwijziging", "weekplan_id", lambda w: w.eigen_weekplan.pk),
        vreemde_keuzes=lambda w: {"school": w.vreemde_school.pk, "ondersteuner": w.vreemde_ondersteuner.pk},
    ),
    Geval(
        "bezoek_gedaan",
        Rol.ONDERSTEUNER,
        voorbereiden=_bezoek_gepland,
        data=lambda w: {"datum": w.bezoekdag.isoformat()},
        controle=_alle(
            _eigen("capaciteit.bezoekgedaan", "ondersteuner_id", lambda w: w.anker.pk),
            _eigen("capaciteit.bezoekgedaan", "school_id", lambda w: w.eigen_school.pk),
        ),
    ),
    Geval(
        "bezoek_niet_gedaan",
        Rol.ONDERSTEUNER,
        voorbereiden=_bezoek_gedaan,
        data=lambda w: {"datum": w.bezoekdag.isoformat()},
        controle=_eigen_weg("capaciteit.bezoekgedaan", "ondersteuner_id", lambda w: w.anker.pk),
    ),
    Geval(
        "mijn_week_nieuwe_link",
        Rol.ONDERSTEUNER,
        voorbereiden=_agendasleutels,
        controle=_eigen("capaciteit.agendasleutel", "ondersteuner_id", lambda w: w.anker.pk),
    ),
    # Notifications: marking read and the preferences touch the poster's own rows only.
    Geval(
        "meldingen_gelezen",
        Rol.ONDERSTEUNER,
        voorbereiden=_ongelezen_meldingen,
        controle=_eigen("netwerk.melding", "ontvanger_id", lambda w: w.anker.gebruiker_id),
    ),
    Geval(
        "meldingvoorkeuren",
        Rol.ONDERSTEUNER,
        data=lambda w: dict.fromkeys(SOORTEN_PER_ROL[Rol.ONDERSTEUNER], "digest"),
        controle=_eigen("netwerk.meldingvoorkeur", "gebruiker_id", lambda w: w.anker.gebruiker_id),
    ),
    # The school consultation.
    Geval(
        "overleg_uitnodigen",
        BELEID,
        voorbereiden=_overleg_status("voorbereiding", later=True),
        data=lambda w: {"overleg": w.eigen_overleg.pk},
        vreemde_keuzes=lambda w: {"overleg": w.vreemd_overleg.pk},
        controle=_alle(
            _eigen_lsc("overleg.mailbatch"),
            _eigen("overleg.uitgaandemail", "overleg_id", lambda w: w.eigen_overleg.pk),
        ),
    ),
    Geval(
        "overleg_uitnodigen_een",
        Rol.ONDERSTEUNER,
        voorbereiden=_overleg_status("voorbereiding", later=True),
        controle=_eigen_lsc("overleg.mailbatch"),
    ),
    Geval(
        "overleg_batch_opnieuw",
        BELEID,
        voorbereiden=_mislukte_mail,
        controle=_eigen("overleg.uitgaandemail", "overleg_id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "overleg_plannen",
        BELEID,
        voorbereiden=_tweede_school,
        kwargs=lambda w: {"school_pk": w.tweede_school.pk},
        controle=_alle(
            _eigen_lsc("overleg.schoolbeeldoverleg"),
            _eigen("overleg.schoolbeeldoverleg", "school_id", lambda w: w.tweede_school.pk),
        ),
    ),
    Geval(
        "overleg_onderdeel",
        Rol.ONDERSTEUNER,
        data=_onderdeel,
        controle=_eigen("overleg.schoolbeeldoverleg", "id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "overleg_gehouden",
        BELEID,
        voorbereiden=_overleg_status("uitgenodigd", later=False),
        data=_versie,
        controle=_eigen("overleg.schoolbeeldoverleg", "id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "overleg_annuleren",
        BELEID,
        voorbereiden=_overleg_status("uitgenodigd", later=True),
        data=_versie,
        controle=_eigen("overleg.schoolbeeldoverleg", "id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "overleg_delen",
        BELEID,
        voorbereiden=_overleg_status("gehouden", later=False),
        data=_versie,
        controle=_eigen("overleg.schoolbeeldoverleg", "id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "overleg_aanwezig",
        BELEID,
        data=lambda w: {"aanwezig": _eigen_deelnemers(w)},
        vreemde_keuzes=lambda w: {"aanwezig": list(w.vreemd_overleg.deelnemers.values_list("pk", flat=True))},
        controle=_eigen("overleg.deelnemer", "overleg_id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "overleg_afspraak_nieuw",
        Rol.ONDERSTEUNER,
        data=lambda w: {
            "omschrijving": "Klasbezoek",
            "eigenaar": w.gebruikers[Rol.ZORG].pk,
            "tegen": (VANDAAG() + dt.timedelta(days=7)).isoformat(),
        },
        vreemde_keuzes=lambda w: {"eigenaar": w.vreemde_ondersteuner.gebruiker.pk},
        controle=_alle(
            _eigen("overleg.afspraak", "overleg_id", lambda w: w.eigen_overleg.pk),
            _eigen("overleg.afspraak", "eigenaar_id", lambda w: w.gebruikers[Rol.ZORG].pk),
        ),
    ),
    Geval(
        "afspraak_bewerken",
        BELEID,
        data=_afspraak_formulier,
        vreemde_keuzes=lambda w: {"eigenaar": w.vreemde_ondersteuner.gebruiker.pk},
        controle=_eigen("overleg.afspraak", "eigenaar_id", lambda w: w.anker.gebruiker.pk),
    ),
    Geval(
        "afspraak_afronden",
        Rol.ONDERSTEUNER,
        data=lambda w: {"vanuit": "home"},
        controle=_eigen("overleg.afspraak", "overleg_id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "afspraak_verwijderen",
        BELEID,
        data=lambda w: {"stand": _afspraak_formulier(w)["stand"]},
        controle=_eigen_weg("overleg.afspraak", "overleg_id", lambda w: w.eigen_overleg.pk),
    ),
    Geval(
        "sjabloon_bewerken",
        BELEID,
        data=lambda w: {"titel": "Leidraad 2.0", "tekst": "# Leidraad\n\nNieuw."},
        controle=_eigen_lsc("overleg.sjabloon"),
    ),
    Geval("sjabloon_herstellen", BELEID, controle=_eigen_lsc("overleg.sjabloon")),
    Geval(
        "lsc_logo",
        BELEID,
        data=lambda w: {"logo": _png()},
        controle=_eigen("netwerk.leersteuncentrum", "id", lambda w: w.lsc.pk),
    ),
]


# Focus teams, colleagues and the intervisie. The world's question waits for focus team ASS, of which its
# own focus colleague is a member (tests/support/werelden.py).


def _in_focusteam(wereld, _client) -> None:
    """The anchor joins focus team ASS, so that they may take the world's question."""
    Ondersteuner.objects.filter(pk=wereld.anker.pk).update(focusteams=["ass"])


def _focus_genomen(wereld, _client) -> None:
    focus.focusvraag_nemen(door=wereld.focuscollega.gebruiker, vraag=wereld.eigen_focusvraag)


def _vraag_aan_het_anker(wereld, _client) -> dict:
    vraag = t.Collegavraag.objects.create(
        traject=wereld.eigen_traject,
        lsc=wereld.lsc,
        gesteld_door=wereld.focuscollega.gebruiker,
        aan=wereld.anker.gebruiker,
        vraag="Hoe pak jij dit aan?",
    )
    return {"pk": vraag.pk}


def _eigen_focusvraag(wereld, wijziging: Verschil) -> None:
    for rij in _rijen(wijziging, "trajecten.focusvraag"):
        assert (rij["lsc_id"], rij["traject_id"]) == (wereld.lsc.pk, wereld.eigen_traject.pk), rij


GEVALLEN += [
    Geval(
        "traject_focus_inroepen",
        Rol.ONDERSTEUNER,
        data=lambda w: {"focus": "gedrag", "vraag": "Wie denkt mee?"},
        controle=_eigen_focusvraag,
    ),
    Geval(
        "traject_collegavraag",
        Rol.ONDERSTEUNER,
        data=lambda w: {"aan": w.focuscollega.gebruiker_id, "vraag": "Tips?"},
        vreemde_keuzes=lambda w: {"aan": w.vreemde_focuscollega.gebruiker_id},
        controle=_eigen("trajecten.collegavraag", "traject_id", lambda w: w.eigen_traject.pk),
    ),
    Geval(
        "focusvraag_nemen",
        Rol.ONDERSTEUNER,
        voorbereiden=_in_focusteam,
        data=lambda w: {"einde": (VANDAAG() + dt.timedelta(weeks=4)).isoformat()},
        controle=_alle(
            _eigen_focusvraag, _eigen("trajecten.toewijzing", "traject_id", lambda w: w.eigen_traject.pk)
        ),
    ),
    Geval(
        "focusvraag_toewijzen",
        Rol.TEAMCOACH,
        data=lambda w: {
            "ondersteuner": w.focuscollega.pk,
            "einde": (VANDAAG() + dt.timedelta(weeks=4)).isoformat(),
        },
        vreemde_keuzes=lambda w: {"ondersteuner": w.vreemde_focuscollega.pk},
        controle=_alle(
            _eigen_focusvraag, _eigen("trajecten.toewijzing", "ondersteuner_id", lambda w: w.focuscollega.pk)
        ),
    ),
    Geval(
        "focusdeel_beeindigen",
        Rol.ONDERSTEUNER,
        voorbereiden=_focus_genomen,
        data=lambda w: {"overdracht": "Een vaste pauzeplek werkt."},
        controle=_eigen_focusvraag,
    ),
    Geval(
        "collegavraag_antwoord",
        Rol.ONDERSTEUNER,
        voorbereiden=_vraag_aan_het_anker,
        data=lambda w: {"antwoord": "Zo doe ik het."},
        controle=_eigen("trajecten.collegavraag", "aan_id", lambda w: w.anker.gebruiker_id),
    ),
    Geval(
        "intervisie",
        Rol.ONDERSTEUNER,
        data=lambda w: {"datum": focus.volgende_woensdag().isoformat(), "vraag": "Een klasgesprek starten?"},
        controle=_eigen("trajecten.intervisievraag", "regioteam_id", lambda w: w.regioteam.pk),
    ),
]


# The school's own request (issue 19): its care staff submit it for the school in the path; the LSC follows
# from the school and the type, never from a field.


def _schoolaanvraag(wereld) -> dict:
    return {
        **{k: v for k, v in _aanmelding(wereld).items() if k != "school"},
        "voornaam": "Noor",
        "vraag_leerling_ouders": "Rust in de klas.",
        "verslag_datum": (VANDAAG() - dt.timedelta(days=90)).isoformat(),
        "verslag_bewaarplaats": "zorgdossier",
        "ouders_akkoord": "on",
        "ouders_wie": "moeder",
        "ouders_op": VANDAAG().isoformat(),
        "ouders_hoe": "gesprek",
        "bevestigd": "on",
    }


def _nieuwe_schoolaanvraag(wereld, wijziging: Verschil) -> None:
    _nieuw_traject(wereld, wijziging)
    (aanvraag,) = [r for k, r in wijziging.nieuw.items() if k[0] == "trajecten.schoolaanvraag"]
    assert aanvraag["ingediend_door_id"] == wereld.gebruikers[Rol.ZORG].pk


GEVALLEN += [Geval("aanvraag_nieuw", Rol.ZORG, data=_schoolaanvraag, controle=_nieuwe_schoolaanvraag)]
# ------------------------------------------------ issue 19: afstemmingsgesprek and concerns (own block)


def _eigen_afstemming(label: str, veld: str = "afstemming_id"):
    return _eigen(label, veld, lambda w: w.eigen_afstemming.pk)


GEVALLEN += [
    Geval(
        "afstemming_vragen",
        Rol.ZORG,
        data=lambda w: {"lsc": w.lsc.pk, "onderwerp": "Samen afstemmen", "partners": ["clb"]},
        vreemde_keuzes=lambda w: {"lsc": w.vreemde_ondersteuner.lsc_id},
        controle=_alle(
            _eigen("overleg.afstemmingsgesprek", "school_id", lambda w: w.eigen_school.pk),
            _eigen_lsc("overleg.afstemmingsgesprek"),
        ),
    ),
    Geval(
        "afstemming_plannen",
        Rol.ONDERSTEUNER,
        data=lambda w: {
            "versie": w.eigen_afstemming.versie,
            "datum": (timezone.localtime() + dt.timedelta(days=8)).strftime("%Y-%m-%dT10:00"),
            "duur_minuten": 60,
            "plaats": "Zorgklas",
            "deelnemers": [w.gebruikers[Rol.ZORG].pk],
        },
        vreemde_keuzes=lambda w: {"deelnemers": w.vreemde_ondersteuner.gebruiker_id},
        controle=_alle(
            _eigen_afstemming("overleg.deelnemer"),
            _eigen_afstemming("overleg.uitgaandemail"),
            _eigen("overleg.uitgaandemail", "ontvanger_id", lambda w: w.gebruikers[Rol.ZORG].pk),
        ),
    ),
    Geval(
        "afstemming_afsluiten",
        Rol.ONDERSTEUNER,
        data=lambda w: {"versie": w.eigen_afstemming.versie, "uitkomst": "geannuleerd"},
        controle=_eigen("overleg.afstemmingsgesprek", "id", lambda w: w.eigen_afstemming.pk),
    ),
    Geval(
        "zorg_melden",
        Rol.ZORG,
        data=lambda w: {
            "ondersteuner": w.anker.pk,
            "tekst": "Een bezorgdheid.",
            "al_besproken": "ja",
            "naar": "teamcoach",
        },
        vreemde_keuzes=lambda w: {"ondersteuner": w.vreemde_ondersteuner.pk},
        controle=_alle(
            _eigen("overleg.bezorgdheid", "ondersteuner_id", lambda w: w.anker.pk),
            _eigen("overleg.bezorgdheid", "school_id", lambda w: w.eigen_school.pk),
            _eigen("overleg.bezorgdheid_ontvangers", "gebruiker_id", lambda w: w.regioteam.coach_id),
        ),
    ),
    Geval(
        "bezorgdheid_afhandelen",
        Rol.ONDERSTEUNER,
        data=lambda w: {"afhandeling": "Besproken en opgevolgd."},
        controle=_eigen("overleg.bezorgdheid", "id", lambda w: w.eigen_bezorgdheid.pk),
    ),
]
# ------------------------------------------------ issue 20: the team (own block)


def _team_collega(wereld, _client) -> None:
    """A colleague of the anchor's regio team, to take over the anchor's work."""
    wereld.team_collega = factories.OndersteunerFactory(
        lsc=wereld.lsc, regioteam=wereld.regioteam, gebruiker__naam="Collega Team"
    )


def _vertrek(wereld) -> dict:
    anker = wereld.anker
    sleutels = [vertrek.anker_sleutel(a) for a in vertrek.ankers_van_vertrekker(anker)]
    sleutels += [vertrek.traject_sleutel(t) for t in vertrek.trajecten_van_vertrekker(anker)]
    return {"uit_dienst_op": "2099-06-30", **dict.fromkeys(sleutels, wereld.team_collega.pk)}


GEVALLEN += [
    Geval(
        "team_ondersteuner",
        BELEID,
        data=lambda w: {"formulier": "afwezig", "soort": "verlof", "van": "2099-01-02", "tot": "2099-01-09"},
        controle=_eigen("netwerk.afwezigheid", "ondersteuner_id", lambda w: w.anker.pk),
    ),
    Geval(
        "team_vertrek",
        BELEID,
        data=_vertrek,
        voorbereiden=_team_collega,
        vreemde_keuzes=lambda w: dict.fromkeys(
            [k for k in _vertrek(w) if k != "uit_dienst_op"][:1], w.vreemde_ondersteuner.pk
        ),
        controle=_eigen("netwerk.ondersteuner", "id", lambda w: w.anker.pk),
    ),
]
# --- issue 20 part 5: the yearly report: a run is the poster's own LSC's, whatever else the form holds.
GEVALLEN += [
    Geval(
        "jaarverslag",
        BELEID,
        data=lambda w: {"schooljaar": huidig_schooljaar()},
        controle=_eigen("honingraat.jaarverslag", "lsc_id", lambda w: w.lsc.pk),
    ),
]
# ------------------------------------------------ issue 20 part 4: professional development (own block)


def _sessie_voorbij(wereld, _client) -> None:
    """The world's training with the anchor registered and its session held today: attendance can follow."""
    kwargs = url_kwargs("vorming_detail", "eigen", wereld)
    vorming = Vorming.objects.get(pk=kwargs["pk"])
    vorming.sessies.update(datum=timezone.localdate())
    wereld.vorming_inschrijving = Inschrijving.objects.create(vorming=vorming, ondersteuner=wereld.anker)
    wereld.vorming_sessie = vorming.sessies.get()
    return kwargs


def _vormingdata(wereld) -> dict:
    return {
        "titel": "Communicatie",
        "soort": "communicatie",
        "max_plaatsen": "10",
        "sessies-TOTAL_FORMS": "1",
        "sessies-INITIAL_FORMS": "0",
        "sessies-MIN_NUM_FORMS": "0",
        "sessies-MAX_NUM_FORMS": "1000",
        "sessies-0-datum": "2099-03-04",
        "sessies-0-van": "09:00",
        "sessies-0-tot": "12:00",
        "sessies-0-plaats": "Gent",
    }


def _momentdata(wereld) -> dict:
    return {"datum": "2026-10-07", "onderwerp": "Grenzen", "notities": "n", "afspraken": "a"}


_ANKER = lambda w: w.anker.pk  # noqa: E731
GEVALLEN += [
    Geval("vorming_nieuw", Rol.COORDINATOR, data=_vormingdata, controle=_eigen_lsc("netwerk.vorming")),
    Geval("vorming_bewerken", Rol.COORDINATOR, data=_vormingdata, controle=_eigen_lsc("netwerk.vorming")),
    Geval(
        "vorming_inschrijven",
        Rol.COORDINATOR,
        data=lambda w: {"ondersteuner": w.anker.pk},
        vreemde_keuzes=lambda w: {"ondersteuner": w.vreemde_ondersteuner.pk},
        controle=_eigen("netwerk.inschrijving", "ondersteuner_id", _ANKER),
    ),
    Geval(
        "vorming_uitschrijven",
        Rol.COORDINATOR,
        data=lambda w: {"ondersteuner": w.anker.pk},
        voorbereiden=_sessie_voorbij,
        controle=_eigen_weg("netwerk.inschrijving", "ondersteuner_id", _ANKER),
    ),
    Geval(
        "vorming_aanwezigheid",
        Rol.COORDINATOR,
        data=lambda w: {f"a-{w.vorming_inschrijving.pk}-{w.vorming_sessie.pk}": "aanwezig"},
        voorbereiden=_sessie_voorbij,
        controle=_eigen("netwerk.aanwezigheid", "inschrijving_id", lambda w: w.vorming_inschrijving.pk),
    ),
    Geval("vorming_annuleren", Rol.COORDINATOR, controle=_eigen_lsc("netwerk.vorming")),
    Geval(
        "groeifocus",
        Rol.ONDERSTEUNER,
        data=lambda w: {"groeifocus": "Coaching", "groeifocus_gebied": "ass"},
        controle=_eigen("netwerk.ondersteuner", "id", _ANKER),
    ),
    Geval(
        "coaching_lijst",
        Rol.TEAMCOACH,
        data=_momentdata,
        controle=_eigen("netwerk.coachingsmoment", "ondersteuner_id", _ANKER),
    ),
    Geval(
        "coaching_detail",
        Rol.TEAMCOACH,
        data=_momentdata,
        controle=_eigen("netwerk.coachingsmoment", "ondersteuner_id", _ANKER),
    ),
]
GEVALLEN_PER_NAAM = {geval.naam for geval in GEVALLEN}


# ------------------------------------------------------------------------------------------------- tests


def _url(geval: Geval, wereld, kwargs: dict | None) -> str:
    if kwargs is None:
        kwargs = geval.kwargs(wereld) if geval.kwargs else url_kwargs(geval.naam, "eigen", wereld)
    return reverse(geval.naam, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("geval", GEVALLEN, ids=str)
def test_extra_velden_worden_genegeerd(client, wereld_met_overleg, geval, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    wereld = wereld_met_overleg
    factories.DoelFactory(traject=wereld.vreemd_traject)  # a goal of the other side to name
    if geval.rol is not None:
        client.force_login(wereld.gebruikers[geval.rol])
    url = _url(geval, wereld, geval.voorbereiden(wereld, client) if geval.voorbereiden else None)

    # The form's own fields set to the other side's objects: refused, nothing written.
    keuzes = geval.vreemde_keuzes(wereld)
    for veld, waarde in keuzes.items():
        voor = momentopname()
        antwoord = client.post(url, {**geval.data(wereld), veld: waarde})
        assert antwoord.status_code < 500, antwoord.status_code
        geschreven = verschil(voor, momentopname())
        assert not geschreven, f"{veld}={waarde} van de andere kant aanvaard: {geschreven}"

    # The valid form with every extra field: written as the form says, all of it on the own side.
    vreemd, extra = vreemde_rijen(wereld), extra_velden(wereld)
    voor = momentopname()
    data = geval.data(wereld)
    antwoord = client.post(url, {**{k: v for k, v in extra.items() if k not in data}, **data})
    assert antwoord.status_code in {200, 204, 302}, (antwoord.status_code, antwoord.content.decode()[:300])
    geschreven = verschil(voor, momentopname())
    assert buiten_eigen_kant(wereld, geschreven, vreemd) == []
    if geval.schrijft:
        assert geschreven, f"{geval}: het formulier schreef niets ({antwoord.content.decode()[:600]})"
        geval.controle(wereld, geschreven)
    # The poster is who they were.
    if geval.rol is not None:
        ik = wereld.gebruikers[geval.rol]
        ik.refresh_from_db()
        assert (ik.rol, ik.is_staff, ik.is_superuser) == (geval.rol, False, False)
    _tel(
        geval,
        extra=len(extra.keys() - data.keys()),
        vreemde_keuzes=len(keuzes),
        rijen=len(voor),
    )


def _tel(geval: Geval, *, extra: int, vreemde_keuzes: int, rijen: int) -> None:
    """For docs/SECURITY.md: how many posts carried how many extra fields, and how much was compared."""
    TELLING["posts"] += 1 + vreemde_keuzes
    TELLING["extra_velden"] += extra
    TELLING["vreemde_keuzes"] += vreemde_keuzes
    TELLING["rijen_vergeleken"] += rijen * (1 + vreemde_keuzes)
    TELLING["urls"] = sorted({*TELLING["urls"], geval.naam})
    TELLING_BESTAND.parent.mkdir(parents=True, exist_ok=True)
    TELLING_BESTAND.write_text(json.dumps({**TELLING, "aantal_urls": len(TELLING["urls"])}, indent=2) + "\n")


@pytest.mark.django_db
def test_elke_postbare_url_heeft_een_geval(client, wereld_met_overleg):
    """Which URLs of the role table take a POST is asked of the application: whatever does not answer
    405 needs a case above (a page that answers a POST as a GET too: it must then write nothing)."""
    wereld = wereld_met_overleg
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    postbaar = {
        naam
        for naam in ROLTABEL
        if client.post(reverse(naam, kwargs=url_kwargs(naam, "eigen", wereld))).status_code != 405
    }
    # The school's closing answers are the one form outside the login (PUBLIEK).
    assert "afsluitvragen" in PUBLIEK
    assert postbaar | {"afsluitvragen"} == GEVALLEN_PER_NAAM, {
        "zonder geval": sorted(postbaar - GEVALLEN_PER_NAAM),
        "geval zonder POST": sorted(GEVALLEN_PER_NAAM - postbaar - {"afsluitvragen"}),
    }


@pytest.mark.django_db
def test_uitnodigen_geeft_geen_hogere_rol(client, wereld_met_overleg):
    """A coordinator invites into their own LSC only, never an admin or staff account; who may not invite
    is refused at the door."""

    wereld = wereld_met_overleg
    url = reverse("gebruiker_uitnodigen")
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    basis = {
        "naam": "Nieuw",
        "regioteam": "",
        "school": "",
        "clb": "",
        "is_staff": "on",
        "is_superuser": "on",
    }
    voor = Gebruiker.objects.count()
    antwoord = client.post(url, {**basis, "email": "beheer@proef.example", "rol": Rol.ADMIN})
    assert antwoord.status_code == 200 and Gebruiker.objects.count() == voor
    assert "rol" in antwoord.context["form"].errors
    extra = {"lsc": wereld.vreemde_ondersteuner.lsc_id, "lsc_id": wereld.vreemde_ondersteuner.lsc_id}
    client.post(url, {**basis, **extra, "email": "coord@proef.example", "rol": Rol.COORDINATOR})
    nieuw = Gebruiker.objects.get(email="coord@proef.example")
    assert (nieuw.rol, nieuw.lsc_id, nieuw.is_staff, nieuw.is_superuser) == (
        Rol.COORDINATOR,
        wereld.lsc.pk,
        False,
        False,
    )
    for rol in (Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB):
        client.force_login(wereld.gebruikers[rol])
        antwoord = client.post(url, {**basis, "email": f"{rol}@nieuw.example", "rol": Rol.COORDINATOR})
        assert antwoord.status_code == 403
    assert not Gebruiker.objects.filter(email__endswith="@nieuw.example").exists()


@pytest.mark.django_db
def test_eigen_accountformulieren_negeren_extra_velden(client, wereld_met_overleg):
    """The account's own forms (password, e-mail addresses) change that, and nothing about the role."""
    wereld = wereld_met_overleg
    gebruiker = wereld.gebruikers[Rol.ZORG]
    vreemd, extra = vreemde_rijen(wereld), extra_velden(wereld)
    nieuw_wachtwoord = "een-nieuw-lang-wachtwoord"
    for naam, wachtwoord, data in (
        (
            "account_change_password",
            factories.WACHTWOORD,
            {
                "oldpassword": factories.WACHTWOORD,
                "password1": nieuw_wachtwoord,
                "password2": nieuw_wachtwoord,
            },
        ),
        ("account_email", nieuw_wachtwoord, {"email": "tweede.adres@proef.example", "action_add": ""}),
    ):
        # Signed in through the form: allauth asks a recent login before account changes.
        client.post(reverse("account_login"), {"login": gebruiker.email, "password": wachtwoord})
        voor = momentopname()
        antwoord = client.post(reverse(naam), {**{k: v for k, v in extra.items() if k not in data}, **data})
        assert antwoord.status_code == 302, (naam, antwoord.status_code)
        geschreven = verschil(voor, momentopname())
        assert geschreven, (naam, antwoord["Location"])
        assert buiten_eigen_kant(wereld, geschreven, vreemd) == [], naam
    gebruiker.refresh_from_db()
    assert (gebruiker.rol, gebruiker.lsc_id, gebruiker.is_staff, gebruiker.is_superuser) == (
        Rol.ZORG,
        None,
        False,
        False,
    )
    assert gebruiker.check_password(nieuw_wachtwoord)
