"""The session's user, read with their supporter record in the same query.

Django reads `request.user` through the backend that logged them in; both backends here do so with a join
on the one-to-one supporter record, so that `ondersteuner_van(request.user)` and `request.user.ondersteuner`
cost no second query on every supporter page (issue: scale, at most six queries per main page).
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model


class MetOndersteuner:
    def get_user(self, user_id):
        gebruikers = get_user_model()._default_manager.select_related("ondersteuner")
        gebruiker = gebruikers.filter(pk=user_id).first()
        return gebruiker if gebruiker is not None and self.user_can_authenticate(gebruiker) else None


class ModelBackend(MetOndersteuner, backends.ModelBackend):
    pass


class AllauthBackend(MetOndersteuner, AuthenticationBackend):
    pass
