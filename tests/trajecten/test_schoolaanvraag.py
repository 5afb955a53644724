"""The school submits its own requests (issue 19): care staff register a request with the report it rests on
and the parents' agreement, it goes to the LSC serving the school for the type and lands in the anchor's
answer register, a duplicate is warned about, the school follows the status in its own words and hears of
changes by mail, and its PDF attachment is checked, kept privately and handed only to who reads the request.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from honingraat.celery import app
from netwerk.models import Leersteuncentrum, Rol
from scholen.models import Bevestiging
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.werelden import KLEINE_PDF
from trajecten import aanvragen, privacy, services
from trajecten.models import Schoolaanvraag, Status, Toewijzing, Traject
from trajecten.queries import achterstallig, trajecten_zichtbaar_voor

VANDAAG = timezone.localdate()


@pytest.fixture(autouse=True)
def _bijlagen(settings, tmp_path):
    settings.HONINGRAAT_BIJLAGEN_ROOT = tmp_path / "bijlagen"
    return settings.HONINGRAAT_BIJLAGEN_ROOT


@pytest.fixture
def ter_plaatse():
    """The mail tasks run in the test's process, so their mails land in mail.outbox."""
    vorige = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = vorige


def _formulier(**extra) -> dict:
    """A pupil-bound request of type 9 resting on a GC-verslag, with the parents' agreement."""
    return {
        "gebondenheid": "leerling",
        "voornaam": "Noor",
        "initiaal": "D",
        "geboortejaar": "2017",
        "klas": "3A",
        "verslag": "gc",
        "verslag_datum": (VANDAAG - dt.timedelta(days=100)).isoformat(),
        "verslag_bewaarplaats": "zorgdossier, secretariaat",
        "type": "9",
        "fase": "2",
        "vraag_leerkracht": "Hoe help ik haar bij overgangen in de klas?",
        "vraag_leerling_ouders": "De ouders vragen rust voor haar in de klas.",
        "ouders_akkoord": "on",
        "ouders_wie": "beide ouders",
        "ouders_op": (VANDAAG - dt.timedelta(days=3)).isoformat(),
        "ouders_hoe": "gesprek",
        "bevestigd": "on",
        **extra,
    }


def _indienen(client, wereld, **extra):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    return client.post(reverse("aanvraag_nieuw", args=[wereld.eigen_school.pk]), _formulier(**extra))


def _specifiek_lsc(wereld, *, bevestigd: bool = True) -> Leersteuncentrum:
    specifiek = factories.LscFactory(naam="SLSC 467", soort=Leersteuncentrum.Soort.SPECIFIEK)
    factories.BedieningFactory(lsc=specifiek, school=wereld.eigen_school)
    if bevestigd:
        Bevestiging.objects.create(
            gebruiker=wereld.gebruikers[Rol.ZORG],
            school=wereld.eigen_school,
            lsc=specifiek,
            bron=Bevestiging.Bron.BELEID,
        )
    return specifiek


# ------------------------------------------------------------------------------------------ submitting


