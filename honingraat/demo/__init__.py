"""The demo network: one general LSC with its honeycomb, a specific LSC, 150 schools and their figures.

Everything is invented (people, schools, LSCs); only the municipalities are real Flemish ones. The
build is deterministic (one seeded random generator) so screenshots, demos and tests see the same
network every time, and fast (bulk inserts, one password hash) so `manage.py demo` takes seconds.

Why one module of this length: the network is built in one pass with one seeded generator, so the
order of the steps is the order of the random numbers; split across files, a reordered import would
change every name and figure of the demo.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from honingraat.demo.capaciteit import maak_democapaciteit
from honingraat.demo.overleg import maak_demooverleggen
from honingraat.demo.trajecten import maak_demologboek, maak_demotrajecten
from netwerk.models import Clb, Focus, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam, Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import (
    Ankertoewijzing,
    Bediening,
    Bevestiging,
    Niveau,
    Onderwijsnet,
    School,
    Schooljaarcijfers,
    Verslagregister,
)

WACHTWOORD = "demo-honingraat"  # published on purpose: the demo accounts are public
SEED = 2026

ALGEMEEN_LSC = "LSC Scheldeland"
SPECIFIEK_LSC = "SLSC 467 Scheldeland"

COORDINATOR = "coordinator@example.org"
NIEUWE_COLLEGA = "zorg.nieuw@example.org"
DIRECTEUR = "directeur@example.org"
TEAMCOACH = "teamcoach@example.org"
ANKER = "anker@example.org"
FOCUS = "focus@example.org"
ZORG = "zorg@example.org"
CLB = "clb@example.org"
ADMIN = "admin@example.org"

AANTAL_ONDERSTEUNERS = 100
AANTAL_SPECIFIEKE_ONDERSTEUNERS = 10
AANTAL_SCHOLEN = 150
AANTAL_SPECIFIEK_BEDIEND = 60
AANTAL_NIEUWE_SCHOLEN = 5
AANTAL_ZONDER_ANKER = 3
JAREN_CIJFERS = 8
MAX_ANKERSCHOLEN = 3
ANKERSCHOLEN_VAN_ANKER = 3
# Which general-LSC supporters carry the anchor and focus logins: supporter i sits in team i % 12, so
# the anchor is in the coach's first team and the focus login in another coach's team.
ANKER_INDEX, FOCUS_INDEX = 0, 5

# Twelve regio teams, in groups of three per team coach, each named after the area it covers.
REGIOTEAMS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Dendermonde", [("Dendermonde", "9200")]),
    ("Dender-Noord", [("Lebbeke", "9280"), ("Buggenhout", "9255")]),
    ("Dender-Zuid", [("Aalst", "9300"), ("Denderleeuw", "9470")]),
    ("Durme", [("Hamme", "9220"), ("Waasmunster", "9250")]),
    ("Zele-Berlare", [("Zele", "9240"), ("Berlare", "9290")]),
    ("Lokeren", [("Lokeren", "9160"), ("Moerbeke", "9180")]),
    ("Schelde-Oost", [("Wetteren", "9230"), ("Wichelen", "9260")]),
    ("Kalkense Meersen", [("Laarne", "9270"), ("Destelbergen", "9070")]),
    ("Lede-Erpe-Mere", [("Lede", "9340"), ("Erpe-Mere", "9420")]),
    ("Waasland", [("Sint-Niklaas", "9100"), ("Temse", "9140")]),
    ("Kruibeke-Beveren", [("Kruibeke", "9150"), ("Beveren", "9120")]),
    ("Klein-Brabant", [("Bornem", "2880"), ("Puurs-Sint-Amands", "2870")]),
]
TEAMS_PER_COACH = 3

# CLBs follow the school's net; the free (vrij) net has two, split by area (first or second half).
CLBS = {
    "vrij-noord": ("Vrij CLB Dender en Durme", "Dendermonde"),
    "vrij-zuid": ("Vrij CLB Schelde en Waas", "Sint-Niklaas"),
    "go": ("GO! CLB Scheldeland", "Hamme"),
    "officieel": ("CLB Stedelijk en Gemeentelijk Onderwijs Scheldeland", "Lokeren"),
}

VOORNAMEN = [
    "Lotte", "Jens", "Elke", "Pieter", "Sofie", "Bram", "Annelies", "Wout", "Hanne", "Tom", "Katrien",
    "Stijn", "Nele", "Joris", "Lien", "Ruben", "Eline", "Koen", "Sarah", "Dries", "Inge", "Thomas",
    "Marieke", "Jasper", "Leen", "Bart", "Evi", "Sander", "Griet", "Wim", "Charlotte", "Niels", "Karen",
    "Jeroen", "Lore", "Arne", "Femke", "Nathalie", "Tine", "Yasmine", "Mohamed", "Aïsha", "Emre", "Fien",
    "Jolien", "Kobe", "Margot", "Ilse",
]  # fmt: skip
FAMILIENAMEN = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "De Smet", "Hermans", "Aerts", "Lambrecht", "Van den Bossche", "De Backer", "Verhaegen", "Van Damme",
    "Cools", "Vermeulen", "Verbruggen", "De Wilde", "Martens", "Van Acker", "Bogaert", "Coppens",
    "Segers", "Van de Velde", "De Clercq", "Pauwels", "Vandenberghe", "Baert", "Roels", "Stevens",
    "Hendrickx", "Verstraete", "Van Hecke", "Michiels", "Lemmens", "Geerts", "Bosmans", "De Vos",
    "Buyse", "Ceulemans", "Yilmaz", "El Amrani",
]  # fmt: skip
SCHOOLNAMEN = [
    "De Klimop", "De Regenboog", "'t Klavertje", "De Vlinder", "Het Kompas", "De Wegwijzer",
    "De Boomgaard", "De Zonnebloem", "Het Molenhuis", "De Horizon", "De Brug", "De Zandloper",
    "De Springplank", "De Toverfluit", "De Knipoog", "De Sterrenkijker", "Het Vogelnest", "De Parel",
    "De Kastanje", "De Windroos", "De Notelaar", "Het Palet", "De Linde", "De Kleine Prins", "Het Speelhof",
    "De Eikenboom", "De Duizendpoot", "Het Klimrek", "De Vuurtoren", "De Appelboom", "Het Groeihuis",
    "De Bolster", "De Wilg", "De Meidoorn", "De Schakel", "Het Veer", "De Reiger", "Het Kasteelhof",
    "De Kiem", "Scheldeoever", "Durmeland", "Hof ter Dender",
]  # fmt: skip
STRATEN = [
    "Kerkstraat", "Schoolstraat", "Molenstraat", "Stationsstraat", "Dorpsstraat", "Kouterlaan", "Beekstraat",
    "Populierenlaan", "Kapelstraat", "Veldstraat", "Nieuwstraat", "Heirbaan", "Lindenlaan", "Meersstraat",
    "Scheldestraat", "Kloosterstraat",
]  # fmt: skip

# What a school is called, by level and net; the invented name follows.
SCHOOLSOORT = {
    (Niveau.BASIS, Onderwijsnet.VRIJ): "Vrije Basisschool",
    (Niveau.BASIS, Onderwijsnet.OFFICIEEL): "Gemeentelijke Basisschool",
    (Niveau.BASIS, Onderwijsnet.GO): "GO! Basisschool",
    (Niveau.KLEUTER, Onderwijsnet.VRIJ): "Vrije Kleuterschool",
    (Niveau.KLEUTER, Onderwijsnet.OFFICIEEL): "Gemeentelijke Kleuterschool",
    (Niveau.KLEUTER, Onderwijsnet.GO): "GO! Kleuterschool",
    (Niveau.LAGER, Onderwijsnet.VRIJ): "Vrije Lagere School",
    (Niveau.LAGER, Onderwijsnet.OFFICIEEL): "Gemeentelijke Lagere School",
    (Niveau.LAGER, Onderwijsnet.GO): "GO! Lagere School",
    (Niveau.SECUNDAIR, Onderwijsnet.VRIJ): "Campus",
    (Niveau.SECUNDAIR, Onderwijsnet.OFFICIEEL): "Stedelijk Lyceum",
    (Niveau.SECUNDAIR, Onderwijsnet.GO): "GO! Atheneum",
}
NIVEAUS = ([Niveau.BASIS, Niveau.KLEUTER, Niveau.LAGER, Niveau.SECUNDAIR], [60, 8, 7, 25])
NETTEN = ([Onderwijsnet.VRIJ, Onderwijsnet.OFFICIEEL, Onderwijsnet.GO], [60, 20, 20])
LEERLINGEN = {  # starting range of pupils by level
    Niveau.KLEUTER: (80, 250),
    Niveau.LAGER: (120, 400),
    Niveau.BASIS: (150, 600),
    Niveau.SECUNDAIR: (300, 900),
}
OPDRACHTEN = ([50, 60, 80, 100], [15, 15, 25, 45])
FOCUSSEN = [Focus.BASISAANBOD, Focus.TYPE2, Focus.ASS, Focus.GEDRAG]

# The logins shown after loading (and again when the demo is already there).
LOGINS: list[tuple[str, Rol, str]] = [
    (COORDINATOR, Rol.COORDINATOR, f"coördinator van {ALGEMEEN_LSC}"),
    (DIRECTEUR, Rol.DIRECTEUR, f"directeur van {ALGEMEEN_LSC}"),
    (
        TEAMCOACH,
        Rol.TEAMCOACH,
        "coacht de regioteams " + ", ".join(n for n, _ in REGIOTEAMS[:TEAMS_PER_COACH]),
    ),
    (ANKER, Rol.ONDERSTEUNER, f"anker van {ANKERSCHOLEN_VAN_ANKER} scholen in regioteam {REGIOTEAMS[0][0]}"),
    (FOCUS, Rol.ONDERSTEUNER, "focusteam ASS, geen ankerschool"),
    (ZORG, Rol.ZORG, f"zorgteam van een ankerschool van {ANKER}"),
    (CLB, Rol.CLB, "CLB van die school"),
    (ADMIN, Rol.ADMIN, "beheerder, ook in de Django-admin"),
]


def laad_demo(*, schrijf: Callable[[str], object] = print) -> bool:
    """Builds the demo network; False (and nothing changed) when it is already loaded."""
    with transaction.atomic():
        if Gebruiker.objects.filter(email=COORDINATOR).exists():
            return False
        demo = _Bouw(random.Random(SEED), make_password(WACHTWOORD))
        demo.bouw()
    schrijf(demo.samenvatting())
    schrijf(logins_tabel())
    return True


def logins_tabel() -> str:
    breedte = max(len(email) for email, _, _ in LOGINS)
    regels = [f"Aanmelden met wachtwoord '{WACHTWOORD}':"]
    regels += [f"  {email:<{breedte}}  {rol.label} — {uitleg}" for email, rol, uitleg in LOGINS]
    return "\n".join(regels)


@dataclass
class _Bouw:
    """Holds what is built so far; each step adds one kind of rows."""

    rng: random.Random
    wachtwoord_hash: str
    gebruikte_emails: set[str] = field(default_factory=set)
    gebruikte_namen: set[str] = field(default_factory=set)
    teams: list[Regioteam] = field(default_factory=list)
    clbs: dict[str, Clb] = field(default_factory=dict)
    ondersteuners: list[Ondersteuner] = field(default_factory=list)
    scholen: list[School] = field(default_factory=list)
    team_van_school: dict[int, Regioteam] = field(default_factory=dict)
    aantallen: Counter = field(default_factory=Counter)

    def bouw(self) -> None:
        soort = Leersteuncentrum.Soort
        self.algemeen, self.specifiek = Leersteuncentrum.objects.bulk_create(
            [
                Leersteuncentrum(naam=ALGEMEEN_LSC, soort=soort.ALGEMEEN, gemeente="Dendermonde"),
                Leersteuncentrum(naam=SPECIFIEK_LSC, soort=soort.SPECIFIEK, gemeente="Lokeren"),
            ]
        )
        clbs = Clb.objects.bulk_create(
            [Clb(naam=naam, gemeente=gemeente) for naam, gemeente in CLBS.values()]
        )
        self.clbs = dict(zip(CLBS, clbs, strict=True))
        self.maak_regioteams_met_coaches()
        self.maak_beleid_en_admin()
        self.maak_ondersteuners()
        self.maak_specifieke_ondersteuners()
        self.maak_scholen()
        self.maak_bedieningen()
        self.maak_cijfers()
        self.maak_ankers()
        self.maak_zorg_en_clb_accounts()
        # The frames come first: they size each school's trajectories, its logged time and the spread its
        # consultation agrees on.
        verdeling = maak_democapaciteit(
            lsc=self.algemeen,
            ondersteuners=self.ondersteuners,
            door=Gebruiker.objects.get(email=COORDINATOR),
        )
        kaders = dict(verdeling.tijdskaders.values_list("school_id", "uren"))
        self.envelop_uren = verdeling.envelop.uren
        self.trajecten = maak_demotrajecten(
            rng=self.rng,
            lsc=self.algemeen,
            scholen=self.scholen,
            anker_van=self.anker_van,
            focus=self.ondersteuners[FOCUS_INDEX],
            kaders=kaders,
        )
        self.logboek = maak_demologboek(
            rng=self.rng,
            lsc=self.algemeen,
            kaders=kaders,
            demoscholen={s.pk for s in self.ankerscholen_van_anker},
        )
        self.overleggen = maak_demooverleggen(
            rng=self.rng,
            lsc=self.algemeen,
            scholen=self.scholen,
            anker_van=self.anker_van,
            demoscholen=self.ankerscholen_van_anker,
            kaders=kaders,
            schoolweken=verdeling.envelop.schoolweken,
        )

    # --- people -----------------------------------------------------------------------------------

    def nieuwe_naam(self) -> str:
        while True:
            naam = f"{self.rng.choice(VOORNAMEN)} {self.rng.choice(FAMILIENAMEN)}"
            if naam not in self.gebruikte_namen:
                self.gebruikte_namen.add(naam)
                return naam

    def email_voor(self, naam: str) -> str:
        # "Aïsha Van den Bossche" -> aisha.vandenbossche@example.org; a number only on a clash.
        ascii_naam = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().lower()
        voornaam, _, familienaam = ascii_naam.partition(" ")
        basis = voornaam + "." + familienaam.replace(" ", "").replace("'", "")
        email, volgnummer = f"{basis}@example.org", 2
        while email in self.gebruikte_emails:
            email, volgnummer = f"{basis}{volgnummer}@example.org", volgnummer + 1
        return email

    def gebruiker(
        self, rol: Rol, *, email: str | None = None, naam: str | None = None, **velden
    ) -> Gebruiker:
        """An unsaved account with the shared demo password hash."""
        naam = naam or self.nieuwe_naam()
        email = email or self.email_voor(naam)
        self.gebruikte_emails.add(email)
        return Gebruiker(email=email, naam=naam, rol=rol, password=self.wachtwoord_hash, **velden)

    def bewaar(self, gebruikers: list[Gebruiker]) -> list[Gebruiker]:
        self.aantallen["gebruikers"] += len(gebruikers)
        return Gebruiker.objects.bulk_create(gebruikers)

    def maak_regioteams_met_coaches(self) -> None:
        coaches = self.bewaar(
            [self.gebruiker(Rol.TEAMCOACH, email=TEAMCOACH, lsc=self.algemeen)]
            + [self.gebruiker(Rol.TEAMCOACH, lsc=self.algemeen) for _ in range(3)]
        )
        self.teams = Regioteam.objects.bulk_create(
            Regioteam(lsc=self.algemeen, naam=naam, coach=coaches[i // TEAMS_PER_COACH])
            for i, (naam, _) in enumerate(REGIOTEAMS)
        )

    def maak_beleid_en_admin(self) -> None:
        self.bewaar(
            [
                self.gebruiker(Rol.COORDINATOR, email=COORDINATOR, lsc=self.algemeen),
                self.gebruiker(Rol.DIRECTEUR, email=DIRECTEUR, lsc=self.algemeen),
                self.gebruiker(
                    Rol.ADMIN, email=ADMIN, naam="Beheerder Honingraat", is_staff=True, is_superuser=True
                ),
            ]
        )

    def maak_ondersteuners(self) -> None:
        """Supporters of the general LSC: evenly over the regio teams, most in one focus team."""
        focus_per_index = self.verdeel_focus(AANTAL_ONDERSTEUNERS)
        gebruikers, rijen = [], []
        for i in range(AANTAL_ONDERSTEUNERS):
            team_index = i % len(self.teams)
            email = {ANKER_INDEX: ANKER, FOCUS_INDEX: FOCUS}.get(i)
            focusteams = [Focus.ASS] if email == FOCUS else focus_per_index[i]
            gebruikers.append(self.gebruiker(Rol.ONDERSTEUNER, email=email, lsc=self.algemeen))
            rijen.append(
                {
                    "regioteam": self.teams[team_index],
                    "focusteams": focusteams,
                    "woonplaats": self.woonplaats(team_index),
                }
            )
        self.ondersteuners = self.maak_ondersteuner_rijen(self.bewaar(gebruikers), rijen, self.algemeen)

    def verdeel_focus(self, aantal: int) -> list[list[str]]:
        """Most in one focus team, dealt round so each has about a quarter of them; an eighth in none."""
        volgorde = list(range(aantal))
        self.rng.shuffle(volgorde)
        in_focus = aantal - aantal // 8
        focus: list[list[str]] = [[] for _ in range(aantal)]
        for plek, index in enumerate(volgorde[:in_focus]):
            focus[index] = [FOCUSSEN[plek % len(FOCUSSEN)]]
            if self.rng.random() < 0.08:  # a combined focus, as the domain allows
                focus[index].append(self.rng.choice([f for f in FOCUSSEN if f != focus[index][0]]))
        return focus

    def woonplaats(self, team_index: int | None) -> str:
        # Most supporters live in or near the area of their team.
        if team_index is not None and self.rng.random() < 0.7:
            return self.rng.choice(REGIOTEAMS[team_index][1])[0]
        return self.rng.choice(self.rng.choice(REGIOTEAMS)[1])[0]

    def maak_specifieke_ondersteuners(self) -> None:
        gebruikers = self.bewaar(
            [
                self.gebruiker(Rol.ONDERSTEUNER, lsc=self.specifiek)
                for _ in range(AANTAL_SPECIFIEKE_ONDERSTEUNERS)
            ]
        )
        rijen = [{"woonplaats": self.woonplaats(None)} for _ in gebruikers]
        self.maak_ondersteuner_rijen(gebruikers, rijen, self.specifiek)

    def maak_ondersteuner_rijen(
        self, gebruikers: list[Gebruiker], rijen: list[dict], lsc: Leersteuncentrum
    ) -> list[Ondersteuner]:
        ondersteuners = [
            Ondersteuner(gebruiker=g, lsc=lsc, opdracht_procent=self.rng.choices(*OPDRACHTEN)[0], **rij)
            for g, rij in zip(gebruikers, rijen, strict=True)
        ]
        self.aantallen["ondersteuners"] += len(ondersteuners)
        return Ondersteuner.objects.bulk_create(ondersteuners)

    # --- schools ----------------------------------------------------------------------------------

    def maak_scholen(self) -> None:
        nummers = self.rng.sample(range(10_000, 160_000), AANTAL_SCHOLEN)  # 5 or 6 digits
        namen: set[str] = set()
        scholen = []
        for i, nummer in enumerate(nummers):
            team_index = i % len(self.teams)
            gemeente, postcode = self.rng.choice(REGIOTEAMS[team_index][1])
            niveau = self.rng.choices(*NIVEAUS)[0]
            net = self.rng.choices(*NETTEN)[0]
            scholen.append(
                School(
                    instellingsnummer=str(nummer),
                    naam=self.schoolnaam(niveau, net, gemeente, namen),
                    straat=f"{self.rng.choice(STRATEN)} {self.rng.randint(1, 120)}",
                    postcode=postcode,
                    gemeente=gemeente,
                    niveau=niveau,
                    net=net,
                    scholengemeenschap=self.scholengemeenschap(net, team_index),
                    clb=self.clb_voor(net, team_index),
                )
            )
        self.scholen = School.objects.bulk_create(scholen)
        self.team_van_school = {s.pk: self.teams[i % len(self.teams)] for i, s in enumerate(self.scholen)}

    def schoolnaam(self, niveau: str, net: str, gemeente: str, gebruikt: set[str]) -> str:
        # A name a second time in the network gets its municipality, as real schools do.
        while True:
            naam = f"{SCHOOLSOORT[niveau, net]} {self.rng.choice(SCHOOLNAMEN)}"
            for kandidaat in (naam, f"{naam} {gemeente}"):
                if kandidaat not in gebruikt:
                    gebruikt.add(kandidaat)
                    return kandidaat

    @staticmethod
    def scholengemeenschap(net: str, team_index: int) -> str:
        if net == Onderwijsnet.GO:
            return "Scholengroep GO! Scheldeland"
        if net == Onderwijsnet.OFFICIEEL:
            return "Scholengemeenschap Gemeentelijk Onderwijs Scheldeland"
        coach_zone = team_index // TEAMS_PER_COACH
        return ["SG Dender", "SG Durme", "SG Schelde", "SG Waas en Brabant"][coach_zone]

    def clb_voor(self, net: str, team_index: int) -> Clb:
        if net == Onderwijsnet.VRIJ:
            return self.clbs["vrij-noord" if team_index < len(self.teams) // 2 else "vrij-zuid"]
        return self.clbs[net]

    def maak_bedieningen(self) -> None:
        # Every school by the general LSC in its regio team; some also by the specific one (no team).
        rijen = [
            Bediening(lsc=self.algemeen, school=s, regioteam=self.team_van_school[s.pk]) for s in self.scholen
        ]
        rijen += [
            Bediening(lsc=self.specifiek, school=s)
            for s in self.rng.sample(self.scholen, AANTAL_SPECIFIEK_BEDIEND)
        ]
        self.aantallen["bedieningen"] = len(Bediening.objects.bulk_create(rijen))

    def maak_cijfers(self) -> None:
        self.laatste_jaar = huidig_schooljaar() - 1  # figures are known for finished years only
        nieuw = {s.pk for s in self.rng.sample(self.scholen, AANTAL_NIEUWE_SCHOLEN)}
        rijen = []
        for school in self.scholen:
            jaren = self.rng.randint(1, 3) if school.pk in nieuw else JAREN_CIJFERS
            rijen += self.cijferreeks(school, jaren)
        self.aantallen["cijfers"] = len(Schooljaarcijfers.objects.bulk_create(rijen))
        self.maak_verslagregister(rijen)

    def maak_verslagregister(self, cijfers: list[Schooljaarcijfers]) -> None:
        """Each school's report register: the reports of its last year with figures, and where it keeps them
        (no random draw: the rest of the demo stays as it was)."""
        laatste = {}
        for rij in cijfers:
            if rij.schooljaar >= laatste.get(rij.school_id, rij).schooljaar:
                laatste[rij.school_id] = rij
        plaatsen = ["zorgdossier, secretariaat", "digitaal leerlingvolgsysteem", "kast zorgcoördinator"]
        register = [
            Verslagregister(
                school_id=school_id, soort=soort, aantal=aantal, bewaarplaats=plaatsen[school_id % 3]
            )
            for school_id, rij in laatste.items()
            for soort, aantal in (
                ("gc", rij.gc_verslagen),
                ("iac", rij.iac_verslagen),
                ("ov4", rij.ov4_verslagen),
            )
            if aantal
        ]
        self.aantallen["verslagregister"] = len(Verslagregister.objects.bulk_create(register))

    def cijferreeks(self, school: School, jaren: int) -> list[Schooljaarcijfers]:
        """Pupils drift a little each year; GC reports stay around a school-specific share."""
        leerlingen = self.rng.randint(*LEERLINGEN[school.niveau])
        gc_aandeel = self.rng.uniform(0.01, 0.06)
        reeks = []
        for jaar in range(self.laatste_jaar - jaren + 1, self.laatste_jaar + 1):
            leerlingen = min(900, max(80, round(leerlingen * self.rng.uniform(0.96, 1.05))))
            reeks.append(
                Schooljaarcijfers(
                    school=school,
                    schooljaar=jaar,
                    leerlingen=leerlingen,
                    gc_verslagen=max(1, round(leerlingen * gc_aandeel * self.rng.uniform(0.85, 1.15))),
                    iac_verslagen=self.rng.choices([0, 1, 2, 3, 4], [35, 30, 20, 10, 5])[0],
                    ov4_verslagen=self.rng.choices([0, 1, 2], [60, 30, 10])[0],
                )
            )
        return reeks

    # --- anchors and school-side accounts ---------------------------------------------------------

    def maak_ankers(self) -> None:
        """One anchor per school this year, from its regio team, at most three schools each.

        The anchor login gets the first schools of its team; exactly three schools stay without
        anchor so the coordinator's overview has something to show.
        """
        schooljaar = huidig_schooljaar()
        anker, focus = self.ondersteuners[ANKER_INDEX], self.ondersteuners[FOCUS_INDEX]
        scholen_per_team = defaultdict(list)
        for school in self.scholen:
            scholen_per_team[self.team_van_school[school.pk].pk].append(school)
        self.ankerscholen_van_anker = scholen_per_team[anker.regioteam_id][:ANKERSCHOLEN_VAN_ANKER]
        rest = [s for s in self.scholen if s not in self.ankerscholen_van_anker]
        zonder_anker = set(self.rng.sample(rest, AANTAL_ZONDER_ANKER))

        last: Counter = Counter({anker.pk: ANKERSCHOLEN_VAN_ANKER})
        anker_van = {s.pk: anker for s in self.ankerscholen_van_anker}
        for school in rest:
            if school in zonder_anker:
                continue
            team = self.team_van_school[school.pk]
            kandidaten = [
                o for o in self.ondersteuners
                if o.regioteam_id == team.pk and o not in (anker, focus) and last[o.pk] < MAX_ANKERSCHOLEN
            ]  # fmt: skip
            anker_van[school.pk] = self.rng.choice(kandidaten)
            last[anker_van[school.pk].pk] += 1
        rijen = [
            Ankertoewijzing(school_id=school_pk, lsc=self.algemeen, schooljaar=schooljaar, ondersteuner=o)
            for school_pk, o in anker_van.items()
        ]
        self.aantallen["ankers"] = len(Ankertoewijzing.objects.bulk_create(rijen))
        self.anker_van = anker_van

    def maak_zorg_en_clb_accounts(self) -> None:
        """One care account per school and one account per CLB; the logins belong to an anchor school."""
        zorgschool = self.ankerscholen_van_anker[0]
        zorg_emails = [
            ZORG if s == zorgschool else f"zorg.{s.instellingsnummer}@example.org" for s in self.scholen
        ]
        zorg = self.bewaar([self.gebruiker(Rol.ZORG, email=email) for email in zorg_emails])
        koppeling = School.zorgmedewerkers.through
        koppeling.objects.bulk_create(
            koppeling(school=s, gebruiker=g) for s, g in zip(self.scholen, zorg, strict=True)
        )
        clb_emails = {
            sleutel: CLB if clb == zorgschool.clb else f"clb.{sleutel}@example.org"
            for sleutel, clb in self.clbs.items()
        }
        clb = self.bewaar(
            [self.gebruiker(Rol.CLB, email=clb_emails[k], clb=clb) for k, clb in self.clbs.items()]
        )
        # A new colleague on the demo care team, invited by the administrator: no LSC vouched for them
        # yet. The coordinator finds the account to confirm under Aanvragen; the care login can vouch too.
        # A fixed name: drawing one would shift the seeded draws of everything built after it.
        (collega,) = self.bewaar([self.gebruiker(Rol.ZORG, email=NIEUWE_COLLEGA, naam="Fien Verstraete")])
        koppeling.objects.create(school=zorgschool, gebruiker=collega)
        self.bevestig(zip(self.scholen, zorg, strict=True), clb)

    def bevestig(self, zorgteams, clb_accounts) -> None:
        """Every LSC vouched for the care and CLB accounts of its schools when it invited them."""
        coordinator = Gebruiker.objects.get(email=COORDINATOR)
        lscs_per_school = defaultdict(list)
        for school_id, lsc_id in Bediening.objects.values_list("school_id", "lsc_id"):
            lscs_per_school[school_id].append(lsc_id)
        bron = Bevestiging.Bron.UITNODIGING
        rijen = [
            Bevestiging(
                gebruiker=g,
                school=s,
                lsc_id=lsc_id,
                bron=bron,
                door=coordinator if lsc_id == self.algemeen.pk else None,
            )
            for s, g in zorgteams
            for lsc_id in lscs_per_school[s.pk]
        ]
        for account in clb_accounts:
            clb_scholen = {s.pk for s in self.scholen if s.clb_id == account.clb_id}
            for lsc_id in sorted({lsc for s in clb_scholen for lsc in lscs_per_school[s]}):
                door = coordinator if lsc_id == self.algemeen.pk else None
                rijen.append(
                    Bevestiging(gebruiker=account, clb=account.clb, lsc_id=lsc_id, bron=bron, door=door)
                )
        self.aantallen["bevestigingen"] = len(Bevestiging.objects.bulk_create(rijen))

    def samenvatting(self) -> str:
        a = self.aantallen
        return (
            f"Demonetwerk geladen: 2 leersteuncentra ({ALGEMEEN_LSC} en {SPECIFIEK_LSC}), "
            f"{len(self.teams)} regioteams, 4 teamcoaches, {a['ondersteuners']} leerondersteuners, "
            f"{len(self.clbs)} CLB's, {len(self.scholen)} scholen ({a['bedieningen']} bedieningen), "
            f"{a['cijfers']} schooljaarcijfers tot {als_tekst(self.laatste_jaar)}, "
            f"{a['ankers']} ankers voor {als_tekst(huidig_schooljaar())} "
            f"({AANTAL_ZONDER_ANKER} scholen zonder anker), {a['gebruikers']} accounts, "
            f"een envelop van {self.envelop_uren} uur (uit het personeel) in gepubliceerde tijdskaders, "
            f"{sum(self.trajecten.values())} leersteuntrajecten ({self.trajecten['lopend']} lopend) "
            f"met {self.logboek.minuten // 60} uur in het logboek ({len(self.logboek.boven)} scholen ver "
            f"boven hun tijdskader, {len(self.logboek.onder)} ver onder, de {AANTAL_ZONDER_ANKER} zonder "
            f"anker zonder gelogde tijd), "
            f"{sum(self.overleggen.values())} schoolbeeldoverleggen "
            f"({self.overleggen['gedeeld']} verslagen gedeeld)."
        )
