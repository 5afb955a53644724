from django.urls import path

from capaciteit import views_weekplan as views

urlpatterns = [
    path("", views.weekplan_overzicht, name="weekplan_overzicht"),
    path("voorstellen/", views.weekplan_voorstellen, name="weekplan_voorstellen"),
    path("<int:pk>/", views.weekplan_detail, name="weekplan_detail"),
    path("<int:pk>/opnieuw/", views.weekplan_opnieuw, name="weekplan_opnieuw"),
    path("<int:pk>/publiceren/", views.weekplan_publiceren, name="weekplan_publiceren"),
    path("regel/<int:pk>/vastzetten/", views.weekplan_regel_vastzetten, name="weekplan_regel_vastzetten"),
    path("regel/<int:pk>/verplaatsen/", views.weekplan_regel_verplaatsen, name="weekplan_regel_verplaatsen"),
    path("mijn-week/", views.mijn_week, name="mijn_week"),
    path("mijn-week/nieuwe-link/", views.mijn_week_nieuwe_link, name="mijn_week_nieuwe_link"),
    # Public: the secret in the URL is the key, for calendar apps that cannot log in.
    path("agenda/<str:sleutel>.ics", views.weekplan_agenda, name="weekplan_agenda"),
]
