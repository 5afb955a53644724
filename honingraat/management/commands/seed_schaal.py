"""Fills an empty database with all of Flanders for benchmarks: deterministic, in bulk SQL, in minutes.

At factor 1 (the volume V): 40 LSCs, 3,500 schools, 4,000 supporters, 1,000,000 trajectories over ten
school years and 10,000,000 logbook lines. `--factor 0.01` gives V/100 for comparison. Every value follows
from the row number (no randomness), so two runs give the same database.
"""

import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from netwerk.schooljaar import huidig_schooljaar
from scholen.models import School

ONDERSTEUNERS_PER_LSC = 100
REGIOTEAMS_PER_LSC = 12
LOGBOEK_PER_TRAJECT = 10
DOELEN_PER_TRAJECT = 2
JAREN = 10

TYPES = ["basisaanbod", "3", "9", "basisaanbod", "9", "2", "4"]
ACTIVITEITEN = ["overleg", "observatie", "leerling", "leerkracht", "team", "voorbereiding"]


class Command(BaseCommand):
    help = "Vult een lege databank met het volume van heel Vlaanderen (voor benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0, help="1 = volledig volume, 0.01 = V/100")
        parser.add_argument("--lscs", type=int, help="aantal leersteuncentra (anders 40 × factor)")
        parser.add_argument("--scholen", type=int, help="aantal scholen (anders 3.500 × factor)")

    def handle(self, *args, factor: float, lscs: int | None = None, scholen: int | None = None, **opties):
        if School.objects.exists():
            raise CommandError("De databank is niet leeg: seed_schaal vult enkel een lege databank.")
        aantallen = {
            "lsc": lscs or max(1, round(40 * factor)),
            "scholen": scholen or max(1, round(3500 * factor)),
            "trajecten": max(1, round(1_000_000 * factor)),
        }
        aantallen["ondersteuners"] = aantallen["lsc"] * ONDERSTEUNERS_PER_LSC
        begin = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for naam, sql in _stappen(aantallen, huidig_schooljaar(), make_password("schaal-honingraat")):
                stap = time.perf_counter()
                cursor.execute(sql)
                self.stdout.write(f"  {naam}: {time.perf_counter() - stap:.1f} s")
            _zet_reeksen(cursor)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar in {time.perf_counter() - begin:.0f} s: {aantallen['lsc']} LSC's, "
                f"{aantallen['scholen']} scholen, {aantallen['ondersteuners']} ondersteuners, {aantallen['trajecten']} trajecten, "
                f"{aantallen['trajecten'] * LOGBOEK_PER_TRAJECT} logboekregels."
            )
        )


def _lijst(waarden: list[str]) -> str:
    return "ARRAY[" + ",".join(f"'{w}'" for w in waarden) + "]"


