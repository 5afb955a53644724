"""Professional development (issue 20, part 4): trainings with sessions, registrations with a waiting list,
attendance and its export equal to the screen, the growth focus, and coaching moments that only their coach,
the supporter and the policy team read (the notes never in the audit)."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import (
    Aanwezigheid,
    Coachingsmoment,
    Focus,
    Inschrijving,
    Melding,
    Meldingsoort,
    Rol,
    Vorming,
    Wijziging,
)
from tests import factories
from tests.support.lijsten import csv_rijen
from tests.support.queries import aantal_queries

VANDAAG = timezone.localdate()


def _vorming(lsc, *, dagen=14, max_plaatsen=None, sessies=1, titel="Oplossingsgericht werken"):
    vorming = Vorming.objects.create(
        lsc=lsc, titel=titel, soort=Vorming.Soort.OPLOSSINGSGERICHT, max_plaatsen=max_plaatsen
    )
    for i in range(sessies):
        vorming.sessies.create(
            datum=VANDAAG + dt.timedelta(days=dagen + 7 * i), van=dt.time(13), tot=dt.time(16), plaats="Gent"
        )
    return vorming


def _sessieformulier(**extra):
    gegevens = {
        "titel": "Communicatie met ouders",
        "soort": "communicatie",
        "max_plaatsen": "2",
        "beschrijving": "",
        "sessies-TOTAL_FORMS": "1",
        "sessies-INITIAL_FORMS": "0",
        "sessies-MIN_NUM_FORMS": "0",
        "sessies-MAX_NUM_FORMS": "1000",
        "sessies-0-datum": (VANDAAG + dt.timedelta(days=10)).isoformat(),
        "sessies-0-van": "09:00",
        "sessies-0-tot": "12:00",
        "sessies-0-plaats": "Brugge, De Linde",
    }
    gegevens.update(extra)
    return gegevens


@pytest.fixture
def collega(wereld):
    return factories.OndersteunerFactory(
        lsc=wereld.lsc, regioteam=wereld.regioteam, gebruiker__naam="Cas Wouters"
    )


def test_coordinator_maakt_een_vorming_met_sessie(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(reverse("vorming_nieuw"), _sessieformulier())
    vorming = Vorming.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "vorming_detail", args=[vorming.pk]
    )
    assert vorming.lsc == wereld.lsc and vorming.max_plaatsen == 2
    assert [(s.van, s.plaats) for s in vorming.sessies.all()] == [(dt.time(9), "Brugge, De Linde")]
    assert Wijziging.objects.filter(actie="netwerk.vorming.aangemaakt", object_id=vorming.pk).exists()


def test_een_nieuwe_vorming_krijgt_drie_sessies_in_een_keer(client, wereld):
    """A new training's form offers three session rows; the filled ones are saved, an empty one ignored."""
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("vorming_nieuw")).content.decode()
    assert 'name="sessies-2-datum"' in html and 'name="sessies-3-datum"' not in html
    dag = VANDAAG + dt.timedelta(days=10)
    extra = {"sessies-TOTAL_FORMS": "3"}
    for i in (1, 2):
        extra |= {
            f"sessies-{i}-datum": (dag + dt.timedelta(days=7 * i)).isoformat() if i == 1 else "",
            f"sessies-{i}-van": "13:00" if i == 1 else "",
            f"sessies-{i}-tot": "16:00" if i == 1 else "",
            f"sessies-{i}-plaats": "Gent" if i == 1 else "",
        }
    antwoord = client.post(reverse("vorming_nieuw"), _sessieformulier(**extra))
    assert antwoord.status_code == 302
    vorming = Vorming.objects.get()
    assert [(s.datum, s.plaats) for s in vorming.sessies.order_by("datum")] == [
        (dag, "Brugge, De Linde"),
        (dag + dt.timedelta(days=7), "Gent"),
    ]
    # Editing shows the saved sessions and one empty row.
    html = client.get(reverse("vorming_bewerken", args=[vorming.pk])).content.decode()
    assert 'name="sessies-2-datum"' in html and 'name="sessies-3-datum"' not in html


