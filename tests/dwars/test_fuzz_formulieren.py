"""Every form of Honingraat under Hypothesis: whatever is typed or tampered, no server error, only Dutch
messages a user understands, and nothing half saved.

Two levels. The form itself: adversarial values per field (empty, whitespace, control characters and
NUL, direction marks, emoji, huge strings, numbers beyond every column, dates from 0001 to 9999, lists
for choices, ids that do not exist); its errors must be Dutch, and when it is valid the save path the
view uses runs in a savepoint to prove the database takes it. The screen: the same data POSTed through
the real view as the role that uses it, with and without HTMX; the answer is below 500, a form with
errors shows them in Dutch on the page and leaves every table as it was, and a redirect leads to a page
that renders the stored values.

A form class without a case here, or a URL without a decision, fails the suite.
"""

import contextlib
import datetime as dt
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test.utils import ContextList
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.html import conditional_escape
from hypothesis import given
from hypothesis import strategies as st

from capaciteit import queries
from capaciteit import services as capaciteit_services
from capaciteit.forms import (
    EnvelopForm,
    HerverdelingForm,
    JaarovergangForm,
    PlanwijzigingForm,
    PublicatieForm,
    WeekplanAfwezigheidForm,
    WeekplanInstellingenForm,
)
from capaciteit.models import Envelop, Planregel, Verdeling
from capaciteit.rekenen.verdeling import VerdelingFout
from capaciteit.services import kalender as planwijzigingen
from capaciteit.services import weekplan as weekplannen
from capaciteit.services.jaarovergang import jaarovergang_uitvoeren, overgangsplan
from honingraat import team
from honingraat.forms import (
    AfwezigheidForm,
    MeldingvoorkeurForm,
    OpdrachtwijzigingForm,
    TeamfilterForm,
    UitnodigingForm,
    VertrekForm,
)
from honingraat.vormingformulieren import (
    AanwezigheidVormingForm,
    CoachingsmomentForm,
    GroeifocusForm,
    InschrijvenForm,
    SessieForm,
    VormingForm,
)
from netwerk import meldingen
from netwerk import services as netwerk_services
from netwerk import vorming as vorming_dienst
from netwerk.duur import als_uren
from netwerk.forms import CoachForm, OndersteunerForm
from netwerk.invoer import Invoerregels, is_een_regel
from netwerk.models import Clb, Gebruiker, Inschrijving, Ondersteuner, Rol, Vorming
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg import afstemming, bezorgdheid, sjablonen
from overleg import services as overleg_services
from overleg.forms import (
    AanwezigheidForm,
    AfhandelingForm,
    AfspraakForm,
    AfstemmingAfsluitenForm,
    AfstemmingPlannenForm,
    AfstemmingVragenForm,
    BezorgdheidForm,
    OnderdeelForm,
    VersieForm,
    onderdeel_form,
)
from overleg.models import Afspraak, Afstemmingsgesprek, Bezorgdheid, Schoolbeeldoverleg, Sjabloonsoort
from overleg.models import Status as OverlegStatus
from overleg.services import OverlegFout, afspraak_stand, onderdeel_stand
from overleg.views.sjablonen import SjabloonForm
from overleg.views.werkpagina import deelnemers_van, eigenaars_van
from scholen import services as scholen_services
from scholen.forms import AnkerForm, ClbForm, RegisterForm, SamenvoegenForm, SchoolFilterForm, SchoolForm
from scholen.models import School
from scholen.queries import (
    ankerkandidaten,
    gemeenten_van,
    regioteams_zichtbaar_voor,
    scholen_gefilterd,
    scholen_zichtbaar_voor,
)
from scholen.services import account_uitnodigen
from tests import factories
from tests.support.fuzz import (
    FUZZ,
    FUZZ_SCHERM,
    SCHERP,
    VREEMDE_TEKSTEN,
    formulierdata,
    foutmeldingen,
    ingezonden_teksten,
    is_nederlands,
    rapport_schrijven,
    savepoint,
    tel,
    vreemde_tekst,
)
from tests.support.invoer import APPS, BESTANDSFORMULIEREN, IMPORTSCHERMEN, tabelstand
from tests.support.rollen import ALLE_PATRONEN, BEHEER_PREFIX, EIGEN_ACCOUNT, PUBLIEK, ROLTABEL, url_kwargs
from trajecten import focus, privacy, services, vertrek
from trajecten.forms import (
    AanmeldingForm,
    AfrondenForm,
    AfsluitvragenForm,
    AfsprakenForm,
    AntwoordForm,
    BetrokkeneForm,
    DagbladForm,
    DagregelForm,
    DoelForm,
    EvaluatieForm,
    HerstelForm,
    LogboekregelForm,
    MijnFilterForm,
    RedenForm,
    RegelVerwijderenForm,
    SchoolaanvraagForm,
    SchoolTrajectFilterForm,
    StartForm,
    TijdForm,
    ToewijzingForm,
    TrajectFilterForm,
    WisbeslissingForm,
    WisverzoekForm,
    ZoekForm,
)
from trajecten.models import Collegavraag, Focusvraag, Leerling, Logboekregel, Status, Traject, Wisverzoek
from trajecten.queries import trajecten_van_school, trajecten_zichtbaar_voor, zoek
from trajecten.views import aanmelding, aanvraag, lijsten
from trajecten.views.acties import ACTIES
from trajecten.views.focus import AntwoordForm as CollegaAntwoordForm
from trajecten.views.focus import (
    CollegavraagForm,
    EindeForm,
    FocusvraagForm,
    IntervisieForm,
    OverdrachtForm,
    ToewijzenForm,
)


@pytest.fixture(scope="module", autouse=True)
def _rapport():
    yield
    rapport_schrijven()


# ------------------------------------------------------------------------------------------ the world


def _traject(w, status: str):
    """A trajectory of the own school in `status`, with the anchor assigned and two goals."""

    vandaag = timezone.localdate()
    lopend = status in {Status.LOPEND, Status.AFGEROND, Status.STOPGEZET}
    traject = factories.TrajectFactory(
        lsc=w.lsc,
        school=w.eigen_school,
        status=status,
        aangemeld_op=vandaag - dt.timedelta(days=90),
        beantwoord_op=vandaag - dt.timedelta(days=80) if status != Status.AANGEMELD else None,
        start=vandaag - dt.timedelta(days=60) if lopend else None,
        volgende_evaluatie=vandaag + dt.timedelta(days=10) if status == Status.LOPEND else None,
        afgesloten_op=vandaag - dt.timedelta(days=5)
        if status in {Status.AFGEROND, Status.STOPGEZET}
        else None,
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=w.anker, rol="anker")
    factories.DoelFactory(traject=traject)
    factories.DoelFactory(traject=traject)
    return traject


def _vers(model, pk):
    """A fresh instance per example: forms and services change the one they are given."""
    return model.objects.get(pk=pk)


def _overleg_in(w, status: str):

    Schoolbeeldoverleg.objects.filter(pk=w.eigen_overleg.pk).update(status=status)
    return _vers(Schoolbeeldoverleg, w.eigen_overleg.pk)


# ------------------------------------------------------------------------------------------ the cases


@dataclass(frozen=True)
class Scherm:
    """A view that takes the form: its URL name, the role that uses it, and fields a real page adds."""

    url: str
    kwargs: Callable[[SimpleNamespace], dict] = lambda c: {}
    rol: str = Rol.COORDINATOR
    methode: str = "post"
    vast: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Geval:
    """One form (or a view's raw POST fields, `klasse` None), how to make it and what saves it.

    `klaarzetten` runs once per test and brings the world into the state the form acts on; `formulier`
    builds the form from fresh objects for every example; `bewaar` is the save path its view takes, and
    `weigeringen` the refusals that view turns into a message."""

    naam: str
    klasse: type | None
    klaarzetten: Callable[[object], SimpleNamespace]
    formulier: Callable[[SimpleNamespace, object], forms.BaseForm] | None = None
    bewaar: Callable[[SimpleNamespace, forms.BaseForm], object] | None = None
    weigeringen: tuple = (ValidationError,)
    hints: Callable[[SimpleNamespace], dict] = lambda c: {}
    ruw: Callable[[SimpleNamespace], dict] | None = None
    schermen: tuple[Scherm, ...] = ()


def _gepubliceerde_regel(w):
    """The own LSC's plan in force (a date's change needs it) and its Monday visit."""
    plan = w.eigen_weekplan
    plan.refresh_from_db()  # another case may have published it already
    if plan.status != plan.Status.GEPUBLICEERD:
        weekplannen.weekplan_publiceren(door=None, weekplan=plan)
    return plan.regels.first()


def _planwijziging_bewaren(c, f):
    """What the view does with a valid form."""
    regel = _vers(Planregel, c.regel.pk)
    return planwijzigingen.bezoek_op_datum(door=c.coordinator, regel=regel, **f.cleaned_data)


def _ctx(**extra) -> Callable:
    def klaarzetten(w):
        return SimpleNamespace(
            w=w, coordinator=w.gebruikers[Rol.COORDINATOR], **{k: v(w) for k, v in extra.items()}
        )

    return klaarzetten


