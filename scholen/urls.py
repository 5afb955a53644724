from django.urls import include, path

from scholen.views import scholen as views

urlpatterns = [
    path("", views.school_lijst, name="school_lijst"),
    path("<int:pk>/", views.school_detail, name="school_detail"),
]

urlpatterns += [path("importeren/", include("scholen.urls_importeren"))]
