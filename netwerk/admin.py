from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netwerk import services
from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam

# What an administrator may change of an account here, and what a change of it is logged and told about.
BEHEERDE_VELDEN = ["email", "naam", "rol", "lsc", "clb", "is_active", "is_staff", "is_superuser"]


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    """Accounts without a password field: an administrator never chooses or sees someone's password or
    second factor. A reset goes to the owner's own mailbox (the actions), a new account is an invitation."""

    ordering = ["naam"]
    list_display = ["naam", "email", "rol", "lsc", "clb", "is_active"]
    list_filter = ["rol", "lsc", "is_active"]
    search_fields = ["naam", "email"]
    list_select_related = ["lsc", "clb"]
    fieldsets = [
        (None, {"fields": ["email"]}),
        (_("Persoon en rol"), {"fields": ["naam", "rol", "lsc", "clb"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["mfa_opnieuw", "wachtwoord_en_mfa_opnieuw"]

    def add_view(self, request, form_url="", extra_context=None):
        messages.info(
            request, _("Een nieuw account maak je met een uitnodiging: de persoon kiest zelf een wachtwoord.")
        )
        return redirect("gebruiker_uitnodigen")

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        voor = {}
        if change:
            voor = dict(
                Gebruiker.objects.filter(pk=obj.pk).values(*[_kolom(v) for v in BEHEERDE_VELDEN]).get()
            )
            voor = {veld: voor[_kolom(veld)] for veld in BEHEERDE_VELDEN}
        super().save_model(request, obj, form, change)
        if change:
            na_ids = {veld: getattr(obj, _kolom(veld)) for veld in BEHEERDE_VELDEN}
            services.gebruiker_beheren(door=request.user, gebruiker=obj, voor=voor, na=na_ids)

    @admin.action(description=_("Tweestapsverificatie opnieuw laten instellen (mail aan de eigenaar)"))
    def mfa_opnieuw(self, request, queryset):
        self._herstel(request, queryset, wachtwoord=False)

    @admin.action(
        description=_("Wachtwoord en tweestapsverificatie opnieuw laten instellen (mail aan de eigenaar)")
    )
    def wachtwoord_en_mfa_opnieuw(self, request, queryset):
        self._herstel(request, queryset, wachtwoord=True)

    def _herstel(self, request, queryset, *, wachtwoord: bool) -> None:
        aantal = 0
        for gebruiker in queryset:
            services.toegang_herstellen(door=request.user, gebruiker=gebruiker, wachtwoord=wachtwoord)
            aantal += 1
        self.message_user(
            request,
            ngettext(
                "%(aantal)s account is afgemeld; de eigenaar kreeg een mail om het opnieuw in te stellen.",
                "%(aantal)s accounts zijn afgemeld; elke eigenaar kreeg een mail om het opnieuw in te "
                "stellen.",
                aantal,
            )
            % {"aantal": aantal},
        )


def _kolom(veld: str) -> str:
    return f"{veld}_id" if veld in {"lsc", "clb"} else veld


# allauth registers its authenticators with their data, TOTP secret included: here only who has which kind.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__naam", "user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Through the account's action, which logs it, tells the owner and signs them out.
        return False


@admin.register(Leersteuncentrum)
class LeersteuncentrumAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "gemeente"]
    search_fields = ["naam"]


@admin.register(Regioteam)
class RegioteamAdmin(admin.ModelAdmin):
    list_display = ["naam", "lsc", "coach"]
    list_filter = ["lsc"]
    list_select_related = ["lsc", "coach"]


@admin.register(Ondersteuner)
class OndersteunerAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "lsc", "regioteam", "opdracht_procent", "woonplaats"]
    list_filter = ["lsc", "regioteam"]
    list_select_related = ["gebruiker", "lsc", "regioteam"]
    search_fields = ["gebruiker__naam", "gebruiker__email"]
    raw_id_fields = ["gebruiker"]


@admin.register(Clb)
class ClbAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente"]
    search_fields = ["naam"]
