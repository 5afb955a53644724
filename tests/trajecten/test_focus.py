"""Focus teams called in on a trajectory, questions to colleagues and the Wednesday intervisie.

The anchor calls in a focus team; its members in the LSC (never another LSC's) see the question and take it,
first come, or the regio's coach assigns it. The focus supporter then works on the trajectory within their
part, until an end date they are reminded of, and leaves a hand-over note the anchor reads. A question to a
colleague shows the trajectory's number, never the pupil. Notifications go to exactly the right people and
name no pupil.
"""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Melding, Meldingsoort, Rol, Wijziging
from tests import factories
from tests.support.privacy import zonder_tokens
from tests.support.queries import aantal_queries
from tests.support.rollen import FOCUSONDERSTEUNER, FOCUSONDERSTEUNER_LEEST
from tests.support.werelden import lopend_traject
from trajecten import focus, services
from trajecten.models import Collegavraag, Doel, Focusvraag, Intervisievraag, Logboekregel, Toewijzing

VANDAAG = timezone.localdate()
LEERLING = "Mila"  # the pupil of the world's running trajectory (tests/support/werelden.py)


@pytest.fixture
def focuswereld(wereld):
    """The world with a running trajectory of its anchor, two members of focus team ASS and one of Gedrag in
    its LSC, a member of ASS in the other LSC, and a coach of another regio team of the same LSC."""
    wereld.traject = lopend_traject(wereld)
    wereld.ass1 = factories.OndersteunerFactory(
        lsc=wereld.lsc, focusteams=["ass"], gebruiker__naam="Ans Aerts"
    )
    wereld.ass2 = factories.OndersteunerFactory(lsc=wereld.lsc, focusteams=["ass", "gedrag"])
    wereld.gedrag = factories.OndersteunerFactory(lsc=wereld.lsc, focusteams=["gedrag"])
    wereld.ass_elders = factories.OndersteunerFactory(lsc=wereld.vreemde_ondersteuner.lsc, focusteams=["ass"])
    wereld.andere_coach = factories.GebruikerFactory(rol=Rol.TEAMCOACH, lsc=wereld.lsc)
    wereld.andere_regio = factories.RegioteamFactory(
        lsc=wereld.lsc, naam="Regio Ander", coach=wereld.andere_coach
    )
    return wereld


def _als(client, gebruiker):
    client.force_login(gebruiker)
    return client


def _inroepen(wereld, focusteam: str = "ass") -> Focusvraag:
    return focus.focus_vragen(
        door=wereld.anker.gebruiker, traject=wereld.traject, focus=focusteam, vraag="Hoe bieden we rust?"
    )


def _ontvangers(soort) -> set[int]:
    return set(Melding.objects.filter(soort=soort).values_list("ontvanger_id", flat=True))


def _geen_leerling_in_meldingen() -> None:
    for titel, url in Melding.objects.values_list("titel", "url"):
        assert LEERLING not in titel and LEERLING not in url, (titel, url)


# ------------------------------------------------------------------------------------------ calling in


