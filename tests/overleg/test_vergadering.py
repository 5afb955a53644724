"""The LSC's working page of a consultation: planning, the leidraad, the meeting, agreements, the report."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Rol, Wijziging
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import (
    Afspraak,
    Deelnemer,
    Mailbatch,
    Mailsoort,
    Schoolbeeldoverleg,
    Status,
    Uitgaandemail,
)
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.werelden import overleg_van
from trajecten.models import Status as Trajectstatus

HTMX = {"HX-Request": "true"}
MORGEN = timezone.now() + dt.timedelta(days=1)


def _als(client, wereld, rol=Rol.COORDINATOR):
    client.force_login(wereld.gebruikers[rol])
    return client


def _onderdeel_url(overleg, naam: str) -> str:
    return reverse("overleg_onderdeel", args=[overleg.pk, naam])


def _bewaar(client, overleg, naam: str, *, versie=None, stand=None, **velden):
    """Opens the part's form as the user would, then posts it with the given fields."""
    formulier = client.get(_onderdeel_url(overleg, naam), headers=HTMX).content.decode()
    verborgen = dict(re.findall(r'name="(versie|stand)" value="([^"]*)"', formulier))
    data = {"versie": versie or verborgen["versie"], "stand": stand or verborgen["stand"], **velden}
    return client.post(_onderdeel_url(overleg, naam), data, headers=HTMX)


def _uitgenodigd(wereld, client) -> Schoolbeeldoverleg:
    overleg = overleg_van(wereld, datum=MORGEN, plaats="Leraarskamer")
    antwoord = _als(client, wereld).post(reverse("overleg_uitnodigen_een", args=[overleg.pk]))
    assert antwoord.status_code == 302
    overleg.refresh_from_db()
    return overleg


# ------------------------------------------------------------------------------------------ planning


@pytest.mark.django_db
def test_schoolpagina_zonder_overleg_biedt_plannen_aan_en_maakt_niets_bij_openen(client, wereld):
    url = reverse("overleg_school", args=[wereld.eigen_school.pk])
    html = _als(client, wereld).get(url).content.decode()
    assert "Overleg plannen" in html
    assert not Schoolbeeldoverleg.objects.exists()
    assert (
        reverse("overleg_school", args=[wereld.eigen_school.pk])
        in client.get(reverse("school_detail", args=[wereld.eigen_school.pk])).content.decode()
    )


