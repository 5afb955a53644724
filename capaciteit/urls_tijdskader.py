from django.urls import path

from capaciteit import views_tijdskader as views

urlpatterns = [
    path("scholen/<int:school_pk>/", views.tijdskader_school, name="tijdskader_school"),
]
