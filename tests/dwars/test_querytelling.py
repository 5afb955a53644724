"""The trajectory page costs the same few queries for every role that opens it, however full the trajectory.

The session and the user (2), the trajectory with all its short lists as JSON columns and the user's rights
(1, netwerk/jsonrijen.py), the logbook page (1) and the read log (1): 5, at 1× and 5× goals, evaluations with
their goals, people around the pupil, focus questions, questions to colleagues, history and logbook lines.
14 before, when each list was a query of its own. The read log stays: one row per page view.

The other main pages are asserted beside their views: the overview and Mijn trajecten (5) and the logbook
POST (8) in tests/trajecten/test_schermen.py, the frame page (5) in tests/capaciteit/test_tijdskader.py, the
CLB's report download (6) in tests/overleg/test_lezen.py, capacity planning (7), the home pages and the
school dossier in tests/dwars/test_queries.py.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from capaciteit.models import Planregel, Tijdskader, Verdeling, Weekplan
from capaciteit.services import verdeling_publiceren
from honingraat import werk
from netwerk.audit import log_actie
from netwerk.models import Focus, Inzage, Leersteuncentrum, Rol
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.capaciteit import planningsenvelop
from tests.support.queries import aantal_queries
from trajecten.models import Betrokkene, Collegavraag, Doelevaluatie, Focusvraag, Toewijzing


def _traject(wereld):
    traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status="lopend")
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker, rol=Toewijzing.Rol.ANKER)
    return traject


def _vullen(wereld, traject, keer: int) -> None:
    """`keer` of everything the page lists, with who wrote it."""
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    for nummer in range(keer):
        doel = factories.DoelFactory(traject=traject)
        evaluatie = factories.EvaluatieFactory(traject=traject)
        for per_doel in traject.doelen.all():
            Doelevaluatie.objects.create(
                evaluatie=evaluatie, doel=per_doel, status="bezig", vooruitgang="Beter"
            )
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker)
        Betrokkene.objects.create(traject=traject, rol=Betrokkene.Rol.LEERKRACHT, naam=f"Juf {nummer}")
        Collegavraag.objects.create(
            traject=traject,
            lsc=wereld.lsc,
            gesteld_door=wereld.anker.gebruiker,
            aan=coordinator,
            vraag="Hoe?",
        )
        focus = list(Focus)[(traject.focusvragen.count()) % len(Focus)]
        if not traject.focusvragen.filter(focus=focus).exists():
            Focusvraag.objects.create(
                traject=traject, lsc=wereld.lsc, focus=focus, vraag="Mee?", gevraagd_door=coordinator
            )
        log_actie(door=coordinator, actie="trajecten.doel.toegevoegd", obj=doel, traject_id=traject.pk)
        Inzage.objects.create(door=coordinator, soort="pagina", traject_id=traject.pk)


# Every role that opens the trajectory page (CLB and admin do not: tests/support/rollen.py). Coordination
# and direction also see who read the file: one more JSON column, no more queries.
TRAJECTPAGINA = [Rol.ONDERSTEUNER, Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ZORG]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", TRAJECTPAGINA)
def test_trajectpagina_kost_vijf_queries_bij_1x_en_5x(client, wereld, rol):
    traject = _traject(wereld)
    client.force_login(wereld.gebruikers[rol])
    url = reverse("traject_detail", args=[traject.pk])
    _vullen(wereld, traject, 1)
    bij_1x = aantal_queries(client, url)
    _vullen(wereld, traject, 4)
    assert traject.doelen.count() == 5 and traject.collegavragen.count() == 5
    assert (bij_1x, aantal_queries(client, url)) == (5, 5)


@pytest.mark.django_db
def test_de_trajectpagina_toont_wat_ze_in_een_query_las(client, wereld):
    """The lists read as JSON are the rows themselves, in the page's order, with who they name."""
    traject = _traject(wereld)
    _vullen(wereld, traject, 2)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("traject_detail", args=[traject.pk]))
    html = antwoord.content.decode()
    context = antwoord.context
    assert [b.naam for b in context["traject"].betrokkenen.all()] == ["Juf 0", "Juf 1"]
    doelen = list(traject.doelen.values_list("pk", flat=True))
    assert [d.pk for d in context["traject"].doelen.all()] == doelen
    evaluaties = list(context["traject"].evaluaties.all())
    assert [e.pk for e in evaluaties] == list(traject.evaluaties.values_list("pk", flat=True))
    assert [len(e.doelen.all()) for e in evaluaties] == [e.doelen.count() for e in traject.evaluaties.all()]
    assert wereld.anker.gebruiker.naam in html and "Juf 1" in html
    assert len(context["inzages"]) == Inzage.objects.filter(traject_id=traject.pk).count() - 1
    assert [v.aan for v in context["collegavragen"]] == [wereld.gebruikers[Rol.COORDINATOR]] * 2
    assert context["tijdlijn"] and context["tijdlijn"][0].wie == wereld.gebruikers[Rol.COORDINATOR].naam


