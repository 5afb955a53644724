"""A school several LSCs serve is shared master data: one LSC's import or edit never changes what the
others see of it. Serving a school another LSC serves is a request that LSC accepts; a change of a shared
school's data or figures is a proposal every other serving LSC agrees to."""

import pytest
from django.urls import reverse

from netwerk.models import Clb, Rol, Wijziging
from scholen.importeren import Actie, plan_cijfers, plan_scholen
from scholen.models import Bediening, School, Schoolvoorstel
from scholen.services import voorstel_aanvaarden
from scholen.services.importeren import cijfers_importeren, scholen_importeren
from tests import factories

KOP = "instellingsnummer;naam;straat;postcode;gemeente;niveau;net;scholengemeenschap;clb"


def _bestand(tmp_path, *regels: str, kop: str = KOP):
    pad = tmp_path / "scholen.csv"
    pad.write_text("\n".join([kop, *regels]) + "\n", encoding="utf-8")
    return pad


def _regel(school: School, **anders) -> str:
    velden = {
        "instellingsnummer": school.instellingsnummer,
        "naam": school.naam,
        "straat": school.straat,
        "postcode": school.postcode,
        "gemeente": school.gemeente,
        "niveau": school.niveau,
        "net": school.net,
        "scholengemeenschap": school.scholengemeenschap,
        "clb": school.clb.naam if school.clb else "",
        **anders,
    }
    return ";".join(velden.values())


@pytest.fixture
def lsc_a_en_b(wereld):
    """LSC A ("LSC Ander") serves its school alone; LSC B ("LSC Eigen", the world's own) imports."""
    wereld.lsc_a = wereld.vreemde_ondersteuner.lsc
    wereld.coordinator_a = factories.GebruikerFactory(
        email="coordinator-a@proef.example", rol=Rol.COORDINATOR, lsc=wereld.lsc_a
    )
    return wereld


@pytest.mark.django_db
def test_import_van_een_school_van_een_ander_lsc_is_een_aanvraag_die_niets_wijzigt(lsc_a_en_b, tmp_path):
    wereld = lsc_a_en_b
    school = wereld.vreemde_school
    voor = (school.naam, school.clb_id)
    pad = _bestand(tmp_path, _regel(school, naam="Overgenomen naam", clb="CLB Eigen"))
    plan = plan_scholen(pad, lsc=wereld.lsc)
    rij = plan.rijen[0]
    assert rij.actie == Actie.AANVRAAG
    assert "school van een ander leersteuncentrum: je vraagt om ze mee te bedienen" in rij.opmerkingen[0]
    assert "LSC Ander" not in " ".join(rij.opmerkingen)  # who serves it is theirs to tell
    telling = scholen_importeren(plan=plan, lsc=wereld.lsc, door=wereld.gebruikers[Rol.COORDINATOR])
    assert telling.aangevraagd == 1

    school.refresh_from_db()
    assert (school.naam, school.clb_id) == voor
    assert not Bediening.objects.filter(lsc=wereld.lsc, school=school).exists()
    aanvraag = Schoolvoorstel.objects.get(school=school, lsc=wereld.lsc)
    assert (aanvraag.soort, aanvraag.status) == (Schoolvoorstel.Soort.BEDIENING, Schoolvoorstel.Status.OPEN)
    # The same file again: the request stands, no second one.
    plan = plan_scholen(pad, lsc=wereld.lsc)
    assert plan.rijen[0].actie == Actie.ONGEWIJZIGD
    scholen_importeren(plan=plan, lsc=wereld.lsc)
    assert Schoolvoorstel.objects.filter(school=school).count() == 1


@pytest.mark.django_db
def test_het_lsc_van_de_school_aanvaardt_de_aanvraag_op_de_pagina_aanvragen(client, lsc_a_en_b, tmp_path):
    wereld = lsc_a_en_b
    school = wereld.vreemde_school
    scholen_importeren(plan=plan_scholen(_bestand(tmp_path, _regel(school)), lsc=wereld.lsc), lsc=wereld.lsc)
    client.force_login(wereld.coordinator_a)
    pagina = client.get(reverse("aanvragen")).content.decode()
    assert f"vraagt om {school.naam} ({school.instellingsnummer}) mee te bedienen" in pagina
    aanvraag = Schoolvoorstel.objects.get(school=school)
    antwoord = client.post(
        reverse("voorstel_beslissen", args=[aanvraag.pk]), {"actie": "aanvaarden"}, follow=True
    )
    assert "LSC Eigen bedient nu ook" in antwoord.content.decode()
    assert Bediening.objects.filter(lsc=wereld.lsc, school=school).exists()
    assert Wijziging.objects.filter(actie="scholen.voorstel.aanvaard", object_id=aanvraag.pk).exists()


