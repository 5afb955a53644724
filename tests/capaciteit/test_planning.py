"""The coordinator's capacity planning: preview, publishing, moves, exports and who may open them."""

import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from capaciteit import queries, services
from capaciteit.forms import HerverdelingForm
from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.rekenen import opvolging
from capaciteit.rekenen.verdeling import Invoer, VerdelingFout, verdeel
from capaciteit.views import planning
from netwerk.models import Rol, Wijziging
from netwerk.schooljaar import huidig_schooljaar, schooljaar_grenzen
from scholen.models import School, Schooljaarcijfers
from tests import factories
from tests.support.capaciteit import JAAR, PLANNING, planning_queries, planningsnetwerk


def _instellingen(**anders) -> dict:
    return {
        "schooljaar": JAAR,
        "uren": 1000,
        "gewicht_leerlingen": 70,
        "venster_jaren": 6,
        "verslagsoorten": ["gc"],
        "referentiejaar": "",
        "eenheid": 1,
        "schoolweken": 36,
        **anders,
    }


def _verschuiving(van: int, naar: int, uren: int, reden: str) -> dict:
    """The move form's fields carry its prefix (the envelope form on the page has `uren` too)."""
    return {
        "herverdeling-van": van,
        "herverdeling-naar": naar,
        "herverdeling-uren": uren,
        "herverdeling-reden": reden,
    }


@pytest.fixture
def coordinator(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    return wereld.gebruikers[Rol.COORDINATOR]


def _publiceer(client):
    return client.post(reverse("capaciteit_publiceren"), {"schooljaar": JAAR}, follow=True)


def _rijen() -> dict:
    return {model.__name__: model.objects.count() for model in (Envelop, Verdeling, Tijdskader, Wijziging)}


def test_een_jaar_zonder_envelop_bekijken_schrijft_niets(client, wereld, coordinator):
    """A GET writes nothing: the page says there is no envelope yet and offers the form that makes one."""
    Envelop.objects.filter(lsc=wereld.lsc, schooljaar=JAAR).delete()
    voor = _rijen()
    antwoord = client.get(PLANNING, {"schooljaar": JAAR})
    assert _rijen() == voor
    html = antwoord.content.decode()
    assert "Capaciteit 2026-2027" in html
    assert "Voor 2026-2027 is er nog geen envelop." in html
    assert 'action="/capaciteit/publiceren/"' not in html  # nothing to publish yet
    formulier = re.search(r'<form method="post" action="/capaciteit/".*?</form>', html, re.S)[0]
    assert '<input type="hidden" name="schooljaar" value="2026">' in formulier
    assert 'name="uren" value="0"' in formulier  # the defaults a new envelope starts from
    assert re.search(r'<input type="checkbox" name="verslagsoorten" value="gc"[^>]* checked', formulier)
    assert "Envelop aanmaken</button>" in formulier


def test_de_envelop_aanmaken_met_het_formulier(client, wereld, coordinator):
    planningsnetwerk(wereld)
    Envelop.objects.filter(lsc=wereld.lsc, schooljaar=JAAR).delete()
    antwoord = client.post(PLANNING, _instellingen(uren=900), follow=True)
    assert "De instellingen zijn bewaard" in antwoord.content.decode()
    envelop = Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR)
    assert (envelop.uren, envelop.verslagsoorten) == (900, ["gc"])
    assert Wijziging.objects.filter(actie="capaciteit.envelop.aangemaakt", object_id=envelop.pk).exists()


def test_ongeldige_instellingen_maken_geen_envelop(client, wereld, coordinator):
    Envelop.objects.filter(lsc=wereld.lsc, schooljaar=JAAR).delete()
    html = client.post(PLANNING, _instellingen(gewicht_leerlingen=150)).content.decode()
    assert "errorlist" in html and "Envelop aanmaken</button>" in html
    assert not Envelop.objects.filter(lsc=wereld.lsc, schooljaar=JAAR).exists()


def test_publiceren_zonder_envelop_maakt_er_geen(client, wereld, coordinator):
    Envelop.objects.filter(lsc=wereld.lsc, schooljaar=JAAR).delete()
    html = _publiceer(client).content.decode()
    assert "Voor 2026-2027 is er nog geen envelop" in html
    assert not Envelop.objects.filter(lsc=wereld.lsc, schooljaar=JAAR).exists()