@pytest.mark.django_db
def test_zorgcoordinator_dient_een_aanvraag_in_die_bij_het_anker_landt(
    client, wereld, ter_plaatse, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = _indienen(client, wereld)
    traject = Traject.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"].endswith(f"/school/{wereld.eigen_school.pk}/aanvragen/#aanvraag-{traject.pk}")
    assert (traject.lsc, traject.school, traject.status) == (
        wereld.lsc,
        wereld.eigen_school,
        Status.AANGEMELD,
    )
    assert traject.leerling.voornaam == "Noor" and traject.leerling.verslag == "gc"
    aanvraag = traject.schoolaanvraag
    assert aanvraag.ingediend_door == wereld.gebruikers[Rol.ZORG]
    assert (aanvraag.verslag, aanvraag.verslag_bewaarplaats) == ("gc", "zorgdossier, secretariaat")
    assert aanvraag.verslag_datum == VANDAAG - dt.timedelta(days=100)
    # The parents' agreement: who, when, how.
    assert aanvraag.ouders_akkoord and aanvraag.ouders_wie == "beide ouders"
    assert (aanvraag.ouders_op, aanvraag.ouders_hoe) == (VANDAAG - dt.timedelta(days=3), "gesprek")
    assert aanvraag.bevestigd
    # It lands with the school's anchor: assigned, in their trajectories, late after the LSC's answer term.
    assert list(Toewijzing.objects.filter(traject=traject).values_list("ondersteuner", "rol")) == [
        (wereld.anker.pk, "anker")
    ]
    assert traject in trajecten_zichtbaar_voor(wereld.anker.gebruiker)
    termijn = wereld.lsc.antwoordtermijn_dagen
    assert aanvragen.antwoord_uiterlijk(traject) == VANDAAG + dt.timedelta(days=termijn)
    assert not achterstallig(Traject.objects.all()).exists()
    assert (
        achterstallig(Traject.objects.all(), vandaag=VANDAAG + dt.timedelta(days=termijn + 1)).get()
        == traject
    )
    # The anchor hears of it by mail, without the pupil's name.
    [bericht] = mail.outbox
    assert bericht.to == [wereld.anker.gebruiker.email] and "Nieuwe aanmelding" in bericht.subject
    assert "Noor" not in bericht.body + bericht.subject


@pytest.mark.django_db
def test_leerkrachtgebonden_aanvraag_zonder_verslag_en_zonder_ouders(client, wereld):
    velden = _formulier(gebondenheid="leerkracht", groep="3de leerjaar", type="3")
    for naam in (
        "vraag_leerling_ouders",
        "voornaam",
        "initiaal",
        "geboortejaar",
        "klas",
        "verslag",
        "verslag_datum",
        "ouders_akkoord",
    ):
        velden.pop(naam)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.post(reverse("aanvraag_nieuw", args=[wereld.eigen_school.pk]), velden)
    assert antwoord.status_code == 302
    traject = Traject.objects.get()
    assert traject.leerling is None and traject.groep == "3de leerjaar"
    assert traject.schoolaanvraag.verslag == "" and not traject.schoolaanvraag.ouders_akkoord


# ------------------------------------------------------------------------------------------ entitlement


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("wijziging", "veld", "melding"),
    [
        ({"verslag_datum": ""}, "verslag_datum", "Vul de datum van het verslag in."),
        ({"verslag_bewaarplaats": ""}, "verslag_bewaarplaats", "Vul in waar de school het verslag bewaart."),
        ({"verslag": ""}, "verslag", "Vul dit in voor een leerlinggebonden traject."),
        (
            {"verslag": "gv", "verslag_datum": "2024-02-01"},
            "verslag",
            "Een gemotiveerd verslag of verslag is van vóór 1 september 2023",
        ),
        (
            {"verslag_datum": (VANDAAG + dt.timedelta(days=1)).isoformat()},
            "verslag_datum",
            "De datum van het verslag ligt in de toekomst.",
        ),
        ({"ouders_akkoord": ""}, "ouders_akkoord", "gebeurt met het akkoord van de ouders"),
        ({"vraag_leerling_ouders": " "}, "vraag_leerling_ouders", "ook de vraag van de leerling"),
        ({"ouders_wie": ""}, "ouders_wie", "Vul in wie, wanneer en hoe de ouders akkoord gingen."),
        ({"bevestigd": ""}, "bevestigd", "Bevestig dat de gegevens kloppen"),
    ],
)
def test_recht_wordt_nagegaan_en_niets_bewaard(client, wereld, wijziging, veld, melding):
    antwoord = _indienen(client, wereld, **wijziging)
    assert antwoord.status_code == 200
    fouten = antwoord.context["formulier"].errors
    assert any(melding in fout for fout in fouten.get(veld, [])), fouten
    assert Traject.objects.count() == Schoolaanvraag.objects.count() == 0
    # What was typed stays in the form.
    assert antwoord.context["formulier"]["vraag_leerkracht"].value() == _formulier()["vraag_leerkracht"]


