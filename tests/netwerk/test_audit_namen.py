"""Audit rows written before the one dialect keep their old action names (the audit only grows): a reader
finds them under the new name too."""

import re

import pytest

from capaciteit.models import Envelop
from netwerk.audit import OUDE_ACTIES, actie_van, log_actie, namen_van
from netwerk.models import Wijziging
from tests import factories

DIALECT = re.compile(r"^(capaciteit|trajecten)\.[a-z_]+\.[a-z_]+$")


def test_elke_oude_naam_heeft_een_naam_in_het_dialect():
    assert all(DIALECT.match(nieuw) for nieuw in OUDE_ACTIES.values())
    assert actie_van("envelop bijgewerkt") == "capaciteit.envelop.bijgewerkt"
    assert actie_van("capaciteit.envelop.bijgewerkt") == "capaciteit.envelop.bijgewerkt"
    assert actie_van("geëvalueerd") == "trajecten.evaluatie.geregistreerd"
    assert namen_van("trajecten.evaluatie.geregistreerd") == [
        "trajecten.evaluatie.geregistreerd",
        "geëvalueerd",
    ]


@pytest.mark.django_db
def test_een_oude_rij_wordt_onder_de_nieuwe_naam_gevonden():
    envelop = Envelop.objects.create(lsc=factories.LscFactory(), schooljaar=2026, uren=100)
    log_actie(door=None, actie="envelop bijgewerkt", obj=envelop)
    log_actie(door=None, actie="capaciteit.envelop.bijgewerkt", obj=envelop)
    rijen = Wijziging.objects.filter(actie__in=namen_van("capaciteit.envelop.bijgewerkt"))
    assert sorted(actie_van(r.actie) for r in rijen) == ["capaciteit.envelop.bijgewerkt"] * 2
