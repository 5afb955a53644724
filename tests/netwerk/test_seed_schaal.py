import io

import pytest
from django.core.management import CommandError, call_command

from netwerk.models import Ondersteuner
from scholen.models import Ankertoewijzing, School
from trajecten.models import Logboekregel, Toewijzing, Traject


@pytest.mark.django_db
def test_schaalvulling_is_samenhangend_en_weigert_een_volle_databank():
    call_command("seed_schaal", factor=0.0002, stdout=io.StringIO())
    assert (School.objects.count(), Traject.objects.count(), Logboekregel.objects.count()) == (1, 200, 2000)
    assert Ondersteuner.objects.count() == 100
    # Every trajectory belongs to its school's LSC and is assigned to the school's anchor.
    anker = Ankertoewijzing.objects.get()
    assert set(Traject.objects.values_list("lsc", flat=True)) == {anker.lsc_id}
    assert set(Toewijzing.objects.values_list("ondersteuner", flat=True)) == {anker.ondersteuner_id}
    assert Traject.objects.filter(gebondenheid="leerling", leerling__isnull=True).count() == 0
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("seed_schaal", factor=0.0002)