@pytest.mark.django_db
def test_overleg_plannen_maakt_het_overleg_van_dit_jaar_een_keer(client, wereld):
    url = reverse("overleg_plannen", args=[wereld.eigen_school.pk])
    antwoord = _als(client, wereld, Rol.ONDERSTEUNER).post(url)
    overleg = Schoolbeeldoverleg.objects.get()
    assert antwoord["Location"] == reverse("overleg_detail", args=[overleg.pk])
    assert (overleg.lsc, overleg.school, overleg.schooljaar) == (
        wereld.lsc,
        wereld.eigen_school,
        huidig_schooljaar(),
    )
    assert client.post(url).status_code == 302
    assert Schoolbeeldoverleg.objects.count() == 1
    assert Wijziging.objects.filter(actie="overleg.overleg.gepland").count() == 1
    # Once it exists, the school's entry leads straight to it.
    school = client.get(reverse("overleg_school", args=[wereld.eigen_school.pk]))
    assert school["Location"] == reverse("overleg_detail", args=[overleg.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.TEAMCOACH, Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_enkel_coordinatie_en_anker_plannen(client, wereld, rol):
    url = reverse("overleg_plannen", args=[wereld.eigen_school.pk])
    assert _als(client, wereld, rol).post(url).status_code == 404
    assert not Schoolbeeldoverleg.objects.exists()


@pytest.mark.django_db
def test_teamcoach_ziet_dat_er_nog_geen_overleg_is_zonder_knop(client, wereld):
    html = _als(client, wereld, Rol.TEAMCOACH).get(reverse("overleg_school", args=[wereld.eigen_school.pk]))
    assert "Er is nog geen schoolbeeldoverleg" in html.content.decode()
    assert "Overleg plannen" not in html.content.decode()


@pytest.mark.django_db
def test_vreemde_school_plannen_kan_niet(client, wereld):
    assert (
        _als(client, wereld).post(reverse("overleg_plannen", args=[wereld.vreemde_school.pk])).status_code
        == 404
    )
    assert (
        _als(client, wereld).get(reverse("overleg_school", args=[wereld.vreemde_school.pk])).status_code
        == 404
    )


# ------------------------------------------------------------------------------------------ the page


@pytest.mark.django_db
def test_werkpagina_toont_stappen_en_wie_uitgenodigd_wordt(client, wereld):
    overleg = overleg_van(wereld)
    html = _als(client, wereld).get(reverse("overleg_detail", args=[overleg.pk])).content.decode()
    assert 'aria-current="step">In voorbereiding' in html
    for rol in (Rol.ZORG, Rol.ONDERSTEUNER, Rol.CLB):
        assert wereld.gebruikers[rol].naam in html
    assert "Er is nog geen datum en uur voor het overleg." in html
    for soort in ("leidraad", "afspraken", "verslag"):
        assert reverse("overleg_document", args=[overleg.pk, soort]) in html
    assert not Deelnemer.objects.exists()  # only fixed by the invitation


@pytest.mark.django_db
def test_werkpagina_toont_tijdskader_en_cijfers(client, wereld_met_trajecten):
    wereld = wereld_met_trajecten
    overleg = overleg_van(wereld)
    kader = wereld.eigen_verdeling.tijdskaders.get(school=wereld.eigen_school)
    html = _als(client, wereld).get(reverse("overleg_detail", args=[overleg.pk])).content.decode()
    assert f"{kader.uren} uur" in html
    assert "250" in html  # pupils of the last figures
    assert "5 GC · 0 IAC · 0 OV4" in html


@pytest.mark.django_db
def test_datum_en_plaats_bewaren_in_plaats(client, wereld):
    overleg = overleg_van(wereld)
    _als(client, wereld)
    antwoord = _bewaar(
        client, overleg, "planning", datum="2099-10-06T13:30", duur_minuten=120, plaats="Refter"
    )
    html = antwoord.content.decode()
    assert 'id="onderdeel-planning"' in html
    assert "Datum en plaats: bewaard." in html
    assert 'id="overlegacties" class="overlegacties" hx-swap-oob="true"' in html
    overleg.refresh_from_db()
    assert overleg.plaats == "Refter"
    assert overleg.duur_minuten == 120
    assert timezone.localtime(overleg.datum).strftime("%Y-%m-%d %H:%M") == "2099-10-06 13:30"
    assert overleg.versie == 2
    assert Wijziging.objects.get(actie="overleg.planning.bijgewerkt").wijzigingen["plaats"] == ["", "Refter"]


@pytest.mark.django_db
def test_ongeldige_duur_wordt_geweigerd_en_niets_bewaard(client, wereld):
    overleg = overleg_van(wereld)
    _als(client, wereld)
    html = _bewaar(client, overleg, "planning", datum="2099-10-06T13:30", duur_minuten=5, plaats="Refter")
    assert "De duur ligt tussen 15 en 480 minuten." in html.content.decode()
    overleg.refresh_from_db()
    assert (overleg.plaats, overleg.versie) == ("", 1)


@pytest.mark.django_db
def test_verouderd_formulier_wordt_geweigerd_en_overschrijft_niets(client, wereld):
    overleg = overleg_van(wereld)
    _als(client, wereld)
    oud = client.get(_onderdeel_url(overleg, "prioriteiten"), headers=HTMX).content.decode()
    versie, stand = (
        re.search(r'name="versie" value="(\d+)"', oud)[1],
        re.search(r'name="stand" value="(\w+)"', oud)[1],
    )
    _bewaar(client, overleg, "prioriteiten", prioriteiten="Eerst: rust in de klas.")

    antwoord = client.post(
        _onderdeel_url(overleg, "prioriteiten"),
        {"versie": versie, "stand": stand, "prioriteiten": "Mijn eigen tekst"},
        headers=HTMX,
    )

    html = antwoord.content.decode()
    assert "Iemand anders heeft dit onderdeel intussen gewijzigd." in html
    assert "Mijn eigen tekst" in html  # given back, to copy
    overleg.refresh_from_db()
    assert overleg.prioriteiten == "Eerst: rust in de klas."
    assert overleg.versie == 2


@pytest.mark.django_db
def test_een_wijziging_elders_blokkeert_een_ander_onderdeel_niet(client, wereld):
    overleg = overleg_van(wereld)
    _als(client, wereld)
    werkwijze = client.get(_onderdeel_url(overleg, "werkwijze"), headers=HTMX).content.decode()
    _bewaar(client, overleg, "prioriteiten", prioriteiten="Lezen")
    client.post(
        _onderdeel_url(overleg, "werkwijze"),
        {
            "versie": re.search(r'name="versie" value="(\d+)"', werkwijze)[1],
            "stand": re.search(r'name="stand" value="(\w+)"', werkwijze)[1],
            "werkwijze": "Co-teaching",
        },
        headers=HTMX,
    )
    overleg.refresh_from_db()
    assert (overleg.prioriteiten, overleg.werkwijze, overleg.versie) == ("Lezen", "Co-teaching", 3)


@pytest.mark.django_db
def test_verwachtingen_per_partner_en_tweede_moment(client, wereld):
    overleg = overleg_van(wereld, datum=MORGEN)
    _als(client, wereld, Rol.ONDERSTEUNER)
    _bewaar(
        client,
        overleg,
        "verwachtingen",
        verwachtingen_school="Handelingsgericht",
        verwachtingen_lsc="Vragen vooraf",
        verwachtingen_specifiek="",
        verwachtingen_clb="Verslagen tijdig",
    )
    te_vroeg = _bewaar(client, overleg, "tussentijds", tussentijds_op="2000-01-12", tussentijds_plaats="")
    assert "Het tweede moment ligt later in het schooljaar" in te_vroeg.content.decode()
    _bewaar(
        client,
        overleg,
        "tussentijds",
        tussentijds_op="2099-02-10",
        tussentijds_uur="10:00",
        tussentijds_plaats="Bureau zorg",
        tussentijdse_effecten="",
    )
    overleg.refresh_from_db()
    assert overleg.verwachtingen_clb == "Verslagen tijdig"
    assert overleg.tussentijds_plaats == "Bureau zorg"


@pytest.mark.django_db
def test_annuleren_toont_het_onderdeel_zoals_het_is(client, wereld):
    overleg = overleg_van(wereld, werkwijze="Zoals afgesproken")
    html = _als(client, wereld).get(_onderdeel_url(overleg, "werkwijze") + "?annuleren=1", headers=HTMX)
    assert "Zoals afgesproken" in html.content.decode()
    assert "<form" not in html.content.decode().split('id="overlegacties"')[0]


@pytest.mark.django_db
def test_onderdeel_zonder_htmx_toont_de_hele_pagina_en_bewaart_met_redirect(client, wereld):
    overleg = overleg_van(wereld)
    pagina = _als(client, wereld).get(_onderdeel_url(overleg, "werkwijze"))
    assert "<textarea" in pagina.content.decode()
    assert "Schoolbeeldoverleg" in pagina.content.decode()
    antwoord = client.post(
        _onderdeel_url(overleg, "werkwijze"), {"versie": 1, "stand": "x", "werkwijze": "Samen"}
    )
    assert antwoord.status_code == 302
    overleg.refresh_from_db()
    assert overleg.werkwijze == "Samen"


@pytest.mark.django_db
def test_onbekend_onderdeel_bestaat_niet(client, wereld):
    overleg = overleg_van(wereld)
    assert _als(client, wereld).get(_onderdeel_url(overleg, "status")).status_code == 404


# ----------------------------------------------------------------------------------------- preparation


@pytest.mark.django_db
def test_overzicht_ophalen_vult_het_formulier_zonder_namen_en_bewaart_pas_na_bevestigen(client, wereld):
    overleg = overleg_van(wereld)
    leerling = factories.LeerlingFactory(school=wereld.eigen_school, voornaam="Wannes", klas="5B")
    traject = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, leerling=leerling, status=Trajectstatus.LOPEND
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)

    html = (
        _als(client, wereld, Rol.ONDERSTEUNER)
        .get(_onderdeel_url(overleg, "overzicht") + "?ophalen=1", headers=HTMX)
        .content.decode()
    )

    assert "Wannes" not in html
    assert "klas 5B" in html
    assert wereld.anker.gebruiker.naam in html
    assert "Het overzicht is opgehaald" in html
    overleg.refresh_from_db()
    assert overleg.overzicht_trajecten == ""
    tekst = unescape(re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", html, re.S)[1])
    _bewaar(client, overleg, "overzicht", overzicht_trajecten=tekst + "\n- Aangevuld")
    overleg.refresh_from_db()
    assert "klas 5B" in overleg.overzicht_trajecten
    assert overleg.overzicht_trajecten.endswith("- Aangevuld")
    pagina = client.get(reverse("overleg_detail", args=[overleg.pk])).content.decode()
    assert "<li>Aangevuld</li>" in pagina


# ------------------------------------------------------------------------------------ invitation


@pytest.mark.django_db
def test_uitnodiging_versturen_legt_deelnemers_vast_en_zet_mails_klaar(client, wereld):
    overleg = _uitgenodigd(wereld, client)
    batch = Mailbatch.objects.get()
    assert client.get(reverse("overleg_detail", args=[overleg.pk])).status_code == 200
    assert overleg.status == Status.UITGENODIGD
    assert set(Deelnemer.objects.values_list("gebruiker__email", flat=True)) == {
        "zorg@proef.example",
        "anker@proef.example",
        "clb@proef.example",
    }
    ontvangers = set(Uitgaandemail.objects.filter(batch=batch).values_list("adres", flat=True))
    assert ontvangers == {"zorg@proef.example", "clb@proef.example"}  # the anchor sends, the coordinator asks


@pytest.mark.django_db
def test_uitnodigen_leidt_naar_de_opvolging_van_de_batch(client, wereld):
    overleg = overleg_van(wereld, datum=MORGEN, plaats="Refter")
    antwoord = _als(client, wereld).post(reverse("overleg_uitnodigen_een", args=[overleg.pk]))
    assert antwoord["Location"] == reverse("overleg_batch", args=[Mailbatch.objects.get().pk])


@pytest.mark.django_db
def test_uitnodigen_zonder_datum_zegt_waarom_en_verstuurt_niets(client, wereld):
    overleg = overleg_van(wereld, plaats="Refter")
    antwoord = _als(client, wereld).post(reverse("overleg_uitnodigen_een", args=[overleg.pk]), follow=True)
    assert "Er is nog geen datum en uur voor het overleg." in antwoord.content.decode()
    assert not Mailbatch.objects.exists()
    assert not Uitgaandemail.objects.exists()
    overleg.refresh_from_db()
    assert overleg.status == Status.VOORBEREIDING


@pytest.mark.django_db
def test_aanwezigheden_noteren(client, wereld):
    overleg = _uitgenodigd(wereld, client)
    zorg = Deelnemer.objects.get(gebruiker=wereld.gebruikers[Rol.ZORG])
    html = client.post(
        reverse("overleg_aanwezig", args=[overleg.pk]), {"aanwezig": [zorg.pk]}, headers=HTMX
    ).content.decode()
    assert "De aanwezigheden zijn bewaard." in html
    assert dict(Deelnemer.objects.values_list("gebruiker__email", "aanwezig")) == {
        "zorg@proef.example": True,
        "anker@proef.example": False,
        "clb@proef.example": False,
    }
    vreemd = client.post(reverse("overleg_aanwezig", args=[overleg.pk]), {"aanwezig": [999999]}, headers=HTMX)
    assert "Kies enkel deelnemers van dit overleg." in vreemd.content.decode()


# ------------------------------------------------------------------------------- held, report, shared


def _vorbij(overleg) -> None:
    Schoolbeeldoverleg.objects.filter(pk=overleg.pk).update(datum=timezone.now() - dt.timedelta(hours=2))
    overleg.refresh_from_db()


@pytest.mark.django_db
def test_overleg_gehouden_pas_na_het_begin_en_na_de_uitnodiging(client, wereld):
    overleg = overleg_van(wereld, datum=MORGEN, plaats="Refter")
    url = reverse("overleg_gehouden", args=[overleg.pk])
    antwoord = _als(client, wereld).post(url, {"versie": overleg.versie}, follow=True)
    assert "Een overleg wordt gehouden nadat de uitnodiging vertrokken is." in antwoord.content.decode()

    client.post(reverse("overleg_uitnodigen_een", args=[overleg.pk]))
    overleg.refresh_from_db()
    antwoord = client.post(url, {"versie": overleg.versie}, follow=True)
    assert "Het overleg is nog niet begonnen" in antwoord.content.decode()

    _vorbij(overleg)
    client.post(url, {"versie": overleg.versie})
    overleg.refresh_from_db()
    assert overleg.status == Status.GEHOUDEN
    assert overleg.gehouden_op == overleg.datum
    assert Wijziging.objects.filter(actie="overleg.overleg.gehouden").exists()


@pytest.mark.django_db
def test_gehouden_met_verouderde_versie_wordt_geweigerd(client, wereld):
    overleg = _uitgenodigd(wereld, client)
    _vorbij(overleg)
    antwoord = client.post(
        reverse("overleg_gehouden", args=[overleg.pk]), {"versie": overleg.versie - 1}, follow=True
    )
    assert "Het overleg is intussen gewijzigd." in antwoord.content.decode()
    overleg.refresh_from_db()
    assert overleg.status == Status.UITGENODIGD


@pytest.mark.django_db
def test_datum_ligt_vast_na_het_overleg(client, wereld):
    overleg = overleg_van(wereld, status=Status.GEHOUDEN)
    html = _als(client, wereld).get(_onderdeel_url(overleg, "planning"), headers=HTMX).content.decode()
    assert "Datum en plaats liggen vast zodra het overleg gehouden is." in html
    antwoord = client.post(
        _onderdeel_url(overleg, "planning"),
        {"versie": 1, "stand": "x", "datum": "2099-01-01T10:00", "duur_minuten": 90, "plaats": "Elders"},
        headers=HTMX,
    )
    assert "Datum en plaats liggen vast" in antwoord.content.decode()
    overleg.refresh_from_db()
    assert overleg.plaats == ""


@pytest.mark.django_db
def test_verslag_delen(client, wereld):
    overleg = _uitgenodigd(wereld, client)
    _vorbij(overleg)
    client.post(reverse("overleg_gehouden", args=[overleg.pk]), {"versie": overleg.versie})
    overleg.refresh_from_db()
    url = reverse("overleg_delen", args=[overleg.pk])
    leeg = client.post(url, {"versie": overleg.versie}, follow=True)
    assert "Het verslag is nog leeg." in leeg.content.decode()

    _bewaar(client, overleg, "verslag", verslag="We werken aan **rust** in de klas.")
    _bewaar(client, overleg, "spreiding", spreiding="Gemiddeld een halve dag om de twee weken")
    overleg.refresh_from_db()
    oud = client.post(url, {"versie": overleg.versie - 1}, follow=True)
    assert "Het overleg is intussen gewijzigd." in oud.content.decode()

    antwoord = client.post(url, {"versie": overleg.versie}, follow=True)

    assert (
        "Het verslag is gedeeld met het zorgteam van de school en het CLB (2 mails)."
        in antwoord.content.decode()
    )
    overleg.refresh_from_db()
    assert overleg.status == Status.GEDEELD
    assert overleg.gedeeld_door == wereld.gebruikers[Rol.COORDINATOR]
    verslagmails = Uitgaandemail.objects.filter(soort=Mailsoort.VERSLAG)
    assert set(verslagmails.values_list("adres", flat=True)) == {"zorg@proef.example", "clb@proef.example"}


# ------------------------------------------------------------------------------------------ agreements


def _afspraak_data(eigenaar, **extra) -> dict:
    return {
        "omschrijving": "Leidraad aanvullen",
        "eigenaar": eigenaar.pk,
        "tegen": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        **extra,
    }


@pytest.mark.django_db
def test_afspraak_toevoegen_met_eigenaar_uit_de_deelnemers(client, wereld):
    overleg = overleg_van(wereld)
    zorg = wereld.gebruikers[Rol.ZORG]
    html = (
        _als(client, wereld)
        .post(reverse("overleg_afspraak_nieuw", args=[overleg.pk]), _afspraak_data(zorg), headers=HTMX)
        .content.decode()
    )
    assert "De afspraak is toegevoegd." in html
    afspraak = Afspraak.objects.get()
    assert (afspraak.eigenaar, afspraak.overleg) == (zorg, overleg)
    assert Wijziging.objects.filter(actie="overleg.afspraak.toegevoegd", object_id=afspraak.pk).exists()


@pytest.mark.django_db
def test_afspraak_niet_voor_het_clb_niet_in_het_verleden_en_niet_leeg(client, wereld):
    overleg = overleg_van(wereld)
    url = reverse("overleg_afspraak_nieuw", args=[overleg.pk])
    _als(client, wereld)
    clb = client.post(url, _afspraak_data(wereld.gebruikers[Rol.CLB]), headers=HTMX).content.decode()
    assert "Kies iemand die deelneemt aan het overleg (niet het CLB)." in clb
    verleden = client.post(
        url, _afspraak_data(wereld.anker.gebruiker, tegen="2020-01-01"), headers=HTMX
    ).content.decode()
    assert "Die datum ligt in het verleden." in verleden
    leeg = client.post(url, _afspraak_data(wereld.anker.gebruiker, omschrijving="  "), headers=HTMX)
    assert "Beschrijf de afspraak." in leeg.content.decode()
    assert not Afspraak.objects.exists()


@pytest.mark.django_db
def test_afspraak_bewerken_verwijderen_en_verouderd_weigeren(client, wereld):
    overleg = overleg_van(wereld)
    afspraak = Afspraak.objects.create(
        overleg=overleg, omschrijving="Oud", eigenaar=wereld.anker.gebruiker, tegen=timezone.localdate()
    )
    _als(client, wereld)
    formulier = client.get(reverse("afspraak_bewerken", args=[afspraak.pk]), headers=HTMX).content.decode()
    stand = re.search(r'name="stand" value="(\w+)"', formulier)[1]
    data = _afspraak_data(wereld.gebruikers[Rol.ZORG], omschrijving="Nieuw", stand=stand)
    assert (
        "De afspraak is bijgewerkt."
        in client.post(reverse("afspraak_bewerken", args=[afspraak.pk]), data, headers=HTMX).content.decode()
    )
    afspraak.refresh_from_db()
    assert (afspraak.omschrijving, afspraak.eigenaar) == ("Nieuw", wereld.gebruikers[Rol.ZORG])

    # A second edit with the fingerprint of before is refused, and so is a delete.
    data["omschrijving"] = "Overschreven"
    html = client.post(reverse("afspraak_bewerken", args=[afspraak.pk]), data, headers=HTMX).content.decode()
    assert "Iemand anders heeft deze afspraak intussen gewijzigd." in html
    html = client.post(reverse("afspraak_verwijderen", args=[afspraak.pk]), {"stand": stand}, headers=HTMX)
    assert "Iemand anders heeft deze afspraak intussen gewijzigd." in html.content.decode()
    afspraak.refresh_from_db()
    assert afspraak.omschrijving == "Nieuw"

    pagina = client.get(reverse("overleg_detail", args=[overleg.pk])).content.decode()
    actuele_stand = re.search(r'name="stand" value="(\w+)"', pagina)[1]
    client.post(reverse("afspraak_verwijderen", args=[afspraak.pk]), {"stand": actuele_stand}, headers=HTMX)
    assert not Afspraak.objects.exists()
    assert Wijziging.objects.filter(actie="overleg.afspraak.verwijderd").exists()


@pytest.mark.django_db
def test_afspraak_staat_op_de_startpagina_van_de_eigenaar_en_wordt_er_afgerond(client, wereld):
    overleg = overleg_van(wereld)
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    afspraak = Afspraak.objects.create(
        overleg=overleg,
        omschrijving="Zorgbeleid bezorgen",
        eigenaar=wereld.gebruikers[Rol.ZORG],
        tegen=gisteren,
    )
    html = _als(client, wereld, Rol.ZORG).get(reverse("home")).content.decode()
    assert "Mijn afspraken uit het schoolbeeldoverleg" in html
    assert "Zorgbeleid bezorgen" in html
    assert "te laat" in html
    assert (
        "Zorgbeleid bezorgen"
        not in _als(client, wereld, Rol.ONDERSTEUNER).get(reverse("home")).content.decode()
    )

    rij = (
        _als(client, wereld, Rol.ZORG)
        .post(reverse("afspraak_afronden", args=[afspraak.pk]), {"vanuit": "home"}, headers=HTMX)
        .content.decode()
    )
    assert f'id="mijn-afspraak-{afspraak.pk}"' in rij
    assert "Afgerond" in rij
    afspraak.refresh_from_db()
    assert afspraak.afgerond_op is not None
    assert "Zorgbeleid bezorgen" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ONDERSTEUNER, Rol.COORDINATOR, Rol.TEAMCOACH])
