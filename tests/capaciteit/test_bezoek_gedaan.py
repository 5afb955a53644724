"""Planned versus done (issue 21, part 1): a supporter marks a dated visit of the published plan as done from
the day sheet with one tap and can undo it; only their own visits, of a school day of this school year up to
today. The follow-up shows per school and per supporter the planned hours (dated visits up to today), the
done hours (visits marked done) and the logged hours, recomputed here from the rows."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from capaciteit import queries
from capaciteit.models import Bezoekgedaan, Planregel, Planwijziging
from capaciteit.rekenen.gedaan import (
    Geplandbezoek,
    per_school_en_ondersteuner,
    per_school_en_ondersteuner_geteld,
)
from capaciteit.rekenen.weekplanning import kalender
from capaciteit.services import gedaan as gedaan_dienst
from netwerk.duur import als_uren
from netwerk.kalender import is_schooldag
from netwerk.models import Afwezigheid, Rol, Wijziging
from netwerk.schooljaar import huidig_schooljaar, schooljaar_grenzen
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.weekplan import gepubliceerd_plan
from trajecten.models import Logboekregel

VANDAAG = timezone.localdate()
OPVOLGING = reverse("capaciteit_opvolging")


def _schooldag(tot: dt.date = VANDAAG) -> dt.date:
    dag = tot
    while not is_schooldag(dag):
        dag -= dt.timedelta(days=1)
    return dag


@pytest.fixture
def gepland(wereld):
    """The anchor is planned at School Eigen on the weekday of the last school day, for 2 hours."""
    wereld.dag = _schooldag()
    wereld.plan = gepubliceerd_plan(wereld.lsc, (wereld.anker, wereld.eigen_school, wereld.dag.weekday(), 4))
    wereld.regel = wereld.plan.regels.get()
    return wereld


@pytest.fixture
def ondersteuner(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    return client


def _dagblad(wereld, datum) -> str:
    return f"{reverse('dagblad_school', args=[wereld.eigen_school.pk])}?datum={datum.isoformat()}"


def _gedaan(wereld, *, niet=False, school=None) -> str:
    naam = "bezoek_niet_gedaan" if niet else "bezoek_gedaan"
    return reverse(naam, args=[(school or wereld.eigen_school).pk])


@pytest.mark.django_db
def test_een_tik_op_het_dagblad_duidt_het_bezoek_als_gedaan_en_is_ongedaan_te_maken(ondersteuner, gepland):
    w = gepland
    html = ondersteuner.get(_dagblad(w, w.dag)).content.decode()
    assert f'action="{_gedaan(w)}"' in html and "Bezoek gedaan" in html
    assert f'name="datum" value="{w.dag.isoformat()}"' in html

    antwoord = ondersteuner.post(_gedaan(w), {"datum": w.dag.isoformat()})
    assert antwoord.status_code == 302 and antwoord["Location"] == _dagblad(w, w.dag)
    rij = Bezoekgedaan.objects.get()
    assert (rij.ondersteuner, rij.school, rij.datum, rij.door) == (
        w.anker,
        w.eigen_school,
        w.dag,
        w.gebruikers[Rol.ONDERSTEUNER],
    )
    # A second tap (a retry) adds nothing.
    ondersteuner.post(_gedaan(w), {"datum": w.dag.isoformat()})
    assert Bezoekgedaan.objects.count() == 1
    html = ondersteuner.get(_dagblad(w, w.dag)).content.decode()
    assert "bezoek gedaan" in html and f'action="{_gedaan(w, niet=True)}"' in html
    assert "als gedaan" in html  # the message after the tap

    ondersteuner.post(_gedaan(w, niet=True), {"datum": w.dag.isoformat()})
    assert not Bezoekgedaan.objects.exists()
    assert list(
        Wijziging.objects.filter(actie__startswith="capaciteit.bezoek").values_list("actie", flat=True)
    ) == ["capaciteit.bezoek.gedaan", "capaciteit.bezoek.niet_gedaan"]
    html = ondersteuner.get(_dagblad(w, w.dag)).content.decode()
    assert f'action="{_gedaan(w)}"' in html


@pytest.mark.django_db
def test_enkel_een_gepland_bezoek_van_vandaag_of_eerder_dit_schooljaar(ondersteuner, gepland):
    w = gepland
    ander = factories.SchoolFactory(naam="School Elders")
    factories.BedieningFactory(lsc=w.lsc, school=ander)

    def geweigerd(url, datum, melding):
        antwoord = ondersteuner.post(url, {"datum": datum}, follow=True)
        assert melding in antwoord.content.decode(), antwoord.content.decode()[:3000]
        assert not Bezoekgedaan.objects.exists()

    # A school the plan does not send them to that day.
    geweigerd(_gedaan(w, school=ander), w.dag.isoformat(), "geen bezoek aan School Elders")
    # Tomorrow, however planned.
    geweigerd(_gedaan(w), (VANDAAG + dt.timedelta(days=7)).isoformat(), "op de dag zelf of erna")
    # Last school year.
    begin, _einde = schooljaar_grenzen(huidig_schooljaar())
    geweigerd(_gedaan(w), (begin - dt.timedelta(days=3)).isoformat(), "dit schooljaar")
    # A date that is no date.
    geweigerd(_gedaan(w), "morgen", "Die datum kennen we niet")
    # A day of absence, and a visit handed to a colleague: no longer theirs that day.
    verlof = Afwezigheid.objects.create(ondersteuner=w.anker, van=w.dag, tot=w.dag, soort="verlof")
    geweigerd(_gedaan(w), w.dag.isoformat(), "geen bezoek aan")
    verlof.delete()
    collega = factories.OndersteunerFactory(lsc=w.lsc)
    Planwijziging.objects.create(
        weekplan=w.plan, planregel=w.regel, datum=w.dag, soort="andere_ondersteuner", ondersteuner=collega
    )
    geweigerd(_gedaan(w), w.dag.isoformat(), "geen bezoek aan")
    # Undoing what was never marked.
    geweigerd(_gedaan(w, niet=True), w.dag.isoformat(), "niet als gedaan aangeduid")


@pytest.mark.django_db
def test_enkel_de_ondersteuner_zelf(client, gepland):
    w = gepland
    for rol in (Rol.COORDINATOR, Rol.TEAMCOACH, Rol.ZORG):
        client.force_login(w.gebruikers[rol])
        assert client.post(_gedaan(w), {"datum": w.dag.isoformat()}).status_code == 403
    client.force_login(w.gebruikers[Rol.ONDERSTEUNER])
    assert client.post(_gedaan(w, school=w.vreemde_school), {"datum": w.dag.isoformat()}).status_code == 404
    # The service itself refuses a mark by someone else for the supporter.
    with pytest.raises(ValidationError, match="Enkel de ondersteuner zelf"):
        gedaan_dienst.bezoek_gedaan(
            door=w.gebruikers[Rol.COORDINATOR], ondersteuner=w.anker, school=w.eigen_school, datum=w.dag
        )
    assert not Bezoekgedaan.objects.exists()


def test_een_markering_zonder_gepland_bezoek_telt_niet():
    dag = dt.date(2026, 10, 5)
    scholen, ondersteuners = per_school_en_ondersteuner(
        [Geplandbezoek(1, 10, dag, 4), Geplandbezoek(1, 11, dag, 2), Geplandbezoek(2, 10, dag, 6)],
        {(1, 10, dag), (2, 11, dag), (1, 10, dag + dt.timedelta(days=1))},
        [(10, 1, 45), (11, 2, 30), (99, 1, 15)],
    )
    assert {pk: (d.gepland, d.gedaan, d.gelogd) for pk, d in scholen.items()} == {
        10: (300, 120, 45),
        11: (60, 0, 30),
    }
    assert {pk: (d.gepland, d.gedaan, d.gelogd) for pk, d in ondersteuners.items()} == {
        1: (180, 120, 60),
        2: (180, 0, 30),
    }


# ----------------------------------------------------- counted per day of the cycle, the same as date by date


def _datum_per_datum(vaste, *, cyclus_weken, van, tot, afwezigheden, wijzigingen, gedaan, gelogd):
    """The reference: every visit laid on every date (`kalender.bezoeken`), then added up."""
    gevonden = kalender.bezoeken(
        vaste, cyclus_weken=cyclus_weken, van=van, tot=tot, afwezigheden=afwezigheden, wijzigingen=wijzigingen
    )
    return per_school_en_ondersteuner(
        [Geplandbezoek(b.ondersteuner_id, b.school_id, b.datum, b.blokken) for b in gevonden], gedaan, gelogd
    )


JAAR_BEGIN = dt.date(2026, 9, 1)
ONDERSTEUNERS, SCHOLEN = (1, 2, 3, 4), (10, 11, 12, 13, 14)


def _dichtbij(datum: dt.date, dagen: int) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=datum - dt.timedelta(days=dagen), max_value=datum + dt.timedelta(days=dagen))


@st.composite
def _plannen(draw):
    """A plan of a 1- or 2-week cycle, a range of the school year (holidays in it or not), absences, one-off
    changes of every kind (most on a date the cycle gives the visit, some on any date, some moving a visit
    from outside the range into it), marks on planned visits and on other dates, logged minutes."""
    cyclus_weken = draw(st.sampled_from([1, 2]))
    van = JAAR_BEGIN + dt.timedelta(days=draw(st.integers(0, 200)))
    tot = van + dt.timedelta(days=draw(st.integers(0, 330)))
    vaste = [
        kalender.Vast(
            nummer,
            draw(st.sampled_from(ONDERSTEUNERS)),
            draw(st.sampled_from(SCHOLEN)),
            draw(st.integers(0, 5 * cyclus_weken - 1)),
            draw(st.integers(1, 8)),
        )
        for nummer in range(1, draw(st.integers(0, 10)) + 1)
    ]
    afwezigheden = {}
    for ondersteuner in draw(st.lists(st.sampled_from(ONDERSTEUNERS), unique=True)):
        perioden = []
        for _ in range(draw(st.integers(1, 3))):
            begin = draw(_dichtbij(van, 10) | _dichtbij(tot, 10) | st.dates(van, tot))
            perioden.append((begin, begin + dt.timedelta(days=draw(st.integers(0, 60)))))
        afwezigheden[ondersteuner] = perioden
    wijzigingen = []
    for _ in range(draw(st.integers(0, 12)) if vaste else 0):
        vast = draw(st.sampled_from(vaste))
        datum = draw(_dichtbij(van, 20) | _dichtbij(tot, 20) | st.dates(van, tot))
        if draw(st.booleans()):  # a date the cycle gives it
            while kalender.dag_van_de_cyclus(datum, cyclus_weken=cyclus_weken) != vast.dag:
                datum += dt.timedelta(days=1)
        soort = draw(st.sampled_from(list(kalender.Soort)))
        wijzigingen.append(
            kalender.Wijziging(
                vast.regel_id,
                datum,
                soort,
                school_id=draw(st.sampled_from(SCHOLEN)) if soort == kalender.Soort.ANDERE_SCHOOL else None,
                nieuwe_datum=draw(_dichtbij(datum, 30) | st.dates(van, tot))
                if soort == kalender.Soort.VERPLAATST
                else None,
                ondersteuner_id=draw(st.sampled_from(ONDERSTEUNERS))
                if soort == kalender.Soort.ANDERE_ONDERSTEUNER
                else None,
            )
        )
    invoer = {
        "vaste": vaste,
        "cyclus_weken": cyclus_weken,
        "van": van,
        "tot": tot,
        "afwezigheden": afwezigheden,
        "wijzigingen": wijzigingen,
        "gedaan": set(),
        "gelogd": [],
    }
    gepland = kalender.bezoeken(
        vaste, cyclus_weken=cyclus_weken, van=van, tot=tot, afwezigheden=afwezigheden, wijzigingen=wijzigingen
    )
    # Marks on planned visits, and on visits of the cycle that an absence or a change took away.
    zonder_uitzonderingen = kalender.bezoeken(vaste, cyclus_weken=cyclus_weken, van=van, tot=tot)
    for bezoeken in (gepland, zonder_uitzonderingen):
        if bezoeken:
            for bezoek in draw(st.lists(st.sampled_from(bezoeken), max_size=30)):
                invoer["gedaan"].add((bezoek.ondersteuner_id, bezoek.school_id, bezoek.datum))
    wie, waar = st.sampled_from(ONDERSTEUNERS), st.sampled_from(SCHOLEN)
    invoer["gedaan"] |= draw(
        st.sets(st.tuples(wie, waar, _dichtbij(van, 5) | st.dates(van, tot)), max_size=8)
    )
    invoer["gelogd"] = draw(st.lists(st.tuples(waar, wie, st.integers(1, 240)), max_size=6))
    return invoer


@settings(max_examples=300)
@given(_plannen())
def test_geteld_per_dag_van_de_cyclus_is_precies_datum_per_datum(invoer):
    assert per_school_en_ondersteuner_geteld(**invoer) == _datum_per_datum(**invoer)


# ------------------------------------------------------------------------------- the follow-up


def _cijfers(html: str, attribuut: str, pk: int) -> tuple[str, str, str]:
    rij = re.search(rf'<tr {attribuut}="{pk}">(.*?)</tr>', html, re.S)[1]
    return tuple(
        re.search(rf'data-cijfer="datum_{c}">([^<]*)<', rij)[1] for c in ("gepland", "gedaan", "gelogd")
    )


def _verwacht(regels, gedane, logs):
    """Recomputed from the rows, without the calendar module: every school day from 1 September to today
    whose weekday is the visit's day (a one-week cycle), in minutes; done when marked; logged as stored."""
    begin, _einde = schooljaar_grenzen(huidig_schooljaar())
    schooldagen = [
        begin + dt.timedelta(days=i)
        for i in range((VANDAAG - begin).days + 1)
        if is_schooldag(begin + dt.timedelta(days=i))
    ]
    school, ondersteuner = {}, {}
    for regel in regels:
        for dag in schooldagen:
            if dag.weekday() != regel.dag:
                continue
            minuten = regel.blokken * 30
            klaar = minuten if (regel.ondersteuner_id, regel.school_id, dag) in gedane else 0
            for tabel, pk in ((school, regel.school_id), (ondersteuner, regel.ondersteuner_id)):
                oud = tabel.get(pk, (0, 0, 0))
                tabel[pk] = (oud[0] + minuten, oud[1] + klaar, oud[2])
    for regel in logs:
        for tabel, pk in ((school, regel.traject.school_id), (ondersteuner, regel.ondersteuner_id)):
            if pk in tabel:
                oud = tabel[pk]
                tabel[pk] = (oud[0], oud[1], oud[2] + regel.minuten)
    return school, ondersteuner


