from django.contrib import admin

from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers


class BedieningInline(admin.TabularInline):
    model = Bediening
    extra = 0


class CijfersInline(admin.TabularInline):
    model = Schooljaarcijfers
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["naam", "instellingsnummer", "gemeente", "niveau", "net", "clb"]
    list_filter = ["niveau", "net", "clb"]
    search_fields = ["naam", "instellingsnummer", "gemeente"]
    list_select_related = ["clb"]
    filter_horizontal = ["zorgmedewerkers"]
    inlines = [BedieningInline, CijfersInline]


@admin.register(Ankertoewijzing)
class AnkertoewijzingAdmin(admin.ModelAdmin):
    list_display = ["school", "ondersteuner", "lsc", "schooljaar"]
    list_filter = ["lsc", "schooljaar"]
    list_select_related = ["school", "ondersteuner__gebruiker", "lsc"]
    raw_id_fields = ["school", "ondersteuner"]
