from django.urls import path

from capaciteit import views

urlpatterns = [
    path("", views.capaciteit_planning, name="capaciteit_planning"),
    path("publiceren/", views.capaciteit_publiceren, name="capaciteit_publiceren"),
    path(
        "publiceren/voorbeeld/", views.capaciteit_publiceren_voorbeeld, name="capaciteit_publiceren_voorbeeld"
    ),
    path("herverdelen/", views.capaciteit_herverdelen, name="capaciteit_herverdelen"),
    path(
        "<int:pk>/verdeling.<str:formaat>",
        views.capaciteit_export,
        name="capaciteit_export",
    ),
]
