"""The school's dossier: each role sees its own sections of its own school, the frame's figures are those of
the stored rows, the trajectories filter in place, and the consultation report's spreading is the frame's
own words when it follows the frame."""

import datetime as dt
import re
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from capaciteit import services as capaciteit_services
from capaciteit.models import Envelop, Planregel, Tijdskader, Weekplan
from capaciteit.rekenen.woorden import beschrijf
from netwerk.kalender import is_schooldag
from netwerk.models import Inzage, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import documenten
from overleg import services as overleg_services
from overleg.models import Afspraak, Schoolbeeldoverleg
from overleg.models import Status as OverlegStatus
from overleg.services import ONDERDELEN, OverlegFout, onderdeel_stand
from scholen.models import Verslagregister
from tests import factories
from tests.support.werelden import overleg_van
from trajecten.models import BREDE_TYPES, Logboekregel, Status

JAAR = huidig_schooljaar()
SECTIES = {
    "trajecten": 'id="dossier-trajecten-sectie"',
    "aanvragen": 'id="dossier-aanvragen"',
    "kader": 'id="dossier-kader"',
    "bezoeken": 'id="dossier-bezoeken"',
    "overleg": 'id="dossier-overleg"',
    "register": 'id="dossier-register"',
    "contact": 'id="dossier-contact"',
}
ALLES = set(SECTIES)
# Which sections each role finds on its own school's dossier.
VERWACHT = {
    Rol.COORDINATOR: ALLES,
    Rol.DIRECTEUR: ALLES,
    Rol.TEAMCOACH: ALLES,
    Rol.ONDERSTEUNER: ALLES,
    Rol.ZORG: ALLES,
    Rol.CLB: {"overleg", "register", "contact"},
    Rol.ADMIN: {"kader", "register", "contact"},
}


def _url(school, **filters) -> str:
    url = reverse("school_dossier", args=[school.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in filters.items()) if filters else "")


def _publiceer(wereld, uren: int = 100):
    envelop = Envelop.objects.create(lsc=wereld.lsc, schooljaar=JAAR, uren=uren, verslagsoorten=["gc"])
    return capaciteit_services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=envelop)


def _gedeeld_overleg(wereld, **velden) -> Schoolbeeldoverleg:
    toen = timezone.now() - dt.timedelta(days=20)
    overleg = overleg_van(
        wereld, status=OverlegStatus.GEDEELD, datum=toen, gehouden_op=toen, gedeeld_op=toen, **velden
    )
    Afspraak.objects.create(
        overleg=overleg,
        omschrijving="Klasobservatie in het derde leerjaar",
        eigenaar=wereld.anker.gebruiker,
        tegen=toen.date() + dt.timedelta(days=40),
    )
    return overleg


def _cijfer(html: str, naam: str) -> str:
    [waarde] = re.findall(rf'data-cijfer="{naam}">([^<]*)<', html)
    return waarde


def _uren(tekst: str) -> Fraction:
    return Fraction(tekst.replace(",", "."))


# ------------------------------------------------------------------------------------------ the sections


@pytest.mark.django_db
@pytest.mark.parametrize("rol", sorted(VERWACHT))
def test_elke_rol_ziet_enkel_haar_secties(client, wereld, rol):
    _publiceer(wereld)
    _gedeeld_overleg(wereld)
    client.force_login(wereld.gebruikers[rol])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    aanwezig = {naam for naam, merk in SECTIES.items() if merk in html}
    assert aanwezig == VERWACHT[rol]


@pytest.mark.django_db
def test_clb_ziet_geen_tijdskader_geen_trajecten_en_geen_namen(client, wereld):
    _publiceer(wereld)
    _gedeeld_overleg(wereld)
    traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school)
    client.force_login(wereld.gebruikers[Rol.CLB])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    assert traject.leerling.voornaam not in html
    assert "data-cijfer" not in html and "hoe berekend?" not in html
    assert "Klasobservatie in het derde leerjaar" in html  # the report's agreements, which the CLB reads