def test_afspraken_op_de_startpagina_van_lsc_rollen(client, wereld, rol):
    overleg = overleg_van(wereld)
    Afspraak.objects.create(
        overleg=overleg,
        omschrijving="Tijdskader doorgeven",
        eigenaar=wereld.gebruikers[rol],
        tegen=timezone.localdate(),
    )
    assert "Tijdskader doorgeven" in _als(client, wereld, rol).get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_een_ander_kan_een_afspraak_niet_afronden(client, wereld):
    overleg = overleg_van(wereld)
    afspraak = Afspraak.objects.create(
        overleg=overleg, omschrijving="X", eigenaar=wereld.gebruikers[Rol.ZORG], tegen=timezone.localdate()
    )
    for rol in (Rol.CLB, Rol.TEAMCOACH, Rol.ADMIN):
        assert (
            _als(client, wereld, rol).post(reverse("afspraak_afronden", args=[afspraak.pk])).status_code
            == 404
        )
    # Whoever may edit the consultation can mark it done on its page.
    html = (
        _als(client, wereld)
        .post(reverse("afspraak_afronden", args=[afspraak.pk]), headers=HTMX)
        .content.decode()
    )
    assert "De afspraak is afgerond." in html


# ------------------------------------------------------------------------------------------- access


def _bewerk_urls(overleg, afspraak) -> list[tuple[str, str]]:
    return [
        ("get", _onderdeel_url(overleg, "prioriteiten")),
        ("post", _onderdeel_url(overleg, "prioriteiten")),
        ("post", reverse("overleg_uitnodigen_een", args=[overleg.pk])),
        ("post", reverse("overleg_gehouden", args=[overleg.pk])),
        ("post", reverse("overleg_delen", args=[overleg.pk])),
        ("post", reverse("overleg_aanwezig", args=[overleg.pk])),
        ("post", reverse("overleg_afspraak_nieuw", args=[overleg.pk])),
        ("get", reverse("afspraak_bewerken", args=[afspraak.pk])),
        ("post", reverse("afspraak_verwijderen", args=[afspraak.pk])),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.CLB, Rol.ZORG, Rol.TEAMCOACH, Rol.ADMIN])
