"""Privacy of pupil data: anonymised when the retention ends (tested on the boundary days), handed over in
full as the pupil's file, and erased after a coordinator's approval, audit included, all or nothing."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from honingraat.celery import app
from netwerk.audit import log_inzage
from netwerk.models import Inzage, Rol, Wijziging
from tests import factories
from tests.support.privacy import NAAM, alles_over, bewaard, volledige_leerling, weg
from tests.support.queries import aantal_queries
from trajecten import privacy, services, tasks
from trajecten.models import (
    Afsluitvraag,
    Betrokkene,
    Doel,
    Doelevaluatie,
    Leerling,
    Logboekregel,
    Status,
    Traject,
    Wisverzoek,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _logboek_van_vorige_schooljaren(settings):
    """These pupils' histories lie in school years gone by, written through the services as they happened:
    the period in which supporters still change their own lines (LOGBOEK_BEWERKEN_TOT) is not under test."""
    settings.LOGBOEK_BEWERKEN_TOT = "36500"


# Retention


@pytest.mark.parametrize(
    ("afgesloten", "schooljaren", "tot"),
    [
        (dt.date(2026, 3, 10), 1, dt.date(2027, 8, 31)),
        (dt.date(2026, 10, 1), 1, dt.date(2028, 8, 31)),
        (dt.date(2026, 8, 31), 1, dt.date(2027, 8, 31)),
        (dt.date(2026, 9, 1), 1, dt.date(2028, 8, 31)),
        (dt.date(2026, 3, 10), 0, dt.date(2026, 8, 31)),
        (dt.date(2026, 3, 10), 2, dt.date(2028, 8, 31)),
    ],
)
def test_bewaard_tot_31_augustus_van_het_schooljaar_na_de_afsluiting(afgesloten, schooljaren, tot):
    assert privacy.bewaard_tot(afgesloten, schooljaren=schooljaren) == tot


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(min_value=0, max_value=10),
)
def test_voorbij_de_bewaartermijn_precies_vanaf_bewaard_tot(afgesloten, vandaag, schooljaren):
    """The cleaning's filter (closed before a day) agrees with every trajectory's own retention date."""
    voorbij = afgesloten < privacy._gesloten_voor(vandaag, schooljaren)
    assert voorbij == (privacy.bewaard_tot(afgesloten, schooljaren=schooljaren) <= vandaag)


def test_op_30_augustus_blijft_alles_en_op_31_augustus_wordt_de_leerling_geanonimiseerd(client, wereld):
    traject = volledige_leerling(wereld)
    bewaard(traject)
    voor = alles_over(traject)

    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 30)) == 0
    assert alles_over(traject) == voor

    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 31)) == 1
    weg(traject)
    leerling = Leerling.objects.get(pk=traject.leerling_id)
    assert (leerling.voornaam, leerling.initiaal, leerling.klas) == ("Leerling", "-", "-")
    assert leerling.geanonimiseerd_op is not None
    # What the figures need stays: school, type, dates, status, minutes, decisions, goal statuses, roles.
    na = Traject.objects.get(pk=traject.pk)
    assert (na.school_id, na.type, na.status, na.afgesloten_op) == (
        wereld.eigen_school.pk,
        "9",
        Status.AFGEROND,
        dt.date(2026, 3, 10),
    )
    assert na.vraag_leerkracht == privacy.GEANONIMISEERD and leerling.geboortejaar == 2016
    assert list(Logboekregel.objects.filter(traject=traject).values_list("minuten", "activiteit")) == [
        (90, "observatie")
    ]
    assert list(Betrokkene.objects.filter(traject=traject).values_list("rol", "naam")) == [
        ("therapeut", privacy.GEANONIMISEERD)
    ]
    assert Doel.objects.filter(traject=traject, status="bezig").count() == 1
    assert Afsluitvraag.objects.get(traject=traject).verloopt_op <= timezone.now()
    # The audit keeps who did what and the statuses, and says it was anonymised, without the name.
    gestart = Wijziging.objects.get(traject_id=traject.pk, actie="trajecten.traject.gestart")
    assert gestart.wijzigingen == {
        "status": ["in_behandeling", "lopend"],
        "doelen": [None, [privacy.GEANONIMISEERD]],
    }
    melding = Wijziging.objects.get(actie="trajecten.leerling.geanonimiseerd")
    assert (melding.door, melding.traject_id, melding.object_id) == (None, traject.pk, leerling.pk)
    assert melding.wijzigingen == {"trajecten": [traject.pk], "bewaard_tot": "2027-08-31"}

    # Again: nothing changes, nothing is logged twice.
    na_eerste_keer = alles_over(traject)
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2030, 1, 1)) == 0
    assert alles_over(traject) == na_eerste_keer

    # The page still opens, without the name, and says what happened.
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("traject_detail", args=[traject.pk])).content.decode()
    assert "Leerling -." in html and "Leerlinggegevens geanonimiseerd" in html and NAAM not in html


def test_in_het_volgende_schooljaar_afgesloten_blijft_een_jaar_langer(wereld):
    traject = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, status=Status.AFGEROND, afgesloten_op=dt.date(2026, 10, 1)
    )
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 31)) == 0
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2028, 8, 30)) == 0
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2028, 8, 31)) == 1
    assert Leerling.objects.get(pk=traject.leerling_id).voornaam == "Leerling"


def test_een_leerling_wacht_op_zijn_laatste_traject(wereld):
    leerling = factories.LeerlingFactory(school=wereld.eigen_school)
    maak = {"lsc": wereld.lsc, "school": wereld.eigen_school, "leerling": leerling}
    factories.TrajectFactory(**maak, status=Status.AFGEROND, afgesloten_op=dt.date(2026, 3, 10))
    later = factories.TrajectFactory(**maak, status=Status.STOPGEZET, afgesloten_op=dt.date(2026, 10, 1))
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 31)) == 0
    later.status, later.afgesloten_op = Status.LOPEND, None
    later.save()
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2035, 8, 31)) == 0
    later.status, later.afgesloten_op = Status.STOPGEZET, dt.date(2026, 10, 1)
    later.save()
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2028, 8, 31), droog=True) == 1
    assert Leerling.objects.get(pk=leerling.pk).geanonimiseerd_op is None  # a dry run changes nothing
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2028, 8, 31)) == 1
    # A team-bound trajectory has no pupil: nothing to anonymise there.
    factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, gebondenheid="team", leerling=None, groep="team",
        status=Status.AFGEROND, afgesloten_op=dt.date(2020, 1, 1),
    )  # fmt: skip
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2035, 8, 31)) == 0


def test_de_bewaartermijn_is_een_instelling(wereld, settings):
    traject = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, status=Status.AFGEROND, afgesloten_op=dt.date(2026, 3, 10)
    )
    settings.BEWAARTERMIJN_SCHOOLJAREN = 2
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 31)) == 0
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2028, 8, 30)) == 0
    settings.BEWAARTERMIJN_SCHOOLJAREN = 0
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2026, 8, 30)) == 0
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2026, 8, 31)) == 1
    assert Leerling.objects.get(pk=traject.leerling_id).geanonimiseerd_op is not None


def test_een_geanonimiseerd_traject_gaat_niet_meer_open(wereld):
    traject = volledige_leerling(wereld)
    privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 31))
    with pytest.raises(services.ValidationError, match="kan niet meer heropend worden"):
        services.traject_heropenen(door=wereld.anker.gebruiker, traject=traject, reden="Nieuwe vraag")
    assert Traject.objects.get(pk=traject.pk).status == Status.AFGEROND


def _rechtstreeks_in_de_audit(*, wijzigingen, **_kwargs):
    """What scrubbing would be without netwerk_audit_anonimiseren: an UPDATE the database refuses."""
    for pk, nieuw in wijzigingen.items():
        Wijziging.objects.filter(pk=pk).update(wijzigingen=nieuw)


def test_een_mislukte_leerling_blijft_heel_en_de_andere_worden_geanonimiseerd(wereld, monkeypatch):
    """Scrubbing the audit with a plain UPDATE instead of its one function is refused by the database:
    that pupil's whole transaction rolls back (its texts too), and the job goes on with the next pupil."""
    met_geschiedenis = volledige_leerling(wereld)
    zonder = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, status=Status.AFGEROND, afgesloten_op=dt.date(2026, 3, 10)
    )
    monkeypatch.setattr(privacy, "audit_anonimiseren", _rechtstreeks_in_de_audit)
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2027, 8, 31)) == 1
    bewaard(met_geschiedenis)
    assert Leerling.objects.get(pk=met_geschiedenis.leerling_id).geanonimiseerd_op is None
    assert Leerling.objects.get(pk=zonder.leerling_id).geanonimiseerd_op is not None


