import io

import pytest
from django.core.management import CommandError, call_command

from honingraat.management.commands.seed_schaal import JAREN
from netwerk.models import Ondersteuner
from scholen.models import Ankertoewijzing, School
from trajecten.models import Logboekregel, Toewijzing, Traject


@pytest.mark.django_db
def test_schaalvulling_is_samenhangend_en_weigert_een_volle_databank():
    call_command("seed_schaal", factor=0.001, stdout=io.StringIO())
    assert (School.objects.count(), Traject.objects.count(), Logboekregel.objects.count()) == (4, 1000, 10000)
    assert Ondersteuner.objects.count() == 100
    # Every trajectory belongs to its school's LSC and is assigned to the school's anchor.
    ankers = {a.school_id: a for a in Ankertoewijzing.objects.all()}
    for traject_id, school_id, lsc_id in Traject.objects.values_list("pk", "school", "lsc")[:200]:
        assert lsc_id == ankers[school_id].lsc_id
        toegewezen = Toewijzing.objects.get(traject=traject_id).ondersteuner_id
        assert toegewezen == ankers[school_id].ondersteuner_id
    assert Traject.objects.filter(gebondenheid="leerling", leerling__isnull=True).count() == 0
    # One school still gets trajectories in every year, of every status and several types and kinds.
    assert Traject.objects.values("aangemeld_op__year").distinct().count() >= JAREN
    assert set(Traject.objects.values_list("status", flat=True)) == {
        "aangemeld",
        "in_behandeling",
        "lopend",
        "afgerond",
        "stopgezet",
    }
    assert Traject.objects.values("type").distinct().count() >= 4
    assert Traject.objects.values("gebondenheid").distinct().count() == 3
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("seed_schaal", factor=0.001)