def test_wie_niet_mag_bewerken_vindt_de_bewerk_urls_niet(client, wereld, rol):
    overleg = overleg_van(wereld, status=Status.GEDEELD, verslag="Gedeeld verslag")
    afspraak = Afspraak.objects.create(
        overleg=overleg, omschrijving="X", eigenaar=wereld.anker.gebruiker, tegen=timezone.localdate()
    )
    _als(client, wereld, rol)
    for methode, url in _bewerk_urls(overleg, afspraak):
        assert getattr(client, methode)(url).status_code == 404, (rol, methode, url)
    overleg.refresh_from_db()
    assert overleg.versie == 1


@pytest.mark.django_db
def test_coordinator_van_het_andere_lsc_vindt_niets(client, wereld):
    vreemd = overleg_van(wereld, vreemd=True)
    afspraak = Afspraak.objects.create(
        overleg=vreemd,
        omschrijving="X",
        eigenaar=wereld.vreemde_ondersteuner.gebruiker,
        tegen=timezone.localdate(),
    )
    _als(client, wereld)
    assert client.get(reverse("overleg_detail", args=[vreemd.pk])).status_code == 404
    for methode, url in _bewerk_urls(vreemd, afspraak):
        assert getattr(client, methode)(url).status_code == 404, url


@pytest.mark.django_db
def test_teamcoach_leest_de_werkpagina_zonder_knoppen(client, wereld):
    overleg = overleg_van(wereld, prioriteiten="Taal")
    html = (
        _als(client, wereld, Rol.TEAMCOACH).get(reverse("overleg_detail", args=[overleg.pk])).content.decode()
    )
    assert "Taal" in html
    assert "Je leest dit overleg mee." in html
    assert "Uitnodiging versturen" not in html
    assert _onderdeel_url(overleg, "prioriteiten") not in html


