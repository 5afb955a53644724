"""Writes for the organisation: one function per change, keyword-only, validated, mails queued on commit."""

import logging

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from netwerk.audit import log_actie
from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam, Rol
from netwerk.wachtrij import na_commit

logger = logging.getLogger(__name__)


@transaction.atomic
def gebruiker_uitnodigen(
    *,
    uitnodiger: Gebruiker,
    naam: str,
    email: str,
    rol: str,
    lsc: Leersteuncentrum | None = None,
    regioteam: Regioteam | None = None,
    clb: Clb | None = None,
) -> Gebruiker:
    """Creates the account without a password; the invitation mail lets its owner choose one (and, by
    using it, proves the address). A care-staff account's school and what an LSC vouches for are
    `scholen.services.account_uitnodigen`'s part."""
    gebruiker = Gebruiker(naam=naam, email=email.lower(), rol=rol, lsc=lsc, clb=clb)
    gebruiker.set_unusable_password()
    gebruiker.full_clean()
    gebruiker.save()
    if rol == Rol.ONDERSTEUNER:
        ondersteuner = Ondersteuner(gebruiker=gebruiker, lsc=lsc, regioteam=regioteam)
        ondersteuner.full_clean()
        ondersteuner.save()
    log_actie(
        door=uitnodiger,
        actie="netwerk.gebruiker.uitgenodigd",
        obj=gebruiker,
        wijzigingen={
            "rol": [None, rol],
            "lsc": [None, str(lsc) if lsc else None],
            "clb": [None, str(clb) if clb else None],
        },
    )
    from netwerk.tasks import stuur_uitnodiging

    na_commit(stuur_uitnodiging, gebruiker.pk, ter_plaatse=True)
    return gebruiker


def uitnodiging_versturen(*, gebruiker_id: int) -> None:
    gebruiker = Gebruiker.objects.get(pk=gebruiker_id, is_active=True)
    pad = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(gebruiker),
            "key": default_token_generator.make_token(gebruiker),
        },
    )
    context = {
        "gebruiker": gebruiker,
        "link": f"{settings.SITE_URL}{pad}",
        "rol": gebruiker.get_rol_display(),
    }
    send_mail(
        subject="[Honingraat] Je account staat klaar",
        message=render_to_string("netwerk/mail/uitnodiging.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[gebruiker.email],
    )


MAX_TEAMS_PER_COACH = 3


@transaction.atomic
def regioteam_coach_instellen(*, door: Gebruiker, regioteam: Regioteam, coach: Gebruiker | None) -> Regioteam:
    """A team coach coaches at most three regio teams; the coach's row is locked so two edits can't race."""
    if coach is not None:
        Gebruiker.objects.select_for_update().get(pk=coach.pk)
        if coach.rol != Rol.TEAMCOACH or coach.lsc_id != regioteam.lsc_id:
            raise ValidationError("Kies een teamcoach van dit leersteuncentrum.")
        andere = Regioteam.objects.filter(coach=coach).exclude(pk=regioteam.pk).count()
        if andere >= MAX_TEAMS_PER_COACH:
            raise ValidationError(
                f"{coach.naam} coacht al {andere} regioteams; "
                f"een teamcoach coacht er hoogstens {MAX_TEAMS_PER_COACH}."
            )
    regioteam.coach = coach
    regioteam.save(update_fields=["coach"])
    logger.info("coach van regioteam %s ingesteld door account %s", regioteam.pk, door.pk)
    return regioteam


def ondersteuner_bijwerken(*, door: Gebruiker, ondersteuner: Ondersteuner, gegevens: dict) -> Ondersteuner:
    regioteam = gegevens.get("regioteam")
    if regioteam is not None and regioteam.lsc_id != ondersteuner.lsc_id:
        raise ValidationError("Dit regioteam hoort bij een ander leersteuncentrum.")
    for veld, waarde in gegevens.items():
        setattr(ondersteuner, veld, waarde)
    ondersteuner.full_clean()
    ondersteuner.save(update_fields=list(gegevens))
    logger.info("ondersteuner %s bijgewerkt door account %s", ondersteuner.pk, door.pk)
    return ondersteuner
