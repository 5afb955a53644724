"""The closing answers for the LSC's policy: figures recomputed from the rows, quotes without a pupil.

Per school and school year: the trajectories closed in the year, the closing questionnaires sent and the
ones answered, and the answers as quotes; never a pupil's name or class. The CSV holds exactly the rows of
the screen. The coordination reads the whole LSC, a team coach their regio teams' schools, nobody else.
"""

import csv
import datetime as dt
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from overleg.models import Afsluitsuggestie
from tests import factories
from tests.support.werelden import lopend_traject
from trajecten import privacy, services
from trajecten.models import Afsluitvraag, Status, Traject


def _afgerond(lsc, school, *, op: dt.date, vraag: bool = True, antwoorden: tuple[str, str] | None = None):
    traject = factories.TrajectFactory(lsc=lsc, school=school, status=Status.AFGEROND, afgesloten_op=op)
    if vraag:
        Afsluitvraag.objects.create(
            traject=traject,
            sleutel_hash=uuid.uuid4().hex,
            verloopt_op=timezone.now() + dt.timedelta(days=30),
            beantwoord_op=timezone.now() if antwoorden else None,
            wat_neem_je_mee=antwoorden[0] if antwoorden else "",
            waar_liggen_kansen=antwoorden[1] if antwoorden else "",
        )
    return traject


@pytest.fixture
def afsluitingen(wereld):
    jaar = huidig_schooljaar()
    dit_jaar = dt.date(jaar, 10, 1)
    tweede = factories.SchoolFactory(naam="School Twee")
    factories.BedieningFactory(lsc=wereld.lsc, school=tweede)  # no regio team: not the coach's
    eerste = _afgerond(
        wereld.lsc,
        wereld.eigen_school,
        op=dit_jaar,
        antwoorden=("Rustmomenten in de klas werken.", "Meer samen met het CLB."),
    )
    eerste.leerling.voornaam, eerste.leerling.klas = "Zoëlla", "3C"
    eerste.leerling.save()
    _afgerond(wereld.lsc, wereld.eigen_school, op=dit_jaar, antwoorden=("Een vaste structuur.", ""))
    _afgerond(wereld.lsc, wereld.eigen_school, op=dit_jaar)  # sent, not answered
    _afgerond(wereld.lsc, wereld.eigen_school, op=dit_jaar, vraag=False)
    _afgerond(wereld.lsc, wereld.eigen_school, op=dt.date(jaar - 1, 10, 1), antwoorden=("Vorig jaar", ""))
    _afgerond(wereld.lsc, tweede, op=dit_jaar, antwoorden=("Team-aanpak", "Ouders betrekken"))
    _afgerond(
        wereld.vreemde_ondersteuner.lsc,
        wereld.vreemde_school,
        op=dit_jaar,
        antwoorden=("Geheim van een ander LSC", ""),
    )
    return wereld, eerste.leerling, tweede


def _cijfers_uit_rijen(lsc, school, jaar):
    trajecten = Traject.objects.filter(
        lsc=lsc,
        school=school,
        status=Status.AFGEROND,
        afgesloten_op__range=(dt.date(jaar, 9, 1), dt.date(jaar + 1, 8, 31)),
    )
    vragen = Afsluitvraag.objects.filter(traject__in=trajecten)
    return [trajecten.count(), vragen.count(), vragen.filter(beantwoord_op__isnull=False).count()]


def _csv(antwoord) -> list[list[str]]:
    return list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_cijfers_per_school_herberekend_uit_de_rijen_en_citaten_zonder_leerling(client, afsluitingen):
    wereld, leerling, tweede = afsluitingen
    jaar = huidig_schooljaar()
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("afsluit_samenvatting"), {"schooljaar": jaar})
    rijen = antwoord.context["rijen"]
    assert [r.school for r in rijen] == ["School Eigen", "School Twee"]
    assert [rijen[0].afgerond, rijen[0].verstuurd, rijen[0].beantwoord] == _cijfers_uit_rijen(
        wereld.lsc, wereld.eigen_school, jaar
    )
    assert [rijen[0].afgerond, rijen[0].verstuurd, rijen[0].beantwoord] == [4, 3, 2]
    assert [rijen[1].afgerond, rijen[1].verstuurd, rijen[1].beantwoord] == _cijfers_uit_rijen(
        wereld.lsc, tweede, jaar
    )
    pagina = antwoord.content.decode()
    assert "Rustmomenten in de klas werken." in pagina and "Meer samen met het CLB." in pagina
    assert "Vorig jaar" not in pagina and "Geheim van een ander LSC" not in pagina
    assert leerling.voornaam not in pagina and "3C" not in pagina
    assert f"/trajecten/{leerling.trajecten.get().pk}/" not in pagina

    export = client.get(reverse("afsluit_samenvatting_export"), {"schooljaar": jaar})
    tabel = _csv(export)
    assert tabel[0][:5] == [
        "Schooljaar",
        "School",
        "Afgeronde trajecten",
        "Afsluitvragen verstuurd",
        "Afsluitvragen beantwoord",
    ]
    cijfers = [r for r in tabel[1:] if r[2]]
    assert [[r[1], int(r[2]), int(r[3]), int(r[4])] for r in cijfers] == [
        [r.school, r.afgerond, r.verstuurd, r.beantwoord] for r in rijen
    ]
    citaten = [(r[1], r[5], r[6]) for r in tabel[1:] if r[6]]
    assert citaten == [(r.school, v, t) for r in rijen for v, t in r.citaten]
    assert all(r[0] == als_tekst(jaar) for r in tabel[1:])
    assert leerling.voornaam not in export.content.decode() and "3C" not in export.content.decode()