@pytest.mark.django_db
def test_zorg_gaat_van_de_werkpagina_naar_het_verslag(client, wereld):
    overleg = overleg_van(wereld)
    antwoord = _als(client, wereld, Rol.ZORG).get(reverse("overleg_detail", args=[overleg.pk]))
    assert antwoord["Location"] == reverse("overleg_verslag", args=[overleg.pk])


# ------------------------------------------------------------------------------------------- queries


@pytest.mark.django_db
def test_werkpagina_kost_evenveel_queries_met_1_of_10_afspraken(client, wereld_met_trajecten):
    wereld = wereld_met_trajecten
    overleg = _uitgenodigd(wereld, client)
    url = reverse("overleg_detail", args=[overleg.pk])
    eigenaars = [wereld.anker.gebruiker, wereld.gebruikers[Rol.ZORG]]
    Afspraak.objects.create(
        overleg=overleg, omschrijving="Eerste", eigenaar=eigenaars[0], tegen=timezone.localdate()
    )
    bij_een = aantal_queries(client, url)
    for i in range(9):
        Afspraak.objects.create(
            overleg=overleg,
            omschrijving=f"Afspraak {i}",
            eigenaar=eigenaars[i % 2],
            tegen=timezone.localdate(),
        )
    bij_tien = aantal_queries(client, url)
    # Session and user (2), the consultation with my role in it, its participants, its agreements, the
    # published distribution and the school's time frame in it, the school's last figures.
    assert bij_een == bij_tien == 8
