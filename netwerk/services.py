"""Writes for the organisation: one function per change, keyword-only, validated, mails queued on commit."""

import logging
import secrets

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerk.audit import log_actie, verschil
from netwerk.models import (
    Afwezigheid,
    Clb,
    Gebruiker,
    Leersteuncentrum,
    Ondersteuner,
    Opdrachtwijziging,
    Regioteam,
    Rol,
)
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
    na_commit("netwerk.tasks.stuur_uitnodiging", gebruiker.pk, ter_plaatse=True)
    return gebruiker


def _wachtwoordlink(gebruiker: Gebruiker) -> str:
    """A one-time link to choose a password; using it proves the address (netwerk/signalen.py)."""
    pad = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(gebruiker),
            "key": default_token_generator.make_token(gebruiker),
        },
    )
    return f"{settings.SITE_URL}{pad}"


def adres_bewezen(sender, request, user, **_kwargs) -> None:
    """A password chosen through a one-time link (an invitation, a reset) proves the address: allauth
    refuses to activate TOTP for an unverified one, and compulsory MFA would then send the new user round
    in circles."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def uitnodiging_versturen(*, gebruiker_id: int) -> None:
    gebruiker = Gebruiker.objects.get(pk=gebruiker_id, is_active=True)
    context = {"gebruiker": gebruiker, "link": _wachtwoordlink(gebruiker), "rol": gebruiker.get_rol_display()}
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


# An administrator's hand on someone else's account: logged, told to its owner, never silent --------------


@transaction.atomic
def toegang_herstellen(*, door: Gebruiker, gebruiker: Gebruiker, wachtwoord: bool) -> None:
    """Removes the account's second factor (and with `wachtwoord` its password) and signs it out everywhere;
    the owner sets them up again themselves, from a mail to their own address. An administrator never
    chooses someone's password, so a stolen admin account cannot take over an account with MFA unseen."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    verwijderd, _per_soort = Authenticator.objects.filter(user=gebruiker).delete()
    velden = ["sessiesleutel"]
    gebruiker.sessiesleutel = secrets.token_hex(16)
    if wachtwoord:
        gebruiker.set_unusable_password()
        velden.append("password")
    gebruiker.save(update_fields=velden)
    wijzigingen = {"tweestapsverificatie": [f"{verwijderd} sleutels", None]}
    if wachtwoord:
        wijzigingen["wachtwoord"] = ["gekozen", None]
    log_actie(door=door, actie="netwerk.gebruiker.toegang_hersteld", obj=gebruiker, wijzigingen=wijzigingen)
    na_commit("netwerk.tasks.stuur_toegang_hersteld", gebruiker.pk, door.pk, wachtwoord, ter_plaatse=True)


