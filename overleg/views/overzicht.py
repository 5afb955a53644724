"""Routes follow with the screens."""

urlpatterns: list = []