@pytest.mark.django_db
def test_oud_verslag_van_voor_2023_wordt_aanvaard(client, wereld):
    assert _indienen(client, wereld, verslag="gv", verslag_datum="2021-05-10").status_code == 302
    assert Traject.objects.get().leerling.verslag == "gv"


@pytest.mark.django_db
def test_klein_type_gaat_naar_het_specifieke_lsc_en_het_formulier_zegt_het(client, wereld):
    specifiek = _specifiek_lsc(wereld)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    pagina = client.get(reverse("aanvraag_nieuw", args=[wereld.eigen_school.pk])).content.decode()
    assert "De types 4, 6 en 7 gaan naar SLSC 467 (specifiek leersteuncentrum)." in pagina
    assert "Basisaanbod en de types 2, 3 en 9 gaan naar LSC Eigen (algemeen leersteuncentrum)." in pagina

    assert _indienen(client, wereld, type="6", verslag="iac", fase="3").status_code == 302
    assert Traject.objects.get(type="6").lsc == specifiek
    # Type 2 is a small type that the general LSC serves; the broad types go there too.
    assert _indienen(client, wereld, type="2", voornaam="Lien", verslag="ov4").status_code == 302
    assert Traject.objects.get(type="2").lsc == wereld.lsc


@pytest.mark.django_db
def test_lsc_dat_de_zorgcoordinator_niet_bevestigde_weigert(client, wereld):
    _specifiek_lsc(wereld, bevestigd=False)
    antwoord = _indienen(client, wereld, type="4", verslag="iac")
    assert antwoord.status_code == 200
    assert "SLSC 467 heeft je account voor School Eigen nog niet bevestigd" in antwoord.content.decode()
    assert not Traject.objects.exists()


@pytest.mark.django_db
def test_zonder_specifiek_lsc_gaat_een_klein_type_naar_het_algemene(client, wereld):
    assert _indienen(client, wereld, type="7", verslag="iac").status_code == 302
    assert Traject.objects.get().lsc == wereld.lsc


@pytest.mark.django_db
def test_zorgcoordinator_van_een_andere_school_kan_niet_aanvragen(client, wereld):
    ander = factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
    factories.in_zorgteam(wereld.vreemde_school, ander)
    client.force_login(ander)
    assert (
        client.post(reverse("aanvraag_nieuw", args=[wereld.eigen_school.pk]), _formulier()).status_code == 404
    )
    assert not Traject.objects.exists()


# ------------------------------------------------------------------------------------------- duplicates


@pytest.mark.django_db
def test_dubbele_aanvraag_geeft_eerst_een_waarschuwing(client, wereld):
    assert _indienen(client, wereld).status_code == 302
    eerste = Traject.objects.get()
    # The same pupil, typed a little differently: a warning that names the open request, nothing saved.
    antwoord = _indienen(client, wereld, voornaam="noor", initiaal="d.", klas="3a")
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "Er staat al een aanvraag open voor deze leerling" in pagina
    assert f"Aanvraag {eerste.pk} van" in pagina and "Ontvangen" in pagina
    assert Traject.objects.count() == 1
    # Confirmed: saved.
    assert _indienen(client, wereld, voornaam="noor", toch_indienen="on").status_code == 302
    assert Traject.objects.count() == 2


@pytest.mark.django_db
def test_dubbel_bij_een_ander_lsc_toont_geen_details(client, wereld):
    specifiek = _specifiek_lsc(wereld, bevestigd=False)
    factories.TrajectFactory(
        lsc=specifiek,
        school=wereld.eigen_school,
        leerling=factories.LeerlingFactory(
            school=wereld.eigen_school, voornaam="Noor", initiaal="D", klas="3A"
        ),
        antwoord="Geheim antwoord van het andere LSC",
    )
    antwoord = _indienen(client, wereld)
    pagina = antwoord.content.decode()
    assert "Een open aanvraag die je niet kan inzien" in pagina
    assert "SLSC 467" not in pagina.split('id="dubbel"')[1].split("</div>")[0]
    assert "Geheim antwoord" not in pagina


