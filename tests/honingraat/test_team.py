"""The team (issue 20, part 4): the staff list recomputed from the stored rows, its export equal to the
screen, assignment changes and leave through the year, and the guided step of a supporter who leaves."""

import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from capaciteit.models import Envelop, Planregel, Weekplan
from capaciteit.services.jaarovergang import overgangsplan
from netwerk import tasks
from netwerk.models import Afwezigheid, Focus, Gebruiker, Ondersteuner, Opdrachtwijziging, Rol, Wijziging
from netwerk.schooljaar import huidig_schooljaar
from netwerk.services import opdrachten_bijwerken
from scholen.models import Ankertoewijzing
from tests import factories
from tests.support.lijsten import HTMX, Lijstpagina, csv_rijen
from tests.support.queries import aantal_queries
from trajecten.models import OPEN_STATUSSEN, Logboekregel, Status, Toewijzing

VANDAAG = timezone.localdate()
JAAR = huidig_schooljaar()
LIJST = "/team/"


@pytest.fixture
def team(wereld):
    """Two regio teams of the own LSC, supporters with anchors, open and closed trajectories, minutes logged
    this school year and the last, a published week plan (and an older one), leave now and later."""
    lsc = wereld.lsc
    Envelop.objects.create(lsc=lsc, schooljaar=JAAR, uren=1000, uren_per_voltijdse=1200, schoolweken=36)
    noord = factories.RegioteamFactory(lsc=lsc, naam="Regio Noord")
    wereld.noord = noord
    wereld.bo = factories.OndersteunerFactory(
        lsc=lsc, regioteam=noord, gebruiker__naam="Bo Peeters", opdracht_procent=50, focusteams=[Focus.ASS]
    )
    wereld.cas = factories.OndersteunerFactory(
        lsc=lsc, regioteam=wereld.regioteam, gebruiker__naam="Cas Wouters", opdracht_procent=80
    )
    wereld.dina = factories.OndersteunerFactory(
        lsc=lsc, regioteam=wereld.regioteam, gebruiker__naam="Dina Claes", opdracht_procent=100
    )
    wereld.anker.opdracht_procent = 60
    wereld.anker.focusteams = [Focus.GEDRAG]
    wereld.anker.save()
    scholen = [wereld.eigen_school]
    for naam in ["De Linde", "Het Anker", "Klavertje"]:
        school = factories.SchoolFactory(naam=naam)
        factories.BedieningFactory(lsc=lsc, school=school, regioteam=wereld.regioteam)
        scholen.append(school)
    wereld.scholen = scholen
    for school in scholen[1:3]:
        factories.AnkerFactory(school=school, ondersteuner=wereld.anker, lsc=lsc, schooljaar=JAAR)
    factories.AnkerFactory(school=scholen[3], ondersteuner=wereld.bo, lsc=lsc, schooljaar=JAAR)
    factories.AnkerFactory(school=scholen[3], ondersteuner=wereld.anker, lsc=lsc, schooljaar=JAAR - 1)
    statussen = [Status.AANGEMELD, Status.LOPEND, Status.LOPEND, Status.AFGEROND, Status.STOPGEZET]
    for nummer, status in enumerate(statussen):
        traject = factories.TrajectFactory(lsc=lsc, school=scholen[nummer % 4], status=status)
        factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker, rol=Toewijzing.Rol.ANKER)
        if nummer % 2:
            factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.cas, rol=Toewijzing.Rol.FOCUS)
        for dagen, minuten in [(3, 45), (40, 90), (400, 120)]:  # the last one: an earlier school year
            datum = (
                max(VANDAAG - dt.timedelta(days=dagen), dt.date(JAAR, 9, 1))
                if dagen < 300
                else dt.date(JAAR - 1, 10, 1)
            )
            factories.LogboekregelFactory(
                traject=traject, ondersteuner=wereld.anker, datum=datum, minuten=minuten
            )
            factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.cas, datum=datum, minuten=30)
    oud = Weekplan.objects.create(lsc=lsc, schooljaar=JAAR, status=Weekplan.Status.VERVANGEN, versie=1)
    plan = Weekplan.objects.create(
        lsc=lsc,
        schooljaar=JAAR,
        status=Weekplan.Status.GEPUBLICEERD,
        versie=2,
        instellingen={"cyclus_weken": 2},
    )
    for ondersteuner, dag, blokken in [
        (wereld.anker, 0, 8),
        (wereld.anker, 6, 8),
        (wereld.bo, 1, 30),
        (wereld.cas, 2, 6),
        (wereld.dina, 3, 40),
    ]:
        Planregel.objects.create(
            weekplan=plan, ondersteuner=ondersteuner, school=scholen[0], dag=dag, blokken=blokken
        )
    Planregel.objects.create(weekplan=oud, ondersteuner=wereld.cas, school=scholen[0], dag=1, blokken=50)
    Afwezigheid.objects.create(
        ondersteuner=wereld.cas,
        van=VANDAAG - dt.timedelta(days=2),
        tot=VANDAAG + dt.timedelta(days=5),
        soort="ziekte",
    )
    Afwezigheid.objects.create(
        ondersteuner=wereld.bo,
        van=VANDAAG + dt.timedelta(days=20),
        tot=VANDAAG + dt.timedelta(days=30),
        soort="verlof",
    )
    Afwezigheid.objects.create(
        ondersteuner=wereld.bo,
        van=VANDAAG - dt.timedelta(days=60),
        tot=VANDAAG - dt.timedelta(days=50),
        soort="andere",
    )
    return wereld


