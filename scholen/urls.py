from django.urls import path

from scholen import views

urlpatterns = [
    path("", views.school_lijst, name="school_lijst"),
    path("<int:pk>/", views.school_detail, name="school_detail"),
]
