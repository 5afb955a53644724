"""Factories for the organisation and its schools. Every account has the password `wachtwoord-test`."""

import factory
from django.contrib.auth.hashers import make_password

from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam, Rol
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers

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
