"""Under /trajecten/: ids only in every path and query string, never a pupil's name."""

from django.urls import path, re_path

from trajecten.views import (
    aanmelding,
    aanvraag,
    acties,
    afsluiting,
    dagblad,
    detail,
    focus,
    lijsten,
    logboek,
    privacy,
)

urlpatterns = [
    path("", lijsten.traject_lijst, name="traject_lijst"),
    path("mijn/", lijsten.mijn_trajecten, name="mijn_trajecten"),
    path("dag/", dagblad.dagblad, name="dagblad"),
    path("dag/<int:school_pk>/", dagblad.dagblad_school, name="dagblad_school"),
    path("dag/bewaard/<str:sleutel>/", dagblad.dagblad_bewaard, name="dagblad_bewaard"),
    path("dag/bewaard/<str:sleutel>/ongedaan/", dagblad.dagblad_ongedaan, name="dagblad_ongedaan"),
    re_path(r"^export\.(?P<formaat>csv|xlsx)$", lijsten.traject_export, name="traject_export"),
    path("nieuw/", aanmelding.traject_nieuw, name="traject_nieuw"),
    path("<int:pk>/", detail.traject_detail, name="traject_detail"),
    path("<int:pk>/pdf/", detail.traject_pdf, name="traject_pdf"),
    path("<int:pk>/antwoord/", acties.traject_antwoord, name="traject_antwoord"),
    path("<int:pk>/starten/", acties.traject_starten, name="traject_starten"),
    path("<int:pk>/doel/", acties.traject_doel, name="traject_doel"),
    path("<int:pk>/evaluatie/", acties.traject_evaluatie, name="traject_evaluatie"),
    path("<int:pk>/afronden/", acties.traject_afronden, name="traject_afronden"),
    path("<int:pk>/stopzetten/", acties.traject_stopzetten, name="traject_stopzetten"),
    path("<int:pk>/heropenen/", acties.traject_heropenen, name="traject_heropenen"),
    path("<int:pk>/toewijzen/", acties.traject_toewijzen, name="traject_toewijzen"),
    path("<int:pk>/tijd/", acties.traject_tijd, name="traject_tijd"),
    path("<int:pk>/logboek/", logboek.traject_logboek, name="traject_logboek"),
    path(
        "<int:pk>/logboek/<int:regel>/wijzigen/",
        logboek.traject_logboek_wijzigen,
        name="traject_logboek_wijzigen",
    ),
    path(
        "<int:pk>/logboek/<int:regel>/verwijderen/",
        logboek.traject_logboek_verwijderen,
        name="traject_logboek_verwijderen",
    ),
    path(
        "<int:pk>/logboek/herstellen/", logboek.traject_logboek_herstellen, name="traject_logboek_herstellen"
    ),
    path("<int:pk>/betrokkene/", acties.traject_betrokkene, name="traject_betrokkene"),
    path("<int:pk>/afspraken/", acties.traject_afspraken, name="traject_afspraken"),
    path("afsluiting/<str:sleutel>/", afsluiting.afsluitvragen, name="afsluitvragen"),
    path("leerling/<int:pk>/dossier.json", privacy.leerling_dossier, name="leerling_dossier"),
    path("leerling/<int:pk>/dossier/", privacy.leerling_dossier_afdruk, name="leerling_dossier_afdruk"),
    path("leerling/<int:pk>/wissen/", privacy.leerling_wissen, name="leerling_wissen"),
    path("wisverzoeken/", privacy.wisverzoek_lijst, name="wisverzoek_lijst"),
    path("wisverzoeken/<int:pk>/", privacy.wisverzoek_beslissen, name="wisverzoek_beslissen"),
    # Focus teams and colleagues called in on a trajectory, and the Wednesday intervisie.
    path("<int:pk>/focusteam/", focus.traject_focus_inroepen, name="traject_focus_inroepen"),
    path("<int:pk>/collega/", focus.traject_collegavraag, name="traject_collegavraag"),
    path("focusvragen/", focus.focusvraag_lijst, name="focusvraag_lijst"),
    path("focusvragen/<int:pk>/nemen/", focus.focusvraag_nemen, name="focusvraag_nemen"),
    path("focusvragen/<int:pk>/toewijzen/", focus.focusvraag_toewijzen, name="focusvraag_toewijzen"),
    path("focusvragen/<int:pk>/beeindigen/", focus.focusdeel_beeindigen, name="focusdeel_beeindigen"),
    path("collegavragen/", focus.collegavraag_lijst, name="collegavraag_lijst"),
    path("collegavragen/<int:pk>/", focus.collegavraag_detail, name="collegavraag_detail"),
    path("collegavragen/<int:pk>/antwoord/", focus.collegavraag_antwoord, name="collegavraag_antwoord"),
    path("intervisie/", focus.intervisie, name="intervisie"),
    # The school's own requests (issue 19): its care staff submit and follow them.
    path("school/<int:school_pk>/aanvragen/", aanvraag.school_aanvragen, name="school_aanvragen"),
    path("school/<int:school_pk>/aanvragen/nieuw/", aanvraag.aanvraag_nieuw, name="aanvraag_nieuw"),
    path("<int:pk>/bijlage/", aanvraag.aanvraag_bijlage, name="aanvraag_bijlage"),
]
