"""TOTP secrets and recovery seeds encrypted (netwerk/adapters.py), a key per account that ends its
sessions when an administrator resets its access, and the addresses of accounts that chose their password
through their invitation link marked as proven (allauth refused them TOTP before)."""

from django.db import migrations, models
from django.db.models import F


def versleutelen(apps, schema_editor):
    # Imported here, not at the top: a migration module is imported for every migrate, the adapter only
    # matters when this one runs.
    from netwerk.adapters import herversleuteld  # noqa: PLC0415

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk"):
        authenticator.data = herversleuteld(authenticator.data)
        authenticator.save(update_fields=["data"])


def adressen_bewezen(apps, schema_editor):
    EmailAddress = apps.get_model("account", "EmailAddress")
    onbruikbaar = "!"  # Django's mark of an unusable password: the invitation link was not used yet
    EmailAddress.objects.filter(verified=False, email__iexact=F("user__email")).exclude(
        user__password__startswith=onbruikbaar
    ).update(verified=True)


class Migration(migrations.Migration):
    dependencies = [
        ("netwerk", "0010_inzage_lijst"),
        ("mfa", "0003_authenticator_type_uniq"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="gebruiker",
            name="sessiesleutel",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.RunPython(versleutelen, migrations.RunPython.noop),
        migrations.RunPython(adressen_bewezen, migrations.RunPython.noop),
    ]