@pytest.mark.django_db
def test_afgesloten_aanvraag_is_geen_dubbel(client, wereld):
    factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        status=Status.AFGEROND,
        leerling=factories.LeerlingFactory(
            school=wereld.eigen_school, voornaam="Noor", initiaal="D", klas="3A"
        ),
    )
    assert _indienen(client, wereld).status_code == 302


# ------------------------------------------------------------------------------- status in the school's words


@pytest.mark.django_db
def test_de_school_volgt_de_stand_in_haar_woorden_en_krijgt_mail(
    client, wereld, ter_plaatse, django_capture_on_commit_callbacks
):
    _indienen(client, wereld)
    traject = Traject.objects.get()
    zorg, anker = wereld.gebruikers[Rol.ZORG], wereld.anker.gebruiker
    lijst = reverse("school_aanvragen", args=[wereld.eigen_school.pk])
    uiterlijk = aanvragen.antwoord_uiterlijk(traject)

    def kaart() -> str:
        client.force_login(zorg)
        pagina = client.get(lijst).content.decode()
        return pagina.split(f'id="aanvraag-{traject.pk}"')[1].split("</article>")[0]

    assert "Ontvangen" in kaart() and f"antwoordt uiterlijk op {uiterlijk.day} " in kaart()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.antwoord_geven(door=anker, traject=traject, antwoord="We plannen een intake op school.")
    assert "Beantwoord" in kaart() and "We plannen een intake op school." in kaart()
    assert "in behandeling" in kaart()

    with django_capture_on_commit_callbacks(execute=True):
        services.traject_starten(
            door=anker, traject=traject, start=VANDAAG, geplande_einde=None, doelen=["Rust bij overgangen"]
        )
    assert "Gestart" in kaart()
    with django_capture_on_commit_callbacks(execute=True):
        services.traject_stopzetten(door=anker, traject=traject, reden="De leerling verhuist.")
    assert "Afgerond (stopgezet)" in kaart()

    # Each change mailed the school's care staff a link to its request list; no pupil name in any of them.
    onderwerpen = [bericht.subject for bericht in mail.outbox if bericht.to == [zorg.email]]
    assert onderwerpen == [
        "[Honingraat] Antwoord op een aanmelding van School Eigen",
        "[Honingraat] Een aanvraag van School Eigen is gestart",
        "[Honingraat] Een aanvraag van School Eigen is stopgezet",
    ]
    for bericht in mail.outbox:
        assert f"{settings.SITE_URL}{lijst}#aanvraag-{traject.pk}" in bericht.body
        assert "Noor" not in bericht.body + bericht.subject and "3A" not in bericht.body


@pytest.mark.django_db
def test_lijst_toont_enkel_de_eigen_school_en_de_bevestigde_lscs(client, wereld_met_trajecten):
    wereld = wereld_met_trajecten
    specifiek = _specifiek_lsc(wereld, bevestigd=False)
    factories.TrajectFactory(lsc=specifiek, school=wereld.eigen_school, groep="Niet bevestigd")
    client.force_login(wereld.gebruikers[Rol.ZORG])
    pagina = client.get(reverse("school_aanvragen", args=[wereld.eigen_school.pk])).content.decode()
    # Recomputed from the stored rows: the care staff's own trajectories, one card each.
    verwacht = trajecten_zichtbaar_voor(wereld.gebruikers[Rol.ZORG]).filter(school=wereld.eigen_school)
    assert pagina.count('class="kaart schoolaanvraag"') == verwacht.count() == 1
    assert f'id="aanvraag-{wereld.eigen_traject.pk}"' in pagina
    assert f'id="aanvraag-{wereld.vreemd_traject.pk}"' not in pagina


