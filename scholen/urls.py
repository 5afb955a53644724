"""The pages of schools, their import, CLBs and the requests to decide: one list of routes."""

from django.urls import path, re_path

from scholen.views import aanvragen, clbs, importeren
from scholen.views import scholen as views

urlpatterns = [
    path("", views.school_lijst, name="school_lijst"),
    path("<int:pk>/", views.school_detail, name="school_detail"),
    path("<int:pk>/bewerken/", views.school_bewerken, name="school_bewerken"),
    path("<int:pk>/ankers/", views.anker_toewijzen, name="anker_toewijzen"),
    path("<int:pk>/ankers/<int:anker_pk>/verwijderen/", views.anker_verwijderen, name="anker_verwijderen"),
    path("<int:pk>/register/", views.register_bijwerken, name="register_bijwerken"),
    re_path(r"^export\.(?P<formaat>csv|xlsx)$", views.school_export, name="school_export"),
    path("importeren/", importeren.import_start, name="import_start"),
    path("importeren/sjabloon/<soort>.csv", importeren.import_sjabloon, name="import_sjabloon"),
    path("importeren/<uuid:sleutel>/", importeren.import_voorbeeld, name="import_voorbeeld"),
    path("importeren/<uuid:sleutel>/bevestigen/", importeren.import_bevestig, name="import_bevestig"),
    path("importeren/<uuid:sleutel>/annuleren/", importeren.import_annuleer, name="import_annuleer"),
    path("clbs/", clbs.clb_lijst, name="clb_lijst"),
    path("clbs/<int:pk>/", clbs.clb_bewerken, name="clb_bewerken"),
    path("clbs/<int:pk>/samenvoegen/", clbs.clb_samenvoegen, name="clb_samenvoegen"),
    path("aanvragen/", aanvragen.aanvragen, name="aanvragen"),
    path("aanvragen/account/", aanvragen.account_beslissen, name="account_beslissen"),
    path("aanvragen/<int:pk>/", aanvragen.voorstel_beslissen, name="voorstel_beslissen"),
]