@pytest.mark.parametrize(
    ("veld", "waarde", "boodschap"),
    [
        ("sessies-0-tot", "08:00", "Het einduur ligt na het beginuur."),
        ("sessies-0-datum", "31/02/2027", "Geef een geldige datum."),
        ("titel", "", "Geef de vorming een titel."),
        ("sessies-0-plaats", "", "Geef de plaats van de sessie."),
    ],
)
def test_foute_invoer_bewaart_niets(client, wereld, veld, waarde, boodschap):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(reverse("vorming_nieuw"), _sessieformulier(**{veld: waarde}))
    assert antwoord.status_code == 200
    assert boodschap in antwoord.content.decode()
    assert not Vorming.objects.exists()


def test_een_vorming_zonder_sessie_wordt_niet_bewaard(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    leeg = {f"sessies-0-{v}": "" for v in ("datum", "van", "tot", "plaats")}
    antwoord = client.post(reverse("vorming_nieuw"), _sessieformulier(**leeg))
    assert "minstens één sessie" in antwoord.content.decode()
    assert not Vorming.objects.exists()


def test_inschrijven_tot_volzet_dan_wachtlijst_en_opschuiven(client, wereld, collega):
    vorming = _vorming(wereld.lsc, max_plaatsen=1)
    client.force_login(collega.gebruiker)
    client.post(reverse("vorming_inschrijven", args=[vorming.pk]))
    client.force_login(wereld.anker.gebruiker)
    antwoord = client.post(reverse("vorming_inschrijven", args=[vorming.pk]), follow=True)
    assert "De vorming is volzet: je staat op de wachtlijst" in antwoord.content.decode()
    assert dict(Inschrijving.objects.values_list("ondersteuner_id", "wachtlijst")) == {
        collega.pk: False,
        wereld.anker.pk: True,
    }
    antwoord = client.post(reverse("vorming_inschrijven", args=[vorming.pk]), follow=True)
    assert "Je bent al ingeschreven." in antwoord.content.decode()
    assert Inschrijving.objects.count() == 2

    client.force_login(collega.gebruiker)
    client.post(reverse("vorming_uitschrijven", args=[vorming.pk]))
    assert list(Inschrijving.objects.values_list("ondersteuner_id", "wachtlijst")) == [
        (wereld.anker.pk, False)
    ]
    melding = Melding.objects.get(ontvanger=wereld.anker.gebruiker)
    assert melding.soort == Meldingsoort.VORMING_GEWIJZIGD and "plaats vrij" in melding.titel
    client.force_login(wereld.anker.gebruiker)
    groei = client.get(reverse("vorming_lijst")).content.decode()
    assert "nog geen sessie gehouden" in groei and "0 van 0 sessies" not in groei  # before the first one


def test_na_de_eerste_sessie_schrijft_een_ondersteuner_zich_niet_meer_in_of_uit(client, wereld, collega):
    vorming = _vorming(wereld.lsc, dagen=0)
    client.force_login(wereld.anker.gebruiker)
    antwoord = client.post(reverse("vorming_inschrijven", args=[vorming.pk]), follow=True)
    assert "al begonnen" in antwoord.content.decode()
    assert not Inschrijving.objects.exists()
    # The policy team still may (a walk-in); the supporter then cannot leave on their own.
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    client.post(reverse("vorming_inschrijven", args=[vorming.pk]), {"ondersteuner": wereld.anker.pk})
    client.force_login(wereld.anker.gebruiker)
    antwoord = client.post(reverse("vorming_uitschrijven", args=[vorming.pk]), follow=True)
    assert "uitschrijven kan niet meer" in antwoord.content.decode()
    assert Inschrijving.objects.count() == 1


def test_een_ondersteuner_schrijft_geen_ander_in(client, wereld, collega):
    vorming = _vorming(wereld.lsc)
    client.force_login(wereld.anker.gebruiker)
    client.post(reverse("vorming_inschrijven", args=[vorming.pk]), {"ondersteuner": collega.pk})
    assert list(Inschrijving.objects.values_list("ondersteuner_id", flat=True)) == [wereld.anker.pk]


def test_het_beleid_schrijft_geen_ondersteuner_van_een_ander_lsc_in(client, wereld):
    vorming = _vorming(wereld.lsc)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(
        reverse("vorming_inschrijven", args=[vorming.pk]),
        {"ondersteuner": wereld.vreemde_ondersteuner.pk},
        follow=True,
    )
    assert "Kies een ondersteuner om in te schrijven." in antwoord.content.decode()
    assert not Inschrijving.objects.exists()


def test_annuleren_vraagt_eerst_noemt_de_ingeschrevenen_en_meldt_het_hun(client, wereld, collega):
    vorming = _vorming(wereld.lsc)
    Inschrijving.objects.create(vorming=vorming, ondersteuner=collega)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    vraag = client.get(reverse("vorming_annuleren", args=[vorming.pk])).content.decode()
    assert "Cas Wouters" in vraag and "1 ondersteuner is ingeschreven" in vraag
    vorming.refresh_from_db()
    assert vorming.geannuleerd_op is None
    client.post(reverse("vorming_annuleren", args=[vorming.pk]))
    vorming.refresh_from_db()
    assert vorming.geannuleerd_op is not None
    assert (
        Melding.objects.get(ontvanger=collega.gebruiker).titel
        == "De vorming ‘Oplossingsgericht werken’ is geannuleerd"
    )
    client.force_login(wereld.anker.gebruiker)
    antwoord = client.post(reverse("vorming_inschrijven", args=[vorming.pk]), follow=True)
    assert "geannuleerd" in antwoord.content.decode() and Inschrijving.objects.count() == 1


def test_aanwezigheid_na_de_sessie_en_export_gelijk_aan_het_scherm(client, wereld, collega):
    vorming = _vorming(wereld.lsc, dagen=-7, sessies=2)  # one session held, one next week... at 0 days
    eerste, tweede = vorming.sessies.order_by("datum")
    tweede.datum = VANDAAG + dt.timedelta(days=3)
    tweede.save()
    a = Inschrijving.objects.create(vorming=vorming, ondersteuner=wereld.anker)
    c = Inschrijving.objects.create(vorming=vorming, ondersteuner=collega)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("vorming_aanwezigheid", args=[vorming.pk])
    # A session still to come gets no attendance: nothing is saved.
    antwoord = client.post(url, {f"a-{a.pk}-{eerste.pk}": "aanwezig", f"a-{a.pk}-{tweede.pk}": "afwezig"})
    assert "moet nog plaatsvinden" in antwoord.content.decode()
    assert not Aanwezigheid.objects.exists()
    client.post(url, {f"a-{a.pk}-{eerste.pk}": "aanwezig", f"a-{c.pk}-{eerste.pk}": "verontschuldigd"})
    assert dict(Aanwezigheid.objects.values_list("inschrijving_id", "status")) == {
        a.pk: "aanwezig",
        c.pk: "verontschuldigd",
    }
    audit = Wijziging.objects.get(actie="netwerk.aanwezigheid.geregistreerd")
    assert audit.wijzigingen == {"gewijzigd": 2}

    scherm = client.get(reverse("vorming_detail", args=[vorming.pk])).content.decode()
    rijen = csv_rijen(client.get(reverse("vorming_export", args=[vorming.pk, "csv"])).content)
    assert rijen[0][:3] == ["Naam", "Regioteam", "Inschrijving"] and len(rijen[0]) == 5
    assert sorted(r[:5] for r in rijen[1:]) == sorted(
        [
            [wereld.anker.gebruiker.naam, "Regio Eigen", "ingeschreven", "Aanwezig", ""],
            ["Cas Wouters", "Regio Eigen", "ingeschreven", "Verontschuldigd", ""],
        ]
    )
    assert "2 inschrijvingen" in scherm and scherm.count("Verontschuldigd") == 1

    # The supporter's team page: attended 1 of the 1 session held.
    team = client.get(reverse("team_ondersteuner", args=[wereld.anker.pk])).content.decode()
    assert "1 van 1 sessies" in team and "Oplossingsgericht werken" in team


def _ander_team(wereld):
    """A second regio team of the same LSC, with its own coach and a supporter of its own."""
    andere_coach = factories.GebruikerFactory(rol=Rol.TEAMCOACH, lsc=wereld.lsc, naam="Olga Overkant")
    zuid = factories.RegioteamFactory(lsc=wereld.lsc, naam="Regio Zuid", coach=andere_coach)
    return andere_coach, factories.OndersteunerFactory(
        lsc=wereld.lsc, regioteam=zuid, gebruiker__naam="Zeno Zuidwijk"
    )


def test_een_coach_ziet_wie_van_de_eigen_regioteams_ingeschreven_is_en_niemand_anders(
    client, wereld, collega
):
    andere_coach, zeno = _ander_team(wereld)
    vertrokken = factories.OndersteunerFactory(
        lsc=wereld.lsc,
        regioteam=wereld.regioteam,
        gebruiker__naam="Vera Vertrokken",
        gebruiker__is_active=False,
    )
    vorming = _vorming(wereld.lsc, dagen=-7)
    sessie = vorming.sessies.get()
    for ondersteuner, status in ((wereld.anker, "aanwezig"), (zeno, "afwezig"), (vertrokken, "aanwezig")):
        inschrijving = Inschrijving.objects.create(vorming=vorming, ondersteuner=ondersteuner)
        Aanwezigheid.objects.create(inschrijving=inschrijving, sessie=sessie, status=status)
    Inschrijving.objects.create(vorming=vorming, ondersteuner=collega, wachtlijst=True)
    url = reverse("vorming_detail", args=[vorming.pk])
    anker = wereld.anker.gebruiker.naam

    # The coach of "Regio Eigen": their two active supporters, with attendance and waiting list; not the
    # other team's, not the one who left (the team list does not show them either); nothing to manage.
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    scherm = client.get(url).content.decode()
    assert anker in scherm and "Cas Wouters" in scherm and "2 inschrijvingen" in scherm
    assert scherm.count("Aanwezig") == 1 and "wachtlijst" in scherm
    assert "Zeno Zuidwijk" not in scherm and "Afwezig" not in scherm and "Vera Vertrokken" not in scherm
    assert "3 ingeschreven" in scherm  # the counts stay those of the whole training
    for beheer in ("vorming_aanwezigheid", "vorming_bewerken", "vorming_annuleren"):
        assert reverse(beheer, args=[vorming.pk]) not in scherm
    assert reverse("vorming_export", args=[vorming.pk, "csv"]) not in scherm and "uitschrijven" not in scherm
    teamlijst = client.get(reverse("team_lijst")).content.decode()
    assert anker in teamlijst and "Zeno Zuidwijk" not in teamlijst and "Vera Vertrokken" not in teamlijst

    # The other team's coach: only Zeno.
    client.force_login(andere_coach)
    scherm = client.get(url).content.decode()
    assert "Zeno Zuidwijk" in scherm and "Afwezig" in scherm and "1 inschrijving" in scherm
    assert anker not in scherm and "Cas Wouters" not in scherm

    # A supporter still sees counts only.
    client.force_login(wereld.anker.gebruiker)
    scherm = client.get(url).content.decode()
    assert "Zeno Zuidwijk" not in scherm and "Cas Wouters" not in scherm and "3 ingeschreven" in scherm


def test_de_ingeschrevenen_voor_de_coach_kosten_een_vast_aantal_queries(client, wereld, collega):
    _, zeno = _ander_team(wereld)
    vorming = _vorming(wereld.lsc, dagen=-7, sessies=2)
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    url = reverse("vorming_detail", args=[vorming.pk])

    def inschrijven(ondersteuner):
        inschrijving = Inschrijving.objects.create(vorming=vorming, ondersteuner=ondersteuner)
        for sessie in vorming.sessies.all():
            Aanwezigheid.objects.create(inschrijving=inschrijving, sessie=sessie, status="aanwezig")

    inschrijven(wereld.anker)
    voor = aantal_queries(client, url)
    inschrijven(collega)
    inschrijven(zeno)
    for _ in range(4):
        inschrijven(factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam))
        inschrijven(factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=zeno.regioteam))
    assert aantal_queries(client, url) == voor
    scherm = client.get(url).content.decode()  # the coach's six, not the other team's five
    assert "6 inschrijvingen" in scherm and "Zeno Zuidwijk" not in scherm and "11 ingeschreven" in scherm