def _opbouw(w, aantal_scholen: int):
    """`aantal_scholen` extra schools, each with a supporter planned there on a weekday; the last school
    days of each visit marked done on alternate weeks; logbook lines at each school."""
    regels = []
    for i in range(aantal_scholen):
        school = factories.SchoolFactory(naam=f"School {i:02d}")
        factories.BedieningFactory(lsc=w.lsc, school=school)
        collega = factories.OndersteunerFactory(lsc=w.lsc, gebruiker__naam=f"Collega {i:02d}")
        regels.append(
            Planregel.objects.create(
                weekplan=w.plan, ondersteuner=collega, school=school, dag=i % 5, blokken=2 + i % 3
            )
        )
        traject = factories.TrajectFactory(lsc=w.lsc, school=school, status="lopend")
        factories.LogboekregelFactory(
            traject=traject, ondersteuner=collega, minuten=45 + i, datum=_schooldag()
        )
        for weken in (0, 2):
            dag = _schooldag(VANDAAG - dt.timedelta(days=7 * weken))
            while dag.weekday() != i % 5 or not is_schooldag(dag):
                dag -= dt.timedelta(days=1)
            Bezoekgedaan.objects.get_or_create(ondersteuner=collega, school=school, datum=dag)
    return regels


@pytest.mark.django_db
def test_de_opvolging_toont_gepland_gedaan_en_gelogd_herberekend_uit_de_rijen(client, gepland):
    w = gepland
    _opbouw(w, 3)
    # The anchor's own visit marked done today, a mark on a day without a visit (counts nothing), and a
    # logbook line of the anchor at School Eigen.
    Bezoekgedaan.objects.create(ondersteuner=w.anker, school=w.eigen_school, datum=w.dag)
    Bezoekgedaan.objects.create(
        ondersteuner=w.anker, school=w.eigen_school, datum=w.dag - dt.timedelta(days=1)
    )
    traject = factories.TrajectFactory(lsc=w.lsc, school=w.eigen_school, status="lopend")
    factories.LogboekregelFactory(traject=traject, ondersteuner=w.anker, minuten=90, datum=w.dag)
    client.force_login(w.gebruikers[Rol.COORDINATOR])
    html = client.get(OPVOLGING, {"alle": "1"}).content.decode()
    assert "Gepland, gedaan en gelogd" in html

    gedane = set(Bezoekgedaan.objects.values_list("ondersteuner_id", "school_id", "datum"))
    logs = Logboekregel.objects.filter(traject__lsc=w.lsc).select_related("traject")
    per_school, per_ondersteuner = _verwacht(Planregel.objects.filter(weekplan=w.plan), gedane, logs)
    assert len(per_school) == 4 and len(per_ondersteuner) == 4
    assert any(d[1] for d in per_school.values()) and any(d[2] for d in per_school.values())
    for pk, drie in per_school.items():
        assert _cijfers(html, "data-school", pk) == tuple(als_uren(m) for m in drie), pk
    for pk, drie in per_ondersteuner.items():
        assert _cijfers(html, "data-ondersteuner", pk) == tuple(als_uren(m) for m in drie), pk