@pytest.mark.django_db
def test_het_aanvragende_lsc_beslist_niet_zelf_maar_kan_intrekken(client, lsc_a_en_b, tmp_path):
    wereld = lsc_a_en_b
    school = wereld.vreemde_school
    scholen_importeren(plan=plan_scholen(_bestand(tmp_path, _regel(school)), lsc=wereld.lsc), lsc=wereld.lsc)
    aanvraag = Schoolvoorstel.objects.get(school=school)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(reverse("voorstel_beslissen", args=[aanvraag.pk]), {"actie": "aanvaarden"})
    assert antwoord.status_code == 403
    assert not Bediening.objects.filter(lsc=wereld.lsc, school=school).exists()
    # Its own page names the school by number only, until the request is accepted.
    pagina = client.get(reverse("aanvragen")).content.decode()
    assert f"School {school.instellingsnummer} mee bedienen" in pagina and school.naam not in pagina
    client.post(reverse("voorstel_beslissen", args=[aanvraag.pk]), {"actie": "intrekken"})
    aanvraag.refresh_from_db()
    assert aanvraag.status == Schoolvoorstel.Status.INGETROKKEN


@pytest.fixture
def gedeeld(lsc_a_en_b):
    """Both LSCs serve the other's school now."""
    Bediening.objects.create(lsc=lsc_a_en_b.lsc, school=lsc_a_en_b.vreemde_school)
    return lsc_a_en_b


@pytest.mark.django_db
def test_import_die_een_gedeelde_school_wijzigt_wordt_een_voorstel(gedeeld, tmp_path):
    wereld = gedeeld
    school = wereld.vreemde_school
    oud = (school.naam, school.clb_id)
    plan = plan_scholen(
        _bestand(tmp_path, _regel(school, naam="Nieuwe naam", clb="CLB Eigen")), lsc=wereld.lsc
    )
    assert plan.rijen[0].actie == Actie.VOORSTEL
    assert plan.rijen[0].opmerkingen == [
        "gedeelde school: de wijziging gaat als voorstel naar LSC Ander "
        "(naam: School Vreemd → Nieuwe naam; CLB: CLB Ander → CLB Eigen)"
    ]
    scholen_importeren(plan=plan, lsc=wereld.lsc, door=wereld.gebruikers[Rol.COORDINATOR])
    school.refresh_from_db()
    assert (school.naam, school.clb_id) == oud
    voorstel = Schoolvoorstel.objects.get(school=school, soort=Schoolvoorstel.Soort.GEGEVENS)
    assert voorstel.wijzigingen == [
        {"veld": "naam", "oud": oud[0], "nieuw": "Nieuwe naam"},
        {"veld": "clb", "oud": oud[1], "nieuw": wereld.clb.pk},
    ]
    voorstel_aanvaarden(door=wereld.coordinator_a, voorstel=voorstel)
    school.refresh_from_db()
    assert (school.naam, school.clb_id) == ("Nieuwe naam", wereld.clb.pk)
    wijziging = Wijziging.objects.get(actie="scholen.school.bijgewerkt", object_id=school.pk)
    assert wijziging.wijzigingen["naam"] == [oud[0], "Nieuwe naam"]


@pytest.mark.django_db
def test_een_geweigerd_voorstel_wijzigt_niets(client, gedeeld, tmp_path):
    wereld = gedeeld
    school = wereld.vreemde_school
    scholen_importeren(
        plan=plan_scholen(_bestand(tmp_path, _regel(school, naam="Fout")), lsc=wereld.lsc), lsc=wereld.lsc
    )
    voorstel = Schoolvoorstel.objects.get(school=school)
    client.force_login(wereld.coordinator_a)
    pagina = client.get(reverse("aanvragen")).content.decode()
    assert "naam: School Vreemd → <strong>Fout</strong>" in pagina
    client.post(
        reverse("voorstel_beslissen", args=[voorstel.pk]), {"actie": "weigeren", "reden": "klopt niet"}
    )
    voorstel.refresh_from_db()
    school.refresh_from_db()
    assert (voorstel.status, voorstel.reden, school.naam) == ("geweigerd", "klopt niet", "School Vreemd")


@pytest.mark.django_db
def test_een_voorstel_over_gewijzigde_gegevens_vervalt(gedeeld, tmp_path):
    wereld = gedeeld
    school = wereld.vreemde_school
    scholen_importeren(
        plan=plan_scholen(_bestand(tmp_path, _regel(school, naam="Voorstel")), lsc=wereld.lsc), lsc=wereld.lsc
    )
    School.objects.filter(pk=school.pk).update(naam="Intussen anders")
    voorstel = voorstel_aanvaarden(
        door=wereld.coordinator_a, voorstel=Schoolvoorstel.objects.get(school=school)
    )
    assert voorstel.status == Schoolvoorstel.Status.VERVALLEN
    assert "De gegevens zijn intussen gewijzigd (naam)" in voorstel.reden
    school.refresh_from_db()
    assert school.naam == "Intussen anders"