def test_het_commando_telt_droog_en_anonimiseert_echt(wereld, capsys):
    traject = volledige_leerling(wereld)
    call_command("bewaartermijn", "--droog", "--datum", "2027-08-31")
    assert "1 leerling(en) zouden geanonimiseerd worden" in capsys.readouterr().out
    bewaard(traject)
    call_command("bewaartermijn", "--datum", "2027-08-31")
    assert "1 leerling(en) geanonimiseerd" in capsys.readouterr().out
    weg(traject)
    call_command("bewaartermijn", "--datum", "2027-08-31")
    assert "0 leerling(en) geanonimiseerd" in capsys.readouterr().out
    with pytest.raises(CommandError, match="geen datum van de vorm"):
        call_command("bewaartermijn", "--datum", "31/08/2027")


def test_de_nachtelijke_taak_staat_in_de_beat_en_anonimiseert(wereld):

    assert app.conf.beat_schedule["bewaartermijn"]["task"] == tasks.bewaartermijn_toepassen.name
    lang_geleden = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, status=Status.AFGEROND, afgesloten_op=dt.date(2020, 1, 15)
    )
    assert tasks.bewaartermijn_toepassen.apply().get() == 1
    assert Leerling.objects.get(pk=lang_geleden.leerling_id).voornaam == "Leerling"