@pytest.mark.django_db
def test_de_opvolging_kost_evenveel_queries_voor_meer_scholen_bezoeken_en_markeringen(client, gepland):
    w = gepland
    _opbouw(w, 2)
    client.force_login(w.gebruikers[Rol.COORDINATOR])
    weinig = aantal_queries(client, OPVOLGING)
    _opbouw(w, 12)
    veel = aantal_queries(client, OPVOLGING)
    assert len(client.get(OPVOLGING, {"alle": "1"}).context["gepland_gedaan"].scholen) == 15
    assert weinig == veel


def _laatste(weekdag: int) -> dt.date:
    """The last school day up to today on that weekday."""
    dag = _schooldag()
    while dag.weekday() != weekdag or not is_schooldag(dag):
        dag -= dt.timedelta(days=1)
    return dag


@pytest.mark.django_db
def test_de_opvolging_telt_afwezigheden_en_wijzigingen_zoals_het_plan_op_datums(client, gepland):
    """Absences, a visit handed to a colleague without visits of their own, one sent to a school outside the
    plan, one moved and one cancelled: the page's figures are those of the plan laid on every date
    (`queries.plan_op_datums`), added up date by date."""
    w = gepland
    regels = _opbouw(w, 3)
    invaller = factories.OndersteunerFactory(lsc=w.lsc, gebruiker__naam="Invaller Zonder Bezoeken")
    buiten = factories.SchoolFactory(naam="School Buiten Het Plan")
    factories.BedieningFactory(lsc=w.lsc, school=buiten)
    eerste = _laatste(regels[0].dag)
    Planwijziging.objects.create(
        weekplan=w.plan, planregel=w.regel, datum=w.dag, soort="andere_ondersteuner", ondersteuner=invaller
    )
    Planwijziging.objects.create(
        weekplan=w.plan, planregel=regels[0], datum=eerste, soort="andere_school", school=buiten
    )
    # Moved to the last school day of another weekday, and marked done there, not on its planned date.
    verhuisd = _laatste((regels[1].dag + 1) % 5)
    Planwijziging.objects.create(
        weekplan=w.plan,
        planregel=regels[1],
        datum=_laatste(regels[1].dag),
        soort="verplaatst",
        nieuwe_datum=verhuisd,
    )
    Bezoekgedaan.objects.filter(ondersteuner=regels[1].ondersteuner, datum=_laatste(regels[1].dag)).delete()
    Planwijziging.objects.create(
        weekplan=w.plan, planregel=regels[2], datum=_laatste(regels[2].dag), soort="geschrapt"
    )
    Afwezigheid.objects.create(
        ondersteuner=regels[2].ondersteuner, van=w.dag - dt.timedelta(days=30), tot=w.dag, soort="ziekte"
    )
    for wie, waar, wanneer in (
        (invaller, w.eigen_school, w.dag),
        (regels[0].ondersteuner, buiten, eerste),
        (regels[1].ondersteuner, regels[1].school, verhuisd),
    ):
        Bezoekgedaan.objects.get_or_create(ondersteuner=wie, school=waar, datum=wanneer)
    client.force_login(w.gebruikers[Rol.COORDINATOR])
    html = client.get(OPVOLGING, {"alle": "1"}).content.decode()

    begin, _einde = schooljaar_grenzen(huidig_schooljaar())
    kal = queries.plan_op_datums(w.plan, van=begin, tot=VANDAAG)
    gelogd = Logboekregel.objects.filter(traject__lsc=w.lsc).values_list(
        "traject__school_id", "ondersteuner_id", "minuten"
    )
    per_school, per_ondersteuner = per_school_en_ondersteuner(
        [Geplandbezoek(b.ondersteuner.pk, b.school.pk, b.datum, b.blokken) for b in kal.bezoeken],
        set(Bezoekgedaan.objects.values_list("ondersteuner_id", "school_id", "datum")),
        gelogd,
    )
    assert buiten.pk in per_school and invaller.pk in per_ondersteuner
    assert per_school[buiten.pk].gedaan and per_ondersteuner[invaller.pk].gedaan
    assert per_school[regels[1].school_id].gedaan
    for pk, drie in per_school.items():
        assert _cijfers(html, "data-school", pk) == tuple(als_uren(m) for m in vars(drie).values()), pk
    for pk, drie in per_ondersteuner.items():
        assert _cijfers(html, "data-ondersteuner", pk) == tuple(als_uren(m) for m in vars(drie).values()), pk
