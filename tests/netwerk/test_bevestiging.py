"""Accounts from outside an LSC: care staff and CLB staff see an LSC's work only where that LSC vouched for
them. LSC B invites accounts for a school it shares with LSC A: they see B's work there, never A's, until
A (its coordinator, or a colleague on the care team A vouched for) confirms them."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Gebruiker, Rol, Wijziging
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Schoolbeeldoverleg, Status
from overleg.services import deelnemers_voor
from scholen.models import Bediening, Bevestiging
from tests import factories
from trajecten.mails import _zorgteam_van


@pytest.fixture
def gedeeld(wereld_met_trajecten):
    """LSC B ("LSC Ander") serves the own school too; LSC A ("LSC Eigen") has a trajectory, a published
    frame and a shared consultation report there."""
    wereld = wereld_met_trajecten
    wereld.lsc_b = wereld.vreemde_ondersteuner.lsc
    Bediening.objects.create(lsc=wereld.lsc_b, school=wereld.eigen_school)
    wereld.coordinator_b = factories.GebruikerFactory(
        email="coordinator-b@proef.example", rol=Rol.COORDINATOR, lsc=wereld.lsc_b
    )
    wereld.traject_a = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, leerling__voornaam="Geheimvoornaam"
    )
    wereld.overleg_a = Schoolbeeldoverleg.objects.create(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        schooljaar=huidig_schooljaar(),
        status=Status.GEDEELD,
        datum=timezone.now() - dt.timedelta(days=2),
        gedeeld_op=timezone.now(),
        plaats="Refter",
        prioriteiten="Geheime prioriteit van LSC A",
    )
    return wereld


def _uitnodigen(client, door, **velden) -> Gebruiker:
    client.force_login(door)
    antwoord = client.post(reverse("gebruiker_uitnodigen"), {"naam": "Nieuw Account", **velden})
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    return Gebruiker.objects.get(email=velden["email"])


def _ziet_werk_van_a(client, gebruiker, wereld) -> dict[str, bool]:
    client.force_login(gebruiker)
    lijst = client.get(reverse("traject_lijst")).content.decode()
    return {
        "trajectlijst": "Geheimvoornaam" in lijst,
        "traject": client.get(reverse("traject_detail", args=[wereld.traject_a.pk])).status_code == 200,
        "verslag": client.get(reverse("overleg_verslag", args=[wereld.overleg_a.pk])).status_code == 200,
        "tijdskader": "LSC Eigen"
        in client.get(reverse("tijdskader_school", args=[wereld.eigen_school.pk])).content.decode(),
    }


@pytest.mark.django_db
def test_zorgaccount_van_lsc_b_ziet_niets_van_lsc_a_tot_a_bevestigt(client, gedeeld):
    wereld = gedeeld
    zorg = _uitnodigen(
        client,
        wereld.coordinator_b,
        email="zorg-b@proef.example",
        rol=Rol.ZORG,
        school=wereld.eigen_school.pk,
    )
    assert Bevestiging.objects.filter(gebruiker=zorg, lsc=wereld.lsc_b, bevestigd=True).count() == 1
    assert not Bevestiging.objects.filter(gebruiker=zorg, lsc=wereld.lsc).exists()
    assert _ziet_werk_van_a(client, zorg, wereld) == dict.fromkeys(
        ["trajectlijst", "traject", "verslag", "tijdskader"], False
    )
    home = client.get(reverse("home")).content.decode()
    assert "LSC Eigen bedient je school ook, maar heeft je account nog niet bevestigd" in home

    # LSC A's coordinator finds the account waiting and confirms it.
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert "1 aanvraag wacht op je beslissing" in client.get(reverse("home")).content.decode()
    pagina = client.get(reverse("aanvragen")).content.decode()
    assert "zorg-b@proef.example" in pagina and "uitgenodigd door LSC Ander" in pagina
    client.post(
        reverse("account_beslissen"),
        {"gebruiker": zorg.pk, "school": wereld.eigen_school.pk, "actie": "bevestigen"},
    )
    assert _ziet_werk_van_a(client, zorg, wereld) == dict.fromkeys(
        ["trajectlijst", "traject", "verslag", "tijdskader"], True
    )
    actie = Wijziging.objects.filter(actie="scholen.bevestiging.bevestigd").latest("pk")
    assert actie.door_id == wereld.gebruikers[Rol.COORDINATOR].pk

    # Withdrawn: the account sees A's work no longer; nothing of the account itself is lost.
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    client.post(
        reverse("account_beslissen"),
        {"gebruiker": zorg.pk, "school": wereld.eigen_school.pk, "actie": "weigeren"},
    )
    assert not any(_ziet_werk_van_a(client, zorg, wereld).values())
    assert Gebruiker.objects.filter(pk=zorg.pk, is_active=True).exists()


@pytest.mark.django_db
def test_lsc_b_kan_geen_zorgaccount_bevestigen_voor_lsc_a(client, gedeeld):
    """Posting LSC A's id does not help: a coordinator decides for their own LSC only."""
    wereld = gedeeld
    zorg = factories.GebruikerFactory(email="los@proef.example", rol=Rol.ZORG, lsc=None)
    wereld.eigen_school.zorgmedewerkers.add(zorg)
    client.force_login(wereld.coordinator_b)
    client.post(
        reverse("account_beslissen"),
        {"gebruiker": zorg.pk, "school": wereld.eigen_school.pk, "lsc": wereld.lsc.pk, "actie": "bevestigen"},
    )
    assert list(Bevestiging.objects.filter(gebruiker=zorg).values_list("lsc_id", flat=True)) == [
        wereld.lsc_b.pk
    ]
    assert not _ziet_werk_van_a(client, zorg, wereld)["traject"]


