"""Schools with their figures as spreadsheet rows; netwerk.export makes CSV or XLSX bytes of them.

The columns are those of the import, so an export can be edited and imported again: the import reads the
first sheet and its header, whatever else the file holds.
"""

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from netwerk.schooljaar import als_tekst
from scholen.importeren import CIJFERS, SCHOLEN
from scholen.models import School, Schooljaarcijfers

CIJFERKOLOMMEN = CIJFERS.kolommen[2:]


def schoolrijen(scholen: QuerySet[School], *, jaren: Iterable[int]) -> Iterator[list]:
    """The header, then one row per school with its figures per school year; two queries in all."""
    jaren = sorted(jaren)
    yield [*SCHOLEN.kolommen, *(f"{kolom} {als_tekst(jaar)}" for jaar in jaren for kolom in CIJFERKOLOMMEN)]
    cijfers = Prefetch(
        "cijfers", queryset=Schooljaarcijfers.objects.filter(schooljaar__in=jaren), to_attr="exportcijfers"
    )
    for school in scholen.select_related("clb").prefetch_related(cijfers):
        per_jaar = {cijfer.schooljaar: cijfer for cijfer in school.exportcijfers}
        yield [
            *_schoolvelden(school),
            *(_cijfer(per_jaar.get(jaar), kolom) for jaar in jaren for kolom in CIJFERKOLOMMEN),
        ]


def _schoolvelden(school: School) -> list:
    return [
        school.instellingsnummer,
        school.naam,
        school.straat,
        school.postcode,
        school.gemeente,
        school.niveau,
        school.net,
        school.scholengemeenschap,
        school.clb.naam if school.clb else "",
    ]


def _cijfer(cijfers: Schooljaarcijfers | None, kolom: str):
    return getattr(cijfers, kolom) if cijfers else ""