def test_groeifocus_door_de_ondersteuner_zelf_op_de_teamlijst(client, wereld):
    client.force_login(wereld.anker.gebruiker)
    antwoord = client.post(
        reverse("groeifocus", args=[wereld.anker.pk]),
        {"groeifocus": "Oplossingsgericht werken met leerkrachten", "groeifocus_gebied": Focus.GEDRAG},
    )
    assert antwoord["Location"] == reverse("vorming_lijst")
    wereld.anker.refresh_from_db()
    assert wereld.anker.groeifocus_gebied == Focus.GEDRAG
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    lijst = client.get(reverse("team_lijst")).content.decode()
    assert "Oplossingsgericht werken met leerkrachten · Gedrag" in lijst
    rijen = csv_rijen(client.get(reverse("team_export", args=["csv"])).content)
    kolom = rijen[0].index("Groeifocus")
    assert [r[kolom] for r in rijen[1:]] == ["Oplossingsgericht werken met leerkrachten · Gedrag"]


def test_groeifocus_van_een_collega_is_niet_te_vinden(client, wereld, collega):
    client.force_login(wereld.anker.gebruiker)
    assert client.post(reverse("groeifocus", args=[collega.pk]), {"groeifocus": "x"}).status_code == 404
    collega.refresh_from_db()
    assert collega.groeifocus == ""


