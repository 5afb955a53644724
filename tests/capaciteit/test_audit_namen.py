"""Audit rows written before the one dialect keep their old action names (the audit only grows): a reader
finds them under the new name too."""

import re

import pytest

from capaciteit import queries
from capaciteit.models import Envelop
from netwerk.audit import log_actie
from netwerk.models import Wijziging
from tests import factories

DIALECT = re.compile(r"^capaciteit\.[a-z_]+\.[a-z_]+$")


def test_elke_oude_naam_heeft_een_naam_in_het_dialect():
    assert all(DIALECT.match(nieuw) for nieuw in queries.OUDE_ACTIES.values())
    assert queries.actie_van("envelop bijgewerkt") == "capaciteit.envelop.bijgewerkt"
    assert queries.actie_van("capaciteit.envelop.bijgewerkt") == "capaciteit.envelop.bijgewerkt"


@pytest.mark.django_db
def test_een_oude_rij_wordt_onder_de_nieuwe_naam_gevonden():
    envelop = Envelop.objects.create(lsc=factories.LscFactory(), schooljaar=2026, uren=100)
    log_actie(door=None, actie="envelop bijgewerkt", obj=envelop)
    log_actie(door=None, actie="capaciteit.envelop.bijgewerkt", obj=envelop)
    rijen = Wijziging.objects.filter(actie__in=queries.namen_van("capaciteit.envelop.bijgewerkt"))
    assert sorted(queries.actie_van(r.actie) for r in rijen) == ["capaciteit.envelop.bijgewerkt"] * 2
