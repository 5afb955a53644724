"""A pupil through every step of the real services, its name and details in every free text, and the checks
that all of it is still there (before the retention period ends) or gone (after anonymisation)."""

import datetime as dt
import json
import re

from django.utils import timezone

from netwerk.audit import log_inzage
from netwerk.models import Inzage, Wijziging
from trajecten import services
from trajecten.models import (
    Afsluitvraag,
    Betrokkene,
    Doel,
    Doelevaluatie,
    Evaluatie,
    Leerling,
    Logboekregel,
    Traject,
    Wisverzoek,
)
from trajecten.services import LeerlingGegevens

NAAM = "Zwaluwstaart"
# Texts that describe the pupil: none of them may survive anonymisation, in the data or in the audit.
KENMERKEN = [NAAM, "Vlinderhof", "trappenhal", "kapstok", "zwembad", "onrustig"]


def zonder_tokens(html: str) -> str:
    """A page without its random parts (a form's action key, the CSRF token in a hidden field and in the
    page's hx-headers), where a short text such as a class "4B" may turn up by chance."""
    return re.sub(r"""(action|value)="[^"]*"|hx-headers='[^']*'""", "", html)


def volledige_leerling(wereld, *, naam: str = NAAM, afgesloten_op=dt.date(2026, 3, 10)) -> Traject:
    """A pupil through every step of the real services, its name and details in every free text."""
    door, begin = wereld.anker.gebruiker, afgesloten_op - dt.timedelta(days=60)
    traject = services.traject_aanmelden(
        door=door,
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        gebondenheid="leerling",
        leerling=LeerlingGegevens(voornaam=naam, initiaal="K", geboortejaar=2016, klas="3A", verslag="gc"),
        type="9",
        fase=2,
        vraag_leerkracht=f"Hoe helpen we {naam} in de trappenhal?",
        vraag_leerling_ouders=f"De ouders van {naam} vragen rust aan de kapstok.",
        aangemeld_op=begin,
        anker=wereld.anker,
    )
    services.antwoord_geven(door=door, traject=traject, antwoord=f"We observeren {naam}.", op=begin)
    services.traject_starten(
        door=door,
        traject=traject,
        start=begin + dt.timedelta(days=2),
        geplande_einde=None,
        doelen=[f"{naam} gaat rustig de trappenhal op"],
        intensiteit_minuten=60,
        frequentie="week",
    )
    doel = services.doel_toevoegen(door=door, traject=traject, omschrijving="Zelf naar het zwembad")
    services.evaluatie_registreren(
        door=door,
        traject=traject,
        datum=begin + dt.timedelta(days=20),
        beslissing="verderzetten",
        samenvatting=f"{naam} was onrustig.",
        doelen={doel.pk: ("bezig", f"{naam} gaat al mee naar het zwembad")},
        volgende_evaluatie=begin + dt.timedelta(days=50),
    )
    services.tijd_loggen(
        door=door,
        traject=traject,
        ondersteuner=wereld.anker,
        datum=begin + dt.timedelta(days=3),
        minuten=90,
        activiteit="observatie",
        notitie=f"{naam} aan de kapstok",
    )
    services.betrokkene_toevoegen(
        door=door, traject=traject, rol="therapeut", naam=f"Logo van {naam}", organisatie="Vlinderhof"
    )
    services.traject_afronden(door=door, traject=traject, op=afgesloten_op - dt.timedelta(days=5))
    services.traject_heropenen(door=door, traject=traject, reden=f"{naam} is weer onrustig")
    services.traject_afronden(door=door, traject=traject, op=afgesloten_op)
    Afsluitvraag.objects.filter(traject=traject).update(
        wat_neem_je_mee=f"Rust voor {naam}", waar_liggen_kansen="Het zwembad", beantwoord_op=timezone.now()
    )
    log_inzage(door=door, soort="pagina", traject_id=traject.pk)
    log_inzage(door=door, soort="export", omschrijving=f"lijst met {naam}")  # an old, careless read log
    return Traject.objects.select_related("leerling").get(pk=traject.pk)


def alles_over(traject: Traject) -> str:
    """Everything the database holds about the trajectory and its pupil, the audit included, as text."""
    rijen = [
        Leerling.objects.filter(pk=traject.leerling_id).values(),
        Traject.objects.filter(pk=traject.pk).values(),
        Doel.objects.filter(traject=traject).values(),
        Evaluatie.objects.filter(traject=traject).values(),
        Doelevaluatie.objects.filter(evaluatie__traject=traject).values(),
        Logboekregel.objects.filter(traject=traject).values(),
        Betrokkene.objects.filter(traject=traject).values(),
        Afsluitvraag.objects.filter(traject=traject).values(),
        Wisverzoek.objects.filter(leerling=traject.leerling_id).values(),
        Wijziging.objects.values(),
        Inzage.objects.values(),
    ]
    return json.dumps([list(r) for r in rijen], default=str, ensure_ascii=False)


def bewaard(traject: Traject) -> None:
    tekst = alles_over(traject)
    for kenmerk in KENMERKEN:
        assert kenmerk in tekst


def weg(traject: Traject) -> None:
    tekst = alles_over(traject).lower()
    gebleven = [kenmerk for kenmerk in KENMERKEN if kenmerk.lower() in tekst]
    assert gebleven == [], f"na het anonimiseren staat er nog {gebleven}"
