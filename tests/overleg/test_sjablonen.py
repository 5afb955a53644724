"""The coordinator's templates: versions, undo, the editor with its live preview, the PDF preview, the logo,
and that nobody but the LSC's coordinators and directors finds these pages."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from netwerk.models import Rol, Wijziging
from overleg import sjablonen
from overleg.models import Sjabloon
from tests import factories
from tests.support.queries import aantal_queries

HTMX = {"HTTP_HX_REQUEST": "true"}


def _beeld(formaat="PNG", grootte=(300, 100), modus="RGB") -> bytes:
    uit = io.BytesIO()
    Image.new(modus, grootte, (200, 120, 20)).save(uit, format=formaat)
    return uit.getvalue()


def _upload(gegevens: bytes, naam="logo.png", soort="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, gegevens, content_type=soort)


@pytest.fixture
def coordinator(client, wereld):
    gebruiker = wereld.gebruikers[Rol.COORDINATOR]
    client.force_login(gebruiker)
    return gebruiker


def _bewaar(wereld, tekst, soort="leidraad", titel="Leidraad"):
    return sjablonen.sjabloon_bewaren(
        door=wereld.gebruikers[Rol.COORDINATOR], lsc=wereld.lsc, soort=soort, titel=titel, tekst=tekst
    )


# The services.


def test_zonder_bewaarde_versie_geldt_de_standaardtekst(wereld):
    for soort, kop in [("leidraad", "# Doel van het overleg"), ("afspraken", "# Kleine types buiten")]:
        sjabloon = sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort=soort)
        assert sjabloon.pk is None and sjabloon.versie == 0
        assert kop in sjabloon.tekst
    assert sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort="leidraad").titel == "Leidraad schoolbeeldoverleg"


def test_de_standaardleidraad_heeft_alle_secties():
    tekst = sjablonen.standaard_tekst("leidraad")
    for sectie in [
        "# Doel van het overleg",
        "# Prioriteiten van de school voor dit schooljaar",
        "# Verwachtingen van elke partner",
        "## De school",
        "## Het leersteuncentrum",
        "## Het specifiek leersteuncentrum",
        "## Het CLB",
        "# Waaraan en hoe we werken",
        "# Overzicht van de aangemelde leersteuntrajecten",
        "[trajecten]",
        "# Tweede moment",
    ]:
        assert sectie in tekst, sectie
    afspraken = sjablonen.standaard_tekst("afspraken")
    for inhoud in [
        "niet betrokken",
        "maximum tijdskader",
        "maximum 2 scholen per dag",
        "beperkt",
        "kleine types",
    ]:
        assert inhoud in afspraken, inhoud


def test_elke_bewaring_is_een_nieuwe_versie_en_de_nieuwste_geldt(wereld):
    eerste, nieuw1 = _bewaar(wereld, "# Eerste")
    tweede, nieuw2 = _bewaar(wereld, "# Tweede")

    assert (eerste.versie, tweede.versie, nieuw1, nieuw2) == (1, 2, True, True)
    assert sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort="leidraad").tekst == "# Tweede\n"
    assert sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort="afspraken").versie == 0
    gelogd = Wijziging.objects.filter(actie="overleg.sjabloon.bewaard", object_id=tweede.pk).get()
    assert gelogd.door == wereld.gebruikers[Rol.COORDINATOR]
    assert gelogd.wijzigingen["versie"] == 2


def test_een_ongewijzigde_tekst_maakt_geen_versie(wereld):
    _bewaar(wereld, "# Zelfde\r\n")

    sjabloon, nieuw = _bewaar(wereld, "# Zelfde\n\n")

    assert not nieuw and sjabloon.versie == 1
    assert Sjabloon.objects.count() == 1


def test_de_standaardtekst_ongewijzigd_bewaren_maakt_geen_versie(wereld):
    sjabloon, nieuw = _bewaar(
        wereld, sjablonen.standaard_tekst("leidraad"), titel="Leidraad schoolbeeldoverleg"
    )

    assert not nieuw and sjabloon.pk is None


@pytest.mark.parametrize(
    ("titel", "tekst", "veld"),
    [("", "# Tekst", "titel"), ("Titel", "   \n", "tekst"), ("Titel", "x" * 20_001, "tekst")],
)
def test_een_lege_of_te_lange_tekst_wordt_geweigerd(wereld, titel, tekst, veld):
    with pytest.raises(ValidationError) as fout:
        _bewaar(wereld, tekst, titel=titel)

    assert veld in fout.value.message_dict
    assert not Sjabloon.objects.exists()


def test_terugzetten_maakt_van_een_oude_versie_de_nieuwste(wereld):
    _bewaar(wereld, "# Eerste", titel="Een")
    _bewaar(wereld, "# Tweede", titel="Twee")

    hersteld = sjablonen.sjabloon_herstellen(
        door=wereld.gebruikers[Rol.DIRECTEUR], lsc=wereld.lsc, soort="leidraad", versie=1
    )

    assert (hersteld.versie, hersteld.titel, hersteld.tekst) == (3, "Een", "# Eerste\n")
    assert list(Sjabloon.objects.order_by("versie").values_list("titel", flat=True)) == ["Een", "Twee", "Een"]
    assert Wijziging.objects.filter(
        actie="overleg.sjabloon.hersteld", object_id=hersteld.pk
    ).get().wijzigingen == {
        "soort": "leidraad",
        "versie": 3,
        "van_versie": 1,
    }


def test_de_standaardtekst_terugzetten(wereld):
    _bewaar(wereld, "# Eigen tekst")

    hersteld = sjablonen.sjabloon_herstellen(door=None, lsc=wereld.lsc, soort="leidraad", versie=0)

    assert hersteld.versie == 2 and hersteld.tekst == sjablonen.standaard_tekst("leidraad")


def test_een_versie_van_een_ander_lsc_bestaat_niet(wereld):
    ander = wereld.vreemde_ondersteuner.lsc
    sjablonen.sjabloon_bewaren(door=None, lsc=ander, soort="leidraad", titel="Ander", tekst="# Ander")

    with pytest.raises(Sjabloon.DoesNotExist):
        sjablonen.sjabloon_herstellen(door=None, lsc=wereld.lsc, soort="leidraad", versie=1)
    assert sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort="leidraad").versie == 0


def test_een_logo_wordt_een_propere_kleine_png():
    groot = _beeld("JPEG", grootte=(2400, 800))

    png = sjablonen.logo_controleren(_upload(groot, "logo.jpg", "image/jpeg"))

    with Image.open(io.BytesIO(png)) as beeld:
        assert beeld.format == "PNG"
        assert beeld.size == (720, 240)


@pytest.mark.parametrize(
    ("gegevens", "naam", "melding"),
    [
        (_beeld("GIF"), "logo.gif", "Een logo moet een PNG- of JPEG-bestand zijn; dit is een GIF-bestand."),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.png", "geen afbeelding die we kunnen lezen"),
        (b"\x89PNG\r\n\x1a\nkapot", "logo.png", "geen afbeelding die we kunnen lezen"),
        (b"x" * (1024 * 1024 + 1), "logo.png", "Een logo mag hoogstens 1 MB zijn."),
    ],
)
def test_een_verkeerd_logo_wordt_geweigerd(gegevens, naam, melding):
    with pytest.raises(ValidationError) as fout:
        sjablonen.logo_controleren(_upload(gegevens, naam))

    assert melding in " ".join(fout.value.messages)


# The screens.


def test_de_lijst_toont_beide_sjablonen_en_het_logo(client, wereld, coordinator):
    _bewaar(wereld, "# Afspraken", soort="afspraken", titel="Onze afspraken")

    antwoord = client.get(reverse("sjabloon_lijst"))

    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Leidraad schoolbeeldoverleg" in inhoud and "De standaardtekst: nog niet aangepast." in inhoud
    assert "Onze afspraken" in inhoud and "Versie 1, bewaard op" in inhoud
    assert reverse("sjabloon_bewerken", args=["leidraad"]) in inhoud
    assert reverse("sjabloon_pdf", args=["afspraken"]) in inhoud
    assert "Nog geen logo" in inhoud


def test_bewerken_toont_tekst_voorbeeld_en_versies(client, wereld, coordinator):
    _bewaar(wereld, "# Oud\n- punt", titel="Oude leidraad")
    _bewaar(wereld, "# Doel\n**Samen** werken\n\n[trajecten]\n\n# Tweede moment", titel="Leidraad")

    antwoord = client.get(reverse("sjabloon_bewerken", args=["leidraad"]))

    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "# Doel\n**Samen** werken" in inhoud  # in the textarea, as typed
    assert "<h2>Doel</h2>" in inhoud and "<strong>Samen</strong>" in inhoud  # in the preview
    assert "Hier komt het overzicht van de aangemelde leersteuntrajecten" in inhoud
    assert "Versie 2" in inhoud and "geldt nu" in inhoud
    assert reverse("sjabloon_herstellen", args=["leidraad", 1]) in inhoud
    assert reverse("sjabloon_herstellen", args=["leidraad", 2]) not in inhoud  # the current one
    assert reverse("sjabloon_herstellen", args=["leidraad", 0]) in inhoud
    assert 'hx-post="{}"'.format(reverse("sjabloon_voorbeeld", args=["leidraad"])) in inhoud
    assert "style=" not in inhoud and "<script" not in inhoud.split("</head>")[1]


def test_bewaren_maakt_een_nieuwe_versie(client, wereld, coordinator):
    url = reverse("sjabloon_bewerken", args=["afspraken"])

    antwoord = client.post(
        url, {"titel": "Afspraken 2026", "tekst": "# Wie is partij\n- de school"}, follow=True
    )

    assert antwoord.redirect_chain == [(url, 302)]
    assert "Versie 1 bewaard." in antwoord.content.decode()
    sjabloon = Sjabloon.objects.get()
    assert (sjabloon.lsc, sjabloon.soort, sjabloon.titel, sjabloon.bewaard_door) == (
        wereld.lsc,
        "afspraken",
        "Afspraken 2026",
        coordinator,
    )
    nogmaals = client.post(
        url, {"titel": "Afspraken 2026", "tekst": "# Wie is partij\n- de school"}, follow=True
    )
    assert "Niets gewijzigd" in nogmaals.content.decode() and Sjabloon.objects.count() == 1


def test_bewaren_zonder_tekst_toont_de_fout_en_bewaart_niets(client, wereld, coordinator):
    antwoord = client.post(
        reverse("sjabloon_bewerken", args=["leidraad"]), {"titel": "Leidraad", "tekst": "  "}
    )

    assert antwoord.status_code == 200
    assert "De tekst is leeg." in antwoord.content.decode()
    assert not Sjabloon.objects.exists()


def test_het_voorbeeld_via_htmx_is_alleen_het_voorbeeld(client, wereld, coordinator):
    antwoord = client.post(
        reverse("sjabloon_voorbeeld", args=["afspraken"]),
        {"titel": "x", "tekst": "# Kop\n<script>alert(1)</script> **vet**"},
        **HTMX,
    )

    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert inhoud.strip().startswith('<div id="voorbeeld"') and "<html" not in inhoud
    assert "<h2>Kop</h2>" in inhoud and "<strong>vet</strong>" in inhoud
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inhoud and "<script>" not in inhoud
    assert not Sjabloon.objects.exists()


def test_het_voorbeeld_zonder_javascript_toont_de_hele_pagina(client, wereld, coordinator):
    antwoord = client.post(
        reverse("sjabloon_voorbeeld", args=["leidraad"]), {"titel": "Mijn titel", "tekst": "# Nieuwe kop"}
    )

    inhoud = antwoord.content.decode()
    assert "<html" in inhoud and "<h2>Nieuwe kop</h2>" in inhoud
    assert 'value="Mijn titel"' in inhoud and ">\n# Nieuwe kop</textarea>" in inhoud
    assert not Sjabloon.objects.exists()


def test_terugzetten_via_het_scherm(client, wereld, coordinator):
    _bewaar(wereld, "# Een", titel="Een")
    _bewaar(wereld, "# Twee", titel="Twee")
    url = reverse("sjabloon_herstellen", args=["leidraad", 1])

    assert client.get(url).status_code == 405
    antwoord = client.post(url, follow=True)

    assert "Versie 1 is teruggezet als versie 3." in antwoord.content.decode()
    assert sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort="leidraad").titel == "Een"
    assert client.post(reverse("sjabloon_herstellen", args=["leidraad", 9])).status_code == 404
    standaard = client.post(reverse("sjabloon_herstellen", args=["leidraad", 0]), follow=True)
    assert "De standaardtekst is teruggezet als versie 4." in standaard.content.decode()


def test_de_pdf_van_het_sjabloon(client, wereld, coordinator):
    _bewaar(wereld, "# Onze eigen afspraak\nMet de school.", soort="afspraken", titel="Afspraken LSC Eigen")

    antwoord = client.get(reverse("sjabloon_pdf", args=["afspraken"]))

    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"].startswith("inline;")
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    for verwacht in [
        "Afspraken LSC Eigen",
        "Onze eigen afspraak",
        "Voorbeeldschool",
        "LSC Eigen",
        "pagina 1 van 1",
    ]:
        assert verwacht in tekst, verwacht


def test_een_onbekende_soort_bestaat_niet(client, wereld, coordinator):
    assert client.get(reverse("sjabloon_bewerken", args=["verslag"])).status_code == 404
    assert client.get(reverse("sjabloon_pdf", args=["iets"])).status_code == 404


def test_logo_opladen(client, wereld, coordinator):
    antwoord = client.post(reverse("lsc_logo"), {"logo": _upload(_beeld())}, follow=True)

    wereld.lsc.refresh_from_db()
    assert antwoord.redirect_chain == [(reverse("sjabloon_lijst"), 302)]
    assert "Het logo is bewaard." in antwoord.content.decode()
    assert 'src="data:image/png;base64,' in antwoord.content.decode()
    assert wereld.lsc.logo.name.startswith("logos/lsc-")
    assert Wijziging.objects.filter(actie="overleg.logo.bewaard", object_id=wereld.lsc.pk).exists()

    weg = client.post(reverse("lsc_logo"), {"verwijderen": "1"}, follow=True)
    wereld.lsc.refresh_from_db()
    assert "Het logo is verwijderd" in weg.content.decode() and not wereld.lsc.logo


@pytest.mark.parametrize(
    ("bestand", "melding"),
    [
        (_upload(_beeld("GIF"), "logo.gif", "image/gif"), "Een logo moet een PNG- of JPEG-bestand zijn"),
        (_upload(b"%PDF-1.7 niet echt", "logo.png"), "Dit bestand is geen afbeelding die we kunnen lezen."),
        (_upload(b"\0" * (1024 * 1024 + 10), "logo.png"), "Een logo mag hoogstens 1 MB zijn."),
    ],
    ids=["gif", "geen-beeld", "te-groot"],
)
def test_een_verkeerd_logo_opladen_toont_een_duidelijke_fout(client, wereld, coordinator, bestand, melding):
    bestand.seek(0)

    antwoord = client.post(reverse("lsc_logo"), {"logo": bestand})

    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    wereld.lsc.refresh_from_db()
    assert not wereld.lsc.logo


def test_logo_zonder_bestand(client, wereld, coordinator):
    antwoord = client.post(reverse("lsc_logo"), {})

    assert antwoord.status_code == 200 and "Dit veld is verplicht." in antwoord.content.decode()


def test_de_directeur_mag_ook(client, wereld):
    client.force_login(wereld.gebruikers[Rol.DIRECTEUR])

    assert client.get(reverse("sjabloon_lijst")).status_code == 200
    assert (
        client.post(
            reverse("sjabloon_bewerken", args=["leidraad"]), {"titel": "T", "tekst": "# X"}
        ).status_code
        == 302
    )
    assert Sjabloon.objects.get().bewaard_door == wereld.gebruikers[Rol.DIRECTEUR]


ANDERE_ROLLEN = [Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB, Rol.ADMIN]


def _urls():
    return [
        ("get", reverse("sjabloon_lijst")),
        ("get", reverse("sjabloon_bewerken", args=["leidraad"])),
        ("post", reverse("sjabloon_bewerken", args=["leidraad"])),
        ("post", reverse("sjabloon_voorbeeld", args=["leidraad"])),
        ("post", reverse("sjabloon_herstellen", args=["leidraad", 0])),
        ("get", reverse("sjabloon_pdf", args=["leidraad"])),
        ("get", reverse("lsc_logo")),
        ("post", reverse("lsc_logo")),
    ]


@pytest.mark.parametrize("rol", ANDERE_ROLLEN)
def test_andere_rollen_vinden_deze_paginas_niet(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])

    for methode, url in _urls():
        antwoord = getattr(client, methode)(url, {"titel": "T", "tekst": "# X", "verwijderen": "1"})
        assert antwoord.status_code == 404, (rol, methode, url, antwoord.status_code)
    assert not Sjabloon.objects.exists()


def test_de_coordinator_van_een_ander_lsc_ziet_en_wijzigt_alleen_het_zijne(client, wereld):
    ander = wereld.vreemde_ondersteuner.lsc
    vreemde = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=ander)
    _bewaar(wereld, "# Geheim van LSC Eigen", titel="Eigen leidraad")
    client.force_login(vreemde)

    lijst = client.get(reverse("sjabloon_lijst")).content.decode()
    bewerken = client.get(reverse("sjabloon_bewerken", args=["leidraad"])).content.decode()
    terugzetten = client.post(reverse("sjabloon_herstellen", args=["leidraad", 1]))
    client.post(reverse("sjabloon_bewerken", args=["leidraad"]), {"titel": "Ander", "tekst": "# Ander"})

    assert "Eigen leidraad" not in lijst and "Geheim van LSC Eigen" not in bewerken
    assert terugzetten.status_code == 404
    assert sjablonen.huidig_sjabloon(lsc=wereld.lsc, soort="leidraad").titel == "Eigen leidraad"
    assert sjablonen.huidig_sjabloon(lsc=ander, soort="leidraad").titel == "Ander"


def test_niet_aangemeld_naar_de_aanmelding(client, wereld):
    antwoord = client.get(reverse("sjabloon_lijst"))

    assert antwoord.status_code == 302 and "/account/login/" in antwoord["Location"]


def test_het_aantal_queries_hangt_niet_af_van_het_aantal_versies(client, wereld, coordinator):
    _bewaar(wereld, "# 1")
    lijst_een = aantal_queries(client, reverse("sjabloon_lijst"))
    bewerken_een = aantal_queries(client, reverse("sjabloon_bewerken", args=["leidraad"]))
    for i in range(2, 12):
        _bewaar(wereld, f"# {i}")

    assert aantal_queries(client, reverse("sjabloon_lijst")) == lijst_een
    assert aantal_queries(client, reverse("sjabloon_bewerken", args=["leidraad"])) == bewerken_een
    assert bewerken_een <= 8
