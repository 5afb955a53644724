"""Networks to plan capacity for: the five schools worked out by hand (the distribution key's example, also
walked through the screens), and a coordinator's network of any size with what its planning page costs."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capaciteit import services
from capaciteit.models import Envelop, Tijdskader, Verdeling
from capaciteit.rekenen.verdeling import Invoer
from netwerk.kalender import is_schooldag
from netwerk.models import Rol
from tests import factories

# Five schools worked out by hand (ΣP = 1000, ΣR = 6 + 4 + 2 + 2 + 6 = 20):
#   A 10001: P 300, R 6       W = 0.7·0.3 + 0.3·0.3 = 0.30
#   B 10002: P 200, R 4       W = 0.7·0.2 + 0.3·0.2 = 0.20
#   C 10003: P 100, R 2       W = 0.10
#   D 10004: P 100, R 2       W = 0.10  (a tie with C)
#   E 10005: P 300, one year of figures only (6): its mean is 6, not 1 — a new school is not punished.
# Per school: instellingsnummer, name, pupils, the reports of each year of the window it has figures for.
NETWERK_PER_JAAR = [
    ("10001", "A", 300, [6, 6, 6, 6, 6, 6]),
    ("10002", "B", 200, [4, 3, 5, 4, 4, 4]),
    ("10003", "C", 100, [2, 2, 2, 2, 2, 2]),
    ("10004", "D", 100, [1, 3, 2, 2, 2, 2]),
    ("10005", "E", 300, [6]),
]
NETWERK = [Invoer.per_jaar(*school) for school in NETWERK_PER_JAAR]

JAAR = 2026
PLANNING = reverse("capaciteit_planning")


def planningsnetwerk(wereld, aantal=3, uren=1000, jaren=2):
    """`aantal` schools of the own LSC with 100, 200, … pupils and 1, 2, … reports last year (and one fewer
    in each of the `jaren` - 1 years before), and an envelope of `uren`: the first school gets the fewest."""
    return planningsenvelop(wereld, aantal=aantal, uren=uren, jaren=jaren)[1]


def planningsenvelop(wereld, aantal=5, uren=1000, jaren=1) -> tuple[Envelop, list]:
    """As `planningsnetwerk`, returning the envelope too."""
    wereld.eigen_school.cijfers.all().delete()
    scholen = [wereld.eigen_school]
    for _ in range(aantal - 1):
        school = factories.SchoolFactory()
        factories.BedieningFactory(lsc=wereld.lsc, school=school)
        scholen.append(school)
    for i, school in enumerate(scholen):
        for terug in range(jaren):
            factories.CijfersFactory(
                school=school,
                schooljaar=JAAR - 1 - terug,
                leerlingen=100 * (i + 1),
                gc_verslagen=i + 1 - terug,
            )
    envelop, _ = Envelop.objects.update_or_create(
        lsc=wereld.lsc, schooljaar=JAAR, defaults={"uren": uren, "verslagsoorten": ["gc"]}
    )
    return envelop, scholen


def planning_queries(client, wereld, aantal) -> int:
    planningsnetwerk(wereld, aantal=aantal)
    services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=Envelop.objects.get())
    kaders = list(Tijdskader.objects.order_by("school__instellingsnummer"))
    services.uren_verschuiven(
        door=wereld.gebruikers[Rol.COORDINATOR],
        verdeling=Verdeling.objects.get(),
        van_school_id=kaders[-1].school_id,
        naar_school_id=kaders[0].school_id,
        uren=1,
        reden="test",
    )
    client.get(PLANNING, {"schooljaar": JAAR})  # warm up: session, envelope
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(PLANNING, {"schooljaar": JAAR}).status_code == 200
    return len(vastgelegd)


def schooldagen(jaar: int) -> list[dt.date]:
    """The school days of a school year by the Flemish calendar: weekdays from 1 September to 30 June without
    holidays or free days, counted here day by day (the app's pro rata must agree)."""
    dag, dagen = dt.date(jaar, 9, 1), []
    while dag <= dt.date(jaar + 1, 6, 30):
        if is_schooldag(dag):
            dagen.append(dag)
        dag += dt.timedelta(days=1)
    return dagen
