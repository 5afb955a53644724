"""Publishing a new version carries the moves of hours of the published one, on PostgreSQL: kept moves are
re-applied as new rows that point to what they carry, moves let go or that no longer fit are said and
logged, the sum stays the envelope, and a version equal to the published one is not published."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from capaciteit import services
from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.rekenen.verdeling import Lot
from capaciteit.services.publicatie import publicatie
from netwerk.gelijktijdig import Verouderd
from netwerk.models import Rol, Wijziging
from scholen.models import Bediening, Schooljaarcijfers
from tests.support.capaciteit import planningsenvelop

REDEN = "Twee nieuwe leerlingen met een verslag type 9"


def _kaders(verdeling: Verdeling) -> dict[int, Tijdskader]:
    return {k.school_id: k for k in verdeling.tijdskaders.all()}


def _berekend(envelop: Envelop, scholen) -> dict[int, int]:
    """What the key gives each school now, recomputed from the stored figures."""
    per_nummer = {a.instellingsnummer: a.uren for a in services.verdeling_berekenen(envelop)}
    return {s.pk: per_nummer[s.instellingsnummer] for s in scholen}


def _envelop(envelop: Envelop, uren: int) -> Envelop:
    envelop.uren = uren
    envelop.save()
    return envelop


@pytest.fixture
def coordinator(wereld):
    return wereld.gebruikers[Rol.COORDINATOR]


def _verschuif(door, verdeling, van, naar, uren, reden=REDEN) -> Herverdeling:
    return services.uren_verschuiven(
        door=door, verdeling=verdeling, van_school_id=van.pk, naar_school_id=naar.pk, uren=uren, reden=reden
    )


@pytest.mark.django_db
def test_een_verschuiving_gaat_mee_naar_de_nieuwe_versie_als_nieuwe_rij(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    van, naar = scholen[2], scholen[0]
    oud = _verschuif(coordinator, eerste, van, naar, 24)
    voor = {pk: k.uren for pk, k in _kaders(eerste).items()}

    tweede = services.verdeling_publiceren(
        door=wereld.gebruikers[Rol.DIRECTEUR], envelop=_envelop(envelop, 1100)
    )

    nieuw = Herverdeling.objects.get(verdeling=tweede)
    assert nieuw.overgenomen_van == oud and nieuw.pk != oud.pk
    assert (nieuw.van.school, nieuw.naar.school, nieuw.uren) == (van, naar, 24)
    assert (nieuw.reden, nieuw.door, nieuw.wanneer) == (REDEN, coordinator, oud.wanneer)
    kaders, berekend = _kaders(tweede), _berekend(envelop, scholen)
    assert {pk: k.berekende_uren for pk, k in kaders.items()} == berekend
    assert kaders[van.pk].uren == berekend[van.pk] - 24
    assert kaders[naar.pk].uren == berekend[naar.pk] + 24
    assert sum(k.uren for k in kaders.values()) == 1100
    assert {pk: k.uren for pk, k in _kaders(eerste).items()} == voor  # version 1 stays as it was
    assert Herverdeling.objects.get(pk=oud.pk).verdeling == eerste
    logboek = Wijziging.objects.get(actie="capaciteit.herverdeling.overgenomen")
    assert (logboek.object_id, logboek.door) == (nieuw.pk, wereld.gebruikers[Rol.DIRECTEUR])
    assert logboek.wijzigingen == {"overgenomen_van": [None, oud.pk], "uren": [None, 24]}
    gepubliceerd = Wijziging.objects.get(actie="capaciteit.verdeling.gepubliceerd", object_id=tweede.pk)
    assert gepubliceerd.wijzigingen == {"versie": [1, 2], "verschuivingen": [1, 1]}


@pytest.mark.django_db
def test_een_verschuiving_laten_vervallen_geeft_de_berekende_uren(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    oud = _verschuif(coordinator, eerste, scholen[2], scholen[0], 24)

    tweede = services.verdeling_publiceren(
        door=coordinator, envelop=_envelop(envelop, 1100), vervallen=[oud.pk]
    )

    assert not tweede.herverdelingen.exists()
    assert {pk: k.uren for pk, k in _kaders(tweede).items()} == _berekend(envelop, scholen)
    logboek = Wijziging.objects.get(actie="capaciteit.herverdeling.vervallen")
    assert (logboek.object_soort, logboek.object_id) == ("capaciteit.herverdeling", oud.pk)
    assert logboek.wijzigingen == {"versie": [1, 2], "lot": [None, "vervallen"]}


@pytest.mark.django_db
def test_een_verschuiving_die_niet_meer_past_wordt_genoemd_en_niet_overgenomen(wereld, coordinator):
    """The envelope shrinks: the giving school no longer has the 24 hours it gave, so the move cannot be
    carried, the preview says why in the school's own figures, and the version has its computed hours."""
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    gever, ontvanger = scholen[0], scholen[4]
    oud = _verschuif(coordinator, eerste, gever, ontvanger, 24)
    _envelop(envelop, 200)
    berekend = _berekend(envelop, scholen)
    assert berekend[gever.pk] < 24, "de opzet klopt niet: de gevende school heeft nog genoeg uren"

    voorstel = publicatie(
        envelop=envelop,
        aandelen=services.verdeling_berekenen(envelop),
        vorige=eerste,
        kaders=list(eerste.tijdskaders.select_related("school")),
        herverdelingen=[oud],
    )
    (lot,) = voorstel.loten
    assert (lot.lot, lot.overname.beschikbaar) == (Lot.TE_WEINIG, berekend[gever.pk])
    assert lot.melding == (
        f"Kan niet overgenomen worden: {gever.naam} heeft in versie 2 maar {berekend[gever.pk]} uur, "
        "de verschuiving neemt er 24 weg."
    )
    assert (
        voorstel.samenvatting()
        == "1 verschuiving sinds versie 1: 0 worden overgenomen, 1 kan niet overgenomen worden."
    )

    tweede = services.verdeling_publiceren(door=coordinator, envelop=envelop, uitkomst=voorstel.uitkomst)

    assert not tweede.herverdelingen.exists()
    assert {pk: k.uren for pk, k in _kaders(tweede).items()} == berekend
    assert sum(berekend.values()) == 200
    logboek = Wijziging.objects.get(actie="capaciteit.herverdeling.vervallen", object_id=oud.pk)
    assert logboek.wijzigingen["lot"] == [None, "te_weinig"]


