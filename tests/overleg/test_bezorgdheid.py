"""A concern about a supporter reaches only the person the school chose.

- the form names the source text's order (first the supporter, otherwise the coach or the coordinator);
- the supporters offered are those at work at the school (its anchor, supporters on open trajectories) of
  an LSC that vouched for the care staff member; another LSC's supporter cannot be chosen;
- sent to the supporter, to the coach of their regio team or to the coordinator(s): a notification for them
  and nobody else; every other role, another school's care staff, another supporter, the CLB and another
  LSC get a 404 on it, see nothing in their list and have no notification;
- the recipient marks it handled with a note the school reads; every step is in the audit log.
"""

import pytest
from django.urls import reverse

from netwerk.models import Melding, Meldingsoort, Rol, Wijziging
from overleg.models import Bezorgdheid
from tests import factories

TEKST = "De afspraken over de klasobservaties worden niet nagekomen."


def _meld(client, wereld, naar: str, *, ondersteuner=None, al_besproken="ja"):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    data = {
        "ondersteuner": (ondersteuner or wereld.anker).pk,
        "tekst": TEKST,
        "al_besproken": al_besproken,
        "naar": naar,
    }
    return client.post(reverse("zorg_melden", args=[wereld.eigen_school.pk]), data)


def _iedereen_behalve(wereld, *ontvangers):
    """Every other person around: each role of the world, another school's care staff, a colleague of the
    supporter at the same school, the other LSC's supporter and coordinator, a second CLB account."""
    vreemde_zorg = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(wereld.vreemde_school, vreemde_zorg)
    collega = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.AnkerFactory(school=wereld.eigen_school, ondersteuner=collega)
    anderen = [
        *wereld.gebruikers.values(),
        vreemde_zorg,
        collega.gebruiker,
        wereld.vreemde_ondersteuner.gebruiker,
        factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=wereld.vreemde_ondersteuner.lsc),
    ]
    uitgesloten = {wereld.gebruikers[Rol.ZORG].pk, *(o.pk for o in ontvangers)}
    return [g for g in anderen if g.pk not in uitgesloten]


def _bereikt_enkel(client, wereld, bezorgdheid, ontvangers):
    gemeld = set(Melding.objects.filter(soort=Meldingsoort.BEZORGDHEID).values_list("ontvanger", flat=True))
    assert gemeld == {o.pk for o in ontvangers}
    detail = reverse("bezorgdheid_detail", args=[bezorgdheid.pk])
    for ontvanger in ontvangers:
        client.force_login(ontvanger)
        assert TEKST in client.get(detail).content.decode()
        assert detail in client.get(reverse("zorgen_lijst")).content.decode()
    for ander in _iedereen_behalve(wereld, *ontvangers):
        client.force_login(ander)
        assert client.get(detail).status_code == 404, ander.rol
        afhandelen = reverse("bezorgdheid_afhandelen", args=[bezorgdheid.pk])
        assert client.post(afhandelen, {"afhandeling": "Gezien"}).status_code == 404, ander.rol
        lijst = client.get(reverse("zorgen_lijst"))
        assert lijst.status_code in {200, 403}
        assert detail not in lijst.content.decode() and TEKST not in lijst.content.decode()
        assert not Melding.objects.filter(ontvanger=ander, soort=Meldingsoort.BEZORGDHEID).exists()


@pytest.mark.django_db
def test_het_formulier_zegt_eerst_met_de_ondersteuner_en_biedt_enkel_wie_op_school_werkt(client, wereld):
    op_traject = factories.ToewijzingFactory(
        traject=factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status="lopend")
    ).ondersteuner
    elders = factories.OndersteunerFactory(lsc=wereld.lsc)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    pagina = client.get(reverse("zorg_melden", args=[wereld.eigen_school.pk])).content.decode()
    assert "eerst met de leerondersteuner zelf" in pagina
    assert "teamcoach" in pagina and "coördinator" in pagina
    assert wereld.anker.gebruiker.naam in pagina and op_traject.gebruiker.naam in pagina
    assert elders.gebruiker.naam not in pagina
    assert wereld.vreemde_ondersteuner.gebruiker.naam not in pagina

    antwoord = _meld(client, wereld, "ondersteuner", ondersteuner=wereld.vreemde_ondersteuner)
    assert antwoord.status_code == 200 and TEKST in antwoord.content.decode()  # nothing lost
    assert not Bezorgdheid.objects.exists()