def test_coachingsmoment_alleen_voor_coach_ondersteuner_en_beleid(client, wereld, collega):
    coach = wereld.gebruikers[Rol.TEAMCOACH]
    client.force_login(coach)
    client.post(
        reverse("coaching_lijst", args=[wereld.anker.pk]),
        {
            "datum": VANDAAG.isoformat(),
            "onderwerp": "Grenzen stellen",
            "notities": "Vertrouwelijk X",
            "afspraken": "",
        },
    )
    moment = Coachingsmoment.objects.get()
    assert moment.coach == coach and moment.ondersteuner == wereld.anker
    audit = Wijziging.objects.get(actie="netwerk.coachingsmoment.toegevoegd")
    assert "Vertrouwelijk" not in json.dumps(audit.wijzigingen) and "Grenzen" not in json.dumps(
        audit.wijzigingen
    )
    assert audit.wijzigingen["ondersteuner"] == wereld.anker.pk and audit.door == coach

    url = reverse("coaching_detail", args=[moment.pk])
    for lezer in (
        coach,
        wereld.anker.gebruiker,
        wereld.gebruikers[Rol.COORDINATOR],
        wereld.gebruikers[Rol.DIRECTEUR],
    ):
        client.force_login(lezer)
        assert "Vertrouwelijk X" in client.get(url).content.decode(), lezer
    # Another coach of the same LSC (now even coaching the team), a colleague: not found.
    andere_coach = factories.GebruikerFactory(rol=Rol.TEAMCOACH, lsc=wereld.lsc)
    for vreemde in (andere_coach, collega.gebruiker):
        client.force_login(vreemde)
        assert client.get(url).status_code == 404
    wereld.regioteam.coach = andere_coach
    wereld.regioteam.save()
    client.force_login(andere_coach)
    assert client.get(url).status_code == 404
    assert (
        "Grenzen stellen"
        not in client.get(reverse("coaching_lijst", args=[wereld.anker.pk])).content.decode()
    )
    for buiten in (wereld.gebruikers[Rol.ZORG], wereld.gebruikers[Rol.CLB]):
        client.force_login(buiten)
        assert client.get(url).status_code in {403, 404}
    # Only the recording coach changes it; the supporter reads.
    client.force_login(wereld.anker.gebruiker)
    assert client.post(url, {"datum": VANDAAG.isoformat(), "onderwerp": "Ander"}).status_code == 403


