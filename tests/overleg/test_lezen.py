"""Reading the consultation: the school's care staff and the CLB read the shared report and download its PDF;
anyone else's school is not found."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Inzage, Rol
from overleg import documenten, outbox
from overleg.models import Afspraak, Deelnemer, Document, Status
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.werelden import overleg_van

HTMX = {"HX-Request": "true"}


def _als(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    return client


def _gedeeld(wereld, **velden):
    overleg = overleg_van(
        wereld,
        status=Status.GEDEELD,
        datum=timezone.now() - dt.timedelta(days=3),
        plaats="Leraarskamer",
        gedeeld_op=timezone.now(),
        prioriteiten="- Begrijpend lezen",
        verwachtingen_clb="Tijdige verslagen",
        overzicht_trajecten="- Type 9 · klas 4B · geheim overzicht",
        spreiding="Gemiddeld een halve dag om de twee weken",
        verslag="Het overleg verliep **constructief**.",
        **velden,
    )
    Deelnemer.objects.create(
        overleg=overleg, gebruiker=wereld.gebruikers[Rol.ZORG], rol="zorg", aanwezig=True
    )
    Afspraak.objects.create(
        overleg=overleg,
        omschrijving="Zorgbeleid bezorgen",
        eigenaar=wereld.gebruikers[Rol.ZORG],
        tegen=timezone.localdate(),
    )
    return overleg


@pytest.fixture
def gevraagd(monkeypatch):
    """The documents the worker was asked to make (no worker runs here)."""
    vragen = []
    monkeypatch.setattr(outbox, "document_laten_maken", lambda **kwargs: vragen.append(kwargs))
    return vragen


@pytest.fixture
def opslag(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# ----------------------------------------------------------------------------------------- the report


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ZORG, Rol.CLB])
def test_zorg_en_clb_lezen_het_gedeelde_verslag(client, wereld_met_trajecten, rol):
    wereld = wereld_met_trajecten
    overleg = _gedeeld(wereld)
    html = _als(client, wereld, rol).get(reverse("overleg_verslag", args=[overleg.pk])).content.decode()
    assert "Begrijpend lezen" in html
    assert "Tijdige verslagen" in html
    assert "<strong>constructief</strong>" in html
    assert "Zorgbeleid bezorgen" in html
    assert "Gemiddeld een halve dag om de twee weken" in html
    assert reverse("overleg_document", args=[overleg.pk, "verslag"]) in html
    # The leidraad's trajectory overview is preparation for the LSC, not part of the report.
    assert "geheim overzicht" not in html
    assert not Inzage.objects.exists()  # no pupil data in it: not logged as a read of pupil data


@pytest.mark.django_db
def test_clb_ziet_het_tijdskader_niet_de_school_wel(client, wereld_met_trajecten):
    wereld = wereld_met_trajecten
    overleg = _gedeeld(wereld)
    url = reverse("overleg_verslag", args=[overleg.pk])
    assert "Maximum tijdskader" not in _als(client, wereld, Rol.CLB).get(url).content.decode()
    assert "Maximum tijdskader" in _als(client, wereld, Rol.ZORG).get(url).content.decode()


@pytest.mark.django_db
def test_zorg_ziet_voor_het_delen_enkel_wanneer_waar_en_wie(client, wereld):
    overleg = _gedeeld(wereld)
    overleg.status = Status.GEHOUDEN
    overleg.save()
    html = _als(client, wereld, Rol.ZORG).get(reverse("overleg_verslag", args=[overleg.pk])).content.decode()
    assert "Het verslag is nog niet gedeeld." in html
    assert "Leraarskamer" in html
    assert wereld.gebruikers[Rol.ZORG].naam in html
    assert "Begrijpend lezen" not in html
    assert "Zorgbeleid bezorgen" not in html
    assert reverse("overleg_document", args=[overleg.pk, "verslag"]) not in html


@pytest.mark.django_db
def test_clb_vindt_een_niet_gedeeld_verslag_niet(client, wereld):
    overleg = _gedeeld(wereld)
    overleg.status = Status.GEHOUDEN
    overleg.save()
    assert _als(client, wereld, Rol.CLB).get(reverse("overleg_verslag", args=[overleg.pk])).status_code == 404


@pytest.mark.django_db
def test_zorg_van_een_andere_school_vindt_niets(client, wereld, gevraagd):
    overleg = _gedeeld(wereld)
    andere = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(wereld.vreemde_school, andere)
    client.force_login(andere)
    for url in (
        reverse("overleg_verslag", args=[overleg.pk]),
        reverse("overleg_detail", args=[overleg.pk]),
        reverse("overleg_document", args=[overleg.pk, "verslag"]),
        reverse("overleg_school", args=[wereld.eigen_school.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert gevraagd == []


@pytest.mark.django_db
def test_clb_van_een_ander_clb_en_beheerder_vinden_niets(client, wereld):
    overleg = _gedeeld(wereld)
    ander = factories.GebruikerFactory(rol=Rol.CLB, lsc=None, clb=factories.ClbFactory())
    client.force_login(ander)
    assert client.get(reverse("overleg_verslag", args=[overleg.pk])).status_code == 404
    assert (
        _als(client, wereld, Rol.ADMIN).get(reverse("overleg_verslag", args=[overleg.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_lsc_ziet_een_voorbeeld_van_het_verslag_voor_het_delen(client, wereld):
    overleg = overleg_van(wereld, prioriteiten="Rekenen")
    html = (
        _als(client, wereld, Rol.COORDINATOR)
        .get(reverse("overleg_verslag", args=[overleg.pk]))
        .content.decode()
    )
    assert "Voorbeeld: dit verslag is nog niet gedeeld." in html
    assert "Rekenen" in html


@pytest.mark.django_db
def test_de_schoolpagina_toont_zorg_en_clb_hun_overleggen(client, wereld):
    overleg = _gedeeld(wereld)
    url = reverse("overleg_school", args=[wereld.eigen_school.pk])
    for rol in (Rol.ZORG, Rol.CLB):
        html = _als(client, wereld, rol).get(url).content.decode()
        assert reverse("overleg_verslag", args=[overleg.pk]) in html, rol


@pytest.mark.django_db
def test_het_clb_vindt_gedeelde_verslagen_op_de_startpagina(client, wereld):
    overleg = _gedeeld(wereld)
    html = _als(client, wereld, Rol.CLB).get(reverse("home")).content.decode()
    assert reverse("overleg_verslag", args=[overleg.pk]) in html
    assert "Er zijn nog geen verslagen gedeeld." not in html


# ------------------------------------------------------------------------------------------ documents


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ZORG, Rol.CLB])
def test_zorg_en_clb_krijgen_enkel_het_verslag(client, wereld, gevraagd, rol):
    overleg = _gedeeld(wereld)
    _als(client, wereld, rol)
    for soort in ("leidraad", "afspraken", "onbekend"):
        assert client.get(reverse("overleg_document", args=[overleg.pk, soort])).status_code == 404
    assert client.get(reverse("overleg_document", args=[overleg.pk, "verslag"])).status_code == 200
    assert gevraagd == [{"overleg_id": overleg.pk, "soort": "verslag"}]


@pytest.mark.django_db
def test_zorg_krijgt_het_verslag_niet_voor_het_gedeeld_is(client, wereld, gevraagd):
    overleg = overleg_van(wereld, status=Status.GEHOUDEN, verslag="Klaar maar niet gedeeld")
    url = reverse("overleg_document", args=[overleg.pk, "verslag"])
    assert _als(client, wereld, Rol.ZORG).get(url).status_code == 404
    assert gevraagd == []


@pytest.mark.django_db
def test_document_dat_er_nog_niet_is_wordt_gemaakt_terwijl_de_pagina_wacht(client, wereld, gevraagd, opslag):
    overleg = _gedeeld(wereld)
    url = reverse("overleg_document", args=[overleg.pk, "verslag"])

    pagina = _als(client, wereld, Rol.ZORG).get(url).content.decode()

    assert "Het document wordt gemaakt." in pagina
    assert 'hx-trigger="every 1s"' in pagina
    assert f'hx-get="{url}?poging=1"' in pagina
    assert gevraagd == [{"overleg_id": overleg.pk, "soort": "verslag"}]

    # The page asks again: nothing new is queued, the count goes up.
    poll = client.get(url + "?poging=1", headers=HTMX).content.decode()
    assert f'hx-get="{url}?poging=2"' in poll
    assert "<html" not in poll
    assert len(gevraagd) == 1

    documenten.actueel_document(overleg, "verslag")  # what the worker does
    klaar = client.get(url + "?poging=2", headers=HTMX).content.decode()
    assert "Het document is klaar." in klaar
    assert "hx-trigger" not in klaar

    download = client.get(url)
    assert download["Content-Type"] == "application/pdf"
    naam = f"verslag-{wereld.eigen_school.instellingsnummer}-{overleg.schooljaar_tekst}.pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{naam}"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert len(gevraagd) == 1


@pytest.mark.django_db
def test_een_gewijzigd_verslag_wordt_opnieuw_gemaakt(client, wereld, gevraagd, opslag):
    overleg = _gedeeld(wereld)
    documenten.actueel_document(overleg, "verslag")
    overleg.verslag = "Bijgestuurd na het tweede moment."
    overleg.save()
    antwoord = _als(client, wereld, Rol.CLB).get(reverse("overleg_document", args=[overleg.pk, "verslag"]))
    assert "Het document wordt gemaakt." in antwoord.content.decode()
    assert Document.objects.count() == 1
    assert len(gevraagd) == 1


@pytest.mark.django_db
def test_wachten_stopt_na_lange_tijd_met_een_uitleg(client, wereld, gevraagd):
    overleg = _gedeeld(wereld)
    url = reverse("overleg_document", args=[overleg.pk, "verslag"]) + "?poging=90"
    html = _als(client, wereld, Rol.COORDINATOR).get(url, headers=HTMX).content.decode()
    assert "Het document is nog niet klaar." in html
    assert "hx-trigger" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("soort", ["leidraad", "afspraken", "verslag"])
def test_lsc_krijgt_alle_documenten_ook_voor_het_delen(client, wereld, gevraagd, soort):
    overleg = overleg_van(wereld)
    antwoord = _als(client, wereld, Rol.ONDERSTEUNER).get(
        reverse("overleg_document", args=[overleg.pk, soort])
    )
    assert antwoord.status_code == 200
    assert gevraagd == [{"overleg_id": overleg.pk, "soort": soort}]


@pytest.mark.django_db
def test_het_verslag_downloaden_kost_zes_queries_hoeveel_deelnemers_en_afspraken_ook(client, wereld, opslag):
    """Session and user, the consultation the CLB may see, the consultation with its stored document and
    the school's frame, its participants, its agreements: 6 (9 before the stored document and the frame
    came with the consultation)."""

    overleg = _gedeeld(wereld)
    documenten.actueel_document(overleg, "verslag")
    url = reverse("overleg_document", args=[overleg.pk, "verslag"])
    client = _als(client, wereld, Rol.CLB)
    assert client.get(url)["Content-Type"] == "application/pdf"
    bij_weinig = aantal_queries(client, url)
    for i in range(5):
        gebruiker = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
        Deelnemer.objects.create(overleg=overleg, gebruiker=gebruiker, rol=Deelnemer.Rol.ZORG)
        Afspraak.objects.create(
            overleg=overleg, omschrijving=f"Afspraak {i}", eigenaar=gebruiker, tegen=dt.date.today()
        )
    documenten.actueel_document(overleg, "verslag")
    assert bij_weinig == aantal_queries(client, url) == 6
