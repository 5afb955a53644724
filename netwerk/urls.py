from django.contrib import admin
from django.urls import include, path

from netwerk import views

urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("gebruikers/uitnodigen/", views.gebruiker_uitnodigen, name="gebruiker_uitnodigen"),
    path("scholen/", include("scholen.urls")),
    path("account/", include("allauth.urls")),
    # The admin logs in through the same door as everyone (rate limits, MFA), never its own form.
    path("beheer/login/", views.beheer_login, name="beheer_login"),
    path("beheer/", admin.site.urls),
]
