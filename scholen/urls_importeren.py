"""Under /scholen/importeren/: the upload page, templates, and the preview of one upload by its key."""

from django.urls import path

from scholen.views import importeren as views

urlpatterns = [
    path("", views.import_start, name="import_start"),
    path("sjabloon/<soort>.csv", views.import_sjabloon, name="import_sjabloon"),
    path("<uuid:sleutel>/", views.import_voorbeeld, name="import_voorbeeld"),
    path("<uuid:sleutel>/bevestigen/", views.import_bevestig, name="import_bevestig"),
    path("<uuid:sleutel>/annuleren/", views.import_annuleer, name="import_annuleer"),
]