def test_bewaren_toont_het_voorstel_met_uren_en_verschillen(client, wereld, coordinator):
    scholen = planningsnetwerk(wereld)
    antwoord = client.post(PLANNING, _instellingen(), follow=True)
    inhoud = antwoord.content.decode()
    assert "De instellingen zijn bewaard" in inhoud
    for school in scholen:
        assert school.naam in inhoud
    assert '<strong data-cijfer="uren">1000</strong>' in inhoud
    _publiceer(client)
    antwoord = client.post(PLANNING, _instellingen(uren=1200), HTTP_HX_REQUEST="true")
    inhoud = antwoord.content.decode()
    assert '<strong data-cijfer="uren">1200</strong>' in inhoud
    assert "verschil-meer" in inhoud and "+" in inhoud
    assert "<html" not in inhoud  # HTMX gets only the partial
    assert Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR).uren == 1200


def test_afleiden_uit_personeel(client, wereld, coordinator):
    planningsnetwerk(wereld)
    client.post(PLANNING, _instellingen(uren=0, uren_per_voltijdse=1000, afleiden="on"))
    assert Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR).uren == 1000  # one supporter at 100 %


def test_school_zonder_leerlingen_wordt_genoemd_en_er_komt_geen_versie(client, wereld, coordinator):
    planningsnetwerk(wereld)
    nieuw = factories.SchoolFactory(naam="Nieuwe School")
    factories.BedieningFactory(lsc=wereld.lsc, school=nieuw)
    antwoord = client.post(PLANNING, _instellingen(uren=900), follow=True)
    inhoud = antwoord.content.decode()
    assert "Geen leerlingenaantal voor het referentiejaar" in inhoud and "Nieuwe School" in inhoud
    assert Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR).uren == 900  # the settings are saved
    antwoord = _publiceer(client)
    assert "Nieuwe School" in antwoord.content.decode()
    assert not Verdeling.objects.exists()


def test_ongeldige_instellingen_tonen_fouten(client, wereld, coordinator):
    planningsnetwerk(wereld)
    antwoord = client.post(PLANNING, _instellingen(gewicht_leerlingen=150, verslagsoorten=[]))
    assert antwoord.status_code == 200
    assert "errorlist" in antwoord.content.decode()
    assert Envelop.objects.get(lsc=wereld.lsc, schooljaar=JAAR).gewicht_leerlingen == 70


def test_publiceren_maakt_versies_en_versie_1_blijft(client, wereld, coordinator):
    planningsnetwerk(wereld)
    antwoord = _publiceer(client)
    assert "Versie 1 gepubliceerd" in antwoord.content.decode()
    client.post(PLANNING, _instellingen(uren=1500))
    antwoord = _publiceer(client)
    assert "Versie 2 gepubliceerd" in antwoord.content.decode()
    eerste, tweede = Verdeling.objects.order_by("versie")
    assert sum(eerste.tijdskaders.values_list("uren", flat=True)) == 1000
    assert sum(tweede.tijdskaders.values_list("uren", flat=True)) == 1500
    inhoud = client.get(PLANNING, {"schooljaar": JAAR}).content.decode()
    assert "Versie 1" in inhoud and "Versie 2" in inhoud


def test_uren_verschuiven_via_het_scherm(client, wereld, coordinator):
    scholen = planningsnetwerk(wereld)
    _publiceer(client)
    van, naar = scholen[2], scholen[0]
    voor = dict(Tijdskader.objects.values_list("school_id", "uren"))
    url = reverse("capaciteit_herverdelen")
    assert client.get(url, {"schooljaar": JAAR}, HTTP_HX_REQUEST="true").status_code == 200
    antwoord = client.post(
        url,
        {"schooljaar": JAAR, **_verschuiving(van.pk, naar.pk, 10, "Minder nodig")},
        follow=True,
    )
    inhoud = antwoord.content.decode()
    assert "10 uur verschoven" in inhoud and "Minder nodig" in inhoud
    na = dict(Tijdskader.objects.values_list("school_id", "uren"))
    assert na[van.pk] == voor[van.pk] - 10 and na[naar.pk] == voor[naar.pk] + 10
    assert sum(na.values()) == 1000

    antwoord = client.post(url, {"schooljaar": JAAR, **_verschuiving(naar.pk, van.pk, 5000, "Te veel")})
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert f"{naar.naam} heeft nog {na[naar.pk]} uur; je kan er niet 5000 wegnemen." in inhoud
    assert Herverdeling.objects.count() == 1
    assert dict(Tijdskader.objects.values_list("school_id", "uren")) == na


