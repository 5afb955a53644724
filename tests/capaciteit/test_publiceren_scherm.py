"""Publishing a new version on the screen: the planning page says what happens to the moves of hours, the
preview lists each move with its choice and its fate, says what is lost and asks to confirm, offers nothing
when nothing changed, and every figure on it is what the stored rows give."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capaciteit import services
from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from netwerk.models import Rol
from scholen.models import Bediening
from tests.support.capaciteit import JAAR, planningsenvelop

PLANNING = reverse("capaciteit_planning")
VOORBEELD = reverse("capaciteit_publiceren_voorbeeld")
PUBLICEREN = reverse("capaciteit_publiceren")


@pytest.fixture
def coordinator(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    return wereld.gebruikers[Rol.COORDINATOR]


def _verschuif(door, verdeling, van, naar, uren, reden) -> Herverdeling:
    return services.uren_verschuiven(
        door=door, verdeling=verdeling, van_school_id=van.pk, naar_school_id=naar.pk, uren=uren, reden=reden
    )


def _envelop(envelop: Envelop, uren: int) -> None:
    Envelop.objects.filter(pk=envelop.pk).update(uren=uren)


def _tekst(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _formulier(html: str) -> dict[str, str]:
    """The publication form's fields as the browser sends them: hidden values and the checked choices."""
    begin = html.index(f'method="post" action="{PUBLICEREN}"')
    formulier = html[begin : html.index("</form>", begin)]
    velden = dict(re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', formulier))
    velden.update(re.findall(r'<input type="radio" name="([\w-]+)" value="(\w+)"[^>]* checked', formulier))
    return velden


def _tabel(html: str, klasse: str) -> list[list[str]]:
    tabel = re.search(rf'<table class="[^"]*{klasse}[^"]*"[^>]*>.*?</table>', html, re.S)[0]
    rijen = re.findall(r"<tr[^>]*>(.*?)</tr>", tabel.split("<tbody>")[1], re.S)
    return [[_tekst(cel) for cel in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", rij, re.S)] for rij in rijen]


def _getal(tekst: str) -> int:
    return int(tekst.replace("−", "-").replace("+", ""))


@pytest.mark.django_db
def test_de_planning_zegt_wat_er_met_de_verschuivingen_gebeurt(client, wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    _verschuif(coordinator, eerste, scholen[2], scholen[0], 24, "Minder nodig dit trimester")
    _envelop(envelop, 1100)

    html = client.get(PLANNING, {"schooljaar": JAAR}).content.decode()

    assert (
        "1 verschuiving sinds versie 1: 1 wordt overgenomen. Bij het publiceren kies je per verschuiving."
        in (_tekst(html))
    )
    assert f'href="{VOORBEELD}?schooljaar=2026">Publiceren als versie 2…</a>' in html
    assert f'action="{PUBLICEREN}"' not in html  # a later version is published from the preview only
    envelop.refresh_from_db()
    berekend = {a.naam: a.uren for a in services.verdeling_berekenen(envelop)}
    rijen = {rij[1]: rij for rij in _tabel(html, "capaciteit-tabel")}
    # Number, name, P, R, weight, computed, moves, hours in version 2, now, difference.
    assert rijen[scholen[2].naam][5:8] == [
        str(berekend[scholen[2].naam]),
        "−24",
        str(berekend[scholen[2].naam] - 24),
    ]
    assert rijen[scholen[0].naam][5:8] == [
        str(berekend[scholen[0].naam]),
        "+24",
        str(berekend[scholen[0].naam] + 24),
    ]
    assert rijen[scholen[1].naam][6] == "0"


@pytest.mark.django_db
def test_niets_veranderd_geeft_geen_knop_en_een_post_wordt_geweigerd(client, wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    # Before the first version there is nothing to compare with: the preview offers version 1.
    html = client.get(VOORBEELD, {"schooljaar": JAAR}).content.decode()
    assert "<h1>Versie 1 publiceren</h1>" in html and "Publiceren als versie 1</button>" in html
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    html = client.get(PLANNING, {"schooljaar": JAAR}).content.decode()
    assert "Niets veranderd sinds versie 1: dezelfde tijdskaders. Er is niets te publiceren." in _tekst(html)
    assert "Publiceren als versie 2" not in html and VOORBEELD not in html

    oud = _verschuif(coordinator, eerste, scholen[2], scholen[0], 24, "Minder nodig")
    html = client.get(PLANNING, {"schooljaar": JAAR}).content.decode()
    assert (
        "Niets veranderd sinds versie 1: dezelfde tijdskaders en dezelfde verschuivingen. "
        "Er is niets te publiceren."
    ) in _tekst(html)
    assert "Publiceren als versie 2" not in html
    assert "Verschuivingen laten vervallen…" in html

    html = client.get(VOORBEELD, {"schooljaar": JAAR}).content.decode()
    assert "Niets veranderd sinds versie 1" in _tekst(html)
    assert 'name="uitkomst"' not in html and "Publiceren als versie 2</button>" not in html
    antwoord = client.post(PUBLICEREN, {"schooljaar": JAAR, **_formulier(html)}, follow=True)
    assert "Er is niets veranderd sinds versie 1: dezelfde tijdskaders en dezelfde verschuivingen." in _tekst(
        antwoord.content.decode()
    )
    assert list(Verdeling.objects.values_list("versie", flat=True)) == [1]

    # Letting the move go is a change: the preview then offers the publication, and says what is lost.
    html = client.get(VOORBEELD, {"schooljaar": JAAR, f"keuze-{oud.pk}": "vervallen"}).content.decode()
    assert "Deze verschuiving gaat verloren in versie 2:" in _tekst(html)
    assert "Publiceren als versie 2</button>" in html


@pytest.mark.django_db
def test_het_voorbeeld_toont_elke_verschuiving_met_keuze_en_lot(client, wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    past = _verschuif(coordinator, eerste, scholen[3], scholen[1], 10, "Nieuwe klas met zorgvragen")
    te_veel = _verschuif(coordinator, eerste, scholen[0], scholen[4], 24, "School A heeft minder nodig")
    _envelop(envelop, 200)
    berekend = {a.naam: a.uren for a in services.verdeling_berekenen(Envelop.objects.get(pk=envelop.pk))}

    html = client.get(VOORBEELD, {"schooljaar": JAAR}).content.decode()
    tekst = _tekst(html)

    assert "<h1>Versie 2 publiceren</h1>" in html
    assert "niet getoond" not in html  # five schools: all of them fit on the page
    assert "2 verschuivingen sinds versie 1: 1 wordt overgenomen, 1 kan niet overgenomen worden." in tekst
    rijen = _tabel(html, "capaciteit-overnemen")
    datum = (
        f"{timezone.localtime(past.wanneer):%-d}"  # the page shows Brussels time (after 23:00 UTC: tomorrow)
    )
    assert rijen[0][0].startswith(datum)
    assert rijen[0][1:5] == [
        coordinator.naam,
        f"{scholen[3].naam} → {scholen[1].naam}",
        "10",
        "Nieuwe klas met zorgvragen",
    ]
    assert rijen[0][5] == f"10 uur van {scholen[3].naam} naar {scholen[1].naam} Overnemen Laten vervallen"
    assert rijen[0][6] == "Wordt overgenomen in versie 2."
    assert rijen[1][6] == (
        f"Kan niet overgenomen worden: {scholen[0].naam} heeft in versie 2 maar {berekend[scholen[0].naam]} "
        "uur, de verschuiving neemt er 24 weg."
    )
    # Carrying is the default; the page sends no token, stand or outcome along when a choice changes.
    assert _formulier(html)[f"keuze-{past.pk}"] == "overnemen"
    assert _formulier(html)[f"keuze-{te_veel.pk}"] == "overnemen"
    assert 'hx-params="not csrfmiddlewaretoken,stand,gezien,uitkomst"' in html
    # The confirmation says what is lost, and why.
    assert "Deze verschuiving gaat verloren in versie 2:" in tekst
    assert f"24 uur van {scholen[0].naam} naar {scholen[4].naam}. Kan niet overgenomen worden" in tekst


@pytest.mark.django_db
def test_een_keuze_wijzigen_en_publiceren(client, wereld, coordinator):
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    blijft = _verschuif(coordinator, eerste, scholen[3], scholen[1], 10, "Blijft")
    gaat = _verschuif(coordinator, eerste, scholen[2], scholen[0], 24, "Gaat")
    _envelop(envelop, 1100)

    # HTMX asks for the page's part with the changed choice.
    antwoord = client.get(
        VOORBEELD, {"schooljaar": JAAR, f"keuze-{gaat.pk}": "vervallen"}, HTTP_HX_REQUEST="true"
    )
    html = antwoord.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<div id="publicatie">')
    assert "2 verschuivingen sinds versie 1: 1 wordt overgenomen, 1 laat je vervallen." in _tekst(html)
    assert "Vervalt: je neemt deze verschuiving niet over in versie 2." in _tekst(html)
    formulier = _formulier(html)
    assert formulier[f"keuze-{gaat.pk}"] == "vervallen"

    antwoord = client.post(PUBLICEREN, formulier, follow=True)

    assert "Versie 2 gepubliceerd. 1 verschuiving overgenomen, 1 vervallen." in _tekst(
        antwoord.content.decode()
    )
    tweede = Verdeling.objects.get(versie=2)
    assert list(tweede.herverdelingen.values_list("overgenomen_van", flat=True)) == [blijft.pk]
    html = antwoord.content.decode()
    assert "overgenomen uit v1" in html  # the history marks the carried move


@pytest.mark.django_db
def test_een_keuze_die_niet_getoond_werd_publiceert_niets_en_toont_ze(client, wereld, coordinator):
    """Without script a changed choice is not shown before the click: the publication refuses the outcome
    the coordinator did not see and brings them back to the preview with their choice, now shown."""
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    gaat = _verschuif(coordinator, eerste, scholen[2], scholen[0], 24, "Gaat")
    _envelop(envelop, 1100)
    formulier = _formulier(client.get(VOORBEELD, {"schooljaar": JAAR}).content.decode())

    antwoord = client.post(PUBLICEREN, {**formulier, f"keuze-{gaat.pk}": "vervallen"}, follow=True)

    assert antwoord.redirect_chain[-1][0] == f"{VOORBEELD}?schooljaar=2026&keuze-{gaat.pk}=vervallen"
    tekst = _tekst(antwoord.content.decode())
    assert "Wat publiceren doet, is veranderd sinds je het bekeek" in tekst
    assert "Deze verschuiving gaat verloren in versie 2:" in tekst
    assert not Verdeling.objects.filter(versie=2).exists()


@pytest.mark.django_db
def test_elk_cijfer_van_het_voorbeeld_is_na_te_rekenen_uit_de_bewaarde_rijen(client, wereld, coordinator):
    """The preview's figures, then the publication: each figure shown is what the stored rows of versions 1
    and 2 give (frames, their computed hours, the moves carried)."""
    envelop, scholen = planningsenvelop(wereld, aantal=6)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    a, b, c, d, e, f = scholen
    zetten = [
        _verschuif(coordinator, eerste, e, a, 30, "Een"),
        _verschuif(coordinator, eerste, a, b, 40, "Twee"),
        _verschuif(coordinator, eerste, c, f, 7, "Drie"),
        _verschuif(coordinator, eerste, b, f, 130, "Vier"),  # does not fit once the envelope shrinks
    ]
    Bediening.objects.filter(lsc=wereld.lsc, school=d).delete()
    _envelop(envelop, 500)

    html = client.get(VOORBEELD, {"schooljaar": JAAR, "alle": ""}).content.decode()
    getoond_lot = [rij[6] for rij in _tabel(html, "capaciteit-overnemen")]
    getoond_scholen = {rij[0].split(" (")[0]: rij[1:] for rij in _tabel(html, "capaciteit-veranderd")}
    antwoord = client.post(PUBLICEREN, _formulier(html), follow=True)
    assert "Versie 2 gepubliceerd. 3 verschuivingen overgenomen, 1 vervallen." in _tekst(
        antwoord.content.decode()
    )

    tweede = Verdeling.objects.get(versie=2)
    oud = {k.school_id: k for k in Tijdskader.objects.filter(verdeling=eerste)}
    nieuw = {k.school_id: k for k in Tijdskader.objects.filter(verdeling=tweede)}
    rijen = list(Herverdeling.objects.filter(verdeling=tweede).order_by("pk").select_related("van", "naar"))
    assert [h.overgenomen_van_id for h in rijen] == [z.pk for z in zetten[:3]]
    # Each school's row: now (v1), computed (v2), moves (v2's rows), v2, difference; only the changed ones.
    verwacht = {}
    for school in scholen:
        voor = oud[school.pk].uren
        if school.pk not in nieuw:
            verwacht[school.naam] = [str(voor), "—", "0", "0", f"−{voor}"]
            continue
        kader = nieuw[school.pk]
        verschoven = sum(h.uren for h in rijen if h.naar.school_id == school.pk) - sum(
            h.uren for h in rijen if h.van.school_id == school.pk
        )
        assert kader.uren == kader.berekende_uren + verschoven
        if kader.uren != voor:
            verschil = kader.uren - voor
            verwacht[school.naam] = [
                str(voor),
                str(kader.berekende_uren),
                f"+{verschoven}" if verschoven > 0 else f"−{-verschoven}" if verschoven else "0",
                str(kader.uren),
                f"+{verschil}" if verschil > 0 else f"−{-verschil}",
            ]
    assert getoond_scholen == verwacht
    # The move that did not fit: the giving school's hours at that point are its computed hours in v2 and
    # the carried moves before it.
    bij_b = (
        nieuw[b.pk].berekende_uren
        + sum(h.uren for h in rijen[:2] if h.naar.school_id == b.pk)
        - sum(h.uren for h in rijen[:2] if h.van.school_id == b.pk)
    )
    assert getoond_lot == [
        "Wordt overgenomen in versie 2.",
        "Wordt overgenomen in versie 2.",
        "Wordt overgenomen in versie 2.",
        f"Kan niet overgenomen worden: {b.naam} heeft in versie 2, na de verschuivingen ervoor, maar {bij_b} "
        "uur, de verschuiving neemt er 130 weg.",
    ]
    assert sum(k.uren for k in nieuw.values()) == 500


def _queries_van_het_voorbeeld(client, wereld, coordinator, aantal: int, zetten: int) -> int:
    envelop, scholen = planningsenvelop(wereld, aantal=aantal)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    for i in range(zetten):
        _verschuif(coordinator, eerste, scholen[-1], scholen[i % (aantal - 1)], 1, f"Zet {i}")
    _envelop(envelop, 1100)
    client.get(VOORBEELD, {"schooljaar": JAAR})  # warm up: session, user
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(VOORBEELD, {"schooljaar": JAAR}).status_code == 200
    return len(vastgelegd)


@pytest.mark.django_db
def test_het_voorbeeld_kost_een_vast_aantal_queries(client, wereld, coordinator):
    """Session and user (2), the versions with their envelope, the moves of the latest with their schools,
    its frames, the schools with their figures: 6, with 3 schools and 1 move as with 30 and 12."""
    klein = _queries_van_het_voorbeeld(client, wereld, coordinator, 3, 1)
    Herverdeling.objects.all().delete()
    Tijdskader.objects.all().delete()
    Verdeling.objects.all().delete()
    Envelop.objects.all().delete()
    for bediening in wereld.lsc.bedieningen.exclude(school=wereld.eigen_school):
        bediening.delete()
    groot = _queries_van_het_voorbeeld(client, wereld, coordinator, 30, 12)
    assert klein == groot == 6


@pytest.mark.parametrize("rol", [Rol.TEAMCOACH, Rol.ONDERSTEUNER, Rol.ZORG, Rol.CLB, Rol.ADMIN])
def test_andere_rollen_zien_het_voorbeeld_niet(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    assert client.get(VOORBEELD).status_code == 403


@pytest.mark.django_db
def test_veel_scholen_worden_afgekapt_en_alle_tonen_houdt_de_keuzes(client, wereld, coordinator, monkeypatch):
    monkeypatch.setattr("capaciteit.views.gedeeld.MAX_RIJEN", 2)
    envelop, scholen = planningsenvelop(wereld)
    eerste = services.verdeling_publiceren(door=coordinator, envelop=envelop)
    gaat = _verschuif(coordinator, eerste, scholen[2], scholen[0], 24, "Gaat")
    _envelop(envelop, 1100)
    html = client.get(VOORBEELD, {"schooljaar": JAAR, f"keuze-{gaat.pk}": "vervallen"}).content.decode()
    assert len(_tabel(html, "capaciteit-veranderd")) == 2
    alle = f"{VOORBEELD}?schooljaar=2026&amp;keuze-{gaat.pk}=vervallen&amp;alle"
    assert f'Nog 3 scholen niet getoond. <a href="{alle}">Alle scholen tonen</a>' in html
    html = client.get(unescape(alle)).content.decode()
    assert len(_tabel(html, "capaciteit-veranderd")) == 5
    assert _formulier(html)[f"keuze-{gaat.pk}"] == "vervallen"