@pytest.mark.django_db
def test_een_bevestigde_collega_bevestigt_een_nieuwe_collega(client, gedeeld):
    wereld = gedeeld
    nieuw = factories.GebruikerFactory(email="collega@proef.example", rol=Rol.ZORG, lsc=None)
    wereld.eigen_school.zorgmedewerkers.add(nieuw)
    bevestigde = wereld.gebruikers[Rol.ZORG]  # vouched for by LSC A (see tests/factories.in_zorgteam)
    client.force_login(bevestigde)
    home = client.get(reverse("home")).content.decode()
    assert "Nieuwe collega's in je zorgteam" in home and "collega@proef.example" in home
    client.post(
        reverse("account_beslissen"),
        {
            "gebruiker": nieuw.pk,
            "school": wereld.eigen_school.pk,
            "lsc": wereld.lsc.pk,
            "actie": "bevestigen",
        },
    )
    bevestiging = Bevestiging.objects.get(gebruiker=nieuw, lsc=wereld.lsc)
    assert (bevestiging.bron, bevestiging.door_id) == (Bevestiging.Bron.COLLEGA, bevestigde.pk)
    assert _ziet_werk_van_a(client, nieuw, wereld)["traject"]


@pytest.mark.django_db
def test_een_onbevestigd_zorgaccount_kan_zichzelf_of_een_ander_niet_bevestigen(client, gedeeld):
    wereld = gedeeld
    los = factories.GebruikerFactory(email="los@proef.example", rol=Rol.ZORG, lsc=None)
    ander = factories.GebruikerFactory(email="ander@proef.example", rol=Rol.ZORG, lsc=None)
    for account in (los, ander):
        wereld.eigen_school.zorgmedewerkers.add(account)
    client.force_login(los)
    for wie in (los, ander):
        antwoord = client.post(
            reverse("account_beslissen"),
            {
                "gebruiker": wie.pk,
                "school": wereld.eigen_school.pk,
                "lsc": wereld.lsc.pk,
                "actie": "bevestigen",
            },
        )
        assert antwoord.status_code == 403
    assert not Bevestiging.objects.filter(gebruiker__in=[los, ander]).exists()


