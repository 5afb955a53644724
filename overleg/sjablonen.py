"""The coordinator's templates (leidraad, samenwerkingsafspraken) and the LSC's logo on the documents.

Reads and writes side by side, as they belong to one small thing: each save of a template is a new
version and the newest counts; an LSC that never saved one gets the built-in text (`standaard/*.md`),
written from the network's own description of the consultation. Restoring an older version saves it
again as the newest, so an undo is itself undoable and the history never loses a line.
"""

import io
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet
from PIL import Image, ImageOps, UnidentifiedImageError

from netwerk.audit import log_actie
from netwerk.models import Gebruiker, Leersteuncentrum
from overleg.models import Sjabloon, Sjabloonsoort

STANDAARD_MAP = Path(__file__).resolve().parent / "standaard"
STANDAARD_TITELS = {
    Sjabloonsoort.LEIDRAAD: "Leidraad schoolbeeldoverleg",
    Sjabloonsoort.AFSPRAKEN: "Samenwerkingsafspraken",
}
# Where the leidraad's overview of registered trajectories goes: a line holding only this marker.
PLAATS_TRAJECTEN = "[trajecten]"
MAX_TEKST = 20_000

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATEN = {"PNG", "JPEG"}
# Printed about 12 mm high: 240 pixels is sharp enough and keeps every document small.
LOGO_MAX_PIXELS = (960, 240)


@cache
def standaard_tekst(soort: str) -> str:
    return (STANDAARD_MAP / f"{Sjabloonsoort(soort).value}.md").read_text(encoding="utf-8")


def standaard_sjabloon(*, lsc: Leersteuncentrum, soort: str) -> Sjabloon:
    """The built-in text as an unsaved version 0: shown and printed like a saved one."""
    return Sjabloon(
        lsc=lsc, soort=soort, versie=0, titel=STANDAARD_TITELS[soort], tekst=standaard_tekst(soort)
    )


def huidig_sjabloon(*, lsc: Leersteuncentrum, soort: str) -> Sjabloon:
    """The newest saved version, or the built-in default when the LSC never saved one (one query)."""
    sjabloon = (
        Sjabloon.objects.filter(lsc=lsc, soort=soort)
        .select_related("bewaard_door")
        .order_by("-versie")
        .first()
    )
    return sjabloon or standaard_sjabloon(lsc=lsc, soort=soort)


def sjabloon_versies(*, lsc: Leersteuncentrum, soort: str) -> QuerySet[Sjabloon]:
    """Every saved version, newest first, with who saved it."""
    return Sjabloon.objects.filter(lsc=lsc, soort=soort).select_related("bewaard_door").order_by("-versie")


def _nieuwe_versie(*, door: Gebruiker, lsc: Leersteuncentrum, soort: str, titel: str, tekst: str) -> Sjabloon:
    # The LSC's row is the lock: two coordinators saving at once get versions n+1 and n+2, not a clash.
    Leersteuncentrum.objects.select_for_update().only("pk").get(pk=lsc.pk)
    hoogste = Sjabloon.objects.filter(lsc=lsc, soort=soort).aggregate(m=Max("versie"))["m"] or 0
    sjabloon = Sjabloon(
        lsc=lsc, soort=soort, versie=hoogste + 1, titel=titel.strip(), tekst=tekst, bewaard_door=door
    )
    sjabloon.full_clean()
    sjabloon.save()
    return sjabloon


def _controleer(*, soort: str, titel: str, tekst: str) -> None:
    fouten = {}
    if soort not in Sjabloonsoort.values:
        fouten["soort"] = "Onbekende soort sjabloon."
    if not titel.strip():
        fouten["titel"] = "Geef het document een titel."
    if not tekst.strip():
        fouten["tekst"] = "De tekst is leeg."
    elif len(tekst) > MAX_TEKST:
        fouten["tekst"] = f"De tekst is te lang ({len(tekst)} tekens, hoogstens {MAX_TEKST})."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def sjabloon_bewaren(
    *, door: Gebruiker, lsc: Leersteuncentrum, soort: str, titel: str, tekst: str
) -> tuple[Sjabloon, bool]:
    """Saves the text as the newest version. Returns (version, new?): an unchanged text adds no version."""
    tekst = tekst.replace("\r\n", "\n").strip() + "\n"
    _controleer(soort=soort, titel=titel, tekst=tekst)
    huidig = huidig_sjabloon(lsc=lsc, soort=soort)
    if huidig.titel == titel.strip() and huidig.tekst.strip() == tekst.strip():
        return huidig, False
    sjabloon = _nieuwe_versie(door=door, lsc=lsc, soort=soort, titel=titel, tekst=tekst)
    log_actie(
        door=door,
        actie="overleg.sjabloon.bewaard",
        obj=sjabloon,
        wijzigingen={"soort": soort, "versie": sjabloon.versie, "tekens": len(tekst)},
    )
    return sjabloon, True


