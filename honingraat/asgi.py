import os

from django.core.asgi import get_asgi_application

from netwerk.opstart import weiger_zonder_geheim

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "honingraat.settings")
application = get_asgi_application()
weiger_zonder_geheim()