@pytest.mark.django_db
def test_een_andere_school_bestaat_niet(client, wereld):
    for rol in (Rol.ZORG, Rol.ONDERSTEUNER, Rol.COORDINATOR, Rol.CLB, Rol.TEAMCOACH):
        client.force_login(wereld.gebruikers[rol])
        assert client.get(_url(wereld.vreemde_school)).status_code == 404, rol


@pytest.mark.django_db
def test_zorg_ziet_niets_van_een_lsc_dat_haar_niet_bevestigde(client, wereld):
    """The other LSC serves the school too but did not vouch for the care account: none of its
    trajectories, frame, visits or consultation appear, and the page says why."""
    ander = wereld.vreemde_ondersteuner.lsc
    factories.BedieningFactory(lsc=ander, school=wereld.eigen_school)
    factories.CijfersFactory(school=wereld.vreemde_school)
    _publiceer(wereld)
    envelop = Envelop.objects.create(lsc=ander, schooljaar=JAAR, uren=777, verslagsoorten=["gc"])
    capaciteit_services.verdeling_publiceren(door=None, envelop=envelop)
    vreemd = factories.TrajectFactory(lsc=ander, school=wereld.eigen_school, leerling__voornaam="Vreemdeling")
    plan = Weekplan.objects.create(lsc=ander, schooljaar=JAAR, status=Weekplan.Status.GEPUBLICEERD, versie=1)
    Planregel.objects.create(
        weekplan=plan, ondersteuner=wereld.vreemde_ondersteuner, school=wereld.eigen_school, dag=2, blokken=4
    )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.get(_url(wereld.eigen_school))
    html = antwoord.content.decode()
    assert "Vreemdeling" not in html
    assert wereld.vreemde_ondersteuner.gebruiker.naam not in html
    assert [k.verdeling.envelop.lsc_id for k in antwoord.context["kaders"]] == [wereld.lsc.pk]
    assert "heeft je account nog niet bevestigd" in html
    # The coordinator of the own LSC sees nothing of the other LSC either.
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    assert "Vreemdeling" not in html and "777" not in html
    assert vreemd.pk not in [t.pk for t in client.get(_url(wereld.eigen_school)).context["trajecten"]]


# ------------------------------------------------------------------------------------- the frame's figures


@pytest.mark.django_db
def test_uren_gebruikt_en_over_komen_uit_de_opgeslagen_rijen(client, wereld):
    _publiceer(wereld)
    breed = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, type="9")
    basis = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, type="basisaanbod")
    klein = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, type="2")
    for traject, datum, minuten in (
        (breed, dt.date(JAAR, 10, 5), 95),
        (basis, dt.date(JAAR, 11, 2), 130),
        (klein, dt.date(JAAR, 10, 6), 120),  # a small type: outside the frame
        (breed, dt.date(JAAR, 8, 30), 60),  # last school year
    ):
        factories.LogboekregelFactory(
            traject=traject, ondersteuner=wereld.anker, datum=datum, minuten=minuten
        )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(_url(wereld.eigen_school)).content.decode()

    kader = Tijdskader.objects.select_related("verdeling__envelop").get(school=wereld.eigen_school)
    gebruikt = sum(
        Logboekregel.objects.filter(
            traject__school=wereld.eigen_school,
            traject__type__in=BREDE_TYPES,
            datum__gte=dt.date(JAAR, 9, 1),
            datum__lt=dt.date(JAAR + 1, 9, 1),
        ).values_list("minuten", flat=True)
    )
    assert gebruikt == 225
    assert int(_cijfer(html, "uren")) == kader.uren
    # Shown with one decimal: within half a tenth of the exact hours.
    assert abs(_uren(_cijfer(html, "gebruikt")) - Fraction(gebruikt, 60)) <= Fraction(1, 20)
    assert abs(_uren(_cijfer(html, "resterend")) - (kader.uren - Fraction(gebruikt, 60))) <= Fraction(1, 20)
    woorden = beschrijf(kader.uren, kader.verdeling.envelop.schoolweken)
    assert _cijfer(html, "woorden") == woorden.zin
    assert _cijfer(html, "per_week") == woorden.per_week


