from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path

from honingraat import beelden, dossier, jaarverslag_views, meldingen, team, views, vorming, zoeken

# The admin has no login form of its own: everyone comes in through the same door (rate limits, MFA).
admin.site.login = secure_admin_login(admin.site.login)
handler500 = "netwerk.fouten.serverfout"  # a clean 503 while the database is away

urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("gebruikers/uitnodigen/", views.gebruiker_uitnodigen, name="gebruiker_uitnodigen"),
    path("regioteams/<int:pk>/", views.regioteam_detail, name="regioteam_detail"),
    path("ondersteuners/<int:pk>/", views.ondersteuner_detail, name="ondersteuner_detail"),
    path("beelden/", beelden.beleid_beelden, name="beleid_beelden"),
    # --- issue 20 part 5: the yearly report
    path("jaarverslag/", jaarverslag_views.jaarverslag, name="jaarverslag"),
    re_path(
        r"^jaarverslag/(?P<jaar>\d{4})\.(?P<formaat>pdf|xlsx)$",
        jaarverslag_views.jaarverslag_bestand,
        name="jaarverslag_bestand",
    ),
    # The team gathers every app's figures about a supporter: it lives here, above them all.
    path("team/", team.team_lijst, name="team_lijst"),
    re_path(r"^team/export\.(?P<formaat>csv|xlsx)$", team.team_export, name="team_export"),
    path("team/<int:pk>/", team.team_ondersteuner, name="team_ondersteuner"),
    path("team/<int:pk>/vertrek/", team.team_vertrek, name="team_vertrek"),
    # The header's search field: POSTed (a pupil's name stays out of the URL), each kind scoped as its page.
    path("zoeken/", zoeken.zoeken, name="zoeken"),
    # --- issue 20 part 4: professional development (trainings, growth focus, coaching moments)
    path("vormingen/", vorming.vorming_lijst, name="vorming_lijst"),
    path("vormingen/nieuw/", vorming.vorming_nieuw, name="vorming_nieuw"),
    path("vormingen/<int:pk>/", vorming.vorming_detail, name="vorming_detail"),
    path("vormingen/<int:pk>/bewerken/", vorming.vorming_bewerken, name="vorming_bewerken"),
    path("vormingen/<int:pk>/inschrijven/", vorming.vorming_inschrijven, name="vorming_inschrijven"),
    path("vormingen/<int:pk>/uitschrijven/", vorming.vorming_uitschrijven, name="vorming_uitschrijven"),
    path("vormingen/<int:pk>/aanwezigheid/", vorming.vorming_aanwezigheid, name="vorming_aanwezigheid"),
    path("vormingen/<int:pk>/annuleren/", vorming.vorming_annuleren, name="vorming_annuleren"),
    re_path(
        r"^vormingen/(?P<pk>[0-9]+)/export\.(?P<formaat>csv|xlsx)$",
        vorming.vorming_export,
        name="vorming_export",
    ),
    path("team/<int:pk>/groeifocus/", vorming.groeifocus, name="groeifocus"),
    path("team/<int:pk>/coaching/", vorming.coaching_lijst, name="coaching_lijst"),
    path("coaching/<int:pk>/", vorming.coaching_detail, name="coaching_detail"),
    path("meldingen/", meldingen.meldingen, name="meldingen"),
    path("mails/mislukt/", views.mislukte_mails, name="mislukte_mails"),
    path("meldingen/<int:pk>/", meldingen.melding_openen, name="melding_openen"),
    path("meldingen/gelezen/", meldingen.meldingen_gelezen, name="meldingen_gelezen"),
    path("meldingen/voorkeuren/", meldingen.meldingvoorkeuren, name="meldingvoorkeuren"),
    # The school's dossier gathers every app's part of a school: it lives here, above them all.
    path("scholen/mijn/", dossier.mijn_school, name="school_mijn"),
    path("scholen/<int:pk>/dossier/", dossier.school_dossier, name="school_dossier"),
    path("scholen/", include("scholen.urls")),
    path("trajecten/", include("trajecten.urls")),
    path("", include("capaciteit.urls")),  # tijdskader/, capaciteit/, weekplan/
    path("overleg/", include("overleg.urls")),
    path("account/", include("allauth.urls")),
    # allauth's own addresses (/accounts/…), as in its documentation and old bookmarks: the same pages here.
    re_path(r"^accounts/(?P<rest>.*)$", views.naar_account, name="accounts_oud"),
    path("beheer/", admin.site.urls),
]