@pytest.mark.django_db
def test_naar_de_ondersteuner_bereikt_enkel_de_ondersteuner(client, wereld):
    assert _meld(client, wereld, "ondersteuner").status_code == 302
    bezorgdheid = Bezorgdheid.objects.get()
    assert bezorgdheid.al_besproken is True
    _bereikt_enkel(client, wereld, bezorgdheid, [wereld.anker.gebruiker])
    wijziging = Wijziging.objects.get(actie="overleg.bezorgdheid.gemeld")
    assert wijziging.object_id == bezorgdheid.pk and TEKST not in str(wijziging.wijzigingen)


@pytest.mark.django_db
def test_naar_de_teamcoach_bereikt_enkel_de_coach_van_het_regioteam(client, wereld):
    assert _meld(client, wereld, "teamcoach", al_besproken="nee").status_code == 302
    bezorgdheid = Bezorgdheid.objects.get()
    assert bezorgdheid.al_besproken is False
    _bereikt_enkel(client, wereld, bezorgdheid, [wereld.gebruikers[Rol.TEAMCOACH]])


@pytest.mark.django_db
def test_naar_de_coordinator_bereikt_de_coordinatoren_van_dat_lsc(client, wereld):
    assert _meld(client, wereld, "coordinator").status_code == 302
    _bereikt_enkel(client, wereld, Bezorgdheid.objects.get(), [wereld.gebruikers[Rol.COORDINATOR]])


@pytest.mark.django_db
def test_zonder_teamcoach_wordt_de_keuze_geweigerd_en_niets_verstuurd(client, wereld):
    wereld.regioteam.coach = None
    wereld.regioteam.save()
    antwoord = _meld(client, wereld, "teamcoach")
    assert "heeft geen teamcoach" in antwoord.content.decode() and TEKST in antwoord.content.decode()
    assert not Bezorgdheid.objects.exists() and not Melding.objects.exists()


@pytest.mark.django_db
def test_de_ontvanger_handelt_af_en_de_school_leest_de_toelichting(client, wereld):
    _meld(client, wereld, "ondersteuner")
    bezorgdheid = Bezorgdheid.objects.get()
    detail = reverse("bezorgdheid_detail", args=[bezorgdheid.pk])
    afhandelen = reverse("bezorgdheid_afhandelen", args=[bezorgdheid.pk])
    # The school itself does not mark its own concern handled: there is nothing to act on.
    assert "Als afgehandeld markeren" not in client.get(detail).content.decode()
    assert client.post(afhandelen, {"afhandeling": "Klaar"}).status_code == 404
    client.force_login(wereld.anker.gebruiker)
    leeg = client.post(afhandelen, {"afhandeling": ""})
    assert "Schrijf kort voor de school" in leeg.content.decode()
    assert client.post(afhandelen, {"afhandeling": "We spraken nieuwe momenten af."}).status_code == 302
    assert client.post(afhandelen, {"afhandeling": "Nog eens"}).status_code == 302  # once only
    bezorgdheid.refresh_from_db()
    assert bezorgdheid.afhandeling == "We spraken nieuwe momenten af."
    assert bezorgdheid.afgehandeld_door == wereld.anker.gebruiker
    zorg = wereld.gebruikers[Rol.ZORG]
    assert Melding.objects.filter(ontvanger=zorg, soort=Meldingsoort.BEZORGDHEID_AFGEHANDELD).count() == 1
    client.force_login(zorg)
    pagina = client.get(detail).content.decode()
    assert "We spraken nieuwe momenten af." in pagina and "Afgehandeld" in pagina
    assert Wijziging.objects.filter(
        actie="overleg.bezorgdheid.afgehandeld", object_id=bezorgdheid.pk
    ).exists()


@pytest.mark.django_db
def test_enkel_zorgmedewerkers_melden_en_enkel_voor_hun_eigen_school(client, wereld):
    for rol, gebruiker in wereld.gebruikers.items():
        if rol == Rol.ZORG:
            continue
        client.force_login(gebruiker)
        assert client.get(reverse("zorg_melden", args=[wereld.eigen_school.pk])).status_code == 403
    client.force_login(wereld.gebruikers[Rol.ZORG])
    assert client.get(reverse("zorg_melden", args=[wereld.vreemde_school.pk])).status_code == 404