@pytest.mark.django_db
def test_vorig_schooljaar_apart(client, afsluitingen):
    wereld, _leerling, _tweede = afsluitingen
    client.force_login(wereld.gebruikers[Rol.DIRECTEUR])
    antwoord = client.get(reverse("afsluit_samenvatting"), {"schooljaar": huidig_schooljaar() - 1})
    (rij,) = antwoord.context["rijen"]
    assert (rij.school, rij.afgerond, rij.beantwoord) == ("School Eigen", 1, 1)
    assert rij.citaten == [("Wat neem je als school mee?", "Vorig jaar")]


@pytest.mark.django_db
def test_teamcoach_ziet_enkel_de_scholen_van_zijn_regioteams(client, afsluitingen):
    wereld, _leerling, _tweede = afsluitingen
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    antwoord = client.get(reverse("afsluit_samenvatting"))
    assert [r.school for r in antwoord.context["rijen"]] == ["School Eigen"]
    assert "Team-aanpak" not in antwoord.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_andere_rollen_lezen_de_samenvatting_niet(client, afsluitingen, rol):
    wereld, _leerling, _tweede = afsluitingen
    client.force_login(wereld.gebruikers[rol])
    assert client.get(reverse("afsluit_samenvatting")).status_code == 403
    assert client.get(reverse("afsluit_samenvatting_export")).status_code == 403


@pytest.mark.django_db
def test_de_school_geeft_vrije_suggesties_met_haar_antwoorden_en_ze_verdwijnen_met_de_leerling(
    client, wereld
):
    """The free suggestions are a third field on the school's one-time form: saved with the answers, shown
    as quotes in the summary and its CSV, and anonymised with the pupil at the end of retention."""
    traject = lopend_traject(wereld)
    _traject, sleutel = services.traject_afronden(door=wereld.gebruikers[Rol.COORDINATOR], traject=traject)
    url = reverse("afsluitvragen", args=[sleutel])
    assert "Suggesties voor het leersteuncentrum" in client.get(url).content.decode()
    antwoord = client.post(
        url, {"wat_neem_je_mee": "Rust", "waar_liggen_kansen": "", "suggesties": "Vaker samen met het team."}
    )
    assert antwoord.status_code == 302
    assert Afsluitsuggestie.objects.get(traject=traject).tekst == "Vaker samen met het team."

    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    (rij,) = client.get(reverse("afsluit_samenvatting")).context["rijen"]
    assert ("Suggesties voor het leersteuncentrum", "Vaker samen met het team.") in rij.citaten
    tabel = _csv(client.get(reverse("afsluit_samenvatting_export")))
    assert ["Suggesties voor het leersteuncentrum", "Vaker samen met het team."] in [r[5:] for r in tabel]
    assert traject.leerling.voornaam not in str(tabel)
    # The pupil's file holds it too: everything kept about the pupil's trajectories.
    dossier = client.get(reverse("leerling_dossier", args=[traject.leerling_id]))
    assert "Vaker samen met het team." in dossier.content.decode()

    assert privacy.bewaartermijn_toepassen(vandaag=dt.date(huidig_schooljaar() + 4, 9, 1)) == 1
    assert Afsluitsuggestie.objects.get(traject=traject).tekst == "[geanonimiseerd]"
    (rij,) = client.get(reverse("afsluit_samenvatting")).context["rijen"]
    assert (rij.afgerond, rij.beantwoord, rij.citaten) == (1, 1, [])  # the figures stay, the words go