@pytest.mark.django_db
def test_clb_keuze_beperkt_tot_clbs_van_eigen_scholen(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    formulier = client.get(reverse("gebruiker_uitnodigen")).content.decode()
    assert "CLB Eigen" in formulier and "CLB Ander" not in formulier
    ander_clb = wereld.vreemde_school.clb
    antwoord = client.post(
        reverse("gebruiker_uitnodigen"),
        {"naam": "Elders", "email": "elders@proef.example", "rol": Rol.CLB, "clb": ander_clb.pk},
    )
    assert antwoord.status_code == 200
    assert not Gebruiker.objects.filter(email="elders@proef.example").exists()


@pytest.mark.django_db
def test_clbaccount_van_lsc_b_leest_de_verslagen_van_lsc_a_pas_na_bevestiging(client, gedeeld):
    wereld = gedeeld
    clb = _uitnodigen(
        client, wereld.coordinator_b, email="clb-b@proef.example", rol=Rol.CLB, clb=wereld.eigen_school.clb.pk
    )
    verslag = reverse("overleg_verslag", args=[wereld.overleg_a.pk])
    client.force_login(clb)
    assert client.get(verslag).status_code == 404
    assert "Geheime prioriteit" not in client.get(reverse("home")).content.decode()
    assert wereld.eigen_school.naam not in client.get(reverse("overleg_overzicht")).content.decode()

    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    client.post(
        reverse("account_beslissen"),
        {"gebruiker": clb.pk, "clb": wereld.eigen_school.clb.pk, "actie": "bevestigen"},
    )
    client.force_login(clb)
    assert "Geheime prioriteit van LSC A" in client.get(verslag).content.decode()


@pytest.mark.django_db
def test_mails_en_deelnemers_enkel_voor_wie_het_lsc_bevestigde(gedeeld):
    """The closing questions of A's trajectory and the invitation to A's consultation reach the care and
    CLB staff A vouched for, not an account B invited."""
    wereld = gedeeld
    van_b = factories.GebruikerFactory(email="van-b@proef.example", rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(wereld.eigen_school, van_b, bevestigd_door=wereld.lsc_b)
    clb_b = factories.GebruikerFactory(email="clb-b@proef.example", rol=Rol.CLB, lsc=None, clb=wereld.clb)
    factories.clb_bevestigd(clb_b, bevestigd_door=wereld.lsc_b)
    assert _zorgteam_van(wereld.traject_a) == [wereld.gebruikers[Rol.ZORG].email]
    gevraagd = {k.gebruiker.email for k in deelnemers_voor(wereld.overleg_a)}
    assert {wereld.gebruikers[Rol.ZORG].email, wereld.gebruikers[Rol.CLB].email} <= gevraagd
    assert not {"van-b@proef.example", "clb-b@proef.example"} & gevraagd


@pytest.mark.django_db
def test_migratie_bevestigt_bestaande_accounts_voor_elk_lsc_van_hun_school(gedeeld):
    """Accounts from before keep working: every LSC serving their school (or a school of their CLB) is
    recorded as having vouched for them, by the migration."""
    wereld = gedeeld
    Bevestiging.objects.all().delete()
    migratie = importlib.import_module("scholen.migrations.0005_bestaande_accounts_bevestigd")
    migratie.vastleggen(apps, None)
    zorg, clb = wereld.gebruikers[Rol.ZORG], wereld.gebruikers[Rol.CLB]
    assert set(Bevestiging.objects.filter(gebruiker=zorg).values_list("lsc_id", "school_id", "bron")) == {
        (wereld.lsc.pk, wereld.eigen_school.pk, "migratie"),
        (wereld.lsc_b.pk, wereld.eigen_school.pk, "migratie"),
    }
    assert set(Bevestiging.objects.filter(gebruiker=clb).values_list("lsc_id", "clb_id")) == {
        (wereld.lsc.pk, wereld.clb.pk),
        (wereld.lsc_b.pk, wereld.clb.pk),
    }
