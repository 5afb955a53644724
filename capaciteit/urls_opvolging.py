from django.urls import path

from capaciteit import views_opvolging as views

urlpatterns = [
    path("", views.capaciteit_opvolging, name="capaciteit_opvolging"),
]