def _stappen(n: dict, jaar: int, wachtwoord: str) -> list[tuple[str, str]]:
    lsc, scholen, trajecten, ond = n["lsc"], n["scholen"], n["trajecten"], n["ondersteuners"]
    # The school of trajectory t, its LSC, and the supporter who anchors it: all arithmetic on row numbers.
    school_van = f"((t - 1) % {scholen} + 1)"
    lsc_van_school = f"(({school_van} - 1) % {lsc} + 1)"
    per_lsc = ONDERSTEUNERS_PER_LSC
    anker_van_school = f"(({lsc_van_school} - 1) * {per_lsc} + (({school_van} - 1) / {lsc}) % {per_lsc} + 1)"
    # Trajectory t is the p-th of its school: p spreads a school's trajectories over the years, and a
    # multiplicative hash h of t over statuses, kinds and types (t alone would tie them to the school).
    ronde = f"((t - 1) / {scholen})"
    h = "(((t::bigint * 2654435761) % 4294967296) / 1024)"
    trajectjaar = f"({jaar} - {ronde} % {JAREN})"
    aangemeld = f"(make_date({trajectjaar}, 9, 1) + ((t * 7) % 280))"
    status = (
        f"CASE WHEN {trajectjaar} < {jaar} THEN (CASE WHEN {h} % 10 = 0 THEN 'stopgezet' ELSE 'afgerond' END) "
        f"WHEN {h} % 20 = 1 THEN 'aangemeld' WHEN {h} % 20 = 2 THEN 'in_behandeling' ELSE 'lopend' END"
    )
    return [
        (
            "leersteuncentra",
            f"""
            INSERT INTO netwerk_leersteuncentrum (id, naam, soort, gemeente, antwoordtermijn_dagen, logo)
            SELECT i, 'LSC ' || lpad(i::text, 2, '0'), 'algemeen', '', 14, ''
            FROM generate_series(1, {lsc}) i""",
        ),
        (
            "regioteams",
            f"""
            INSERT INTO netwerk_regioteam (id, lsc_id, naam, coach_id)
            SELECT (l - 1) * {REGIOTEAMS_PER_LSC} + r, l, 'Regio ' || r, NULL
            FROM generate_series(1, {lsc}) l, generate_series(1, {REGIOTEAMS_PER_LSC}) r""",
        ),
        (
            "accounts",
            f"""
            INSERT INTO netwerk_gebruiker (id, password, is_superuser, is_staff, is_active, date_joined, email,
                                           naam, rol, lsc_id, clb_id, sessiesleutel)
            SELECT i, '{wachtwoord}', false, false, true, now(),
                   CASE WHEN i <= {lsc} THEN 'coordinator' || i || '@schaal.example'
                        WHEN i <= {lsc + ond} THEN 'ondersteuner' || (i - {lsc}) || '@schaal.example'
                        ELSE 'zorg' || (i - {lsc + ond}) || '@schaal.example' END,
                   'Account ' || i,
                   CASE WHEN i <= {lsc} THEN 'coordinator' WHEN i <= {lsc + ond} THEN 'ondersteuner' ELSE 'zorg' END,
                   CASE WHEN i <= {lsc} THEN i
                        WHEN i <= {lsc + ond} THEN (i - {lsc} - 1) / {ONDERSTEUNERS_PER_LSC} + 1 END,
                   NULL, ''
            FROM generate_series(1, {lsc + ond + scholen}) i""",
        ),
        (
            "ondersteuners",
            f"""
            INSERT INTO netwerk_ondersteuner (id, gebruiker_id, lsc_id, regioteam_id, opdracht_procent,
                                              focusteams, woonplaats, werkdagen, onbeschikbaar,
                                              groeifocus, groeifocus_gebied)
            SELECT k, {lsc} + k, (k - 1) / {ONDERSTEUNERS_PER_LSC} + 1,
                   ((k - 1) / {ONDERSTEUNERS_PER_LSC}) * {REGIOTEAMS_PER_LSC} + (k - 1) % {REGIOTEAMS_PER_LSC} + 1,
                   100, ARRAY[]::varchar[], '', ARRAY[]::smallint[], ARRAY[]::smallint[], '', ''
            FROM generate_series(1, {ond}) k""",
        ),
        (
            "scholen",
            f"""
            INSERT INTO scholen_school (id, instellingsnummer, naam, straat, postcode, gemeente, niveau, net,
                                        scholengemeenschap, telefoon, email, clb_id)
            SELECT s, (100000 + s)::text, 'School ' || s, '', '', 'Gemeente ' || (s % 300), 'basis', 'vrij', '',
                   '', '', NULL
            FROM generate_series(1, {scholen}) s""",
        ),
        (
            "bedieningen",
            f"""
            INSERT INTO scholen_bediening (id, lsc_id, school_id, regioteam_id)
            SELECT s, (s - 1) % {lsc} + 1, s,
                   ((s - 1) % {lsc}) * {REGIOTEAMS_PER_LSC} + ((s - 1) / {lsc}) % {REGIOTEAMS_PER_LSC} + 1
            FROM generate_series(1, {scholen}) s""",
        ),
        (
            "zorgteams",
            f"""
            INSERT INTO scholen_school_zorgmedewerkers (school_id, gebruiker_id)
            SELECT s, {lsc + ond} + s FROM generate_series(1, {scholen}) s""",
        ),
        (
            "bevestigingen",
            f"""
            INSERT INTO scholen_bevestiging (id, gebruiker_id, lsc_id, school_id, clb_id, bevestigd, bron, door_id, op)
            SELECT s, {lsc + ond} + s, (s - 1) % {lsc} + 1, s, NULL, true, 'uitnodiging', NULL, now()
            FROM generate_series(1, {scholen}) s""",
        ),
        (
            "ankers",
            f"""
            INSERT INTO scholen_ankertoewijzing (id, school_id, lsc_id, schooljaar, ondersteuner_id)
            SELECT s, s, (s - 1) % {lsc} + 1, {jaar},
                   ((s - 1) % {lsc}) * {ONDERSTEUNERS_PER_LSC} + ((s - 1) / {lsc}) % {ONDERSTEUNERS_PER_LSC} + 1
            FROM generate_series(1, {scholen}) s""",
        ),
        (
            "schooljaarcijfers",
            f"""
            INSERT INTO scholen_schooljaarcijfers (id, school_id, schooljaar, leerlingen, gc_verslagen,
                                                   iac_verslagen, ov4_verslagen)
            SELECT (s - 1) * 8 + j, s, {jaar} - j, 100 + (s * 37) % 800, (s * 13 + j) % 25, s % 3, s % 2
            FROM generate_series(1, {scholen}) s, generate_series(1, 8) j""",
        ),
        (
            "leerlingen",
            f"""
            INSERT INTO trajecten_leerling (id, school_id, voornaam, initiaal, geboortejaar, klas, verslag)
            SELECT t, {school_van}, 'Leerling' || (t % 997), chr(65 + t % 26), 2010 + t % 12,
                   (1 + t % 6) || chr(65 + t % 3), (ARRAY['gc','iac','ov4'])[1 + t % 3]
            FROM generate_series(1, {trajecten}) t WHERE {h} % 10 < 7""",
        ),
        (
            "trajecten",
            f"""
            INSERT INTO trajecten_traject (id, lsc_id, school_id, gebondenheid, leerling_id, groep, type, focussen,
                fase, vraag_leerkracht, vraag_leerling_ouders, vormen, inhoud, intensiteit_minuten, frequentie,
                status, aangemeld_op, antwoord, beantwoord_op, start, geplande_einde, volgende_evaluatie,
                afgesloten_op, reden_stopzetting, versie, aangemaakt_op)
            SELECT t, {lsc_van_school}, {school_van},
                   CASE WHEN {h} % 10 < 7 THEN 'leerling' WHEN {h} % 10 < 9 THEN 'leerkracht' ELSE 'team' END,
                   CASE WHEN {h} % 10 < 7 THEN t END,
                   CASE WHEN {h} % 10 >= 7 THEN 'Klas ' || (1 + t % 6) ELSE '' END,
                   ({_lijst(TYPES)})[1 + {h} % {len(TYPES)}], ARRAY[]::varchar[], 2 + t % 2,
                   'Ondersteuningsvraag ' || t, '', ARRAY[]::varchar[], ARRAY[]::varchar[], 120, 'week',
                   {status}, {aangemeld},
                   CASE WHEN {status} <> 'aangemeld' THEN 'Antwoord' ELSE '' END,
                   CASE WHEN {status} <> 'aangemeld' THEN {aangemeld} + 7 END,
                   CASE WHEN {status} NOT IN ('aangemeld', 'in_behandeling') THEN {aangemeld} + 14 END,
                   NULL,
                   CASE WHEN {status} = 'lopend' THEN {aangemeld} + 60 + t % 60 END,
                   CASE WHEN {status} IN ('afgerond', 'stopgezet') THEN {aangemeld} + 200 END,
                   CASE WHEN {status} = 'stopgezet' THEN 'Andere aanpak' ELSE '' END, 1, now()
            FROM generate_series(1, {trajecten}) t""",
        ),
        (
            "toewijzingen",
            f"""
            INSERT INTO trajecten_toewijzing (id, traject_id, ondersteuner_id, rol)
            SELECT t, t, {anker_van_school}, 'anker' FROM generate_series(1, {trajecten}) t""",
        ),
        (
            "doelen",
            f"""
            INSERT INTO trajecten_doel (id, traject_id, omschrijving, status, volgorde)
            SELECT (t - 1) * {DOELEN_PER_TRAJECT} + g, t, 'Doel ' || g, 'bezig', g
            FROM generate_series(1, {trajecten}) t, generate_series(1, {DOELEN_PER_TRAJECT}) g""",
        ),
        (
            "logboek",
            f"""
            INSERT INTO trajecten_logboekregel (id, traject_id, ondersteuner_id, datum, minuten, activiteit,
                                                notitie, aangemaakt_op)
            SELECT (t - 1) * {LOGBOEK_PER_TRAJECT} + j, t, {anker_van_school}, {aangemeld} + j * 7,
                   30 + ((t + j) % 4) * 30, ({_lijst(ACTIVITEITEN)})[1 + (t + j) % {len(ACTIVITEITEN)}], '', now()
            FROM generate_series(1, {trajecten}) t, generate_series(1, {LOGBOEK_PER_TRAJECT}) j""",
        ),
    ]


def _zet_reeksen(cursor) -> None:
    """The rows came with explicit ids: move each id sequence past them, so new rows don't collide."""
    for tabel in (
        "netwerk_leersteuncentrum",
        "netwerk_regioteam",
        "netwerk_gebruiker",
        "netwerk_ondersteuner",
        "scholen_school",
        "scholen_bediening",
        "scholen_ankertoewijzing",
        "scholen_schooljaarcijfers",
        "scholen_school_zorgmedewerkers",
        "scholen_bevestiging",
        "trajecten_leerling",
        "trajecten_traject",
        "trajecten_toewijzing",
        "trajecten_doel",
        "trajecten_logboekregel",
    ):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), COALESCE((SELECT max(id) FROM {tabel}), 1))"
        )