@pytest.mark.django_db
def test_boven_het_tijdskader_is_er_niets_meer_over(client, wereld):
    _publiceer(wereld, uren=2)
    traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, type="3")
    factories.LogboekregelFactory(
        traject=traject, ondersteuner=wereld.anker, datum=dt.date(JAAR, 10, 1), minuten=150
    )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    assert _cijfer(html, "resterend") == "0"
    assert _uren(_cijfer(html, "boven_kader")) == Fraction(150, 60) - 2


@pytest.mark.django_db
def test_uitleg_in_gewone_taal_en_de_formules_een_klik_verder(client, wereld):
    _publiceer(wereld)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    uitleg = html.split('class="gewone-taal"', 1)[1].split("</div>", 1)[0]
    assert "vaste envelop" in uitleg and "100 uur" in uitleg and "70 %" in uitleg
    assert "ΣP" not in uitleg and "W =" not in uitleg  # no formula in the plain explanation
    berekend = html.split('<details class="hoe-berekend">', 1)[1].split("</details>", 1)[0]
    assert "<summary>hoe berekend?</summary>" in berekend
    assert "W = P/ΣP" in berekend or "R/ΣR" in berekend
    assert "Tijdskader nu: 100 uur." in berekend


@pytest.mark.django_db
def test_zorg_ziet_nooit_het_interne_advies_van_het_lsc(client, wereld):
    """Far below the frame (nothing logged after more than six school weeks): the LSC's staff read the
    solidarity advice (release hours for other schools), care staff only to talk to their anchor."""
    _publiceer(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html_lsc = client.get(_url(wereld.eigen_school)).content.decode()
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.get(_url(wereld.eigen_school))
    [kader] = antwoord.context["kaders"]
    if kader.opvolging.signaal != "onder":
        pytest.skip("vóór de zesde schoolweek zegt het signaal nog niets")
    html_zorg = antwoord.content.decode()
    assert "vrijgeven" in html_lsc and "solidariteit" in html_lsc
    assert 'data-signaal="onder"' in html_zorg
    assert "vrijgeven" not in html_zorg and "solidariteit" not in html_zorg.lower()
    assert "bespreek met jullie ankerondersteuner" in html_zorg


@pytest.mark.django_db
def test_het_tijdskader_toont_afspraken_en_spreiding_van_het_overleg(client, wereld):
    _publiceer(wereld)
    _gedeeld_overleg(wereld, spreiding="Elke dinsdagvoormiddag")
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    kader = html.split('id="dossier-kader"', 1)[1].split("</section>", 1)[0]
    assert "Elke dinsdagvoormiddag" in kader
    assert "Klasobservatie in het derde leerjaar" in kader


# --------------------------------------------------------------------------- the report's spreading


def _spreiding_bewaren(wereld, overleg, **gegevens):
    deel = ONDERDELEN["spreiding"]
    overleg.refresh_from_db()
    return overleg_services.onderdeel_bewaren(
        door=wereld.gebruikers[Rol.COORDINATOR],
        overleg=overleg,
        onderdeel=deel,
        versie=overleg.versie,
        stand=onderdeel_stand(overleg, deel.velden),
        gegevens=gegevens,
    )


@pytest.mark.django_db
def test_de_spreiding_van_het_verslag_is_het_tijdskader_in_woorden(client, wereld):
    _publiceer(wereld, uren=74)
    overleg = _gedeeld_overleg(wereld, spreiding="Onze eigen afspraak over de dinsdagen")
    _spreiding_bewaren(wereld, overleg, spreiding_uit_kader=True, spreiding=overleg.spreiding)
    overleg.refresh_from_db()
    kader = Tijdskader.objects.select_related("verdeling__envelop").get(school=wereld.eigen_school)
    woorden = beschrijf(kader.uren, kader.verdeling.envelop.schoolweken).zin
    # The free text is kept, not shown.
    assert overleg.spreiding == "Onze eigen afspraak over de dinsdagen"

    client.force_login(wereld.gebruikers[Rol.ZORG])
    verslag = client.get(reverse("overleg_verslag", args=[overleg.pk])).content.decode()
    assert f"<p data-spreiding>{woorden}</p>" in verslag
    assert "Onze eigen afspraak" not in verslag
    dossier = client.get(_url(wereld.eigen_school)).content.decode()
    assert _cijfer(dossier, "woorden") == woorden
    assert re.search(rf'data-cijfer="spreiding">{re.escape(woorden)}\s*<', dossier)
    assert woorden in documenten.html_voor(overleg, "verslag")

    # The frame moves: the report follows, it cannot keep the old words.
    envelop = kader.verdeling.envelop
    envelop.uren = 36
    envelop.save(update_fields=["uren"])
    capaciteit_services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=envelop)
    nieuw = beschrijf(36, envelop.schoolweken).zin
    assert nieuw != woorden
    assert (
        f"<p data-spreiding>{nieuw}</p>"
        in client.get(reverse("overleg_verslag", args=[overleg.pk])).content.decode()
    )

    # Back to the own text: it was never lost.
    _spreiding_bewaren(wereld, overleg, spreiding_uit_kader=False, spreiding=overleg.spreiding)
    verslag = client.get(reverse("overleg_verslag", args=[overleg.pk])).content.decode()
    assert "<p data-spreiding>Onze eigen afspraak over de dinsdagen</p>" in verslag