# ---- The coordination's home page, with a published distribution and week plan (the wereld fixture has
# neither: tests/dwars/test_queries.py). Session and user (2), the LSC's row with everything the page lists
# and every input of the follow-up's signals as columns (1), the minutes logged per school and month, the
# planned and the agreed minutes per supporter (3): 6 at 3 and 14 schools, 1 and 5 supporters with visits and
# running trajectories. 14 and 15 before, when every list, count and input was a query of its own.


def _coordinatiewerk(wereld, scholen: int, ondersteuners: int) -> None:
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    envelop, _ = planningsenvelop(wereld, aantal=scholen)
    verdeling_publiceren(door=coordinator, envelop=envelop)
    plan, _ = Weekplan.objects.get_or_create(
        lsc=wereld.lsc, schooljaar=huidig_schooljaar(), status=Weekplan.Status.GEPUBLICEERD, versie=1
    )
    for nummer in range(ondersteuners):
        ondersteuner = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
        Planregel.objects.create(
            weekplan=plan, ondersteuner=ondersteuner, school=wereld.eigen_school, dag=nummer % 5, blokken=2
        )
        traject = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status="lopend")
        factories.ToewijzingFactory(traject=traject, ondersteuner=ondersteuner)
        factories.LogboekregelFactory(traject=traject, ondersteuner=ondersteuner, datum=timezone.localdate())


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR])
def test_home_van_de_coordinatie_kost_zes_queries_bij_1x_en_5x(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    _coordinatiewerk(wereld, scholen=3, ondersteuners=1)
    bij_1x = aantal_queries(client, reverse("home"))
    _coordinatiewerk(wereld, scholen=12, ondersteuners=4)
    assert Verdeling.objects.count() == 2 and Tijdskader.objects.filter(verdeling__versie=2).count() == 14
    assert (bij_1x, aantal_queries(client, reverse("home"))) == (6, 6)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.DIRECTEUR])
def test_wat_wacht_uit_de_rij_van_het_lsc_is_wat_de_eigen_queries_geven(wereld, rol):
    """The columns on the LSC's row give the very counts and signals the separate queries give."""
    _coordinatiewerk(wereld, scholen=6, ondersteuners=3)
    gebruiker = wereld.gebruikers[rol]
    rij = (
        Leersteuncentrum.objects.filter(pk=wereld.lsc.pk)
        .annotate(**werk.kolommen(gebruiker), **werk.maandkolommen(gebruiker))
        .get()
    )
    apart, uit_de_rij = werk.wat_wacht(gebruiker), werk.wat_wacht(gebruiker, rij=rij)
    assert apart == uit_de_rij and apart[1]["kaderverbruik"] is not None
    assert apart[1]["te_veel"] + apart[1]["te_weinig"] > 0
    assert werk.maandcijfers(gebruiker) == werk.maandcijfers(gebruiker, rij=rij)
    assert werk.maandcijfers(gebruiker)["geopend_deze"] > 0


@pytest.mark.django_db
def test_een_rij_uit_json_is_de_bewaarde_rij(wereld):
    """Every field of a row read as JSON equals the stored row's, decimals to the last digit included."""
    _coordinatiewerk(wereld, scholen=4, ondersteuners=1)
    rijen = werk._capaciteitsrijen(wereld.lsc.pk, huidig_schooljaar())["kaders"]
    rij = Leersteuncentrum.objects.filter(pk=wereld.lsc.pk).annotate(kaders=rijen.expressie()).get()
    gelezen = rijen.instanties(rij.kaders)
    bewaard = list(Tijdskader.objects.filter(pk__in=[k.pk for k in gelezen]).order_by("school__naam"))
    velden = [veld.attname for veld in Tijdskader._meta.concrete_fields]
    assert [[str(getattr(k, v)) for v in velden] for k in gelezen] == [
        [str(getattr(k, v)) for v in velden] for k in bewaard
    ]
    assert [k.school.naam for k in gelezen] == [k.school.naam for k in bewaard]
