"""What the capacity pages share: who may plan, and the addresses they send the coordinator back to."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from capaciteit import rules

MAX_RIJEN = 200  # beyond this a page of rows helps nobody: the XLSX holds them all


def toegang(request: HttpRequest) -> None:
    if not rules.mag_capaciteit_plannen(request.user):
        raise PermissionDenied


def planning_url(schooljaar: int) -> str:
    return f"{reverse('capaciteit_planning')}?schooljaar={schooljaar}"


def publiceren_url(schooljaar: int, vervallen=()) -> str:
    keuzes = [(f"keuze-{pk}", "vervallen") for pk in sorted(vervallen)]
    return f"{reverse('capaciteit_publiceren_voorbeeld')}?{urlencode([('schooljaar', schooljaar), *keuzes])}"
