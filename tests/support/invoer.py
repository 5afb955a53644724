"""What the fuzzers cover, shared by the form and the import fuzzing: the apps whose forms and tables count,
the upload forms and import screens, and the row count of every table (nothing stays behind a refusal)."""

from django.apps import apps
from django.db import connection

from overleg.views.sjablonen import LogoForm
from scholen.views.importeren import ImportForm, ScholenImportForm

APPS = ("netwerk", "scholen", "trajecten", "capaciteit", "overleg")

# The form classes of uploads: test_fuzz_formulieren checks that every form class has a case.
BESTANDSFORMULIEREN = (ImportForm, ScholenImportForm, LogoForm)
IMPORTSCHERMEN = {"import_start", "import_bevestig", "import_annuleer", "lsc_logo", "import_voorbeeld"}


# Rows that any request may write whatever its form says: the read log (every page with pupil data), the
# claim that makes a double-clicked form take effect once (netwerk/eenmalig.py) and an upload waiting for
# its preview, its uploader's own until the commit or a cancellation (scholen/services/inlezen.py).
MACHINERIE = {"netwerk.Inzage", "netwerk.Verzending", "scholen.Importbestand"}


def tabellen() -> list[str]:
    return sorted(
        model._meta.db_table
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.managed and model._meta.label not in MACHINERIE
    )


def tabelstand() -> tuple:
    """The row count of every table of the apps, in one query."""
    # Table names from the models, never from input.
    tellingen = ", ".join(f'(SELECT count(*) FROM "{tabel}")' for tabel in tabellen())  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tellingen}")
        return cursor.fetchone()
