"""The school consultation's pages: each views module brings its own routes."""

from overleg.views import overleg, overzicht, sjablonen

urlpatterns = [*overzicht.urlpatterns, *sjablonen.urlpatterns, *overleg.urlpatterns]