@pytest.mark.parametrize("rol", [Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_andere_rollen_mogen_niet(client, wereld, rol):
    planningsnetwerk(wereld)
    verdeling = services.verdeling_publiceren(
        door=wereld.gebruikers[Rol.COORDINATOR], envelop=Envelop.objects.get(lsc=wereld.lsc)
    )
    client.force_login(wereld.gebruikers[rol])
    assert client.get(PLANNING).status_code == 403
    assert client.post(reverse("capaciteit_publiceren"), {"schooljaar": JAAR}).status_code == 403
    assert client.get(reverse("capaciteit_herverdelen")).status_code == 403
    assert client.post(reverse("capaciteit_herverdelen"), {}).status_code == 403
    for formaat in ("xlsx", "pdf"):
        assert client.get(reverse("capaciteit_export", args=[verdeling.pk, formaat])).status_code == 403
    assert Verdeling.objects.count() == 1


def test_directeur_mag_plannen(client, wereld):
    client.force_login(wereld.gebruikers[Rol.DIRECTEUR])
    assert client.get(PLANNING).status_code == 200


def test_export_van_een_ander_lsc_geeft_404(client, wereld, coordinator):
    ander = wereld.vreemde_ondersteuner.lsc
    factories.CijfersFactory(school=wereld.vreemde_school, schooljaar=JAAR - 1)
    envelop = Envelop.objects.create(lsc=ander, schooljaar=JAAR, uren=100, verslagsoorten=["gc"])
    vreemd = services.verdeling_publiceren(door=wereld.vreemde_ondersteuner.gebruiker, envelop=envelop)
    for formaat in ("xlsx", "pdf"):
        assert client.get(reverse("capaciteit_export", args=[vreemd.pk, formaat])).status_code == 404


def test_xlsx_heeft_de_rijen_en_het_totaal(client, wereld, coordinator):
    scholen = planningsnetwerk(wereld)
    scholen[1].naam = "=SOM(A1)"
    scholen[1].save()
    _publiceer(client)
    verdeling = Verdeling.objects.get()
    antwoord = client.get(reverse("capaciteit_export", args=[verdeling.pk, "xlsx"]))
    assert antwoord.status_code == 200
    rijen = list(load_workbook(io.BytesIO(antwoord.content)).active.iter_rows(values_only=True))
    assert rijen[0] == (
        "instellingsnummer",
        "naam",
        "leerlingen",
        "gemiddelde_verslagen",
        "gewicht",
        "berekende_uren",
        "uren_nu",
    )
    assert len(rijen) == 1 + 3 + 1
    namen = {rij[1] for rij in rijen[1:-1]}
    assert {scholen[0].naam, scholen[2].naam, "'=SOM(A1)"} == namen
    assert rijen[-1][0] == "Totaal" and rijen[-1][5] == 1000 and rijen[-1][6] == 1000
    assert rijen[-1][2] == 600


def test_pdf_heeft_de_scholen_en_het_totaal(client, wereld, coordinator):
    scholen = planningsnetwerk(wereld, uren=1234)
    _publiceer(client)
    verdeling = Verdeling.objects.get()
    antwoord = client.get(reverse("capaciteit_export", args=[verdeling.pk, "pdf"]))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(antwoord.content)).pages
    )
    for school in scholen:
        assert school.naam in tekst
    assert "1234" in tekst
    assert "70 %" in tekst


def test_aantal_queries_hangt_niet_af_van_het_aantal_scholen(client, wereld, coordinator):
    klein = planning_queries(client, wereld, 3)
    Herverdeling.objects.all().delete()
    Tijdskader.objects.all().delete()
    Verdeling.objects.all().delete()
    for bediening in wereld.lsc.bedieningen.exclude(school=wereld.eigen_school):
        bediening.delete()
    groot = planning_queries(client, wereld, 30)
    assert klein == groot == 6  # the versions bring their moves of hours (tests/dwars/test_queries.py)


def test_verschuifformulier_zonder_htmx_is_een_volle_pagina(client, wereld, coordinator):
    url = reverse("capaciteit_herverdelen")
    assert "Publiceer eerst een verdeling" in client.get(url, {"schooljaar": JAAR}).content.decode()
    planningsnetwerk(wereld)
    _publiceer(client)
    inhoud = client.get(url, {"schooljaar": JAAR}).content.decode()
    assert "<html" in inhoud and 'name="herverdeling-reden"' in inhoud
    assert "Capaciteit" in client.get(reverse("home")).content.decode()


