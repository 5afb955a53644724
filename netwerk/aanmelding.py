"""The session's user, read with their supporter record in the same query.

Django reads `request.user` through the backend that logged them in; both backends here do so with a join
on the one-to-one supporter record, so that `ondersteuner_van(request.user)` and `request.user.ondersteuner`
cost no second query on every supporter page (issue: scale, at most six queries per main page).

The same query counts the user's unread notifications (`meldingen_ongelezen`, a subquery on the index
`melding_ongelezen`): the bell in every page's header costs no query of its own.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from netwerk.models import Melding


def _ongelezen():
    per_persoon = (
        Melding.objects.filter(ontvanger=OuterRef("pk"), gelezen_op__isnull=True)
        .order_by()
        .values("ontvanger")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per_persoon, output_field=IntegerField()), 0)


class MetOndersteuner:
    def get_user(self, user_id):
        gebruikers = (
            get_user_model()
            ._default_manager.select_related("ondersteuner")
            .annotate(meldingen_ongelezen=_ongelezen())
        )
        gebruiker = gebruikers.filter(pk=user_id).first()
        return gebruiker if gebruiker is not None and self.user_can_authenticate(gebruiker) else None


class ModelBackend(MetOndersteuner, backends.ModelBackend):
    pass


class AllauthBackend(MetOndersteuner, AuthenticationBackend):
    pass