# The pupil's file


def test_de_coordinator_downloadt_alles_over_een_leerling(client, wereld):
    traject = volledige_leerling(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("leerling_dossier", args=[traject.leerling_id])
    assert NAAM not in url
    voor = Inzage.objects.count()
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert "no-store" in antwoord["Cache-Control"]
    assert antwoord["Content-Disposition"] == f'attachment; filename="leerling-{traject.leerling_id}.json"'
    dossier = json.loads(antwoord.content)
    assert dossier["leerling"]["voornaam"] == NAAM and dossier["leerling"]["klas"] == "3A"
    assert dossier["leerling"]["bewaard_tot"] == "2027-08-31"
    [t] = dossier["trajecten"]
    assert t["vraag_leerling_ouders"] == f"De ouders van {NAAM} vragen rust aan de kapstok."
    assert [d["omschrijving"] for d in t["doelen"]] == [
        f"{NAAM} gaat rustig de trappenhal op",
        "Zelf naar het zwembad",
    ]
    assert t["evaluaties"][0]["samenvatting"] == f"{NAAM} was onrustig."
    assert t["evaluaties"][0]["doelen"][0]["vooruitgang"] == f"{NAAM} gaat al mee naar het zwembad"
    assert t["logboek"] == [
        {
            "datum": "2026-01-12",
            "minuten": 90,
            "activiteit": "Observatie",
            "notitie": f"{NAAM} aan de kapstok",
            "ondersteuner": str(wereld.anker),
        }
    ]
    assert t["betrokkenen"] == [{"rol": "Therapeut", "naam": f"Logo van {NAAM}", "organisatie": "Vlinderhof"}]
    assert t["afsluitvragen"]["wat_neem_je_mee"] == f"Rust voor {NAAM}"
    acties = [rij["actie"] for rij in t["geschiedenis"]]
    assert (
        acties[:3]
        == [
            "trajecten.traject.aangemeld",
            "trajecten.traject.beantwoord",
            "trajecten.traject.gestart",
        ]
        and acties.count("trajecten.traject.afgerond") == 2
    )
    assert [i["soort"] for i in t["inzages"]] == ["pagina"]
    # The download itself is a read of the trajectory.
    nieuw = Inzage.objects.order_by("-pk")[: Inzage.objects.count() - voor]
    assert [(i.soort, i.traject_id, i.door_id) for i in nieuw] == [
        ("export", traject.pk, wereld.gebruikers[Rol.COORDINATOR].pk)
    ]
    assert NAAM not in nieuw[0].omschrijving


def test_het_dossier_als_pagina_om_af_te_drukken(client, wereld):
    traject = volledige_leerling(wereld)
    client.force_login(wereld.gebruikers[Rol.DIRECTEUR])
    antwoord = client.get(reverse("leerling_dossier_afdruk", args=[traject.leerling_id]))
    html = antwoord.content.decode()
    assert f"Leerlingdossier: {NAAM} K." in html and "Vlinderhof" in html and "Traject afgerond" in html
    assert "no-store" in antwoord["Cache-Control"]
    assert Inzage.objects.filter(
        traject_id=traject.pk, soort="export", door=antwoord.wsgi_request.user
    ).exists()
    # Reached from the trajectory's page, for coordination and direction only.
    pagina = client.get(reverse("traject_detail", args=[traject.pk])).content.decode()
    assert reverse("leerling_dossier_afdruk", args=[traject.leerling_id]) in pagina
    client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    pagina = client.get(reverse("traject_detail", args=[traject.pk])).content.decode()
    assert reverse("leerling_dossier_afdruk", args=[traject.leerling_id]) not in pagina
    assert reverse("leerling_wissen", args=[traject.leerling_id]) in pagina


def _trajecten_voor(wereld, leerling, aantal: int) -> None:
    for _ in range(aantal):
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, leerling=leerling)
        factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
        factories.DoelFactory(traject=traject)
        evaluatie = factories.EvaluatieFactory(traject=traject)
        Doelevaluatie.objects.create(evaluatie=evaluatie, doel=traject.doelen.get(), status="bezig")
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker)
        Betrokkene.objects.create(traject=traject, rol="ouders")
        log_inzage(door=wereld.anker.gebruiker, soort="pagina", traject_id=traject.pk)


