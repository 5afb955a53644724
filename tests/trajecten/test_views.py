"""The trajectory screens per role: who sees what, who may act, and what a refused action leaves behind."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from netwerk.models import Inzage, Rol, Wijziging
from tests import factories
from tests.support.privacy import zonder_tokens
from tests.support.werelden import gestart, nieuwe_aanmelding
from trajecten import pdf, services
from trajecten.models import Afsluitvraag, Doel, Logboekregel, Status, Toewijzing, Traject
from trajecten.services import LeerlingGegevens

VANDAAG = timezone.localdate()


@pytest.fixture
def aanmelding(wereld) -> Traject:
    return nieuwe_aanmelding(wereld)


@pytest.fixture
def lopend(wereld, aanmelding) -> Traject:
    return gestart(wereld, aanmelding)


@pytest.fixture
def vreemd_traject(wereld) -> Traject:
    return factories.TrajectFactory(
        lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.vreemde_school, leerling__voornaam="Zoë"
    )


def _als(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    return client


# Mijn trajecten


@pytest.mark.django_db
def test_mijn_trajecten_toont_de_toegewezen_trajecten(client, wereld, lopend):
    factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker, minuten=45)
    html = _als(client, wereld, Rol.ONDERSTEUNER).get(reverse("mijn_trajecten")).content.decode()
    assert "Mila V." in html and "School Eigen" in html and "Lopend" in html
    assert '<td class="getal" data-kop="Tijd">45 min</td>' in html
    assert reverse("traject_tijd", args=[lopend.pk]) + "?weergave=rij" in html


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_mijn_trajecten_is_enkel_voor_ondersteuners(client, wereld, rol):
    assert _als(client, wereld, rol).get(reverse("mijn_trajecten")).status_code == 403


@pytest.mark.django_db
def test_mijn_trajecten_eerst_evaluaties_dan_aanmeldingen_dan_de_rest(client, wereld):
    def traject(school_naam: str, **velden) -> Traject:
        school = factories.SchoolFactory(naam=school_naam)
        t = factories.TrajectFactory(lsc=wereld.lsc, school=school, **velden)
        factories.ToewijzingFactory(traject=t, ondersteuner=wereld.anker)
        return t

    traject("A rest", status=Status.LOPEND, volgende_evaluatie=VANDAAG + dt.timedelta(days=60))
    traject("B aanmelding", status=Status.AANGEMELD)
    traject("C evaluatie", status=Status.LOPEND, volgende_evaluatie=VANDAAG - dt.timedelta(days=2))
    traject("D evaluatie later", status=Status.LOPEND, volgende_evaluatie=VANDAAG + dt.timedelta(days=3))
    html = _als(client, wereld, Rol.ONDERSTEUNER).get(reverse("mijn_trajecten")).content.decode()
    rijen = html[html.index("<tbody>") :]
    volgorde = sorted(["A rest", "B aanmelding", "C evaluatie", "D evaluatie later"], key=rijen.index)
    assert volgorde == ["C evaluatie", "D evaluatie later", "B aanmelding", "A rest"]
    assert "voorbij" in html


@pytest.mark.django_db
def test_anker_ziet_de_trajecten_van_zijn_scholen_in_een_eigen_filter(client, wereld):
    niet_toegewezen = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, leerling__voornaam="Noor"
    )
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    assert "Noor" not in client.get(reverse("mijn_trajecten")).content.decode()
    html = client.get(reverse("mijn_trajecten"), {"bereik": "anker"}).content.decode()
    assert "Noor V." in html and "ankerschool" in html
    assert reverse("traject_detail", args=[niet_toegewezen.pk]) in html


@pytest.mark.django_db
def test_mijn_trajecten_filtert_op_status(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    assert "Mila" not in client.get(reverse("mijn_trajecten"), {"status": "aangemeld"}).content.decode()
    html = client.get(reverse("mijn_trajecten"), {"status": "aangemeld"}).content.decode()
    assert "Geen traject past bij deze filters." in html
    assert "Mila" in client.get(reverse("mijn_trajecten"), {"status": "lopend"}).content.decode()


# The overview


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ZORG])
def test_overzicht_toont_de_trajecten_van_de_eigen_scope(client, wereld, lopend, vreemd_traject, rol):
    html = _als(client, wereld, rol).get(reverse("traject_lijst")).content.decode()
    assert "Mila V." in html
    assert "Zoë" not in html and "School Vreemd" not in html


@pytest.mark.django_db
def test_zorgteam_ziet_enkel_de_eigen_school(client, wereld, lopend):
    andere = factories.SchoolFactory(naam="School Buur")
    factories.BedieningFactory(lsc=wereld.lsc, school=andere, regioteam=wereld.regioteam)
    factories.TrajectFactory(lsc=wereld.lsc, school=andere, leerling__voornaam="Lars")
    html = _als(client, wereld, Rol.ZORG).get(reverse("traject_lijst")).content.decode()
    assert "Mila V." in html and "Lars" not in html
    assert "Lars" in _als(client, wereld, Rol.COORDINATOR).get(reverse("traject_lijst")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.CLB, Rol.ADMIN])
def test_clb_en_beheer_zien_geen_trajecten(client, wereld, lopend, rol):
    client = _als(client, wereld, rol)
    antwoord = client.get(reverse("traject_lijst"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Mila" not in html and "Je rol geeft geen inzage in leersteuntrajecten" in html
    assert client.get(reverse("traject_detail", args=[lopend.pk])).status_code == 404
    assert client.get(reverse("traject_pdf", args=[lopend.pk])).status_code == 404


@pytest.mark.django_db
def test_overzicht_filtert_achterstallige_aanmeldingen_en_verschuldigde_evaluaties(client, wereld, lopend):
    oud = nieuwe_aanmelding(wereld, leerling=LeerlingGegevens("Ada", "B", 2015, "5A", "gc"))
    vers = nieuwe_aanmelding(
        wereld,
        leerling=LeerlingGegevens("Bo", "C", 2015, "5A", "gc"),
        aangemeld_op=VANDAAG - dt.timedelta(days=2),
    )
    assert oud and vers
    client = _als(client, wereld, Rol.COORDINATOR)
    html = client.get(reverse("traject_lijst"), {"achterstallig": "on"}).content.decode()
    assert "Ada B." in html and "Bo C." not in html and "Mila" not in html
    Traject.objects.filter(pk=lopend.pk).update(volgende_evaluatie=VANDAAG - dt.timedelta(days=1))
    html = client.get(reverse("traject_lijst"), {"verschuldigd": "on"}).content.decode()
    assert "Mila V." in html and "Ada" not in html


@pytest.mark.django_db
def test_overzicht_filtert_op_school_ondersteuner_en_status(client, wereld, lopend):
    client = _als(client, wereld, Rol.COORDINATOR)
    andere = factories.SchoolFactory(naam="School Buur")
    factories.BedieningFactory(lsc=wereld.lsc, school=andere)
    factories.TrajectFactory(lsc=wereld.lsc, school=andere, leerling__voornaam="Lars")
    html = client.get(reverse("traject_lijst"), {"school": wereld.eigen_school.pk}).content.decode()
    assert "Mila" in html and "Lars" not in html
    html = client.get(reverse("traject_lijst"), {"ondersteuner": wereld.anker.pk}).content.decode()
    assert "Mila" in html and "Lars" not in html
    services.traject_stopzetten(door=wereld.anker.gebruiker, traject=lopend, reden="Verhuisd")
    assert "Mila" not in client.get(reverse("traject_lijst")).content.decode()
    assert "Mila" in client.get(reverse("traject_lijst"), {"status": "alle"}).content.decode()


@pytest.mark.django_db
def test_zoeken_gaat_via_post_zodat_een_naam_niet_in_de_url_staat(client, wereld, lopend):
    client = _als(client, wereld, Rol.COORDINATOR)
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, leerling__voornaam="Lars")
    antwoord = client.post(reverse("traject_lijst"), {"q": "mila"}, headers={"HX-Request": "true"})
    html = antwoord.content.decode()
    assert html.lstrip().startswith('<div id="resultaten"')
    assert "Mila V." in html and "Lars" not in html
    assert "HX-Push-Url" not in antwoord.headers
    assert "Lars" in client.get(reverse("traject_lijst"), {"q": "mila"}).content.decode()


# Export


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.TEAMCOACH])
def test_export_zonder_namen_van_leerlingen_en_gelogd(client, wereld, lopend, rol):
    client = _als(client, wereld, rol)
    csv = client.get(reverse("traject_export", args=["csv"])).content.decode("utf-8-sig")
    assert "Mila" not in csv
    assert "School Eigen" in csv and "Leerling" in csv and "4B" in csv
    xlsx = client.get(reverse("traject_export", args=["xlsx"]))
    waarden = [
        str(c)
        for rij in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
        for c in rij
    ]
    assert "School Eigen" in waarden and "4B" in waarden
    assert not any("Mila" in waarde for waarde in waarden)
    assert list(Inzage.objects.filter(door=wereld.gebruikers[rol]).values_list("soort", flat=True)) == [
        "export",
        "export",
    ]


@pytest.mark.django_db
def test_export_geeft_uren_als_getallen(client, wereld, lopend):
    """A spreadsheet adds the time up: hours are numbers (decimal comma in a CSV for nl-BE), the stored
    minutes stand beside them."""
    factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker, minuten=45)
    factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker, minuten=30)
    client = _als(client, wereld, Rol.COORDINATOR)
    kop, rij = client.get(reverse("traject_export", args=["csv"])).content.decode("utf-8-sig").splitlines()
    kolommen = dict(zip(kop.split(";"), rij.split(";"), strict=True))
    assert (kolommen["Intensiteit (uur)"], kolommen["Frequentie"]) == ("2,00", "per week")
    assert (kolommen["Uren dit schooljaar"], kolommen["Minuten dit schooljaar"]) == ("1,25", "75")


@pytest.mark.django_db
def test_export_volgt_de_filters(client, wereld, lopend):
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, leerling__klas="6C")
    client = _als(client, wereld, Rol.COORDINATOR)
    csv = client.get(reverse("traject_export", args=["csv"]), {"status": "lopend"}).content.decode(
        "utf-8-sig"
    )
    assert "4B" in csv and "6C" not in csv


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_export_enkel_voor_coordinatie_en_teamcoaches(client, wereld, rol):
    assert _als(client, wereld, rol).get(reverse("traject_export", args=["csv"])).status_code == 403


# A new request


@pytest.mark.django_db
def test_anker_meldt_een_leerlinggebonden_traject_aan(client, wereld):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    formulier = client.get(reverse("traject_nieuw"), {"school": wereld.eigen_school.pk}).content.decode()
    assert f'<option value="{wereld.eigen_school.pk}" selected>' in formulier
    antwoord = client.post(
        reverse("traject_nieuw"),
        {
            "school": wereld.eigen_school.pk,
            "gebondenheid": "leerling",
            "voornaam": "Mila",
            "initiaal": "v.",
            "geboortejaar": 2016,
            "klas": "4B",
            "verslag": "gc",
            "type": "9",
            "fase": 2,
            "focussen": ["ass"],
            "vraag_leerkracht": "Hoe geef ik rust bij overgangen?",
        },
    )
    traject = Traject.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "traject_detail", args=[traject.pk]
    )
    assert str(traject.leerling) == "Mila V." and traject.focussen == ["ass"]
    assert traject.toewijzingen.get().ondersteuner == wereld.anker
    assert "Mila" not in antwoord["Location"]


@pytest.mark.django_db
def test_coordinator_meldt_een_teamgebonden_traject_aan_met_een_groep(client, wereld):
    client = _als(client, wereld, Rol.COORDINATOR)
    gegevens = {
        "school": wereld.eigen_school.pk,
        "gebondenheid": "team",
        "type": "basisaanbod",
        "fase": 2,
        "vraag_leerkracht": "Hoe werken we als team rond gedrag?",
    }
    html = client.post(reverse("traject_nieuw"), gegevens).content.decode()
    assert "Vul de klas of groep in waarvoor het traject is." in html and not Traject.objects.exists()
    antwoord = client.post(reverse("traject_nieuw"), {**gegevens, "groep": "team lager"})
    traject = Traject.objects.get()
    assert antwoord.status_code == 302 and traject.leerling is None and traject.groep == "team lager"
    assert not traject.toewijzingen.exists()


@pytest.mark.django_db
def test_aanmelding_zonder_vraag_van_de_leerkracht_wordt_geweigerd(client, wereld):
    client = _als(client, wereld, Rol.COORDINATOR)
    html = client.post(
        reverse("traject_nieuw"),
        {"school": wereld.eigen_school.pk, "gebondenheid": "leerling", "type": "9", "fase": 2},
    ).content.decode()
    assert "Vul dit in voor een leerlinggebonden traject." in html and not Traject.objects.exists()


@pytest.mark.django_db
def test_aanmelding_kan_niet_voor_een_school_van_een_ander_lsc(client, wereld):
    client = _als(client, wereld, Rol.COORDINATOR)
    html = client.get(reverse("traject_nieuw")).content.decode()
    assert "School Eigen" in html and "School Vreemd" not in html
    client.post(
        reverse("traject_nieuw"),
        {
            "school": wereld.vreemde_school.pk,
            "gebondenheid": "team",
            "groep": "team",
            "type": "9",
            "fase": 2,
            "vraag_leerkracht": "Vraag",
        },
    )
    assert not Traject.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.TEAMCOACH, Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_enkel_ondersteuners_en_coordinatie_melden_aan(client, wereld, rol):
    assert _als(client, wereld, rol).get(reverse("traject_nieuw")).status_code == 403


# The trajectory page


@pytest.mark.django_db
def test_trajectpagina_toont_alles_en_logt_de_inzage(client, wereld, lopend):
    factories.LogboekregelFactory(
        traject=lopend, ondersteuner=wereld.anker, minuten=75, notitie="Observatie klas"
    )
    html = (
        _als(client, wereld, Rol.ONDERSTEUNER)
        .get(reverse("traject_detail", args=[lopend.pk]))
        .content.decode()
    )
    for tekst in [
        "Mila V.",
        "klas 4B",
        "GC-verslag",
        "School Eigen",
        "breed type",
        "Hoe geef ik Mila rust bij overgangen?",
        "We starten met observatie.",
        "2u per week",
        "Rustig overgaan naar de speelplaats",
        "In totaal 1u15 gelogd.",
        'data-kop="Duur">1u15</td>',
        "Observatie klas",
        "Traject gestart",
    ]:
        assert tekst in html, tekst
    assert (
        Inzage.objects.filter(door=wereld.anker.gebruiker, soort="pagina", traject_id=lopend.pk).count() == 1
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ZORG, Rol.TEAMCOACH])
def test_zorgteam_en_teamcoach_lezen_mee_zonder_acties(client, wereld, lopend, rol):
    client = _als(client, wereld, rol)
    html = client.get(reverse("traject_detail", args=[lopend.pk])).content.decode()
    assert "Mila V." in html and "Je leest dit traject mee." in html
    assert reverse("traject_evaluatie", args=[lopend.pk]) not in html
    assert client.get(reverse("traject_evaluatie", args=[lopend.pk])).status_code == 403
    assert client.post(reverse("traject_stopzetten", args=[lopend.pk]), {"reden": "x"}).status_code == 403
    assert Traject.objects.get(pk=lopend.pk).status == Status.LOPEND


@pytest.mark.django_db
def test_zorgteam_van_een_andere_school_krijgt_404(client, wereld, lopend):
    ander = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(wereld.vreemde_school, ander)
    client.force_login(ander)
    assert client.get(reverse("traject_detail", args=[lopend.pk])).status_code == 404
    assert client.get(reverse("traject_pdf", args=[lopend.pk])).status_code == 404
    assert client.get(reverse("traject_tijd", args=[lopend.pk])).status_code == 404
    assert not Inzage.objects.exists()


@pytest.mark.django_db
def test_acties_volgen_de_status(client, wereld, aanmelding):
    client = _als(client, wereld, Rol.COORDINATOR)
    html = client.get(reverse("traject_detail", args=[aanmelding.pk])).content.decode()
    assert reverse("traject_antwoord", args=[aanmelding.pk]) in html
    assert reverse("traject_afronden", args=[aanmelding.pk]) not in html
    assert reverse("traject_heropenen", args=[aanmelding.pk]) not in html


# Actions


@pytest.mark.django_db
def test_een_geweigerde_overgang_toont_de_melding_en_bewaart_niets(client, wereld, aanmelding):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    voor = Wijziging.objects.count()
    for headers in ({}, {"HX-Request": "true"}):
        antwoord = client.post(reverse("traject_afronden", args=[aanmelding.pk]), headers=headers)
        assert antwoord.status_code == 200
        assert "Een traject met status ‘aangemeld’ kan niet afgerond worden" in antwoord.content.decode()
    traject = Traject.objects.get(pk=aanmelding.pk)
    assert traject.status == Status.AANGEMELD and traject.versie == aanmelding.versie
    assert Wijziging.objects.count() == voor and not Afsluitvraag.objects.exists()


@pytest.mark.django_db
def test_antwoord_geven_start_de_intake(client, wereld, aanmelding):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    antwoord = client.post(
        reverse("traject_antwoord", args=[aanmelding.pk]), {"antwoord": "Observatie in de klas."}
    )
    assert antwoord.status_code == 302
    traject = Traject.objects.get(pk=aanmelding.pk)
    assert traject.status == Status.IN_BEHANDELING and traject.antwoord == "Observatie in de klas."
    assert "Het antwoord is bewaard." in client.get(antwoord["Location"]).content.decode()


@pytest.mark.django_db
def test_starten_vraagt_minstens_een_doel(client, wereld, aanmelding):
    services.antwoord_geven(door=wereld.anker.gebruiker, traject=aanmelding, antwoord="Ja")
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    url = reverse("traject_starten", args=[aanmelding.pk])
    gegevens = {"start": VANDAAG.isoformat(), "intensiteit_minuten": "1u", "frequentie": "week"}
    html = client.post(url, gegevens).content.decode()
    assert "Een traject start met minstens één doel" in html
    assert Traject.objects.get(pk=aanmelding.pk).status == Status.IN_BEHANDELING
    antwoord = client.post(url, {**gegevens, "doel_1": "Rust", "doel_3": "Pauze vragen", "vormen": ["klas"]})
    assert antwoord.status_code == 302
    traject = Traject.objects.get(pk=aanmelding.pk)
    assert traject.status == Status.LOPEND and traject.vormen == ["klas"]
    assert list(traject.doelen.values_list("omschrijving", flat=True)) == ["Rust", "Pauze vragen"]


@pytest.mark.django_db
def test_evaluatie_registreert_de_vooruitgang_per_doel(client, wereld, lopend):
    eerste, tweede = lopend.doelen.all()
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    html = client.get(reverse("traject_evaluatie", args=[lopend.pk])).content.decode()
    assert "Rustig overgaan naar de speelplaats" in html
    antwoord = client.post(
        reverse("traject_evaluatie", args=[lopend.pk]),
        {
            "datum": VANDAAG.isoformat(),
            "beslissing": "verderzetten",
            "volgende_evaluatie": (VANDAAG + dt.timedelta(days=42)).isoformat(),
            f"doel_{eerste.pk}_status": "bereikt",
            f"doel_{eerste.pk}_vooruitgang": "Lukt bijna altijd",
            f"doel_{tweede.pk}_status": "bezig",
        },
    )
    assert antwoord.status_code == 302
    assert Doel.objects.get(pk=eerste.pk).status == "bereikt"
    assert Traject.objects.get(pk=lopend.pk).volgende_evaluatie == VANDAAG + dt.timedelta(days=42)
    assert "Lukt bijna altijd" in client.get(antwoord["Location"]).content.decode()


@pytest.mark.django_db
def test_de_beslissing_afronden_sluit_het_traject_in_een_stap_af(
    client, wereld, lopend, django_capture_on_commit_callbacks
):
    """The evaluation's "afronden" closes the trajectory on the evaluation's date and asks the school the
    closing questions, as the button "Afronden" does: no second step to forget."""
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    url = reverse("traject_evaluatie", args=[lopend.pk])
    formulier = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Afronden sluit het traject meteen af" in formulier
    eerste, tweede = lopend.doelen.all()
    gisteren = VANDAAG - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks() as callbacks:
        antwoord = client.post(
            url,
            {
                "versie": lopend.versie,
                "datum": gisteren.isoformat(),
                "beslissing": "afronden",
                "samenvatting": "Beide doelen gehaald.",
                f"doel_{eerste.pk}_status": "bereikt",
                f"doel_{tweede.pk}_status": "deels",
            },
            headers={"HX-Request": "true"},
        )
    html = antwoord.content.decode()
    assert "De evaluatie is bewaard en het traject is afgerond." in html
    traject = Traject.objects.get(pk=lopend.pk)
    assert (traject.status, traject.afgesloten_op, traject.volgende_evaluatie) == (
        Status.AFGEROND,
        gisteren,
        None,
    )
    assert callbacks, "de afsluitvragen worden na de commit verstuurd"
    assert Afsluitvraag.objects.get(traject=traject).beantwoord_op is None
    acties = list(
        Wijziging.objects.filter(traject_id=traject.pk).order_by("-pk").values_list("actie", flat=True)
    )
    assert acties[:2] == ["trajecten.traject.afgerond", "trajecten.evaluatie.geregistreerd"]
    tijdlijn = html[html.index('id="tijdlijn-titel"') :]
    assert tijdlijn.index("Traject afgerond") < tijdlijn.index("Evaluatie geregistreerd")
    assert reverse("traject_heropenen", args=[lopend.pk]) in html
    assert reverse("traject_afronden", args=[lopend.pk]) not in html


@pytest.mark.django_db
def test_afronden_in_een_evaluatie_van_voor_de_start_bewaart_niets(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    voor = Wijziging.objects.count()
    per_doel = {f"doel_{doel.pk}_status": "bereikt" for doel in lopend.doelen.all()}
    html = client.post(
        reverse("traject_evaluatie", args=[lopend.pk]),
        {"datum": (VANDAAG - dt.timedelta(days=11)).isoformat(), "beslissing": "afronden", **per_doel},
    ).content.decode()
    assert "afsluiten kan niet vóór die dag." in html
    assert not lopend.evaluaties.exists() and Wijziging.objects.count() == voor
    assert Traject.objects.get(pk=lopend.pk).status == Status.LOPEND


@pytest.mark.django_db
def test_evaluatie_in_de_toekomst_wordt_geweigerd(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    per_doel = {f"doel_{doel.pk}_status": "bezig" for doel in lopend.doelen.all()}
    html = client.post(
        reverse("traject_evaluatie", args=[lopend.pk]),
        {"datum": (VANDAAG + dt.timedelta(days=1)).isoformat(), "beslissing": "afronden", **per_doel},
    ).content.decode()
    assert "Een evaluatie kan niet in de toekomst liggen." in html and not lopend.evaluaties.exists()


@pytest.mark.django_db
def test_afronden_stopzetten_en_heropenen(client, wereld, lopend):
    client = _als(client, wereld, Rol.COORDINATOR)
    html = client.get(reverse("traject_afronden", args=[lopend.pk])).content.decode()
    assert "Wat neem je als school mee?" in html and "Waar liggen nog kansen?" in html
    client.post(reverse("traject_afronden", args=[lopend.pk]))
    assert Traject.objects.get(pk=lopend.pk).status == Status.AFGEROND and Afsluitvraag.objects.exists()
    html = client.post(reverse("traject_heropenen", args=[lopend.pk]), {"reden": ""}).content.decode()
    assert "Dit veld is verplicht." in html
    client.post(reverse("traject_heropenen", args=[lopend.pk]), {"reden": "Nieuwe vraag"})
    assert Traject.objects.get(pk=lopend.pk).status == Status.LOPEND
    client.post(reverse("traject_stopzetten", args=[lopend.pk]), {"reden": "Leerling verhuisd"})
    traject = Traject.objects.get(pk=lopend.pk)
    assert traject.status == Status.STOPGEZET and traject.reden_stopzetting == "Leerling verhuisd"


@pytest.mark.django_db
def test_doel_toevoegen_en_ondersteuner_toewijzen(client, wereld, lopend):
    collega = factories.OndersteunerFactory(lsc=wereld.lsc, gebruiker__naam="Collega Focus")
    vreemde = wereld.vreemde_ondersteuner
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    client.post(reverse("traject_doel", args=[lopend.pk]), {"omschrijving": "Samen spelen"})
    assert lopend.doelen.filter(omschrijving="Samen spelen", volgorde=3).exists()
    html = client.get(reverse("traject_toewijzen", args=[lopend.pk])).content.decode()
    assert "Collega Focus" in html and str(vreemde) not in html
    client.post(reverse("traject_toewijzen", args=[lopend.pk]), {"ondersteuner": vreemde.pk, "rol": "focus"})
    assert not Toewijzing.objects.filter(ondersteuner=vreemde).exists()
    client.post(reverse("traject_toewijzen", args=[lopend.pk]), {"ondersteuner": collega.pk, "rol": "focus"})
    assert Toewijzing.objects.get(traject=lopend, ondersteuner=collega).rol == "focus"


@pytest.mark.django_db
def test_tijd_loggen_zonder_htmx_gaat_terug_naar_de_lijst(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    antwoord = client.post(
        reverse("traject_tijd", args=[lopend.pk]),
        {"weergave": "rij", "datum": VANDAAG.isoformat(), "snel": 90, "activiteit": "overleg"},
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("mijn_trajecten")
    assert Logboekregel.objects.get().minuten == 90


@pytest.mark.django_db
def test_coordinator_zonder_ondersteunersprofiel_logt_geen_tijd(client, wereld, lopend):
    client = _als(client, wereld, Rol.COORDINATOR)
    html = client.post(
        reverse("traject_tijd", args=[lopend.pk]),
        {"datum": VANDAAG.isoformat(), "snel": 30, "activiteit": "overleg"},
    ).content.decode()
    assert "Enkel leerondersteuners loggen tijd in het logboek." in html and not Logboekregel.objects.exists()


@pytest.mark.django_db
def test_niemand_handelt_op_een_traject_van_een_ander_lsc(client, wereld, vreemd_traject):
    for rol in (Rol.COORDINATOR, Rol.ONDERSTEUNER):
        client = _als(client, wereld, rol)
        assert (
            client.post(reverse("traject_stopzetten", args=[vreemd_traject.pk]), {"reden": "x"}).status_code
            == 404
        )
    assert Traject.objects.get(pk=vreemd_traject.pk).status == Status.AANGEMELD


# PDF


@pytest.fixture
def nep_pdf(monkeypatch):
    """The PDF itself is built in trajecten/pdf.py (WeasyPrint): here only the view around it counts."""
    monkeypatch.setattr(pdf, "traject_pdf", lambda traject: b"%PDF-1.7 traject " + str(traject.pk).encode())


@pytest.mark.django_db
def test_pdf_is_een_bijlage_zonder_naam_en_gelogd(client, wereld, lopend, nep_pdf):
    antwoord = _als(client, wereld, Rol.ZORG).get(reverse("traject_pdf", args=[lopend.pk]))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == f'attachment; filename="traject-{lopend.pk}.pdf"'
    assert antwoord.content.startswith(b"%PDF")
    assert Inzage.objects.filter(door=wereld.gebruikers[Rol.ZORG], soort="pdf", traject_id=lopend.pk).exists()


@pytest.mark.django_db
def test_pdf_met_de_echte_weergave(client, wereld, lopend):
    antwoord = _als(client, wereld, Rol.ONDERSTEUNER).get(reverse("traject_pdf", args=[lopend.pk]))
    assert antwoord.status_code == 200 and antwoord.content.startswith(b"%PDF")
    assert "Mila" not in antwoord["Content-Disposition"]


# Closing questions, without login


@pytest.fixture
def afgerond(wereld, lopend) -> tuple[Traject, str]:
    return services.traject_afronden(door=wereld.anker.gebruiker, traject=lopend)


@pytest.mark.django_db
def test_afsluitvragen_werken_een_keer_zonder_aanmelden(client, afgerond):
    traject, sleutel = afgerond
    url = reverse("afsluitvragen", args=[sleutel])
    html = client.get(url).content.decode()
    assert (
        "School Eigen" in html and "Wat neem je als school mee?" in html and "Waar liggen nog kansen?" in html
    )
    assert "Mila" not in zonder_tokens(html) and "4B" not in zonder_tokens(html)
    antwoord = client.post(url, {"wat_neem_je_mee": "Pictogrammen", "waar_liggen_kansen": ""})
    assert antwoord.status_code == 302 and antwoord["Location"] == url + "?bewaard"
    assert "Bedankt, je antwoorden zijn bewaard." in client.get(antwoord["Location"]).content.decode()
    assert "Deze vragen zijn al beantwoord op" in client.get(url).content.decode()
    client.post(url, {"wat_neem_je_mee": "Iets anders", "waar_liggen_kansen": ""})
    assert Afsluitvraag.objects.get(traject=traject).wat_neem_je_mee == "Pictogrammen"


@pytest.mark.django_db
def test_afsluitvragen_vragen_minstens_een_antwoord(client, afgerond):
    _, sleutel = afgerond
    html = client.post(reverse("afsluitvragen", args=[sleutel]), {}).content.decode()
    assert "Beantwoord minstens één van de twee vragen." in html


@pytest.mark.django_db
def test_verlopen_link_zegt_dat_hij_verlopen_is(client, afgerond):
    traject, sleutel = afgerond
    Afsluitvraag.objects.filter(traject=traject).update(verloopt_op=timezone.now() - dt.timedelta(minutes=1))
    antwoord = client.get(reverse("afsluitvragen", args=[sleutel]))
    assert antwoord.status_code == 410 and "Deze link is verlopen." in antwoord.content.decode()
    client.post(reverse("afsluitvragen", args=[sleutel]), {"wat_neem_je_mee": "Te laat"})
    assert Afsluitvraag.objects.get(traject=traject).beantwoord_op is None


@pytest.mark.django_db
def test_na_heropenen_is_de_afsluitlink_niet_meer_geldig(client, wereld, afgerond):
    traject, sleutel = afgerond
    url = reverse("afsluitvragen", args=[sleutel])
    services.traject_heropenen(door=wereld.anker.gebruiker, traject=traject, reden="Nieuwe vraag")
    antwoord = client.get(url)
    html = antwoord.content.decode()
    assert antwoord.status_code == 410 and "Deze link is niet meer geldig." in html
    assert "Het traject is intussen heropend" in html and "<form" not in html
    voor = Wijziging.objects.count()
    antwoord = client.post(url, {"wat_neem_je_mee": "Pictogrammen", "waar_liggen_kansen": "Meer"})
    assert antwoord.status_code == 410 and "Deze link is niet meer geldig." in antwoord.content.decode()
    vraag = Afsluitvraag.objects.get(traject=traject)
    assert (vraag.beantwoord_op, vraag.wat_neem_je_mee, vraag.waar_liggen_kansen) == (None, "", "")
    assert Wijziging.objects.count() == voor


@pytest.mark.django_db
def test_ongeldige_sleutel_geeft_404(client, afgerond):
    assert client.get(reverse("afsluitvragen", args=["geen-geldige-sleutel"])).status_code == 404
    assert client.post(reverse("afsluitvragen", args=["geen-geldige-sleutel"]), {}).status_code == 404


@pytest.mark.django_db
def test_afronden_via_het_scherm_stuurt_de_afsluitvragen(
    client, wereld, lopend, django_capture_on_commit_callbacks
):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("traject_afronden", args=[lopend.pk]))
    assert callbacks, "de afsluitvragen worden na de commit verstuurd"
    assert Afsluitvraag.objects.get(traject=lopend).beantwoord_op is None