@pytest.mark.django_db
def test_lijst_queries_groeien_niet(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    url = reverse("school_aanvragen", args=[wereld.eigen_school.pk])
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
    bij_een = aantal_queries(client, url)
    for _ in range(2):
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
        Schoolaanvraag.objects.create(traject=traject, bevestigd=True, bijlage="aanvragen/x.pdf")
    assert bij_een == aantal_queries(client, url)


# ------------------------------------------------------------------------------------------- attachment


def _pdf(naam: str = "verslag.pdf", inhoud: bytes = KLEINE_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


def _bestanden(map_: Path) -> list[Path]:
    return [p for p in map_.rglob("*") if p.is_file()] if map_.exists() else []


@pytest.mark.django_db
def test_bijlage_wordt_prive_bewaard_en_enkel_als_download_gegeven(client, wereld, _bijlagen):
    antwoord = _indienen(client, wereld, bijlage=_pdf("Noor D verslag.pdf"))
    assert antwoord.status_code == 302
    traject = Traject.objects.get()
    aanvraag = traject.schoolaanvraag
    [bestand] = _bestanden(_bijlagen)
    assert bestand.read_bytes() == KLEINE_PDF and aanvraag.bijlage_grootte == len(KLEINE_PDF)
    # Not under MEDIA_ROOT, no URL of its own, and neither the path nor the download names the pupil.
    assert not str(bestand).startswith(str(settings.MEDIA_ROOT))
    assert "Noor" not in aanvraag.bijlage.name and aanvraag.bijlage.name.startswith("aanvragen/")
    with pytest.raises(ValueError):
        aanvraag.bijlage.url  # noqa: B018
    download = client.get(reverse("aanvraag_bijlage", args=[traject.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="aanvraag-{traject.pk}.pdf"'
    assert b"".join(download.streaming_content) == KLEINE_PDF
    assert f"/trajecten/{traject.pk}/bijlage/" == reverse("aanvraag_bijlage", args=[traject.pk])


@pytest.mark.django_db
def test_bijlage_niet_voor_andere_scholen_clb_of_andere_lscs(client, wereld):
    _indienen(client, wereld, bijlage=_pdf())
    traject = Traject.objects.get()
    url = reverse("aanvraag_bijlage", args=[traject.pk])
    andere_zorg = factories.in_zorgteam(
        wereld.vreemde_school, factories.GebruikerFactory(rol=Rol.ZORG, lsc=None)
    )
    ander_lsc = factories.GebruikerFactory(rol=Rol.COORDINATOR, lsc=wereld.vreemde_ondersteuner.lsc)
    for gebruiker in (
        andere_zorg,
        wereld.gebruikers[Rol.CLB],
        ander_lsc,
        wereld.vreemde_ondersteuner.gebruiker,
    ):
        client.force_login(gebruiker)
        assert client.get(url).status_code == 404, gebruiker.rol
    for gebruiker in (wereld.gebruikers[Rol.COORDINATOR], wereld.anker.gebruiker):
        client.force_login(gebruiker)
        assert client.get(url).status_code == 200, gebruiker.rol


def _slechte_bijlagen():
    te_groot = st.integers(min_value=1, max_value=4096).map(
        lambda extra: KLEINE_PDF[:-6] + b"\0" * (settings.HONINGRAAT_BIJLAGE_MAX_BYTES + extra) + b"%%EOF\n"
    )
    geen_pdf = st.binary(min_size=1, max_size=2048).filter(lambda b: not b.startswith(b"%PDF-"))
    return st.one_of(
        te_groot.map(lambda inhoud: ("te groot", inhoud)),
        geen_pdf.map(lambda inhoud: ("geen PDF", inhoud)),
        st.just(("geen PDF", b"PK\x03\x04 een zip met .pdf als naam")),
        st.just(("geen PDF", b"%PDF-1.7 afgebroken, zonder einde")),
    )


NAMEN = st.one_of(
    st.just("verslag.pdf"),
    st.just("../../etc/passwd.pdf"),
    st.just("..\\..\\windows\\verslag.pdf"),
    st.just("verslag\x00.exe.pdf"),
    st.text(min_size=1, max_size=80).map(lambda t: t + ".pdf"),
)


@pytest.mark.django_db
@hsettings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(slecht=_slechte_bijlagen(), naam=NAMEN)
def test_fuzz_slechte_bijlage_geeft_een_nederlandse_fout_en_bewaart_niets(
    client, wereld, _bijlagen, slecht, naam
):
    soort, inhoud = slecht
    antwoord = _indienen(client, wereld, bijlage=_pdf(naam, inhoud))
    assert antwoord.status_code == 200
    [fout] = antwoord.context["formulier"].errors["bijlage"]
    assert fout.startswith("Het bestand is te groot" if soort == "te groot" else "Dit bestand is geen PDF")
    assert not Traject.objects.exists() and not Schoolaanvraag.objects.exists()
    assert _bestanden(_bijlagen) == []


@pytest.mark.django_db
@hsettings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(naam=NAMEN)
def test_fuzz_goede_pdf_met_vreemde_naam_krijgt_een_veilige_naam(client, wereld, _bijlagen, naam):
    Traject.objects.all().delete()
    antwoord = _indienen(client, wereld, bijlage=_pdf(naam), toch_indienen="on")
    assert antwoord.status_code == 302, antwoord.context["formulier"].errors
    aanvraag = Schoolaanvraag.objects.get()
    assert aanvraag.bijlage.name.startswith("aanvragen/") and aanvraag.bijlage.name.endswith(".pdf")
    assert Path(aanvraag.bijlage.path).resolve().is_relative_to(Path(_bijlagen).resolve())
    assert naam not in aanvraag.bijlage.name
    aanvraag.bijlage.delete(save=False)
    aanvraag.delete()


@pytest.mark.django_db
def test_wissen_van_de_leerling_wist_de_bijlage_en_de_vrije_tekst(
    client, wereld, _bijlagen, django_capture_on_commit_callbacks
):
    _indienen(client, wereld, bijlage=_pdf())
    traject = Traject.objects.get()
    assert len(_bestanden(_bijlagen)) == 1
    verzoek = privacy.wissing_aanvragen(
        door=wereld.anker.gebruiker, leerling=traject.leerling, reden="Ouders"
    )
    with django_capture_on_commit_callbacks(execute=True):
        privacy.wissing_beslissen(door=wereld.gebruikers[Rol.COORDINATOR], verzoek=verzoek, goedkeuren=True)
    aanvraag = Schoolaanvraag.objects.get()
    assert (aanvraag.bijlage.name, aanvraag.bijlage_grootte) == ("", None)
    assert aanvraag.ouders_wie == aanvraag.verslag_bewaarplaats == privacy.GEANONIMISEERD
    assert _bestanden(_bijlagen) == []
    client.force_login(wereld.gebruikers[Rol.ZORG])
    assert client.get(reverse("aanvraag_bijlage", args=[traject.pk])).status_code == 404


@pytest.mark.django_db
def test_leerlingdossier_bevat_wat_de_school_vastlegde(client, wereld):
    _indienen(client, wereld, bijlage=_pdf())
    traject = Traject.objects.get()
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    dossier = client.get(reverse("leerling_dossier", args=[traject.leerling_id])).json()
    [rij] = dossier["trajecten"]
    assert rij["aanvraag_van_de_school"]["ouders_wie"] == "beide ouders"
    assert rij["aanvraag_van_de_school"]["verslag_bewaarplaats"] == "zorgdossier, secretariaat"
    assert rij["aanvraag_van_de_school"]["bijlage_bytes"] == len(KLEINE_PDF)