def test_het_dossier_kost_evenveel_queries_voor_een_of_drie_trajecten(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    een, drie = (factories.LeerlingFactory(school=wereld.eigen_school) for _ in range(2))
    _trajecten_voor(wereld, een, 1)
    _trajecten_voor(wereld, drie, 3)
    kosten = [aantal_queries(client, reverse("leerling_dossier", args=[lln.pk])) for lln in (een, drie)]
    assert kosten[0] == kosten[1]


# Erasure after approval


def test_wissen_aanvragen_en_goedkeuren_via_de_schermen(client, wereld):
    traject = volledige_leerling(wereld)
    open_traject = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, leerling=traject.leerling, status=Status.LOPEND
    )
    client.force_login(wereld.anker.gebruiker)
    url = reverse("leerling_wissen", args=[traject.leerling_id])
    html = client.post(url, {"reden": "   "}).content.decode()
    assert "Dit veld is verplicht." in html and not Wisverzoek.objects.exists()
    antwoord = client.post(url, {"reden": "De ouders vragen het (mail van 2 maart)."})
    assert antwoord.status_code == 302
    assert "Het verzoek is bewaard. Een coördinator" in client.get(antwoord["Location"]).content.decode()
    verzoek = Wisverzoek.objects.get()
    assert verzoek.status == Wisverzoek.Status.OPEN and verzoek.lsc == wereld.lsc
    assert "Er is al een verzoek" in client.get(url).content.decode()
    bewaard(traject)  # asking erases nothing

    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    lijst = client.get(reverse("wisverzoek_lijst")).content.decode()
    assert "De ouders vragen het" in lijst and NAAM not in lijst
    assert reverse("wisverzoek_beslissen", args=[verzoek.pk]) in lijst
    pagina = client.get(reverse("wisverzoek_beslissen", args=[verzoek.pk])).content.decode()
    assert f"De gegevens van {NAAM} K. wissen?" in pagina
    beslissen = reverse("wisverzoek_beslissen", args=[verzoek.pk])
    assert "Kies goedkeuren of weigeren." in client.post(beslissen, {}).content.decode()
    antwoord = client.post(beslissen, {"beslissing": "goedkeuren"})
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("wisverzoek_lijst")
    assert "De leerlinggegevens zijn gewist." in client.get(antwoord["Location"]).content.decode()

    weg(traject)
    verzoek.refresh_from_db()
    assert verzoek.status == Wisverzoek.Status.GOEDGEKEURD and verzoek.reden == privacy.GEANONIMISEERD
    assert verzoek.beslist_door == wereld.gebruikers[Rol.COORDINATOR]
    gestopt = Traject.objects.get(pk=open_traject.pk)
    assert gestopt.status == Status.STOPGEZET and gestopt.reden_stopzetting == privacy.GEWIST_OP_VERZOEK
    gewist = Wijziging.objects.filter(actie="trajecten.leerling.gewist").order_by("traject_id")
    assert [(w.traject_id, w.door_id) for w in gewist] == [
        (traject.pk, wereld.gebruikers[Rol.COORDINATOR].pk),
        (open_traject.pk, wereld.gebruikers[Rol.COORDINATOR].pk),
    ]
    assert gewist[0].wijzigingen == {
        "trajecten": [traject.pk, open_traject.pk],
        "gestopt": [open_traject.pk],
        "wisverzoek": verzoek.pk,
    }
    assert (
        Wijziging.objects.filter(
            actie="trajecten.wisverzoek.aangevraagd", door=wereld.anker.gebruiker
        ).count()
        == 2
    )
    # Erased once: no second request, and retention has nothing left to do.
    client.force_login(wereld.anker.gebruiker)
    assert "al geanonimiseerd" in client.get(url).content.decode()
    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(2040, 8, 31)) == 0