def test_een_coach_noteert_niet_voor_een_ondersteuner_van_een_ander_team(client, wereld):
    ander_team = factories.RegioteamFactory(lsc=wereld.lsc, naam="Regio Zuid")
    zuid = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=ander_team)
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    antwoord = client.post(
        reverse("coaching_lijst", args=[zuid.pk]), {"datum": VANDAAG.isoformat(), "onderwerp": "x"}
    )
    assert antwoord.status_code == 404 and not Coachingsmoment.objects.exists()


def test_lijsten_tellen_een_vast_aantal_queries(client, wereld, collega):
    def vul(n):
        for i in range(n):
            v = _vorming(wereld.lsc, titel=f"Vorming {i}", sessies=2, dagen=-30 if i % 2 else 10)
            Inschrijving.objects.create(vorming=v, ondersteuner=wereld.anker)
            Inschrijving.objects.create(vorming=v, ondersteuner=collega, wachtlijst=True)

    urls = [
        (wereld.anker.gebruiker, reverse("vorming_lijst")),
        (wereld.gebruikers[Rol.COORDINATOR], reverse("vorming_lijst")),
        (wereld.gebruikers[Rol.COORDINATOR], reverse("team_ondersteuner", args=[wereld.anker.pk])),
    ]
    vul(1)
    voor = [aantal_queries(client, url) for gebruiker, url in urls if client.force_login(gebruiker) is None]
    vul(6)
    na = [aantal_queries(client, url) for gebruiker, url in urls if client.force_login(gebruiker) is None]
    assert voor == na