def _uren(minuten) -> str:
    """As the pages print hours: one decimal, comma, no ",0"."""
    uren = Fraction(minuten) / 60
    tekst = str((Decimal(uren.numerator) / Decimal(uren.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    tekst = tekst.replace(".", ",")
    return tekst.removesuffix(",0")


def _verwacht(ondersteuner: Ondersteuner) -> dict:
    """Every figure of one row, recomputed straight from the stored rows."""
    envelop = Envelop.objects.get(lsc=ondersteuner.lsc, schooljaar=JAAR)
    plan = Weekplan.objects.get(lsc=ondersteuner.lsc, schooljaar=JAAR, status=Weekplan.Status.GEPUBLICEERD)
    blokken = sum(
        Planregel.objects.filter(weekplan=plan, ondersteuner=ondersteuner).values_list("blokken", flat=True)
    )
    gepland = Fraction(blokken * 30, plan.cyclus_weken)
    beschikbaar = (
        Fraction(envelop.uren_per_voltijdse * 60, envelop.schoolweken) * ondersteuner.opdracht_procent / 100
    )
    gelogd = sum(
        Logboekregel.objects.filter(
            ondersteuner=ondersteuner, datum__gte=dt.date(JAAR, 9, 1), datum__lt=dt.date(JAAR + 1, 9, 1)
        ).values_list("minuten", flat=True)
    )
    trajecten = {
        t.traject_id
        for t in Toewijzing.objects.filter(ondersteuner=ondersteuner)
        if t.traject.status in OPEN_STATUSSEN
    }
    signaal = (
        "boven opdracht"
        if gepland > beschikbaar
        else "onder opdracht"
        if gepland < beschikbaar / 2
        else "binnen opdracht"
    )
    return {
        "Opdracht (%)": str(ondersteuner.opdracht_procent),
        "Uren per jaar": str(ondersteuner.opdracht_procent * envelop.uren_per_voltijdse // 100),
        "Ankerscholen": str(
            Ankertoewijzing.objects.filter(ondersteuner=ondersteuner, schooljaar=JAAR).count()
        ),
        "Lopende trajecten": str(len(trajecten)),
        "Beschikbaar (u/week)": _uren(beschikbaar),
        "Gepland (u/week)": _uren(gepland),
        "Gelogd dit schooljaar (u)": _uren(gelogd),
        "Belasting": signaal,
    }


def _csv(client, query: str = "") -> list[list[str]]:
    antwoord = client.get(reverse("team_export", args=["csv"]) + (f"?{query}" if query else ""))
    assert antwoord.status_code == 200
    return csv_rijen(antwoord.content)


def test_elk_cijfer_van_de_lijst_volgt_uit_de_rijen(client, team):
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    rijen = _csv(client)
    kop, *data = rijen
    per_naam = {rij[0]: dict(zip(kop, rij, strict=True)) for rij in data}
    assert set(per_naam) == {"Bo Peeters", "Cas Wouters", "Dina Claes", str(team.anker)}
    for ondersteuner in [team.anker, team.bo, team.cas, team.dina]:
        ondersteuner.refresh_from_db()
        rij = per_naam[ondersteuner.gebruiker.naam]
        for kolom, waarde in _verwacht(ondersteuner).items():
            assert rij[kolom] == waarde, (ondersteuner, kolom)
    assert per_naam["Cas Wouters"]["Afwezig"].startswith("nu: ziekte tot")
    assert per_naam["Bo Peeters"]["Afwezig"].startswith("verlof ")  # the next one, not the past one
    assert per_naam["Dina Claes"]["Afwezig"] == ""
    # The screen shows the same figures.
    html = client.get(LIJST).content.decode()
    for naam, rij in per_naam.items():
        assert naam in html
        assert f"{rij['Gepland (u/week)']} / {rij['Beschikbaar (u/week)']}" in html


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"belasting": "boven"},
        {"belasting": "onder"},
        {"focus": Focus.ASS},
        {"zoek": "as"},
        {"regioteam": "noord", "belasting": "onder"},
        {"regioteam": "eigen", "zoek": "a", "belasting": "binnen"},
        {"zoek": "niemand"},
    ],
)
def test_export_bevat_precies_de_rijen_van_het_scherm(client, team, filters):
    """The export is taken from the swapped part, as a user clicks it after changing a filter."""
    filters = {**filters}
    if "regioteam" in filters:
        filters["regioteam"] = (team.noord if filters["regioteam"] == "noord" else team.regioteam).pk
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(f"{LIJST}?{urlencode(filters)}", headers=HTMX)
    html = antwoord.content.decode()
    assert "<html" not in html  # the swap, not the page
    pagina = Lijstpagina.lees(html)
    link = pagina.export("/team/export.csv")
    assert link is not None
    rijen = csv_rijen(link.doe(client).content)[1:]
    op_scherm = [
        e.tekst.strip()
        for e in pagina.elementen
        if e.tag == "a" and e.attrs.get("href", "").startswith("/team/") and e.attrs["href"][6:-1].isdigit()
    ]
    assert [r[0] for r in rijen] == op_scherm
    assert f"({len(rijen)} ondersteuner" in link.label
    xlsx = client.get(pagina.export("/team/export.csv").url.replace("export.csv", "export.xlsx"))
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    assert [str(r[0]) for r in list(blad.values)[1:]] == op_scherm


def test_teamcoach_ziet_enkel_de_eigen_regioteams(client, team):
    client.force_login(team.gebruikers[Rol.TEAMCOACH])
    namen = [rij[0] for rij in _csv(client)[1:]]
    assert namen == sorted([str(team.anker), "Cas Wouters", "Dina Claes"])
    assert "Bo Peeters" not in client.get(LIJST).content.decode()
    assert client.get(reverse("team_ondersteuner", args=[team.bo.pk])).status_code == 404
    assert client.get(reverse("team_ondersteuner", args=[team.cas.pk])).status_code == 200
    assert client.get(reverse("team_vertrek", args=[team.cas.pk])).status_code == 403
    # And a filter on another team gives nothing of it.
    assert "Bo Peeters" not in client.get(f"{LIJST}?regioteam={team.noord.pk}").content.decode()


def test_lijst_kost_een_vast_aantal_queries(client, team):
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    weinig = aantal_queries(client, LIJST)
    for nummer in range(4):
        extra = factories.OndersteunerFactory(
            lsc=team.lsc, regioteam=team.noord, gebruiker__naam=f"Extra {nummer}"
        )
        Afwezigheid.objects.create(ondersteuner=extra, van=VANDAAG, tot=VANDAAG, soort="verlof")
        factories.AnkerFactory(school=team.scholen[1], ondersteuner=extra, lsc=team.lsc, schooljaar=JAAR)
    assert aantal_queries(client, LIJST) == weinig
    assert aantal_queries(client, LIJST + "?belasting=onder&focus=ass") == weinig


# ------------------------------------------------------------------------------------ changes in the year


def test_opdrachtwijziging_met_geschiedenis_en_datum_in_de_toekomst(client, team):
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    url = reverse("team_ondersteuner", args=[team.cas.pk])
    morgen = VANDAAG + dt.timedelta(days=1)
    for procent, vanaf in [(60, VANDAAG), (40, morgen)]:
        antwoord = client.post(url, {"formulier": "opdracht", "opdracht_procent": procent, "vanaf": vanaf})
        assert antwoord.status_code == 302
    team.cas.refresh_from_db()
    assert team.cas.opdracht_procent == 60  # the later one has not begun yet
    assert list(
        Opdrachtwijziging.objects.filter(ondersteuner=team.cas).values_list("opdracht_procent", flat=True)
    ) == [40, 60]
    assert opdrachten_bijwerken(vandaag=morgen) == 1
    assert opdrachten_bijwerken(vandaag=morgen) == 0  # a second night changes nothing
    team.cas.refresh_from_db()
    assert team.cas.opdracht_procent == 40
    # A later edit on the supporter's own form is not undone by the next night.
    Ondersteuner.objects.filter(pk=team.cas.pk).update(opdracht_procent=90)
    assert opdrachten_bijwerken(vandaag=morgen + dt.timedelta(days=1)) == 0
    team.cas.refresh_from_db()
    assert team.cas.opdracht_procent == 90
    assert (
        Wijziging.objects.filter(actie="netwerk.opdrachtwijziging.toegevoegd", object_id=team.cas.pk).count()
        == 2
    )
    # Bad input: a Dutch message, nothing saved.
    antwoord = client.post(url, {"formulier": "opdracht", "opdracht_procent": 140, "vanaf": "morgen"})
    assert antwoord.status_code == 200
    assert "hoogstens 100 %" in antwoord.content.decode()
    assert "geldige datum" in antwoord.content.decode()
    assert Opdrachtwijziging.objects.filter(ondersteuner=team.cas).count() == 2


def test_afwezigheid_registreren_en_overlap_geweigerd(client, team):
    client.force_login(team.gebruikers[Rol.DIRECTEUR])
    url = reverse("team_ondersteuner", args=[team.dina.pk])
    gegevens = {
        "formulier": "afwezig",
        "soort": "verlof",
        "van": VANDAAG,
        "tot": VANDAAG + dt.timedelta(days=3),
    }
    assert client.post(url, gegevens).status_code == 302
    antwoord = client.post(url, {**gegevens, "soort": "ziekte"})
    assert "overlapt" in antwoord.content.decode()
    antwoord = client.post(url, {**gegevens, "van": VANDAAG + dt.timedelta(days=9)})
    assert "voor de eerste" in antwoord.content.decode()
    assert Afwezigheid.objects.filter(ondersteuner=team.dina).count() == 1
    assert (
        Wijziging.objects.filter(actie="netwerk.afwezigheid.toegevoegd", object_id=team.dina.pk).count() == 1
    )
    # The coach reads it but records nothing.
    client.force_login(team.gebruikers[Rol.TEAMCOACH])
    assert "Verlof" in client.get(url).content.decode()
    assert client.post(url, gegevens).status_code == 403


# ------------------------------------------------------------------------------------ the guided step


def _wie_wat(ondersteuner) -> dict:
    ankers = {
        a.school.naam: a.ondersteuner_id
        for a in Ankertoewijzing.objects.filter(schooljaar=JAAR, lsc=ondersteuner.lsc)
    }
    trajecten = {
        (t.traject_id, t.ondersteuner_id)
        for t in Toewijzing.objects.filter(traject__lsc=ondersteuner.lsc, traject__status__in=OPEN_STATUSSEN)
    }
    return {"ankers": ankers, "trajecten": trajecten}


def _formulier(antwoord) -> dict:
    """The form as shown: the date and each select's selected option (the preview)."""
    formulier = antwoord.context["formulier"]
    gegevens = {"uit_dienst_op": VANDAAG + dt.timedelta(days=10)}
    for veld in formulier.item_velden():
        gegevens[veld.name] = veld.value() or ""
    return gegevens


def test_vertrek_voorbeeld_is_uitkomst_en_tweede_keer_doet_niets(client, team):
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    url = reverse("team_vertrek", args=[team.anker.pk])
    antwoord = client.get(url)
    # Default: the colleague of the same regio team with the most room. Cas is planned 3 of 21,3 hours a
    # week, Dina 20 of 33,3: Dina has 13,3 hours left, Cas 18,3.
    assert antwoord.context["standaard"] == team.cas
    gegevens = _formulier(antwoord)
    ankers = Ankertoewijzing.objects.filter(ondersteuner=team.anker, schooljaar__gte=JAAR)
    open_toewijzingen = Toewijzing.objects.filter(ondersteuner=team.anker, traject__status__in=OPEN_STATUSSEN)
    assert len(gegevens) - 1 == ankers.count() + open_toewijzingen.count() == 3 + 3
    # Choose Dina for one school; the preview is what the page shows.
    eerste_anker = f"anker-{ankers.order_by('school__naam').first().pk}"
    gegevens[eerste_anker] = str(team.dina.pk)
    verwacht_anker = {
        Ankertoewijzing.objects.get(pk=int(s.split("-")[1])).school.naam: int(p)
        for s, p in gegevens.items()
        if s.startswith("anker-")
    }
    verwacht_traject = {
        (Toewijzing.objects.get(pk=int(s.split("-")[1])).traject_id, int(p))
        for s, p in gegevens.items()
        if s.startswith("traject-")
    }
    assert client.post(url, gegevens).status_code == 302
    na = _wie_wat(team.anker)
    for school, opvolger in verwacht_anker.items():
        assert na["ankers"][school] == opvolger
    assert verwacht_traject <= na["trajecten"]
    assert not any(o == team.anker.pk for _t, o in na["trajecten"])
    assert team.anker.pk not in na["ankers"].values()
    # Last year's anchor stays as history.
    assert Ankertoewijzing.objects.filter(ondersteuner=team.anker, schooljaar=JAAR - 1).exists()
    team.anker.refresh_from_db()
    assert team.anker.uit_dienst_op == gegevens["uit_dienst_op"]
    assert team.anker.gebruiker.is_active  # until the date
    audit = Wijziging.objects.all()
    assert audit.filter(actie="scholen.ankertoewijzing.overgedragen").count() == 3
    assert audit.filter(actie="trajecten.toewijzing.overgedragen").count() == 3
    assert audit.filter(actie="netwerk.ondersteuner.vertrek_vastgelegd", object_id=team.anker.pk).count() == 1
    # The same form again (a double click): nothing is handed over twice, nothing logged again.
    aantal_audit = audit.count()
    assert client.post(url, gegevens).status_code == 302
    assert _wie_wat(team.anker) == na
    assert Wijziging.objects.count() == aantal_audit
    # On the date the account is deactivated, never deleted.
    opdrachten_bijwerken(vandaag=gegevens["uit_dienst_op"])
    gebruiker = Gebruiker.objects.get(pk=team.anker.gebruiker_id)
    assert not gebruiker.is_active
    assert Logboekregel.objects.filter(ondersteuner=team.anker).exists()


def test_vertrek_met_een_gat_wordt_geweigerd_en_schrijft_niets(client, team):
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    url = reverse("team_vertrek", args=[team.anker.pk])
    gegevens = _formulier(client.get(url))
    voor = _wie_wat(team.anker)
    aantal_audit = Wijziging.objects.count()
    leeg = next(s for s in gegevens if s.startswith("traject-"))
    toewijzing = Toewijzing.objects.get(pk=int(leeg.split("-")[1]))
    gegevens[leeg] = ""
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Er is niets overgedragen" in tekst
    assert f"traject {toewijzing.traject_id} op {toewijzing.traject.school.naam}" in tekst
    assert _wie_wat(team.anker) == voor
    assert Wijziging.objects.count() == aantal_audit
    team.anker.refresh_from_db()
    assert team.anker.uit_dienst_op is None
    # A colleague of another LSC is no successor either.
    gegevens[leeg] = str(team.vreemde_ondersteuner.pk)
    assert client.post(url, gegevens).status_code == 200
    assert _wie_wat(team.anker) == voor


def test_vertrek_vandaag_deactiveert_meteen_en_jaarovergang_slaat_over(client, team):
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    url = reverse("team_vertrek", args=[team.bo.pk])
    gegevens = _formulier(client.get(url))
    # Bo is alone in Regio Noord: no default, the coordinator chooses.
    assert all(v == "" for s, v in gegevens.items() if s != "uit_dienst_op")
    gegevens = {s: str(team.dina.pk) for s in gegevens} | {"uit_dienst_op": VANDAAG}
    assert client.post(url, gegevens).status_code == 302
    bo = Ondersteuner.objects.select_related("gebruiker").get(pk=team.bo.pk)
    assert not bo.gebruiker.is_active
    assert Wijziging.objects.filter(
        actie="netwerk.gebruiker.gedeactiveerd", object_id=bo.gebruiker_id
    ).exists()
    # Gone from the staff list, but still in the database with its history.
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    assert "Bo Peeters" not in client.get(LIJST).content.decode()


def test_jaarovergang_neemt_wie_voor_het_nieuwe_jaar_vertrekt_niet_mee(team):
    """Consistent with the year transition, which leaves inactive anchors behind: a supporter still active but
    leaving by 1 September of the next year does not carry their anchor schools into it."""
    team.bo.uit_dienst_op = dt.date(JAAR + 1, 8, 31)
    team.bo.save()
    plan = overgangsplan(lsc_id=team.lsc.pk, van=JAAR)
    klavertje = next(s for s in plan.scholen if s.school.naam == "Klavertje")
    assert "Bo Peeters" in klavertje.niet_over and "Bo Peeters" not in klavertje.ankers
    assert (team.scholen[3].pk, team.bo.pk) not in plan.te_maken
    team.bo.uit_dienst_op = dt.date(JAAR + 1, 9, 2)  # leaves during the next year: still goes along
    team.bo.save()
    assert (team.scholen[3].pk, team.bo.pk) in overgangsplan(lsc_id=team.lsc.pk, van=JAAR).te_maken


def test_de_nachtelijke_taak_staat_in_de_beat_en_deactiveert_op_de_datum(team, settings):
    schema = settings.CELERY_BEAT_SCHEDULE["opdrachten_bijwerken"]
    assert schema["task"] == tasks.opdrachten_bijwerken.name
    team.dina.uit_dienst_op = VANDAAG
    team.dina.save()
    tasks.opdrachten_bijwerken()
    team.dina.gebruiker.refresh_from_db()
    assert not team.dina.gebruiker.is_active
    assert Gebruiker.objects.filter(pk=team.dina.gebruiker_id).exists()


def test_de_lijst_toont_25_per_pagina_en_de_export_alle_paginas(client, team):
    """110 supporters in one table made a page of 9,700 px: 25 a page, the pager keeps the filters, and the
    export (taken from the page) holds every row of every page, in the same order."""
    for nummer in range(27):
        factories.OndersteunerFactory(
            lsc=team.lsc, regioteam=team.regioteam, gebruiker__naam=f"Zoe Zeta {nummer:02d}"
        )
    client.force_login(team.gebruikers[Rol.COORDINATOR])
    eerste = Lijstpagina.lees(client.get(f"{LIJST}?zoek=a", headers=HTMX).content.decode())
    links = [e for e in eerste.elementen if e.tag == "a" and e.attrs.get("href", "").startswith("/team/")]
    namen = [e.tekst.strip() for e in links if e.attrs["href"][6:-1].isdigit()]
    assert len(namen) == 25
    volgende = next(e for e in eerste.elementen if e.tag == "a" and e.tekst.strip() == "Volgende")
    assert "zoek=a" in volgende.attrs["href"] and "pagina=2" in volgende.attrs["href"]
    tweede = client.get(LIJST + volgende.attrs["href"].replace("&amp;", "&"), headers=HTMX).content.decode()
    namen += [
        e.tekst.strip()
        for e in Lijstpagina.lees(tweede).elementen
        if e.tag == "a" and e.attrs.get("href", "").startswith("/team/") and e.attrs["href"][6:-1].isdigit()
    ]
    rijen = csv_rijen(eerste.export("/team/export.csv").doe(client).content)[1:]
    assert [r[0] for r in rijen] == namen
    assert len(namen) > 25
