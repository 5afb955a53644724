from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    ordering = ["naam"]
    list_display = ["naam", "email", "rol", "lsc", "clb", "is_active"]
    list_filter = ["rol", "lsc", "is_active"]
    search_fields = ["naam", "email"]
    list_select_related = ["lsc", "clb"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon en rol"), {"fields": ["naam", "rol", "lsc", "clb"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "naam", "rol", "lsc", "clb", "password1", "password2"]},
        )
    ]


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
