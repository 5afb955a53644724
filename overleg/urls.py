"""The school consultation's pages: each views module brings its own routes."""

from overleg.views import (
    afsluiting,
    afspraken,
    afstemming,
    bezorgdheid,
    overleg,
    overzicht,
    sjablonen,
    verslag,
)

urlpatterns = [
    *overzicht.urlpatterns,
    *sjablonen.urlpatterns,
    *overleg.urlpatterns,
    *afspraken.urlpatterns,
    *verslag.urlpatterns,
    *afstemming.urlpatterns,
    *bezorgdheid.urlpatterns,
    *afsluiting.urlpatterns,
]
