from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path

from honingraat import beelden, dossier, meldingen, views

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
    path("meldingen/", meldingen.meldingen, name="meldingen"),
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
