"""A school's time frames as its pages show them: the hours, in words, why (step by step and in plain
words), the moves of hours and the use so far.

One building function for every page that shows a frame (the frame page, the school's dossier) and one
for its words (`woorden_van`), which the consultation's report uses too: the pages cannot disagree.
Reading is `capaciteit.queries` (a constant number of queries); the arithmetic is `capaciteit.rekenen`.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from capaciteit import queries
from capaciteit.models import Tijdskader, Verdeling
from capaciteit.rekenen import opvolging, uitleg
from capaciteit.rekenen.opvolging import Gebruik
from capaciteit.rekenen.woorden import Woorden, beschrijf
from scholen.models import School


@dataclass
class Kader:
    verdeling: Verdeling
    kader: Tijdskader
    woorden: Woorden
    invoer: list[tuple[str, str]]
    stappen: list[str]
    gewone_taal: list[str] = field(default_factory=list)
    bewegingen: list[dict] = field(default_factory=list)
    opvolging: Gebruik | None = None


def woorden_van(kader: Tijdskader) -> Woorden:
    """The frame in the words schools use, over its envelope's school weeks."""
    return beschrijf(kader.uren, kader.verdeling.envelop.schoolweken)


def uitgelegd(
    kader: Tijdskader, *, cijferjaren: list[int], jaar: int, minuten: dict, vandaag: dt.date
) -> Kader:
    """One frame (read by `queries.tijdskaders_van_school`) with its words, its computation step by step
    and in plain words, its moves and its use so far."""
    verdeling = kader.verdeling
    envelop = verdeling.envelop
    sleutel = uitleg.sleutelkeuze(
        verdeling.sleutel,
        gewicht_leerlingen=envelop.gewicht_leerlingen,
        venster_jaren=envelop.venster_jaren,
        referentiejaar=envelop.referentie,
        eenheid=envelop.eenheid,
    )
    invoer, stappen = uitleg.stappen(
        lsc=envelop.lsc.naam,
        schooljaar=envelop.schooljaar,
        sleutel=sleutel,
        envelop_uren=verdeling.uren,
        scholen=kader.scholen,
        leerlingen=kader.leerlingen,
        som_p=kader.som_p,
        verslagen=kader.gemiddelde_verslagen,
        som_r=kader.som_r,
        gewicht=kader.gewicht,
        quotum=kader.quotum,
        basis=kader.basis,
        extra=kader.extra,
        berekende_uren=kader.berekende_uren,
        jaren_met_cijfers=uitleg.jaren_met_cijfers(
            cijferjaren, schooljaar=jaar, venster_jaren=sleutel.venster_jaren
        ),
    )
    bewegingen = [
        {**h, "wanneer": timezone.localtime(dt.datetime.fromisoformat(h["wanneer"]))}
        for h in kader.bewegingen
    ]
    woorden = woorden_van(kader)
    return Kader(
        verdeling=verdeling,
        kader=kader,
        woorden=woorden,
        invoer=invoer,
        stappen=stappen,
        gewone_taal=uitleg.in_gewone_taal(
            lsc=envelop.lsc.naam,
            sleutel=sleutel,
            envelop_uren=verdeling.uren,
            scholen=kader.scholen,
            uren=kader.uren,
            schoolweken=envelop.schoolweken,
            per_week=woorden.per_week,
            zin=woorden.zin,
            verschoven=bool(bewegingen),
        ),
        bewegingen=opvolging.bewegingen(kader.pk, bewegingen),
        opvolging=opvolging.gebruik(
            uren=kader.uren,
            schoolweken=envelop.schoolweken,
            schooljaar=jaar,
            minuten=minuten.get(envelop.lsc_id, {}),
            vandaag=vandaag,
        ),
    )


def kaders_van_school(gebruiker, school: School, jaar: int) -> list[Kader]:
    """The school's frames that `gebruiker` may see (`queries.tijdskaders_van_school`), explained, with
    their use so far: two queries, whatever the number of log lines or moves. `school` carries its
    `cijferjaren` (`queries.met_cijferjaren`)."""
    kaders = queries.tijdskaders_van_school(gebruiker, school, jaar)
    if not kaders:
        return []
    minuten = queries.minuten_op_school(school, [k.verdeling.envelop.lsc_id for k in kaders], jaar)
    vandaag = timezone.localdate()
    return [
        uitgelegd(k, cijferjaren=school.cijferjaren, jaar=jaar, minuten=minuten, vandaag=vandaag)
        for k in kaders
    ]