@pytest.mark.django_db
def test_een_bestaand_verslag_houdt_zijn_vrije_tekst(client, wereld):
    _publiceer(wereld)
    overleg = _gedeeld_overleg(wereld, spreiding="gemiddeld 1 dag per maand")
    assert overleg.spreiding_uit_kader is False
    client.force_login(wereld.gebruikers[Rol.ZORG])
    verslag = client.get(reverse("overleg_verslag", args=[overleg.pk])).content.decode()
    assert "<p data-spreiding>gemiddeld 1 dag per maand</p>" in verslag


@pytest.mark.django_db
def test_zonder_gepubliceerd_tijdskader_wordt_de_keuze_geweigerd(wereld):
    overleg = _gedeeld_overleg(wereld, spreiding="Eigen tekst")
    with pytest.raises(OverlegFout, match="nog geen tijdskader gepubliceerd"):
        _spreiding_bewaren(wereld, overleg, spreiding_uit_kader=True, spreiding="Eigen tekst")
    overleg.refresh_from_db()
    assert (overleg.spreiding_uit_kader, overleg.spreiding) == (False, "Eigen tekst")


@pytest.mark.django_db
def test_het_formulier_noemt_de_woorden_van_het_tijdskader(client, wereld):
    _publiceer(wereld, uren=74)
    overleg = _gedeeld_overleg(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(
        reverse("overleg_onderdeel", args=[overleg.pk, "spreiding"]), HTTP_HX_REQUEST="true"
    ).content.decode()
    kader = Tijdskader.objects.select_related("verdeling__envelop").get(school=wereld.eigen_school)
    assert beschrijf(74, kader.verdeling.envelop.schoolweken).zin in html
    assert 'name="spreiding_uit_kader"' in html and 'name="spreiding"' in html


# ----------------------------------------------------------------------------------- the trajectories


def _trajecten(wereld):
    vandaag = timezone.localdate()
    school, lsc = wereld.eigen_school, wereld.lsc
    return {
        "aangemeld": factories.TrajectFactory(lsc=lsc, school=school, type="9"),
        "lopend": factories.TrajectFactory(
            lsc=lsc, school=school, type="3", status=Status.LOPEND, start=vandaag
        ),
        "team": factories.TrajectFactory(
            lsc=lsc,
            school=school,
            type="basisaanbod",
            gebondenheid="team",
            leerling=None,
            groep="Team lager",
            status=Status.LOPEND,
            start=vandaag,
        ),
        "afgerond_nu": factories.TrajectFactory(
            lsc=lsc, school=school, type="9", status=Status.AFGEROND, afgesloten_op=dt.date(JAAR, 10, 1)
        ),
        "afgerond_toen": factories.TrajectFactory(
            lsc=lsc, school=school, type="9", status=Status.AFGEROND, afgesloten_op=dt.date(JAAR - 1, 12, 1)
        ),
    }


def _getoond(antwoord) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-traject="(\d+)"', antwoord.content.decode())}


@pytest.mark.django_db
def test_lopende_en_recente_trajecten_en_de_filters(client, wereld):
    t = _trajecten(wereld)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    school = wereld.eigen_school
    recent = {t[n].pk for n in ("aangemeld", "lopend", "team", "afgerond_nu")}
    assert _getoond(client.get(_url(school))) == recent
    assert _getoond(client.get(_url(school, status="alle"))) == recent | {t["afgerond_toen"].pk}
    assert _getoond(client.get(_url(school, status="afgerond"))) == {
        t["afgerond_nu"].pk,
        t["afgerond_toen"].pk,
    }
    assert _getoond(client.get(_url(school, type="9"))) == {t["aangemeld"].pk, t["afgerond_nu"].pk}
    assert _getoond(client.get(_url(school, gebondenheid="team"))) == {t["team"].pk}
    assert _getoond(client.get(_url(school, status="lopend", type="3"))) == {t["lopend"].pk}
    # A tampered value is dropped, not an error.
    assert _getoond(client.get(_url(school, status="kapot", type="x"))) == recent


@pytest.mark.django_db
def test_filteren_met_htmx_geeft_enkel_de_lijst(client, wereld):
    t = _trajecten(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(
        _url(wereld.eigen_school, status="lopend"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dossier-trajecten"
    )
    html = antwoord.content.decode()
    assert html.lstrip().startswith('<div id="dossier-trajecten"')
    assert "<h1>" not in html
    assert _getoond(antwoord) == {t["lopend"].pk, t["team"].pk}


@pytest.mark.django_db
def test_de_namen_in_het_dossier_worden_gelogd_als_inzage(client, wereld):
    t = _trajecten(wereld)
    client.force_login(wereld.gebruikers[Rol.ZORG])
    client.get(_url(wereld.eigen_school))
    inzage = Inzage.objects.get(door=wereld.gebruikers[Rol.ZORG], soort=Inzage.Soort.LIJST)
    gelezen = {int(pk) for pk in inzage.omschrijving.split()[2:]}
    assert gelezen == {t[n].pk for n in ("aangemeld", "lopend", "afgerond_nu")}  # the team has no pupil


@pytest.mark.django_db
def test_open_aanvragen_staan_apart(client, wereld):
    t = _trajecten(wereld)
    in_behandeling = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, status=Status.IN_BEHANDELING
    )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    aanvragen = {int(pk) for pk in re.findall(r'data-aanvraag="(\d+)"', html)}
    assert aanvragen == {t["aangemeld"].pk, in_behandeling.pk}


@pytest.mark.django_db
def test_de_ondersteuner_ziet_enkel_wat_hij_mag(client, wereld):
    """A focus supporter without anchor role at the school sees only the trajectory assigned to them."""
    t = _trajecten(wereld)
    focus = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.ToewijzingFactory(traject=t["lopend"], ondersteuner=focus, rol="focus")
    client.force_login(focus.gebruiker)
    assert _getoond(client.get(_url(wereld.eigen_school))) == {t["lopend"].pk}


# --------------------------------------------------------------------------- visits, register, contacts


@pytest.mark.django_db
def test_wie_komt_wanneer_volgens_het_gepubliceerde_weekplan(client, wereld):
    plan = Weekplan.objects.create(
        lsc=wereld.lsc, schooljaar=JAAR, status=Weekplan.Status.GEPUBLICEERD, versie=1
    )
    Planregel.objects.create(
        weekplan=plan, ondersteuner=wereld.anker, school=wereld.eigen_school, dag=1, blokken=6
    )
    voorstel = Weekplan.objects.create(lsc=wereld.lsc, schooljaar=JAAR, status=Weekplan.Status.VOORSTEL)
    Planregel.objects.create(
        weekplan=voorstel, ondersteuner=wereld.anker, school=wereld.eigen_school, dag=4, blokken=2
    )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    bezoeken = html.split('id="dossier-bezoeken"', 1)[1].split("</section>", 1)[0]
    cyclus = bezoeken.split("</dl>", 1)[0]
    assert "<dt>Dinsdag</dt>" in cyclus and f"{wereld.anker.gebruiker.naam} (3 u)" in cyclus
    assert "Vrijdag" not in cyclus  # a proposal is not the published plan
    # On dates (this week and next): the Tuesdays that are school days, and no other day with a visit.
    gezien = {
        dt.date.fromisoformat(dag[:10]): f"<strong>{wereld.eigen_school.naam}</strong>" in dag
        for dag in bezoeken.split('data-datum="')[1:]
    }
    maandag = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    dinsdagen = {maandag + dt.timedelta(days=d) for d in (1, 8)}
    assert {d for d, bezoek in gezien.items() if bezoek} == {d for d in dinsdagen if is_schooldag(d)}


@pytest.mark.django_db
def test_register_clb_en_contacten(client, wereld):
    Verslagregister.objects.create(school=wereld.eigen_school, soort="gc", aantal=17, bewaarplaats="Zorgkast")
    client.force_login(wereld.gebruikers[Rol.CLB])
    html = client.get(_url(wereld.eigen_school)).content.decode()
    assert '<span data-register="gc">17</span> · Zorgkast' in html
    assert wereld.clb.naam in html
    assert wereld.gebruikers[Rol.ZORG].email in html
    assert wereld.anker.gebruiker.naam in html


# ------------------------------------------------------------------------------------ the way in


@pytest.mark.django_db
def test_mijn_school_leidt_zorg_naar_het_dossier(client, wereld):
    zorg = wereld.gebruikers[Rol.ZORG]
    client.force_login(zorg)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("school_mijn")}"' in home
    antwoord = client.get(reverse("school_mijn"))
    assert antwoord["Location"] == _url(wereld.eigen_school)
    # On the dossier, "Mijn school" is the active menu item.
    html = client.get(_url(wereld.eigen_school)).content.decode()
    assert re.search(r'<a href="/scholen/mijn/"[^>]*aria-current="page"', html)


@pytest.mark.django_db
def test_met_twee_scholen_eerst_de_lijst_met_een_dossier_per_school(client, wereld):
    zorg = wereld.gebruikers[Rol.ZORG]
    tweede = factories.SchoolFactory(naam="School Twee")
    factories.BedieningFactory(lsc=wereld.lsc, school=tweede)
    factories.in_zorgteam(tweede, zorg)
    client.force_login(zorg)
    antwoord = client.get(reverse("school_mijn"))
    assert antwoord["Location"] == reverse("school_lijst")
    lijst = client.get(reverse("school_lijst")).content.decode()
    for school in (wereld.eigen_school, tweede):
        assert f'href="{_url(school)}"' in lijst


@pytest.mark.django_db
def test_andere_rollen_gaan_naar_de_lijst_en_de_schoolpagina_linkt_het_dossier(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert client.get(reverse("school_mijn"))["Location"] == reverse("school_lijst")
    detail = client.get(reverse("school_detail", args=[wereld.eigen_school.pk])).content.decode()
    assert f'href="{_url(wereld.eigen_school)}"' in detail
    lijst = client.get(reverse("school_lijst")).content.decode()
    assert f'href="{_url(wereld.eigen_school)}"' in lijst


@pytest.mark.django_db
def test_de_tijdskaderpagina_en_het_dossier_zeggen_hetzelfde(client, wereld):
    """Both pages build the frame with one function: the same hours, words, use and hours left."""
    _publiceer(wereld, uren=74)
    traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, type="9")
    factories.LogboekregelFactory(
        traject=traject, ondersteuner=wereld.anker, datum=dt.date(JAAR, 10, 5), minuten=100
    )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    dossier = client.get(_url(wereld.eigen_school)).content.decode()
    pagina = client.get(reverse("tijdskader_school", args=[wereld.eigen_school.pk])).content.decode()
    for naam in ("uren", "per_week", "gebruikt", "resterend"):
        assert _cijfer(pagina, naam) == _cijfer(dossier, naam), naam
    assert _uren(_cijfer(pagina, "resterend")) == Fraction(7230, 100)  # 74 − 100/60 = 72,33 → 72,3
    for zin in re.findall(r'class="gewone-taal">(.*?)</div>', dossier, re.S):
        assert zin in pagina