@pytest.mark.django_db
def test_het_anker_roept_een_focusteam_in_en_enkel_zijn_leden_in_het_lsc_horen_het(client, focuswereld):
    wereld = focuswereld
    pagina = _als(client, wereld.anker.gebruiker).get(reverse("traject_detail", args=[wereld.traject.pk]))
    assert reverse("traject_focus_inroepen", args=[wereld.traject.pk]) in pagina.content.decode()
    antwoord = client.post(
        reverse("traject_focus_inroepen", args=[wereld.traject.pk]),
        {"focus": "ass", "vraag": "De overgangen blijven moeilijk. Wie denkt mee?"},
    )
    assert antwoord.status_code == 302
    vraag = Focusvraag.objects.get()
    assert (vraag.traject, vraag.focus, vraag.status) == (wereld.traject, "ass", Focusvraag.Status.OPEN)
    assert _ontvangers(Meldingsoort.FOCUS_INGEROEPEN) == {wereld.ass1.gebruiker_id, wereld.ass2.gebruiker_id}
    melding = Melding.objects.filter(soort=Meldingsoort.FOCUS_INGEROEPEN).first()
    assert melding.titel == f"Traject {wereld.traject.pk}: je focusteam ASS is ingeroepen"
    assert melding.url == reverse("focusvraag_lijst")
    assert Wijziging.objects.filter(
        actie="trajecten.focusvraag.gesteld", traject_id=wereld.traject.pk
    ).exists()
    # The same focus twice is refused, with the reason on the form.
    html = client.post(
        reverse("traject_focus_inroepen", args=[wereld.traject.pk]), {"focus": "ass", "vraag": "Nog eens?"}
    ).content.decode()
    assert "is al ingeroepen op dit traject" in html and Focusvraag.objects.count() == 1
    _geen_leerling_in_meldingen()


@pytest.mark.django_db
def test_de_lijst_toont_de_open_vragen_van_het_eigen_focusteam_in_het_eigen_lsc(client, focuswereld):
    wereld = focuswereld
    _inroepen(wereld)
    vreemd = factories.TrajectFactory(lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school)
    Focusvraag.objects.create(traject=vreemd, lsc=vreemd.lsc, focus="ass", vraag="Vraag van elders")
    lijst = reverse("focusvraag_lijst")

    html = _als(client, wereld.ass1.gebruiker).get(lijst).content.decode()
    assert "Hoe bieden we rust?" in html and f"Traject {wereld.traject.pk}" in html
    assert "Vraag van elders" not in html and LEERLING not in html
    assert "Hoe bieden we rust?" not in _als(client, wereld.gedrag.gebruiker).get(lijst).content.decode()
    elders = _als(client, wereld.ass_elders.gebruiker).get(lijst).content.decode()
    assert "Vraag van elders" in elders and "Hoe bieden we rust?" not in elders
    # The coach of the regio team that serves the school sees it; the other regio's coach does not.
    assert "Hoe bieden we rust?" in _als(client, wereld.gebruikers[Rol.TEAMCOACH]).get(lijst).content.decode()
    assert "Hoe bieden we rust?" not in _als(client, wereld.andere_coach).get(lijst).content.decode()
    # A question on a trajectory stopped since is no longer offered.
    focus_traject = Focusvraag.objects.get(traject=wereld.traject).traject
    services.traject_stopzetten(
        door=wereld.anker.gebruiker, traject=focus_traject, reden="De school ziet af."
    )
    assert "Hoe bieden we rust?" not in _als(client, wereld.ass1.gebruiker).get(lijst).content.decode()
    # Care staff have no such list.
    assert _als(client, wereld.gebruikers[Rol.ZORG]).get(lijst).status_code == 403


@pytest.mark.django_db
def test_de_lijst_kost_evenveel_queries_met_1_en_3_vragen(client, focuswereld):
    wereld = focuswereld
    _inroepen(wereld)
    client = _als(client, wereld.ass1.gebruiker)
    bij_een = aantal_queries(client, reverse("focusvraag_lijst"))
    for _ in range(2):
        traject = lopend_traject(wereld)
        focus.focus_vragen(door=wereld.anker.gebruiker, traject=traject, focus="ass", vraag="Nog een vraag")
    focus.focusvraag_nemen(door=wereld.ass1.gebruiker, vraag=Focusvraag.objects.last())
    assert aantal_queries(client, reverse("focusvraag_lijst")) == bij_een


# ------------------------------------------------------------------------------------------------ taking


