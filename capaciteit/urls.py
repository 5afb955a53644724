"""Every capacity page, under four roots: a school's frame (tijdskader/), the coordinator's planning and
follow-up (capaciteit/), and the week plan with a supporter's week (weekplan/)."""

from django.urls import path

from capaciteit.views import (
    gedaan,
    jaarovergang,
    kalender,
    kilometers,
    mijn_week,
    opvolging,
    planning,
    publiceren,
    teamweek,
    tijdskader,
    weekplan,
)

urlpatterns = [
    path("tijdskader/scholen/<int:school_pk>/", tijdskader.tijdskader_school, name="tijdskader_school"),
    path("capaciteit/", planning.capaciteit_planning, name="capaciteit_planning"),
    path("capaciteit/opvolging/", opvolging.capaciteit_opvolging, name="capaciteit_opvolging"),
    path("capaciteit/publiceren/", publiceren.capaciteit_publiceren, name="capaciteit_publiceren"),
    path(
        "capaciteit/publiceren/voorbeeld/",
        publiceren.capaciteit_publiceren_voorbeeld,
        name="capaciteit_publiceren_voorbeeld",
    ),
    path("capaciteit/jaarovergang/", jaarovergang.capaciteit_jaarovergang, name="capaciteit_jaarovergang"),
    path("capaciteit/herverdelen/", planning.capaciteit_herverdelen, name="capaciteit_herverdelen"),
    path("capaciteit/<int:pk>/verdeling.<str:formaat>", planning.capaciteit_export, name="capaciteit_export"),
    path("weekplan/", weekplan.weekplan_overzicht, name="weekplan_overzicht"),
    path("weekplan/voorstellen/", weekplan.weekplan_voorstellen, name="weekplan_voorstellen"),
    path("weekplan/<int:pk>/", weekplan.weekplan_detail, name="weekplan_detail"),
    path("weekplan/<int:pk>/opnieuw/", weekplan.weekplan_opnieuw, name="weekplan_opnieuw"),
    path("weekplan/<int:pk>/publiceren/", weekplan.weekplan_publiceren, name="weekplan_publiceren"),
    path(
        "weekplan/regel/<int:pk>/vastzetten/",
        weekplan.weekplan_regel_vastzetten,
        name="weekplan_regel_vastzetten",
    ),
    path("weekplan/regel/<int:pk>/", weekplan.weekplan_regel, name="weekplan_regel"),
    path("weekplan/regel/<int:pk>/ruilen/", weekplan.weekplan_regel_ruilen, name="weekplan_regel_ruilen"),
    path(
        "weekplan/<int:pk>/week-vastzetten/",
        weekplan.weekplan_week_vastzetten,
        name="weekplan_week_vastzetten",
    ),
    path(
        "weekplan/regel/<int:pk>/verplaatsen/",
        weekplan.weekplan_regel_verplaatsen,
        name="weekplan_regel_verplaatsen",
    ),
    path("weekplan/kalender/", kalender.weekplan_kalender, name="weekplan_kalender"),
    path("weekplan/kalender/afwezigheid/", kalender.weekplan_afwezigheid, name="weekplan_afwezigheid"),
    path(
        "weekplan/kalender/afwezigheid/<int:pk>/verwijderen/",
        kalender.weekplan_afwezigheid_verwijderen,
        name="weekplan_afwezigheid_verwijderen",
    ),
    path(
        "weekplan/regel/<int:pk>/wijzigen/", kalender.weekplan_regel_wijzigen, name="weekplan_regel_wijzigen"
    ),
    path("weekplan/mijn-week/", mijn_week.mijn_week, name="mijn_week"),
    path("weekplan/bezoek/<int:school_pk>/gedaan/", gedaan.bezoek_gedaan, name="bezoek_gedaan"),
    path(
        "weekplan/bezoek/<int:school_pk>/niet-gedaan/", gedaan.bezoek_niet_gedaan, name="bezoek_niet_gedaan"
    ),
    path("weekplan/mijn-kilometers/", kilometers.mijn_kilometers, name="mijn_kilometers"),
    path(
        "weekplan/mijn-kilometers.<str:formaat>",
        kilometers.mijn_kilometers_export,
        name="mijn_kilometers_export",
    ),
    path("weekplan/kilometers/<int:pk>/", kilometers.kilometers_ondersteuner, name="kilometers_ondersteuner"),
    path(
        "weekplan/kilometers/<int:pk>.<str:formaat>",
        kilometers.kilometers_ondersteuner_export,
        name="kilometers_ondersteuner_export",
    ),
    path("weekplan/mijn-teams/", teamweek.weekplan_teams, name="weekplan_teams"),
    path("weekplan/mijn-week/nieuwe-link/", mijn_week.mijn_week_nieuwe_link, name="mijn_week_nieuwe_link"),
    # Public: the secret in the URL is the key, for calendar apps that cannot log in.
    path("weekplan/agenda/<str:sleutel>.ics", mijn_week.weekplan_agenda, name="weekplan_agenda"),
]