def toegang_hersteld_versturen(*, gebruiker_id: int, door_id: int, wachtwoord: bool) -> None:
    gebruiker = Gebruiker.objects.get(pk=gebruiker_id)
    context = {
        "gebruiker": gebruiker,
        "door": Gebruiker.objects.get(pk=door_id).naam,
        "wanneer": timezone.localtime(),
        "wachtwoord": wachtwoord,
        "link": _wachtwoordlink(gebruiker) if wachtwoord else "",
    }
    send_mail(
        subject="[Honingraat] Je toegang is opnieuw ingesteld",
        message=render_to_string("netwerk/mail/toegang_hersteld.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[gebruiker.email],
    )


@transaction.atomic
def gebruiker_beheren(*, door: Gebruiker, gebruiker: Gebruiker, voor: dict, na: dict) -> None:
    """What an administrator changed of an account in the admin (role, rights, address): logged, and a
    changed address is told to the old one, so a redirected account does not go unnoticed."""
    wijzigingen = verschil(voor, na)
    if not wijzigingen:
        return
    log_actie(door=door, actie="netwerk.gebruiker.beheerd", obj=gebruiker, wijzigingen=wijzigingen)
    if "email" in wijzigingen:
        taak = "netwerk.tasks.stuur_email_gewijzigd"
        na_commit(taak, gebruiker.pk, door.pk, voor["email"], ter_plaatse=True)


def email_gewijzigd_versturen(*, gebruiker_id: int, door_id: int, oud: str) -> None:
    gebruiker = Gebruiker.objects.get(pk=gebruiker_id)
    context = {
        "gebruiker": gebruiker,
        "door": Gebruiker.objects.get(pk=door_id).naam,
        "oud": oud,
        "nieuw": gebruiker.email,
    }
    send_mail(
        subject="[Honingraat] Het e-mailadres van je account is gewijzigd",
        message=render_to_string("netwerk/mail/email_gewijzigd.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[oud],
    )


# The team through the year: assignment changes from a date, leave, leaving (issue 20) -----------------------


@transaction.atomic
def opdracht_wijzigen(
    *, door: Gebruiker, ondersteuner: Ondersteuner, opdracht_procent: int, vanaf
) -> Opdrachtwijziging:
    """A new assignment from `vanaf` on. The history keeps every change; the supporter's current value is
    the latest change that has begun (today, or later by `opdrachten_bijwerken`)."""
    ondersteuner = Ondersteuner.objects.select_for_update().get(pk=ondersteuner.pk)
    if Opdrachtwijziging.objects.filter(ondersteuner=ondersteuner, vanaf=vanaf).exists():
        raise ValidationError(_("Vanaf deze datum is er al een opdrachtwijziging."))
    wijziging = Opdrachtwijziging(
        ondersteuner=ondersteuner, opdracht_procent=opdracht_procent, vanaf=vanaf, door=door
    )
    wijziging.full_clean()
    wijziging.save()
    log_actie(
        door=door,
        actie="netwerk.opdrachtwijziging.toegevoegd",
        obj=ondersteuner,
        wijzigingen={
            "opdracht_procent": [ondersteuner.opdracht_procent, opdracht_procent],
            "vanaf": [None, str(vanaf)],
        },
    )
    _huidige_opdracht_zetten(ondersteuner, vandaag=timezone.localdate())
    return wijziging


def _huidige_opdracht_zetten(ondersteuner: Ondersteuner, *, vandaag) -> bool:
    """Once a change has begun, the supporter takes the latest begun change's value, once: a later edit of
    the supporter's own form is not undone every night."""
    begonnen = ondersteuner.opdrachtwijzigingen.filter(vanaf__lte=vandaag)
    nieuw = begonnen.filter(toegepast_op__isnull=True)
    if not nieuw.exists():
        return False
    huidig = begonnen.order_by("-vanaf").first()
    nieuw.update(toegepast_op=timezone.now())
    if huidig.opdracht_procent == ondersteuner.opdracht_procent:
        return False
    ondersteuner.opdracht_procent = huidig.opdracht_procent
    ondersteuner.save(update_fields=["opdracht_procent"])
    return True


@transaction.atomic
def afwezigheid_registreren(
    *, door: Gebruiker, ondersteuner: Ondersteuner, van, tot, soort: str
) -> Afwezigheid:
    afwezigheid = Afwezigheid(ondersteuner=ondersteuner, van=van, tot=tot, soort=soort, door=door)
    afwezigheid.full_clean()
    overlap = Afwezigheid.objects.filter(ondersteuner=ondersteuner, van__lte=tot, tot__gte=van)
    if overlap.exists():
        raise ValidationError(_("Deze periode overlapt met een afwezigheid die al geregistreerd is."))
    afwezigheid.save()
    log_actie(
        door=door,
        actie="netwerk.afwezigheid.toegevoegd",
        obj=ondersteuner,
        wijzigingen={"soort": [None, soort], "van": [None, str(van)], "tot": [None, str(tot)]},
    )
    return afwezigheid


def account_deactiveren_als_vertrokken(ondersteuner: Ondersteuner, *, vandaag) -> bool:
    """From the leaving date on the account is inactive: it stays, with its history, and cannot sign in."""
    gebruiker = ondersteuner.gebruiker
    if ondersteuner.uit_dienst_op is None or ondersteuner.uit_dienst_op > vandaag or not gebruiker.is_active:
        return False
    gebruiker.is_active = False
    gebruiker.save(update_fields=["is_active"])
    log_actie(
        door=None,
        actie="netwerk.gebruiker.gedeactiveerd",
        obj=gebruiker,
        wijzigingen={"is_active": [True, False]},
    )
    return True


@transaction.atomic
def opdrachten_bijwerken(*, vandaag=None) -> int:
    """Nightly: assignment changes that begin today take effect, leavers' accounts are deactivated on their
    date. Returns the number of supporters changed; a second run the same day changes nothing."""
    vandaag = vandaag or timezone.localdate()
    gewijzigd = 0
    ids = Ondersteuner.objects.filter(
        models.Q(opdrachtwijzigingen__vanaf__lte=vandaag, opdrachtwijzigingen__toegepast_op__isnull=True)
        | models.Q(uit_dienst_op__lte=vandaag, gebruiker__is_active=True)
    ).values("pk")
    te_bekijken = (
        Ondersteuner.objects.select_for_update().select_related("gebruiker").filter(pk__in=ids).order_by("pk")
    )
    for ondersteuner in te_bekijken:
        gewijzigd += _huidige_opdracht_zetten(ondersteuner, vandaag=vandaag)
        gewijzigd += account_deactiveren_als_vertrokken(ondersteuner, vandaag=vandaag)
    return gewijzigd