@transaction.atomic
def sjabloon_herstellen(*, door: Gebruiker, lsc: Leersteuncentrum, soort: str, versie: int) -> Sjabloon:
    """An older version (0: the built-in text) saved again as the newest. Raises DoesNotExist if unknown."""
    if versie == 0:
        bron = standaard_sjabloon(lsc=lsc, soort=soort)
    else:
        bron = Sjabloon.objects.get(lsc=lsc, soort=soort, versie=versie)
    sjabloon = _nieuwe_versie(door=door, lsc=lsc, soort=soort, titel=bron.titel, tekst=bron.tekst)
    log_actie(
        door=door,
        actie="overleg.sjabloon.hersteld",
        obj=sjabloon,
        wijzigingen={"soort": soort, "versie": sjabloon.versie, "van_versie": versie},
    )
    return sjabloon


def logo_controleren(bestand) -> bytes:
    """The upload as a clean PNG (metadata gone, turned upright, scaled down), or a Dutch ValidationError.

    Pillow reads the content itself: a name or a content type proves nothing. Re-encoding means that what
    is stored and later embedded in the PDFs is an image Pillow wrote, not the bytes that were sent.
    """
    if bestand.size > LOGO_MAX_BYTES:
        raise ValidationError(
            f"Het logo is te groot ({bestand.size / 1024 / 1024:.1f} MB). Een logo mag hoogstens 1 MB zijn."
        )
    bestand.seek(0)
    gegevens = bestand.read()
    try:
        with Image.open(io.BytesIO(gegevens)) as proef:
            formaat = proef.format
            proef.verify()
        if formaat not in LOGO_FORMATEN:
            raise ValidationError(
                f"Een logo moet een PNG- of JPEG-bestand zijn; dit is een {formaat}-bestand."
            )
        with Image.open(io.BytesIO(gegevens)) as beeld:
            beeld = ImageOps.exif_transpose(beeld)
            beeld = beeld.convert("RGBA" if beeld.mode in {"RGBA", "LA", "P", "PA"} else "RGB")
            beeld.thumbnail(LOGO_MAX_PIXELS)
            uit = io.BytesIO()
            beeld.save(uit, format="PNG", optimize=True)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as fout:
        raise ValidationError(
            "Dit bestand is geen afbeelding die we kunnen lezen. Kies een PNG- of JPEG-bestand."
        ) from fout
    return uit.getvalue()


@transaction.atomic
def logo_bewaren(*, door: Gebruiker, lsc: Leersteuncentrum, bestand) -> Leersteuncentrum:
    """Checks and stores the LSC's logo; the old file is removed once the new one is in place."""
    png = logo_controleren(bestand)
    oud = lsc.logo.name if lsc.logo else None
    lsc.logo.save(f"lsc-{lsc.pk}.png", ContentFile(png), save=False)
    lsc.save(update_fields=["logo"])
    if oud and oud != lsc.logo.name:
        storage = lsc.logo.storage
        transaction.on_commit(lambda: storage.delete(oud))
    log_actie(door=door, actie="overleg.logo.bewaard", obj=lsc, wijzigingen={"bytes": len(png)})
    return lsc


@transaction.atomic
def logo_verwijderen(*, door: Gebruiker, lsc: Leersteuncentrum) -> Leersteuncentrum:
    if lsc.logo:
        lsc.logo.delete(save=False)
        lsc.save(update_fields=["logo"])
        log_actie(door=door, actie="overleg.logo.verwijderd", obj=lsc)
    return lsc