def test_onbekend_formaat_geeft_404(client, wereld, coordinator):
    planningsnetwerk(wereld)
    _publiceer(client)
    verdeling = Verdeling.objects.get()
    assert client.get(reverse("capaciteit_export", args=[verdeling.pk, "csv"])).status_code == 404


# ---- The key's inputs aggregated per school in the database (issue 22): the same hours, to the hour, as the
# key fed year by year from the rows themselves, whatever the figures: missing years, fewer years than the
# window, no reports at all, years outside the window, no pupils in the reference year.

JAREN = list(range(JAAR - 9, JAAR + 2))  # before, in and after any window
_jaarcijfers = st.tuples(*[st.integers(min_value=0, max_value=n) for n in (900, 40, 40, 40)])
_scholen = st.lists(
    st.dictionaries(st.sampled_from(JAREN), _jaarcijfers, max_size=len(JAREN)), min_size=1, max_size=8
)
_envelop = st.fixed_dictionaries(
    {
        "venster_jaren": st.integers(min_value=1, max_value=8),
        "referentiejaar": st.none() | st.sampled_from(JAREN),
        "verslagsoorten": st.lists(
            st.sampled_from(["gc", "iac", "ov4"]), min_size=1, max_size=3, unique=True
        ),
        "gewicht_leerlingen": st.integers(min_value=0, max_value=100),
        "uren": st.integers(min_value=0, max_value=5000),
    }
)


def _per_jaar_uit_de_rijen(envelop: Envelop) -> list[Invoer]:
    """The path before issue 22: every figure row read, the window's years picked and summed in Python."""
    venster = range(envelop.schooljaar - envelop.venster_jaren, envelop.schooljaar)
    invoer = []
    for school in School.objects.filter(bedieningen__lsc=envelop.lsc_id).order_by("instellingsnummer"):
        rijen = {c.schooljaar: c for c in Schooljaarcijfers.objects.filter(school=school)}
        referentie = rijen.get(envelop.referentie)
        per_jaar = [
            sum(getattr(rijen[jaar], f"{soort}_verslagen") for soort in envelop.verslagsoorten)
            for jaar in sorted(rijen)
            if jaar in venster
        ]
        invoer.append(
            Invoer.per_jaar(
                school.instellingsnummer, school.naam, referentie and referentie.leerlingen, per_jaar
            )
        )
    return invoer


def _verdeeld(envelop: Envelop, invoer: list[Invoer]):
    try:
        return verdeel(uren=envelop.uren, scholen=invoer, sleutel=services.sleutel_van(envelop))
    except VerdelingFout as fout:
        return str(fout)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scholen=_scholen, instellingen=_envelop)
def test_de_sleutel_uit_sql_geeft_dezelfde_uren_als_jaar_per_jaar_uit_de_rijen(wereld, scholen, instellingen):
    with transaction.atomic():
        wereld.lsc.bedieningen.all().delete()
        for cijfers in scholen:
            school = factories.SchoolFactory()
            factories.BedieningFactory(lsc=wereld.lsc, school=school)
            for jaar, (leerlingen, gc, iac, ov4) in cijfers.items():
                Schooljaarcijfers.objects.create(
                    school=school,
                    schooljaar=jaar,
                    leerlingen=leerlingen,
                    gc_verslagen=gc,
                    iac_verslagen=iac,
                    ov4_verslagen=ov4,
                )
        envelop, _ = Envelop.objects.update_or_create(lsc=wereld.lsc, schooljaar=JAAR, defaults=instellingen)
        uit_sql = queries.invoer_voor(envelop)
        uit_de_rijen = _per_jaar_uit_de_rijen(envelop)
        assert uit_sql == uit_de_rijen
        assert _verdeeld(envelop, uit_sql) == _verdeeld(envelop, uit_de_rijen)
        transaction.set_rollback(True)


# ---- "Scholen ver buiten hun tijdskader": counted from the signal alone, as many as the follow-up marks.