@pytest.mark.django_db
def test_een_school_die_het_lsc_niet_meer_bedient_neemt_haar_verschuiving_niet_mee(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    weg = scholen[3]
    naar_weg = _verschuif(coordinator, eerste, scholen[1], weg, 10)
    blijft = _verschuif(coordinator, eerste, scholen[2], scholen[1], 5)
    Bediening.objects.filter(lsc=wereld.lsc, school=weg).delete()

    voorstel = publicatie(
        envelop=envelop,
        aandelen=services.verdeling_berekenen(envelop),
        vorige=eerste,
        kaders=list(eerste.tijdskaders.select_related("school")),
        herverdelingen=[naar_weg, blijft],
    )
    assert [lot.lot for lot in voorstel.loten] == [Lot.ONTVANGER_WEG, Lot.OVERGENOMEN]
    assert voorstel.loten[0].melding == (
        f"Kan niet overgenomen worden: {weg.naam} zit niet in versie 2 "
        "(het leersteuncentrum bedient de school niet meer)."
    )
    tweede = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    assert list(tweede.herverdelingen.values_list("overgenomen_van", flat=True)) == [blijft.pk]
    assert weg.pk not in _kaders(tweede)


@pytest.mark.django_db
def test_na_het_overnemen_telt_elk_tijdskader_op_uit_berekend_en_de_rijen_van_de_versie(wereld, coordinator):
    """Moves that lean on each other, one let go, one that no longer fits: the sum is the envelope, and each
    school's hours are its computed hours plus the moves stored in the new version, nothing else."""
    envelop, scholen = planningsenvelop(wereld)
    a, b, c, d, e = scholen
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    k = {pk: kader.uren for pk, kader in _kaders(eerste).items()}
    zetten = [
        _verschuif(coordinator, eerste, e, a, 30),
        _verschuif(coordinator, eerste, a, b, k[a.pk] + 20),  # only with the 30 from e before it
        _verschuif(coordinator, eerste, c, d, 7),
        _verschuif(coordinator, eerste, d, e, 3),
    ]
    tweede = services.verdeling_publiceren(
        door=coordinator, envelop=_envelop(envelop, 1003), vervallen=[zetten[0].pk]
    )

    rijen = list(tweede.herverdelingen.order_by("pk"))
    assert [h.overgenomen_van_id for h in rijen] == [zetten[2].pk, zetten[3].pk]
    kaders = _kaders(tweede)
    assert sum(kader.uren for kader in kaders.values()) == 1003 == tweede.uren
    for school_id, kader in kaders.items():
        erbij = sum(h.uren for h in rijen if h.naar.school_id == school_id)
        eraf = sum(h.uren for h in rijen if h.van.school_id == school_id)
        assert kader.uren == kader.berekende_uren + erbij - eraf
    verloren = Wijziging.objects.filter(actie="capaciteit.herverdeling.vervallen").order_by("object_id")
    assert [(w.object_id, w.wijzigingen["lot"][1]) for w in verloren] == [
        (zetten[0].pk, "vervallen"),
        (zetten[1].pk, "te_weinig"),
    ]


@pytest.mark.django_db
def test_een_verschuiving_gaat_mee_over_meer_versies_en_houdt_haar_datum(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    oud = _verschuif(coordinator, eerste, scholen[2], scholen[0], 12)
    tweede = services.verdeling_publiceren(door=coordinator, envelop=_envelop(envelop, 1010))
    derde = services.verdeling_publiceren(door=coordinator, envelop=_envelop(envelop, 1020))
    in_twee, in_drie = tweede.herverdelingen.get(), derde.herverdelingen.get()
    assert (in_drie.overgenomen_van, in_twee.overgenomen_van) == (in_twee, oud)
    assert in_drie.wanneer == in_twee.wanneer == oud.wanneer
    assert sum(_kaders(derde)[s.pk].uren for s in scholen) == 1020


@pytest.mark.django_db
def test_niets_veranderd_wordt_niet_gepubliceerd(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    with pytest.raises(ValidationError, match="Er is niets veranderd sinds versie 1: dezelfde tijdskaders"):
        services.verdeling_publiceren(door=coordinator, envelop=envelop)
    # A move carried onto the same computation gives the same version again: still nothing to publish.
    oud = _verschuif(coordinator, eerste, scholen[2], scholen[0], 24)
    with pytest.raises(ValidationError, match="Er is niets veranderd sinds versie 1"):
        services.verdeling_publiceren(door=coordinator, envelop=envelop)
    # An envelope setting that changes no figure of the frames (the school weeks) changes nothing either.
    envelop.schoolweken = 35
    envelop.save()
    with pytest.raises(ValidationError, match="Er is niets veranderd sinds versie 1"):
        services.verdeling_publiceren(door=coordinator, envelop=envelop)
    assert list(Verdeling.objects.values_list("versie", flat=True)) == [1]
    # Letting the move go is a change: back to the computed hours.
    tweede = services.verdeling_publiceren(door=coordinator, envelop=envelop, vervallen=[oud.pk])
    assert {pk: k.uren for pk, k in _kaders(tweede).items()} == _berekend(envelop, scholen)


@pytest.mark.django_db
def test_andere_cijfers_bij_dezelfde_uren_zijn_een_nieuwe_versie(wereld, coordinator):
    """A school's figures change the steps a school reads under 'Waarom dit tijdskader?': worth a version,
    even when every school keeps its hours."""
    envelop, scholen = planningsenvelop(wereld, aantal=2, uren=10)
    services.verdeling_publiceren(door=coordinator, envelop=envelop)
    Schooljaarcijfers.objects.filter(school=scholen[1]).update(leerlingen=201)
    tweede = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    assert tweede.versie == 2


@pytest.mark.django_db
def test_een_uitkomst_die_intussen_veranderde_publiceert_niets(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    oud = _verschuif(coordinator, eerste, scholen[0], scholen[4], 24)
    _envelop(envelop, 1100)
    gezien = publicatie(
        envelop=envelop,
        aandelen=services.verdeling_berekenen(envelop),
        vorige=eerste,
        kaders=list(eerste.tijdskaders.select_related("school")),
        herverdelingen=[oud],
    ).uitkomst
    # Meanwhile the school import lowers the giving school's pupils.
    Schooljaarcijfers.objects.filter(school=scholen[0]).update(leerlingen=1)
    with pytest.raises(ValidationError, match="Wat publiceren doet, is veranderd sinds je het bekeek"):
        services.verdeling_publiceren(door=coordinator, envelop=envelop, uitkomst=gezien, gezien=oud.pk)
    # And the choices the coordinator confirmed are part of it: letting the move go is another outcome.
    Schooljaarcijfers.objects.filter(school=scholen[0]).update(leerlingen=100)
    with pytest.raises(ValidationError, match="Wat publiceren doet, is veranderd"):
        services.verdeling_publiceren(door=coordinator, envelop=envelop, uitkomst=gezien, vervallen=[oud.pk])
    assert not Verdeling.objects.filter(versie=2).exists()
    assert services.verdeling_publiceren(door=coordinator, envelop=envelop, uitkomst=gezien).versie == 2


@pytest.mark.django_db
def test_een_verschuiving_na_het_bekijken_publiceert_niets(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    gezien = _verschuif(coordinator, eerste, scholen[0], scholen[4], 5).pk
    _verschuif(wereld.gebruikers[Rol.DIRECTEUR], eerste, scholen[1], scholen[4], 5)
    _envelop(envelop, 1100)
    with pytest.raises(ValidationError, match="Iemand anders heeft intussen uren verschoven in versie 1"):
        services.verdeling_publiceren(door=coordinator, envelop=envelop, gezien=gezien)
    with pytest.raises(ValidationError, match="hoort niet bij versie 1"):
        services.verdeling_publiceren(door=coordinator, envelop=envelop, vervallen=[gezien + 1000])
    assert not Verdeling.objects.filter(versie=2).exists()


# ------------------------------------------------------------------------------------------ at the same time


def _samen(eerst, dan) -> tuple[dict, float]:
    """`eerst` runs in a transaction that stays open a moment after it ran; `dan` starts in that moment, on
    its own connection. Returns what each returned or raised, and how long `dan` took."""
    gestart, uitkomst, duur = threading.Event(), {}, {}

    def een():
        try:
            with transaction.atomic():
                uitkomst["eerst"] = eerst()
                gestart.set()
                time.sleep(0.6)
        except Exception as fout:
            uitkomst["eerst"] = fout
        finally:
            gestart.set()
            connection.close()

    def twee():
        gestart.wait(30)
        begin = time.monotonic()
        try:
            uitkomst["dan"] = dan()
        except Exception as fout:
            uitkomst["dan"] = fout
        finally:
            duur["dan"] = time.monotonic() - begin
            connection.close()

    draden = [threading.Thread(target=een), threading.Thread(target=twee)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    return uitkomst, duur["dan"]


@pytest.mark.django_db(transaction=True)
def test_een_verschuiving_tijdens_het_publiceren_wacht_en_vindt_de_nieuwe_versie(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    _envelop(envelop, 1100)

    uitkomst, wachtte = _samen(
        lambda: services.verdeling_publiceren(door=coordinator, envelop=envelop),
        lambda: _verschuif(coordinator, eerste, scholen[2], scholen[0], 5),
    )

    assert isinstance(uitkomst["eerst"], Verdeling) and uitkomst["eerst"].versie == 2
    assert isinstance(uitkomst["dan"], Verouderd), uitkomst["dan"]
    assert "nieuwere verdeling gepubliceerd" in uitkomst["dan"].message
    assert wachtte > 0.3  # it waited for the publication's lock instead of writing into version 1
    assert not Herverdeling.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_publiceren_tijdens_een_verschuiving_wacht_en_neemt_ze_over(wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    _envelop(envelop, 1100)

    uitkomst, wachtte = _samen(
        lambda: _verschuif(coordinator, eerste, scholen[2], scholen[0], 5),
        lambda: services.verdeling_publiceren(door=coordinator, envelop=envelop),
    )

    oud, tweede = uitkomst["eerst"], uitkomst["dan"]
    assert isinstance(oud, Herverdeling) and isinstance(tweede, Verdeling), uitkomst
    assert wachtte > 0.3
    assert tweede.herverdelingen.get().overgenomen_van == oud
    assert sum(k.uren for k in _kaders(tweede).values()) == 1100
