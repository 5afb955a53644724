"""Factories for the organisation and its schools. Every account has the password `wachtwoord-test`."""

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam, Rol
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, Bediening, Bevestiging, School, Schooljaarcijfers
from trajecten.models import Doel, Evaluatie, Leerling, Logboekregel, Toewijzing, Traject

WACHTWOORD = "wachtwoord-test"
_HASH = make_password(WACHTWOORD)


class LscFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leersteuncentrum

    naam = factory.Sequence(lambda n: f"LSC Proef {n}")


class ClbFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clb

    naam = factory.Sequence(lambda n: f"CLB Proef {n}")


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker

    email = factory.Sequence(lambda n: f"gebruiker{n}@proef.example")
    naam = factory.Sequence(lambda n: f"Gebruiker {n}")
    rol = Rol.COORDINATOR
    lsc = factory.SubFactory(LscFactory)
    password = _HASH


class RegioteamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regioteam

    lsc = factory.SubFactory(LscFactory)
    naam = factory.Sequence(lambda n: f"Regio {n}")


class OndersteunerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ondersteuner

    gebruiker = factory.SubFactory(GebruikerFactory, rol=Rol.ONDERSTEUNER, lsc=factory.SelfAttribute("..lsc"))
    lsc = factory.SubFactory(LscFactory)
    regioteam = None
    opdracht_procent = 100


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    instellingsnummer = factory.Sequence(lambda n: f"{100000 + n}")
    naam = factory.Sequence(lambda n: f"Basisschool Proef {n}")
    gemeente = "Gent"
    niveau = "basis"
    net = "vrij"


class BedieningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bediening

    lsc = factory.SubFactory(LscFactory)
    school = factory.SubFactory(SchoolFactory)
    regioteam = None


class CijfersFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schooljaarcijfers

    school = factory.SubFactory(SchoolFactory)
    schooljaar = factory.LazyFunction(lambda: huidig_schooljaar() - 1)
    leerlingen = 250
    gc_verslagen = 5


class AnkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ankertoewijzing

    school = factory.SubFactory(SchoolFactory)
    lsc = factory.SelfAttribute("ondersteuner.lsc")
    ondersteuner = factory.SubFactory(OndersteunerFactory)
    schooljaar = factory.LazyFunction(huidig_schooljaar)


# Trajectories. They skip the services (no change history, no mails): for screens and query counts.


class LeerlingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerling

    school = factory.SubFactory(SchoolFactory)
    voornaam = factory.Sequence(lambda n: f"Leerling{n}")
    initiaal = "V"
    geboortejaar = 2016
    klas = "4B"
    verslag = "gc"


class TrajectFactory(factory.django.DjangoModelFactory):
    """A pupil-bound request of type 9 at `school`, for `lsc`; set `status` and the rest as needed."""

    class Meta:
        model = Traject

    lsc = factory.SubFactory(LscFactory)
    school = factory.SubFactory(SchoolFactory)
    gebondenheid = "leerling"
    leerling = factory.SubFactory(LeerlingFactory, school=factory.SelfAttribute("..school"))
    type = "9"
    fase = 2
    vraag_leerkracht = "Hoe bieden we rust bij overgangen?"
    aangemeld_op = factory.LazyFunction(timezone.localdate)


class ToewijzingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toewijzing

    traject = factory.SubFactory(TrajectFactory)
    ondersteuner = factory.SubFactory(OndersteunerFactory, lsc=factory.SelfAttribute("..traject.lsc"))
    rol = "anker"


class DoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doel

    traject = factory.SubFactory(TrajectFactory)
    omschrijving = factory.Sequence(lambda n: f"Doel {n}")
    volgorde = factory.Sequence(lambda n: n)


class EvaluatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluatie

    traject = factory.SubFactory(TrajectFactory)
    datum = factory.LazyFunction(timezone.localdate)
    beslissing = "verderzetten"
    samenvatting = "Goed op weg."


class LogboekregelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Logboekregel

    traject = factory.SubFactory(TrajectFactory)
    ondersteuner = factory.SubFactory(OndersteunerFactory, lsc=factory.SelfAttribute("..traject.lsc"))
    datum = factory.LazyFunction(timezone.localdate)
    minuten = 60
    activiteit = "observatie"


def in_zorgteam(school: School, gebruiker: Gebruiker, *, bevestigd_door=None) -> Gebruiker:
    """Puts a care-staff account on the school's care team, vouched for by `bevestigd_door` (an LSC or a
    list of them; default: every LSC serving the school now), as an account from before the
    confirmations keeps its sight after the migration."""
    school.zorgmedewerkers.add(gebruiker)
    lscs = _lscs(bevestigd_door, Leersteuncentrum.objects.filter(bedieningen__school=school))
    Bevestiging.objects.bulk_create(
        Bevestiging(gebruiker=gebruiker, school=school, lsc=lsc, bron=Bevestiging.Bron.MIGRATIE)
        for lsc in lscs
    )
    return gebruiker


def clb_bevestigd(gebruiker: Gebruiker, *, bevestigd_door=None) -> Gebruiker:
    """Vouches for a CLB account by `bevestigd_door` (default: every LSC serving a school of its CLB)."""
    lscs = _lscs(
        bevestigd_door, Leersteuncentrum.objects.filter(bedieningen__school__clb=gebruiker.clb_id).distinct()
    )
    Bevestiging.objects.bulk_create(
        Bevestiging(gebruiker=gebruiker, clb_id=gebruiker.clb_id, lsc=lsc, bron=Bevestiging.Bron.MIGRATIE)
        for lsc in lscs
    )
    return gebruiker


def _lscs(gekozen, standaard) -> list:
    if gekozen is None:
        return list(standaard)
    return list(gekozen) if isinstance(gekozen, list | tuple) else [gekozen]