def _netwerk() -> list[Geval]:

    def uitnodigen(c, f):

        account_uitnodigen(uitnodiger=_vers(Gebruiker, c.door.pk), **f.cleaned_data)

    return [
        Geval(
            "uitnodiging",
            UitnodigingForm,
            _ctx(door=lambda w: w.gebruikers[Rol.COORDINATOR]),
            lambda c, d: UitnodigingForm(d, uitnodiger=_vers(Gebruiker, c.door.pk)),
            uitnodigen,
            schermen=(Scherm("gebruiker_uitnodigen"),),
        ),
        Geval(
            "uitnodiging door de beheerder",
            UitnodigingForm,
            _ctx(door=lambda w: w.gebruikers[Rol.ADMIN]),
            lambda c, d: UitnodigingForm(d, uitnodiger=_vers(Gebruiker, c.door.pk)),
            uitnodigen,
            schermen=(Scherm("gebruiker_uitnodigen", rol=Rol.ADMIN),),
        ),
        Geval(
            "meldingvoorkeuren",
            MeldingvoorkeurForm,
            _ctx(door=lambda w: w.gebruikers[Rol.ONDERSTEUNER]),
            lambda c, d: MeldingvoorkeurForm(d, gebruiker=_vers(Gebruiker, c.door.pk)),
            lambda c, f: meldingen.voorkeuren_bewaren(
                gebruiker=_vers(Gebruiker, c.door.pk), keuzes=f.cleaned_data
            ),
            schermen=(Scherm("meldingvoorkeuren", rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "teamcoach van een regioteam",
            CoachForm,
            _ctx(),
            lambda c, d: CoachForm(d, lsc_id=c.w.lsc.pk),
            lambda c, f: netwerk_services.regioteam_coach_instellen(
                door=c.coordinator, regioteam=c.w.regioteam, coach=f.cleaned_data["coach"]
            ),
            schermen=(Scherm("regioteam_detail", lambda c: {"pk": c.w.regioteam.pk}),),
        ),
        Geval(
            "ondersteuner",
            OndersteunerForm,
            _ctx(),
            lambda c, d: OndersteunerForm(d, instance=_vers(Ondersteuner, c.w.anker.pk)),
            lambda c, f: netwerk_services.ondersteuner_bijwerken(
                door=c.coordinator, ondersteuner=f.instance, gegevens=f.cleaned_data
            ),
            schermen=(Scherm("ondersteuner_detail", lambda c: {"pk": c.w.anker.pk}),),
        ),
    ]


def _scholen() -> list[Geval]:

    def filterformulier(c, d):
        zichtbaar = scholen_zichtbaar_voor(c.coordinator)
        return SchoolFilterForm(
            d,
            regioteams=regioteams_zichtbaar_voor(c.coordinator).order_by("naam"),
            gemeenten=gemeenten_van(zichtbaar),
        )

    def filteren(c, f):
        zichtbaar = scholen_zichtbaar_voor(c.coordinator)
        list(scholen_gefilterd(zichtbaar, f.filters(), lsc_id=c.w.lsc.pk))

    return [
        Geval(
            "filter op scholen",
            SchoolFilterForm,
            _ctx(),
            filterformulier,
            filteren,
            schermen=(
                Scherm("school_lijst", methode="get"),
                Scherm("school_export", lambda c: {"formaat": "xlsx"}, methode="get"),
            ),
        ),
        Geval(
            "gegevens van een school",
            SchoolForm,
            _ctx(),
            lambda c, d: SchoolForm(d, instance=_vers(School, c.w.eigen_school.pk)),
            lambda c, f: scholen_services.school_bijwerken(
                door=c.coordinator,
                school=_vers(School, c.w.eigen_school.pk),
                gegevens=f.gegevens(),
                stand=f.cleaned_data["stand"],
            ),
            # What the editor saw: the form's own fingerprint of the school as stored.
            hints=lambda c: {"stand": st.just(SchoolForm(instance=c.w.eigen_school)["stand"].initial)},
            schermen=(Scherm("school_bewerken", lambda c: {"pk": c.w.eigen_school.pk}),),
        ),
        Geval(
            "anker van een school",
            AnkerForm,
            _ctx(nieuw=lambda w: factories.OndersteunerFactory(lsc=w.lsc, regioteam=w.regioteam)),
            lambda c, d: AnkerForm(d, kandidaten=ankerkandidaten(lsc_id=c.w.lsc.pk, school=c.w.eigen_school)),
            lambda c, f: scholen_services.anker_toewijzen(
                door=c.coordinator,
                school=_vers(School, c.w.eigen_school.pk),
                lsc=c.w.lsc,
                ondersteuner=f.cleaned_data["ondersteuner"],
                schooljaar=huidig_schooljaar(),
            ),
            schermen=(Scherm("anker_toewijzen", lambda c: {"pk": c.w.eigen_school.pk}),),
        ),
        Geval(
            "verslagregister",
            RegisterForm,
            _ctx(),
            lambda c, d: RegisterForm(d),
            lambda c, f: scholen_services.register_bijwerken(
                door=c.coordinator, school=_vers(School, c.w.eigen_school.pk), **f.cleaned_data
            ),
            schermen=(
                Scherm("register_bijwerken", lambda c: {"pk": c.w.eigen_school.pk}),
                Scherm("register_bijwerken", lambda c: {"pk": c.w.eigen_school.pk}, rol=Rol.ZORG),
            ),
        ),
        Geval(
            "een nieuw CLB",
            ClbForm,
            _ctx(),
            lambda c, d: ClbForm(d),
            lambda c, f: scholen_services.clb_aanmaken(door=c.coordinator, **f.cleaned_data),
            schermen=(Scherm("clb_lijst"),),
        ),
        Geval(
            "een CLB hernoemen",
            ClbForm,
            _ctx(),
            lambda c, d: ClbForm(d, instance=_vers(Clb, c.w.clb.pk)),
            lambda c, f: scholen_services.clb_bijwerken(
                door=c.coordinator, clb=_vers(Clb, c.w.clb.pk), **f.cleaned_data
            ),
            schermen=(Scherm("clb_bewerken", lambda c: {"pk": c.w.clb.pk}),),
        ),
        Geval(
            "twee CLB's samenvoegen",
            SamenvoegenForm,
            _ctx(dubbel=lambda w: factories.ClbFactory(naam="CLB Eigen (dubbel)")),
            lambda c, d: SamenvoegenForm(d, van=_vers(Clb, c.dubbel.pk), gebruiker=c.coordinator),
            lambda c, f: scholen_services.clb_samenvoegen(
                door=c.coordinator, van=_vers(Clb, c.dubbel.pk), naar=f.cleaned_data["naar"]
            ),
            schermen=(Scherm("clb_samenvoegen", lambda c: {"pk": c.dubbel.pk}),),
        ),
        Geval(
            "een account bevestigen of weigeren",
            None,
            _ctx(),
            ruw=lambda c: {
                "gebruiker": st.one_of(st.just(str(c.w.gebruikers[Rol.ZORG].pk)), vreemde_tekst()),
                "school": st.one_of(st.just(str(c.w.eigen_school.pk)), vreemde_tekst()),
                "clb": st.one_of(st.just(str(c.w.clb.pk)), vreemde_tekst()),
                "lsc": st.one_of(st.just(str(c.w.lsc.pk)), vreemde_tekst()),
                "actie": st.sampled_from(["bevestigen", "weigeren", "", "²"]),
            },
            schermen=(Scherm("account_beslissen"), Scherm("account_beslissen", rol=Rol.ZORG)),
        ),
        Geval(
            "een voorstel van een ander leersteuncentrum",
            None,
            _ctx(),
            ruw=lambda c: {
                "actie": st.sampled_from(["aanvaarden", "weigeren", "intrekken", "", "²"]),
                "reden": vreemde_tekst(),
            },
            schermen=(Scherm("voorstel_beslissen", lambda c: {"pk": c.w.eigen_voorstel.pk}),),
        ),
    ]


def _bezoek_gedaan() -> list[Geval]:
    """Issue 21: the day sheet's one tap on a planned visit (done, or undone): its only field is the date."""
    schermen = tuple(
        Scherm(naam, lambda c: {"school_pk": c.w.eigen_school.pk}, rol=Rol.ONDERSTEUNER)
        for naam in ("bezoek_gedaan", "bezoek_niet_gedaan")
    )
    return [
        Geval(
            "een gepland bezoek als gedaan aanduiden",
            None,
            _ctx(),
            ruw=lambda c: {
                "datum": st.one_of(
                    st.just(timezone.localdate().isoformat()),
                    st.dates().map(dt.date.isoformat),
                    vreemde_tekst(),
                )
            },
            schermen=schermen,
        )
    ]


def _dagblad(duur: Callable) -> list[Geval]:
    """The day sheet: its date and one-time key, and a trajectory's row (its fields prefixed `t<id>-`)."""

    def klaarzetten(w):
        c = _ctx()(w)
        c.traject = _traject(w, Status.LOPEND)
        return c

    def bewaar(c, *, datum, minuten=60, activiteit="overleg", notitie="", sleutel="fuzz-dagblad"):
        return services.dag_loggen(
            door=c.w.anker.gebruiker,
            ondersteuner=c.w.anker,
            school=c.w.eigen_school,
            datum=datum,
            regels=[services.Dagregel(c.traject.pk, minuten, activiteit, notitie)],
            sleutel=sleutel,
        )

    def scherm(**vast) -> Scherm:
        return Scherm(
            "dagblad_school", lambda c: {"school_pk": c.w.eigen_school.pk}, rol=Rol.ONDERSTEUNER, vast=vast
        )

    def rij(c, d) -> DagregelForm:
        return DagregelForm(d, prefix=f"t{c.traject.pk}", auto_id="id_%s", vorige=(45, "overleg"))

    return [
        Geval(
            "dagblad",
            DagbladForm,
            klaarzetten,
            lambda c, d: DagbladForm(d),
            lambda c, f: bewaar(c, datum=f.cleaned_data["datum"], sleutel=f.cleaned_data["sleutel"]),
            schermen=(scherm(),),
        ),
        Geval(
            "een rij van het dagblad",
            DagregelForm,
            klaarzetten,
            rij,
            lambda c, f: bewaar(
                c,
                datum=timezone.localdate(),
                minuten=f.cleaned_data["minuten"],
                activiteit=f.cleaned_data["activiteit"],
                notitie=f.cleaned_data["notitie"],
            ),
            hints=lambda c: {"minuten": duur(600)},
            schermen=(scherm(datum=timezone.localdate().isoformat(), sleutel="fuzz-dagblad"),),
        ),
    ]


def _trajecten() -> list[Geval]:

    def actie(url: str, klasse, status: str, *, rol=Rol.COORDINATOR, hints=None, schermen=None):
        def klaarzetten(w):
            c = _ctx()(w)
            c.traject = _traject(w, status)
            c.door = w.gebruikers[rol]
            return c

        def uitvoeren(c, f):
            ACTIES[url].uitvoeren(c.door, f.traject, f)

        kwargs = lambda c: {"pk": c.traject.pk}  # noqa: E731
        return Geval(
            f"{url} ({status})",
            klasse,
            klaarzetten,
            lambda c, d: klasse(d, traject=_vers(Traject, c.traject.pk)),
            uitvoeren,
            hints=hints or (lambda c: {}),
            schermen=schermen or (Scherm(url, kwargs, rol=rol),),
        )

    def afsluitvraag(w):
        c = _ctx()(w)
        traject = _traject(w, Status.LOPEND)
        _bijgewerkt, c.sleutel = services.traject_afronden(door=c.coordinator, traject=traject)
        return c

    def wisbaar(w):
        c = _ctx()(w)
        c.traject = _traject(w, Status.LOPEND)
        return c

    def lijstfilter(c, d):
        ondersteuners = [(o.pk, str(o)) for o in (c.w.anker, c.w.vreemde_ondersteuner)]
        return TrajectFilterForm(
            d,
            scholen=[(c.w.eigen_school.pk, "eigen"), (c.w.vreemde_school.pk, "vreemd")],
            regioteams=[(c.w.regioteam.pk, "regio")],
            ondersteuners=ondersteuners,
        )

    def lijst_filteren(c, f):
        list(lijsten._lijst_gefilterd(trajecten_zichtbaar_voor(c.coordinator), f.filters()))

    def mijn_filteren(c, f):
        list(lijsten._mijn_gefilterd(lijsten.mijn_rijen(c.w.anker.gebruiker), f.filters()))

    def duur(maximum: int) -> st.SearchStrategy:
        """A duration as people type it (the parser's own exhaustive tests: tests/netwerk/test_duur.py)."""
        return st.one_of(
            st.integers(5, maximum).map(als_uren),
            st.sampled_from(["1,5", "0.75", "90 min", "1:30", "2", "5", "1,30", "0"]),
        )

    def met_regel(w):
        """A running trajectory with a line of today by its anchor, and the key of a line deleted just now."""
        c = _ctx()(w)
        c.traject = _traject(w, Status.LOPEND)
        c.anker = w.anker.gebruiker
        c.regel = factories.LogboekregelFactory(traject=c.traject, ondersteuner=w.anker, minuten=60)
        weg = factories.LogboekregelFactory(traject=c.traject, ondersteuner=w.anker, minuten=45)
        c.sleutel = services.logboekregel_verwijderen(
            door=c.anker, traject=c.traject, regel=weg, stand=services.logboekregel_stand(weg)
        )
        return c

    def regelformulier(klasse, correctie: bool):
        def formulier(c, d):
            regel = _vers(Logboekregel, c.regel.pk)
            return klasse(d, traject=_vers(Traject, c.traject.pk), regel=regel, correctie=correctie)

        return formulier

    def door_van(c, correctie: bool):
        return c.coordinator if correctie else c.anker

    def regel_wijzigen(correctie: bool):
        def bewaar(c, f):
            services.logboekregel_wijzigen(
                door=door_van(c, correctie), traject=f.traject, regel=f.regel, **f.gegevens()
            )

        return bewaar

    def regel_verwijderen(correctie: bool):
        def bewaar(c, f):
            services.logboekregel_verwijderen(
                door=door_van(c, correctie),
                traject=f.traject,
                regel=f.regel,
                stand=f.cleaned_data["stand"],
                reden=f.cleaned_data.get("reden", ""),
            )

        return bewaar

    def regelscherm(url: str, rol: str) -> Scherm:
        return Scherm(url, lambda c: {"pk": c.traject.pk, "regel": c.regel.pk}, rol=rol)

    def stand(c) -> st.SearchStrategy:
        return st.just(services.logboekregel_stand(_vers(Logboekregel, c.regel.pk)))

    regelgevallen = [
        Geval(
            f"logboekregel {soort} ({'correctie' if correctie else 'eigen'})",
            klasse,
            met_regel,
            regelformulier(klasse, correctie),
            (regel_wijzigen if soort == "wijzigen" else regel_verwijderen)(correctie),
            hints=lambda c: {"stand": stand(c), "minuten": duur(600)},
            schermen=(
                regelscherm(f"traject_logboek_{soort}", Rol.COORDINATOR if correctie else Rol.ONDERSTEUNER),
            ),
        )
        for soort, klasse in (("wijzigen", LogboekregelForm), ("verwijderen", RegelVerwijderenForm))
        for correctie in (False, True)
    ]

    tijd_rij = Scherm(
        "traject_tijd", lambda c: {"pk": c.traject.pk}, rol=Rol.ONDERSTEUNER, vast={"weergave": "rij"}
    )
    return [
        Geval(
            "filter op trajecten",
            TrajectFilterForm,
            _ctx(),
            lijstfilter,
            lijst_filteren,
            schermen=(
                Scherm("traject_lijst", methode="get"),
                Scherm("traject_export", lambda c: {"formaat": "csv"}, methode="get"),
            ),
        ),
        Geval(
            "filter op mijn trajecten",
            MijnFilterForm,
            _ctx(),
            lambda c, d: MijnFilterForm(d, scholen=[(c.w.eigen_school.pk, "eigen")]),
            mijn_filteren,
            schermen=(Scherm("mijn_trajecten", methode="get", rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "zoeken in trajecten",
            ZoekForm,
            _ctx(),
            lambda c, d: ZoekForm(d),
            lambda c, f: list(zoek(trajecten_zichtbaar_voor(c.coordinator), f.cleaned_data["q"])),
            # The export of a search is POSTed as the search is (the term stays out of the URL).
            schermen=(Scherm("traject_lijst"), Scherm("traject_export", lambda c: {"formaat": "xlsx"})),
        ),
        Geval(
            "aanmelding",
            AanmeldingForm,
            _ctx(),
            lambda c, d: AanmeldingForm(d, scholen=aanmelding._scholen(c.coordinator)),
            lambda c, f: aanmelding._aanmelden(c.coordinator, f),
            schermen=(Scherm("traject_nieuw"), Scherm("traject_nieuw", rol=Rol.ONDERSTEUNER)),
        ),
        actie("traject_antwoord", AntwoordForm, Status.AANGEMELD),
        actie(
            "traject_starten",
            StartForm,
            Status.IN_BEHANDELING,
            hints=lambda c: {"intensiteit_minuten": duur(6000)},
        ),
        actie("traject_doel", DoelForm, Status.LOPEND),
        actie("traject_evaluatie", EvaluatieForm, Status.LOPEND),
        actie("traject_afronden", AfrondenForm, Status.LOPEND),
        actie("traject_stopzetten", RedenForm, Status.IN_BEHANDELING),
        actie("traject_heropenen", RedenForm, Status.AFGEROND),
        actie("traject_toewijzen", ToewijzingForm, Status.LOPEND),
        actie(
            "traject_afspraken",
            AfsprakenForm,
            Status.LOPEND,
            hints=lambda c: {
                "versie": st.sampled_from([str(_vers(Traject, c.traject.pk).versie)]),
                "intensiteit_minuten": duur(6000),
            },
        ),
        actie("traject_betrokkene", BetrokkeneForm, Status.LOPEND),
        actie(
            "traject_tijd",
            TijdForm,
            Status.LOPEND,
            rol=Rol.ONDERSTEUNER,
            hints=lambda c: {"minuten": duur(600)},
            schermen=(Scherm("traject_tijd", lambda c: {"pk": c.traject.pk}, rol=Rol.ONDERSTEUNER), tijd_rij),
        ),
        *regelgevallen,
        *_dagblad(duur),
        *_bezoek_gedaan(),
        Geval(
            "een verwijderde logboekregel terugzetten",
            HerstelForm,
            met_regel,
            lambda c, d: HerstelForm(d),
            lambda c, f: services.logboekregel_herstellen(
                door=c.anker, traject=_vers(Traject, c.traject.pk), sleutel=f.cleaned_data["sleutel"]
            ),
            hints=lambda c: {"sleutel": st.just(c.sleutel)},
            schermen=(
                Scherm("traject_logboek_herstellen", lambda c: {"pk": c.traject.pk}, rol=Rol.ONDERSTEUNER),
            ),
        ),
        Geval(
            "verzoek om een leerling te wissen",
            WisverzoekForm,
            wisbaar,
            lambda c, d: WisverzoekForm(d),
            lambda c, f: privacy.wissing_aanvragen(
                door=c.coordinator,
                leerling=_vers(Leerling, c.traject.leerling_id),
                reden=f.cleaned_data["reden"],
            ),
            schermen=(Scherm("leerling_wissen", lambda c: {"pk": c.traject.leerling_id}),),
        ),
        Geval(
            "beslissing over een wisverzoek",
            WisbeslissingForm,
            _ctx(verzoek=lambda w: w.eigen_wisverzoek),
            lambda c, d: WisbeslissingForm(d),
            lambda c, f: privacy.wissing_beslissen(
                door=c.coordinator,
                verzoek=_vers(Wisverzoek, c.verzoek.pk),
                goedkeuren=f.cleaned_data["beslissing"] == "goedkeuren",
                toelichting=f.cleaned_data["toelichting"],
            ),
            schermen=(Scherm("wisverzoek_beslissen", lambda c: {"pk": c.verzoek.pk}),),
        ),
        Geval(
            "afsluitvragen van de school",
            AfsluitvragenForm,
            afsluitvraag,
            lambda c, d: AfsluitvragenForm(d),
            lambda c, f: services.afsluitvragen_beantwoorden(sleutel=c.sleutel, **f.cleaned_data),
            schermen=(Scherm("afsluitvragen", lambda c: {"sleutel": c.sleutel}, rol=None),),
        ),
    ]


def _capaciteit() -> list[Geval]:

    def envelop(w):
        c = _ctx()(w)
        c.envelop = Envelop.objects.get(lsc=w.lsc, schooljaar=huidig_schooljaar())
        return c

    def envelop_bewaren(c, f):
        envelop = _vers(Envelop, c.envelop.pk)
        bewaard = capaciteit_services.envelop_bewaren(
            door=c.coordinator,
            envelop=envelop,
            gegevens=f.gegevens(),
            stand=f.cleaned_data["stand"],
            afleiden=f.cleaned_data["afleiden"],
        )
        with contextlib.suppress(VerdelingFout):  # the page shows it as the reason there is no preview
            capaciteit_services.verdeling_berekenen(bewaard)

    def twee_scholen(w):
        """A second school in the LSC's published frames: hours can only move between two."""
        tweede = factories.SchoolFactory(naam="School Tweede")
        factories.BedieningFactory(lsc=w.lsc, school=tweede, regioteam=w.regioteam)
        factories.CijfersFactory(school=tweede)
        c = envelop(w)
        c.verdeling = capaciteit_services.verdeling_publiceren(door=c.coordinator, envelop=c.envelop)
        return c

    def herverdeling(c, d):
        kaders = queries.tijdskaders_van(_vers(Verdeling, c.verdeling.pk))
        return HerverdelingForm(d, scholen=[(k.school_id, k.school.naam) for k in kaders])

    return [
        Geval(
            "envelop en verdeelsleutel",
            EnvelopForm,
            envelop,
            lambda c, d: EnvelopForm(d, instance=_vers(Envelop, c.envelop.pk)),
            envelop_bewaren,
            hints=lambda c: {"stand": st.just(capaciteit_services.envelop_stand(c.envelop))},
            schermen=(Scherm("capaciteit_planning"),),
        ),
        Geval(
            "uren herverdelen",
            HerverdelingForm,
            twee_scholen,
            herverdeling,
            lambda c, f: capaciteit_services.uren_verschuiven(
                door=c.coordinator,
                verdeling=queries.versie_gezien(
                    _vers(Verdeling, c.verdeling.pk), f.cleaned_data["verdeling"]
                ),
                van_school_id=f.cleaned_data["van"],
                naar_school_id=f.cleaned_data["naar"],
                uren=f.cleaned_data["uren"],
                reden=f.cleaned_data["reden"],
                gezien=f.cleaned_data["gezien"],
            ),
            hints=lambda c: {
                naam: st.just("" if waarde is None else str(waarde))
                for naam, waarde in capaciteit_services.herverdeling_stand(c.verdeling).items()
            },
            schermen=(Scherm("capaciteit_herverdelen"),),
        ),
        Geval(
            "instellingen van de weekplanning",
            WeekplanInstellingenForm,
            _ctx(),
            lambda c, d: WeekplanInstellingenForm.met_waarden(data=d),
            lambda c, f: weekplannen.weekplan_voorstellen(
                door=c.coordinator,
                lsc_id=c.w.lsc.pk,
                schooljaar=huidig_schooljaar(),
                instellingen=f.instellingen(),
            ),
            weigeringen=(weekplannen.WeekplanFout,),
            schermen=(Scherm("weekplan_voorstellen"),),
        ),
        Geval(
            "een bezoek verplaatsen, ruilen of vastzetten, een week vastzetten",
            None,
            _ctx(),
            ruw=lambda c: {
                "dag": st.one_of(st.integers(-2, 12).map(str), vreemde_tekst()),
                "vast": st.sampled_from(["1", "0", "", "²"]),
                "filters": st.one_of(st.just("regioteam=1&school=2"), vreemde_tekst()),
                "ondersteuner": st.one_of(st.integers(-2, 10**9).map(str), vreemde_tekst()),
                "met": st.one_of(st.integers(-2, 10**9).map(str), vreemde_tekst()),
                "terug": st.sampled_from(["regel", "", "²"]),
            },
            schermen=(
                *(
                    Scherm(url, lambda c: {"pk": c.w.eigen_weekplan.regels.first().pk})
                    for url in (
                        "weekplan_regel_verplaatsen",
                        "weekplan_regel_vastzetten",
                        "weekplan_regel_ruilen",
                    )
                ),
                Scherm("weekplan_week_vastzetten", lambda c: {"pk": c.w.eigen_weekplan.pk}),
            ),
        ),
        Geval(
            "een bezoek op een datum wijzigen",
            PlanwijzigingForm,
            _ctx(regel=_gepubliceerde_regel),
            lambda c, d: PlanwijzigingForm(
                d,
                scholen=planwijzigingen.scholen_van_lsc(c.w.lsc.pk),
                ondersteuners=queries.actieve_ondersteuners(c.w.lsc.pk),
            ),
            _planwijziging_bewaren,
            weigeringen=(weekplannen.WeekplanFout,),
            schermen=(Scherm("weekplan_regel_wijzigen", lambda c: {"pk": c.regel.pk}),),
        ),
        Geval(
            "een afwezigheid op het weekplan op datum",
            WeekplanAfwezigheidForm,
            _ctx(regel=_gepubliceerde_regel),
            lambda c, d: WeekplanAfwezigheidForm(d, ondersteuners=queries.actieve_ondersteuners(c.w.lsc.pk)),
            lambda c, f: planwijzigingen.afwezigheid_invoeren(
                door=c.coordinator,
                plan=c.regel.weekplan,
                ondersteuner=_vers(Ondersteuner, f.cleaned_data["ondersteuner"]),
                **{k: v for k, v in f.cleaned_data.items() if k != "ondersteuner"},
            ),
            schermen=(Scherm("weekplan_afwezigheid"),),
        ),
        Geval(
            "een verdeling publiceren",
            PublicatieForm,
            _ctx(
                envelop=lambda w: w.eigen_verdeling.envelop,
                verschuivingen=lambda w: list(w.eigen_verdeling.herverdelingen.values_list("pk", flat=True)),
            ),
            lambda c, d: PublicatieForm(d, verschuivingen=c.verschuivingen),
            lambda c, f: capaciteit_services.verdeling_publiceren(
                door=c.coordinator,
                envelop=_vers(Envelop, c.envelop.pk),
                stand=f.cleaned_data["stand"] or None,
                gezien=f.cleaned_data["gezien"],
                vervallen=f.vervallen(),
                uitkomst=f.cleaned_data["uitkomst"] or None,
            ),
            schermen=(Scherm("capaciteit_publiceren", vast={"schooljaar": str(huidig_schooljaar())}),),
        ),
        Geval(
            "de jaarovergang",
            JaarovergangForm,
            _ctx(),
            lambda c, d: JaarovergangForm(d),
            lambda c, f: jaarovergang_uitvoeren(
                door=c.coordinator,
                lsc=c.w.lsc,
                van=huidig_schooljaar(),
                stand=f.cleaned_data["stand"],
                envelop_uren=f.cleaned_data["envelop_uren"],
            ),
            hints=lambda c: {
                "stand": st.just(overgangsplan(lsc_id=c.w.lsc.pk, van=huidig_schooljaar()).stand)
            },
            schermen=(Scherm("capaciteit_jaarovergang"),),
        ),
    ]


def _overleg() -> list[Geval]:

    def onderdeel(deel):
        def klaarzetten(w):
            c = _ctx()(w)
            c.overleg = _overleg_in(w, sorted(deel.statussen)[0])
            return c

        return Geval(
            f"onderdeel {deel.naam}",
            OnderdeelForm,
            klaarzetten,
            lambda c, d: onderdeel_form(deel.velden)(d),
            lambda c, f: overleg_services.onderdeel_bewaren(
                door=c.coordinator,
                overleg=_vers(Schoolbeeldoverleg, c.overleg.pk),
                onderdeel=deel,
                versie=f.cleaned_data["versie"],
                stand=f.cleaned_data["stand"],
                gegevens=f.gegevens(),
            ),
            weigeringen=(OverlegFout,),
            hints=lambda c: {
                "versie": st.just(str(c.overleg.versie)),
                "stand": st.just(onderdeel_stand(c.overleg, deel.velden)),
            },
            schermen=(
                Scherm("overleg_onderdeel", lambda c: {"pk": c.overleg.pk, "onderdeel": deel.naam}),
                # The supporter's way in is the same view: once is enough.
                *(
                    [
                        Scherm(
                            "overleg_onderdeel",
                            lambda c: {"pk": c.overleg.pk, "onderdeel": deel.naam},
                            rol=Rol.ONDERSTEUNER,
                        )
                    ]
                    if deel.naam == "verslag"
                    else []
                ),
            ),
        )

    def versie(status, url, doen):
        def klaarzetten(w):
            c = _ctx()(w)
            c.overleg = _overleg_in(w, status)
            return c

        return Geval(
            f"{url} ({status})",
            VersieForm,
            klaarzetten,
            lambda c, d: VersieForm(d),
            lambda c, f: doen(
                door=c.coordinator,
                overleg=_vers(Schoolbeeldoverleg, c.overleg.pk),
                versie=f.cleaned_data["versie"],
            ),
            weigeringen=(OverlegFout,),
            hints=lambda c: {"versie": st.just(str(c.overleg.versie))},
            schermen=(Scherm(url, lambda c: {"pk": c.overleg.pk}),),
        )

    def afspraak(w):
        c = _ctx()(w)
        c.overleg = w.eigen_overleg
        c.afspraak = w.eigen_overleg.afspraken.get()
        return c

    def afspraak_formulier(c, d, *, bewerken):
        overleg = _vers(Schoolbeeldoverleg, c.overleg.pk)
        extra = {"vorige_tegen": c.afspraak.tegen} if bewerken else {}
        return AfspraakForm(d, eigenaars=eigenaars_van(overleg), **extra)

    def sjabloon(soort):
        return Geval(
            f"sjabloon {soort}",
            SjabloonForm,
            _ctx(),
            lambda c, d: SjabloonForm(d),
            lambda c, f: sjablonen.sjabloon_bewaren(
                door=c.coordinator, lsc=c.w.lsc, soort=soort, **f.cleaned_data
            ),
            schermen=(Scherm("sjabloon_bewerken", lambda c: {"soort": soort}),),
        )

    return [
        *(onderdeel(deel) for deel in overleg_services.ONDERDELEN.values()),
        versie(OverlegStatus.UITGENODIGD, "overleg_gehouden", overleg_services.overleg_gehouden),
        versie(OverlegStatus.GEHOUDEN, "overleg_delen", overleg_services.verslag_delen_zoals_gezien),
        versie(OverlegStatus.UITGENODIGD, "overleg_annuleren", overleg_services.overleg_annuleren),
        Geval(
            "nieuwe afspraak",
            AfspraakForm,
            afspraak,
            lambda c, d: afspraak_formulier(c, d, bewerken=False),
            lambda c, f: overleg_services.afspraak_toevoegen(
                door=c.coordinator,
                overleg=c.overleg,
                omschrijving=f.cleaned_data["omschrijving"],
                eigenaar_id=f.cleaned_data["eigenaar"],
                tegen=f.cleaned_data["tegen"],
            ),
            schermen=(Scherm("overleg_afspraak_nieuw", lambda c: {"pk": c.overleg.pk}),),
        ),
        Geval(
            "afspraak bewerken",
            AfspraakForm,
            afspraak,
            lambda c, d: afspraak_formulier(c, d, bewerken=True),
            lambda c, f: overleg_services.afspraak_wijzigen(
                door=c.coordinator,
                afspraak=_vers(Afspraak, c.afspraak.pk),
                stand=f.cleaned_data["stand"],
                omschrijving=f.cleaned_data["omschrijving"],
                eigenaar_id=f.cleaned_data["eigenaar"],
                tegen=f.cleaned_data["tegen"],
            ),
            weigeringen=(OverlegFout,),
            hints=lambda c: {"stand": st.just(afspraak_stand(c.afspraak))},
            schermen=(
                Scherm("afspraak_bewerken", lambda c: {"pk": c.afspraak.pk}),
                Scherm("afspraak_bewerken", lambda c: {"pk": c.afspraak.pk}, rol=Rol.ONDERSTEUNER),
            ),
        ),
        Geval(
            "aanwezigheden",
            AanwezigheidForm,
            _ctx(overleg=lambda w: w.eigen_overleg),
            lambda c, d: AanwezigheidForm(
                d, deelnemers=deelnemers_van(_vers(Schoolbeeldoverleg, c.overleg.pk))[0]
            ),
            lambda c, f: overleg_services.aanwezigheid_bewaren(
                door=c.coordinator,
                overleg=_vers(Schoolbeeldoverleg, c.overleg.pk),
                aanwezig=set(f.cleaned_data["aanwezig"]),
            ),
            weigeringen=(OverlegFout,),
            schermen=(Scherm("overleg_aanwezig", lambda c: {"pk": c.overleg.pk}),),
        ),
        *(sjabloon(soort) for soort in Sjabloonsoort.values),
        Geval(
            "voorbeeld van een sjabloon",
            None,
            _ctx(),
            ruw=lambda c: {"tekst": vreemde_tekst(3_000), "titel": vreemde_tekst()},
            schermen=tuple(
                Scherm("sjabloon_voorbeeld", lambda c, s=soort: {"soort": s})
                for soort in Sjabloonsoort.values
            ),
        ),
        Geval(
            "uitnodigingen voor gekozen scholen",
            None,
            _ctx(),
            ruw=lambda c: {
                "overleg": st.lists(
                    st.one_of(
                        st.sampled_from([str(c.w.eigen_overleg.pk), str(c.w.vreemd_overleg.pk)]),
                        vreemde_tekst(),
                    ),
                    max_size=3,
                ),
                "alle_klaar": st.sampled_from(["", "1", "\x00"]),
            },
            schermen=(Scherm("overleg_uitnodigen"),),
        ),
        Geval(
            "een afspraak afronden of verwijderen",
            None,
            afspraak,
            ruw=lambda c: {
                "stand": st.one_of(st.just(afspraak_stand(c.afspraak)), vreemde_tekst()),
                "vanuit": st.sampled_from(["home", "", "\x00"]),
            },
            schermen=(
                Scherm("afspraak_afronden", lambda c: {"pk": c.afspraak.pk}, rol=Rol.ONDERSTEUNER),
                Scherm("afspraak_verwijderen", lambda c: {"pk": c.afspraak.pk}),
            ),
        ),
    ]


def _aanmelden() -> list[Geval]:
    """The way in (allauth's form, the one form of the app that anyone can send)."""
    return [
        Geval(
            "aanmelden",
            None,
            _ctx(),
            ruw=lambda c: {
                "login": st.one_of(st.just("coordinator@proef.example"), st.emails(), vreemde_tekst()),
                "password": st.one_of(st.just("wachtwoord-test"), vreemde_tekst()),
                "remember": st.sampled_from(["on", "", "\x00"]),
            },
            schermen=(Scherm("account_login", rol=None),),
        )
    ]


def _focus() -> list[Geval]:
    """Focus teams, colleagues and the intervisie (trajecten/views/focus.py), as the world's anchor: on a
    running trajectory of their school; a question to focus team ASS, of which the world's focus colleague
    is a member (and the anchor too, to take one)."""

    def klaar(*, vraag: bool = False, genomen: bool = False, collegavraag: bool = False):
        def klaarzetten(w):
            c = _ctx()(w)
            c.traject = _traject(w, Status.LOPEND)
            Ondersteuner.objects.filter(pk=w.anker.pk).update(focusteams=["ass"])
            c.anker, c.coach = _vers(Gebruiker, w.anker.gebruiker_id), w.gebruikers[Rol.TEAMCOACH]
            if vraag or genomen:
                c.vraag = focus.focus_vragen(
                    door=c.coordinator, traject=c.traject, focus="ass", vraag="Rust?"
                )
            if genomen:
                focus.focusvraag_nemen(door=w.focuscollega.gebruiker, vraag=c.vraag)
            if collegavraag:
                c.collegavraag = Collegavraag.objects.create(
                    traject=c.traject,
                    lsc=w.lsc,
                    gesteld_door=w.focuscollega.gebruiker,
                    aan=c.anker,
                    vraag="Hoe pak jij dit aan?",
                )
            return c

        return klaarzetten

    traject = lambda c: {"pk": c.traject.pk}  # noqa: E731
    vraag = lambda c: {"pk": c.vraag.pk}  # noqa: E731
    return [
        Geval(
            "focusteam inroepen",
            FocusvraagForm,
            klaar(),
            lambda c, d: FocusvraagForm(d),
            lambda c, f: focus.focus_vragen(
                door=c.anker, traject=_vers(Traject, c.traject.pk), **f.cleaned_data
            ),
            schermen=(Scherm("traject_focus_inroepen", traject, rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "focusvraag nemen",
            EindeForm,
            klaar(vraag=True),
            lambda c, d: EindeForm(d),
            lambda c, f: focus.focusvraag_nemen(
                door=c.anker, vraag=_vers(Focusvraag, c.vraag.pk), einde=f.cleaned_data["einde"]
            ),
            schermen=(Scherm("focusvraag_nemen", vraag, rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "focusvraag toewijzen",
            ToewijzenForm,
            klaar(vraag=True),
            lambda c, d: ToewijzenForm(d, vraag=_vers(Focusvraag, c.vraag.pk)),
            lambda c, f: focus.focusvraag_toewijzen(
                door=c.coach, vraag=_vers(Focusvraag, c.vraag.pk), **f.cleaned_data
            ),
            schermen=(Scherm("focusvraag_toewijzen", vraag, rol=Rol.TEAMCOACH),),
        ),
        Geval(
            "focusdeel beeindigen",
            OverdrachtForm,
            klaar(genomen=True),
            lambda c, d: OverdrachtForm(d),
            lambda c, f: focus.focusdeel_beeindigen(
                door=c.anker, vraag=_vers(Focusvraag, c.vraag.pk), **f.cleaned_data
            ),
            schermen=(Scherm("focusdeel_beeindigen", vraag, rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "een collega iets vragen",
            CollegavraagForm,
            klaar(),
            lambda c, d: CollegavraagForm(d, lsc_id=c.w.lsc.pk, door=c.anker),
            lambda c, f: focus.collegavraag_stellen(
                door=c.anker, traject=_vers(Traject, c.traject.pk), **f.cleaned_data
            ),
            schermen=(Scherm("traject_collegavraag", traject, rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "een collega antwoorden",
            CollegaAntwoordForm,
            klaar(collegavraag=True),
            lambda c, d: CollegaAntwoordForm(d),
            lambda c, f: focus.collegavraag_beantwoorden(
                door=c.anker, vraag=_vers(Collegavraag, c.collegavraag.pk), **f.cleaned_data
            ),
            schermen=(
                Scherm("collegavraag_antwoord", lambda c: {"pk": c.collegavraag.pk}, rol=Rol.ONDERSTEUNER),
            ),
        ),
        Geval(
            "intervisie",
            IntervisieForm,
            klaar(),
            lambda c, d: IntervisieForm(d),
            lambda c, f: focus.intervisie_agenderen(door=c.anker, **f.cleaned_data),
            schermen=(Scherm("intervisie", rol=Rol.ONDERSTEUNER),),
        ),
    ]


# The school's own request (issue 19), submitted by its care staff; the PDF is fuzzed in
# tests/trajecten/test_schoolaanvraag.py.
def _schoolaanvraag() -> list[Geval]:
    return [
        Geval(
            "aanvraag van de school",
            SchoolaanvraagForm,
            _ctx(zorg=lambda w: w.gebruikers[Rol.ZORG]),
            lambda c, d: SchoolaanvraagForm(d),
            lambda c, f: aanvraag._indienen(SimpleNamespace(user=c.zorg), c.w.eigen_school, f),
            schermen=(Scherm("aanvraag_nieuw", lambda c: {"school_pk": c.w.eigen_school.pk}, rol=Rol.ZORG),),
        )
    ]


# ---- The school's dossier (issue 19): its filter on the school's trajectories, read in place by GET.


def _dossier() -> list[Geval]:
    return [
        Geval(
            "filter op de trajecten van een school",
            SchoolTrajectFilterForm,
            _ctx(),
            lambda c, d: SchoolTrajectFilterForm(d),
            lambda c, f: list(trajecten_van_school(c.coordinator, c.w.eigen_school, f.filters())),
            schermen=(
                Scherm("school_dossier", lambda c: {"pk": c.w.eigen_school.pk}, methode="get"),
                Scherm("school_dossier", lambda c: {"pk": c.w.eigen_school.pk}, methode="get", rol=Rol.ZORG),
            ),
        ),
    ]


# ---- end of the dossier's block


# ------------------------------------------------ issue 19: afstemmingsgesprek and concerns (own block)


def _afstemming_en_bezorgdheid() -> list[Geval]:
    def ctx(w):
        c = _ctx()(w)
        c.zorg, c.anker, c.school = w.gebruikers[Rol.ZORG], w.anker.gebruiker, w.eigen_school
        c.gesprek, c.bezorgdheid = w.eigen_afstemming, w.eigen_bezorgdheid
        return c

    morgen = (timezone.localtime() + dt.timedelta(days=8)).strftime("%Y-%m-%dT10:00")
    return [
        Geval(
            "afstemmingsgesprek vragen",
            AfstemmingVragenForm,
            ctx,
            lambda c, d: AfstemmingVragenForm(d, lscs=list(afstemming.lscs_om_te_vragen(c.zorg, c.school))),
            lambda c, f: afstemming.afstemming_vragen(
                door=c.zorg,
                school=c.school,
                lsc=c.w.lsc,
                **{k: v for k, v in f.cleaned_data.items() if k != "lsc"},
            ),
            weigeringen=(OverlegFout,),
            hints=lambda c: {"lsc": st.just(str(c.w.lsc.pk))},
            schermen=(Scherm("afstemming_vragen", lambda c: {"school_pk": c.school.pk}, rol=Rol.ZORG),),
        ),
        Geval(
            "afstemmingsgesprek plannen",
            AfstemmingPlannenForm,
            ctx,
            lambda c, d: AfstemmingPlannenForm(d, kandidaten=afstemming.kandidaten(c.gesprek)),
            lambda c, f: afstemming.afstemming_plannen(
                door=c.anker,
                gesprek=_vers(Afstemmingsgesprek, c.gesprek.pk),
                deelnemer_ids=f.cleaned_data["deelnemers"],
                **{k: v for k, v in f.cleaned_data.items() if k != "deelnemers"},
            ),
            weigeringen=(OverlegFout,),
            hints=lambda c: {
                "versie": st.just(str(c.gesprek.versie)),
                "datum": st.just(morgen),
                "deelnemers": st.just([str(c.zorg.pk)]),
            },
            schermen=(Scherm("afstemming_plannen", lambda c: {"pk": c.gesprek.pk}, rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "afstemmingsgesprek afsluiten",
            AfstemmingAfsluitenForm,
            ctx,
            lambda c, d: AfstemmingAfsluitenForm(d),
            lambda c, f: afstemming.afstemming_afsluiten(
                door=c.anker, gesprek=_vers(Afstemmingsgesprek, c.gesprek.pk), **f.cleaned_data
            ),
            weigeringen=(OverlegFout,),
            hints=lambda c: {"versie": st.just(str(c.gesprek.versie))},
            schermen=(Scherm("afstemming_afsluiten", lambda c: {"pk": c.gesprek.pk}, rol=Rol.ONDERSTEUNER),),
        ),
        Geval(
            "bezorgdheid melden",
            BezorgdheidForm,
            ctx,
            lambda c, d: BezorgdheidForm(
                d, ondersteuners=list(bezorgdheid.ondersteuners_voor(c.zorg, c.school))
            ),
            lambda c, f: bezorgdheid.bezorgdheid_melden(
                door=c.zorg,
                school=c.school,
                ondersteuner_id=f.cleaned_data["ondersteuner"],
                **{k: v for k, v in f.cleaned_data.items() if k != "ondersteuner"},
            ),
            weigeringen=(OverlegFout,),
            hints=lambda c: {"ondersteuner": st.just(str(c.w.anker.pk))},
            schermen=(Scherm("zorg_melden", lambda c: {"school_pk": c.school.pk}, rol=Rol.ZORG),),
        ),
        Geval(
            "bezorgdheid afhandelen",
            AfhandelingForm,
            ctx,
            lambda c, d: AfhandelingForm(d),
            lambda c, f: bezorgdheid.bezorgdheid_afhandelen(
                door=c.anker, bezorgdheid=_vers(Bezorgdheid, c.bezorgdheid.pk), **f.cleaned_data
            ),
            weigeringen=(OverlegFout,),
            schermen=(
                Scherm("bezorgdheid_afhandelen", lambda c: {"pk": c.bezorgdheid.pk}, rol=Rol.ONDERSTEUNER),
            ),
        ),
    ]


# The team (issue 20, part 4): the staff list's filters, assignment changes, leave, the leaving step ------


def _team() -> list[Geval]:
    def vertrekformulier(c, d):
        anker = _vers(Ondersteuner, c.w.anker.pk)
        return VertrekForm(
            d,
            kandidaten=list(vertrek.opvolgers_mogelijk(anker, uit_dienst_op=timezone.localdate())),
            items=[
                (vertrek.anker_sleutel(a), vertrek.anker_omschrijving(a))
                for a in vertrek.ankers_van_vertrekker(anker)
            ],
        )

    def vertrekken(c, f):
        vertrek.vertrek_verwerken(
            door=c.coordinator,
            ondersteuner=_vers(Ondersteuner, c.w.anker.pk),
            uit_dienst_op=f.cleaned_data["uit_dienst_op"],
            opvolgers=f.opvolgers(),
        )

    def collega(w):
        return factories.OndersteunerFactory(lsc=w.lsc, regioteam=w.regioteam, gebruiker__naam="Collega Team")

    return [
        Geval(
            "filter op het team",
            TeamfilterForm,
            _ctx(),
            lambda c, d: TeamfilterForm(d, regioteams=regioteams_zichtbaar_voor(c.coordinator)),
            lambda c, f: team.teamrijen(c.coordinator, f.cleaned_data),
            schermen=(
                Scherm("team_lijst", methode="get"),
                Scherm("team_export", lambda c: {"formaat": "xlsx"}, methode="get"),
            ),
        ),
        Geval(
            "opdrachtwijziging",
            OpdrachtwijzigingForm,
            _ctx(),
            lambda c, d: OpdrachtwijzigingForm(d),
            lambda c, f: netwerk_services.opdracht_wijzigen(
                door=c.coordinator, ondersteuner=_vers(Ondersteuner, c.w.anker.pk), **f.cleaned_data
            ),
            schermen=(
                Scherm("team_ondersteuner", lambda c: {"pk": c.w.anker.pk}, vast={"formulier": "opdracht"}),
            ),
        ),
        Geval(
            "afwezigheid",
            AfwezigheidForm,
            _ctx(),
            lambda c, d: AfwezigheidForm(d),
            lambda c, f: netwerk_services.afwezigheid_registreren(
                door=c.coordinator, ondersteuner=_vers(Ondersteuner, c.w.anker.pk), **f.cleaned_data
            ),
            schermen=(
                Scherm("team_ondersteuner", lambda c: {"pk": c.w.anker.pk}, vast={"formulier": "afwezig"}),
            ),
        ),
        Geval(
            "vertrek met overdracht",
            VertrekForm,
            _ctx(collega=collega),
            vertrekformulier,
            vertrekken,
            schermen=(Scherm("team_vertrek", lambda c: {"pk": c.w.anker.pk}),),
        ),
    ]


# --- issue 20 part 4: professional development (own block) ------------------------------------------------
_SESSIEBEHEER = {
    "sessies-TOTAL_FORMS": "1",
    "sessies-INITIAL_FORMS": "0",
    "sessies-MIN_NUM_FORMS": "0",
    "sessies-MAX_NUM_FORMS": "1000",
}


def _vorming_van(w) -> Vorming:
    vorming, _ = Vorming.objects.get_or_create(lsc=w.lsc, titel="Fuzz", defaults={"soort": "communicatie"})
    if not vorming.sessies.exists():
        vorming.sessies.create(datum=timezone.localdate(), van=dt.time(9), tot=dt.time(12), plaats="Gent")
    return vorming


def _vormingsvelden(c) -> dict:
    vorming = c.vorming
    return {"titel": vorming.titel, "soort": vorming.soort}


def _vorming() -> list[Geval]:
    def met_inschrijving(w):
        vorming = _vorming_van(w)
        inschrijving, _ = Inschrijving.objects.get_or_create(vorming=vorming, ondersteuner=w.anker)
        return inschrijving

    def aanwezigheidsformulier(c, d):
        vorming = _vorming_van(c.w)
        sessies = list(vorming.sessies.order_by("datum", "van", "pk"))
        rijen = vorming_dienst.aanwezigheidsrijen(
            vorming, sessies, vorming_dienst.inschrijvingen_van(vorming)
        )
        return AanwezigheidVormingForm(d, rijen=rijen, sessies=sessies)

    def sessie_bewaren(c, f):
        sessie = f.save(commit=False)
        sessie.vorming = _vorming_van(c.w)
        sessie.save()

    def moment_bewaren(c, f):
        moment = f.save(commit=False)
        moment.ondersteuner = _vers(Ondersteuner, c.w.anker.pk)
        vorming_dienst.coachingsmoment_bewaren(door=c.w.gebruikers[Rol.TEAMCOACH], moment=moment)

    vorming_kwargs = lambda c: {"pk": _vorming_van(c.w).pk}  # noqa: E731
    anker_kwargs = lambda c: {"pk": c.w.anker.pk}  # noqa: E731
    return [
        Geval(
            "een vorming",
            VormingForm,
            _ctx(vorming=_vorming_van),
            lambda c, d: VormingForm(d, instance=_vers(Vorming, c.vorming.pk)),
            lambda c, f: f.save(),
            schermen=(
                Scherm("vorming_nieuw", vast={**_SESSIEBEHEER, "sessies-TOTAL_FORMS": "0"}),
                Scherm(
                    "vorming_bewerken", vorming_kwargs, vast={**_SESSIEBEHEER, "sessies-TOTAL_FORMS": "0"}
                ),
            ),
        ),
        Geval(
            "een sessie van een vorming",
            SessieForm,
            _ctx(vorming=_vorming_van),
            lambda c, d: SessieForm(d, prefix="sessies-0"),
            sessie_bewaren,
            schermen=(
                Scherm("vorming_nieuw", vast={**_SESSIEBEHEER, "titel": "Fuzz nieuw", "soort": "coaching"}),
            ),
        ),
        Geval(
            "een collega inschrijven",
            InschrijvenForm,
            _ctx(inschrijving=met_inschrijving),
            lambda c, d: InschrijvenForm(d, lsc_id=c.w.lsc.pk),
            lambda c, f: vorming_dienst.inschrijven(
                door=c.coordinator, vorming=_vorming_van(c.w), ondersteuner=f.cleaned_data["ondersteuner"]
            ),
            schermen=(Scherm("vorming_inschrijven", vorming_kwargs),),
        ),
        Geval(
            "een collega uitschrijven",
            None,
            _ctx(inschrijving=met_inschrijving),
            ruw=lambda c: {"ondersteuner": st.one_of(st.just(str(c.w.anker.pk)), vreemde_tekst())},
            schermen=(Scherm("vorming_uitschrijven", vorming_kwargs),),
        ),
        Geval(
            "aanwezigheid op een vorming",
            AanwezigheidVormingForm,
            _ctx(inschrijving=met_inschrijving),
            aanwezigheidsformulier,
            lambda c, f: vorming_dienst.aanwezigheid_registreren(
                door=c.coordinator, vorming=_vorming_van(c.w), statussen=f.statussen()
            ),
            schermen=(Scherm("vorming_aanwezigheid", vorming_kwargs),),
        ),
        Geval(
            "groeifocus",
            GroeifocusForm,
            _ctx(),
            lambda c, d: GroeifocusForm(d, instance=_vers(Ondersteuner, c.w.anker.pk)),
            lambda c, f: f.save(),
            schermen=(
                Scherm("groeifocus", anker_kwargs, rol=Rol.ONDERSTEUNER),
                Scherm("groeifocus", anker_kwargs, rol=Rol.TEAMCOACH),
            ),
        ),
        Geval(
            "coachingsmoment",
            CoachingsmomentForm,
            _ctx(),
            lambda c, d: CoachingsmomentForm(d),
            moment_bewaren,
            schermen=(Scherm("coaching_lijst", anker_kwargs, rol=Rol.TEAMCOACH),),
        ),
    ]


GEVALLEN: list[Geval] = [
    *_dossier(),
    *_netwerk(),
    *_scholen(),
    *_trajecten(),
    *_focus(),
    *_capaciteit(),
    *_overleg(),
    *_aanmelden(),
    *_schoolaanvraag(),
    *_afstemming_en_bezorgdheid(),
    *_team(),
    *_vorming(),
]
VORMGEVALLEN = [g for g in GEVALLEN if g.klasse is not None]
SCHERMGEVALLEN = [(g, s) for g in GEVALLEN for s in g.schermen]

# Bases that only give their subclasses a shape: never a form on a page themselves.
# Base classes, fuzzed through their subclasses (overleg's Schooldagen: the part and agreement forms).
BASISKLASSEN = {
    "trajecten.forms.FilterForm",
    "trajecten.forms.TrajectForm",
    "trajecten.forms.AfsprakenVelden",  # the fields StartForm and AfsprakenForm share; both are fuzzed
    "trajecten.forms.TijdVelden",  # the fields TijdForm and DagregelForm share; both are fuzzed
    "overleg.forms.Schooldagen",
}

# URLs whose only input is the object in the path: they are POSTed empty by the role table and their
# paths are fuzzed below (`test_paden_met_vreemde_nummers`).
ZONDER_INVOER = {
    "anker_verwijderen",
    "vorming_annuleren",  # issue 20 part 4
    "coaching_detail",  # issue 20 part 4: the same form as coaching_lijst, fuzzed there
    "dagblad_ongedaan",
    "meldingen_gelezen",
    "mijn_week_nieuwe_link",
    "overleg_batch_opnieuw",
    "overleg_plannen",
    "overleg_uitnodigen_een",
    "sjabloon_herstellen",
    "weekplan_afwezigheid_verwijderen",
    "weekplan_opnieuw",
    "weekplan_publiceren",
}


# --------------------------------------------------------------------------------------- what counts


def _formklassen() -> dict[str, type]:
    """Every form class the project's apps define, by dotted name, found by importing their modules."""
    for app in APPS:
        pakket = importlib.import_module(app)
        for module in pkgutil.walk_packages(pakket.__path__, prefix=f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    gevonden, te_doen = {}, [forms.BaseForm]
    while te_doen:
        klasse = te_doen.pop()
        te_doen.extend(klasse.__subclasses__())
        module = inspect.getmodule(klasse)
        # Classes made at run time (onderdeel_form) are not module attributes: their base is the case.
        if klasse.__module__.split(".")[0] in APPS and getattr(module, klasse.__name__, None) is klasse:
            gevonden[_naam(klasse)] = klasse
    return gevonden


def _naam(klasse) -> str:
    return f"{klasse.__module__}.{klasse.__qualname__}"


def test_elke_formulierklasse_heeft_een_fuzzgeval():

    gedekt = {_naam(g.klasse) for g in VORMGEVALLEN} | {_naam(k) for k in BESTANDSFORMULIEREN} | BASISKLASSEN
    zonder = sorted(set(_formklassen()) - gedekt)
    assert zonder == [], f"formulieren zonder fuzzgeval in tests/dwars/test_fuzz_formulieren.py: {zonder}"
    assert len(_formklassen()) >= 30


def test_elk_formulier_volgt_de_invoerregels():
    """A new form starts from netwerk.invoer.Invoerregels, or this fails: one rule for every form."""
    zonder = sorted(naam for naam, klasse in _formklassen().items() if not issubclass(klasse, Invoerregels))
    assert zonder == []


@pytest.mark.django_db
def test_tekst_van_een_regel_weigert_regeleinden_en_stuurtekens(wereld_met_overleg):
    """Every one-line text field of every form refuses a line break and a control character, in Dutch;
    a text area keeps its line breaks."""
    gecontroleerd = 0
    for geval in VORMGEVALLEN:
        ctx = geval.klaarzetten(wereld_met_overleg)
        leeg = geval.formulier(ctx, None)
        for naam, veld in leeg.fields.items():
            if not isinstance(veld, forms.CharField):
                continue
            for tekst in ("Twee\nregels", "Een\x1bescape"):
                if not is_een_regel(veld) and "\x1b" in tekst:
                    continue  # a text area is not held to one line
                with savepoint():
                    formulier = geval.formulier(ctx, MultiValueDict({leeg.add_prefix(naam): [tekst]}))
                    formulier.is_valid()
                    fouten = [str(m) for m in formulier.errors.get(naam, [])]
                if is_een_regel(veld):
                    assert any(is_nederlands(m) and ("regel" in m or "stuurteken" in m) for m in fouten), (
                        geval.naam,
                        naam,
                        fouten,
                    )
                    gecontroleerd += 1
                else:
                    assert not any("regeleinde" in m for m in fouten), (geval.naam, naam, fouten)
    assert gecontroleerd > 60


def test_elke_url_met_invoer_wordt_gefuzzd():
    """Every URL of the role table and the public pages of the apps: POSTed with fuzz, read with fuzzed
    query parameters, or listed as taking nothing but its path."""

    gepost = {s.url for _g, s in SCHERMGEVALLEN if s.methode == "post"} | IMPORTSCHERMEN
    gelezen = {naam for naam, rij in ROLTABEL.items() if rij.get("methode", "get") == "get"}
    eigen_publiek = {"afsluitvragen", "weekplan_agenda"}
    bekend = gepost | gelezen | ZONDER_INVOER | eigen_publiek
    urls = {
        naam
        for route, naam in ALLE_PATRONEN
        if naam
        and not route.startswith(BEHEER_PREFIX)
        and naam not in (PUBLIEK - eigen_publiek) | EIGEN_ACCOUNT
    }
    assert sorted(urls - bekend) == []
    # A POST in the role table with fields must be fuzzed, not waved through as `ZONDER_INVOER`.
    assert {n for n, r in ROLTABEL.items() if r.get("methode") == "post"} <= gepost | ZONDER_INVOER


# ----------------------------------------------------------------------------------- the two levels


def _meldingen_van(fout: Exception) -> list[str]:
    return list(fout.messages) if isinstance(fout, ValidationError) else [str(fout)]


def _formulier_met_data(geval: Geval, ctx) -> tuple[forms.BaseForm | None, st.SearchStrategy]:
    if geval.klasse is None:
        velden = geval.ruw(ctx)
        strategie = st.fixed_dictionaries({}, optional=velden).map(
            lambda d: MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in d.items()})
        )
        return None, strategie
    leeg = geval.formulier(ctx, None)
    return leeg, formulierdata(leeg, geval.hints(ctx))


@pytest.mark.django_db
@pytest.mark.parametrize("geval", VORMGEVALLEN, ids=lambda g: g.naam)
def test_formulier_onder_fuzz(wereld_met_overleg, geval):
    """The form alone: Dutch errors, and a valid form goes through the view's save path to the database."""
    ctx = geval.klaarzetten(wereld_met_overleg)
    _leeg, strategie = _formulier_met_data(geval, ctx)

    @FUZZ
    @given(data=strategie)
    def voorbeeld(data):
        tel("formulieren", geval.naam)
        ingezonden = ingezonden_teksten(data)
        with savepoint():
            formulier = geval.formulier(ctx, data)
            geldig = formulier.is_valid()
            for melding in foutmeldingen(formulier):
                assert is_nederlands(melding, ingezonden), melding
            if not (geldig and geval.bewaar):
                return
            tel("formulieren geldig", geval.naam)
            voor = tabelstand()
            try:
                with savepoint():
                    geval.bewaar(ctx, formulier)  # a value the database refuses raises here
            except geval.weigeringen as fout:
                for melding in _meldingen_van(fout):
                    assert is_nederlands(melding, ingezonden), melding
                assert tabelstand() == voor, "een geweigerde bewaring liet rijen achter"

    voorbeeld()


def _gebonden_formulieren(antwoord) -> list[forms.BaseForm]:
    if antwoord.context is None:
        return []
    # One template gives its Context, several a ContextList of them.
    lagen = antwoord.context if isinstance(antwoord.context, ContextList) else [antwoord.context]
    formulieren = {}
    for laag in lagen:
        for waarde in (laag.flatten() if hasattr(laag, "flatten") else laag).values():
            if isinstance(waarde, forms.BaseForm) and waarde.is_bound:
                formulieren[id(waarde)] = waarde
    return list(formulieren.values())


def _zichtbare_fouten(formulier: forms.BaseForm) -> list[str]:
    """The errors a page must show: those of the fields a person sees, and those of the whole form.
    A hidden field (a version, a fingerprint) only errs when tampered with."""
    zichtbaar = [str(m) for m in formulier.non_field_errors()]
    for naam, fouten in formulier.errors.items():
        if naam in formulier.fields and not formulier.fields[naam].widget.is_hidden:
            zichtbaar.extend(str(m) for m in fouten)
    return zichtbaar


def _controleer_antwoord(client, antwoord, ingezonden, voor, *, htmx: bool, filter_: bool) -> None:
    assert antwoord.status_code < 500, antwoord.status_code
    html = antwoord.content.decode(errors="replace")
    for formulier in _gebonden_formulieren(antwoord):
        if not formulier.errors:
            continue
        for melding in foutmeldingen(formulier):
            assert is_nederlands(melding, ingezonden), melding
        # A filter drops a tampered value and shows the list; every other form says what is wrong.
        for melding in [] if filter_ else _zichtbare_fouten(formulier):
            assert conditional_escape(melding) in html, f"de fout staat niet op de pagina: {melding!r}"
        assert tabelstand() == voor, "een formulier met fouten liet rijen achter"
    for bericht in get_messages(antwoord.wsgi_request):
        assert is_nederlands(bericht.message, ingezonden), bericht.message
    if 300 <= antwoord.status_code < 400 and not htmx:
        # The page the user lands on renders what was just stored.
        volgend = client.get(antwoord["Location"])
        assert volgend.status_code < 500, (antwoord["Location"], volgend.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "geval,scherm", SCHERMGEVALLEN, ids=[f"{s.url}-{s.rol or 'anoniem'}-{g.naam}" for g, s in SCHERMGEVALLEN]
)
def test_scherm_onder_fuzz(client, wereld_met_overleg, geval, scherm):
    """The same data through the real view, as the role that uses it, with and without HTMX."""
    ctx = geval.klaarzetten(wereld_met_overleg)
    leeg, strategie = _formulier_met_data(geval, ctx)
    url = reverse(scherm.url, kwargs=scherm.kwargs(ctx))
    gebruiker = wereld_met_overleg.gebruikers[scherm.rol] if scherm.rol else None
    namen = [leeg.add_prefix(n) for n in leeg.fields] if leeg is not None else list(geval.ruw(ctx))

    def controleer(data: MultiValueDict, htmx: bool) -> None:
        tel("schermen", f"{scherm.url} ({scherm.rol or 'anoniem'}, {geval.naam})")
        data = _met(data, scherm.vast)
        ingezonden = ingezonden_teksten(data)
        with savepoint():
            client.cookies.clear()
            if gebruiker is not None:
                client.force_login(gebruiker)
            voor = tabelstand()
            kop = {"HX-Request": "true"} if htmx else {}
            if scherm.methode == "get":
                antwoord = client.get(url, data, headers=kop)
            else:
                antwoord = client.post(url, dict(data.lists()), headers=kop)
            _controleer_antwoord(
                client, antwoord, ingezonden, voor, htmx=htmx, filter_=scherm.methode == "get"
            )

    for i, waarde in enumerate(SCHERP):
        controleer(MultiValueDict({naam: [waarde] for naam in namen}), htmx=i % 2 == 1)

    @FUZZ_SCHERM
    @given(data=strategie, htmx=st.booleans())
    def voorbeeld(data, htmx):
        controleer(data, htmx)

    voorbeeld()


def _met(data: MultiValueDict, vast: dict) -> MultiValueDict:
    data = data.copy()
    for sleutel, waarde in vast.items():
        data.setlist(sleutel, [waarde])
    return data


# --------------------------------------------------------------------------- query strings and paths


_DOSSIERFILTERS = [g.klasse for g in _dossier()]  # the dossier's filter fields are query parameters too


def _parameternamen() -> list[str]:
    """Every query parameter a view of the apps reads (found in their source), and every filter field."""

    namen = {"pagina"}
    for app in APPS:
        for bestand in Path(importlib.import_module(app).__path__[0]).rglob("*.py"):
            namen.update(re.findall(r'request\.GET\.(?:get|getlist)\("(\w+)"', bestand.read_text()))
    for klasse in (SchoolFilterForm, TrajectFilterForm, MijnFilterForm, *_DOSSIERFILTERS):
        namen.update(klasse.base_fields)
    return sorted(namen)


GET_PARAMETERS = _parameternamen()
VOORKEUR = [Rol.COORDINATOR, Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB, Rol.TEAMCOACH, Rol.DIRECTEUR, Rol.ADMIN]
# PDFs take a second each to render and read nothing but a poll counter from the query string.
TRAAG = {"traject_pdf", "sjabloon_pdf", "overleg_document"}
LEESPAGINAS = sorted(
    naam
    for naam, rij in ROLTABEL.items()
    if rij.get("methode", "get") == "get" and naam not in TRAAG and 200 in rij["eigen"].values()
)


def _lezer(naam: str) -> str:
    return next(rol for rol in VOORKEUR if ROLTABEL[naam]["eigen"][rol] == 200)


def _parameterwaarde() -> st.SearchStrategy:

    return st.one_of(
        st.integers(-5, 3_000).map(str),
        st.just(als_tekst(huidig_schooljaar())),
        vreemde_tekst(),
        st.lists(vreemde_tekst(40), min_size=2, max_size=3),
    )


def test_de_parameters_komen_uit_de_views():
    assert {"schooljaar", "pagina", "regioteam", "school", "van", "poging", "overleg", "filter"} <= set(
        GET_PARAMETERS
    )


@pytest.mark.django_db
@pytest.mark.parametrize("naam", LEESPAGINAS)
def test_leespagina_met_vreemde_parameters(client, wereld_met_overleg, naam):
    """Every page read with tampered query parameters: the parameter is ignored or refused, never a 500."""
    w = wereld_met_overleg
    url = reverse(naam, kwargs=url_kwargs(naam, "eigen", w))
    gebruiker = w.gebruikers[_lezer(naam)]
    parameters = st.fixed_dictionaries({}, optional=dict.fromkeys(GET_PARAMETERS, _parameterwaarde()))

    def controleer(data: dict, doel: str, htmx: bool) -> None:
        tel("leespaginas", naam)
        with savepoint():
            client.cookies.clear()
            client.force_login(gebruiker)
            kop = {"HX-Request": "true", "HX-Target": doel} if htmx else {}
            antwoord = client.get(url, data, headers=kop)
            assert antwoord.status_code < 500, (url, data, antwoord.status_code)

    for i, waarde in enumerate(SCHERP):
        controleer(
            dict.fromkeys(GET_PARAMETERS, waarde), doel="voortgang" if i % 3 == 2 else "", htmx=i % 2 == 1
        )

    @FUZZ_SCHERM
    @given(data=parameters, doel=st.sampled_from(["", "voortgang", "resultaten"]), htmx=st.booleans())
    def voorbeeld(data, doel, htmx):
        controleer(data, doel, htmx)

    voorbeeld()


NUMMERS = [0, 2**31, 2**63, 10**30]


@pytest.mark.django_db
def test_paden_met_vreemde_nummers(client, wereld_met_overleg):
    """Every URL with a number in its path, with numbers beyond every column: not found, never a 500."""
    w = wereld_met_overleg
    gedaan = 0
    for naam, rij in ROLTABEL.items():
        kwargs = url_kwargs(naam, "eigen", w)
        getallen = [k for k, v in kwargs.items() if isinstance(v, int)]
        if not getallen:
            continue
        client.force_login(w.gebruikers[_lezer(naam) if 200 in rij["eigen"].values() else Rol.COORDINATOR])
        for nummer in NUMMERS:
            url = reverse(naam, kwargs={**kwargs, **dict.fromkeys(getallen, nummer)})
            with savepoint():
                antwoord = getattr(client, rij.get("methode", "get"))(url)
            assert antwoord.status_code < 500, (url, antwoord.status_code)
            gedaan += 1
    tel("paden", "vreemde nummers", gedaan)
    assert gedaan > 40


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["afsluitvragen", "weekplan_agenda"])
def test_geheime_links_met_vreemde_sleutels(client, db, naam):
    """The two pages behind a secret in the URL, with any text as the secret: not found, never a 500."""

    @FUZZ
    @given(sleutel=st.one_of(st.text(min_size=1, max_size=200), st.sampled_from(VREEMDE_TEKSTEN[1:])))
    def voorbeeld(sleutel):
        tel("geheime links", naam)
        # The feed's key ends in `.ics`, not in a slash: the marker is replaced wherever the key sits.
        antwoord = client.get(
            reverse(naam, kwargs={"sleutel": "SLEUTEL"}).replace("SLEUTEL", quote(sleutel, safe=""))
        )
        assert antwoord.status_code < 500

    voorbeeld()


@pytest.mark.django_db
def test_een_onleesbare_aanvraag_krijgt_een_nederlandse_pagina(client, wereld):
    """A body Django refuses to parse (too many fields, a header beyond its limit) is a 400 in Dutch."""
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("school_bewerken", args=[wereld.eigen_school.pk])
    te_veel = client.post(url, {f"veld{i}": "x" for i in range(1_100)})
    kop = b'Content-Disposition: form-data; name="naam"; x="' + b"x" * 2_000 + b'"'
    kapot = client.post(
        url,
        b"--grens\r\n" + kop + b"\r\n\r\nnaam\r\n--grens--\r\n",
        content_type="multipart/form-data; boundary=grens",
    )
    for antwoord in (te_veel, kapot):
        assert antwoord.status_code == 400, (antwoord.status_code, antwoord.content[:300])
        assert "Deze aanvraag kon niet gelezen worden" in antwoord.content.decode()
    assert School.objects.get(pk=wereld.eigen_school.pk).naam == wereld.eigen_school.naam