def test_wie_het_wissen_aanvraagt_beslist_er_niet_over(client, wereld):
    traject = volledige_leerling(wereld)
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    verzoek = privacy.wissing_aanvragen(
        door=coordinator, leerling=traject.leerling, reden="Op vraag van de ouders"
    )
    client.force_login(coordinator)
    beslissen = reverse("wisverzoek_beslissen", args=[verzoek.pk])
    assert "Je vroeg dit wissen zelf aan" in client.get(beslissen).content.decode()
    html = client.post(beslissen, {"beslissing": "goedkeuren"}).content.decode()
    assert "een andere coördinator of de directeur beslist erover" in html
    bewaard(traject)
    client.force_login(wereld.gebruikers[Rol.DIRECTEUR])
    assert client.post(beslissen, {"beslissing": "goedkeuren"}).status_code == 302
    weg(traject)


def test_weigeren_vraagt_een_toelichting_en_laat_alles_staan(client, wereld):
    traject = volledige_leerling(wereld)
    verzoek = privacy.wissing_aanvragen(
        door=wereld.anker.gebruiker, leerling=traject.leerling, reden="Traject is voorbij"
    )
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    beslissen = reverse("wisverzoek_beslissen", args=[verzoek.pk])
    html = client.post(beslissen, {"beslissing": "weigeren", "toelichting": " "}).content.decode()
    assert "Zeg waarom het verzoek geweigerd wordt." in html
    assert (
        client.post(
            beslissen, {"beslissing": "weigeren", "toelichting": "Bewaartermijn volstaat"}
        ).status_code
        == 302
    )
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.toelichting) == (Wisverzoek.Status.GEWEIGERD, "Bewaartermijn volstaat")
    bewaard(traject)
    assert "Over dit verzoek is al beslist." in client.get(beslissen).content.decode()
    with pytest.raises(services.ValidationError, match="al beslist"):
        privacy.wissing_beslissen(door=wereld.gebruikers[Rol.DIRECTEUR], verzoek=verzoek, goedkeuren=True)
    # A new request may follow a refused one.
    privacy.wissing_aanvragen(door=wereld.anker.gebruiker, leerling=traject.leerling, reden="Nieuwe vraag")


def test_wissen_is_alles_of_niets(wereld, monkeypatch):
    """The database refuses to scrub the audit with a plain UPDATE: the erasure as a whole is
    undone, the request still waits and the open trajectory stays open."""
    traject = volledige_leerling(wereld)
    open_traject = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, leerling=traject.leerling, status=Status.LOPEND
    )
    verzoek = privacy.wissing_aanvragen(
        door=wereld.anker.gebruiker, leerling=traject.leerling, reden="Ouders"
    )
    monkeypatch.setattr(privacy, "audit_anonimiseren", _rechtstreeks_in_de_audit)
    with pytest.raises(DatabaseError, match="auditgegevens kunnen niet gewijzigd"):
        privacy.wissing_beslissen(door=wereld.gebruikers[Rol.COORDINATOR], verzoek=verzoek, goedkeuren=True)
    bewaard(traject)
    assert Wisverzoek.objects.get().status == Wisverzoek.Status.OPEN
    assert Traject.objects.get(pk=open_traject.pk).status == Status.LOPEND
    assert not Wijziging.objects.filter(actie="trajecten.leerling.gewist").exists()


def test_wie_niet_aan_het_traject_werkt_vraagt_geen_wissen_aan(wereld):
    traject = volledige_leerling(wereld)
    with pytest.raises(PermissionDenied):
        privacy.wissing_aanvragen(door=wereld.gebruikers[Rol.TEAMCOACH], leerling=traject.leerling, reden="x")
    assert not Wisverzoek.objects.exists()


def test_de_lijst_van_verzoeken_kost_evenveel_queries_voor_een_of_drie(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    kosten = []
    for aantal in (1, 3):
        Wisverzoek.objects.all().delete()
        for _ in range(aantal):
            traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
            factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, leerling=traject.leerling)
            Wisverzoek.objects.create(
                lsc=wereld.lsc,
                leerling=traject.leerling,
                reden="Ouders",
                aangevraagd_door=wereld.anker.gebruiker,
            )
            gesloten = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
            Wisverzoek.objects.create(
                lsc=wereld.lsc, leerling=gesloten.leerling, reden="-", status=Wisverzoek.Status.GEWEIGERD,
                aangevraagd_door=wereld.anker.gebruiker, beslist_door=wereld.gebruikers[Rol.DIRECTEUR],
                beslist_op=timezone.now(),
            )  # fmt: skip
        kosten.append(aantal_queries(client, reverse("wisverzoek_lijst")))
    assert kosten[0] == kosten[1]