@pytest.mark.django_db
def test_een_onbekend_clb_voor_een_gedeelde_school_is_een_geweigerde_rij(gedeeld, tmp_path):
    wereld = gedeeld
    clbs = Clb.objects.count()
    plan = plan_scholen(_bestand(tmp_path, _regel(wereld.vreemde_school, clb="CLB Tikfout")), lsc=wereld.lsc)
    assert plan.rijen[0].actie == Actie.GEWEIGERD
    assert "is geen CLB in Honingraat" in str(plan.rijen[0].fouten[0])
    scholen_importeren(plan=plan, lsc=wereld.lsc, zonder_geweigerde=True)
    assert Clb.objects.count() == clbs


@pytest.mark.django_db
def test_het_bewerkformulier_van_een_gedeelde_school_stelt_voor(client, gedeeld):
    wereld = gedeeld
    school = wereld.vreemde_school
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    pagina = client.get(reverse("school_detail", args=[school.pk])).content.decode()
    assert "Gedeelde school: LSC Ander bedient deze school ook." in pagina
    formulier = client.get(reverse("school_bewerken", args=[school.pk])).context["formulier"]
    gegevens = {naam: waarde for naam, waarde in formulier.initial.items() if waarde is not None}
    gegevens.update(clb=wereld.clb.pk, stand=formulier.fields["stand"].initial)
    antwoord = client.post(reverse("school_bewerken", args=[school.pk]), gegevens, follow=True)
    assert "Je voorstel is verstuurd naar LSC Ander" in antwoord.content.decode()
    school.refresh_from_db()
    assert school.clb != wereld.clb
    voorstel = Schoolvoorstel.objects.get(school=school)
    assert voorstel.wijzigingen == [{"veld": "clb", "oud": school.clb_id, "nieuw": wereld.clb.pk}]
    assert (
        "Open voorstel van LSC Eigen"
        in client.get(reverse("school_detail", args=[school.pk])).content.decode()
    )


@pytest.mark.django_db
def test_een_school_die_enkel_het_eigen_lsc_bedient_wijzigt_meteen(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    school = wereld.eigen_school
    formulier = client.get(reverse("school_bewerken", args=[school.pk])).context["formulier"]
    gegevens = {naam: waarde for naam, waarde in formulier.initial.items() if waarde is not None}
    gegevens.update(naam="Hernoemd", clb=wereld.clb.pk, stand=formulier.fields["stand"].initial)
    client.post(reverse("school_bewerken", args=[school.pk]), gegevens)
    school.refresh_from_db()
    assert school.naam == "Hernoemd"
    assert not Schoolvoorstel.objects.exists()


@pytest.mark.django_db
def test_cijfers_van_een_gedeelde_school_worden_een_voorstel(gedeeld, tmp_path):
    wereld = gedeeld
    school = wereld.vreemde_school
    huidig = factories.CijfersFactory(school=school)
    pad = tmp_path / "cijfers.csv"
    pad.write_text(
        "instellingsnummer;schooljaar;leerlingen\n"
        f"{school.instellingsnummer};{huidig.schooljaar}-{huidig.schooljaar + 1};{huidig.leerlingen + 40}\n",
        encoding="utf-8",
    )
    plan = plan_cijfers(pad, lsc=wereld.lsc)
    assert plan.rijen[0].actie == Actie.VOORSTEL
    cijfers_importeren(plan=plan, lsc=wereld.lsc, door=wereld.gebruikers[Rol.COORDINATOR])
    huidig.refresh_from_db()
    voorstel = Schoolvoorstel.objects.get(school=school)
    assert voorstel.wijzigingen == [
        {
            "veld": "leerlingen",
            "oud": huidig.leerlingen,
            "nieuw": huidig.leerlingen + 40,
            "schooljaar": huidig.schooljaar,
        }
    ]
    voorstel = voorstel_aanvaarden(door=wereld.coordinator_a, voorstel=voorstel)
    huidig.refresh_from_db()
    assert voorstel.status == Schoolvoorstel.Status.AANVAARD
    assert huidig.leerlingen == voorstel.wijzigingen[0]["nieuw"]


@pytest.mark.django_db
def test_de_beheerder_beslist_alleen_en_meteen(gedeeld, tmp_path):
    wereld = gedeeld
    school = wereld.vreemde_school
    scholen_importeren(
        plan=plan_scholen(_bestand(tmp_path, _regel(school, naam="Door beheer")), lsc=wereld.lsc),
        lsc=wereld.lsc,
    )
    voorstel = voorstel_aanvaarden(door=wereld.gebruikers[Rol.ADMIN], voorstel=Schoolvoorstel.objects.get())
    school.refresh_from_db()
    assert (voorstel.status, school.naam) == (Schoolvoorstel.Status.AANVAARD, "Door beheer")