_minuten = st.dictionaries(
    st.sampled_from([dt.date(JAAR + (m < 9), m, 1) for m in (*range(1, 9), 9, 10, 11, 12)]),
    st.tuples(st.integers(min_value=0, max_value=60_000), st.integers(min_value=0, max_value=600)),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    kaders=st.lists(st.tuples(st.integers(min_value=0, max_value=400), _minuten), max_size=12),
    schoolweken=st.integers(min_value=1, max_value=40),
    vandaag=st.dates(min_value=dt.date(JAAR, 8, 1), max_value=dt.date(JAAR + 1, 8, 31)),
)
def test_ver_buiten_kader_telt_wat_de_opvolging_markeert(kaders, schoolweken, vandaag):
    rijen = [
        SimpleNamespace(school_id=i, school=SimpleNamespace(naam=f"School {i}"), uren=uren)
        for i, (uren, _) in enumerate(kaders)
    ]
    minuten = {i: per_maand for i, (_, per_maand) in enumerate(kaders)}
    gemarkeerd = opvolging.schoolrijen(
        rijen, minuten, schoolweken=schoolweken, schooljaar=JAAR, vandaag=vandaag, enkel_gemarkeerd=True
    )
    gebruikt = {i: sum(breed for breed, _ in per_maand.values()) for i, per_maand in minuten.items()}
    assert planning.ver_buiten_kader(
        rijen, gebruikt, schoolweken=schoolweken, schooljaar=JAAR, vandaag=vandaag
    ) == len(gemarkeerd)


@pytest.mark.django_db
def test_brede_minuten_per_school_zijn_de_maanden_van_de_opvolging_opgeteld(wereld):
    """Brede and kleine types, two schools, several months, last school year and another LSC's lines."""
    jaar = huidig_schooljaar()
    begin, _einde = schooljaar_grenzen(jaar)
    andere_school = factories.SchoolFactory()
    ander_lsc = factories.LscFactory()
    for lsc, school, soort, datum, minuten in [
        (wereld.lsc, wereld.eigen_school, "9", begin, 45),
        (wereld.lsc, wereld.eigen_school, "basisaanbod", begin + dt.timedelta(days=40), 30),
        (wereld.lsc, wereld.eigen_school, "2", begin + dt.timedelta(days=40), 500),  # kleine type
        (wereld.lsc, wereld.eigen_school, "3", begin - dt.timedelta(days=1), 700),  # last school year
        (wereld.lsc, andere_school, "2", begin, 90),  # only kleine types here
        (ander_lsc, wereld.eigen_school, "9", begin, 800),
    ]:
        traject = factories.TrajectFactory(lsc=lsc, school=school, type=soort)
        factories.LogboekregelFactory(traject=traject, datum=datum, minuten=minuten)
    per_maand = queries.minuten_van_lsc(wereld.lsc.pk, jaar)
    opgeteld = {school: sum(breed for breed, _ in maanden.values()) for school, maanden in per_maand.items()}
    gebruikt = queries.brede_minuten_per_school(wereld.lsc.pk, jaar)
    assert gebruikt == {wereld.eigen_school.pk: 75}
    assert {school: gebruikt.get(school, 0) for school in opgeteld} == opgeteld


@pytest.mark.django_db
def test_de_kaders_van_de_planning_zijn_die_van_de_versie(wereld):
    """The planning page reads the frames as tuples: every column and its school's name and number, in the
    same order, as the models give them."""
    planningsnetwerk(wereld, aantal=6, uren=999)
    verdeling = services.verdeling_publiceren(
        door=wereld.gebruikers[Rol.COORDINATOR], envelop=Envelop.objects.get()
    )
    velden = [
        "pk" if veld.attname == "id" else veld.attname
        for veld in Tijdskader._meta.concrete_fields
        if veld.name != "verdeling"
    ]

    def als_rij(kader) -> tuple:
        return (
            *(getattr(kader, veld) for veld in velden),
            kader.school.naam,
            kader.school.instellingsnummer,
        )

    modellen = [als_rij(k) for k in queries.tijdskaders_van(verdeling)]
    assert len(modellen) == 6
    assert [als_rij(k) for k in queries.tijdskaders_voor_planning(verdeling)] == modellen


def test_de_keuzelijst_van_de_scholen_ontsnapt_elke_naam_en_kiest_de_gekozen():
    formulier = HerverdelingForm(
        scholen=[(1, 'School "De <Boom>" & co (12 uur)'), (2, "Sint-Jan (8 uur)")], initial={"van": 2}
    )
    html = str(formulier["van"])
    assert '<option value="1">School &quot;De &lt;Boom&gt;&quot; &amp; co (12 uur)</option>' in html
    assert '<option value="2" selected>Sint-Jan (8 uur)</option>' in html
    assert "<Boom>" not in html
