"""CLBs are made, renamed and merged by hand, on their own page; a coordinator touches only CLBs whose
schools their LSC alone serves, an administrator any."""

import pytest
from django.urls import reverse

from netwerk.models import Clb, Gebruiker, Rol, Wijziging
from scholen.models import Bediening, Bevestiging, School
from tests import factories


@pytest.fixture
def coordinator(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    return client


@pytest.mark.django_db
def test_een_clb_aanmaken_is_een_eigen_handeling(coordinator, wereld):
    antwoord = coordinator.post(
        reverse("clb_lijst"), {"naam": "Vrij CLB Waasland", "gemeente": "Sint-Niklaas"}
    )
    assert antwoord.status_code == 302
    clb = Clb.objects.get(naam="Vrij CLB Waasland")
    assert Wijziging.objects.filter(actie="scholen.clb.aangemaakt", object_id=clb.pk).exists()
    dubbel = coordinator.post(reverse("clb_lijst"), {"naam": "vrij clb waasland", "gemeente": ""})
    assert "Er is al een CLB met deze naam." in dubbel.content.decode()
    assert Clb.objects.filter(naam__iexact="vrij clb waasland").count() == 1


@pytest.mark.django_db
def test_hernoemen_mag_enkel_als_het_eigen_lsc_alle_scholen_bedient(coordinator, wereld):
    eigen, ander = wereld.clb, wereld.vreemde_school.clb
    lijst = coordinator.get(reverse("clb_lijst")).content.decode()
    assert reverse("clb_bewerken", args=[eigen.pk]) in lijst
    assert reverse("clb_bewerken", args=[ander.pk]) not in lijst
    coordinator.post(
        reverse("clb_bewerken", args=[eigen.pk]), {"naam": "CLB Eigen Noord", "gemeente": "Gent"}
    )
    eigen.refresh_from_db()
    assert eigen.naam == "CLB Eigen Noord"
    log = Wijziging.objects.get(actie="scholen.clb.bijgewerkt", object_id=eigen.pk)
    assert log.wijzigingen["naam"] == ["CLB Eigen", "CLB Eigen Noord"]
    # The other LSC's CLB, and one of a school both serve: not the coordinator's to rename.
    assert coordinator.post(reverse("clb_bewerken", args=[ander.pk]), {"naam": "Weg"}).status_code == 403
    Bediening.objects.create(lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.eigen_school)
    assert coordinator.get(reverse("clb_bewerken", args=[eigen.pk])).status_code == 403


@pytest.mark.django_db
def test_samenvoegen_vraagt_eerst_en_verhuist_scholen_accounts_en_bevestigingen(coordinator, wereld):
    """Two records of one CLB: the schools, the staff and the LSC's confirmations of that staff move;
    the old record is gone; a confirmation the remaining CLB already has is kept once."""
    dubbel = factories.ClbFactory(naam="CLB Eigen (dubbel)")
    school = factories.SchoolFactory(clb=dubbel)
    factories.BedieningFactory(lsc=wereld.lsc, school=school)
    medewerker = factories.clb_bevestigd(
        factories.GebruikerFactory(rol=Rol.CLB, lsc=None, clb=dubbel), bevestigd_door=wereld.lsc
    )
    clb_eigen = wereld.gebruikers[Rol.CLB]
    Gebruiker.objects.filter(pk=clb_eigen.pk).update(clb=dubbel)
    Bevestiging.objects.create(gebruiker=clb_eigen, clb=dubbel, lsc=wereld.lsc, bron="migratie")

    vraag = coordinator.get(reverse("clb_samenvoegen", args=[dubbel.pk])).content.decode()
    assert "De 1 scholen en 2 accounts van ‘CLB Eigen (dubbel)’ verhuizen" in vraag
    zonder = coordinator.post(reverse("clb_samenvoegen", args=[dubbel.pk]), {"naar": wereld.clb.pk})
    assert zonder.status_code == 200 and Clb.objects.filter(pk=dubbel.pk).exists()

    coordinator.post(reverse("clb_samenvoegen", args=[dubbel.pk]), {"naar": wereld.clb.pk, "bevestigd": "1"})
    assert not Clb.objects.filter(pk=dubbel.pk).exists()
    assert School.objects.get(pk=school.pk).clb == wereld.clb
    assert set(Gebruiker.objects.filter(clb=wereld.clb).values_list("pk", flat=True)) >= {
        medewerker.pk,
        clb_eigen.pk,
    }
    assert Bevestiging.objects.filter(gebruiker=clb_eigen, clb=wereld.clb, lsc=wereld.lsc).count() == 1
    assert Bevestiging.objects.filter(gebruiker=medewerker, clb=wereld.clb, lsc=wereld.lsc).exists()
    log = Wijziging.objects.get(actie="scholen.clb.samengevoegd")
    assert log.wijzigingen["samengevoegd"] == ["CLB Eigen (dubbel)", "CLB Eigen"]


@pytest.mark.django_db
def test_de_beheerder_voegt_ook_gedeelde_clbs_samen(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ADMIN])
    ander = wereld.vreemde_school.clb
    client.post(reverse("clb_samenvoegen", args=[ander.pk]), {"naar": wereld.clb.pk, "bevestigd": "1"})
    assert not Clb.objects.filter(pk=ander.pk).exists()
    assert School.objects.get(pk=wereld.vreemde_school.pk).clb == wereld.clb


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB])
def test_enkel_beleid_en_beheer_beheren_clbs(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    assert client.get(reverse("clb_lijst")).status_code == 403
    assert client.post(reverse("clb_lijst"), {"naam": "Stiekem CLB"}).status_code == 403
    assert not Clb.objects.filter(naam="Stiekem CLB").exists()
