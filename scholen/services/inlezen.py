"""An uploaded import file from upload to preview: stored, read once, its table kept in PostgreSQL.

A small file (`netwerk.inlezen.KLEIN`) is read in the request; a larger one in a Celery job that writes how
far it got, which the preview polls. Either way the file is removed once read: the preview and the commit
check the kept table against the database as it is then, and never parse the file again.
"""

import datetime as dt
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerk.inlezen import Bestandsfout, Tabel, is_klein, lees_bestand
from netwerk.models import Leersteuncentrum
from netwerk.wachtrij import na_commit
from scholen.importeren import SOORTEN
from scholen.models import Importbestand

IMPORTMAP = "imports"
# Uploads nobody confirmed or cancelled are removed after this time, at the next upload.
BEWAARTIJD = dt.timedelta(days=1)
# The job writes its progress at most this often: the page polls once a second.
SCHRIJF_ELKE_S = 0.5


def importmap() -> Path:
    return Path(settings.MEDIA_ROOT) / IMPORTMAP


def importbestand_opslaan(
    *, door, soort: str, bestand: UploadedFile, formaat: str, lsc: Leersteuncentrum | None = None
) -> Importbestand:
    """Stores the upload under a random name (the client's name is only shown) and reads it, now or in a
    job. Without a broker the job runs here and now: an upload must not wait for a sweep."""
    map_ = importmap()
    map_.mkdir(parents=True, exist_ok=True)
    _oude_opruimen(map_)
    sleutel = uuid.uuid4()
    pad = map_ / f"{sleutel}.{formaat}"
    with pad.open("xb") as uit:
        for stuk in bestand.chunks():
            uit.write(stuk)
    invoer = Importbestand(
        sleutel=sleutel,
        door=door,
        soort=soort,
        lsc=lsc,
        naam="".join(teken for teken in bestand.name if teken.isprintable())[:100] or "?",
        bestand=pad.name,
    )
    invoer.full_clean()
    invoer.save()
    if is_klein(pad):
        return importbestand_lezen(importbestand_id=invoer.pk)
    na_commit("scholen.tasks.lees_importbestand", invoer.pk, ter_plaatse=True)
    return invoer


def importbestand_lezen(*, importbestand_id: int) -> Importbestand | None:
    """Reads the stored file into its table, or its Dutch reason; once (a redelivered job finds it read,
    a cancelled upload is gone). None when the upload was cancelled meanwhile."""
    invoer = Importbestand.objects.defer("tabel").filter(pk=importbestand_id).first()
    if invoer is None or invoer.status in {Importbestand.Status.KLAAR, Importbestand.Status.MISLUKT}:
        return invoer
    rijen = Importbestand.objects.filter(pk=invoer.pk)
    rijen.update(status=Importbestand.Status.BEZIG, begonnen_op=timezone.now(), regels_gelezen=0)
    pad = importmap() / invoer.bestand
    try:
        tabel = lees_bestand(pad, soort=SOORTEN[invoer.soort], voortgang=_Voortgang(invoer.pk))
    except Bestandsfout as fout:
        uitkomst = {"status": Importbestand.Status.MISLUKT, "fout": str(fout).replace("\x00", "")}
    except FileNotFoundError:
        uitkomst = {
            "status": Importbestand.Status.MISLUKT,
            "fout": _("Het bestand is niet meer beschikbaar. Laad het opnieuw op."),
        }
    else:
        uitkomst = {"status": Importbestand.Status.KLAAR, "tabel": tabel.naar_json()}
    rijen.update(**uitkomst, bestand="", klaar_op=timezone.now())
    pad.unlink(missing_ok=True)
    return Importbestand.objects.defer("tabel").filter(pk=invoer.pk).first()


def importbestand_tabel(invoer: Importbestand) -> Tabel:
    return Tabel.van_json(invoer.tabel)


def importbestand_vergeten(*, invoer: Importbestand) -> None:
    """After the commit or a cancellation: the row and, if it was not read yet, the file."""
    if invoer.bestand:
        (importmap() / invoer.bestand).unlink(missing_ok=True)
    invoer.delete()


class _Voortgang:
    """Writes the job's progress to its row, at most every `SCHRIJF_ELKE_S` seconds and at the end."""

    def __init__(self, importbestand_id: int) -> None:
        self.importbestand_id = importbestand_id
        self.geschreven = 0.0

    def __call__(self, gelezen: int, totaal: int | None) -> None:
        nu = time.monotonic()
        if nu - self.geschreven < SCHRIJF_ELKE_S and gelezen != totaal:
            return
        self.geschreven = nu
        Importbestand.objects.filter(pk=self.importbestand_id).update(
            regels_gelezen=gelezen, regels_totaal=totaal
        )


def _oude_opruimen(map_: Path) -> None:
    grens = timezone.now() - BEWAARTIJD
    for invoer in Importbestand.objects.filter(aangemaakt_op__lt=grens).only("pk", "bestand"):
        importbestand_vergeten(invoer=invoer)
    # Files whose row is gone without them (a process that died between the two).
    oud = time.time() - BEWAARTIJD.total_seconds()
    for pad in map_.iterdir():
        if pad.is_file() and pad.stat().st_mtime < oud:
            pad.unlink(missing_ok=True)