def test_wijzigen_meldt_het_de_ingeschrevenen_en_houdt_een_sessie_met_aanwezigheden(client, wereld, collega):
    vorming = _vorming(wereld.lsc, dagen=-1, sessies=2)
    eerste, tweede = vorming.sessies.order_by("datum")
    inschrijving = Inschrijving.objects.create(vorming=vorming, ondersteuner=collega)
    Aanwezigheid.objects.create(inschrijving=inschrijving, sessie=eerste, status="aanwezig")
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("vorming_bewerken", args=[vorming.pk])
    formulier = client.get(url).context["sessies"]
    assert [("DELETE" in f.fields) for f in formulier] == [True, True, False]  # no removing a new one

    def sessie(i, s, **extra):
        return {
            f"sessies-{i}-id": str(s.pk),
            f"sessies-{i}-datum": s.datum.isoformat(),
            f"sessies-{i}-van": "13:00",
            f"sessies-{i}-tot": "16:00",
            f"sessies-{i}-plaats": "Gent",
            **extra,
        }

    basis = {
        "titel": "Oplossingsgericht werken (2)",
        "soort": "oplossingsgericht",
        "sessies-TOTAL_FORMS": "2",
        "sessies-INITIAL_FORMS": "2",
        "sessies-MIN_NUM_FORMS": "0",
        "sessies-MAX_NUM_FORMS": "1000",
        **sessie(1, tweede),
    }
    antwoord = client.post(url, {**basis, **sessie(0, eerste, **{"sessies-0-DELETE": "on"})})
    assert "heeft al aanwezigheden" in antwoord.content.decode()
    vorming.refresh_from_db()
    assert vorming.titel == "Oplossingsgericht werken" and vorming.sessies.count() == 2
    assert not Melding.objects.exists()

    antwoord = client.post(
        url, {**basis, **sessie(0, eerste), **sessie(1, tweede, **{"sessies-1-DELETE": "on"})}
    )
    assert antwoord.status_code == 302
    vorming.refresh_from_db()
    assert vorming.titel == "Oplossingsgericht werken (2)" and list(vorming.sessies.all()) == [eerste]
    assert (
        Melding.objects.get(ontvanger=collega.gebruiker).titel
        == "De vorming ‘Oplossingsgericht werken (2)’ is gewijzigd"
    )