@pytest.mark.django_db
def test_nemen_voegt_de_focusondersteuner_toe_tot_een_einddatum(client, focuswereld):
    wereld = focuswereld
    vraag = _inroepen(wereld)
    antwoord = _als(client, wereld.ass1.gebruiker).post(reverse("focusvraag_nemen", args=[vraag.pk]))
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "traject_detail", args=[wereld.traject.pk]
    )
    vraag.refresh_from_db()
    assert vraag.status == Focusvraag.Status.LOPEND and vraag.ondersteuner == wereld.ass1
    assert vraag.einde == VANDAAG + dt.timedelta(weeks=8)
    assert (
        Toewijzing.objects.get(traject=wereld.traject, ondersteuner=wereld.ass1).rol == Toewijzing.Rol.FOCUS
    )
    assert Wijziging.objects.filter(actie="trajecten.focusvraag.genomen", object_id=vraag.pk).exists()

    # A second taker is told, in Dutch, who was first: no error page.
    tweede = _als(client, wereld.ass2.gebruiker).post(
        reverse("focusvraag_nemen", args=[vraag.pk]), follow=True
    )
    assert tweede.status_code == 200
    assert "Ans Aerts nam deze vraag al" in tweede.content.decode()
    assert Toewijzing.objects.filter(traject=wereld.traject, rol=Toewijzing.Rol.FOCUS).count() == 1
    # Outside the focus team or the LSC the question is not found; the anchor sees it, may not take it.
    assert (
        _als(client, wereld.gedrag.gebruiker).post(reverse("focusvraag_nemen", args=[vraag.pk])).status_code
        == 404
    )
    assert (
        _als(client, wereld.anker.gebruiker).post(reverse("focusvraag_nemen", args=[vraag.pk])).status_code
        == 403
    )
    elders = _als(client, wereld.ass_elders.gebruiker).post(reverse("focusvraag_nemen", args=[vraag.pk]))
    assert elders.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_twee_leden_nemen_tegelijk_en_precies_een_wint(focuswereld):
    """Two threads, two connections, taking the same question at the same moment."""
    wereld = focuswereld
    vraag = _inroepen(wereld)
    start = threading.Barrier(2)
    gelukt, geweigerd, fouten = [], [], []

    def neem(ondersteuner):
        try:
            start.wait()
            focus.focusvraag_nemen(door=ondersteuner.gebruiker, vraag=Focusvraag.objects.get(pk=vraag.pk))
            gelukt.append(ondersteuner.pk)
        except ValidationError as fout:
            geweigerd.append(" ".join(fout.messages))
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=neem, args=(o,)) for o in (wereld.ass1, wereld.ass2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    assert fouten == []
    assert len(gelukt) == 1 and len(geweigerd) == 1
    assert "nam deze vraag al" in geweigerd[0]
    vraag.refresh_from_db()
    assert vraag.ondersteuner_id == gelukt[0]
    assert (
        list(Toewijzing.objects.filter(rol=Toewijzing.Rol.FOCUS).values_list("ondersteuner_id", flat=True))
        == gelukt
    )


@pytest.mark.django_db
def test_de_coach_van_de_regio_wijst_een_vraag_toe(client, focuswereld):
    wereld = focuswereld
    vraag = _inroepen(wereld)
    url = reverse("focusvraag_toewijzen", args=[vraag.pk])
    assert _als(client, wereld.andere_coach).get(url).status_code == 404
    assert _als(client, wereld.ass1.gebruiker).get(url).status_code == 403
    coach = _als(client, wereld.gebruikers[Rol.TEAMCOACH])
    html = coach.get(url).content.decode()
    assert str(wereld.ass2) in html and str(wereld.gedrag) not in html  # only members of the focus team
    einde = VANDAAG + dt.timedelta(weeks=4)
    antwoord = coach.post(url, {"ondersteuner": wereld.ass2.pk, "einde": einde.isoformat()})
    assert antwoord.status_code == 302
    vraag.refresh_from_db()
    assert (vraag.ondersteuner, vraag.einde, vraag.toegewezen_door) == (
        wereld.ass2,
        einde,
        wereld.gebruikers[Rol.TEAMCOACH],
    )
    assert Toewijzing.objects.filter(traject=wereld.traject, ondersteuner=wereld.ass2, rol="focus").exists()
    toegewezen = Melding.objects.filter(
        soort=Meldingsoort.FOCUS_INGEROEPEN, sleutel=f"focusvraag-{vraag.pk}-toegewezen"
    )
    assert list(toegewezen.values_list("ontvanger_id", flat=True)) == [wereld.ass2.gebruiker_id]
    assert Wijziging.objects.filter(actie="trajecten.focusvraag.toegewezen", object_id=vraag.pk).exists()
    _geen_leerling_in_meldingen()


# ------------------------------------------------------------------------------ what a focus supporter may


@pytest.fixture
def genomen(focuswereld) -> Focusvraag:
    vraag = _inroepen(focuswereld)
    return focus.focusvraag_nemen(door=focuswereld.ass1.gebruiker, vraag=vraag)


@pytest.mark.django_db
def test_de_focusondersteuner_logt_tijd_en_voegt_doelen_toe_maar_sluit_niet_af(client, focuswereld, genomen):
    wereld, traject = focuswereld, focuswereld.traject
    client = _als(client, wereld.ass1.gebruiker)
    tijd = client.post(
        reverse("traject_tijd", args=[traject.pk]),
        {"datum": VANDAAG.isoformat(), "snel": 60, "activiteit": "observatie", "notitie": "Observatie ASS"},
    )
    assert tijd.status_code == 302
    assert Logboekregel.objects.filter(traject=traject, ondersteuner=wereld.ass1, minuten=60).exists()
    doel = client.post(reverse("traject_doel", args=[traject.pk]), {"omschrijving": "Een vaste pauzeplek"})
    assert (
        doel.status_code == 302
        and Doel.objects.filter(traject=traject, omschrijving="Een vaste pauzeplek").exists()
    )
    for naam in (
        "traject_afronden",
        "traject_stopzetten",
        "traject_toewijzen",
        "traject_evaluatie",
        "traject_afspraken",
        "traject_betrokkene",
        "traject_focus_inroepen",
    ):
        assert client.get(reverse(naam, args=[traject.pk])).status_code == 403, naam
        assert client.post(reverse(naam, args=[traject.pk]), {"reden": "x"}).status_code == 403, naam
    # Nor ask to erase the pupil: that is for whoever keeps the whole trajectory.
    assert client.get(reverse("leerling_wissen", args=[traject.leerling_id])).status_code == 403
    traject.refresh_from_db()
    assert traject.status == "lopend"
    # The page offers them only their part.
    html = client.get(reverse("traject_detail", args=[traject.pk])).content.decode()
    assert (
        reverse("traject_tijd", args=[traject.pk]) in html
        and reverse("traject_doel", args=[traject.pk]) in html
    )
    assert reverse("traject_afronden", args=[traject.pk]) not in html
    assert reverse("traject_stopzetten", args=[traject.pk]) not in html
    assert reverse("leerling_wissen", args=[traject.leerling_id]) not in html
    # The anchor still may.
    anker = _als(client, wereld.anker.gebruiker)
    assert anker.get(reverse("traject_afronden", args=[traject.pk])).status_code == 200


@pytest.mark.django_db
def test_de_focusondersteuner_volgt_de_roltabel(client, focuswereld, genomen):
    """The focus supporter's row of the role table (tests/support/rollen.py), action by action."""
    wereld, traject = focuswereld, focuswereld.traject
    client = _als(client, wereld.ass1.gebruiker)
    for naam, status in FOCUSONDERSTEUNER.items():
        pk = traject.leerling_id if naam.startswith("leerling_") else traject.pk
        assert client.post(reverse(naam, args=[pk])).status_code == status, naam
    for naam, status in FOCUSONDERSTEUNER_LEEST.items():
        pk = wereld.eigen_school.pk if naam.startswith("school_") else traject.pk
        assert client.get(reverse(naam, args=[pk])).status_code == status, naam
    traject.refresh_from_db()
    assert traject.status == "lopend" and traject.toewijzingen.count() == 2


@pytest.mark.django_db
def test_de_focusondersteuner_ziet_de_scholen_van_zijn_trajecten_en_geen_andere(client, focuswereld):
    wereld = focuswereld
    client = _als(client, wereld.ass1.gebruiker)
    eigen = reverse("school_detail", args=[wereld.eigen_school.pk])
    assert client.get(eigen).status_code == 404
    assert "School Eigen" not in client.get(reverse("school_lijst")).content.decode()
    focus.focusvraag_nemen(door=wereld.ass1.gebruiker, vraag=_inroepen(wereld))
    assert client.get(eigen).status_code == 200
    assert "School Eigen" in client.get(reverse("school_lijst")).content.decode()
    andere = factories.SchoolFactory(naam="School Zonder Traject")
    factories.BedieningFactory(lsc=wereld.lsc, school=andere)
    assert client.get(reverse("school_detail", args=[andere.pk])).status_code == 404
    assert client.get(reverse("school_detail", args=[wereld.vreemde_school.pk])).status_code == 404
    assert "School Zonder Traject" not in client.get(reverse("school_lijst")).content.decode()


# --------------------------------------------------------------------------------------- bounded in time


@pytest.mark.django_db
def test_de_herinnering_voor_het_einde_komt_eenmaal_per_einddatum(focuswereld):
    wereld = focuswereld
    vraag = focus.focusvraag_nemen(
        door=wereld.ass1.gebruiker, vraag=_inroepen(wereld), einde=VANDAAG + dt.timedelta(days=20)
    )
    assert focus.focus_herinneringen() == 0  # more than a week ahead
    assert focus.focus_herinneringen(vandaag=VANDAAG + dt.timedelta(days=14)) == 1
    assert focus.focus_herinneringen(vandaag=VANDAAG + dt.timedelta(days=15)) == 0
    meldingen = Melding.objects.filter(soort=Meldingsoort.FOCUS_EINDE)
    assert list(meldingen.values_list("ontvanger_id", flat=True)) == [wereld.ass1.gebruiker_id]
    assert meldingen.get().titel.startswith(f"Traject {vraag.traject_id}: je focustraject loopt af op")
    # A moved end date is told again, once.
    Focusvraag.objects.filter(pk=vraag.pk).update(einde=VANDAAG + dt.timedelta(days=18))
    assert focus.focus_herinneringen(vandaag=VANDAAG + dt.timedelta(days=15)) == 1
    assert focus.focus_herinneringen(vandaag=VANDAAG + dt.timedelta(days=16)) == 0
    # The beat schedule runs it daily.
    assert settings.CELERY_BEAT_SCHEDULE["focus_einde"]["task"] == "trajecten.tasks.focus_herinneringen"
    _geen_leerling_in_meldingen()


@pytest.mark.django_db
def test_het_einde_vraagt_een_overdracht_die_het_anker_en_het_zorgteam_lezen(client, focuswereld, genomen):
    wereld = focuswereld
    url = reverse("focusdeel_beeindigen", args=[genomen.pk])
    client = _als(client, wereld.ass1.gebruiker)
    assert client.post(url, {"overdracht": ""}).status_code == 200
    assert Focusvraag.objects.get(pk=genomen.pk).status == Focusvraag.Status.LOPEND
    antwoord = client.post(url, {"overdracht": "Een vaste pauzeplek werkt; het anker volgt het verder op."})
    assert antwoord.status_code == 302
    genomen.refresh_from_db()
    assert genomen.status == Focusvraag.Status.BEEINDIGD and genomen.beeindigd_door == wereld.ass1.gebruiker
    assert not Toewijzing.objects.filter(traject=wereld.traject, ondersteuner=wereld.ass1).exists()
    assert Wijziging.objects.filter(actie="trajecten.focusvraag.beeindigd", object_id=genomen.pk).exists()
    # The focus supporter's part is over: the trajectory is no longer theirs to open.
    assert client.get(reverse("traject_detail", args=[wereld.traject.pk])).status_code == 404
    for lezer in (wereld.anker.gebruiker, wereld.gebruikers[Rol.ZORG]):
        html = _als(client, lezer).get(reverse("traject_detail", args=[wereld.traject.pk])).content.decode()
        assert "Een vaste pauzeplek werkt; het anker volgt het verder op." in html
        assert "Ans Aerts sloot aan op" in html
    # Nothing more to end.
    assert _als(client, wereld.anker.gebruiker).post(url, {"overdracht": "x"}).status_code == 200
    assert Focusvraag.objects.get(pk=genomen.pk).overdracht.startswith("Een vaste pauzeplek")


@pytest.mark.django_db
def test_het_anker_en_het_zorgteam_zien_wie_aansloot_en_wanneer(client, focuswereld, genomen):
    wereld = focuswereld
    for lezer in (wereld.anker.gebruiker, wereld.gebruikers[Rol.ZORG]):
        html = _als(client, lezer).get(reverse("traject_detail", args=[wereld.traject.pk])).content.decode()
        assert "Ans Aerts sloot aan op" in html
        assert timezone.localtime(genomen.genomen_op).strftime("%H:%M") in html


# ------------------------------------------------------------------------------------------ colleagues


@pytest.mark.django_db
def test_een_collegavraag_gaat_naar_de_collega_en_het_antwoord_naar_wie_vroeg(client, focuswereld):
    wereld = focuswereld
    traject = wereld.traject
    antwoord = _als(client, wereld.anker.gebruiker).post(
        reverse("traject_collegavraag", args=[traject.pk]),
        {"aan": wereld.ass1.gebruiker_id, "vraag": "Heb je tips voor een prikkelarme hoek?"},
    )
    assert antwoord.status_code == 302
    vraag = Collegavraag.objects.get()
    assert _ontvangers(Meldingsoort.VRAAG_GESTELD) == {wereld.ass1.gebruiker_id}
    assert Melding.objects.get(soort=Meldingsoort.VRAAG_GESTELD).url == reverse(
        "collegavraag_detail", args=[vraag.pk]
    )

    # The colleague reads the question and the trajectory's number, not the pupil, and not the trajectory.
    collega = _als(client, wereld.ass1.gebruiker)
    html = collega.get(reverse("collegavraag_detail", args=[vraag.pk])).content.decode()
    assert "Heb je tips voor een prikkelarme hoek?" in html and f"traject {traject.pk}" in html
    assert LEERLING not in zonder_tokens(html) and "4B" not in zonder_tokens(html)
    assert collega.get(reverse("traject_detail", args=[traject.pk])).status_code == 404
    assert (
        "Heb je tips"
        not in _als(client, wereld.ass2.gebruiker).get(reverse("collegavraag_lijst")).content.decode()
    )
    assert (
        _als(client, wereld.ass2.gebruiker).get(reverse("collegavraag_detail", args=[vraag.pk])).status_code
        == 404
    )

    beantwoord = _als(client, wereld.ass1.gebruiker).post(
        reverse("collegavraag_antwoord", args=[vraag.pk]), {"antwoord": "Een tent in de klas werkt goed."}
    )
    assert beantwoord.status_code == 302
    assert _ontvangers(Meldingsoort.VRAAG_BEANTWOORD) == {wereld.anker.gebruiker_id}
    # The answer is kept with the trajectory: the anchor reads it there.
    html = (
        _als(client, wereld.anker.gebruiker)
        .get(reverse("traject_detail", args=[traject.pk]))
        .content.decode()
    )
    assert "Een tent in de klas werkt goed." in html
    # Care staff do not read the LSC's internal consultation.
    html = (
        _als(client, wereld.gebruikers[Rol.ZORG])
        .get(reverse("traject_detail", args=[traject.pk]))
        .content.decode()
    )
    assert "Een tent in de klas werkt goed." not in html
    assert Melding.objects.count() == 2
    _geen_leerling_in_meldingen()


@pytest.mark.django_db
def test_een_vraag_aan_een_focusteam_gaat_naar_zijn_leden_en_een_van_hen_antwoordt(client, focuswereld):
    wereld = focuswereld
    vraag = focus.collegavraag_stellen(
        door=wereld.anker.gebruiker,
        traject=wereld.traject,
        vraag="Hoe pak je driftbuien aan?",
        focus="gedrag",
    )
    assert _ontvangers(Meldingsoort.VRAAG_GESTELD) == {wereld.gedrag.gebruiker_id, wereld.ass2.gebruiker_id}
    assert (
        _als(client, wereld.ass1.gebruiker).get(reverse("collegavraag_detail", args=[vraag.pk])).status_code
        == 404
    )
    elders = _als(
        client,
        factories.OndersteunerFactory(lsc=wereld.vreemde_ondersteuner.lsc, focusteams=["gedrag"]).gebruiker,
    )
    assert elders.get(reverse("collegavraag_detail", args=[vraag.pk])).status_code == 404
    focus.collegavraag_beantwoorden(
        door=wereld.gedrag.gebruiker, vraag=vraag, antwoord="Eerst de rust terug."
    )
    with pytest.raises(ValidationError, match="al beantwoord"):
        focus.collegavraag_beantwoorden(door=wereld.ass2.gebruiker, vraag=vraag, antwoord="Ook iets.")
    assert _ontvangers(Meldingsoort.VRAAG_BEANTWOORD) == {wereld.anker.gebruiker_id}
    _geen_leerling_in_meldingen()


@pytest.mark.django_db
def test_een_collega_van_een_ander_lsc_kan_niet_gevraagd_worden(focuswereld):
    wereld = focuswereld
    with pytest.raises(ValidationError, match="hetzelfde leersteuncentrum"):
        focus.collegavraag_stellen(
            door=wereld.anker.gebruiker, traject=wereld.traject, vraag="?", aan=wereld.ass_elders.gebruiker
        )
    assert not Collegavraag.objects.exists() and not Melding.objects.exists()


# ------------------------------------------------------------------------------------------ intervisie


@pytest.mark.django_db
def test_de_intervisieagenda_is_voor_de_coach_van_het_regioteam(client, focuswereld):
    wereld = focuswereld
    client = _als(client, wereld.anker.gebruiker)
    html = client.get(reverse("intervisie")).content.decode()
    woensdag = focus.volgende_woensdag()
    assert woensdag.weekday() == 2 and f'value="{woensdag.isoformat()}"' in html
    dinsdag = woensdag + dt.timedelta(days=6)
    geweigerd = client.post(reverse("intervisie"), {"datum": dinsdag.isoformat(), "vraag": "Op dinsdag?"})
    assert "De intervisie valt op een woensdag." in geweigerd.content.decode()
    antwoord = client.post(
        reverse("intervisie"), {"datum": woensdag.isoformat(), "vraag": "Hoe start ik een klasgesprek?"}
    )
    assert antwoord.status_code == 302
    item = Intervisievraag.objects.get()
    assert (item.regioteam, item.datum) == (wereld.regioteam, woensdag)
    assert (
        "Hoe start ik een klasgesprek?"
        in _als(client, wereld.gebruikers[Rol.TEAMCOACH]).get(reverse("intervisie")).content.decode()
    )
    assert (
        "Hoe start ik een klasgesprek?"
        not in _als(client, wereld.andere_coach).get(reverse("intervisie")).content.decode()
    )
    # A supporter of another regio team does not read it either.
    ander = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.andere_regio)
    assert (
        "Hoe start ik een klasgesprek?"
        not in _als(client, ander.gebruiker).get(reverse("intervisie")).content.decode()
    )
